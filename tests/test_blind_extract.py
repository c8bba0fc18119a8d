"""Bounds the blind documents (corpus/blind, golden/blind, issue 9) were read wrong in, each a named case from their
text (and the unseen documents' twins of it): the number's expression and the bound read."""

from __future__ import annotations

import pytest

from extractor.extract import text_to_quantities

BOUNDS = [
    # (id, text, the number's expression, bound, bound words)
    ("chongqing-years-running-in-a-condition", "在居住地具有高中阶段连续就读三年学籍的，可以参加高考", "三年", "min", ["连续"]),
    ("unseen-neimenggu-years-running-in-a-condition", "单位连续两年超额完成献血工作计划的，给予表彰", "两年", "min", ["连续"]),
    ("unseen-guangdong-months-running-in-a-condition",
     "失业人员无正当理由连续两个月不按照规定办理领取失业保险金资格核对手续或者说明求职等情况的，", "两个月", "min", ["连续"]),
    ("golden-years-running-of-a-benefit-are-its-term",
     "企业招用建档立卡贫困人口或登记失业半年以上人员，连续三年享受每人每年7800元税收减免。", "三年", "exact", []),
]


@pytest.mark.parametrize(("text", "expression", "bound", "words"), [pytest.param(*c[1:], id=c[0]) for c in BOUNDS])
def test_bound(text: str, expression: str, bound: str, words: list[str]) -> None:
    got = [(q.bound, q.bound_words) for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert got == [(bound, words)]
