"""Ages that restate an age of their sentence as the day something begins (``年满70周岁、不满80周岁的，从年满70周岁的
当月起…``): a time anchor, not a second condition; the words are ``age_anchor_before`` and ``age_anchor_after`` of
the ``find`` table of ``data/context_rules.yaml``."""

from __future__ import annotations

import regex

from ._found import Found
from .rules import alternation, context_rules

_WORDS = context_rules().find
_OPENS = regex.compile(rf"(?:{alternation(_WORDS.age_anchor_before)})[ \u3000]*(?:年满|满|达到|年龄达到)?[ \u3000]*$")
_SENTENCE_END = "。；;\n"


REACH = 400  # a sentence is looked back over at most this many characters (a text of one long line stays linear)


def _sentence_start(text: str, at: int) -> int:
    lo = max(0, at - REACH)
    return max(lo, max(text.rfind(c, lo, at) for c in _SENTENCE_END) + 1)


def restated_anchor(text: str, f: Found, earlier: list[Found]) -> bool:
    """Is the age ``f`` the day a right begins (从年满70周岁的当月起, 自年满100周岁之日起) that restates an age of
    ``earlier`` (the ages before it) in its sentence?"""
    if f.kind != "age" or f.value_max is not None:
        return False
    if not text.startswith(_WORDS.age_anchor_after, f.end) or not _OPENS.search(text, max(0, f.start - 8), f.start):
        return False
    start = _sentence_start(text, f.start)
    return any(e.start >= start and e.value == f.value for e in reversed(earlier[-8:]))


CAPPED_AS = regex.compile(r"[ \u3000]*按[ \u3000]*")
"""超过45平方米按45平方米计算: what a number over the limit is counted as, the limit printed again."""


def counted_as_cap(text: str, f: Found) -> bool:
    """Is ``f`` the limit of ``超过N…按N…计算`` (a cap, read max), printed again after 按?"""
    m = CAPPED_AS.match(text, f.end)
    if m is None or not text.endswith("超过", max(0, f.start - 4), f.start):
        return False
    printed = text[f.start : f.end]
    return text.startswith(printed, m.end()) and text.startswith(("计算", "计"), m.end() + len(printed))


def drop_restated_anchors(text: str, found: list[Found]) -> list[Found]:
    """``found`` (sorted by start) without the ages that only restate an earlier age of their sentence as a time
    anchor, nor the limit of 超过N…按N…计算 printed again."""
    ages: list[Found] = []
    out: list[Found] = []
    for f in found:
        if restated_anchor(text, f, ages):
            continue
        again = CAPPED_AS.match(text, out[-1].end) if out and counted_as_cap(text, out[-1]) else None
        if again is not None and f.start == again.end():
            continue
        if f.kind == "age":
            ages.append(f)
        out.append(f)
    return out
