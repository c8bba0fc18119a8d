"""The local ingest's pool: N forked worker processes, each killed (with what it started) when its file runs past
the time budget, so that ``--max-seconds`` holds even while the time goes in a C call (pdfium, lxml, zlib, a
regex engine) that no signal interrupts; the file is that one line, and the worker is forked again for the next.

Workers are forked from this process, which has built the pipeline (spaCy, jieba, the rule tables) before: they
start with it, its pages shared and frozen out of their collectors' passes (``gc.freeze`` before each fork). A
worker runs file after file; results come back as each completes, in any order.

>>> sorted(bounded_map(len, ["ab", "abc", "a"], workers=2, seconds=60, failed=lambda item, cause: -1))
[1, 2, 3]
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar, cast

from .._process import serve_items

T = TypeVar("T")
R = TypeVar("R")

GRACE = 1.0
"""Seconds past the budget before a worker is killed: a file that overran in Python code is stopped by the
worker's own alarm first (``ingest.time_budget``), which keeps the worker; the kill is for the C calls."""


class _Slot(Generic[T]):
    """One worker process, and the item it is running with its deadline."""

    def __init__(self, fn: Callable[[T], object]) -> None:
        ctx = multiprocessing.get_context("fork")
        ours, theirs = ctx.Pipe()
        for stream in (sys.stdout, sys.stderr):  # what is buffered must not be written twice by the child
            stream.flush()
        self.proc: BaseProcess = ctx.Process(target=serve_items, args=(fn, theirs, os.getpid()), daemon=True, name="zhengce-ingest")
        thaw = gc.get_freeze_count() == 0
        gc.freeze()  # the child's collector leaves the inherited objects alone, so their pages stay shared
        try:
            self.proc.start()
        finally:
            if thaw:
                gc.unfreeze()
            theirs.close()
        self.conn: Connection = ours
        self.item: T | None = None
        self.deadline = 0.0

    def give(self, item: T, seconds: float) -> None:
        self.item, self.deadline = item, time.monotonic() + seconds
        self.conn.send(item)

    def died(self) -> str:
        """Why the worker's pipe closed: its exit, waited for."""
        self.proc.join(5)
        code = self.proc.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        return f"its worker process died ({how}) while reading it"

    def kill(self) -> None:
        """SIGKILL the worker; what it started (tesseract) dies with it (the parent-death signal)."""
        if self.proc.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.join()
        self.conn.close()


def bounded_map(fn: Callable[[T], R], items: Sequence[T], *, workers: int, seconds: float,
                failed: Callable[[T, str], R], grace: float = GRACE) -> Iterator[R]:
    """``fn(item)`` of every item on ``workers`` forked processes, as each completes; ``failed(item, cause)`` for
    an item that raised, crashed its worker, or was still running ``seconds`` + ``grace`` after it was given (its
    worker killed, and forked again when items remain). Leaving the iterator early kills every worker."""
    todo: deque[T] = deque(items)
    busy: dict[Connection, _Slot[T]] = {}
    limit = seconds + grace

    def start() -> None:
        """A new worker, given the next item (none when every item is given)."""
        if todo:
            slot: _Slot[T] = _Slot(fn)
            slot.give(todo.popleft(), limit)
            busy[slot.conn] = slot

    try:
        for _ in range(min(workers, len(todo))):
            start()
        while busy:
            timeout = max(0.0, min(s.deadline for s in busy.values()) - time.monotonic())
            ready = cast(list[Connection], wait(list(busy), timeout))
            for conn in ready:
                slot = busy.pop(conn)
                done = slot.item
                assert done is not None
                # the next file given first: the worker starts it as soon as its reply is read off the pipe,
                # not after this process has unpickled the reply
                following = todo.popleft() if todo else None
                if following is not None:
                    try:
                        slot.give(following, limit)
                    except OSError:  # the worker is gone: its reply tells how, below
                        todo.appendleft(following)
                        following = None
                try:
                    status, value = conn.recv()
                except (EOFError, OSError):
                    cause = slot.died()
                    slot.kill()
                    if following is not None:
                        todo.appendleft(following)
                    start()
                    yield failed(done, cause)
                    continue
                if following is not None:
                    busy[slot.conn] = slot
                else:
                    slot.kill()
                yield cast(R, value) if status == "ok" else failed(done, str(value))
            now = time.monotonic()
            for conn, slot in [(c, s) for c, s in busy.items() if s.deadline <= now]:
                del busy[conn]
                item = slot.item
                assert item is not None
                slot.kill()
                start()
                from ..budgets import BudgetError

                yield failed(item, BudgetError(item, "max_seconds", f"stopped, still running after {seconds:g} s", seconds).cause)
    finally:
        for slot in busy.values():
            slot.kill()


__all__ = ["GRACE", "bounded_map"]
