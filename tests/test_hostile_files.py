"""Issue 13, parts 1 and 2 on the reader side: hostile and damaged files, each made here in tmp_path, read within
the budgets. Every case ends in exactly one outcome: a BudgetError or InputError whose one line names the file, the
budget or the cause, or a RawDoc whose warnings name the damaged pages; within a CPU-time bound, and where memory
is at stake within a peak RSS measured in a subprocess.

The bounds are several times what was measured on the 2-core machine these were written on (the report of issue
13 quotes the figures); a hang, or memory that grows with the input, fails them by far.
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

from extractor import ingest
from extractor.budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from extractor.errors import InputError
from extractor.ingest import _pdf_pages, ocr
from extractor.ingest.ocr import OcrLine
from extractor.ingest.raw import RawDoc

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PDF = ROOT / "corpus" / "pdf" / "003_65af231806fc8ace.pdf"  # 29 pages with a text layer
TEXT = b"BT /F1 12 Tf 72 700 Td (Employment subsidies of 30 percent are granted to small firms.) Tj ET"
EMPTY_TEXT_OBJECT = b"1 0 0 1 0 0 cm  BT /F1 12 Tf 14.4 TL ET"  # what reportlab writes for a page left blank
PARAGRAPH = "第一条 为促进就业，制定本办法。"
BIG = 20_000  # max_pages for the 10,000-page files


# --- making the files ------------------------------------------------------------------------------------------


def pdf_bytes(contents: list[bytes | None], box: str = "0 0 595 842") -> bytes:
    """A PDF whose pages have these content streams (None: no /Contents at all), Helvetica as /F1."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    page = f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Resources << /Font << /F1 3 0 R >> >>"
    for content in contents:
        if content is None:
            objs.append(f"{page} >>".encode())
        else:
            objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
            objs.append(f"{page} /Contents {len(objs)} 0 R >>".encode())
        kids.append(len(objs))
    objs[1] = f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>".encode()
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def scanned_pdf(pages: list[bool], size: tuple[float, float] = (595.2756, 841.8898)) -> bytes:
    """A PDF of scanned pages (an image of grey noise, True) and pages with a text layer (False)."""
    import numpy as np
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    noise = ImageReader(Image.fromarray((np.random.default_rng(13).random((60, 40)) > 0.5).astype(np.uint8) * 255))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    for scanned in pages:
        if scanned:
            c.drawImage(noise, 0, 0, *size)
        else:
            c.setFont("Helvetica", 12)
            c.drawString(72, size[1] - 100, "Employment subsidies of 30 percent are granted to small firms.")
        c.showPage()
    c.save()
    return buf.getvalue()


def _object_span(data: bytes, num: int) -> tuple[int, int]:
    m = re.search(rb"(?<![0-9])%d 0 obj\b" % num, data)
    assert m is not None
    return m.start(), data.index(b"endobj", m.end())


def damaged_content_stream(index: int) -> bytes:
    """The corpus PDF with bytes in the middle of page ``index``'s content stream overwritten (not ASCII85)."""
    import pypdf

    data = CORPUS_PDF.read_bytes()
    start, end = _object_span(data, pypdf.PdfReader(CORPUS_PDF).pages[index].raw_get("/Contents").idnum)
    stream = data.index(b"stream", start) + len(b"stream\n")
    mid = (stream + end) // 2
    return data[:mid] + b"vvvvvvvv" + data[mid + 8 :]


def damaged_page_object(index: int) -> bytes:
    """The corpus PDF with page ``index``'s dictionary no longer a /Page: pdfium fails to load it."""
    import pypdf

    data = CORPUS_PDF.read_bytes()
    ref = pypdf.PdfReader(CORPUS_PDF).pages[index].indirect_reference
    assert ref is not None
    start, end = _object_span(data, ref.idnum)
    return data[:start] + data[start:end].replace(b"/Type /Page", b"/Type /Pagx") + data[end:]


