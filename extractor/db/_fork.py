"""One function run in a forked child while this process goes on with other work: the second core of an
ingest's last steps (the citation graph in the child, the Parquet dataset here).

The child gets its argument by ``fork`` (nothing is pickled but its result, sent back through a pipe), dies with
this process, ignores Ctrl-C (the parent's to handle) and touches no SQLite connection: it only computes. When
the child cannot be started, or dies or fails before it answers, the function runs here instead, when waited
for, so the result is the same either way (an error the function raises is raised here then).

>>> wait = in_child(sum, [1, 2, 3])
>>> wait()
6
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from .._process import die_with_parent

T = TypeVar("T")
R = TypeVar("R")


def _serve(fn: Callable[[T], R], arg: T, conn: Connection, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    try:
        conn.send(("ok", fn(arg)))
    except Exception:  # the parent runs fn itself and meets the error there, with its traceback
        conn.send(("error", None))
    conn.close()
    os._exit(0)  # no finalizer of the parent's objects (its SQLite connection among them) runs in the child


def in_child(fn: Callable[[T], R], arg: T) -> Callable[[], R]:
    """Start ``fn(arg)`` in a forked child now; the function returned waits for its result (or runs ``fn(arg)``
    here when the child could not give it)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return lambda: fn(arg)
    ctx = multiprocessing.get_context("fork")
    ours, theirs = ctx.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # what is buffered must not be written twice by the child
        stream.flush()
    proc = ctx.Process(target=_serve, args=(fn, arg, theirs, os.getpid()), daemon=True, name="zhengce-post")
    ours_to_thaw = gc.get_freeze_count() == 0  # an ingest freezes what it keeps already, and thaws it itself
    gc.freeze()  # the child's collector leaves the inherited objects alone, so their pages stay shared
    try:
        proc.start()
    except OSError:
        ours.close()
        return lambda: fn(arg)
    finally:
        if ours_to_thaw:
            gc.unfreeze()
        theirs.close()

    def wait() -> R:
        try:
            status, value = ours.recv()
        except (EOFError, OSError):
            status, value = "died", None
        finally:
            ours.close()
            proc.join()
        return value if status == "ok" else fn(arg)

    return wait


__all__ = ["in_child"]
