"""A comparison table written out: terminal, Markdown, CSV (one value per row), XLSX, HTML, JSON, and a chart."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from ..compare.table import column_kind, column_unit
from ..normalize.text import display_width
from ..records import CompareTable, Row, Value
from .atomic import atomic_path


def _fmt(col: str, v: Value) -> str:
    from ..compare.diff import fmt

    unit = column_unit(col)
    kind = column_kind(col) or "count"
    text = fmt(kind, v.value, unit) if v.value_max is None else f"{fmt(kind, v.value, unit)}–{fmt(kind, v.value_max, unit)}"
    if unit == "bp" and v.value is not None:  # a spread over a base rate (LPR-150BP), signed
        text = f"{v.value:+g}BP"
    who = v.groups[0] if v.groups else ""
    return f"{text}（{who}）" if who else text


def cell_text(row: Row, col: str) -> str:
    return "；".join(_fmt(col, v) for v in row.cells.get(col, []))


HEAD = ("文件", "对象", "地区", "层级", "年份", "文号")
CONDITIONS = "条件"


def _head(row: Row) -> list[str]:
    doc = f"{row.doc_id}（{'、'.join(row.formats)}）" if len(row.formats) > 1 else row.doc_id
    return [doc, row.recipient or "", row.region or "", row.level or "", str(row.year or ""), row.doc_number or ""]


def table_to_markdown(t: CompareTable) -> str:
    cols = list(HEAD) + t.columns + [CONDITIONS]
    lines = ["| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]
    for r in t.rows:
        lines.append("| " + " | ".join(_head(r) + [cell_text(r, c) for c in t.columns] + ["；".join(r.conditions)]) + " |")
    return "\n".join(lines) + "\n"


def table_to_csv(t: CompareTable) -> str:
    """One value per row, with its evidence: the shape researchers load into pandas or R."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["doc_id", "formats", "recipient_class", "recipient", "region", "level", "year", "doc_number", "column", "value", "value_max", "groups", "benefit",
                "section", "quote", "page", "line"])
    for r in t.rows:
        for col, values in r.cells.items():
            for v in values:
                w.writerow([r.doc_id, "|".join(r.formats), r.recipient_class, r.recipient, r.region, r.level, r.year, r.doc_number, col, v.value, v.value_max, "|".join(v.groups),
                            v.benefit, v.section, v.quote, v.page, v.line])
    return buf.getvalue()


def _html_table(t: CompareTable) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in list(HEAD) + t.columns + [CONDITIONS])
    body = []
    for r in t.rows:
        cells = "".join(f"<td>{html.escape(x)}</td>" for x in _head(r))
        for c in t.columns:
            vals = r.cells.get(c, [])
            cells += "<td>" + "<br>".join(
                f'<span title="{html.escape(v.quote)}（{html.escape(v.section)}，第{v.line}行）">{html.escape(_fmt(c, v))}</span>' for v in vals
            ) + "</td>"
        cells += f"<td>{html.escape('；'.join(r.conditions))}</td>"
        body.append(f"<tr>{cells}</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _title(t: CompareTable) -> str:
    return " · ".join(x for x in (t.benefit, t.group) if x) or "全部参数"


def tables_to_html(ts: list[CompareTable]) -> str:
    """One page: a heading and a table per benefit; each value's quote on hover."""
    title = html.escape("；".join(_title(t) for t in ts))
    parts = [f"<h1>{html.escape(_title(ts[0]))}</h1>{_html_table(ts[0])}"] if len(ts) == 1 else \
        [f"<h2>{html.escape(_title(t))}</h2>{_html_table(t)}" for t in ts]
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title><style>'
            "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;"
            f"vertical-align:top}}span[title]{{border-bottom:1px dotted #888;cursor:help}}</style></head><body>"
            f"{'' if len(ts) == 1 else f'<h1>{title}</h1>'}<p>悬停查看原文引文。</p>{''.join(parts)}</body></html>\n")


def table_to_html(t: CompareTable) -> str:
    return tables_to_html([t])


