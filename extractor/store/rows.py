"""Typed flat rows written as JSONL, CSV, Parquet and XLSX; and the quantity rows of ``zhengce extract``.

A table is its rows and its columns (``Column``: name, type, meaning). The type decides each cell in each format:

======== ================= ================ ====================== ==================
type     Parquet           JSON             CSV                    XLSX
======== ================= ================ ====================== ==================
int      int64 (nullable)  number           digits                 number cell
float    double            number           digits                 number cell
date     date32            ``YYYY-MM-DD``   ``YYYY-MM-DD``         date cell
list     list<string>      list             joined with ``|``      joined with ``|``
======== ================= ================ ====================== ==================
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..records import Analysis, Quantity, QuantityRow
from .atomic import atomic_path

LIST_SEP = "|"
"""How CSV and XLSX join a list."""
YUAN_FORMAT, CENTS_FORMAT, PERCENT_FORMAT, DATE_FORMAT = "#,##0", "#,##0.00", "0.00", "yyyy-mm-dd"
"""XLSX number formats: whole yuan, yuan with fen, a percentage (70.00 for 70%), a date."""

Scalar = str | int | float | bool | dt.date | None
Struct = dict[str, Scalar | list[str]]
Cell = Scalar | list[str] | list[Struct]
Row = dict[str, Cell]
"""One row of an export table, keyed by its columns' names."""

ColumnType = Literal["string", "int", "float", "bool", "date", "list", "quantities"]
"""``quantities``: the quantities of a provision, a list of structs (JSON text in CSV and XLSX)."""


class Column(NamedTuple):
    """One column of an export table: its name, type and meaning; ``unit`` picks the XLSX number format of a
    float column (``yuan``: ``#,##0``, ``percent``: ``0.00``, ``row``: by the row's ``unit`` column)."""

    name: str
    type: ColumnType
    meaning: str
    unit: Literal["yuan", "percent", "row"] | None = None


def _text_cell(value: Cell, column: Column) -> Cell:
    """A cell as CSV and XLSX hold it: a list joined with ``|``, a provision's quantities as JSON text."""
    if column.type == "quantities" and value is not None:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return LIST_SEP.join(str(v) for v in value)
    return value


def _csv_cell(value: Cell, column: Column) -> Cell:
    """
    >>> _csv_cell(["person", "month"], Column("per", "list", ""))
    'person|month'
    >>> _csv_cell(dt.date(2022, 1, 28), Column("date", "date", ""))
    '2022-01-28'
    >>> _csv_cell(None, Column("value", "float", ""))
    ''
    >>> _csv_cell(2023, Column("doc_number_year", "int", ""))
    2023
    """
    value = _text_cell(value, column)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else value


def _json_cell(value: Cell) -> Cell:
    return value.isoformat() if isinstance(value, dt.date) else value


def table_to_csv(rows: Iterable[Row], columns: Sequence[Column], header: bool = True) -> str:
    """CSV text of rows (no BOM: the writer adds it to a file); a list joined with ``|``, a date as ``YYYY-MM-DD``."""
    buf = io.StringIO()
    w = csv.writer(buf)
    if header:
        w.writerow([c.name for c in columns])
    for r in rows:
        w.writerow([_csv_cell(r.get(c.name), c) for c in columns])
    return buf.getvalue()


def table_to_jsonl(rows: Iterable[Row], columns: Sequence[Column]) -> str:
    """One JSON object per row (UTF-8, not ASCII-escaped), every column present; lists stay lists."""
    return "".join(json.dumps({c.name: _json_cell(r.get(c.name)) for c in columns}, ensure_ascii=False) + "\n" for r in rows)


def _arrow_type(pa: Any, kind: ColumnType) -> Any:
    if kind == "quantities":
        return pa.list_(pa.struct([("kind", pa.string()), ("value", pa.float64()), ("value_max", pa.float64()),
                                   ("unit", pa.string()), ("bound", pa.string()), ("per", pa.list_(pa.string())),
                                   ("base", pa.string())]))
    return {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32(),
            "list": pa.list_(pa.string())}[kind]


