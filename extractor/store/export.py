"""Every record type as typed tables for other systems: JSONL, CSV, Parquet and XLSX, one convention for all.

Each table is declared once, as its columns (name, type, meaning); the writers take the types from there and the
README's Parquet schema is made from it (``schema_markdown``). The convention, the same in every table:

- the document is ``doc_id`` (``a_doc_id`` and ``b_doc_id`` in the two tables of a diff, which has two);
- a list is a list in Parquet (``list<string>``) and JSON, joined with ``|`` in CSV and XLSX;
- numbers are numbers: integers ``int64`` (nullable: ``Int64`` in pandas), floats ``double``; number cells in XLSX;
- dates are ``date32`` in Parquet, date cells in XLSX, ISO ``YYYY-MM-DD`` in CSV and JSON;
- a span is two integer columns, ``span_start`` and ``span_end`` (``a_start``/``a_end``, ``b_start``/``b_end`` in a diff).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from ..evidence import locate
from ..records import Analysis, Diff, Document, Evidence, Quantity, walk_sections
from .atomic import write_atomic
from .diff_md import STATUS_WORD
from .rows import Cell, Column, ColumnType, Row, Struct, table_to_csv, table_to_jsonl, write_parquet, write_workbook

Table = Literal["documents", "sections", "provisions", "quantities", "references", "changes", "pairs"]
Format = Literal["jsonl", "csv", "parquet", "xlsx"]


def _place(prefix: str = "", what: str = "the quote") -> tuple[Column, ...]:
    return (
        Column(f"{prefix}quote", "string", f"{what}, verbatim as printed"),
        Column(f"{prefix}span_start", "int", f"offset of {what} in the document's clean text (0-based)"),
        Column(f"{prefix}span_end", "int", f"offset just past the end of {what}"),
        Column(f"{prefix}page", "int", "1-based page (PDF); null for text, DOCX and HTML"),
        Column(f"{prefix}line", "int", "1-based line: in the page for a PDF, in the file otherwise"),
        Column(f"{prefix}source", "string", "the source file, as named when it was read"),
    )


_DOC = Column("doc_id", "string", "the document's id (the file's stem and kind, e.g. 001_x.txt)")
_NUMBER = (
    Column("doc_number", "string", "the 文号 as printed"),
    Column("doc_number_agency", "string", "its agency prefix (豫政办) or decree name"),
    Column("doc_number_year", "int", "the year in its brackets; null for a decree number"),
    Column("doc_number_serial", "int", "its serial number"),
)

TABLES: dict[Table, tuple[Column, ...]] = {
    "documents": (
        _DOC,
        Column("title", "string", "the document's own title as printed"),
        Column("instrument_title", "string", "X of 关于印发《X》的通知: the enclosed instrument"),
        Column("doc_type", "string", "通知, 办法, 意见, 实施意见, 方案 …"),
        *_NUMBER,
        Column("issuers", "list", "every issuing organ"),
        Column("recipients", "list", "主送"),
        Column("cc", "list", "抄送"),
        Column("date", "date", "the document's date (of its latest version for a law or regulation)"),
        Column("effective_date", "date", "the date it comes into force on, when stated"),
        Column("region", "string", "e.g. 河南省平顶山市"),
        Column("region_code", "string", "12-digit administrative division code"),
        Column("level", "string", "national, provincial, municipal, county, district"),
        Column("source", "string", "the source file, as named when it was read"),
        Column("kind", "string", "pdf, text, docx, html"),
        Column("sha256", "string", "sha256 of the source file's bytes"),
        Column("first_line", "int", "first line of the document in the file"),
        Column("last_line", "int", "last line of the document in the file"),
        Column("sections", "int", "number of top-level sections"),
        Column("attachments", "int", "number of attachments"),
        Column("references", "int", "number of citations of other documents"),
        Column("chars", "int", "length of the clean text"),
        Column("warnings", "list", "what reading the document found doubtful"),
    ),
    "sections": (
        _DOC,
        Column("attachment", "string", "the attachment's number; null in the body"),
        Column("key", "string", "unique in the document: the path, ~2 added when a path repeats"),
        Column("path", "string", "the numbering path, e.g. 二/（三）/2"),
        Column("num", "string", "the label as printed: 一, （一）, 1, 第三条"),
        Column("marker", "string", "the numbering style: zhang, tiao, cn, cn_paren, arabic …"),
        Column("heading", "string", "the heading without the number"),
        Column("depth", "int", "0 at the top level"),
        Column("text", "string", "the section's text, headings and children included"),
        Column("span_start", "int", "offset of the section in the document's clean text (0-based)"),
        Column("span_end", "int", "offset just past its end"),
        Column("page", "int", "1-based page (PDF); null for text, DOCX and HTML"),
        Column("line", "int", "1-based line: in the page for a PDF, in the file otherwise"),
        Column("source", "string", "the source file, as named when it was read"),
    ),
    "quantities": (
        _DOC,
        Column("id", "string", "the quantity's id: document, span, kind"),
        Column("kind", "string", "money, percent, duration, age, count, date"),
        Column("value", "float", "money: yuan; percent: percentage; duration: months or days; age: years", "row"),
        Column("value_max", "float", "the upper end of a range", "row"),
        Column("unit", "string", "yuan, percent, month, day, hour, year, count, date"),
        Column("bound", "string", "exact, max, min, range"),
        Column("bound_words", "list", "the words that set the bound: 最高, 不超过, 以上 …"),
        Column("per", "list", "person, month, year, enterprise, household, one_off …"),
        Column("base", "string", "for a rate: what it is a rate of"),
        Column("cap", "float", "for a rate: the money cap attached to it, in yuan", "yuan"),
        Column("approximate", "bool", "三十几万: a range, never a made-up exact value"),
        Column("role", "string", "parameter, statistic, target, scoring"),
        Column("benefit", "string", "the benefit, as named in the text"),
        Column("benefit_id", "string", "the benefit's taxonomy id"),
        Column("groups", "list", "eligible groups named in the clause, verbatim"),
        Column("group_ids", "list", "their taxonomy ids"),
        Column("section", "string", "numbering path of the deepest section holding the quote"),
        Column("date_start", "date", "a date quantity's first day"),
        Column("date_end", "date", "a date quantity's last day"),
        Column("doubt", "bool", "the reading is doubtful"),
        *_place(),
    ),
    "provisions": (
        _DOC,
        Column("id", "string", "the provision's id: document and span of its evidence"),
        Column("provision", "int", "its number in the document, from 0"),
        Column("section", "string", "numbering path of its section"),
        Column("benefit", "string", "the benefit, as named in the text"),
        Column("benefit_id", "string", "the benefit's taxonomy id"),
        Column("category", "string", "subsidy, loan, interest_subsidy, tax_relief, award, service …"),
        Column("groups", "list", "the beneficiaries, verbatim"),
        Column("group_ids", "list", "their taxonomy ids, one per group ('' when unknown)"),
        Column("quantities", "quantities", "its quantities: kind, value, value_max, unit, bound, per, base"),
        Column("conditions", "list", "conditions of eligibility"),
        Column("non_stacking", "list", "不重复享受, 不与…同时享受"),
        Column("application", "list", "免申即享, 即申即享 …"),
        Column("funding", "list", "从就业补助资金中列支 …"),
        Column("departments", "list", "responsible departments"),
        *_place(),
    ),
    "references": (
        _DOC,
        Column("title", "string", "the cited document's title, without 《》"),
        *_NUMBER,
        *_place(what="the citation"),
    ),
    "changes": (
        Column("a_doc_id", "string", "document A's id (the older version, or the higher-level document)"),
        Column("b_doc_id", "string", "document B's id"),
        Column("change", "string", "added, removed, changed, moved"),
        Column("kind", "string", "money, percent, duration, age, count, group, condition"),
        Column("subject", "string", "what the number governs"),
        Column("a_value", "float", "A's value (null when absent or a phrase)", "row"),
        Column("a_value_max", "float", "A's upper end of a range", "row"),
        Column("b_value", "float", "B's value", "row"),
        Column("b_value_max", "float", "B's upper end of a range", "row"),
        Column("a_text", "string", "A's phrase, for a group or condition change"),
        Column("b_text", "string", "B's phrase"),
        Column("unit", "string", "yuan, percent, month, day, year, count"),
        Column("a_bound", "string", "A's bound: exact, max, min, range"),
        Column("b_bound", "string", "B's bound"),
        Column("per", "list", "person, month, year, one_off …"),
        Column("benefit", "string", "the benefit"),
        Column("summary", "string", "the change in one Chinese sentence"),
        Column("a_section", "string", "A's article"),
        Column("b_section", "string", "B's article"),
        Column("a_quote", "string", "A's quote, verbatim"),
        Column("b_quote", "string", "B's quote, verbatim"),
        *(Column(f"{s}_{n}", "int", f"{s.upper()}'s {m}") for s in "ab" for n, m in (
            ("start", "span start in its clean text"), ("end", "span end"), ("page", "page (PDF)"), ("line", "line"))),
    ),
    "pairs": (
        Column("a_doc_id", "string", "document A's id"),
        Column("b_doc_id", "string", "document B's id"),
        Column("level", "string", "chapter or article"),
        Column("status", "string", "unchanged, renumbered, moved, modified, split, merged, added, removed"),
        Column("status_zh", "string", "the status in Chinese: 未变, 重新编号, 修改, 拆分, 合并, 新增, 删除"),
        Column("a", "string", "the path in A"),
        Column("b", "string", "the path in B"),
        Column("a_heading", "string", "A's heading"),
        Column("b_heading", "string", "B's heading"),
        Column("similarity", "float", "0 to 1"),
        Column("a_start", "int", "A's span start in its clean text"),
        Column("a_end", "int", "A's span end"),
        Column("b_start", "int", "B's span start"),
        Column("b_end", "int", "B's span end"),
        Column("parts", "list", "its 款 and 项 aligned: status:a>b"),
    ),
}
"""Every export table's columns, in order."""


