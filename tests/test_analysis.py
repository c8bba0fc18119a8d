"""Issue 7: one analysis per document, stable ids, saved analyses read back by every command."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract as extract_pkg
from extractor.analysis import analyze_file, read_analyses
from extractor.cli import main
from extractor.errors import InputError
from extractor.extract import extract_document
from extractor.pipeline import iter_files, parse_file
from extractor.records import Analysis, document_sections

from conftest import COMPENDIUM, ROOT, TEXTS
from tests.conftest import parsed  # the cache test_formats and others parse through

ONE = TEXTS / "001_e001dd900bee0134.txt"
TWO = TEXTS / "002_f15aeebbaef14a54.txt"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analyses of the text corpus, written by ``zhengce extract --format json``."""
    out = tmp_path_factory.mktemp("saved") / "corpus.json"
    assert main(["extract", str(TEXTS), "--format", "json", "-o", str(out)]) == 0
    return out


def test_analysis_round_trips_equal() -> None:
    analysis = extract_document(parse_file(ONE)[0])
    again = Analysis.model_validate_json(analysis.model_dump_json())
    assert again == analysis
    assert again.quantities and again.provisions


def test_saved_file_loads_to_equal_records(saved: Path) -> None:
    fresh = [a for f in sorted(TEXTS.glob("*.txt")) for a in analyze_file(f)]
    assert read_analyses(saved) == fresh


def test_batched_extraction_equals_one_by_one() -> None:
    docs = parse_file(COMPENDIUM)
    assert extract_pkg.extract_documents(docs) == [extract_document(d) for d in docs]


def test_analysis_carries_version_and_source_digest() -> None:
    analysis = extract_document(parse_file(ONE)[0])
    digest = hashlib.sha256(ONE.read_bytes()).hexdigest()
    assert analysis.source_sha256 == digest == analysis.document.source.sha256
    assert analysis.extractor_version.startswith("0.") and "+" in analysis.extractor_version


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_compare_on_saved_analyses_equals_compare_on_sources(
    fmt: str, saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(TEXTS), "--benefit", "创业担保贷款", "--format", fmt]) == 0
    from_sources = capsys.readouterr().out
    assert main(["compare", str(saved), "--benefit", "创业担保贷款", "--format", fmt]) == 0
    assert capsys.readouterr().out == from_sources
    assert "200000" in from_sources or "20万" in from_sources


