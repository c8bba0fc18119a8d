"""A document as parsed: its source, metadata, article tree, attachments, text and the map back to the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Annotated, Literal

import regex
from pydantic import Field, model_validator

from ._base import NonNegInt, Record, SpanT
from .vocab import Level, Marker, SourceKind

_LAYOUT_SPACES = regex.compile(r"(?<![A-Za-z])[ \u3000\t]+|[ \u3000\t]+(?![A-Za-z])")  # spaces not between Latin words


def heading_form(printed: str) -> str:
    """A heading as a :class:`Section` holds it: the printed words with their layout spaces (spaces, U+3000 and
    tabs that are not between two Latin letters) and markdown bold (``**``) removed, and stripped; every other
    character (full-width ones included) as the document's text prints it. Idempotent.

    The invariant a Section keeps: ``heading == heading_form(heading)``, and it is a substring of
    ``heading_form`` of the section's first paragraph.

    >>> heading_form("就业 见习补贴"), heading_form("**创业担保贷款**"), heading_form("LPR 加点")
    ('就业见习补贴', '创业担保贷款', 'LPR加点')
    >>> heading_form("Start Up 补贴　"), heading_form("* *补贴")
    ('Start Up补贴', '补贴')
    """
    return _LAYOUT_SPACES.sub("", printed).replace("**", "").strip()


def _inside(span: tuple[int, int], start: int, end: int) -> bool:
    return start <= span[0] <= span[1] <= end


class Location(Record):
    """Where a source line starts in a document's text, and where it is in its file."""

    offset: NonNegInt = Field(0, description="offset in the document's text where this source line starts")
    file: str
    page: Annotated[int, Field(ge=1)] | None = Field(None, description="1-based page; null for text, DOCX, HTML")
    line: Annotated[int, Field(ge=1)] = Field(description="1-based line: in the page for a PDF, in the file otherwise")


class DocNumber(Record):
    """A 文号 such as ``豫政办〔2023〕17号``, parsed whatever bracket variant is printed, or the number of the decree
    that promulgates a rule (``省政府令第175号``), which has no year."""

    text: str = Field(description="as printed")
    agency: str = Field(description="agency prefix, e.g. 豫政办, or the decree's name, e.g. 省政府令")
    year: Annotated[int, Field(ge=1949, le=2100)] | None = Field(description="the year in brackets; null for a decree number")
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


VersionEventKind = Literal["adopted", "approved", "published", "amended", "revised", "in_force"]


class VersionEvent(Record):
    """One event of a law's or regulation's version history, as its 题注 or promulgation order prints it:
    ``2022年2月23日第十三届全国人民代表大会常务委员会第三十三次会议《关于修改……的决定》第二次修正``."""

    event: VersionEventKind = Field(description="通过 adopted, 批准 approved, 公布/发布 published, 修正 amended, "
                                                "修订 revised, 施行/起施行 in_force")
    date: dt.date | None = Field(description="the date printed with the event")
    body: str | None = Field(None, description="the organ or meeting as printed, layout spaces removed, e.g. "
                                               "第十一届全国人民代表大会常务委员会第十八次会议, 民政部令第14号; null when only "
                                               "the instrument is named")
    organ: str | None = Field(None, description="the organ that acted, without 届, 次会议 and 中华人民共和国: "
                                                "全国人民代表大会常务委员会, 北京市人民代表大会常务委员会, 国务院, 最高人民法院")
    order: str | None = Field(None, description="the promulgation order the event names, e.g. 中华人民共和国国务院令第363号")
    instrument: str | None = Field(None, description="the amending instrument's title without 《》, e.g. "
                                                     "国务院关于修改部分行政法规的决定; null when none is named")
    ordinal: Annotated[int, Field(ge=1)] | None = Field(None, description="N of 第N次修正/修订, when printed")
    quote: str = Field(description="the event as printed")
    span: SpanT = Field(description="offsets of the quote in the document's text")


class Section(Record):
    """A node of the article tree."""

    num: str = Field(description="the label as printed without trailing 、/./．: 一, （一）, 1, 第三条, 一是")
    marker: Marker = Field(description="the numbering style: bian, zhang, jie, tiao, cn, cn_paren, arabic, arabic_paren, circled, shi")
    heading: str | None = Field(description="the heading text without the number, or null")
    path: str = Field(description="the numbering path: labels from the top joined by /, e.g. 二/（三）/2")
    key: str = Field(description="unique in the document: the path, with ~2, ~3… added when a path repeats "
                                 "(two 一、 lists in one article, say); the same on every run")
    text: str = Field(description="the section's own text, headings and children included")
    children: list[Section] = Field(default_factory=list)
    span: SpanT = Field(description="offsets into the document's text")
    page: Annotated[int, Field(ge=1)] | None
    line: Annotated[int, Field(ge=1)]

    @model_validator(mode="after")
    def _holds_its_heading_and_children(self) -> Section:
        """Its text is as long as its span, its children lie inside its span, and its heading (if any) is in
        :func:`heading_form` and inside its first paragraph up to that form (issue 13)."""
        s, e = self.span
        if s > e or e - s != len(self.text):
            raise ValueError(f"section {self.path}: span {self.span} does not hold its {len(self.text)} characters")
        for c in self.children:
            if not _inside(c.span, s, e):
                raise ValueError(f"section {c.path}: span {c.span} outside its parent {self.path} {self.span}")
        if self.heading is not None:
            if not self.heading or heading_form(self.heading) != self.heading:
                raise ValueError(f"section {self.path}: heading «{self.heading}» is not in heading form")
            first = self.text.split("\n", 1)[0]
            if self.heading not in heading_form(first):
                raise ValueError(f"section {self.path}: heading «{self.heading}» is not in its first paragraph «{first[:80]}»")
        return self


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

    path: str = Field(description="the file as it was named when parsed")
    kind: SourceKind
    sha256: str = Field(description="sha256 of the file's bytes (of the UTF-8 text for a text given in memory)")
    pages: list[int] = Field(default_factory=list, description="pages the document spans (PDF only)")
    lines: tuple[int, int] = Field(description="first and last line of the document in the file (per page for PDF)")


