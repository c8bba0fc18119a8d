"""Ruled tables (the 附件 tables of official documents), on pages that draw rules.

Two engines give the same rows: ``pdfium`` (the default) reads the ruling lines from pypdfium2's path objects and
puts each character in its cell, at pypdfium2's speed; ``pdfplumber`` runs pdfplumber's ``find_tables`` (about
15 pages a second) and is kept for checking and for tables the grid reading cannot handle. Either way, a table's
text lines are replaced by one line per row with cells joined by tabs: the shape a plain-text extraction of the
document has, so PDF and text give the same records.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ._pdf_lines import PdfLine

log = logging.getLogger(__name__)

TableEngine = Literal["pdfium", "pdfplumber"]
RULE = 1.5  # a path thinner than this (points) is a ruling line
TOUCH = 2.0  # rules this close are connected

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down coordinates, like pdfplumber)


@dataclass(frozen=True, slots=True)
class Rules:
    """A page's ruling lines, read in one pass over its path objects."""

    horizontal: list[Box]
    vertical: list[Box]
    thin: int  # paths thinner than RULE in either direction, however short

    @property
    def may_hold_table(self) -> bool:
        """Enough thin lines or rectangles to hold a ruled table."""
        return self.thin >= 4


def page_rules(page: pdfium.PdfPage) -> Rules:
    """The ruling lines of a page (top-down coordinates)."""
    height = page.get_height()
    hs, vs = [], []
    thin = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        thin += min(right - left, top - bottom) < RULE
        box = (left, height - top, right, height - bottom)
        if top - bottom < RULE and right - left > 5:
            hs.append(box)
        elif right - left < RULE and top - bottom > 5:
            vs.append(box)
    return Rules(hs, vs, thin)


def _touch(a: Box, b: Box) -> bool:
    return a[0] - TOUCH <= b[2] and b[0] - TOUCH <= a[2] and a[1] - TOUCH <= b[3] and b[1] - TOUCH <= a[3]


def _components(boxes: list[Box]) -> list[list[Box]]:
    groups: list[list[Box]] = []
    for b in boxes:
        hit = [g for g in groups if any(_touch(b, x) for x in g)]
        merged = [b] + [x for g in hit for x in g]
        groups = [g for g in groups if g not in hit] + [merged]
    return groups


def _cluster(values: Sequence[float], tol: float = 1.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def grid_tables(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None, rules: Rules | None = None
) -> list[tuple[Box, list[list[str]]]]:
    """Tables of one page from its ruling lines: (bounding box, rows of cell texts). The page's text page and
    rules are read here unless the caller already has them."""
    found = rules if rules is not None else page_rules(page)
    hs, vs = found.horizontal, found.vertical
    if len(hs) < 2 or len(vs) < 2:
        return []
    height = page.get_height()
    tp = textpage if textpage is not None else page.get_textpage()
    try:
        n = tp.count_chars()
        text = tp.get_text_range(0, n)
        chars: list[tuple[str, float, float]] = []
        if len(text) == n:
            for i, ch in enumerate(text):
                if ch in "\r\n":
                    continue
                left, bottom, right, top = tp.get_charbox(i)
                chars.append((ch, (left + right) / 2, height - (top + bottom) / 2))
    except pdfium.PdfiumError:
        log.debug("a character box could not be read; the page's tables stay as text lines")
        return []
    finally:
        if textpage is None:
            tp.close()
    by_y = sorted(range(len(chars)), key=lambda i: chars[i][2])
    ys_sorted = [chars[i][2] for i in by_y]
    out = []
    for comp in _components(hs + vs):
        ch_ = [b for b in comp if b[3] - b[1] < RULE]
        cv_ = [b for b in comp if b[2] - b[0] < RULE]
        if len(ch_) < 2 or len(cv_) < 2:
            continue
        ys = _cluster([(b[1] + b[3]) / 2 for b in ch_])
        box = (min(b[0] for b in comp), ys[0], max(b[2] for b in comp), ys[-1])
        rows: list[list[str]] = []
        for top, bottom in pairwise(ys):
            mid = (top + bottom) / 2
            xs = _cluster([(b[0] + b[2]) / 2 for b in cv_ if b[1] - TOUCH <= mid <= b[3] + TOUCH])
            if len(xs) < 2:
                continue
            cells = [""] * (len(xs) - 1)
            # the characters whose centre lies in the row (bounds included), in reading order
            in_row = sorted(by_y[bisect.bisect_left(ys_sorted, top) : bisect.bisect_right(ys_sorted, bottom)])
            for i in in_row:
                ch, cx, _ = chars[i]
                if xs[0] <= cx <= xs[-1]:
                    cells[bisect.bisect_left(xs, cx, 1) - 1] += ch  # the first column whose right edge is >= cx
            rows.append([c.strip() for c in cells])
        rows = [r for r in rows if any(r)]
        if rows:
            out.append((box, rows))
    return out


def plumber_tables(pdf: object, index: int) -> list[tuple[Box, list[list[str]]]]:
    """Tables of one page with pdfplumber's ``find_tables``."""
    page = pdf.pages[index]  # type: ignore[attr-defined]
    try:
        out = []
        for table in page.find_tables():
            rows = [["".join((c or "").split("\n")).strip() for c in row] for row in table.extract()]
            rows = [r for r in rows if any(r)]
            if rows:
                out.append((tuple(table.bbox), rows))
        return out
    finally:
        page.close()


def replace_table_lines(lines: list[PdfLine], box: Box, rows: list[list[str]]) -> list[PdfLine]:
    """Replace the text lines inside ``box`` by one tab-separated line per row."""
    x0, top, x1, bottom = box
    inside = {k for k, ln in enumerate(lines) if top - 2 <= ln.top + 0.2 * abs(ln.size) <= bottom + 2 and x0 - 2 <= ln.x0 <= x1 + 2}
    if not inside:
        return lines
    ref = lines[min(inside)]
    new = [PdfLine("\t".join(r), x0, x1, top, -1.0, ref.page, ref.line + k, False, False) for k, r in enumerate(rows)]
    keep = [ln for k, ln in enumerate(lines) if k not in inside]
    return [ln for ln in keep if ln.top < top] + new + [ln for ln in keep if ln.top >= top]


def find_tables(
    path: Path, pages: list[list[PdfLine]], found: dict[int, list[tuple[Box, list[list[str]]]]], engine: TableEngine
) -> list[list[PdfLine]]:
    """Put the tables into the pages' lines; ``found`` holds the pdfium engine's tables by page index."""
    out = list(pages)
    if engine == "pdfplumber" and found:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            found = {i: plumber_tables(pdf, i) for i in found}
    for i, tables in found.items():
        for box, rows in tables:
            out[i] = replace_table_lines(out[i], box, rows)
    return out
