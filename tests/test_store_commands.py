"""compare, diff, graph, export and history with --store DIR: the stored analyses, read without parsing or
extracting anything, give the same output as the same command on the source files (issue 11, part 3)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from extractor.cli.compare import compare_cmd
from extractor.cli.diff import diff_cmd
from extractor.cli.export import export_cmd
from extractor.cli.graph import graph_cmd
from extractor.cli.history import history_cmd
from extractor.db import open_store
from extractor.db.ingest import ingest
from extractor.db.read import doc_ids_named
from extractor.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
T = "corpus/texts/"
R = "corpus/revisions/"
FILES = [T + "001_e001dd900bee0134.txt", T + "003_65af231806fc8ace.txt", T + "004_a7a4461144ba7e7b.txt",
         R + "anti-unfair-competition-law-2017.txt", R + "anti-unfair-competition-law-2019.txt"]
C = "004_a7a4461144ba7e7b"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("store") / "s"
    with pytest.MonkeyPatch.context() as mp, open_store(root) as store:
        mp.chdir(ROOT)  # the files named as the commands on the files name them (a document keeps its source path)
        summary = ingest(FILES, store, workers=1)
    assert summary.failed == 0 and summary.added == len(FILES)
    return str(root)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the commands name the files as the ingest did (relative to the project)


def _run(cmd: click.Command, args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cmd, args, catch_exceptions=False)
    return result.exit_code, result.stdout


# (name, command, arguments on the files, arguments on the store; "{out}" is an output file)
EQUIVALENT = [
    ("compare-two-files", compare_cmd, [FILES[0], FILES[1], "--benefit", "创业担保贷款", "--format", "json"],
     [FILES[0], FILES[1], "--benefit", "创业担保贷款", "--format", "json"]),
    ("compare-folder-md", compare_cmd, [FILES[0], FILES[1], T + f"{C}.txt", "--benefit", "就业见习补贴", "--format", "md"],
     ["corpus/texts", "--benefit", "就业见习补贴", "--format", "md"]),
    ("diff-compendium-by-number-and-id", diff_cmd, [T + f"{C}.txt#01", T + f"{C}.txt#19", "--format", "json"],
     [T + f"{C}.txt#01", f"{C}-19.txt", "--format", "json"]),
    ("diff-md", diff_cmd, [T + f"{C}.txt#06", T + f"{C}.txt#20", "--format", "md"],
     [f"{C}-06.txt", f"{C}-20.txt", "--format", "md"]),
    ("graph-json", graph_cmd, [FILES[0], FILES[1], T + f"{C}.txt"], [FILES[0], FILES[1], T + f"{C}.txt"]),
    ("graph-in-force", graph_cmd, [T + f"{C}.txt", "--in-force", "2023-06-01"], [T + f"{C}.txt", "--in-force", "2023-06-01"]),
    ("export-quantities-jsonl", export_cmd, [FILES[0], "--table", "quantities", "--format", "jsonl", "-o", "{out}"],
     ["001_e001dd900bee0134.txt", "--table", "quantities", "--format", "jsonl", "-o", "{out}"]),
    ("export-documents-csv", export_cmd, [FILES[1], "--table", "documents", "--format", "csv", "-o", "{out}"],
     [FILES[1], "--table", "documents", "--format", "csv", "-o", "{out}"]),
    ("history-md", history_cmd, [FILES[4], FILES[3], "--format", "md"], [FILES[4], FILES[3], "--format", "md"]),
]


@pytest.mark.parametrize(("cmd", "on_files", "on_store"), [c[1:] for c in EQUIVALENT], ids=[c[0] for c in EQUIVALENT])
def test_store_output_equals_files_output(store_dir: str, tmp_path: Path, cmd: click.Command, on_files: list[str],
                                          on_store: list[str]) -> None:
    outs = [tmp_path / "files.out", tmp_path / "store.out"]
    code_f, text_f = _run(cmd, [a.replace("{out}", str(outs[0])) for a in on_files])
    code_s, text_s = _run(cmd, ["--store", store_dir, *[a.replace("{out}", str(outs[1])) for a in on_store]])
    assert (code_f, code_s) == (0, 0)
    if "{out}" in on_files:
        assert outs[1].read_bytes() == outs[0].read_bytes()
        assert outs[0].stat().st_size > 100
    else:
        assert text_s == text_f
        assert len(text_f) > 100


def _refuse(*_: object, **__: object) -> object:
    raise AssertionError("a reader or an extractor ran")


@pytest.fixture
def nothing_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any reader, parser or extractor that runs fails the test."""
    import extractor.analysis
    import extractor.cli._inputs
    import extractor.cli.diff
    import extractor.cli.history
    import extractor.extract
    import extractor.ingest
    import extractor.pipeline

    for module, name in [(extractor.ingest, "read"), (extractor.pipeline, "parse_path"), (extractor.pipeline, "parse_file"),
                         (extractor.analysis, "analyze_path"), (extractor.analysis, "extract_documents"),
                         (extractor.extract, "extract_document"), (extractor.extract, "extract_documents")]:
        monkeypatch.setattr(module, name, _refuse)
    # the names the commands bound at import (whichever of them a command's module holds)
    for module, name in [(extractor.cli._inputs, "parse_path"), (extractor.cli._inputs, "analyze_each"),
                         (extractor.cli.diff, "analyze_path"), (extractor.cli.history, "analyze_path")]:
        monkeypatch.setattr(module, name, _refuse, raising=False)


