"""The recipient class of a comparison's value (extractor/compare/classes.py): sentences of the corpus, the number
in them, and the classes a careful reader gives it."""

from __future__ import annotations

import re

import pytest

from extractor.compare.classes import classes_of, in_condition, rule_recipients, rule_span, title_groups
from extractor.records import Evidence, Quantity


def _quantity(text: str, number: str, kind: str, nth: int = 0) -> Quantity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(number, start + 1)
    end = start + len(number)
    return Quantity(id=f"t:{start}-{end}:{kind}", kind=kind, value=1, unit="yuan" if kind == "money" else "month",
                    section="一", evidence=Evidence(quote=number, span=(start, end), line=1))


# (id, sentence as printed, the number, its kind, which occurrence, the classes)
NEW = [
    # 001 二/6: one amount for every recipient the 对-phrase opens with; the groups of the bracket are a gloss
    ("amount-for-each-opening-recipient",
     "对大中专学生（含毕业 5 年内的普通高校、职业学校、技工院校毕业生及在校学生，毕业 5 年内留学回国人员）、就业困难人员、"
     "脱贫家庭劳动力、返乡农民工首次创办企业或从事个体经营，自工商登记注册之日起正常经营 1 年以上的，给予一次性开业补贴 5000 元。",
     "5000 元", "money", 0, ["student", "hard_to_employ", "poverty_alleviated_laborer", "returning_migrant_worker"]),
    # the same rule: a condition stated once for all of them is the rule's (its general recipient)
    ("condition-once-for-all-is-general",
     "对大中专学生（含毕业 5 年内的普通高校、职业学校、技工院校毕业生及在校学生，毕业 5 年内留学回国人员）、就业困难人员、"
     "脱贫家庭劳动力、返乡农民工首次创办企业或从事个体经营，自工商登记注册之日起正常经营 1 年以上的，给予一次性开业补贴 5000 元。",
     "1 年", "duration", 0, [None]),
    # 000 二/一是: the firms a talent works in are a modifier of the 对-phrase, no class of its salary condition
    ("modifier-groups-in-the-phrase-are-no-class",
     "对重点产业龙头企业、单项冠军企业、专精特新“小巨人”企业、上市及省定上市后备企业、高新技术企业（以下简称“重点企业”）全职从事技术"
     "研发工作、年薪超过20万元的科技创新人才，由企业自主推荐，3年内每年给予人才年薪20%、最高20万元的创新贡献津贴。",
     "20万元", "money", 0, [None]),
    # 000 七是: 分别 over the recipients that end the phrase: every value they share is each one's
    ("shared-term-of-a-distributing-rule",
     "对首次来宛到“重点企业”工作、35岁以下、签订3年以上劳动合同并缴纳社会保险的全日制博士研究生、硕士研究生、本科毕业生，"
     "3年内分别给予每月5000元、3000元、1000元的生活补助。",
     "3年", "duration", 1, ["doctoral_graduate", "master_graduate", "bachelor_graduate"]),
    ("shared-age-of-a-distributing-rule",
     "对首次来宛到“重点企业”工作、35岁以下、签订3年以上劳动合同并缴纳社会保险的全日制博士研究生、硕士研究生、本科毕业生，"
     "3年内分别给予每月5000元、3000元、1000元的生活补助。",
     "35岁", "age", 0, ["doctoral_graduate", "master_graduate", "bachelor_graduate"]),
    # 001 五/18: a window printed in a group's name is that group's
    ("window-inside-a-group-name",
     "对新引进落户的全日制博士研究生、35 周岁以下的硕士研究生、毕业三年内的本科和技工院校预备技师（技师）班毕业生到焦作就业创业的，",
     "三年", "duration", 0, ["bachelor_graduate"]),
    ("age-right-before-its-group",
     "对新引进落户的全日制博士研究生、35 周岁以下的硕士研究生、毕业三年内的本科和技工院校预备技师（技师）班毕业生到焦作就业创业的，",
     "35 周岁", "age", 0, ["master_graduate"]),
    # 002 一/1: those an employer hires are named after 吸纳; the employer receives
    ("hired-people-are-no-recipients",
     "企业吸纳2023年高校毕业生、离校两年未就业高校毕业生、登记失业的16-24岁青年，按每人1000元标准给予企业一次性扩岗补助。",
     "1000元", "money", 0, ["enterprise"]),
    # 004#22 第四十条: a list summed up by 等… is the name that sums it up
    ("a-list-summed-up-by-deng",
     "各类企业、农民专业合作社等市场经营主体吸纳脱贫劳动力稳定就业6个月以上的，可按每人1000元标准申请一次性吸纳就业补贴。",
     "1000元", "money", 0, ["business_entity"]),
    # 004#02 附件2/一/（七）: a list whose items each state a level and a number
    ("list-items-each-with-a-level",
     "按专项职业能力证书 100 元，职业资格或职业技能等级证书初级工 200 元、中级工 240 元、高级工 280 元、技师 350 元、高级技师 380 元给予补贴。",
     "280 元", "money", 0, ["senior_worker"]),
    # 002 一/3: 技师及高级技师 in one item: both
    ("list-item-naming-two-levels",
     "按照中级工证书每人每年5000元、高级工证书每人每年5500元、技师及高级技师证书每人每年7000元的标准给予企业培训补贴。",
     "7000元", "money", 0, ["technician", "senior_technician"]),
    # 001 五/18: the i-th value after 分别 is the i-th recipient's, in a rule after ； that names no one
    ("distributed-after-a-semicolon",
     "对新引进落户的全日制博士研究生、35 周岁以下的硕士研究生、毕业三年内的本科和技工院校预备技师（技师）班毕业生到焦作就业创业的，"
     "分别按照每人每月 1500 元、1000 元、500 元的标准发放三年生活补贴；落户后暂未就业或创业的，分别按照每人 4000 元、3000 元、2000 元的标准"
     "发放一次性生活补贴。", "3000 元", "money", 0, ["master_graduate"]),
    ("a-term-after-the-distributed-list-is-everyone-s",
     "对新引进落户的全日制博士研究生、35 周岁以下的硕士研究生、毕业三年内的本科和技工院校预备技师（技师）班毕业生到焦作就业创业的，"
     "分别按照每人每月 1500 元、1000 元、500 元的标准发放三年生活补贴。", "三年", "duration", 1,
     ["doctoral_graduate", "master_graduate", "bachelor_graduate"]),
    # 004#30 第五十三条: the recipients end the phrase, summed up by 等单位
    ("recipients-summed-up-by-deng-danwei",
     "对创业担保贷款工作成效突出的担保机构、经办银行等单位，按照当年新发放创业担保贷款总额的1%给予奖励，用于其工作经费补助。",
     "1%", "percent", 0, ["guarantee_agency", "handling_bank"]),
    # 004#30 第八条: the coordinated subject of the number's own clause
    ("own-clause-subject",
     "财政贴息的创业担保贷款额度，个人最高不超过 20 万元，合伙经营和组织创业最高不超过 150 万元，小微企业最高不超过 300 万元。",
     "150 万元", "money", 0, ["partnership_venture", "organized_venture"]),
    # fresh/jingmen 2024 一: the 个人 named after 最高不超过 is what the bound is of, the rule is for 合伙创业
    ("a-name-after-the-bound-is-no-subject",
     "对符合个人创业担保贷款条件的借款人合伙创业的，可根据合伙创业人数适当提高贷款额度，最高不超过符合条件的个人创业担保贷款额度"
     "上限之和的110%、总额不超过400万元。",
     "400万元", "money", 0, ["partnership_venture"]),
    # 004#19 九: the founders (引进的高层次人才、返乡入乡致富带头人) name the small firms they found, which are the recipients
    # fresh/dalian 2019 就业见习补贴: the list prints 毕业生 once; 高校 is 高校毕业生, an institution no class
    ("a-head-noun-printed-once",
     "将就业见习补贴范围调整为离校2年内未就业的高校、中职毕业生及16—24岁失业青年，见习期限调整为3—12个月。",
     "2年", "duration", 0, ["college_graduate", "vocational_school_graduate"]),
    # fresh/jingmen 2024 一: the finance department gives the 贴息; it is no recipient
    ("a-giver-is-no-recipient", "符合条件的创业担保贷款利息，财政部门给予贷款实际利率50%的财政贴息。", "50%", "percent", 0, [None]),
    # fresh/jingmen 2024 二: the last recipient's bracketed gloss before the comma still ends the recipients' list
    ("recipients-ending-in-a-gloss",
     "在我市初次办理注册登记，经营6个月及以上且带动就业2人及以上（含创业者本人）的就业困难人员、高校毕业生（毕业5年内）、"
     "返乡入乡人员（注册5年内），给予5000元的一次性创业补贴。",
     "5000元", "money", 0, ["hard_to_employ", "college_graduate", "returnee_entrepreneur"]),
    ("founders-name-the-firm",
     "对吸纳高校毕业生（含大中专院校）就业人数多、稳岗效果好且用工规范，具有较好示范和带动效应的小微企业，以及近2年获得人力资源"
     "社会保障部门就业创业扶持政策补贴的企业和省辖市级以上各类创业创新赛活动获奖者、引进的高层次人才、返乡入乡致富带头人创办的"
     "小微企业，原则上稳岗扩岗专项贷款年利率不高于3.6%，单户可授信额度最高3000万元。",
     "3000万元", "money", 0, ["small_micro_enterprise"]),
    # blind3/jiangxi 2020 十条举措 社保补贴: 家庭服务业企业 is a class of its own beside the 小微企业, not the 企业 of its name
    ("a-domestic-service-firm",
     "对招用高校毕业生,与之签订1年以上劳动合同并为其缴纳社会保险费的小微企业和家庭服务业企业,给予最长不超过1年的社会保险补贴。",
     "1年", "duration", 1, ["small_micro_enterprise", "domestic_service_enterprise"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in NEW], ids=[c[0] for c in NEW])
def test_classes_of(text: str, number: str, kind: str, nth: int, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


def test_a_sentence_naming_no_group_has_no_recipients() -> None:
    text = "补贴标准为5000元。"
    assert rule_recipients(text, text.index("5000")) is None


# (id, sentence, the number, which occurrence, is it a condition of its rule)
CONDITIONS = [
    ("bound-of-who-gets-an-award",
     "对年度吸纳见习人员超过100人、留用率超过70%并稳定就业1年以上的就业见习单位，优先评定为省级示范见习基地，按规定给予10万元的一次性奖补。",
     "70%", 0, True),
    ("the-amount-granted-is-no-condition",
     "对年度吸纳见习人员超过100人、留用率超过70%并稳定就业1年以上的就业见习单位，优先评定为省级示范见习基地，按规定给予10万元的一次性奖补。",
     "10万元", 0, False),
    ("no-subject-phrase-no-condition", "补贴期限最长不超过3年，所需资金从就业补助资金中列支。", "3年", 0, False),
    # 004#02 附件2/一/（二）: the rule after ； shares the conditions of the one before
    ("conditions-shared-across-a-semicolon",
     "对当年新招用登记失业半年以上人员、毕业年度或离校 1 年内未就业高校毕业生且签订 1 年以上劳动合同并为其缴纳社会保险费的中小微企业，"
     "按该企业为新招用符合条件人员实际缴纳的社会保险费（单位缴纳部分），给予最长期限 1 年的社会保险补贴；按新招用符合条件人数，给予每人 "
     "1000 元的一次性吸纳就业补贴。", "半年", 0, True),
]


@pytest.mark.parametrize(("text", "number", "nth", "expected"), [c[1:] for c in CONDITIONS], ids=[c[0] for c in CONDITIONS])
def test_in_condition(text: str, number: str, nth: int, expected: bool) -> None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(number, start + 1)
    assert in_condition(text, start) is expected


# (id, text as printed, the number, the groups of the title the number's list stands under)
TITLES = [
    # 004#30 附件8: the conditions of a counter-guarantor, listed under a title and a lead-in naming them
    ("lead-in-names-the-list-s-group",
     "家庭成员、亲属等自然人 作为反担保人的条件\n年龄在18-60周岁之间，具有完全民事行为能力、诚实守信、身体健康，符合下列条件之一的"
     "家庭成员、亲属等自然人可作为反担保人：\n1. 连续缴纳职工养老保险一年以上的自然人。\n2. 营业执照经营满1年并处于盈利状态的个体工商户或企业负责人。",
     "1年", ["counter_guarantor", "counter_guarantor"]),
    # a wrapped line of running text is no title (003 is printed with hard line breaks)
    ("a-wrapped-line-is-no-title",
     "批示范性就业见习基地，对被评为省级示范基地的，省政府给予\n10万元一次性奖补；对被评为国家级示范基地的，省政府给予\n20万元一次性奖补。",
     "20万元", []),
    # blind5/柳州: a lead-in's groups are those of its last sentence, not a bank of the sentence before it
    ("a-lead-in-is-its-last-sentence",
     "国家创业担保贷款由担保基金提供担保,银行业金融机构发放。柳州可申请创业贷款的对象有两种,分别是个人和小微企业,贷款额度如下:\n"
     "(二)小微企业借款人贷款额度由经办银行根据小微企业实际招用符合条件的人数合理确定,最高不超过300万元。", "300万元",
     ["small_micro_enterprise"]),
]

LIUZHOU = ("柳州可申请创业贷款的对象有两种,分别是个人和小微企业,贷款额度如下:\n(一)个人贷款额度最高不超过20万元,贷款最长不超过3年。\n"
           "(二)小微企业借款人贷款额度由经办银行根据小微企业实际招用符合条件的人数合理确定,最高不超过300万元,贷款最长不超过2年。")
ITEM_SUBJECT = [
    # blind5/柳州: a numbered item whose sentence opens with the groups it is for and grants nothing
    ("an-item-opens-with-its-groups", LIUZHOU, "300万元", "money", 0, ["borrower"]),
    ("an-item-term-too", LIUZHOU, "2年", "duration", 0, ["borrower"]),
    # an item that grants is left to the reading of its rule, not to the groups it opens with
    ("an-item-that-grants", "(一)高校毕业生创业的,给予5000元补贴。", "5000元", "money", 0, [None]),
]


YINCHUAN = "面向高校学生、各类职业院校(含技工院校)学生、离校2年内未就业高校毕业生,开展创业培训,分别给予每人400-1600元培训补贴。"
ITEM_SUBJECT += [
    # blind5/银川 2023 4.创业培训: an institution's students coordinated with the next (…职业院校(…)学生、各类…): one sum
    # 分别 for each of the three
    ("one-sum-for-each-of-a-list", YINCHUAN, "400-1600元", "money", 0,
     ["college_student", "vocational_college", "unemployed_college_graduate_within_2y"]),
]


GUIZHOU = ("同时,能享受该贷款支持的小微企业应在当年新招用符合创业担保贷款申请条件的人员数量达到现有在职职工人数30%(超过100人的企业"
           "达到15%),最高可申请200万元贷款,2年内可享受财政部门给予的贷款基础利率50%的贴息。")
C004 = ("专项资金贴息的个人创业、合伙经营和组织起来创业贷款期限最长不超过 3 年，专项资金贴息的小微创业担保贷款期限，最长不超过 2 年。")
ITEM_SUBJECT += [
    # blind5/贵州 2017: the sentence opens (after 同时,) with the group its next clause's values are for
    ("the-sentence-opens-with-its-group", GUIZHOU, "200万元", "money", 0, ["small_micro_enterprise"]),
    # past clauses that each state a value; the giver (财政部门给予) is no window's group nor a new subject
    ("the-sentence-subject-past-valued-clauses", GUIZHOU, "2年", "duration", 0, ["small_micro_enterprise"]),
    ("the-sentence-subject-past-a-giver", GUIZHOU, "50%", "percent", 0, ["small_micro_enterprise"]),
    # 004#30: a clause further on (…期限，最长不超过 2 年) may name another subject: no class from the opening
    ("not-a-later-clause", C004, "2 年", "duration", 0, [None]),
    # blind5/银川 2023: 毕业两年内大学生 are the graduates of the last two years
    ("graduates-within-two-years", "毕业两年内大学生:在银创业初始阶段经登记注册并正常营业6个月以上的,半年内可给予一次性初始创业补贴5000元。",
     "5000元", "money", 0, ["college_graduate_within_2y"]),
]


TIANJIN = ("4.见习留用奖励:对留用本单位见习满3个月的见习人员,在见习结束后30日内与其签订一年以上劳动合同并连续缴纳社会保险费满3个月的,"
           "按照每留用1人3000元的标准,给予就业见习基地留用奖励。")
ITEM_SUBJECT += [
    # blind5/天津 2020: the grant names who is paid right after 给予: the base's conditions and sum are the base's; the
    # trainee's own window (见习满3个月的见习人员) stays the trainee's
    ("granted-to-the-named-recipient", TIANJIN, "一年", "duration", 0, ["internship_base"]),
    ("granted-sum-to-the-named-recipient", TIANJIN, "3000元", "money", 0, ["internship_base"]),
    ("the-hired-persons-window", TIANJIN, "3个月", "duration", 0, ["trainee"]),
]


ITEM_SUBJECT += [
    # blind5/淮南 2022 注: 借款个人 (an individual borrower) and 小微企业 are both the 3次's
    ("an-individual-borrower", "注:对还款积极、带动就业能力强、创业项目好的借款个人和小微企业,可继续提供创业担保贷款贴息,但累计次数不得超过3次。",
     "3次", "count", 0, ["borrower", "small_micro_enterprise"]),
]


LZ2 = "(一)个人贷款额度最高不超过20万元,合伙创业或组织起来共同创业的,最高贷款额度不超过符合条件个人贷款总额度的10%,贷款最长不超过3年。"
ITEM_SUBJECT += [
    # blind5/柳州: the clause right after a case of who (合伙创业或组织起来共同创业的,) is for the groups it names
    ("the-clause-after-a-case", LZ2, "10%", "percent", 0, ["partnership_venture", "organized_venture"]),
    # a condition that only mentions a group (…招用高校毕业生的,) is no case of who
    ("no-case-of-a-condition", "企业招用高校毕业生满1年的,按每人1000元给予补贴。", "1000元", "money", 0, ["enterprise"]),
]


ITEM_SUBJECT += [
    # blind5/兰州城关区 2021: the firm the recipients found (且所创办企业或个体工商户…一年以上的…毕业生) is what the condition
    # is of, no recipient: the rule's general recipient
    ("the-founded-firm-is-no-recipient", "对首次创办小微企业或从事个体经营,且所创办企业或个体工商户自工商登记注册之日起正常运营一年以上的"
     "离校2年内高校毕业生、就业困难人员,给予一次性创业补贴。", "一年", "duration", 0, [None]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in ITEM_SUBJECT],
                         ids=[c[0] for c in ITEM_SUBJECT])
def test_an_item_opening_with_its_groups(text: str, number: str, kind: str, nth: int, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


@pytest.mark.parametrize(("text", "number", "expected"), [c[1:] for c in TITLES], ids=[c[0] for c in TITLES])
def test_title_groups(text: str, number: str, expected: list[str]) -> None:
    assert title_groups(text, text.index(number)) == expected


def test_a_rule_after_a_semicolon_naming_no_one_goes_on_with_the_one_before() -> None:
    text = ("对当年新招用登记失业半年以上人员、毕业年度或离校 1 年内未就业高校毕业生且签订 1 年以上劳动合同并为其缴纳社会保险费的中小微企业，"
            "按该企业为新招用符合条件人员实际缴纳的社会保险费（单位缴纳部分），给予最长期限 1 年的社会保险补贴；按新招用符合条件人数，给予每人 "
            "1000 元的一次性吸纳就业补贴。")
    assert rule_span(text, text.index("半年")).start == rule_span(text, text.index("1000")).start


def test_a_long_run_of_rules_after_semicolons_is_read_without_recursion() -> None:
    """The rule above with its second clause repeated 3,000 times (a hostile text): each goes on with the one before
    back to the first, and reading the last is no RecursionError."""
    first = ("对当年新招用登记失业半年以上人员、毕业年度或离校 1 年内未就业高校毕业生且签订 1 年以上劳动合同并为其缴纳社会保险费的中小微企业，"
             "按该企业为新招用符合条件人员实际缴纳的社会保险费（单位缴纳部分），给予最长期限 1 年的社会保险补贴；")
    text = first + "按新招用符合条件人数，给予每人 1000 元的一次性吸纳就业补贴；" * 3000
    last = rule_span(text, text.rindex("1000"))
    assert last.start == rule_span(text, text.index("半年")).start and last.opened


# fresh/dalian 2019 就业政策 (服务对象：就业困难人员 / 灵活就业社保补贴 / 政策内容：…): a rule for some of the recipients
# (其中对…) and one for the rest (其余人员…)
AMONG = ("政策内容：对灵活就业后缴纳社会保险费的就业困难人员，按规定给予社会保险补贴，其中对城镇零就业家庭成员、低保家庭成员、"
         "处于失业状态的残疾人、单亲抚养未成年人者、自谋职业的军队退役人员、县以上（含县级）劳动模范、军人配偶、享受定期定量抚恤和"
         "生活补助的优抚对象、烈属等补贴期限最长不超过3年，其余人员距法定退休年龄1年时给予最长不超过1年的补贴。")


def test_a_rule_among_the_recipients_is_for_those_it_names() -> None:
    classes = classes_of(_quantity(AMONG, "3年", "duration"), AMONG)
    assert {"urban_zero_employment_family_member", "low_income_family", "disabled"} <= set(classes)
    assert "hard_to_employ" not in classes


def test_the_rest_are_the_recipients_the_rule_opened_with() -> None:
    assert classes_of(_quantity(AMONG, "1年", "duration", 1), AMONG) == ["hard_to_employ"]


FORMULA = "计算公式：（4801元/人月×60%×20%+5275元/人月×80%×6%）×30%=248.8元/人月。"
# (id, the list's heading above the item, the classes of the formula's 248.8元)
AUDIENCES = [
    ("under-hard-to-employ", "服务对象：就业困难人员\n灵活就业社保补贴\n", ["hard_to_employ"]),
    ("under-graduates", "服务对象：高校毕业生\n灵活就业社保补贴\n", ["college_graduate"]),
    ("a-gloss-in-brackets", "服务对象：企业（用人单位，含社会组织）\n企业吸纳就业困难人员社保补贴\n", ["enterprise"]),
    ("no-heading", "灵活就业社保补贴\n", [None]),
]


@pytest.mark.parametrize(("heading", "expected"), [c[1:] for c in AUDIENCES], ids=[c[0] for c in AUDIENCES])
def test_a_list_heading_names_the_audience_of_its_items(heading: str, expected: list[str | None]) -> None:
    text = heading + FORMULA
    assert classes_of(_quantity(text, "248.8元", "money"), text) == expected


# fresh/dalian 2019 就业政策: an item's worked line (补贴测算：, here joined by the cleaner to the 文件依据 line before it)
GRADUATES_ITEM = ("服务对象：高校毕业生\n灵活就业社保补贴\n政策内容：对离校1年内未就业的高校毕业生灵活就业后缴纳社会保险费的，按规定给予"
                  "社会保险补贴，补贴期限最长不超过2年。\n文件依据：《大连市人民政府关于进一步做好当前和今后一段时期就业创业工作的实施意见》"
                  "（大政发〔2017〕46号）补贴测算：对灵活就业人员按照最低社会保险缴费基数缴纳社会保险费的30%给予补贴，具体补贴金额为"
                  "248.8元/人月。")
UNITS_ITEM = ("服务对象：企业（用人单位，含社会组织）\n就业见习补贴\n政策内容：从2019年1月1日起，将就业见习补贴范围调整为离校2年内"
              "未就业的高校、中职毕业生及16—24岁失业青年，见习期限调整为3—12个月。\n补贴测算：对见习期满留用率50%（含）以下的见习单位，"
              "给予当地最低工资标准2/3的补贴和人身意外伤害保险费全额补贴。")
WORKED = [
    # the 灵活就业人员 of the graduates' item are its graduates as they work
    ("worked-line-persons-are-the-items", GRADUATES_ITEM, "248.8元", "money", ["college_graduate"]),
    # the unit the worked line pays is no person: it stays
    ("worked-line-payee-stays", UNITS_ITEM, "2/3", "percent", ["internship_unit"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "expected"), [c[1:] for c in WORKED], ids=[c[0] for c in WORKED])
def test_a_worked_line_restates_its_items_rule(text: str, number: str, kind: str, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind), text) == expected


# (id, sentence, the number, its kind, which occurrence, the classes)
WOMEN_CASES = [
    # unseen/guangdong 2021 人口与计划生育条例 第三十六条（一）: the fathers' age and the mothers' beside it
    ("mothers-beside-fathers", "对于城镇居民中的独生子女父母，男性满六十周岁、女性满五十五周岁始，按一定标准发放计划生育奖励金；",
     "五十五周岁", "age", 0, ["women"]),
    ("fathers-stay-the-rules", "对于城镇居民中的独生子女父母，男性满六十周岁、女性满五十五周岁始，按一定标准发放计划生育奖励金；",
     "六十周岁", "age", 0, [None]),
    # unseen/guangdong 2022 失业保险条例 第二十一条: the women among the unemployed
    ("women-among-the-recipients", "第二十一条 女性失业人员在领取失业保险金期间生育的，可以向失业保险金领取地社会保险经办机构申请"
     "一次性加发失业保险金，标准为生育当月本人失业保险金的三倍。", "三倍", "percent", 0, ["women"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in WOMEN_CASES],
                         ids=[c[0] for c in WOMEN_CASES])
def test_a_rule_for_women(text: str, number: str, kind: str, nth: int, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


EXCEPTION_CASES = [
    # fresh/dalian 2019 公益性岗位补贴: the near-retirement exception is not the rule's recipients, who are the rest
    ("an-exception-is-not-the-recipients",
     "对公益性岗位安置的就业困难人员给予岗位补贴，补贴标准为当地最低工资标准。补贴期限除对距法定退休年龄不足5年的人员可延长至退休外，"
     "其余人员最长不超过3年。", "5年", "duration", 0, [None]),
    # fresh/jingmen 2024 三: an exception that names its group
    ("an-exception-names-its-group",
     "就业困难人员社会保险补贴期限，除对距法定退休年龄不足5年的就业困难人员可延长至退休外，其余人员最长不超过3年"
     "（以初次核定其享受社会保险补贴时年龄为准）。",
     "5年", "duration", 0, ["hard_to_employ"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in EXCEPTION_CASES],
                         ids=[c[0] for c in EXCEPTION_CASES])
def test_an_exception_to_a_rule(text: str, number: str, kind: str, nth: int, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


# fresh/shanghai 2024 首次创业一次性补贴 guide, its parts inline in one line
GUIDE = ("二、申请对象：1.具有本市户籍、毕业两年之内，且其教育经历可通过中国高等教育学生信息网验证的高校毕业生。2.具有本市户籍、并经本市"
         "人社部门认定的就业困难人员。三、申请条件：1.注册登记创业组织时，法定代表人或负责人应符合申请对象条件；3.注册成功后经营满一年；"
         "四、补贴标准：一次性补贴8000元。")
GUIDE_CASES = [
    # the sum is each applicant's (the department that recognizes them is none)
    ("a-guides-sum-is-each-applicants", GUIDE, "8000元", "money", ["college_graduate", "hard_to_employ"]),
    # a condition stated for all stays the rule's
    ("a-guides-condition-stays-general", GUIDE, "一年", "duration", [None]),
]


@pytest.mark.parametrize(("text", "number", "kind", "expected"), [c[1:] for c in GUIDE_CASES],
                         ids=[c[0] for c in GUIDE_CASES])
def test_a_guides_applicants(text: str, number: str, kind: str, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind), text) == expected


POSTS = ("对公益性岗位安置的就业困难人员给予岗位补贴。补贴标准参照当地最低工资标准执行。公益性岗位补贴期限，除对距法定退休年龄不足5年的"
         "人员可延长至退休外，其余人员最长不超过3年（以初次核定其享受社会保险补贴时年龄为准）。")
REST_CASES = [
    # fresh/jingmen 2024 四: the rest are the recipients of the rule the paragraph stated before (对…给予: the one given to)
    ("the-rest-of-the-rule-before", POSTS, "3年", "duration", ["hard_to_employ"]),
    ("the-exception-stays-apart", POSTS, "5年", "duration", [None]),
]


@pytest.mark.parametrize(("text", "number", "kind", "expected"), [c[1:] for c in REST_CASES],
                         ids=[c[0] for c in REST_CASES])
def test_the_rest_of_a_rules_recipients(text: str, number: str, kind: str, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind), text) == expected


SHANXI = ("对毕业5年内高校毕业生、毕业学年高校毕业生从事个体经营或创办小微企业的,给予其本人一定数额社会保险补贴。补贴标准原则上不超过实际"
          "缴纳的基本养老、基本医疗、生育、失业和工伤保险费的2/3,补贴期限不超过3年。对毕业年度和离校2年内未就业高校毕业生实现灵活就业后以"
          "灵活就业人员身份缴纳社会保险费的,给予一定数额补贴。补贴标准原则上不超过实际缴纳的社会保险费的2/3,补贴期限不超过2年。")
TERMS_CASES = [
    # blind5/山西 2023: a sentence opened by the grant's terms (补贴标准…,补贴期限…) is for the recipients of the grant
    # before it; 给予其本人: the founders, not the small firm they found
    ("terms-of-the-grant-before", SHANXI, "2/3", "percent", 0, ["college_graduate_within_5y", "graduating_year_graduate"]),
    ("term-of-the-grant-before", SHANXI, "3年", "duration", 0, ["college_graduate_within_5y", "graduating_year_graduate"]),
    ("terms-of-the-next-grant", SHANXI, "2/3", "percent", 1, ["graduating_or_unemployed_within_2y"]),
    # a sentence of terms that names its own recipients keeps them
    ("terms-naming-their-own-recipients", "对就业困难人员给予社会保险补贴。补贴期限对高校毕业生不超过2年。", "2年", "duration", 0,
     ["college_graduate"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in TERMS_CASES],
                         ids=[c[0] for c in TERMS_CASES])
def test_terms_are_for_the_grant_before(text: str, number: str, kind: str, nth: int, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


STARTUP = ("在我市初次办理注册登记，经营6个月及以上且带动就业2人及以上（含创业者本人）的就业困难人员、高校毕业生（毕业5年内）、返乡入乡人员"
           "（注册5年内），给予5000元的一次性创业补贴。")
GLOSS_CASES = [
    # fresh/jingmen 2024 二: a window in a bracket after a name is that name's
    ("a-window-glossing-a-group", STARTUP, "5年", "duration", 0, ["college_graduate"]),
    # 返乡入乡人员 (a synonym of returnee_entrepreneur since session 20): its bracket's window is its own
    ("a-window-glossing-a-second-group", STARTUP, "5年", "duration", 1, ["returnee_entrepreneur"]),
    # …and no one else's when the taxonomy lacks the name (a name of no group)
    ("a-window-glossing-an-unknown-name", STARTUP.replace("返乡入乡人员", "归国留学生"), "5年", "duration", 1, [None]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in GLOSS_CASES],
                         ids=[c[0] for c in GLOSS_CASES])
def test_a_window_glossing_a_name(text: str, number: str, kind: str, nth: int, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


def test_a_long_run_of_rules_is_read_once_per_sentence() -> None:
    """300 rules after ； that name no one (…；给予一次性创业补贴100元；…): each goes on with the one before, and each
    sentence's own rule is found once for all the numbers of the run (it was read again for every number after it:
    45,000 reads here, 102 s for a run of 1,500 in ``zhengce compare``)."""
    from extractor.compare.classes import _own_rule, rule_span

    text = "一、对符合条件的创业人员" + "；给予一次性创业补贴100元" * 300 + "。"
    _own_rule.cache_clear()
    starts = [m.start() for m in re.finditer("100元", text)]
    spans = [rule_span(text, s) for s in starts]
    assert {s.start for s in spans} == {spans[0].start}  # one rule: the run goes on with its first subject
    assert _own_rule.cache_info().misses <= 2 * len(starts) + 10


QUALIFIER_CASES = [
    # blind2/chongqing 第三条: a group's name printed with a PDF's layout spaces (离校 2 年内未就业的高校毕业生)
    ("a-name-with-layout-spaces", "（一）离校 2 年内未就业的高校毕业生、高校毕业学年在校生及对口支援西藏等地区的高校毕业生；",
     "2 年", "duration", 0, ["unemployed_college_graduate_within_2y"]),
    # a modifier before the name's head (台湾高校毕业生): the name the window opens
    ("a-modifier-before-the-head", "（二）离校 2 年内未就业的台湾高校毕业生、台湾高校毕业学年在校生；", "2 年", "duration", 0,
     ["unemployed_college_graduate_within_2y"]),
    # the name's qualifier defined as a term (离校两年内未就业是指…)
    ("a-qualifier-defined-as-a-term", "毕业学年在校生是指毕业前一年的 9 月 1 日至毕业证书发证之日；离校两年内未就业是指毕业证书发证之日起的两年内；",
     "两年", "duration", 0, ["unemployed_college_graduate_within_2y"]),
    # another head (职业教育类毕业生) is not that name's
    ("another-head-is-not-the-name", "（三）离校 2 年内未就业的特殊教育院校职业教育类毕业生、毕业学年在校生；", "2 年", "duration", 0,
     ["vocational_college"]),
    # 002 一/4: 落户5年内“海河英才”, a name in quotes after its window; the window before is the graduates'
    ("a-quoted-name-after-its-window", "支持本市全日制高校在校生、毕业5年内高校毕业生、落户5年内“海河英才”等重点群体创业", "5年", "duration",
     1, ["high_level_talent"]),
    ("the-window-of-the-name-before", "支持本市全日制高校在校生、毕业5年内高校毕业生、落户5年内“海河英才”等重点群体创业", "5年", "duration",
     0, ["college_graduate_within_5y"]),
    # blind3/jiangxi 2020 三年行动计划 news: 大学毕业生 for 高校毕业生, the window part of the name (not the graduates at large)
    ("unemployed-university-graduates", "计划小微企业如果在毕业年份招用大学毕业生和毕业后两年内未就业的大学毕业生,将签订…", "两年",
     "duration", 0, ["unemployed_college_graduate_within_2y"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in QUALIFIER_CASES],
                         ids=[c[0] for c in QUALIFIER_CASES])
def test_a_window_is_part_of_a_groups_name(text: str, number: str, kind: str, nth: int,
                                           expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


def test_a_window_before_a_gloss_and_its_group_is_that_groups() -> None:
    """fresh/jingmen 2024: 企业吸纳退役1年以内（上年度9月1日以后退役）退役军人: the veterans' window, the gloss between, though
    the extraction reads 企业 as the number's group."""
    text = "企业吸纳退役1年以内（上年度9月1日以后退役）退役军人，签订1年以上劳动合同，按照2000元/人的标准给予一次性就业奖补；"
    q = _quantity(text, "1年", "duration").model_copy(update={"groups": ["企业"]})
    assert classes_of(q, text) == ["veteran"]


HANDAN = ("个人创业担保贷款和贴息标准\n"
          "3.【贴息标准】:创业担保贷款利率上限为LPR+150BPs,对符合条件的创业担保贷款,财政部门给予贷款实际利率50%的财政贴息。\n"
          "小微企业创业担保贷款和贴息标准\n"
          "1.【贷款额度】:贷款额度最高不超过400万元。\n"
          "2.【贷款期限】:贷款期限一次最长不超过2年。\n")
TITLED = [
    # blind3/hebei-handan 2022: an item naming no recipient is for those its list's title names
    ("an-item-under-a-title-of-firms", HANDAN, "400万元", "money", ["small_micro_enterprise"]),
    ("a-term-under-a-title-of-firms", HANDAN, "2年", "duration", ["small_micro_enterprise"]),
    # the giver the item names (财政部门) is no recipient: the title's individuals are
    ("an-item-naming-its-giver", HANDAN, "50%", "percent", ["entrepreneur"]),
    # an item that names a recipient keeps its own reading (here the rule's general recipient), not the title's
    ("an-item-naming-a-recipient", "小微企业创业担保贷款和贴息标准\n1.对合伙创业的,贷款额度最高不超过400万元。\n", "400万元",
     "money", [None]),
]


@pytest.mark.parametrize(("text", "number", "kind", "expected"), [c[1:] for c in TITLED], ids=[c[0] for c in TITLED])
def test_an_item_is_for_the_recipients_its_title_names(text: str, number: str, kind: str,
                                                       expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind), text) == expected


JX20N = ("例如,在把握重点群体就业方面,计划小微企业和家庭服务企业如果在毕业年份招用大学毕业生和毕业后两年内未就业的大学毕业生,"
         "将签订一年以上的劳动合同。如果他们支付社会保障,他们将获得长达一年的社会保障补贴;")
REFERRED = [
    # blind3/jiangxi 2020 三年行动计划 news: 他们 are the firms of the sentence before (the graduates are what they hire)
    ("a-pronoun-refers-to-the-firms", JX20N, "长达一年", "duration", 0,
     ["small_micro_enterprise", "domestic_service_enterprise"]),
    # the sentence the next one refers back to (如果他们…) states the firms' condition
    ("the-sentence-referred-to", JX20N, "一年以上", "duration", 0, ["small_micro_enterprise", "domestic_service_enterprise"]),
    # no back reference: the clause's general recipient, as before
    ("no-back-reference", "计划小微企业如果招用大学毕业生,将签订一年以上的劳动合同。补贴期限为一年。", "一年以上", "duration", 0,
     [None]),
    # fresh/jingmen 2024 十三 技能提升补贴: each certificate level its own class (初级（五级）, half-width brackets too)
    ("a-certificate-level", "取得职业技能等级证书的，可按照初级（五级）不超过1000元、中级（四级）不超过1500元、高级（三级）不超过"
     "2000元的标准申请技能提升补贴。", "1500元", "money", 0, ["intermediate_worker"]),
    ("the-first-certificate-level", "取得职业技能等级证书的，可按照初级(五级)不超过1000元、中级(四级)不超过1500元的标准申请技能提升补贴。",
     "1000元", "money", 0, ["junior_worker"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in REFERRED],
                         ids=[c[0] for c in REFERRED])
def test_a_back_reference_is_for_the_recipients_it_refers_to(text: str, number: str, kind: str, nth: int,
                                                             expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


CQ = ("第二十四条 就业见习补贴包括基本生活费补贴、留用人员差额补贴和人身意外伤害保险补贴。具体标准如下：\n"
      "（一）基本生活费补贴按见习人员每人每月 1300 元标准拨付见习基地；\n"
      "（二）就业见习留用就业率达到 50%以上的，按每人每月 200 元标准给予见习基地留用人员差额补贴；\n"
      "（三）人身意外伤害保险补贴按见习人员每人 100 元标准一次性拨付给见习基地；\n"
      "附件 6\n备注\n就业见习补贴标准：\n1. 基本生活费补贴标准：每人每月 1300 元；\n"
      "4. 计算公式：就业见习补贴（每人）=基本生活费补贴（1300 元/ 人×审核通过月数）+留用人员差额补贴（200 元/人×审核通过月数）"
      "+人身意外伤害保险补贴（100 元/人）。\n")
PAID = [
    # blind2/chongqing 2024 第二十四条 and 附件6: the parts of the 就业见习补贴 are paid to the base (拨付, 拨付给, 给予见习基地…),
    # so their restatements in the application form, naming no recipient, are the base's
    ("a-part-restated-in-a-form", CQ, "1300 元", "money", 2, ["internship_base"]),
    ("a-part-given-to-the-base", CQ, "200 元", "money", 1, ["internship_base"]),
    ("a-part-paid-to-the-base", CQ, "100 元", "money", 1, ["internship_base"]),
    # a value of no part: no payee
    ("no-part-no-payee", "就业见习补贴包括基本生活费补贴和人身意外伤害保险补贴。基本生活费补贴拨付见习基地。\n期限为 6 个月。\n",
     "6 个月", "duration", 0, [None]),
]


@pytest.mark.parametrize(("text", "number", "kind", "nth", "expected"), [c[1:] for c in PAID], ids=[c[0] for c in PAID])
def test_a_part_paid_to_one_group(text: str, number: str, kind: str, nth: int, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind, nth), text) == expected


JM = ("中小微企业招用毕业年度或离校2年内未就业高校毕业生，签订1年以上劳动合同并按规定缴纳社会保险费，"
      "按1000元/人的标准分别给予企业和个人一次性就业补贴。")
EACH = [
    # fresh/jingmen 2024 八 一次性吸纳就业补贴: 分别给予企业和个人: the hiring firm and the graduate it hires, each the sum
    ("to-the-firm-and-the-person", JM, "1000元", "money", ["msme", "unemployed_college_graduate_within_2y"]),
    # the same words in the other order
    ("to-the-person-and-the-firm", JM.replace("企业和个人", "个人和企业"), "1000元", "money",
     ["msme", "unemployed_college_graduate_within_2y"]),
    # 分别给予 two firms' words: no person, the rule's reading stands
    ("not-a-firm-and-a-person", "对中小微企业，按1000元的标准分别给予企业和单位补贴。", "1000元", "money", ["msme"]),
]


@pytest.mark.parametrize(("text", "number", "kind", "expected"), [c[1:] for c in EACH], ids=[c[0] for c in EACH])
def test_a_sum_for_the_firm_and_the_person(text: str, number: str, kind: str, expected: list[str | None]) -> None:
    assert classes_of(_quantity(text, number, kind), text) == expected
