"""From a file to its analyses, or back from analyses saved earlier: the input of compare, diff, graph and export.

A source file (PDF, text, DOCX, HTML) is parsed and each of its documents extracted once. A saved file, the
JSON or JSONL that ``zhengce extract --format json|analyses`` wrote (analyses) or that ``zhengce parse`` wrote
(documents, extracted on loading), is read back as it was written, without parsing or extracting again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import extract
from .budgets import DEFAULT_BUDGETS, Budgets
from .errors import InputError
from .extract import extract_document, extract_documents
from .ingest.raw import RawDoc, RawLine
from .ingest.saved import read_saved
from .pipeline import failure_cause, is_saved, parse_path, pick_documents, raw_to_documents, split_document_ref
from .records import Analysis, AnalysisResult

log = logging.getLogger(__name__)


WARM_UP_TEXT = "关于印发创业补贴办法的通知\n一、补贴标准\n对首次创业的高校毕业生，给予一次性创业补贴5000元，贷款额度最高不超过20万元，期限3年。"


def warm_up() -> None:
    """Build what extraction loads on first use (spaCy, the rule tables, the taxonomy) in this process, by
    analysing a short built-in text, so that worker processes forked after it start with it built."""
    extract.extract_documents(raw_to_documents(RawDoc("<warm-up>", "text", [RawLine(t, None, n) for n, t in enumerate(
        WARM_UP_TEXT.split("\n"), start=1)])))


def read_analyses(path: str | Path) -> list[Analysis]:
    """The analyses saved in a JSON or JSONL file. Documents saved by ``zhengce parse`` are extracted on loading
    (once each); anything else, such as the quantity rows of ``extract --format jsonl``, is an InputError.
    """
    return [r if isinstance(r, Analysis) else extract_document(r) for r in read_saved(path)]


def analyze_path(path: str | Path, budgets: Budgets = DEFAULT_BUDGETS) -> AnalysisResult:
    """The analyses of one file (or of one document of it: ``PATH#NN``), a source (read within ``budgets``) or a
    saved file. Any failure of the file, of whatever type, goes into the result's ``error``."""
    try:
        if is_saved(path):
            file, part = split_document_ref(path)
            analyses = pick_documents(read_analyses(file), part, lambda a: a.id)
            if not analyses:
                return AnalysisResult(path=str(path), error=f"no document {part} in it")
            return AnalysisResult(path=str(path), analyses=analyses)
        parsed = parse_path(path, budgets)
        if parsed.error is not None:
            return AnalysisResult(path=str(path), error=parsed.error)
        return AnalysisResult(path=str(path), analyses=extract_documents(parsed.documents, max_numbers=budgets.max_numbers))
    except Exception as e:  # a batch survives any file: the failure is that file's one line
        if not isinstance(e, InputError):
            log.debug("analysing %s failed", path, exc_info=True)
        return AnalysisResult(path=str(path), error=failure_cause(e))


def for_versions(result: AnalysisResult) -> AnalysisResult:
    """``result`` with only what ``diff`` and ``history`` read of an analysis: the document's text, head, sections,
    references, line locations and source edits, and the quantities. The provisions and the attachments' own
    section trees (which hold the attachments' text again, once a level) are left out, so that a command holding
    two long versions does not hold them twice over (issue 13: a 5M-character policy text's analysis is about
    250 MB in memory, half of it those two)."""
    return result.model_copy(update={"analyses": [
        a.model_copy(update={"provisions": [], "document": a.document.model_copy(update={"attachments": []})})
        for a in result.analyses]})


def analyze_versions(path: str | Path, budgets: Budgets = DEFAULT_BUDGETS) -> AnalysisResult:
    """``for_versions(analyze_path(path, budgets))``: run in the worker, so that only that is sent back."""
    return for_versions(analyze_path(path, budgets))


def analyze_file(path: str | Path, budgets: Budgets = DEFAULT_BUDGETS) -> list[Analysis]:
    """The analyses of one source or saved file. Raises InputError, naming the file and the cause."""
    result = analyze_path(path, budgets)
    if result.error is not None:
        raise InputError(path, result.error)
    return result.analyses


__all__ = ["analyze_file", "analyze_path", "analyze_versions", "for_versions", "read_analyses", "warm_up"]
