"""One writer at a time: an ingest holds ``ingest.lock`` in the store folder while it writes.

The lock is a POSIX record lock (``fcntl.lockf``): the kernel releases it when its process ends, however it
ends (a SIGKILL too), and a forked worker does not inherit it. The file holds the holder's pid, for the message
of the one that waits. Readers need no lock: SQLite's WAL lets them read while one process writes.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

LOCK_NAME = "ingest.lock"
POLL_S = 0.2


class StoreBusy(InputError):
    """Another ingest kept the store for longer than we were willing to wait.

    >>> str(StoreBusy("zhengce-store", 4242, 5.0))
    'zhengce-store: busy: another ingest (pid 4242) is writing to it; waited 5s (raise --wait, or try again later)'
    """

    def __init__(self, root: object, pid: int | None, waited: float) -> None:
        self.pid = pid
        who = f"pid {pid}" if pid else "pid unknown"
        super().__init__(root, f"busy: another ingest ({who}) is writing to it; waited {waited:g}s (raise --wait, or try again later)")


def holder(root: Path) -> int | None:
    """The pid written in the store's lock file (the ingest that holds it, or held it last), if any."""
    try:
        text = (root / LOCK_NAME).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


@contextmanager
def store_lock(root: Path, wait: float, on_wait: Callable[[int | None], None] | None = None) -> Iterator[None]:
    """Hold the store's write lock for the block. When another process holds it, call ``on_wait(pid)`` once (unless ``wait`` is 0) and
    wait up to ``wait`` seconds for it, then raise :class:`StoreBusy`."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline, told = time.monotonic() + wait, False
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                pid = holder(root)
                if not told and on_wait is not None and wait > 0:
                    on_wait(pid)
                    told = True
                if time.monotonic() >= deadline:
                    raise StoreBusy(root, pid, wait) from None
                time.sleep(POLL_S)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


__all__ = ["LOCK_NAME", "StoreBusy", "holder", "store_lock"]
