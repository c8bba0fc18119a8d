"""Pair the numbers of two versions of a rule by what they govern, not by where they stand.

Each number is read with its *clause*: the stretch of text between the punctuation around it
(``，``, ``；``, ``。``, ``：``) that holds it, and its *subject*: that clause without the number, its bound words
and the item label in front (``（十三）致使森林或者其他林木死亡五十立方米以上的`` → ``致使森林或者其他林木死亡…``).
Two numbers of the same kind are paired when their subjects are alike (character bigrams, as the articles are
aligned), the same value adding to the score. Its sentence's *context* ranks the candidates: the condition its
clause hangs on (``情节严重的，并处…``: an aggravated tier is never paired with a value of no such tier) and the party
the rule falls on (``对单位`` / ``对其直接负责的主管人员…``). A number left alone on each side of one article pair is
paired with the other when they are of one kind and worded a little alike (a fine rewritten in its place). What is
paired with the same value is no change, unless the two articles are not each other's main partner (an item moved
from one tier of a list to another), which is a move; 15个工作日 and 15日 are not the same value. A number left over
is a rule added or repealed, unless it restates another of its paragraph as a condition (``…一周岁止的，期间…``);
one repealed in one article and added with the same value and subject in another is a move too (``moved``, not
repealed plus added), and one repealed beside an article whose partner added one of a like subject is that rule
changed (``rejoin``: a split or merge link the alignment missed).
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import itemgetter

import regex

from .align import bigrams, containment, similarity
from .placed import (
    AGGRAVATING,
    NONCOMPLIANCE,
    ORDER_SANCTIONS,
    SENTENCE_MAX,
    Match,
    Placed,
    anchor_of,
    clause_of,
    context_of,
    place,
    same_anchor,
    same_value,
    subject_of,
    working_days,
)

PAIR = 0.25  # subjects at least this alike are the same rule's
SAME_VALUE = 0.3  # added to the score of two numbers of the same value
SAME_END = 0.1  # added to the score of two ranges with one end in common
SAME_VALUE_FLOOR = 0.1  # two numbers of the same value are the same rule's at or above this
REFS = 0.3  # two sanctions for the same duties (违反第二项规定的) rank up to this much higher
CONTEXT = 0.3  # two numbers whose sentences hang on the same condition and party rank up to this much higher
SAME_WORDING_CONTEXT = 0.6  # and up to this much when their subjects are worded alike (处以…的罚款)
RESTATED = 0.5  # a number with the value of another of its paragraph and a subject this alike may restate it
RESTATE_NEAR = 8  # the numbers of one value in a paragraph compared with each
PRIMARY = 0.05  # of two like candidates, the one in the article's main partner ranks first
LONE = 0.1  # the last number of a kind on each side of an article pair is its rule rewritten if this alike
LONE_AHEAD = 3.0  # and the one number of a kind left on a side, with one of several on the other this many times likelier
LONE_CONTEXT = 0.5  # than the next and of a context this alike (the same condition or party)
TWIN = 0.8  # two numbers of one value and subjects this alike are one rule's
REJOINED = 0.4  # a number repealed next to where one was added, this alike, is that rule changed (a link missed)
TOGETHER = 0.75  # a number left over, its subject's own wording (beyond its twin's) this much in the other version's statement of the twin: stated with it
SIBLING = 0.5  # a B number in another item or paragraph, worded this much as the one an A rule was paired with,
COVERED = 0.6  # and its case's wording this much in the A rule's sentence, is that rule's value for its case
FAN_NEAR = 16  # the pairs of its article a B number left over is compared with, on either side of it
FANNED_IN = 0.3  # an A case fined as another, this much of its wording in the one B case fining both, is fined there
MOVED = 0.5  # a number repealed in one article and added with the same value in another: moved, at or above this
ALL_PAIRS = 40_000  # up to this many pairs of numbers in a group of articles, every pair sharing wording is scored
RARE = 32  # beyond, only the pairs sharing a bigram found in at most this many numbers of B
BAND = 8  # or standing within this many places of each other

def _score(x: Placed, y: Placed) -> float:
    """How alike two numbers' subjects are, plus a bonus for the same value, or for a range that kept one end
    (2万元以上5万元以下 → 3万元以上5万元以下: a range end changed)."""
    if same_value(x.q, y.q):
        bonus = SAME_VALUE
    elif x.q.value_max is not None and y.q.value_max is not None and (x.q.value == y.q.value or x.q.value_max == y.q.value_max):
        bonus = SAME_END
    else:
        bonus = 0.0
    alike = 1.0 if x.clause == y.clause else similarity(set(x.words), set(y.words))  # a clause of no words: by its text
    return alike + bonus


Tiers = tuple[frozenset[int], frozenset[tuple[str, int, tuple[str, int], bool]]]
"""The articles of B holding an aggravated tier, and the (side, article, case, aggravated) of every number."""


def _tiers(xs: Sequence[Placed], ys: Sequence[Placed]) -> Tiers:
    """Which articles of B hold an aggravated tier, and which cases (an item, or a paragraph) of which articles hold a
    base rule and which a tier."""
    cases = frozenset(("a", x.order, _case(x), x.aggravated) for x in xs) | frozenset(("b", y.order, _case(y), y.aggravated) for y in ys)
    return frozenset(y.order for y in ys if y.aggravated), cases


def _after_order(p: Placed) -> bool:
    """A tier of not complying with an order alone (责令改正；拒不改正的，处…: data/noncompliance.txt), not of gravity
    nor after a sanction of its own (给予警告；拒不改正的: data/order_sanctions.txt)."""
    if not any(w in p.tier or w in p.clause for w in NONCOMPLIANCE):
        return False
    body = p.art.body
    at = body.find(p.clause)
    before = body[max(body.rfind("。", 0, at), body.rfind("\n", 0, at)) + 1 : at] if at >= 0 else p.tier
    return not any(w in before for w in ORDER_SANCTIONS)


def _other_tier(x: Placed, y: Placed, tiered: Tiers) -> bool:
    """Two values of which one is a sanction's aggravated tier (拒不改正的，处…) and the other is not: not one
    rule's old and new value, unless the old one is the tier and the new article has none left (情节严重的，3年内不得
    申请积分 → 所得积分清零，且两年内不得申请积分, the tier folded into the rule). A tier added beside a rule kept is a new
    rule: the old rule stays with the new base. A tier of not complying with an order is the rule itself, the order
    put before its fine or taken away, when its case (item or paragraph) holds no number of the other tier and the
    other case none of its own: 责令限期改正，逾期不改正的，处五十元以上… → 责令改正，处一百元以上… and 处二十元以上五十元以下
    罚款 → 责令改正；拒不改正的，处五十元以上… (宜春市城市市容和环境卫生管理条例 第四十二条, 第四十四条), though other cases of the
    article keep their tiers."""
    if x.aggravated == y.aggravated or same_value(x.q, y.q):
        return False
    articles, cases = tiered
    if x.aggravated and y.order not in articles:
        return False
    tier, base = (x, y) if x.aggravated else (y, x)
    side_tier, side_base = ("a", "b") if x.aggravated else ("b", "a")
    return not (_after_order(tier) and (side_tier, tier.order, _case(tier), False) not in cases
                and (side_base, base.order, _case(base), True) not in cases)


def _refs(x: Placed, y: Placed) -> float:
    """How alike the duties two sanctions name are (违反第一项、第二项规定的 / 违反第一项规定的: 0.5; Jaccard of the items);
    -1 when both name some, none in common and the values differ (two fines for other duties are no one rule; of
    one value they may be one, the list of duties renumbered); 0 unless both name some."""
    if not (x.refs and y.refs):
        return 0.0
    common = len(x.refs & y.refs)
    return common / len(x.refs | y.refs) if common else (0.0 if same_value(x.q, y.q) else -1.0)


def _context(x: Placed, y: Placed) -> float:
    """How alike the contexts of two numbers are (0 unless both have one); -1 when one is a sanction's aggravated
    tier (情节严重的) and the other is not."""
    if x.aggravated != y.aggravated:
        return -1.0
    return similarity(set(x.context), set(y.context))


def _same_action(x: Placed, y: Placed) -> bool:
    """Two deadlines for one act: the clause after the number alike (…内作出将其列入经营异常名录的决定), so that a
    change of anchor is a change of that deadline, not two deadlines of two acts."""
    after_x, after_y = x.subject.partition("…")[2], y.subject.partition("…")[2]
    if not (after_x and after_y):
        return after_x == after_y
    # the shorter wording of the act mostly in the longer (…内完成鉴定 in …内完成委托事项的鉴定)
    bx, by = bigrams(after_x), bigrams(after_y)
    small, large = (bx, by) if len(bx) <= len(by) else (by, bx)
    return similarity(bx, by) >= MOVED or (len(small) >= 2 and containment(small, large) >= MOVED)


def _other_deadline(x: Placed, y: Placed) -> bool:
    """Two deadlines running from other events, for other acts: not one rule rewritten."""
    return x.q.kind == y.q.kind == "duration" and bool(x.anchor and y.anchor) and not same_anchor(x.anchor, y.anchor) \
        and not _same_action(x, y)


def _candidates(xs: Sequence[Placed], ys: Sequence[Placed]) -> Iterator[tuple[int, int]]:
    """The pairs of numbers that can be paired (ascending, made one number of A at a time): of one kind, and with subjects sharing a bigram or the
    same clause. Any other pair scores at most SAME_VALUE (the same value, subjects of nothing in common), below
    both floors, so leaving it unscored changes nothing. Beyond ALL_PAIRS pairs (an article of hundreds of
    numbers), a bigram found in more than RARE numbers of B no longer makes candidates, nor a clause of more than RARE
    numbers of B beyond the BAND copies of it nearest the same rank; the numbers within BAND places of each other
    still are."""
    capped = len(xs) * len(ys) > ALL_PAIRS
    by_word: dict[tuple[str, str], list[int]] = {}
    by_clause: dict[tuple[str, str], list[int]] = {}
    for j, y in enumerate(ys):
        by_clause.setdefault((y.q.kind, y.clause), []).append(j)
        for g in y.words:
            by_word.setdefault((y.q.kind, g), []).append(j)
    x_clause: dict[tuple[str, str], list[int]] = {}
    for i, x in enumerate(xs):
        x_clause.setdefault((x.q.kind, x.clause), []).append(i)
    rank = {i: (r, len(group)) for group in x_clause.values() for r, i in enumerate(group)}
    for i, x in enumerate(xs):
        same = by_clause.get((x.q.kind, x.clause), [])
        if capped and len(same) > RARE:  # one clause repeated hundreds of times: its copies near the same rank
            r, n = rank[i]
            at = r * len(same) // n
            same = same[max(0, at - BAND) : at + BAND + 1]
        out = set(same)
        for g in x.words:
            js = by_word.get((x.q.kind, g), ())
            if not capped or len(js) <= RARE:
                out.update(js)
        if capped:
            at = i * len(ys) // len(xs)
            out.update(j for j in range(max(0, at - BAND), min(len(ys), at + BAND + 1)) if ys[j].q.kind == x.q.kind)
        yield from ((i, j) for j in sorted(out))


def _floor(x: Placed, y: Placed) -> float:
    """The score two numbers need to be paired."""
    return SAME_VALUE + SAME_VALUE_FLOOR if same_value(x.q, y.q) else PAIR


def _ranked(xs: Sequence[Placed], ys: Sequence[Placed], primary: set[tuple[int, int]], tiered: Tiers) -> Iterator[tuple[float, int, int]]:
    """The candidates that may be paired, ranked (ascending ``(i, j)``): the score, the context, the duties, the main
    partner."""
    # the context ranks the candidates (a fine with the fine of its own tier and party) but does not gate them
    # and a number stays in its article's main partner when another place fits it no better (the same item in the
    # two articles an article was split into)
    for i, j in _candidates(xs, ys):
        x, y = xs[i], ys[j]
        s = _score(x, y)
        if s < _floor(x, y) or _other_tier(x, y, tiered) or _other_deadline(x, y) or (refs := _refs(x, y)) < 0:
            continue
        # of two sanctions of one wording (处以…的罚款), the act each is for (its condition) tells them apart, more
        # than a value kept: an item's fine raised is that item's, not the next item's of the new value
        weight = SAME_WORDING_CONTEXT if x.subject == y.subject else CONTEXT
        yield s + weight * _context(x, y) + REFS * refs + PRIMARY * ((x.order, y.order) in primary), i, j


def _best_first(ranked: Iterator[tuple[float, int, int]]) -> Iterator[tuple[float, int, int]]:
    """``ranked`` (ascending ``(i, j)``) best first: by rank, then the numbers in the same order on both sides (the
    first fine with the first: ``|i - j|``), then ``i``, then ``j``, as a stable sort by ``(-rank, |i - j|, i)`` gives
    them. Each number of A's candidates are held in that order in two flat arrays (8 bytes of rank and 8 of place a
    candidate, not a tuple of three objects and a sorted copy of the list: an article of 100,000 numbers has millions)
    and merged with one heap entry a number.

    >>> list(_best_first(iter([(0.5, 0, 1), (0.5, 0, 0), (0.9, 1, 0), (0.5, 1, 1)])))
    [(0.9, 1, 0), (0.5, 0, 0), (0.5, 1, 1), (0.5, 0, 1)]
    """
    rank, place = array("d"), array("q")
    heap: list[tuple[float, int, int, int, int]] = []  # (-rank, |i - j|, i, j, where i's next candidate is)
    for i, group in groupby(ranked, key=itemgetter(1)):
        start = len(place)
        for r, _, j in sorted((-r, abs(i - j), j) for r, _, j in group):
            rank.append(-r)
            place.append(j)
        heapq.heappush(heap, (-rank[start], abs(i - place[start]), i, place[start], start + 1))
        place.append(-1)  # the end of i's candidates
        rank.append(0.0)
    while heap:
        r, _, i, j, at = heap[0]
        yield -r, i, j
        if (k := place[at]) < 0:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (-rank[at], abs(i - k), i, k, at + 1))


def pair_numbers(xs: Sequence[Placed], ys: Sequence[Placed], primary: set[tuple[int, int]]) -> list[Match]:
    """The numbers of a group of linked articles paired by subject; ``primary`` holds the links (A order, B order)
    that are each article's main partner. Same value in a primary link: left out (no change)."""
    # best first; of equal scores, the numbers in the same order on both sides (the first fine with the first)
    tiered = _tiers(xs, ys)
    cands = _best_first(_ranked(xs, ys, primary, tiered))
    used_i: set[int] = set()
    used_j: set[int] = set()
    out: list[Match] = []
    kept: list[tuple[int, int]] = []  # the pairs of one value left unchanged in an article and its main partner
    paired: list[tuple[int, int]] = []
    for _, i, j in cands:
        if i in used_i or j in used_j:
            continue
        x, y = xs[i], ys[j]
        same = same_value(x.q, y.q)
        used_i.add(i)
        used_j.add(j)
        paired.append((i, j))
        if not same or (not same_anchor(x.anchor, y.anchor) and _same_action(x, y)):  # a value, or a deadline's anchor, changed
            out.append(Match(x, y))
        elif (x.order, y.order) not in primary:
            out.append(Match(x, y, moved=True))
        else:
            kept.append((i, j))
    # one number of a kind left in an article and one in its main partner, worded a little alike: the rule rewritten
    # in its place
    for a_order, b_order in sorted(primary):
        for kind in sorted({x.q.kind for x in xs}):
            left_x = [i for i, x in enumerate(xs) if i not in used_i and x.order == a_order and x.q.kind == kind]
            left_y = [j for j, y in enumerate(ys) if j not in used_j and y.order == b_order and y.q.kind == kind]
            # a clause of other words altogether (致使一人以上重伤… / 受过二次以上行政处罚) is another rule
            # and two deadlines from other events for other acts (自收到申请之日起两个月内…给予赔偿 / 自…决定之日起三个月内
            # …提起诉讼) are two rules
            # one left on a side and several on the other: the one far likelier than the rest (LONE_AHEAD times
            # the next) and in the same context (借贷双方对逾期利率有约定的，…但以不超过年利率24%为限 / 按照年利率6%支付…
            # → …但是以不超过…贷款市场报价利率四倍为限)
            if len(left_x) != 1 and len(left_y) != 1:
                continue
            ranked_lone = sorted(((_score(xs[i], ys[j]), i, j) for i in left_x for j in left_y
                                  if not _other_tier(xs[i], ys[j], tiered) and not _other_deadline(xs[i], ys[j])
                                  and _refs(xs[i], ys[j]) >= 0), reverse=True)
            if not ranked_lone or ranked_lone[0][0] < LONE:
                continue
            best, i, j = ranked_lone[0]
            if len(ranked_lone) > 1 and (best < LONE_AHEAD * ranked_lone[1][0] or _context(xs[i], ys[j]) < LONE_CONTEXT):
                continue
            x, y = xs[i], ys[j]
            used_i.add(i)
            used_j.add(j)
            if not same_value(x.q, y.q) or not same_anchor(x.anchor, y.anchor):  # the same value in its place is no change
                out.append(Match(x, y))
    out += _fanned_out(xs, ys, paired, used_j, primary, tiered)
    out += _fanned_in(xs, ys, paired, used_i, used_j, primary)
    again_x, again_y = restated(xs, used_i), restated(ys, used_j)
    again_x |= _stated_together(xs, ys, used_i, kept) | merged_copies(xs, used_i, primary)
    again_y |= _stated_together(ys, xs, used_j, [(j, i) for i, j in kept])
    out += [Match(x, None) for i, x in enumerate(xs) if i not in used_i and i not in again_x]
    out += [Match(None, y) for j, y in enumerate(ys) if j not in used_j and j not in again_y]
    return out


