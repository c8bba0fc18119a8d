"""Attribution (issue 10): the benefit a number is given when its own words name none, or name another's.

Cases from corpus/fresh (大连 2019 policy list, 上海 2024 service guides, 荆门 2024 list), one row each.
"""

from __future__ import annotations

import pytest

from extractor.extract import text_to_quantities
from extractor.extract._items import in_formula_base, item_headings

DALIAN_JOB_SEARCH = ("一次性求职创业补贴\n"
                     "政策内容：对毕业年度有就业创业意愿并积极求职创业的低保家庭的高校毕业生，给予一次性求职创业补贴。\n"
                     "补贴测算：毕业年度积极求职创业且符合条件的高校毕业生，每人一次性1000元。\n"
                     "就业见习补贴\n"
                     "政策内容：将就业见习补贴范围调整为离校2年内未就业的高校、中职毕业生。\n")
SHANGHAI_GUIDES = ("创业担保贷款贴息\n"
                   "一、贴息范围：对以创业者个人为借款人的创业担保贷款，由本市财政部门给予一定的利息补贴。三、贴息标准：按照贷款实际利率的50%进行贴息。\n"
                   "创业团队孵化场地费补贴\n"
                   "一、申请对象：经认定的创业团队。四、补贴标准：1.孵化场地费补贴以实际承担的场地费为限，最长不超过6个月。\n"
                   "首次创业一次性补贴政策\n"
                   "一、申请对象：具有本市户籍、毕业两年之内的高校毕业生。四、补贴标准：一次性补贴8000元。\n")
DALIAN_RATE = ("失业保险费返还\n"
               "政策内容：对不裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。\n"
               "继续阶段性降低失业保险费率\n"
               "政策内容：我市失业保险总费率继续按1%执行。其中，用人单位缴费费率为0.5%，个人缴费费率为0.5%。\n")
DALIAN_FORMULA = ("灵活就业社保补贴\n"
                  "政策内容：对离校1年内未就业的高校毕业生灵活就业后缴纳社会保险费的，按规定给予社会保险补贴。\n"
                  "补贴测算：对灵活就业人员按照最低社会保险缴费基数缴纳社会保险费的30%给予补贴，具体补贴金额为248.8元/人月。\n"
                  "计算公式:（4801元/人月×60%×20%+5275元/人月×80%×6%）×30%=248.8元/人月。\n"
                  "公益性岗位补贴\n"
                  "政策内容：对公益性岗位安置的就业困难人员给予岗位补贴。\n")
DALIAN_POST = ("公益性岗位补贴\n"
               "政策内容：对公益性岗位安置的就业困难人员给予岗位补贴，补贴标准为当地最低工资标准。补贴期限除对距法定退休年龄不足5年的人员"
               "可延长至退休外，其余人员最长不超过3年（以初次核定其享受社会保险补贴和公益性岗位补贴时年龄为准）。\n"
               "补贴测算：北三市月最低工资标准为1520元，其他区市县月最低工资标准为1620元。\n"
               "吸纳高校毕业生社保补贴\n"
               "补贴测算：对新招用高校毕业生的用人单位，按实际缴纳社会保险费给予1年补贴。\n")
DALIAN_GROUP = ("政策内容：对灵活就业后缴纳社会保险费的就业困难人员，按规定给予社会保险补贴，其中对城镇零就业家庭成员、"
                "享受定期定量抚恤和生活补助的优抚对象、烈属等补贴期限最长不超过3年。")

