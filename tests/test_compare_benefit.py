"""Which values a benefit's comparison takes (extractor/compare/table.py, data/compare_rules.yaml): values read in
the corpus's documents, each expected in, or out of, the table of one benefit."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.compare.table import analyses_to_table, compare_rules
from extractor.extract import extract_document
from extractor.extract.taxonomy import benefits
from extractor.records import Analysis, Evidence, Quantity
from tests.conftest import parsed


@functools.cache
def _analyses(path: str) -> tuple[Analysis, ...]:
    return tuple(extract_document(d) for d in parsed(path))


def _shown(path: str, doc_id: str, benefit: str) -> set[tuple[str, float | None, int]]:
    table = analyses_to_table(_analyses(path), benefit=benefit)
    return {(col, v.value, v.line) for r in table.rows if r.doc_id == doc_id for col, vs in r.cells.items() for v in vs}


def _has(shown: set[tuple[str, float | None, int]], kind_label: str, value: float, line: int) -> bool:
    return any(col.startswith(kind_label) and v == value and abs(ln - line) <= 1 for col, v, ln in shown)


C = "corpus/texts/004_a7a4461144ba7e7b.txt"
B5 = "corpus/blind5/"
YC = "ningxia-yinchuan-2023-college-student-entrepreneurship-policies.txt"
LZ = "guangxi-liuzhou-undated-guarantee-loan-amounts.txt"
TJ = "tianjin-2020-internship-base-subsidy-standards.txt"
GZ = "guizhou-2017-guarantee-loan-implementing-measures-news.txt"
HK = "hainan-haikou-2020-graduate-startup-subsidy-raise-news.txt"
SX = "shanxi-2023-graduate-social-insurance-and-startup-support.txt"
# (id, file, document id, benefit asked, column kind label, value, line, expected in the table)
CASES = [
    # #01 九: 优先评定为省级示范见习基地，按规定给予10万元的一次性奖补, under a heading of 就业见习: the generic award
    # after a designation named in its sentence is that designation's award, before the heading's benefit
    ("designation-award-before-heading", C, "004_a7a4461144ba7e7b-01.txt", "示范见习基地奖补", "金额", 100000.0, 94, True),
    ("designation-award-not-the-internship-subsidy", C, "004_a7a4461144ba7e7b-01.txt", "就业见习补贴", "金额", 100000.0, 94, False),
    # the same rule's conditions (对年度吸纳见习人员超过100人、留用率超过70%…) are the award's
    ("condition-of-the-granted-award", C, "004_a7a4461144ba7e7b-01.txt", "示范见习基地奖补", "比例", 70.0, 94, True),
    # 003 三/（八）: 对被评为国家级示范基地的，省政府给予20万元一次性奖补 after …一次性奖补；: a generic name is no designation
    ("a-generic-name-is-no-designation", "corpus/texts/003_65af231806fc8ace.txt", "003_65af231806fc8ace.txt",
     "春节期间连续生产企业奖补", "金额", 200000.0, 206, False),
    # #02 附件2/一/（三）: the internship programme's terms where its subsidy is stated (进行 3 至 12 个月就业见习)
    ("programme-term-in-its-subsidy", C, "004_a7a4461144ba7e7b-02.txt", "就业见习补贴", "期限", 3.0, 240, True),
    # #18 一/（一）: 见习期限一般为3—12个月, beside 一/（三） where the 见习补贴 is stated
    ("programme-term-beside-its-subsidy", C, "004_a7a4461144ba7e7b-18.txt", "就业见习补贴", "期限", 3.0, 2070, True),
    # #18 一/（四）: 对年度吸纳见习人员超过100人…的就业见习单位，…给予10万元一次性奖补: the 见习基地 award's condition
    ("programme-figure-claimed-by-another-grant", C, "004_a7a4461144ba7e7b-18.txt", "就业见习补贴", "人数", 100.0, 2078,
     False),
    # #22 第三十条: 职业技能培训…按每学时10元的标准给予补贴: a sum of the programme the training subsidy pays for
    ("programme-sum-in-its-subsidy", C, "004_a7a4461144ba7e7b-22.txt", "职业培训补贴", "金额", 10.0, 2649, True),
    # #11 二/（二）: a share of a training plan (补贴性培训…20%) is no parameter of the subsidy
    ("programme-figure-elsewhere-stays-out", C, "004_a7a4461144ba7e7b-11.txt", "职业培训补贴", "比例", 20.0, 1224, False),
    # #06 五/（一）: 认定第一年给予3万元创建费用补助 of a 星级社区: the designation's sum is its subsidy's
    ("designation-sum-in-its-subsidy", C, "004_a7a4461144ba7e7b-06.txt", "星级社区补助", "金额", 30000.0, 687, True),
    # #20 三/2: a 星级社区's criteria (3000人 …) are not its subsidy's
    ("designation-criteria-stay-out", C, "004_a7a4461144ba7e7b-20.txt", "星级社区补助", "人数", 3000.0, 2359, False),
    # blind5/天津 2020 1.生活费补贴: 按照本市最低工资标准的80%,给予就业见习基地…: a rate of a sum, kept like the sums
    ("programme-rate-of-a-sum", B5 + TJ, TJ, "就业见习补贴", "比例", 80.0, 3, True),
    # blind5/银川 2023 4.创业培训: 离校2年内未就业高校毕业生,开展创业培训: who takes part in the 创业培训 the subsidy pays for
    ("programme-window-of-the-entrepreneurship-training", B5 + YC, YC, "职业培训补贴", "期限", 24.0, 10, True),
    # blind5/银川 2023: 大学生创业房租补贴 is the venture's rent (场租补贴)
    ("a-venture-rent-subsidy", B5 + YC, YC, "场租补贴", "金额", 10000.0, 6, True),
]


@pytest.mark.parametrize(("path", "doc_id", "benefit", "label", "value", "line", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_benefit_takes_its_values(path: str, doc_id: str, benefit: str, label: str, value: float, line: int,
                                    expected: bool) -> None:
    assert _has(_shown(path, doc_id, benefit), label, value, line) is expected


def test_what_a_benefit_holds_is_of_the_taxonomy() -> None:
    holds = compare_rules().holds
    assert holds and all(b in benefits().entries for k, v in holds.items() for b in (k, *v))


ARTICLE_TITLES = [
    # #22 第十一条 创业开业补贴。…补贴标准为5000元。: the sentence names no benefit; the article's title does
    ("article-title-names-the-benefit", C, "004_a7a4461144ba7e7b-22.txt", "一次性创业补贴", "金额", 5000.0, 2595, True),
    ("article-title-rate-cap", C, "004_a7a4461144ba7e7b-22.txt", "运营补贴", "比例", 50.0, 2597, True),
    # 第三十四条 生活费补贴。…每人每天 30 元，随培训补贴一并申请发放: the 培训补贴 of the next clause is not the number's
    ("article-title-before-another-clause", C, "004_a7a4461144ba7e7b-22.txt", "生活补贴", "金额", 30.0, 2661, True),
    ("not-the-next-clause-benefit", C, "004_a7a4461144ba7e7b-22.txt", "职业培训补贴", "金额", 30.0, 2661, False),
]


@pytest.mark.parametrize(("path", "doc_id", "benefit", "label", "value", "line", "expected"),
                         [c[1:] for c in ARTICLE_TITLES], ids=[c[0] for c in ARTICLE_TITLES])
def test_an_article_title_gives_its_numbers_their_benefit(path: str, doc_id: str, benefit: str, label: str,
                                                          value: float, line: int, expected: bool) -> None:
    assert _has(_shown(path, doc_id, benefit), label, value, line) is expected


LEFT_OUT = [
    # #23 项目办法 第六条（四）: 最近两年的经营情况报告, a record to hand in
    ("period-of-records-handed-in", C, "004_a7a4461144ba7e7b-23.txt", "示范项目奖补", "期限", 24.0, 2917),
    # #30 附件8: 连续缴纳职工养老保险一年以上的自然人, a condition of the counter-guarantor
    ("condition-of-a-counter-guarantor", C, "004_a7a4461144ba7e7b-30.txt", "创业担保贷款", "期限", 12.0, 4370),
    # blind5/银川 2023 2.大学生创业房租补贴 / …可给予3年、每年不超过10000元的房租补站: the rent of a venture (a 场租补贴),
    # not the 一次性创业补贴 named last before it
    ("a-venture-rent-is-not-the-startup-subsidy", B5 + YC, YC, "一次性创业补贴", "金额", 10000.0, 6),
]


@pytest.mark.parametrize(("path", "doc_id", "benefit", "label", "value", "line"), [c[1:] for c in LEFT_OUT],
                         ids=[c[0] for c in LEFT_OUT])
def test_no_parameters_stay_out(path: str, doc_id: str, benefit: str, label: str, value: float, line: int) -> None:
    assert not _has(_shown(path, doc_id, benefit), label, value, line)


@pytest.mark.parametrize(("text", "expected"), [("（四）最近两年的经营情况报告。", True), ("正常经营两年以上的。", False)],
                         ids=["records", "a-condition"])
def test_record_period(text: str, expected: bool) -> None:
    from extractor.compare.table import record_period
    from extractor.records import Evidence, Quantity

    start = text.index("两年")
    q = Quantity(id="t:0-2:duration", kind="duration", value=24, unit="month", section="一",
                 evidence=Evidence(quote="两年", span=(start, start + 2), line=1))
    assert record_period(q, text) is expected


@pytest.mark.parametrize(("text", "number", "expected"), [
    # unseen/shandong 第四十七条: the period of both subsidies the rule names together
    ("就业困难人员享受社会保险补贴和岗位补贴的期限最长不超过三年。", "三年", {"social_insurance_subsidy", "post_subsidy"}),
    # 004#27: the cap of 一奖一补, whose parts the bracket names
    ("每户享受“一奖一补”（交通补贴和务工奖补）最高限额不超过3000元。", "3000元", {"transport_subsidy", "one_reward_one_subsidy"}),
    # 002 一/2: each subsidy named with its own period
    ("给予企业每人最长3年五项社保补贴和1年岗位补贴。", "1年", set()),
    # fresh/dalian 2019 灵活就业社保补贴: the 岗位补贴 is named only in an aside after the number (whose age counts)
    ("对灵活就业后缴纳社会保险费的就业困难人员，按规定给予社会保险补贴，其中对城镇零就业家庭成员、低保家庭成员等补贴期限最长不超过"
     "3年，其余人员距法定退休年龄1年时给予最长不超过1年的补贴（以初次核定其享受社会保险补贴和公益性岗位补贴时年龄为准）。", "3年",
     set()),
], ids=["two-subsidies-one-period", "parts-in-a-bracket", "each-with-its-own-number", "named-in-an-aside-only"])
def test_joined_benefits(text: str, number: str, expected: set[str]) -> None:
    from extractor.compare.table import joined_benefits
    from extractor.extract import text_to_quantities

    q = next(q for q in text_to_quantities(text) if q.evidence.quote == number)
    assert joined_benefits(q, text) >= expected and (expected or not joined_benefits(q, text))


U = "corpus/unseen/"
NOT_PARAMETERS = [
    # dalian 2011 第三十五条: a fine, under a chapter of 奖励与处罚
    ("a-fine-is-no-reward", U + "dalian-2011-soil-water-conservation-measures.txt",
     "dalian-2011-soil-water-conservation-measures.txt", "奖励", "金额", 1000.0, 95),
    # guangdong 2022 第三十六条: 自受理申请之日起七个工作日内进行审核, a deadline of the office
    ("a-procedure-deadline", U + "guangdong-2022-unemployment-insurance-regulation.txt",
     "guangdong-2022-unemployment-insurance-regulation.txt", "失业保险金", "期限", 7.0, 99),
    # shanghai 2021 第三十一条: 增加生育假六十天, a leave (benefits.yaml statutory_leave) under a chapter of 奖励
    ("a-leave-is-no-reward", U + "shanghai-2021-population-family-planning-regulation.txt",
     "shanghai-2021-population-family-planning-regulation.txt", "奖励", "期限", 60.0, 141),
]


@pytest.mark.parametrize(("path", "doc_id", "benefit", "label", "value", "line"), [c[1:] for c in NOT_PARAMETERS],
                         ids=[c[0] for c in NOT_PARAMETERS])
def test_penalties_deadlines_and_leaves_stay_out(path: str, doc_id: str, benefit: str, label: str, value: float,
                                                 line: int) -> None:
    assert not _has(_shown(path, doc_id, benefit), label, value, line)


def test_group_keeps_the_rows_of_that_class() -> None:
    """--group 硕士研究生 over 001 五/18: the 硕士研究生 row alone (the 博士/本科 rows of the same rule are other classes),
    its 3年 with the phrase that names the class as evidence."""
    table = analyses_to_table(_analyses("corpus/texts/001_e001dd900bee0134.txt"), benefit="生活补贴", group="硕士研究生")
    assert {r.recipient_class for r in table.rows} == {"master_graduate"}
    phrases = {g for r in table.rows for col, vs in r.cells.items() if col.startswith("期限") for v in vs for g in v.groups}
    assert phrases == {"35 周岁以下的硕士研究生"}


SPREADS = [
    # 004#30 第九条: 贷款利率上限不超过 LPR+250BP; 002 一/4: LPR-150BP以下部分由借款人和借款企业承担
    ("spread-above-lpr", "贷款利率上限不超过 LPR+250BP。", "LPR+250BP", (250.0, "bp")),
    ("spread-below-lpr", "个人和小微企业创业担保贷款利息LPR-150BP以下部分由借款人和借款企业承担。", "LPR-150BP", (-150.0, "bp")),
    ("a-plain-rate-is-no-spread", "按当地最低工资标准的70%给予就业见习补贴。", "70%", None),
    # corpus/fresh 上海 2024 service guides (golden/compare/fresh): the base in brackets before its spread
    ("spread-after-a-bracketed-base", "贷款利率上限不超过贷款市场报价利率（LPR）+50BP。", "LPR）+50BP", (50.0, "bp")),
]


@pytest.mark.parametrize(("text", "quote", "expected"), [c[1:] for c in SPREADS], ids=[c[0] for c in SPREADS])
def test_a_spread_over_a_base_rate_is_shown_in_bp(text: str, quote: str, expected: tuple[float, str] | None) -> None:
    from extractor.compare.table import column_of, spread
    from extractor.extract import text_to_quantities

    q = next(q for q in text_to_quantities(text) if q.evidence.quote == quote)
    assert spread(q) == expected
    assert column_of(q).endswith("(bp)") is (expected is not None)


NO_PARAMETER = [
    # unseen/shandong 2016 人口与计划生育条例 第四十条（一）: who pays what share of the 奖励费
    ("a-payers-share", "奖励费由夫妻双方所在单位各发百分之五十。", "百分之五十", True),
    ("a-payers-share-borne", "独生子女保健费和奖励金由夫妻双方所在单位各负担百分之五十。", "百分之五十", True),
    # unseen/guangdong 2022 失业保险条例 第十七条: 每满半年 is the unit, 一个月 per unit the parameter
    ("a-counting-unit", "超过四年的部分，每满半年，失业保险金领取期限增加一个月。", "半年", True),
    ("the-months-per-unit", "超过四年的部分，每满半年，失业保险金领取期限增加一个月。", "一个月", False),
    # 第四十七条（二）: the twelve months the wage base is averaged over
    ("an-averaging-period", "每满一个月按照失业前十二个月平均缴费工资的百分之二的标准计发一次性生活补助。", "十二个月", True),
    # 第三十条: the survivors' claim, a deadline counted from an event for a procedure (…办理…手续)
    ("a-deadline-from-an-event", "失业人员的遗属应当在失业人员死亡或者收到宣告失业人员死亡判决书之日起六个月内，凭本人身份证明，"
     "到社会保险经办机构办理领取丧葬补助金的手续。", "六个月", True),
    # 004#02: a window counted from an event is a parameter (no procedure named)
    ("a-window-from-an-event", "自工商登记注册之日起3年内的，给予一次性创业补贴。", "3年", False),
    ("a-share-paid", "财政部门给予贷款实际利率50%的财政贴息。", "50%", False),
    # unseen/guangdong 2022 失业保险条例 第二十二条: a part month counted as one, a rounding rule
    ("a-rounding-rule", "申请一次性领取已经核定而尚未领取期限一半的失业保险金，不足一个月的部分按照一个月计算，并相应计算为领取期限。",
     "一个月", True),
    # unseen/guangdong 2022 第四十七条: the contribution time beyond twelve months, a condition of the 一次性生活补助
    ("a-part-beyond-is-no-rounding", "施行前缴费时间超出十二个月的部分，每满一个月按照失业前十二个月平均缴费工资的百分之二的标准计发一次性生活补助。",
     "十二个月", False),
    # unseen/ningxia 2021 人口与计划生育条例 第四十条: the children that make the couple recipients (独生子女父母)
    ("children-that-make-the-family", "自愿终身只生育一个子女的夫妻，享受以下优待、奖励：", "一个", True),
    ("daughters-that-make-the-family", "只有一个子女或者两个女孩的农村计划生育家庭，夫妇年满六十周岁以后，享受农村计划生育家庭奖励扶助。",
     "两个", True),
    # unseen/shanghai 2021 第三十九条: the only child counted as two persons is a parameter of the 奖励
    ("a-child-counted-as-two", "其独生子女按两个人计算分配面积。", "两个", False),
    # 004#20 五/（一）, #06: 三年期满的相关办法另行制定, left to later rules (wrapped over lines in #06)
    ("left-to-later-rules", "复核不达标的，取消其星级社区资格，并收回牌匾。三年期满的\n相关办法另行制定。", "三年", True),
    ("a-validity-stated", "实行动态管理，自认定之日起有效期三年。三年期满的相关办法另行制定。", "三年", False),
    # fresh/dalian 2019 补贴测算: 按见习6个月测算 is what the worked example assumes; its ×6月 is the example's row
    ("what-a-worked-example-assumes", "按见习6个月测算，北三市企业见习补贴1520元/人月×2/3×6月+500元/人=6580元/人。", "6个月", True),
    ("the-worked-examples-own-months", "按见习6个月测算，北三市企业见习补贴1520元/人月×2/3×6月+500元/人=6580元/人。", "6月", False),
    # blind2/chongqing 第二十四条（二）: the ×100% of a rate's formula; the rate's floor is a parameter
    ("a-formulas-percentage", "就业见习留用就业率达到50%以上的（就业见习留用就业率=年度审核通过人员中的留用人数÷年度审核通过人员数×100%），"
     "按每人每月200元标准给予见习基地留用人员差额补贴。", "100%", True),
    ("the-rate-of-the-formula", "就业见习留用就业率达到50%以上的（就业见习留用就业率=年度审核通过人员中的留用人数÷年度审核通过人员数×100%），"
     "按每人每月200元标准给予见习基地留用人员差额补贴。", "50%", False),
    # blind3/hebei-handan 2022 【导语】: the former cap of a raise is no parameter, the raised one is
    ("a-former-cap", "创业担保贷款个人贷款额度上限由20万元提高至30万元,小微企业贷款额度由300万元提高至400万元", "300万元", True),
    ("the-raised-cap", "创业担保贷款个人贷款额度上限由20万元提高至30万元,小微企业贷款额度由300万元提高至400万元", "400万元", False),
    # blind3/shanxi-xiaoyi 2022: 从60%最高提至90%, a word between the former rate and its verb
    ("a-former-rate", "大型企业稳岗返还比例从30%提至50%,中小微企业返还比例从60%最高提至90%。", "60%", True),
    ("the-raised-rate", "大型企业稳岗返还比例从30%提至50%,中小微企业返还比例从60%最高提至90%。", "90%", False),
    ("a-period-from-an-event", "由财政给予贴息3年。", "3年", False),
    # blind5/银川 2023: …6个月以上的,半年内可给予一次性初始创业补贴5000元: when the one-off sum is paid
    ("when-a-one-off-sum-is-paid", "经登记注册并正常营业6个月以上的,半年内可给予一次性初始创业补贴5000元。", "半年", True),
    ("the-condition-before-it", "经登记注册并正常营业6个月以上的,半年内可给予一次性初始创业补贴5000元。", "6个月", False),
    ("a-window-before-a-one-off-sum", "对离校2年内给予一次性创业补贴。", "2年", False),
    # blind5/海口 2020: 由6000元提升至1万元, the former sum
    ("a-former-sum-raised", "一次性创业补贴自7月起由6000元提升至1万元,现已开始申报。", "6000元", True),
    ("the-sum-raised-to", "一次性创业补贴自7月起由6000元提升至1万元,现已开始申报。", "1万元", False),
    # blind5/淮南 2022: 在中央政策规定最高贷款额度20万元基础上,提高到50万元: the base of the raise
    ("the-base-of-a-raise", "在中央政策规定最高贷款额度20万元基础上,提高到50万元。", "20万元", True),
    ("the-raise-over-a-base", "在中央政策规定最高贷款额度20万元基础上,提高到50万元。", "50万元", False),
    ("a-base-of-no-raise", "在每人5000元基础上,按规定给予补贴。", "5000元", False),
    # spaces between the sum and 基础上 (as a PDF prints them): the same reading, no crash (review, session 27)
    ("the-base-of-a-raise-spaced", "在中央政策规定最高贷款额度20万元 基础上,提高到50万元。", "20万元", True),
    ("the-base-of-a-raise-full-width-space", "在中央政策规定最高贷款额度20万元\u3000基础上,提高到50万元。", "20万元", True),
    # blind5/淮南 2022: 由省、市县财政按5:5分担, how payers share a cost
    ("a-ratio-shared", "新发放贷款提高额度部分所需贴息资金由省、市县财政按5:5分担。", "5:5", True),
    # blind5/海口 2022: the minimum wage's figure beside the rate of it the subsidy is
    ("the-figure-of-a-rates-base", "见习工资不得低于当地最低工资标准的(如海口市最低工资标准为1670元),按当地最低工资标准的80%"
     "(海口市补贴标准为1336元),给予单位见习补贴。", "1670元", True),
    ("the-rate-as-a-sum", "见习工资不得低于当地最低工资标准的(如海口市最低工资标准为1670元),按当地最低工资标准的80%"
     "(海口市补贴标准为1336元),给予单位见习补贴。", "1336元", False),
    # fresh/dalian 2019: a base paid in full (补贴标准为当地最低工资标准) is the benefit's sum
    ("a-base-paid-in-full", "补贴标准为当地最低工资标准。北三市月最低工资标准为1520元，其他区市县月最低工资标准为1620元。", "1520元",
     False),
    # blind3/jiangxi 2020 十条举措: 三年 is the span of the provincial internship plan
    ("the-span-of-a-plan", "在就业见习补贴上,支持实施江西省三年青年见习计划。", "三年", True),
    ("a-period-within-a-plan", "见习期3个月计划内完成。", "3个月", False),
    # blind3/hebei-handan 2022 2.【贷款期限】: 一次 is "at a time", the 3次 how many times in all
    ("at-a-time", "个人创业担保贷款期限一次最长不超过3年,累计次数不超过3次。", "一次", True),
    ("how-many-times", "个人创业担保贷款期限一次最长不超过3年,累计次数不超过3次。", "3次", False),
]


@pytest.mark.parametrize(("text", "number", "expected"), [c[1:] for c in NO_PARAMETER], ids=[c[0] for c in NO_PARAMETER])
def test_no_parameter(text: str, number: str, expected: bool) -> None:
    from extractor.compare.table import no_parameter
    from extractor.extract import text_to_quantities

    q = next(q for q in text_to_quantities(text) if q.evidence.quote == number)
    assert no_parameter(q, text) is expected


@given(st.text(alphabet="ab，;。\n", max_size=40), st.data())
def test_clause_of_is_the_clause_around_a_span(text: str, data: st.DataObject) -> None:
    """``_clause_of`` (by bisection over the clause ends found once): no clause end inside [lo, start) or [end, hi),
    and lo follows one (or is 0), hi is one (or the text's end)."""
    from extractor.compare.table import _CLAUSE_END, _clause_of

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = _clause_of(text, start, end)
    assert 0 <= lo <= start <= end <= hi <= len(text)
    assert not any(c in _CLAUSE_END for c in text[lo:start]) and not any(c in _CLAUSE_END for c in text[end:hi])
    assert lo == 0 or text[lo - 1] in _CLAUSE_END
    assert hi == len(text) or text[hi] in _CLAUSE_END


B2 = "corpus/blind2/"
CQ = "chongqing-2024-youth-internship-measures.txt"
HP = "shanghai-huangpu-2024-startup-card-handbook.txt"
READ_IN_CONTEXT = [
    # 重庆 第二十四条: 就业见习补贴包括基本生活费补贴、留用人员差额补贴和人身意外伤害保险补贴: a part's value is the whole's
    ("a-part-the-document-defines", B2 + CQ, CQ, "就业见习补贴", "金额", 100.0, 120, True),
    ("a-part-restated-in-a-form", B2 + CQ, CQ, "就业见习补贴", "金额", 100.0, 371, True),
    ("a-part-in-a-formula", B2 + CQ, CQ, "就业见习补贴", "金额", 200.0, 372, True),
    # （一）基本生活费补贴按见习人员每人每月 1300 元标准拨付见习基地: a 生活费补贴 of 见习人员 is the internship subsidy
    ("a-living-allowance-of-trainees", B2 + CQ, CQ, "就业见习补贴", "金额", 1300.0, 118, True),
    ("not-a-trainees-allowance-of-a-course", B2 + CQ, CQ, "生活补贴", "金额", 1300.0, 118, False),
    ("in-a-form-under-its-heading", B2 + CQ, CQ, "生活补贴", "金额", 1300.0, 369, False),
    # 黄浦创卡 06: ·青年创业见习: / 享受市、区两级生活费补贴2690元/月: the heading line above reads it
    ("under-a-heading-of-internship", B2 + HP, HP, "生活补贴", "金额", 2690.0, 58, False),
    # 重庆 第一章 总则 of the 就业见习's own rules: who takes part and for how long are the subsidy's
    ("an-age-of-the-general-provisions", B2 + CQ, CQ, "就业见习补贴", "年龄", 16.0, 16, True),
    ("a-window-of-the-general-provisions", B2 + CQ, CQ, "就业见习补贴", "期限", 24.0, 13, True),
    ("the-length-of-the-general-provisions", B2 + CQ, CQ, "就业见习补贴", "期限", 1.0, 19, True),
    # 第二十二条（二）无故旷工连续五天…: grounds for ending an internship, outside the general provisions, stay out
    ("grounds-outside-the-general-provisions", B2 + CQ, CQ, "就业见习补贴", "期限", 5.0, 110, False),
    # 附件2: the evaluation's scores stay out
    ("scores-of-an-evaluation", B2 + CQ, CQ, "就业见习补贴", "比例", 30.0, 233, False),
    # 黄浦创卡 08.高层次人才就业补贴 / …给予留用的博士后人员2万元奖励: its own name says an award, whatever the heading
    ("an-award-by-its-own-name", B2 + HP, HP, "奖励", "金额", 20000.0, 72, True),
    ("the-awards-condition", B2 + HP, HP, "奖励", "期限", 24.0, 72, True),
    ("not-the-headings-subsidy", B2 + HP, HP, "就业补贴", "金额", 20000.0, 72, False),
    # 003 四/（十一）: 落实按当年新发放创业担保贷款总额的 1%奖励: the name right after the number, an award, not the loan
    ("an-award-named-after-its-number", "corpus/texts/003_65af231806fc8ace.txt", "003_65af231806fc8ace.txt", "奖励",
     "比例", 1.0, 290, True),
    ("not-the-loans-rate", "corpus/texts/003_65af231806fc8ace.txt", "003_65af231806fc8ace.txt", "创业担保贷款", "比例",
     1.0, 290, False),
    # #30 第四十二条: 对…信用社区，按照当年贷款发放金额的 0.3% 给予资金奖励: the designation is who gets the award
    ("a-designations-award", C, "004_a7a4461144ba7e7b-30.txt", "奖励", "比例", 0.3, 4142, True),
    # 第四十三条: 贷款回收率达到 94% 以上的 (the yearly recognition), the designation's criterion beside its award
    ("a-designations-criterion-beside-its-award", C, "004_a7a4461144ba7e7b-30.txt", "奖励", "比例", 94.0, 4146, True),
    # #23 第十二条: 市级示范园区…给予30万元奖励 stays the 示范园区奖补's (an award already)
    ("an-award-stays-its-own", C, "004_a7a4461144ba7e7b-23.txt", "示范园区奖补", "金额", 300000.0, 2807, True),
    # 上海市大学生科技创业基金: / ·雏鹰计划，最高50万元债权，免息免抵押创业贷款: the fund's loan, not a 创业担保贷款
    ("a-loan-of-another-fund", B2 + HP, HP, "创业担保贷款", "金额", 500000.0, 37, False),
    ("the-guarantee-loan-above-it", B2 + HP, HP, "创业担保贷款", "金额", 500000.0, 34, True),
]


@pytest.mark.parametrize(("path", "doc_id", "benefit", "label", "value", "line", "expected"),
                         [c[1:] for c in READ_IN_CONTEXT], ids=[c[0] for c in READ_IN_CONTEXT])
def test_a_benefit_name_is_read_in_its_document(path: str, doc_id: str, benefit: str, label: str, value: float,
                                                line: int, expected: bool) -> None:
    assert _has(_shown(path, doc_id, benefit), label, value, line) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("就业见习补贴包括基本生活费补贴、留用人员差额补贴和人身意外伤害保险补贴。",
     {"基本生活费补贴": "internship_subsidy", "留用人员差额补贴": "internship_subsidy",
      "人身意外伤害保险补贴": "internship_subsidy"}),
    # parts that are not named as benefits (险种) are none
    ("社会保险补贴包括基本养老保险费、基本医疗保险费和失业保险费。", {}),
    # no benefit of the taxonomy before 包括
    ("申请材料包括身份证、营业执照等。", {}),
], ids=["three-parts", "parts-not-named-as-benefits", "no-benefit-defined"])
def test_benefit_parts(text: str, expected: dict[str, str]) -> None:
    from extractor.compare.table import benefit_parts

    assert benefit_parts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # blind2/chongqing 第三条: the definition restates the term's 两年; the term's own is the window
    ("毕业学年在校生是指毕业前一年的9月1日至毕业证书发证之日；离校两年内未就业是指毕业证书发证之日起的两年内；", [False, True]),
    # a definition whose number the term does not print is a parameter
    ("本条例所称老年人是指六十周岁以上的公民。", [False]),
], ids=["restated-in-a-definition", "a-definitions-own-number"])
def test_a_terms_number_restated_in_its_definition(text: str, expected: list[bool]) -> None:
    from extractor.compare.table import no_parameter
    from extractor.extract import text_to_quantities

    qs = [q for q in text_to_quantities(text) if q.kind in ("duration", "age")]
    assert [no_parameter(q, text) for q in qs] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # unseen/guangdong 2022 失业保险条例 第十七条: 超过四年的部分 is the tier's 四年 again
    ("失业人员缴费时间四年以上的，超过四年的部分，每满半年，失业保险金领取期限增加一个月。", [False, True, True, False]),
    # 第十六条（一）: 不满一年 negates the 一年 before it
    ("失业前用人单位和本人已经缴纳失业保险费累计满一年，或者不满一年但本人有失业保险金领取期限的；", [False, True]),
    # 004#19: a cap (不超过1年) after a floor of the same number is a parameter of its own
    ("签订1年以上劳动合同并为其缴纳社会保险费的企业，给予社会保险补贴，补贴期限最长不超过1年。", [False, False]),
], ids=["the-part-beyond-a-bound", "a-bound-negated", "a-cap-after-a-floor"])
def test_a_bound_printed_again(text: str, expected: list[bool]) -> None:
    from extractor.compare.table import no_parameter
    from extractor.extract import text_to_quantities

    qs = [q for q in text_to_quantities(text) if q.kind == "duration"]
    assert [no_parameter(q, text) for q in qs] == expected


