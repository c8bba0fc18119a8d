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

No pass links two articles alike by sanction boilerplate only (``data/sanction_boilerplate.txt``: 违反本条例…由…
责令改正…处…罚款…依法追究刑事责任): an article replaced under its number is repealed and inserted, not modified.

Statuses, after Akoma Ntoso (substitution, insertion, repeal, renumbering, split, join): ``unchanged`` (same text,
punctuation and spacing aside, same path), ``renumbered`` (the same text under another number or chapter),
``modified``, ``split`` (each link of an article of A linked to several of B), ``merged`` (each link of an article
of B linked to several of A), ``added``, ``removed``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex

from .._types import Span
from ..records import Document, PairStatus, Section, walk_sections
from ..text.numbering import strip_marker
from ..text.numerals import CN_DIGIT_CHARS
from ._chain import heaviest_chain as _heaviest_chain
from ._chain import increasing as _increasing
from ._sentences import moved_sentences
from ._swaps import swapped
from .citations import cited_links

WHOLE = "全文"  # the path of the one article of a document without numbered articles
ANCHOR = 0.55  # weighted similarity of an anchor: articles that are surely the same
IN_ORDER = 0.17  # between two anchors, articles in the same order are paired at or above this
SAME_PATH = 0.05  # between anchors, added to the similarity of two articles under the same number
SLOT = 0.05  # the one article of A and the one of B between two anchors are paired at or above this
UNPAIRED = 0.18  # a pair in order below this whose articles are each more alike to another is repealed and inserted
MOVE_SURE = 0.30  # articles out of order are paired at or above this
MOVE = 0.20  # and down to this when each other's most similar among the articles left
MOVE_FREE = 0.08  # the same, between documents whose articles do not follow one order (fewer than ORDERED of them paired in order)
ORDERED = 0.5
RESIDUAL_REPEALED = 0.2  # the same for an article of A left unpaired: merged into one of B rather than repealed
RESIDUAL = 0.25  # share of an unpaired article's own wording found in a paired article: split or merged
MIN_OWN = 40.0  # an unpaired article needs this much own (weighted) wording for a split or merge link
SECOND = 0.4  # a paired article this alike to another's partner is linked to it too (split or merged)
DISPLACED = 2.0  # a pair below MOVE_SURE is dropped when both its articles are linked elsewhere this many times as alike
SECOND_OWN = 0.2  # when this share of what each holds beyond its own partner is found in the other
SHARED = 0.25  # or, this alike, when a larger share is (SHARED_OWN) and each holds MIN_OWN beyond its partner
SHARED_OWN = 0.3
SAME_NUMBER = 0.3  # an unpaired article this alike to the one under its number (paired elsewhere) is linked to it
SAME_NUMBER_LOW = 0.2  # or this alike, when SAME_NUMBER_SHARE of its own wording (MIN_OWN at least) beyond the
SAME_NUMBER_OWN = 0.8  # and alike at least this share as much without the sanction boilerplate (怀化 第四十六条 replaced)
SAME_NUMBER_SHARE = 0.15  # other's partner is in it (国家赔偿法 第十三条 → 第十三条, 第十四条)
SAME = 0.8  # an article this alike to its partner keeps to it: no second link (penalty articles of one pattern stay apart)
RIVAL = 0.7  # and at least this share of the similarity of each to its partner
TIED = 0.9  # an article left unpaired this near (a share) to its rival's similarity to the partner is linked too
ALL_PAIRS = 10_000  # documents with up to this many pairs of articles score every pair
BAND = 8  # beyond, the articles this near the same place in both documents are scored
RARE = 64  # and those sharing a bigram that at most this many pairs of articles share
GAP_ALL = 10_000  # a gap between two anchors of up to this many pairs of articles scores every pair in the in-order pass
TOP = 12  # and of those sharing a rare bigram, the TOP of each article sharing the most such wording with it
JOIN_ALL = 100  # up to this many paired articles, an unpaired one is tried against each sharing its wording
BOILERPLATE_ONLY = 0.15  # articles alike below this without sanction boilerplate, and below BOILERPLATE_SHARE
BOILERPLATE_SHARE = 0.5  # of their similarity with it, are not one article (one replaced under its number)


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
    weighted mass is summed once. A bigram is a number (its order of first appearance), so that sets intersect
    and weights sum fast, and in the same order on every run."""

    def __init__(self, xs: Sequence[Article], ys: Sequence[Article]) -> None:
        ids: dict[str, int] = {}

        def encode(text: str) -> set[int]:
            k = _key(text)
            return {ids.setdefault(k[i : i + 2], len(ids)) for i in range(len(k) - 1)}

        self.a = [encode(x.body) for x in xs]
        self.b = [encode(y.body) for y in ys]
        self.df_a, self.df_b = [0] * len(ids), [0] * len(ids)  # how many articles of A, of B hold each bigram
        for sets, df in ((self.a, self.df_a), (self.b, self.df_b)):
            for s in sets:
                for g in s:
                    df[g] += 1
        n = len(self.a) + len(self.b)
        self.w = [math.log(1 + n / (x + y)) for x, y in zip(self.df_a, self.df_b, strict=True)]
        self.wa = [self.mass(s) for s in self.a]
        self.wb = [self.mass(s) for s in self.b]
        self.boiler = {b for t in _boilerplate() if (b := ids.get(t)) is not None}

    def own_dice(self, i: int, j: int) -> float:
        """The similarity of two articles without the sanction boilerplate."""
        a, b = self.a[i] - self.boiler, self.b[j] - self.boiler
        return 2 * self.mass(a & b) / total if (total := self.mass(a) + self.mass(b)) else 0.0

    def boilerplate_only(self, i: int, j: int) -> bool:
        """Alike by sanction boilerplate only: far less alike without it (one offence described keeps its wording)."""
        d, own = self.dice(i, j), self.own_dice(i, j)
        return d > 0 and own < BOILERPLATE_ONLY and own < BOILERPLATE_SHARE * d

    def mass(self, s: set[int]) -> float:
        return sum(map(self.w.__getitem__, s))

    def dice(self, i: int, j: int) -> float:
        total = self.wa[i] + self.wb[j]
        # at most 1: two articles of the same bigrams (a label aside) sum them in two orders, 1 + 2e-16 apart
        return min(1.0, 2 * self.mass(self.a[i] & self.b[j]) / total) if total else 0.0


@cache
def _boilerplate() -> frozenset[str]:
    """The bigrams of ``data/sanction_boilerplate.txt``."""
    text = resources.files("extractor.data").joinpath("sanction_boilerplate.txt").read_text(encoding="utf-8")
    keys = [_key(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(k[t : t + 2] for k in keys for t in range(len(k) - 1))


def _postings(sets: Sequence[set[int]], keep: Iterable[int], only: set[int]) -> dict[int, list[int]]:
    """For each bigram of ``only``, the articles of ``keep`` that hold it, in order (one list per bigram asked
    for, not per bigram of the documents: a text of random wording holds a new bigram every character)."""
    out: dict[int, list[int]] = {}
    for k in keep:
        for g in sets[k] & only:
            out.setdefault(g, []).append(k)
    return out


def _near_in_rank(ks: list[int], rank: int, of: int) -> list[int]:
    """Of ``ks`` (the places of one text on the other side), those within BAND of ``rank``'s place among ``of``."""
    at = rank * len(ks) // of
    return ks[max(0, at - BAND) : at + BAND + 1]


