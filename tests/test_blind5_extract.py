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
    # golden/blind5 惠州 2014 (养老保险): the contribution grades, the pension a longer contribution adds to, the
    # government's share of the contribution
    ("blind5-huizhou-the-contribution-grades", "参保人缴费基本标准设为一年120元、240元、360元十个档次", "240元", "缴费基本标准"),
    ("blind5-huizhou-a-pension-per-further-year", "参保人缴费满15年后，计发待遇时缴费年限每增加一年，每月增发3元基础养老金。", "3元", "基础养老金"),
    ("blind5-huizhou-the-government-adds-to-a-grade", "参保人选择的缴费档次标准在480元及以上档次标准的，财政缴费补助在原来基础上增加30元。",
     "30元", "财政缴费补助"),
    # golden/blind5 惠州 2015 第七条: a share of the rent subsidy
    ("blind5-huizhou-a-share-of-the-rent-subsidy", "可再享受应交租金和已享受的租金补助之间差额部分50%的租金补助；", "50%", "租金补助"),
    # a name in a bracket opened after the number's own aside closed is an aside's, not the number's (004#30 第七条)
    ("an-aside-after-the-numbers-own-aside", "达到企业现有在职职工人数15%(超过100人的企业达到8%)并与其签订1年以上劳动合同，"
     "缴纳社会保险（企业职工参加城乡居民基本养老保险等视同缴纳社会保险）的小微企业，可申请创业担保贷款", "8%", "创业担保贷款"),
]


@pytest.mark.parametrize(("text", "expression", "benefit"), [pytest.param(*c[1:], id=c[0]) for c in BENEFITS])
def test_benefits(text: str, expression: str, benefit: str) -> None:
    got = [q for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert [q.benefit for q in got] == [benefit]
