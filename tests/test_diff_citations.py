"""Sanction articles aligned by the duties they cite (compare/citations.py): a chapter of 法律责任 worded alike from
one article to the next is told apart by the articles each cites, read through the alignment of those articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.compare.align import align
from extractor.compare.citations import cited
from extractor.pipeline import parse_file

TITLE = "某市市容管理条例"
DUTIES_A = ("第一条 禁止在公共场所张贴小广告。\n第二条 饲养犬只应当及时清除犬只粪便。\n第三条 禁止随地吐痰。\n"
            "第四条 经营者应当保持店面整洁。\n")
DUTIES_B = ("第一条 禁止在公共场所张贴小广告。\n第二条 饲养犬只应当及时清除犬只粪便。\n第三条 经营者应当保持店面整洁。\n")

CASES = [
    # (id, sanctions of A, sanctions of B, the links expected among them (A label, B label or None))
    # blind5 吴忠市城乡容貌和环境卫生治理条例 2018 第五十三至五十六条 -> 2024 第五十一、五十二条: each sanction with the one
    # citing the partner of its duty; those whose duties lost their fine repealed, not merged into the next article
    ("sanctions-follow-their-duties-wuzhong-2024",
     "第五条 违反本条例第一条规定的，责令改正，予以警告，并处一百元以上五百元以下的罚款。\n"
     "第六条 违反本条例第二条、第三条规定的，责令改正，予以警告；拒不改正的，并处十元以上五十元以下的罚款。\n"
     "第七条 违反本条例第四条规定的，责令改正，予以警告；拒不改正的，并处五十元以上二百元以下的罚款。\n",
     "第四条 违反本条例第一条规定，擅自张贴的，责令改正，予以警告；拒不改正的，处以一百元以上一千元以下罚款。\n"
     "第五条 违反本条例第二条规定，未及时清除犬只粪便的，责令改正，拒不改正的，处以五十元罚款。\n",
     {("第五条", "第四条"), ("第六条", "第五条"), ("第七条", None)}),
    # blind5 吴忠 2018 第五十七条 (for 第三十七条、第三十八条、第三十九条) -> 2024 第五十三条 (for 第三十三条 only): one fine
    # for several duties, kept for one of them
    ("one-fine-of-several-duties-kept-for-one-wuzhong-2024",
     "第五条 违反本条例第一条规定的，责令改正，并处一百元以上五百元以下的罚款。\n"
     "第六条 违反本条例第二条、第三条、第四条之规定的，责令改正，停止违法行为，处五百元以上二千元以下的罚款。\n",
     "第四条 违反本条例第一条规定，擅自张贴的，责令改正，处以一百元以上一千元以下罚款。\n"
     "第五条 违反本条例第三条规定，店面不整洁的，责令改正，拒不改正的，处以五百元以上二千元以下罚款。\n",
     {("第五条", "第四条"), ("第六条", "第五条")}),
]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(f"{TITLE}\n{text}", encoding="utf-8")
    return tmp_path / name


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sanctions_linked_by_their_duties(tmp_path: Path, old: str, new: str, expected: set[tuple[str, str | None]]) -> None:
    a = parse_file(_write(tmp_path, "v1.txt", DUTIES_A + old))[0]
    b = parse_file(_write(tmp_path, "v2.txt", DUTIES_B + new))[0]
    sanctions = {x for x, _ in expected}
    links = {(p.a.path, p.b.path if p.b else None) for p in align(a, b) if p.a and p.a.path in sanctions}
    assert links == expected


@pytest.mark.parametrize(("body", "labels"), [
    pytest.param("违反本条例第二十九条（一）（二）项规定行为之一，或者违反第三十一条第一款之规定的，责令改正",
                 {"第二十九条", "第三十一条"}, id="several-duties-of-one-sanction"),
    pytest.param("违反《中华人民共和国道路交通安全法》第九十条规定的，依法处罚", set(), id="another-instruments-article"),
    pytest.param("违反本办法规定，情节严重的，处以罚款", set(), id="no-article-cited"),
])
def test_cited(body: str, labels: set[str]) -> None:
    assert cited(body) == labels
