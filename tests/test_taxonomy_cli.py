"""``zhengce benefits`` and ``zhengce groups`` (issue 10): the taxonomies listed as trees, with corpus counts."""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
from pathlib import Path

import pytest
import yaml

from extractor.cli import main
from extractor.store.taxonomy_out import INDENT
from extractor.extract import extract_document
from extractor.extract.taxonomy import benefits, groups
from extractor.records import Analysis
from tests.conftest import ROOT, parsed

T001 = "corpus/texts/001_e001dd900bee0134.txt"
DATA = ROOT / "extractor" / "data"


@functools.cache
def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``zhengce ARGS``, run once per session."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def listed(command: str, *paths: str) -> list[dict]:  # type: ignore[type-arg]
    code, out, err = run(command, *(str(ROOT / p) for p in paths), "--format", "json")
    assert code == 0, err
    rows: list[dict] = json.loads(out)  # type: ignore[type-arg]
    return rows


def yaml_ids(name: str) -> list[str]:
    """The ids as the data file has them, read without the taxonomy loader."""
    return [row["id"] for row in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))]


def yaml_children(name: str) -> list[tuple[str, str]]:
    return [(row["id"], row["parent"]) for row in yaml.safe_load((DATA / name).read_text(encoding="utf-8")) if row.get("parent")]


@pytest.mark.parametrize("entry_id", yaml_ids("benefits.yaml"))
def test_every_benefit_is_listed_once(entry_id: str) -> None:
    assert [r["id"] for r in listed("benefits")].count(entry_id) == 1


@pytest.mark.parametrize("entry_id", yaml_ids("groups.yaml"))
def test_every_group_is_listed_once(entry_id: str) -> None:
    assert [r["id"] for r in listed("groups")].count(entry_id) == 1


CHILDREN = [("benefits", c, p) for c, p in yaml_children("benefits.yaml")] + [("groups", c, p) for c, p in yaml_children("groups.yaml")]


@pytest.mark.parametrize(("command", "child", "parent"), CHILDREN, ids=[f"{c}-{i}" for c, i, _ in CHILDREN])
def test_a_child_comes_after_its_parent_one_level_deeper(command: str, child: str, parent: str) -> None:
    rows = listed(command)
    order = [r["id"] for r in rows]
    assert order.index(parent) < order.index(child)
    assert rows[order.index(child)]["depth"] == rows[order.index(parent)]["depth"] + 1


# Headers of the CSV: the kind is "category" for benefits; the count columns come only with documents.
CSV_HEADERS = [
    pytest.param(("groups",), ["id", "name", "parent", "kind", "synonyms"], id="groups"),
    pytest.param(("benefits",), ["id", "name", "parent", "category", "synonyms"], id="benefits"),
    pytest.param(("groups", T001), ["id", "name", "parent", "kind", "synonyms", "documents", "values"], id="groups-over-a-file"),
    pytest.param(("benefits", T001), ["id", "name", "parent", "category", "synonyms", "documents", "values"], id="benefits-over-a-file"),
]


@pytest.mark.parametrize(("args", "header"), CSV_HEADERS)
def test_csv_header(args: tuple[str, ...], header: list[str]) -> None:
    command, *paths = args
    code, out, err = run(command, *(str(ROOT / p) for p in paths), "--format", "csv")
    assert code == 0, err
    assert next(csv.reader(io.StringIO(out))) == header


@pytest.mark.parametrize("command", ["benefits", "groups"])
def test_json_without_documents_has_no_counts_and_synonyms_as_a_list(command: str) -> None:
    rows = listed(command)
    assert all("documents" not in r and "values" not in r for r in rows)
    assert all(isinstance(r["synonyms"], list) and r["synonyms"][0] == r["name"] for r in rows)


def test_benefits_json_calls_the_kind_category() -> None:
    loan = next(r for r in listed("benefits") if r["id"] == "guarantee_loan")
    assert loan["category"] == "loan" and "kind" not in loan


@pytest.mark.parametrize(("command", "child"), [("benefits", "job_expansion_subsidy"), ("groups", "youth")])
def test_markdown_indents_a_name_by_its_depth(command: str, child: str) -> None:
    rows = {r["id"]: r for r in listed(command)}
    code, out, _ = run(command, "--format", "md")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith(f"| {child} |"))
    assert f"| {INDENT * rows[child]['depth']}{rows[child]['name']} |" in line and rows[child]["depth"] >= 1


@functools.cache
def analyses_001() -> tuple[Analysis, ...]:
    """The file's documents extracted here, apart from the command."""
    return tuple(extract_document(d) for d in parsed(T001))


def expected_counts(command: str, entry_id: str) -> tuple[int, int]:
    """Documents whose text has one of the entry's synonyms, and its parameters, counted without the module."""
    tax = benefits() if command == "benefits" else groups()
    synonyms = tax.entries[entry_id].synonyms
    docs = sum(1 for a in analyses_001() if any(s in a.document.text for s in synonyms))
    values = sum(1 for a in analyses_001() for q in a.quantities if q.role == "parameter"
                 and (q.benefit_id == entry_id if command == "benefits" else entry_id in q.group_ids))
    return docs, values


# Entries of the 001 file: named and with values, and never named (synonyms absent from its text).
COUNT_CASES = [
    pytest.param("benefits", "guarantee_loan", True, id="benefit-创业担保贷款"),
    pytest.param("groups", "small_micro_enterprise", True, id="group-小微企业"),
    pytest.param("benefits", "job_expansion_subsidy", False, id="benefit-never-named-一次性扩岗补助"),
    pytest.param("groups", "unemployed_youth_16_24", False, id="group-never-named-16-24岁失业青年"),
]


@pytest.mark.parametrize(("command", "entry_id", "named"), COUNT_CASES)
def test_counts_over_a_file_match_an_independent_count(command: str, entry_id: str, named: bool) -> None:
    row = next(r for r in listed(command, T001) if r["id"] == entry_id)
    assert (row["documents"], row["values"]) == expected_counts(command, entry_id)
    if named:
        assert row["documents"] == 1 and row["values"] > 0
    else:
        assert row["documents"] == 0 and row["values"] == 0


def test_guarantee_loan_in_001_is_one_document_with_values() -> None:
    row = next(r for r in listed("benefits", T001) if r["id"] == "guarantee_loan")
    assert row["name"] == "创业担保贷款" and row["documents"] == 1 and row["values"] > 0


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
@pytest.mark.parametrize("command", ["benefits", "groups"])
def test_a_missing_path_is_one_line_error_and_non_zero_exit(command: str, fmt: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file.txt"
    code, out, err = run(command, str(missing), "--format", fmt)
    assert code != 0
    assert "Traceback" not in err
    assert [x for x in err.splitlines() if str(missing) in x] == [f"error: {missing}: no such file"]
    assert out == ""


@pytest.mark.parametrize("command", ["benefits", "groups"])
def test_out_writes_the_file(command: str, tmp_path: Path) -> None:
    target = tmp_path / "sub" / f"{command}.csv"
    code, out, err = run(command, "--format", "csv", "-o", str(target))
    assert code == 0, err
    # a CSV file starts with the BOM (Excel on a Chinese Windows); stdout has none
    assert out == "" and target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert target.read_bytes().decode("utf-8-sig") == run(command, "--format", "csv")[1]


@pytest.mark.parametrize("command", ["benefits", "groups"])
def test_terminal_table_lists_every_id(command: str) -> None:
    code, out, err = run(command)
    assert code == 0, err
    assert all(r["id"] in out for r in listed(command) if len(r["id"]) < 12)
