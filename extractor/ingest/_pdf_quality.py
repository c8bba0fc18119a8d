"""Is a page's text layer usable? Scanned pages and fonts without a usable ToUnicode map, and OCR for both."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

log = logging.getLogger(__name__)

Verdict = Literal["ok", "no_text", "garbled"]
# Policy text has about 70% of its Han characters among the 500 most common; random code points about 3%.
MIN_COMMON_SHARE = 0.30
MIN_HAN_TO_JUDGE = 40
OCR_HINT = "install Debian's tesseract-ocr and tesseract-ocr-chi-sim (bash scripts/setup.sh does) to OCR it"


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
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    printable = [c for c in text if not c.isspace()]
    if not printable:
        return "no_text"
    odd = sum(1 for c in printable if "\ue000" <= c <= "\uf8ff" or c == "\ufffd" or ord(c) < 32)
    if odd / len(printable) > 0.1:
        return "garbled"
    if len(han) >= MIN_HAN_TO_JUDGE:
        common = common_hanzi()
        if sum(c in common for c in han) / len(han) < MIN_COMMON_SHARE:
            return "garbled"
    return "ok"


def has_rules(page: pdfium.PdfPage) -> bool:
    """True when a page draws enough thin lines or rectangles to hold a ruled table."""
    n = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if min(right - left, top - bottom) < 1.5:
            n += 1
            if n >= 4:
                return True
    return False


@functools.cache
def tesseract_langs() -> frozenset[str]:
    """Languages the installed tesseract knows; empty when there is no tesseract."""
    exe = shutil.which("tesseract")
    if exe is None:
        return frozenset()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in (out.stdout + out.stderr).splitlines()[1:] if line.strip())


def ocr_available() -> bool:
    """True when tesseract with chi_sim is installed."""
    return "chi_sim" in tesseract_langs()


def ocr_page(page: pdfium.PdfPage, dpi: int = 300) -> str:
    """OCR one page with tesseract (chi_sim, --psm 6, one thread) and tidy what OCR gets wrong."""
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    import io

    buf = io.BytesIO()
    image.save(buf, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6"],
        input=buf.getvalue(), capture_output=True, env=env, timeout=300, check=False,
    )
    return tidy_ocr(out.stdout.decode("utf-8", errors="replace"))


def tidy_ocr(text: str) -> str:
    """Undo what tesseract does to Chinese text: spaces between Han characters, half-width brackets.

    >>> tidy_ocr("就 业 见 习 (一 ) 2020 年")
    '就业见习（一）2020年'
    """
    import regex

    text = regex.sub(r"(?<=[\p{Han}（）(),，。、：；])[ \t]+(?=[\p{Han}（）()，。、：；\d])", "", text)
    text = regex.sub(r"(?<=\d)[ \t]+(?=\p{Han})", "", text)
    text = text.replace("(", "（").replace(")", "）")
    return text


def recover(page: pdfium.PdfPage, pageno: int, verdict: Verdict, path: Path, warnings: list[str]) -> list:  # type: ignore[type-arg]
    """OCR a page whose text layer is missing or garbled, or report it with how to enable OCR."""
    from .pdf import _Line

    why = "has no text layer (scanned)" if verdict == "no_text" else "has a font without a usable ToUnicode map"
    if not ocr_available():
        warnings.append(f"page {pageno} {why}; its text is missing: {OCR_HINT}")
        log.info("%s: page %d %s", path, pageno, why)
        return []
    text = ocr_page(page)
    warnings.append(f"page {pageno} {why}; its text was read by OCR (tesseract chi_sim)")
    lines = [t.strip() for t in text.splitlines() if t.strip()]
    return [_Line(t, 0.0, 0.0, 0.0, 0.0, pageno, k + 1) for k, t in enumerate(lines)]


