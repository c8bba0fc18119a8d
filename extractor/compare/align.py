"""Align the articles of two documents by content as well as number.

An article is the unit that holds rules: every 第X条 of a 条-numbered document, otherwise every top-level
section (golden/diffs/README.md). Articles are compared by their wording (character bigrams, numbers and labels
left out, each bigram weighted by how rare it is among the articles of both documents, so that boilerplate such as
责令停止违法行为 counts less than what an article is about). Pairs are found in three passes:

1. anchors: articles identical or very alike, kept when they run in the same order in both documents (the longest
   such run); an identical article out of that order is a move;
2. between two consecutive anchors, the articles of A and B are aligned in order (renumbering through insertions
   and repeals: a repealed article leaves a gap in B, an inserted one a gap in A);
3. what is left is paired across the whole document when alike enough (moves across chapters); then an article
   still unpaired whose wording is found in a paired article, beyond what that article's own partner explains,
   is linked to it too (split: one of A into several of B; merged: several of A into one of B).

Statuses, after Akoma Ntoso (substitution, insertion, repeal, renumbering, split, join): ``unchanged`` (same text,
punctuation and spacing aside, same path), ``renumbered`` (the same text under another number or chapter),
``modified``, ``split`` (each link of an article of A linked to several of B), ``merged`` (each link of an article
of B linked to several of A), ``added``, ``removed``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .._types import Span
from ..records import Document, PairStatus, Section, walk_sections
from ..text.numbering import strip_marker
from ..text.numerals import CN_DIGIT_CHARS

WHOLE = "全文"  # the path of the one article of a document without numbered articles
ANCHOR = 0.55  # weighted similarity of an anchor: articles that are surely the same
IN_ORDER = 0.17  # between two anchors, articles in the same order are paired at or above this
SAME_PATH = 0.05  # between anchors, added to the similarity of two articles under the same number
SLOT = 0.05  # the one article of A and the one of B between two anchors are paired at or above this
MOVE_SURE = 0.30  # articles out of order are paired at or above this
MOVE = 0.20  # and down to this when each other's most similar among the articles left
MOVE_FREE = 0.08  # the same, between documents whose articles do not follow one order (fewer than ORDERED of them paired in order)
ORDERED = 0.5
RESIDUAL_REPEALED = 0.2  # the same for an article of A left unpaired: merged into one of B rather than repealed
RESIDUAL = 0.25  # share of an unpaired article's own wording found in a paired article: split or merged
MIN_OWN = 40.0  # an unpaired article needs this much own (weighted) wording for a split or merge link
SECOND = 0.4  # a paired article this alike to another's partner is linked to it too (split or merged)
SAME_NUMBER = 0.3  # an unpaired article this alike to the one under its number (paired elsewhere) is linked to it
SAME = 0.8  # an article this alike to its partner keeps to it: no second link (penalty articles of one pattern stay apart)
RIVAL = 0.7  # and at least this share of the similarity of each to its partner
ALL_PAIRS = 10_000  # documents with up to this many pairs of articles score every pair
BAND = 8  # beyond, the articles this near the same place in both documents are scored
RARE = 64  # and those sharing a bigram that at most this many pairs of articles share
JOIN_ALL = 100  # up to this many paired articles, an unpaired one is tried against each sharing its wording


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
_LAYOUT = regex.compile(r"[\s\p{P}\p{S}]+")
_DECIMAL = regex.compile(r"(?<=\d)[.．](?=\d)")


def _key(text: str) -> str:
    """Text for comparing wording: no numbers, spaces or punctuation (numbers are compared as parameters)."""
    return _NOT_WORDING.sub("", text)


def same_text(a: str, b: str) -> bool:
    """The same text, punctuation, bracket width, spacing and line breaks aside (numbers and words count).

    >>> same_text("（一）收养法；", "(一)收养法;"), same_text("一、二", "一二"), same_text("1.5万元", "15万元")
    (True, True, False)
    """
    return _LAYOUT.sub("", _DECIMAL.sub("点", a)) == _LAYOUT.sub("", _DECIMAL.sub("点", b))


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
    status: PairStatus


class _Wording:
    """The articles' bigrams, each weighted by its rarity among the articles of both documents; each article's
    weighted mass is summed once."""

    def __init__(self, xs: Sequence[Article], ys: Sequence[Article]) -> None:
        self.a = [bigrams(x.body) for x in xs]
        self.b = [bigrams(y.body) for y in ys]
        df: Counter[str] = Counter()
        for s in self.a + self.b:
            df.update(s)
        n = len(self.a) + len(self.b)
        self.w = {g: math.log(1 + n / c) for g, c in df.items()}
        self.wa = [self.mass(s) for s in self.a]
        self.wb = [self.mass(s) for s in self.b]

    def mass(self, s: set[str]) -> float:
        return sum(self.w.get(g, 0.0) for g in s)

    def dice(self, i: int, j: int) -> float:
        total = self.wa[i] + self.wb[j]
        return 2 * self.mass(self.a[i] & self.b[j]) / total if total else 0.0


def _candidates(xs: Sequence[Article], ys: Sequence[Article], words: _Wording) -> set[tuple[int, int]]:
    """The pairs worth scoring: every pair when there are few (up to ALL_PAIRS), otherwise the pairs of the same
    text, those near the same place in both documents (BAND) and those that share a bigram found in few articles
    (at most RARE pairs of articles hold it). The pairs left out share only common wording: their similarity is
    below every threshold that pairs across the document (MOVE_FREE and above), and the in-order pass between two
    anchors scores its articles itself."""
    n, m = len(xs), len(ys)
    if n * m <= ALL_PAIRS:
        return {(i, j) for i in range(n) for j in range(m)}
    out: set[tuple[int, int]] = set()
    by_text: dict[str, list[int]] = {}
    for j, y in enumerate(ys):
        by_text.setdefault(_layout_key(y.body), []).append(j)
    for i, x in enumerate(xs):
        out.update((i, j) for j in by_text.get(_layout_key(x.body), ()))
        at = i * m // n
        out.update((i, j) for j in range(max(0, at - BAND), min(m, at + BAND + 1)))
    in_a: dict[str, list[int]] = {}
    in_b: dict[str, list[int]] = {}
    for i, s in enumerate(words.a):
        for g in s:
            in_a.setdefault(g, []).append(i)
    for j, s in enumerate(words.b):
        for g in s:
            in_b.setdefault(g, []).append(j)
    for g, rows in in_a.items():
        cols = in_b.get(g)
        if cols and len(rows) * len(cols) <= RARE:
            out.update((i, j) for i in rows for j in cols)
    return out


class _Sim:
    """The similarity of the candidate pairs (1.0 for the same text, punctuation and spacing aside; else the
    weighted Dice coefficient), by row and by column; any pair is scored on demand with ``exact``."""

    def __init__(self, xs: Sequence[Article], ys: Sequence[Article], words: _Wording) -> None:
        self.xs, self.ys, self.words = xs, ys, words
        self.n, self.m = len(xs), len(ys)
        self.rows: list[dict[int, float]] = [{} for _ in xs]
        self.cols: list[dict[int, float]] = [{} for _ in ys]
        self.dices: dict[tuple[int, int], float] = {}
        self.ka = [_layout_key(x.body) for x in xs]  # same_text of two articles: these equal
        self.kb = [_layout_key(y.body) for y in ys]
        for i, j in _candidates(xs, ys, words):
            d = words.dice(i, j)
            self.dices[(i, j)] = d
            v = 1.0 if self.ka[i] == self.kb[j] else d
            self.rows[i][j] = v
            self.cols[j][i] = v

    def get(self, i: int, j: int) -> float:
        """The similarity of a candidate pair, 0.0 for a pair left out."""
        return self.rows[i].get(j, 0.0)

    def exact(self, i: int, j: int) -> float:
        """The similarity of any pair."""
        if j in self.rows[i]:
            return self.rows[i][j]
        return 1.0 if self.ka[i] == self.kb[j] else self.words.dice(i, j)

    def dice(self, i: int, j: int) -> float:
        d = self.dices.get((i, j))
        return self.words.dice(i, j) if d is None else d


def _layout_key(text: str) -> str:
    """What ``same_text`` compares."""
    return _LAYOUT.sub("", _DECIMAL.sub("点", text))


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by i, each i and each j once) whose j increase too; of runs of one
    length, the one ending first, each step taken from the earliest pair that gives the longest run to it
    (a Fenwick tree of the best run ending below each j: n log n)."""
    if not pairs:
        return []
    js = sorted({j for _, j in pairs})
    rank = {j: r + 1 for r, j in enumerate(js)}
    size = len(js)
    tree: list[tuple[int, int]] = [(0, 1)] * (size + 1)  # (run length, -index of its last pair)
    length: list[int] = []
    prev: list[int] = []
    for k, (_, j) in enumerate(pairs):
        best, r = (0, 1), rank[j] - 1
        while r > 0:
            best = max(best, tree[r])
            r -= r & -r
        length.append(best[0] + 1)
        prev.append(-best[1] if best[0] else -1)
        r = rank[j]
        while r <= size:
            tree[r] = max(tree[r], (length[k], -k))
            r += r & -r
    top = max(length)
    k = length.index(top)
    out: list[tuple[int, int]] = []
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    return out[::-1]


