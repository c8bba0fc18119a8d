"""Clauses and sentences around a span, and the frozen ``Context`` read for one number."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records.vocab import Bound, Per, Role
from .find import Found

CLAUSE_END = "，,；;。！？\n：:"
SENTENCE_END = "；;。！？\n"

COMMA = re.compile(r"，|(?<!\d),|,(?!\d)")
"""A comma between clauses: full width, or a half-width one not between two digits (1,000元 is one number)."""
ROLE_CLAUSE_END = re.compile(r"[，。；\n]|(?<!\d),|,(?!\d)")
"""The ends of the clause a number's role is read in (a half-width comma as ``COMMA``)."""

Hit = tuple[int, int, str]
"""A taxonomy mention: start, end and the entry's id."""


WALK = 64
""":func:`clause_bounds` walks this many characters each way; a clause longer than that is read from the ends of
clauses found once per text (:func:`_marks`)."""


def clause_bounds(text: str, a: int, b: int, ends: str = CLAUSE_END) -> tuple[int, int]:
    """The clause (between punctuation) around ``text[a:b]``; with ``ends=SENTENCE_END``, the sentence.

    Each way it walks at most ``WALK`` characters to the punctuation, and past that it looks the punctuation up in
    the text's marks (a walk to the end of a text of many numbers and no punctuation is n²: ``'百分之'*n`` took 12 of
    16 s at 20,000 characters). The answers are the walk's.
    """
    n = len(text)
    if not (0 <= a <= n and 0 <= b <= n):
        return _walk(text, a, b, ends)
    s, stop = a, max(0, a - WALK)
    while s > stop and text[s - 1] not in ends:
        s -= 1
    if s == stop and s > 0 and text[s - 1] not in ends:
        s = _marks(text, ends).last_before(s) + 1
    e, stop = b, min(n, b + WALK)
    while e < stop and text[e] not in ends:
        e += 1
    if e == stop and e < n and text[e] not in ends:
        found = _marks(text, ends).first_from(e)
        e = found if found >= 0 else n
    return s, e


def _walk(text: str, a: int, b: int, ends: str) -> tuple[int, int]:
    """:func:`clause_bounds` by walking, for offsets outside the text."""
    s = a
    while s > 0 and text[s - 1] not in ends:
        s -= 1
    e = b
    while e < len(text) and text[e] not in ends:
        e += 1
    return s, e


@functools.lru_cache(maxsize=4)
def _marks(text: str, ends: str) -> Marks:
    """The offsets of the characters ``ends`` in ``text``, found once for the last few texts of a long clause."""
    return Marks(text, ends)


@dataclass(frozen=True, slots=True)
class Context:
    """The attributes of one number read from its context, built once per pass and never changed.

    ``bound_words`` are the words that set ``bound``; ``per`` is subject then period (``("person", "month")``);
    ``benefit`` is the span and taxonomy id of the benefit's name, ``benefit_text`` the name as printed when
    the words next to the number give one; ``groups`` are spans and taxonomy ids ("" when the span is a
    distributed list item that names no taxonomy entry).
    """

    found: Found
    bound: Bound = "exact"
    bound_words: tuple[str, ...] = ()
    per: tuple[Per, ...] = ()
    base: str | None = None
    cap: float | None = None
    benefit: Hit | None = None
    benefit_text: str | None = None
    groups: tuple[Hit, ...] = ()
    role: Role = "parameter"
    doubt: bool = False


class Marks:
    """The sorted offsets of some characters of one text: the one before or after an offset by bisection, so that
    a clause's or a line's bounds cost log n, not a walk to the next comma (a walk is n² over a text of many
    numbers and no punctuation: ``'减半'*4096`` took 25 s)."""

    __slots__ = ("at", "size")

    def __init__(self, text: str, chars: str, pattern: re.Pattern[str] | None = None) -> None:
        self.at = [m.start() for m in (pattern or re.compile("[" + re.escape(chars) + "]")).finditer(text)]
        self.size = len(text)

    def last_before(self, i: int) -> int:
        """The last offset < ``i``, or -1: ``text.rfind(c, 0, i)`` for any of the characters."""
        k = bisect.bisect_left(self.at, i)
        return self.at[k - 1] if k > 0 else -1

    def first_from(self, i: int) -> int:
        """The first offset >= ``i``, or -1: ``text.find(c, i)`` for any of the characters."""
        k = bisect.bisect_left(self.at, i)
        return self.at[k] if k < len(self.at) else -1

    def any_within(self, a: int, b: int) -> bool:
        """Is one of the characters in ``text[a:b]``?"""
        k = bisect.bisect_left(self.at, a)
        return k < len(self.at) and self.at[k] < b

    def bounds(self, a: int, b: int) -> tuple[int, int]:
        """:func:`clause_bounds` with these characters as the ends."""
        e = self.first_from(b)
        return self.last_before(a) + 1, e if e >= 0 else self.size