@pytest.mark.parametrize(("path", "doc_id", "benefit", "value", "line", "expected"), [
    # 重庆 第三条（一）: the extraction reads 高校 of the list as the value's group; the window is part of the name
    # 离校 2 年内未就业的高校毕业生 (layout spaces), and of the name its term defines (离校两年内未就业是指…)
    (B2 + CQ, CQ, "就业见习补贴", 24.0, 13, "unemployed_college_graduate_within_2y"),
    (B2 + CQ, CQ, "就业见习补贴", 24.0, 14, "unemployed_college_graduate_within_2y"),
    (B2 + CQ, CQ, "就业见习补贴", 24.0, 17, "unemployed_college_graduate_within_2y"),
    # 002 一/4: 落户5年内“海河英才” (a name in quotes) and 毕业5年内高校毕业生 before it, each its own row
    ("corpus/texts/002_f15aeebbaef14a54.txt", "002_f15aeebbaef14a54.txt", "创业担保贷款", 60.0, 11, "college_graduate_within_5y"),
], ids=["a-name-with-layout-spaces", "a-modifier-before-the-head", "a-term-defined", "a-window-before-a-quoted-name"])
def test_a_window_in_a_name_is_that_names_row(path: str, doc_id: str, benefit: str, value: float, line: int,
                                             expected: str) -> None:
    table = analyses_to_table(_analyses(path), benefit=benefit)
    classes = {r.recipient_class for r in table.rows if r.doc_id == doc_id for col, vs in r.cells.items()
               if col.startswith("期限") for v in vs if v.value == value and v.line == line}
    assert expected in classes


