"""The history of one work across its versions: the versions in date order, each article's lineage and each
parameter's timeline, with evidence (what ``zhengce history`` gives)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from ._base import NonNegInt, Record, SpanT
from .document import VersionEvent
from .extraction import Evidence
from .vocab import Bound, PairStatus, Per, QuantityKind, Unit

PointStatus = Literal["original", "added", "unchanged", "changed", "moved"]
"""How a parameter's value in one version stands to the previous one's: ``original`` (in the first version),
``added`` (first found in this version), ``unchanged``, ``changed`` (another value, bound or per in the same
rule), ``moved`` (the same value, now in another article)."""


class HistoryVersion(Record):
    """One version of the work, as ordered by date."""

    index: NonNegInt = Field(description="0 for the oldest version")
    document_id: str
    title: str | None
    date: dt.date | None = Field(description="the date the versions are ordered by: the latest event of the 题注, "
                                             "else the document's date, else its effective date")
    label: str = Field(description="how the version is cited: 1993年版 (2017年11月4日版 when two share a year)")
    event: VersionEvent | None = Field(description="the 题注 event that made this version (the latest one printed)")


class LineageStep(Record):
    """What an article of the newest version was in one version of the work."""

    version: NonNegInt = Field(description="index of the version")
    paths: list[str] = Field(description="its article's path in that version; several when it was merged from "
                                         "several; [] when it did not exist yet")
    linked: list[str] = Field(default_factory=list, description="every article of that version the next "
                                                                "version's article is linked to, a split's or "
                                                                "merge's weaker links included (only paths are "
                                                                "followed further back)")
    heading: str | None = None
    status: PairStatus | None = Field(description="how it stands to the previous version: unchanged, renumbered, "
                                                  "modified, split, merged, added; null in the first version or "
                                                  "before the article existed")
    similarity: Annotated[float, Field(ge=0, le=1)] | None = None
    text: str | None = Field(None, description="its wording in that version, when the next version changed it")


class ArticleLineage(Record):
    """An article of the newest version traced back through every older version."""

    path: str = Field(description="the article's path in the newest version")
    heading: str | None
    span: SpanT = Field(description="offsets of the article in the newest version's text")
    added_in: NonNegInt | None = Field(description="the version it first appears in; 0 when in the first")
    steps: list[LineageStep] = Field(description="one step per version, oldest first")


class RemovedArticle(Record):
    """An article that a version of the work no longer has."""

    path: str = Field(description="its path in the last version that had it")
    heading: str | None
    removed_in: NonNegInt = Field(description="the first version without it")
    paths: list[str | None] = Field(description="its path in each version up to the last one that had it; null "
                                                "before it existed")
    text: str = Field(description="its wording in the last version that had it")
    before: str | None = Field(description="the article of the newest version it stood before, where a note of "
                                           "its removal goes; null at the end")


class TimelinePoint(Record):
    """A parameter's value in one version, with its evidence."""

    version: NonNegInt
    status: PointStatus
    article: str | None = Field(description="the path of the article holding it")
    section: str = Field(description="the deepest section holding it")
    kind: QuantityKind
    value: float | None
    value_max: float | None = None
    unit: Unit
    bound: Bound
    per: list[Per] = Field(default_factory=list)
    phrase: str = Field(description="the quote with the bound word printed right after it (以下, 以上, 以内), as "
                                    "it is cited: 三百万元以下")
    evidence: Evidence


class Timeline(Record):
    """One rule's parameter followed across the versions of the work, in each version where it exists."""

    id: str = Field(description="stable within the history: T1, T2… in the order of the newest text")
    kind: QuantityKind
    subject: str = Field(description="what the number is, as the text names it near the quote: 罚款, 赔偿, 期限…")
    added_in: NonNegInt = Field(description="the first version holding it")
    removed_in: NonNegInt | None = Field(description="the first version without it, after it had been there")
    changed: bool = Field(description="whether its value, bound or place changed along the way")
    points: list[TimelinePoint] = Field(description="one point per version holding it, oldest first")


class History(Record):
    """One work across its versions: versions ordered by date, article lineage, parameter timelines."""

    work_title: str | None = Field(description="the title the versions share, without a version label")
    versions: list[HistoryVersion] = Field(description="oldest first")
    lineage: list[ArticleLineage] = Field(description="every article of the newest version, in its order")
    removed: list[RemovedArticle] = Field(description="the articles removed along the way, oldest removal first")
    timelines: list[Timeline]
