"""The records Zhengce produces: frozen pydantic models, the one source of the JSON Schemas in ``schemas/``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["national", "provincial", "municipal", "county", "district"]
SourceKind = Literal["pdf", "text", "docx", "html"]
NonNegInt = Annotated[int, Field(ge=0)]
SpanT = tuple[NonNegInt, NonNegInt]


class Record(BaseModel):
    """Base of every record: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Location(Record):
    """Where a source line starts in a document's text, and where it is in its file."""

    offset: NonNegInt = Field(0, description="offset in the document's text where this source line starts")
    file: str
    page: Annotated[int, Field(ge=1)] | None = Field(None, description="1-based page; null for text, DOCX, HTML")
    line: Annotated[int, Field(ge=1)] = Field(description="1-based line: in the page for a PDF, in the file otherwise")


class DocNumber(Record):
    """A 文号 such as ``豫政办〔2023〕17号``, parsed whatever bracket variant is printed."""

    text: str = Field(description="as printed")
    agency: str = Field(description="agency prefix, e.g. 豫政办")
    year: Annotated[int, Field(ge=1949, le=2100)]
    serial: Annotated[int, Field(ge=0)]


class Reference(Record):
    """A citation of another document: ``《…》（文号）`` as found in the text."""

    title: str | None
    doc_number: DocNumber | None
    quote: str
    span: SpanT


class Table(Record):
    """A table, as rows of cell texts."""

    rows: list[list[str]]
    span: SpanT
    page: Annotated[int, Field(ge=1)] | None = None


class Section(Record):
    """A node of the article tree."""

    num: str = Field(description="the label as printed without trailing 、/./．: 一, （一）, 1, 第三条, 一是")
    marker: str = Field(description="the numbering style: bian, zhang, jie, tiao, cn, cn_paren, arabic, arabic_paren, circled, shi")
    heading: str | None = Field(description="the heading text without the number, or null")
    path: str = Field(description="stable id: labels from the top joined by /, e.g. 二/（三）/2")
    text: str = Field(description="the section's own text, headings and children included")
    children: list[Section] = Field(default_factory=list)
    span: SpanT = Field(description="offsets into the document's text")
    page: Annotated[int, Field(ge=1)] | None
    line: Annotated[int, Field(ge=1)]


class Attachment(Record):
    """An attachment (附件) that stays with its document."""

    num: str | None = Field(description="the attachment's number as printed, e.g. 1")
    title: str | None
    sections: list[Section]
    tables: list[Table]
    span: SpanT


class SourceEdit(Record):
    """At ``offset``, ``length`` characters of the text were printed as ``source`` (removed spaces: length 0)."""

    offset: NonNegInt
    length: NonNegInt
    source: str


class Source(Record):
    """The file a document came from and where in it."""

    path: str
    kind: SourceKind
    pages: list[int] = Field(default_factory=list, description="pages the document spans (PDF only)")
    lines: tuple[int, int] = Field(description="first and last line of the document in the file (per page for PDF)")


class Document(Record):
    """One official document with its metadata and article tree."""

    id: str
    source: Source
    title: str | None = Field(description="the document's own title as printed (layout spaces removed)")
    instrument_title: str | None = Field(None, description="X of 关于印发《X》的通知: the enclosed instrument")
    doc_type: str | None = Field(description="通知, 办法, 意见, 实施意见, 方案, 细则, 措施, 规程, 要点, 答复, …")
    instrument_type: str | None = None
    doc_number: DocNumber | None
    issuers: list[str]
    recipients: list[str] = Field(default_factory=list, description="主送")
    cc: list[str] = Field(default_factory=list, description="抄送")
    date: dt.date | None
    region: str | None = Field(description="e.g. 河南省平顶山市")
    region_code: str | None = Field(None, description="12-digit administrative division code")
    level: Level | None
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section]
    attachments: list[Attachment] = Field(default_factory=list)
    text: str = Field(description="the cleaned text of the document; every span points into it")
    locations: list[Location] = Field(
        default_factory=list, description="every source line (page and line) that the text is made of, by offset"
    )
    source_edits: list[SourceEdit] = Field(
        default_factory=list, description="where the text differs from the print, to give quotes verbatim"
    )
    warnings: list[str] = Field(default_factory=list)


