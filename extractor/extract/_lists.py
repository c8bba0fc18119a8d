"""What the numbers of one list share: ``最高不超过20万元、150万元、300万元`` (one bound for all),
``2万元和1万元奖金`` (one benefit for all), ``分别`` (one group each, in order) and a rate's money cap.

Each pass takes the frozen contexts and returns new ones (``dataclasses.replace``); none changes its input.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

import regex

from ._bound import BOUND_AFTER
from ._clause import SENTENCE_END, Context, Marks, TextIndex, clause_bounds
from .rules import alternation, context_rules

_RULES = context_rules()
_LIST_GAP = regex.compile(r"[ \u3000]*(?:的标准)?[ \u3000]*[、和或及与，,][ \u3000]*")
_ITEM_GAP = regex.compile(r"[ \u3000]*(?:元)?[ \u3000]*[、和或及与][ \u3000]*")
_ITEM_END = regex.compile(r"(?<=..)" + alternation(_RULES.item_ends))
_ITEM_LEAD = regex.compile(r"^[ \u3000]*" + alternation(_RULES.item_leads) + "?")
_QUALIFIED_GAP = regex.compile(r"[ \u3000]*[、和或及与][ \u3000]*" + alternation(_RULES.item_qualifiers) + r"?[ \u3000]*")


def _shared(a: Context, b: Context) -> Context:
    """``b`` with what it takes from ``a``, the item before it in a list: a bound read before the list, the
    per (merged for money), the base, and a parameter's role."""
    bound, words = b.bound, b.bound_words
    if b.bound == "exact" and a.bound in ("max", "min") and a.bound_words and a.bound_words[0] not in BOUND_AFTER:
        bound, words = a.bound, a.bound_words
    per = a.per if not b.per else tuple(dict.fromkeys(a.per + b.per)) if a.found.kind == "money" else b.per
    role = "parameter" if b.role == "target" and a.role == "parameter" else b.role
    return replace(b, bound=bound, bound_words=words, per=per, base=b.base if b.base is not None else a.base, role=role)


_PARALLEL_GAP = regex.compile(r"[\p{Han}“”]{1,10}、[\p{Han}]{0,4}")


def _parallel_times(text: str, a: Context, b: Context) -> bool:
    """``每年至少为上述人员推荐3次岗位信息、提供1次职业指导``: numbers of times of verb phrases listed with 、, the
    bound before the first each one's."""
    times = a.found.kind == "count" and text[a.found.end - 1] == text[b.found.end - 1] == "次"
    return times and bool(_PARALLEL_GAP.fullmatch(text[a.found.end : b.found.start]))


def share_across_lists(text: str, items: Sequence[Context]) -> list[Context]:
    """``最高不超过20万元、150万元、300万元``: later items of a list take the first one's bound and per."""
    out: list[Context] = []
    for b in items:
        a = out[-1] if out else None
        if a is not None and a.found.kind == b.found.kind != "date" and (
                _LIST_GAP.fullmatch(text[a.found.end : b.found.start]) or _parallel_times(text, a, b)):
            b = _shared(a, b)
        out.append(b)
    return out


def share_bound_backwards(text: str, items: Sequence[Context]) -> list[Context]:
    """``女性四十周岁、男性五十周岁以上的``: a bound word after the last item of a list (以上, 以下) bounds every
    item, each maybe named by a qualifier (男性, 女性)."""
    out = list(items)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if a.found.kind == b.found.kind != "date" and a.bound == "exact" and b.bound in ("max", "min") \
                and b.bound_words and b.bound_words[0] in BOUND_AFTER and _QUALIFIED_GAP.fullmatch(text[a.found.end : b.found.start]):
            out[k] = replace(a, bound=b.bound, bound_words=b.bound_words)
    return out


def share_benefit_backwards(text: str, items: Sequence[Context]) -> list[Context]:
    """``2万元和1万元奖金``: the benefit named after the last item of a list belongs to every item."""
    out = list(items)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if a.found.kind == b.found.kind and a.benefit_text is None and b.benefit_text and _ITEM_GAP.fullmatch(
            text[a.found.end : b.found.start]
        ):
            out[k] = replace(a, benefit_text=b.benefit_text)
    return out


ENUMERATION_CLAUSES = 64
"""How many clauses back from a list of numbers its enumeration of groups is looked for (in its sentence)."""


class _Separators:
    """The offsets of the characters that separate clauses, and items of an enumeration, in one text."""

    def __init__(self, text: str) -> None:
        self.clauses, self.items, self.words = Marks(text, "，,；;：:"), Marks(text, "、"), Marks(text, "、和或及与")


def _last_runs(marks: Marks, a: int, b: int, most: int) -> list[tuple[int, int]]:
    """The last ``most`` non-empty runs of ``[a, b)`` between the marked characters, in text order (what
    ``regex.finditer("[^…]+", text[a:b])`` gives, its tail only, found from the end)."""
    runs: list[tuple[int, int]] = []
    pos = b
    while pos > a and len(runs) < most:
        sep = max(marks.last_before(pos), a - 1)
        if sep + 1 < pos:
            runs.append((sep + 1, pos))
        pos = sep
    return runs[::-1]


