"""Chains of places in two orders, for compare/align.py: the longest increasing run of the anchors, and the heaviest
chain of the in-order pass between two anchors (each n log n with a Fenwick tree)."""

from __future__ import annotations


def increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def heaviest_chain(scored: list[tuple[int, int, float]], m: int) -> list[tuple[int, int]]:
    """Of places (row, column, gain ≥ 0), sorted by row, the chain increasing in both with the largest sum of gains.
    Of chains of one sum, the one the dynamic programme over the whole grid reads back from its first corner:
    in the current column the first place of the best sum below; else down to the last row holding one, then
    along it. Each place's best sum from it on (its gain plus the best after it, or 0) is found with a Fenwick
    tree of the best by column over the rows below: n log n in the places, not rows × columns."""
    tree = [0.0] * (m + 1)  # prefix maxima over m - column: the places in later columns come first
    after: dict[tuple[int, int], float] = {}  # the best sum strictly after a place (0.0: nothing after it)
    best_from: dict[float, list[tuple[int, int]]] = {}  # each best sum from a place, with the places that give it
    k = len(scored)
    while k > 0:
        start = k - 1
        while start > 0 and scored[start - 1][0] == scored[k - 1][0]:
            start -= 1
        row = scored[start:k]
        sums = []
        for r, c, g in row:
            top, x = 0.0, m - c - 1
            while x > 0:
                top = max(top, tree[x])
                x -= x & -x
            after[(r, c)] = top
            sums.append((r, c, top + g))
        for r, c, total in sums:
            best_from.setdefault(total, []).append((r, c))
            x = m - c
            while x <= m:
                tree[x] = max(tree[x], total)
                x += x & -x
        k = start
    out: list[tuple[int, int]] = []
    r = c = 0
    value = max(best_from, default=0.0)
    value = max(value, 0.0)
    while True:
        here = [p for p in best_from.get(value, ()) if p[0] >= r and p[1] >= c]
        if not here:
            return out
        in_column = [p for p in here if p[1] == c]
        if in_column:
            p = min(in_column)
        elif value == 0.0:  # only places of no gain are left, and the programme reads them down this column only
            return out
        else:
            last = max(q[0] for q in here)
            p = min(q for q in here if q[0] == last)
        out.append(p)
        value = after[p]
        r, c = p[0] + 1, p[1] + 1
