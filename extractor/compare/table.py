"""Compare one benefit across documents: one row per document, one column per kind of parameter.

A column is a kind of quantity with its unit, bound and what it is counted per, so amounts per month and per
year, or a rate and a fixed sum, never share a column. Every cell keeps the quotes behind its values.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Sequence

import regex

from ..extract import extract_document
from ..extract.taxonomy import Taxonomy, benefits, groups
from ..records import Analysis, Document, Quantity
from ..records.compare import CompareTable, Row, Value
from ..records.vocab import RULE_KINDS
from ..text.patterns import norm_title
from ._compare_rules import RULE_KEYS as RULE_KEYS
from ._compare_rules import CompareRules as CompareRules
from ._compare_rules import compare_rules
from ._no_parameter import _CLAUSE_END as _CLAUSE_END
from ._no_parameter import _clause_of as _clause_of
from ._no_parameter import _holds as _holds
from ._no_parameter import no_parameter
from ._no_parameter import record_period as record_period
from .classes import classes_of, in_condition, qualified, rule_span, title_groups

KINDS = RULE_KINDS
KIND_LABEL = {"money": "金额", "percent": "比例", "duration": "期限", "age": "年龄", "count": "人数/次数"}
BOUND_LABEL = {"exact": "", "max": "上限", "min": "下限", "range": "区间"}
PER_LABEL = {"person": "人", "month": "月", "year": "年", "enterprise": "企业", "household": "户", "student": "生",
             "one_off": "一次性", "project": "项目", "time": "次", "class_hour": "学时", "quarter": "季度", "unit": "个",
             "certificate": "证"}


_SPREAD = regex.compile(r"(?P<base>LPR|贷款市场报价利率)[）)]?[ \u3000]*(?P<sign>[+＋\-－—])[ \u3000]*(?P<n>\d+(?:\.\d+)?)[ \u3000]*(?:BP|bp|个基点)")


def spread(q: Quantity) -> tuple[float, str] | None:
    """A rate printed as a spread over a base rate in basis points (``LPR+150BP`` → 150, ``LPR-150BP`` → -150), as
    the comparison shows it: in ``bp``, signed, not as the percentage points it adds (1.5) with its sign lost."""
    m = _SPREAD.search(q.evidence.quote) if q.kind == "percent" else None
    if m is None:
        return None
    n = float(m.group("n"))
    return (-n if m.group("sign") in "-－—" else n), "bp"


def column_of(q: Quantity) -> str:
    """The column a quantity belongs to: its kind, bound and period, e.g. ``金额·上限·每月 (yuan)``; who receives it
    (每人, 每户 …) is the row's recipient class, and 一次性 a lump sum like any other.

    >>> from extractor.records import Evidence
    >>> column_of(Quantity(id="x:0-8:money", kind="money", value=1500, unit="yuan", per=["person", "month"], section="一",
    ...                    evidence=Evidence(quote="每人每月1500元", span=(0, 8), line=1)))
    '金额·每月 (yuan)'
    """
    parts = [KIND_LABEL[q.kind]]
    if BOUND_LABEL[q.bound]:
        parts.append(BOUND_LABEL[q.bound])
    per = [p for p in q.per if p not in ONE_PARAMETER]
    if per:
        parts.append("每" + "每".join(PER_LABEL.get(p, p) for p in per))
    unit = "bp" if spread(q) is not None else q.unit
    return "·".join(parts) + f" ({unit})"


UNIT_KIND = {"yuan": "money", "percent": "percent", "bp": "percent", "month": "duration", "day": "duration",
             "hour": "duration", "year": "age", "count": "count"}
"""The kind of quantity a column's unit stands for."""


def column_unit(column: str) -> str:
    """The unit a column ends with, as ``column_of`` writes it: ``金额·上限 (yuan)`` → ``yuan``."""
    return column.rsplit("(", 1)[-1].rstrip(")").strip()


def column_kind(column: str) -> str:
    """The kind of a column's values: ``金额·上限 (yuan)`` → ``money`` (empty for a unit no kind has)."""
    return UNIT_KIND.get(column_unit(column), "")