class Words:
    """Every occurrence (overlapping ones too) of some literal words in one text, by word: whether one lies
    inside a span, and the last one before an offset, by bisection."""

    __slots__ = ("at",)

    def __init__(self, text: str, words: Iterable[str]) -> None:
        self.at: dict[str, list[int]] = {}
        for w in dict.fromkeys(words):
            found, i = [], text.find(w) if w else -1
            while i >= 0:
                found.append(i)
                i = text.find(w, i + 1)
            self.at[w] = found

    def last_in(self, word: str, a: int, b: int) -> int:
        """``text.rfind(word, a, b)``: the start of the last occurrence inside ``text[a:b]``, or -1."""
        at = self.at[word]
        k = bisect.bisect_right(at, b - len(word)) - 1
        return at[k] if k >= 0 and at[k] >= a else -1

    def any_in(self, words: Iterable[str], a: int, b: int) -> bool:
        """Does one of ``words`` (all of them indexed) occur inside ``text[a:b]``? (A regex alternation of the
        words searched in the slice finds a match exactly when one does.)"""
        for w in words:
            at = self.at[w]
            k = bisect.bisect_left(at, a)
            if k < len(at) and at[k] + len(w) <= b:
                return True
        return False


@functools.lru_cache(maxsize=4)
def words_of(text: str, words: tuple[str, ...]) -> Words:
    """The occurrences of ``words`` in ``text``, found once for the last few texts asked about."""
    return Words(text, words)


@dataclass(frozen=True, slots=True)
class TextIndex:
    """What the context readers look up around every number of one text, built once per text: the ends of its
    clauses, sentences, lines and blank lines, the commas and tabs, the occurrences of the literal words the
    readers look for in a clause (``words``), and ``memo``, what was read once for a sentence or a table and is
    the same for every number in it."""

    text: str
    clauses: Marks
    sentences: Marks
    lines: Marks
    commas: Marks
    role_clause_ends: Marks
    tabs: Marks
    blank_lines: tuple[int, ...]
    words: Words
    memo: dict[tuple[str, int, int], int]

    @staticmethod
    def of(text: str, words: Iterable[str] = ()) -> TextIndex:
        blank = tuple(m.start() for m in re.finditer("\n(?=\n)", text))
        return TextIndex(text, Marks(text, CLAUSE_END), Marks(text, SENTENCE_END), Marks(text, "\n"), Marks(text, "", COMMA),
                         Marks(text, "", ROLE_CLAUSE_END), Marks(text, "\t"), blank, Words(text, words), {})

    def blank_before(self, i: int) -> int:
        """``text.rfind("\\n\\n", 0, i)``."""
        k = bisect.bisect_right(self.blank_lines, i - 2) - 1
        return self.blank_lines[k] if k >= 0 else -1


class Hits:
    """Taxonomy mentions by start, for the ones after or before an offset by bisection. Mentions found by one
    leftmost-longest scan do not overlap, so their ends are sorted as well; when a list is not so sorted, every
    lookup falls back to a scan of the list (the same answers, in linear time)."""

    __slots__ = ("ends", "hits", "sorted", "starts")

    def __init__(self, hits: Sequence[Hit]) -> None:
        self.hits = list(hits)
        self.starts = [h[0] for h in self.hits]
        self.ends = [h[1] for h in self.hits]
        self.sorted = all(a <= b for a, b in itertools.pairwise(self.starts)) and all(
            a <= b for a, b in itertools.pairwise(self.ends))

    def first_from(self, a: int, b: int) -> Hit | None:
        """The first mention that starts in ``[a, b)``."""
        if not self.sorted:
            return next((h for h in self.hits if a <= h[0] < b), None)
        k = bisect.bisect_left(self.starts, a)
        return self.hits[k] if k < len(self.hits) and self.starts[k] < b else None

    def inside(self, a: int, b: int, most: int | None = None) -> list[Hit]:
        """The mentions that lie inside ``[a, b)``, in order; the last ``most`` of them when given."""
        if not self.sorted:
            found = [h for h in self.hits if a <= h[0] and h[1] <= b]
            return found if most is None else found[len(found) - most :] if len(found) > most else found
        lo, hi = bisect.bisect_left(self.starts, a), bisect.bisect_right(self.ends, b)
        return self.hits[lo if most is None else max(lo, hi - most) : hi]

    def last_inside(self, a: int, b: int) -> Hit | None:
        """The last mention that lies inside ``[a, b)``."""
        if not self.sorted:
            inside = self.inside(a, b)
            return inside[-1] if inside else None
        k = bisect.bisect_right(self.ends, b) - 1
        return self.hits[k] if k >= 0 and self.starts[k] >= a else None
