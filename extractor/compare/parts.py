"""Align the parts of two aligned articles: 款 (paragraphs) and 项 (items ``（一）``, ``1.``, ``①``).

An article's text is read line by line: a line that starts with an item label is a 项 of the 款 above it
(``第1款（三）``); any other line is the next 款 (``第2款``). Parts of the same text are paired first (in order;
under another label they are ``renumbered``); the rest are paired, in order, when alike (character bigrams,
numbers left out, as articles are): ``modified``; what is left is ``added`` or ``removed``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from .._types import Span
from ..records import Document, PartPair
from ..records.diff import PartStatus
from .align import Article, bigrams, layout_key, same_text, similarity

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
    at_key: dict[str, list[int]] = {}
    for j, q in enumerate(pb):
        at_key.setdefault(layout_key(q.text), []).append(j)
    last = -1
    for i, p in enumerate(pa):  # the same text, in order: the first such part after the last linked
        js = at_key.get(layout_key(p.text), [])
        k = bisect.bisect_right(js, last)
        if k < len(js):
            links[i] = last = js[k]
            used.add(last)
    grams_a = [bigrams(p.text) for p in pa]
    grams_b = [bigrams(q.text) for q in pb]
    holding: dict[str, list[int]] = {}
    for j, g in enumerate(grams_b):
        if j not in used:
            for w in g:
                holding.setdefault(w, []).append(j)
    # only parts sharing a bigram can reach ALIKE
    near = ((i, j) for i in range(len(pa)) if i not in links for j in sorted({j for w in grams_a[i] for j in holding.get(w, ())}))
    cands = sorted(((similarity(grams_a[i], grams_b[j]), i, j) for i, j in near), key=lambda c: (-c[0], c[1], c[2]))
    keys = sorted(links)  # the links keep the order: their j increase with their i
    for score, i, j in cands:
        if score < ALIKE:
            break
        if i in links or j in used:
            continue
        # keep the order: no link across one already made
        k = bisect.bisect_left(keys, i)
        if (k > 0 and links[keys[k - 1]] > j) or (k < len(keys) and links[keys[k]] < j):
            continue
        links[i] = j
        used.add(j)
        keys.insert(k, i)
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
