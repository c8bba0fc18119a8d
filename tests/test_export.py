"""Exports for other systems: every record type as JSONL, CSV, Parquet, XLSX; OpenFisca parameters."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from extractor.cli import main
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
