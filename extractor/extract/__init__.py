"""Extraction: from a Document to its quantities and provisions (issue 3).

``document_to_quantities(doc)`` runs the spaCy pipeline of ``nlp.py`` on the document's text and turns each
number it reads into a ``Quantity`` record with its section path and evidence; ``document_to_provisions(doc)``
groups them into rules, one per clause that states a benefit.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterable, Iterator, Sequence

import regex

from ..budgets import BudgetError
from ..evidence import evidence, verbatim
from ..records import Analysis, Document, Quantity, Record, document_sections
from ..version import extractor_version
from ._clause import Marks, words_of
from ._items import Item, in_formula_base, item_at, item_headings
from .context import BENEFIT_WORD, Context, act_of_limit, clause_bounds
from .provisions import quantities_to_provisions
from .rules import alternation, context_rules


def section_index(doc: Document) -> list[tuple[int, int, str, str]]:
    """(start, end, path, heading) of every section of the document and its attachments, by start."""
    secs = list(document_sections(doc))
    return sorted(((s.span[0], s.span[1], s.path, s.heading or "") for s in secs), key=lambda t: (t[0], -t[1]))


def sections_at(index: list[tuple[int, int, str, str]], offset: int) -> list[tuple[int, int, str, str]]:
    """The sections holding ``offset``, deepest first."""
    k = bisect.bisect_right([t[0] for t in index], offset)
    return sorted((t for t in index[:k] if t[0] <= offset < t[1]), key=lambda t: t[1] - t[0])


class SectionLookup:
    """:func:`sections_at` for many offsets of one document: the starts listed once and, when the sections nest
    (each one inside or apart from every other, as a tree's do), each one's parent, so that the sections holding
    an offset are a bisection and a walk up the tree, not a scan of every section for each quantity."""

    def __init__(self, index: list[tuple[int, int, str, str]]) -> None:
        self.index = index
        self.starts = [t[0] for t in index]
        self.parent: list[int] | None = []
        stack: list[int] = []
        for j, (s, e, _, _) in enumerate(index):
            while stack and index[stack[-1]][1] <= s:
                stack.pop()
            if stack and e > index[stack[-1]][1]:
                self.parent = None  # two sections overlap without nesting: scan, as sections_at does
                break
            self.parent.append(stack[-1] if stack else -1)
            stack.append(j)

    def at(self, offset: int) -> list[tuple[int, int, str, str]]:
        """The sections holding ``offset``, deepest first (ties in index order): ``sections_at(index, offset)``."""
        if self.parent is None:
            return sections_at(self.index, offset)
        j = bisect.bisect_right(self.starts, offset) - 1
        while j >= 0 and not offset < self.index[j][1]:
            j = self.parent[j]
        chain: list[int] = []
        while j >= 0:
            chain.append(j)
            j = self.parent[j]
        return [self.index[i] for i in sorted(chain, key=lambda i: (self.index[i][1] - self.index[i][0], i))]


def section_at(index: list[tuple[int, int, str, str]], offset: int) -> str:
    """The path of the deepest section holding ``offset`` ("" when none does)."""
    holding = sections_at(index, offset)
    return holding[0][2] if holding else ""


def _title_benefit(doc: Document) -> str | None:
    """The benefit or designation the document is about, named in its (instrument's) title: the criteria of
    a 星级社区 or 示范园区 scheme belong to it."""
    from .taxonomy import benefits

    for title in (doc.instrument_title, doc.title):
        hit = next(benefits().find(title), None) if title else None
        if hit is not None:
            return title[hit[0] : hit[1]]  # type: ignore[index]
    return None


_INSTRUMENT_LINE = regex.compile(r"[^\n。，；：]{6,60}(?:办法|规定|细则|方案|意见)(?:[（(](?:试行|暂行)[）)])?")
_FIRST_ARTICLE = regex.compile(r"\n[ \u3000]*第[一1][ \u3000]*[章条]")


def _printed(text: str, start: int, end: int) -> tuple[int, int]:
    """The first and the last character of ``text[start:end]`` (``end`` -1: the text's end) that is no space."""
    end = len(text) if end < 0 else end
    first, last = start, end - 1
    while first < end and text[first].isspace():
        first += 1
    while last >= first and text[last].isspace():
        last -= 1
    return first, last


def _instrument_titles(doc: Document) -> list[tuple[int, str]]:
    """(offset, benefit) of every instrument printed inside the document with a title of its own, followed by its
    第一章 or 第一条 (a 通知 that issues two 办法: the 示范园区 one, then the 示范项目 one): the numbers after
    such a title belong to the benefit it names."""
    from .taxonomy import benefits

    out: list[tuple[int, str]] = []
    text = doc.text
    lines = Marks(text, "\n")
    printed: dict[int, tuple[int, int]] = {}  # line start -> (first, last) character that is not a space
    for m in _INSTRUMENT_LINE.finditer(text):
        line_start = lines.last_before(m.start()) + 1
        if line_start not in printed:
            printed[line_start] = _printed(text, line_start, lines.first_from(line_start))
        first, last = printed[line_start]
        if first < m.start() or last >= m.end() or not _FIRST_ARTICLE.match(text, m.end()):
            continue
        title = regex.sub(r"[ \u3000]+", "", m.group(0))
        hit = next(benefits().find(title), None)
        if hit is not None:
            out.append((m.start(), title[hit[0] : hit[1]]))
    return out


def _heading_benefit(holding: list[tuple[int, int, str, str]]) -> str | None:
    """The benefit a section's heading names (the nearest heading that names one)."""
    for _, _, _, heading in holding:
        m = BENEFIT_WORD.search(heading)
        if m:
            return m.group(0)
    return None


_ARTICLE_TITLE = regex.compile(r"[ \u3000]*第[一二三四五六七八九十百零〇\d]+条[ \u3000]*(?P<t>[^。，；：:\n]{2,24})。")


def _article_benefit(text: str, holding: list[tuple[int, int, str, str]]) -> tuple[str, str] | None:
    """(name, id) of the benefit an article is about when it opens with that name as a sentence of its own
    (``第十一条 创业开业补贴。补贴标准为5000元。``): the article's printed title."""
    from .taxonomy import benefits

    for start, _, _, _ in holding:
        m = _ARTICLE_TITLE.match(text, start)
        if m:
            title = m.group("t")
            hits = list(benefits().find(title))
            if hits and hits[-1][1] == len(title):  # the title ends with the benefit's name
                return title, hits[-1][2]
            return None
    return None


def _named_in_heading(holding: list[tuple[int, int, str, str]]) -> str | None:
    """The id of the benefit of the taxonomy the nearest heading names, its name not a generic one."""
    from .taxonomy import benefits

    generic = set(context_rules().benefit.generic)
    for _, _, _, heading in holding:
        for s, e, bid in benefits().find(heading):
            if heading[s:e] not in generic:
                return bid
    return None


def _in_clause(text: str, start: int, other: int) -> bool:
    """Is ``other`` in the clause of the offset ``start``?"""
    a, b = clause_bounds(text, start, start)
    return a <= other < b


DESIGNATION_REACH = 80  # a designation is looked for this far back in the number's sentence


def _designation_award(text: str, start: int) -> str | None:
    """The award of the designation named last before ``start`` in its sentence (示范园区 → 示范园区奖补): a benefit
    of the taxonomy that has an award among its children."""
    from .taxonomy import benefits

    tax = benefits()
    generic = set(context_rules().benefit.generic)  # 一次性奖补, 奖补 …: names of an award, not of a designation
    lo = max(text.rfind("。", max(0, start - DESIGNATION_REACH), start) + 1, start - DESIGNATION_REACH, 0)
    for a, b, bid in reversed(list(tax.find(text, lo, start))):
        if text[a:b] in generic:
            continue
        award = next((e.id for e in tax.entries.values() if e.parent == bid and e.kind == "award"), None)
        if award is not None:
            return award
    return None


_LEAD_IN = regex.compile(r"[^\n]{0,200}?[：:][ \u3000]*\n")
"""The sentence that opens a list (第四十二条 各级人民政府应当建立就业援助制度，对下列登记失业的就业困难人员实行…：)."""


def _lead_in_benefit(text: str, holding: list[tuple[int, int, str, str]]) -> str | None:
    """The benefit named by the sentence that opens the list a number's item is in (…建立就业援助制度，对下列…人员
    实行优先扶持和重点帮助： / （一）女性四十周岁、男性五十周岁以上的人员): the items are its, when the document's
    title names none (a 办法 of an award lists the conditions of its designation: 申报市级示范项目要符合以下基本条件：)."""
    from .taxonomy import benefits

    if len(holding) < 2:
        return None
    parent_start, item_start = holding[1][0], holding[0][0]
    m = _LEAD_IN.match(text, parent_start, item_start)
    if m is None:
        return None
    generic = set(context_rules().benefit.generic)
    hits = [text[a:b] for a, b, _ in benefits().find(text, m.start(), m.end())]
    named = [h for h in hits if h not in generic]  # 给予表彰和奖励： a generic name when it is the only one
    return named[-1] if named else hits[-1] if hits else None


_GRANT_LIST = (*context_rules().role.gives, "发给", "领取")
_GRANT_WORDS = regex.compile(alternation(_GRANT_LIST))  # the words escaped
GRANT_SCAN = 256
"""A clause up to this long is searched for the grant words; in a longer one they are looked up in the text's."""


def _grants(text: str, start: int, end: int) -> bool:
    """Does the number's clause grant something? A heading's benefit (第五章 优待和奖励) reaches only sums and the
    numbers of such clauses: not a share of who pays (其独生子女保健费由父母所在单位各负担百分之五十), nor a condition naming who
    the family is (自愿终身只生育一个子女的计划生育家庭). (A clause of thousands of numbers is not searched again for each:
    a word of the literal alternation matches inside it exactly when one occurs inside it.)"""
    a, b = clause_bounds(text, start, end)
    if b - a <= GRANT_SCAN:
        return bool(_GRANT_WORDS.search(text, a, b))
    return words_of(text, _GRANT_LIST).any_in(_GRANT_LIST, a, b)


def _narrowed(benefit_id: str, heading_id: str | None) -> str:
    """A benefit named by a wider name of the one its heading names is the heading's (八、一次性吸纳就业补贴 / …按1000元/人
    的标准分别给予企业和个人一次性就业补贴: the 就业补贴 is the 一次性吸纳就业补贴)."""
    from .taxonomy import benefits

    return heading_id if heading_id is not None and benefit_id in benefits().ancestors(heading_id) else benefit_id


def _names_a_benefit(name: str | None, benefit_id: str | None) -> bool:
    """Does a number's own benefit name one of the taxonomy (not only what kind of money it is: 补贴, 一次性补贴)?"""
    from .taxonomy import benefits

    if benefit_id is not None:
        return True
    return bool(name) and name not in context_rules().benefit.generic and next(benefits().find(name or ""), None) is not None


_FIELDS_SETS: dict[type[Record], set[str]] = {}


def _shared_fields_set(record: Record) -> None:
    """Give a record built with every field the one set of its class's field names that all such records share.

    pydantic keeps in each model the set of the fields given to it (``model_fields_set``): 2,264 bytes for a
    ``Quantity`` of 21 fields, 216 for its ``Evidence``, two thirds of what a quantity holds (the 500,000 numbers of
    ``'减半'*500_000`` took 2.3 GB). The set is read, never changed, on a frozen model (``model_copy`` changes a
    copy), so one set of the same names serves every record: ``model_fields_set`` and every dump are unchanged."""
    full = _FIELDS_SETS.get(type(record))
    if full is None:
        full = _FIELDS_SETS[type(record)] = set(type(record).model_fields)
    if record.__pydantic_fields_set__ == full:
        object.__setattr__(record, "__pydantic_fields_set__", full)


def _interned(s: str | None) -> str | None:
    """The one copy of a name or base that many quantities repeat (``sys.intern``: freed when none holds it)."""
    return sys.intern(s) if s else s


def _to_quantity(doc: Document, c: Context, holding: list[tuple[int, int, str, str]], title_benefit: str | None,
                 item: Item | None = None) -> Quantity:
    f = c.found
    path = holding[0][2] if holding else ""
    benefit_text = c.benefit_text or (doc.text[c.benefit[0] : c.benefit[1]] if c.benefit else None)
    benefit_id = c.benefit[2] if c.benefit else None
    if c.benefit is None and benefit_text is not None and benefit_text == act_of_limit(doc.text, f) \
            and (title_benefit or _named_in_heading(holding)):
        benefit_text = None  # 30个工作日内完成企业授信评审 in a 稳岗扩岗专项贷款实施方案: the benefit the act serves
    if c.benefit and doc.text[c.benefit[0] : c.benefit[1]] in context_rules().benefit.generic:
        # 示范县、示范园区的，分别按照200万元、50万元的标准给予一次性奖补: the award of the designation the sentence names
        # (优先评定为省级示范见习基地，按规定给予10万元的一次性奖补, under a heading of 就业见习); else 给予10万元一次性奖补
        # under （四）就业见习示范基地奖补: the heading's benefit (the name as printed)
        named = _named_in_heading(holding)
        benefit_id = _designation_award(doc.text, f.start) or named or benefit_id
    article = _article_benefit(doc.text, holding) if f.kind != "date" else None
    if article is not None and (c.benefit is None or not _in_clause(doc.text, f.start, c.benefit[0])):
        # 第十一条 创业开业补贴。…补贴标准为5000元: a number whose clause names no benefit is the article's
        # (…每人每天 30 元，随培训补贴一并申请发放 under 第三十四条 生活费补贴: not the 培训补贴 of the next clause)
        benefit_text, benefit_id = article
    if benefit_id is not None and f.kind != "date":
        benefit_id = _narrowed(benefit_id, _named_in_heading(holding) or (item.benefit_id if item is not None else None))
    base_input = f.kind != "date" and benefit_id is None and in_formula_base(doc.text, f.start, f.end)
    if item is not None and f.kind != "date" and item.benefit_id is not None and not _names_a_benefit(benefit_text, benefit_id) \
            and not base_input:
        # 一次性求职创业补贴 / 补贴测算：…每人一次性1000元, 首次创业一次性补贴政策 / …四、补贴标准：一次性补贴8000元: a
        # number of a list's item whose own words name no benefit is the item heading's (not the inputs of a
        # formula's base: （4801元/人月×60%×20%+…）×30%=248.8元/人月, the average wage and contribution rates)
        benefit_text, benefit_id = item.name, item.benefit_id
    if benefit_text is None and f.kind != "date" and not base_input:
        # under a list's item named for a benefit, the item's heading says what the number is about, not the
        # document's title (创业团队孵化场地费补贴 / …最长不超过6个月 in a guide titled 创业担保贷款贴息)
        heading = (_lead_in_benefit(doc.text, holding) if title_benefit is None else None) or (
            _heading_benefit(holding) if f.kind == "money" or _grants(doc.text, f.start, f.end) else None)
        benefit_text = heading or (item.name if item is not None and item.name else title_benefit)
    q = Quantity(
        id=quantity_id(doc.id, f.start, f.end, f.kind),
        kind=f.kind,
        value=float(f.value) if f.value is not None else None,
        value_max=float(f.value_max) if f.value_max is not None else None,
        unit=f.unit,
        bound=c.bound,
        bound_words=list(c.bound_words),
        per=list(c.per),
        base=_interned(c.base),
        cap=c.cap,
        approximate=f.approximate,
        date_start=f.date_start,
        date_end=f.date_end,
        role=c.role,
        benefit=_interned(benefit_text),
        benefit_id=benefit_id,
        groups=list(dict.fromkeys(verbatim(doc, a, b) for a, b, _ in c.groups)),
        group_ids=list(dict.fromkeys(g for _, _, g in c.groups if g)),
        section=path,
        doubt=c.doubt,
        evidence=evidence(doc, f.start, f.end),
    )
    _shared_fields_set(q)
    _shared_fields_set(q.evidence)
    return q


def document_to_quantities(doc: Document) -> list[Quantity]:
    """Every quantity of the document (dates included; ``role`` tells parameters from statistics and targets)."""
    return next(documents_to_quantities([doc]))


def documents_to_quantities(docs: Iterable[Document], batch_size: int = 32,
                            max_numbers: int | None = None) -> Iterator[list[Quantity]]:
    """The quantities of each document, in order; the texts go through the spaCy pipeline in batches
    (``nlp.iter_contexts``: ``nlp.pipe``, and a text over spaCy's ``max_length`` in pieces, each piece's contexts
    made into quantities before the next piece is read).

    Raises:
        BudgetError: a document has more than ``max_numbers`` numbers (``Budgets.max_numbers``), raised as soon as
            the one past it is read, so that the memory stays that of the budget."""
    from .nlp import iter_contexts

    def bounded(doc: Document, contexts: Iterator[Context]) -> Iterator[Context]:
        for n, c in enumerate(contexts, start=1):
            if max_numbers is not None and n > max_numbers:
                raise BudgetError(doc.source.path, "max_numbers", f"more than {max_numbers:,} numbers in {doc.id}", max_numbers)
            yield c

    def quantities(doc: Document, contexts: Iterator[Context]) -> list[Quantity]:
        contexts = bounded(doc, contexts)
        lookup = SectionLookup(section_index(doc))
        title_benefit = _title_benefit(doc)
        inner = _instrument_titles(doc)
        starts = [at for at, _ in inner]
        items = item_headings(doc.text, (loc.offset for loc in doc.locations))
        item_starts = [i.start for i in items]

        def about(offset: int) -> str | None:  # the benefit of the instrument the number is in
            k = bisect.bisect_right(starts, offset) - 1
            return inner[k][1] if k >= 0 else title_benefit

        return [_to_quantity(doc, c, lookup.at(c.found.start), about(c.found.start), item_at(items, item_starts, c.found.start))
                for c in contexts]

    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from map(quantities, batch, iter_contexts([d.text for d in batch], batch_size))
            batch = []
    if batch:
        yield from map(quantities, batch, iter_contexts([d.text for d in batch], batch_size))


def quantity_id(doc_id: str, start: int, end: int, kind: str) -> str:
    """A quantity's id: its document, its span and its kind, so the same on every run and machine.

    >>> quantity_id("001_x.txt", 245, 249, "money")
    '001_x.txt:245-249:money'
    """
    return f"{doc_id}:{start}-{end}:{kind}"


def _analysis(doc: Document, quantities: list[Quantity]) -> Analysis:
    return Analysis(
        document=doc, quantities=quantities, provisions=quantities_to_provisions(doc, quantities),
        extractor_version=extractor_version(), source_sha256=doc.source.sha256,
    )


def extract_document(doc: Document) -> Analysis:
    """The analysis of one document: its quantities and provisions, with the extractor's version and the
    sha256 of the source the document was read from."""
    return _analysis(doc, document_to_quantities(doc))


def extract_documents(docs: Sequence[Document], max_numbers: int | None = None) -> list[Analysis]:
    """The analyses of several documents, their texts batched through the pipeline (``nlp.pipe``); the same
    records as :func:`extract_document` one by one. Raises BudgetError for a document of more than
    ``max_numbers`` numbers."""
    return [_analysis(d, q) for d, q in zip(docs, documents_to_quantities(docs, max_numbers=max_numbers), strict=True)]


__all__ = [
    "document_to_quantities", "documents_to_quantities", "extract_document", "extract_documents", "quantity_id", "section_at", "section_index", "text_to_quantities",
]


def text_to_quantities(text: str, name: str = "<text>") -> list[Quantity]:
    """Quantities of a piece of text, read as a document of its own.

    >>> [(q.kind, q.value, q.bound, q.per) for q in text_to_quantities("每人每月 1500 元，最长不超过12个月。")]
    [('money', 1500.0, 'exact', ['person', 'month']), ('duration', 12.0, 'max', [])]
    """
    from ..ingest.raw import RawDoc, RawLine
    from ..pipeline import raw_to_documents

    lines = [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))]
    return [q for d in raw_to_documents(RawDoc(name, "text", lines)) for q in document_to_quantities(d)]
