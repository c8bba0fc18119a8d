"""From a file to its analyses, or back from analyses saved earlier: the input of compare, diff, graph and export.

A source file (PDF, text, DOCX, HTML) is parsed and each of its documents extracted once. A saved file, the
JSON or JSONL that ``zhengce extract --format json|analyses`` wrote (analyses) or that ``zhengce parse`` wrote
(documents, extracted on loading), is read back as it was written, without parsing or extracting again.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .extract import extract_document, extract_documents
from .ingest.saved import read_saved
from .pipeline import is_saved, parse_path, pick_documents, split_document_ref
from .records import Analysis, AnalysisResult


def read_analyses(path: str | Path) -> list[Analysis]:
    """The analyses saved in a JSON or JSONL file. Documents saved by ``zhengce parse`` are extracted on loading
    (once each); anything else, such as the quantity rows of ``extract --format jsonl``, is an InputError.
    """
    return [r if isinstance(r, Analysis) else extract_document(r) for r in read_saved(path)]


def analyze_path(path: str | Path) -> AnalysisResult:
    """The analyses of one file (or of one document of it: ``PATH#NN``), a source or a saved file; bad input
    goes into the result's ``error``."""
    if is_saved(path):
        file, part = split_document_ref(path)
        try:
            analyses = pick_documents(read_analyses(file), part, lambda a: a.id)
        except InputError as e:
            return AnalysisResult(path=str(path), error=e.cause)
        if not analyses:
            return AnalysisResult(path=str(path), error=f"no document {part} in it")
        return AnalysisResult(path=str(path), analyses=analyses)
    parsed = parse_path(path)
    if parsed.error is not None:
        return AnalysisResult(path=str(path), error=parsed.error)
    return AnalysisResult(path=str(path), analyses=extract_documents(parsed.documents))


def analyze_file(path: str | Path) -> list[Analysis]:
    """The analyses of one source or saved file. Raises InputError, naming the file and the cause."""
    result = analyze_path(path)
    if result.error is not None:
        raise InputError(path, result.error)
    return result.analyses


__all__ = ["analyze_file", "analyze_path", "read_analyses"]
