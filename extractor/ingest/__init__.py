"""Readers: one per file type, each ``read(path, budgets) -> RawDoc``. All file reading happens here.

Every reader keeps to its :class:`~extractor.budgets.Budgets` (size, pages, characters, DOCX entries, HTML depth,
OCR pages) and ``read`` turns whatever a reader or a library under it raises into one :class:`InputError` line
naming the file and the cause; a :class:`BudgetError` passes unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
from pathlib import Path
from typing import Protocol

from ..budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from ..errors import InputError
from .raw import RawDoc, RawLine, existing_file


class Reader(Protocol):
    """A reader: ``read(path, budgets=...) -> RawDoc``."""

    def __call__(self, path: Path, *, budgets: Budgets = ...) -> RawDoc: ...


class _LazyReader:
    """``read`` of a reader module, imported on first call: pypdfium2, python-docx and bs4 load only for the file
    types a command meets (importing all of them costs more than parsing a short text)."""

    __slots__ = ("module",)

    def __init__(self, module: str) -> None:
        self.module = module

    def __call__(self, path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
        read: Reader = importlib.import_module(f"{__name__}.{self.module}").read
        return read(path, budgets=budgets)

    def __repr__(self) -> str:
        return f"<reader {__name__}.{self.module}.read>"


READERS: dict[str, Reader] = {
    ".pdf": _LazyReader("pdf"),
    ".txt": _LazyReader("txt"),
    ".text": _LazyReader("txt"),
    ".docx": _LazyReader("docx"),
    ".html": _LazyReader("html"),
    ".htm": _LazyReader("html"),
    ".shtml": _LazyReader("html"),
}

__all__ = ["READERS", "RawDoc", "RawLine", "Reader", "read"]


def read(path: str | Path, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
    """Read any supported file within ``budgets``.

    Raises:
        BudgetError: the file is over one of its budgets (the file size is checked before anything is read).
        InputError: anything else that keeps the file from being read, in one line naming the file and the cause;
            no exception of a library under a reader (pdfium, lxml, zlib, memory, recursion) reaches the caller.
    """
    p = existing_file(path)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(p, f"unsupported file type '{p.suffix or '(none)'}' (supported: {known})")
    size = p.stat().st_size
    if size == 0:
        raise InputError(p, "empty file")
    if size > budgets.max_file_mb * 1e6:
        raise BudgetError(p, "max_file_mb", f"{size / 1e6:,.2f} MB", budgets.max_file_mb)
    try:
        raw = reader(p, budgets=budgets)
        with open(p, "rb") as f:
            return dataclasses.replace(raw, sha256=hashlib.file_digest(f, "sha256").hexdigest())
    except InputError:
        raise
    except (Exception, MemoryError, RecursionError) as e:
        raise InputError(p, failure_cause(p, e)) from e


def failure_cause(path: Path, e: BaseException) -> str:
    """The one-line cause of a reader's failure: ``cannot be read as PDF: PdfiumError: Failed to load page``.

    >>> failure_cause(Path("a.pdf"), ValueError("bad\\nmore"))
    'cannot be read as PDF: ValueError: bad'
    >>> failure_cause(Path("a.docx"), MemoryError())
    'cannot be read as DOCX: MemoryError'
    """
    first = str(e).strip().splitlines()
    kind = path.suffix.lstrip(".").upper() or "a document"
    return f"cannot be read as {kind}: {type(e).__name__}" + (f": {first[0]}" if first else "")
