"""A real ``zhengce ingest`` killed with SIGKILL at random moments (seeded) leaves a whole store: SQLite's
integrity check passes, every stored source holds all its rows and nothing half-written, no worker outlives
the run, and a rerun completes it with the rows of a run never interrupted. A run killed inside the write of
a source (held there on purpose) leaves that source as it was.

Each trial ingests into a new store and is killed a random delay after a random number of its sources is
written (read from the store as it runs), so the kills fall among the writes whatever the machine's speed."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from extractor.db import open_store
from extractor.db.check import check_store, store_rows
from tests.conftest import ROOT

FILES = (
    "corpus/texts/000_0fce187c97867da1.txt", "corpus/texts/001_e001dd900bee0134.txt",
    "corpus/texts/002_f15aeebbaef14a54.txt",
    "corpus/pdf/001_e001dd900bee0134.pdf", "corpus/pdf/002_f15aeebbaef14a54.pdf",
)
SEED = 11
TRIALS = 6
DELAY = (0.0, 0.1)
"""Seconds between the chosen write and the kill."""
COMMAND = "from extractor.cli.ingest import ingest_cmd; ingest_cmd()"


def _processes_naming(marker: str) -> list[int]:
    """The processes whose command line holds ``marker`` (the run and its forked workers share it)."""
    out = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                out.append(int(cmdline.parent.name))
        except OSError:
            continue
    return out


def _written(store: Path) -> int:
    """How many sources the store holds now (0 before its tables exist)."""
    try:
        with sqlite3.connect(f"file:{store / 'store.db'}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("select count(*) from sources").fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_after_writes(proc: subprocess.Popen[bytes], store: Path, n: int, delay: float) -> None:
    """SIGKILL the run ``delay`` seconds after the store holds ``n`` sources (at once if it ended)."""
    while proc.poll() is None and _written(store) < n:
        time.sleep(0.01)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _gone(marker: str, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while _processes_naming(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _processes_naming(marker)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kill") / "corpus"
    out.mkdir()
    for f in FILES:
        shutil.copy(ROOT / f, out / Path(f).name)
    return out


@pytest.fixture(scope="module")
def killed(folder: Path) -> list[tuple[float, list[str]]]:
    """A store per trial, its ingest killed at a random moment: (sources written before the kill + the delay,
    problems) per trial."""
    rng = random.Random(SEED)
    trials = []
    for k in range(TRIALS):
        store = folder.parent / f"killed-{k}"
        n, delay = rng.randint(0, len(FILES) - 1), rng.uniform(*DELAY)
        proc = subprocess.Popen([sys.executable, "-c", COMMAND, str(folder), "--store", str(store), "--workers", str(1 + k % 2)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _kill_after_writes(proc, store, n, delay)
        at = float(n) + delay
        problems = [] if _gone(str(store)) else ["a worker outlived the killed run"]
        if (store / "store.db").exists():
            with open_store(store) as st:
                problems += check_store(st)
        trials.append((at, problems))
    return trials


@pytest.mark.parametrize("trial", range(TRIALS), ids=[f"trial-{k}" for k in range(TRIALS)])
def test_a_killed_run_leaves_the_store_whole(killed: list[tuple[float, list[str]]], trial: int) -> None:
    at, problems = killed[trial]
    assert problems == [], f"killed {at - int(at):.2f} s after source {int(at)} was written"


def _sources_without_status(rows: dict[str, Counter[tuple[tuple[str, object], ...]]]) -> Counter[tuple[tuple[str, object], ...]]:
    """The sources' rows without ``status``: a source the killed run wrote is ``updated`` if the code changed since."""
    return Counter(tuple(kv for kv in r if kv[0] != "status") for r in rows.pop("sources").elements())


def test_a_rerun_completes_the_killed_store(folder: Path, killed: list[tuple[float, list[str]]]) -> None:
    store = folder.parent / "killed-0"  # killed after some of its sources were written
    reference = folder.parent / "reference"  # one uninterrupted run, made just after, by the same code
    for target, workers in ((store, "2"), (reference, "1")):
        done = subprocess.run([sys.executable, "-c", COMMAND, str(folder), "--store", str(target), "--workers", workers],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    with open_store(store) as st, open_store(reference) as ref:
        assert check_store(st) == []
        got, want = store_rows(st), store_rows(ref)
        assert _sources_without_status(got) == _sources_without_status(want)
        assert got == want
        assert st.analyses() == ref.analyses()
        statuses = [r["status"] for r in st.rows("select status from runs order by run_id")]
    assert statuses[-1] == "done" and "running" not in statuses  # the killed runs are marked killed


MID_WRITE = """
import sys, time
from extractor.db import open_store
from extractor.db.ingest import analyze_source

result = analyze_source(sys.argv[2])


class Held:  # the store's connection, held inside the source's transaction after its first table of rows
    def __init__(self, conn):
        self.conn, self.calls = conn, 0

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def executemany(self, sql, rows):
        self.calls += 1
        if self.calls == 2:  # the documents inserted, the rest of the source's rows not yet
            print("inside the transaction", flush=True)
            time.sleep(600)
        return self.conn.executemany(sql, rows)


with open_store(sys.argv[1]) as st:
    st.conn = Held(st.conn)
    st.write_source(result)
"""


def test_a_run_killed_inside_a_write_leaves_the_source_as_it_was(tmp_path: Path) -> None:
    source = tmp_path / Path(FILES[0]).name
    shutil.copy(ROOT / FILES[0], source)
    store = tmp_path / "store"
    first = subprocess.run([sys.executable, "-c", COMMAND, str(source), "--store", str(store), "--workers", "1"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    with open_store(store) as st:
        before = store_rows(st)
    proc = subprocess.Popen([sys.executable, "-c", MID_WRITE, str(store), str(source)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "inside the transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(store) as st:
        assert check_store(st) == []
        assert store_rows(st) == before  # the old rows whole; nothing of the killed write