# (text, the number's quote, its kind, the benefit id it is given (None: none of the taxonomy), its printed name)
CASES = [
    pytest.param(DALIAN_JOB_SEARCH, "1000元", "money", "job_search_subsidy", "一次性求职创业补贴", id="dalian-item-heading-names-it"),
    pytest.param(SHANGHAI_GUIDES, "8000元", "money", "startup_subsidy", "首次创业一次性补贴", id="shanghai-generic-name-item-heading"),
    pytest.param(SHANGHAI_GUIDES, "两年", "duration", "startup_subsidy", "首次创业一次性补贴", id="shanghai-window-not-the-title"),
    pytest.param(SHANGHAI_GUIDES, "6个月", "duration", None, "创业团队孵化场地费补贴", id="shanghai-unknown-item-not-the-title"),
    pytest.param(SHANGHAI_GUIDES, "50%", "percent", "guarantee_loan_interest_subsidy", "进行贴息", id="shanghai-own-name-kept"),
    pytest.param(DALIAN_RATE, "1%", "percent", "unemployment_insurance_rate_reduction", "阶段性降低失业保险费率", id="dalian-rate-item"),
    pytest.param(DALIAN_RATE, "50%", "percent", "stable_job_return", "失业保险费返还", id="dalian-return-item"),
    pytest.param(DALIAN_FORMULA, "248.8元", "money", "social_insurance_subsidy", "灵活就业社保补贴", id="dalian-formula-result"),
    pytest.param(DALIAN_FORMULA, "4801元", "money", None, None, id="dalian-formula-base-input"),
    pytest.param(DALIAN_FORMULA, "6%", "percent", None, None, id="dalian-formula-contribution-rate"),
    pytest.param(DALIAN_POST, "5年", "duration", "public_welfare_post_subsidy", "公益性岗位补贴", id="dalian-bracket-aside-names-two"),
    pytest.param(DALIAN_POST, "3年", "duration", "public_welfare_post_subsidy", "公益性岗位补贴", id="dalian-bracket-aside-cap"),
    pytest.param(DALIAN_POST, "1520元", "money", "public_welfare_post_subsidy", "公益性岗位补贴", id="dalian-measure-line"),
    pytest.param(DALIAN_POST, "1年", "duration", "social_insurance_subsidy", "社保补贴", id="dalian-generic-补贴-item"),
    pytest.param(DALIAN_GROUP, "3年", "duration", "social_insurance_subsidy", None, id="dalian-name-describing-a-group"),
]


@pytest.mark.parametrize(("text", "quote", "kind", "benefit_id", "name"), CASES)
def test_benefit_of_a_number(text: str, quote: str, kind: str, benefit_id: str | None, name: str | None) -> None:
    q = next(q for q in text_to_quantities(text) if q.evidence.quote == quote and q.kind == kind)
    assert (q.benefit_id or _named(q.benefit)) == benefit_id
    if name is not None:
        assert q.benefit == name


def _named(name: str | None) -> str | None:
    from extractor.extract.taxonomy import benefits

    hits = list(benefits().find(name or ""))
    return hits[-1][2] if hits else None


NOT_LISTS = [
    # 星级社区 创建标准 (corpus/texts/004 #20): dash headings of criteria, one naming a service, are no list of benefits
    pytest.param("——平台建设管理\n1. 有固定的服务场所，配备1名专职人员。\n——就业服务情况\n1. 政策宣传。每年至少开展一次政策宣传。\n",
                 id="criteria-headings"),
    pytest.param("关于做好就业工作的通知\n各县人社局：\n", id="title-and-addressee"),
    pytest.param("二、一次性创业补贴\n在我市初次办理注册登记的，给予5000元的一次性创业补贴。\n三、创业担保贷款\n最高可申请30万元。\n",
                 id="numbered-sections"),
]


@pytest.mark.parametrize("text", NOT_LISTS)
def test_no_items(text: str) -> None:
    assert item_headings(text) == []


FORMULAS = [
    pytest.param("（4801元/人月×60%×20%+5275元/人月×80%×6%）×30%=248.8元/人月", "5275元", True, id="dalian-base-input"),
    pytest.param("（4801元/人月×60%×20%+5275元/人月×80%×6%）×30%=248.8元/人月", "30%", False, id="dalian-rate-on-base"),
    pytest.param("对见习期满留用率50%以下（含50%）的见习单位", "50%）", False, id="dalian-bracket-no-formula"),
    pytest.param("北三市企业见习补贴1520元/人月×2/3×6月+500元/人=6580元/人", "500元", False, id="dalian-sum-no-bracket"),
]


