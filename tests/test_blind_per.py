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


PER_CASES = [
    # (id, text, the number's expression, the per read)
    ("chongqing-a-fine-each-responsible-person", "对直接负责的主管人员和其他直接责任人员各处一千元以上五千元以下罚款。",
     "一千元以上五千元以下", ["person"]),
    ("chongqing-a-daily-late-fee-opens-its-verb", "从欠缴之日起，按日加收欠缴额万分之五的滞纳金", "万分之五", ["day"]),
    ("neimenggu-yearly-leave-for-each-parent", "每年给予双方各十日育儿假", "十日", ["year", "person"]),
    ("guangdong-each-parent-enjoys-yearly-leave", "父母每年各享受十日的育儿假", "十日", ["year", "person"]),
    ("neimenggu-an-income-per-head-is-no-recipient",
     "户籍所在地旗县级人民政府应当一次性发给相当于当地上一年度城镇居民人均可支配收入或者农牧民人均纯收入一倍至三倍的扶助金。",
     "一倍至三倍", ["one_off"]),
    ("chongqing-months-of-a-funeral-grant-paid-once", "失业人员在领取失业保险金期间死亡的，一次性发给六个月失业保险金标准的丧葬补助金；",
     "六个月", ["one_off"]),
    ("fuzhou-a-contribution-per-head-stays-per-person", "2016年我市城乡居民基本医保人均缴费标准达到120元左右", "120元", ["person"]),
    ("unseen-each-unit-bears-a-share-no-recipient", "其独生子女保健费由父母所在单位各负担百分之五十", "百分之五十", []),
    ("one-off-months-of-a-fee-are-no-sum-paid", "一次性缴纳六个月的社会保险费", "六个月", []),
    # issue 9's per rules of unseen documents: a period as a prefix of the measure, a marker after a list
    ("a-monthly-turnover", "月营业额不超过10万元的，免征增值税", "10万元", ["month"]),
    ("a-monthly-minimum-wage", "月最低工资标准为1720元", "1720元", ["month"]),
    ("a-yearly-taxable-income", "年应纳税所得额不超过100万元的部分", "100万元", ["year"]),
    ("a-marker-after-a-list-is-each-items", "分别给予1000元、2000元、3000元/人·月的补贴", "1000元", ["person", "month"]),
    ("a-marker-after-a-list-middle-item", "分别给予1000元、2000元、3000元/人·月的补贴", "2000元", ["person", "month"]),
    ("a-yearly-quota-rate", "每年按不低于在职职工总数1.5%的比例安排残疾人就业", "1.5%", ["year"]),
    ("a-month-named-is-no-monthly-measure", "于7月工资调整时发放500元", "500元", []),
    # golden/blind3 天津 2011 第九条: a list's lead-in (before its colon) says what each amount is counted per
    ("blind3-tianjin-a-lead-in-per-household-month-first",
     "每户家庭最低月租房补贴额为：市内六区240元，环城四区和滨海新区210元，武清区、宝坻区和静海县、宁河县、蓟县180元。",
     "240元", ["household", "month"]),
    ("blind3-tianjin-a-lead-in-per-household-month-last",
     "每户家庭最低月租房补贴额为：市内六区240元，环城四区和滨海新区210元，武清区、宝坻区和静海县、宁河县、蓟县180元。",
     "180元", ["household", "month"]),
    ("a-lead-in-without-a-per-gives-none", "补贴标准为：本科200元，硕士300元。", "300元", []),
    ("a-monthly-subsidy-measure", "月租房补贴额不足100元的", "100元", ["month"]),
    # golden/compare/blind3 应县 2023: an amount without 元, its per after it
    ("blind3-an-amount-without-yuan", "其中参加普惠制培训的最高补贴标准为1000/人,参加订单式、项目制培训的最高补贴标准为4000/人。",
     "4000", ["person"]),
]


@pytest.mark.parametrize(("text", "expression", "per"), [pytest.param(*c[1:], id=c[0]) for c in PER_CASES])
def test_per(text: str, expression: str, per: list[str]) -> None:
    from extractor.extract import text_to_quantities

    assert [q.per for q in text_to_quantities(text) if q.kind != "date" and q.evidence.quote == expression] == [per]