B3 = "corpus/blind3/"
HD = "hebei-handan-2022-guarantee-loan-standards.txt"
JX25 = "jiangxi-2025-enterprise-job-stabilization-policy-compendium.txt"
JX20F = "jiangxi-2020-finance-department-ten-measures-for-graduates.txt"
JX20N = "jiangxi-2020-employment-stabilization-three-year-plan-news.txt"
YX = "shanxi-yingxian-2023-graduate-employment-entrepreneurship-policies.txt"
ANTECEDENTS = [
    # 邯郸 2022: 小微企业创业担保贷款和贴息标准 / 1.【贷款额度】:贷款额度最高不超过400万元。: the heading names the loan
    ("a-heading-names-the-loan", B3 + HD, HD, "创业担保贷款", "金额", 4000000.0, 7, True),
    ("a-heading-names-the-loans-term", B3 + HD, HD, "创业担保贷款", "期限", 24.0, 8, True),
    # 江西 2025 (一)失业保险稳岗返还 / 稳岗返还标准 / 大型企业按…的30%返还: the heading, past the items of 申请条件
    ("a-heading-names-the-return", B3 + JX25, JX25, "稳岗返还", "比例", 30.0, 8, True),
    ("a-condition-under-its-heading", B3 + JX25, JX25, "稳岗返还", "期限", 12.0, 12, True),
    # 应县 2023 1.: 实施阶梯性吸纳就业补贴政策。补贴标准为:…100人以下…: the sentence opened by 补贴 speaks of the one before
    ("a-sentence-opened-by-the-head", B3 + YX, YX, "一次性吸纳就业补贴", "人数", 100.0, 3, True),
    ("a-tier-of-that-sentence", B3 + YX, YX, "一次性吸纳就业补贴", "期限", 6.0, 3, True),
    # blind3/jiangxi 2020 三年行动计划 news: 社会保障补贴 is the 社会保险补贴 by another name
    ("social-insurance-subsidy-by-another-name", B3 + JX20N, JX20N, "社会保险补贴", "期限", 12.0, 4, True),
    # blind3/jiangxi 2020 十条举措: 参加就业技能培训、创业培训后…给予300元~6000元/人: the training the subsidy pays for,
    # named together with its child, is the subsidy's (holds of compare_rules.yaml, for joined names too)
    ("a-programme-named-with-its-child", B3 + JX20F, JX20F, "职业培训补贴", "金额", 300.0, 7, True),
    # blind3/shanxi-yingxian 2023 2.: 毕业2年内未就业高校毕业生可参加就业见习: a document that states no value of the
    # 见习补贴 itself still says who may take part in the 就业见习 it pays for
    ("who-takes-part-in-a-document-of-no-subsidys-value", B3 + YX, YX, "就业见习补贴", "期限", 24.0, 4, True),
    # blind3/jiangxi 2020 十条举措: 在就业见习补贴上,…。其中,对吸纳离校2年内未就业高校毕业生为见习对象: the line's topic,
    # not the 一次性求职补贴 of the heading line two lines above
    ("the-topic-of-its-line", B3 + JX20F, JX20F, "就业见习补贴", "期限", 24.0, 11, True),
    ("not-the-heading-two-lines-above", B3 + JX20F, JX20F, "一次性求职补贴", "期限", 24.0, 11, False),
    # 000 一是…的创新贡献津贴。二是…给予人才年薪20%、最高20万元补助: a sentence opened by 对 is no anaphora
    ("not-a-sentence-opened-by-a-head", "corpus/texts/000_0fce187c97867da1.txt", "000_0fce187c97867da1.txt",
     "创新贡献津贴", "比例", 100.0, 11, False),
    # blind5/柳州: …柳州可申请创业贷款的对象有两种,…,贷款额度如下: / (一)个人贷款额度最高不超过20万元: the lead-in of the
    # list names the loan its items' values are of (个人贷款: a 贷款, of no benefit of the taxonomy)
    ("a-lead-in-names-the-loan", B5 + LZ, LZ, "创业担保贷款", "金额", 200000.0, 2, True),
    ("a-lead-in-names-the-loans-term", B5 + LZ, LZ, "创业担保贷款", "期限", 24.0, 3, True),
    ("a-lead-in-names-no-other-benefit", B5 + LZ, LZ, "一次性创业补贴", "金额", 200000.0, 2, False),
    # blind5/贵州 2017: 人均最高贷款额度为10万元, a 贷款 after modifiers only: the 创业担保贷款 named before
    ("a-modified-head-restates-the-loan", B5 + GZ, GZ, "创业担保贷款", "金额", 100000.0, 3, True),
    # blind5/海口 2020: 补贴标准按每个法人1万元给予一次性补贴, after 创业补贴适用对象为…: the 创业补贴 named before
    ("a-one-off-head-restates-the-subsidy", B5 + HK, HK, "一次性创业补贴", "金额", 10000.0, 3, True),
    # blind5/山西 2023: 整合一次性创业补贴、创业场租补贴、自主创业社会保险补贴等政策,…给予15000元的扶持: the merged payment
    # (the 创业补贴“归集简办” of the sentence before), not the last benefit listed
    ("a-merged-payment", B5 + SX, SX, "一次性创业补贴", "金额", 15000.0, 2, True),
    ("not-the-last-merged-benefit", B5 + SX, SX, "社会保险补贴", "金额", 15000.0, 2, False),
    # fresh/dalian 2019: a worked formula's figures (计算公式:（4801元/人月×60%…）) under no heading of a benefit
    ("a-formula-under-no-heading", "corpus/fresh/dalian-2019-employment-policy-list.txt",
     "dalian-2019-employment-policy-list.txt", "社会保险补贴", "金额", 4801.0, 23, False),
]