def tables_to_markdown(ts: list[CompareTable]) -> str:
    """One table as ``table_to_markdown``; several, each under a heading naming its benefit."""
    if len(ts) == 1:
        return table_to_markdown(ts[0])
    return "\n".join(f"## {_title(t)}\n\n{table_to_markdown(t)}" for t in ts)


def tables_to_csv(ts: list[CompareTable]) -> str:
    """One table as ``table_to_csv``; several in one file, a first column ``table`` naming the benefit asked."""
    if len(ts) == 1:
        return table_to_csv(ts[0])
    buf = io.StringIO()
    w = csv.writer(buf)
    for k, t in enumerate(ts):
        rows = list(csv.reader(io.StringIO(table_to_csv(t))))
        if k == 0:
            w.writerow(["table", *rows[0]])
        w.writerows([_title(t), *row] for row in rows[1:])
    return buf.getvalue()


def table_to_xlsx(t: CompareTable, path: Path) -> None:
    """Two sheets: the table, and every value with its quote, section, page and line."""
    tables_to_xlsx([t], path)


VALUE_COLUMNS = ("table", "doc_id", "formats", "recipient_class", "recipient", "region", "level", "year", "doc_number",
                 "column", "value", "value_max", "unit", "groups", "benefit", "section", "quote", "page", "line")
"""The ``values`` sheet: one value per row, numbers as numbers, the quote and where it is printed."""
NUMBER_FORMAT = {"yuan": "#,##0", "percent": "0.00"}


def _value_rows(ts: list[CompareTable]) -> list[list[object]]:
    out: list[list[object]] = []
    for t in ts:
        for r in t.rows:
            for col, values in r.cells.items():
                unit = column_unit(col)
                for v in values:
                    out.append([_title(t), r.doc_id, "|".join(r.formats), r.recipient_class, r.recipient, r.region, r.level,
                                r.year, r.doc_number, col, v.value, v.value_max, unit, "|".join(v.groups), v.benefit,
                                v.section, v.quote, v.page, v.line])
    return out


def tables_to_xlsx(ts: list[CompareTable], path: Path) -> None:
    """A sheet per benefit (named ``table`` when there is one), and ``values``: every value as a number, with its
    unit, quote, section, page and line. Headers frozen, columns sized to their text."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for t in ts:
        name = "table" if len(ts) == 1 else _sheet_name(_title(t), used)
        ws = wb.create_sheet(name)
        ws.append(list(HEAD) + t.columns + [CONDITIONS])
        for r in t.rows:
            ws.append(_head(r) + [cell_text(r, c) for c in t.columns] + ["；".join(r.conditions)])
        _finish(ws)
    ws2 = wb.create_sheet("values")
    ws2.append(list(VALUE_COLUMNS))
    at = {c: k for k, c in enumerate(VALUE_COLUMNS)}
    for row in _value_rows(ts):
        ws2.append(row)
        fmt = NUMBER_FORMAT.get(str(row[at["unit"]]))
        if fmt:
            for c in ("value", "value_max"):
                ws2.cell(row=ws2.max_row, column=at[c] + 1).number_format = fmt
    _finish(ws2)
    with atomic_path(path) as tmp:
        wb.save(tmp)


def _finish(ws) -> None:  # type: ignore[no-untyped-def]
    """Freeze the header row and size each column to its longest text (CJK characters count double)."""
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    for k, col in enumerate(ws.iter_cols(values_only=True), start=1):
        wide = max((display_width(str(v)) for v in col if v is not None), default=4)
        ws.column_dimensions[get_column_letter(k)].width = min(60, max(6, wide + 2))


def _sheet_name(title: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:28] or "table"
    name, n = base, 2
    while name in used or name == "values":
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name


def table_to_rich(t: CompareTable):  # type: ignore[no-untyped-def]
    from rich.table import Table

    rt = Table(*HEAD, *t.columns, CONDITIONS, title=" · ".join(x for x in (t.benefit, t.group) if x) or None, show_lines=True)
    for r in t.rows:
        rt.add_row(*_head(r), *[cell_text(r, c).replace("；", "\n") for c in t.columns], "\n".join(r.conditions))
    return rt
