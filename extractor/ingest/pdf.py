"""PDF: page text and line geometry from pypdfium2, tables from pdfplumber, OCR for pages without usable text.

Page by page, each page closed before the next, so memory stays bounded on a 1,000-page file.
Running headers, footers and page numbers are dropped; a line is marked ``full`` when it reaches the right
edge of its column and the next line starts at the column's left edge, so the cleaner can re-join wrapped
paragraphs exactly, also across page breaks.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from ..budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from ..errors import InputError
from ..text.patterns import PAGE_NUMBER_RE
from . import _pdf_quality as quality
from ._pdf_lines import PdfLine
from ._pdf_pages import ContentProbe, looks_white, object_count, pages_phrase
from ._pdf_tables import Box, TableEngine, find_tables, grid_tables, page_rules
from .ocr import OcrEngine
from .raw import RawDoc, RawLine

log = logging.getLogger(__name__)

MAX_TABLE_OBJECTS = 100_000  # a page with more page objects than this is not searched for ruled tables
MAX_RULES = 3_000  # nor one with more ruling lines (about 2 s to group them)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise InputError(path, "encrypted PDF (a password is needed to open it)") from e
        if "format" in msg or "file" in msg:
            raise InputError(path, "damaged or truncated PDF (pdfium: data format error)") from e
        raise InputError(path, f"cannot open PDF: {e}") from e


def _line_box(tp: pdfium.PdfTextPage, first: int, last: int) -> tuple[float, float, float, float] | None:
    """``(x0, x1, top, bottom)`` of a line from its first and last characters (PDF coordinates, y upwards);
    None when pdfium cannot give a character's box."""
    try:
        l0, b0, r0, t0 = tp.get_charbox(first, loose=True)
        _, _, r1, _ = tp.get_charbox(last, loose=True)
    except (pdfium.PdfiumError, IndexError):
        return None
    return l0, max(r0, r1), t0, b0


def _page_lines(page: pdfium.PdfPage, tp: pdfium.PdfTextPage, pageno: int) -> tuple[list[PdfLine], str, int]:
    """Lines of one page with the geometry of their first and last characters, the page's text, and how many
    lines had no readable character box (those get ``size`` 0: no geometry, so no wrap is read from it)."""
    height = page.get_height()
    text = tp.get_text_range()
    out: list[PdfLine] = []
    pos = 0
    lineno = 0
    missing = 0
    for raw in text.split("\r\n"):
        start, end = pos, pos + len(raw)
        pos = end + 2
        stripped = raw.replace("\ufffe", "-")
        if not stripped.strip():
            continue
        lineno += 1
        box = _line_box(tp, start + (len(raw) - len(raw.lstrip())), start + len(raw.rstrip()) - 1)
        if box is None:
            missing += 1
            top = out[-1].top if out else 0.0  # keep the line where it was read, in reading order
            out.append(PdfLine(stripped.strip(), 0.0, 0.0, top, 0.0, pageno, lineno))
            continue
        x0, x1, t, b = box
        out.append(PdfLine(stripped.strip(), x0, x1, height - t, max(t - b, 1.0), pageno, lineno))
    return out, text, missing


