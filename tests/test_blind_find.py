"""Numbers the blind documents (corpus/blind, golden/blind, issue 9) were read wrong in, each a named case taken from
those documents' text: the expression found, its kind and its value(s)."""

from __future__ import annotations

import pytest

from extractor.extract.find import find_quantities

CASES = [
    # (id, text, [(kind, value, value_max, expression)])
    ("chongqing-band-of-contribution-years", "（一）累计缴费时间满一年不足两年的为三个月；",
     [("duration", "12", "24", "满一年不足两年"), ("duration", "3", None, "三个月")]),
    ("chongqing-band-of-five-to-seven-years", "（五）累计缴费时间满五年不足七年的为十五个月；",
     [("duration", "60", "84", "满五年不足七年"), ("duration", "15", None, "十五个月")]),
    ("neimenggu-multiples-of-an-income", "应当一次性发给相当于当地上一年度城镇居民人均可支配收入或者农牧民人均纯收入一倍至三倍的扶助金。",
     [("percent", "100", "300", "一倍至三倍")]),
    ("chongqing-multiples-of-a-fraud", "由人力资源和社会保障行政部门处骗取金额一倍以上三倍以下罚款；",
     [("percent", "100", "300", "一倍以上三倍以下")]),
    ("bijie-a-volume-after-its-bound-word", "献者献全血每次采集血液量一般为200毫升、300毫升，最多不得超过400毫升，",
     [("count", "400", None, "400毫升")]),
    ("bijie-a-volume-before-its-bound-word", "累计献血400毫升以上的可终身无限量免费享用所需血液。", [("count", "400", None, "400毫升")]),
    ("bijie-a-volume-granted", "父母可以按照造血干细胞捐献者所捐献次数每次累计享受400毫升的免费用血。", [("count", "400", None, "400毫升")]),
    # the one donation counted (一次按…计算) is the unit of the conversion, no count: the volume is the rule's number
    ("bijie-a-volume-counted-as", "捐献造血干细胞者，一次按捐献全血400毫升计算。", [("count", "400", None, "400毫升")]),
    ("bozhou-areas-after-their-bound-words", "按照每百户不少于三十平方米、单体面积不少于三百五十平方米的标准",
     [("count", "30", None, "三十平方米"), ("count", "350", None, "三百五十平方米")]),
    ("datong-half-of-the-workers", "并须得到企业半数以上职工的同意。", [("percent", "50", None, "半数")]),
    ("datong-half-of-the-delegates", "必须经全体代表半数以上同意方为通过。", [("percent", "50", None, "半数")]),
]


@pytest.mark.parametrize(("text", "want"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_found(text: str, want: list[tuple[str, str, str | None, str]]) -> None:
    got = [(f.kind, str(f.value), None if f.value_max is None else str(f.value_max), text[f.start : f.end])
           for f in find_quantities(text)]
    assert got == want


@pytest.mark.parametrize("text", [
    pytest.param("半数的成员", id="half-without-a-bound-is-no-threshold"),
    pytest.param("满一年，或者不满一年但本人有失业保险缴费记录的", id="a-year-or-less-is-two-clauses-not-a-band"),
])
def test_not_a_band(text: str) -> None:
    assert all(f.value_max is None for f in find_quantities(text))


@pytest.mark.parametrize(("text", "kept"), [
    pytest.param("前款规定的折算方法为： （当年度在本单位剩余日历天数÷365天）×职工本人全年应当享受的年休假天数。", [],
                 id="national-2008-a-formulas-divisor-of-days"),
    pytest.param("两次采集间隔期不少于6个月。", ["6个月"], id="bijie-the-interval-between-two-collections"),
    pytest.param("每年享受两次免费体检", ["两次"], id="two-times-without-an-interval-stay"),
    pytest.param("建筑面积按实际测量的300平方米左右的部分不计算在内", [], id="an-area-not-counted-as-is-no-measure"),
])
def test_not_a_quantity(text: str, kept: list[str]) -> None:
    assert [text[f.start : f.end] for f in find_quantities(text) if f.kind != "date"] == kept
