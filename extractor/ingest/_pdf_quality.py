"""Is a page's text layer usable? Scanned pages and fonts without a usable ToUnicode map, and OCR for both."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import pypdfium2 as pdfium
import regex

from ._pdf_lines import PdfLine

log = logging.getLogger(__name__)

Verdict = Literal["ok", "no_text", "garbled"]
# Policy text has about 70% of its Han characters among the 500 most common; random code points about 3%.
MIN_COMMON_SHARE = 0.30
MIN_HAN_TO_JUDGE = 40
_HAN = regex.compile(r"[\u4e00-\u9fff]")
_SPACE = regex.compile(r"\s")
_ODD = regex.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]")  # private use, replacement, control characters
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


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A line read by OCR, with its box in PDF points (top measured from the top of the page)."""

    text: str
    x0: float
    x1: float
    top: float
    size: float


def ocr_page(page: pdfium.PdfPage, dpi: int = 300) -> list[OcrLine]:
    """OCR one page with tesseract (chi_sim, --psm 6, one thread): its lines with their boxes, so that wrapped
    lines are re-joined from geometry as on a page with a text layer."""
    import io
    import statistics

    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6", "tsv"],
        input=buf.getvalue(), capture_output=True, env=env, timeout=300, check=False,
    )
    words: dict[tuple[str, str, str], list[list[str]]] = {}
    for row in out.stdout.decode("utf-8", errors="replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            words.setdefault((cols[2], cols[3], cols[4]), []).append(cols)
    scale = 72 / dpi
    lines = []
    for ws in words.values():
        left = min(int(w[6]) for w in ws)
        right = max(int(w[6]) + int(w[8]) for w in ws)
        top = min(int(w[7]) for w in ws)
        height = statistics.median(int(w[9]) for w in ws)
        text = tidy_ocr(" ".join(w[11] for w in ws)).strip()
        if text:
            lines.append(OcrLine(text, left * scale, right * scale, top * scale, height * scale))
    return sorted(lines, key=lambda ln: ln.top)


def tidy_ocr(text: str) -> str:
    """Undo what tesseract does to Chinese text: spaces between Han characters, half-width brackets.

    >>> tidy_ocr("就 业 见 习 (一 ) 2020 年")
    '就业见习（一）2020年'
    >>> tidy_ocr("2020年2月一6月")
    '2020年2月—6月'
    """
    text = regex.sub(r"(?<=[\p{Han}（）(),，。、：；])[ \t]+(?=[\p{Han}（）()，。、：；\d])", "", text)
    text = regex.sub(r"(?<=\d)[ \t]+(?=\p{Han})", "", text)
    text = text.replace("(", "（").replace(")", "）")
    # a dash between numbers read as 一 or a hyphen: "2月一6月" -> "2月—6月"
    return regex.sub(r"(?<=\d[年月日]?)[一\-](?=\d)", "—", text)


def recover(page: pdfium.PdfPage, pageno: int, verdict: Verdict, path: Path, warnings: list[str]) -> list[PdfLine]:
    """OCR a page whose text layer is missing or garbled, or report it with how to enable OCR."""
    why = "has no text layer (scanned)" if verdict == "no_text" else "has a font without a usable ToUnicode map"
    if not ocr_available():
        warnings.append(f"page {pageno} {why}; its text is missing: {OCR_HINT}")
        log.info("%s: page %d %s", path, pageno, why)
        return []
    lines = ocr_page(page)
    if lines:
        warnings.append(f"page {pageno} {why}; its text was read by OCR (tesseract chi_sim)")
    else:
        warnings.append(f"page {pageno} {why}; OCR (tesseract chi_sim) found no text on it")
    return [PdfLine(ln.text, ln.x0, ln.x1, ln.top, ln.size, pageno, k + 1) for k, ln in enumerate(lines)]