def test_diff_on_saved_analyses_equals_diff_on_sources(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = f"{COMPENDIUM}#01", f"{COMPENDIUM}#19"
    assert main(["diff", a, b, "--format", "json"]) == 0
    from_sources = json.loads(capsys.readouterr().out)
    assert main(["diff", f"{saved}#01", f"{saved}#19", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_sources
    assert from_sources["changes"]


@pytest.mark.parametrize("args", [["graph", "--format", "json"], ["export", "--table", "quantities", "--format", "csv"]],
                         ids=["graph", "export"])
def test_graph_and_export_read_saved_analyses(
    args: list[str], saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = []
    for source in (str(TEXTS), str(saved)):
        out = tmp_path / f"{len(outs)}.out"
        assert main([*args[:1], source, *args[1:], "-o", str(out)]) == 0
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1] and len(outs[0]) > 100


def test_commands_on_saved_analyses_neither_parse_nor_extract(
    saved: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import extractor.analysis as analysis_mod

    def refuse(*_: object) -> None:
        raise AssertionError("parsed or extracted again")

    monkeypatch.setattr(analysis_mod, "parse_path", refuse)
    monkeypatch.setattr(analysis_mod, "extract_document", refuse)
    monkeypatch.setattr(analysis_mod, "extract_documents", refuse)
    assert main(["compare", str(saved), "--benefit", "生活补贴", "--format", "md"]) == 0
    assert main(["diff", f"{saved}#01", f"{saved}#19"]) == 0


def test_extraction_runs_once_per_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import extractor.analysis as analysis_mod

    seen = tmp_path / "seen"  # each file is analysed in a forked worker process: count through a file
    real = extract_pkg.extract_documents

    def counting(docs, **options):  # type: ignore[no-untyped-def]
        with open(seen, "a", encoding="utf-8") as f:
            f.writelines(f"{d.id}\n" for d in docs)
        return real(docs, **options)

    monkeypatch.setattr(analysis_mod, "extract_documents", counting)
    assert main(["compare", str(ONE), str(TWO), "--benefit", "一次性创业补贴", "--format", "md"]) == 0
    ids = seen.read_text(encoding="utf-8").split()
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 2


BAD_SAVED = {
    "not JSON": ("x.json", "{not json", "not JSON"),
    "quantity rows": ("rows.jsonl", json.dumps({"id": "a", "doc_id": "a", "quote": "1元", "kind": "money"}) + "\n",
                      "quantity rows cannot be read back"),
    "a list of numbers": ("n.json", "[1, 2]", "not a record"),
    "an analysis with a bad field": ("bad.json", json.dumps({"document": {}, "quantities": [], "provisions": []}),
                                     "not a valid analysis: document."),
    "empty list": ("e.json", "[]", "holds no records"),
}


@pytest.mark.parametrize("case", list(BAD_SAVED), ids=list(BAD_SAVED))
def test_bad_saved_file_is_one_line_naming_file_and_cause(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, text, cause = BAD_SAVED[case]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=cause):
        read_analyses(path)
    assert main(["compare", str(path), "--benefit", "生活补贴"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if name in line]
    assert len(lines) == 1 and cause in lines[0] and "Traceback" not in err


def test_parse_output_is_read_back_as_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "docs.json"
    assert main(["parse", str(ONE), "--format", "json", "-o", str(out)]) == 0
    assert main(["compare", str(out), "--benefit", "一次性创业补贴", "--format", "json"]) == 0
    from_parsed = capsys.readouterr().out
    assert main(["compare", str(ONE), "--benefit", "一次性创业补贴", "--format", "json"]) == 0
    assert capsys.readouterr().out == from_parsed


# ---- stable ids -------------------------------------------------------------------------------------------


def test_document_ids_are_unique_over_the_whole_corpus() -> None:
    # each file parsed once per session (tests.conftest.parsed): test_formats and others read the same parses
    ids = [d.id for f in iter_files([ROOT / "corpus"]) for d in parsed(Path(f).resolve().relative_to(ROOT).as_posix())]
    assert len(ids) == len(set(ids)) and len(ids) >= 70
    assert "001_e001dd900bee0134.txt" in ids and "001_e001dd900bee0134.pdf" in ids
    assert "004_a7a4461144ba7e7b-05.txt" in ids


def test_section_keys_are_unique_in_every_document() -> None:
    for f in sorted(TEXTS.glob("*.txt")):
        for doc in parse_file(f):
            keys = [s.key for s in document_sections(doc)]
            assert len(keys) == len(set(keys)), doc.id


def test_a_repeated_path_gets_a_numbered_key() -> None:
    doc = parse_file(COMPENDIUM)
    repeated = [s for d in doc for s in document_sections(d) if s.key != s.path]
    assert repeated, "the compendium has documents with a repeated path"
    assert all(s.key.startswith(s.path + "~") for s in repeated)


def test_quantity_and_provision_ids_are_unique_in_a_document() -> None:
    for f in sorted(TEXTS.glob("*.txt")):
        for analysis in analyze_file(f):
            qids = [q.id for q in analysis.quantities]
            pids = [p.id for p in analysis.provisions]
            assert len(qids) == len(set(qids)) and len(pids) == len(set(pids)), analysis.id
            assert all(q.id.startswith(analysis.id + ":") for q in analysis.quantities)


def _ids_in_fresh_processes(n: int) -> list[str]:
    """The compendium's quantity ids printed by each of ``n`` fresh processes (started together, each its own
    interpreter, so they share nothing but the files)."""
    code = (
        "from extractor.analysis import analyze_file;"
        f"print('\\n'.join(q.id for a in analyze_file({str(COMPENDIUM)!r}) for q in a.quantities))"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
             for _ in range(n)]
    outs = []
    for proc in procs:
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        outs.append(out)
    return outs


def test_quantity_ids_are_identical_across_runs() -> None:
    first, second = _ids_in_fresh_processes(2)
    assert first == second
    assert first.count("\n") > 300
