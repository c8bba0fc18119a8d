"""The evaluation's records: the golden files it reads and the report it gives.

Golden files (``golden/*.json``, format in ``shared/golden-format.md`` and ``golden/README.md``; golden diffs in
``golden/diffs/README.md``) are read through ``GoldDocument`` and ``GoldDiff``: strict JSON (no ``"20"`` for a
number, no unknown field, the closed vocabularies of ``vocab``), so that a malformed file is reported naming the
file and the field instead of being scored wrongly. ``QuantityScore`` and ``DiffScore`` are one document's or
one pair's scores; ``Report`` adds them up, once, at the end of a run.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from ._base import LineT, NonNegInt, Record
from .vocab import RULE_KINDS, Bound, ChangeKind, Level, PairStatus, Per, QuantityKind, Unit

Tally = tuple[NonNegInt, NonNegInt]
"""``(right, total)``: how many of ``total`` checks came out right."""

UNITS_OF_KIND: dict[QuantityKind, tuple[Unit, ...]] = {
    "money": ("yuan",),
    "percent": ("percent",),
    "duration": ("month", "day", "hour"),
    "age": ("year",),
    "count": ("count",),
    "date": ("date",),
}
"""The units a gold quantity of each kind may have (golden-format.md, ``kind`` and ``value``)."""

NUMBER_KINDS: tuple[ChangeKind, ...] = ("money", "percent", "duration", "age", "count")
"""Change kinds whose values are numbers; the others (group, condition) have verbatim phrases."""


# ---------------------------------------------------------------------------------------------------------------
# Scores


class Counts(Record):
    """Matched, predicted and gold counts, with the derived scores."""

    tp: NonNegInt = 0
    predicted: NonNegInt = 0
    gold: NonNegInt = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, predicted=self.predicted + other.predicted, gold=self.gold + other.gold)


class QuantityScore(Record):
    """One document's quantity scores (``extract.score.score_quantities``)."""

    quantities: dict[QuantityKind, Counts] = Field(default_factory=dict, description="kind -> counts (doubt excluded)")
    doubt: dict[QuantityKind, Counts] = Field(default_factory=dict, description="kind -> counts of doubt entries")
    attributes: dict[str, Tally] = Field(default_factory=dict, description="bound/per/base/section/... among matched")
    misses: tuple[str, ...] = ()


class DiffScore(Record):
    """One golden diff's scores (``compare.score.score_diff``)."""

    alignment: Tally = Field(description="(gold article pairs the program aligned, gold article pairs)")
    status: Tally = Field(description="(status right, among the aligned pairs)")
    changes: Counts = Field(description="parameter changes; predictions matched to doubt entries left out")
    doubt: Counts = Field(description="doubt changes (predicted is 0: they count for neither side of precision)")
    links: Counts = Field(default=Counts(), description="article links (added and removed articles too), doubt ones left out")
    links_doubt: Counts = Field(default=Counts(), description="doubt links (predicted is 0)")
    link_status: Tally = Field(default=(0, 0), description="(status right, among the gold links found), doubt left out")
    inserted: Tally = Field(default=(0, 0), description="(inserted articles found as added, inserted articles)")
    changes_by_kind: dict[str, Counts] = Field(default_factory=dict, description="change kind -> counts, doubt left out")
    chapters: Tally = Field(default=(0, 0), description="(gold chapter pairs found with their status, gold chapter pairs)")
    titles: Tally = Field(default=(0, 0), description="(titles as in gold, without the 题注; gold titles)")
    duplicates: NonNegInt = Field(default=0, description="changes reported more than once (same kind, values and quotes)")
    misses: tuple[str, ...] = ()


DiffGroup = Literal["real", "heldout", "fresh", "blind2", "blind3", "blind4", "blind5", "blind6", "synthetic", "province_city", "other"]
"""Which golden diffs are scored together: real revision pairs read by hand (``golden/diffs/real``), synthetic
revisions known by construction (``scripts/make_revisions.py``), the province-city pairs read by hand, others."""
DIFF_GROUPS: tuple[DiffGroup, ...] = ("real", "heldout", "fresh", "blind2", "blind3", "blind4", "blind5", "blind6", "synthetic", "province_city", "other")
REAL_GROUPS: tuple[DiffGroup, ...] = ("real", "heldout", "fresh", "blind2", "blind3", "blind4", "blind5", "blind6")
"""The groups of real revision pairs (two official versions of one document), scored apart from the others."""


