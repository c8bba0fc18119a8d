"""Two one-to-one pairs of articles whose partners, exchanged, are both surely alike (``compare/align``): a weak pair
taken from what was left (below MOVE_SURE) beside a pair in order, where each article is more alike to the other's
partner (认可和执行台湾地区法院民事判决的规定 2015 → 2024: old 第十一条 was left with new 第二十二条 at 0.21, old 第十九条
paired in order with new 第二十一条 at 0.33; exchanged, old 第十一条 → 第二十一条 at 0.32 and old 第十九条 → 第二十二条 at
0.31, what the two articles say)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def swapped(pa: dict[int, int], fixed: set[tuple[int, int]], rows: Callable[[int], Iterable[tuple[int, float]]],
            alike: Callable[[int, int], float], sure: float, apart: Callable[[int, int], bool]) -> dict[int, int]:
    """``pa`` (A place -> B place) with partners exchanged: of a pair (i, j) below ``sure`` and not ``fixed`` (an
    anchor), an article j2 of B that ``rows(i)`` gives ``sure`` alike to i, paired with i2 (not fixed), when i2 and j
    are ``sure`` alike too and the two new pairs are more alike in sum than the two old; ``apart`` (alike by
    boilerplate only) pairs are never made. Each pair is exchanged at most once, the largest gain first."""
    pb = {j: i for i, j in pa.items()}
    cands: list[tuple[float, int, int, int, int]] = []
    for i, j in pa.items():
        d = alike(i, j)
        if d >= sure or (i, j) in fixed:
            continue
        for j2, v in rows(i):
            i2 = pb.get(j2)
            if v < sure or i2 is None or i2 == i or (i2, j2) in fixed or apart(i, j2) or apart(i2, j):
                continue
            back = alike(i2, j)
            if back >= sure and (gain := v + back - d - alike(i2, j2)) > 0:
                cands.append((gain, i, j, i2, j2))
    out = dict(pa)
    done: set[int] = set()
    for _, i, j, i2, j2 in sorted(cands, key=lambda c: (-c[0], c[1], c[3])):
        if i in done or i2 in done:
            continue
        done |= {i, i2}
        out[i], out[i2] = j2, j
    return out
