"""The citation graph: documents with their validity, the documents they cite outside the corpus, and one typed
relation per (source, target, type) holding every citation that states it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ._base import Record, SpanT
from .vocab import Level

RelationType = Literal["implements", "refers", "repeals", "replaces", "amends", "issues"]
ResolvedBy = Literal["doc_number", "title"]


class Quote(Record):
    """A verbatim passage of a document's text."""

    quote: str
    span: SpanT


class Citation(Record):
    """One place where a document cites another, or repeals earlier rules without naming them."""

    quote: str = Field(description="the citation, or the repeal sentence, verbatim from the source's text")
    span: SpanT = Field(description="offsets of the quote in the source document's text")
    section: str | None = Field(default=None, description="numbering path of the deepest section holding the quote")
    title: str | None = Field(default=None, description="the cited title as printed, without 《》")
    doc_number: str | None = Field(default=None, description="the cited 文号 as printed")
    resolved_by: ResolvedBy | None = Field(
        default=None, description="how a corpus target was found: by 文号 or by title; null when it is external"
    )
    stands_for: str | None = Field(default=None, description="for a short name set by 以下简称《Y》: the full title cited")


class Relation(Record):
    """One typed relation from a document to another (or a repeal naming none), with every citation stating it."""

    source: str = Field(description="id of the citing document")
    target: str | None = Field(
        description="id of the cited document: a document of the corpus, or an external one (``ext:`` + its 文号 or "
        "title); null for a repeal naming no document (以往规定与本通知不一致的，以本通知为准)"
    )
    type: RelationType
    count: Annotated[int, Field(ge=1)] = Field(description="how many citations state the relation: len(citations)")
    citations: list[Citation] = Field(min_length=1, description="every citation stating it, in text order")

    @model_validator(mode="after")
    def _count_is_citations(self) -> Relation:
        if self.count != len(self.citations):
            raise ValueError(f"count {self.count} but {len(self.citations)} citations")
        return self


class Node(Record):
    """A document of the corpus, with its validity."""

    id: str
    title: str | None
    doc_number: str | None
    issuers: list[str] = Field(default_factory=list, description="the issuing organs as printed")
    date: dt.date | None = Field(description="issue date as printed")
    issued_on: dt.date | None = Field(description="the issue date; when none is printed, the latest it can be: the "
                                      "earliest date of a document citing it, else 31 December of its 文号 year")
    issued_on_bound: bool = Field(default=False, description="no date is printed: issued_on is the latest it can be")
    region: str | None
    level: Level | None
    valid_from: dt.date | None = Field(description="from 自印发之日起施行 (the issue date) or 自2023年1月1日起施行")
    valid_until: dt.date | None = Field(description="from 执行至2025年12月31日 or 有效期X年 (last day in force)")
    validity: list[Quote] = Field(default_factory=list, description="the sentences the validity was read from")
    repealed_by: list[str] = Field(default_factory=list, description="ids of documents repealing or replacing it")


class ExternalDocument(Record):
    """A document cited but not in the corpus: one per 文号, a citation by title alone joined to the 文号 printed
    with that title elsewhere."""

    id: str = Field(description="ext: and its 文号 (one spelling), or ext: and its title when no 文号 is printed")
    doc_number: str | None = Field(description="its 文号 in one spelling, e.g. 豫政〔2023〕17号; null when none is printed")
    title: str | None = Field(description="the fullest title it is cited by (the longest)")
    titles: list[str] = Field(default_factory=list, description="every title it is cited by, without 《》, first seen first")


class Graph(Record):
    """Documents, the external documents they cite, and the relations between them."""

    documents: list[Node]
    external: list[ExternalDocument] = Field(default_factory=list)
    relations: list[Relation]
