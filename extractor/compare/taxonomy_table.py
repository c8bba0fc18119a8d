"""The taxonomies listed: one row per benefit or group, in tree order, with its synonyms and, over a corpus, how
many documents mention it and how many parameters it has; and those rows as Markdown, CSV, JSON or a terminal table.

The rows are records of this module (the layer test lets a stage keep its own record); ``zhengce benefits`` and
``zhengce groups`` print them.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from pydantic import Field
from rich.table import Table

from ..extract.taxonomy import Entry, Taxonomy, benefits, groups
from ..records import Analysis, NonNegInt, Quantity, Record

INDENT = "　"
"""One level of the tree in the Markdown and terminal tables (an ideographic space: Markdown keeps it)."""
SYNONYM_SEP = "、"
CSV_SYNONYM_SEP = "|"
COUNT_FIELDS = ("documents", "values")


class TaxonomyRow(Record):
    """One entry of a taxonomy: its place in the tree, its surface forms and, over a corpus, its counts."""

    id: str
    name: str
    parent: str | None
    kind: str | None = Field(description="groups: individual, enterprise, institution or government")
    depth: NonNegInt = Field(description="how many ancestors the entry has: 0 for a root")
    synonyms: list[str] = Field(description="every surface form the taxonomy matches, the name first")
    documents: NonNegInt | None = Field(None, description="documents whose text mentions one of the synonyms; null without a corpus")
    values: NonNegInt | None = Field(None, description="parameters of the corpus counted for the entry; null without a corpus")


class BenefitRow(TaxonomyRow):
    """One benefit of ``data/benefits.yaml``; its kind is written out as ``category`` (subsidy, loan, …)."""

    kind: str | None = Field(serialization_alias="category", description="subsidy, loan, award, …")


R = TypeVar("R", bound=TaxonomyRow)


def parameter_benefit(q: Quantity) -> list[str]:
    """The benefit a quantity counts for: its ``benefit_id`` when it is a parameter (not a statistic or target)."""
    return [q.benefit_id] if q.role == "parameter" and q.benefit_id else []


def parameter_groups(q: Quantity) -> list[str]:
    """The groups a quantity counts for: each of its ``group_ids`` once, when it is a parameter."""
    return list(dict.fromkeys(q.group_ids)) if q.role == "parameter" else []


def tree_order(tax: Taxonomy) -> list[tuple[Entry, int]]:
    """Every entry with its depth, parents before children, siblings in file order. An entry whose parent the
    taxonomy lacks is a root; entries on a parent cycle (reached from no root) follow as roots."""
    children: dict[str | None, list[Entry]] = {}
    for e in tax.entries.values():
        parent = e.parent if e.parent in tax.entries and e.parent != e.id else None
        children.setdefault(parent, []).append(e)
    out: list[tuple[Entry, int]] = []
    seen: set[str] = set()

    def walk(entry: Entry, depth: int) -> None:
        seen.add(entry.id)
        out.append((entry, depth))
        for child in children.get(entry.id, []):
            if child.id not in seen:
                walk(child, depth + 1)

    for e in [*children.get(None, []), *tax.entries.values()]:
        if e.id not in seen:
            walk(e, 0)
    return out


def mentions(tax: Taxonomy, analyses: Iterable[Analysis]) -> Counter[str]:
    """Entry id -> how many documents' texts name it (leftmost-longest: ``一次性吸纳就业补贴`` names that entry,
    not its parent ``就业补贴``)."""
    return Counter(i for a in analyses for i in {entry_id for _, _, entry_id in tax.find(a.document.text)})


def taxonomy_rows(tax: Taxonomy, analyses: Iterable[Analysis] | None = None, *,
                  count: Callable[[Quantity], Iterable[str]] = parameter_benefit,
                  row_type: type[R]) -> list[R]:
    """The rows of a taxonomy in tree order, with counts over ``analyses`` when given.

    Args:
        tax: the taxonomy (``taxonomy.benefits()`` or ``taxonomy.groups()``).
        analyses: the corpus; None for no counts (``documents`` and ``values`` null).
        count: the entry ids a quantity counts for (``parameter_benefit``, ``parameter_groups``).
        row_type: the record to build (``BenefitRow`` for benefits, ``TaxonomyRow`` for groups).

    Returns:
        One row per entry, parents before children.
    """
    docs: Counter[str] | None = None
    values: Counter[str] = Counter()
    if analyses is not None:
        corpus = list(analyses)
        docs = mentions(tax, corpus)
        values = Counter(i for a in corpus for q in a.quantities for i in count(q))
    return [
        row_type(id=e.id, name=e.name, parent=e.parent, kind=e.kind, depth=depth, synonyms=list(e.synonyms),
                 documents=None if docs is None else docs[e.id], values=None if docs is None else values[e.id])
        for e, depth in tree_order(tax)
    ]


def benefit_rows(analyses: Iterable[Analysis] | None = None) -> list[BenefitRow]:
    """The benefits of ``data/benefits.yaml``; over ``analyses``, the parameters counted by their ``benefit_id``."""
    return taxonomy_rows(benefits(), analyses, count=parameter_benefit, row_type=BenefitRow)


def group_rows(analyses: Iterable[Analysis] | None = None) -> list[TaxonomyRow]:
    """The groups of ``data/groups.yaml``; over ``analyses``, the parameters counted by their ``group_ids``."""
    return taxonomy_rows(groups(), analyses, count=parameter_groups, row_type=TaxonomyRow)


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
