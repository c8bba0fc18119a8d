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
    # golden/blind3 天津 2011 第九条: the bound word of a list's lead-in (before its colon) bounds every item
    ("blind3-tianjin-a-lead-in-floor-first",
     "每户家庭最低月租房补贴额为：市内六区240元，环城四区和滨海新区210元，武清区、宝坻区和静海县、宁河县、蓟县180元。",
     "240元", "min", ["最低"]),
    ("blind3-tianjin-a-lead-in-floor-middle",
     "每户家庭最低月租房补贴额为：市内六区240元，环城四区和滨海新区210元，武清区、宝坻区和静海县、宁河县、蓟县180元。",
     "210元", "min", ["最低"]),
    ("a-lead-in-cap", "补贴最高为：本科2000元，硕士3000元。", "3000元", "max", ["最高"]),
    ("an-item-keeps-its-own-bound", "补贴最高为：本科不低于2000元，硕士3000元。", "2000元", "min", ["不低于"]),
    ("no-lead-in-across-a-sentence", "补贴最高为：本科。硕士3000元。", "3000元", "exact", []),
]


@pytest.mark.parametrize(("text", "expression", "bound", "words"), [pytest.param(*c[1:], id=c[0]) for c in BOUNDS])
def test_bound(text: str, expression: str, bound: str, words: list[str]) -> None:
    got = [(q.bound, q.bound_words) for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert got == [(bound, words)]
