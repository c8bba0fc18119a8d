"""Classes by a firm's size, a rate's payer and a certificate level, the benefit a generic head or a case refers
back to, and the relief totals and extensions that are no parameter (blind4 set of golden/compare)."""

from __future__ import annotations

import pytest

from extractor.compare._earlier import earlier_benefit, holder_benefit, sentence_before_benefit
from extractor.compare._no_parameter import no_parameter
from extractor.compare._sizes import level_class, paired_class, payer_class, size_classes
from extractor.records import Evidence, Quantity


def _quantity(text: str, number: str, kind: str, nth: int = 0, benefit: str | None = None) -> Quantity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(number, start + 1)
    end = start + len(number)
    return Quantity(id=f"t:{start}-{end}:{kind}", kind=kind, value=1, unit="yuan" if kind == "money" else "month",
                    section="一", benefit=benefit, evidence=Evidence(quote=number, span=(start, end), line=1))


LUZHOU = "使用上亿元失业保险基金,对不裁员或少裁员的中小微企业和大型企业分别按照上年度实际缴纳失业保险费的90%和30%标准返还失业保险费。"
PAIRED = [
    # blind4/泸州 2022 (一): two values 分别 for two recipients joined by 和: the first's, the second's (大型企业: the firms)
    ("the-first-of-two", LUZHOU, "90%", 0, "msme"),
    ("the-second-of-two", LUZHOU, "30%", 0, "enterprise"),
    # no 分别: no pairing
    ("no-respectively", "对中小微企业和大型企业按照上年度实际缴纳失业保险费的90%返还。", "90%", 0, None),
    # one recipient: nothing to pair
    ("one-recipient", "对中小微企业分别按照90%和30%标准返还。", "90%", 0, None),
]


@pytest.mark.parametrize(("text", "number", "nth", "expected"), [c[1:] for c in PAIRED], ids=[c[0] for c in PAIRED])
def test_two_values_for_two_recipients(text: str, number: str, nth: int, expected: str | None) -> None:
    assert paired_class(text, _quantity(text, number, "percent", nth).evidence.span[0]) == expected


FIRMS = [
    # blind4/楚雄 2023 二 and 新疆 2024: a firm class listed with other insured bodies: the firms' row
    ("firms-with-other-bodies", ["msme", "social_organization"], ["msme"]),
    # two firm classes stay two
    ("two-firm-classes", ["small_micro_enterprise", "individual_business"], ["small_micro_enterprise", "individual_business"]),
    # a person with a firm: unchanged
    ("a-person-and-a-firm", ["msme", "college_graduate"], ["msme", "college_graduate"]),
    ("no-class", [None], [None]),
]


@pytest.mark.parametrize(("found", "expected"), [c[1:] for c in FIRMS], ids=[c[0] for c in FIRMS])
def test_a_firm_class_with_other_insured_bodies(found: list[str | None], expected: list[str | None]) -> None:
    text = "中小微企业、社会团体、基金会按60%返还。"
    assert size_classes(_quantity(text, "60%", "percent"), text, found) == expected


XINJIANG = "明确阶段性降低失业保险费率至1%的政策延续实施一年,其中单位费率0.5%、个人费率0.5%,执行期限至2025年12月31日。"
PAYERS = [
    # blind4/新疆 2024: the payer a rate is printed for
    ("the-employer-s-rate", XINJIANG, "0.5%", 0, "employer"),
    ("the-employee-s-rate", XINJIANG, "0.5%", 1, "enterprise_employee"),
    ("a-payer-then-wei", "单位缴费费率为0.7%。", "0.7%", 0, "employer"),
    # the total: no payer printed
    ("the-total", XINJIANG, "1%", 0, None),
]


@pytest.mark.parametrize(("text", "number", "nth", "expected"), [c[1:] for c in PAYERS], ids=[c[0] for c in PAYERS])
def test_the_payer_of_a_rate(text: str, number: str, nth: int, expected: str | None) -> None:
    assert payer_class(text, _quantity(text, number, "percent", nth).evidence.span[0]) == expected


