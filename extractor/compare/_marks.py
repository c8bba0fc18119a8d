"""A text's marks for ``classes.py``, found once per text (``_marks``): where its sentences, clauses, lines and list
items end, where the words of its grants stand, and the group mentions of the whole text (``_groups_in``); with the
patterns they are found by and the rule span that they keep per number (``RuleSpan``)."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from ..extract.taxonomy import groups

_CLAUSE_START = regex.compile(r"[，,；;。：:\n]")
_SENTENCE_START = regex.compile(r"[；;。！？!?\n]")
_PAREN = regex.compile(r"[（(][^（）()]*[）)]")
_GRANTS = regex.compile(r"给予|发放|可申请|申请|享受|补贴|补助|奖补|奖励|资助|贴息|分别")
"""Words of a clause that grants (``给予最长1年的社会保险补贴``), not one that only qualifies (``正常经营1年以上的``)."""
_DISTRIBUTES = "分别"
"""A rule that gives each of its recipients its own value."""
_PHRASE_END = regex.compile(r"给予|发放|可申请|可按|分别|享受")
"""The verbs of the clause that ends a subject phrase: the rule's grant (``…的，给予…``)."""
_WORKED = regex.compile(r"(?:补贴测算|标准测算|测算|计算公式)[ \u3000]*[：:]")
"""A list item's worked line (大连's ``补贴测算：…``, ``计算公式：…``): it restates the item's rule for its recipients."""
_AUDIENCE = regex.compile(r"^[ \u3000]*(?:服务对象|适用对象|支持对象|扶持对象|补贴对象|享受对象)[ \u3000]*[：:](?P<who>[^\n]+)$",
                          regex.MULTILINE)
"""A line of its own that heads the items of a list for one audience (大连's ``服务对象：高校毕业生`` … ``服务对象：就业
困难人员`` … ``服务对象：企业（用人单位，含社会组织）``)."""
_ITEM_START = regex.compile(r"、")
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True, slots=True)
class RuleSpan:
    """Where a rule's subject phrase starts, where its grant starts (None when it names none) and where its
    sentence ends."""

    start: int
    grant: int | None
    end: int
    opened: bool
    """The phrase states a condition: it opens with 对 or ends with 的 before the grant (``对…的，给予…``)."""


class _Words:
    """Where the words of a pattern of literal words (``_PHRASE_END``, ``_GRANTS``) start and end in a text, overlapping
    ones too, to find the first of them within a range by bisection, as ``pattern.search(text, lo, hi)`` finds it (a
    search scanned to the text's end for each number of a text that has none)."""

    __slots__ = ("ends", "starts")

    def __init__(self, pattern: regex.Pattern[str], text: str) -> None:
        found = [m.span() for m in pattern.finditer(text, overlapped=True)]
        self.starts = [a for a, _ in found]
        self.ends = [b for _, b in found]

    def first(self, lo: int, hi: int) -> int | None:
        """Where the first match in ``text[lo:hi]`` starts, else None (a match that runs past ``hi`` is none; at most
        one word matches at an offset, and a later match never ends before an earlier one: the next two are all it
        takes)."""
        k = bisect.bisect_left(self.starts, lo)
        while k < len(self.starts) and self.starts[k] < hi:
            if self.ends[k] <= hi:
                return self.starts[k]
            k += 1
        return None


_APPLYING = regex.compile("申请对象")
_ITEM_MARKS = regex.compile(r"[，,；;。！？!?\n的]")  # _LIST_END: one character each


