"""The taxonomies listed: one row per benefit or group, in tree order, with its synonyms and, over a corpus, how
many documents mention it and how many parameters it has; rows written by ``store/taxonomy_out.py``.

The rows are ``TaxonomyRow`` / ``BenefitRow`` records; ``store/taxonomy_out.py`` writes them and ``zhengce
benefits`` and ``zhengce groups`` print them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..extract.taxonomy import Entry, Taxonomy, benefits, groups
from ..records import Analysis, BenefitRow, Quantity, TaxonomyRow

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