def _in_order(sim: _Sim, rows: list[int], cols: list[int]) -> list[tuple[int, int]]:
    """The pairs of ``rows`` × ``cols``, both in order, that add up to the most similarity above IN_ORDER; of two
    alike articles, the one under the same number is preferred (SAME_PATH)."""
    n, m = len(rows), len(cols)
    if not n or not m:
        return []
    if n == m == 1 and sim.exact(rows[0], cols[0]) >= SLOT:  # one article rewritten in its place
        return [(rows[0], cols[0])]
    xs, ys = sim.xs, sim.ys

    def near(i: int, j: int) -> float:
        return sim.exact(i, j) + (SAME_PATH if xs[i].path == ys[j].path else 0.0)

    gain = [[near(rows[r], cols[c]) - IN_ORDER for c in range(m)] for r in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for r in range(n - 1, -1, -1):
        for c in range(m - 1, -1, -1):
            take = best[r + 1][c + 1] + gain[r][c] if gain[r][c] >= 0 else -1.0
            best[r][c] = max(best[r + 1][c], best[r][c + 1], take)
    out: list[tuple[int, int]] = []
    r = c = 0
    while r < n and c < m:
        if gain[r][c] >= 0 and best[r][c] == best[r + 1][c + 1] + gain[r][c]:
            out.append((rows[r], cols[c]))
            r, c = r + 1, c + 1
        elif best[r][c] == best[r + 1][c]:
            r += 1
        else:
            c += 1
    return out


def _one_to_one(xs: Sequence[Article], ys: Sequence[Article], sim: _Sim) -> dict[int, int]:
    """Articles of A paired with articles of B, one to one (passes 1 to 3)."""
    by_body: dict[str, list[int]] = {}
    for j, y in enumerate(ys):
        by_body.setdefault(y.body, []).append(j)
    same = {(i, j) for i, x in enumerate(xs) for j in by_body.get(x.body, ())}
    row_best = [max(r.values(), default=0.0) for r in sim.rows]
    col_best = [max(c.values(), default=0.0) for c in sim.cols]
    # 1. anchors: each other's most similar and very alike (identical text always)
    anchors = sorted(
        (i, j) for i, r in enumerate(sim.rows) for j, v in r.items()
        if (i, j) in same or (v >= ANCHOR and v >= row_best[i] and v >= col_best[j])
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    unique: list[tuple[int, int]] = []
    for i, j in sorted(anchors, key=lambda p: (-sim.get(*p), abs(p[0] - p[1]))):
        if i not in used_i and j not in used_j:
            unique.append((i, j))
            used_i.add(i)
            used_j.add(j)
    backbone = _increasing(sorted(unique))
    pa = dict(backbone)
    # identical articles out of the backbone's order were moved
    for i, j in unique:
        if i not in pa and j not in pa.values() and sim.get(i, j) >= 0.9:
            pa[i] = j
    # 2. in order, between consecutive anchors
    fence = sorted(backbone)
    bounds = [(-1, -1), *fence, (len(xs), len(ys))]
    taken = set(pa.values())
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        rows = [i for i in range(i0 + 1, i1) if i not in pa]
        cols = [j for j in range(j0 + 1, j1) if j not in taken]
        for i, j in _in_order(sim, rows, cols):
            pa[i] = j
            taken.add(j)
    # 3. the rest, across the document: alike enough, or each other's most similar among what is left
    # two documents with few articles in the same order (a city's measure beside a province's) pair more freely
    floor = MOVE if len(pa) >= ORDERED * min(len(xs), len(ys)) else MOVE_FREE
    left_i = {i for i in range(len(xs)) if i not in pa}
    left_j = {j for j in range(len(ys)) if j not in taken}
    cands = sorted(((v, i, j) for i in left_i for j, v in sim.rows[i].items() if j in left_j and v >= floor), reverse=True)
    for score, i, j in cands:
        if i not in left_i or j not in left_j:
            continue
        if score >= MOVE_SURE or (score >= max((v for jj, v in sim.rows[i].items() if jj in left_j), default=0.0)
                                  and score >= max((v for ii, v in sim.cols[j].items() if ii in left_i), default=0.0)):
            pa[i] = j
            left_i.discard(i)
            left_j.discard(j)
    return pa


def _joins(words: _Wording, pa: dict[int, int]) -> list[tuple[int, int]]:
    """Links of articles left unpaired to paired ones whose wording holds theirs (split and merged). Only the
    paired articles that share a bigram with it can hold any of an article's wording; beyond JOIN_ALL paired articles, only
    those sharing a bigram found in at most RARE paired articles are tried."""
    extra: list[tuple[int, int]] = []
    pb = {j: i for i, j in pa.items()}
    n_a, n_b = len(words.a), len(words.b)
    in_a: dict[str, list[int]] = {}
    in_b: dict[str, list[int]] = {}
    for i in pa:
        for g in words.a[i]:
            in_a.setdefault(g, []).append(i)
    for j in pb:
        for g in words.b[j]:
            in_b.setdefault(g, []).append(j)

    def residual(own: set[str], partner: set[str], host: set[str]) -> tuple[float, float]:
        mine = own - partner
        mass = words.mass(mine)
        return (words.mass(mine & host) / mass if mass else 0.0), mass

    capped = len(pa) > JOIN_ALL  # a bigram in more than RARE paired articles names no host

    def near(own: set[str], index: dict[str, list[int]]) -> list[int]:
        return sorted({k for g in own if len(ks := index.get(g, ())) <= RARE or not capped for k in ks})

    for i in range(n_a):
        if i in pa:
            continue
        hosts = near(words.a[i], in_b)
        scored = [(residual(words.a[i], words.a[pb[j]], words.b[j]), j) for j in hosts]
        (share, mass), j = max(scored, default=((0.0, 0.0), -1))
        if share >= RESIDUAL_REPEALED and mass >= MIN_OWN:
            extra.append((i, j))
    for j in range(n_b):
        if j in pb:
            continue
        hosts_a = near(words.b[j], in_a)
        scored_b = [(residual(words.b[j], words.b[pa[i]], words.a[i]), i) for i in hosts_a]
        (share, mass), i = max(scored_b, default=((0.0, 0.0), -1))
        if share >= RESIDUAL and mass >= MIN_OWN:
            extra.append((i, j))
    return extra


def _same_number_links(xs: Sequence[Article], ys: Sequence[Article], words: _Wording, pa: dict[int, int]) -> list[tuple[int, int]]:
    """An article left unpaired linked to the article under its own number on the other side, paired elsewhere,
    when they are alike enough (an article split in two, one part keeping the number: 第三条 → 第二条, 第三条)."""
    pb = {j: i for i, j in pa.items()}
    by_path_b = {y.path: j for j, y in enumerate(ys)}
    by_path_a = {x.path: i for i, x in enumerate(xs)}
    out = [(i, j) for j, y in enumerate(ys) if j not in pb and (i := by_path_a.get(y.path)) is not None and i in pa
           and words.dice(i, j) >= SAME_NUMBER]
    out += [(i, j) for i, x in enumerate(xs) if i not in pa and (j := by_path_b.get(x.path)) is not None and j in pb
            and words.dice(i, j) >= SAME_NUMBER]
    return out


def _second_links(sim: _Sim, pa: dict[int, int]) -> list[tuple[int, int]]:
    """Links beyond the one-to-one pairs: two paired articles, not each other's partners, about as alike as each is
    to its own partner (part of one moved into the other: a split of it, or a merge into that one). Only the
    candidate pairs can be that alike (SECOND is above every pass's threshold)."""
    pb = {j: i for i, j in pa.items()}
    out = []
    for (i, j), d in sim.dices.items():
        j0, i0 = pa.get(i), pb.get(j)
        if j0 is None or i0 is None or j == j0 or d < SECOND:
            continue
        own_a, own_b = sim.dice(i, j0), sim.dice(i0, j)
        if max(own_a, own_b) >= SAME:  # an article kept as it was is neither split nor merged
            continue
        if d >= RIVAL * own_a and d >= RIVAL * own_b:
            out.append((i, j))
    return out


def _status(a: Article, b: Article, n_a: int, n_b: int) -> PairStatus:
    if n_a > 1:
        return "split"
    if n_b > 1:
        return "merged"
    if same_text(a.body, b.body):
        return "unchanged" if a.path == b.path else "renumbered"
    return "modified"


def align(a_doc: Document, b_doc: Document) -> list[Pairing]:
    """Pair the articles of A and B; every article of both appears at least once."""
    xs, ys = articles(a_doc), articles(b_doc)
    words = _Wording(xs, ys)
    sim = _Sim(xs, ys, words)
    pa = _one_to_one(xs, ys, sim)
    links = sorted(set(pa.items()) | set(_joins(words, pa)) | set(_second_links(sim, pa)) | set(_same_number_links(xs, ys, words, pa)))
    per_a = Counter(i for i, _ in links)
    per_b = Counter(j for _, j in links)
    out = [Pairing(xs[i], ys[j], round(min(1.0, sim.exact(i, j)), 6), _status(xs[i], ys[j], per_a[i], per_b[j])) for i, j in links]
    out += [Pairing(xs[i], None, 0.0, "removed") for i in range(len(xs)) if i not in per_a]
    out += [Pairing(None, ys[j], 0.0, "added") for j in range(len(ys)) if j not in per_b]

    def order(p: Pairing) -> tuple[int, int]:
        return (p.a.order if p.a else (p.b.order if p.b else 0), p.b.order if p.b else -1)

    return sorted(out, key=order)