def _item(p: Placed) -> str:
    """The list item of its article a number stands in (``（二）``), or ``""``."""
    section = p.q.section or ""
    return section[len(p.path):].strip("/") if section.startswith(p.path) else ""


def _case(p: Placed) -> tuple[str, int]:
    """The case a number's rule is stated for: its item, or its paragraph when it stands in none."""
    item = _item(p)
    return (item, 0) if item else ("", p.paragraph)


def _case_words(p: Placed) -> set[str]:
    """The wording of the case a number's rule is stated for: its sentence up to its clause (at most SENTENCE_MAX
    characters), without the wording every sanction shares."""
    body = p.art.body
    at = body.find(p.clause)
    if at < 0:
        return set()
    start = max(body.rfind("。", 0, at), body.rfind("\n", 0, at)) + 1
    return bigrams(_SANCTION.sub("", body[max(start, at - SENTENCE_MAX):at]))


def _fanned_out(xs: Sequence[Placed], ys: Sequence[Placed], paired: list[tuple[int, int]], used_j: set[int],
                primary: set[tuple[int, int]], tiered: Tiers) -> list[Match]:
    """One rule of A for several cases, stated in B once per case, in items of a list or paragraphs of their own
    (擅自从事道路运输经营的，处3万元以上10万元以下的罚款 → （一）…普通货物运输经营…处3000元以上1万元以下…；（二）…客运经营…处1万元
    以上10万元以下…；（三）…危险货物运输经营…处3万元以上10万元以下): a B number left over in another case of the article the A
    number was paired in, worded as its partner (SIBLING) and for a case the A rule's own sentence covers (COVERED of
    its wording), is that rule's new value for that case: changed, or no change when of its value. Each is given to
    the A number it fits best (PAIR at least; not across a sanction's tiers or the deadlines of other acts), one per
    case. Marks those B numbers used; returns the changes."""
    near: dict[tuple[int, str], list[tuple[int, int]]] = {}  # (B article, kind) -> its pairs in a main partner, by B place
    for i, j in paired:
        if (xs[i].order, ys[j].order) in primary:
            near.setdefault((ys[j].order, ys[j].q.kind), []).append((j, i))
    if not near:
        return []
    for v in near.values():
        v.sort()
    covered: dict[int, set[str]] = {}
    cands: list[tuple[float, int, int]] = []
    for k, y in enumerate(ys):
        pairs = near.get((y.order, y.q.kind))
        if k in used_j or not pairs:
            continue
        own: set[str] | None = None  # its case's wording, read once when a candidate needs it
        at = bisect.bisect(pairs, (k, -1))  # the FAN_NEAR pairs on either side of it (a list of thousands: linear)
        for i in sorted({i for j, i in pairs[max(0, at - FAN_NEAR) : at + FAN_NEAR]
                         if _case(ys[j]) != _case(y) and _siblings(ys[j], y)}):
            x = xs[i]
            # a case for other duties (违反第七项规定的 beside a rule for 第六项) is no case of the rule, whatever its value
            if (x.order, y.order) not in primary or _other_tier(x, y, tiered) or _other_deadline(x, y) or _refs(x, y) < 0 \
                    or (x.refs and y.refs and not x.refs & y.refs):
                continue
            if (score := _score(x, y)) < _floor(x, y):
                continue
            if i not in covered:
                covered[i] = _case_words(x)
            if own is None:
                own = _case_words(y)
            if (covers := containment(own, covered[i])) >= COVERED:
                # subjects that are their items' cases (…准驾车型的，在…): the A case that covers the B case best
                # (申请轻型牵引挂车…准驾车型的 from the item naming 轻型牵引挂车, not from the shorter one of 重型牵引挂车)
                cands.append((covers if x.cased and y.cased else score, i, k))
    out: list[Match] = []
    taken: set[tuple[int, int, tuple[str, int]]] = set()  # one case of a rule per item or paragraph
    for _, i, k in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        case = (i, ys[k].order, _case(ys[k]))
        if k in used_j or case in taken:
            continue
        used_j.add(k)
        taken.add(case)
        if not same_value(xs[i].q, ys[k].q):
            out.append(Match(xs[i], ys[k]))
    return out


