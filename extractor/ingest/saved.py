"""Reading back records zhengce saved: the JSON or JSONL of ``zhengce extract --format json|analyses`` (analyses)
or of ``zhengce parse`` (documents). Nothing is parsed or extracted here; a bad file is one InputError."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..records import Analysis, Document
from .raw import existing_file

SAVED_SUFFIXES = (".json", ".jsonl")
"""Files holding saved records rather than a source document."""


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


def read_saved(path: str | Path) -> list[Analysis | Document]:
    """The analyses and documents saved in a JSON or JSONL file, in order. Anything else, such as the quantity
    rows of ``extract --format jsonl``, is an InputError naming the file, the record and the cause."""
    p = existing_file(path)
    out: list[Analysis | Document] = []
    for where, obj in _records(p):
        if not isinstance(obj, dict):
            raise InputError(p, f"{where}: not a record (a JSON object) but {type(obj).__name__}")
        is_analysis = "document" in obj and "quantities" in obj
        try:
            if is_analysis:
                out.append(Analysis.model_validate(obj))
            elif "text" in obj and "sections" in obj and "source" in obj:
                out.append(Document.model_validate(obj))
            else:
                hint = " (quantity rows cannot be read back: write analyses with `zhengce extract --format json`)" \
                    if "quote" in obj and "doc_id" in obj else ""
                raise InputError(p, f"{where}: neither an analysis nor a document written by zhengce{hint}")
        except ValidationError as e:
            raise InputError(p, f"{where}: not a valid {'analysis' if is_analysis else 'document'}: {_first_error(e)}") from e
    if not out:
        raise InputError(p, "holds no records")
    return out


__all__ = ["SAVED_SUFFIXES", "read_saved"]