KUNMING = "在2022年取得证书的补贴标准为初级1000元,中级1500元,高级2000元。"
LEVELS = [
    # blind4/昆明 2022: bare levels in a list of sums
    ("junior", KUNMING, "1000元", "junior_worker"),
    ("intermediate", KUNMING, "1500元", "intermediate_worker"),
    ("senior", KUNMING, "2000元", "senior_worker"),
    # one bare level word, no list: no class (高级人才 5000元 is no certificate level)
    ("no-list", "对引进的高级5000元人才给予补贴。", "5000元", None),
]


@pytest.mark.parametrize(("text", "number", "expected"), [c[1:] for c in LEVELS], ids=[c[0] for c in LEVELS])
def test_a_bare_certificate_level(text: str, number: str, expected: str | None) -> None:
    assert level_class(text, _quantity(text, number, "money").evidence.span[0]) == expected


CHUXIONG = ("根据2023年失业保险稳岗返还政策规定,现将有关内容公告如下:\n一、单位享受稳岗返还的条件\n二、返还标准\n"
            "大型企业按单位及其职工2022年度实际缴纳失业保险费的30%返还;中小微企业按60%返还。\n")
EARLIER = [
    # blind4/楚雄 2023 二: a bare 返还 is the 稳岗返还 named before it
    ("a-bare-head", CHUXIONG, "30%", "返还", "stable_job_return"),
    # blind4/新疆 2024: the head after the recipients it is for
    ("recipients-and-head", "延续实施失业保险稳岗返还政策。大型企业返还比例为30%。", "30%", "大型企业返还", "stable_job_return"),
    # first/000 一/八: 经费补助 is a sum of its own kind, not the 生活补助 before it
    ("a-sum-of-its-own-kind", "3年内分别给予每月5000元的生活补助。每年给予5万元经费补助。", "5万元", "经费补助", None),
    # a name of the taxonomy: its own
    ("a-named-benefit", CHUXIONG, "30%", "稳岗返还", None),
]


@pytest.mark.parametrize(("text", "number", "name", "expected"), [c[1:] for c in EARLIER], ids=[c[0] for c in EARLIER])
def test_a_generic_head_refers_back(text: str, number: str, name: str, expected: str | None) -> None:
    assert earlier_benefit(_quantity(text, number, "percent", benefit=name), text) == expected


def test_a_benefit_named_in_the_recipients_name() -> None:
    # blind4/新疆 2024: the 1年 is of the 技能提升补贴, not of the 失业保险金 its recipients draw
    text = "对参保缴费满1年、取得职业资格证书的参保职工或领取失业保险金人员发放技能提升补贴。"
    assert holder_benefit(_quantity(text, "1年", "duration", benefit="失业保险金"), text) == "skill_upgrade_subsidy"
    # the name printed before the value stands
    text = "领取失业保险金人员满1年的,发放失业保险金。"
    assert holder_benefit(_quantity(text, "1年", "duration", benefit="失业保险金"), text) is None


DAQING = ("一、创业担保贷款高校毕业生创业可申请财政贴息的个人创业担保贷款,最高贷款额度为40万元。合伙创业的,最高不超过每人30万元的"
          "额度上限之和的110%、且不超过400万元,贷款期限不超过3年。")
BEFORE = [
    # blind4/大庆: the partnership's case of the loan the sentence before names
    ("a-case-of-the-loan-before", DAQING, "400万元", None, "individual_guarantee_loan"),
    # a printed name: its own
    ("a-printed-name", DAQING, "400万元", "补助", None),
    # the first sentence of its line: nothing before
    ("first-sentence", "最高不超过400万元。", "400万元", None, None),
]


@pytest.mark.parametrize(("text", "number", "name", "expected"), [c[1:] for c in BEFORE], ids=[c[0] for c in BEFORE])
def test_a_case_of_the_benefit_before(text: str, number: str, name: str | None, expected: str | None) -> None:
    assert sentence_before_benefit(_quantity(text, number, "money", benefit=name), text) == expected


