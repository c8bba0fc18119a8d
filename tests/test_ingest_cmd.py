"""``zhengce ingest``: incremental runs (added, updated, skipped, failed, gone), bad files, the pool's rows equal
to one process's, a rerun that never loads spaCy, and two processes on one store."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from extractor.cli.ingest import ingest_cmd
from extractor.db import open_store
from extractor.db.check import check_store, store_rows
from extractor.db.lock import holder
from tests.conftest import ROOT

SMALL = ("corpus/texts/000_0fce187c97867da1.txt", "corpus/texts/002_f15aeebbaef14a54.txt", "corpus/html/002_f15aeebbaef14a54.html")
BAD = ("tests/fixtures/bad/truncated.pdf", "tests/fixtures/bad/garbage.pdf")
COMMAND = "from extractor.cli.ingest import ingest_cmd; ingest_cmd()"


def corpus(tmp_path: Path, files: tuple[str, ...] = SMALL) -> Path:
    """A folder holding copies of ``files``."""
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for f in files:
        shutil.copy(ROOT / f, folder / Path(f).name)
    return folder


def run(folder: Path, store: Path, *extra: str) -> Result:
    return CliRunner().invoke(ingest_cmd, [str(folder), "--store", str(store), "--workers", "1", *extra])


def summary(result: Result) -> str:
    """The summary line: ``N added, N updated, N skipped, N failed``."""
    line = next(ln for ln in result.output.splitlines() if " added, " in ln)
    return line.split(" (")[0]


def _append(folder: Path) -> None:
    with (folder / Path(SMALL[0]).name).open("a", encoding="utf-8") as f:
        f.write("\n对符合条件的人员，每人每月给予补贴 877 元。\n")


def _remove(folder: Path) -> None:
    (folder / Path(SMALL[1]).name).unlink()


def _nothing(folder: Path) -> None:
    pass


RERUNS: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("unchanged-skipped", _nothing, "0 added, 0 updated, 3 skipped, 0 failed", ""),
    ("changed-updated", _append, "0 added, 1 updated, 2 skipped, 0 failed", ""),
    ("gone-kept", _remove, "0 added, 0 updated, 2 skipped, 0 failed", "gone from disk; its stored analysis is kept"),
]


def test_a_stored_file_named_but_gone_is_kept_not_failed(tmp_path: Path) -> None:
    folder, store = corpus(tmp_path), tmp_path / "store"
    named = folder / Path(SMALL[1]).name
    run(named, store)
    named.unlink()
    again = run(named, store)
    assert (again.exit_code, summary(again)) == (0, "0 added, 0 updated, 0 skipped, 0 failed")
    assert f"{named}: gone from disk; its stored analysis is kept" in again.output


@pytest.mark.parametrize(("change", "want", "note"), [c[1:] for c in RERUNS], ids=[c[0] for c in RERUNS])
def test_a_rerun_does_only_what_changed(tmp_path: Path, change: Callable[[Path], None], want: str, note: str) -> None:
    folder, store = corpus(tmp_path), tmp_path / "store"
    first = run(folder, store)
    assert (first.exit_code, summary(first)) == (0, "3 added, 0 updated, 0 skipped, 0 failed")
    change(folder)
    again = run(folder, store)
    assert (again.exit_code, summary(again)) == (0, want)
    assert note in again.output
    with open_store(store) as st:
        assert check_store(st) == []
        assert st.count("sources") == 3  # a file gone from disk stays stored


def _dataset_rows(store: Path) -> dict[str, int]:
    from extractor.db.parquet import DATASET_TABLES, read_table

    return {t: read_table(store / "parquet", t).num_rows for t in DATASET_TABLES}  # type: ignore[arg-type]


def _manifest_stamp(store: Path) -> tuple[int, int]:
    st = (store / "parquet" / "_manifest.json").stat()
    return st.st_ino, st.st_mtime_ns


DATASET_RERUNS = [(c[0], c[1], c[0] == "changed-updated") for c in RERUNS]  # a file gone stays stored: nothing written


@pytest.mark.parametrize(("change", "rewritten"), [c[1:] for c in DATASET_RERUNS], ids=[c[0] for c in DATASET_RERUNS])
def test_the_local_ingest_writes_the_parquet_dataset_and_a_skip_only_rerun_leaves_it(
        tmp_path: Path, change: Callable[[Path], None], rewritten: bool) -> None:
    folder, store = corpus(tmp_path), tmp_path / "store"
    assert run(folder, store).exit_code == 0
    before = _manifest_stamp(store)
    with open_store(store) as st:
        assert _dataset_rows(store) == {t: st.count(t) for t in _dataset_rows(store)}
    change(folder)
    assert run(folder, store).exit_code == 0
    assert (_manifest_stamp(store) != before) == rewritten
    with open_store(store) as st:
        from extractor.db.parquet import fingerprints, manifest_partitions, store_entries

        assert _dataset_rows(store) == {t: st.count(t) for t in _dataset_rows(store)}
        assert dict(manifest_partitions(store / "parquet")) == {p.folder: f for p, f in fingerprints(store_entries(st.conn)).items()}


def _edges_and_tables(store: Path) -> tuple[list[tuple[object, ...]], dict[str, list[dict[str, object]]]]:
    from extractor.db.parquet import DATASET_TABLES, read_table

    with open_store(store) as st:
        edges = sorted((tuple(r) for r in st.conn.execute("select * from edges")), key=lambda e: (e[0], e[1] or "", e[2]))
    tables = {t: sorted(({k: Path(v).name if k == "source" else v for k, v in r.items()}  # each test its own folder
                         for r in read_table(store / "parquet", t).to_pylist()), key=repr)
              for t in DATASET_TABLES}  # type: ignore[arg-type]
    return edges, tables


HELD = [("every-analysis-held", None), ("none-held-all-read-back", 0), ("one-held", 1)]


@pytest.mark.parametrize("keep", [h[1] for h in HELD], ids=[h[0] for h in HELD])
def test_the_graph_and_dataset_are_the_same_whatever_the_run_holds_in_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: int | None, reference: tuple[object, ...]) -> None:
    if keep is not None:
        monkeypatch.setattr("extractor.db.ingest.KEEP_DOCUMENTS", keep)
    folder, store = corpus(tmp_path), tmp_path / "store"
    assert run(folder, store).exit_code == 0
    assert _edges_and_tables(store) == reference


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, ...]:
    """The edges (from ``documents_to_graph`` over the stored analyses) and dataset of the small corpus."""
    from extractor.compare.graph import documents_to_graph

    tmp = tmp_path_factory.mktemp("reference")
    folder, store = corpus(tmp), tmp / "store"
    assert run(folder, store).exit_code == 0
    with open_store(store) as st:
        graph = documents_to_graph([a.document for a in st.analyses()])
    edges, tables = _edges_and_tables(store)
    want = sorted(((r.source, r.target, r.type, r.count) for r in graph.relations), key=lambda e: (e[0], e[1] or "", e[2]))
    assert want == [e[:4] for e in edges] and edges
    return edges, tables


def test_a_changed_file_replaces_its_old_analysis(tmp_path: Path) -> None:
    folder, store = corpus(tmp_path), tmp_path / "store"
    run(folder, store)
    _append(folder)
    run(folder, store)
    with open_store(store) as st:
        values = [q.value for a in st.analyses() for q in a.quantities if a.id.startswith("000_")]
        analyses = st.count("analyses")
        sha = {a.source_sha256 for a in st.analyses() if a.id.startswith("000_")}
    assert 877.0 in values
    assert analyses == 3
    assert sha == {hashlib.sha256((folder / Path(SMALL[0]).name).read_bytes()).hexdigest()}


def test_bad_files_are_recorded_failed_and_the_run_goes_on(tmp_path: Path) -> None:
    folder, store = corpus(tmp_path, (*SMALL[:1], *BAD)), tmp_path / "store"
    result = run(folder, store)
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert result.exit_code == 1
    assert summary(result) == "1 added, 0 updated, 0 skipped, 2 failed"
    assert sorted(ln.split(": ")[1] for ln in errors) == sorted(str(folder / Path(b).name) for b in BAD)
    with open_store(store) as st:
        failed = {Path(s.path).name: s.error for s in st.sources().values() if s.status == "failed"}
        assert check_store(st) == []
    assert set(failed) == {Path(b).name for b in BAD} and all(failed.values())
    again = run(folder, store)  # a failed file is tried again (the budgets may have been raised)
    assert (again.exit_code, summary(again)) == (1, "0 added, 0 updated, 1 skipped, 2 failed")


USAGE = [
    ("no-supported-files", lambda p: [str(p / "empty")], 2, "no supported files"),
    ("store-is-a-file", lambda p: [str(p / "corpus"), "--store", str(p / "corpus" / Path(SMALL[0]).name)], 2, "is a file"),
]


@pytest.mark.parametrize(("args", "code", "message"), [c[1:] for c in USAGE], ids=[c[0] for c in USAGE])
def test_bad_usage_is_one_line(tmp_path: Path, args: Callable[[Path], list[str]], code: int, message: str) -> None:
    (tmp_path / "empty").mkdir()
    corpus(tmp_path, SMALL[:1])
    result = CliRunner().invoke(ingest_cmd, args(tmp_path))
    assert (result.exit_code, message in result.output, "Traceback" in result.output) == (code, True, False)


def test_two_workers_write_the_rows_of_one(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    one = run(folder, tmp_path / "one")
    two = CliRunner().invoke(ingest_cmd, [str(folder), "--store", str(tmp_path / "two"), "--workers", "2"])
    assert (one.exit_code, two.exit_code) == (0, 0)
    with open_store(tmp_path / "one") as a, open_store(tmp_path / "two") as b:
        assert store_rows(a) == store_rows(b)
        assert a.analyses() == b.analyses()


def _subprocess(*args: str, wait: bool = True) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if wait:
        proc.wait(timeout=120)
    return proc


def test_a_rerun_of_an_unchanged_corpus_never_imports_spacy(tmp_path: Path) -> None:
    folder, store = corpus(tmp_path), tmp_path / "store"
    _subprocess("-c", COMMAND, str(folder), "--store", str(store), "--workers", "1")  # the extractor version of now
    probe = ("import sys; from extractor.cli.ingest import ingest_cmd\n"
             "try:\n    ingest_cmd(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
             "print(*(m in sys.modules for m in ('spacy', 'sqlite_utils', 'pyarrow', 'extractor.pipeline')), code)")
    proc = _subprocess("-c", probe, str(folder), "--store", str(store), "--workers", "2")
    # nor the graph, nor the dataset, nor the parsing stack (the files are listed and hashed only)
    assert proc.stdout.read().split() == ["False", "False", "False", "False", "0"]  # type: ignore[union-attr]


HOLD = ("import sys; from pathlib import Path; from extractor.db.lock import store_lock\n"
        "with store_lock(Path(sys.argv[1]), 0):\n    print('held', flush=True); sys.stdin.readline()")


def _holding(store: Path) -> subprocess.Popen[str]:
    """A process holding the store's lock until a line is written to its stdin."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    assert holder(store) == proc.pid
    return proc


