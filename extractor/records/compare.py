"""A comparison table: one benefit's parameters across documents."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ._base import NonNegInt, Record
from .vocab import Level


class Value(Record):
    """One value in a cell, with the group it is for and its evidence."""

    value: float | None
    value_max: float | None = None
    groups: list[str] = Field(default_factory=list)
    benefit: str | None = None
    section: str
    quote: str
    page: int | None = None
    line: int


class Row(Record):
    """One document of the comparison and one recipient class in it (a group of the taxonomy, the most specific
    the values' clauses name); ``recipient_class`` null for values whose clause names no group."""

    doc_id: str
    recipient_class: str | None = Field(default=None, description="a group id of data/groups.yaml, e.g. small_micro_enterprise")
    recipient: str | None = Field(default=None, description="the class's name in the taxonomy, e.g. 小微企业")
    formats: list[str] = Field(default_factory=list, description="the formats the document was read from (text, pdf …)")
    sources: list[str] = Field(default_factory=list, description="the ids of the same document in the other formats")
    title: str | None
    region: str | None
    region_code: str | None = None
    level: Level | None
    date: dt.date | None = None
    year: int | None
    doc_number: str | None
    cells: dict[str, list[Value]]
    conditions: list[str] = Field(default_factory=list, description="conditions of the rules the values come from")


class CompareTable(Record):
    """The comparison: the query, the columns (kind · bound · per) and a row per document."""

    benefit: str | None
    group: str | None
    columns: list[str]
    rows: list[Row]


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