def _candidates(xs: Sequence[Article], ys: Sequence[Article], words: _Wording) -> list[set[int]]:
    """The pairs worth scoring, by article of A: every pair when there are few (up to ALL_PAIRS), otherwise

    - the pairs of the same text (of a text repeated many times, the copies near its rank among them: BAND);
    - the pairs near the same place in both documents (BAND);
    - of the pairs sharing a bigram found in few articles (at most RARE pairs of articles hold it), the TOP of each
      article of A and of each of B that share the most weight of such bigrams with it.

    The pairs left out share only common wording: their similarity is below every threshold that pairs across the
    document (MOVE_FREE and above), and the in-order pass between two anchors looks at the pairs near its own
    diagonal itself. An article has at most 4 * BAND + 2 + TOP candidates of its own, and each of the other side's
    TOP: linear in the articles."""
    n, m = len(xs), len(ys)
    if n * m <= ALL_PAIRS:
        return [set(range(m)) for _ in range(n)]
    out: list[set[int]] = [set() for _ in range(n)]
    by_text_a: dict[str, list[int]] = {}
    by_text_b: dict[str, list[int]] = {}
    for i, x in enumerate(xs):
        by_text_a.setdefault(layout_key(x.body), []).append(i)
    for j, y in enumerate(ys):
        by_text_b.setdefault(layout_key(y.body), []).append(j)
    for key, rows in by_text_a.items():
        if cols := by_text_b.get(key):
            for r, i in enumerate(rows):
                out[i].update(_near_in_rank(cols, r, len(rows)))
    for i in range(n):
        at = i * m // n
        out[i].update(range(max(0, at - BAND), min(m, at + BAND + 1)))
    for i, js in _rare_pairs(words, n, m):
        out[i].update(js)
    return out