ONE_PARAMETER = ("one_off", "person")
"""Per words that do not make another parameter: ``一次性创业补贴5000元``, ``一次性给予每人5000元`` and ``创业补贴5000元``
are one sum, in one column; who receives it is the row's recipient class."""


@functools.lru_cache(maxsize=256)
def _ids(tax: Taxonomy, query: str) -> frozenset[str]:
    """Taxonomy ids a query names, with their descendants."""
    named = {gid for _, _, gid in tax.find(query)} | {e.id for e in tax.entries.values() if e.id == query}
    return frozenset(e.id for e in tax.entries.values() if e.id in named or named & set(tax.ancestors(e.id)))


@functools.lru_cache(maxsize=256)
def _surfaces(query: str) -> tuple[str, ...]:
    """Normalized synonyms (4 characters or more) of the benefits a query names."""
    tax = benefits()
    return tuple(norm_title(s) for i in _ids(tax, query) for s in tax.entries[i].synonyms if len(s) >= 4)


def known_benefit(query: str) -> bool:
    """Does ``query`` name a benefit of the taxonomy (a name, a synonym or an id, or a text holding one)?"""
    return bool(_ids(benefits(), query))


def closest_benefits(query: str, n: int = 3) -> list[str]:
    """The taxonomy's benefit names closest to ``query`` in spelling (by any of their synonyms), best first."""
    tax = benefits()
    by_surface = {s: e.name for e in tax.entries.values() for s in (e.name, *e.synonyms)}
    close = difflib.get_close_matches(query, list(by_surface), n=n * 4, cutoff=0.3)
    return list(dict.fromkeys(by_surface[s] for s in close))[:n]


@functools.lru_cache(maxsize=4096)
def _named(name: str) -> str | None:
    """The benefit of the taxonomy a printed name names, by its longest synonym in it; None when it names none."""
    hits = list(benefits().find(name))
    return max(hits, key=lambda h: h[1] - h[0])[2] if hits else None


@functools.lru_cache(maxsize=256)
def asked_ids(query: str) -> frozenset[str]:
    """The benefits of the taxonomy a query's table holds: those it names, with their descendants, and what
    they pay for or reward (``holds`` of compare_rules.yaml)."""
    ids = _ids(benefits(), query)
    holds = compare_rules().holds
    return ids | frozenset(h for i in ids for h in holds.get(i, ()))


def matches_benefit(q: Quantity, query: str | None) -> bool:
    """Does a quantity belong to the benefit named by ``query`` (a name, a synonym, or a taxonomy id)?"""
    if not query:
        return True
    text = norm_title(q.benefit or "")
    # the benefit of the taxonomy the value is of: its id, else the one its printed name names (…示范项目评审认定奖励)
    bid = q.benefit_id or _named(q.benefit or "")
    asked = asked_ids(query)
    if bid is not None and asked:  # resolved to a benefit of the taxonomy: this one or not
        return bid in asked
    return (q.benefit_id in asked) or (bool(text) and (norm_title(query) in text or any(s in text for s in _surfaces(query))))


def in_group(cls: str | None, q: Quantity, query: str | None) -> bool:
    """Does a value under the recipient class ``cls`` belong to the group asked (``--group``): the class is the
    group or one of its descendants; a value of no class, when the value's own groups match."""
    if not query:
        return True
    return cls in _ids(groups(), query) if cls is not None else matches_group(q, query)


def class_phrases(q: Quantity, cls: str | None) -> list[str]:
    """The value's group phrases that name its row's class (its evidence in that row), else all of them."""
    if cls is None:
        return list(q.groups)
    tax = groups()
    named = [g for g in q.groups if any(h == cls or cls in tax.ancestors(h) for _, _, h in tax.find(g))]
    return named or list(q.groups)


def matches_group(q: Quantity, query: str | None) -> bool:
    """Does a quantity apply to the group named by ``query``?"""
    if not query:
        return True
    ids = _ids(groups(), query)
    return bool(ids & set(q.group_ids)) or any(norm_title(query) in norm_title(g) for g in q.groups)


