"""Align the parts of two aligned articles: 款 (paragraphs) and 项 (items ``（一）``, ``1.``, ``①``).

An article's text is read line by line: a line that starts with an item label is a 项 of the 款 above it
(``第1款（三）``); any other line is the next 款 (``第2款``). Parts of the same text are paired first (in order;
under another label they are ``renumbered``); the rest are paired, in order, when alike (character bigrams,
numbers left out, as articles are): ``modified``; what is left is ``added`` or ``removed``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .._types import Span
from ..records import Document, PartPair
from ..records.diff import PartStatus
from .align import Article, bigrams, same_text, similarity

ALIKE = 0.35  # two parts at least this alike are one part rewritten
_ARTICLE_LABEL = regex.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条[ \u3000]*")
_ITEM = regex.compile(r"^\s*(?P<label>[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[①-⑳])")


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    text: str
    span: Span


def parts(doc: Document, art: Article) -> list[Part]:
    """The 款 and 项 of an article, in order, each with its span in the document's text."""
    out: list[Part] = []
    start, end = art.span
    pos = start
    kuan = 0
    for line in doc.text[start:end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if not line.strip():
            continue
        m = _ITEM.match(line)
        if m and kuan:
            label = f"第{kuan}款{m.group('label').strip()}"
        else:
            kuan += 1
            label = f"第{kuan}款"
        out.append(Part(label, _ARTICLE_LABEL.sub("", line).strip(), (s, e)))
    return out


def align_parts(a_doc: Document, b_doc: Document, x: Article, y: Article) -> list[PartPair]:
    """The 款 and 项 of two aligned articles paired; empty when both are one paragraph each."""
    pa, pb = parts(a_doc, x), parts(b_doc, y)
    if len(pa) <= 1 and len(pb) <= 1:
        return []
    links: dict[int, int] = {}
    used: set[int] = set()
    for i, p in enumerate(pa):  # the same text, in order
        j = next((j for j, q in enumerate(pb) if j not in used and j > max(links.values(), default=-1) and same_text(p.text, q.text)), None)
        if j is not None:
            links[i] = j
            used.add(j)
    grams_a = [bigrams(p.text) for p in pa]
    grams_b = [bigrams(q.text) for q in pb]
    cands = sorted(((similarity(grams_a[i], grams_b[j]), i, j) for i in range(len(pa)) if i not in links
                    for j in range(len(pb)) if j not in used), key=lambda c: (-c[0], c[1], c[2]))
    for score, i, j in cands:
        if score < ALIKE or i in links or j in used:
            continue
        # keep the order: no link across one already made
        if any((i < k) != (j < v) for k, v in links.items()):
            continue
        links[i] = j
        used.add(j)
    out: list[PartPair] = []
    for i, p in enumerate(pa):
        if i in links:
            q = pb[links[i]]
            same = same_text(p.text, q.text)
            status: PartStatus = ("unchanged" if p.label == q.label else "renumbered") if same else "modified"
            sim = 1.0 if same else similarity(grams_a[i], grams_b[links[i]])
            out.append(PartPair(status=status, a=p.label, b=q.label, a_span=p.span, b_span=q.span, similarity=round(sim, 3)))
        else:
            out.append(PartPair(status="removed", a=p.label, b=None, a_span=p.span, similarity=0.0))
    for j, q in enumerate(pb):
        if j not in used:
            out.append(PartPair(status="added", a=None, b=q.label, b_span=q.span, similarity=0.0))
    return out