STORE_ONLY = [
    ("compare-every-stored-document", compare_cmd, ["--benefit", "创业担保贷款", "--format", "json"]),
    ("diff", diff_cmd, [f"{C}-01.txt", f"{C}-19.txt"]),
    ("graph-every-stored-document", graph_cmd, []),
    ("export-provisions", export_cmd, ["--table", "provisions", "--format", "jsonl", "-o", "{out}"]),
    ("history", history_cmd, [FILES[3], FILES[4]]),
]


@pytest.mark.parametrize(("cmd", "args"), [c[1:] for c in STORE_ONLY], ids=[c[0] for c in STORE_ONLY])
def test_store_commands_neither_parse_nor_extract(store_dir: str, tmp_path: Path, nothing_parsed: None,
                                                  cmd: click.Command, args: list[str]) -> None:
    code, text = _run(cmd, ["--store", store_dir, *[a.replace("{out}", str(tmp_path / "o.jsonl")) for a in args]])
    assert code == 0
    assert len(text) > 50 or (tmp_path / "o.jsonl").stat().st_size > 50


def test_diff_is_cached_by_analyses_and_version(store_dir: str) -> None:
    args = ["--store", store_dir, f"{C}-02.txt", f"{C}-03.txt", "--format", "json"]
    first = _run(diff_cmd, args)
    with open_store(store_dir, create=False) as store:
        cached = store.conn.execute("select count(*) from diffs where a_id like ? and b_id like ?",
                                    [f"{C}-02.txt@%", f"{C}-03.txt@%"]).fetchone()[0]
    assert cached == 1
    assert _run(diff_cmd, args) == first


# (name, PATH arguments, the stored ids they name)
NAMED = [
    ("a-document-id", ["001_e001dd900bee0134.txt"], ["001_e001dd900bee0134.txt"]),
    ("a-file-as-ingested", [FILES[1]], ["003_65af231806fc8ace.txt"]),
    ("a-compendium-document-by-number", [T + f"{C}.txt#05"], [f"{C}-05.txt"]),
    ("a-folder", ["corpus/revisions"], ["anti-unfair-competition-law-2017.txt", "anti-unfair-competition-law-2019.txt"]),
    ("each-once-in-argument-order", [FILES[1], "001_e001dd900bee0134.txt", FILES[1]],
     ["003_65af231806fc8ace.txt", "001_e001dd900bee0134.txt"]),
]


@pytest.mark.parametrize(("refs", "ids"), [c[1:] for c in NAMED], ids=[c[0] for c in NAMED])
def test_arguments_name_stored_documents(store_dir: str, refs: list[str], ids: list[str]) -> None:
    with open_store(store_dir, create=False) as store:
        assert doc_ids_named(store, refs) == ids


def test_every_stored_document_when_no_argument(store_dir: str) -> None:
    with open_store(store_dir, create=False) as store:
        assert doc_ids_named(store, []) == store.doc_ids()
        assert len(store.doc_ids()) == 34


# (name, command, arguments, what the one error line says)
ERRORS: list[tuple[str, click.Command, Callable[[str], list[str]], str]] = [
    ("no-such-store", compare_cmd, lambda s: ["--store", s + "-missing", "--benefit", "创业担保贷款"], "no store here"),
    ("not-stored", diff_cmd, lambda s: ["--store", s, "nope.txt", f"{C}-01.txt"], "nope.txt: not in the store"),
    ("diff-of-a-compendium", diff_cmd, lambda s: ["--store", s, T + f"{C}.txt", f"{C}-01.txt"], "holds 30 documents"),
    ("no-path-no-store", graph_cmd, lambda s: [], "give PATH"),
]


@pytest.mark.parametrize(("cmd", "args", "says"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_bad_store_arguments_are_one_line(store_dir: str, cmd: click.Command, args: Callable[[str], list[str]],
                                          says: str) -> None:
    result = CliRunner().invoke(cmd, args(store_dir))
    assert result.exit_code != 0
    assert says in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and says in errors[0]
    assert "Traceback" not in result.stderr


def test_unknown_reference_is_an_input_error(store_dir: str) -> None:
    with open_store(store_dir, create=False) as store, pytest.raises(InputError, match="not in the store"):
        doc_ids_named(store, ["corpus/texts/000_0fce187c97867da1.txt"])
