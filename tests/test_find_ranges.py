"""Numbers of statutes from other provinces (issue 9): ranges written in Chinese numerals with 至, rates per mille
and per ten thousand, 过半数 and 半价 — each a named case taken from the unseen documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.find import find_quantities

CASES = [
    ("money-range-cn", "每平方米处以一元至二元罚款", "money", 1, 2),
    ("money-range-cn-thousands", "并处以一千元至一万元罚款", "money", 1000, 10000),
    ("money-range-cn-decimal", "按每平方米处以零点五元至一元的罚款", "money", Decimal("0.5"), 1),
    ("percent-range-cn", "从小型农田水利补助费中提取百分之十至百分之二十", "percent", 10, 20),
    ("per-ten-thousand", "按欠缴额每日加收万分之五的滞纳金", "percent", Decimal("0.05"), None),
    ("per-mille", "当年计税所得额的千分之二以内", "percent", Decimal("0.2"), None),
    ("age-range-from-zero", "零至七周岁残疾儿童", "age", 0, 7),
    ("age-range-both-ends-cn", "提倡十八周岁至五十五周岁的健康公民自愿献血", "age", 18, 55),
    ("more-than-half", "应当经全体成员的过半数同意", "percent", 50, None),
    ("half-price", "半价购买门票", "percent", 50, None),
    ("the-whole-percent", "按生育第三个子女的征收金额各加百分之百征收", "percent", 100, None),
    ("day-range-cn", "其配偶享受七至十天的护理假", "duration", 7, 10),
    ("working-day-range", "在3至5个工作日内办结", "duration", 3, 5),
    # a rate's range across two clauses (blind2: a labour-inspection regulation's fine)
    ("percent-span-cn", "处以违法所得百分之五十以上百分之八十以下的罚款", "percent", 50, 80),
    ("percent-span-to-a-multiple", "按照应付金额百分之五十以上一倍以下的标准计算", "percent", 50, 100),
    ("percent-span-arabic", "处10%以上30%以下的罚款", "percent", 10, 30),
    # corpus/revisions 商品房买卖合同 解释 2003 第八条, 第十四条: a multiple capped before its base, and 双倍
    ("one-times-capped-before-its-base", "并可以请求出卖人承担不超过已付购房款一倍的赔偿责任", "percent", 100, None),
    ("double", "由出卖人双倍返还买受人", "percent", 200, None),
    # golden/unseen 厦门 2014 社会保障性住房条例 第四十六条: 一倍 as a fine (…一倍处以罚款)
    ("one-times-a-fine-chuyi", "过渡期满仍拒不退出的，按照应交市场租金的一倍处以罚款", "percent", 100, None),
    # golden/compare/blind3 应县 2023: an amount printed without 元, said by 补贴标准为 and /人
    ("money-without-yuan", "参加普惠制培训的最高补贴标准为1000/人", "money", 1000, None),
    # two clauses of one band (issue 9): corpus/unseen 合肥 2018 劳动就业条例, corpus/revisions 食品安全 解释 (heldout pair)
    ("duration-band-over-then-under", "自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的", "duration", 1, 12),
    ("age-band-above-then-under", "六十五周岁以上不满七十周岁的老年人", "age", 65, 70),
    ("age-band-full-then-under", "已满16周岁不满18周岁的未成年人", "age", 16, 18),
    ("money-band-above-then-under", "生产、销售金额十万元以上不满二十万元的", "money", 100000, 200000),
    # issue 9's own examples of a band across a comma (A及其以上，低于B)
    ("money-band-across-a-comma", "月收入3000元及其以上，低于5000元的", "money", 3000, 5000),
    ("age-band-across-a-comma", "年满60周岁及以上，低于70周岁的", "age", 60, 70),
    # blind5 机动车驾驶证申领和使用规定 2021 第十四条, 第八十七条: an age range's two ends across a comma or a 、
    ("age-span-across-a-comma", "准驾车型的，在18周岁以上，60周岁以下；", "age", 18, 60),
    ("age-span-to-not-over", "年龄在25周岁以上、不超过60周岁", "age", 25, 60),
    ("duration-band-above-across-a-comma", "工龄10年及其以上，低于20年的", "duration", 120, 240),
    # issue 9: the pay grades or steps a rule raises by
    ("grade-steps-one", "对获得荣誉称号的，可高定1级薪级工资", "count", 1, None),
    ("grade-steps-range", "绩效工资可上浮1至2档", "count", 1, 2),
]


@pytest.mark.parametrize(("text", "kind", "value", "value_max"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_found(text: str, kind: str, value: Decimal | int, value_max: Decimal | int | None) -> None:
    got = [(f.kind, f.value, f.value_max) for f in find_quantities(text) if f.kind == kind]
    assert got == [(kind, Decimal(value), None if value_max is None else Decimal(value_max))]


@pytest.mark.parametrize("text", [pytest.param("第三至五条", id="article-numbers"), pytest.param("一至二年级", id="grades"),
                                  pytest.param("每月1至5日申报", id="days-of-the-month"),
                                  pytest.param("补贴标准增加一倍", id="a-doubling-is-no-multiple-of-a-base")])
def test_not_a_range_of_a_kind(text: str) -> None:
    assert [f for f in find_quantities(text) if f.kind in ("money", "age", "percent", "duration")] == []


def test_two_lower_ends_are_no_span() -> None:
    """男性60周岁以上，女性55周岁以上: two lower ends, no range."""
    got = [(f.value, f.value_max) for f in find_quantities("男性60周岁以上，女性55周岁以上") if f.kind == "age"]
    assert got == [(Decimal(60), None), (Decimal(55), None)]


def test_two_rules_of_one_age_are_no_band() -> None:
    """七十周岁以上免购门票，不满七十周岁半价 (corpus/unseen 山东 老年人权益保障条例 第四十六条): two rules, each its own age."""
    got = [(f.value, f.value_max) for f in find_quantities("七十周岁以上免购门票，不满七十周岁半价购买门票") if f.kind == "age"]
    assert got == [(Decimal(70), None), (Decimal(70), None)]


@pytest.mark.parametrize("text", [pytest.param("二级以上医疗机构", id="a-hospital-level"), pytest.param("一级护理", id="a-care-level"),
                                  pytest.param("提高一级建造师待遇", id="a-title-after-the-grade")])
def test_a_level_named_is_no_grade_step(text: str) -> None:
    assert [f for f in find_quantities(text) if f.kind == "count"] == []
