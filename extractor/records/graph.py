"""The citation graph: documents with their validity, and the typed relations between them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ._base import Record, SpanT
from .vocab import Level

RelationType = Literal["implements", "refers", "repeals", "replaces", "amends", "issues"]
ResolvedBy = Literal["doc_number", "title"]


class Quote(Record):
    """A verbatim passage of a document's text."""

    quote: str
    span: SpanT


class Relation(Record):
    """One document citing another (or a repeal that names none), typed by the words around the citation."""

    source: str = Field(description="id of the citing document")
    target: str | None = Field(description="id of the cited document in the corpus; null when it is not in it")
    type: RelationType
    title: str | None = Field(default=None, description="the cited title as printed, without 《》")
    doc_number: str | None = Field(default=None, description="the cited 文号 as printed")
    quote: str = Field(description="the citation, or the repeal sentence, verbatim from the source's text")
    span: SpanT = Field(description="offsets of the quote in the source document's text")
    section: str | None = Field(default=None, description="numbering path of the deepest section holding the quote")
    resolved_by: ResolvedBy | None = Field(default=None, description="how the target was found: by 文号 or by title")
    generic: bool = Field(default=False, description="a repeal naming no document: 以往规定与本通知不一致的，以本通知为准")
    stands_for: str | None = Field(default=None, description="for a short name set by 以下简称《Y》: the full title cited")


class Node(Record):
    """A document of the graph, with its validity."""

    id: str
    title: str | None
    doc_number: str | None
    date: dt.date | None = Field(description="issue date as printed")
    issued_by: dt.date | None = Field(description="the issue date; when none is printed, the latest it can be: the "
                                      "earliest date of a document citing it, else 31 December of its 文号 year")
    region: str | None
    level: Level | None
    valid_from: dt.date | None = Field(description="from 自印发之日起施行 (the issue date) or 自2023年1月1日起施行")
    valid_until: dt.date | None = Field(description="from 执行至2025年12月31日 or 有效期X年 (last day in force)")
    validity: list[Quote] = Field(default_factory=list, description="the sentences the validity was read from")
    repealed_by: list[str] = Field(default_factory=list, description="ids of documents repealing or replacing it")


class Graph(Record):
    """Documents and the relations between them."""

    documents: list[Node]
    relations: list[Relation]