def documents_to_table(
    docs: Iterable[Document], benefit: str | None = None, group: str | None = None, kinds: Iterable[str] = KINDS
) -> CompareTable:
    """Compare the parameters of a benefit (and group) across documents, extracting each once."""
    return analyses_to_table((extract_document(d) for d in docs), benefit=benefit, group=group, kinds=kinds)


_PART_SPLIT = regex.compile(r"[、，,]|以及|和|及|与|或")


@functools.lru_cache(maxsize=16)
def benefit_parts(text: str) -> dict[str, str]:
    """The parts of a benefit as the document defines them (``就业见习补贴包括基本生活费补贴、留用人员差额补贴和人身意外伤害
    保险补贴``): each part's name (4 characters or more, ending as a benefit's name does: ``part_heads``) -> the id
    of the benefit defined, a benefit of the taxonomy named right before one of ``parts_after``."""
    rules = compare_rules()
    if not rules.parts_after:
        return {}
    out: dict[str, str] = {}
    for w in rules.parts_after:
        at = text.find(w)
        while at >= 0:
            whole = next((b for a, e, b in benefits().find(text, max(0, at - 20), at) if e == at), None)
            if whole is not None:
                stop = min((i for i in (text.find(c, at) for c in _SENTENCE) if i >= 0), default=len(text))
                for item in _PART_SPLIT.split(text[at + len(w) : stop]):
                    name = regex.sub(r"[ \u3000]+", "", item).removesuffix("等")
                    if len(name) >= 4 and name.endswith(rules.part_heads) and _named(name) != whole:
                        out.setdefault(name, whole)
            at = text.find(w, at + 1)
    return out


def _part_before(text: str, start: int, parts: dict[str, str]) -> str | None:
    """The part (``benefit_parts``) whose name is the last benefit name before ``start`` in its sentence (a name of
    the taxonomy ending later, or as late and longer, is the value's own instead)."""
    lo = max((text.rfind(c, 0, start) for c in _SENTENCE), default=-1) + 1
    window = regex.sub(r"[ \u3000]", "", text[lo:start])  # a part's name is read without layout spaces
    best: tuple[int, int, str | None] = (-1, 0, None)
    for name, whole in parts.items():
        at = window.rfind(name)
        if at >= 0:
            best = max(best, (at + len(name), len(name), whole), key=lambda b: (b[0], b[1]))
    for a, e, _ in benefits().find(window):
        if (e, e - a) > (best[0], best[1]):
            return None
    return best[2]


def _context(text: str, start: int, title: str | None) -> str:
    """What a value is read in: its sentence, the heading line right above its line (one ending with a colon), and
    the document's title."""
    lo = max((text.rfind(c, 0, start) for c in _SENTENCE), default=-1) + 1
    hi = min((i for i in (text.find(c, start) for c in _SENTENCE) if i >= 0), default=len(text))
    line = text.rfind("\n", 0, start)
    above = text[text.rfind("\n", 0, max(line, 0)) + 1 : max(line, 0)].rstrip(" \u3000") if line > 0 else ""
    return "\n".join((text[lo:hi], above if above.endswith(("：", ":")) else "", title or ""))


def _own_name(q: Quantity, text: str) -> str | None:
    """The benefit a value's own name says it is (``own_names``): its printed name, or the name right after the
    number (``按当年新发放创业担保贷款总额的 1%奖励``)."""
    own = compare_rules().own_names or {}
    if q.benefit in own:
        return own[q.benefit]
    after = text[q.evidence.span[1] : q.evidence.span[1] + 8].lstrip(" \u3000")
    return next((b for w, b in own.items() if after.startswith(w)), None)


@functools.cache
def _designation(bid: str) -> bool:
    """Is the benefit a designation: a title that also names the body designated, a group (信用社区, 星级社区)?"""
    names = {s for e in groups().entries.values() for s in e.synonyms}
    return any(s in names for s in benefits().entries[bid].synonyms)