class ParseResult(Record):
    """What parsing one file gives: its documents, or an error."""

    path: str
    documents: list[Document] = Field(default_factory=list)
    error: str | None = None


# ---- extraction (issue 3) -------------------------------------------------------------------------------

QuantityKind = Literal["money", "percent", "duration", "age", "count", "date"]
Bound = Literal["exact", "max", "min", "range"]
Role = Literal["parameter", "statistic", "target", "scoring"]
BeneficiaryKind = Literal["individual", "enterprise", "institution", "government"]


class Evidence(Record):
    """Where a record came from: the quote as printed and its place in the document and the file."""

    quote: str = Field(description="verbatim source text, wrapped line breaks removed")
    span: SpanT = Field(description="offsets into the document's clean text")
    page: Annotated[int, Field(ge=1)] | None = None
    line: Annotated[int, Field(ge=1)]


class Quantity(Record):
    """One normalized number that states a policy parameter, with what bounds it and what it is counted per."""

    kind: QuantityKind
    value: float | None = Field(description="money: yuan; percent: percentage; duration: months or days; age: years")
    value_max: float | None = None
    unit: str = Field(description="yuan | percent | month | day | year | count | date")
    bound: Bound = "exact"
    bound_words: list[str] = Field(default_factory=list, description="the words that set the bound: 最高, 不超过, 以上…")
    per: list[str] = Field(default_factory=list, description="person, month, year, enterprise, household, one_off …")
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


class ExtractResult(Record):
    """The provisions and quantities of one document."""

    doc_id: str
    title: str | None
    region: str | None
    level: Level | None
    date: dt.date | None
    provisions: list[Provision]
    quantities: list[Quantity]


class QuantityRow(Record):
    """One quantity as a flat row (``zhengce extract --format jsonl|csv``): the golden-format field names plus
    the document id and the evidence's place."""

    doc: str
    kind: QuantityKind
    value: float | None
    value_max: float | None
    unit: str
    bound: Bound
    per: list[str]
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
    span: SpanT
    page: int | None
    line: int
    doubt: bool
    date_start: dt.date | None = None
    date_end: dt.date | None = None


# ---- comparison (issue 4) -------------------------------------------------------------------------------

PairStatus = Literal["unchanged", "modified", "moved", "added", "removed"]
ChangeKind = Literal["money", "percent", "duration", "age", "count", "group", "condition"]


class RedlineOp(Record):
    """One piece of a character-level redline: text kept, deleted from A or inserted in B."""

    op: Literal["equal", "delete", "insert"]
    text: str


class SectionPair(Record):
    """Two articles aligned by content (or one, when it was added or removed)."""

    status: PairStatus
    a: str | None = Field(description="the article's path in A")
    b: str | None = Field(description="the article's path in B")
    a_heading: str | None = None
    b_heading: str | None = None
    similarity: Annotated[float, Field(ge=0, le=1)]
    a_span: SpanT | None = None
    b_span: SpanT | None = None
    redline: list[RedlineOp] = Field(default_factory=list, description="character-level changes (modified pairs)")


class ParameterChange(Record):
    """A parameter added, removed or changed between two aligned articles, with both quotes."""

    change: Literal["added", "removed", "changed"]
    kind: ChangeKind
    a_value: float | str | None = None
    b_value: float | str | None = None
    a_value_max: float | None = None
    b_value_max: float | None = None
    unit: str | None = None
    a_bound: Bound | None = None
    b_bound: Bound | None = None
    per: list[str] = Field(default_factory=list)
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
    relation: Literal["version", "implementation", "other"]
    summary: list[str] = Field(description="plain Chinese sentences, most important first")
    pairs: list[SectionPair]
    changes: list[ParameterChange]