def _fanned_in(xs: Sequence[Placed], ys: Sequence[Placed], paired: list[tuple[int, int]], used_i: set[int],
               used_j: set[int], primary: set[tuple[int, int]]) -> list[Match]:
    """Two cases of A fined alike, stated in B as one (焚烧生活垃圾…的，…对单位处一万元以上十万元以下的罚款；倾倒、填埋生活
    垃圾…的，…对单位处五千元以上五万元以下的罚款 → 随意倾倒、抛撒、堆放或者焚烧生活垃圾的，…对单位处以五万元以上五十万元以下罚款):
    an A number left over, worded as another of its paragraph (not another item of a list) paired in its main partner
    (the same subject and party) but for another condition of its sentence, when no B number of its kind is left in that partner and the B number's case
    names FANNED_IN of its own case's wording, is its rule's new value too. Marks those A numbers used."""
    left_b = {(ys[j].order, ys[j].q.kind) for j in range(len(ys)) if j not in used_j}
    out: list[Match] = []
    for i, x in enumerate(xs):
        if i in used_i or not x.tier:
            continue
        for i0, j in paired:
            x0, y = xs[i0], ys[j]
            if (x0.order, y.order) not in primary or x0.order != x.order or (y.order, x.q.kind) in left_b:
                continue
            if (x0.q.kind, x0.subject, x0.party, x0.aggravated) != (x.q.kind, x.subject, x.party, x.aggravated) \
                    or x0.tier == x.tier or not y.tier or _case(x0) != _case(x):
                continue
            if containment(bigrams(x.tier), bigrams(y.tier)) >= FANNED_IN:
                used_i.add(i)
                if not same_value(x.q, y.q):
                    out.append(Match(x, y))
                break
    return out


