"""A printed line of a PDF page with the geometry the readers need, shared by the text, OCR and table readers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class PdfLine:
    """One line of a page: its text, the box of its first and last characters, and how it sits in its column.

    ``top`` is measured from the top of the page (points). ``size`` is the character height; 0 means the line's
    geometry could not be read, and -1 marks a table row put in place of the lines it covered.
    ``reaches_right`` and ``starts_left`` are set once the page's columns are known.
    """

    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int
    line: int
    reaches_right: bool = False
    starts_left: bool = True
