"""Exports keep one convention in every table and format (issue 10, "Exports, one convention everywhere").

Every table of ``zhengce export`` (and of ``zhengce diff --format csv|jsonl|parquet|xlsx``) is written from a real
document, then loaded back with the tool a user would use (pandas, pyarrow, DuckDB, openpyxl, csv, json): the
document is ``doc_id``; lists are lists in Parquet and JSONL and ``|``-joined in CSV; numbers are numbers (integers
as integers, nullable); dates are dates; a span is two integer columns; a CSV file starts with the UTF-8 BOM; an
XLSX sheet has its header row frozen and its number formats.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.store import export
from tests.conftest import ROOT

SOURCE = ROOT / "corpus/texts/001_e001dd900bee0134.txt"
AUDIT = (ROOT / "corpus/revisions/beijing-audit-2017.txt", ROOT / "corpus/revisions/beijing-audit-2023.txt")
TABLES = ["documents", "sections", "quantities", "provisions", "references"]
"""Every table ``zhengce export --table`` offers."""
DIFF_TABLES = ["changes"]
"""The table ``zhengce diff --format csv|jsonl|parquet`` writes (XLSX adds the sheet ``pairs``)."""
FORMATS = ["csv", "jsonl", "parquet", "xlsx"]
BOM = b"\xef\xbb\xbf"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Written = Callable[[str, str], Path]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    """The file of one table in one format, written once for the module by the CLI, as a user would."""
    folder = tmp_path_factory.mktemp("export")
    done: dict[tuple[str, str], Path] = {}

    def get(table: str, fmt: str) -> Path:
        if (table, fmt) not in done:
            out = folder / f"{table}.{fmt}"
            if table in ("changes", "pairs"):
                args = ["diff", *map(str, AUDIT), "--format", fmt, "-o", str(out)]
            else:
                args = ["export", str(SOURCE), "--table", table, "--format", fmt, "-o", str(out)]
            assert main(args) == 0
            done[table, fmt] = out
        return done[table, fmt]

    return get


def _sheet(path: Path, table: str) -> Any:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return wb[table] if table in wb.sheetnames else wb.active


def _load(written: Written, table: str, fmt: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows of a written table, read back by the usual tool of each format."""
    if table == "pairs":
        fmt = "xlsx"
    path = written(table, fmt)
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            return list(reader.fieldnames or []), rows
    if fmt == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return list(rows[0]), rows
    if fmt == "parquet":
        import pandas as pd

        df = pd.read_parquet(path)
        return list(df.columns), df.to_dict("records")
    values = list(_sheet(path, table).values)
    return list(values[0]), [dict(zip(values[0], r, strict=True)) for r in values[1:]]


def _cells(written: Written, table: str, column: str) -> list[Any]:
    """The openpyxl cells of one column of an XLSX export, header left out."""
    ws = _sheet(written(table if table != "pairs" else "changes", "xlsx"), table)
    header = [c.value for c in ws[1]]
    return [row[header.index(column)] for row in ws.iter_rows(min_row=2)]


def _arrow_type(written: Written, table: str, column: str) -> Any:
    import pyarrow.parquet as pq

    return pq.read_schema(written(table, "parquet")).field(column).type


ALL = [(t, f) for t in TABLES + DIFF_TABLES for f in FORMATS] + [("pairs", "xlsx")]


# -- the document's id ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("table", "fmt"), ALL, ids=[f"{t}-{f}" for t, f in ALL])
def test_document_id_is_doc_id(written: Written, table: str, fmt: str) -> None:
    columns, rows = _load(written, table, fmt)
    assert rows
    expected = ["a_doc_id", "b_doc_id"] if table in ("changes", "pairs") else ["doc_id"]
    assert columns[: len(expected)] == expected
    assert not {"doc", "a_id", "b_id"} & set(columns)
    assert all(r[expected[0]] for r in rows)


@pytest.mark.parametrize("table", TABLES + DIFF_TABLES)
def test_duckdb_reads_doc_id(written: Written, table: str) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed in the venv")
    key = "a_doc_id" if table == "changes" else "doc_id"
    got = duckdb.sql(f"SELECT {key} FROM read_parquet('{written(table, 'parquet')}')").fetchall()
    assert got and all(isinstance(k, str) for (k,) in got)


# -- lists ---------------------------------------------------------------------------------------------------------

LIST_COLUMNS = [
    ("documents", "recipients"), ("documents", "issuers"), ("documents", "warnings"),
    ("quantities", "per"), ("quantities", "groups"), ("quantities", "group_ids"), ("quantities", "bound_words"),
    ("provisions", "groups"), ("provisions", "group_ids"), ("provisions", "conditions"), ("provisions", "departments"),
    ("changes", "per"),
]
LIST_IDS = [f"{t}.{c}" for t, c in LIST_COLUMNS]


