"""Error classes. Every error a user can cause names the file and the cause in one line."""

from __future__ import annotations


class ZhengceError(Exception):
    """Base class of the errors this library raises on purpose."""


class InputError(ZhengceError):
    """A file that cannot be read as a document: names the file and the cause.

    >>> str(InputError("a.pdf", "truncated PDF"))
    'a.pdf: truncated PDF'
    """

    def __init__(self, path: object, cause: str) -> None:
        self.path = str(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")
