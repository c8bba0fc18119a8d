"""A batch survives anything (issue 13, part 4) and every budget is an option (part 2).

Every per-file failure, whatever its type (a library's error, MemoryError, RecursionError, a crash of the worker
process, a file over the wall-time budget even while the time goes in C code), is that file's one line; the
batch goes on, writes every other document and ends with its summary and exit 1.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import signal
import sys
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest

import extractor.ingest as ingest
import extractor.pipeline as pipeline
from extractor.budgets import Budgets
from extractor.cli import main
from extractor.cli._app import READS_FILES, cli
from extractor.ingest.raw import RawDoc
from extractor.pipeline import map_bounded

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "corpus" / "texts").glob("*.txt"))
SMALL = next(p for p in TEXTS if p.name.startswith("001_"))
PDF = ROOT / "corpus" / "pdf" / "001_e001dd900bee0134.pdf"


class PdfiumError(Exception):
    """Stands for a third-party library's error type (pypdfium2's), which no handler names."""


PdfiumError.__module__ = "pypdfium2._helpers.misc"


# ---- map_bounded: one item, every way it can end --------------------------------------------------------------

def _ok(x: str) -> str:
    return x.upper()


def _value_error(x: str) -> str:
    raise ValueError("bad value\nsecond line")


def _memory_error(x: str) -> str:
    raise MemoryError


def _recursion(x: str) -> str:
    return _recursion(x)


def _third_party(x: str) -> str:
    raise PdfiumError("Failed to load page")


def _segfault(x: str) -> str:
    os.kill(os.getpid(), signal.SIGSEGV)
    return x


def _c_loop(x: str) -> str:  # seconds in C code that no signal interrupts (pbkdf2 releases nothing to Python)
    return hashlib.pbkdf2_hmac("sha256", x.encode(), b"salt", 50_000_000).hex()


def _python_loop(x: str) -> str:
    while True:
        pass


ONE_ITEM: dict[str, tuple[Callable[[str], str], str]] = {
    "returns": (_ok, "A"),
    "library error, first line only": (_value_error, "failed: ValueError: bad value"),
    "MemoryError": (_memory_error, "failed: MemoryError"),
    "RecursionError": (_recursion, "failed: RecursionError: maximum recursion depth exceeded"),
    "third-party exception type": (_third_party, "failed: PdfiumError: Failed to load page"),
    "worker killed by a signal": (_segfault, "failed: its worker process died (killed by SIGSEGV) while reading it"),
    "overrun in C code": (_c_loop, "failed: over the time budget (stopped, still running after 0.5 s, at most 0.5)"),
    "overrun in a Python loop": (_python_loop, "failed: over the time budget (stopped, still running after 0.5 s, at most 0.5)"),
}


@pytest.mark.parametrize(("fn", "expected"), list(ONE_ITEM.values()), ids=list(ONE_ITEM))
def test_one_item_ends_as_a_value_or_one_line(fn: Callable[[str], str], expected: str) -> None:
    start = time.monotonic()
    (out,) = map_bounded(fn, ["a"], 0.5, lambda item, cause: f"failed: {cause}")
    assert out.startswith(expected)
    assert "\n" not in out
    assert time.monotonic() - start < 5


def test_the_time_budget_names_its_option() -> None:
    (out,) = map_bounded(_python_loop, ["a"], 0.2, lambda item, cause: cause)
    assert out.endswith("at most 0.2); raise it with --max-seconds or ZHENGCE_MAX_SECONDS")


def test_items_after_a_crash_or_an_overrun_still_run_in_order() -> None:
    fns = {"a": _ok, "b": _segfault, "c": _ok, "d": _python_loop, "e": _ok}
    out = list(map_bounded(lambda x: fns[x](x), list(fns), 0.5, lambda item, cause: f"{item}: failed"))
    assert out == ["A", "b: failed", "C", "d: failed", "E"]


def test_the_worker_is_reused_and_gone_afterwards() -> None:
    pids = list(map_bounded(lambda _: os.getpid(), range(4), 10, lambda item, cause: -1))
    assert len(set(pids)) == 1 and pids[0] != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)


class _Result:
    """A worker's result, which can be asked after the next item whether it is still alive in the worker."""

    def __init__(self, previous_alive: bool) -> None:
        self.previous_alive = previous_alive


_made: list[weakref.ref[_Result]] = []


def _remembering(_: object) -> _Result:
    gc.collect()
    result = _Result(bool(_made) and _made[-1]() is not None)
    _made.append(weakref.ref(result))
    return result


def test_the_worker_holds_no_result_once_it_is_sent() -> None:
    # a worker reading two long versions for diff held the first analysis while it read the second (issue 13)
    out = list(map_bounded(_remembering, range(3), 10, lambda item, cause: _Result(True)))
    assert [r.previous_alive for r in out] == [False, False, False]


# ---- a batch of 35 with crash-type files in the middle ---------------------------------------------------------

