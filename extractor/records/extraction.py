"""What extraction reads from a document: quantities with their evidence, and the rules (provisions) they make."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from ._base import NonNegInt, Record, SpanT
from .document import Document
from .vocab import BeneficiaryKind, Bound, Per, QuantityKind, Role, Unit


class Evidence(Record):
    """Where a record came from: the quote as printed and its place in the document and the file."""

    quote: str = Field(description="verbatim source text, wrapped line breaks removed")
    span: SpanT = Field(description="offsets into the document's clean text")
    page: Annotated[int, Field(ge=1)] | None = None
    line: Annotated[int, Field(ge=1)]


class Quantity(Record):
    """One normalized number that states a policy parameter, with what bounds it and what it is counted per."""

    id: str = Field(description="stable: the document id, the span and the kind, e.g. 001_x.txt:245-249:money")
    kind: QuantityKind
    value: float | None = Field(description="money: yuan; percent: percentage; duration: months or days; age: years")
    value_max: float | None = None
    unit: Unit = Field(description="yuan | percent | month | day | year | count | date")
    bound: Bound = "exact"
    bound_words: list[str] = Field(default_factory=list, description="the words that set the bound: 最高, 不超过, 以上…")
    per: list[Per] = Field(default_factory=list, description="person, month, year, enterprise, household, one_off …")
    base: str | None = Field(None, description="for a rate: what it is a rate of")
    cap: float | None = Field(None, description="for a rate: the money cap attached to it, in yuan")
    approximate: bool = Field(False, description="三十几万, 两三个月: a range, never a made-up exact value")
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    role: Role = Field(
        "parameter",
        description="parameter of a rule; or not a rule: a statistic, a work target, a score in a scoring sheet",
    )
    benefit: str | None = Field(None, description="the benefit the number belongs to, as named in the text")
    benefit_id: str | None = None
    groups: list[str] = Field(default_factory=list, description="eligible groups named in the clause, verbatim")
    group_ids: list[str] = Field(default_factory=list)
    section: str = Field(description="numbering path of the deepest section holding the quote")
    doubt: bool = False
    evidence: Evidence

    @property
    def quote(self) -> str:
        return self.evidence.quote


class Beneficiary(Record):
    """An eligible group with its canonical id and qualifiers."""

    text: str
    id: str | None
    kind: BeneficiaryKind | None
    qualifiers: list[str] = Field(default_factory=list, description="age, time window, condition, as printed")


class Provision(Record):
    """One rule: who gets what, how much, for how long, on what conditions, with its evidence."""

    id: str = Field(description="stable: the document id and the span of the rule's evidence, e.g. 001_x.txt:p230-301")
    doc_id: str
    section: str
    benefit: str | None
    benefit_id: str | None
    category: str | None = Field(None, description="subsidy, loan, interest_subsidy, tax_relief, award, service …")
    beneficiaries: list[Beneficiary] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    non_stacking: list[str] = Field(default_factory=list, description="不重复享受, 不与…同时享受")
    application: list[str] = Field(default_factory=list, description="免申即享, 即申即享 …")
    funding: list[str] = Field(default_factory=list, description="从就业补助资金中列支 …")
    departments: list[str] = Field(default_factory=list, description="responsible departments")
    period: Quantity | None = Field(None, description="when the rule applies, if stated")
    evidence: Evidence


class Analysis(Record):
    """One document analysed: the document, its quantities and provisions, and what made them from which bytes.

    This is what ``zhengce extract --format json`` writes and what compare, diff, graph and export read back
    without parsing or extracting again.
    """

    document: Document
    quantities: list[Quantity] = Field(description="every quantity, dates, statistics and targets included (see role)")
    provisions: list[Provision]
    extractor_version: str = Field(description="the package version and a digest of the code and rule tables")
    source_sha256: str = Field(description="sha256 of the source file's bytes, as in document.source.sha256")

    @property
    def id(self) -> str:
        """The document's id."""
        return self.document.id


class AnalysisResult(Record):
    """What analysing one file gives: its analyses, or an error."""

    path: str
    analyses: list[Analysis] = Field(default_factory=list)
    error: str | None = None


class QuantityRow(Record):
    """One quantity as a flat row (``zhengce extract --format jsonl|csv``): the golden-format field names plus
    the document id and the evidence's place."""

    id: str
    doc_id: str
    kind: QuantityKind
    value: float | None
    value_max: float | None
    unit: Unit
    bound: Bound
    per: list[Per]
    base: str | None
    cap: float | None
    approximate: bool
    role: Role
    benefit: str | None
    benefit_id: str | None
    groups: list[str]
    group_ids: list[str]
    section: str
    quote: str
    span_start: NonNegInt = Field(description="where the quote starts in the document's text")
    span_end: NonNegInt = Field(description="where it ends (exclusive)")
    page: int | None
    line: int
    doubt: bool
    date_start: dt.date | None = None
    date_end: dt.date | None = None
