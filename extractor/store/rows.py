"""Flat rows of quantities for JSONL, CSV and spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ..records import Analysis, Quantity, QuantityRow

CSV_LIST_SEP = "|"


def quantity_to_row(doc_id: str, q: Quantity) -> QuantityRow:
    """The flat row of one quantity."""
    return QuantityRow(
        id=q.id, doc=doc_id, kind=q.kind, value=q.value, value_max=q.value_max, unit=q.unit, bound=q.bound, per=q.per,
        base=q.base, cap=q.cap, approximate=q.approximate, role=q.role, benefit=q.benefit, benefit_id=q.benefit_id,
        groups=q.groups, group_ids=q.group_ids, section=q.section, quote=q.evidence.quote, span=q.evidence.span,
        page=q.evidence.page, line=q.evidence.line, doubt=q.doubt, date_start=q.date_start, date_end=q.date_end,
    )


def rows_to_csv(rows: Iterable[QuantityRow], header: bool = True) -> str:
    """CSV text of rows; list fields joined with ``|``, the span as ``start-end``."""
    buf = io.StringIO()
    fields = list(QuantityRow.model_fields)
    w = csv.writer(buf)
    if header:
        w.writerow(fields)
    for r in rows:
        d = r.model_dump(mode="json")
        w.writerow([
            CSV_LIST_SEP.join(map(str, d[f])) if isinstance(d[f], list) and f != "span"
            else f"{d[f][0]}-{d[f][1]}" if f == "span" else "" if d[f] is None else d[f]
            for f in fields
        ])
    return buf.getvalue()


def rows_to_jsonl(rows: Iterable[QuantityRow]) -> str:
    """One JSON object per line (UTF-8, not ASCII-escaped)."""
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in rows)


def analyses_to_json(analyses: Iterable[Analysis]) -> str:
    """A JSON list of analyses, as ``zhengce extract --format json`` writes it and the commands read it back."""
    return "[\n" + ",\n".join(a.model_dump_json(indent=2) for a in analyses) + "\n]\n"


def analyses_to_jsonl(analyses: Iterable[Analysis]) -> str:
    """One analysis per line (``zhengce extract --format analyses``)."""
    return "".join(a.model_dump_json() + "\n" for a in analyses)