def _strs(items: Iterable[str]) -> list[str]:
    return list(items)


def _evidence(ev: Evidence | None, source: str, prefix: str = "") -> Row:
    return {f"{prefix}quote": ev.quote if ev else None, f"{prefix}span_start": ev.span[0] if ev else None,
            f"{prefix}span_end": ev.span[1] if ev else None, f"{prefix}page": ev.page if ev else None,
            f"{prefix}line": ev.line if ev else None, f"{prefix}source": source}


def document_rows(docs: Iterable[Document]) -> Iterator[Row]:
    """One row per document."""
    for d in docs:
        n = d.doc_number
        yield {
            "doc_id": d.id, "title": d.title, "instrument_title": d.instrument_title, "doc_type": d.doc_type,
            "doc_number": n.text if n else None, "doc_number_agency": n.agency if n else None,
            "doc_number_year": n.year if n else None, "doc_number_serial": n.serial if n else None,
            "issuers": _strs(d.issuers), "recipients": _strs(d.recipients), "cc": _strs(d.cc),
            "date": d.date, "effective_date": d.effective_date, "region": d.region, "region_code": d.region_code,
            "level": d.level, "source": d.source.path, "kind": d.source.kind, "sha256": d.source.sha256,
            "first_line": d.source.lines[0], "last_line": d.source.lines[1], "sections": len(d.sections),
            "attachments": len(d.attachments), "references": len(d.references), "chars": len(d.text),
            "warnings": _strs(d.warnings),
        }


