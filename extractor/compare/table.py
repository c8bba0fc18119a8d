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
from ._sizes import size_classes
from .benefit_of import _named, joined_benefits, read_benefit
from .benefit_of import benefit_parts as benefit_parts
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
    ``holds``: the programme a subsidy pays for, the designation an award rewards) are kept when they are sums or
    rates of a sum (天津: ``按照本市最低工资标准的80%…生活费补贴``), or
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

    def paid(q: Quantity) -> bool:  # a sum, or a rate of a sum (按照本市最低工资标准的80%)
        return q.kind == "money" or (q.kind == "percent" and bool(q.base) and _SUM_BASE.search(q.base or "") is not None)

    def who(q: Quantity) -> bool:  # who may take part: a window or age printed in a group's name
        return alone and q.kind in ("duration", "age") and qualified(text, *q.evidence.span) is not None

    return [q for q in chosen if not held(q) or (not claimed(q) and (paid(q) or q.section in sections
                                                                     or _parent(q.section) in sections or defines(q)
                                                                     or who(q)))]


_SUM_BASE = regex.compile(r"(?:工资|收入|标准|费用?)$")
"""A base that is a sum paid (最低工资标准, 实际费用): a rate of it is a sum's parameter, like the sum itself."""
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
            for c in size_classes(q, doc.text, classes_of(q, doc.text)):
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
