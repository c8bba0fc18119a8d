"""A benefit's parameters as rules as code: OpenFisca's YAML parameter layout, dated values per region.

One parameter node per region (key ``r`` + the 12-digit division code), each with ``values`` keyed by the
document's date (ISO); a cell with several values (one per group) becomes one child node per value. Rates are
written as OpenFisca writes them, a fraction with unit ``/1`` (70% -> 0.7); money in ``currency-CNY``. Documents
without a date cannot be placed in time and are left out (listed under ``metadata.undated``).
"""

from __future__ import annotations

from typing import Any

import yaml

from ..compare.table import column_unit
from ..records import CompareTable, Row, Value

UNITS = {"yuan": "currency-CNY", "percent": "/1", "month": "month", "day": "day", "hour": "hour", "year": "year", "count": None}


def _value(v: float | None, unit: str) -> float | None:
    if v is None:
        return None
    return round(v / 100, 6) if unit == "percent" else v


def table_to_openfisca(table: CompareTable, column: str | None = None) -> str:
    """YAML text of one column of a comparison in OpenFisca's parameter layout."""
    col = column or next((c for c in table.columns if c.endswith("(yuan)")), table.columns[0] if table.columns else None)
    if col is None:
        raise ValueError("nothing to export: the comparison is empty")
    if col not in table.columns:
        raise ValueError(f"no column {col!r}; the columns are: {', '.join(table.columns)}")
    unit = column_unit(col)
    undated: list[str] = []
    root: dict[str, Any] = {
        "description": " · ".join(x for x in (table.benefit, table.group, col) if x),
        "metadata": {"unit": UNITS.get(unit), "source": "zhengce compare", "column": col, "undated": undated},
    }
    # a region's values by date (its documents over time), those of one date from all its rows (one per recipient
    # class): the node's own dated values when each date has one, else v1, v2 … (the k-th value of each date)
    by_node: dict[str, dict[str, list[tuple[Row, Value]]]] = {}
    for row in table.rows:
        values = row.cells.get(col, [])
        if not values:
            continue
        if row.date is None:
            undated.append(row.doc_id)
            continue
        node_id = f"r{row.region_code or row.doc_id}"
        root.setdefault(node_id, {"description": row.region or row.doc_id})
        by_node.setdefault(node_id, {}).setdefault(row.date.isoformat(), []).extend((row, v) for v in values)
    for node_id, dates in by_node.items():
        node = root[node_id]
        several = any(len(pairs) > 1 for pairs in dates.values())
        for date, pairs in dates.items():
            for k, (row, v) in enumerate(pairs):
                name = row.recipient or (v.groups[0] if v.groups else f"value {k + 1}")
                target = node.setdefault(f"v{k + 1}", {"description": name}) if several else node
                target.setdefault("values", {})[date] = {
                    "value": _value(v.value, unit),
                    "metadata": {"reference": f"{row.doc_number or row.doc_id} {v.section}：{v.quote}"},
                }
    return yaml.safe_dump(root, allow_unicode=True, sort_keys=False)