def section_rows(docs: Iterable[Document]) -> Iterator[Row]:
    """One row per section of every document's body, then of its attachments."""
    for d in docs:
        secs = [(None, s) for s in walk_sections(d.sections)] + [(a.num, s) for a in d.attachments for s in walk_sections(a.sections)]
        for attachment, s in secs:
            yield {"doc_id": d.id, "attachment": attachment, "key": s.key, "path": s.path, "num": s.num, "marker": s.marker,
                   "heading": s.heading, "depth": s.path.count("/"), "text": s.text, "span_start": s.span[0],
                   "span_end": s.span[1], "page": s.page, "line": s.line, "source": d.source.path}


def quantity_row(doc: Document, q: Quantity) -> Row:
    """The row of one quantity of ``doc``."""
    row: Row = {
        "doc_id": doc.id, "id": q.id, "kind": q.kind, "value": q.value, "value_max": q.value_max, "unit": q.unit,
        "bound": q.bound, "bound_words": _strs(q.bound_words), "per": _strs(q.per), "base": q.base, "cap": q.cap,
        "approximate": q.approximate, "role": q.role, "benefit": q.benefit, "benefit_id": q.benefit_id,
        "groups": _strs(q.groups), "group_ids": _strs(q.group_ids), "section": q.section,
        "date_start": q.date_start, "date_end": q.date_end, "doubt": q.doubt,
    }
    return row | _evidence(q.evidence, doc.source.path)


