"""Ruled tables (attachments' 附件 tables) found with pdfplumber, only on pages that draw rules.

A table's text lines from pypdfium2 are replaced by one line per row with cells joined by tabs, the same
shape a plain-text extraction of the document has, so PDF and text give the same records.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber

if TYPE_CHECKING:
    from .pdf import _Line

log = logging.getLogger(__name__)


def _cell(text: str | None) -> str:
    return "".join((text or "").split("\n")).strip()


def find_tables(path: Path, pages: list[list[_Line]], table_pages: list[int]) -> list[list[_Line]]:
    """Replace the lines inside each ruled table of ``table_pages`` by tab-separated rows."""
    from .pdf import _Line

    out = list(pages)
    with pdfplumber.open(str(path)) as pdf:
        for i in table_pages:
            page = pdf.pages[i]
            try:
                tables = page.find_tables()
                if not tables:
                    continue
                lines = out[i]
                for table in tables:
                    x0, top, x1, bottom = table.bbox
                    inside = [k for k, ln in enumerate(lines) if top - 2 <= ln.top + 0.2 * ln.size <= bottom + 2 and x0 - 2 <= ln.x0 <= x1 + 2]
                    if not inside:
                        continue
                    rows = [[_cell(c) for c in row] for row in table.extract()]
                    rows = [r for r in rows if any(r)]
                    first = inside[0]
                    ref = lines[first]
                    new = [
                        _Line("\t".join(r), x0, x1, top, 1.0, ref.page, ref.line + k, False, False)
                        for k, r in enumerate(rows)
                    ]
                    keep = [ln for k, ln in enumerate(lines) if k not in set(inside)]
                    before = [ln for ln in keep if ln.top < top]
                    after = [ln for ln in keep if ln.top >= top]
                    lines = before + new + after
                out[i] = lines
            finally:
                page.close()
    return out
