"""OCR of one page image with either engine: RapidOCR (PP-OCRv4 models run by onnxruntime, shipped inside the
``rapidocr-onnxruntime`` wheel, the optional extra ``ocr``) or tesseract (Debian's tesseract-ocr with chi_sim, the
default).

Both give lines with their boxes in pixels, so that wrapped lines are re-joined from geometry as on a page with a
text layer, and both pass through the same ``tidy_ocr``. Which engine reads better was measured in
``benchmarks/RESULTS-ocr.md``; the default is the winner there, the other stays an option.
"""

from __future__ import annotations

import functools
import io
import itertools
import os
import shutil
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

import regex

from .._process import preexec_die_with_parent
from ..errors import ZhengceError

if TYPE_CHECKING:
    from PIL import Image

OcrEngine = Literal["tesseract", "rapidocr"]
ENGINES: tuple[OcrEngine, ...] = get_args(OcrEngine)
# tesseract: as few character errors as RapidOCR on the measured pages, but it keeps the space between two numbers
# ("100 15 15 220"), which RapidOCR drops ("10015152…"), and takes a third to a fifth of the CPU (RESULTS-ocr.md)
DEFAULT_ENGINE: OcrEngine = "tesseract"
INSTALL_HINTS: dict[OcrEngine, str] = {
    "rapidocr": "pip install rapidocr-onnxruntime (or zhengce[ocr])",
    "tesseract": "install Debian's tesseract-ocr and tesseract-ocr-chi-sim (bash scripts/setup.sh does)",
}


TESSERACT_TIMEOUT = 300  # seconds for one page; subprocess.run kills tesseract past it


