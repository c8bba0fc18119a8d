"""Citations between documents as a graph: which document implements, refers to, amends, replaces or repeals which,
and which documents are in force on a date.

Reads ``Document.references``, ``doc_number``, ``title``, ``instrument_title``, ``date``, ``sections`` and ``text``;
writes nothing back. ``documents_to_graph`` and ``in_force`` are pure; the two exports only render.
"""

from __future__ import annotations

import datetime as dt
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import regex

from ..records import DocNumber, Document, Section, SpanT
from ..records.graph import Graph, Node, Quote, Relation, RelationType, ResolvedBy
from ..segment.heads import DOC_TYPES
from ..text.numbering import match_marker
from ..text.numerals import parse_int
from ..text.patterns import DATE_RE, clean_doc_number, doc_number_key, norm_doc_number, norm_title, parse_date

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
_MASK = "□"
_MIN_CONTAINED = 6  # a cited title shorter than this ("通知", "条例") is never matched by containment


class _Cite(NamedTuple):
    span: SpanT
    title: str | None
    number: DocNumber | None


class _Index(NamedTuple):
    numbers: dict[str, str]  # 文号 key -> document id
    titles: list[tuple[str, str | None, frozenset[str]]]  # document id, 文号 key, normalized titles


def _norm(title: str) -> str:
    return norm_title(title).replace("〈", "").replace("〉", "")


def _index(docs: Iterable[Document]) -> _Index:
    numbers: dict[str, str] = {}
    titles = []
    for d in docs:
        key = doc_number_key(d.doc_number) if d.doc_number else None
        if key is not None:
            numbers.setdefault(key, d.id)
        titles.append((d.id, key, frozenset(_norm(t) for t in (d.title, d.instrument_title) if t)))
    return _Index(numbers, titles)


def _by_title(index: _Index, title: str, exclude: str) -> tuple[str, str | None] | None:
    """The one document whose title (or enclosed instrument's) equals ``title``, else the one containing it."""
    for contained in (False, True):
        hits = [(i, k) for i, k, ts in index.titles if i != exclude
                and (any(title in t for t in ts) if contained else title in ts)]
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


_Alias = tuple[str, str | None, ResolvedBy | None]  # full title, target, resolved_by


def _resolve(doc: Document, c: _Cite, index: _Index, aliases: dict[str, _Alias], masked: str) -> _Alias:
    """``(stands_for, target, resolved_by)`` of a citation; the target is ``doc.id`` when it cites itself."""
    key = doc_number_key(c.number) if c.number else None
    title = _norm(c.title) if c.title else None
    if key is not None and doc.doc_number is not None and key == doc_number_key(doc.doc_number):
        return "", doc.id, "doc_number"
    if key is not None and key in index.numbers:
        return "", index.numbers[key], "doc_number"
    if key is None and c.title is not None and c.title in aliases:
        return aliases[c.title]
    own = {_norm(t) for t in (doc.title, doc.instrument_title) if t}
    if title and any(title == t or (len(title) >= _MIN_CONTAINED and title in t) for t in own):
        return ("", doc.id, "title") if key is None else ("", None, None)  # same title, other 文号: another document
    if title and (hit := _by_title(index, title, doc.id)) and (key is None or hit[1] is None):
        return "", hit[0], "title"  # when a 文号 is printed and is not the hit's, it names another document
    if key is None and c.title and _issued_here(masked, c.span):
        return "", doc.id, "title"
    return "", None, None


def _document_to_relations(doc: Document, index: _Index) -> list[Relation]:
    """Every citation in ``doc`` resolved against the corpus ``index`` and typed, then its generic repeals."""
    cites = _cites(doc)
    chars = list(doc.text)
    for c in cites:
        chars[c.span[0] : c.span[1]] = _MASK * (c.span[1] - c.span[0])
    masked = "".join(chars)
    sections = [*doc.sections, *(s for a in doc.attachments for s in a.sections)]
    aliases: dict[str, _Alias] = {}
    out: list[Relation] = []
    for c in cites:
        stands_for, target, by = _resolve(doc, c, index, aliases, masked)
        if c.title and (m := _ALIAS_RE.match(doc.text, c.span[1])):
            aliases[m.group("alias")] = (c.title, target, by)
        out.append(Relation(
            source=doc.id, target=target, type="issues" if target == doc.id else _relation_type(masked, c.span),
            title=c.title, doc_number=c.number.text if c.number else None, quote=doc.text[c.span[0] : c.span[1]],
            span=c.span, section=_section_at(sections, c.span[0]), resolved_by=by, stands_for=stands_for or None,
        ))
    named = [r.span[0] for r in out if r.type == "repeals"]
    for s, e in _sentences(doc.text):
        sentence = doc.text[s:e]
        prior = PRIOR_REPEAL_RE.search(sentence) and not any(s <= a < e for a in named)
        if GENERIC_REPEAL_RE.search(sentence) or prior:
            out.append(Relation(source=doc.id, target=None, type="repeals", quote=sentence, span=(s, e),
                                section=_section_at(sections, s), generic=True))
    return sorted(out, key=lambda r: r.span)


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


