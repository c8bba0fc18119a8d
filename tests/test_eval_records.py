"""The evaluation's records: every golden file loads through its model, and a malformed one is one line.

The line names the file and the field (``golden/x.json: quantities[3].bound: 'maximum' is not one of exact, max,
min, range``), and ``zhengce eval`` exits non-zero with it, never with a traceback.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.evaluate import GoldFileError, read_gold_diff, read_gold_document
from extractor.evaluate.run import ReportBuilder
from extractor.records.evaluation import Counts, GoldDiff, GoldDocument, Report
from extractor.records.vocab import PERS
from tests.conftest import ROOT

GOLD_DOCUMENTS = sorted((ROOT / "golden").glob("*.json"))
GOLD_DIFFS = sorted((ROOT / "golden" / "diffs").glob("*.json"))

Json = dict[str, Any]

DOCUMENT: Json = {
    "doc": "x",
    "source": {"path": "corpus/texts/001_e001dd900bee0134.txt", "lines": [1, 140]},
    "meta": {"title": "若干措施", "doc_number": None, "issuers": ["焦作市人力资源和社会保障局"], "date": "2022-01-28",
             "region": "河南省焦作市", "level": "municipal"},
    "sections": [{"num": "一", "heading": "援企稳岗稳定就业"}],
    "quantities": [
        {"section": "一/3", "quote": "当地最低工资标准的 70%", "kind": "percent", "value": 70, "unit": "percent",
         "value_max": None, "bound": "exact", "per": [], "base": "当地最低工资标准", "benefit": "就业见习补贴",
         "groups": ["吸纳安排就业见习人员的单位"]},
    ],
}

DIFF: Json = {
    "name": "x",
    "relation": "version",
    "a": {"path": "corpus/texts/004_a7a4461144ba7e7b.txt", "lines": [52, 108]},
    "b": {"path": "golden/diffs/synthetic/amount-raised.txt"},
    "alignment": [{"a": "一", "b": "一", "status": "modified"}, {"a": None, "b": "二", "status": "added"}],
    "changes": [{"change": "changed", "kind": "money", "a_value": 200000, "b_value": 300000, "benefit": "创业担保贷款"}],
}


def _set(path: str, value: object) -> Callable[[Json], None]:
    """A change to a gold file: set the field at a dotted path (``quantities.0.bound``)."""

    def change(gold: Json) -> None:
        *head, last = path.split(".")
        node: Any = gold
        for part in head:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


def _drop(path: str) -> Callable[[Json], None]:
    def change(gold: Json) -> None:
        *head, last = path.split(".")
        node: Any = gold
        for part in head:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return change


def _both(*changes: Callable[[Json], None]) -> Callable[[Json], None]:
    def change(gold: Json) -> None:
        for c in changes:
            c(gold)

    return change


BAD_DOCUMENTS: dict[str, tuple[Callable[[Json], None], str]] = {
    "bound not in the vocabulary": (
        _set("quantities.0.bound", "maximum"), "quantities[0].bound: 'maximum' is not one of exact, max, min, range"),
    "kind not in the vocabulary": (
        _set("quantities.0.kind", "rate"),
        "quantities[0].kind: 'rate' is not one of money, percent, duration, age, count, date"),
    "per not in the vocabulary": (
        _set("quantities.0.per", ["monthly"]), f"quantities[0].per[0]: 'monthly' is not one of {', '.join(PERS)}"),
    "unit not in the vocabulary": (
        _set("quantities.0.unit", "rmb"),
        "quantities[0].unit: 'rmb' is not one of yuan, percent, month, day, hour, year, count, date"),
    "level not in the vocabulary": (
        _set("meta.level", "city"), "meta.level: 'city' is not one of national, provincial, municipal, county, district"),
    "value as a string": (_set("quantities.0.value", "70"), "quantities[0].value: '70' is not a number"),
    "value true": (_set("quantities.0.value", True), "quantities[0].value: true is not a number"),
    "per not a list": (_set("quantities.0.per", "month"), "quantities[0].per: 'month' is not a list"),
    "issuers not a list": (_set("meta.issuers", "焦作市人社局"), "meta.issuers: '焦作市人社局' is not a list"),
    "doubt not a boolean": (_set("quantities.0.doubt", "yes"), "quantities[0].doubt: 'yes' is not true or false"),
    "heading a number": (_set("sections.0.heading", 1), "sections[0].heading: 1 is not a string"),
    "date not ISO": (_set("meta.date", "2022年1月28日"), "meta.date: '2022年1月28日' is not an ISO date (YYYY-MM-DD)"),
    "date out of range": (_set("meta.date", "2022-13-01"), "meta.date: '2022-13-01' is not an ISO date (YYYY-MM-DD)"),
    "unknown quantity field": (_set("quantities.0.colour", "red"), "quantities[0].colour: unknown field"),
    "unknown top-level field": (_set("quantity", []), "quantity: unknown field"),
    "missing kind": (_drop("quantities.0.kind"), "quantities[0].kind: missing (a required field)"),
    "missing source": (_drop("source"), "source: missing (a required field)"),
    "missing source path": (_drop("source.path"), "source.path: missing (a required field)"),
    "lines with one number": (_set("source.lines", [1]), "source.lines: too few items"),
    "line zero": (_set("source.lines", [0, 140]), "source.lines[0]: 0 is not a line number (1 or more)"),
    "lines reversed": (_set("source.lines", [140, 1]), "source: lines [140, 1]: the first line is after the last"),
    "unit of another kind": (
        _set("quantities.0.unit", "yuan"),
        "quantities[0]: unit 'yuan' does not go with kind 'percent' (expected percent)"),
    "range without its end": (_set("quantities.0.bound", "range"), "quantities[0]: bound 'range' needs a value_max"),
    "two faults": (
        _both(_set("quantities.0.bound", "maximum"), _set("meta.level", "city")),
        "meta.level: 'city' is not one of national, provincial, municipal, county, district (and 1 more)"),
}

BAD_DIFFS: dict[str, tuple[Callable[[Json], None], str]] = {
    "status not in the vocabulary": (
        _set("alignment.0.status", "renamed"),
        "alignment[0].status: 'renamed' is not one of unchanged, renumbered, moved, modified, split, merged, added, removed"),
    "relation not in the vocabulary": (
        _set("relation", "copy"), "relation: 'copy' is not one of version, implementation"),
    "change value true": (_set("changes.0.a_value", True), "changes[0].a_value: true is not a number or a string"),
    "added with an a side": (
        _set("alignment.1.a", "二"),
        "alignment[1]: status 'added' with a='二', b='二': only added has no a, only removed no b"),
    "added change with a value in A": (
        _set("changes.0.change", "added"), "changes[0]: a_value 200000: a change 'added' has none"),
    "money change with a phrase": (
        _set("changes.0.b_value", "三十万元"), "changes[0]: b_value '三十万元': a money change has a number"),
    "unknown change field": (_set("changes.0.colour", "x"), "changes[0].colour: unknown field"),
    "missing relation": (_drop("relation"), "relation: missing (a required field)"),
}

BAD_TEXTS: dict[str, tuple[bytes, str]] = {
    "invalid JSON": (b'{"doc": "x",', "not JSON: EOF while parsing a value at line 1 column 12"),
    "empty file": (b"", "not JSON: EOF while parsing a value at line 1 column 0"),
    "a list, not an object": (b"[]", "not a JSON object: []"),
    "not UTF-8": (b'{"doc": "\xff"}', "not UTF-8 text (byte 9)"),
}


@pytest.mark.parametrize("path", GOLD_DOCUMENTS, ids=[p.stem for p in GOLD_DOCUMENTS])
def test_every_gold_document_loads(path: Path) -> None:
    gold = read_gold_document(path)
    assert gold.doc == path.stem
    assert gold.meta.model_fields_set >= {"title", "issuers", "level"}


@pytest.mark.parametrize("path", GOLD_DIFFS, ids=[p.stem for p in GOLD_DIFFS])
def test_every_golden_diff_loads(path: Path) -> None:
    gold = read_gold_diff(path)
    assert gold.name == path.stem
    assert gold.alignment


def test_the_examples_are_valid() -> None:
    GoldDocument.model_validate_json(json.dumps(DOCUMENT))
    GoldDiff.model_validate_json(json.dumps(DIFF))


def _one_line(error: GoldFileError) -> str:
    text = str(error)
    assert "\n" not in text
    return text


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_a_malformed_gold_document_is_one_line_naming_file_and_field(name: str, tmp_path: Path) -> None:
    change, expected = BAD_DOCUMENTS[name]
    gold = copy.deepcopy(DOCUMENT)
    change(gold)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldFileError) as e:
        read_gold_document(path)
    assert _one_line(e.value) == f"{path}: {expected}"


@pytest.mark.parametrize("name", BAD_DIFFS)
def test_a_malformed_golden_diff_is_one_line_naming_file_and_field(name: str, tmp_path: Path) -> None:
    change, expected = BAD_DIFFS[name]
    gold = copy.deepcopy(DIFF)
    change(gold)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldFileError) as e:
        read_gold_diff(path)
    assert _one_line(e.value) == f"{path}: {expected}"


@pytest.mark.parametrize("name", BAD_TEXTS)
def test_a_gold_file_that_is_not_json_is_one_line(name: str, tmp_path: Path) -> None:
    data, expected = BAD_TEXTS[name]
    path = tmp_path / "x.json"
    path.write_bytes(data)
    with pytest.raises(GoldFileError) as e:
        read_gold_document(path)
    assert _one_line(e.value) == f"{path}: {expected}"


def test_eval_reports_a_malformed_gold_file_in_one_line_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = copy.deepcopy(DOCUMENT)
    gold["quantities"][0]["bound"] = "maximum"
    (tmp_path / "x.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    code = main(["eval", "--golden", str(tmp_path)])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert code != 0
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if "x.json" in line]
    assert lines == [f"error: {tmp_path / 'x.json'}: quantities[0].bound: 'maximum' is not one of exact, max, min, range"]


def test_a_malformed_golden_diff_does_not_stop_eval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "diffs").mkdir()
    (tmp_path / "diffs" / "x.json").write_text(json.dumps({**DIFF, "relation": "copy"}), encoding="utf-8")
    code = main(["eval", "--golden", str(tmp_path)])
    out = capsys.readouterr().out
    assert code != 0
    assert f"{tmp_path / 'diffs' / 'x.json'}: relation: 'copy' is not one of version, implementation" in out


def test_report_is_frozen_and_built_once() -> None:
    builder = ReportBuilder()
    builder.files = 2
    builder.sections = builder.sections + Counts(tp=1, predicted=2, gold=1)
    builder.errors.append("a.json: no document")
    report = builder.build()
    assert isinstance(report, Report)
    with pytest.raises(ValueError):
        report.files = 3
    assert report.errors == ("a.json: no document",)
    assert report.score("sections.precision") == 0.5
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_counts_scores() -> None:
    c = Counts(tp=3, predicted=4, gold=6)
    assert (c.precision, c.recall) == (0.75, 0.5)
    assert round(c.f1, 3) == 0.6
    assert Counts().precision == Counts().recall == 1.0
    assert Counts(gold=2).precision == 0.0