def quantity_rows(results: Iterable[Analysis]) -> Iterator[Row]:
    """One row per quantity of every analysis (dates, statistics and targets included: see ``role``)."""
    for r in results:
        for q in r.quantities:
            yield quantity_row(r.document, q)


def provision_rows(results: Iterable[Analysis]) -> Iterator[Row]:
    """One row per provision (rule) of every analysis."""
    for r in results:
        for k, p in enumerate(r.provisions):
            quantities: list[Struct] = [{"kind": q.kind, "value": q.value, "value_max": q.value_max, "unit": q.unit,
                                         "bound": q.bound, "per": _strs(q.per), "base": q.base} for q in p.quantities]
            row: Row = {
                "doc_id": r.id, "id": p.id, "provision": k, "section": p.section, "benefit": p.benefit, "benefit_id": p.benefit_id,
                "category": p.category, "groups": [b.text for b in p.beneficiaries],
                "group_ids": [b.id or "" for b in p.beneficiaries],
                "quantities": quantities,
                "conditions": _strs(p.conditions), "non_stacking": _strs(p.non_stacking), "application": _strs(p.application),
                "funding": _strs(p.funding), "departments": _strs(p.departments),
            }
            yield row | _evidence(p.evidence, r.document.source.path)


def reference_rows(docs: Iterable[Document]) -> Iterator[Row]:
    """One row per citation of another document (《…》（文号））."""
    for d in docs:
        for ref in d.references:
            n = ref.doc_number
            page, line = locate(d, ref.span[0])
            yield {"doc_id": d.id, "title": ref.title, "doc_number": n.text if n else None,
                   "doc_number_agency": n.agency if n else None, "doc_number_year": n.year if n else None,
                   "doc_number_serial": n.serial if n else None, "quote": ref.quote, "span_start": ref.span[0],
                   "span_end": ref.span[1], "page": page, "line": line, "source": d.source.path}


def _number(value: float | str | None) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def _text(value: float | str | None) -> str | None:
    return value if isinstance(value, str) else None


def change_rows(diffs: Iterable[Diff]) -> Iterator[Row]:
    """One row per parameter change, every row with the same columns: the values as numbers (``None`` when absent;
    the phrase of a group or condition change in ``a_text``/``b_text``, so the value columns stay numeric), then
    the unit, bounds, per, subject, summary, sections, quotes and each side's place (offsets, page, line)."""
    for diff in diffs:
        for c in diff.changes:
            row: Row = {
                "a_doc_id": diff.a_id, "b_doc_id": diff.b_id, "change": c.change, "kind": c.kind, "subject": c.subject,
                "a_value": _number(c.a_value), "a_value_max": _number(c.a_value_max),
                "b_value": _number(c.b_value), "b_value_max": _number(c.b_value_max),
                "a_text": _text(c.a_value), "b_text": _text(c.b_value),
                "unit": c.unit, "a_bound": c.a_bound, "b_bound": c.b_bound, "per": _strs(c.per), "benefit": c.benefit,
                "summary": c.summary, "a_section": c.a_section, "b_section": c.b_section,
                "a_quote": c.a_quote, "b_quote": c.b_quote,
            }
            for side, ev in (("a", c.a_evidence), ("b", c.b_evidence)):
                row |= {f"{side}_start": ev.span[0] if ev else None, f"{side}_end": ev.span[1] if ev else None,
                        f"{side}_page": ev.page if ev else None, f"{side}_line": ev.line if ev else None}
            yield row