class GroupScore(Record):
    """The scores of one group of golden diffs, added up."""

    pairs: NonNegInt = 0
    links: Counts = Counts()
    links_doubt: Counts = Counts()
    status: Tally = (0, 0)
    inserted: Tally = (0, 0)
    changes: Counts = Counts()
    doubt: Counts = Counts()
    changes_by_kind: dict[str, Counts] = Field(default_factory=dict)
    chapters: Tally = (0, 0)
    titles: Tally = (0, 0)
    duplicates: NonNegInt = 0

    def __add__(self, d: DiffScore) -> GroupScore:
        kinds = dict(self.changes_by_kind)
        for k, c in d.changes_by_kind.items():
            kinds[k] = kinds.get(k, Counts()) + c
        return GroupScore(
            pairs=self.pairs + 1, links=self.links + d.links, links_doubt=self.links_doubt + d.links_doubt,
            status=(self.status[0] + d.link_status[0], self.status[1] + d.link_status[1]),
            inserted=(self.inserted[0] + d.inserted[0], self.inserted[1] + d.inserted[1]),
            changes=self.changes + d.changes, doubt=self.doubt + d.doubt, changes_by_kind=kinds,
            chapters=(self.chapters[0] + d.chapters[0], self.chapters[1] + d.chapters[1]),
            titles=(self.titles[0] + d.titles[0], self.titles[1] + d.titles[1]), duplicates=self.duplicates + d.duplicates,
        )

    @property
    def numbers(self) -> Counts:
        """The changes of numbers (money, percent, duration, age, count) together."""
        return sum((self.changes_by_kind.get(k, Counts()) for k in NUMBER_KINDS), Counts())

    def score(self, name: str) -> float:
        """``links.recall``, ``status.acc``, ``chapters.acc``, ``titles.acc``, ``duplicates``, ``numbers.f1`` (changes of numbers), ``inserted.recall``, ``changes.f1``, ``changes.money.f1``…"""
        head, _, tail = name.partition(".")
        if name == "duplicates":
            return float(self.duplicates)
        if head in ("status", "inserted", "chapters", "titles"):
            c, t = getattr(self, head)
            if tail not in ("acc", "recall"):
                raise KeyError(name)
            return c / t if t else 1.0
        if head in ("links", "links_doubt") and tail in ("precision", "recall", "f1"):
            return float(getattr(getattr(self, head), tail))
        if head == "numbers" and tail in ("precision", "recall", "f1"):
            return float(getattr(self.numbers, tail))
        if head in ("changes", "doubt"):
            kind, _, measure = tail.rpartition(".")
            if measure not in ("precision", "recall", "f1"):
                raise KeyError(name)
            counts = getattr(self, head) if not kind else self.changes_by_kind.get(kind, Counts())
            return float(getattr(counts, measure))
        raise KeyError(name)


class CompareTableScore(Record):
    """One golden comparison table scored: its gold rows found, the values shown, those right, and the right
    values that sit under a class label (a row of one document and one recipient class, in one column) whose right
    values all belong to one recipient class of the gold."""

    benefit: str
    gold: NonNegInt = Field(description="gold rows, doubt left out")
    found: NonNegInt = Field(description="gold rows (doubt left out) that a shown value matches")
    shown: NonNegInt = Field(description="values the comparison shows, those matching a doubt row left out")
    right: NonNegInt = Field(description="shown values that match a gold row")
    one_class: NonNegInt = Field(description="right values under a class label that holds one gold recipient class")


class CompareScore(Record):
    """The golden comparisons (golden/compare) scored together: ``compare.found``, ``compare.right``,
    ``compare.one_class`` for floors."""

    tables: list[CompareTableScore] = Field(default_factory=list)

    def total(self) -> CompareTableScore:
        t = self.tables
        return CompareTableScore(benefit="all", gold=sum(x.gold for x in t), found=sum(x.found for x in t),
                                 shown=sum(x.shown for x in t), right=sum(x.right for x in t),
                                 one_class=sum(x.one_class for x in t))

    def score(self, name: str) -> float:
        """``found`` (gold rows found / gold rows), ``right`` (right / shown), ``one_class`` (right values under a
        one-class label / right values)."""
        t = self.total()
        num, den = {"found": (t.found, t.gold), "right": (t.right, t.shown), "one_class": (t.one_class, t.right)}[name]
        return num / den if den else 1.0


