"""When a program's value and a gold value count as the same, for the scores of ``zhengce eval``.

Shared by the quantity score (``extract.score``) and the diff score (``compare.score``), which the evaluation
(``extractor.evaluate``) calls; nothing here imports any of them.
"""

from __future__ import annotations

import unicodedata

from ..text.patterns import norm_title

VALUE_TOLERANCE = 0.011
"""Two numbers are the same within 1.1% of a unit, or 1.1% of the gold value past 100 (66.67 for 2/3)."""


def norm(s: object) -> str:
    """A string for comparison, modulo width, spaces and book-title marks (``None``: the empty string)."""
    if s is None:
        return ""
    return norm_title(unicodedata.normalize("NFKC", str(s))).replace("(", "（").replace(")", "）")


def close(a: float | None, b: float | None) -> bool:
    """Two values are the same number (the gold one second), or both absent."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= VALUE_TOLERANCE * max(1.0, abs(b) / 100)


def overlaps(a: object, b: object) -> bool:
    """Two phrases name the same thing: both non-empty once normalized, and one contains the other."""
    x, y = norm(a), norm(b)
    return bool(x and y and (x in y or y in x))
