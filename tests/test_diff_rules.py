"""Parameter changes between two versions, paired by what they govern (issue 8, item 3), on small versions written
here (one rule each) and on the real pairs of corpus/revisions: chapters, 款 and 项, no change reported twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.compare.align import articles
from extractor.compare.diff import documents_to_diff
from extractor.compare.parts import parts
from extractor.pipeline import parse_file
from extractor.records import Diff, ParameterChange

ROOT = Path(__file__).resolve().parent.parent
REVISIONS = ROOT / "corpus" / "revisions"
TITLE = "某市职工休假与补贴办法"


def _diff(tmp_path: Path, old: str, new: str) -> Diff:
    (tmp_path / "v1.txt").write_text(f"{TITLE}\n{old}", encoding="utf-8")
    (tmp_path / "v2.txt").write_text(f"{TITLE}\n{new}", encoding="utf-8")
    return documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v2.txt")[0])


def _numbers(d: Diff) -> list[tuple[str, float | str | None, float | str | None]]:
    return sorted((c.change, c.a_value, c.b_value) for c in d.changes if c.kind not in ("group", "condition"))


CASES = [
    # (id, old text, new text, the number changes (change, old value, new value), a word each summary names)
    ("paired-by-subject-not-position",
     "第一条 职工享受下列假期：（一）婚假3天；（二）丧假1天。\n第二条 本办法自发布之日起施行。",
     "第一条 职工享受下列假期：（一）婚假10天；（二）丧假3天。\n第二条 本办法自发布之日起施行。",
     [("changed", 1.0, 3.0), ("changed", 3.0, 10.0)], ["婚假", "丧假"]),
    ("a-range-end-changed",
     "第一条 逾期不改正的，处以2万元以上5万元以下罚款。\n第二条 本办法自发布之日起施行。",
     "第一条 逾期不改正的，处以3万元以上5万元以下罚款。\n第二条 本办法自发布之日起施行。",
     [("changed", 20000.0, 30000.0)], ["罚款"]),
    ("a-rule-of-an-inserted-article-is-added",
     "第一条 给予一次性补贴1000元。\n第二条 本办法自发布之日起施行。",
     "第一条 给予一次性补贴1000元。\n第二条 对新招用的职工，另给予交通补贴500元。\n第三条 本办法自发布之日起施行。",
     [("added", None, 500.0)], ["交通补贴"]),
    ("a-rule-of-a-repealed-article-is-removed",
     "第一条 给予一次性补贴1000元。\n第二条 对新招用的职工，另给予交通补贴500元。\n第三条 本办法自发布之日起施行。",
     "第一条 给予一次性补贴1000元。\n第二条 本办法自发布之日起施行。",
     [("removed", 500.0, None)], ["交通补贴"]),
    ("a-deadline-anchor-changed",
     "第一条 申请人应当自收到通知之日起15日内提交材料。\n第二条 本办法自发布之日起施行。",
     "第一条 申请人应当自通知送达之日起15日内提交材料。\n第二条 本办法自发布之日起施行。",
     [("changed", 15.0, 15.0)], ["起算"]),
    ("next-year-is-no-rule",
     "第一条 所需资金纳入下一年度预算，补贴标准为每人1000元。\n第二条 本办法自发布之日起施行。",
     "第一条 所需资金纳入下一年度预算，补贴标准为每人1200元。\n第二条 本办法自发布之日起施行。",
     [("changed", 1000.0, 1200.0)], ["补贴"]),
    # ozone-depleting-substances 2018 第三十三条 -> 2023 第三十二条: each fine with the fine of its own tier, though the
    # base tier's new range shares an end (10万元) with the old aggravated one
    ("fines-paired-by-tier-ozone-2023",
     "第一条 生产、使用单位有下列行为之一的，责令停止违法行为，并处2万元以上10万元以下的罚款；情节严重的，并处10万元以上20万元以下的罚款。\n"
     "第二条 本办法自发布之日起施行。",
     "第一条 生产、使用单位有下列行为之一的，责令停止违法行为，并处10万元以上50万元以下的罚款；情节严重的，并处50万元以上100万元以下的罚款。\n"
     "第二条 本办法自发布之日起施行。",
     [("changed", 20000.0, 100000.0), ("changed", 100000.0, 500000.0)], ["情节严重的，处…的罚款"]),
    # accounting law 2017 第四十二条 -> 2024 第四十条: the persons' fine names them in a clause of its own (对其…人员，可以处)
    ("fines-paired-by-party-accounting-law-2024",
     "第一条 违反本法规定，有下列行为之一的，责令限期改正，可以对单位并处三千元以上五万元以下的罚款；"
     "对其直接负责的主管人员和其他直接责任人员，可以处二千元以上二万元以下的罚款：\n（一）不依法设置会计帐簿的。\n"
     "第二条 本法自发布之日起施行。",
     "第一条 违反本法规定，有下列行为之一的，责令限期改正，给予警告、通报批评，对单位可以并处二十万元以下的罚款，"
     "对其直接负责的主管人员和其他直接责任人员可以处五万元以下的罚款；情节严重的，对单位可以并处二十万元以上一百万元以下的罚款，"
     "对其直接负责的主管人员和其他直接责任人员可以处五万元以上五十万元以下的罚款：\n（一）不依法设置会计账簿的。\n"
     "第二条 本法自发布之日起施行。",
     [("changed", 3000.0, 200000.0), ("changed", 2000.0, 50000.0), ("added", None, 200000.0), ("added", None, 50000.0)],
     ["对直接负责的主管人员和其他直接责任人员处…的罚款"]),
    # chongqing population and family planning 2021 第二十三条: a leave stated, then restated as the condition of its pay
    ("a-rule-restated-as-a-condition-is-one-rule-chongqing-2021",
     "第一条 符合法律法规规定生育的女职工，产假期满后可连续休假至子女一周岁止，休假期间的月工资按照不低于休假前本人基本工资的百分之七十五发给。\n"
     "第二条 本办法自发布之日起施行。",
     "第一条 符合法律法规规定生育的职工，经单位批准，夫妻一方可以休育儿假至子女一周岁止，或者夫妻双方可以在子女六周岁前每年各累计休五至十天的育儿假。"
     "夫妻一方休育儿假至子女一周岁止的，期间的月工资不低于休假前本人基本工资的百分之七十五；"
     "夫妻双方在子女六周岁前每年各累计休五至十天育儿假的，期间享受在岗职工同等待遇。\n"
     "第二条 本办法自发布之日起施行。",
     [("added", None, 5.0), ("added", None, 6.0)], ["育儿假"]),
    # accounting law 2024 第四十一条 (an inserted article here): 违法所得二十万元以上 and 不足二十万元 are one threshold
    ("a-threshold-and-its-complement-are-one-rule-accounting-law-2024",
     "第一条 本法自发布之日起施行。",
     "第一条 伪造、变造会计凭证的，没收违法所得，违法所得二十万元以上的，对单位可以并处违法所得一倍以上十倍以下的罚款，"
     "没有违法所得或者违法所得不足二十万元的，可以并处二十万元以上二百万元以下的罚款。\n"
     "第二条 本法自发布之日起施行。",
     [("added", None, 200000.0), ("added", None, 100.0), ("added", None, 200000.0)], ["罚款", "1倍至10倍"]),
    # dongguan rental housing safety 第十条 -> 第十四条: the deadline's event renamed (出租合同 -> 房屋租赁合同), not changed
    ("a-deadline-event-renamed-is-no-change-dongguan",
     "第一条 出租屋信息应当自签订出租合同之日起三个工作日内报送。\n第二条 本规定自发布之日起施行。",
     "第一条 出租屋信息应当自签订房屋租赁合同之日起三个工作日内报送。\n第二条 本规定自发布之日起施行。",
     [], []),
    # env-pollution interpretation 2016 第一条 -> 2023 第一条: the last count left on each side governs another thing
    # (一人以上重伤 went to another article; 二次以上行政处罚 is new): repealed and added, not 1 -> 2
    ("the-last-numbers-left-of-other-words-are-two-rules-env-pollution-2023",
     "第一条 实施刑法第三百三十八条规定的行为，具有下列情形之一的，应当认定为“严重污染环境”：\n"
     "（一）非法排放、倾倒、处置危险废物三吨以上的；\n（二）致使一人以上重伤、中度残疾或者器官组织损伤导致严重功能障碍的。\n"
     "第二条 本解释自发布之日起施行。",
     "第一条 实施刑法第三百三十八条规定的行为，具有下列情形之一的，应当认定为“严重污染环境”：\n"
     "（一）非法排放、倾倒、处置危险废物三吨以上的；\n（二）超标排放实行排放总量控制的大气污染物受过二次以上行政处罚的。\n"
     "第二条 本解释自发布之日起施行。",
     [("removed", 1.0, None), ("added", None, 2.0)], ["行政处罚"]),
    # work-injury determination 2003 第十七条 -> 2011 第二十二条: 20 working days became 20 (calendar) days
    ("working-days-to-days-is-a-change-work-injury-2011",
     "第一条 劳动保障行政部门应当自工伤认定决定作出之日起20个工作日内，将工伤认定决定送达工伤认定申请人以及受伤害职工。\n"
     "第二条 本办法自发布之日起施行。",
     "第一条 社会保险行政部门应当自工伤认定决定作出之日起20日内，将工伤认定决定送达受伤害职工。\n"
     "第二条 本办法自发布之日起施行。",
     [("changed", 20.0, 20.0)], ["20个工作日改为20天"]),
    # hebei population and family planning 2021 第四十九条: the fine now falls only on who 拒不改正
    ("a-fine-moved-to-an-aggravated-tier-is-not-its-old-value-hebei-2021",
     "第一条 违反本条例规定的，由卫生健康主管部门责令改正，处五千元以上一万五千元以下的罚款。\n第二条 本条例自发布之日起施行。",
     "第一条 违反本条例规定的，由卫生健康主管部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下的罚款。\n"
     "第二条 本条例自发布之日起施行。",
     [("removed", 5000.0, None), ("added", None, 5000.0)], ["拒不改正的"]),
    # foshan new-citizen points 2014 -> 2016 第十一条: the old 情节严重 tier is folded into the rule itself
    ("an-old-tier-folded-into-the-rule-is-that-rule-changed-foshan-2016",
     "第一条 新市民提供虚假申请资料的，所得积分清零；情节严重的，3年内不得申请积分。\n第二条 本办法自发布之日起施行。",
     "第一条 新市民提供虚假申请资料的，取消当年积分申请资格，所得积分清零，且两年内不得申请积分。\n"
     "第二条 本办法自发布之日起施行。",
     [("changed", 36.0, 24.0)], ["不得申请积分"]),
    # state-council organic law 1982 第九条 -> 2024 第十二条: two offices of one range stated together
    ("two-rules-of-one-value-stated-together-are-unchanged-organic-law-2024",
     "第一条 各部设部长一人，副部长二至四人。各委员会设主任一人，副主任二至四人，委员五至十人。\n第二条 本法自公布之日起施行。",
     "第一条 国务院组成部门设部长（主任、行长、审计长）一人，副部长（副主任、副行长、副审计长）二至四人；委员会可以设委员五至十人。\n"
     "第二条 本法自公布之日起施行。",
     [], []),
    # state compensation law 1994 第十三条 -> 2010 第十四条: a deadline to pay and a deadline to sue are two rules
    ("deadlines-from-other-events-for-other-acts-are-not-paired-state-compensation-2010",
     "第一条 赔偿义务机关应当自收到申请之日起两个月内依照本法第四章的规定给予赔偿；逾期不予赔偿的，赔偿请求人可以自期间届满之日起三个月内向人民法院提起诉讼。\n"
     "第二条 本法自公布之日起施行。",
     "第一条 赔偿义务机关在规定期限内未作出是否赔偿的决定，赔偿请求人可以自期限届满之日起三个月内，向人民法院提起诉讼。"
     "赔偿义务机关作出不予赔偿决定的，赔偿请求人可以自赔偿义务机关作出赔偿或者不予赔偿决定之日起三个月内，向人民法院提起诉讼。\n"
     "第二条 本法自公布之日起施行。",
     [("added", None, 3.0), ("removed", 2.0, None)], ["收到申请"]),
    # state compensation law 1994 第三十二条 -> 2010 第三十九条: the two-year limitation now runs from another event
    ("a-period-counted-from-another-event-named-after-it-state-compensation-2010",
     "第一条 赔偿请求人请求国家赔偿的时效为两年，自国家机关及其工作人员行使职权时的行为被依法确认为违法之日起计算。\n第二条 本法自公布之日起施行。",
     "第一条 赔偿请求人请求国家赔偿的时效为两年，自其知道或者应当知道国家机关及其工作人员行使职权时的行为侵犯其人身权、财产权之日起计算。\n"
     "第二条 本法自公布之日起施行。",
     [("changed", 24.0, 24.0)], ["时效"]),
    # private lending 2015 -> 2020 第二十九条: the cap rewritten as a multiple of the LPR, the 6% default rate repealed
    ("one-left-beside-several-pairs-with-the-one-of-its-context-private-lending-2020",
     "第一条 借贷双方对逾期利率有约定的，从其约定，但以不超过年利率24%为限。\n未约定逾期利率的，出借人可以主张借款人自逾期还款之日起按照年利率6%支付资金占用期间利息。\n"
     "第二条 本规定自公布之日起施行。",
     "第一条 借贷双方对逾期利率有约定的，从其约定，但是以不超过合同成立时一年期贷款市场报价利率四倍为限。\n第二条 本规定自公布之日起施行。",
     [("changed", 24.0, 400.0), ("removed", 6.0, None)], ["为限", "由24%提高至4倍"]),
    # 司法鉴定程序通则 2007 第二十六条 -> 2016 第二十八条: the term now runs from the 委托书 taking effect (在…之日起 read)
    ("a-deadline-from-another-event-forensic-appraisal-2016",
     "第一条 司法鉴定机构应当在与委托人签订司法鉴定协议书之日起30个工作日内完成委托事项的鉴定。\n第二条 本通则自发布之日起施行。",
     "第一条 司法鉴定机构应当自司法鉴定委托书生效之日起三十个工作日内完成鉴定。\n第二条 本通则自发布之日起施行。",
     [("changed", 30.0, 30.0)], ["起算"]),
    # 道路运输条例 2022 -> 2023 第六十三条: one fine for every unlicensed operation, then one per operation in items;
    # the item that keeps the old values is no change, the others are the rule's new values for their cases
    ("one-rule-fanned-out-into-items-road-transport-2023",
     "第一条 未取得道路运输经营许可，擅自从事道路运输经营的，由交通运输主管部门责令停止经营；没有违法所得或者违法所得不足2万元的，处3万元以上10万元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     "第一条 有下列情形之一的，由交通运输主管部门责令停止经营，并处罚款：\n"
     "（一）未取得道路运输经营许可，擅自从事道路普通货物运输经营，没有违法所得或者违法所得不足1万元的，处3000元以上1万元以下的罚款；\n"
     "（二）未取得道路运输经营许可，擅自从事道路危险货物运输经营，没有违法所得或者违法所得不足2万元的，处3万元以上10万元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     [("changed", 20000.0, 10000.0), ("changed", 30000.0, 3000.0)], ["罚款"]),
    # 道路运输条例 2022 第七十五条 -> 2023 第七十四条: one of the acts the old fine covered now fined in a paragraph of its own
    ("an-act-of-the-old-rule-fined-in-a-paragraph-of-its-own-road-transport-2023",
     "第一条 外国国际道路运输经营者未按照规定的线路运输或者未标明国籍识别标志的，由交通运输主管部门责令停止运输，处3万元以上6万元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     "第一条 外国国际道路运输经营者未按照规定的线路运输的，由交通运输主管部门责令停止运输，处3万元以上6万元以下的罚款。\n"
     "外国国际道路运输经营者未按照规定标明国籍识别标志的，由交通运输主管部门责令停止运输，处200元以上2000元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     [("changed", 30000.0, 200.0)], ["罚款"]),
    # a new paragraph fining an act the old article never named is a new rule, not the old fine's case
    ("a-new-act-in-a-paragraph-of-its-own-is-added",
     "第一条 经营者未按照规定的线路运输的，由交通运输主管部门责令停止运输，处3万元以上6万元以下的罚款。\n第二条 本条例自公布之日起施行。",
     "第一条 经营者未按照规定的线路运输的，由交通运输主管部门责令停止运输，处3万元以上6万元以下的罚款。\n"
     "站场经营者允许无证车辆进站从事经营活动的，由交通运输主管部门责令改正，处200元以上2000元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     [("added", None, 200.0)], ["罚款"]),
    # 临沧市南汀河保护管理条例 2017 -> 2020 第四十五条: fines by the duties they sanction (违反第X项规定的): each paired with
    # the fine for the same duties, the one for 第一项、第二项 with that for 第一项, the one for 第七项 with 第二项、第七项's
    ("fines-paired-by-the-duties-they-sanction-lincang-2020",
     "第一条 违反本条例第九条规定，按下列规定予以处罚：\n违反第一项、第二项规定的，由水行政部门责令停止违法行为，可以处以5000元以上2万元以下罚款。\n"
     "违反第三项规定的，由水行政部门责令停止违法行为，并处以1万元以上5万元以下罚款。\n"
     "违反第七项规定的，由水行政部门责令其停止违法行为，并处以2000元以上1万元以下罚款。\n第二条 本条例自公布之日起施行。",
     "第一条 违反本条例第九条规定的，按下列规定予以处罚：\n违反第一项规定的，由水行政部门责令停止违法行为，并处以1万元以上5万元以下罚款。\n"
     "违反第二项、第七项规定的，由水行政部门责令停止违法行为，处以3万元以上6万元以下罚款。\n"
     "违反第三项规定的，由水行政部门责令停止违法行为，并处以1万元以上5万元以下罚款。\n第二条 本条例自公布之日起施行。",
     [("changed", 5000.0, 10000.0), ("changed", 2000.0, 30000.0)], ["罚款"]),
    # 临沧市南汀河保护管理条例 2017 -> 2020 第四十三条: a sentence opens on the duty it sanctions (违反第六项规定，属于自采自用的，
    # …情节严重的处以…): its fines are for 第六项, and the new fine of 第七项 (溜砂, a new item) is a rule added, not a case of them
    ("a-fine-for-another-duty-is-a-new-rule-lincang-2020",
     "第一条 违反本条例第九条规定的，按下列规定处罚：\n违反第六项规定，属于自采自用的，由自然资源部门给予警告，责令停止违法行为，"
     "情节严重的处以1000元以上5000元以下罚款；属于经营性行为的，责令停止违法行为，可以并处以2万元以上10万元以下罚款。\n"
     "违反第七项规定的，由水行政部门责令停止违法行为，限期整改，并处以5000元以上2万元以下罚款。\n第二条 本条例自公布之日起施行。",
     "第一条 违反本条例第九条规定的，按下列规定处罚：\n违反第六项规定，属于自采自用的，由自然资源部门给予警告，责令停止违法行为，"
     "情节严重的处以1000元以上5000元以下罚款；属于经营性行为的，责令停止违法行为，可以并处以2万元以上10万元以下罚款。\n"
     "违反第七项规定的，由水行政部门给予警告，责令停止违法行为，情节严重的处以2万元以上10万元以下罚款。\n"
     "违反第八项规定的，由生态环境部门依据有关法律法规规定处罚。\n第二条 本条例自公布之日起施行。",
     [("added", None, 20000.0), ("removed", 5000.0, None)], ["罚款"]),
    # 会计法 2017 第四十三条, 第四十四条 -> 2024 第四十一条: two articles of one pattern merged, each fine stated in both: the
    # copy in the second is the same rule, not a fine repealed
    ("fines-of-two-merged-articles-are-one-rule-accounting-law-2024",
     "第一条 伪造、变造会计凭证、会计帐簿，编制虚假财务会计报告的，由财政部门予以通报，可以对单位并处五千元以上十万元以下的罚款；"
     "其中的会计人员，五年内不得从事会计工作。\n"
     "第二条 隐匿或者故意销毁依法应当保存的会计凭证、会计帐簿、财务会计报告的，由财政部门予以通报，可以对单位并处五千元以上十万元以下的罚款；"
     "其中的会计人员，五年内不得从事会计工作。\n第三条 本法自发布之日起施行。",
     "第一条 伪造、变造会计凭证、会计账簿，编制虚假财务会计报告，隐匿或者故意销毁依法应当保存的会计凭证、会计账簿、财务会计报告的，"
     "由财政部门责令限期改正，给予警告、通报批评，对单位可以并处二十万元以上二百万元以下的罚款；其中的会计人员，五年内不得从事会计工作。\n"
     "第二条 本法自发布之日起施行。",
     [("changed", 5000.0, 200000.0)], ["罚款"]),
    # 长江河道采砂管理条例 2001 -> 2023 第十九条: a fallback from the aggravated tier's multiple (情节严重…的，…货值金额2倍以上
    # 20倍以下的罚款；货值金额不足10万元的，并处…) is of that tier, not the old base fine rewritten
    ("a-fallback-of-an-aggravated-tier-is-of-that-tier-yangtze-2023",
     "第一条 采砂单位、个人未按照河道采砂许可证规定的要求采砂的，责令停止违法行为，没收违法开采的砂石和违法所得，处5万元以上10万元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     "第一条 采砂单位、个人未按照河道采砂许可证规定的要求采砂的，责令停止违法行为，没收违法开采的砂石和违法所得，"
     "并处违法开采的砂石货值金额1倍以上2倍以下的罚款；情节严重或者在禁采区、禁采期采砂的，没收采砂船舶，"
     "并处违法开采的砂石货值金额2倍以上20倍以下的罚款，货值金额不足10万元的，并处20万元以上200万元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     [("added", None, 100.0), ("added", None, 200.0), ("added", None, 100000.0), ("added", None, 200000.0),
      ("removed", 50000.0, None)], ["罚款"]),
    # 山东省药品使用条例 2012 第三十六条 -> 2021 第三十七条: fines of one wording (处以…的罚款) for a list of acts; the fine of
    # item （三） raised to the range of the old item （四）, which is repealed: each fine goes with its act, not with the
    # next act's fine of its new value
    ("fines-of-one-wording-go-with-their-act-shandong-2021",
     "第一条 违反本条例规定，有下列情形之一的，由药品监督管理部门责令限期改正，给予警告；逾期不改正的，按照下列规定处罚：\n"
     "（一）未按照规定保存购进验收记录的，处以一千元以上三千元以下的罚款；\n"
     "（二）裸手直接接触片剂、胶囊或者直接口服的中药饮片等无包装药品的，处以五百元以上一千元以下的罚款；\n"
     "（三）以非药品充当药品治疗疾病的，处以三千元以上一万元以下的罚款。\n第二条 本条例自公布之日起施行。",
     "第一条 违反本条例规定，有下列情形之一的，由药品监督管理部门责令限期改正，给予警告；逾期不改正的，按照下列规定处罚：\n"
     "（一）未按照规定保存购进验收记录的，处以三千元以上一万元以下的罚款；\n"
     "（二）裸手直接接触片剂、胶囊或者直接口服的中药饮片等无包装药品的，处以三千元以上一万元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     [("changed", 1000.0, 3000.0), ("changed", 500.0, 3000.0), ("removed", 3000.0, None)], ["罚款"]),
    # blind5 机动车驾驶证申领和使用规定 2021 -> 2024 第十四条: an item of age ranges split in two, each case its new upper end;
    # the subject of 在…以上，…以下 is its item's case (申请…准驾车型的)
    ("age-ranges-of-an-item-split-into-cases-driving-licence-2024",
     "第一条 申请机动车驾驶证的人，应当符合下列年龄条件：\n1. 申请小型汽车准驾车型的，在18周岁以上；\n"
     "2. 申请三轮汽车、普通二轮摩托车准驾车型的，在18周岁以上，60周岁以下；\n"
     "3. 申请大型客车准驾车型的，在22周岁以上，60周岁以下。\n第二条 本规定自公布之日起施行。",
     "第一条 申请机动车驾驶证的人，应当符合下列年龄条件：\n1. 申请小型汽车准驾车型的，在18周岁以上；\n"
     "2. 申请普通二轮摩托车准驾车型的，在18周岁以上，70周岁以下；\n3. 申请三轮汽车准驾车型的，在18周岁以上，63周岁以下；\n"
     "4. 申请大型客车准驾车型的，在22周岁以上，63周岁以下。\n第二条 本规定自公布之日起施行。",
     [("changed", 18.0, 18.0), ("changed", 18.0, 18.0), ("changed", 22.0, 22.0)], ["普通二轮摩托车", "大型客车"]),
    # blind5 机动车驾驶证申领和使用规定 2024 第六十五条: 但年龄在63周岁以上… restates the rule's threshold as its exception
    ("an-exception-at-the-rules-threshold-is-no-new-rule-driving-licence-2024",
     "第一条 年龄在60周岁以上的，不得驾驶大型客车。\n第二条 本规定自公布之日起施行。",
     "第一条 年龄在63周岁以上的，不得驾驶大型客车。但年龄在63周岁以上，通过能力测试的，可以申请延长驾驶资格期限，"
     "延长期限最长不超过三年。\n第二条 本规定自公布之日起施行。",
     [("changed", 60.0, 63.0), ("added", None, 36.0)], ["年龄", "延长期限"]),
    # blind5 吴忠市城乡容貌和环境卫生治理条例 2018 第五十八条 -> 2024 第五十四条: two offences fined alike, now one sentence
    # fining both: each old fine's new value is the one fine
    ("two-cases-fined-alike-now-one-case-wuzhong-2024",
     "第一条 焚烧生活垃圾或者其他废弃物的，责令改正，对单位处一万元以上十万元以下的罚款，对个人处五百元以上二千元以下的罚款；"
     "倾倒、填埋生活垃圾或者其他废弃物的，责令改正，对单位处五千元以上五万元以下的罚款，对个人处二百元以下的罚款。\n"
     "第二条 本条例自公布之日起施行。",
     "第一条 随意倾倒、抛撒、堆放或者焚烧生活垃圾的，责令改正，对单位处以五万元以上五十万元以下罚款，对个人处以一百元以上五百元以下罚款。\n"
     "第二条 本条例自公布之日起施行。",
     [("changed", 10000.0, 50000.0), ("changed", 500.0, 100.0), ("changed", 5000.0, 50000.0), ("changed", 200.0, 100.0)],
     ["单位", "个人"]),
    # real 浙江省餐厨垃圾管理办法 2017 第三十一条 -> 2023 第三十条: an item of a list deleted, though fined as the next one,
    # is repealed, not folded into the next item's fine
    ("an-item-fined-as-the-next-deleted-is-repealed-zhejiang-2023",
     "第一条 有下列行为之一的，责令限期改正；逾期不改正的，按以下规定处罚：\n（一）产生单位自行就地处置餐厨垃圾未报送备案的，处以1000元以上5000元以下罚款。\n"
     "（二）产生单位未建立相应的记录台账的，处以1000元以上5000元以下罚款。\n第二条 本办法自公布之日起施行。",
     "第一条 有下列行为之一的，责令限期改正；逾期不改正的，按照以下规定处罚：\n（一）产生单位未建立相应的记录台账的，处以1000元以上5000元以下罚款。\n"
     "第二条 本办法自公布之日起施行。",
     [("removed", 1000.0, None)], ["罚款"]),
    # blind5 机动车驾驶证申领和使用规定 2024 第六十五条: 年满63周岁前一年内 is one deadline, its age the period's anchor
    ("an-age-a-period-is-counted-to-is-its-anchor-driving-licence-2024",
     "第一条 年龄在60周岁以上的，不得驾驶大型客车。\n第二条 本规定自公布之日起施行。",
     "第一条 年龄在60周岁以上的，不得驾驶大型客车。需要继续驾驶的，可以在年满60周岁前一年内申请延长驾驶资格期限。\n"
     "第二条 本规定自公布之日起施行。",
     [("added", None, 12.0)], ["年满60周岁前"]),
    ("the-age-of-a-periods-anchor-changed",
     "第一条 驾驶人可以在年满60周岁前一年内申请延长驾驶资格期限。\n第二条 本规定自公布之日起施行。",
     "第一条 驾驶人可以在年满63周岁前一年内申请延长驾驶资格期限。\n第二条 本规定自公布之日起施行。",
     [("changed", 12.0, 12.0)], ["起算"]),
    ("nothing-changed-nothing-reported",
     "第一条 给予一次性补贴1000元，期限不超过3年。\n第二条 本办法自发布之日起施行。",
     "第一条 给予一次性补贴1000元，期限不超过3年。\n第二条 本办法自发布之日起施行。",
     [], []),
]


@pytest.mark.parametrize(("old", "new", "expected", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_number_changes(tmp_path: Path, old: str, new: str, expected: list[tuple[str, float | None, float | None]],
                        words: list[str]) -> None:
    d = _diff(tmp_path, old, new)
    assert d.relation == "version"
    assert _numbers(d) == sorted(expected)
    numbers = [c for c in d.changes if c.kind not in ("group", "condition")]
    for w in words:
        assert any(w in c.summary for c in numbers), (w, [c.summary for c in numbers])


def test_a_moved_rule_is_moved_not_removed_and_added(tmp_path: Path) -> None:
    old = ("第一条 有下列情形之一的，给予警告：\n（一）拒不配合检查的；\n（二）虚报补贴资金5000元以上的。\n"
           "第二条 有下列情形之一的，处以罚款：\n（一）伪造申请材料的。\n第三条 本办法自发布之日起施行。")
    new = ("第一条 有下列情形之一的，给予警告：\n（一）拒不配合检查的。\n"
           "第二条 有下列情形之一的，处以罚款：\n（一）伪造申请材料的；\n（二）虚报补贴资金5000元以上的。\n第三条 本办法自发布之日起施行。")
    d = _diff(tmp_path, old, new)
    moved = [c for c in d.changes if c.change == "moved"]
    assert [(c.a_value, c.b_value, c.a_section, c.b_section) for c in moved] == [(5000.0, 5000.0, "第一条", "第二条")]
    assert not [c for c in d.changes if c.kind == "money" and c.change in ("added", "removed")]
    # each number of the versions it belongs to: the old 第一条, the new 第二条 (原第十三条 → 新第十三条 reads right)
    assert moved[0].summary.endswith("由原第一条移至新第二条"), moved[0].summary


def _real(name: str) -> Diff:
    a, b = sorted(REVISIONS.glob(f"{name}-*.txt"))[:2]
    return documents_to_diff(parse_file(a)[0], parse_file(b)[0])


@pytest.fixture(scope="module")
def real_diffs() -> dict[str, Diff]:
    names = ["beijing-parking", "anti-unfair-competition-law", "env-pollution-interpretation", "beijing-filing-review"]
    return {n: _real(n) for n in names}


def _key(c: ParameterChange) -> tuple[object, ...]:
    """A change as reported: two numbers of one clause (过半数的业主且…过半数) are two changes, one number twice is one."""
    spans = (c.a_evidence.span if c.a_evidence else None, c.b_evidence.span if c.b_evidence else None)
    return (c.kind, c.change, c.a_value, c.b_value, c.a_section, c.b_section, c.a_quote, c.b_quote, spans)


def test_no_change_is_reported_twice(real_diffs: dict[str, Diff]) -> None:
    for name, d in real_diffs.items():
        keys = [_key(c) for c in d.changes]
        assert len(keys) == len(set(keys)), name


def test_every_change_has_evidence_on_its_sides(real_diffs: dict[str, Diff]) -> None:
    for name, d in real_diffs.items():
        for c in d.changes:
            assert (c.a_quote is None) == (c.a_evidence is None), (name, c.summary)
            assert (c.b_quote is None) == (c.b_evidence is None), (name, c.summary)
            assert c.a_quote is not None or c.b_quote is not None, (name, c.summary)


@pytest.mark.parametrize(
    ("name", "a", "b", "status"),
    [
        pytest.param("beijing-parking", "第一章", "第一章", "unchanged", id="parking-chapter-1-unchanged"),
        pytest.param("beijing-parking", "第三章", "第三章", "modified", id="parking-chapter-3-modified"),
        pytest.param("anti-unfair-competition-law", "第二章", "第二章", "modified", id="auc-2017-2019-chapter-2"),
    ],
)
def test_chapters_are_aligned(real_diffs: dict[str, Diff], name: str, a: str, b: str, status: str) -> None:
    assert (a, b, status) in {(c.a, c.b, c.status) for c in real_diffs[name].chapters}


def test_parts_of_an_article_are_read_as_kuan_and_xiang() -> None:
    doc = parse_file(REVISIONS / "env-pollution-interpretation-2016.txt")[0]
    first = articles(doc)[0]
    labels = [p.label for p in parts(doc, first)]
    assert labels[:3] == ["第1款", "第1款（一）", "第1款（二）"]
    assert all(doc.text[p.span[0] : p.span[1]].strip().endswith(p.text[-3:]) for p in parts(doc, first))


def test_items_renumbered_inside_a_split_article(real_diffs: dict[str, Diff]) -> None:
    # 2016 第一条（十八） reads as 2023 第一条（十一）: the item kept, its number changed
    pair = next(p for p in real_diffs["env-pollution-interpretation"].pairs if (p.a, p.b) == ("第一条", "第一条"))
    assert any(q.a == "第1款（二）" and q.b == "第1款（二）" and q.status == "unchanged" for q in pair.parts)
    assert any(q.a == "第1款（十八）" and q.b == "第1款（十一）" for q in pair.parts)


REAL_CASES = [
    # (id, pair of corpus/revisions, (change, kind, old value, new value, old article, new article), reported or not)
    ("ozone-base-tier-fine-with-base-tier", "ozone-depleting-substances",
     ("changed", "money", 20000.0, 100000.0, "第五章/第三十三条", "第五章/第三十二条"), True),
    ("ozone-aggravated-fine-with-aggravated", "ozone-depleting-substances",
     ("changed", "money", 100000.0, 500000.0, "第五章/第三十三条", "第五章/第三十二条"), True),
    ("accounting-persons-fine-with-persons-fine", "accounting-law",
     ("changed", "money", 2000.0, 50000.0, "第六章/第四十二条", "第五章/第四十条"), True),
    ("accounting-unit-fine-with-unit-fine", "accounting-law",
     ("changed", "money", 3000.0, 200000.0, "第六章/第四十二条", "第五章/第四十条"), True),
    ("chongqing-one-year-leave-restated-is-not-new", "chongqing-population-family-planning",
     ("added", "age", None, 1.0, None, "第四章/第二十三条"), False),
    ("env-pollution-injuries-not-paired-with-penalties-count", "env-pollution-interpretation",
     ("changed", "count", 1.0, 2.0, "第一条", "第一条"), False),
    ("dongguan-contract-renamed-is-no-new-anchor", "dongguan-rental-housing-safety",
     ("changed", "duration", 3.0, 3.0, "第十条", "第十四条"), False),
    # the alignment leaves old 第二十五条 without a partner beside 第二十四条 -> new 第二十九条 (a merge): its deadline is
    # paired with the new one there, not repealed and added
    ("beijing-filing-deadline-of-a-missed-merge", "beijing-filing-review",
     ("changed", "duration", 60.0, 30.0, "第四章/第二十五条", "第四章/第二十九条"), True),
    # new 第三章/第二十条 left without a partner beside new 第二十一条 <- old 第二十条 (a split)
    ("chongqing-children-of-a-missed-split", "chongqing-population-family-planning",
     ("changed", "count", 2.0, 3.0, "第三章/第二十条", "第三章/第二十条"), True),
    # old 第四十三条's fines are twins of 第四十四条's (merged into new 第四十一条): not paired with other new fines
    ("accounting-twin-fine-not-rejoined", "accounting-law",
     ("changed", "money", 3000.0, 500000.0, "第六章/第四十三条", "第五章/第四十一条"), False),
    # old 第四十九条 (伪造证明: 五千元以上一万五千元以下) is linked to new 第四十九条 (托育机构: 拒不改正的，处五千元以上五万元
    # 以下): a fine is not the old value of an aggravated tier's fine
    ("hebei-fine-not-paired-with-an-aggravated-tier", "hebei-population-family-planning",
     ("changed", "money", 5000.0, 5000.0, "第六章/第四十九条", "第六章/第四十九条"), False),
    ("food-safety-item-stays-in-its-main-partner", "food-safety-interpretation",
     ("moved", "money", 100000.0, 100000.0, "第六条", "第三条"), False),
]


@pytest.fixture(scope="module")
def case_diffs() -> dict[str, Diff]:
    return {name: _real(name) for name in sorted({c[1] for c in REAL_CASES})}


@pytest.mark.parametrize(("name", "change", "reported"), [c[1:] for c in REAL_CASES], ids=[c[0] for c in REAL_CASES])
def test_real_number_changes(case_diffs: dict[str, Diff], name: str,
                             change: tuple[str, str, float | None, float | None, str | None, str | None], reported: bool) -> None:
    found = {(c.change, c.kind, c.a_value, c.b_value, c.a_section, c.b_section) for c in case_diffs[name].changes}
    assert (change in found) == reported, sorted(f for f in found if f[1] == change[1])


def test_the_aggravating_words_come_from_their_data_file() -> None:
    """data/aggravating.txt holds the conditions of an aggravated tier; each is a word of one, none a comment."""
    from importlib import resources

    from extractor.compare.pairing import AGGRAVATING

    text = resources.files("extractor.data").joinpath("aggravating.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    assert AGGRAVATING == tuple(words) and {"情节严重", "拒不改正", "逾期不改正"} <= set(AGGRAVATING)


def test_a_work_renamed_by_its_revision_is_a_version(tmp_path: Path) -> None:
    """golden/diffs/blind3 互联网域名管理办法: 中国互联网络域名管理办法 (2004, 信息产业部) revised as 互联网域名管理办法 (2017,
    工业和信息化部): the titles alike and most articles linked make it a version, so an inserted article's rules are new."""
    body = "".join(f"第{n}条 域名注册服务机构应当遵守第{n}项管理规定，按照要求报送材料。\n" for n in "一二三四五")
    (tmp_path / "v1.txt").write_text(f"中国互联网络域名管理办法\n{body}第六条 本办法自公布之日起施行。\n", encoding="utf-8")
    (tmp_path / "v2.txt").write_text(f"互联网域名管理办法\n{body}第六条 拟终止相关服务的，应当提前30日书面通知用户。\n"
                                     "第七条 本办法自公布之日起施行。\n", encoding="utf-8")
    d = documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v2.txt")[0])
    assert d.relation == "version"
    assert _numbers(d) == [("added", None, 30.0)]
    (tmp_path / "v3.txt").write_text(f"互联网信息服务管理办法\n{body}第六条 本办法自公布之日起施行。\n", encoding="utf-8")
    other = documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v3.txt")[0])
    assert other.relation != "version"  # another work of the same wording: its title is not the first's


