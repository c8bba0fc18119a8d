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


def failure_cause(e: BaseException) -> str:
    """The one-line cause of a file's failure: an InputError's own cause, else the exception's type and first line.

    >>> failure_cause(InputError("a.pdf", "truncated PDF")), failure_cause(RecursionError("maximum recursion depth"))
    ('truncated PDF', 'RecursionError: maximum recursion depth')
    """
    if isinstance(e, InputError):
        return e.cause
    first = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {first}" if first else type(e).__name__
