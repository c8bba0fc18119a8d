"""Readers: one per file type, each ``read(path) -> RawDoc``. All file reading happens here."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from .raw import RawDoc, RawLine, existing_file


class _LazyReader:
    """``read`` of a reader module, imported on first call: pypdfium2, python-docx and bs4 load only for the file
    types a command meets (importing all of them costs more than parsing a short text)."""

    __slots__ = ("module",)

    def __init__(self, module: str) -> None:
        self.module = module

    def __call__(self, path: Path) -> RawDoc:
        read: Callable[[Path], RawDoc] = importlib.import_module(f"{__name__}.{self.module}").read
        return read(path)

    def __repr__(self) -> str:
        return f"<reader {__name__}.{self.module}.read>"


READERS: dict[str, Callable[[Path], RawDoc]] = {
    ".pdf": _LazyReader("pdf"),
    ".txt": _LazyReader("txt"),
    ".text": _LazyReader("txt"),
    ".docx": _LazyReader("docx"),
    ".html": _LazyReader("html"),
    ".htm": _LazyReader("html"),
    ".shtml": _LazyReader("html"),
}

__all__ = ["READERS", "RawDoc", "RawLine", "read"]


def read(path: str | Path) -> RawDoc:
    """Read any supported file; raise InputError naming the file and the cause for anything else."""
    p = existing_file(path)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(p, f"unsupported file type '{p.suffix or '(none)'}' (supported: {known})")
    if p.stat().st_size == 0:
        raise InputError(p, "empty file")
    try:
        raw = reader(p)
        with open(p, "rb") as f:
            return dataclasses.replace(raw, sha256=hashlib.file_digest(f, "sha256").hexdigest())
    except InputError:
        raise
    except (OSError, ValueError, KeyError, IndexError, UnicodeError) as e:
        raise InputError(p, f"cannot be read as {p.suffix.lstrip('.').upper()}: {type(e).__name__}: {e}".splitlines()[0]) from e
