"""Numbering markers of official documents: 第X编/章/节/条, 一、, （一）, 1., （1）, ①, 一是."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..records.vocab import Marker as MarkerKind
from .numerals import CN_DIGIT_CHARS

CN_DIGITS = CN_DIGIT_CHARS + "十百千两"
"""The characters of a Chinese number in a label (第二十一条, 十二、)."""
DIVISION_DIGITS = CN_DIGITS + "万"
"""Those of a 第X编/章/节/条 label, which can pass ten thousand (第一万零一条); a 一、 label never does."""

# Order matters: the first pattern that matches the start of a line wins.
# Each pattern captures the label in group "num"; the rest of the line follows the match.
MARKER_PATTERNS: tuple[tuple[MarkerKind, str], ...] = (
    ("bian", rf"第(?P<num>[{DIVISION_DIGITS}\d]+)编[ \u3000]*"),
    ("zhang", rf"第(?P<num>[{DIVISION_DIGITS}\d]+)章[ \u3000]*"),
    ("jie", rf"第(?P<num>[{DIVISION_DIGITS}\d]+)节[ \u3000]*"),
    ("tiao", rf"第(?P<num>[{DIVISION_DIGITS}\d]+)条[ \u3000]*"),
    ("cn", rf"(?P<num>[{CN_DIGITS}]{{1,4}})[、．][ \u3000]*"),
    ("cn_paren", rf"[（(](?P<num>[{CN_DIGITS}]{{1,4}})[）)][ \u3000]*"),
    ("arabic", r"(?P<num>\d{1,3})(?:[、．]|\.(?!\d))[ \u3000]*"),
    ("arabic_paren", r"[（(](?P<num>\d{1,3})[）)][ \u3000]*"),
    ("circled", r"(?P<num>[①-⑳])[ \u3000]*"),
)
_COMPILED = tuple((kind, regex.compile(pat)) for kind, pat in MARKER_PATTERNS)

# Rank of each style in the usual hierarchy; a lower rank is a higher level.
MARKER_RANK: dict[MarkerKind, int] = {
    "bian": 0, "zhang": 1, "jie": 2, "tiao": 3,
    "cn": 4, "cn_paren": 5, "arabic": 6, "arabic_paren": 7, "circled": 8, "shi": 9,
}

# "一是…二是…" inline enumerations.
SHI_RE = regex.compile(rf"(?P<num>[{CN_DIGITS}]{{1,3}})是")


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbering marker found at the start of a line."""

    kind: MarkerKind
    num: str
    label: str
    end: int

    @property
    def display(self) -> str:
        """The label as a path element: 一, （一）, 1, 第三条."""
        if self.kind in ("bian", "zhang", "jie", "tiao"):
            return self.label.strip(" \u3000")
        if self.kind in ("cn_paren", "arabic_paren"):
            return f"（{self.num}）"
        return self.num


_DIGIT_OR_PERCENT = regex.compile(r"[\d%％]")  # "1.5万元", "1%": a number, not a marker


def match_marker(line: str) -> Marker | None:
    """Return the numbering marker at the start of ``line``, or None.

    >>> match_marker("一、援企稳岗稳定就业").display
    '一'
    >>> match_marker("（三）加强就业见习").display
    '（三）'
    >>> match_marker("第十一条 贷款额度").display
    '第十一条'
    >>> match_marker("1.5万元以下") is None
    True
    >>> match_marker("2020年2月") is None
    True
    """
    for kind, pat in _COMPILED:
        m = pat.match(line)
        if m is None:
            continue
        rest = line[m.end():]
        if kind in ("arabic", "cn") and not rest:
            continue
        if kind == "arabic" and _DIGIT_OR_PERCENT.match(rest):
            continue
        return Marker(kind, m.group("num"), m.group(0), m.end())
    return None


def strip_marker(line: str) -> str:
    """``line`` without the numbering marker it starts with (leading spaces too), or unchanged.

    >>> strip_marker("第三条　贷款额度")
    '贷款额度'
    >>> strip_marker("（二）加强就业见习")
    '加强就业见习'
    >>> strip_marker("1.5万元以下")
    '1.5万元以下'
    """
    body = line.lstrip(" \u3000")
    m = match_marker(body)
    return body[m.end :] if m else line
