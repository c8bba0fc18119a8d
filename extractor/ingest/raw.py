"""What a reader gives back: the lines of a file, each with where it came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..records import SourceKind


@dataclass(frozen=True, slots=True)
class RawLine:
    """One logical line of the source: a paragraph or a piece of one, as printed.

    ``page`` is 1-based for PDFs and None otherwise; ``line`` is 1-based (within the page for a PDF).
    ``full`` is True when the layout shows the line was wrapped (it reaches the right margin and the next
    line starts at the margin), False when it shows it was not, None when the source says nothing.
    """

    text: str
    page: int | None
    line: int
    full: bool | None = None


@dataclass(frozen=True, slots=True)
class RawDoc:
    """A file read into lines."""

    path: str
    kind: SourceKind
    lines: list[RawLine]
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    sha256: str | None = None  # of the file's bytes; None for a text given in memory

    @property
    def digest(self) -> str:
        """The file's sha256, or for a text given in memory that of its lines joined by newlines, as UTF-8."""
        if self.sha256 is not None:
            return self.sha256
        return hashlib.sha256("\n".join(line.text for line in self.lines).encode("utf-8")).hexdigest()


def existing_file(path: str | Path) -> Path:
    """``path`` as a Path; an InputError when it names nothing or a folder."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    return p