def read_benefit(q: Quantity, text: str, title: str | None = None) -> Quantity:
    """A value with its benefit read in its document's context: of the benefit a part of which its own name is, as
    the document defines it (``benefit_parts``: ``人身意外伤害保险补贴按见习人员每人 100 元标准一次性拨付给见习基地``, of
    the 就业见习补贴), and a name the context reads otherwise (``read_in_context`` of compare_rules.yaml: a 生活费补贴
    of 见习人员 is the internship subsidy), and a value whose own name says what kind of benefit it is (``own_names``:
    …2万元奖励, an award) under a heading's benefit of another kind (高层次人才就业补贴) or a designation's (信用社区: who
    gets the 资金奖励); else the value as it is."""
    if q.kind == "date":
        return q
    bid = _topic(q, text) or q.benefit_id or _named(q.benefit or "") or antecedent(q, text)
    parts = benefit_parts(text)
    if parts and (whole := _part_before(text, q.evidence.span[0], parts)) is not None and whole != bid and (
            bid is None or any(q.benefit and q.benefit in p for p, w in parts.items() if w == whole)):
        bid = whole
    own = _own_name(q, text)
    tax = benefits()
    if own is not None and bid in tax.entries and bid != own and (
            tax.entries[bid].kind != tax.entries[own].kind or _designation(bid)):
        bid = own  # 08.高层次人才就业补贴 / …给予留用的博士后人员2万元奖励: an award, whatever the heading's subsidy
    for words, as_ in (compare_rules().read_in_context or {}).get(bid or "", ()):
        if any(w in _context(text, q.evidence.span[0], title) for w in words):
            bid = as_
            break
    if bid == (q.benefit_id or _named(q.benefit or "")):
        return q
    return q.model_copy(update={"benefit_id": bid})


HEADING_REACH = 12  # a value of no benefit looks for its heading this many lines above its own
LINE_REACH = 400  # characters of a value's line read on either side of it (a line of a whole text: linear time)
HEADING_LENGTH = 30
_HEADING = regex.compile(r"[^，,。；;！？!?]{2," + str(HEADING_LENGTH) + r"}[：:]?")
_NOT_HEADING = regex.compile(r"[ \u3000]*第[一二三四五六七八九十百零〇\d]+[章节条]")
"""A chapter's or an article's heading: a regulation's division, no benefit's heading."""


_TOPIC_END = regex.compile(r"[，,：:。；;]")


def _topic(q: Quantity, text: str) -> str | None:
    """For a value whose benefit's printed name is nowhere on its line (read from a heading above), the benefit its
    line's first clause names (江西 2020: ``在就业见习补贴上,支持实施…。其中,对吸纳…为见习对象``); else None."""
    name = q.benefit or ""
    start = q.evidence.span[0]
    line = text.rfind("\n", max(0, start - LINE_REACH), start) + 1 or max(0, start - LINE_REACH)
    stop = text.find("\n", start, start + LINE_REACH)
    if not name or text.find(name, line, min(len(text), start + LINE_REACH) if stop < 0 else stop) >= 0:
        return None
    m = _TOPIC_END.search(text, line, start)
    hits = list(benefits().find(text, line, m.start())) if m is not None else []
    return hits[-1][2] if len(hits) == 1 else None