def _rare_pairs(words: _Wording, n: int, m: int) -> Iterator[tuple[int, list[int]]]:
    """For each article of A, the articles of B among its TOP and those it is among the TOP of, by the weight of
    the rare bigrams (held by at most RARE pairs of articles) they share; ties to the earlier article."""
    rare = {g for g, (x, y) in enumerate(zip(words.df_a, words.df_b, strict=True)) if x and y and x * y <= RARE}
    in_a, in_b = _postings(words.a, range(n), rare), _postings(words.b, range(m), rare)
    shared: list[dict[int, float]] = [{} for _ in range(n)]
    w = words.w
    for g in sorted(in_a):
        cols = in_b[g]
        for i in in_a[g]:
            acc = shared[i]
            for j in cols:
                acc[j] = acc.get(j, 0.0) + w[g]
    by_col: list[list[tuple[float, int]]] = [[] for _ in range(m)]
    for i, acc in enumerate(shared):
        for j, v in acc.items():
            by_col[j].append((-v, i))
    tops: list[list[int]] = [[] for _ in range(n)]
    for j, col in enumerate(by_col):
        for _, i in sorted(col)[:TOP]:
            tops[i].append(j)
    for i, acc in enumerate(shared):
        yield i, sorted(acc, key=lambda j: (-acc[j], j))[:TOP] + tops[i]


