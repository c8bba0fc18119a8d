"""The numbers of a document that are no benefit's parameter whatever their words name (``no_parameter``): the
period of records to hand in, a penalty, a procedure's deadline, a payer's share and the others that the tables
of ``data/compare_rules.yaml`` list; with the clauses and sentences they are read in, found once per text."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable

import regex

from ..records import Quantity
from ._compare_rules import CompareRules, compare_rules

_CLAUSE_END = "，,；;。！？!?\n"


_CLAUSE_END_RE = regex.compile(f"[{regex.escape(_CLAUSE_END)}]")
_PER_ONE = regex.compile(r"每\p{Han}{0,3}$")
"""每 and a verb right before a count of one (每招用1人): the unit a sum is paid per."""


@functools.lru_cache(maxsize=16)
def _clause_ends(text: str) -> tuple[int, ...]:
    """Where ``text``'s clauses end, found once per text (a str caches its hash: a lookup is cheap)."""
    return tuple(m.start() for m in _CLAUSE_END_RE.finditer(text))


def _clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding ``text[start:end]``: from after the clause end before ``start`` to the first at or after
    ``end`` (by bisection: a search per quantity for each end character scanned to the text's end when one was absent)."""
    ends = _clause_ends(text)
    k = bisect.bisect_left(ends, start)
    lo = ends[k - 1] + 1 if k else 0
    j = bisect.bisect_left(ends, end)
    return lo, ends[j] if j < len(ends) else len(text)


@functools.lru_cache(maxsize=16)
def _words_of(text: str) -> dict[str, list[int]]:
    """Where each word asked of ``text`` starts (overlapping occurrences too), found once per text and word."""
    return {}


def _holds(text: str, words: Iterable[str], lo: int, hi: int) -> bool:
    """``any(w in text[lo:hi] for w in words)``, by bisection over each word's occurrences (the slice and its scan
    were a clause's length for each number: the text's, in a text of no clause ends)."""
    found = _words_of(text)
    for w in words:
        if w not in found:
            starts, at = [], text.find(w) if w else -1
            while at >= 0:
                starts.append(at)
                at = text.find(w, at + 1)
            found[w] = starts
        k = bisect.bisect_left(found[w], lo)
        if not w or (k < len(found[w]) and found[w][k] + len(w) <= hi):
            return True
    return False


_SENTENCE_END_RE = regex.compile(r"[。；;\n]")


@functools.lru_cache(maxsize=16)
def _sentence_ends(text: str) -> list[int]:
    return [m.start() for m in _SENTENCE_END_RE.finditer(text)]


def no_parameter(q: Quantity, text: str) -> bool:
    """A number that is no benefit's parameter whatever its words name: the period of records to hand in
    (``record_period``), a penalty (``处一千元至一万元的罚款``), a deadline of a procedure (``自受理申请之日起七个工作日
    内进行审核``, ``…之日起六个月内，…办理…手续``), a payer's share (``各负担百分之五十``), the unit a period is counted in
    (``每满半年``), the period a base is averaged over (``十二个月平均缴费工资``), a rounding rule (``不足一个月的部分``),
    the ×100% of a rate's formula (``留用人数÷年度审核通过人员数×100%``), what a worked example assumes (``按见习6个月
    测算``), a term's number restated in its definition (``离校两年内未就业是指…之日起的两年内``), a bound printed again
    as the part beyond it or its negation (``四年以上的，超过四年的部分``, ``累计满一年，或者不满一年但…``), a sentence
    that leaves its matter to later rules (``三年期满的相关办法另行制定``) or the children that make a family a
    recipient (``只生育一个子女的夫妻``), by the tables of compare_rules.yaml."""
    rules = compare_rules()
    start, end = q.evidence.span
    lo, hi = _clause_of(text, start, end)
    if _holds(text, rules.penalty_words, lo, hi):
        return True
    before = text[max(0, start - 6) : start].rstrip(" \u3000")
    after = text[end : end + 4].lstrip(" \u3000")
    if rules.raised_from and before.endswith(rules.raised_from) and _raised(text, end, rules.raised_to):
        return True  # 由20万元提高至30万元, 从60%最高提至90%: the former value
    if rules.raised_over and after.startswith(rules.raised_over) and _raised_over(text, end, rules):
        return True  # 在…最高贷款额度20万元基础上,提高到50万元: the former value
    if q.kind == "percent" and _RATIO.search(q.evidence.quote) and after.startswith(rules.share_after):
        return True  # 由省、市县财政按5:5分担: how payers share a cost
    if q.kind == "money" and rules.base_figures and _base_figure(text, start, rules.base_figures):
        return True  # 如海口市最低工资标准为1670元: the figure of a rate's base
    if q.kind == "duration" and rules.one_off_words and before.endswith(("，", ",", "；", ";")) \
            and (m := _ONE_OFF_TIME.match(text, end)) is not None and text.startswith(rules.one_off_words, m.end()):
        return True  # …的,半年内可给予一次性初始创业补贴: when a one-off sum is paid (a clause of its own, no 离校2年内)
    if q.kind == "duration" and rules.plan_nouns and _plan_span(rules.plan_nouns).match(text, end):
        return True  # 三年青年见习计划, 稳定就业三年行动计划: the span of a plan
    if q.kind == "count" and q.value == 1 and q.evidence.quote == "一次" and after.startswith(rules.per_time_after):
        return True  # 贷款期限一次最长不超过3年: at a time, no count
    if q.kind == "count" and q.value == 1 and _PER_ONE.search(before):
        return True  # 可按每招用1人不超过1500元的标准发放: the unit a sum is paid per, no count
    if q.kind == "count" and after.startswith(rules.family_children):
        return True  # the children that make the family a recipient (只生育一个子女的夫妻)
    if q.kind == "duration" and rules.extension_before and before.endswith(rules.extension_before):
        return True  # 阶段性降低失业保险费率至1%的政策延续实施一年: the span a policy is extended by
    if q.kind == "money" and rules.relief_verbs and _holds(text, rules.relief_verbs, lo, start):
        return True  # 为各类参保单位2022年度减缴失业保险费1.9亿元: the relief a measure brings in total
    if q.kind == "percent" and before.endswith(rules.share_before):
        return True  # a payer's share (各负担百分之五十)
    if q.kind == "percent" and q.value == 100 and rules.conversion_before and before.endswith(rules.conversion_before):
        return True  # a rate's formula written as a percentage (留用人数÷年度审核通过人员数×100%)
    if rules.assumed_after and after.startswith(rules.assumed_after):
        return True  # 按见习6个月测算: what a worked example assumes, not what the rule grants
    if rules.defines and _restated(q, text, rules.defines):
        return True  # 离校两年内未就业是指毕业证书发证之日起的两年内: the term's own 两年, restated
    if rules.deferred and _holds(text, rules.deferred, *_sentence_of(text, start, end)):
        return True  # 三年期满的相关办法另行制定: what is left to later rules
    if any(before.endswith(w) and after.startswith(a) for w, _, a in (x.partition("…") for x in rules.again_before)) \
            and _printed_before(q, text):
        return True  # 四年以上的，超过四年的部分; 满一年，或者不满一年但…; 满十二个月的，其中的十二个月: the bound again
    if q.kind == "duration" and before.endswith(rules.rounding_before) and after.startswith(rules.rounding_after):
        return True  # a rounding rule (不足一个月的部分按照一个月计算)
    if q.kind == "duration" and (before.endswith(rules.count_unit_before) or after.startswith(rules.average_after)):
        return True  # the unit a period is counted in (每满半年), the period a base is averaged over (十二个月平均缴费工资)
    if q.kind == "duration" and after.startswith("内"):
        if q.unit == "day" and _holds(text, rules.procedure_verbs, end, hi):
            return True
        ends = _sentence_ends(text)  # the first of 。；;\n at or after end
        k = bisect.bisect_left(ends, end)
        sentence_end = ends[k] if k < len(ends) else len(text)
        if before.endswith(rules.deadline_from) and _holds(text, rules.procedure_nouns, end, sentence_end):
            return True  # …之日起六个月内，凭…到…办理…手续
    return record_period(q, text)


RAISE_GAP = 3  # what may stand between the former value and its verb (从60%最高提至90%)
_ONE_OFF_TIME = regex.compile(r"内[ \u3000]*(?:可以|可|将)?[ \u3000]*(?:给予|发放|缴纳|支付)?[ \u3000]*")
_RATIO = regex.compile(r"\d[ \u3000]*[:：][ \u3000]*\d")
_IS = regex.compile(r"[ \u3000]*(?:为|是)[ \u3000]*$")


def _raised_over(text: str, end: int, rules: CompareRules) -> bool:
    """Is the number ending at ``end`` the base of a raise: ``基础上`` (``raised_over``), then within a few characters
    a verb of ``raised_to`` (``…20万元基础上,提高到50万元``)?"""
    gap = len(text[end : end + 4]) - len(text[end : end + 4].lstrip(" \u3000"))  # 20万元 基础上: spaces before it
    word = next((w for w in rules.raised_over if text.startswith(w, end + gap)), None)
    if word is None:
        return False
    at = end + gap + len(word)
    window = text[at : at + 4 + max(map(len, rules.raised_to), default=0)].lstrip(" \u3000，,")
    return any(window.startswith(v) or window[1:].startswith(v) or window[2:].startswith(v) for v in rules.raised_to)


def _base_figure(text: str, start: int, bases: tuple[str, ...]) -> bool:
    """Is the sum at ``start`` printed as the figure of a base (``最低工资标准为1670元``) that its line takes a rate of
    (``按当地最低工资标准的80%``)? A base the benefit is paid at in full (补贴标准为当地最低工资标准。…最低工资标准为1520元)
    is the benefit's sum."""
    lo = max(0, start - max(map(len, bases)) - 4)
    m = _IS.search(text, lo, start)
    base = next((b for b in bases if m is not None and text[lo : m.start()].endswith(b)), None)
    if base is None:
        return False
    line_lo, line_hi = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    line = text[line_lo : len(text) if line_hi < 0 else line_hi]
    return regex.search(regex.escape(base) + r"的[ \u3000]*\d+(?:\.\d+)?[ \u3000]*[%％]", line) is not None



def _raised(text: str, end: int, verbs: tuple[str, ...]) -> bool:
    """Is the number ending at ``end`` followed, within ``RAISE_GAP`` characters of no punctuation, by a verb of a
    raise or a cut (``提高至``, ``提至``)?"""
    window = text[end : end + RAISE_GAP + max(map(len, verbs), default=0)]
    return any(0 <= (at := window.find(v)) <= RAISE_GAP and not _CLAUSE_END_RE.search(window, 0, at) for v in verbs)


@functools.lru_cache(maxsize=4)
def _plan_span(nouns: tuple[str, ...]) -> regex.Pattern[str]:
    """A plan's name right after a duration: a few characters of no punctuation that do not make the duration a
    window (内, 以上, 后 …), then a plan noun (``三年|青年见习计划``)."""
    return regex.compile(r"(?![内以后前之的起满来])\p{Han}{0,6}?(?:" + "|".join(map(regex.escape, nouns)) + ")(?!内)")


def _restated(q: Quantity, text: str, defines: tuple[str, ...]) -> bool:
    """Is ``q`` in the definition of a term that prints the same number (``离校两年内未就业是指毕业证书发证之日起的两年
    内``: the second 两年 restates the term's)?"""
    start = q.evidence.span[0]
    lo = max((text.rfind(c, 0, start) for c in "；;。\n"), default=-1) + 1
    at = max(text.rfind(w, lo, start) for w in defines)
    return at >= 0 and q.evidence.quote in text[lo:at]


_FULL_STOP_RE = regex.compile(r"[。；;！？!?]")


@functools.lru_cache(maxsize=16)
def _full_stops(text: str) -> list[int]:
    return [m.start() for m in _FULL_STOP_RE.finditer(text)]


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (between 。；; …, over the line breaks of a wrapped text) holding ``text[start:end]``."""
    ends = _full_stops(text)
    k = bisect.bisect_left(ends, start)
    lo = ends[k - 1] + 1 if k else 0
    j = bisect.bisect_left(ends, end)
    return lo, ends[j] if j < len(ends) else len(text)


def _printed_before(q: Quantity, text: str) -> bool:
    """Is ``q``'s number printed as it is earlier in its sentence?"""
    start = q.evidence.span[0]
    lo = max((text.rfind(c, 0, start) for c in "；;。\n"), default=-1) + 1
    return text.find(q.evidence.quote, lo, start) >= 0


def record_period(q: Quantity, text: str) -> bool:
    """Is ``q`` the period of records an applicant hands in (``最近两年的经营情况报告``, ``最近6个月的工资发放表``)?"""
    if q.kind != "duration":
        return False
    rules = compare_rules()
    start, end = q.evidence.span
    if not text[max(0, start - 4) : start].rstrip(" \u3000").endswith(rules.record_before):
        return False
    stop = _clause_of(text, start, end)[1]
    return _holds(text, rules.record_nouns, end, stop)