@pytest.mark.parametrize(("path", "doc_id", "benefit", "label", "value", "line", "expected"),
                         [c[1:] for c in ANTECEDENTS], ids=[c[0] for c in ANTECEDENTS])
def test_a_value_of_no_benefit_takes_its_antecedents(path: str, doc_id: str, benefit: str, label: str, value: float,
                                                    line: int, expected: bool) -> None:
    assert _has(_shown(path, doc_id, benefit), label, value, line) is expected


def _bare(text: str, number: str, benefit: str | None = None) -> Quantity:
    start = text.index(number)
    return Quantity(id=f"t:{start}:duration", kind="duration", value=12, unit="month", section="一", benefit=benefit,
                    evidence=Evidence(quote=number, span=(start, start + len(number)), line=1))


LATER = [
    # blind3/jiangxi 2020 三年行动计划 news: the condition a sentence before the grant that refers back to it (如果他们…)
    ("a-sentence-before-a-back-reference",
     "计划小微企业如果招用大学毕业生,将签订一年以上的劳动合同。如果他们支付社会保障,他们将获得长达一年的社会保障补贴;", "一年以上",
     "social_insurance_subsidy"),
    # the same news item: a condition (如果…) of the sentence's grant after it
    ("a-condition-before-its-grant",
     "如果大学毕业生在离开学校后两年内没有就业,在灵活就业后支付社会保障,他们将获得长达两年的社会保障补贴;", "两年内",
     "social_insurance_subsidy"),
    # no back reference in the next sentence: no benefit
    ("no-back-reference", "计划小微企业如果招用大学毕业生,将签订一年以上的劳动合同。企业将获得长达一年的社会保障补贴;", "一年以上", None),
    # a benefit named before the conditional value: its own reading stands (no later one)
    ("a-benefit-named-before", "享受岗位补贴的,如果离开学校两年内,给予社会保险补贴;", "两年内", None),
]