class _Sim:
    """The similarity of the candidate pairs (1.0 for the same text, punctuation and spacing aside; else the
    weighted Dice coefficient), by row and by column; any pair is scored on demand with ``exact``."""

    def __init__(self, xs: Sequence[Article], ys: Sequence[Article], words: _Wording) -> None:
        self.xs, self.ys, self.words = xs, ys, words
        self.n, self.m = len(xs), len(ys)
        self.rows: list[dict[int, float]] = [{} for _ in xs]
        self.cols: list[dict[int, float]] = [{} for _ in ys]
        self.same: dict[tuple[int, int], float] = {}  # the Dice coefficient of the candidate pairs of the same text
        self.ka = [layout_key(x.body) for x in xs]  # same_text of two articles: these equal
        self.kb = [layout_key(y.body) for y in ys]
        dice = words.dice
        for i, js in enumerate(_candidates(xs, ys, words)):
            row, ka = self.rows[i], self.ka[i]
            for j in js:
                d = dice(i, j)
                if ka == self.kb[j]:
                    self.same[(i, j)] = d
                    d_or_same = 1.0
                else:
                    d_or_same = d
                row[j] = d_or_same
                self.cols[j][i] = d_or_same

    def get(self, i: int, j: int) -> float:
        """The similarity of a candidate pair, 0.0 for a pair left out."""
        return self.rows[i].get(j, 0.0)

    def exact(self, i: int, j: int) -> float:
        """The similarity of any pair."""
        v = self.rows[i].get(j)
        if v is not None:
            return v
        return 1.0 if self.ka[i] == self.kb[j] else self.words.dice(i, j)

    def dice(self, i: int, j: int) -> float:
        d = self.same.get((i, j))
        if d is not None:
            return d
        v = self.rows[i].get(j)
        return self.words.dice(i, j) if v is None else v

    def dices(self) -> Iterator[tuple[int, int, float]]:
        """Every candidate pair with its Dice coefficient."""
        for i, row in enumerate(self.rows):
            for j, v in row.items():
                yield i, j, self.same.get((i, j), v)


def layout_key(text: str) -> str:
    """What ``same_text`` compares.

    >>> layout_key("（一）1.5万元；") == layout_key("(一)1.5万元;"), layout_key("1.5万元")
    (True, '1点5万元')
    """
    return _LAYOUT.sub("", _DECIMAL.sub("点", text))


def _in_order(sim: _Sim, rows: list[int], cols: list[int]) -> list[tuple[int, int]]:
    """The pairs of ``rows`` × ``cols``, both in order, that add up to the most similarity above IN_ORDER; of two
    alike articles, the one under the same number is preferred (SAME_PATH). A gap of up to GAP_ALL pairs scores
    every pair; a larger one (two documents with few anchors) only its candidates, the pairs within BAND of its
    diagonal and those under the same number: any other pair shares only common wording, far below IN_ORDER."""
    n, m = len(rows), len(cols)
    if not n or not m:
        return []
    boiler = sim.words.boilerplate_only
    if n == m == 1 and sim.exact(rows[0], cols[0]) >= SLOT and not boiler(rows[0], cols[0]):  # one article rewritten in its place
        return [(rows[0], cols[0])]
    xs, ys = sim.xs, sim.ys

    def gain(i: int, j: int) -> float:
        return sim.exact(i, j) + (SAME_PATH if xs[i].path == ys[j].path else 0.0) - IN_ORDER

    if n * m <= GAP_ALL:
        places = [(r, c) for r in range(n) for c in range(m)]
    else:
        col_of = {j: c for c, j in enumerate(cols)}
        col_at_path = {ys[j].path: c for c, j in enumerate(cols)}
        near: set[tuple[int, int]] = set()
        for r, i in enumerate(rows):
            near.update((r, c) for j in sim.rows[i] if (c := col_of.get(j)) is not None)
            at = r * m // n
            near.update((r, c) for c in range(max(0, at - BAND), min(m, at + BAND + 1)))
            if (c_path := col_at_path.get(xs[i].path)) is not None:
                near.add((r, c_path))
        places = sorted(near)
    scored = [(r, c, g) for r, c in places if (g := gain(rows[r], cols[c])) >= 0 and not boiler(rows[r], cols[c])]
    return [(rows[r], cols[c]) for r, c in _heaviest_chain(scored, m)]