def table_schema(columns: Sequence[Column]) -> Any:
    """The Arrow schema of a table's columns, as ``zhengce export --format parquet`` and the store's dataset write
    it. The pandas metadata names the integer columns ``Int64``, so pandas.read_parquet gives a nullable integer
    (2023 or <NA>) rather than the float64 it makes of an int64 column with nulls (2023.0)."""
    import pyarrow as pa

    ints = [c.name for c in columns if c.type == "int"]
    pandas_meta = {"index_columns": [], "column_indexes": [], "columns": [
        {"name": n, "field_name": n, "pandas_type": "int64", "numpy_type": "Int64", "metadata": None} for n in ints]}
    return pa.schema([pa.field(c.name, _arrow_type(pa, c.type)) for c in columns],
                     metadata={b"pandas": json.dumps(pandas_meta).encode()})


def write_parquet(rows: list[Row], columns: Sequence[Column], path: Path) -> None:
    """One Parquet file with the columns' types, whatever the rows hold (a column null in every row keeps its type)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = table_schema(columns)
    with atomic_path(path) as tmp:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)


def _number_format(value: Cell, column: Column, row: Row) -> str | None:
    """
    >>> _number_format(200000.0, Column("value", "float", "", "row"), {"unit": "yuan"})
    '#,##0'
    >>> _number_format(70.0, Column("value", "float", "", "row"), {"unit": "percent"})
    '0.00'
    >>> _number_format(12.0, Column("value", "float", "", "row"), {"unit": "month"}) is None
    True
    """
    if column.type == "date":
        return DATE_FORMAT
    if column.type == "int":
        return "0"
    if column.type != "float" or not isinstance(value, float):
        return None
    unit = row.get("unit") if column.unit == "row" else column.unit
    if unit == "yuan":
        return YUAN_FORMAT if value.is_integer() else CENTS_FORMAT
    return PERCENT_FORMAT if unit == "percent" else None


def _width(text: str) -> int:
    """Display width: a CJK character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_width(rows: list[Row], column: Column) -> float:
    if column.type == "date":
        return 12
    seen = [_width(column.name)] + [_width(str(_csv_cell(r.get(column.name), column))) for r in rows[:500]]
    return min(max(max(seen) + 2, 8), 60)


def write_workbook(sheets: dict[str, tuple[list[Row], Sequence[Column]]], path: Path) -> None:
    """An XLSX workbook, one sheet per table: a bold, frozen header row, column widths by content, numbers and
    dates as number and date cells with their formats (``#,##0`` for yuan, ``0.00`` for a percentage)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for name, (rows, columns) in sheets.items():
        ws = wb.create_sheet(name[:31])
        ws.append([c.name for c in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            values = [_text_cell(r.get(c.name), c) for c in columns]
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
            for j, (c, v) in enumerate(zip(columns, values, strict=True), 1):
                if isinstance(v, str) and v.startswith("="):
                    ws.cell(row=ws.max_row, column=j).data_type = "s"  # text, never a formula
                elif fmt := _number_format(v, c, r):
                    ws.cell(row=ws.max_row, column=j).number_format = fmt
        for j, c in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(j)].width = _column_width(rows, c)
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = ws.dimensions
    with atomic_path(path) as tmp:
        wb.save(tmp)


def quantity_to_row(doc_id: str, q: Quantity) -> QuantityRow:
    """The flat row of one quantity (``zhengce extract --format jsonl``)."""
    return QuantityRow(
        id=q.id, doc_id=doc_id, kind=q.kind, value=q.value, value_max=q.value_max, unit=q.unit, bound=q.bound, per=q.per,
        base=q.base, cap=q.cap, approximate=q.approximate, role=q.role, benefit=q.benefit, benefit_id=q.benefit_id,
        groups=q.groups, group_ids=q.group_ids, section=q.section, quote=q.evidence.quote,
        span_start=q.evidence.span[0], span_end=q.evidence.span[1],
        page=q.evidence.page, line=q.evidence.line, doubt=q.doubt, date_start=q.date_start, date_end=q.date_end,
    )


def rows_to_jsonl(rows: Iterable[QuantityRow]) -> str:
    """One JSON object per line (UTF-8, not ASCII-escaped)."""
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in rows)


def analyses_to_json(analyses: Iterable[Analysis]) -> str:
    """A JSON list of analyses, as ``zhengce extract --format json`` writes it and the commands read it back."""
    return "[\n" + ",\n".join(a.model_dump_json(indent=2) for a in analyses) + "\n]\n"


def analyses_to_jsonl(analyses: Iterable[Analysis]) -> str:
    """One analysis per line (``zhengce extract --format analyses``)."""
    return "".join(a.model_dump_json() + "\n" for a in analyses)