def pair_rows(diffs: Iterable[Diff]) -> Iterator[Row]:
    """One row per aligned chapter (``level`` chapter) and article (``level`` article), with its status in English
    and in Chinese, both paths, headings, spans and its 款/项 links."""
    for diff in diffs:
        for level, pairs in (("chapter", diff.chapters), ("article", diff.pairs)):
            for p in pairs:
                yield {
                    "a_doc_id": diff.a_id, "b_doc_id": diff.b_id, "level": level, "status": p.status,
                    "status_zh": STATUS_WORD[p.status], "a": p.a, "b": p.b, "a_heading": p.a_heading,
                    "b_heading": p.b_heading, "similarity": p.similarity,
                    "a_start": p.a_span[0] if p.a_span else None, "a_end": p.a_span[1] if p.a_span else None,
                    "b_start": p.b_span[0] if p.b_span else None, "b_end": p.b_span[1] if p.b_span else None,
                    "parts": [f"{x.status}:{x.a or ''}>{x.b or ''}" for x in p.parts],
                }


def _guess(name: str, values: list[Cell]) -> Column:
    """A column of rows that no table declares, typed by its values."""
    present = [v for v in values if v is not None]
    kind: ColumnType = "string"
    if present and all(isinstance(v, bool) for v in present):
        kind = "bool"
    elif present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        kind = "int"
    elif present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        kind = "float"
    elif present and all(isinstance(v, dt.date) for v in present):
        kind = "date"
    elif present and all(isinstance(v, list) for v in present):
        kind = "list"
    return Column(name, kind, "")


def table_columns(rows: list[Row], table: Table | None = None) -> tuple[Column, ...]:
    """The columns of ``table``; without one, of the table whose columns the rows have, else typed by the values."""
    if table is not None:
        return TABLES[table]
    names = list(dict.fromkeys(k for r in rows for k in r))
    for columns in TABLES.values():
        if [c.name for c in columns] == names:
            return columns
    return tuple(_guess(n, [r.get(n) for r in rows]) for n in names)


def write_rows(rows: list[Row], path: Path, fmt: Format, table: Table | None = None, *, bom: bool = True) -> None:
    """Write the rows of one table as JSONL, CSV (UTF-8 with a BOM unless ``bom`` is False), Parquet or XLSX."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = table_columns(rows, table)
    if fmt == "jsonl":
        write_atomic(path, table_to_jsonl(rows, columns))
    elif fmt == "csv":
        write_atomic(path, table_to_csv(rows, columns), encoding="utf-8-sig" if bom else "utf-8")
    elif fmt == "parquet":
        write_parquet(rows, columns, path)
    elif fmt == "xlsx":
        write_workbook({table or "data": (rows, columns)}, path)
    else:
        raise ValueError(f"unknown format {fmt}")


def write_sheets(sheets: dict[str, list[Row]], path: Path) -> None:
    """An XLSX workbook with one sheet per table (a sheet named after a table has that table's columns)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_workbook({name: (rows, table_columns(rows, _table(name))) for name, rows in sheets.items()}, path)


def _table(name: str) -> Table | None:
    return next((t for t in TABLES if t == name), None)


PARQUET_TYPE: dict[ColumnType, str] = {
    "string": "string", "int": "int64", "float": "double", "bool": "bool", "date": "date32", "list": "list<string>",
    "quantities": "list<struct<kind: string, value: double, value_max: double, unit: string, bound: string, "
                  "per: list<string>, base: string>>",
}


def schema_markdown(table: Table) -> str:
    """The Parquet schema of one table as a Markdown table (column, type, meaning), as the README shows it."""
    lines = ["| column | type | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{c.name}` | `{PARQUET_TYPE[c.type]}` | {c.meaning} |" for c in TABLES[table]]
    return "\n".join(lines) + "\n"