def _enumeration(text: str, start: int, end: int, k: int, seps: _Separators | None = None) -> list[tuple[int, int]] | None:
    """The last enumeration of exactly ``k`` items in ``text[start:end]``: split a clause on 、 first, then also
    on 和/或/及/与. Items keep their wording, less a leading 对/对于 and a trailing 的. The clauses and items are
    found from the end (``_last_runs``), at most ``ENUMERATION_CLAUSES`` clauses back, so a list costs the few
    clauses before it, not its whole sentence."""
    seps = seps or _Separators(text)
    for cs, ce in reversed(_last_runs(seps.clauses, start, end, ENUMERATION_CLAUSES)):
        for marks in (seps.items, seps.words):
            pieces = _last_runs(marks, cs, ce, k + 1)
            if marks is seps.items and len(pieces) > k:
                pieces = pieces[-k:]  # "…工作、35岁以下、…的博士研究生、硕士研究生、本科毕业生": the last k are the items
            if len(pieces) != k:
                continue
            out = []
            last_cut = _ITEM_END.search(text[pieces[-1][0] : ce])
            if last_cut:
                pieces[-1] = (pieces[-1][0], pieces[-1][0] + last_cut.start())
            for ps, pe in pieces:
                item = text[ps:pe]
                lead = len(item) - len(_ITEM_LEAD.sub("", item))
                trail = len(item) - len(regex.sub(r"的?[ \u3000]*$", "", item))
                out.append((ps + lead, pe - trail))
            if all(b - a >= 2 for a, b in out):
                return out
    return None


def _runs(text: str, items: Sequence[Context]) -> list[tuple[int, int]]:
    """(first, past-last) index of every run of numbers of one kind joined by 、和或及与."""
    out, k = [], 0
    while k < len(items):
        n = 1
        while k + n < len(items):
            a, b = items[k + n - 1], items[k + n]
            if a.found.kind != b.found.kind or not _ITEM_GAP.fullmatch(text[a.found.end : b.found.start]):
                break
            n += 1
        out.append((k, k + n))
        k += n
    return out


def distribute(text: str, items: Sequence[Context], index: TextIndex | None = None) -> list[Context]:
    """``分别`` and parallel lists: k numbers in a list after an enumeration of k groups give each number its
    own group, in order (``中华技能大奖和全国技术能手…一次性给予2万元和1万元``)."""
    out = list(items)
    seps: _Separators | None = None  # made at the first list
    for first, last in _runs(text, items):
        if last - first < 2:
            continue
        head = items[first].found
        ss = index.sentences.bounds(head.start, head.end)[0] if index else clause_bounds(text, head.start, head.end, SENTENCE_END)[0]
        seps = seps or _Separators(text)
        spans = _enumeration(text, ss, head.start, last - first, seps)
        if spans is None:
            continue
        for k, (start, end) in zip(range(first, last), spans, strict=True):
            gid = items[k].groups[0][2] if items[k].groups else ""
            out[k] = replace(items[k], groups=((start, end, gid),))
    return out


def _is_cap(d: Context) -> bool:
    return d.found.kind == "money" and d.bound == "max" and d.found.value is not None


def _caps_by_scan(text: str, items: Sequence[Context]) -> list[Context]:
    out = list(items)
    for k, c in enumerate(items):
        if c.found.kind != "percent":
            continue
        _, se = clause_bounds(text, c.found.start, c.found.end, SENTENCE_END)
        for j in range(k + 1, len(items)):
            d = items[j]
            if d.found.start >= se:
                break
            if _is_cap(d) and d.found.value is not None:
                out[k] = replace(c, cap=float(d.found.value))
                break
    return out


def caps(text: str, items: Sequence[Context], index: TextIndex | None = None) -> list[Context]:
    """A rate followed in its sentence by a money cap (``50%…最高限额1万元``) carries the cap: the first cap
    after it, when it starts inside the rate's sentence. The items come in text order (``find_quantities``), so
    the first cap after each item is found in one walk back over them (a scan from each rate to its sentence's end
    was quadratic in a sentence of many rates); items out of order are scanned."""
    if index is None or any(a.found.start > b.found.start for a, b in itertools.pairwise(items)):
        return _caps_by_scan(text, items)
    out = list(items)
    next_cap: Context | None = None  # the first cap after the item, found walking back once
    for k in range(len(items) - 1, -1, -1):
        c = items[k]
        if c.found.kind == "percent" and next_cap is not None and next_cap.found.value is not None \
                and next_cap.found.start < index.sentences.bounds(c.found.start, c.found.end)[1]:
            out[k] = replace(c, cap=float(next_cap.found.value))
        if _is_cap(c):
            next_cap = c
    return out