def _one_to_one(xs: Sequence[Article], ys: Sequence[Article], sim: _Sim) -> dict[int, int]:
    """Articles of A paired with articles of B, one to one (passes 1 to 3)."""
    row_best = [max(r.values(), default=0.0) for r in sim.rows]
    col_best = [max(c.values(), default=0.0) for c in sim.cols]
    # 1. anchors: each other's most similar and very alike (identical text always)
    anchors = sorted(
        (i, j) for i, r in enumerate(sim.rows) for j, v in r.items()
        if (v >= ANCHOR and v >= row_best[i] and v >= col_best[j]) or xs[i].body == ys[j].body
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    unique: list[tuple[int, int]] = []
    # of anchors alike as much, the same text first (7. 贷款决议书 and 贷款决议书 have one wording), then the nearer
    for i, j in sorted(anchors, key=lambda p: (-sim.get(*p), sim.ka[p[0]] != sim.kb[p[1]], abs(p[0] - p[1]))):
        if i not in used_i and j not in used_j:
            unique.append((i, j))
            used_i.add(i)
            used_j.add(j)
    backbone = _increasing(sorted(unique))
    pa = dict(backbone)
    backbone_set = set(backbone)
    slots: set[tuple[int, int]] = set()
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
            if len(rows) == len(cols) == 1:  # the one article left on each side between two anchors
                slots.add((i, j))
    # a pair in order barely alike whose two articles are each more alike to another article: an article repealed
    # and another inserted in its place, not one rewritten (长江河道采砂管理条例 第十七条 → 第十七条); the one article
    # left on each side between two anchors stays rewritten in its place
    for i, j in [(i, j) for i, j in pa.items() if (i, j) not in backbone_set and (i, j) not in slots]:
        d = sim.exact(i, j)
        if d < UNPAIRED and any(v > d for jj, v in sim.rows[i].items() if jj != j) \
                and any(v > d for ii, v in sim.cols[j].items() if ii != i):
            del pa[i]
            taken.discard(j)
    # 3. the rest, across the document: alike enough, or each other's most similar among what is left
    # two documents with few articles in the same order (a city's measure beside a province's) pair more freely
    floor = MOVE if len(pa) >= ORDERED * min(len(xs), len(ys)) else MOVE_FREE
    left_i = {i for i in range(len(xs)) if i not in pa}
    left_j = {j for j in range(len(ys)) if j not in taken}
    cands = sorted(((v, i, j) for i in left_i for j, v in sim.rows[i].items()
                    if j in left_j and v >= floor and not sim.words.boilerplate_only(i, j)), reverse=True)
    for score, i, j in cands:
        if i not in left_i or j not in left_j:
            continue
        if score >= MOVE_SURE or (score >= max((v for jj, v in sim.rows[i].items() if jj in left_j), default=0.0)
                                  and score >= max((v for ii, v in sim.cols[j].items() if ii in left_i), default=0.0)):
            pa[i] = j
            left_i.discard(i)
            left_j.discard(j)
    return swapped(pa, backbone_set, lambda i: sim.rows[i].items(), sim.exact, MOVE_SURE, sim.words.boilerplate_only)


def _joins(words: _Wording, pa: dict[int, int]) -> list[tuple[int, int]]:
    """Links of articles left unpaired to paired ones whose wording holds theirs (split and merged). Only the
    paired articles that share a bigram with it can hold any of an article's wording; beyond JOIN_ALL paired articles, only
    those sharing a bigram found in at most RARE paired articles are tried."""
    extra: list[tuple[int, int]] = []
    pb = {j: i for i, j in pa.items()}
    n_a, n_b = len(words.a), len(words.b)
    in_a = _postings(words.a, sorted(pa), set().union(*(words.b[j] for j in range(n_b) if j not in pb)))
    in_b = _postings(words.b, sorted(pb), set().union(*(words.a[i] for i in range(n_a) if i not in pa)))

    def residual(own: set[int], partner: set[int], host: set[int]) -> tuple[float, float]:
        mine = own - partner
        mass = words.mass(mine)
        return (words.mass(mine & host) / mass if mass else 0.0), mass

    capped = len(pa) > JOIN_ALL  # a bigram in more than RARE paired articles names no host

    def near(own: set[int], index: dict[int, list[int]]) -> list[int]:
        return sorted({k for g in own if len(ks := index.get(g, ())) <= RARE or not capped for k in ks})

    for i in range(n_a):
        if i in pa:
            continue
        hosts = [j for j in near(words.a[i], in_b) if not words.boilerplate_only(i, j)]
        scored = [(residual(words.a[i], words.a[pb[j]], words.b[j]), j) for j in hosts]
        (share, mass), j = max(scored, default=((0.0, 0.0), -1))
        if share >= RESIDUAL_REPEALED and mass >= MIN_OWN:
            extra.append((i, j))
    for j in range(n_b):
        if j in pb:
            continue
        hosts_a = [i for i in near(words.b[j], in_a) if not words.boilerplate_only(i, j)]
        scored_b = [(residual(words.b[j], words.b[pa[i]], words.a[i]), i) for i in hosts_a]
        (share, mass), i = max(scored_b, default=((0.0, 0.0), -1))
        if share >= RESIDUAL and mass >= MIN_OWN:
            extra.append((i, j))
    return extra


def _same_number_links(xs: Sequence[Article], ys: Sequence[Article], words: _Wording, pa: dict[int, int]) -> list[tuple[int, int]]:
    """An article left unpaired linked to the article under its own number on the other side, paired elsewhere,
    when they are alike enough (an article split in two, one part keeping the number: 第三条 → 第二条, 第三条), unless
    that one is kept as it was by its partner (SAME: the old 第二十九条 is the new 第二十八条, the old 第二十八条 repealed)."""
    pb = {j: i for i, j in pa.items()}
    by_path_b = {y.path: j for j, y in enumerate(ys)}
    by_path_a = {x.path: i for i, x in enumerate(xs)}

    def alike(i: int, j: int, own: set[int], partner: set[int], host: set[int]) -> bool:
        d = words.dice(i, j)
        # two penalties of one pattern (违反本条例第…规定，…的，责令改正，处…罚款), one replaced under the number of the
        # other: alike much less without the sanction wording than with it (SAME_NUMBER_OWN)
        if words.boilerplate_only(i, j) or words.own_dice(i, j) < SAME_NUMBER_OWN * d:
            return False
        if d >= SAME_NUMBER:
            return True
        mine = own - partner  # or less alike, when much of its own wording (beyond the host's partner) is in the host
        mass = words.mass(mine)
        return d >= SAME_NUMBER_LOW and mass >= MIN_OWN and words.mass(mine & host) >= SAME_NUMBER_SHARE * mass

    out = [(i, j) for j, y in enumerate(ys) if j not in pb and (i := by_path_a.get(y.path)) is not None and i in pa
           and words.dice(i, pa[i]) < SAME and alike(i, j, words.b[j], words.b[pa[i]], words.a[i])]
    out += [(i, j) for i, x in enumerate(xs) if i not in pa and (j := by_path_b.get(x.path)) is not None and j in pb
            and words.dice(pb[j], j) < SAME and alike(i, j, words.a[i], words.a[pb[j]], words.b[j])]
    return out


def _second_links(sim: _Sim, pa: dict[int, int]) -> list[tuple[int, int]]:
    """Links beyond the one-to-one pairs: two paired articles, not each other's partners, about as alike as each is
    to its own partner (part of one moved into the other: a split of it, or a merge into that one). Only the
    candidate pairs can be that alike (SECOND is above every pass's threshold)."""
    pb = {j: i for i, j in pa.items()}
    out = []
    for i, j, d in sim.dices():
        j0, i0 = pa.get(i), pb.get(j)
        if j0 is None or i0 is None or j == j0 or d < SHARED or sim.words.boilerplate_only(i, j):
            continue
        own_a, own_b = sim.dice(i, j0), sim.dice(i0, j)
        if max(own_a, own_b) >= SAME:  # an article kept as it was is neither split nor merged
            continue
        if (d >= SECOND and d >= RIVAL * own_a and d >= RIVAL * own_b and _explains(sim.words, i, j, j0, i0)) \
                or _explains(sim.words, i, j, j0, i0, SHARED_OWN, MIN_OWN):
            out.append((i, j))
    return out


def _explains(words: _Wording, i: int, j: int, j0: int, i0: int, share: float = SECOND_OWN, mass: float = 0.0) -> bool:
    """Articles ``i`` of A and ``j`` of B, paired with ``j0`` and ``i0``, share wording that their partners do not
    explain, on both sides (SECOND_OWN of what each holds beyond its partner): a clause moved from one into the other
    (环境污染 解释 第一条 → 第一条, 第二条), not two penalties of one pattern (违反本条例规定…由…依据职权，责令停止违法
    行为…) nor an article alike to two of one subject."""
    a, b = words.a[i], words.b[j]
    rest_a, rest_b = a - words.b[j0], b - words.a[i0]
    mass_a, mass_b = words.mass(rest_a), words.mass(rest_b)
    return min(mass_a, mass_b) > mass and words.mass(rest_a & b) >= share * mass_a and words.mass(rest_b & a) >= share * mass_b


def _rival_links(sim: _Sim, pa: dict[int, int]) -> list[tuple[int, int]]:
    """An article left unpaired nearly as alike to a paired one as its partner is (penalties of one pattern merged:
    第四十三条, 第四十四条 → 第四十一条; sharing most of its wording with the other, it has little left for ``_joins``)."""
    pb = {j: i for i, j in pa.items()}
    out = []
    for i, j, d in sim.dices():
        if (i in pa) == (j in pb) or d < SECOND or sim.words.boilerplate_only(i, j):
            continue
        own = sim.dice(pb[j], j) if j in pb else sim.dice(i, pa[i])
        if own < SAME and d >= TIED * own:
            out.append((i, j))
    return out


def _without_displaced(pairs: set[tuple[int, int]], extra: set[tuple[int, int]], words: _Wording) -> set[tuple[int, int]]:
    """The one-to-one pairs less those displaced: a pair barely alike (below MOVE_SURE) whose two articles are each
    linked elsewhere at least DISPLACED times as alike (内幕交易 解释 2012 第四条 → 2026 第九条, 第六条 → 第四条:
    the old 第四条 and the new 第四条 were paired for their number and place only)."""
    best_a: dict[int, float] = {}  # each article's most alike extra link, found in one pass (linear in the links)
    best_b: dict[int, float] = {}
    for i, j in extra:
        d = words.dice(i, j)
        best_a[i] = max(best_a.get(i, 0.0), d)
        best_b[j] = max(best_b.get(j, 0.0), d)
    return {(i, j) for i, j in pairs
            if (d := words.dice(i, j)) >= MOVE_SURE or best_a.get(i, 0.0) < DISPLACED * d or best_b.get(j, 0.0) < DISPLACED * d
            or not d}


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
    extra = set(_joins(words, pa)) | set(_second_links(sim, pa)) | set(_rival_links(sim, pa)) | set(_same_number_links(xs, ys, words, pa))
    extra |= set(moved_sentences([x.body for x in xs], [y.body for y in ys], pa, _key))
    links = sorted(cited_links(xs, ys, _without_displaced(set(pa.items()), extra, words) | extra))
    per_a = Counter(i for i, _ in links)
    per_b = Counter(j for _, j in links)
    out = [Pairing(xs[i], ys[j], round(min(1.0, sim.exact(i, j)), 6), _status(xs[i], ys[j], per_a[i], per_b[j])) for i, j in links]
    out += [Pairing(xs[i], None, 0.0, "removed") for i in range(len(xs)) if i not in per_a]
    out += [Pairing(None, ys[j], 0.0, "added") for j in range(len(ys)) if j not in per_b]

    def order(p: Pairing) -> tuple[int, int]:
        return (p.a.order if p.a else (p.b.order if p.b else 0), p.b.order if p.b else -1)

    return sorted(out, key=order)
