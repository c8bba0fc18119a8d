"""The bound of a number (exact, max, min, range) and the words that set it; the words are the ``bound`` table
of ``data/context_rules.yaml``."""

from __future__ import annotations

import regex

from ..records.vocab import Bound, QuantityKind
from ._anchor import counted_as_cap
from .find import Found
from .rules import alternation, context_rules

_R = context_rules().bound
BOUND_AFTER = _R.max_after + _R.min_after
"""Every word that bounds the number it follows (以上, 以下, 以内…)."""


def _applies(word: str, kind: QuantityKind) -> bool:
    """Whether ``word`` bounds a number of ``kind`` (近 bounds a duration only; 内 no money, rate or count)."""
    only = _R.only_for_kinds.get(word)
    return (only is None or kind in only) and kind not in _R.not_for_kinds.get(word, frozenset())


def _after(post: str, kind: QuantityKind) -> tuple[Bound, str] | None:
    """A bound word right after the number: 以下, 以内 (max); 以上, （含）, 起 (min); （含） 以下 (max); 前 after an
    age (max)."""
    if kind == "age" and post.startswith(_R.age_ends_before):
        return "max", next(w for w in _R.age_ends_before if post.startswith(w))
    if kind == "age" and (m := _UNTIL_EVENT.match(post)) is not None:
        return "min", m.group(0)
    for w in _R.max_after:
        if post.startswith(w) and _applies(w, kind):
            return "max", w
    for w in _R.min_after:
        if post.startswith(w) and _applies(w, kind):
            if w in _R.inclusive and post[len(w) :].lstrip().startswith("以下"):
                return "max", w + "以下"
            return "min", w
    return None


_BAND_END = regex.compile(rf"[ \u3000]*[（(]含[^（(）)]{{1,8}}[）)][ \u3000]*(?:{alternation(_R.band_end_after)})")
"""…40%（含40%）之间: the upper end of a band, in it."""
_UNTIL_EVENT = regex.compile(rf"至[^\d一二两三四五六七八九十，。；,;\n]{{1,8}}?(?:{alternation(_R.age_until_event)})")


_POINTS_PERIOD = regex.compile(r"满[\d一二两三四五六七八九十]+[年月]")
BEFORE = 12  # a bound word before a number ends at most this many characters before it
WIDE = 8  # and may start this much further back (不得超过本单位在职职工总数的百分之三十), so its negator is seen


_DISTANT = regex.compile(rf"{alternation(_R.distant_negators)}\p{{Han}}{{1,{_R.distant_negator_reach}}}$")


def _negated(pre: str, i: int, word: str) -> bool:
    """不超过, 不得高于: a negated min word is read as the max word that holds it."""
    return word in _R.negatable and pre[:i].endswith(_R.negators)


def _distant(pre: str, i: int, word: str) -> str | None:
    """不得持续停放超过, 不得无故超过: a prohibition a few words before a negatable min word negates it too; the
    words from the prohibition to the min word, else None."""
    if word not in _R.negatable:
        return None
    m = _DISTANT.search(pre, 0, i)
    return pre[m.start() : i + len(word)] if m else None


def _before(pre: str, kind: QuantityKind, reach: int = BEFORE) -> tuple[Bound, str] | None:
    """The bound marker before the number that ends last, then the longest (不超过 over 超过)."""
    best: tuple[int, int, Bound, str] | None = None
    tables: tuple[tuple[Bound, tuple[str, ...]], ...] = (("max", _R.max_before), ("min", _R.min_before))
    for bound, words in tables:
        for w in words:
            i = pre.rfind(w)
            # a word ends within ``reach`` of the number; a longer one (不得低于) may start further back
            if i < 0 or len(pre) - (i + len(w)) > reach or _R.not_a_bound.match(pre, i) or not _applies(w, kind) \
                    or _negated(pre, i, w):
                continue
            far = _distant(pre, i, w) if bound == "min" else None
            key = (i + len(w), len(w), "max" if far else bound, far or w)
            if best is None or key[:2] > best[:2]:
                best = key
    return (best[2], best[3]) if best is not None else None


_SPACE = regex.compile(r"[ \u3000]")
_RESTATED = regex.compile(r"^[ \u3000]*(?:[（(](?:不?含|不?包括)[^（()）]{1,12}[）)][ \u3000]*)?")
"""A bracket restating the number right after it (5000万元（含5000万元）以内). (Patterns of this module are compiled once:
``regex.sub(pattern, …)`` looks its pattern up in the module's cache, about 5 µs a call.)"""