class _Marks:
    """A text's marks, found once per text (``_marks``): where its sentences and clauses end, its line breaks, the
    、 of its lists, its grants' verbs; and the answers per line, per grant and per sentence that numbers share. Every
    lookup answers as the scan it replaces, which for a text of few marks ran to the text's end (or its start) for each
    number: ``'百分之'*n`` was quadratic in ``zhengce compare`` (issue 13)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._parens: tuple[list[int], list[int]] | None = None
        self._hits: tuple[list[int], list[int], list[tuple[int, int, str]]] | None = None
        self.sentences = [m.start() for m in _SENTENCE_START.finditer(text)]
        self.clauses = [m.start() for m in _CLAUSE_START.finditer(text)]
        self.lines = [m.start() for m in regex.finditer(r"\n", text)]
        self.items = [m.start() for m in _ITEM_START.finditer(text)]
        self.list_ends = [m.start() for m in _ITEM_MARKS.finditer(text)]
        self.phrase_ends = _Words(_PHRASE_END, text)
        self.grants = _Words(_GRANTS, text)
        self.distributes = _Words(regex.compile(_DISTRIBUTES), text)
        self.worked = _Words(_WORKED, text)
        self.applying = [m.start() for m in _APPLYING.finditer(text, overlapped=True)]
        self.audiences = frozenset(m.start() for m in _AUDIENCE.finditer(text))
        self.conditions: dict[int, int] = {}  # a grant -> where the 的 of a ``…的，`` before it is (-1: none)
        self.rules: dict[int, tuple[RuleSpan, bool]] = {}  # a number's offset -> _own_rule
        self.heads: dict[int, tuple[int, bool]] = {}  # rule_span: where a run of rules after ； starts, and opened
        self.title_lines: dict[int, tuple[str, list[str]]] = {}  # a line's start -> what title_groups reads of it
        self.grant_recipients: dict[int, tuple[str, ...]] = {}  # _the_rest: a grant -> its rule's recipients
        self.rests: dict[int, tuple[str, ...]] = {}  # _the_rest: a grant's index -> the walk's answer from it

    @staticmethod
    def after(marks: list[int], at: int) -> int | None:
        """The first of ``marks`` at or after ``at``, else None."""
        k = bisect.bisect_left(marks, at)
        return marks[k] if k < len(marks) else None

    def line_before(self, at: int) -> int:
        """``text.rfind("\\n", 0, at)``: the last line break before ``at``, else -1."""
        k = bisect.bisect_left(self.lines, at)
        return self.lines[k - 1] if k else -1


    def parens(self) -> tuple[list[int], list[int]]:
        """Where each bracket of ``_PAREN`` opens and where it ends: one holds no bracket, so a scan of any range
        finds those that lie in it, in order."""
        if self._parens is None:
            found = [m.span() for m in _PAREN.finditer(self.text)]
            self._parens = [a for a, _ in found], [b for _, b in found]
        return self._parens

    def group_hits(self) -> tuple[list[int], list[int], list[tuple[int, int, str]]]:
        """The group mentions of the whole text (``groups().find(text)``): starts, ends and the hits."""
        if self._hits is None:
            found = list(groups().find(self.text))
            self._hits = [a for a, _, _ in found], [b for _, b, _ in found], found
        return self._hits


def _groups_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``list(groups().find(text, start, end))`` from the whole text's mentions (a scan of the range read it all,
    for each number: the range of a rule whose subject opens a run of thousands after ；). The scan from ``start``
    reads what the whole text's did wherever that one tried a match (out of its mentions: where it failed, a range's
    scan fails too, and where it matched, within the range, it matches the same); inside a mention begun before
    ``start``, and at one that runs past ``end``, the range's scan is made there."""
    starts, ends, hits = _marks(text).group_hits()
    tax = groups()
    out: list[tuple[int, int, str]] = []
    at = start
    while at < end:
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and starts[k] < at < ends[k]:  # inside a mention: where the whole text's scan tried nothing
            m = next((m for q in range(at, min(ends[k], end)) if (m := tax.pattern.match(text, q, end))), None)
            if m is None:
                at = ends[k]
                continue
            out.append((m.start(), m.end(), tax.by_surface[m.group(0)]))
            at = m.end()
            continue
        j = bisect.bisect_left(starts, at)  # the next mention: the scan fails at every offset before it
        if j >= len(starts) or starts[j] >= end:
            break
        if ends[j] <= end:
            out.append(hits[j])
            at = ends[j]
            continue
        m = tax.pattern.match(text, starts[j], end)  # it runs past the range: a shorter name may end within it
        if m is None:
            at = starts[j] + 1
            continue
        out.append((m.start(), m.end(), tax.by_surface[m.group(0)]))
        at = m.end()
    return out


@functools.lru_cache(maxsize=16)
def _marks(text: str) -> _Marks:
    return _Marks(text)