def run_child(args: list[str], *, timeout: float, input: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``subprocess.run`` of a helper program that dies with this process, and is killed past ``timeout`` seconds
    or when this process is interrupted (subprocess.run kills it on any exception)."""
    return subprocess.run(
        args, input=input, capture_output=True, env=env, timeout=timeout, check=False, preexec_fn=preexec_die_with_parent()
    )


class OcrUnavailable(ZhengceError):
    """The OCR engine asked for is not installed: one line naming it and what to install.

    >>> str(OcrUnavailable("rapidocr"))
    'OCR engine rapidocr is not installed: pip install rapidocr-onnxruntime (or zhengce[ocr])'
    """

    def __init__(self, engine: OcrEngine) -> None:
        self.engine = engine
        super().__init__(f"OCR engine {engine} is not installed: {INSTALL_HINTS[engine]}")


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A line read by OCR, with its box in pixels of the image (top measured from the top edge)."""

    text: str
    x0: float
    x1: float
    top: float
    size: float


@functools.cache
def tesseract_langs() -> frozenset[str]:
    """Languages the installed tesseract knows; empty when there is no tesseract."""
    exe = shutil.which("tesseract")
    if exe is None:
        return frozenset()
    try:
        out = run_child([exe, "--list-langs"], timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    listing = (out.stdout + out.stderr).decode("utf-8", errors="replace")
    return frozenset(line.strip() for line in listing.splitlines()[1:] if line.strip())


@functools.cache
def _rapidocr_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def engine_available(engine: OcrEngine) -> bool:
    """True when ``engine`` can run here (tesseract needs its chi_sim data)."""
    if engine == "tesseract":
        return "chi_sim" in tesseract_langs()
    return _rapidocr_installed()


def pick_engine(engine: OcrEngine | None) -> OcrEngine | None:
    """The engine to use: ``engine`` when named (even if missing, so the caller can say so), else the default
    when installed, else the other one when installed, else None."""
    if engine is not None:
        return engine
    order = (DEFAULT_ENGINE, *(e for e in ENGINES if e != DEFAULT_ENGINE))
    return next((e for e in order if engine_available(e)), None)


def _png(image: Image.Image | bytes) -> bytes:
    if isinstance(image, bytes):
        return image
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _tesseract_lines(png: bytes) -> list[OcrLine]:
    """tesseract chi_sim, ``--psm 6`` (one block: safer than psm 3 on single-column official pages) and one thread
    (``OMP_THREAD_LIMIT=1``: with its default threading a page takes 4-6 times as long)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = run_child(["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6", "tsv"], input=png, env=env, timeout=TESSERACT_TIMEOUT)
    words: dict[tuple[str, str, str], list[list[str]]] = {}
    for row in out.stdout.decode("utf-8", errors="replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            words.setdefault((cols[2], cols[3], cols[4]), []).append(cols)
    lines = []
    for ws in words.values():
        left = min(int(w[6]) for w in ws)
        right = max(int(w[6]) + int(w[8]) for w in ws)
        top = min(int(w[7]) for w in ws)
        height = statistics.median(int(w[9]) for w in ws)
        lines.append(OcrLine(" ".join(w[11] for w in ws), left, right, top, height))
    return lines


@functools.cache
def _rapidocr() -> Any:
    """RapidOCR with the models of its wheel, one onnxruntime thread (one process per core, as for tesseract)."""
    from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped, unused-ignore]

    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


@dataclass(frozen=True, slots=True)
class _Box:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def _rapidocr_lines(png: bytes) -> list[OcrLine]:
    result, _ = _rapidocr()(png)
    boxes = []
    for quad, text, _score in result or ():
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        boxes.append(_Box(str(text), min(xs), max(xs), min(ys), max(ys)))
    return [_join_row(row) for row in _rows(boxes)]


def _rows(boxes: Sequence[_Box]) -> list[list[_Box]]:
    """Group the detector's boxes into printed lines: a box belongs to a row when its vertical middle lies within
    the row's first box (the detector cuts a long line into pieces, sometimes overlapping by a character)."""
    rows: list[list[_Box]] = []
    for b in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        mid = (b.top + b.bottom) / 2
        for row in rows:
            if row[0].top <= mid <= row[0].bottom:
                row.append(b)
                break
        else:
            rows.append([b])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def _join_row(row: Sequence[_Box]) -> OcrLine:
    """One line from the pieces of a row, left to right; a character read twice where two pieces overlap
    ("…，占" + "占比30%") is kept once."""
    text = row[0].text
    for prev, b in itertools.pairwise(row):
        piece = b.text
        if b.x0 < prev.x1 and piece and text.endswith(piece[0]):
            piece = piece[1:]
        text += " " + piece if b.x0 - prev.x1 > (prev.bottom - prev.top) else piece
    sizes = [b.bottom - b.top for b in row]
    return OcrLine(text, row[0].x0, max(b.x1 for b in row), min(b.top for b in row), statistics.median(sizes))


def image_to_lines(image: Image.Image | bytes, engine: OcrEngine = DEFAULT_ENGINE) -> list[OcrLine]:
    """OCR one page image (PIL image or PNG bytes) into tidied lines with pixel boxes, top to bottom.

    Raises:
        OcrUnavailable: the engine is not installed.
    """
    return tidy_lines(raw_lines(image, engine))


def raw_lines(image: Image.Image | bytes, engine: OcrEngine) -> list[OcrLine]:
    """The engine's lines as it read them, before ``tidy_lines``."""
    if not engine_available(engine):
        raise OcrUnavailable(engine)
    png = _png(image)
    return _tesseract_lines(png) if engine == "tesseract" else _rapidocr_lines(png)


def tidy_lines(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Lines tidied by ``tidy_ocr``, empty ones dropped, top to bottom."""
    out = [OcrLine(t, ln.x0, ln.x1, ln.top, ln.size) for ln in lines if (t := tidy_ocr(ln.text).strip())]
    return sorted(out, key=lambda ln: ln.top)


def ocr_page(image: Image.Image | bytes, engine: OcrEngine = DEFAULT_ENGINE) -> str:
    """The text of one page image, a line per printed line.

    Raises:
        OcrUnavailable: the engine is not installed.
    """
    return "\n".join(ln.text for ln in image_to_lines(image, engine))


def tidy_ocr(text: str) -> str:
    """Undo what OCR does to Chinese text: spaces between Han characters, half-width brackets, the year of a
    document number in the wrong brackets.

    >>> tidy_ocr("就 业 见 习 (一 ) 2020 年")
    '就业见习（一）2020年'
    >>> tidy_ocr("2020年2月一6月")
    '2020年2月—6月'
    >>> tidy_ocr("豫人社[2023]12号")
    '豫人社〔2023〕12号'
    >>> tidy_ocr("20万元丶150万元")
    '20万元、150万元'
    >>> tidy_ocr("豫人社〔2023］12号，（2023）")
    '豫人社〔2023〕12号，（2023）'
    """
    text = regex.sub(r"(?<=[\p{Han}（）(),，。、：；])[ \t]+(?=[\p{Han}（）()，。、：；\d])", "", text)
    text = regex.sub(r"(?<=\d)[ \t]+(?=\p{Han})", "", text)
    # the year of a 文号 is always in 六角括号 (GB/T 9704): "豫人社[2023]12号", "〔2023］12号" -> "〔2023〕12号"
    text = regex.sub(r"[〔［\[【(（]\s*((?:19|20)\d\d)\s*[〕］\]】)）](?=\s*\d{1,4}\s*号)", r"〔\1〕", text)
    text = text.replace("(", "（").replace(")", "）").replace("丶", "、")  # the radical 丶 is never text: an enumeration comma
    # a dash between numbers read as 一 or a hyphen: "2月一6月" -> "2月—6月"
    return regex.sub(r"(?<=\d[年月日]?)[一\-](?=\d)", "—", text)
