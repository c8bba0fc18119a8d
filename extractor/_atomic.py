"""Writing output files so that no kill leaves a partial one and no two runs mix theirs.

Every file is written to a temporary file in its own folder (``.NAME.PID.zhengce-tmp``), flushed to disk and
renamed over the target (``os.replace``, atomic on POSIX): a reader, or the next run after a kill, sees the old
file or the new one, never a part. A run that writes a file or a folder first takes a lock beside it
(``.NAME.lock``; in a folder, ``.zhengce.lock``; ``fcntl.lockf``), so concurrent runs into one output are serialized, and it removes the temporary
files a killed run left there.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

TMP_SUFFIX = ".zhengce-tmp"


def temp_path(target: Path, keep_suffix: bool = False) -> Path:
    """The temporary file ``target`` is written to before its rename: hidden, in the same folder, per process;
    ``keep_suffix`` for a writer that takes the format from the suffix (matplotlib's ``savefig``).

    >>> temp_path(Path("out/a.json")).name == f".a.json.{os.getpid()}.zhengce-tmp"
    True
    >>> temp_path(Path("c.png"), keep_suffix=True).name == f".c.png.{os.getpid()}.zhengce-tmp.png"
    True
    """
    return target.with_name(f".{target.name}.{os.getpid()}{TMP_SUFFIX}{target.suffix if keep_suffix else ''}")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_open(target: str | Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text file that becomes ``target`` only when the ``with`` block ends without an exception; on an
    exception (or a kill) ``target`` is left as it was and the temporary file is removed (or cleaned later)."""
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    f = open(tmp, "w", encoding=encoding)  # noqa: SIM115
    try:
        yield f
        f.flush()
        os.fsync(f.fileno())
        f.close()
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        f.close()
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path (with ``target``'s suffix) for a writer that takes a path (``pq.write_table``,
    ``Workbook.save``, ``savefig``), renamed to ``target`` when the ``with`` block ends without an exception.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.bin") as tmp:
    ...     _ = tmp.write_bytes(b"x")
    >>> sorted(p.name for p in d.iterdir())
    ['a.bin']
    """
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path, keep_suffix=True)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(target: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``target`` atomically (a temporary file in the same folder, fsync, rename).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> write_atomic(d / "a.txt", "政策"); (d / "a.txt").read_text(encoding="utf-8"), sorted(p.name for p in d.iterdir())
    ('政策', ['a.txt'])
    """
    with atomic_open(target, encoding) as f:
        f.write(text)


def lock_path(target: Path) -> Path:
    """The lock file of an output: inside it for a folder, beside it (hidden) for a file.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> lock_path(d).name, lock_path(d / "a.json").name
    ('.zhengce.lock', '.a.json.lock')
    """
    return target / ".zhengce.lock" if target.is_dir() else target.with_name(f".{target.name}.lock")


def _holder(lock: Path) -> str:
    try:
        pid = lock.read_text(encoding="ascii").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_temps(target: Path) -> None:
    """The temporary files of ``target`` (a file, or the files of a folder) that a killed run left behind: those
    of a process that is no longer running."""
    folders = [target.parent] + ([target] if target.is_dir() else [])
    for folder in folders:
        prefix = f".{target.name}." if folder == target.parent else "."
        for p in folder.glob(f"{prefix}*{TMP_SUFFIX}*"):
            pid = p.name.partition(TMP_SUFFIX)[0].rpartition(".")[2]
            if pid.isdigit() and not _alive(int(pid)):
                p.unlink(missing_ok=True)


@contextlib.contextmanager
def output_lock(target: str | Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of an output file or folder for the ``with`` block: a second run into the same output waits
    until the first is done (``on_wait`` is told who holds it, once). Temporary files a killed run left there
    are removed once the lock is held."""
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_path(path)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        # a POSIX record lock belongs to this process alone: a worker forked while it is held does not hold it,
        # and the kernel releases it when this process dies, however it dies
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            if on_wait is not None:
                on_wait(f"{path} is being written by another zhengce run{_holder(lock)}; waiting for it to finish")
            fcntl.lockf(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        _remove_stale_temps(path)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


__all__ = ["atomic_open", "atomic_path", "lock_path", "output_lock", "temp_path", "write_atomic"]
