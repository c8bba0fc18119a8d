"""Counts the unseen and blind documents (issue 9: corpus/blind, corpus/blind2, corpus/unseen, corpus/fresh) were
read wrong in, each a named case from their text: the counts the program reads as a rule's parameters, with their
value, upper end and bound, and the counts it must not read as parameters."""

from __future__ import annotations

import pytest

from extractor.extract import text_to_quantities

PARAMETERS = [
    # (id, text, the count's expression, value, value_max, bound)
    # blind 毕节 献血条例 第十三条: what one donation is counted as is the rule's measure, not a work target
    ("bijie-counted-as", "捐献造血干细胞者，一次按捐献全血400毫升计算。", "400毫升", 400, None, "exact"),
    ("shanghai-counted-as-persons", "其独生子女按两个人计算分配面积", "两个", 2, None, "exact"),
    # blind2 咸阳 养犬条例 第十四条: 限 caps how many a household may keep
    ("xianyang-limited-to-one", "个人饲养犬只的，每户限养一只，超过限养数量的犬只不予办理登记。", "一只", 1, None, "max"),
    # unseen 厦门 社会保障性住房条例 第十七条: 只能…一套, a cap on a claim (套 a count unit)
    ("xiamen-only-one-flat", "每一家庭只能申请一套社会保障性住房。", "一套", 1, None, "max"),
    # blind2 咸阳 第二十六条, 乌鲁木齐 停车条例 第二十八条: lengths and distances are counts, as areas and volumes are
    ("xianyang-leash-length", "束犬链（绳）不得超过2米，并为大型犬只佩戴犬用嘴套；", "2米", 2, None, "max"),
    # a radius that qualifies a place (…以内的) is a condition, whatever 已建成 before it reports
    ("urumqi-radius-condition", "（二）已建成能够提供充足停车位的停车场服务半径三百米以内的；", "三百米", 300, None, "max"),
    # unseen 大连 水土保持 第二十三条: a decimal in Chinese numerals is read whole (not 五米)
    ("dalian-decimal-metres", "土层厚度在零点五米以上的坡耕地修建成水平梯田。", "零点五米", 0.5, None, "min"),
    # blind 毕节 第十四条: 累计享受 is the total a right grants (exact); 累计献血…以上 is a threshold (min)
    ("bijie-total-granted", "父母可以按照造血干细胞捐献者所捐献次数每次累计享受400毫升的免费用血。", "400毫升", 400, None, "exact"),
    ("bijie-total-given", "累计献血400毫升以上的可终身无限量免费享用所需血液。", "400毫升", 400, None, "min"),
    # blind 大同 集体合同条例 第八条: a ranged count sets a group's size
    ("datong-ranged-count", "集体协商代表每方为三至十人，并确定一名首席代表。", "三至十人", 3, 10, "range"),
    # fresh 北京 积分落户: a yearly application is the rule's parameter (申请: a benefit word)
    ("beijing-apply-once-a-year", "积分落户每年申请一次。", "一次", 1, None, "exact"),
    # golden/compare/blind3 孝义 2022: a half-width comma ends the clause of a plan's word (控制目标,), so the
    # eligibility threshold after it is no target
    ("xiaoyi-threshold-after-a-half-width-comma",
     "参保企业上年度未裁员或裁员率不高于上年度全国城镇调查失业率控制目标,30人(含)以下的参保企业裁员率不高于参保职工总数20%的,可以申请失业保险稳岗返还。",
     "30人", 30, None, "max"),
]


@pytest.mark.parametrize(
    ("text", "expression", "value", "value_max", "bound"), [pytest.param(*c[1:], id=c[0]) for c in PARAMETERS]
)
def test_count_parameter(text: str, expression: str, value: float, value_max: float | None, bound: str) -> None:
    got = [(q.value, q.value_max, q.bound) for q in text_to_quantities(text)
           if q.kind == "count" and q.role == "parameter" and q.evidence.quote == expression]
    assert got == [(value, value_max, bound)]