class Report(Record):
    """The scores of one eval run, built once at its end."""

    files: NonNegInt = 0
    errors: tuple[str, ...] = Field(default=(), description="one line per file that could not be read or scored")
    meta: dict[str, Tally] = Field(default_factory=dict, description="field -> (correct, total)")
    sections: Counts = Counts()
    quantities: dict[QuantityKind, Counts] = Field(default_factory=dict, description="kind -> counts (doubt excluded)")
    doubt: dict[QuantityKind, Counts] = Field(default_factory=dict, description="kind -> counts of doubt entries")
    attributes: dict[str, Tally] = Field(default_factory=dict, description="bound/per/base/section/... among matched")
    diffs: NonNegInt = 0
    diff_changes: dict[str, Counts] = Field(default_factory=dict, description="golden diff -> parameter-change counts")
    diff_doubt: dict[str, Counts] = Field(default_factory=dict, description="golden diff -> counts of doubt changes")
    diff_group: dict[str, DiffGroup] = Field(default_factory=dict, description="golden diff -> its group")
    diff_groups: dict[DiffGroup, GroupScore] = Field(default_factory=dict, description="group -> its scores")
    misses: tuple[str, ...] = Field(default=(), description="per-document notes of what did not match")
    comparisons: CompareScore | None = Field(default=None, description="the golden comparisons, when there are any")

    def score(self, name: str) -> float:
        """A named score: ``money.f1``, ``bound.acc``, ``meta.title``, ``sections.recall``…; for a group of golden
        diffs ``real.links.recall``, ``real.status.acc``, ``real.changes.f1``, ``synthetic.changes.money.f1``…
        (``GroupScore.score``). ``diff_alignment``, ``diff_status`` and ``diff_changes`` are the golden diffs other
        than the real and held-out pairs (synthetic and province-city), as they were first set."""
        head, _, tail = name.partition(".")
        if head == "compare":
            if self.comparisons is None:
                raise KeyError(name)
            return self.comparisons.score(tail)
        for group in DIFF_GROUPS:
            if head == group:
                if group not in self.diff_groups:  # no golden diff of the group: a floor on it is not met by default
                    raise KeyError(name)
                return self.diff_groups[group].score(tail)
        if head == "sections":
            return float(getattr(self.sections, tail))
        if head == "meta":
            c, t = self.meta.get(tail, (0, 0))
            return c / t if t else 1.0
        if head in self.attributes:
            c, t = self.attributes[head]
            return c / t if t else 1.0
        if head == "all":
            total = sum(self.quantities.values(), Counts())
            return float(getattr(total, tail))
        if head == "diff_changes":
            kept = [c for n, c in self.diff_changes.items() if self.diff_group.get(n) not in REAL_GROUPS]
            return float(getattr(sum(kept, Counts()), tail))
        if tail in ("precision", "recall", "f1"):
            for kind in RULE_KINDS:
                if kind == head:
                    return float(getattr(self.quantities.get(kind, Counts()), tail))
        raise KeyError(name)


# ---------------------------------------------------------------------------------------------------------------
# Golden files


class _Gold(Record):
    """Base of the golden-file models: strict JSON types, no unknown field, frozen."""

    model_config = ConfigDict(strict=True)


LineRange = tuple[LineT, LineT]


class GoldSource(_Gold):
    """Where a gold document is: a file, and the lines of the document when the file holds several."""

    path: str = Field(description="relative to the project root, or else to the gold file's own folder")
    lines: LineRange | None = Field(default=None, description="1-based inclusive line range; absent: the whole file")
    version: str | None = Field(default=None, description="for a version of a law: its date and event, e.g. 2019-04-23 修正")

    @model_validator(mode="after")
    def _ordered(self) -> GoldSource:
        if self.lines is not None and self.lines[0] > self.lines[1]:
            raise ValueError(f"lines {list(self.lines)}: the first line is after the last")
        return self


