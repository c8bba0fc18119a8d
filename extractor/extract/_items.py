"""The item headings of a list-shaped text: a policy list or a set of service guides prints each benefit's name on a
line of its own (``一次性求职创业补贴``, ``首次创业一次性补贴政策``) and its terms on the lines under it (``政策内容：…``,
``补贴测算：…每人一次性1000元``, ``四、补贴标准：一次性补贴8000元``), which need not name it again.

``item_headings(text)`` finds such lines; the benefit a heading names (or none) is the item's, up to the next
heading line. ``extract/__init__`` gives it to the numbers of the item whose own words name no benefit of the
taxonomy, in place of the document's title.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from typing import NamedTuple

import regex

from .rules import context_rules

ITEM_HEADING_MAX = 24
"""An item heading is a short line: at most this many printed characters."""

_NOT_A_HEADING = regex.compile(r"[。，；：:,;！？!?]")
"""A line holding one of these is a sentence or a labelled field (``咨询电话：…``), not an item's heading."""
_NUMBERED = regex.compile(
    r"[ \u3000]*(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.]|第[一二三四五六七八九十百零〇\d]+[章节条])"
)
"""A numbered line (``二、一次性创业补贴``, ``（三）…``, ``第五条``) is a section's heading: the sections of the outline
give it its benefit."""
MIN_NAMED = 2
"""A text is a list of items when at least this many of its heading lines name a benefit."""


class Item(NamedTuple):
    """The lines under an item heading: ``text[start:end]``, and the benefit the heading is the name of (its id None
    when the taxonomy lacks it, both None when the heading names no benefit)."""

    start: int
    end: int
    name: str | None
    benefit_id: str | None


def _heading_candidate(line: str) -> bool:
    printed = line.strip(" \u3000\t")
    return 2 <= len(printed) <= ITEM_HEADING_MAX and not _NOT_A_HEADING.search(printed) and not _NUMBERED.match(printed)


def _body(line: str, heading: str) -> bool:
    """A line of an item's terms: longer than its heading, with a sentence or a labelled field in it."""
    printed = line.strip(" \u3000\t")
    return len(printed) > len(heading.strip(" \u3000\t")) and bool(_NOT_A_HEADING.search(printed))


ITEM_SUFFIXES = ("政策",)
"""Words a heading may print after the benefit's name (``首次创业一次性补贴政策``)."""


def _named(heading: str) -> tuple[str, str | None] | None:
    """(name, id) of the benefit a heading is the name of: the last name of the taxonomy in it that is not a
    generic one, when it ends the heading (the head of the phrase: ``吸纳高校毕业生社保补贴`` -> 社保补贴, but not
    ``——就业服务情况``); (the heading, None) for a heading that ends with a benefit's head noun the taxonomy lacks
    (``创业团队孵化场地费补贴``); None for a heading that names no benefit."""
    from .taxonomy import benefits

    rules = context_rules().benefit
    printed = heading.strip(" \u3000\t")
    for suffix in ITEM_SUFFIXES:
        printed = printed.removesuffix(suffix) or printed
    generic = set(rules.generic)
    hits = [(s, e, bid) for s, e, bid in benefits().find(printed) if printed[s:e] not in generic]
    if hits and hits[-1][1] == len(printed):
        s, e, bid = hits[-1]
        return printed[s:e], bid
    if printed.endswith(tuple(rules.nouns)):
        return printed, None
    return None


_NEWLINE = regex.compile("\n")