@pytest.mark.parametrize(("table", "column"), LIST_COLUMNS, ids=LIST_IDS)
def test_lists_are_lists_in_parquet(written: Written, table: str, column: str) -> None:
    import pyarrow as pa

    assert _arrow_type(written, table, column) == pa.list_(pa.string())
    _, rows = _load(written, table, "parquet")
    assert all(not isinstance(r[column], str) and all(isinstance(x, str) for x in r[column]) for r in rows)


@pytest.mark.parametrize(("table", "column"), LIST_COLUMNS, ids=LIST_IDS)
def test_lists_are_lists_in_jsonl(written: Written, table: str, column: str) -> None:
    _, rows = _load(written, table, "jsonl")
    assert all(isinstance(r[column], list) for r in rows)


@pytest.mark.parametrize(("table", "column"), LIST_COLUMNS, ids=LIST_IDS)
def test_lists_are_pipe_joined_in_csv(written: Written, table: str, column: str) -> None:
    _, as_csv = _load(written, table, "csv")
    _, as_json = _load(written, table, "jsonl")
    assert [r[column] for r in as_csv] == ["|".join(r[column]) for r in as_json]


@pytest.mark.parametrize(("table", "column", "longest"), [("documents", "recipients", 3), ("quantities", "per", 2),
                                                          ("quantities", "groups", 3), ("provisions", "conditions", 2)],
                         ids=["recipients", "per", "quantity-groups", "conditions"])
def test_lists_keep_their_items(written: Written, table: str, column: str, longest: int) -> None:
    _, rows = _load(written, table, "jsonl")
    assert max(len(r[column]) for r in rows) >= longest


def test_provision_quantities_are_structs(written: Written) -> None:
    import pyarrow as pa

    kind = _arrow_type(written, "provisions", "quantities")
    assert pa.types.is_list(kind) and pa.types.is_struct(kind.value_type)
    assert kind.value_type.field("value").type == pa.float64()
    _, rows = _load(written, "provisions", "jsonl")
    assert any(q["kind"] == "percent" and q["value"] == 70.0 for r in rows for q in r["quantities"])


# -- numbers -------------------------------------------------------------------------------------------------------

NUMBER_COLUMNS = [
    ("documents", "doc_number_year", "int"), ("documents", "doc_number_serial", "int"), ("documents", "chars", "int"),
    ("sections", "depth", "int"), ("sections", "line", "int"),
    ("quantities", "value", "float"), ("quantities", "line", "int"),
    ("provisions", "provision", "int"), ("provisions", "line", "int"),
    ("references", "doc_number_year", "int"), ("references", "line", "int"),
    ("changes", "a_value", "float"), ("changes", "a_line", "int"),
]
"""Columns filled in at least one row of 001 (or of the audit pair)."""
NUMBER_IDS = [f"{t}.{c}" for t, c, _ in NUMBER_COLUMNS]
EMPTY_BUT_TYPED = [
    ("documents", "effective_date", "date"), ("quantities", "page", "int"), ("quantities", "value_max", "float"),
    ("changes", "b_value", "float"), ("changes", "b_value_max", "float"), ("changes", "b_page", "int"),
]
"""BUGS_CAUGHT: columns null in every row (001 is a text file, no page; the audit pair's changes are all removals)
that pyarrow, left to infer, typed null; the declared schema keeps their type."""


@pytest.mark.parametrize(("table", "column", "kind"), NUMBER_COLUMNS + [c for c in EMPTY_BUT_TYPED if c[2] != "date"],
                         ids=NUMBER_IDS + [f"empty-{t}.{c}" for t, c, k in EMPTY_BUT_TYPED if k != "date"])
def test_numbers_in_parquet(written: Written, table: str, column: str, kind: str) -> None:
    import pandas as pd
    import pyarrow as pa

    assert _arrow_type(written, table, column) == (pa.int64() if kind == "int" else pa.float64())
    dtype = pd.read_parquet(written(table, "parquet"))[column].dtype
    assert str(dtype) == "Int64" if kind == "int" else pd.api.types.is_float_dtype(dtype)


@pytest.mark.parametrize(("table", "column", "kind"), NUMBER_COLUMNS, ids=NUMBER_IDS)
def test_numbers_in_xlsx(written: Written, table: str, column: str, kind: str) -> None:
    filled = [c for c in _cells(written, table, column) if c.value is not None]
    assert filled and all(c.data_type == "n" for c in filled)
    assert all(isinstance(c.value, int if kind == "int" else (int, float)) for c in filled)


