"""Split a compendium (汇编) into its documents, guided by its table of contents.

A compendium starts with ``目录``: numbered entries with page numbers. Each entry is matched, in order, to a
document head in the body: a run of short lines (``…文件`` header, issuing organs, title, 文号) after the end
of the previous document. The table of contents and part headings (``第一部分 …``) belong to no document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..text.patterns import DATE_LINE_RE, DOC_NUMBER_LINE_RE, norm_title
from .heads import is_head_like, split_organs

TOC_HEAD_RE = regex.compile(r"^目[\s\u3000]*录$")
TOC_ENTRY_RE = regex.compile(r"^\s*-?\s*(?P<n>\d{1,3})[.．、]\s*(?P<title>.+?)[\s.…·．。]*\t?\s*(?P<page>\d{1,4})\s*$")
PART_RE = regex.compile(r"^第[一二三四五六七八九十]+部分[\s\u3000]")
MIN_CONTAINMENT = 0.55


@dataclass(frozen=True, slots=True)
class TocEntry:
    n: int
    title: str
    page: int


@dataclass(frozen=True, slots=True)
class Split:
    """Documents as paragraph index ranges ``[start, end)``, with the TOC entries they were matched to."""

    ranges: list[tuple[int, int]]
    numbers: list[int]
    toc: list[TocEntry]


def find_toc(paragraphs: Sequence[str]) -> tuple[list[TocEntry], int]:
    """The table of contents and the index of the first paragraph after it; ([], 0) when there is none.

    >>> find_toc(["目 录", "1. 关于印发某方案的通知..... 1", "2. 关于某事项的通知 10", "正文"])[1]
    3
    """
    i = next((k for k, p in enumerate(paragraphs[:30]) if TOC_HEAD_RE.match(p.strip())), None)
    if i is None:
        return [], 0
    entries: list[TocEntry] = []
    j = i + 1
    while j < len(paragraphs):
        p = paragraphs[j].strip()
        m = TOC_ENTRY_RE.match(p)
        if m and int(m.group("n")) == len(entries) + 1:
            entries.append(TocEntry(int(m.group("n")), m.group("title").strip(), int(m.group("page"))))
        elif not (PART_RE.match(p + " ") or not p):
            break
        j += 1
    if len(entries) < 2:
        return [], 0
    # A part heading right after the TOC opens the body: it is not a TOC line.
    while j > i and PART_RE.match(paragraphs[j - 1].strip() + " "):
        j -= 1
    return entries, j


def _bigrams(s: str) -> set[str]:
    return {s[k : k + 2] for k in range(len(s) - 1)}


def containment(key: str, window: str) -> float:
    """Share of the key's character bigrams found in the window.

    >>> containment("关于印发方案的通知", "某局关于印发方案的通知")
    1.0
    """
    return _share(_bigrams(key), _bigrams(window))


def _share(key_bigrams: set[str], window_bigrams: set[str]) -> float:
    """:func:`containment` of bigram sets made once (a candidate's head is scored against every TOC entry)."""
    return len(key_bigrams & window_bigrams) / len(key_bigrams) if key_bigrams else 0.0


def _head_block(paragraphs: Sequence[str], j: int, limit: int = 16) -> str:
    out = []
    for p in paragraphs[j : j + limit]:
        if not is_head_like(p) and not DOC_NUMBER_LINE_RE.match(p.strip()):
            break
        out.append(p)
    return norm_title("".join(out))


def _droppable(p: str) -> bool:
    """A line that may open a head block without being part of the head: not an organ, header or 文号."""
    return not (split_organs(p) or "文件" in p or DOC_NUMBER_LINE_RE.match(p.strip()))


def _candidates(paragraphs: Sequence[str], start: int) -> list[int]:
    """Paragraphs that can open a document head: head-like, after a line that is not (or after a date)."""
    out = []
    for j in range(start, len(paragraphs)):
        p = paragraphs[j].strip()
        if not p or PART_RE.match(p + " ") or not is_head_like(p):
            continue
        prev = paragraphs[j - 1].strip() if j > 0 else ""
        if j == start or not is_head_like(prev) or DATE_LINE_RE.search(prev) or PART_RE.match(prev + " "):
            out.append(j)
    return out


def split_compendium(paragraphs: Sequence[str]) -> Split | None:
    """Split paragraphs into documents by the table of contents; None when there is no TOC."""
    toc, body_start = find_toc(paragraphs)
    if not toc:
        return None
    cands = _candidates(paragraphs, body_start)
    blocks = {j: _bigrams(_head_block(paragraphs, j)) for j in cands}
    starts: list[int] = []
    numbers: list[int] = []
    pos = 0
    for entry in toc:
        key = norm_title(entry.title)
        key_bigrams = _bigrams(key)
        best, best_score = -1, 0.0
        for k in range(pos, len(cands)):
            score = _share(key_bigrams, blocks[cands[k]])
            if score >= 0.9:
                best, best_score = k, score
                break
            if score > best_score:
                best, best_score = k, score
        if best < 0 or best_score < MIN_CONTAINMENT:
            continue
        start = cands[best]
        # a block can begin with the tail of the previous document: drop lines that do not help the match
        while start + 1 < len(paragraphs) and _droppable(paragraphs[start]) and containment(
            key, _head_block(paragraphs, start + 1)
        ) >= best_score:
            start += 1
        starts.append(start)
        numbers.append(entry.n)
        pos = best + 1
    ranges: list[tuple[int, int]] = []
    kept: list[int] = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        while e > s and (not paragraphs[e - 1].strip() or PART_RE.match(paragraphs[e - 1].strip() + " ")):
            e -= 1
        if e > s:  # an entry matched only a part heading before the next document's head gives no document
            ranges.append((s, e))
            kept.append(numbers[k])
    return Split(ranges, kept, toc)
