"""Issuers of local regulations read from their 题注 (issue 9, heads): a city's 条例 is made by the city's
人大常委会 and only approved by the province's, whatever verb the 题注 prints for the approval."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import parse_file

CASES = [
    ("city-regulation-approved-by-the-province",
     "合肥市劳动用工条例\n2010年4月30日 合肥市第十四届人民代表大会常务委员会第十七次会议通过\n"
     "2010年6月29日 安徽省第十一届人民代表大会常务委员会第十九次会议批准\n第一条 为了规范劳动用工，制定本条例。",
     ["合肥市人民代表大会常务委员会"]),
    ("approval-of-an-amendment-printed-as-amended",
     "厦门市社会保障性住房管理条例\n（2009年1月7日厦门市第十三届人民代表大会常务委员会第十三次会议通过　"
     "2014年6月27日厦门市第十四届人民代表大会常务委员会第二十次会议修正　2014年7月31日福建省第十二届人民代表大会常务委员会第十次会议修正）\n"
     "第一条 为了规范社会保障性住房管理，制定本条例。",
     ["厦门市人民代表大会常务委员会"]),
    ("a-province-regulation-keeps-its-congress",
     "云南省企业职工基本养老保险条例\n（2024年11月28日云南省第十四届人民代表大会常务委员会第十三次会议通过）\n第一条 为了保障企业职工基本养老保险，制定本条例。",
     ["云南省人民代表大会常务委员会"]),
    ("an-autonomous-county-rule-approved-by-the-province",
     "某某自治县施行某法的变通规定\n2020年3月1日 某某自治县第十七届人民代表大会第三次会议通过\n"
     "2020年5月28日 四川省第十三届人民代表大会常务委员会第十八次会议批准）\n第一条 根据有关法律，制定本变通规定。",
     ["某某自治县人民代表大会"]),
    ("a-municipality-is-a-province",
     "重庆市人口与计划生育条例\n（2016年3月31日重庆市第四届人民代表大会常务委员会第二十四次会议修订）\n第一条 为了实行计划生育，制定本条例。",
     ["重庆市人民代表大会常务委员会"]),
]


@pytest.mark.parametrize(("text", "issuers"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_issuers_of_a_local_regulation(tmp_path: Path, text: str, issuers: list[str]) -> None:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    assert parse_file(tmp_path / "x.txt")[0].issuers == issuers


REGION_CASES = [
    ("province-rule-with-a-bare-government",
     "福建省实施《居住证暂行条例》办法\n（2016年8月2日福建省人民政府令第175号公布）\n第一条 根据《居住证暂行条例》，结合本省实际，制定本办法。\n第二十六条 本办法自2016年10月1日起施行。\n省人民政府\n2016年8月2日",
     "福建省", "provincial"),
    ("a-department-named-only-in-the-title",
     "广东省生态环境厅关于印发行政处罚自由裁量权规定的通知\n各地级以上市生态环境局：\n现将规定印发给你们。",
     "广东省", "provincial"),
]


@pytest.mark.parametrize(("text", "region", "level"), [c[1:] for c in REGION_CASES], ids=[c[0] for c in REGION_CASES])
def test_region_from_the_title_when_no_issuer_names_a_place(tmp_path: Path, text: str, region: str, level: str) -> None:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    doc = parse_file(tmp_path / "x.txt")[0]
    assert (doc.region, doc.level) == (region, level)
    assert all(not o.startswith("省") for o in doc.issuers)


PRINTER_CASES = [
    ("a-department-rule-printed-by-its-office",
     "广东省生态环境行政处罚自由裁量权规定\n粤环发〔2021〕7号\n第一条 为规范裁量权，制定本规定。\n第二十条 本规定自2022年1月1日起施行。\n"
     "广东省生态环境厅办公室\n2021年11月14日印发", ["广东省生态环境厅"]),
    ("a-government-rule-printed-by-its-office-on-one-line",
     "浙江省餐厨垃圾管理办法\n第一条 为了加强餐厨垃圾管理，制定本办法。\n浙江省人民政府办公厅 2017年1月23日印发", ["浙江省人民政府"]),
    ("a-notice-printed-by-an-office-keeps-the-office",
     "关于做好就业见习工作的通知\n各县（市、区）人力资源和社会保障局：\n一、做好见习。\n"
     "平顶山市人力资源和社会保障局办公室\n2023年5月6日印发", ["平顶山市人力资源和社会保障局办公室"]),
]


@pytest.mark.parametrize(("text", "issuers"), [c[1:] for c in PRINTER_CASES], ids=[c[0] for c in PRINTER_CASES])
def test_issuer_from_the_printing_office_of_a_rule(tmp_path: Path, text: str, issuers: list[str]) -> None:
    """No signature: the 版记 names the office that printed the document; a 规章's maker is the office's organ."""
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    assert parse_file(tmp_path / "x.txt")[0].issuers == issuers


DECREE_CASES = [
    ("decree-number-on-its-line", "福建省实施《居住证暂行条例》办法\n省政府令第175号\n第一条 为了规范居住证管理，制定本办法。",
     "省政府令第175号", 175),
    ("decree-number-on-two-lines", "上海市人民政府令\n第32号\n上海市政府信息公开规定\n第一条 为了保障公民依法获取政府信息，制定本规定。",
     "上海市人民政府令第32号", 32),
    ("a-wenhao-wins", "某市就业补助资金管理办法\n某人社〔2023〕5号\n省政府令第3号\n第一条 为了规范资金管理，制定本办法。", "某人社〔2023〕5号", 5),
]


@pytest.mark.parametrize(("text", "number", "serial"), [c[1:] for c in DECREE_CASES], ids=[c[0] for c in DECREE_CASES])
def test_decree_number_of_a_rule_without_a_wenhao(tmp_path: Path, text: str, number: str, serial: int) -> None:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    got = parse_file(tmp_path / "x.txt")[0].doc_number
    assert got is not None and (got.text, got.serial) == (number, serial)
