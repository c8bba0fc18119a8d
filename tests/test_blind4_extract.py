"""Quantities the blind4 documents (corpus/blind4, golden/blind4, issue 9) were read wrong in, each a named case from
their text: the number's expression and what is read of it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract import text_to_quantities

ZHENGZHOU_27 = ("参保人年满70周岁、不满80周岁的，从年满70周岁的当月起可按月享受20元的高龄老人生活补助；年满80周岁、不满100周岁的，"
                "从年满80周岁的当月起，每月再增加30元的高龄老人生活补助；年满100周岁及其以上的，从年满100周岁的当月起每月再增加50元"
                "高龄老人生活补助。")

AGES = [
    # (id, text, the ages read: value, value_max, bound)
    # golden/blind4 郑州 2010 第二十七条: a band across 、 is one range; 从年满70周岁的当月起 restates its lower end (a
    # time anchor, no second age); 年满100周岁及其以上 a floor
    ("blind4-zhengzhou-bands-across-a-comma-and-their-anchors", ZHENGZHOU_27,
     [("70", "80", "range"), ("80", "100", "range"), ("100", None, "min")]),
    ("a-band-across-a-comma-of-the-other-words", "年满60周岁、未满70周岁的老年人", [("60", "70", "range")]),
    # an age as the day a duty begins, restating nothing of its sentence, stays
    ("an-anchor-alone-stays", "公民应当自年满十六周岁之日起三个月内申请领取居民身份证", [("16", None, "min")]),
    ("an-anchor-of-another-age-stays", "年满60周岁的，从年满65周岁的当月起发给", [("60", None, "min"), ("65", None, "min")]),
]


def _age(q: object) -> tuple[str, str | None, str]:
    v, m = q.value, q.value_max  # type: ignore[attr-defined]
    return (f"{v:f}".rstrip("0").rstrip("."), None if m is None else f"{m:f}".rstrip("0").rstrip("."), q.bound)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "ages"), [pytest.param(*c[1:], id=c[0]) for c in AGES])
def test_ages(text: str, ages: list[tuple[str, str | None, str]]) -> None:
    assert [_age(q) for q in text_to_quantities(text) if q.kind == "age"] == ages


ONE = [
    # (id, text, the number's expression, kind, value, bound, per, role)
    # golden/blind4 郑州 第七条: 每个自然年度 is a year, not a unit (每个)
    ("blind4-zhengzhou-contribution-grades-per-year",
     "在每个自然年度内选择 100元、200元、300元中任意一个缴费标准，以货币形式一次性缴纳当年的城乡居民基本养老保险费。",
     "200元", "money", "200", "exact", ["year"], "parameter"),
    ("a-month-after-each-is-a-period", "每个月发放一次生活补贴500元", "500元", "money", "500", "exact", ["month"], "parameter"),
    ("each-enterprise-stays-a-subject", "每个企业补贴2000元", "2000元", "money", "2000", "exact", ["enterprise"], "parameter"),
    # golden/blind4 郑州 第八条: the years of a back-payment made at once
    ("blind4-zhengzhou-years-paid-back-at-once", "参保时可不缴纳城乡居民基本养老保险费，也可一次性补缴15年的城乡居民基本养老保险费",
     "15年", "duration", "180", "exact", ["one_off"], "parameter"),
    # golden/blind4 郑州 第二十二条: a reserve of at least three months
    ("blind4-zhengzhou-a-reserve-left-is-a-floor", "支出户应留足3个月的周转金", "3个月", "duration", "3", "min", [], "parameter"),
    # golden/blind4 成都 第十二条: how many a procedure draws is its parameter, no target
    ("blind4-chengdu-representatives-drawn-by-lot", "正式摇号前，配租机构在同一批次的保障对象中电脑随机确定20名代表现场监督摇号。",
     "20名", "count", "20", "exact", [], "parameter"),
    # golden/blind4 三亚 第二十二条: a time limit in minutes, in hours
    ("blind4-sanya-thirty-minutes-to-arrive", "接到故障通知后，应当立即赶赴现场，并在三十分钟内赶到现场实施救援",
     "三十分钟", "duration", "0.5", "max", [], "parameter"),
    # golden/blind4 武汉 第十一条: the upper end of a band whose lower end is a standard named
    ("blind4-wuhan-up-to-an-income-after-a-standard",
     "城镇住房困难家庭人均月收入在本市最低生活保障标准以上至1000元（含）的，人均月补贴标准不低于三环周边区域住宅平均市场租金价格的60%；",
     "1000元", "money", "1000", "max", ["person"], "parameter"),
]


@pytest.mark.parametrize(("text", "expression", "kind", "value", "bound", "per", "role"), [pytest.param(*c[1:], id=c[0]) for c in ONE])
def test_one(text: str, expression: str, kind: str, value: str, bound: str, per: list[str], role: str) -> None:
    got = [q for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert [(q.kind, q.value, q.bound, list(q.per), q.role) for q in got] == [(kind, Decimal(value), bound, per, role)]


def test_minutes_of_a_lesson_are_no_time_limit() -> None:
    assert [q for q in text_to_quantities("每课时不低于40分钟") if q.kind == "duration"] == []