def antecedent(q: Quantity, text: str) -> str | None:
    """The benefit a value of no benefit of the taxonomy is of, by what its paragraph or heading names, when its
    printed name is a generic head (``补贴``, ``贷款``, ``返还``) or it has none:

    - a value of a sentence that opens with one of ``anaphora_heads`` (compare_rules.yaml) is of the last benefit
      named before that sentence on its line whose name ends with that head (``实施阶梯性吸纳就业补贴政策。补贴标准为:
      …100人以下且稳定就业半年以上的,按每人1000元给予补贴``);
    - a value of a line that names no benefit is of the benefit named by the nearest heading line above it (a short
      line of no sentence's punctuation, not a chapter's or an article's, within ``HEADING_REACH`` lines, past
      headings and items ending with 。 or ； that name none: ``小微企业创业担保贷款和贴息标准`` above ``1.【贷款额度】:
      贷款额度最高不超过400万元。``; ``稳岗返还标准`` above ``大型企业按…的30%返还``), when that benefit's name ends with the
      value's printed head; else None."""
    head = regex.sub(r"[ \u3000]+", "", q.benefit or "")
    tax, heads = benefits(), compare_rules().anaphora_heads

    def of(lo: int, hi: int, ending: str) -> str | None:
        hits = [b for a, e, b in tax.find(text, lo, hi) if text[a:e].endswith(ending)]
        return hits[-1] if hits else None

    start = q.evidence.span[0]
    line = text.rfind("\n", max(0, start - LINE_REACH), start) + 1 or max(0, start - LINE_REACH)
    sentence = max(line - 1, *(text.rfind(c, line, start) for c in "。！？!?")) + 1
    opening = next((h for h in heads if text.startswith(h, sentence)), None)
    if sentence > line and opening is not None and head in ("", *heads) and (found := of(line, sentence, opening)):
        return found
    stops = [i for i in (text.find(c, start, start + LINE_REACH) for c in "。！？!?\n") if i >= 0]
    if next(tax.find(text, line, min(stops, default=min(len(text), start + LINE_REACH))), None) is not None:
        return None  # the value's sentence names a benefit: the value's own reading stands
    if line > 0 and text[line - 1] != "\n":  # a line longer than LINE_REACH: no heading above it is read
        return None
    end = line - 1
    for _ in range(HEADING_REACH):
        if end <= 0:
            return None
        begin = text.rfind("\n", 0, end) + 1
        row = text[begin:end].strip(" \u3000\t")
        heading = bool(_HEADING.fullmatch(row)) and not _NOT_HEADING.match(row)
        if heading and (found := of(begin, end, head)) is not None:
            return found
        if row and not heading and (not row.endswith(("。", "；", ";")) or next(tax.find(text, begin, end), None)):
            return None  # a wrapped line, or an item of another benefit
        end = begin - 1
    return None


def allocation(cls: str | None, benefit_ids: frozenset[str]) -> bool:
    """A value for a group that receives allocations (a bank's lending quota), unless the benefit asked is of a
    category such groups receive (awards)."""
    if cls is None:
        return False
    rules, tax = compare_rules(), groups()
    held = cls in rules.not_recipients or bool(rules.not_recipients & set(tax.ancestors(cls)))
    bens = benefits()
    return held and not any(bens.entries[b].kind in rules.unless_category for b in benefit_ids if b in bens.entries)


FORMAT_ORDER = ("text", "docx", "html", "pdf")
"""Of one document read from several formats, the one a comparison shows: the text first, a PDF last."""


def _same_document_key(doc: Document) -> tuple[str, str, str] | None:
    """Documents with one title, 文号 and date are one document, whatever format they were read from."""
    if not doc.title:
        return None
    return norm_title(doc.title), doc.doc_number.text if doc.doc_number else "", doc.date.isoformat() if doc.date else ""


def _year(doc: Document) -> int | None:
    """The year a document was issued: its date's, else its 文号's (平人社就业〔2023〕11号 printed without a date)."""
    if doc.date is not None:
        return doc.date.year
    return doc.doc_number.year if doc.doc_number is not None else None


def one_per_document(analyses: Iterable[Analysis]) -> tuple[list[Analysis], dict[str, list[Analysis]]]:
    """The analyses with one per document (the corpus holds the same documents as text, PDF and DOCX), and for
    each kept one the others of its document."""
    groups_of: dict[object, list[Analysis]] = {}
    for a in analyses:
        key = _same_document_key(a.document) or a.document.id
        groups_of.setdefault(key, []).append(a)
    kept, also = [], {}
    for group in groups_of.values():
        group.sort(key=lambda a: (FORMAT_ORDER.index(a.document.source.kind) if a.document.source.kind in FORMAT_ORDER
                                  else len(FORMAT_ORDER), a.document.id))
        kept.append(group[0])
        also[group[0].document.id] = group[1:]
    return kept, also


