"""Every record type as flat tables for other systems: JSONL, CSV, Parquet and XLSX.

Rows are flat: nested lists of strings are joined with ``|``, anything else nested is a JSON string, so a CSV
loads in a spreadsheet and a Parquet file in pandas, DuckDB or Spark without a schema of its own.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from ..records import Analysis, Diff, Document, walk_sections

Table = Literal["documents", "sections", "provisions", "quantities", "changes", "pairs"]
Format = Literal["jsonl", "csv", "parquet", "xlsx"]


def _flat(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "|".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def document_rows(docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    for d in docs:
        yield {
            "id": d.id, "title": d.title, "instrument_title": d.instrument_title, "doc_type": d.doc_type,
            "doc_number": d.doc_number.text if d.doc_number else None,
            "doc_number_agency": d.doc_number.agency if d.doc_number else None,
            "doc_number_year": d.doc_number.year if d.doc_number else None,
            "doc_number_serial": d.doc_number.serial if d.doc_number else None,
            "issuers": "|".join(d.issuers), "recipients": "|".join(d.recipients), "cc": "|".join(d.cc),
            "date": d.date.isoformat() if d.date else None, "region": d.region, "region_code": d.region_code, "level": d.level,
            "source": d.source.path, "kind": d.source.kind, "sha256": d.source.sha256, "first_line": d.source.lines[0], "last_line": d.source.lines[1],
            "sections": len(d.sections), "attachments": len(d.attachments), "references": len(d.references),
            "chars": len(d.text), "warnings": "|".join(d.warnings),
        }


def section_rows(docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    for d in docs:
        secs = [(None, s) for s in walk_sections(d.sections)] + [(a.num, s) for a in d.attachments for s in walk_sections(a.sections)]
        for attachment, s in secs:
            yield {"doc_id": d.id, "attachment": attachment, "key": s.key, "path": s.path, "num": s.num, "marker": s.marker,
                   "heading": s.heading, "depth": s.path.count("/"), "start": s.span[0], "end": s.span[1],
                   "page": s.page, "line": s.line, "text": s.text}


def quantity_rows(results: Iterable[Analysis]) -> Iterator[dict[str, Any]]:
    from .rows import quantity_to_row

    for r in results:
        for q in r.quantities:
            yield {k: _flat(v) for k, v in quantity_to_row(r.id, q).model_dump(mode="json").items()}


def provision_rows(results: Iterable[Analysis]) -> Iterator[dict[str, Any]]:
    for r in results:
        for k, p in enumerate(r.provisions):
            yield {
                "doc_id": r.id, "id": p.id, "provision": k, "section": p.section, "benefit": p.benefit, "benefit_id": p.benefit_id,
                "category": p.category, "groups": "|".join(b.text for b in p.beneficiaries),
                "group_ids": "|".join(b.id or "" for b in p.beneficiaries),
                "quantities": json.dumps([q.model_dump(mode="json", include={"kind", "value", "value_max", "unit", "bound", "per", "base"})
                                          for q in p.quantities], ensure_ascii=False),
                "conditions": "|".join(p.conditions), "non_stacking": "|".join(p.non_stacking),
                "application": "|".join(p.application), "funding": "|".join(p.funding), "departments": "|".join(p.departments),
                "quote": p.evidence.quote, "page": p.evidence.page, "line": p.evidence.line,
            }


def _number(value: float | str | None) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def _text(value: float | str | None) -> str | None:
    return value if isinstance(value, str) else None


def change_rows(diffs: Iterable[Diff]) -> Iterator[dict[str, Any]]:
    """One row per parameter change, every row with the same columns: the values as numbers (``None`` when absent;
    the phrase of a group or condition change in ``a_text``/``b_text``, so the value columns stay numeric), then
    the unit, bounds, per, subject, summary, sections, quotes and each side's place (offsets, page, line)."""
    for diff in diffs:
        for c in diff.changes:
            row: dict[str, Any] = {
                "a_id": diff.a_id, "b_id": diff.b_id, "change": c.change, "kind": c.kind, "subject": c.subject,
                "a_value": _number(c.a_value), "a_value_max": _number(c.a_value_max),
                "b_value": _number(c.b_value), "b_value_max": _number(c.b_value_max),
                "a_text": _text(c.a_value), "b_text": _text(c.b_value),
                "unit": c.unit, "a_bound": c.a_bound, "b_bound": c.b_bound, "per": "|".join(c.per), "benefit": c.benefit,
                "summary": c.summary, "a_section": c.a_section, "b_section": c.b_section,
                "a_quote": c.a_quote, "b_quote": c.b_quote,
            }
            for side, ev in (("a", c.a_evidence), ("b", c.b_evidence)):
                row |= {f"{side}_start": ev.span[0] if ev else None, f"{side}_end": ev.span[1] if ev else None,
                        f"{side}_page": ev.page if ev else None, f"{side}_line": ev.line if ev else None}
            yield row


def pair_rows(diffs: Iterable[Diff]) -> Iterator[dict[str, Any]]:
    """One row per aligned chapter (``level`` chapter) and article (``level`` article), with its status in English
    and in Chinese, both paths, headings, spans and its 款/项 links."""
    from .diff_md import STATUS_WORD

    for diff in diffs:
        for level, pairs in (("chapter", diff.chapters), ("article", diff.pairs)):
            for p in pairs:
                yield {
                    "a_id": diff.a_id, "b_id": diff.b_id, "level": level, "status": p.status, "status_zh": STATUS_WORD[p.status],
                    "a": p.a, "b": p.b, "a_heading": p.a_heading, "b_heading": p.b_heading, "similarity": p.similarity,
                    "a_start": p.a_span[0] if p.a_span else None, "a_end": p.a_span[1] if p.a_span else None,
                    "b_start": p.b_span[0] if p.b_span else None, "b_end": p.b_span[1] if p.b_span else None,
                    "parts": "|".join(f"{x.status}:{x.a or ''}>{x.b or ''}" for x in p.parts),
                }


def write_rows(rows: list[dict[str, Any]], path: Path, fmt: Format, sheet: str = "data") -> None:
    """Write flat rows as JSONL, CSV, Parquet or XLSX."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(dict.fromkeys(k for r in rows for k in r))
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows, schema=None) if rows else pa.table({c: [] for c in columns}), path)
    elif fmt == "xlsx":
        write_sheets({sheet: rows}, path)
    else:
        raise ValueError(f"unknown format {fmt}")


def write_sheets(sheets: dict[str, list[dict[str, Any]]], path: Path) -> None:
    """An XLSX workbook with one sheet of flat rows per entry."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name[:31])
        columns = list(dict.fromkeys(k for r in rows for k in r))
        ws.append(columns)
        for r in rows:
            ws.append([r.get(c) for c in columns])
    wb.save(path)
