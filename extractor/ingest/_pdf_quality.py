"""Is a page's text layer usable? Scanned pages and fonts without a usable ToUnicode map, and OCR for both (``ocr.py``)."""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium
import regex

from ..errors import InputError
from . import ocr
from ._pdf_lines import PdfLine
from ._pdf_pages import render_scale
from .ocr import DEFAULT_ENGINE, OcrEngine, OcrLine, OcrUnavailable
from .ocr import tidy_ocr as tidy_ocr  # re-exported: it lived here before ocr.py

log = logging.getLogger(__name__)

Verdict = Literal["ok", "no_text", "garbled"]
# Policy text has about 70% of its Han characters among the 500 most common; random code points about 3%.
MIN_COMMON_SHARE = 0.30
MIN_HAN_TO_JUDGE = 40
_HAN = regex.compile(r"[\u4e00-\u9fff]")
_SPACE = regex.compile(r"\s")
_ODD = regex.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]")  # private use, replacement, control characters
OCR_HINT = "install Debian's tesseract-ocr and tesseract-ocr-chi-sim (bash scripts/setup.sh does), or pip install rapidocr-onnxruntime, to OCR it"
OCR_DPI = 300  # 2-4% character errors with tesseract (pdf-notes.md)
ENGINE_NAMES: dict[OcrEngine, str] = {"rapidocr": "RapidOCR", "tesseract": "tesseract chi_sim"}


@functools.cache
def common_hanzi() -> frozenset[str]:
    """The 500 most common Han characters (extractor/data/common_hanzi.txt)."""
    text = resources.files("extractor.data").joinpath("common_hanzi.txt").read_text(encoding="utf-8")
    return frozenset(text.strip())


def judge(text: str) -> Verdict:
    """Say whether a page's extracted text is usable.

    >>> judge("")
    'no_text'
    >>> judge("对吸纳安排就业见习人员的单位，按照当地最低工资标准的百分之七十给予企业就业见习补贴，补贴期限最长不超过十二个月。" * 2)
    'ok'
    >>> judge("(cid:123)(cid:456)")
    'garbled'
    """
    if "(cid:" in text:
        return "garbled"
    printable = len(text) - len(_SPACE.findall(text))
    if not printable:
        return "no_text"
    if len(_ODD.findall(text)) / printable > 0.1:
        return "garbled"
    han = _HAN.findall(text, 0, 4000)  # a sample is enough to judge a page
    if len(han) >= MIN_HAN_TO_JUDGE:
        common = common_hanzi()
        if sum(c in common for c in han) / len(han) < MIN_COMMON_SHARE:
            return "garbled"
    return "ok"


def ocr_available(engine: OcrEngine | None = None) -> bool:
    """True when ``engine`` (by default: the default engine or, failing it, the other) can OCR here."""
    chosen = ocr.pick_engine(engine)
    return chosen is not None and ocr.engine_available(chosen)


def ocr_page(page: pdfium.PdfPage, dpi: int = OCR_DPI, engine: OcrEngine = DEFAULT_ENGINE) -> list[OcrLine]:
    """OCR one page: its lines with their boxes in PDF points, so that wrapped lines are re-joined from geometry
    as on a page with a text layer."""
    scale = render_scale(page.get_width(), page.get_height(), dpi)  # an absurd page box is rendered smaller
    image = page.render(scale=scale, grayscale=True).to_pil()
    k = 1 / scale
    return [OcrLine(ln.text, ln.x0 * k, ln.x1 * k, ln.top * k, ln.size * k) for ln in ocr.image_to_lines(image, engine)]


def recover(
    page: pdfium.PdfPage, pageno: int, verdict: Verdict, path: Path, warnings: list[str], engine: OcrEngine | None = None
) -> list[PdfLine]:
    """OCR a page whose text layer is missing or garbled, or report it with how to enable OCR.

    ``engine`` None takes the default engine, or the other one when only it is installed; an engine named but not
    installed is an InputError naming the file, the page and what to install.
    """
    why = "has no text layer (scanned)" if verdict == "no_text" else "has a font without a usable ToUnicode map"
    chosen = ocr.pick_engine(engine)
    if chosen is None:
        warnings.append(f"page {pageno} {why}; its text is missing: {OCR_HINT}")
        log.info("%s: page %d %s", path, pageno, why)
        return []
    if not ocr.engine_available(chosen):
        raise InputError(path, f"page {pageno} {why} and needs OCR, but {OcrUnavailable(chosen)}")
    lines = ocr_page(page, engine=chosen)
    name = ENGINE_NAMES[chosen] + ("" if engine is not None or chosen == DEFAULT_ENGINE else f"; {DEFAULT_ENGINE} is not installed")
    width, height = page.get_width(), page.get_height()
    scale = render_scale(width, height, OCR_DPI)
    if scale < OCR_DPI / 72:
        name += f"; the page is {width:.0f} × {height:.0f} pt, so it was rendered at only {scale * 72:.2g} dpi"
    if lines:
        warnings.append(f"page {pageno} {why}; its text was read by OCR ({name})")
    else:
        warnings.append(f"page {pageno} {why}; OCR ({name}) found no text on it")
    return [PdfLine(ln.text, ln.x0, ln.x1, ln.top, ln.size, pageno, k + 1) for k, ln in enumerate(lines)]
