"""What an amount is counted per, and what a rate is a rate of; the words are the ``per`` and ``base`` tables of
``data/context_rules.yaml``."""

from __future__ import annotations

import functools

import regex

from ..records.vocab import Per
from ._clause import Words
from .find import Found
from .rules import alternation, context_rules

_P = context_rules().per
_B = context_rules().base
_BASE_TRIGGERS = regex.compile(alternation(_B.triggers) + "$")

_Marker = tuple[int, tuple[Per, ...]]
_LISTED = regex.compile(r"(?:[ \u3000]*、[ \u3000]*[\d.]+[ \u3000]*[万千]?[ \u3000]*元)+")
_ONE_LISTED = regex.compile(r"[ \u3000]*、[ \u3000]*[\d.]+[ \u3000]*[万千]?[ \u3000]*元|(?!)")
"""One amount of ``_LISTED`` (``|(?!)``: no search of the rest of the text for its literal before each match)."""


def _listed_end(text: str, at: int, end: int) -> int:
    """``_LISTED.match(text, at, end).end()``, or ``at`` when it does not match: one amount at a time (the greedy
    repetition, followed by nothing, never gives back an amount), each offset's answer kept for the text, so that
    the numbers of a list of thousands of amounts do not each match the rest of the list again."""
    memo = _listed_memo(text)
    path: list[int] = []
    pos = at
    while (pos, end) not in memo:
        m = _ONE_LISTED.match(text, pos, end)
        if m is None:
            memo[pos, end] = pos
            break
        path.append(pos)
        pos = m.end()
    found = memo[pos, end]
    for p in path:
        memo[p, end] = found
    return found


@functools.lru_cache(maxsize=2)
def _listed_memo(text: str) -> dict[tuple[int, int], int]:
    return {}


POINTS_PER: tuple[tuple[regex.Pattern[str], Per], ...] = (
    (regex.compile(r"满[1一]年[ \u3000]*[积加减扣][ \u3000]*$"), "year"),  # 每满1年加2分: points per year
    (regex.compile(r"每条[^，。；]{0,8}[积加减扣][ \u3000]*$"), "time"),  # 每条记录减12分: points per record
)
"""Points of a points system and what they are counted per, from the words right before them."""
WORDS = (*(marker for marker, _ in _P.before), *_P.one_off)
"""The literal words the per reader looks for in a clause (indexed once per text: ``TextIndex.words``)."""


def _nearest(text: str, a: int, b: int, words: Words | None = None, rate: bool = False) -> tuple[tuple[Per, ...], tuple[Per, ...]]:
    """The subject of the nearest subject marker and the period of the nearest period marker in ``text[a:b]``
    (for a ``rate``, a marker that names the measure it is a multiple of is none)."""
    subject: _Marker | None = None
    period: _Marker | None = None
    for marker, values in _P.before:
        i = text.rfind(marker, a, b) if words is None else words.last_in(marker, a, b)
        # 人均纯收入一倍至三倍的扶助金: a multiple of an income per head is no sum per person (人均收入低于2万元, the
        # income itself, is one)
        if i < 0 or (rate and _P.not_a_subject.match(text, i)):
            continue
        subj = tuple(v for v in values if v in _P.subjects)
        per = tuple(v for v in values if v not in _P.subjects)
        if subj and (subject is None or i > subject[0]):
            subject = (i, subj)
        if per and (period is None or i > period[0]):
            period = (i, per)
    return (subject[1] if subject else ()), (period[1] if period else ())