def read_bound(text: str, f: Found, clause_start: int, prev_end: int) -> tuple[Bound, tuple[str, ...]]:
    """The bound of ``f`` and the words that set it, from the words right after it, else those before it
    (back to its clause's start, the previous number or ``BEFORE`` characters, a word started before that seen
    whole)."""
    if f.value_max is not None:
        return "range", ()
    if f.column is not None:  # a bare cell of a table: its column's header bounds it (年度最高支付限额（元/人）)
        got = _before(_SPACE.sub("", f.column), f.kind, reach=len(f.column))
        return (got[0], (got[1],)) if got else ("exact", ())
    # "5000万元（含5000万元）以内", "20万元（包括20万元）以上": a bracket restating the number stands between it and its
    # bound word
    post = _RESTATED.sub("", text[f.end : f.end + 24])[:8]
    pre = _SPACE.sub("", text[max(clause_start, prev_end, f.start - BEFORE - WIDE) : f.start])
    if f.kind == "count" and text[f.end - 1] == "分":
        # 满1年积3分: 满 bounds the year of the rate, not the points; only a word next to the award verb bounds them
        # (最高加6分, 累计达到30分), not one of the condition before it (连续缴纳社会保险…积3分)
        pre = _POINTS_PERIOD.sub("", pre)[-4:]
    if (band := _BAND_END.match(text, f.end, f.end + 24)) is not None:
        return "max", (band.group(0).strip(" \u3000"),)
    if counted_as_cap(text, f):  # 超过45平方米按45平方米计算: the most that counts
        return "max", ("按" + text[f.start : f.end] + "计算",)
    got = _after(post, f.kind)
    if got is not None and got[1] in _R.inclusive and (before := _before(pre, f.kind)) is not None:
        got = before  # 低于2万元（含）: （含） says the end is in, the word before says which end
    got = got or _before(pre, f.kind) or (_before_a_base(text, f, clause_start, prev_end) if f.kind == "percent" else None)
    if got is None and f.kind == "duration":
        got = _in_a_condition(text, f, pre)
    return (got[0], (got[1],)) if got else ("exact", ())


_CLAUSE_END = regex.compile(r"[，。；;,\n]")
_CONDITION_WORD = regex.compile(rf"{alternation(_R.condition_min_before)}\p{{Han}}{{0,2}}$")


def _in_a_condition(text: str, f: Found, pre: str) -> tuple[Bound, str] | None:
    """连续就读三年学籍的: 连续 right before a duration (a verb between at most) bounds it (min) in a condition, the
    number's clause ending in 的 (within 40 characters)."""
    m = _CONDITION_WORD.search(pre[-6:])
    if m is None:
        return None
    end = _CLAUSE_END.search(text, f.end, min(len(text), f.end + 40))
    word = next(w for w in _R.condition_min_before if m.group(0).startswith(w))
    return ("min", word) if end is not None and text[end.start() - 1] == "的" else None


BASE_REACH = 32  # a rate's base (…标准的十二倍) may put its bound word this far back
_BASE = regex.compile(r"[^，。；：,;:]*的$")


def _before_a_base(text: str, f: Found, clause_start: int, prev_end: int) -> tuple[Bound, str] | None:
    """不得低于当地普通初中生均公用经费标准的十二倍: a rate's bound word before its base, the base ending in 的."""
    pre = _SPACE.sub("", text[max(clause_start, prev_end, f.start - BASE_REACH - WIDE) : f.start])
    got = _before(pre, f.kind, reach=BASE_REACH)
    return got if got is not None and _BASE.fullmatch(pre, pre.rfind(got[1]) + len(got[1])) else None


LEAD_REACH = 80  # the colon that opens a list of numbers is looked for this far back, in the number's sentence
LEAD_CHARS = 16  # and the words before it that say what every item is, at most this many (back to a clause's end)
_LEAD_STOPS = frozenset("，,；;。！？\n")


def lead_in(text: str, f: Found, sent_start: int, clause_start: int) -> tuple[int, int] | None:
    """``每户家庭最低月租房补贴额为：市内六区240元，环城四区和滨海新区210元``: the words before the colon that opens
    the list the number is an item of (the colon before the number's clause, in its sentence), else None."""
    lo = max(sent_start, f.start - LEAD_REACH)
    colon = max(text.rfind("：", lo, clause_start), text.rfind(":", lo, clause_start))
    if colon < 0:
        return None
    start = colon
    while start > max(sent_start, colon - LEAD_CHARS) and text[start - 1] not in _LEAD_STOPS:
        start -= 1
    return (start, colon) if start < colon else None


def lead_in_bound(text: str, f: Found, lead: tuple[int, int]) -> tuple[Bound, tuple[str, ...]] | None:
    """The bound word of a list's lead-in (每户家庭最低月租房补贴额为：…240元, …180元: 最低, each a floor)."""
    pre = _SPACE.sub("", text[lead[0] : lead[1]])
    got = _before(pre, f.kind, reach=len(pre))
    return (got[0], (got[1],)) if got else None