def _siblings(p: Placed, o: Placed) -> bool:
    """Two numbers of B worded as one rule's cases: subjects SIBLING alike, or clauses of the same words but for the
    numbers (在18周岁以上，63周岁以下 / 在18周岁以上，70周岁以下, whose subjects are their items' cases)."""
    return similarity(set(p.words), set(o.words)) >= SIBLING or (bool(p.clause) and bigrams(p.clause) == bigrams(o.clause))


def _stated_together(xs: Sequence[Placed], ys: Sequence[Placed], used: set[int], kept: list[tuple[int, int]]) -> set[int]:
    """The numbers of ``xs`` left over that the other version states together with a twin of theirs kept unchanged:
    the same kind and value in the same paragraph as the twin, and the other version's statement naming what they
    govern beyond the twin (TOGETHER of that wording: 副部长二至四人…副主任二至四人 → 副部长（副主任…）二至四人).
    One rule, unchanged: no repeal."""
    twins: dict[tuple[int, int, str, float | None, float | None], list[tuple[int, int]]] = {}
    for i2, j in kept:
        t = xs[i2]
        twins.setdefault((t.order, t.paragraph, t.q.kind, t.q.value, t.q.value_max), []).append((i2, j))
    out: set[int] = set()
    for i, x in enumerate(xs):
        if i in used:
            continue
        # the twins of its value in its paragraph, at most RESTATE_NEAR of them (a clause repeated hundreds of times)
        for i2, j in twins.get((x.order, x.paragraph, x.q.kind, x.q.value, x.q.value_max), [])[:RESTATE_NEAR]:
            own = set(x.words) - xs[i2].words  # what it governs that its twin does not
            if own and containment(own, set(ys[j].words)) >= TOGETHER:
                out.add(i)
                break
    return out