@pytest.mark.parametrize(("text", "quote", "expected"), FORMULAS)
def test_formula_base(text: str, quote: str, expected: bool) -> None:
    start = text.rindex(quote) if quote.endswith("）") else text.index(quote)
    q = quote.rstrip("）")
    assert in_formula_base(text, start, start + len(q)) is expected


STANDARDS = [
    # 大连 2019 标准测算: the 失业保险金 is what the 稳岗返还's standard is counted in
    pytest.param("标准测算：以我市一家拥有50名参保职工的企业为例，稳岗返还标准为大连市月人均失业保险金1250元/人月×6月×50人=375000元。",
                 "1250元", "money", "stable_job_return", id="dalian-standard-of-the-return"),
    pytest.param("标准测算：以我市一家拥有50名参保职工的企业为例，稳岗返还标准为大连市月人均失业保险金1250元/人月×6月×50人=375000元。",
                 "6月", "duration", "stable_job_return", id="dalian-formula-factor-in-months"),
    pytest.param("失业保险金标准为本人失业前十二个月平均缴费工资的百分之十五", "百分之十五", "percent", "unemployment_benefit",
                 id="guangdong-own-standard"),
    # 大连 2019: six months of the 失业保险金 are what the return's standard is counted in
    pytest.param("失业保险费返还\n政策内容：对参保企业，返还标准可按6个月的当地月人均失业保险金和参保职工人数确定。\n"
                 "继续阶段性降低失业保险费率\n政策内容：我市失业保险总费率继续按1%执行。", "6个月", "duration", "stable_job_return",
                 id="dalian-counted-in-another-benefit"),
    pytest.param("补贴标准按每人1000元的标准给予一次性创业补贴", "1000元", "money", "startup_subsidy", id="a-grant-after-the-standard"),
    # corpus/texts/003 (郑州): the 稳岗补贴 is computed from six months of the 失业保险金
    pytest.param("对暂时性生产经营困难企业，按照企业失业保险缴费人数，人均 6个月郑州市失业保险金标准（1520元/月）计算，发放稳岗补贴。",
                 "6个月", "duration", "stable_job_return", id="zhengzhou-computed-from-another-benefit"),
]


@pytest.mark.parametrize(("text", "quote", "kind", "benefit_id"), STANDARDS)
def test_benefit_whose_standard_the_clause_states(text: str, quote: str, kind: str, benefit_id: str) -> None:
    q = next(q for q in text_to_quantities(text) if q.evidence.quote == quote and q.kind == kind)
    assert q.benefit_id == benefit_id


def test_a_heading_the_cleaner_joined_to_the_line_before() -> None:
    """大连 2019: the cleaner joins ``失业保险费返还`` to the long 文件依据 line before it; the source line's start
    is a line start all the same."""
    text = ("继续阶段性降低失业保险费率\n政策内容：我市失业保险总费率继续按1%执行。\n文件依据：《方案的通知》（大政办发〔2019〕45号）"
            "失业保险费返还\n政策内容：可返还其上年度实际缴纳失业保险费的50%。")
    joined = text.index("失业保险费返还")
    assert [i.benefit_id for i in item_headings(text)] == []
    assert [i.benefit_id for i in item_headings(text, [joined])] == ["unemployment_insurance_rate_reduction", "stable_job_return"]