class GoldMeta(_Gold):
    """The metadata of a gold document. Only the fields present are scored (``doc_number: null`` is scored)."""

    title: str | None = Field(default=None, description="the title as printed at the document's head")
    instrument_title: str | None = Field(default=None, description="X of 关于印发《X》的通知; a program title equal to it is right")
    doc_number: str | None = Field(default=None, description="as printed, brackets kept; null when the document has none")
    issuers: list[str] = Field(default_factory=list, description="every issuing organ, full names, in printed order")
    date: dt.date | None = Field(default=None, description="the signing date, ISO; null if none")
    region: str | None = None
    level: Level | None = None
    doc_type: str | None = Field(default=None, description="通知, 办法, 意见, 实施意见, 答复 …")


class GoldSection(_Gold):
    """A top-level section: its number as printed minus trailing 、/./．, and its heading (null: none)."""

    num: str
    heading: str | None = None


class GoldQuantity(_Gold):
    """One expected policy parameter."""

    section: str = Field(description="numbering path of the deepest numbered unit holding the quote: 二/（三）/2")
    quote: str = Field(description="the verbatim expression, wrapped line breaks removed")
    kind: QuantityKind
    value: int | float = Field(description="money: yuan; percent: percentage; duration: months or days; age: years")
    unit: Unit
    value_max: int | float | None = Field(default=None, description="the upper end of a range")
    bound: Bound
    per: list[Per] = Field(default_factory=list, description="what the amount is counted per; empty: a lump sum")
    base: str | None = Field(default=None, description="for a rate: what it is a rate of")
    benefit: str | None = Field(default=None, description="the benefit or instrument the number belongs to, as named")
    groups: list[str] = Field(default_factory=list, description="the eligible groups or targets named, verbatim")
    doubt: bool = Field(default=False, description="annotators were unsure: scored apart")

    @model_validator(mode="after")
    def _consistent(self) -> GoldQuantity:
        units = UNITS_OF_KIND[self.kind]
        if self.unit not in units:
            raise ValueError(f"unit {self.unit!r} does not go with kind {self.kind!r} (expected {', '.join(units)})")
        if self.bound == "range" and self.value_max is None:
            raise ValueError("bound 'range' needs a value_max")
        return self


class GoldDocument(_Gold):
    """A gold file: one document's expected metadata, top-level sections and quantities."""

    doc: str = Field(description="the document id")
    source: GoldSource
    meta: GoldMeta = GoldMeta()
    sections: list[GoldSection] | None = Field(default=None, description="the top-level sections in order; absent: not scored")
    quantities: list[GoldQuantity] | None = Field(default=None, description="every policy parameter; absent: not scored")


class GoldAlignment(_Gold):
    """Two articles of a golden diff paired by content (``a`` null: added; ``b`` null: removed)."""

    a: str | None = Field(default=None, description="the article's path in A, as printed")
    b: str | None = Field(default=None, description="the article's path in B, as printed")
    status: PairStatus
    note: str | None = Field(default=None, description="the annotator's remark")
    doubt: bool = Field(default=False, description="the annotator was unsure of this link")

    @model_validator(mode="after")
    def _sides(self) -> GoldAlignment:
        if (self.a is None) != (self.status == "added") or (self.b is None) != (self.status == "removed"):
            raise ValueError(f"status {self.status!r} with a={self.a!r}, b={self.b!r}: only added has no a, only removed no b")
        return self


ChangeValue = int | float | str
"""A number (money, percent, duration, age, count, normalized as in quantities) or a verbatim phrase."""