@pytest.mark.parametrize(("table", "column", "kind"), NUMBER_COLUMNS, ids=NUMBER_IDS)
def test_numbers_in_jsonl(written: Written, table: str, column: str, kind: str) -> None:
    _, rows = _load(written, table, "jsonl")
    values = [r[column] for r in rows if r[column] is not None]
    assert values and all(isinstance(v, int) and not isinstance(v, bool) if kind == "int" else isinstance(v, float) for v in values)


@pytest.mark.parametrize(("table", "column", "kind"), [c for c in NUMBER_COLUMNS if c[2] == "int"],
                         ids=[i for i, c in zip(NUMBER_IDS, NUMBER_COLUMNS, strict=True) if c[2] == "int"])
def test_integers_in_csv_have_no_decimal_point(written: Written, table: str, column: str, kind: str) -> None:
    _, rows = _load(written, table, "csv")
    assert all(re.fullmatch(r"\d*", r[column]) for r in rows)


def test_doc_number_year_is_an_integer_or_null(written: Written) -> None:
    import pandas as pd

    docs = pd.read_parquet(written("documents", "parquet"))
    refs = pd.read_parquet(written("references", "parquet"))
    assert docs["doc_number_year"].tolist() == [2022]  # 焦人社文〔2022〕7号, not 2022.0
    years = refs["doc_number_year"]
    assert str(years.dtype) == "Int64" and years.isna().any() and 2022 in years.dropna().tolist()


def test_loan_cap_is_a_number_everywhere(written: Written) -> None:
    for fmt in FORMATS:
        _, rows = _load(written, "quantities", fmt)
        loan = [r for r in rows if r["quote"] and "20 万元" in r["quote"]]
        assert loan and float(loan[0]["value"]) == 200000.0, fmt


# -- dates ---------------------------------------------------------------------------------------------------------

DATE_COLUMNS = [("documents", "date"), ("quantities", "date_start"), ("quantities", "date_end")]
DATE_IDS = [f"{t}.{c}" for t, c in DATE_COLUMNS]


@pytest.mark.parametrize(("table", "column"), DATE_COLUMNS + [(t, c) for t, c, k in EMPTY_BUT_TYPED if k == "date"],
                         ids=DATE_IDS + [f"empty-{t}.{c}" for t, c, k in EMPTY_BUT_TYPED if k == "date"])
def test_dates_are_date32_in_parquet(written: Written, table: str, column: str) -> None:
    import pyarrow as pa

    assert _arrow_type(written, table, column) == pa.date32()


@pytest.mark.parametrize(("table", "column"), DATE_COLUMNS, ids=DATE_IDS)
def test_dates_are_dates_in_pandas(written: Written, table: str, column: str) -> None:
    _, rows = _load(written, table, "parquet")
    values = [r[column] for r in rows if r[column] is not None]
    assert values and all(isinstance(v, dt.date) for v in values)


@pytest.mark.parametrize(("table", "column"), DATE_COLUMNS, ids=DATE_IDS)
def test_dates_are_date_cells_in_xlsx(written: Written, table: str, column: str) -> None:
    filled = [c for c in _cells(written, table, column) if c.value is not None]
    assert filled and all(c.is_date and isinstance(c.value, dt.datetime) for c in filled)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize(("table", "column"), DATE_COLUMNS, ids=DATE_IDS)
def test_dates_are_iso_in_text(written: Written, table: str, column: str, fmt: str) -> None:
    _, rows = _load(written, table, fmt)
    values = [r[column] for r in rows if r[column]]
    assert values and all(ISO_DATE.fullmatch(v) for v in values)


def test_document_date(written: Written) -> None:
    _, rows = _load(written, "documents", "parquet")
    assert rows[0]["date"] == dt.date(2022, 1, 28)


# -- spans ---------------------------------------------------------------------------------------------------------

SPANS = [("sections", "span_start", "span_end"), ("quantities", "span_start", "span_end"),
         ("provisions", "span_start", "span_end"), ("references", "span_start", "span_end"),
         ("changes", "a_start", "a_end")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("table", "start", "end"), SPANS, ids=[s[0] for s in SPANS])
def test_spans_are_two_integer_columns(written: Written, table: str, start: str, end: str, fmt: str) -> None:
    columns, rows = _load(written, table, fmt)
    assert "span" not in columns
    pairs = [(r[start], r[end]) for r in rows if r[start] not in (None, "")]
    assert pairs
    if fmt != "csv":
        assert all(isinstance(s, int) and isinstance(e, int) for s, e in pairs)
    assert all(0 <= int(s) <= int(e) for s, e in pairs)


def test_quantity_span_matches_its_id(written: Written) -> None:
    _, rows = _load(written, "quantities", "parquet")
    assert all(r["id"] == f"{r['doc_id']}:{r['span_start']}-{r['span_end']}:{r['kind']}" for r in rows)


