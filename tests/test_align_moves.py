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
    # a sentence moved into another article (_sentences): 宜春市城市市容和环境卫生管理条例 2019 第十九条's last sentence opens the
    # new 第二十条; 台湾 2015 第七条's sentence on default judgments closes the new 第十一条
    "yichun_19_split_into_the_new_20": ("yichun-city-appearance-2019.txt", "yichun-city-appearance-2023.txt",
                                        ("第三章/第十九条", "第三章/第二十条"), True),
    "taiwan_7_split_into_the_new_11": (*TAIWAN, ("第七条", "第十一条"), True),
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


SENTENCE_CASES = [
    # (id, bodies of A, bodies of B, pairs, expected links)
    ("a-sentence-moved-to-the-next-article",
     ["公共停车泊位由主管部门施划。机动车、非机动车应当在规定的地点有序停放。", "共享出行工具的所有人应当及时回收损坏的工具。"],
     ["公共停车泊位由主管部门施划。", "机动车、非机动车应当在规定的地点有序停放。\n共享出行工具的经营者应当及时回收损坏的工具。"],
     {0: 0, 1: 1}, [(0, 1)]),
    # a sentence that several articles of B hold (boilerplate) names no host
    ("a-sentence-held-twice-is-no-move",
     ["甲事项由主管部门办理。构成犯罪的，依法追究其刑事责任并予以公开通报。", "乙事项由主管部门办理。"],
     ["甲事项由主管部门办理。", "乙事项由主管部门办理。构成犯罪的，依法追究其刑事责任并予以公开通报。",
      "丙事项。构成犯罪的，依法追究其刑事责任并予以公开通报。"],
     {0: 0, 1: 1}, []),
    ("a-short-sentence-is-no-move", ["甲。本条另有规定的除外。", "乙。"], ["甲。", "乙。本条另有规定的除外。"], {0: 0, 1: 1}, []),
]


@pytest.mark.parametrize(("a", "b", "pa", "expected"), [c[1:] for c in SENTENCE_CASES], ids=[c[0] for c in SENTENCE_CASES])
def test_moved_sentences(a: list[str], b: list[str], pa: dict[int, int], expected: list[tuple[int, int]]) -> None:
    from extractor.compare._sentences import moved_sentences

    assert moved_sentences(a, b, pa, al._key) == expected
