"""The benefit a value printed with only a generic head is of, by the benefit the text named last before it
(``earlier_benefit``)."""

from __future__ import annotations

import functools
import itertools

import regex

from ..extract.taxonomy import benefits, groups
from ..records import Quantity
from ._compare_rules import compare_rules
from ._rule import rule_span

EARLIER_REACH = 600  # characters before a value within which the benefit its generic head refers to is named


@functools.cache
def _modifiers(words: tuple[str, ...]) -> regex.Pattern[str] | None:
    """A run of ``anaphora_modifiers`` (人均最高), compiled once; None when there are none."""
    return regex.compile("(?:" + "|".join(map(regex.escape, words)) + ")+") if words else None


def earlier_benefit(q: Quantity, text: str) -> str | None:
    """For a value whose printed name is a generic head (``anaphora_heads`` of compare_rules.yaml: ``返还``), or
    ends with one after the recipients it is for (``大型企业返还``; not ``经费补助``), the benefit of the taxonomy named last before it,
    within ``EARLIER_REACH`` characters, whose name ends with that head (楚雄 2023: ``根据2023年失业保险稳岗返还政策规定``
    … ``二、返还标准`` / ``大型企业按…的30%返还``); else None."""
    name = regex.sub(r"[ \u3000]+", "", q.benefit or "")
    tax = benefits()
    head = next((h for h in compare_rules().anaphora_heads if name.endswith(h)), None)
    if head is None or next(tax.find(name), None) is not None:
        return None
    prefix = name[: len(name) - len(head)]
    modified = (mods := _modifiers(compare_rules().anaphora_modifiers)) is not None and mods.fullmatch(prefix) is not None
    if prefix and not modified and next(groups().find(prefix), None) is None:
        return None  # 每年给予5万元经费补助: a sum of its own kind (经费), no restatement of the benefit before it
    start = q.evidence.span[0]
    hits = [b for a, e, b in tax.find(text, max(0, start - EARLIER_REACH), start) if text[a:e].endswith(head)]
    return hits[-1] if hits else None


_SENTENCE_STOP = regex.compile(r"[。；;！？!?\n]")
_HOLDER = regex.compile(r"[ \u3000]*(?:人员|的人员|者)")
"""What makes a benefit's name part of a recipient's (领取失业保险金人员: who draws the 失业保险金)."""


def holder_benefit(q: Quantity, text: str) -> str | None:
    """For a value whose printed name is a benefit named after it only as part of who receives the grant
    (``holders`` of a benefit: 新疆 2024 ``对参保缴费满1年、…的参保职工或领取失业保险金人员发放技能提升补贴``: the 1年 is of
    the 技能提升补贴, not of the 失业保险金 its recipients draw), the one benefit the rest of its sentence names after
    that name; else None."""
    name = regex.sub(r"[ \u3000]+", "", q.benefit or "")
    start, end = q.evidence.span
    if not name or text.rfind(name, max(0, start - EARLIER_REACH), start) >= 0:
        return None  # printed before the value: its name stands
    stop = _SENTENCE_STOP.search(text, end)
    hi = stop.start() if stop is not None else len(text)
    at = text.find(name, end, hi)
    if at < 0 or not _HOLDER.match(text, at + len(name)):
        return None
    later = {b for _, e, b in benefits().find(text, at + len(name), hi) if not _HOLDER.match(text, e)}
    return later.pop() if len(later) == 1 else None


_FULL_STOP = regex.compile(r"[。！？!?]")


def _stops_on_line(text: str, start: int) -> tuple[int, list[int]]:
    """Where the line holding ``start`` begins (within ``EARLIER_REACH``), and the sentence ends between it and ``start``."""
    line = text.rfind("\n", max(0, start - EARLIER_REACH), start) + 1
    return line, [m.start() for m in _FULL_STOP.finditer(text, line, start)]
_TO = regex.compile(r"[ \u3000]*对")
_DIGITS = regex.compile(r"\d")
_CASE = regex.compile(r"[ \u3000]*(?:对)?(?P<who>[^，,。；;：:！？!?\n]{2,16})的[ \u3000]*[，,]")