def test_a_second_process_says_the_store_is_busy(tmp_path: Path) -> None:
    folder, store = corpus(tmp_path, SMALL[:1]), tmp_path / "store"
    holding = _holding(store)
    try:
        second = _subprocess("-c", COMMAND, str(folder), "--store", str(store), "--workers", "1", "--wait", "0")
        out = second.stderr.read()  # type: ignore[union-attr]
    finally:
        holding.kill()
        holding.wait()
    assert second.returncode == 1
    assert f"busy: another ingest (pid {holding.pid}) is writing to it" in out
    assert len(out.strip().splitlines()) == 1  # one line, no traceback


def test_a_second_process_waits_then_runs(tmp_path: Path) -> None:
    folder, store = corpus(tmp_path, SMALL[:1]), tmp_path / "store"
    holding = _holding(store)
    try:
        second = _subprocess("-c", COMMAND, str(folder), "--store", str(store), "--workers", "1", "--wait", "120", wait=False)
        assert second.stderr is not None
        first_line = second.stderr.readline()  # printed once it finds the lock taken
        assert holding.stdin is not None
        holding.stdin.write("release\n")
        holding.stdin.flush()
        rest = second.stderr.read()
        second.wait(timeout=120)
    finally:
        holding.kill()
        holding.wait()
    assert first_line.strip() == f"waiting for the store (pid {holding.pid})…"
    assert second.returncode == 0 and "1 added" in rest


