"""Every output file is written atomically and no output silently overwrites another (issue 13, part 4).

A kill at any moment leaves no zero-byte or partial JSON file and the rerun gives byte-identical output; four
concurrent runs into one folder or one file give valid output and lose no document; two sources with one output
name are an error, never an overwrite.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.cli._app import emit
from extractor._atomic import TMP_SUFFIX, atomic_open, atomic_path, lock_path, output_lock, temp_path, write_atomic

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "corpus" / "texts"
SMALL = TEXTS / "001_e001dd900bee0134.txt"
OTHER = TEXTS / "002_f15aeebbaef14a54.txt"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


# ---- the writer -------------------------------------------------------------------------------------------------

def test_an_exception_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as f:
        f.write("new, half written")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_a_path_writer_that_fails_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        assert tmp.suffix == ".png" and tmp.parent == tmp_path
        tmp.write_bytes(b"half")
        raise RuntimeError("matplotlib failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.png"]


def test_a_killed_path_writers_temporary_file_is_cleaned(tmp_path: Path) -> None:
    stale = tmp_path / f".q.parquet.999999999{TMP_SUFFIX}.parquet"
    stale.write_bytes(b"PAR1")
    with output_lock(tmp_path / "q.parquet"):
        assert not stale.exists()


def test_a_failed_rename_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        emit("new", str(target))
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(TMP_SUFFIX)] == []


def test_emit_writes_the_bom_and_holds_no_lock_after(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    emit("a,b\n", str(target), bom=True)
    assert target.read_bytes() == b"\xef\xbb\xbfa,b\n"
    with output_lock(target):  # not held by anyone any more: taken at once
        pass


STALE = {
    "a killed run's temporary file is removed": (999_999_999, False),
    "a live run's temporary file is kept": (os.getpid(), True),
}


@pytest.mark.parametrize(("pid", "kept"), list(STALE.values()), ids=list(STALE))
@pytest.mark.parametrize("layout", ["file", "folder"])
def test_the_lock_cleans_what_a_killed_run_left(tmp_path: Path, layout: str, pid: int, kept: bool) -> None:
    target = tmp_path / ("out.json" if layout == "file" else "out")
    if layout == "folder":
        target.mkdir()
        tmp = target / f".001.txt.json.{pid}{TMP_SUFFIX}"
    else:
        tmp = target.with_name(f".out.json.{pid}{TMP_SUFFIX}")
    tmp.write_text('{"id": ', encoding="utf-8")
    with output_lock(target):
        assert tmp.exists() == kept


def test_a_second_lock_waits_and_says_who_holds_it(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from extractor.store.atomic import output_lock\n"
        f"with output_lock({str(target)!r}):\n    print('held', flush=True); time.sleep(1.5)\n")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    said: list[str] = []
    start = time.monotonic()
    with output_lock(target, on_wait=said.append):
        waited = time.monotonic() - start
    holder.wait(10)
    assert waited > 0.5
    assert said == [f"{target} is being written by another zhengce run (pid {holder.pid}); waiting for it to finish"]


def test_the_temporary_file_and_lock_are_hidden_beside_the_target(tmp_path: Path) -> None:
    assert temp_path(tmp_path / "a.json").parent == tmp_path and temp_path(tmp_path / "a.json").name.startswith(".")
    assert lock_path(tmp_path) == tmp_path / ".zhengce.lock"
    write_atomic(tmp_path / "b.txt", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]


# ---- no silent overwrite ---------------------------------------------------------------------------------------

@pytest.fixture()
def twins(tmp_path: Path) -> tuple[Path, Path]:
    """Two different sources with one file name, so one document id."""
    a, b = tmp_path / "a" / "001.txt", tmp_path / "b" / "001.txt"
    for p, src in ((a, SMALL), (b, OTHER)):
        p.parent.mkdir()
        shutil.copy(src, p)
    return a, b


def test_two_sources_of_one_id_in_a_run_are_an_error(
    twins: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = twins
    out = tmp_path / "out"
    assert main(["parse", str(a), str(b), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"error: {b}: its document id 001.txt is also that of {a};" in err
    assert json.loads((out / "001.txt.json").read_text(encoding="utf-8"))["source"]["path"] == str(a)


def test_another_runs_document_of_that_id_is_not_overwritten(
    twins: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = twins
    out = tmp_path / "out"
    assert main(["parse", str(a), "-o", str(out)]) == 0
    before = (out / "001.txt.json").read_bytes()
    assert main(["parse", str(b), "-o", str(out)]) == 1
    assert "holds the document 001.txt of another source" in capsys.readouterr().err
    assert (out / "001.txt.json").read_bytes() == before
    assert main(["parse", str(a), "-o", str(out)]) == 0  # the same source again: rewritten
    assert (out / "001.txt.json").read_bytes() == before


def test_the_same_file_named_twice_is_no_collision(tmp_path: Path) -> None:
    assert main(["parse", str(SMALL), f"{TEXTS}/./{SMALL.name}", "-o", str(tmp_path / "out")]) == 0


# ---- concurrent runs and kills, each run a process of its own -------------------------------------------------
# Each run is ``zhengce`` (``main``) in a process forked from this one, so it starts without paying the imports
# again: the trials take seconds, and each is a real process, locked, killed and reaped as any other.

def _run(*args: str) -> int:
    """A ``zhengce`` run in a forked process: its pid."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    pid = os.fork()
    if pid == 0:  # the run
        code = 99
        try:
            code = main(list(args))
        finally:
            os._exit(code)
    return pid