def documents_to_graph(docs: Sequence[Document]) -> Graph:
    """Resolve every citation of ``docs`` to a document among them (by 文号, else by title), type it, and read each
    document's validity.

    Args:
        docs: parsed documents, e.g. every document of a compendium.

    Returns:
        One node per document; one relation per citation (self-citations typed ``issues``) and per repeal naming
        no document (``generic``).
    """
    index = _index(docs)
    relations = [r for d in docs for r in _document_to_relations(d, index)]
    dates = {d.id: d.date for d in docs}
    nodes = []
    for d in docs:
        bounds = [b for r in relations if r.target == d.id and r.source != d.id and (b := dates[r.source])]
        bounds += [dt.date(d.doc_number.year, 12, 31)] if d.doc_number and d.doc_number.year else []
        valid_from, valid_until, quotes = document_to_validity(d)
        repealers = [r.source for r in relations if r.target == d.id and r.type in ("repeals", "replaces")]
        nodes.append(Node(
            id=d.id, title=d.title, doc_number=d.doc_number.text if d.doc_number else None, date=d.date,
            issued_by=d.date or min(bounds, default=None), region=d.region, level=d.level, valid_from=valid_from,
            valid_until=valid_until, validity=quotes, repealed_by=list(dict.fromkeys(repealers)),
        ))
    return Graph(documents=nodes, relations=relations)


def _start(node: Node) -> dt.date | None:
    if node.issued_by is None:
        return None
    return max(node.issued_by, node.valid_from) if node.valid_from else node.issued_by


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
    """The documents ``ids`` and the relations they state (to one another or to documents outside the corpus)."""
    keep = set(ids)
    return Graph(
        documents=[n for n in graph.documents if n.id in keep],
        relations=[r for r in graph.relations if r.source in keep and (r.target is None or r.target in keep)],
    )


def graph_to_json(graph: Graph) -> str:
    """The graph as JSON (the ``Graph`` model)."""
    return graph.model_dump_json(indent=2) + "\n"


_NODE_KEYS = ("title", "doc_number", "date", "issued_by", "region", "level", "valid_from", "valid_until")
_EDGE_KEYS = ("type", "quote", "title", "doc_number", "resolved_by", "section")


def _external_id(r: Relation) -> str | None:
    """A node id for a cited document outside the corpus; None for a generic repeal."""
    if r.doc_number is not None:
        return "ext:" + (norm_doc_number(r.doc_number) or r.doc_number)
    return "ext:" + _norm(r.stands_for or r.title) if r.title else None


def graph_to_graphml(graph: Graph) -> str:
    """The graph as GraphML: corpus documents, and cited documents outside the corpus (``external``), as nodes;
    relations as directed edges. Generic repeals, which name no document, have no edge.
    """
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    for kind, names in (("node", (*_NODE_KEYS, "external")), ("edge", _EDGE_KEYS)):
        for name in names:
            typ = "boolean" if name == "external" else "string"
            ET.SubElement(root, "key", {"id": f"{kind[0]}_{name}", "for": kind, "attr.name": name, "attr.type": typ})
    g = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})

    def add(tag: str, attrs: dict[str, str], values: dict[str, object]) -> None:
        el = ET.SubElement(g, tag, attrs)
        for key, value in values.items():
            if value is not None:
                ET.SubElement(el, "data", {"key": f"{tag[0]}_{key}"}).text = str(value)

    for n in graph.documents:
        add("node", {"id": n.id}, {**{k: getattr(n, k) for k in _NODE_KEYS}, "external": "false"})
    edges = [(t, r) for r in graph.relations if (t := r.target or _external_id(r)) is not None]
    external = {t: r for t, r in reversed(edges) if r.target is None}
    for t, r in sorted(external.items()):
        add("node", {"id": t}, {"title": r.stands_for or r.title, "doc_number": r.doc_number, "external": "true"})
    for i, (t, r) in enumerate(edges):
        add("edge", {"id": f"e{i}", "source": r.source, "target": t}, {k: getattr(r, k) for k in _EDGE_KEYS})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


__all__ = [
    "Graph", "Node", "Quote", "Relation", "document_to_validity", "documents_to_graph", "graph_to_graphml",
    "graph_to_json", "in_force", "norm_doc_number", "subgraph",
]
