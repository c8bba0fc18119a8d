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
    # golden/blind5 惠州 2014, blind4 郑州 2010: the name a verb of giving gives, not the verb's clause
    ("blind5-huizhou-a-funeral-grant", "按月领取养老保险待遇的参保人死亡的，一次性发给丧葬补助费700元。", "700元", "丧葬补助费"),
    # golden/blind5 定西 第十七条, 第十九条: the act a time limit is of, when its sentence names no benefit
    ("blind5-dingxi-a-check-within-hours", "热用户认为室内温度不达标的，可以要求供热经营企业于二十四小时内完成测温；", "二十四小时", "测温"),
    ("blind5-dingxi-a-trial-run-before-the-season", "供热经营企业应当在供热期开始五日前启动全系统低温运行。", "五日", "全系统低温运行"),
    # unseen 山东 2016 第十九条: the permission the counts of children decide; golden/blind5 威海 第六十四条: a negated name
    # (未再生育或者收养子女的) is a condition, no number's benefit
    ("a-count-of-children-for-another-birth", "再婚夫妻另一方未生育的，可以再生育一个子女。", "一个", "再生育"),
    ("blind5-weihai-a-negated-name-is-no-benefit",
     "（四）计划生育家庭特别扶助对象，是指只存活一个子女且该子女死亡，未再生育或者收养子女的夫妻。", "一个", "计划生育家庭特别扶助"),
    # golden/blind5 威海 第二十条: the free service a number of times is of, named right after it
    ("blind5-weihai-a-free-follow-up", "患有高血压的老年人每季度享受一次免费随访评估；", "一次", "免费随访评估"),
    # review, session 27: the service's name ends before 并 (…并建立健康档案 is another act)
    ("a-free-service-ends-before-and", "老年人每年享受一次免费随访评估服务并建立健康档案。", "一次", "免费随访评估服务"),
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


GROUPS = [
    # (id, text, the number's expression, a group it is read with)
    # golden/blind5 定西 第二十八条: the heat users a fine falls on
    ("blind5-dingxi-the-residents-fined", "热用户有下列行为之一的，由城市供热主管部门责令改正；逾期不改正的，对居民用户处五百元以上五千元以下罚款",
     "五百元以上五千元以下", "居民用户"),
    # golden/blind5 七台河 第十四条: the medical institutions fined
    ("blind5-qitaihe-the-institutions-fined", "医疗卫生机构、医疗废物集中处置单位未按规定执行的，由卫生健康主管部门责令限期改正，处2000元以上5000元以下罚款",
     "2000元以上5000元以下", "医疗废物集中处置单位"),
    # golden/blind5 七台河 第十二条: who is fined after a ；(逾期不改正的，处…) is named before it in the sentence
    ("blind5-qitaihe-fined-after-a-semicolon", "第十二条 医疗卫生机构违反本规定的，由主管部门责令限期改正，给予警告；逾期不改正的，处2000元以上5000元以下罚款。",
     "2000元以上5000元以下", "医疗卫生机构"),
    # golden/blind5 定西 第二十八条: the party between 对 and the sanction, as printed
    ("blind5-dingxi-a-fine-on-a-person", "逾期不改正的，对单位处一万元以上五万元以下罚款，对个人处一千元以上五千元以下罚款。",
     "一千元以上五千元以下", "个人"),
    # blind 重庆 2011 第二十四条: an item's number whose sentence names no group is for those its list's lead-in names
    ("an-item-of-a-list-for-the-lead-ins-group", "第二十四条 失业人员失业前累计缴费时间符合下列条件的，领取失业保险金的期限为：\n"
     "（一）累计缴费时间满一年不足两年的，为三个月；", "三个月", "失业人员"),
    # golden/blind5 七台河 第十二条: the case a sanction is for (逾期不改正的，处…), as printed
    ("blind5-qitaihe-the-case-of-a-fine", "给予警告；逾期不改正的，处2000元以上5000元以下罚款。", "2000元以上5000元以下", "逾期不改正的"),
    # golden/blind5 惠州 2014: the members of the pension scheme
    ("blind5-huizhou-the-members-of-the-scheme", "参保人选择的缴费档次标准在480元及以上档次标准的，财政缴费补助在原来基础上增加30元。",
     "30元", "参保人"),
    # golden/blind5 惠州 2015 第六条（一）: the households of the rent subsidy's first band
    ("blind5-huizhou-the-households-on-minimum-living-security",
     "（一）城镇居民低保户家庭，城镇特困供养人员，租金补助按照所租公租房所在片区政府建设的公租房租金标准的98%支付；",
     "98%", "城镇居民低保户家庭"),
    # golden/blind5 定西 第十九条: a time limit of a notice to the heat users is the heating firm's, no qualifier of them
    ("blind5-dingxi-notice-days-are-the-firms", "供热经营企业应当在试压七日前通知热用户。", "七日", "供热经营企业"),
    # golden/blind5 威海 第二十条: an age before the group it qualifies
    ("blind5-weihai-the-elderly-of-an-age", "具有本市户籍的六十五周岁以上老年人每年进行一次免费体格检查和健康指导", "六十五周岁",
     "六十五周岁以上老年人"),
]