# -- CSV -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", TABLES + DIFF_TABLES)
def test_csv_file_starts_with_the_bom(written: Written, table: str) -> None:
    raw = written(table, "csv").read_bytes()
    assert raw.startswith(BOM) and not raw[3:].startswith(BOM)
    with written(table, "csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[0] in ("doc_id", "a_doc_id")


EXTRACT_CSV = [
    ("stdout", [], False),
    ("stdout-excel", ["--excel"], True),
    ("file", ["-o", "{out}"], True),
]


@pytest.mark.parametrize(("args", "bom"), [c[1:] for c in EXTRACT_CSV], ids=[c[0] for c in EXTRACT_CSV])
def test_extract_csv_bom(args: list[str], bom: bool, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out = tmp_path / "q.csv"
    assert main(["extract", str(SOURCE), "--format", "csv", *(a.format(out=out) for a in args)]) == 0
    raw = out.read_bytes() if "-o" in args else capsysbinary.readouterr().out
    assert raw.startswith(BOM) == bom
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == [c.name for c in export.TABLES["quantities"]]


def test_excel_flag_is_for_csv() -> None:
    assert main(["extract", str(SOURCE), "--format", "jsonl", "--excel"]) == 2


# -- XLSX ----------------------------------------------------------------------------------------------------------

XLSX_SHEETS = [(t, t) for t in TABLES] + [("changes", "changes"), ("changes", "pairs")]


@pytest.mark.parametrize(("file", "sheet"), XLSX_SHEETS, ids=[f"{f}-{s}" for f, s in XLSX_SHEETS])
def test_xlsx_header_is_frozen(written: Written, file: str, sheet: str) -> None:
    ws = _sheet(written(file, "xlsx"), sheet)
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold


def test_diff_xlsx_sheets(written: Written) -> None:
    from openpyxl import load_workbook

    assert load_workbook(written("changes", "xlsx")).sheetnames == ["changes", "pairs"]


NUMBER_FORMATS = [("yuan", "value", "#,##0"), ("percent", "value", "0.00")]


@pytest.mark.parametrize(("unit", "column", "number_format"), NUMBER_FORMATS, ids=[c[0] for c in NUMBER_FORMATS])
def test_xlsx_number_formats(written: Written, unit: str, column: str, number_format: str) -> None:
    units = _cells(written, "quantities", "unit")
    cells = [c for c, u in zip(_cells(written, "quantities", column), units, strict=True) if u.value == unit and c.value is not None]
    assert cells and all(c.number_format == number_format for c in cells)


def test_xlsx_dates_have_a_date_format(written: Written) -> None:
    cell = _cells(written, "documents", "date")[0]
    assert cell.number_format == "yyyy-mm-dd"


@pytest.mark.parametrize("table", ["quantities", "provisions", "references"])
def test_xlsx_has_quote_and_source(written: Written, table: str) -> None:
    columns, rows = _load(written, table, "xlsx")
    assert {"quote", "source"} <= set(columns)
    assert all(r["quote"] and r["source"].endswith("001_e001dd900bee0134.txt") for r in rows)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize(("table", "column"), [("quantities", "quote"), ("sections", "text"), ("documents", "title")])
def test_xlsx_columns_fit_their_text(written: Written, table: str, column: str) -> None:
    from openpyxl.utils import get_column_letter

    ws = _sheet(written(table, "xlsx"), table)
    header = [c.value for c in ws[1]]
    longest = max(_display_width(c.value or "") for c in _cells(written, table, column))
    assert ws.column_dimensions[get_column_letter(header.index(column) + 1)].width >= min(longest, 60) > 10  # 60 at most


# -- the library and the README ------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", list(export.TABLES))
def test_rows_have_the_declared_columns(written: Written, table: str) -> None:
    _, rows = _load(written, table if table != "pairs" else "pairs", "jsonl" if table != "pairs" else "xlsx")
    assert list(rows[0]) == [c.name for c in export.TABLES[table]]  # type: ignore[index]


def test_rows_without_a_table_are_typed_by_their_columns(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from extractor.analysis import analyze_file

    dates = [r for r in export.quantity_rows(analyze_file(SOURCE)) if r["kind"] == "date"]
    assert dates and all(r["value"] is None for r in dates)
    export.write_rows(dates, tmp_path / "dates.parquet", "parquet")
    assert pq.read_schema(tmp_path / "dates.parquet").field("value").type == pa.float64()


README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", list(export.TABLES))
def test_readme_documents_the_parquet_schema(table: str) -> None:
    assert export.schema_markdown(table) in README, f"README: the schema of {table} is stale; paste schema_markdown({table!r})"  # type: ignore[arg-type]


def test_readme_says_how_csv_joins_lists() -> None:
    assert "joined with `|`" in README and "utf-8-sig" in README
