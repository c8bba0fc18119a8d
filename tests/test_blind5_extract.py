"""Quantities the blind5 documents (corpus/blind5, golden/blind5, issue 9: heating supply, medical waste, elderly
care, pensions, public rental housing) were read wrong in, each a named case from their text: the number's
expression and what is read of it."""

from __future__ import annotations

import pytest

from extractor.extract import text_to_quantities

BENEFITS = [
    # (id, text, the number's expression, its benefit as read)
    # golden/blind5 定西 第二十八条, 七台河 第十四条: the sum of a clause that imposes a fine is the fine's
    ("blind5-dingxi-a-fine-on-the-heating-firm", "逾期未改正的，处一万元以上五万元以下罚款。", "一万元以上五万元以下", "罚款"),
    ("blind5-qitaihe-a-fine-of-a-multiple", "没收违法所得，违法所得5000元以上的，并处违法所得2倍以上5倍以下罚款", "2倍以上5倍以下", "罚款"),
    ("a-late-fee-by-the-day", "逾期不缴纳的，自滞纳之日起按日加收万分之五的滞纳金", "万分之五", "滞纳金"),
]


@pytest.mark.parametrize(("text", "expression", "benefit"), [pytest.param(*c[1:], id=c[0]) for c in BENEFITS])
def test_benefits(text: str, expression: str, benefit: str) -> None:
    got = [q for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert [q.benefit for q in got] == [benefit]