LUZHOU_RELIEF = "延续实施阶段性降低失业保险用人单位缴费费率至0.6%政策,为各类参保单位2022年度减缴失业保险费1.9亿元,其中企业减缴1亿元以上。"
NOT_PARAMETERS = [
    # blind4/泸州 2022 (一): the relief a measure brings in total
    ("a-relief-total", LUZHOU_RELIEF, "1.9亿元", "money", True),
    ("a-relief-share", LUZHOU_RELIEF, "1亿元", "money", True),
    ("the-rate-itself", LUZHOU_RELIEF, "0.6%", "percent", False),
    # blind4/新疆 2024: the span a policy is extended by
    ("an-extension", XINJIANG, "一年", "duration", True),
    ("a-term", "贷款期限不超过3年。", "3年", "duration", False),
]


@pytest.mark.parametrize(("text", "number", "kind", "expected"), [c[1:] for c in NOT_PARAMETERS],
                         ids=[c[0] for c in NOT_PARAMETERS])
def test_relief_totals_and_extensions_are_no_parameters(text: str, number: str, kind: str, expected: bool) -> None:
    assert no_parameter(_quantity(text, number, kind), text) is expected


def test_no_case_no_benefit_before() -> None:
    # first/004 #12 8.: a sentence of no case (对…竞赛基地，按每个70万元…) is not of the 奖补 of the sentence before
    text = "对国家级主、辅世界技能大赛集训基地分别给予200万元、100万元一次性奖补支持。对纳入世赛项目的竞赛基地，按每个70万元的标准给予支持。"
    assert sentence_before_benefit(_quantity(text, "70万元", "money"), text) is None
    # first/004 #21: 其中，… opens no case
    text = "可以按灵活就业人员身份参加社会保险，并申请社会保险补贴。其中，参加职工基本养老保险的，可以按月、季、半年或年的缴费方式缴纳。"
    assert sentence_before_benefit(_quantity(text, "半年", "duration"), text) is None


PER_ONE = [
    # blind4/national 2023 扩岗补助: 每招用1人 is the unit the sum is paid per
    ("per-hire", "可按每招用1人不超过1500元的标准发放一次性扩岗补助。", "1人", True),
    ("per-one", "每1人给予500元。", "1人", True),
    # a count of one that is a condition
    ("a-condition", "吸纳1人以上的,给予补贴。", "1人", False),
]


@pytest.mark.parametrize(("text", "number", "expected"), [c[1:] for c in PER_ONE], ids=[c[0] for c in PER_ONE])
def test_a_count_of_one_per_unit(text: str, number: str, expected: bool) -> None:
    q = _quantity(text, number, "count").model_copy(update={"value": 1, "unit": "count"})
    assert no_parameter(q, text) is expected


def test_a_rule_after_its_topic_sentence() -> None:
    # blind4/新疆 2024: 实施…一次性扩岗补助政策。对招用…: the rule of the benefit the topic sentence names
    text = "实施失业保险一次性扩岗补助政策。对招用2024年度及离校两年内未就业高校毕业生及16岁-24岁登记失业青年,签订劳动合同。"
    assert sentence_before_benefit(_quantity(text, "两年", "duration"), text) == "job_expansion_subsidy"


SICHUAN = ("1.对个人创业担保贷款30万元以下、小微企业创业担保贷款400万元以下的部分,财政部门给予贷款实际利率50%的财政贴息,"
           "贴息资金由中央、省级和市县财政共同分担。")
PARTS = [
    # blind4/四川 2025 一/(一)/1: a subject of one part per recipient: the rate is each one's
    ("a-part-per-recipient", SICHUAN, "50%", ["entrepreneur", "small_micro_enterprise"]),
    # one recipient: nothing listed
    ("one-recipient", "对小微企业创业担保贷款400万元以下的部分,给予贷款实际利率50%的财政贴息。", "50%", []),
]


@pytest.mark.parametrize(("text", "number", "expected"), [c[1:] for c in PARTS], ids=[c[0] for c in PARTS])
def test_a_part_per_recipient(text: str, number: str, expected: list[str]) -> None:
    from extractor.compare._sizes import listed_parts

    assert listed_parts(text, _quantity(text, number, "percent").evidence.span[0]) == expected
