"""Align the articles of two documents by content as well as number.

An article is the unit that holds rules: every 第X条 of a 条-numbered document, otherwise every top-level
section (golden/diffs/README.md). Pairs are found by text similarity (character bigrams, numbers and labels left out), so renumbered, moved,
merged and split articles are recognized; each pair is classified unchanged, modified, moved, added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .._types import Span
from ..records import Document, Section, walk_sections
from ..text.numbering import strip_marker
from ..text.numerals import CN_DIGIT_CHARS

WHOLE = "全文"  # the path of the one article of a document without numbered articles
MIN_SIMILARITY = 0.30  # at or above this, the most similar articles are paired
MIN_MUTUAL = 0.12  # between this and MIN_SIMILARITY, only articles that are each other's most similar
MERGE_CONTAINMENT = 0.55  # an unpaired article this much contained in a paired one was merged into it
NEAR_IDENTICAL = 0.95


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its path, heading, span in the document text and its text without the number label."""

    path: str
    heading: str | None
    span: Span
    body: str
    order: int


def _label_free(s: Section) -> str:
    """The section's text without its own number label."""
    return strip_marker(s.text)


def articles(doc: Document) -> list[Article]:
    """The articles of a document, in reading order."""
    secs = doc.sections
    if any(s.marker == "tiao" for s in walk_sections(secs)):
        chosen = [s for s in walk_sections(secs) if s.marker == "tiao"]
    else:
        chosen = list(secs)
    if not chosen:  # a document without numbered articles is one article
        return [Article(WHOLE, None, (0, len(doc.text)), doc.text, 0)]
    return [Article(s.path, s.heading, s.span, _label_free(s), k) for k, s in enumerate(chosen)]


_NOT_WORDING = regex.compile(rf"[\d\s\p{{P}}{CN_DIGIT_CHARS}十百千万亿]+")


def _key(text: str) -> str:
    """Text for comparing wording: no numbers, spaces or punctuation (numbers are compared as parameters)."""
    return _NOT_WORDING.sub("", text)


def bigrams(text: str) -> set[str]:
    k = _key(text)
    return {k[i : i + 2] for i in range(len(k) - 1)}


def similarity(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two bigram sets."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


@dataclass(frozen=True, slots=True)
class Pairing:
    a: Article | None
    b: Article | None
    similarity: float
    status: str


def _status(a: Article, b: Article, sim: float, same_position: bool) -> str:
    if _key(a.body) == _key(b.body) and a.body == b.body:
        return "unchanged" if a.path == b.path else "moved"
    if sim >= NEAR_IDENTICAL and a.path != b.path and not same_position:
        return "moved"
    if regex.sub(r"\s", "", a.body) == regex.sub(r"\s", "", b.body):
        return "unchanged" if a.path == b.path else "moved"
    return "modified"


def align(a_doc: Document, b_doc: Document) -> list[Pairing]:
    """Pair the articles of A and B; every article of both appears at least once."""
    xs, ys = articles(a_doc), articles(b_doc)
    bx = [bigrams(x.body) for x in xs]
    by = [bigrams(y.body) for y in ys]

    def alike(i: int, j: int) -> float:  # identical bodies are alike even without wording to compare ("", "1500元")
        return 1.0 if xs[i].body == ys[j].body else similarity(bx[i], by[j])

    scores = sorted(
        ((alike(i, j) + (0.05 if xs[i].path == ys[j].path else 0.0), i, j) for i in range(len(xs)) for j in range(len(ys))),
        reverse=True,
    )
    pa: dict[int, int] = {}
    pb: dict[int, int] = {}
    sims: dict[tuple[int, int], float] = {}
    row_best = {i: max((s for s, ii, _ in scores if ii == i), default=0.0) for i in range(len(xs))}
    col_best = {j: max((s for s, _, jj in scores if jj == j), default=0.0) for j in range(len(ys))}
    for score, i, j in scores:
        if score < MIN_MUTUAL:
            break
        if i in pa or j in pb:
            continue
        if score < MIN_SIMILARITY and not (score >= row_best[i] and score >= col_best[j]):
            continue  # a rewritten article is paired only with its best match, both ways
        pa[i], pb[j] = j, i
        sims[(i, j)] = min(1.0, alike(i, j))
    # merged (two of A into one of B) and split (one of A into two of B)
    extra: list[tuple[int, int]] = []
    for i in range(len(xs)):
        if i not in pa:
            best = max(pb, key=lambda j: containment(bx[i], by[j]), default=None)
            if best is not None and containment(bx[i], by[best]) >= MERGE_CONTAINMENT:
                extra.append((i, best))
    for j in range(len(ys)):
        if j not in pb:
            best = max(pa, key=lambda i: containment(by[j], bx[i]), default=None)
            if best is not None and containment(by[j], bx[best]) >= MERGE_CONTAINMENT:
                extra.append((best, j))
    out: list[Pairing] = []
    merged_a = {i for i, _ in extra} | {i for i, j in pa.items() if any(jj == j for _, jj in extra)}
    merged_b = {j for _, j in extra} | {j for i, j in pa.items() if any(ii == i for ii, _ in extra)}
    for i, j in sorted(list(pa.items()) + extra, key=lambda t: (t[0], t[1])):
        sim = sims.get((i, j), alike(i, j))
        same_position = xs[i].order == ys[j].order
        status = _status(xs[i], ys[j], sim, same_position)
        if (i, j) in extra or i in merged_a or j in merged_b:
            status = "modified"  # a merged or split article
        out.append(Pairing(xs[i], ys[j], sim, status))
    paired_a = {i for i, _ in list(pa.items()) + extra}
    paired_b = {j for _, j in list(pa.items()) + extra}
    out += [Pairing(xs[i], None, 0.0, "removed") for i in range(len(xs)) if i not in paired_a]
    out += [Pairing(None, ys[j], 0.0, "added") for j in range(len(ys)) if j not in paired_b]
    order = {id(p): (p.a.order if p.a else (p.b.order if p.b else 0), p.b.order if p.b else -1) for p in out}
    return sorted(out, key=lambda p: order[id(p)])
