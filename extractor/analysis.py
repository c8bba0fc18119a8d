"""From a file to its analyses, or back from analyses saved earlier: the input of compare, diff, graph and export.

A source file (PDF, text, DOCX, HTML) is parsed and each of its documents extracted once. A saved file, the
JSON or JSONL that ``zhengce extract --format json|analyses`` wrote (analyses) or that ``zhengce parse`` wrote
(documents, extracted on loading), is read back as it was written, without parsing or extracting again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import InputError
from .extract import extract_document
from .pipeline import parse_path, split_document_ref
from .records import Analysis, AnalysisResult, Document, ParseResult

SAVED_SUFFIXES = (".json", ".jsonl")
"""Files holding saved records rather than a source document."""


def is_saved(path: str | Path) -> bool:
    """Does ``path`` name saved records (JSON or JSONL written by zhengce) rather than a source file?

    >>> is_saved("out/corpus.jsonl"), is_saved("corpus/texts/001.txt"), is_saved("x.json#01")
    (True, False, True)
    """
    return split_document_ref(path)[0].suffix.lower() in SAVED_SUFFIXES


def _records(path: Path) -> Iterator[tuple[str, Any]]:
    """(where, object) for every record of a JSON list, a JSON object or a JSONL file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 JSON: {e.reason} at byte {e.start}") from e
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield f"line {n}", json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(path, f"line {n}: not JSON: {e.msg} at column {e.colno}") from e
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(path, f"not JSON: {e.msg} at line {e.lineno} column {e.colno}") from e
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items):
        yield (f"record {n + 1}" if isinstance(data, list) else "the record"), item


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "(top)"
    return f"{where}: {err['msg']}"


def read_analyses(path: str | Path) -> list[Analysis]:
    """The analyses saved in a JSON or JSONL file. Documents saved by ``zhengce parse`` are extracted on loading
    (once each); anything else, such as the quantity rows of ``extract --format jsonl``, is an InputError.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    out: list[Analysis] = []
    for where, obj in _records(p):
        if not isinstance(obj, dict):
            raise InputError(p, f"{where}: not a record (a JSON object) but {type(obj).__name__}")
        try:
            if "document" in obj and "quantities" in obj:
                out.append(Analysis.model_validate(obj))
            elif "text" in obj and "sections" in obj and "source" in obj:
                out.append(extract_document(Document.model_validate(obj)))
            else:
                hint = " (quantity rows cannot be read back: write analyses with `zhengce extract --format json`)" \
                    if "quote" in obj and "doc" in obj else ""
                raise InputError(p, f"{where}: neither an analysis nor a document written by zhengce{hint}")
        except ValidationError as e:
            raise InputError(p, f"{where}: not a valid {'analysis' if 'document' in obj else 'document'}: {_first_error(e)}") from e
    if not out:
        raise InputError(p, "holds no records")
    return out


def _pick(analyses: list[Analysis], part: str | None) -> list[Analysis]:
    if part is None:
        return analyses
    return [a for a in analyses if a.id == part or Path(a.id).stem.endswith(f"-{part}")]


def analyze_path(path: str | Path) -> AnalysisResult:
    """The analyses of one file (or of one document of it: ``PATH#NN``), a source or a saved file; bad input
    goes into the result's ``error``."""
    if is_saved(path):
        file, part = split_document_ref(path)
        try:
            analyses = _pick(read_analyses(file), part)
        except InputError as e:
            return AnalysisResult(path=str(path), error=e.cause)
        if not analyses:
            return AnalysisResult(path=str(path), error=f"no document {part} in it")
        return AnalysisResult(path=str(path), analyses=analyses)
    parsed = parse_path(path)
    if parsed.error is not None:
        return AnalysisResult(path=str(path), error=parsed.error)
    return AnalysisResult(path=str(path), analyses=[extract_document(d) for d in parsed.documents])


def documents_of_path(path: str | Path) -> ParseResult:
    """The documents of one file: a source parsed, or a saved file's documents read back (nothing extracted)."""
    if not is_saved(path):
        return parse_path(path)
    result = analyze_path(path)
    return ParseResult(path=result.path, documents=[a.document for a in result.analyses], error=result.error)


def analyze_file(path: str | Path) -> list[Analysis]:
    """The analyses of one source or saved file. Raises InputError, naming the file and the cause."""
    result = analyze_path(path)
    if result.error is not None:
        raise InputError(path, result.error)
    return result.analyses


__all__ = ["SAVED_SUFFIXES", "analyze_file", "analyze_path", "documents_of_path", "is_saved", "read_analyses"]
