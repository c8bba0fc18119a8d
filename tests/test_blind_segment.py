"""Heads and article trees that the blind documents (corpus/blind, golden/blind, issue 9) got wrong, each a named case
taken from those documents' text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import parse_file
from extractor.records import Section
from extractor.segment.meta import paragraphs_to_head
from extractor.segment.versions import organ_of

CHONGQING_DECREE = [
    "重庆市居住证实施办法", "重庆市人民政府令第 306 号",
    "《重庆市居住证实施办法》已经2016年8月25日市人民政府第138次常务会议通过，现予公布，自2016年11月1日起施行。",
    "市  长  黄奇帆", "2016年9月12日", "（此件公开发布）", "重庆市居住证实施办法",
    "第一条  为了推进城镇基本公共服务和便利常住人口全覆盖，根据《居住证暂行条例》，结合本市实际，制定本办法。",
    "第二十一条  本办法自2016年11月1日起施行。",
]
ANNUAL_LEAVE = [
    "企业职工带薪年休假实施办法", "2008年7月17日 经人力资源和社会保障部第6次部务会议通过",
    "第一条 为了实施 《职工带薪年休假条例》 （以下简称条例），制定本实施办法。", "第十九条 本办法自发布之日起施行",
]

HEADS = [
    # (id, the document's first lines, field, value)
    ("chongqing-title-after-the-release-note", CHONGQING_DECREE, "title", "重庆市居住证实施办法"),
    ("chongqing-type-of-an-implementing-rule", CHONGQING_DECREE, "doc_type", "实施办法"),
    ("chongqing-city-government-named-short-in-the-order", CHONGQING_DECREE, "issuers", ["重庆市人民政府"]),
    ("annual-leave-meeting-after-jing", ANNUAL_LEAVE, "issuers", ["人力资源和社会保障部"]),
]


@pytest.mark.parametrize(("lines", "field", "value"), [pytest.param(*c[1:], id=c[0]) for c in HEADS])
def test_head(lines: list[str], field: str, value: object) -> None:
    assert getattr(paragraphs_to_head(lines), field) == value


@pytest.mark.parametrize(("body", "organ"), [
    pytest.param("经人力资源和社会保障部第6次部务会议", "人力资源和社会保障部", id="annual-leave-jing-is-the-verb"),
    pytest.param("经济和信息化委员会第3次主任会议", "经济和信息化委员会", id="jingji-is-the-organ"),
])
def test_organ_of(body: str, organ: str) -> None:
    assert organ_of(body) == organ


NEIMENGGU = (
    "内蒙古自治区人口与计划生育条例\n"
    "第一章 总则第一条 根据《中华人民共和国民族区域自治法》和《中华人民共和国人口与计划生育法》，结合自治区实际，制定本条例。\n"
    "第二条 户籍或者居住在自治区行政区域内的公民以及自治区行政区域内的机关、社会团体和企业事业组织应当遵守本条例。\n"
    "第二章 人口发展规划的制定与实施第三条 自治区人民政府根据国家人口发展规划制定自治区人口发展规划。\n"
    "第五章 奖励与社会保障第三十七条 自愿终身只生育一个子女并领取《独生子女父母光荣证》的夫妻，可以继续享受下列奖励：（一）每月十元以上的"
    "独生子女父母奖励费，农牧民独女户夫妻每月二十元以上的独生子女父母奖励费，至子女年满十四周岁止；（二）适当补助托幼费；（三）退休时，"
    "夫妻双方所在单位应当给予适当的奖励。\n"
)
DATONG = (
    "大同市企业集体合同条例\n"
    "第六条 集体合同的内容应当包括：（一）劳动报酬：包括工资分配方式，工资支付办法；（二）工作时间：包括日工作时间，周工作时间；"
    "（三）休息休假：包括法定休假日；（四）集体合同的期限：集体合同的期限为一至三年；（五）违约责任。职工与企业双方可以就上述部分内容专项签订集体合同。\n"
    "第八条 职工已享受当年的年休假，年度内又出现条例第四条第 （二）、 （三）、 （四）、 （五）项规定情形之一的，不享受下一年度的年休假。\n"
)


def _paths(sections: list[Section]) -> list[str]:
    return [p for s in sections for p in (s.path, *_paths(s.children))]


def _parse(tmp_path: Path, text: str) -> list[Section]:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    return parse_file(tmp_path / "x.txt")[0].sections


def test_neimenggu_chapter_heading_run_into_its_first_article(tmp_path: Path) -> None:
    sections = _parse(tmp_path, NEIMENGGU)
    assert [(s.num, s.heading) for s in sections] == [
        ("第一章", "总则"), ("第二章", "人口发展规划的制定与实施"), ("第五章", "奖励与社会保障")]
    assert [c.num for c in sections[0].children] == ["第一条", "第二条"]
    first = sections[0].children[0]
    assert first.text.startswith("第一条 根据") and "总则" not in first.text


def test_neimenggu_items_run_together_are_a_level(tmp_path: Path) -> None:
    paths = _paths(_parse(tmp_path, NEIMENGGU))
    assert "第五章/第三十七条/（一）" in paths and "第五章/第三十七条/（三）" in paths


def test_datong_items_run_together_but_not_a_citation_of_items(tmp_path: Path) -> None:
    paths = _paths(_parse(tmp_path, DATONG))
    assert [p for p in paths if p.startswith("第六条/")] == [f"第六条/（{n}）" for n in "一二三四五"]
    assert [p for p in paths if p.startswith("第八条/")] == []


def test_annual_leave_last_article_without_its_full_stop_has_no_heading(tmp_path: Path) -> None:
    text = "\n".join(ANNUAL_LEAVE[:1] + ANNUAL_LEAVE[2:])
    assert [(s.num, s.heading) for s in _parse(tmp_path, text)] == [("第一条", None), ("第十九条", None)]


CHONGQING_ITEMS = (
    "重庆市失业保险条例\n"
    "第二十四条 失业人员领取失业保险金的期限，根据其失业前所在单位和本人累计缴纳失业保险费的时间确定。具体划分为:\n"
    "（一）累计缴费时间满一年不足两年的为三个月；\n"
    "（六）累计缴费时间满七年的为十六个月。以后累计缴费时间每增加一年，领取期限增加一个月，最长不超过二十四个月。\n"
    "失业人员重新就业后，再次失业的，其缴费的时间重新计算，但最长不超过二十四个月。\n"
    "第二十五条 失业保险金的标准，按照低于最低工资标准的原则确定。\n"
    "（一）本办法所称的人员；\n"
    "说明：一项之内的说明。\n"
)


def test_chongqing_paragraph_after_the_last_item_is_the_articles(tmp_path: Path) -> None:
    article = _parse(tmp_path, CHONGQING_ITEMS)[0]
    last = article.children[-1]
    assert (last.path, last.text.endswith("最长不超过二十四个月。")) == ("第二十四条/（六）", True)
    assert article.text.endswith("但最长不超过二十四个月。")


def test_chongqing_paragraph_after_an_item_ending_in_a_semicolon_stays_in_it(tmp_path: Path) -> None:
    item = _parse(tmp_path, CHONGQING_ITEMS)[1].children[0]
    assert item.text.endswith("一项之内的说明。")