def sentence_before_benefit(q: Quantity, text: str) -> str | None:
    """For a value of no printed name whose sentence names no benefit before it and opens with a case of who
    receives it (a group's name, then 的 and a comma: ``合伙创业的,``), or with 对 after a sentence of no number (新疆
    2024: ``实施失业保险一次性扩岗补助政策。对招用2024年度及离校两年内未就业高校毕业生…``), the benefit the sentence right
    before it on its line names last (大庆: ``…可申请财政贴息的个人创业担保贷款,最高贷款额度为40万元。合伙创业的,最高不超过
    每人30万元的额度上限之和的110%、且不超过400万元``: the partnership's case of that loan); else None."""
    if regex.sub(r"[ \u3000]+", "", q.benefit or ""):
        return None
    start = q.evidence.span[0]
    line, stops = _stops_on_line(text, start)
    if not stops:
        return None
    tax = benefits()
    if next(tax.find(text, stops[-1] + 1, start), None) is not None:
        return None
    lo = stops[-2] + 1 if len(stops) > 1 else line
    case = _CASE.match(text, stops[-1] + 1, start)
    topic = _TO.match(text, stops[-1] + 1) is not None and _DIGITS.search(text, lo, stops[-1]) is None
    if not topic and (case is None or next(groups().find(case.group("who")), None) is None):
        return None  # neither a case of who receives it (合伙创业的,) nor a rule (对…) after a topic sentence of no number
    hits = list(tax.find(text, lo, stops[-1]))
    return hits[-1][2] if hits else None


_LIST_GAP = regex.compile(r"[ \u3000]*(?:、|和|及|与|以及)[ \u3000]*\p{Han}{0,4}?")
"""Between two names of a list, the second with a modifier of its own (``创业场租补贴、自主创业社会保险补贴``)."""


def merged_benefit(q: Quantity, text: str) -> str | None:
    """For a value after a list of benefits its sentence merges (``merge_verbs``: ``整合一次性创业补贴、创业场租补贴、
    自主创业社会保险补贴等政策,…给予15000元的扶持``) and names no other benefit after, the benefit the sentence before it on
    its line names last (``…实施高校毕业生创业补贴“归集简办”政策。``: the merged payment); else None."""
    verbs = compare_rules().merge_verbs
    if not verbs:
        return None
    start = q.evidence.span[0]
    line, stops = _stops_on_line(text, start)
    if not stops:
        return None
    lo = stops[-1] + 1
    tax = benefits()
    hits = list(tax.find(text, lo, start))
    if not hits:
        return None
    first = hits[0][0]
    if not text[max(lo, first - 4) : first].rstrip(" \u3000").endswith(verbs):
        return None
    # the names after the verb make one list (…、…、…等): none named after it
    for (_, e, _), (a, _, _) in itertools.pairwise(hits):
        if not _LIST_GAP.fullmatch(text, e, a):
            return None
    before = list(tax.find(text, stops[-2] + 1 if len(stops) > 1 else line, stops[-1]))
    return before[-1][2] if before else None


GRANT_HEAD_GAP = 8  # characters between a rule's grant verb and the generic head it grants (给予一定数额补贴)


def grant_head_benefit(q: Quantity, text: str) -> str | None:
    """For a value of no printed name in a rule whose grant gives only a generic head (``anaphora_heads``), after a
    few words that name no benefit (山西 2023: ``对毕业年度和离校2年内未就业高校毕业生实现灵活就业后…的,给予一定数额补贴``),
    the benefit of the taxonomy named last before the rule, within ``EARLIER_REACH`` characters, whose name ends with
    that head (``…给予其本人一定数额社会保险补贴``); else None."""
    if regex.sub(r"[ \u3000]+", "", q.benefit or ""):
        return None
    start = q.evidence.span[0]
    span = rule_span(text, start)
    if span.grant is None or span.grant < start:
        return None
    words = compare_rules().anaphora_heads
    tail = text[span.grant : min(span.end, span.grant + 2 + GRANT_HEAD_GAP + max(map(len, words), default=0))]
    head = next((h for h in words if h in tail), None)
    if head is None or next(benefits().find(tail), None) is not None:
        return None
    hits = [b for a, e, b in benefits().find(text, max(0, span.start - EARLIER_REACH), span.start)
            if text[a:e].endswith(head)]
    return hits[-1] if hits else None