@pytest.mark.parametrize(("text", "number", "expected"), [c[1:] for c in LATER], ids=[c[0] for c in LATER])
def test_a_condition_stated_before_its_grant(text: str, number: str, expected: str | None) -> None:
    from extractor.compare.benefit_of import later_benefit

    assert later_benefit(_bare(text, number), text) == expected


GRANT_HEADS = [
    # blind5/山西 2023: …给予其本人一定数额社会保险补贴。…。对毕业年度和离校2年内未就业高校毕业生…的,给予一定数额补贴: the
    # generic 补贴 granted is the 社会保险补贴 named before
    ("a-generic-grant-restates-the-benefit",
     "对毕业学年高校毕业生创办小微企业的,给予其本人一定数额社会保险补贴。补贴期限不超过3年。对毕业年度和离校2年内未就业高校"
     "毕业生实现灵活就业后以灵活就业人员身份缴纳社会保险费的,给予一定数额补贴。", "2年内", "social_insurance_subsidy"),
    # a grant that names its benefit is read by its name, not by this rule
    ("a-named-grant", "对离校2年内未就业高校毕业生,给予社会保险补贴。", "2年内", None),
    # no benefit with that head before: none
    ("no-benefit-before", "对离校2年内未就业高校毕业生灵活就业的,给予一定数额补贴。", "2年内", None),
]


@pytest.mark.parametrize(("text", "number", "expected"), [c[1:] for c in GRANT_HEADS], ids=[c[0] for c in GRANT_HEADS])
def test_a_generic_grant_is_of_the_benefit_named_before(text: str, number: str, expected: str | None) -> None:
    from extractor.compare._earlier import grant_head_benefit

    assert grant_head_benefit(_bare(text, number), text) == expected


def test_the_post_subsidys_table_holds_the_posts_terms() -> None:
    # fresh/dalian 2019 公益性岗位补贴: 公益性岗位重点安置零就业家庭和距法定退休年龄5年以内的人员 (of the 公益性岗位 the subsidy pays
    # for, holds of compare_rules.yaml) beside 补贴期限除对距法定退休年龄不足5年的人员可延长至退休外: both 5年 in the table
    path = "corpus/fresh/dalian-2019-employment-policy-list.txt"
    table = analyses_to_table(_analyses(path), benefit="岗位补贴")
    found = [v for r in table.rows for col, vs in r.cells.items() if col.startswith("期限") for v in vs
             if v.value == 60 and v.line == 41]
    assert len(found) == 2