HEADINGS = [
    # 荆门 2024: 八、一次性吸纳就业补贴 / …按1000元/人的标准分别给予企业和个人一次性就业补贴 (就业补贴 is its parent)
    pytest.param("八、一次性吸纳就业补贴\n中小微企业招用离校2年内未就业高校毕业生，签订1年以上劳动合同并按规定缴纳社会保险费，"
                 "按1000元/人的标准分别给予企业和个人一次性就业补贴。", "1000元", "money", "one_off_hiring_subsidy",
                 id="jingmen-wider-name-under-its-child"),
    # 宁夏 2021 人口与计划生育条例, 第五章 优待和奖励: a share of who pays is no 奖励
    pytest.param("第五章 优待和奖励\n第四十五条 领取《独生子女父母光荣证》的家庭，独生子女父母双方都是职工的，其独生子女保健费由父母所在单位各负担百分之五十。",
                 "百分之五十", "percent", None, id="ningxia-share-under-a-chapter-of-rewards"),
    # 广东 2021: the monthly sum of the same chapter is its 奖励 (a sum reaches the heading's benefit)
    pytest.param("第五章 奖励与社会保障\n第三十六条 属于职工和城镇居民的，从领取独生子女父母光荣证之日起至子女十四周岁止，每月发给独生子女保健费十元。",
                 "十四周岁", "age", "reward", id="guangdong-grant-under-a-chapter-of-rewards"),
]


@pytest.mark.parametrize(("text", "quote", "kind", "benefit_id"), HEADINGS)
def test_benefit_a_heading_gives(text: str, quote: str, kind: str, benefit_id: str | None) -> None:
    q = next(q for q in text_to_quantities(text) if q.evidence.quote == quote and q.kind == kind)
    assert (q.benefit_id or _named(q.benefit)) == benefit_id


LEAD_INS = [
    # 山东 2016 就业促进条例 第四十二条: the items define whom the 就业援助 is for
    pytest.param("第四十二条 各级人民政府应当建立就业援助制度，对下列登记失业的就业困难人员实行优先扶持和重点帮助：\n"
                 "（一）女性四十周岁、男性五十周岁以上的人员；\n（二）城镇零就业家庭成员；\n（七）连续失业一年以上的人员；\n",
                 "一年", "duration", "public_employment_service", id="shandong-items-of-a-lead-in"),
    pytest.param("第四十二条 各级人民政府应当建立就业援助制度，对下列登记失业的就业困难人员实行优先扶持和重点帮助：\n"
                 "（一）女性四十周岁、男性五十周岁以上的人员；\n（二）城镇零就业家庭成员；\n",
                 "四十周岁", "age", "public_employment_service", id="shandong-first-item"),
]


@pytest.mark.parametrize(("text", "quote", "kind", "benefit_id"), LEAD_INS)
def test_benefit_of_a_lists_lead_in(text: str, quote: str, kind: str, benefit_id: str) -> None:
    q = next(q for q in text_to_quantities(text) if q.evidence.quote == quote and q.kind == kind)
    assert (q.benefit_id or _named(q.benefit)) == benefit_id


def test_a_generic_name_of_the_lead_in_when_it_names_no_other() -> None:
    """内蒙古 2025 献血办法 第十七条: 符合下列条件之一的单位和个人，各级人民政府给予表彰和奖励： / （一）…累计2000毫升以上的."""
    text = "第十七条 符合下列条件之一的单位和个人，各级人民政府给予表彰和奖励：\n（一）公民无偿献血累计2000毫升以上的；\n（二）单位连续两年超额完成献血工作计划的；\n"
    got = {q.evidence.quote: q.benefit_id or _named(q.benefit) for q in text_to_quantities(text) if q.kind != "date"}
    assert got == {"2000毫升": "reward", "两年": "reward"}


def test_an_organ_is_no_benefit() -> None:
    """corpus/texts/003 (郑州): 在市人社部门公共就业服务机构登记失业半年以上 names the office, not the 公共就业服务."""
    text = "企业招用在市人社部门公共就业服务机构登记失业半年以上的人员，与其签订1年以上期限劳动合同的，享受企业吸纳税收政策。"
    q = next(q for q in text_to_quantities(text) if q.evidence.quote == "半年")
    assert q.benefit_id == "hiring_tax_deduction"