def _lines(text: str, breaks: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``: between its line breaks, and at ``breaks`` too."""
    starts = sorted({0, *(m.end() for m in _NEWLINE.finditer(text)), *(b for b in breaks if 0 < b < len(text))})
    out = []
    for k, a in enumerate(starts):
        b = starts[k + 1] if k + 1 < len(starts) else len(text) + 1
        out.append((a, b - 1 if text[b - 1 : b] == "\n" else min(b, len(text))))
    return out


def item_headings(text: str, breaks: Iterable[int] = ()) -> list[Item]:
    """The items of ``text``, in order: each heading line (a short line without punctuation or numbering, followed by
    a longer line of terms) and the lines under it, up to the next heading line; none unless ``MIN_NAMED`` of the
    headings name a benefit (a list of benefits). ``breaks``: offsets where a source line started that the
    cleaner joined to the line before (``…（大政办发〔2019〕45号）`` + ``失业保险费返还``): they start lines too.

    >>> text = "一次性求职创业补贴\\n补贴测算：每人一次性1000元。\\n支持基层工作\\n政策内容：开发岗位。\\n失业保险费返还\\n政策内容：可返还失业保险费。"
    >>> [(i.name, i.benefit_id) for i in item_headings(text)]
    [('一次性求职创业补贴', 'job_search_subsidy'), (None, None), ('失业保险费返还', 'stable_job_return')]
    >>> item_headings("关于做好就业工作的通知\\n各县人社局\\n")
    []
    """
    lines = _lines(text, breaks)
    heads: list[tuple[int, int]] = []  # (index of the heading line, end of its line)
    for k, (a, b) in enumerate(lines):
        line = text[a:b]
        if not _heading_candidate(line):
            continue
        nxt = next((text[c:d] for c, d in lines[k + 1 :] if text[c:d].strip(" \u3000\t")), None)
        if nxt is not None and _body(nxt, line):
            heads.append((k, b))
    items: list[Item] = []
    for n, (k, b) in enumerate(heads):
        end = lines[heads[n + 1][0]][0] if n + 1 < len(heads) else len(text)
        named = _named(text[lines[k][0] : b])
        items.append(Item(b, end, *(named if named else (None, None))))
    return items if sum(1 for i in items if i.benefit_id is not None) >= MIN_NAMED else []


_TIMES = "×*xX"


def in_formula_base(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` inside a bracket that a formula multiplies (``（4801元/人月×60%×20%+…）×30%=248.8元``)?
    Such numbers (an average wage, a contribution rate) make up the base the benefit's rate applies to: inputs of
    the base, not values of the benefit.

    >>> t = "计算公式:（4801元/人月×60%×20%+5275元/人月×80%×6%）×30%=248.8元/人月。"
    >>> in_formula_base(t, t.index("4801"), t.index("4801") + 4), in_formula_base(t, t.index("30%"), t.index("30%") + 3)
    (True, False)
    >>> in_formula_base("（含50%）以下的见习单位", 2, 5)
    False
    """
    brackets = _brackets(text)
    opened = brackets.open_before(start)
    if opened < 0:
        return False
    close = brackets.close_from(end)
    if close < 0:
        return False
    after = text[close + 1 : close + 3].lstrip(" \u3000")
    return bool(after) and after[0] in _TIMES


_BRACKET_OR_LINE = regex.compile(r"[（()）\n]")


class _Brackets:
    """The brackets of one text, matched once per line, so that :func:`in_formula_base` looks each number's up by
    bisection instead of walking its line both ways (n² on a line of many numbers: ``'百分之'*n``).

    ``at`` are the offsets of the brackets and line breaks; ``open_top[k]`` is the bracket opened before ``at[k]``
    (included) and not closed after it on its line, the one a walk back from just after ``at[k]`` finds (a close
    counted against the next open), -1 if none; ``close_top[k]`` is the first bracket closed at or after ``at[k]``
    and not opened after it on its line, the one a walk forward from ``at[k]`` finds, -1 if none."""

    __slots__ = ("at", "close_top", "open_top")

    def __init__(self, text: str) -> None:
        self.at = [m.start() for m in _BRACKET_OR_LINE.finditer(text)]
        self.open_top: list[int] = []
        stack: list[int] = []
        for i in self.at:
            ch = text[i]
            if ch == "\n":
                stack.clear()
            elif ch in "（(":
                stack.append(i)
            elif stack:
                stack.pop()
            self.open_top.append(stack[-1] if stack else -1)
        self.close_top = [-1] * len(self.at)
        stack.clear()
        for k in range(len(self.at) - 1, -1, -1):
            i = self.at[k]
            ch = text[i]
            if ch == "\n":
                stack.clear()
            elif ch in "）)":
                stack.append(i)
            elif stack:
                stack.pop()
            self.close_top[k] = stack[-1] if stack else -1

    def open_before(self, i: int) -> int:
        """The bracket opened before ``i`` on its line and not closed before ``i``, or -1."""
        k = bisect.bisect_left(self.at, i) - 1
        return self.open_top[k] if k >= 0 else -1

    def close_from(self, i: int) -> int:
        """The first bracket closed at or after ``i`` on its line and not opened at or after ``i``, or -1."""
        k = bisect.bisect_left(self.at, i)
        return self.close_top[k] if k < len(self.at) else -1


@functools.lru_cache(maxsize=2)
def _brackets(text: str) -> _Brackets:
    return _Brackets(text)


def item_at(items: list[Item], starts: list[int], offset: int) -> Item | None:
    """The item whose lines hold ``offset`` (``starts``: the items' starts), None outside every item."""
    k = bisect.bisect_right(starts, offset) - 1
    return items[k] if k >= 0 and offset < items[k].end else None