NOT_PARAMETERS = [
    # (id, text, the expression that must be no count parameter)
    # blind 毕节 第十三条: the one donation counted is the unit of the conversion, no count of the rule
    ("bijie-one-donation-counted", "捐献造血干细胞者，一次按捐献全血400毫升计算。", "一次"),
    # blind2 咸阳 第四十四条: 每超养一只 is what the fine is counted per
    ("xianyang-per-animal-over", "没收其超过限养数量的犬只，每超养一只可并处五十元以上二百元以下罚款。", "一只"),
    # unseen 厦门: 每一家庭 is "each family", no count of 家
    ("xiamen-one-family", "每一家庭只能申请一套社会保障性住房。", "一家"),
    # blind 内蒙古 人口与计划生育条例 第三十七条: a number that names a national policy's phase
    ("neimenggu-policy-phase-after", "国家提倡一对夫妻生育两个子女后，自愿只生育一个子女的夫妻，不再办理《独生子女父母光荣证》。", "两个"),
    # fresh 南京 最低生活保障条例 第二十六条: how often officials check is a work standard (每三个月), and 三个月 no count
    ("nanjing-check-every-three-months", "对有劳动能力的最低生活保障对象，应当每三个月核查一次。", "一次"),
    ("nanjing-three-months-no-count", "对有劳动能力的最低生活保障对象，应当每三个月核查一次。", "三个"),
    # unseen 山东 人口与计划生育条例 第三十七条, fresh 女职工劳动保护特别规定 第七条, 第九条: the step a rate is counted by
    ("shandong-step-of-a-fee", "对不符合本条例第二十条规定，每多生育一个子女，依照第三十六条规定基数的三倍征收社会抚养费。", "一个"),
    ("national-step-of-a-leave", "生育多胞胎的，每多生育1个婴儿，增加产假15天。", "1个"),
    ("national-step-of-nursing-time", "女职工生育多胞胎的，每多哺乳1个婴儿每天增加1小时哺乳时间。", "1个"),
    ("shandong-step-of-a-fine", "按照每超过一人五百元的标准处以罚款。", "一人"),
    # 004 河南 技能人才 plan: a yearly quota of work (年组织), a target, though bounded (以上)
    ("henan-yearly-contests", "年组织 5 个以上职业（工种）的省级职业技能竞赛；", "5 个"),
    ("henan-contests-every-year", "积极参与世界技能大赛，每年组织5个以上康养照护类职业（工种）的省级竞赛。", "5个"),
    # 004 信用社区: 期限 is a term, no cap 限; 一个年度 is a period, no count
    ("credit-community-term", "信用社区实行动态管理，每年考核一次，授牌期限为一个年度。", "一个"),
    # a half-width comma between digits (1,000人) is no clause end; the plan word 力争 still makes the count a target
    ("a-digit-comma-is-no-clause-end", "力争新建基地2个,1,000人以上参加培训", "1,000人"),
]


@pytest.mark.parametrize(("text", "expression"), [pytest.param(*c[1:], id=c[0]) for c in NOT_PARAMETERS])
def test_no_count_parameter(text: str, expression: str) -> None:
    got = [q for q in text_to_quantities(text) if q.kind == "count" and q.role == "parameter" and q.evidence.quote == expression]
    assert got == []


def test_the_policy_phase_leaves_the_condition_after_it() -> None:
    """内蒙古 第三十七条: the one child of 自愿只生育一个子女的夫妻 is still a condition, after the policy named."""
    text = "国家提倡一对夫妻生育两个子女后，自愿只生育一个子女的夫妻，不再办理《独生子女父母光荣证》。"
    got = [(q.evidence.quote, q.role) for q in text_to_quantities(text) if q.kind == "count"]
    assert got == [("两个", "target"), ("一个", "parameter")]


def test_per_step_is_no_floor_of_the_amount() -> None:
    """unseen 山东 就业促进条例 第六十六条: 每超过一人五百元 is a fine per person over the limit, exact."""
    got = [(q.evidence.quote, q.bound, q.per) for q in text_to_quantities("按照每超过一人五百元的标准处以罚款。") if q.kind == "money"]
    assert got == [("五百元", "exact", ["person"])]