def docx_bytes(document: bytes | Callable[[io.BufferedIOBase], None] | None, compresslevel: int = 1) -> bytes:
    """A DOCX made by python-docx whose ``word/document.xml`` is replaced by ``document`` (bytes, or a writer that
    streams it) or dropped (None)."""
    import docx

    d = docx.Document()
    d.add_paragraph(PARAGRAPH)
    src = io.BytesIO()
    d.save(src)
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        for info in zin.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, zin.read(info.filename))
            elif isinstance(document, bytes):
                z.writestr(info.filename, document)
            elif document is not None:
                with z.open(info.filename, "w", force_zip64=True) as w:
                    document(w)  # type: ignore[arg-type]
    return out.getvalue()


DOC_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
DOC_TAIL = b"</w:body></w:document>"
W_PARA = b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>"


def document_xml(paragraphs: list[str]) -> bytes:
    return DOC_HEAD + b"".join(W_PARA % p.encode() for p in paragraphs) + DOC_TAIL


def many_paragraphs(n: int, text: str) -> Callable[[io.BufferedIOBase], None]:
    def write(w: io.BufferedIOBase) -> None:
        w.write(DOC_HEAD)
        block = (W_PARA % text.encode()) * 10_000
        for _ in range(n // 10_000):
            w.write(block)
        w.write(DOC_TAIL)

    return write


def spaces(mb: int) -> Callable[[io.BufferedIOBase], None]:
    """A document.xml of ``mb`` MB, nearly all spaces inside one w:t: a zip bomb (it compresses 1000 to 1)."""

    def write(w: io.BufferedIOBase) -> None:
        w.write(DOC_HEAD + b"<w:p><w:r><w:t>")
        chunk = b" " * 1_000_000
        for _ in range(mb):
            w.write(chunk)
        w.write(b"</w:t></w:r></w:p>" + DOC_TAIL)

    return write


def corrupted_entry() -> bytes:
    """A DOCX whose compressed document.xml has six bytes flipped: zlib or the CRC check fails."""
    data = bytearray(docx_bytes(document_xml([PARAGRAPH] * 200), compresslevel=6))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len + info.compress_size // 3
    for k in range(start, start + 6):
        data[k] ^= 0x55
    return bytes(data)


def many_entries(n: int) -> bytes:
    """A DOCX with ``n`` extra (empty) entries: a central directory zipfile would hold in memory."""
    out = io.BytesIO(docx_bytes(document_xml([PARAGRAPH])))
    with zipfile.ZipFile(out, "a") as z:
        for k in range(n):
            z.writestr(f"padding/{k}.xml", b"")
    return out.getvalue()


def ruled_page(n: int) -> bytes:
    """A page with text and ``n`` short strokes, none touching another: ``n`` ruling lines to group."""
    strokes = b" ".join(b"%d %d m %d %d l S" % (10 * (k % 100), 8 * (k // 100), 10 * (k % 100) + 6, 8 * (k // 100)) for k in range(n))
    return pdf_bytes([TEXT + b"\n0.5 w " + strokes], "0 0 1000 1000")


HTML_P = "<p>根据《中华人民共和国就业促进法》，对吸纳就业困难人员的单位给予社会保险补贴。</p>"


def flipped_html() -> bytes:
    """A corpus page (UTF-8) with ten bytes of its second half set to 0xFF, which UTF-8 never uses."""
    data = bytearray((ROOT / "corpus" / "html" / "000_0fce187c97867da1.html").read_bytes())
    for k in range(10):
        data[len(data) // 2 + 97 * k] = 0xFF
    return bytes(data)


def html(s: str) -> bytes:
    return f"<html><head><meta charset='utf-8'></head><body>{s}</body></html>".encode()


# --- the cases -------------------------------------------------------------------------------------------------

Outcome = Literal["read", "BudgetError", "InputError"]


@dataclass(frozen=True)
class Case:
    """One hostile file: how to make it, the budgets it is read with, and what must come of it."""

    id: str
    name: str
    make: Callable[[], bytes]
    outcome: Outcome
    says: tuple[str, ...]  # in the error's line, or in the warnings of the RawDoc
    cpu_seconds: float
    budgets: Budgets = DEFAULT_BUDGETS
    budget: str | None = None  # the field a BudgetError names
    max_rss_mb: float | None = None  # read in a subprocess, whose peak RSS must stay under this
    check: Callable[[RawDoc], None] | None = field(default=None, compare=False)


def _pages_read(raw: RawDoc) -> set[int]:
    return {ln.page for ln in raw.lines if ln.page is not None and ln.text.strip()}


def _all_but_page_15(raw: RawDoc) -> None:
    assert set(range(1, 30)) - {15} <= _pages_read(raw)


def _only_page_1(raw: RawDoc) -> None:
    assert _pages_read(raw) == {1} and raw.pages == 10_000


CASES = [
    # PDF
    Case("pdf-10000-empty-pages", "empty.pdf", lambda: pdf_bytes([None] * 10_000), "BudgetError", ("10000 pages", "--max-pages"),
         2.0, budget="max_pages"),
    Case("pdf-10000-empty-pages-max-pages-20000", "empty.pdf", lambda: pdf_bytes([None] * 10_000), "InputError",
         ("no text could be read from any page (all 10000 pages are blank)",), 15.0, Budgets(max_pages=BIG), max_rss_mb=300),
    Case("pdf-1-text-page-9999-blank", "mostly-blank.pdf", lambda: pdf_bytes([TEXT] + [None, EMPTY_TEXT_OBJECT] * 4999 + [None]),
         "BudgetError", ("10000 pages",), 2.0, budget="max_pages"),
    Case("pdf-1-text-page-9999-blank-max-pages-20000", "mostly-blank.pdf",
         lambda: pdf_bytes([TEXT] + [None, EMPTY_TEXT_OBJECT] * 4999 + [None]), "read", (), 15.0, Budgets(max_pages=BIG),
         check=_only_page_1),
    Case("pdf-huge-page-box-with-text", "huge-box.pdf", lambda: pdf_bytes([TEXT], "0 0 1e6 1e6"), "read", (), 2.0),
    Case("pdf-absurd-page-box-1e30", "absurd-box.pdf", lambda: pdf_bytes([TEXT], "0 0 1e30 1e30"), "read", (), 2.0),
    Case("pdf-huge-scanned-page", "huge-scan.pdf", lambda: scanned_pdf([True], (1e6, 1e6)), "read",
         ("page 1 has no text layer (scanned); its text was read by OCR", "rendered at only 0.32 dpi"), 10.0),
    Case("pdf-damaged-content-stream-of-page-15", "damaged-stream.pdf", lambda: damaged_content_stream(14), "read",
         ("page 15: its content stream is damaged (ValueError: Non-Ascii85 digit found: v); what pdfium could read of it is kept",),
         5.0, check=_all_but_page_15),
    Case("pdf-damaged-page-object-15", "damaged-page.pdf", lambda: damaged_page_object(14), "read",
         ("page 15 skipped: pdfium cannot load it (PdfiumError: Failed to load page.)",), 5.0, check=_all_but_page_15),
    Case("pdf-truncated", "truncated.pdf", lambda: CORPUS_PDF.read_bytes()[: CORPUS_PDF.stat().st_size // 2], "InputError",
         ("damaged or truncated PDF",), 2.0),
    Case("pdf-scanned-only-over-ocr-budget", "scan.pdf", lambda: scanned_pdf([True] * 3), "BudgetError",
         ("3 pages need OCR and no page has a text layer", "--max-ocr-pages"), 5.0, Budgets(max_ocr_pages=2), budget="max_ocr_pages"),
    Case("pdf-text-and-scans-over-ocr-budget", "mixed.pdf", lambda: scanned_pdf([False, True, True, True]), "read",
         ("page 4 not read: over the OCR page budget (3 pages need OCR, at most 2)", "--max-ocr-pages"), 5.0, Budgets(max_ocr_pages=2)),
    Case("pdf-page-of-5000-strokes", "strokes.pdf", lambda: ruled_page(5000), "read",
         ("page 1: 5,001 objects drawn, too many to look for ruled tables; its text is kept as lines",), 5.0),
    # DOCX
    Case("docx-20000-entries", "entries.docx", lambda: many_entries(20_000), "InputError",
         ("not a DOCX file: its ZIP package declares 20,0",), 2.0),
    Case("docx-corrupted-entry", "corrupt.docx", corrupted_entry, "InputError", ("damaged DOCX: word/document.xml: ",), 2.0),
    Case("docx-malformed-xml", "bad-xml.docx", lambda: docx_bytes(document_xml([PARAGRAPH])[:-40]), "InputError",
         ("damaged DOCX: word/document.xml is not well-formed XML (XMLSyntaxError",), 2.0),
    Case("docx-missing-document-part", "no-document.docx", lambda: docx_bytes(None), "InputError",
         ("damaged DOCX: no main document part (word/document.xml)",), 2.0),
    Case("docx-zip-bomb-120-mb", "bomb.docx", lambda: docx_bytes(spaces(120)), "BudgetError",
         ("word/document.xml declares 120.0 MB", "--max-entry-mb"), 2.0, budget="max_entry_mb", max_rss_mb=150),
    Case("docx-2-million-paragraphs", "long.docx", lambda: docx_bytes(many_paragraphs(2_000_000, "employment aid ")), "BudgetError",
         ("by paragraph 312,501", "--max-chars"), 15.0, budget="max_chars", max_rss_mb=300),
    # HTML
    Case("html-100000-deep-closed", "deep.html", lambda: html("<div>" * 100_000 + HTML_P + "</div>" * 100_000), "BudgetError",
         ("elements nested 100,003 deep", "--max-html-depth"), 3.0, budget="max_html_depth"),
    Case("html-100000-deep-unclosed", "deep-open.html", lambda: html("<span>" * 100_000 + HTML_P), "BudgetError",
         ("elements nested 100,003 deep",), 3.0, budget="max_html_depth"),
    Case("html-1000-deep-at-the-budget", "deep-1000.html", lambda: html("<div>" * 997 + HTML_P + "</div>" * 997), "read", (), 3.0),
    Case("html-10-mb-one-paragraph", "long.html", lambda: html("<p>" + "就业见习补贴标准为每人每月一千元。" * 196_000 + "</p>"), "read",
         (), 10.0, max_rss_mb=300),
    Case("html-10-mb-ascii-paragraph", "long-ascii.html", lambda: html("<p>" + "employment subsidy " * 526_000 + "</p>"),
         "BudgetError", ("9,994,000 characters of text", "--max-chars"), 10.0, budget="max_chars", max_rss_mb=300),
    Case("html-damaged-bytes", "flipped.html", flipped_html, "read",
         (" invalid byte sequence(s) for utf-8 replaced by U+FFFD, as a browser shows them",), 3.0),
    # text
    Case("txt-50-mb-one-line", "line.txt", lambda: b"a" * 50_000_000, "BudgetError",
         ("50,000,000 bytes, so at least 12,500,000 characters", "--max-chars"), 1.0, budget="max_chars", max_rss_mb=100),
    Case("txt-19-mb-one-line", "line19.txt", lambda: b"employment " * 1_800_000, "BudgetError", ("19,800,000 characters",), 3.0,
         budget="max_chars", max_rss_mb=200),
]

CHILD = """
import json, sys, time
from pathlib import Path
from extractor import ingest
from extractor.budgets import Budgets
from extractor.errors import InputError
budgets = Budgets.model_validate_json(sys.argv[2])
start = time.process_time()
try:
    raw = ingest.read(Path(sys.argv[1]), budgets)
    result = {"outcome": "read", "message": "\\n".join(raw.warnings)}
except InputError as e:
    result = {"outcome": type(e).__name__, "message": str(e), "field": getattr(e, "field", None)}
result["cpu"] = time.process_time() - start
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking process (pytest) across exec
status = Path("/proc/self/status")
if status.exists():
    result["rss_mb"] = int(next(l for l in status.read_text().splitlines() if l.startswith("VmHWM:")).split()[1]) / 1024
else:
    import resource
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """OCR by a stand-in that records each image's size and reads one line: no hostile case waits on tesseract."""
    from PIL import Image

    seen: list[tuple[int, int]] = []

    def read(png: bytes) -> list[OcrLine]:
        seen.append(Image.open(io.BytesIO(png)).size)
        return [OcrLine(f"扫描页的文字第{len(seen)}页", 100.0, 900.0, 100.0, 40.0)]  # one text per page: no running header

    monkeypatch.setattr(ocr, "engine_available", lambda engine: True)
    monkeypatch.setattr(ocr, "_tesseract_lines", read)
    monkeypatch.setattr(ocr, "_rapidocr_lines", read)
    return seen


def _in_child(path: Path, budgets: Budgets) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), budgets.model_dump_json()], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0 and out.stdout.strip(), out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file(case: Case, tmp_path: Path, fake_ocr: list[tuple[int, int]]) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.make())
    if case.max_rss_mb is not None:
        result = _in_child(path, case.budgets)
        outcome, message = result["outcome"], str(result["message"])
        cpu, rss = float(result["cpu"]), float(result["rss_mb"])  # type: ignore[arg-type]
        assert rss < case.max_rss_mb, f"peak RSS {rss:.0f} MB"
        field_name = result.get("field")
    else:
        start = time.process_time()
        try:
            raw = ingest.read(path, case.budgets)
            outcome, message, field_name = "read", "\n".join(raw.warnings), None
            if case.check is not None:
                case.check(raw)
        except InputError as e:
            outcome, message, field_name = type(e).__name__, str(e), getattr(e, "field", None)
        cpu = time.process_time() - start
    assert outcome == case.outcome, message
    if outcome != "read":
        assert message.startswith(f"{path}: ") and "\n" not in message, message
    for part in case.says:
        assert part in message, message
    if case.outcome == "read" and not case.says:
        assert message == "", message  # a clean read: no page warnings
    assert field_name == case.budget
    assert cpu < case.cpu_seconds, f"{cpu:.1f} s of CPU"


def test_huge_page_is_rendered_within_the_pixel_budget(tmp_path: Path, fake_ocr: list[tuple[int, int]]) -> None:
    path = tmp_path / "huge-scan.pdf"
    path.write_bytes(scanned_pdf([True], (1e6, 1e6)))
    ingest.read(path)
    assert len(fake_ocr) == 1 and fake_ocr[0][0] * fake_ocr[0][1] <= _pdf_pages.MAX_RENDER_PIXELS


def test_blank_pages_never_reach_ocr(tmp_path: Path, fake_ocr: list[tuple[int, int]]) -> None:
    """Pages without content, with an empty text object, or drawn white: none is OCR'd; the scanned one is."""
    white = b"1 1 1 rg 0 0 595 842 re f"
    path = tmp_path / "blanks.pdf"
    path.write_bytes(pdf_bytes([TEXT, None, EMPTY_TEXT_OBJECT, white, b""]))
    raw = ingest.read(path)
    assert fake_ocr == [] and raw.warnings == [] and _pages_read(raw) == {1}


def test_ocr_budget_counts_pages_in_order(tmp_path: Path, fake_ocr: list[tuple[int, int]]) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(scanned_pdf([False, True, True, True]))
    raw = ingest.read(path, Budgets(max_ocr_pages=2))
    assert len(fake_ocr) == 2 and _pages_read(raw) == {1, 2, 3}


LIBRARY_ERRORS = [
    ("zlib", zlib.error("Error -3 while decompressing data: invalid distance too far back"),
     "cannot be read as PDF: error: Error -3 while decompressing data: invalid distance too far back"),
    ("recursion", RecursionError("maximum recursion depth exceeded\nmore"), "cannot be read as PDF: RecursionError: maximum recursion depth exceeded"),
    ("memory", MemoryError(), "cannot be read as PDF: MemoryError"),
    ("runtime", RuntimeError("pdfium: Failed to load page"), "cannot be read as PDF: RuntimeError: pdfium: Failed to load page"),
]


@pytest.mark.parametrize(("error", "line"), [e[1:] for e in LIBRARY_ERRORS], ids=[e[0] for e in LIBRARY_ERRORS])
def test_no_library_exception_reaches_the_caller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, line: str) -> None:
    def fail(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
        raise error

    monkeypatch.setitem(ingest.READERS, ".pdf", fail)
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(InputError) as e:
        ingest.read(path)
    assert str(e.value) == f"{path}: {line}" and type(e.value) is InputError


def test_budget_error_passes_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    budget = BudgetError(tmp_path / "a.pdf", "max_pages", "3 pages", 2)

    def fail(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
        raise budget

    monkeypatch.setitem(ingest.READERS, ".pdf", fail)
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(BudgetError) as e:
        ingest.read(tmp_path / "a.pdf")
    assert e.value is budget


def test_file_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
        raise AssertionError("the reader was called")

    monkeypatch.setitem(ingest.READERS, ".txt", never)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 20_000)
    with pytest.raises(BudgetError) as e:
        ingest.read(path, Budgets(max_file_mb=0.01))
    assert str(e.value) == f"{path}: over the file size budget (0.02 MB, at most 0.01); raise it with --max-file-mb or ZHENGCE_MAX_FILE_MB"


def test_docx_entry_is_counted_while_read_not_only_by_its_header(tmp_path: Path) -> None:
    """An entry whose header understates its size is stopped by the count of what comes out of it."""
    from extractor.ingest.docx import _Limited

    stream = _Limited(io.BytesIO(b" " * 3_000_000), tmp_path / "a.docx", "word/document.xml", 1.0)
    with pytest.raises(BudgetError) as e:
        while stream.read(1 << 20):
            pass
    assert "word/document.xml decompresses to more than 1 MB" in str(e.value) and stream.total <= 1_000_000 + (1 << 16)


DAMAGED_TEXT = {
    # name: (encoding, how the bytes are damaged, the warning expected, or None when the file is refused)
    "utf-8, one byte cut inside a character": ("utf-8", lambda b: b[:300] + b[301:], "for utf-8 replaced by U+FFFD"),
    "utf-8, one byte flipped": ("utf-8", lambda b: b[:300] + b"\xff" + b[301:], "for utf-8 replaced by U+FFFD"),
    "utf-8, every tenth byte flipped": ("utf-8", lambda b: bytes(0xFF if i % 10 == 0 else c for i, c in enumerate(b)), None),
}


@pytest.mark.parametrize("case", list(DAMAGED_TEXT), ids=list(DAMAGED_TEXT))
def test_a_text_damaged_in_a_few_places_is_read_with_a_warning(case: str, tmp_path: Path) -> None:
    from extractor.ingest import txt

    enc, damage, warning = DAMAGED_TEXT[case]
    original = (ROOT / "corpus" / "texts" / "001_e001dd900bee0134.txt").read_text(encoding="utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(damage(original.encode(enc)))
    if warning is None:
        with pytest.raises(InputError, match=r"damaged\.txt: "):
            txt.read(path)
        return
    raw = txt.read(path)
    text = "\n".join(line.text for line in raw.lines)
    replaced = text.count("\ufffd")  # a damaged multi-byte character is 1 to 3 invalid sequences
    assert raw.warnings == [f"{replaced} invalid byte sequence(s) {warning}"] and 1 <= replaced <= 3
    ours, theirs = text.split("\n"), original.replace("\r\n", "\n").split("\n")
    assert len(ours) == len(theirs) and sum(a != b for a, b in zip(ours, theirs, strict=True)) == 1  # only the damaged line differs
