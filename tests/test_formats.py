"""PDF, DOCX and HTML versions of corpus documents give the same records as the text (made by scripts/make_fixtures.py)."""

from __future__ import annotations

import regex
import pytest

from extractor.ingest._pdf_quality import ocr_available
from extractor.records import Document, Section
from tests.conftest import parsed


def _sections(secs: list[Section]) -> list[tuple[str, str, str | None, str]]:
    out = []
    for s in secs:
        out.append((s.path, s.num, s.heading, regex.sub(r"\s", "", s.text)))
        out += _sections(s.children)
    return out


def record(d: Document) -> dict:  # type: ignore[type-arg]
    """What must be equal between formats: metadata, article tree, attachments and tables (layout spaces aside)."""
    return {
        "part": regex.search(r"-\d\d$", d.id).group(0) if regex.search(r"-\d\d$", d.id) else None,
        "title": d.title, "instrument_title": d.instrument_title, "doc_type": d.doc_type,
        "doc_number": d.doc_number, "issuers": d.issuers, "recipients": d.recipients, "cc": d.cc,
        "date": d.date, "region": d.region, "level": d.level,
        "sections": _sections(d.sections),
        "attachments": [
            (a.num, a.title, _sections(a.sections), [[regex.sub(r"\s", "", c) for c in r] for t in a.tables for r in t.rows])
            for a in d.attachments
        ],
        "references": [(regex.sub(r"\s", "", r.title or ""), r.doc_number) for r in d.references],
        "text": regex.sub(r"\s", "", d.text),
    }


SAME = [
    ("corpus/pdf/001_e001dd900bee0134.pdf", "corpus/texts/001_e001dd900bee0134.txt"),
    ("corpus/pdf/002_f15aeebbaef14a54.pdf", "corpus/texts/002_f15aeebbaef14a54.txt"),
    ("corpus/pdf/003_65af231806fc8ace.pdf", "corpus/texts/003_65af231806fc8ace.txt"),
    ("corpus/pdf/003-running-header.pdf", "corpus/texts/003_65af231806fc8ace.txt"),
    ("corpus/pdf/003-two-column.pdf", "corpus/texts/003_65af231806fc8ace.txt"),
    ("corpus/pdf/003-fake-bold.pdf", "corpus/texts/003_65af231806fc8ace.txt"),
    ("corpus/pdf/004_a7a4461144ba7e7b.pdf", "corpus/texts/004_a7a4461144ba7e7b.txt"),
    ("corpus/docx/001_e001dd900bee0134.docx", "corpus/texts/001_e001dd900bee0134.txt"),
    ("corpus/docx/002_f15aeebbaef14a54.docx", "corpus/texts/002_f15aeebbaef14a54.txt"),
    ("corpus/html/000_0fce187c97867da1.html", "corpus/texts/000_0fce187c97867da1.txt"),
    ("corpus/html/002_f15aeebbaef14a54.html", "corpus/texts/002_f15aeebbaef14a54.txt"),
]


@pytest.mark.parametrize(("other", "text"), SAME, ids=[s[0].split("/", 1)[1] for s in SAME])
def test_same_records_as_text(other: str, text: str) -> None:
    a, b = parsed(other), parsed(text)
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        rx, ry = record(x), record(y)
        for key in rx:
            assert rx[key] == ry[key], f"{x.id}: {key}"


def test_pdf_sections_carry_pages() -> None:
    doc = parsed("corpus/pdf/001_e001dd900bee0134.pdf")[0]
    pages = [s.page for s in doc.sections]
    assert pages == sorted(pages) and pages[0] is not None and pages[-1] > pages[0]
    assert doc.source.kind == "pdf" and doc.source.pages[0] == 1


def test_running_header_and_page_numbers_are_removed() -> None:
    doc = parsed("corpus/pdf/003-running-header.pdf")[0]
    assert "新密市人民政府关于进一步做好稳就业工作的实施意见" not in doc.text.split("\n")  # printed atop pages 2-29
    assert not regex.search(r"—\s*\d+\s*—", doc.text)


@pytest.mark.parametrize("name", ["003-no-tounicode", "003-scanned"])
def test_unreadable_page_is_ocrd_or_reported(name: str) -> None:
    doc = parsed(f"corpus/pdf/{name}.pdf")[0]
    assert any(w.startswith("page 2 ") for w in doc.warnings)
    if ocr_available():
        assert "OCR" in doc.warnings[0]
        # page 2 of 003 holds this sentence; OCR reads it with a few character errors at most
        assert regex.search(r"(?:把稳就业作为重中之重的工作){e<=3}", doc.text)
        # lines OCR'd with their boxes are re-joined like text-layer lines: the same article tree
        text_doc = parsed("corpus/texts/003_65af231806fc8ace.txt")[0]
        assert [s.path for s in doc.sections] == [s.path for s in text_doc.sections]
    else:
        assert "tesseract-ocr-chi-sim" in doc.warnings[0]
    # the garbled text layer is never passed on
    text = parsed("corpus/texts/003_65af231806fc8ace.txt")[0].text
    assert regex.sub(r"\s", "", doc.text) != regex.sub(r"\s", "", text) or ocr_available()