def read_per(text: str, f: Found, clause_start: int, clause_end: int, words: Words | None = None) -> tuple[Per, ...]:
    """What the number is counted per: the nearest subject marker (每人, 每家企业…) and the nearest period
    marker (每月, 每年…) before it in its clause; for a duration, count or rate only markers right before it;
    then a yearly measure (年补贴), a marker after it (元/人) and 一次性. ``words``, the text's occurrences of
    ``WORDS``, make each look-up a bisection."""
    if f.kind == "count" and text[f.end - 1] == "分":  # points take only the period of their rate (每满1年加2分)
        return tuple(per for rate, per in POINTS_PER if rate.search(text, clause_start, f.start))
    if f.column is not None:  # a bare cell of a table: its column's header says (年度最高支付限额（元/人）)
        return _column_per(f.column)
    near = _P.near_chars if f.kind in _P.near_kinds else 10_000
    subject, period = _nearest(text, max(clause_start, f.start - near), f.start, words, rate=f.kind == "percent")
    out = list(subject + period)
    if f.kind in _P.near_kinds:
        # 按日加收欠缴额万分之五, 每年给予双方各十日: a period opening the verb of the grant, 各 before the days
        pre = text[max(clause_start, f.start - 16) : f.start]
        out += [r.per for r in _P.governing if f.kind in r.kinds and r.per not in out and r.pattern.search(pre)]
    if f.kind in ("money", "count") and "year" not in out and _P.yearly.search(text[max(clause_start, f.start - 16) : f.start]):
        out.append("year")
    if f.kind == "money" and not period and "month" not in out and _P.monthly.search(text[max(clause_start, f.start - 16) : f.start]):
        out.append("month")  # 月营业额不超过10万元, 月最低工资标准为1720元
    # A元、B元、C元/人·月: the marker after a list of amounts is each one's
    listed = _listed_end(text, f.end, clause_end) if f.kind == "money" else f.end
    after = text[listed : listed + 6]
    for rule in _P.after:
        if rule.pattern.match(after) and rule.per not in out:
            out.append(rule.per)
    one_off = (any(w in text[clause_start:clause_end] for w in _P.one_off) if words is None
               else words.any_in(_P.one_off, clause_start, clause_end))
    if one_off and (f.kind == "money" or (f.kind in ("duration", "percent") and _P.one_off_sum.match(text, f.end, clause_end))):
        out.append("one_off")  # 一次性发给六个月失业保险金标准的丧葬补助金: the months measure the sum paid once
    return tuple(out)


def lead_in_per(text: str, lead: tuple[int, int], words: Words | None = None) -> tuple[Per, ...]:
    """What the amounts of a list are counted per, said by its lead-in (每户家庭最低月租房补贴额为：市内六区240元,
    …: household and month): its per markers and its monthly or yearly measure."""
    a, b = lead
    subject, period = _nearest(text, a, b, words)
    out = list(subject + period)
    if "year" not in out and _P.yearly.search(text, a, b):
        out.append("year")
    if not period and "month" not in out and _P.monthly.search(text, a, b):
        out.append("month")
    return tuple(out)


_COLUMN_UNIT = regex.compile(r"[（(][元%％]([^（()）]*)[）)]")


def _column_per(header: str) -> tuple[Per, ...]:
    """What a table column's numbers are counted per: the header's per markers, its unit's (（元/人）) and 年度."""
    subject, period = _nearest(header, 0, len(header))
    out = list(subject + period)
    unit = _COLUMN_UNIT.search(header)
    for rule in _P.after if unit else ():
        if rule.pattern.match(unit.group(1)) and rule.per not in out:  # type: ignore[union-attr]
            out.append(rule.per)
    if "year" not in out and _P.yearly.search(header):
        out.append("year")
    return tuple(out)


_BASE_PHRASE = regex.compile(r"([\p{Han}“”（）()]{2,16})$")
_BASE_OPENER = regex.compile(r"^(?:其中|的|其)+")


def read_base(text: str, f: Found, clause_start: int) -> str | None:
    """What a rate is a rate of: the noun phrase right before it, after the last word that introduces a rate
    (``按照当地最低工资标准的 70%`` -> 当地最低工资标准)."""
    if f.base_hint:
        return f.base_hint
    end = f.start
    while end > clause_start and text[end - 1] in " \u3000":
        end -= 1
    end -= end > clause_start and text[end - 1] == "的"
    # the phrase is at most 16 characters, and the one before it tells whether it follows a number: the clause's
    # last 17 characters are all that is read (the whole clause made the reader quadratic in a long one)
    pre = text[max(clause_start, end - 17) : end]
    m = _BASE_PHRASE.search(pre)
    if m is None:
        return None
    after_number = m.start() > 0 and pre[m.start() - 1].isdigit()
    phrase = m.group(1)
    # a threshold names its measure before the bound word: "留用率超过70%" -> 留用率
    while (t := _BASE_TRIGGERS.search(phrase)) is not None and t.start() > 0:
        phrase = phrase[: t.start()]
    if _BASE_TRIGGERS.search(phrase):
        return None
    # cut at the last trigger word inside the phrase
    for k in range(len(phrase) - 2, -1, -1):
        if _BASE_TRIGGERS.search(phrase[: k + 1]) and k + 1 < len(phrase):
            phrase = phrase[k + 1 :]
            after_number = False
            break
    if after_number:
        return None  # "超过100人的企业下降为8%": the words right after a number are no base
    phrase = _BASE_OPENER.sub("", phrase)  # "其中雇主缴费比例为百分之二": 其中 opens the clause
    if len(phrase) < 2 or phrase.endswith(_B.not_ending):
        return None
    return phrase
