"""Exports for other systems: every record type as JSONL, CSV, Parquet, XLSX; OpenFisca parameters."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from extractor.cli import main
from extractor.records import CompareTable, Row, Value
from extractor.store.openfisca import table_to_openfisca
from tests.conftest import ROOT

TABLES = ["documents", "sections", "provisions", "quantities", "references"]
FORMATS = ["jsonl", "csv", "parquet", "xlsx"]


def _rows(path: Path, fmt: str) -> list[dict]:  # type: ignore[type-arg]
    if fmt == "jsonl":
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        return list(csv.DictReader(path.open(encoding="utf-8-sig")))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    rows = list(ws.values)
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", TABLES)
def test_export(table: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"{table}.{fmt}"
    assert main(["export", str(ROOT / "corpus/texts/001_e001dd900bee0134.txt"), "--table", table, "--format", fmt, "-o", str(out)]) == 0
    rows = _rows(out, fmt)
    assert rows
    key = {"documents": "doc_id", "sections": "path", "provisions": "benefit", "quantities": "kind", "references": "quote"}[table]
    assert key in rows[0]
    if table == "quantities":
        loan = [r for r in rows if r["quote"] and "20 万元" in r["quote"]]
        assert loan and float(loan[0]["value"]) == 200000.0 and loan[0]["bound"] == "max"


def test_openfisca_parameters(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    assert main(["export", str(ROOT / "corpus/texts"), "--format", "openfisca", "--benefit", "就业见习补贴",
                 "--column", "比例 (percent)", "-o", str(out)]) == 0
    params = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert params["metadata"]["unit"] == "/1"
    jiaozuo = params["r410800000000"]  # 焦作市, from 001 (2022-01-28): 70% and 110% of the minimum wage
    values = sorted(v["values"]["2022-01-28"]["value"] for k, v in jiaozuo.items() if k.startswith("v"))
    assert values == [0.7, 1.1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_diff_export(fmt: str, tmp_path: Path) -> None:
    compendium = ROOT / "corpus/texts/004_a7a4461144ba7e7b.txt"
    out = tmp_path / f"changes.{fmt}"
    assert main(["diff", f"{compendium}#06", f"{compendium}#20", "--format", fmt, "-o", str(out)]) == 0
    if fmt == "xlsx":
        from openpyxl import load_workbook

        assert load_workbook(out).sheetnames == ["changes", "pairs"]
        return
    rows = _rows(out, fmt)
    assert rows and {"change", "kind", "a_value", "b_value", "summary"} <= set(rows[0])
    assert any(r["kind"] == "money" and r["change"] == "added" and float(r["b_value"]) == 20000 for r in rows)


def _fisca_row(date: str, doc: str, recipient: str | None, *values: float) -> Row:
    cells = {"金额 (yuan)": [Value(value=v, section="一", quote=f"{v:g}元", line=1) for v in values]}
    return Row(doc_id=doc, recipient=recipient, title="t", region="焦作市", region_code="410800000000", level="municipal",
               date=dt.date.fromisoformat(date), year=int(date[:4]), doc_number=None, cells=cells)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([("2019-01-01", "a", None, 1000), ("2023-01-01", "b", None, 2000)],
                     {"values": {"2019-01-01": 1000, "2023-01-01": 2000}}, id="one-region-two-dates-is-one-series"),
        pytest.param([("2022-01-28", "a", "高校毕业生", 0.7), ("2022-01-28", "a", "就业困难人员", 1.1)],
                     {"v1": {"2022-01-28": 0.7}, "v2": {"2022-01-28": 1.1}}, id="one-date-two-classes-are-v1-v2"),
        pytest.param([("2019-01-01", "a", None, 500, 800), ("2023-01-01", "b", None, 600, 900)],
                     {"v1": {"2019-01-01": 500, "2023-01-01": 600}, "v2": {"2019-01-01": 800, "2023-01-01": 900}},
                     id="two-values-each-date-are-two-series"),
    ],
)
def test_openfisca_node_per_region_dated(rows: list[tuple[str, str, str | None, float]], expected: dict[str, dict[str, float]]) -> None:
    """A region's documents over time make one dated series (they were split into v1, v2 … in session 18); the
    values of one date for several recipient classes are v1, v2 …"""
    table = CompareTable(benefit="x", group=None, columns=["金额 (yuan)"], rows=[_fisca_row(d, doc, r, *vs) for d, doc, r, *vs in rows])
    node = yaml.safe_load(table_to_openfisca(table))["r410800000000"]
    got = {k: {d: x["value"] for d, x in (node[k] if k == "values" else node[k]["values"]).items()}
           for k in node if k == "values" or k.startswith("v")}
    assert got == expected
