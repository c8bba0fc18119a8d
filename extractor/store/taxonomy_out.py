"""The rows of a taxonomy (``compare/taxonomy_table.py``) written out: Markdown, CSV, JSON and a terminal table."""

from __future__ import annotations

import csv
import io
import json
from typing import TypeVar

from rich.table import Table

from ..records import TaxonomyRow

INDENT = "　"
"""One level of the tree in the Markdown and terminal tables (an ideographic space: Markdown keeps it)."""
SYNONYM_SEP = "、"
CSV_SYNONYM_SEP = "|"
COUNT_FIELDS = ("documents", "values")

R = TypeVar("R", bound=TaxonomyRow)


def kind_label(row_type: type[TaxonomyRow]) -> str:
    """The name the rows' kind is written under: ``category`` for benefits, ``kind`` for groups."""
    return row_type.model_fields["kind"].serialization_alias or "kind"


def _counted(rows: list[R]) -> bool:
    return any(r.documents is not None for r in rows)


def _columns(rows: list[R], row_type: type[R]) -> list[str]:
    return ["id", "name", "parent", kind_label(row_type), "synonyms"] + (list(COUNT_FIELDS) if _counted(rows) else [])


def _cells(r: TaxonomyRow, counted: bool, sep: str, indent: str = "") -> list[str]:
    head = [r.id, indent * r.depth + r.name, r.parent or "", r.kind or "", sep.join(r.synonyms)]
    return head + ([str(r.documents), str(r.values)] if counted else [])


def rows_to_markdown(rows: list[R], row_type: type[R]) -> str:
    """A Markdown table, names indented by depth."""
    cols = _columns(rows, row_type)
    lines = ["| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]
    lines += ["| " + " | ".join(_cells(r, _counted(rows), SYNONYM_SEP, INDENT)) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def rows_to_csv(rows: list[R], row_type: type[R]) -> str:
    """CSV, one row per entry, synonyms joined by ``|``; names not indented (``parent`` gives the tree)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(_columns(rows, row_type))
    w.writerows(_cells(r, _counted(rows), CSV_SYNONYM_SEP) for r in rows)
    return buf.getvalue()


def rows_to_json(rows: list[R]) -> str:
    """A JSON list of objects, ``synonyms`` a list; without counts, no ``documents`` or ``values`` keys."""
    exclude = None if _counted(rows) else set(COUNT_FIELDS)
    return json.dumps([r.model_dump(mode="json", by_alias=True, exclude=exclude) for r in rows], ensure_ascii=False, indent=2) + "\n"


def rows_to_rich(rows: list[R], row_type: type[R]) -> Table:
    """A terminal table, names indented by depth."""
    counted = _counted(rows)
    table = Table()
    for col in _columns(rows, row_type):
        table.add_column(col, overflow="fold")  # fold, not "…": a long id or synonym list is still read whole
    for r in rows:
        table.add_row(*_cells(r, counted, SYNONYM_SEP, INDENT))
    return table
