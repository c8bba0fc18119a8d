"""``extractor.db._fork.in_child``: the citation graph of an ingest's last steps made in a forked child while the
main process writes the Parquet dataset. The answer is the function's, whichever process gave it: the child's,
or this process's when the child raised or died before it answered."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

import pytest

from extractor.db._fork import in_child

PARENT = os.getpid()


def _die_in_child(x: int) -> int:
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return x + 1


def _fail_in_child(x: int) -> int:
    if os.getpid() != PARENT:
        raise MemoryError("only the child runs out")
    return x + 1


CASES: list[tuple[str, Callable[[int], object], int, object]] = [
    ("answered-by-the-child", lambda x: x + 1, 1, 2),
    ("runs-in-another-process", lambda x: os.getpid() != PARENT, 0, True),
    ("child-killed-runs-here", _die_in_child, 1, 2),
    ("child-failed-runs-here", _fail_in_child, 1, 2),
]
"""The functions are lambdas and closures: the child gets them by fork, only the result is pickled."""


@pytest.mark.parametrize(("fn", "arg", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_in_child_gives_the_functions_answer(fn: Callable[[int], object], arg: int, want: object) -> None:
    assert in_child(fn, arg)() == want


def test_an_error_of_the_function_is_raised_here() -> None:
    def bad(x: int) -> int:
        raise ValueError(f"no {x}")

    with pytest.raises(ValueError, match="no 7"):
        in_child(bad, 7)()


def test_the_child_is_reaped() -> None:
    wait = in_child(lambda _: os.getpid(), None)
    child = wait()
    assert child != PARENT
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