_JOINED = regex.compile(r"[ \u3000]*(?:、|和|或者|或|及|与|以及|[”“\"]*[（(])[ \u3000]*")
"""Between two benefit names one rule states together: ``社会保险补贴和岗位补贴``, ``“一奖一补”（交通补贴和务工奖补）``."""
_SENTENCE = "；;。！？!?\n"
_DIGITS = regex.compile(r"[\d一二两三四五六七八九十百千万]+(?:元|年|个月|%|周岁|岁)")


def joined_benefits(q: Quantity, text: str) -> frozenset[str]:
    """The benefits the value's sentence names together with the value's own, as one rule of them all
    (``就业困难人员享受社会保险补贴和岗位补贴的期限最长不超过三年``: the period of both); empty when it names its own
    alone, or names the others with numbers of their own (``3年五项社保补贴和1年岗位补贴``)."""
    own = q.benefit_id or _named(q.benefit or "")
    if own is None:
        return frozenset()
    start, end = q.evidence.span
    lo = max((text.rfind(c, max(0, start - 200), start) for c in _SENTENCE), default=-1) + 1
    hi = min((i for i in (text.find(c, end, end + 200) for c in _SENTENCE) if i >= 0), default=min(len(text), end + 200))
    hits = list(benefits().find(text, lo, hi))
    runs: list[list[tuple[int, int, str]]] = []
    for hit in hits:
        if runs and _JOINED.fullmatch(text, runs[-1][-1][1], hit[0]):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    for run in runs:
        ids = {b for _, _, b in run}
        if len(ids) > 1 and own in ids and not _DIGITS.search(text, run[0][0], run[-1][1]):
            aside = next((m for m in _ASIDE.finditer(text, end, hi) if m.start() <= run[0][0] < m.end()), None)
            if aside is not None and not _granted_outside(text, start, ids - {own}):
                continue  # named in an aside after the number (以…享受社会保险补贴和公益性岗位补贴时年龄为准) only
            return frozenset(ids)
    return frozenset()


_ASIDE = regex.compile(r"[（(][^（）()]*[）)]")


def _granted_outside(text: str, start: int, others: set[str]) -> bool:
    """Are the benefits ``others`` each named on the line (paragraph) of ``start`` outside brackets?"""
    lo, hi = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    hi = len(text) if hi < 0 else hi
    asides = [m.span() for m in _ASIDE.finditer(text, lo, hi)]
    named = {b for a, _, b in benefits().find(text, lo, hi) if not any(x <= a < y for x, y in asides)}
    return others <= named


def _parent(section: str) -> str:
    """The section above ``section`` (``一/（三）`` → ``一``); a top-level section is its own."""
    return section.rsplit("/", 1)[0]


_CHAPTER = regex.compile(r"第[一二三四五六七八九十百\d]+章")


@functools.lru_cache(maxsize=16)
def _general_chapters(text: str) -> frozenset[str]:
    """The chapters of ``text`` whose heading line is 总则 (``第一章 总 则``): a document's general provisions."""
    out = set()
    for line in text.split("\n"):
        flat = regex.sub(r"[ \u3000]+", "", line)
        m = _CHAPTER.match(flat)
        if m is not None and flat[m.end():] == "总则":
            out.add(m.group())
    return frozenset(out)


def _programme_rules(title: str, held: str) -> bool:
    """Does a document's title name the benefit ``held`` (``重庆市青年就业见习实施办法``: the rules of 就业见习)?"""
    return any(b == held for _, _, b in benefits().find(title))


