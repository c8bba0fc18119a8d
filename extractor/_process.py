"""Processes that die with their parent: the kernel's parent-death signal (Linux ``prctl(PR_SET_PDEATHSIG)``), so
that no worker or helper program (tesseract) outlives a run killed in any way, SIGKILL included."""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from .errors import failure_cause

PR_SET_PDEATHSIG = 1  # linux/prctl.h

T = TypeVar("T")
R = TypeVar("R")


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """libc's ``prctl``, on Linux; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


def die_with_parent(parent: int | None = None) -> None:
    """Make this process get SIGKILL when its parent dies. With ``parent`` (the pid it was forked from), a parent
    that died before the signal was set ends this process at once. Nothing where prctl is missing."""
    prctl = _prctl()
    if prctl is None:
        return
    prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def preexec_die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` for ``subprocess``: the child program gets SIGKILL when this process dies (it runs between
    fork and exec); None where prctl is missing.

    >>> fn = preexec_die_with_parent(); fn is None or callable(fn)
    True
    """
    if _prctl() is None:
        return None
    return functools.partial(die_with_parent, os.getpid())


def serve_items(fn: Callable[[T], R], conn: Connection, parent: int | None = None) -> None:
    """A forked worker's loop: ``fn`` of each item received on ``conn``, sent back as ("ok", result) or ("error",
    its one-line cause); it ends when the pipe closes, and dies with its parent (``parent``: see
    :func:`die_with_parent`)."""
    import faulthandler

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    faulthandler.disable()  # a crash of a library is the file's one line in the parent, never a dump here
    die_with_parent(parent)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        try:
            reply: tuple[str, object] = ("ok", fn(item))
        except Exception as e:
            reply = ("error", failure_cause(e))
        try:
            conn.send(reply)
        except Exception as e:  # a result that cannot be pickled is still one line
            conn.send(("error", f"its result could not be returned: {failure_cause(e)}"))
        del reply, item  # sent: not held while the next item is waited for and read (its peak is one item's)
