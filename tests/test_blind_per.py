"""What a rate is a rate of, in the blind documents (corpus/blind, golden/blind, issue 9): named cases from their text."""

from __future__ import annotations

import pytest

from extractor.extract._per import read_base
from extractor.extract.find import find_quantities

CASES = [
    # (id, text, the base read)
    ("chongqing-employer-share-opens-with-qizhong", "按照上年度当地职工月平均工资的百分之三缴纳失业保险费，其中雇主缴费比例为百分之二",
     ["上年度当地职工月平均工资", "雇主缴费比例"]),
    ("chongqing-worker-share", "职工按照本人工资的百分之一缴纳失业保险费", ["本人工资"]),
]


@pytest.mark.parametrize(("text", "bases"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_base(text: str, bases: list[str]) -> None:
    found = [f for f in find_quantities(text) if f.kind == "percent"]
    assert [read_base(text, f, max(text.rfind("，", 0, f.start) + 1, 0)) for f in found] == bases
