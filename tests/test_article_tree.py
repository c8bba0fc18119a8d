"""The article tree of 条-numbered documents from other provinces (issue 9): a printed table of contents is not a
second set of chapters, and an article's first sentence is not its heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import parse_file

TOC = ("某市水土保持办法\n目  录\n第一章 总则\n第二章 预防\n第三章 附则\n"
       "第一章 总则\n第一条 为了防治水土流失，制定本办法。\n第二章 预防\n第二条 禁止在二十五度以上陡坡开垦种植农作物。\n"
       "第三章 附则\n第三条 本办法自2011年1月1日起施行。")

CASES = [
    ("a-table-of-contents-is-dropped", TOC, [("第一章", "总则"), ("第二章", "预防"), ("第三章", "附则")]),
    ("a-first-sentence-is-no-heading",
     "某省实施办法\n第一条 为了规范管理，制定本办法。\n第二条 公安机关负责居住证申领受理、制作、发放和签注等证件管理工作。",
     [("第一条", None), ("第二条", None)]),
    ("a-bracketed-caption-is-the-heading",
     "某市实施细则\n第一条（目的和依据）为了规范房屋征收，制定本细则。\n第二条（适用范围）在本市实施房屋征收，适用本细则。",
     [("第一条", "目的和依据"), ("第二条", "适用范围")]),
    # golden/blind5 惠州 2015 第六条: a noun phrase closed by 。 on a line of its own over its article is its heading; a
    # rule's sentence so printed (定西 2022 第十八条) and a lead-in closed by a colon (004#17 约谈程序：) are not
    ("blind5-huizhou-a-heading-line-closed-by-a-full-stop",
     "某市租金补助实施办法\n第一条 公租房租金补助标准。\n政府建设的公租房租金按月计收，租金补助按月补助。\n"
     "第二条 供热价格实行政府定价。\n具体标准由价格主管部门制定。\n第三条 约谈程序：\n（一）通知约谈对象。\n"
     "第四条 本办法自发布之日起施行。",
     [("第一条", "公租房租金补助标准"), ("第二条", None), ("第三条", None), ("第四条", None)]),
    # review, session 27: short rules closed by 。 over their article's paragraphs are no headings (statistics law 2024
    # 第三条, a 控烟 rule, natural science fund 2024 第四条)
    ("short-rules-closed-by-a-full-stop-are-no-headings",
     "某市控烟条例\n第一条 统计工作坚持中国共产党的领导。\n各级人民政府加强领导。\n第二条 禁止在公共场所吸烟。\n"
     "违者予以劝阻。\n第三条 国家自然科学基金主要来源于中央预算拨款。\n其他资金依法筹集。\n第四条 本条例自发布之日起施行。",
     [("第一条", None), ("第二条", None), ("第三条", None), ("第四条", None)]),
]


@pytest.mark.parametrize(("text", "sections"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_top_level_sections(tmp_path: Path, text: str, sections: list[tuple[str, str | None]]) -> None:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    doc = parse_file(tmp_path / "x.txt")[0]
    assert [(s.num, s.heading) for s in doc.sections] == sections


def test_chapters_keep_their_articles(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(TOC, encoding="utf-8")
    doc = parse_file(tmp_path / "x.txt")[0]
    assert [[c.num for c in s.children] for s in doc.sections] == [["第一条"], ["第二条"], ["第三条"]]


def test_articles_past_ten_thousand_are_read(tmp_path: Path) -> None:
    """第一万条 and on are articles (issue 13: a regulation of 1M characters had its last 480,000 characters as
    one article, since 万 was no digit of a label); a 一、 label of 万 is none."""
    from extractor.text.numerals import format_cn

    body = "\n".join(f"第{format_cn(i)}条 本条规定第{i}项事务。" for i in range(9_998, 10_012))
    (tmp_path / "x.txt").write_text("某条例\n" + body, encoding="utf-8")
    doc = parse_file(tmp_path / "x.txt")[0]
    nums = [s.num for s in doc.sections]
    assert nums[:3] == ["第九千九百九十八条", "第九千九百九十九条", "第一万条"]
    assert nums[-1] == "第一万零一十一条" and len(nums) == 14
    assert [s.text.count("第10005项") for s in doc.sections if s.num == "第一万零五条"] == [1]


RUN_TOGETHER = [
    ("next-article-after-a-full-stop",
     "某市条例\n第一条 为了规范管理，制定本条例。 第二条 本条例适用于本市。 第三条 本条例自2020年1月1日起施行。",
     ["第一条", "第二条", "第三条"]),
    ("a-reference-to-the-next-article-is-no-article",
     "某市条例\n第一条 依照第二条 规定办理。\n第二条 本条例适用于本市。", ["第一条", "第二条"]),
    ("a-number-out-of-sequence-is-no-article",
     "某市条例\n第一条 为了规范管理。 第五条 另行规定。\n第二条 本条例适用于本市。", ["第一条", "第二条"]),
]


@pytest.mark.parametrize(("text", "nums"), [c[1:] for c in RUN_TOGETHER], ids=[c[0] for c in RUN_TOGETHER])
def test_articles_run_together_on_one_line(tmp_path: Path, text: str, nums: list[str]) -> None:
    """A source that lost its line breaks (blind2: a municipal regulation with 第十三条 … 第十八条 on one line):
    each article in sequence after a sentence end is a section of its own, with its own span."""
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    doc = parse_file(tmp_path / "x.txt")[0]
    assert [s.num for s in doc.sections] == nums
    for s in doc.sections:
        assert doc.text[s.span[0]:s.span[1]].startswith(s.num)


def test_a_chapter_printed_without_its_number_ends_the_one_before(tmp_path: Path) -> None:
    # golden/blind5 威海 2017: 第三章 … 第四节, then 法律责任 and 附 则 on lines of their own, unnumbered
    (tmp_path / "x.txt").write_text("某市养老服务保障条例\n第一章 总 则\n第一条 为了保障养老服务，制定本条例。\n"
                                    "第二章 保障\n第一节 居家养老\n第二条 政府应当支持居家养老。\n法律责任\n"
                                    "第三条 违反本条例规定的，处三万元以下罚款。\n附 则\n第四条 本条例自2017年1月1日起施行。",
                                    encoding="utf-8")
    doc = parse_file(tmp_path / "x.txt")[0]
    assert [(s.num, s.heading) for s in doc.sections] == [("第一章", "总则"), ("第二章", "保障"), ("", "法律责任"), ("", "附则")]
    assert [c.path for c in doc.sections[2].children] + [c.path for c in doc.sections[3].children] == ["第三条", "第四条"]