def merged_copies(placed: Sequence[Placed], paired: set[int], primary: set[tuple[int, int]]) -> set[int]:
    """The numbers of A (``placed``; those not ``paired``) whose twin (its value, a subject TWIN alike) stands in
    another article of A with the same main partner (``primary``: A order, B order) and was paired: two articles of
    one pattern merged into one (会计法 第四十三条, 第四十四条 → 第四十一条, each fine stated in both), the rule stated
    once in the new article: no repeal of the copy. Two articles of A with other main partners (a crime's base tier
    and its aggravated tier, each with 致使一人以上重伤…) keep their rules apart. Each is compared with at most
    RESTATE_NEAR paired numbers of its value."""
    main = dict(primary)
    by_value: dict[tuple[str, float | None, float | None], list[int]] = {}
    for n in sorted(paired):
        p = placed[n]
        by_value.setdefault((p.q.kind, p.q.value, p.q.value_max), []).append(n)
    out: set[int] = set()
    for k, p in enumerate(placed):
        if k in paired:
            continue
        twins = by_value.get((p.q.kind, p.q.value, p.q.value_max), ())[:RESTATE_NEAR]
        if p.order in main and any(placed[n].order != p.order and main.get(placed[n].order) == main[p.order]
               and same_value(placed[n].q, p.q)
               and similarity(set(placed[n].words), set(p.words)) >= TWIN for n in twins):
            out.add(k)
    return out