def _body_size(lines: list[PdfLine]) -> float:
    sizes = sorted(ln.size for ln in lines if ln.size > 0)
    return sizes[len(sizes) // 2] if sizes else 12.0


def _margins(pages: list[list[PdfLine]]) -> tuple[float, float]:
    """The type area's left and right edges: medians over pages with enough lines to show them."""
    lefts, rights = [], []
    for lines in pages:
        body = [ln for ln in lines if ln.size > 0]
        if len(body) >= 8:
            lefts.append(min(ln.x0 for ln in body))
            rights.append(max(ln.x1 for ln in body))
    if not lefts:
        return 0.0, 0.0
    return sorted(lefts)[len(lefts) // 2], sorted(rights)[len(rights) // 2]


def _mark_columns(lines: list[PdfLine], width: float, margins: tuple[float, float]) -> None:
    """Mark lines that reach the right edge of their column and lines that start at its left edge.

    A two-column page is marked column by column; other pages use the document's margins (a page whose
    every line opens a paragraph would otherwise put the margin at the indent).
    """
    body = [ln for ln in lines if ln.size > 0]
    if not body:
        return
    mid = width / 2
    columns: dict[bool, list[PdfLine]] = {}
    for ln in body:
        columns.setdefault(ln.x0 >= mid - 1, []).append(ln)
    two_col = len(columns) == 2 and all(len(v) >= 4 for v in columns.values()) and all(
        ln.x1 <= mid + 2 for ln in columns[False]
    )
    groups = list(columns.values()) if two_col else [body]
    for group in groups:
        cw = _body_size(group)
        if two_col or margins == (0.0, 0.0):
            left, right = min(ln.x0 for ln in group), max(ln.x1 for ln in group)
        else:
            left, right = margins
        for ln in group:
            ln.reaches_right = ln.x1 >= right - 1.5 * cw
            ln.starts_left = ln.x0 <= left + 0.9 * cw


def _wrapped(ln: PdfLine, nxt: PdfLine | None, body: float) -> bool:
    """Did the layout wrap ``ln`` onto ``nxt``? Body text: it fills the line and the next starts at the margin.

    A line in large type (a title or an organ's name in the red header) that fills the line continues on
    the next line of the same size, which is centred.
    """
    if nxt is None or nxt.page > ln.page + 1 or not ln.reaches_right or "\t" in ln.text + nxt.text or ln.size <= 0 or nxt.size <= 0:
        return False
    same_size = max(ln.size, nxt.size) <= 1.3 * min(ln.size, nxt.size)  # a heading in larger type is no wrap
    if ln.size > 1.2 * body and nxt.page == ln.page:
        return same_size and abs(ln.size - nxt.size) <= 0.1 * ln.size
    return nxt.starts_left and same_size


def _strip_furniture(pages: list[list[PdfLine]]) -> list[list[PdfLine]]:
    """Drop page numbers and running headers/footers (first or last lines repeated on half the pages)."""
    edges: Counter[str] = Counter()
    for lines in pages:
        seen = {ln.text.replace(" ", "") for ln in lines[:2] + lines[-2:]}
        edges.update(seen)
    need = max(2, (sum(1 for lines in pages if lines) + 1) // 2)  # of the pages with text: blank pages print no header
    repeated = {t for t, n in edges.items() if n >= need}
    out = []
    for lines in pages:
        kept = []
        for i, ln in enumerate(lines):
            at_edge = i < 2 or i >= len(lines) - 2
            if at_edge and (PAGE_NUMBER_RE.match(ln.text) or ln.text.replace(" ", "") in repeated):
                continue
            kept.append(ln)
        out.append(kept)
    return out


@dataclass(slots=True)
class _Pages:
    """What the first pass over a PDF's pages found: each page's lines (empty for a page not read from its text
    layer), the pages that need OCR, and the pages skipped or blank."""

    lines: list[list[PdfLine]]
    widths: list[float]
    tables: dict[int, list[tuple[Box, list[list[str]]]]] = field(default_factory=dict)
    to_ocr: list[tuple[int, quality.Verdict]] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=dict)  # cause -> 1-based page numbers
    blank: list[int] = field(default_factory=list)
    chars: int = 0

    def skip(self, pageno: int, cause: str) -> None:
        self.skipped.setdefault(cause, []).append(pageno)


def _cause(e: BaseException) -> str:
    first = str(e).strip().splitlines()
    return type(e).__name__ + (f": {first[0][:200]}" if first else "")


def _read_page(
    page: pdfium.PdfPage, i: int, found: _Pages, probe: ContentProbe, path: Path, budgets: Budgets,
    table_engine: TableEngine, warnings: list[str],
) -> None:
    """Read page ``i`` from its text layer into ``found``, or note that it is blank, damaged or needs OCR."""
    tp = page.get_textpage()
    try:
        lines, text, missing = _page_lines(page, tp, i + 1)
        found.chars += len(text)
        if found.chars > budgets.max_chars:
            raise BudgetError(path, "max_chars", f"more than {found.chars:,} characters by page {i + 1}", budgets.max_chars)
        if missing:
            warnings.append(f"page {i + 1}: pdfium could not place {missing} line(s); where they wrap is judged from the text")
        verdict = quality.judge(text)
        content = probe.examine(i)
        if content is not None and content.error is not None and (verdict != "no_text" or object_count(page) > 0):
            warnings.append(f"page {i + 1}: {content.error}; what pdfium could read of it is kept")
        if verdict == "ok":
            objects = object_count(page)
            rules = page_rules(page) if objects <= MAX_TABLE_OBJECTS else None
            if rules is None or len(rules.horizontal) + len(rules.vertical) > MAX_RULES:
                # grouping rules into tables takes time quadratic in their number: a page drawn with thousands of
                # strokes (a map, a chart) keeps its text as lines
                warnings.append(f"page {i + 1}: {objects:,} objects drawn, too many to look for ruled tables; its text is kept as lines")
            elif rules.may_hold_table:
                found.tables[i] = grid_tables(page, tp, rules) if table_engine == "pdfium" else []
            found.lines[i] = lines
        elif verdict == "garbled":
            found.to_ocr.append((i, verdict))
        elif object_count(page) == 0:  # pdfium found nothing: blank, or a content stream it could not read
            if content is None:
                found.skip(i + 1, "nothing drawn (a blank page, or damaged content that could not be examined)")
            elif content.error is not None:
                found.skip(i + 1, content.error)
            elif content.draws:
                found.skip(i + 1, "pdfium drew nothing from content that draws (damaged content stream)")
            else:
                found.blank.append(i + 1)
        elif looks_white(page):
            found.blank.append(i + 1)
        else:
            found.to_ocr.append((i, verdict))
    finally:
        tp.close()


def _first_pass(
    doc: pdfium.PdfDocument, path: Path, budgets: Budgets, table_engine: TableEngine, warnings: list[str]
) -> _Pages:
    """Every page read from its text layer, a page that cannot be loaded or read skipped with its cause."""
    n_pages = len(doc)
    found = _Pages([[] for _ in range(n_pages)], [0.0] * n_pages)
    probe = ContentProbe(path, n_pages)
    for i in range(n_pages):
        try:
            page = doc[i]
        except pdfium.PdfiumError as e:
            found.skip(i + 1, f"pdfium cannot load it ({_cause(e)})")
            continue
        try:
            found.widths[i] = page.get_width()
            _read_page(page, i, found, probe, path, budgets, table_engine, warnings)
        except InputError:
            raise
        except Exception as e:  # a damaged page (MemoryError and RecursionError included) ends only itself
            found.lines[i] = []
            found.skip(i + 1, f"it cannot be read ({_cause(e)})")
        finally:
            page.close()
    for cause, pagenos in sorted(found.skipped.items(), key=lambda kv: kv[1][0]):
        warnings.append(f"{pages_phrase(pagenos)} skipped: {cause}")
    return found


def _ocr_pass(
    doc: pdfium.PdfDocument, path: Path, found: _Pages, budgets: Budgets, ocr_engine: OcrEngine | None, warnings: list[str]
) -> None:
    """OCR the pages that need it, at most ``budgets.max_ocr_pages`` of them.

    Over the budget, a document that has text elsewhere keeps it, with a warning naming the pages left unread; a
    document with no text at all is refused (BudgetError): what would be kept is an arbitrary first part of a scan
    that looks complete, and the operator would rather raise the budget for it.
    """
    todo = found.to_ocr
    limit = budgets.max_ocr_pages
    if len(todo) > limit and quality.ocr_available(ocr_engine):
        if not any(found.lines):
            raise BudgetError(path, "max_ocr_pages", f"{len(todo)} pages need OCR and no page has a text layer", limit)
        over = [i + 1 for i, _ in todo[limit:]]
        warnings.append(
            f"{pages_phrase(over)} not read: over the OCR page budget ({len(todo)} pages need OCR, at most {limit}); raise it"
            f" with {Budgets.option('max_ocr_pages')} or {Budgets.env_var('max_ocr_pages')}"
        )
        todo = todo[:limit]
    for i, verdict in todo:
        try:
            page = doc[i]
        except pdfium.PdfiumError as e:
            warnings.append(f"page {i + 1} skipped: pdfium cannot load it ({_cause(e)})")
            continue
        try:
            found.lines[i] = quality.recover(page, i + 1, verdict, path, warnings, ocr_engine)
        except InputError:
            raise
        except Exception as e:
            warnings.append(f"page {i + 1} skipped: OCR failed ({_cause(e)})")
        finally:
            page.close()


def _no_text_cause(n_pages: int, found: _Pages, warnings: list[str]) -> str:
    if len(found.blank) == n_pages:
        return f"all {n_pages} pages are blank" if n_pages > 1 else "its page is blank"
    return warnings[0] if warnings else f"{len(found.blank)} of {n_pages} pages are blank"


def read(
    path: Path, *, budgets: Budgets = DEFAULT_BUDGETS, table_engine: TableEngine = "pdfium", ocr_engine: OcrEngine | None = None
) -> RawDoc:
    """Read a PDF into lines, page by page; ``table_engine`` picks how ruled tables are read, ``ocr_engine`` how
    pages without a usable text layer are read (None: ``ocr.DEFAULT_ENGINE``, or the other engine when only it is
    installed; an engine named but not installed is an InputError).

    A page that cannot be loaded or read is skipped with a warning naming it and the cause; blank pages are told
    cheaply and never sent to OCR.

    Raises:
        BudgetError: more pages than ``budgets.max_pages`` (before any page is read), more text than
            ``budgets.max_chars``, or more pages needing OCR than ``budgets.max_ocr_pages`` with no text elsewhere.
        InputError: the file cannot be opened, or no page has any text.
    """
    doc = _open(path)
    warnings: list[str] = []
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise InputError(path, "PDF has no pages")
        if n_pages > budgets.max_pages:
            raise BudgetError(path, "max_pages", f"{n_pages} pages", budgets.max_pages)
        found = _first_pass(doc, path, budgets, table_engine, warnings)
        _ocr_pass(doc, path, found, budgets, ocr_engine, warnings)
    finally:
        doc.close()
    pages = found.lines
    if found.tables:
        pages = find_tables(path, pages, found.tables, table_engine)
    pages = _strip_furniture(pages)
    margins = _margins(pages)
    for lines, width in zip(pages, found.widths, strict=True):
        _mark_columns(lines, width, margins)
    flat = [ln for lines in pages for ln in lines]
    body = _body_size(flat)
    raw: list[RawLine] = []
    for k, ln in enumerate(flat):
        nxt = flat[k + 1] if k + 1 < len(flat) else None
        raw.append(RawLine(ln.text, ln.page, ln.line, _wrapped(ln, nxt, body) if ln.size > 0 else None))
    if not any(r.text.strip() for r in raw):
        raise InputError(path, f"no text could be read from any page ({_no_text_cause(n_pages, found, warnings)})")
    return RawDoc(str(path), "pdf", raw, pages=n_pages, warnings=warnings)
