"""What a PDF page holds before its text is read: nothing (blank), something pdfium could not draw (a damaged
content stream), or marks that only OCR can read; and how large a page may be rendered.

Blank pages are told cheaply and never sent to OCR: a page on which pdfium finds no page object is blank when its
content stream is empty or draws nothing, and damaged when the stream cannot be decoded or holds drawing operators
pdfium did not draw (pypdf decodes the stream: about 1 ms a page); a page with objects but no text is blank when a
thumbnail of it is white. A content stream that cannot be decoded is reported also on a page with text, since pdfium
then keeps, silently, only the part it could decode.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

log = logging.getLogger(__name__)

MAX_RENDER_PIXELS = 20_000_000
"""Never render a page into more pixels than this (an A3 page at 300 dpi is 17.4 million): a page with an absurd box
is rendered at a lower resolution rather than filling the memory."""
THUMB_SIDE = 200  # the long side of the thumbnail that tells a white page, in pixels
WHITE = 235  # a thumbnail whose darkest pixel is lighter than this is blank
MAX_PROBED_STREAM = 4_000_000  # a content stream longer than this is not decoded to tell whether it draws anything
MAX_PROBED_TOTAL = 200_000_000  # bytes of content streams read with pypdf per file, at most (about 1 s of work)
# operators that draw: text, XObjects, inline images, shadings, path painting (PDF 32000-1, tables 51, 59, 87, 92)
_DRAWS = regex.compile(rb"(?<![A-Za-z0-9*'\"])(?:Tj|TJ|'|\"|Do|BI|sh|f\*?|F|B\*?|b\*?|S|s)(?![A-Za-z0-9*'\"])")

logging.getLogger("pypdf").addHandler(logging.NullHandler())  # pypdf's complaints about a damaged file are ours to word


def render_scale(width: float, height: float, dpi: float, max_pixels: int = MAX_RENDER_PIXELS) -> float:
    """The scale to render a page of ``width`` × ``height`` points at ``dpi``, lowered so that the image holds at most
    ``max_pixels`` pixels.

    >>> render_scale(595, 842, 300) == 300 / 72
    True
    >>> round(render_scale(1e6, 1e6, 300), 6)
    0.004468
    >>> render_scale(0, 0, 300) == 300 / 72
    True
    """
    scale = dpi / 72
    area = max(width, 1.0) * max(height, 1.0) * scale * scale
    if area <= max_pixels:
        return scale
    return scale * math.sqrt(max_pixels / area) * 0.999  # pdfium rounds each side up to whole pixels


def object_count(page: pdfium.PdfPage) -> int:
    """How many page objects (text, paths, images, forms) pdfium found on the page."""
    return int(pdfium_c.FPDFPage_CountObjects(page.raw))


def looks_white(page: pdfium.PdfPage) -> bool:
    """True when a small grey thumbnail of the page has no dark pixel: nothing worth sending to OCR."""
    width, height = page.get_width(), page.get_height()
    scale = THUMB_SIDE / max(width, height, 1.0)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil().convert("L")
        darkest, _ = image.getextrema()
    finally:
        bitmap.close()
    return bool(darkest >= WHITE)


def draws_anything(content: bytes) -> bool:
    """Does a decoded content stream hold an operator that draws?

    >>> draws_anything(b"1 0 0 1 0 0 cm  BT /F1 12 Tf 14.4 TL ET")
    False
    >>> draws_anything(b"BT 1 0 0 1 100 700 Tm (hello) Tj T* ET")
    True
    >>> draws_anything(b"q 0 0 595 842 re f Q")
    True
    >>> draws_anything(b"")
    False
    """
    return _DRAWS.search(content) is not None


@dataclass(frozen=True, slots=True)
class Content:
    """What pypdf found in a page's content stream: what is wrong with it (None: it decodes), and whether it holds an
    operator that draws."""

    error: str | None
    draws: bool


class ContentProbe:
    """Reads each page's content stream with pypdf, to tell a damaged stream (pdfium keeps what it could decode of
    it, silently) and, on a page where pdfium found nothing, a blank page from a damaged one.

    The file is opened with pypdf on the first page asked about, once. The probe is advice, never a failure: a file
    pypdf cannot open or whose pages it counts otherwise than pdfium, or pages after ``MAX_PROBED_TOTAL`` bytes of
    streams were read, are not examined (None). The limit is in bytes, not seconds, so that a file gives the same
    warnings on a busy machine as on a quiet one.
    """

    def __init__(self, path: Path, n_pages: int) -> None:
        self.path = path
        self.n_pages = n_pages
        self._reader: Any = None
        self._closed = False
        self.read_bytes = 0

    def _open(self) -> Any:
        if self._reader is None and not self._closed:
            import pypdf
            try:
                reader = pypdf.PdfReader(str(self.path), strict=False)
                n = len(reader.pages)
            except Exception as e:
                log.debug("%s: pypdf cannot open it (%s); content streams not examined", self.path, _cause(e))
                self._closed = True
                return None
            if n != self.n_pages:  # pypdf sees other pages than pdfium (a damaged page tree): no page is told apart
                log.debug("%s: pypdf sees %d pages, pdfium %d; content streams not examined", self.path, n, self.n_pages)
                self._closed = True
                return None
            self._reader = reader
        return self._reader

    def examine(self, index: int) -> Content | None:
        """What page ``index``'s content stream holds; None when it was not examined."""
        if self.read_bytes > MAX_PROBED_TOTAL:
            return None
        reader = self._open()
        if reader is None:
            return None
        content, size = _examine(reader, index)
        self.read_bytes += size
        return content


def _examine(reader: Any, index: int) -> tuple[Content, int]:
    """What page ``index``'s content streams hold, and how many bytes of them were read."""
    total = 0
    try:
        contents = reader.pages[index].get("/Contents")
        if contents is None:
            return Content(None, False), 0
        streams = list(contents) if isinstance(contents, list) else [contents]
        draws = False
        for ref in streams:
            stream = ref.get_object()
            total += len(getattr(stream, "_data", b"") or b"")
            if total > MAX_PROBED_STREAM:
                return Content(None, True), total  # too long to decode here: taken to draw
            draws = draws or draws_anything(stream.get_data())
    except Exception as e:
        return Content(f"its content stream is damaged ({_cause(e)})", True), total
    return Content(None, draws), total


def _cause(e: BaseException) -> str:
    first = str(e).strip().splitlines()
    return type(e).__name__ + (f": {first[0][:120]}" if first else "")


def page_ranges(pages: list[int]) -> str:
    """Page numbers as short ranges.

    >>> page_ranges([2, 3, 4, 7, 9, 10])
    '2–4, 7, 9–10'
    >>> page_ranges([5])
    '5'
    """
    out: list[str] = []
    start = prev = None
    for n in sorted(pages):
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            out.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = n
    if start is not None:
        out.append(str(start) if start == prev else f"{start}–{prev}")
    return ", ".join(out)


def pages_phrase(pages: list[int]) -> str:
    """``page 5`` or ``pages 2–4, 7``.

    >>> pages_phrase([5])
    'page 5'
    >>> pages_phrase([1, 2])
    'pages 1–2'
    """
    return ("page " if len(pages) == 1 else "pages ") + page_ranges(pages)


__all__ = [
    "MAX_RENDER_PIXELS", "Content", "ContentProbe", "draws_anything", "looks_white", "object_count", "page_ranges",
    "pages_phrase", "render_scale",
]