BUDGETS = [
    ("time", ["--max-seconds", "0.001"], {}, "over the time budget"),
    ("time-from-environment", [], {"ZHENGCE_MAX_SECONDS": "0.001"}, "over the time budget"),
    ("file-size", ["--max-file-mb", "0.001"], {}, "over the file size budget"),
    # a text of nothing but numbers ('减半'*500000: 500,000 quantities, 790 MB) is refused past the number budget
    ("numbers", ["--max-numbers", "20"], {}, "over the number budget (more than 20 numbers in"),
    ("numbers-from-environment", [], {"ZHENGCE_MAX_NUMBERS": "20"}, "over the number budget"),
]


@pytest.mark.parametrize(("options", "env", "cause"), [c[1:] for c in BUDGETS], ids=[c[0] for c in BUDGETS])
def test_a_file_over_a_budget_is_failed_with_its_line(tmp_path: Path, options: list[str], env: dict[str, str], cause: str) -> None:
    folder, store = corpus(tmp_path, ("corpus/texts/001_e001dd900bee0134.txt",)), tmp_path / "store"
    result = CliRunner(env=env).invoke(ingest_cmd, [str(folder), "--store", str(store), "--workers", "1", *options])
    assert (result.exit_code, summary(result)) == (1, "0 added, 0 updated, 0 skipped, 1 failed")
    assert cause in result.output
    with open_store(store) as st:
        assert [s.status for s in st.sources().values()] == ["failed"]


