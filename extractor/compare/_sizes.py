"""Recipient classes by a firm's kind or size: two values a rule gives two recipients ``分别`` (``对…中小微企业和
大型企业分别按照…90%和30%标准返还``), and the other insured bodies a firm class is listed with (``中小微企业、社会团体、
基金会…按60%返还``: the firms' row); the payer a rate is printed for (``单位费率0.5%``); the certificate level a sum is for (``初级1000元``)."""

from __future__ import annotations

import regex

from ..extract.taxonomy import groups
from ..records import Quantity
from ._compare_rules import compare_rules
from ._rule import most_specific, rule_span

PAIR_GAP = 30  # characters of no punctuation between 分别 and the first of its two values
_NUMBER = r"\d+(?:\.\d+)?(?:%|万元|元|个月|年|岁|人)?"
_PAIR = regex.compile(r"分别[^，,。；;：:！？!?\n]{0," + str(PAIR_GAP) + r"}?(?P<a>" + _NUMBER + r")(?:和|与|及|、)(?P<b>" + _NUMBER
                      + r")(?![\d、])")
_TWO = regex.compile(r"(?P<x>[^，,。；;：:的对和与及、]{2,12})(?:和|与|及)(?P<y>[^，,。；;：:的对和与及、]{2,12})$")
_CLAUSE_START = regex.compile(r"[，,。；;：:！？!?\n]")
SUBJECT_REACH = 40  # characters before 分别 read for the two recipients


def _one(phrase: str) -> str | None:
    found = most_specific(g for _, _, g in groups().find(phrase))
    return found[0] if len(found) == 1 else None


def paired_class(text: str, start: int) -> str | None:
    """The class of a value that is the first or the second of two values a rule gives, ``分别``, to the two
    recipients joined by 和 (与, 及) right before it (泸州 2022: ``对不裁员或少裁员的中小微企业和大型企业分别按照上年度
    实际缴纳失业保险费的90%和30%标准返还``: 90% is 中小微企业's, 30% 大型企业's, the firms, enterprise); None
    otherwise."""
    lo = max(0, start - PAIR_GAP - 20)
    for m in _PAIR.finditer(text, lo, min(len(text), start + 20)):
        if start not in (m.start("a"), m.start("b")):
            continue
        subject_lo = max(0, m.start() - SUBJECT_REACH)
        opened = [c.end() for c in _CLAUSE_START.finditer(text, subject_lo, m.start())]
        subject = text[opened[-1] if opened else subject_lo : m.start()].rstrip(" \u3000")
        two = _TWO.search(subject)
        if two is None:
            return None
        x, y = _one(two.group("x")), _one(two.group("y"))
        if x is None or y is None or x == y:
            return None
        return x if start == m.start("a") else y
    return None


def _other_body(gid: str) -> bool:
    """A body insured as an employer that is no firm (社会团体, 事业单位): an institution under the employers."""
    tax = groups()
    e = tax.entries[gid]
    return e.kind == "institution" and "employer" in tax.ancestors(gid)


PAYER_GAP = ("为", "是", "至", "降至", "降低至")  # what may stand between a payer's rate and its number


def payer_class(text: str, start: int) -> str | None:
    """The class of the payer a rate is printed for right before it (``rate_payers`` of compare_rules.yaml: 新疆
    2024 ``其中单位费率0.5%、个人费率0.5%``: the employer's and the employee's), or None."""
    payers = compare_rules().rate_payers or {}
    before = text[max(0, start - 12) : start].rstrip(" \u3000")
    for gap in ("", *PAYER_GAP):
        if before.endswith(gap):
            head = before[: len(before) - len(gap)]
            hit = max((w for w in payers if head.endswith(w)), key=len, default=None)
            if hit is not None:
                return payers[hit]
    return None


_SENTENCE_STOP = regex.compile(r"[。；;！？!?\n]")
LEVEL_LIST = 2  # levels a sentence must list, each right before a number, for a bare level word to name a class


def level_class(text: str, start: int) -> str | None:
    """The certificate level a sum is for, printed bare right before it in a list of levels and sums (``level_names``
    of compare_rules.yaml: 昆明 2022 ``补贴标准为初级1000元,中级1500元,高级2000元``), or None."""
    levels = compare_rules().level_names or {}
    before = text[max(0, start - 6) : start].rstrip(" \u3000")
    word = max((w for w in levels if before.endswith(w)), key=len, default=None)
    if word is None:
        return None
    stops = [m.start() for m in _SENTENCE_STOP.finditer(text, max(0, start - 400), min(len(text), start + 400))]
    lo = max((i + 1 for i in stops if i < start), default=max(0, start - 400))
    hi = min((i for i in stops if i >= start), default=min(len(text), start + 400))
    listed = regex.findall("(?:" + "|".join(map(regex.escape, sorted(levels, key=len, reverse=True))) + r")[ \u3000]*\d",
                           text[lo:hi])
    return levels[word] if len(listed) >= LEVEL_LIST else None


_SUBJECT = regex.compile(r"[ \u3000]*(?:\d+[.．、])?[ \u3000]*对(?P<items>[^，,。；;：:！？!?\n]{4,80})[，,]")
ITEM_HEAD = 2  # characters into a list item within which its recipient's name must start


def listed_parts(text: str, start: int) -> list[str]:
    """The recipients of a rule whose subject lists, after 对, one part per recipient, each item opening with its
    name (四川 2025: ``对个人创业担保贷款30万元以下、小微企业创业担保贷款400万元以下的部分，财政部门给予贷款实际利率50%的
    财政贴息``: the 50% is the individuals' and the small firms'); else none."""
    span = rule_span(text, start)
    m = _SUBJECT.match(text, span.start)
    if m is None or m.end() > start:
        return []
    out: list[str] = []
    at = m.start("items")
    for item in m.group("items").split("、"):
        hit = next(groups().find(text, at, at + len(item)), None)
        if hit is None or hit[0] - at > ITEM_HEAD:
            return []
        out.append(hit[2])
        at += len(item) + 1
    return list(dict.fromkeys(out)) if len(set(out)) >= 2 else []


def size_classes(q: Quantity, text: str, found: list[str | None]) -> list[str | None]:
    """The classes ``classes_of`` found for ``q``, read by a firm's kind or size: a value two recipients share
    ``分别`` (``paired_class``) is the one's it is printed for; of a firm class listed with other insured bodies
    (楚雄 2023: ``中小微企业、社会团体、基金会、社会服务机构、律师事务所、会计师事务所、以单位形式参保的个体工商户按60%
    返还``), the firms' class alone (the others extend the firms' rate)."""
    paired = paired_class(text, q.evidence.span[0])
    if paired is not None:
        return [paired]
    if q.kind == "money" and (level := level_class(text, q.evidence.span[0])) is not None:
        return [level]
    if q.kind == "percent" and found == [None] and (payer := payer_class(text, q.evidence.span[0])) is not None:
        return [payer]
    if found == [None] and (parts := listed_parts(text, q.evidence.span[0])):
        return [*parts]
    tax = groups()
    firms = [c for c in found if c is not None and tax.entries[c].kind == "enterprise"]
    if firms and len(firms) < len(found) and all(c in firms or (c is not None and _other_body(c)) for c in found):
        return list(firms)
    return found