class Document(Record):
    """One official document with its metadata and article tree."""

    id: str = Field(description="the file's name with the kind of its source: 001_x.txt, 001_x.pdf; a document of "
                                "a compendium adds its number in the table of contents before it: 004_x-05.pdf. "
                                "The text and the PDF of one document are two sources, so two ids")
    source: Source
    title: str | None = Field(description="the document's own title as printed (layout spaces removed)")
    instrument_title: str | None = Field(None, description="X of 关于印发《X》的通知: the enclosed instrument")
    doc_type: str | None = Field(description="通知, 办法, 意见, 实施意见, 方案, 细则, 措施, 规程, 要点, 答复, …")
    instrument_type: str | None = None
    doc_number: DocNumber | None
    issuers: list[str]
    recipients: list[str] = Field(default_factory=list, description="主送")
    cc: list[str] = Field(default_factory=list, description="抄送")
    date: dt.date | None = Field(
        description="the document's date: the signature's date; for a law or regulation with a 题注 or a "
                    "promulgation order, the date of its latest version, i.e. of the last adoption, approval, "
                    "publication, amendment or revision printed (the date lawyers cite), never the date in force"
    )
    effective_date: dt.date | None = Field(
        None, description="the date the text comes into force on, when stated: the 施行 event of the 题注 or of "
                          "the promulgation order, else the last 本…自…起施行 of the text (which an amended text "
                          "may keep from its first version)"
    )
    versions: list[VersionEvent] = Field(
        default_factory=list, description="the version history its 题注 or promulgation order prints, in printed "
                                          "order; [] for a document without one"
    )
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

    @model_validator(mode="after")
    def _spans_inside_the_text(self) -> Document:
        """Every span (sections, attachments, tables, references, versions, locations, source edits) lies inside
        the text, and a section's text is the text under its span (issue 13)."""
        n = len(self.text)
        for sec in walk_sections(self.sections):
            _section_in(self, sec, 0, n)
        for a in self.attachments:
            if not _inside(a.span, 0, n):
                raise ValueError(f"attachment {a.num}: span {a.span} outside the text of {n} characters")
            for sec in walk_sections(a.sections):
                _section_in(self, sec, a.span[0], a.span[1])
            for t in a.tables:
                if not _inside(t.span, 0, n):
                    raise ValueError(f"table of attachment {a.num}: span {t.span} outside the text of {n} characters")
        for what, span in (*(("reference", r.span) for r in self.references), *(("version", v.span) for v in self.versions)):
            if not _inside(span, 0, n):
                raise ValueError(f"{what}: span {span} outside the text of {n} characters")
        last = 0
        for loc in self.locations:
            if loc.offset < last or loc.offset > n:
                raise ValueError(f"location {loc.file}:{loc.line}: offset {loc.offset} out of order or past {n}")
            last = loc.offset
        for ed in self.source_edits:
            if ed.offset + ed.length > n:
                raise ValueError(f"source edit at {ed.offset}: {ed.length} characters past the text of {n}")
        return self


def _section_in(doc: Document, sec: Section, start: int, end: int) -> None:
    """A section of ``doc`` lies inside ``[start, end)`` and its text is the document's text under its span."""
    if not _inside(sec.span, start, end):
        raise ValueError(f"section {sec.path}: span {sec.span} outside [{start}, {end}) of the text")
    if not doc.text.startswith(sec.text, sec.span[0]):
        raise ValueError(f"section {sec.path}: its text is not the document's text under its span {sec.span}")


class ParseResult(Record):
    """What parsing one file gives: its documents, or an error."""

    path: str
    documents: list[Document] = Field(default_factory=list)
    error: str | None = None


def walk_sections(sections: Iterable[Section]) -> Iterator[Section]:
    """Every section of a tree, depth first, each parent before its children."""
    for _, s in walk_depths(sections):
        yield s


def walk_depths(sections: Iterable[Section], depth: int = 0) -> Iterator[tuple[int, Section]]:
    """(depth, section) for every section of a tree, depth first; the top level is depth 0."""
    for s in sections:
        yield depth, s
        yield from walk_depths(s.children, depth + 1)


def document_sections(doc: Document) -> Iterator[Section]:
    """Every section of a document's body, then of its attachments."""
    yield from walk_sections(doc.sections)
    for a in doc.attachments:
        yield from walk_sections(a.sections)