def test_a_period_of_other_units_keeps_each_sides_unit_and_the_right_verb(tmp_path: Path) -> None:
    """golden/diffs/blind3 互联网域名管理办法 2004 第四十四条 -> 2017 第五十七条: 六十日内 -> 十二个月内 is longer (60 days
    against 12 months), each side's value in its own unit; 三个月 -> 九十日 (fresh 上海 物业) likewise."""
    d = _diff(tmp_path, "第一条 应当自本办法施行之日起六十日内办理。\n第二条 本办法自公布之日起施行。",
              "第一条 应当自本办法施行之日起十二个月内办理。\n第二条 本办法自公布之日起施行。")
    (c,) = [c for c in d.changes if c.kind == "duration"]
    assert (c.a_value, c.a_unit, c.b_value, c.b_unit) == (60.0, "day", 12.0, "month")
    assert "提高" in c.summary
    d = _diff(tmp_path, "第一条 应当提前三个月书面告知对方。\n第二条 本办法自公布之日起施行。",
              "第一条 应当提前六十日书面告知对方。\n第二条 本办法自公布之日起施行。")
    (c,) = [c for c in d.changes if c.kind == "duration"]
    assert (c.a_value, c.a_unit, c.b_value, c.b_unit) == (3.0, "month", 60.0, "day") and "降低" in c.summary