@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    """35 text files (copies of the corpus's small documents under distinct names), a damaged PDF and DOCX
    among them."""
    folder = tmp_path / "in"
    folder.mkdir()
    small = [p for p in TEXTS if not p.name.startswith("004_")]
    for n in range(35):
        shutil.copy(small[n % len(small)], folder / f"{n:02d}_doc.txt")
    (folder / "17_damaged.pdf").write_bytes(PDF.read_bytes()[:3000])
    (folder / "18_damaged.docx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    return folder


CRASHES: dict[str, Callable[[], BaseException]] = {
    "third-party error from a reader": lambda: PdfiumError("Failed to load page"),
    "RecursionError in the pipeline": lambda: RecursionError("maximum recursion depth exceeded"),
    "MemoryError in the pipeline": lambda: MemoryError(),
}


def _crash_on(names: dict[str, Callable[[], BaseException]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Files named in ``names`` raise the error given: 10_ from the text reader, the others from the pipeline."""
    real_reader, real_docs = ingest.READERS[".txt"], pipeline.raw_to_documents

    def reader(path: Path, **kwargs: object) -> RawDoc:
        if path.name in names and path.name.startswith("10_"):
            raise names[path.name]()
        return real_reader(path, **kwargs)

    def to_documents(raw: RawDoc) -> list[pipeline.Document]:
        if Path(raw.path).name in names:
            raise names[Path(raw.path).name]()
        return real_docs(raw)

    monkeypatch.setitem(ingest.READERS, ".txt", reader)
    monkeypatch.setattr(pipeline, "raw_to_documents", to_documents)


def test_a_batch_of_35_writes_every_other_document(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    crashing = dict(zip(["10_doc.txt", "20_doc.txt", "30_doc.txt"], CRASHES.values(), strict=True))
    _crash_on(crashing, monkeypatch)
    out = tmp_path / "out"
    assert main(["parse", str(batch), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == sorted(f"{n:02d}_doc.txt.json" for n in range(35) if f"{n:02d}_doc.txt" not in crashing)
    error_lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == 5
    for name in [*crashing, "17_damaged.pdf", "18_damaged.docx"]:
        assert sum(name in line for line in error_lines) == 1, name
    assert "5 file(s) failed" in err
    assert "Traceback" not in err


def test_a_batch_of_35_with_an_overrun_and_a_crash_goes_on(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_docs = pipeline.raw_to_documents

    def to_documents(raw: RawDoc) -> list[pipeline.Document]:
        name = Path(raw.path).name
        if name == "05_doc.txt":
            _c_loop(name)
        if name == "25_doc.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real_docs(raw)

    monkeypatch.setattr(pipeline, "raw_to_documents", to_documents)
    out = tmp_path / "analyses.jsonl"
    start = time.monotonic()
    assert main(["extract", str(batch), "--format", "analyses", "--max-seconds", "2", "-o", str(out)]) == 1
    assert time.monotonic() - start < 40
    err = capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 33
    assert f"error: {batch / '05_doc.txt'}: over the time budget (stopped, still running after 2 s, at most 2)" in err
    assert f"error: {batch / '25_doc.txt'}: its worker process died (killed by SIGKILL)" in err
    assert "4 file(s) failed" in err


# ---- the budgets as options -----------------------------------------------------------------------------------

def test_every_command_that_reads_files_shows_every_budget() -> None:
    import click

    ctx = click.Context(cli)
    for name in sorted(READS_FILES):
        command = cli.get_command(ctx, name)
        assert command is not None, name
        text = command.get_help(click.Context(command, info_name=name))
        for field in Budgets.model_fields:
            assert Budgets.option(field) in text and Budgets.env_var(field) in text, (name, field)


BUDGET_CASES = {
    "option": (["--max-file-mb", "0.001"], {}, "over the file size budget"),
    "environment": ([], {"ZHENGCE_MAX_FILE_MB": "0.001"}, "over the file size budget"),
    "option over environment": (["--max-file-mb", "100"], {"ZHENGCE_MAX_FILE_MB": "0.001"}, None),
}


@pytest.mark.parametrize(("args", "env", "expected"), list(BUDGET_CASES.values()), ids=list(BUDGET_CASES))
@pytest.mark.parametrize("command", ["parse", "extract"])
def test_a_budget_reaches_the_reader(
    command: str, args: list[str], env: dict[str, str], expected: str | None,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    code = main([command, str(SMALL), *args])
    err = capsys.readouterr().err
    if expected is None:
        assert code == 0, err
    else:
        assert code == 1
        assert f"error: {SMALL}: {expected}" in err and "raise it with --max-file-mb or ZHENGCE_MAX_FILE_MB" in err


BAD_BUDGETS = {
    "not a number": (["--max-pages", "many"], {}, "'many' is not a valid integer"),
    "zero": (["--max-seconds", "0"], {}, "0.0 is not in the range x>0"),
    "environment not a number": ([], {"ZHENGCE_MAX_PAGES": "many"}, "ZHENGCE_MAX_PAGES"),
}


@pytest.mark.parametrize(("args", "env", "expected"), list(BAD_BUDGETS.values()), ids=list(BAD_BUDGETS))
def test_a_bad_budget_is_one_line(
    args: list[str], env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert main(["parse", str(SMALL), *args]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_page_warnings_are_lines_and_stay_in_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dataclasses

    real = ingest.READERS[".txt"]

    def reader(path: Path, **kwargs: object) -> RawDoc:
        return dataclasses.replace(real(path, **kwargs), warnings=["page 3: cannot be read: PdfiumError"])

    monkeypatch.setitem(ingest.READERS, ".txt", reader)
    out = tmp_path / "d.json"
    assert main(["parse", str(SMALL), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count(f"warning: {SMALL}: page 3: cannot be read: PdfiumError") == 1
    assert '"page 3: cannot be read: PdfiumError"' in out.read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="the worker dies with its parent through Linux's prctl")
def test_interrupt_stops_the_batch_and_its_worker(tmp_path: Path) -> None:
    import json
    import subprocess

    code = (  # Ctrl-C as in a terminal: a run started in the background by a shell inherits SIGINT ignored
        "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import sys, time, extractor.pipeline as p\n"
        "real = p.raw_to_documents\n"
        "def slow(raw):\n"
        "    print('worker', __import__('os').getpid(), flush=True); time.sleep(60)\n"
        "p.raw_to_documents = slow\n"
        "from extractor.cli import main\n"
        f"sys.exit(main(['parse', {str(SMALL)!r}, '-o', {str(tmp_path / 'o.json')!r}]))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    worker = int(proc.stdout.readline().split()[1])
    proc.send_signal(signal.SIGINT)
    try:
        _, errors = proc.communicate(timeout=60)  # reads stderr as it comes, so the run never blocks on a full pipe
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"still running 60 s after Ctrl-C; its stderr: {proc.communicate()[1][-2000:]!r}")
    assert proc.returncode == 130, errors
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)
    assert not (tmp_path / "o.json").exists()


def _starts_a_child_and_hangs(x: str) -> str:
    import subprocess

    child = subprocess.Popen(["sleep", "60"])
    Path(x).write_text(str(child.pid), encoding="ascii")
    child.wait()
    return x


@pytest.mark.skipif(sys.platform != "linux", reason="processes listed from /proc")
def test_an_overrun_kills_what_the_worker_started(tmp_path: Path) -> None:
    note = tmp_path / "pid"
    (out,) = map_bounded(_starts_a_child_and_hangs, [str(note)], 1.0, lambda item, cause: cause)
    assert out.startswith("over the time budget")
    time.sleep(0.2)
    assert not _running(int(note.read_text(encoding="ascii")))


def _running(pid: int) -> bool:
    """Is ``pid`` a live process (not gone, not a zombie waiting to be reaped)?"""
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


ONE_REF = {
    "a source file": (str(SMALL), {}, None),
    "one document of a compendium": (f"{TEXTS[-1]}#05", {}, None),
    "over a budget": (str(SMALL), {"max_file_mb": 0.001}, "over the file size budget"),
    "no such file": ("nowhere.txt", {}, "no such file"),
}


@pytest.mark.parametrize(("ref", "budget", "error"), list(ONE_REF.values()), ids=list(ONE_REF))
def test_a_file_named_alone_is_read_as_a_batch_reads_it(ref: str, budget: dict[str, float], error: str | None) -> None:
    from extractor.cli._inputs import analyze_each

    (result,) = analyze_each([ref], Budgets(**budget))
    if error is None:
        assert result.error is None and len(result.analyses) == 1
    else:
        assert result.error is not None and error in result.error and not result.analyses


def test_files_named_one_by_one_are_read_in_order_in_one_worker_that_alone_loads_the_extraction() -> None:
    # diff A B and history V1 V2: each file's result in order, a bad one in the middle its own error; the command's
    # process never builds the extraction pipeline (issue 13: it holds the analyses and the diff, not spaCy too)
    import json
    import subprocess

    code = (
        "import sys, json\n"
        "from extractor.cli._inputs import analyze_each\n"
        "from extractor.extract import nlp\n"
        "rs = analyze_each(sys.argv[1:])\n"
        "print(json.dumps([[r.path, r.error is None, len(r.analyses)] for r in rs]))\n"
        "print(nlp.pipeline.cache_info().currsize)\n"
    )
    refs = [str(SMALL), "nowhere.txt", f"{TEXTS[-1]}#05"]
    out = subprocess.run([sys.executable, "-c", code, *refs], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    rows, built = out.strip().split("\n")
    assert json.loads(rows) == [[refs[0], True, 1], [refs[1], False, 0], [refs[2], True, 1]]
    assert built == "0"
