"""The records of searching a corpus store and counting it (``zhengce search``, ``zhengce stats``, the API)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ._base import NonNegInt, Record
from .vocab import Level


class Snippet(Record):
    """A passage of a document's text around its matches: ``text`` is ``document.text[start:start+len(text)]``."""

    start: NonNegInt = Field(description="offset of the passage in the document's text")
    text: str = Field(description="the passage, exactly as in the document (within one line)")
    marks: list[tuple[NonNegInt, NonNegInt]] = Field(description="offsets of the matched terms inside text, half-open")


class SearchHit(Record):
    """One document a search found, best first."""

    rank: int = Field(ge=1)
    doc_id: str
    source: str = Field(description="the source file as ingested")
    title: str | None
    doc_number: str | None
    region: str | None
    year: int | None
    date: dt.date | None
    level: Level | None
    type: str | None = Field(description="the document's type: 通知, 办法, 意见 …")
    score: float = Field(description="BM25 relevance (higher is better; 0 for a search by fields alone)")
    matches: NonNegInt = Field(description="occurrences of the query's terms in the title and text")
    snippets: list[Snippet] = Field(default_factory=list)
    also: list[str] = Field(default_factory=list, description="ids of the same document read from other formats "
                                                              "(one title, 文号 and date), shown once as compare does")


class Count(Record):
    """How many documents (and quantities, for a benefit) share one value of a field."""

    key: str
    documents: NonNegInt
    quantities: NonNegInt | None = Field(default=None, description="for a benefit: its quantities in those documents")


class StoreStats(Record):
    """The counts of a store."""

    sources: NonNegInt
    failed: NonNegInt = Field(description="sources whose analysis failed (zhengce ingest reports why)")
    documents: NonNegInt
    quantities: NonNegInt
    by_region: list[Count]
    by_province: list[Count] = Field(description="by province: a province's documents and those of every place in it")
    by_year: list[Count]
    by_type: list[Count]
    by_level: list[Count]
    by_benefit: list[Count] = Field(description="benefits of the taxonomy (by name), most documents first")
