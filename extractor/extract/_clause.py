"""Clauses and sentences around a span, and the frozen ``Context`` read for one number."""

from __future__ import annotations

from dataclasses import dataclass

from ..records.vocab import Bound, Per, Role
from .find import Found

CLAUSE_END = "，,；;。！？\n：:"
SENTENCE_END = "；;。！？\n"

Hit = tuple[int, int, str]
"""A taxonomy mention: start, end and the entry's id."""


def clause_bounds(text: str, a: int, b: int, ends: str = CLAUSE_END) -> tuple[int, int]:
    """The clause (between punctuation) around ``text[a:b]``; with ``ends=SENTENCE_END``, the sentence."""
    s = a
    while s > 0 and text[s - 1] not in ends:
        s -= 1
    e = b
    while e < len(text) and text[e] not in ends:
        e += 1
    return s, e


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
