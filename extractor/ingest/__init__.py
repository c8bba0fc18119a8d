"""Readers: one per file type, each ``read(path) -> RawDoc``. All file reading happens here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from . import docx, html, pdf, txt
from .raw import RawDoc, RawLine

READERS: dict[str, Callable[[Path], RawDoc]] = {
    ".pdf": pdf.read,
    ".txt": txt.read,
    ".text": txt.read,
    ".docx": docx.read,
    ".html": html.read,
    ".htm": html.read,
    ".shtml": html.read,
}

__all__ = ["READERS", "RawDoc", "RawLine", "read"]


def read(path: str | Path) -> RawDoc:
    """Read any supported file; raise InputError naming the file and the cause for anything else."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a folder, not a file")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(p, f"unsupported file type '{p.suffix or '(none)'}' (supported: {known})")
    if p.stat().st_size == 0:
        raise InputError(p, "empty file")
    try:
        return reader(p)
    except InputError:
        raise
    except (OSError, ValueError, KeyError, IndexError, UnicodeError) as e:
        raise InputError(p, f"cannot be read as {p.suffix.lstrip('.').upper()}: {type(e).__name__}: {e}".splitlines()[0]) from e