_ITEM_LABEL = regex.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+条|[（(][一二三四五六七八九十\d]{1,3}[）)])?[ \u3000]*")


def _one_rule(o: Placed, p: Placed) -> bool:
    """Two numbers of one paragraph state one rule (see ``restated``)."""
    if o.clause == p.clause or (o.q.kind, o.q.value, o.q.value_max) != (p.q.kind, p.q.value, p.q.value_max):
        return False
    later = p if p.q.evidence.span > o.q.evidence.span else o
    # the later a condition (…一周岁止的), or the exception to the rule at its threshold (但年龄在63周岁以上，…的，可以…)
    condition = later.clause.rstrip().endswith("的") or _ITEM_LABEL.sub("", later.clause).startswith("但")
    if not condition or similarity(set(o.words), set(p.words)) < RESTATED:
        return False
    return o.sentence != p.sentence or {o.q.bound, p.q.bound} == {"min", "max"}


def restated(placed: Sequence[Placed], paired: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """The numbers of ``placed`` (those not ``paired``) that restate another of their paragraph, before them or
    paired: the same kind and value, a subject about as worded (RESTATED), the later of the two a condition (its
    clause ends in 的), and either in a later sentence (``夫妻一方可以休育儿假至子女一周岁止。夫妻一方休育儿假至子女
    一周岁止的，期间的月工资…``) or, in the same sentence, the other side of one threshold (``违法所得二十万元以上的…；
    没有违法所得或者违法所得不足二十万元的``). Left over, such a number is no rule of its own: the rule is reported once,
    or not at all when its first statement is unchanged. Items of a list and clauses of one sentence with the same
    value (城镇居民…3倍；农村居民…3倍) are rules of their own. Each number is compared with at most RESTATE_NEAR
    others of its value in its paragraph."""
    same: dict[tuple[int, str, float | None, float | None], list[int]] = {}
    for n, p in enumerate(placed):
        same.setdefault((p.paragraph, p.q.kind, p.q.value, p.q.value_max), []).append(n)
    out: set[int] = set()
    for ks in same.values():
        for at, k in enumerate(ks):
            if k in paired:
                continue
            earlier = ks[max(0, at - RESTATE_NEAR) : at]
            others = earlier + [n for n in ks[at + 1 : at + 1 + RESTATE_NEAR] if n in paired]
            if any(_one_rule(placed[n], placed[k]) for n in others):
                out.add(k)
    return out


def moves(matches: list[Match]) -> list[Match]:
    """Numbers repealed in one place and added with the same value and a like subject in another are one move; the
    subjects compared without the wording every sanction shares (a fine of one range for another act is no move)."""
    new_by_value: dict[tuple[str, float | None, float | None], list[int]] = {}
    for n, m in enumerate(matches):
        if m.x is None and m.y is not None:
            new_by_value.setdefault((m.y.q.kind, m.y.q.value, m.y.q.value_max), []).append(n)
    cands = sorted(
        (
            (similarity(_specific(xm), _specific(ym)), k, n)
            for k, m in enumerate(matches) if m.y is None and (xm := m.x) is not None
            for n in new_by_value.get((xm.q.kind, xm.q.value, xm.q.value_max), ())
            if (ym := matches[n].y) is not None and same_value(xm.q, ym.q)
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    done: set[int] = set()
    joined: list[Match] = []
    for score, k, n in cands:
        if score < MOVED or k in done or n in done:
            continue
        done |= {k, n}
        joined.append(Match(matches[k].x, matches[n].y, moved=True))
    return [m for k, m in enumerate(matches) if k not in done] + joined


def _twin(p: Placed, others: Sequence[Placed]) -> bool:
    """``others`` hold the same rule as ``p``: its value and a subject this alike (TWIN)."""
    return any(same_value(p.q, o.q) and similarity(set(p.words), set(o.words)) >= TWIN for o in others)


# the wording every sanction shares (并处…的罚款), which tells no rule from another across articles
_SANCTION = regex.compile(r"并处|处以|处|罚款|罚金|没收|违法所得|的|可以|应当")


def _specific(p: Placed) -> set[str]:
    """A number's subject without the wording every sanction shares."""
    return bigrams(_SANCTION.sub("", p.subject.replace("…", "")))


def rejoin(matches: list[Match], near: dict[tuple[int, int], tuple[str, int]],
           placed: dict[tuple[str, int], list[Placed]]) -> list[Match]:
    """Numbers repealed in one article and added in another, where the two articles are ``near`` (places A order,
    B order, and the article beside the one without a partner: a split or merge link the alignment missed), of one
    kind and other values, with subjects alike (REJOINED): one rule changed (``应当在六十日内提出…书面处理意见`` →
    ``制定机关应当在三十日内提出书面处理意见``; the wording every sanction shares left out, so that a repealed fine is
    not another article's new fine), not repealed and added. A number of the article without a partner whose twin
    (``placed``: the numbers of each paired article, by side and place) stands in an article beside it is that twin's
    copy (two articles of one wording merged), not this rule's old value."""
    gone = [k for k, m in enumerate(matches) if m.y is None and m.x is not None]
    by_b: dict[tuple[int, str], list[int]] = {}
    for n, m in enumerate(matches):
        if m.x is None and m.y is not None:
            by_b.setdefault((m.y.order, m.y.q.kind), []).append(n)
    beside_a: dict[int, list[tuple[int, tuple[str, int]]]] = {}
    for (a_order, b_order), via in near.items():
        beside_a.setdefault(a_order, []).append((b_order, via))
    cands = []
    for k in gone:
        x = matches[k].x
        assert x is not None
        for b_order, via in beside_a.get(x.order, ()):
            for n in by_b.get((b_order, x.q.kind), ()):
                y = matches[n].y
                assert y is not None
                side, unpaired = ("a", x) if via[0] == "a" else ("b", y)
                beside = [o for d in (-1, 1) for o in placed.get((side, unpaired.order + d), ())]
                if same_value(x.q, y.q) or _twin(unpaired, beside):
                    continue
                if (score := similarity(_specific(x), _specific(y))) >= REJOINED:
                    cands.append((score, k, n))
    done: set[int] = set()
    joined: list[Match] = []
    for _, k, n in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if k not in done and n not in done:
            done |= {k, n}
            joined.append(Match(matches[k].x, matches[n].y))
    return [m for k, m in enumerate(matches) if k not in done] + joined


__all__ = ["AGGRAVATING", "Match", "Placed", "anchor_of", "clause_of", "context_of", "moves", "pair_numbers", "place",
           "rejoin", "restated", "same_anchor", "same_value", "subject_of", "working_days"]
