"""The local ingest's pool (``extractor.db._pool``): a file still running past ``--max-seconds`` in a C call that
no signal stops, a file that kills its worker and a file whose analysis raises are each that file's one failed
line; every other file is ingested, and no worker is left behind."""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.budgets import Budgets
from extractor.db import ingest as ingest_module
from extractor.db import open_store
from extractor.db._pool import GRACE, bounded_map
from extractor.db.ingest import ingest
from extractor.db.records import PreparedSource
from tests.conftest import ROOT

FILES = ("corpus/texts/000_0fce187c97867da1.txt", "corpus/texts/002_f15aeebbaef14a54.txt", "corpus/html/002_f15aeebbaef14a54.html")
BUDGET = 6.0  # seconds: the real files take well under it, even on a loaded machine


def _stuck_in_c() -> None:
    collections.deque(itertools.count(), maxlen=0)  # an endless loop in C: the worker's SIGALRM never gets to run


def _kill_worker() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _raise() -> None:
    raise MemoryError("the analysis ran out")


OVER = f"over the time budget (stopped, still running after {BUDGET:g} s, at most {BUDGET:g}); raise it with --max-seconds or ZHENGCE_MAX_SECONDS"
CASES: list[tuple[str, Callable[[], None], str, tuple[str, ...]]] = [
    ("stuck-in-a-c-call", _stuck_in_c, OVER, FILES),
    ("stuck-in-a-c-call-alone", _stuck_in_c, OVER, ()),  # one file at --workers 2 still goes to a killable worker
    ("worker-killed", _kill_worker, "its worker process died (killed by SIGKILL) while reading it", FILES),
    ("analysis-raises", _raise, "MemoryError: the analysis ran out", FILES),
]


@pytest.mark.parametrize(("bad", "cause", "files"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_bad_file_in_the_pool_is_its_line_and_the_rest_are_ingested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: Callable[[], None], cause: str, files: tuple[str, ...]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in files:
        shutil.copy(ROOT / f, folder / Path(f).name)
    # the largest file goes first: the bad one is given to a worker at once, beside a good one
    (folder / "bad.txt").write_text("关于做好就业工作的通知\n" * 4000, encoding="utf-8")
    real = ingest_module.prepare_source

    def prepare(path: str, budgets: Budgets, *, light: bool = False) -> PreparedSource:
        if Path(path).name == "bad.txt":
            bad()
        return real(path, budgets, light=light)

    monkeypatch.setattr(ingest_module, "prepare_source", prepare)  # the workers are forked: they run this one
    start = time.monotonic()
    with open_store(tmp_path / "store") as store:
        summary = ingest([folder], store, workers=2, budgets=Budgets(max_seconds=BUDGET))
        statuses = sorted((Path(s.path).name, s.status) for s in store.sources().values())
    took = time.monotonic() - start
    assert (summary.added, summary.failed) == (len(files), 1)
    assert summary.errors == [(str(folder / "bad.txt"), cause)]
    assert statuses == sorted([*((Path(f).name, "added") for f in files), ("bad.txt", "failed")])
    assert took < 60  # not a hang
    assert multiprocessing.active_children() == []  # every worker is gone


def _slow_or_len(item: str) -> int:
    if item == "stuck":
        _stuck_in_c()
    return len(item)


def test_the_pool_kills_a_stuck_worker_at_its_budget_and_goes_on() -> None:
    start = time.monotonic()
    out = sorted(bounded_map(_slow_or_len, ["stuck", "ab", "abc", "a", "abcd"], workers=2, seconds=1.0,
                             failed=lambda item, cause: -1, grace=0.5))
    took = time.monotonic() - start
    assert out == [-1, 1, 2, 3, 4]
    assert 1.5 <= took < 20 and GRACE > 0
    assert multiprocessing.active_children() == []
