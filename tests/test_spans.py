"""Issue 9, class 1: a range written across two clauses, ``A以上B以下``, is one range, not two numbers."""

from __future__ import annotations

import pytest

from extractor.extract import text_to_quantities

# (text, kind, value, value_max, quote), from the wording of penalty and leave rules
TWO_CLAUSE_RANGES = {
    "fine in Chinese numerals": ("有前款行为的，处二千元以上一万元以下的罚款。", "money", 2000, 10000, "二千元以上一万元以下"),
    "fine in digits and 万": ("处5000元以上3万元以下罚款。", "money", 5000, 30000, "5000元以上3万元以下"),
    "first amount without 元": ("处五千以上三万元以下的罚款。", "money", 5000, 30000, "五千以上三万元以下"),
    "days of detention": ("处五日以上十日以下拘留。", "duration", 5, 10, "五日以上十日以下"),
    "months to a year": ("处六个月以上一年以下有期徒刑。", "duration", 6, 12, "六个月以上一年以下"),
    "multiples of a base": ("处违法所得一倍以上三倍以下的罚款。", "percent", 100, 300, "一倍以上三倍以下"),
    "two clauses with a comma": ("月收入3000元以上，5000元以下的家庭", "money", 3000, 5000, "3000元以上，5000元以下"),
}


@pytest.mark.parametrize("case", list(TWO_CLAUSE_RANGES), ids=list(TWO_CLAUSE_RANGES))
def test_two_clause_range_is_one_range(case: str) -> None:
    text, kind, lo, hi, quote = TWO_CLAUSE_RANGES[case]
    found = [q for q in text_to_quantities(text) if q.kind == kind]
    assert [(q.value, q.value_max, q.bound, q.evidence.quote) for q in found] == [(lo, hi, "range", quote)]


NOT_A_RANGE = {
    "a floor then a cap of another kind": ("每人每月1500元以上，最长不超过12个月", [("money", 1500, None, "min"), ("duration", 12, None, "max")]),
    "days then months": ("三天以上六个月以下", [("duration", 3, None, "min"), ("duration", 6, None, "max")]),
    "the upper end smaller": ("一万元以上二千元以下", [("money", 10000, None, "min"), ("money", 2000, None, "max")]),
}


@pytest.mark.parametrize("case", list(NOT_A_RANGE), ids=list(NOT_A_RANGE))
def test_not_a_two_clause_range(case: str) -> None:
    text, expected = NOT_A_RANGE[case]
    assert [(q.kind, q.value, q.value_max, q.bound) for q in text_to_quantities(text)] == expected