def test_a_time_budget_rings_again_after_its_error_was_swallowed() -> None:
    """A block that swallows the alarm's first error (a gc callback did, in CI) is stopped by the next ring, within
    a few tenths of a second, not left to run on to its end."""
    import time as _time

    from extractor.budgets import BudgetError
    from extractor.db.ingest import REPEAT_SECONDS, time_budget

    swallowed: list[float] = []
    start = _time.perf_counter()
    with pytest.raises(BudgetError, match="time budget"):
        with time_budget("x.txt", 0.05):
            while _time.perf_counter() < start + 5:
                try:
                    sum(range(1000))
                except BudgetError:
                    if swallowed:
                        raise
                    swallowed.append(_time.perf_counter())
    assert len(swallowed) == 1 and _time.perf_counter() - swallowed[0] < REPEAT_SECONDS + 0.5


def test_a_time_budget_whose_alarm_error_was_swallowed_still_fails_the_file() -> None:
    """The alarm can ring inside a gc callback or a destructor, where Python prints "Exception ignored" and goes
    on (seen in CI): the block then ends normally, and time_budget raises the BudgetError itself."""
    import time as _time

    from extractor.budgets import BudgetError
    from extractor.db.ingest import time_budget

    with pytest.raises(BudgetError, match="time budget"):
        with time_budget("x.txt", 0.05):
            deadline = _time.perf_counter() + 2
            while _time.perf_counter() < deadline:
                try:
                    _time.sleep(0.01)
                except BudgetError:
                    pass  # swallowed, as a gc callback's exception is