def _exit_code(pid: int) -> int:
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


INPUTS = {
    "run 1": [str(TEXTS / "000_0fce187c97867da1.txt"), str(SMALL)],
    "run 2": [str(OTHER), str(TEXTS / "003_65af231806fc8ace.txt")],
    "run 3": [str(ROOT / "corpus" / "docx")],
    "run 4": [str(ROOT / "corpus" / "html")],
}


def _ids(paths: list[str]) -> set[str]:
    from extractor.pipeline import iter_files, parse_file

    return {d.id for f in iter_files(paths) for d in parse_file(f)}


def test_four_runs_into_one_folder_lose_no_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runs = [_run("parse", *paths, "-o", str(out)) for paths in INPUTS.values()]
    assert [_exit_code(r) for r in runs] == [0, 0, 0, 0]
    expected = set().union(*(_ids(p) for p in INPUTS.values()))
    files = sorted(out.glob("*.json"))
    assert {p.name.removesuffix(".json") for p in files} == expected
    for p in files:
        assert json.loads(p.read_text(encoding="utf-8"))["id"] == p.name.removesuffix(".json")


def test_four_runs_into_one_file_leave_one_whole_run(tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    runs = [_run("parse", *paths, "-o", str(out)) for paths in INPUTS.values()]
    assert [_exit_code(r) for r in runs] == [0, 0, 0, 0]
    ids = {d["id"] for d in json.loads(out.read_text(encoding="utf-8"))}
    assert ids in [_ids(p) for p in INPUTS.values()]
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["all.json"]


@pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL of a forked run")
def test_a_kill_at_any_moment_leaves_no_partial_file_and_the_rerun_is_identical(tmp_path: Path) -> None:
    reference, out = tmp_path / "reference", tmp_path / "out"
    texts = str(TEXTS)
    start = time.monotonic()
    assert _exit_code(_run("parse", texts, "-o", str(reference))) == 0
    whole = time.monotonic() - start
    rng = random.Random(13)
    for trial in range(10):
        run = _run("parse", texts, "-o", str(out))
        time.sleep(rng.uniform(0.1, 1.0) * whole)
        os.kill(run, signal.SIGKILL)
        assert _exit_code(run) in (-signal.SIGKILL, 0)
        for p in out.glob("*.json") if out.exists() else []:
            text = p.read_text(encoding="utf-8")
            assert text and json.loads(text)["id"] == p.name.removesuffix(".json"), (trial, p.name)
    assert _exit_code(_run("parse", texts, "-o", str(out))) == 0
    assert _tree(out) == _tree(reference)
    assert [p.name for p in out.iterdir() if p.name.endswith(TMP_SUFFIX)] == []