@pytest.mark.parametrize(("text", "expression", "group"), [pytest.param(*c[1:], id=c[0]) for c in GROUPS])
def test_groups(text: str, expression: str, group: str) -> None:
    got = [q for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert len(got) == 1 and group in got[0].groups, [(q.evidence.quote, q.groups) for q in got]


NO_GROUPS = [
    # (id, text, the number's expression, a word that must not be one of its groups) — review, session 27
    ("a-party-named-by-a-pronoun", "单位违反本规定的，责令改正，对其处五百元罚款。", "五百元", "其"),
    ("a-party-named-by-that", "擅自改变用途的，对该单位处一千元罚款。", "一千元", "该单位"),
    # the sentence before a ！ is another sentence: its group is not carried past the ；of the next
    ("a-group-of-the-sentence-before-an-exclamation", "严禁医疗卫生机构混放医疗废物！单位违反规定的，责令改正，给予警告；逾期不改正的，处2000元罚款。",
     "2000元", "医疗卫生机构"),
]


@pytest.mark.parametrize(("text", "expression", "word"), [pytest.param(*c[1:], id=c[0]) for c in NO_GROUPS])
def test_no_groups(text: str, expression: str, word: str) -> None:
    got = [q for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert len(got) == 1 and word not in got[0].groups, [(q.evidence.quote, q.groups) for q in got]


RANGES = [
    # (id, text, the number's expression, value, value_max, bound)
    # golden/blind5 惠州 2015 第六条（四）: a band of rates whose lower end's bracket says it is not in it
    ("blind5-huizhou-a-band-of-income-rates",
     "（四）年人均可支配收入在上年度城镇居民人均可支配收入40%（不含40%）至50%（含50%）之间的家庭，租金补助按照租金标准的50%支付；",
     "40%（不含40%）至50%", 40, 50, "range"),
    # 第六条（三）: the upper end of a band whose lower end is a standard named, its bracket saying it is in the band
    ("blind5-huizhou-up-to-a-rate-from-a-standard",
     "（三）年人均可支配收入在城镇低收入标准线至上年度城镇居民人均可支配收入40%（含40%）之间的家庭，租金补助按照租金标准的70%支付；",
     "40%", 40, None, "max"),
]


@pytest.mark.parametrize(("text", "expression", "value", "value_max", "bound"), [pytest.param(*c[1:], id=c[0]) for c in RANGES])
def test_ranges(text: str, expression: str, value: float, value_max: float | None, bound: str) -> None:
    got = [q for q in text_to_quantities(text) if q.evidence.quote == expression]
    assert [(q.value, q.value_max, q.bound) for q in got] == [(value, value_max, bound)]


ONE = [
    # (id, text, the number's expression, kind, value, bound, per, role)
    # golden/blind5 威海 第四十六条: a size that qualifies who (…以上的养老机构) is a condition, though 规模 names it
    ("blind5-weihai-beds-of-a-care-home", "规模在五百张床位以上的养老机构应当设立医疗机构", "五百张床位", "count", 500, "min", [], "parameter"),
    # 威海 第二十条: how often a free service is given to a group is its rule, no officials' routine
    ("blind5-weihai-a-free-check-each-year", "六十五周岁以上老年人每年进行一次免费体格检查和健康指导", "一次", "count", 1, "exact", ["year"],
     "parameter"),
    # 定西 第十七条: a temperature is a measure, a count
    ("blind5-dingxi-a-room-temperature", "居民用户室内温度不得低于十八摄氏度，单位室内温度由双方约定。", "十八摄氏度", "count", 18, "min", [],
     "parameter"),
    # 定西 第二十四条: the hours a service must be kept
    ("blind5-dingxi-standby-round-the-clock", "供热经营企业应当在供热期内实行二十四小时应急备勤。", "二十四小时", "duration", 24, "exact", [],
     "parameter"),
    # 定西 第十条: 已经建成使用的…设施 names a thing, the clause reports nothing done
    ("blind5-dingxi-a-built-facility-is-named", "已经建成使用的共用供热设施设备，未交付供热经营企业的，在本条例实施后六个月内，由主管部门牵头共同进行检验。",
     "六个月", "duration", 6, "max", [], "parameter"),
    # 惠州 2014: 一年 right before the amounts of a list says what each is counted per
    ("blind5-huizhou-grades-of-a-year", "参保人缴费基本标准设为一年120元、240元、360元十个档次", "360元", "money", 360, "exact", ["year"],
     "parameter"),
    # 001 五/15: 至少 before the first of verb phrases listed with 、, each with its number of times
    # 惠州 2015 第六条: 超过N…按N…计算, one cap, the limit printed again no second number
    ("blind5-huizhou-an-area-counted-up-to", "按照单套实际承租建筑面积（超过45平方米按45平方米计算）按月补助。", "45平方米", "count", 45, "max",
     [], "parameter"),
    ("the-floor-of-a-list-of-times", "每年至少为上述人员推荐3次岗位信息、提供1次职业指导、提供1次免费技能培训信息。", "1次", "count", 1,
     "min", ["year"], "parameter"),
]


@pytest.mark.parametrize(("text", "expression", "kind", "value", "bound", "per", "role"), [pytest.param(*c[1:], id=c[0]) for c in ONE])
def test_one(text: str, expression: str, kind: str, value: float, bound: str, per: list[str], role: str) -> None:
    got = [q for q in text_to_quantities(text) if q.evidence.quote == expression][:1]
    assert [(q.kind, q.value, q.bound, list(q.per), q.role) for q in got] == [(kind, value, bound, per, role)]


NONE = [
    # (id, text, an expression that is no quantity of the rule)
    ("blind5-huizhou-the-year-of-the-grades", "参保人缴费基本标准设为一年120元、240元、360元十个档次", "一年"),
    ("blind5-huizhou-paid-each-half-year", "参保人原则上应按年缴费，也可选择按月或半年缴费。按半年缴费的于当年9月30日前缴纳。", "半年"),
    ("blind5-dingxi-secondary-heat-exchange", "住宅小区内共用供热设施日常运行维护、二次换热等产生的费用应当计入供热成本。", "二次"),
]


@pytest.mark.parametrize(("text", "expression"), [pytest.param(*c[1:], id=c[0]) for c in NONE])
def test_none(text: str, expression: str) -> None:
    assert [q.kind for q in text_to_quantities(text) if q.evidence.quote == expression and q.role == "parameter"] == []


def test_the_cap_printed_again_is_no_second_number() -> None:
    # golden/blind5 惠州 2015 第六条
    got = text_to_quantities("按照单套实际承租建筑面积（超过45平方米按45平方米计算）按月补助。")
    assert [(q.evidence.quote, q.bound) for q in got] == [("45平方米", "max")]
