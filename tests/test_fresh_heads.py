"""Heads that the fresh documents (corpus/fresh, golden/fresh, issue 9) got wrong, each a named case taken from
those documents: the lines of a head, and the field it must give."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.segment.heads import full_organ_name, is_head_like, organ_of_number, split_organs
from extractor.segment.meta import paragraphs_to_head

TIANJIN_FIELDS = [
    "【标 \u3000 题】 关于落实《天津市限价商品住房管理暂行办法》有关问题的通知", "【文\u3000\u3000号】 津国土房改〔2008〕291号",
    "【内容分类】\xa0住房保障", "【颁布单位】\xa0有关委局", "【颁布日期】2008-4-20", "关于落实《天津市限价商品住房管理暂行办法》有关问题的通知",
    "市内六区、环城四区房管局，各有关单位：", "为做好限价商品住房申请审核及销售管理等工作，现就有关问题通知如下：", "一、关于年收入线标准",
    "二〇〇八年四月二十日"]
XIAN_FIELDS = [
    "西安市人民政府办公厅关于印发西安市居住证管理实施办法的通知",
    "发布机构 \t市政府办公厅 \t 发布时间 \t2016-04-27 \t 文号： \t市政办发〔2016〕23号", "各区、县人民政府，市人民政府各工作部门、各直属机构：",
    "《西安市居住证管理实施办法》已经市政府同意，现印发给你们，请认真遵照执行。", "西安市人民政府办公厅", "2016年4月25日",
    "西安市居住证管理实施办法", "第一条 为贯彻实施《居住证暂行条例》，制定本办法。"]
FUZHOU_FIELDS = [
    "索\xa0引\xa0号：FZ00101-2706-2012-00090", "发布机构：福州市人民政府办公厅", "文号：榕政办〔2012〕203号",
    "发文日期：2012年09月12日", "名称：福州市人民政府办公厅关于积极稳妥推进户籍管理制度改革有关工作的通知",
    "内容概述：关于积极稳妥推进户籍管理制度改革有关工作的通知", "福州市人民政府办公厅关于积极稳妥推进户籍管理制度改革有关工作的通知",
    "发布日期：2012年09月17日", "各县（市）区人民政府，市直各委、办、局（公司）：", "现将有关事项通知如下：", "一、分类明确城镇落户政策",
    "福州市人民政府办公厅", "2012年9月12日"]
WUHAN_SIGNATURE = [
    "关于印发《武汉市公共租赁住房租金和补贴管理暂行规定》的通知", "武房发〔2013〕62号", "各区（开发区）房管局、财政局、物价局、民政局：",
    "我们对原《武汉市公共租赁住房租金和补贴管理暂行规定》进行了修订，现印发给你们，请遵照执行。", "附件：武汉市公共租赁住房租金和补贴管理暂行规定",
    "武汉市住房保障和房屋管理局\xa0\xa0\xa0\xa0\xa0\xa0武汉市财政局", "武汉市物价局\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0武汉市民政局",
    "二〇一三年五月二日", "武汉市公共租赁住房租金和补贴管理暂行规定", "第一章\xa0\xa0总\xa0\xa0\xa0则"]

HEADS = [
    # (id, the document's first lines, field, value)
    # golden/blind5 惠州 2014: a news item that signs nowhere is dated by its page's 日期 field (an ISO date)
    ("blind5-huizhou-news-dated-by-its-page", [
        "《惠州市城乡居民基本养老保险暂行办法》出炉", "来源：南方日报", "日期：2014-09-04", "点击：1366",
        "缴费基本标准分十档 最高每人每年缴3600元", "南方日报讯 （记者/聂金钊）经2014年7月28日十一届72次市政府常务会议审议通过，《办法》正式出炉。"],
     "date", dt.date(2014, 9, 4)),
    ("guangdong-letter-spaced-signature", [
        "广东省人力资源社会保障厅 广东省财政厅 广东省地方税务局关于完善灵活就业人员参加企业职工基本养老保险有关规定的通知",
        "粤人社规〔2016〕4号", "各地级以上市人力资源和社会保障（社会保障）局：", "为完善企业职工基本养老保险制度，现就有关问题通知如下：",
        "七、本通知自2016年5月1日起施行。", "广东省人力资源和社会保障厅         广 东 省 财 政 厅", "广东省地方税务局", "2016年3月28日"],
     "issuers", ["广东省人力资源和社会保障厅", "广东省财政厅", "广东省地方税务局"]),
    ("hubei-title-with-its-number", [
        "关于解决农民工住房问题的指导意见(鄂建【2015】13号）", "关于解决农民工住房问题的指导意见",
        "各市、直管市、神农架林区房管局，恩施州住建委:", "为认真贯彻落实《国务院关于进一步做好为农民工服务工作的意见》，提出如下指导意见：",
        "湖北省住建厅", "2015年6月25日"],
     "title", "关于解决农民工住房问题的指导意见"),
    ("hubei-short-agency-name", [
        "关于解决农民工住房问题的指导意见(鄂建【2015】13号）", "关于解决农民工住房问题的指导意见",
        "各市、直管市、神农架林区房管局，恩施州住建委:", "为认真贯彻落实有关意见，提出如下指导意见：", "湖北省住建厅", "2015年6月25日"],
     "issuers", ["湖北省住房和城乡建设厅"]),
    ("nanjing-tizhu-without-dates", [
        "南京市城乡居民最低生活保障条例",
        "（南京市第十三届人民代表大会常务委员会第十一次会议制定 江苏省第十届人民代表大会常务委员会第十一次会议批准 根据南京市第十四届"
        "人民代表大会常务委员会第十九次会议通过 江苏省第十一届人民代表大会常务委员会第十八次会议批准的《关于修改〈南京市城乡居民最低生活保障条例〉的决定》修正）",
        "第一条 为了保障城乡居民的基本生活，规范和完善最低生活保障制度，制定本条例。"],
     "issuers", ["南京市人民代表大会常务委员会"]),
    ("fuzhou-makers-under-the-title", [
        "关于城乡居民基本医保政策一体化实施方案", "市医改办  市卫计委  市财政局  市人社局  市民政局", "(2015年12月)",
        "为健全和完善基本医疗保障制度，根据《福建省人民政府办公厅转发省医改办等部门关于城乡居民基本医保政策一体化实施意见的通知》"
        "（闽政办〔2015〕17号）精神，结合我市实际，制定本实施方案。", "一、工作目标"],
     "title", "关于城乡居民基本医保政策一体化实施方案"),
    # the same plan: its makers under the title, printed without their city, are 福州市's (the city the text names most)
    ("fuzhou-makers-under-the-title-are-the-issuers", [
        "关于城乡居民基本医保政策一体化实施方案", "市医改办  市卫计委  市财政局  市人社局  市民政局", "(2015年12月)",
        "为健全和完善基本医疗保障制度，推进城乡一体化进程，根据《福建省人民政府办公厅转发省医改办等部门关于城乡居民基本医保政策"
        "一体化实施意见的通知》（闽政办〔2015〕17号）精神，结合我市实际，制定本实施方案。", "一、工作目标",
        "医疗救助对象、计生家庭由政府资助个人参保费用，具体政策仍按《福州市人民政府关于印发福州市城乡医疗救助办法的通知》（榕政综"
        "〔2011〕24号）、《中共福州市委、福州市人民政府关于坚持计划生 育基本国策促进人口长期均衡发展的实施意见》（榕委发〔2015〕9号）、"
        "《福建省人口和计划生育委员会、福建省财政厅、福建省卫生厅关于进一步做好计划生育家庭新型农村合作医疗补助工作的通知》"
        "（闽人口发〔2009〕49号）等相关文件规定执行。"],
     "issuers", ["福州市医改办", "福州市卫生和计划生育委员会", "福州市财政局", "福州市人力资源和社会保障局", "福州市民政局"]),
    # corpus/revisions 最高人民法院关于审理民间借贷案件适用法律若干问题的规定 2015: the maker under a title that names it
    ("supreme-court-maker-under-its-title-is-one-issuer", [
        "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", "中华人民共和国最高人民法院",
        "为正确审理民间借贷纠纷案件，根据有关法律，结合审判实践，制定本规定。", "第一条 本规定所称的民间借贷，是指自然人之间进行资金融通的行为。"],
     "issuers", ["最高人民法院"]),
    ("zhongshan-letterhead-without-title", [
        "中山市人民政府办公室文件", "中府办〔2014〕50号", "火炬开发区管委会，翠亨新区管委会，各镇政府、区办事处，市各有关单位：",
        "    《中山市流动人员积分制管理实施细则》已经市政府同意，现印发给你们，请贯彻执行。",
        "                         中山市人民政府办公室           2014年10月23日", "中山市流动人员积分制管理实施细则",
        "    第一条  为推进我市流动人员积分制管理，制定本细则。"],
     "title", "中山市流动人员积分制管理实施细则"),
    ("zhongshan-letterhead-notice-type", [
        "中山市人民政府办公室文件", "中府办〔2014〕50号", "火炬开发区管委会，翠亨新区管委会，各镇政府、区办事处，市各有关单位：",
        "    《中山市流动人员积分制管理实施细则》已经市政府同意，现印发给你们，请贯彻执行。",
        "                         中山市人民政府办公室           2014年10月23日", "中山市流动人员积分制管理实施细则",
        "    第一条  为推进我市流动人员积分制管理，制定本细则。"],
     "doc_type", "通知"),
    # corpus/revisions 国家赔偿法 1994 (golden/diffs/blind2): adopted and promulgated 同日, on one line without brackets
    ("state-compensation-adopted-and-promulgated-the-same-day", [
        "中华人民共和国国家赔偿法",
        "1994年5月12日第八届全国人民代表大会常务委员会第七次会议通过，同日以中华人民共和国主席令第23号公布，自1995年1月1日起施行。",
        "第一章 总 则", "第一条 为保障公民、法人和其他组织享有依法取得国家赔偿的权利，根据宪法，制定本法。"],
     "issuers", ["全国人民代表大会常务委员会"]),
    # corpus/revisions 司法鉴定程序通则 2007 (golden/diffs/blind2): the decree's number set on three lines of its own
    ("forensic-appraisal-decree-number-on-lines-of-its-own", [
        "司法鉴定程序通则", "中华人民共和国司法部令", "第", "107", "号",
        "《司法鉴定程序通则》已经2007年7月18日司法部部务会议审议通过，现予公布，自2007年10月1日起施行。", "二〇〇七年八月七日",
        "司 法 鉴 定 程 序 通 则", "第一章 总 则", "第一条", "为了规范司法鉴定机构和司法鉴定人的司法鉴定活动，制定本通则。"],
     "doc_number", "中华人民共和国司法部令第107号"),
    ("forensic-appraisal-decree-gives-the-issuer", [
        "司法鉴定程序通则", "中华人民共和国司法部令", "第", "107", "号",
        "《司法鉴定程序通则》已经2007年7月18日司法部部务会议审议通过，现予公布，自2007年10月1日起施行。", "二〇〇七年八月七日",
        "司 法 鉴 定 程 序 通 则", "第一章 总 则", "第一条", "为了规范司法鉴定机构和司法鉴定人的司法鉴定活动，制定本通则。"],
     "issuers", ["司法部"]),
    ("forensic-appraisal-tongze-is-a-type", ["司法鉴定程序通则", "第一章 总 则", "第一条 为了规范司法鉴定活动，制定本通则。"],
     "doc_type", "通则"),
    # corpus/revisions 重庆市人口与计划生育条例 2021 (golden/diffs/heldout): a 题注 line that dropped 委员会
    ("chongqing-tizhu-without-weiyuanhui", [
        "重庆市人口与计划生育条例", "1997年9月13日 重庆市第一届人民代表大会常务委员会第三次会议通过",
        "2000年11月24日 重庆市第一届人民代表大会常务第二十八次会议《关于修改〈重庆市计划生育条例〉的决定》第一次修正",
        "第一章 总 则", "第一条 为了实行计划生育，制定本条例。"],
     "issuers", ["重庆市人民代表大会常务委员会"]),
    # corpus/blind3 天津市经济租赁房租房补贴管理规定 (津政发[2011]8号): the signature's date prints ○ (a white circle) for 〇
    ("tianjin-white-circle-zero-in-the-signature-date", [
        "天津市经济租赁房租房补贴管理规定（津政发[2011]8号）", "各区、县人民政府，各委、局，各直属单位：",
        "现将《天津市经济租赁房租房补贴管理规定》印发给你们，自2011年2月25日起施行。", "天津市人民政府", "二○一一年二月十八日",
        "天津市经济租赁房租房补贴管理规定", "第一章　 总　则"],
     "issuers", ["天津市人民政府"]),
    ("tianjin-white-circle-zero-date", [
        "天津市经济租赁房租房补贴管理规定（津政发[2011]8号）", "各区、县人民政府，各委、局，各直属单位：",
        "现将《天津市经济租赁房租房补贴管理规定》印发给你们，自2011年2月25日起施行。", "天津市人民政府", "二○一一年二月十八日",
        "天津市经济租赁房租房补贴管理规定", "第一章　 总　则"],
     "date", dt.date(2011, 2, 18)),
    # corpus/blind3 拉萨市暂住人员服务和管理条例 2009: a 题注 that names the congresses by their short name 人大常委会
    ("lhasa-short-congress-name-and-its-approver", [
        "拉萨市暂住人员服务和管理条例", "2000年9月8日 拉萨市第七届人大常委会第十八次会议通过",
        "2000年11月29日 自治区第七届人大常委会第十六次会议批准2008年12月17日拉萨市第九届人大常委会第七次会议修订"
        "2009年1月8日自治区第九届人大常委会第七次会议批准）", "第一章 总则", "第一条 为了加强暂住人员的服务和管理，制定本条例。"],
     "issuers", ["拉萨市人民代表大会常务委员会"]),
    # corpus/blind3 关于落实《天津市限价商品住房管理暂行办法》有关问题的通知 (津国土房改〔2008〕291号): a web page's
    # 【…】 fields over the text, the title printed again under them
    ("tianjin-bracketed-web-fields-title", TIANJIN_FIELDS, "title", "关于落实《天津市限价商品住房管理暂行办法》有关问题的通知"),
    ("tianjin-bracketed-web-fields-number", TIANJIN_FIELDS, "doc_number", "津国土房改〔2008〕291号"),
    # the same notice signs nowhere: its 文号's prefix names the organ (data/doc_number_agencies.yaml)
    ("tianjin-issuer-from-the-number-prefix", TIANJIN_FIELDS, "issuers", ["天津市国土资源和房屋管理局"]),
    # corpus/blind3 西安市人民政府办公厅关于印发西安市居住证管理实施办法的通知: the page's field row (tabs) holds the 文号
    ("xian-web-field-row-number", XIAN_FIELDS, "doc_number", "市政办发〔2016〕23号"),
    ("xian-web-field-row-ends-the-title", XIAN_FIELDS, "title", "西安市人民政府办公厅关于印发西安市居住证管理实施办法的通知"),
    # corpus/blind4 福州 榕政办〔2012〕203号: a web page's "name：value" fields over the text (索 引 号 spaced with no-break
    # spaces), the title printed again under them
    ("fuzhou-colon-web-fields-title", FUZHOU_FIELDS, "title", "福州市人民政府办公厅关于积极稳妥推进户籍管理制度改革有关工作的通知"),
    ("fuzhou-colon-web-fields-number", FUZHOU_FIELDS, "doc_number", "榕政办〔2012〕203号"),
    ("fuzhou-colon-web-fields-issuer", FUZHOU_FIELDS, "issuers", ["福州市人民政府办公厅"]),
    # corpus/blind4 武房发〔2013〕62号: four organs signing two a line, laid out with no-break spaces
    ("wuhan-signature-in-no-break-spaces", WUHAN_SIGNATURE, "issuers",
     ["武汉市住房保障和房屋管理局", "武汉市财政局", "武汉市物价局", "武汉市民政局"]),
    # corpus/unseen 价格违法行为行政处罚规定 2010: approved by 国务院, published by a commission with no decree of its
    # own, then revised by 国务院 three times: the State Council's rule
    ("price-violation-published-for-the-approver", [
        "价格违法行为行政处罚规定", "1999年7月10日 国务院批准", "1999年8月1日 国家发展计划委员会发布",
        "2006年2月21日 《国务院关于修改〈价格违法行为行政处罚规定〉的决定》第一次修订",
        "2008年1月13日 《国务院关于修改〈价格违法行为行政处罚规定〉的决定》第二次修订",
        "2010年12月4日 《国务院关于修改〈价格违法行为行政处罚规定〉的决定》第三次修订",
        "第一条 为了依法惩处价格违法行为，维护正常的价格秩序，保护消费者和经营者的合法权益，制定本规定。"],
     "issuers", ["国务院"]),
    # issue 9: recipients are not split into fragments at a 、 between kinds of division that share one organ
    ("xian-recipients-share-their-organ", XIAN_FIELDS, "recipients", ["各区、县人民政府", "市人民政府各工作部门", "各直属机构"]),
    ("tianjin-recipients-share-their-organ", [
        "天津市经济租赁房租房补贴管理规定（津政发[2011]8号）", "各区、县人民政府，各委、局，各直属单位：",
        "现将《天津市经济租赁房租房补贴管理规定》印发给你们，自2011年2月25日起施行。", "天津市人民政府", "二○一一年二月十八日"],
     "recipients", ["各区、县人民政府", "各委、局", "各直属单位"]),
    ("female-employees-decree-on-the-published-line", [
        "女职工劳动保护特别规定", "2012年4月18日 国务院第200次常务会议通过", "2012年4月28日 中华人民共和国国务院令第619号公布",
        "第一条 为了减少和解决女职工在劳动中因生理特点造成的特殊困难，保护女职工健康，制定本规定。"],
     "doc_number", "中华人民共和国国务院令第619号"),
]


@pytest.mark.parametrize(("lines", "field", "value"), [pytest.param(*c[1:], id=c[0]) for c in HEADS])
def test_head(lines, field, value):
    head = paragraphs_to_head(lines)
    got = getattr(head, field)
    assert (got.text if field == "doc_number" and got is not None else got) == value


def test_the_published_line_gives_the_date_too():
    head = paragraphs_to_head(HEADS[-1][1])
    assert head.date == dt.date(2012, 4, 28)


ORGANS = [
    ("letter-spaced", "广东省人力资源和社会保障厅         广 东 省 财 政 厅", ["广东省人力资源和社会保障厅", "广东省财政厅"]),
    ("short-names", "市医改办  市卫计委  市财政局  市人社局  市民政局", ["市医改办", "市卫计委", "市财政局", "市人社局", "市民政局"]),
    ("not-organs", "关于解决农民工住房问题的指导意见", []),
]


@pytest.mark.parametrize(("line", "organs"), [pytest.param(*c[1:], id=c[0]) for c in ORGANS])
def test_split_organs(line, organs):
    assert split_organs(line) == organs


@pytest.mark.parametrize(("short", "full"), [
    pytest.param("湖北省住建厅", "湖北省住房和城乡建设厅", id="hubei-housing"),
    pytest.param("市卫计委", "市卫生和计划生育委员会", id="fuzhou-health"),
    pytest.param("广东省地方税务局", "广东省地方税务局", id="already-full"),
])
def test_full_organ_name(short, full):
    assert full_organ_name(short) == full


@pytest.mark.parametrize(("line", "head_like"), [
    pytest.param("为健全和完善基本医疗保障制度，根据《福建省人民政府办公厅转发省医改办等部门关于城乡居民基本医保政策一体化实施意见的通知》"
                 "（闽政办〔2015〕17号）精神，结合我市实际，制定本实施方案。", False, id="fuzhou-sentence-citing-a-number"),
    pytest.param("粤人社规〔2016〕4号", True, id="guangdong-number-line"),
])
def test_a_sentence_citing_a_number_is_no_head_line(line, head_like):
    assert is_head_like(line) is head_like


@pytest.mark.parametrize(("agency", "text", "organ"), [
    # corpus/blind3 津国土房改〔2008〕291号: a municipality's department is a 局
    pytest.param("津国土房改", "关于落实《天津市限价商品住房管理暂行办法》有关问题的通知", "天津市国土资源和房屋管理局", id="tianjin-land-housing"),
    # corpus/blind3 津政发[2011]8号 (signed by 天津市人民政府)
    pytest.param("津政发", "天津市经济租赁房租房补贴管理规定", "天津市人民政府", id="tianjin-government"),
    # issue 9: 京人社养发 -> 北京市人力资源和社会保障局
    pytest.param("京人社养发", "北京市企业退休人员", "北京市人力资源和社会保障局", id="beijing-hrss"),
    pytest.param("津国土房改", "某市住房", None, id="place-not-named-in-the-text"),
    pytest.param("市政办发", "西安市人民政府办公厅", None, id="no-province-prefix"),
])
def test_organ_of_number(agency, text, organ):
    assert organ_of_number(agency, text) == organ


def test_a_headline_of_a_quoted_title_is_placed_by_that_title(tmp_path) -> None:
    # golden/blind5 惠州 2014: no issuer; the headline opens with the title it reports, whose city is the region
    from extractor.pipeline import parse_file

    (tmp_path / "x.txt").write_text("\n".join(HEADS[0][1]), encoding="utf-8")
    doc = parse_file(tmp_path / "x.txt")[0]
    assert (doc.region, doc.level, doc.issuers) == ("广东省惠州市", "municipal", [])
