"""Citations between documents as a graph: which document implements, refers to, amends, replaces or repeals which,
and which documents are in force on a date.

Reads ``Document.references``, ``doc_number``, ``title``, ``instrument_title``, ``issuers``, ``date``, ``sections``
and ``text``; writes nothing back. ``documents_to_graph``, ``in_force`` and ``subgraph`` are pure; the JSON and
GraphML writers are in ``store/graph_out.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import regex
from pydantic import Field

from ..records import DocNumber, Document, Record, Section, SpanT
from ..records.graph import Citation, ExternalDocument, Graph, Node, Quote, Relation, RelationType, ResolvedBy
from ..segment.heads import DOC_TYPES
from ..text.numbering import match_marker
from ..text.numerals import parse_int
from ..text.patterns import DATE_RE, clean_doc_number, doc_number_key, norm_title, parse_date

log = logging.getLogger(__name__)


# Words before a citation in its clause: the citing document carries the cited one out.
IMPLEMENT_MARKERS = ("根据", "按照", "依据", "依照", "遵照", "贯彻", "落实", "参照", "执行")
# Words that change the cited document, before the citation or after it in its clause ("《X》同时废止").
CHANGE_MARKERS: tuple[tuple[RelationType, tuple[str, ...]], ...] = (
    ("repeals", ("废止", "不再执行", "停止执行", "不再适用")),
    ("replaces", ("代替", "替代", "取代")),
    ("amends", ("修改", "修订")),
)
# "现将《X》印发给你们", "制定了《X》，现予印发": the document issues X itself.
ISSUE_RE = regex.compile(r"印发给你们|现予以?印发|现印发")
# "与本通知不一致的，以本通知为准", "…不一致的，自本《通知》施行之日起不再适用": a repeal naming no document.
GENERIC_REPEAL_RE = regex.compile(
    r"与本[《“]?\p{Han}{1,8}?[》”]?(?:的?规定)?(?:不一致|相抵触|不符)的?[，,]?[^。；;]{0,40}?"
    r"(?:为准|执行|不再适用|不再执行|停止执行|废止)"
)
# "此前发布的有关规定同时废止": also generic, when the sentence names no document.
PRIOR_REPEAL_RE = regex.compile(r"(?:此前|以往|原|之前|过去)[^。；;]{0,60}?(?:同时废止|不再执行|停止执行|不再适用)")
# Validity is read only from sentences about the document itself: "本细则自印发之日起施行，执行期限截止2025年12月31日".
SELF_RE = regex.compile(
    "本[《“]?(?:" + "|".join(sorted({*DOC_TYPES, "操作规程", "规程", "文件", "政策"}, key=len, reverse=True)) + ")"
)
FROM_RE = regex.compile(rf"自(?:(?:印发|发布|公布|下发)之日|(?P<date>{DATE_RE.pattern}))起(?:施行|实施|执行|生效)")
UNTIL_RE = regex.compile(
    rf"(?:执行|实施|施行|有效期|期限)[^。；;，,]{{0,6}}?(?:截止|截至|至|到)到?[ \u3000]*(?P<date>{DATE_RE.pattern})"
)
YEARS_RE = regex.compile(r"(?:有效期|试行期|试行)(?:为|是)?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})年")

_CLAUSE_BREAKS = frozenset("。；;！!？?，,：:\t")
_SENTENCE_BREAKS = frozenset("。；;！!？?\n")
_ALIAS_RE = regex.compile(r"[（(]以下简称《(?P<alias>[^《》]{1,20})》")
# A national law is cited with the state's name or without it.
STATE_PREFIX = "中华人民共和国"
# "关于印发〈河南省就业补助资金管理办法〉的通知": a citation of the notice names the enclosed instrument too.
_ENCLOSED_RE = regex.compile(r"印发[〈<《](?P<title>[^〈〉<>《》]+)[〉>》]")
_MASK = "□"
_MIN_CONTAINED = 6  # a cited title shorter than this ("通知", "条例") is never matched by containment


class _Cite(NamedTuple):
    span: SpanT
    title: str | None
    number: DocNumber | None


class _Cited(NamedTuple):
    """One citation of a document, resolved against the corpus (``target`` None when outside it)."""

    source: str
    target: str | None
    type: RelationType
    citation: Citation
    number: str | None  # 文号 key of the cited document
    generic: bool  # a repeal naming no document


class _Index(NamedTuple):
    numbers: dict[str, str]  # 文号 key -> document id
    titles: list[tuple[str, str | None, frozenset[str]]]  # document id, 文号 key, normalized titles
    exact: dict[str, list[tuple[str, str | None]]]  # normalized title -> (document id, 文号 key) of each document so titled
    joined: str  # every normalized title, NUL between them: a title in none of them needs no scan


def _norm(title: str) -> str:
    return norm_title(title).replace("〈", "").replace("〉", "")


def _index(docs: Iterable[DocumentCitations]) -> _Index:
    numbers: dict[str, str] = {}
    titles = []
    for d in docs:
        if d.number_key is not None:
            numbers.setdefault(d.number_key, d.id)
        titles.append((d.id, d.number_key, frozenset(d.titles)))
    exact: dict[str, list[tuple[str, str | None]]] = {}
    for i, k, ts in titles:
        for t in ts:
            exact.setdefault(t, []).append((i, k))
    return _Index(numbers, titles, exact, "\0".join(t for _, _, ts in titles for t in ts))


def _by_title(index: _Index, title: str, exclude: str) -> tuple[str, str | None] | None:
    """The one document whose title (or enclosed instrument's) equals ``title``, else the one containing it."""
    for contained in (False, True):
        if not contained:
            hits = [(i, k) for i, k in index.exact.get(title, ()) if i != exclude]
        else:
            hits = [] if title not in index.joined else [
                (i, k) for i, k, ts in index.titles if i != exclude and any(title in t for t in ts)]
        if len(hits) > 1:
            log.debug("title %s matches %d documents; left unresolved", title, len(hits))
        if hits or len(title) < _MIN_CONTAINED:
            return hits[0] if len(hits) == 1 else None
    return None


def _line_at(text: str, i: int) -> str:
    """The line of ``text`` that starts at ``i``, its leading spaces left out."""
    end = text.find("\n", i)
    return text[i : end if end >= 0 else len(text)].lstrip(" \u3000")


def _is_break(text: str, i: int, breaks: frozenset[str]) -> bool:
    # A line break ends a clause only before a numbered item ("…工作内容\n1. 落实《X》"); elsewhere it is a wrap.
    return text[i] in breaks or (text[i] == "\n" and match_marker(_line_at(text, i + 1)) is not None)


def _clause_start(masked: str, pos: int, limit: int = 80) -> int:
    """Where the clause holding ``pos`` starts; cited titles (masked) do not count towards ``limit``."""
    i, seen = pos - 1, 0
    while i >= 0 and seen < limit and not _is_break(masked, i, _CLAUSE_BREAKS):
        seen += masked[i] != _MASK
        i -= 1
    return i + 1


def _clause_after(masked: str, pos: int, breaks: frozenset[str] = _CLAUSE_BREAKS) -> tuple[str, int]:
    i = pos
    while i < len(masked) and not _is_break(masked, i, breaks):
        i += 1
    return masked[pos:i], i


def _change_type(words: str) -> RelationType | None:
    return next((kind for kind, markers in CHANGE_MARKERS if any(w in words for w in markers)), None)


def _relation_type(masked: str, span: SpanT) -> RelationType:
    """Type a citation by the words of its clause: changes, then 根据/按照/落实 before it; changes after it."""
    start = _clause_start(masked, span[0])
    before = masked[start : span[0]]
    after, end = _clause_after(masked, span[1])
    if end < len(masked) and masked[end] in "，,":
        nxt, _ = _clause_after(masked, end + 1)
        if _MASK not in nxt and _change_type(nxt):  # "《X》，自本办法施行之日起废止"
            after += nxt
    if kind := _change_type(before):
        return kind
    if any(w in before for w in IMPLEMENT_MARKERS) or before.endswith("按"):
        return "implements"
    if start >= 2 and masked[start - 1] in "，," and masked[start - 2] == _MASK:  # "根据《A》（…），《B》（…），现…"
        prev = masked[_clause_start(masked, start - 1) : start - 1]
        if any(w in prev for w in IMPLEMENT_MARKERS) and _change_type(prev) is None:
            return "implements"
    if kind := _change_type(after):
        return kind
    return "implements" if "贯彻落实" in after else "refers"


def _issued_here(masked: str, span: SpanT) -> bool:
    """"现将《X》印发给你们", "《X》已经省政府同意，现印发给你们": X is the document's own instrument."""
    before = masked[_clause_start(masked, span[0]) : span[0]]
    rest, _ = _clause_after(masked, span[1], _SENTENCE_BREAKS)
    if any(w in before for w in IMPLEMENT_MARKERS):
        return False
    return before.rstrip().endswith("现将") or ISSUE_RE.search(rest) is not None


def _cites(doc: Document) -> list[_Cite]:
    """The document's references, a title joined to its 文号 printed on the next line; deictic 本《通知》 and alias
    definitions (以下简称《条例》) left out."""
    text, refs, out = doc.text, doc.references, []
    k = 0
    while k < len(refs):
        r = refs[k]
        (start, end), num = r.span, r.doc_number
        nxt = refs[k + 1] if k + 1 < len(refs) else None
        if num is None and nxt and nxt.title is None and regex.fullmatch(r"[ \u3000\n]*[（(]", text[end : nxt.span[0]]):
            num, end = nxt.doc_number, nxt.span[1] + (text[nxt.span[1] : nxt.span[1] + 1] in "）)")
            k += 1
        k += 1
        if text[max(start - 1, 0) : start] == "本" or text[max(start - 5, 0) : start].endswith("以下简称"):
            continue
        if num is not None:
            clean = clean_doc_number(num)
            start += len(num.text) - len(clean.text) if r.title is None else 0
            num = clean
        out.append(_Cite((start, end), r.title, num))
    return out


def _sentences(text: str) -> Iterator[SpanT]:
    """Spans of the sentences of ``text`` (to 。；！？ or a line end), leading spaces left out."""
    for m in regex.finditer(r"[ \u3000]*([^。；;！!？?\n]+)", text):
        yield m.span(1)


def _section_at(sections: Iterable[Section], offset: int) -> str | None:
    for s in sections:
        if s.span[0] <= offset < s.span[1]:
            return _section_at(s.children, offset) or s.path
    return None


class CiteFacts(Record):
    """One citation as its document's text alone says it: all that resolving it against a corpus needs."""

    span: SpanT
    quote: str
    section: str | None
    title: str | None = Field(description="the cited title as printed")
    norm: str | None = Field(description="the title normalized (``_norm``)")
    doc_number: str | None = Field(description="the cited 文号 as printed (cleaned)")
    number_key: str | None = Field(description="its ``doc_number_key``")
    kind: RelationType = Field(description="its type by the words of its clause, when it does not cite its own document")
    issued_here: bool = Field(description="现将《X》印发给你们: X may be the document's own instrument")
    alias: str | None = Field(description="the short name a 以下简称《Y》 right after it gives it")


class RepealFacts(Record):
    """A sentence that may repeal earlier rules without naming them."""

    span: SpanT
    quote: str
    section: str | None
    generic: bool = Field(description="与本通知不一致的，以本通知为准: a repeal whatever the sentence cites")
    prior: bool = Field(description="此前…同时废止: a repeal unless the sentence names a document it repeals")


class DocumentCitations(Record):
    """What a document's citations are before they are resolved across documents: made from its own text only
    (:func:`document_citations`), so a worker can make it where the document is analysed, and a corpus's graph
    be resolved from these (:func:`citation_relations`) without the documents themselves."""

    id: str
    number_key: str | None = Field(description="``doc_number_key`` of the document's own 文号")
    titles: tuple[str, ...] = Field(description="its title and its instrument's, normalized")
    cites: list[CiteFacts]
    repeals: list[RepealFacts]


_Alias = tuple[str, str | None, ResolvedBy | None]  # full title, target, resolved_by


def document_citations(doc: Document) -> DocumentCitations:
    """The citations of ``doc`` and its sentences of unnamed repeals, typed by their own words: everything of
    the graph that depends on this document alone."""
    cites = _cites(doc)
    chars = list(doc.text)
    for c in cites:
        chars[c.span[0] : c.span[1]] = _MASK * (c.span[1] - c.span[0])
    masked = "".join(chars)
    sections = [*doc.sections, *(s for a in doc.attachments for s in a.sections)]
    facts = []
    for c in cites:
        m = _ALIAS_RE.match(doc.text, c.span[1]) if c.title else None
        facts.append(CiteFacts(
            span=c.span, quote=doc.text[c.span[0] : c.span[1]], section=_section_at(sections, c.span[0]), title=c.title,
            norm=_norm(c.title) if c.title else None, doc_number=c.number.text if c.number else None,
            number_key=doc_number_key(c.number) if c.number else None, kind=_relation_type(masked, c.span),
            issued_here=bool(c.title) and _issued_here(masked, c.span), alias=m.group("alias") if m else None,
        ))
    repeals = []
    for s, e in _sentences(doc.text):
        sentence = doc.text[s:e]
        generic, prior = GENERIC_REPEAL_RE.search(sentence) is not None, PRIOR_REPEAL_RE.search(sentence) is not None
        if generic or prior:
            repeals.append(RepealFacts(span=(s, e), quote=sentence, section=_section_at(sections, s), generic=generic, prior=prior))
    return DocumentCitations(id=doc.id, number_key=doc_number_key(doc.doc_number) if doc.doc_number else None,
                             titles=tuple(dict.fromkeys(_norm(t) for t in (doc.title, doc.instrument_title) if t)),
                             cites=facts, repeals=repeals)


def _resolve(doc: DocumentCitations, c: CiteFacts, index: _Index, aliases: dict[str, _Alias]) -> _Alias:
    """``(stands_for, target, resolved_by)`` of a citation; the target is ``doc.id`` when it cites itself."""
    key, title = c.number_key, c.norm
    if key is not None and doc.number_key is not None and key == doc.number_key:
        return "", doc.id, "doc_number"
    if key is not None and key in index.numbers:
        return "", index.numbers[key], "doc_number"
    if key is None and c.title is not None and c.title in aliases:
        return aliases[c.title]
    if title and any(title == t or (len(title) >= _MIN_CONTAINED and title in t) for t in doc.titles):
        return ("", doc.id, "title") if key is None else ("", None, None)  # same title, other 文号: another document
    if title and (hit := _by_title(index, title, doc.id)) and (key is None or hit[1] is None):
        return "", hit[0], "title"  # when a 文号 is printed and is not the hit's, it names another document
    if key is None and c.title and c.issued_here:
        return "", doc.id, "title"
    return "", None, None


def _document_to_citations(doc: DocumentCitations, index: _Index) -> list[_Cited]:
    """Every citation in ``doc`` resolved against the corpus ``index`` and typed, then its generic repeals."""
    aliases: dict[str, _Alias] = {}
    out: list[_Cited] = []
    for c in doc.cites:
        stands_for, target, by = _resolve(doc, c, index, aliases)
        if c.alias is not None:
            aliases[c.alias] = (c.title or "", target, by)
        citation = Citation(quote=c.quote, span=c.span, section=c.section, title=c.title, doc_number=c.doc_number,
                            resolved_by=by, stands_for=stands_for or None)
        out.append(_Cited(doc.id, target, "issues" if target == doc.id else c.kind, citation, c.number_key, False))
    named = [c.citation.span[0] for c in out if c.type == "repeals"]
    for r in doc.repeals:
        s, e = r.span
        if r.generic or (r.prior and not any(s <= a < e for a in named)):
            out.append(_Cited(doc.id, None, "repeals", Citation(quote=r.quote, span=r.span, section=r.section), None, True))
    return sorted(out, key=lambda c: c.citation.span)


def _names(c: Citation) -> list[str]:
    """The normalized titles a citation names its document by: the title (or the full title a short name stands
    for), and the instrument a 关于印发〈X〉的通知 encloses."""
    title = c.stands_for or c.title
    if not title:
        return []
    names = [_norm(title)]
    if enclosed := _ENCLOSED_RE.search(title):
        names.append(_norm(enclosed.group("title")))
    if names[0].startswith(STATE_PREFIX) and len(names[0]) > len(STATE_PREFIX):
        names.append(names[0].removeprefix(STATE_PREFIX))  # 《中华人民共和国劳动合同法》 and 《劳动合同法》: one law
    return names


class _External(NamedTuple):
    """An external node: its id and, for a node of a 文号, that 文号."""

    id: str
    number: str | None  # 文号 key; None for the node of a title printed without one


def _external_nodes(cited: Sequence[_Cited]) -> list[_External | None]:
    """The external node each citation names (None for a citation resolved in the corpus, or a generic repeal).

    A 文号 is a document: every citation printing it names one node, ``ext:<文号>``. A citation by title alone names
    the node whose 文号 was printed with that title (or with the notice enclosing it) elsewhere, when exactly one
    was; else the node of its title, ``ext:<title>``, shared by every citation of that title alone.
    """
    owners: dict[str, set[str]] = {}  # normalized title -> the 文号 keys printed with it
    for c in cited:
        if c.target is None and c.number is not None:
            for name in _names(c.citation):
                owners.setdefault(name, set()).add(c.number)
    by_title: dict[str, str] = {}  # normalized title -> node id, for the nodes of titles printed without a 文号
    out: list[_External | None] = []
    for c in cited:
        names = _names(c.citation)
        if c.target is not None or c.generic or (c.number is None and not names):
            out.append(None)
            continue
        unique = [next(iter(o)) for n in names if len(o := owners.get(n, set())) == 1]
        if c.number is None and not unique and any(n in owners for n in names):
            log.debug("title %s is printed with several 文号; a node of its own", names[0])
        if (number := c.number or (unique[0] if unique else None)) is not None:
            out.append(_External("ext:" + number, number))
            continue
        node = next((by_title[n] for n in names if n in by_title), "ext:" + names[0])
        by_title.update((n, node) for n in names)
        out.append(_External(node, None))
    return out


def _external_documents(cited: Sequence[_Cited], nodes: Sequence[_External | None]) -> list[ExternalDocument]:
    """One record per external node, with every title it is cited by; ordered by id."""
    titles: dict[_External, list[str]] = {}
    for c, node in zip(cited, nodes, strict=True):
        if node is not None:
            seen = titles.setdefault(node, [])
            if (title := c.citation.stands_for or c.citation.title) and title not in seen:
                seen.append(title)
    return [
        ExternalDocument(id=node.id, doc_number=node.number, title=max(ts, key=len, default=None), titles=ts)
        for node, ts in sorted(titles.items(), key=lambda item: item[0].id)
    ]


def _relations(cited: Sequence[_Cited], targets: Sequence[str | None]) -> list[Relation]:
    """One relation per (source, target, type), holding its citations in text order; in order of first citation."""
    groups: dict[tuple[str, str | None, RelationType], list[Citation]] = {}
    for c, target in zip(cited, targets, strict=True):
        groups.setdefault((c.source, target, c.type), []).append(c.citation)
    return [
        Relation(source=source, target=target, type=kind, count=len(cs), citations=cs)
        for (source, target, kind), cs in groups.items()
    ]


def _last_day(start: dt.date, n: int) -> dt.date:
    """The last day of a period of ``n`` years from ``start``."""
    day = 28 if (start.month, start.day) == (2, 29) else start.day
    return start.replace(year=start.year + n, day=day) - dt.timedelta(days=1)


def document_to_validity(doc: Document) -> tuple[dt.date | None, dt.date | None, list[Quote]]:
    """``(valid_from, valid_until, quotes)`` read from the sentences about the document itself (本办法…).

    Args:
        doc: a parsed document.

    Returns:
        When it takes effect and its last day in force (each None when not stated), and the sentences read.
    """
    valid_from = valid_until = None
    years: int | None = None
    quotes: list[Quote] = []
    for s, e in _sentences(doc.text):
        sentence = doc.text[s:e]
        if not SELF_RE.search(sentence):
            continue
        found = False
        if valid_from is None and (f := FROM_RE.search(sentence)):
            valid_from, found = parse_date(f.group("date")) if f.group("date") else doc.date, True
        if valid_until is None and (u := UNTIL_RE.search(sentence)):
            valid_until, found = parse_date(u.group("date")), True
        elif years is None and (y := YEARS_RE.search(sentence)) and (n := parse_int(y.group("n"))):
            years, found = n, True  # 有效期3年, 试行两年
        if found:
            quotes.append(Quote(quote=sentence, span=(s, e)))
    start = valid_from or doc.date
    if valid_until is None and years is not None and start is not None:
        valid_until = _last_day(start, years)
    return valid_from, valid_until, quotes


def _resolved(docs: Sequence[DocumentCitations]) -> tuple[list[_Cited], list[_External | None], list[Relation]]:
    """Every citation of ``docs`` resolved across them, the external node each names, and the relations."""
    index = _index(docs)
    cited = [c for d in docs for c in _document_to_citations(d, index)]
    external = _external_nodes(cited)
    return cited, external, _relations(cited, [c.target or (e.id if e else None) for c, e in zip(cited, external, strict=True)])


def citation_relations(docs: Sequence[DocumentCitations]) -> list[Relation]:
    """The relations of :func:`documents_to_graph` over the documents whose citations are ``docs``
    (:func:`document_citations` of each, in the same order): the same relations, from these alone.

    >>> citation_relations([])
    []
    """
    return _resolved(docs)[2]


def documents_to_graph(docs: Sequence[Document]) -> Graph:
    """Resolve every citation of ``docs`` to a document among them (by 文号, else by title) or to one outside
    them, type it, and read each document's validity.

    Args:
        docs: parsed documents, e.g. every document of a compendium.

    Returns:
        One node per document; one external document per 文号 (or title) cited outside the corpus; one relation
        per (source, target, type), self-citations typed ``issues`` and repeals naming no document with a null
        target, each holding its citations.
    """
    cited, external, relations = _resolved([document_citations(d) for d in docs])
    dates = {d.id: d.date for d in docs}
    nodes = []
    for d in docs:
        citing = [r.source for r in relations if r.target == d.id and r.source != d.id]
        bounds = [b for s in citing if (b := dates[s])]
        bounds += [dt.date(d.doc_number.year, 12, 31)] if d.doc_number and d.doc_number.year else []
        valid_from, valid_until, quotes = document_to_validity(d)
        repealers = [r.source for r in relations if r.target == d.id and r.type in ("repeals", "replaces")]
        nodes.append(Node(
            id=d.id, title=d.title, doc_number=d.doc_number.text if d.doc_number else None, issuers=d.issuers,
            date=d.date, issued_on=d.date or min(bounds, default=None), issued_on_bound=d.date is None and bool(bounds),
            region=d.region, level=d.level, valid_from=valid_from, valid_until=valid_until, validity=quotes,
            repealed_by=list(dict.fromkeys(repealers)),
        ))
    return Graph(documents=nodes, external=_external_documents(cited, external), relations=relations)


def _start(node: Node) -> dt.date | None:
    if node.issued_on is None:
        return None
    return max(node.issued_on, node.valid_from) if node.valid_from else node.issued_on


def in_force(graph: Graph, date: dt.date) -> list[str]:
    """Ids of the documents in force on ``date``: issued (and in effect) on or before it, not past ``valid_until``,
    not repealed or replaced by a document in effect on or before it. A document with no known issue date is not.

    Args:
        graph: from ``documents_to_graph``.
        date: the day asked about.

    Returns:
        Document ids, in graph order.
    """
    nodes = {n.id: n for n in graph.documents}
    ended = {
        r.target for r in graph.relations
        if r.type in ("repeals", "replaces") and r.target not in (None, r.source) and r.source in nodes
        and (s := _start(nodes[r.source])) is not None and s <= date
    }
    return [
        n.id for n in graph.documents
        if (s := _start(n)) is not None and s <= date and not (n.valid_until and date > n.valid_until)
        and n.id not in ended
    ]


def subgraph(graph: Graph, ids: Iterable[str]) -> Graph:
    """The documents ``ids``, the relations they state (to one another, to documents outside the corpus, or to
    none), and the external documents those relations cite."""
    keep = set(ids)
    outside = {e.id for e in graph.external}
    relations = [
        r for r in graph.relations if r.source in keep and (r.target is None or r.target in keep or r.target in outside)
    ]
    cited = {r.target for r in relations}
    return Graph(
        documents=[n for n in graph.documents if n.id in keep],
        external=[e for e in graph.external if e.id in cited],
        relations=relations,
    )


__all__ = [
    "Citation", "CiteFacts", "DocumentCitations", "ExternalDocument", "Graph", "Node", "Quote", "Relation", "RepealFacts",
    "citation_relations", "document_citations", "document_to_validity", "documents_to_graph", "in_force", "subgraph",
]
