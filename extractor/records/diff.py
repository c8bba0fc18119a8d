"""What changed between two documents: aligned articles, parameter changes and a summary."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ._base import Record, SpanT
from .extraction import Evidence
from .vocab import Bound, ChangeKind, PairStatus, Per

ChangeType = Literal["added", "removed", "changed", "moved"]
"""How a parameter changed: a rule added or repealed, its value changed, or the same rule moved to another article."""
DiffRelation = Literal["version", "implementation", "other"]
"""Two versions of one policy; a lower level's implementation of a higher one's; or neither."""


class RedlineOp(Record):
    """One piece of a character-level redline: text kept, deleted from A or inserted in B."""

    op: Literal["equal", "delete", "insert"]
    text: str


PartStatus = Literal["unchanged", "renumbered", "modified", "added", "removed"]
"""How a 款 or 项 of one version stands to the other."""


class PartPair(Record):
    """Two parts of an aligned article paired by content: 款 (paragraphs, ``第2款``) and 项 (items, ``（三）``, ``2.``),
    labelled as in the text; ``a`` None: added, ``b`` None: removed."""

    status: PartStatus
    a: str | None = Field(description="the part in A: 第N款, or 第N款（三） for an item")
    b: str | None = Field(description="the part in B")
    a_span: SpanT | None = None
    b_span: SpanT | None = None
    similarity: Annotated[float, Field(ge=0, le=1)]


class SectionPair(Record):
    """Two articles (or two chapters) aligned by content (or one, when it was added or removed)."""

    status: PairStatus
    a: str | None = Field(description="the article's path in A")
    b: str | None = Field(description="the article's path in B")
    a_heading: str | None = None
    b_heading: str | None = None
    similarity: Annotated[float, Field(ge=0, le=1)]
    a_span: SpanT | None = None
    b_span: SpanT | None = None
    redline: list[RedlineOp] = Field(default_factory=list, description="character-level changes (modified pairs)")
    parts: list[PartPair] = Field(default_factory=list, description="款 and 项 aligned inside a modified pair")


class ParameterChange(Record):
    """A parameter added, removed, changed or moved between two aligned articles, with both quotes. ``moved``: the
    same rule, with the same value, now in another article (not reported as removed plus added)."""

    change: ChangeType
    kind: ChangeKind
    subject: str | None = Field(default=None, description="what the number governs: the holiday, the recipient, the deadline's event")
    a_value: float | str | None = None
    b_value: float | str | None = None
    a_value_max: float | None = None
    b_value_max: float | None = None
    unit: str | None = Field(default=None, description="the unit of the newer side's value (of the older one's when removed)")
    a_unit: str | None = Field(default=None, description="the unit of a_value and a_value_max (六十日: day), which may differ from b_unit (十二个月: month)")
    b_unit: str | None = Field(default=None, description="the unit of b_value and b_value_max")
    a_bound: Bound | None = None
    b_bound: Bound | None = None
    per: list[Per] = Field(default_factory=list)
    benefit: str | None = None
    a_section: str | None = None
    b_section: str | None = None
    a_quote: str | None = None
    b_quote: str | None = None
    a_evidence: Evidence | None = None
    b_evidence: Evidence | None = None
    summary: str = Field(description="the change in one Chinese sentence")


class Diff(Record):
    """What changed between two documents: aligned articles, parameter changes, a summary in Chinese."""

    a_id: str
    b_id: str
    a_title: str | None
    b_title: str | None
    relation: DiffRelation
    summary: list[str] = Field(description="plain Chinese sentences, most important first")
    pairs: list[SectionPair]
    chapters: list[SectionPair] = Field(default_factory=list, description="chapters (章, 节) aligned, when there are any")
    changes: list[ParameterChange]