def held_values(chosen: list[Quantity], query: str | None, text: str = "",
                quantities: Sequence[Quantity] = (), title: str = "") -> list[Quantity]:
    """Of the values ``matches_benefit`` took, those of a benefit the asked one only holds (compare_rules.yaml
    ``holds``: the programme a subsidy pays for, the designation an award rewards) are kept when they are sums, or
    when their section, or one beside it under the same heading, states a value of the benefit itself (the
    programme's terms where its subsidy is stated: #18 一/（一） 见习期限一般为3—12个月 beside 一/（三） the 见习补贴),
    so that the programme's or the designation's other figures (a community's employment rate, a training plan's
    head-counts) stay out; and never when they are the conditions of a rule that grants another benefit
    (对年度吸纳见习人员超过100人…的就业见习单位，…给予10万元的一次性奖补: the 见习基地's award, not the 见习补贴).
    In the programme's own rules (a document whose ``title`` names it: 重庆市青年就业见习实施办法), its general
    provisions (the chapter 总则) define the programme, who takes part and for how long (离校 2 年内未就业的高校毕业生,
    16－24 岁失业青年, 见习期限为1-12个月): their values are kept wherever the subsidy is stated. A document that
    states no value of the benefit itself keeps the windows and ages of who may take part (应县: 毕业2年内未就业高校毕业生
    可参加就业见习)."""
    if not query:
        return chosen
    proper = _ids(benefits(), query)

    def bid(q: Quantity) -> str | None:
        return q.benefit_id or _named(q.benefit or "")

    def held(q: Quantity) -> bool:
        return bid(q) is not None and bid(q) not in proper

    grants: dict[int, set[str]] = {}  # rule start -> the benefits its granted values are of
    if text:
        for q in quantities:
            if q.role == "parameter" and q.kind != "date" and (b := bid(q)) is not None and not in_condition(text, q.evidence.span[0]):
                grants.setdefault(rule_span(text, q.evidence.span[0]).start, set()).add(b)

    def claimed(q: Quantity) -> bool:
        if not text or not in_condition(text, q.evidence.span[0]):
            return False
        granted = grants.get(rule_span(text, q.evidence.span[0]).start, set())
        return bool(granted) and not granted & asked_ids(query)

    general = _general_chapters(text) if text and title else frozenset()

    def defines(q: Quantity) -> bool:  # in the general provisions of the programme's own rules
        b = bid(q)
        return b is not None and q.section.split("/", 1)[0] in general and _programme_rules(title, b)

    sections = {_parent(q.section) for q in chosen if not held(q)} | {q.section for q in chosen if q.kind == "money"}
    alone = bool(text) and not any(not held(q) for q in chosen)  # the document states no value of the benefit itself

    def who(q: Quantity) -> bool:  # who may take part: a window or age printed in a group's name
        return alone and q.kind in ("duration", "age") and qualified(text, *q.evidence.span) is not None

    return [q for q in chosen if not held(q) or (not claimed(q) and (q.kind == "money" or q.section in sections
                                                                     or _parent(q.section) in sections or defines(q)
                                                                     or who(q)))]


CONDITION_BOUNDS = ("min", "max", "range")


def granted_conditions(text: str, candidates: list[Quantity], chosen: list[Quantity]) -> list[Quantity]:
    """``chosen`` with the conditions of the rules it grants: a number of a rule's subject phrase (``对年度吸纳见习
    人员超过100人、留用率超过70%并稳定就业1年以上的就业见习单位，…给予10万元的一次性奖补``) bounds who gets the rule's
    amount, so it is a parameter of the benefit granted, whatever benefit its own words name (就业见习单位)."""
    granting = {rule_span(text, q.evidence.span[0]).start for q in chosen if not in_condition(text, q.evidence.span[0])}
    if not granting:
        return chosen
    taken = {q.id for q in chosen}
    extra = [q for q in candidates if q.id not in taken and q.bound in CONDITION_BOUNDS
             and in_condition(text, q.evidence.span[0]) and rule_span(text, q.evidence.span[0]).start in granting]
    return sorted(chosen + extra, key=lambda q: q.evidence.span) if extra else chosen