class GoldChange(_Gold):
    """A parameter-level change between aligned articles of a golden diff."""

    change: Literal["added", "removed", "changed", "moved"]
    kind: ChangeKind
    subject: str | None = Field(default=None, description="what the number governs, in a few words (real pairs)")
    a_value: ChangeValue | None = Field(default=None, description="the value in A (changed, removed, moved)")
    b_value: ChangeValue | None = Field(default=None, description="the value in B (changed, added, moved)")
    a_value_max: int | float | None = Field(default=None, description="the upper end of a range in A")
    b_value_max: int | float | None = Field(default=None, description="the upper end of a range in B")
    unit: str | None = Field(default=None, description="yuan, percent, month, day, year, count, or what is counted (mu, ton…)")
    a_bound: Bound | None = None
    b_bound: Bound | None = None
    per: list[Per] = Field(default_factory=list)
    a_per: list[Per] = Field(default_factory=list)
    b_per: list[Per] = Field(default_factory=list)
    base: str | None = Field(default=None, description="for a multiple (一倍以上三倍以下): what it is a multiple of")
    a_base: str | None = None
    b_base: str | None = None
    a_section: str | None = None
    b_section: str | None = None
    benefit: str | None = Field(default=None, description="what the number belongs to, as named in the text")
    a_quote: str | None = None
    b_quote: str | None = None
    note: str | None = Field(default=None, description="the annotator's remark")
    doubt: bool = Field(default=False, description="the annotator was unsure: scored apart")

    @model_validator(mode="after")
    def _values(self) -> GoldChange:
        for side, value in (("a", self.a_value), ("b", self.b_value)):
            needed = self.change in ("changed", "moved") or self.change == ("removed" if side == "a" else "added")
            if needed and value is None:
                raise ValueError(f"{side}_value is missing: a change {self.change!r} has one")
            if not needed and value is not None:
                raise ValueError(f"{side}_value {value!r}: a change {self.change!r} has none")
            if value is not None and (self.kind in NUMBER_KINDS) != (not isinstance(value, str)):
                wanted = "a number" if self.kind in NUMBER_KINDS else "a phrase"
                raise ValueError(f"{side}_value {value!r}: a {self.kind} change has {wanted}")
        return self


class GoldChapter(_Gold):
    """Two chapters (or 节) of a golden diff paired by content."""

    a: str | None = None
    b: str | None = None
    status: PairStatus
    note: str | None = None


Genre = Literal["law", "administrative_regulation", "judicial_interpretation", "local_regulation", "departmental_rule", "policy"]


ParamRole = Literal["amount", "rate", "duration", "window", "age", "count"]


class GoldCompareRow(_Gold):
    """One parameter of a benefit in one document for one recipient class (golden/compare/README.md)."""

    document: str = Field(description="path relative to the project root, plus #NN for a compendium's document")
    class_: str = Field(alias="class", description="the recipient class: a group id of data/groups.yaml")
    class_phrase: str | None = None
    class_note: str | None = None
    sub_benefit: str | None = None
    param: ParamRole
    kind: QuantityKind
    value: float
    value_max: float | None = None
    unit: str
    bound: Bound
    per: list[str] = Field(default_factory=list)
    base: str | None = None
    quote: str
    section: str | None = None
    line: LineT
    conditions: str | None = None
    doubt: bool = False
    note: str | None = None


class GoldNotParameter(_Gold):
    document: str
    quote: str
    line: LineT
    why: str


class GoldCompareTable(_Gold):
    """A golden comparison: a benefit's parameters in every document that states them, by recipient class."""

    benefit: str = Field(description="a benefit id of data/benefits.yaml")
    name: str
    scope: str | None = None
    documents: list[str]
    rows: list[GoldCompareRow]
    not_parameters: list[GoldNotParameter] = Field(default_factory=list)


class GoldDiff(_Gold):
    """A golden diff: the expected result of ``zhengce diff A B`` (golden/diffs/README.md)."""

    name: str
    relation: Literal["version", "implementation"]
    genre: Genre | None = Field(default=None, description="for a real revision pair: what kind of instrument")
    a: GoldSource
    b: GoldSource
    a_title: str | None = Field(default=None, description="the title without the 题注 lines")
    b_title: str | None = None
    notes: str | None = Field(default=None, description="free text about how the file was made")
    chapters: list[GoldChapter] = Field(default_factory=list, description="chapters and 节 paired, when there are any")
    alignment: list[GoldAlignment] = Field(default_factory=list, description="every article of both documents")
    changes: list[GoldChange] = Field(default_factory=list)


__all__ = [
    "ChangeValue",
    "CompareScore",
    "CompareTableScore",
    "Counts",
    "DiffGroup",
    "DiffScore",
    "Genre",
    "GoldAlignment",
    "GoldChange",
    "GoldChapter",
    "GoldCompareRow",
    "GoldCompareTable",
    "GoldDiff",
    "GoldDocument",
    "GoldMeta",
    "GoldNotParameter",
    "GoldQuantity",
    "GoldSection",
    "GoldSource",
    "GroupScore",
    "QuantityScore",
    "Report",
    "Tally",
]
