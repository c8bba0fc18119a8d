"""PDF: page text and line geometry from pypdfium2, tables from pdfplumber, OCR for pages without usable text.

Page by page, each page closed before the next, so memory stays bounded on a 1,000-page file.
Running headers, footers and page numbers are dropped; a line is marked ``full`` when it reaches the right
edge of its column and the next line starts at the column's left edge, so the cleaner can re-join wrapped
paragraphs exactly, also across page breaks.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from ..budgets import DEFAULT_BUDGETS, Budgets
from ..errors import InputError
from ..text.patterns import PAGE_NUMBER_RE
from . import _pdf_quality as quality
from ._pdf_lines import PdfLine
from ._pdf_tables import Box, TableEngine, find_tables, grid_tables, page_rules
from .ocr import OcrEngine
from .raw import RawDoc, RawLine

log = logging.getLogger(__name__)


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
    need = max(2, (len(pages) + 1) // 2)
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


def read(
    path: Path, *, budgets: Budgets = DEFAULT_BUDGETS, table_engine: TableEngine = "pdfium", ocr_engine: OcrEngine | None = None
) -> RawDoc:
    """Read a PDF into lines, page by page; ``table_engine`` picks how ruled tables are read, ``ocr_engine`` how
    pages without a usable text layer are read (None: ``ocr.DEFAULT_ENGINE``, or the other engine when only it is
    installed; an engine named but not installed is an InputError)."""
    doc = _open(path)
    warnings: list[str] = []
    pages: list[list[PdfLine]] = []
    tables: dict[int, list[tuple[Box, list[list[str]]]]] = {}
    widths: list[float] = []
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise InputError(path, "PDF has no pages")
        for i in range(n_pages):
            page = doc[i]
            tp = page.get_textpage()
            try:
                lines, text, missing = _page_lines(page, tp, i + 1)
                if missing:
                    warnings.append(
                        f"page {i + 1}: pdfium could not place {missing} line(s); where they wrap is judged from the text"
                    )
                verdict = quality.judge(text)
                if verdict != "ok":
                    lines = quality.recover(page, i + 1, verdict, path, warnings, ocr_engine)
                else:
                    rules = page_rules(page)
                    if rules.may_hold_table:
                        tables[i] = grid_tables(page, tp, rules) if table_engine == "pdfium" else []
                pages.append(lines)
                widths.append(page.get_width())
            finally:
                tp.close()
                page.close()
    finally:
        doc.close()
    if tables:
        pages = find_tables(path, pages, tables, table_engine)
    pages = _strip_furniture(pages)
    margins = _margins(pages)
    for lines, width in zip(pages, widths, strict=True):
        _mark_columns(lines, width, margins)
    flat = [ln for lines in pages for ln in lines]
    body = _body_size(flat)
    raw: list[RawLine] = []
    for k, ln in enumerate(flat):
        nxt = flat[k + 1] if k + 1 < len(flat) else None
        raw.append(RawLine(ln.text, ln.page, ln.line, _wrapped(ln, nxt, body) if ln.size > 0 else None))
    if not any(r.text.strip() for r in raw):
        raise InputError(path, "no text could be read from any page" + (f" ({warnings[0]})" if warnings else ""))
    return RawDoc(str(path), "pdf", raw, pages=n_pages, warnings=warnings)


