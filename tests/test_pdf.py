"""PDF reading when pdfium cannot give a character's box (BUGS_CAUGHT: mypy --strict found it, issue 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium
import pytest

from extractor.ingest import pdf
from tests.conftest import ROOT

PDF = ROOT / "corpus" / "pdf" / "001_e001dd900bee0134.pdf"


def _failing_first_box(real: Callable[..., Any]) -> Callable[..., Any]:
    """A ``get_charbox`` that fails for the first character asked of each text page, as for a broken font."""
    asked: set[int] = set()

    def get_charbox(self: pdfium.PdfTextPage, index: int, loose: bool = False) -> Any:
        if id(self) not in asked:
            asked.add(id(self))
            raise pdfium.PdfiumError("Failed to get charbox.")
        return real(self, index, loose=loose)

    return get_charbox


def test_unreadable_first_char_box_gives_a_page_warning_not_unbound_local(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before the fix: UnboundLocalError (r0) on the page's first line, a wrong right edge on any later line.
    clean = pdf.read(PDF)
    monkeypatch.setattr(pdfium.PdfTextPage, "get_charbox", _failing_first_box(pdfium.PdfTextPage.get_charbox))
    doc = pdf.read(PDF)
    assert [ln.text for ln in doc.lines] == [ln.text for ln in clean.lines]
    assert doc.pages == clean.pages
    assert any("could not place 1 line" in w for w in doc.warnings), doc.warnings
    first = doc.lines[0]
    assert first.full is None  # no geometry: the cleaner decides the wrap from the text


def test_every_char_box_unreadable_still_reads_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: pdfium.PdfTextPage, index: int, loose: bool = False) -> Any:
        raise pdfium.PdfiumError("Failed to get charbox.")

    clean = pdf.read(PDF)
    monkeypatch.setattr(pdfium.PdfTextPage, "get_charbox", broken)
    doc = pdf.read(PDF)
    assert [ln.text for ln in doc.lines] == [ln.text for ln in clean.lines]
    assert all(ln.full is None for ln in doc.lines)
    assert len(doc.warnings) == clean.pages


def test_unreadable_char_box_leaves_a_ruled_table_as_text_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.ingest._pdf_tables import grid_tables

    def broken(self: pdfium.PdfTextPage, index: int, loose: bool = False) -> Any:
        raise pdfium.PdfiumError("Failed to get charbox.")

    doc = pdfium.PdfDocument(str(ROOT / "corpus" / "pdf" / "004_a7a4461144ba7e7b.pdf"))
    try:
        page = doc[18]  # a page of the compendium that draws a ruled table
        assert grid_tables(page), "the page should hold a ruled table"
        monkeypatch.setattr(pdfium.PdfTextPage, "get_charbox", broken)
        assert grid_tables(page) == []
        page.close()
    finally:
        doc.close()