def analyses_to_table(
    analyses: Iterable[Analysis], benefit: str | None = None, group: str | None = None, kinds: Iterable[str] = KINDS
) -> CompareTable:
    """Compare the parameters of a benefit (and group) across analysed documents."""
    kinds = set(kinds)
    analyses, also = one_per_document(analyses)
    rows: list[Row] = []
    columns: dict[str, None] = {}
    tax = groups()
    asked = _ids(benefits(), benefit) if benefit else frozenset()  # the benefit's ids, for allocation()
    held_ids = asked_ids(benefit) if benefit else frozenset()  # with what it holds: 就业技能培训、创业培训 of a 培训补贴
    for analysis in analyses:
        doc = analysis.document
        quantities = [read_benefit(q, doc.text, doc.title) for q in analysis.quantities]
        candidates = [q for q in quantities if q.role == "parameter" and q.kind in kinds and not no_parameter(q, doc.text)]
        chosen = held_values([q for q in candidates if matches_benefit(q, benefit) or joined_benefits(q, doc.text) & held_ids],
                             benefit, doc.text, quantities, doc.instrument_title or doc.title or "")
        chosen = granted_conditions(doc.text, candidates, chosen)
        by_class: dict[str | None, list[Quantity]] = {}
        for q in chosen:
            if any(allocation(g, asked) for g in title_groups(doc.text, q.evidence.span[0])):
                continue  # an item of a list titled for a non-recipient (…作为反担保人的条件)
            for c in classes_of(q, doc.text):
                if not allocation(c, asked) and in_group(c, q, group):
                    by_class.setdefault(c, []).append(q)
        holding: dict[tuple[int, int], list[int]] = {}  # a span -> the provisions that hold a number of it, in order
        for k, p in enumerate(analysis.provisions):
            for q in p.quantities:
                holding.setdefault(q.evidence.span, []).append(k)
        for cls, qs in by_class.items():
            # the provisions holding a number of the row, in their order (each row scanned every provision's numbers)
            held = sorted({k for q in qs for k in holding.get(q.evidence.span, ())})
            conditions = [c for k in held for c in analysis.provisions[k].conditions + analysis.provisions[k].non_stacking]
            cells: dict[str, list[Value]] = {}
            for q in qs:
                col = column_of(q)
                columns.setdefault(col, None)
                bp = spread(q)
                cells.setdefault(col, []).append(Value(
                    value=bp[0] if bp else q.value, value_max=None if bp else q.value_max, groups=class_phrases(q, cls),
                    benefit=q.benefit, section=q.section,
                    quote=q.evidence.quote, page=q.evidence.page, line=q.evidence.line,
                ))
            rows.append(Row(
                doc_id=doc.id, formats=list(dict.fromkeys([doc.source.kind] + [a.document.source.kind for a in also[doc.id]])),
                sources=[a.document.id for a in also[doc.id]], recipient_class=cls, recipient=tax.entries[cls].name if cls else None, title=doc.title,
                region=doc.region, region_code=doc.region_code, level=doc.level, date=doc.date,
                year=_year(doc),
                doc_number=doc.doc_number.text if doc.doc_number else None, cells=cells,
                conditions=list(dict.fromkeys(conditions)),
            ))
    rows.sort(key=lambda r: (r.year or 0, r.region or "", r.doc_id, r.recipient_class or ""))
    return CompareTable(benefit=benefit, group=group, columns=sorted(columns), rows=rows)


ORDERS = ("region", "year", "level")
LEVEL_ORDER = ("national", "provincial", "municipal", "county", "district")


def order_rows(table: CompareTable, by: str) -> CompareTable:
    """The table with its rows grouped and ordered ``by`` region (then year), year (then region) or level
    (national first, then region and year); within a document its recipient classes in order."""
    def key(r: Row) -> tuple[object, ...]:
        level = LEVEL_ORDER.index(r.level) if r.level in LEVEL_ORDER else len(LEVEL_ORDER)
        region, year = r.region or "", r.year or 0
        head = {"region": (region, year), "year": (year, region), "level": (level, region, year)}[by]
        return (*head, r.doc_id, r.recipient_class or "")

    if by not in ORDERS:
        raise ValueError(f"cannot order by {by!r}: give one of {', '.join(ORDERS)}")
    return table.model_copy(update={"rows": sorted(table.rows, key=key)})
