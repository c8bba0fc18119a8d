"""The zhengce command, called in-process."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from extractor.cli import cli, main
from tests.conftest import ROOT

COMMANDS = sorted(cli.list_commands(click.Context(cli)))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_with_an_example(name: str) -> None:
    cmd = cli.get_command(click.Context(cli), name)
    assert cmd is not None
    assert cmd.help and "Example: zhengce " + name in cmd.help
    assert all(p.help for p in cmd.params if isinstance(p, click.Option))


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_parse_folder_writes_one_file_per_document_and_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["parse", str(ROOT / "corpus" / "texts"), "-o", str(tmp_path / "out")])
    assert code == 0
    files = sorted((tmp_path / "out").glob("*.json"))
    assert len(files) == 34  # 4 single documents + the compendium's 30
    doc = json.loads((tmp_path / "out" / "001_e001dd900bee0134.txt.json").read_text(encoding="utf-8"))
    for field in ("id", "title", "doc_type", "doc_number", "issuers", "date", "region", "level", "sections"):
        assert field in doc
    assert set(doc["sections"][0]) >= {"num", "heading", "path", "text", "children", "span", "page"}
    assert "zhengce parse" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["json", "jsonl", "md", "tree"])
def test_parse_formats_to_stdout(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(ROOT / "corpus/texts/002_f15aeebbaef14a54.txt"), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "南开区" in out
    if fmt == "jsonl":
        assert len(out.strip().split("\n")) == 1 and json.loads(out)["id"] == "002_f15aeebbaef14a54.txt"


def test_batch_goes_on_past_a_bad_file_and_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes((ROOT / "tests/fixtures/bad/truncated.pdf").read_bytes())
    out = tmp_path / "all.jsonl"
    code = main(["parse", str(bad), str(ROOT / "corpus/texts/002_f15aeebbaef14a54.txt"), "--format", "jsonl", "-o", str(out)])
    assert code == 1
    assert len(out.read_text(encoding="utf-8").strip().split("\n")) == 1
    err = capsys.readouterr().err
    assert f"{bad}: damaged or truncated PDF" in err.replace("\n", "")
    assert "Traceback" not in err


def test_unsupported_file_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "x.xls"
    p.write_bytes(b"123")
    assert main(["parse", str(p)]) == 1
    err = capsys.readouterr().err
    assert "unsupported file type" in err and "Traceback" not in err


def test_parse_json_to_one_file_is_a_list_of_documents(tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    assert main(["parse", str(ROOT / "corpus/texts/004_a7a4461144ba7e7b.txt"), "-o", str(out)]) == 0
    docs = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"].removesuffix(".txt")[-2:] for d in docs] == [f"{n:02d}" for n in range(1, 31)]


@pytest.mark.parametrize("args", [
    ["extract", "{T}", "--format", "json", "-o", "{DIR}"],
    ["graph", "{T}", "-o", "{DIR}"],
    ["schema", "-o", "{FILE}"],
    ["compare", "{T}", "--benefit", "创业担保贷款", "--column", "no such column", "--chart", "{DIR}/c.png"],
    ["export", "{T}", "--benefit", "x", "-o", "{DIR}/e.csv"],
    ["compare", "{T}"],
], ids=["extract-into-folder", "graph-into-folder", "schema-onto-file", "unknown-chart-column", "openfisca-option-alone",
        "compare-without-a-benefit"])
def test_bad_arguments_give_one_line_and_non_zero_exit(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "f").write_text("x")
    text = str(ROOT / "corpus/texts/001_e001dd900bee0134.txt")
    argv = [a.replace("{T}", text).replace("{DIR}", str(tmp_path / "d")).replace("{FILE}", str(tmp_path / "f")) for a in args]
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()


def test_one_document_of_a_compendium_by_number(capsys: pytest.CaptureFixture[str]) -> None:
    ref = str(ROOT / "corpus/texts/004_a7a4461144ba7e7b.txt") + "#05"
    assert main(["parse", ref, "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["doc_number"]["text"] == "豫人社办函〔2023〕30号"
    assert main(["parse", ref[:-2] + "99"]) == 1
    assert "no document 99" in capsys.readouterr().err


def test_an_unknown_benefit_is_an_error_with_the_closest_names(capsys: pytest.CaptureFixture[str]) -> None:
    text = str(ROOT / "corpus/texts/001_e001dd900bee0134.txt")
    assert main(["compare", text, "--benefit", "创业担保款"]) == 1
    err = capsys.readouterr().err
    assert "unknown benefit «创业担保款»; closest: 创业担保贷款" in err.replace("\n", "") and "Traceback" not in err
    assert main(["compare", text, "--benefit", "创业担保贷款", "--format", "json"]) == 0
