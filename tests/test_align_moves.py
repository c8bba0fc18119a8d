"""compare/align.py: partners exchanged between two one-to-one pairs (``_swaps``), on real revision pairs and a
small table."""

from __future__ import annotations

import functools

import pytest

from extractor.compare import align as al
from extractor.compare._swaps import swapped
from extractor.records import Document
from tests.conftest import ROOT


@functools.cache
def _revision(file: str) -> Document:
    from extractor.pipeline import parse_file

    return parse_file(ROOT / "corpus" / "revisions" / file)[0]


TAIWAN = ("taiwan-civil-judgments-2015.txt", "taiwan-civil-judgments-2024.txt")
LINK_CASES = {
    # 认可和执行台湾地区法院民事判决的规定 2015 → 2024: old 第十一条 left over with new 第二十二条 (0.21), old 第十九条 paired
    # in order with new 第二十一条 (0.33); exchanged, each goes to what it says (0.32, 0.31)
    "taiwan_11_is_the_new_21": (*TAIWAN, ("第十一条", "第二十一条"), True),
    "taiwan_19_is_the_new_22": (*TAIWAN, ("第十九条", "第二十二条"), True),
    "taiwan_11_is_not_the_new_22": (*TAIWAN, ("第十一条", "第二十二条"), False),
    "taiwan_19_is_not_the_new_21": (*TAIWAN, ("第十九条", "第二十一条"), False),
}


@pytest.mark.parametrize("name", list(LINK_CASES), ids=list(LINK_CASES))
def test_a_link_of_a_real_pair(name: str) -> None:
    a_file, b_file, link, expected = LINK_CASES[name]
    links = {(p.a.path, p.b.path) for p in al.align(_revision(a_file), _revision(b_file)) if p.a and p.b}
    assert (link in links) is expected


SIMS = {(0, 0): 0.9, (1, 1): 0.33, (2, 2): 0.21, (1, 2): 0.31, (2, 1): 0.32, (3, 3): 0.25, (3, 4): 0.28, (4, 3): 0.2, (4, 4): 0.1}
SWAP_CASES = [
    # (id, pairs, fixed (anchors), expected)
    ("weak-pair-exchanged", {0: 0, 1: 1, 2: 2}, set(), {0: 0, 1: 2, 2: 1}),
    ("an-anchor-is-never-exchanged", {0: 0, 1: 1, 2: 2}, {(1, 1)}, {0: 0, 1: 1, 2: 2}),
    # both new pairs must be surely alike (0.2 is below 0.30)
    ("not-surely-alike-kept", {3: 3, 4: 4}, set(), {3: 3, 4: 4}),
]


@pytest.mark.parametrize(("pa", "fixed", "expected"), [c[1:] for c in SWAP_CASES], ids=[c[0] for c in SWAP_CASES])
def test_partners_exchanged(pa: dict[int, int], fixed: set[tuple[int, int]], expected: dict[int, int]) -> None:
    def rows(i: int) -> list[tuple[int, float]]:
        return [(j, v) for (ii, j), v in SIMS.items() if ii == i]

    out = swapped(pa, fixed, rows, lambda i, j: SIMS.get((i, j), 0.0), 0.30, lambda i, j: False)
    assert out == expected
