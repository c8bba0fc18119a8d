"""Heads of laws and regulations: the title without its 题注, the 题注's version history, the issuing organ, the
date of the latest version and the date in force, and whether two files are versions of one work.

Measured on the real revision pairs of ``corpus/revisions`` (gold titles from ``golden/diffs/real``); the
expected events below were written by reading the 题注 printed in each file, not from the program.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from functools import cache
from pathlib import Path

import pytest

from extractor.pipeline import parse_file
from extractor.records import Document
from extractor.records import VersionEvent
from extractor.text.patterns import is_tizhu_line
from extractor.segment.versions import (
    issuers_of,
    organ_of,
    parse_order,
    parse_tizhu,
    resolve_events,
    same_work,
    work_title,
)

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "golden" / "diffs" / "real"
REVISIONS = ROOT / "corpus" / "revisions"
NPC = "全国人民代表大会常务委员会"
BJ = "北京市人民代表大会常务委员会"
SH = "上海市人民代表大会常务委员会"


def _pairs() -> list[tuple[str, str, str, str, str]]:
    """(pair name, a file, a gold title, b file, b gold title) for every real pair."""
    out = []
    for f in sorted(REAL.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        out.append((g["name"], Path(g["a"]["path"]).name, g["a_title"], Path(g["b"]["path"]).name, g["b_title"]))
    return out


PAIRS = _pairs()
SIDES = [(f"{name}-{side}", file, title) for name, fa, ta, fb, tb in PAIRS for side, file, title in
         (("a", fa, ta), ("b", fb, tb))]


@cache
def doc(name: str) -> Document:
    docs = parse_file(REVISIONS / name)
    assert len(docs) == 1
    return docs[0]


def test_the_real_pairs_are_there() -> None:
    assert len(PAIRS) >= 13 and len(SIDES) == 2 * len(PAIRS)


@pytest.mark.parametrize(("file", "title"), [s[1:] for s in SIDES], ids=[s[0] for s in SIDES])
def test_title_leaves_out_the_tizhu(file: str, title: str) -> None:
    assert doc(file).title == title


# (file, number of events its 题注 prints, issuers, date of the latest version, date in force or None)
HEADS = [
    # 本办法自发布之日起施行: the 发布 of 1999
    ("adoption-registration-2019.txt", 2, ["国务院", "民政部"], dt.date(1999, 5, 25), dt.date(1999, 5, 25)),
    ("adoption-registration-2023.txt", 4, ["国务院", "民政部"], dt.date(2023, 7, 20), dt.date(1999, 5, 25)),
    ("anti-unfair-competition-law-1993.txt", 1, [NPC], dt.date(1993, 9, 2), dt.date(1993, 12, 1)),
    ("anti-unfair-competition-law-2017.txt", 2, [NPC], dt.date(2017, 11, 4), dt.date(2018, 1, 1)),
    ("anti-unfair-competition-law-2019.txt", 3, [NPC], dt.date(2019, 4, 23), dt.date(2018, 1, 1)),
    ("beijing-audit-2017.txt", 1, [BJ], dt.date(2012, 7, 27), dt.date(2012, 10, 1)),
    ("beijing-audit-2023.txt", 3, [BJ], dt.date(2023, 11, 24), dt.date(2012, 10, 1)),
    ("beijing-filing-review-2021.txt", 2, [BJ], dt.date(2021, 11, 26), dt.date(2022, 1, 1)),
    ("beijing-filing-review-2024.txt", 3, [BJ], dt.date(2024, 9, 27), dt.date(2024, 11, 1)),
    ("beijing-lawmaking-2017.txt", 3, ["北京市人民代表大会", BJ], dt.date(2017, 1, 20), None),
    ("beijing-lawmaking-2023.txt", 4, ["北京市人民代表大会", BJ], dt.date(2023, 7, 28), None),
    ("beijing-parking-2021.txt", 2, [BJ], dt.date(2021, 9, 24), dt.date(2018, 5, 1)),
    ("beijing-parking-2024.txt", 3, [BJ], dt.date(2024, 3, 29), dt.date(2018, 5, 1)),
    ("beijing-water-law-2019.txt", 1, [BJ], dt.date(2004, 5, 27), dt.date(2004, 10, 1)),
    ("beijing-water-law-2022.txt", 3, [BJ], dt.date(2022, 11, 25), dt.date(2004, 10, 1)),
    ("env-pollution-interpretation-2016.txt", 0, ["最高人民法院", "最高人民检察院"], None, dt.date(2017, 1, 1)),
    ("env-pollution-interpretation-2023.txt", 3, ["最高人民法院", "最高人民检察院"], dt.date(2023, 7, 27),
     dt.date(2023, 8, 15)),
    ("internet-cafe-regulation-2019.txt", 3, ["国务院"], dt.date(2016, 2, 6), dt.date(2002, 11, 15)),
    ("internet-cafe-regulation-2022.txt", 5, ["国务院"], dt.date(2022, 3, 29), dt.date(2002, 11, 15)),
    ("shanghai-audiovisual-2021.txt", 4, [SH], dt.date(2021, 8, 25), dt.date(1997, 10, 1)),
    ("shanghai-audiovisual-2024.txt", 5, [SH], dt.date(2024, 12, 31), dt.date(1997, 10, 1)),
    ("shanghai-filing-review-2021.txt", 1, [SH], dt.date(2021, 5, 21), dt.date(2021, 7, 1)),
    ("shanghai-filing-review-2024.txt", 2, [SH], dt.date(2024, 11, 28), dt.date(2021, 7, 1)),
    ("state-council-organic-law-1982.txt", 1, ["全国人民代表大会"], dt.date(1982, 12, 10), None),
    ("state-council-organic-law-2024.txt", 2, ["全国人民代表大会"], dt.date(2024, 3, 11), None),
    # The rules (规章). Their heads print a decree (令) instead of a legislature's 题注.
    # Line 2 '2014年8月19日 国家市场监督管理总局公布' (the repository's line: the 总局 of 2018 did not exist in
    # 2014; the issuer was the 国家工商行政管理总局, which 第二十条 names: '本办法由国家工商行政管理总局负责解释');
    # 第二十一条 '本办法自2014年10月1日起施行'.
    ("enterprise-abnormal-list-2014.txt", 1, ["国家工商行政管理总局"], dt.date(2014, 8, 19), dt.date(2014, 10, 1)),
    # Line 3 '(2014年8月19日国家工商行政管理总局令第68号公布　根据2025年3月18日国家市场监督管理总局令第101号修订)':
    # 2 events (line 2 '2025年3月18日 国家市场监督管理总局公布' is the same 令第101号); this version's organ is the 总局
    # of 令第101号; 第十九条 keeps '本办法自2014年10月1日起施行'.
    ("enterprise-abnormal-list-2025.txt", 2, ["国家市场监督管理总局"], dt.date(2025, 3, 18), dt.date(2014, 10, 1)),
    # Lines 4-7: '(劳动和社会保障部令第17号)', '《工伤认定办法》已于2003年9月18日经劳动和社会保障部第5次部务会议通过，
    # 现予颁布，自2004年1月1日起施行。', '部长 郑斯林', '二○○三年九月二十三日': 通过, 公布 (the signing date), 施行.
    # (Line 2 is the repository's note, which says the same.)
    ("work-injury-determination-2003.txt", 3, ["劳动和社会保障部"], dt.date(2003, 9, 23), dt.date(2004, 1, 1)),
    # Line 4 '（2010年12月31日人力资源社会保障部令第 8号公布 自2011年1月1日起施行）', under the repository's note and
    # the title printed again.
    ("work-injury-determination-2010.txt", 2, ["人力资源社会保障部"], dt.date(2010, 12, 31), dt.date(2011, 1, 1)),
    # No head; the last line '浙江省人民政府办公厅 2017年1月23日印发': the 办公厅 prints (印发) the rule of the 省人民政府
    # (令第351号 of 2017-01-20, which this text does not print), so the date is the 印发 date; 第三十三条
    # '本办法自2017年7月1日起施行'.
    ("zhejiang-kitchen-waste-2017.txt", 0, ["浙江省人民政府"], dt.date(2017, 1, 23), dt.date(2017, 7, 1)),
    # Line 2, after the title on its own line: '（２０１７年１月２０日浙江省人民政府令第３５１号公布；根据２０２３年３月２０日
    # 浙江省人民政府令第３９６号公布的《…决定》修正）'; 第三十二条 keeps '本办法自２０１７年７月１日起施行'.
    ("zhejiang-kitchen-waste-2023.txt", 2, ["浙江省人民政府"], dt.date(2023, 3, 20), dt.date(2017, 7, 1)),
    # Lines 2-6: '上海市人民政府令' / '第71号', '…已经2011年10月10日市政府第121次常务会议通过，现予公布，自公布之日起
    # 施行。', '市长 韩正', '二○一一年十月十九日': 通过, 公布, 施行 on the day of 公布; line 8 '（2011年10月19日上海市
    # 人民政府令第71号公布）' prints the same 公布.
    ("shanghai-expropriation-2011.txt", 3, ["上海市人民政府"], dt.date(2011, 10, 19), dt.date(2011, 10, 19)),
    # No head, no signature (the 令第15号 of 2025-01-08 that republished it is not printed); 第五十二条
    # '本细则自公 布之 日起施 行' has no date to go by.
    ("shanghai-expropriation-2025.txt", 0, [], None, None),
    # Lines 2-4: '《上海市政府信息公开规定》已经2008年4月7日市政府第5次常务会议通过，现予公布，自2008年5月1日起施行。',
    # '市 长 韩 正', '二○○八年四月二十八日'; line 6 '（2008年4月28日上海市人民政府令第2号公布）' prints the same 公布.
    ("shanghai-info-disclosure-2008.txt", 3, ["上海市人民政府"], dt.date(2008, 4, 28), dt.date(2008, 5, 1)),
    # Lines 2-6: '上海市人民政府令' / '第32号', '…已经2020年4月13日市政府第82次常务会议通过，现予公布，自2020年6月1日
    # 起施行。', '代理市长 龚正', '2020年4月26日'; line 8 '（2020年4月26日上海市人民政府令第32号公布）'.
    ("shanghai-info-disclosure-2020.txt", 3, ["上海市人民政府"], dt.date(2020, 4, 26), dt.date(2020, 6, 1)),
    # Line 2 '（1991年10月4日江苏省人民政府发布，1997年12月15日江苏省人民政府第109号令修正发布，2004年6月29日…第23号令
    # 修正发布，2008年3月20日…第41号令修正发布）'; 第四十七条 '本实施办法自发布之日起施行': the 发布 of 1991.
    ("jiangsu-salt-2008.txt", 4, ["江苏省人民政府"], dt.date(2008, 3, 20), dt.date(1991, 10, 4)),
    # Line 2, as in 2008 and '2012年2月26日江苏省人民政府第81号令修正发布'.
    ("jiangsu-salt-2012.txt", 5, ["江苏省人民政府"], dt.date(2012, 2, 26), dt.date(1991, 10, 4)),
    # No head (the title printed twice), no signature (the 第228号令 of 2011-01-10 is not printed); 第二十九条
    # '本规定自2011年4月1日起施行'.
    ("beijing-illegal-construction-2011.txt", 0, [], None, dt.date(2011, 4, 1)),
    # Line 2, on the title's own line: '(2011 年 1 月 10 日北京市人民政府第 228 号令公布 根据2020 年 10 月 13 日北京市
    # 人民政府第 295 号令修改 自 2020 年11 月 15 日起施行)'.
    ("beijing-illegal-construction-2020.txt", 3, ["北京市人民政府"], dt.date(2020, 10, 13), dt.date(2020, 11, 15)),
    # Lines 2-6, one event a line: '2002年12月1日 湖北省第九届人民代表大会常务委员会第三十七次会议通过', 2008 修订, and
    # 修正 of 2010, 2014 and '2016年1月13日 …第三次修正）'; 第四十八条 '本条例自公布之日起施行', and no 公布 date printed.
    ("hubei-population-family-planning-2016.txt", 5, ["湖北省人民代表大会常务委员会"], dt.date(2016, 1, 13), None),
    # Lines 2-9: the five events above, then 修正 of 2019-11-29, 2020-06-03 and '2021年11月26日 …第六次修正）';
    # 第四十三条 '本条例自公布之日起施行'.
    ("hubei-population-family-planning-2021.txt", 8, ["湖北省人民代表大会常务委员会"], dt.date(2021, 11, 26), None),
    # Lines 2-5: '2003年7月18日 …第四次会议通过', 修正 of 2014-05-30 and 2015-07-24, '2016年3月29日 …第三次修正）';
    # 第五十五条 '本条例自2003年10月1日起施行'.
    ("hebei-population-family-planning-2016.txt", 4, ["河北省人民代表大会常务委员会"], dt.date(2016, 3, 29), dt.date(2003, 10, 1)),
    # The 题注 as stored stops at the 修正 of 2016-03-29 (lines 2-5, the same four events); the 2021 修正 is not
    # printed, so the latest date in the head is 2016's. 第五十三条 '本条例自2021年11月23日起施行'.
    ("hebei-population-family-planning-2021.txt", 4, ["河北省人民代表大会常务委员会"], dt.date(2016, 3, 29), dt.date(2021, 11, 23)),
]


def test_every_version_of_a_law_regulation_or_rule_has_its_head_case() -> None:
    """Every file of every real pair, of every genre (laws, regulations, judicial interpretations and the 规章)."""
    files = set()
    for f in sorted(REAL.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        files |= {Path(g["a"]["path"]).name, Path(g["b"]["path"]).name}
    assert {h[0] for h in HEADS} == files


@pytest.mark.parametrize(("file", "n", "issuers", "date", "effective"), HEADS, ids=[h[0][:-4] for h in HEADS])
def test_head(file: str, n: int, issuers: list[str], date: dt.date | None, effective: dt.date | None) -> None:
    d = doc(file)
    assert len(d.versions) == n
    assert d.issuers == issuers
    assert d.date == date
    assert d.effective_date == effective
    for e in d.versions:  # every event quotes the text it came from
        assert d.text[e.span[0]:e.span[1]] == e.quote


Event = tuple[str, dt.date, str | None, str | None, int | None]  # event, date, organ, instrument, 第N次
# Read from the 题注 of the files.
EVENTS: list[tuple[str, list[Event]]] = [
    ("internet-cafe-regulation-2022.txt", [
        ("published", dt.date(2002, 9, 29), "国务院", None, None),
        ("revised", dt.date(2011, 1, 8), "国务院", "国务院关于废止和修改部分行政法规的决定", 1),
        ("revised", dt.date(2016, 2, 6), "国务院", "国务院关于修改部分行政法规的决定", 2),
        ("revised", dt.date(2019, 3, 24), "国务院", "国务院关于修改部分行政法规的决定", 3),
        ("revised", dt.date(2022, 3, 29), "国务院", "国务院关于修改和废止部分行政法规的决定", 4),
    ]),
    ("anti-unfair-competition-law-2019.txt", [
        ("adopted", dt.date(1993, 9, 2), NPC, None, None),
        ("revised", dt.date(2017, 11, 4), NPC, None, None),
        ("amended", dt.date(2019, 4, 23), NPC, "关于修改<中华人民共和国建筑法>等八部法律的决定", None),
    ]),
    ("adoption-registration-2023.txt", [
        ("approved", dt.date(1999, 5, 12), "国务院", None, None),
        ("published", dt.date(1999, 5, 25), "民政部", None, None),
        ("revised", dt.date(2019, 3, 2), "国务院", "国务院关于修改部分行政法规的决定", 1),
        ("revised", dt.date(2023, 7, 20), "国务院", "国务院关于修改和废止部分行政法规的决定", 2),
    ]),
    ("beijing-lawmaking-2017.txt", [
        ("adopted", dt.date(2001, 2, 10), "北京市人民代表大会", None, None),
        ("amended", dt.date(2003, 4, 18), BJ, "北京市制定地方性法规条例修正案", None),
        ("revised", dt.date(2017, 1, 20), "北京市人民代表大会", None, None),
    ]),
    ("env-pollution-interpretation-2023.txt", [
        ("adopted", dt.date(2023, 3, 27), "最高人民法院", None, None),
        ("adopted", dt.date(2023, 7, 27), "最高人民检察院", None, None),
        ("in_force", dt.date(2023, 8, 15), None, None, None),
    ]),
    ("shanghai-audiovisual-2024.txt", [
        ("adopted", dt.date(1997, 5, 28), SH, None, None),
        ("amended", dt.date(2003, 6, 26), SH, "关于修改〈上海市音像制品管理条例〉的决定", 1),
        ("amended", dt.date(2010, 9, 17), SH, "关于修改本市部分地方性法规的决定", 2),
        ("amended", dt.date(2021, 8, 25), SH, "关于修改〈上海市出版物发行管理条例〉等3件地方性法规的决定", 3),
        ("amended", dt.date(2024, 12, 31), SH, "关于修改〈上海市公路管理条例〉等10件地方性法规的决定", 4),
    ]),
    ("beijing-filing-review-2024.txt", [
        ("adopted", dt.date(2012, 9, 28), BJ, None, None),
        ("revised", dt.date(2021, 11, 26), BJ, None, 1),
        ("revised", dt.date(2024, 9, 27), BJ, None, 2),
    ]),
    ("state-council-organic-law-2024.txt", [
        ("adopted", dt.date(1982, 12, 10), "全国人民代表大会", None, None),
        ("revised", dt.date(2024, 3, 11), "全国人民代表大会", None, None),
    ]),
    # The rules (规章): decrees, promulgation paragraphs, 题注 of decrees.
    ("enterprise-abnormal-list-2025.txt", [
        ("published", dt.date(2014, 8, 19), "国家工商行政管理总局", None, None),
        ("revised", dt.date(2025, 3, 18), "国家市场监督管理总局", None, None),
    ]),
    ("work-injury-determination-2003.txt", [
        ("adopted", dt.date(2003, 9, 18), "劳动和社会保障部", None, None),
        ("published", dt.date(2003, 9, 23), "劳动和社会保障部", None, None),
        ("in_force", dt.date(2004, 1, 1), None, None, None),
    ]),
    ("zhejiang-kitchen-waste-2023.txt", [
        ("published", dt.date(2017, 1, 20), "浙江省人民政府", None, None),
        ("amended", dt.date(2023, 3, 20), "浙江省人民政府", "浙江省人民政府关于修改〈浙江省餐厨垃圾管理办法〉等4件规章的决定",
         None),
    ]),
    ("shanghai-expropriation-2011.txt", [  # 市政府第121次常务会议: the 上海市人民政府 of the decree
        ("adopted", dt.date(2011, 10, 10), "上海市人民政府", None, None),
        ("published", dt.date(2011, 10, 19), "上海市人民政府", None, None),
        ("in_force", dt.date(2011, 10, 19), None, None, None),  # 自公布之日起施行
    ]),
    ("jiangsu-salt-2012.txt", [  # "…第109号令修正发布": amended, and republished
        ("published", dt.date(1991, 10, 4), "江苏省人民政府", None, None),
        ("amended", dt.date(1997, 12, 15), "江苏省人民政府", None, None),
        ("amended", dt.date(2004, 6, 29), "江苏省人民政府", None, None),
        ("amended", dt.date(2008, 3, 20), "江苏省人民政府", None, None),
        ("amended", dt.date(2012, 2, 26), "江苏省人民政府", None, None),
    ]),
    ("beijing-illegal-construction-2020.txt", [  # "第 295 号令修改": amended
        ("published", dt.date(2011, 1, 10), "北京市人民政府", None, None),
        ("amended", dt.date(2020, 10, 13), "北京市人民政府", None, None),
        ("in_force", dt.date(2020, 11, 15), None, None, None),
    ]),
]


@pytest.mark.parametrize(("file", "expected"), EVENTS, ids=[e[0][:-4] for e in EVENTS])
def test_version_history(file: str, expected: list[Event]) -> None:
    got = [(e.event, e.date, e.organ, e.instrument, e.ordinal) for e in doc(file).versions]
    assert got == expected


def test_version_bodies_and_orders() -> None:
    v = doc("anti-unfair-competition-law-2019.txt").versions
    assert v[0].body == "第八届全国人民代表大会常务委员会第三次会议"
    assert v[2].body == "第十三届全国人民代表大会常务委员会第十次会议"
    v = doc("internet-cafe-regulation-2019.txt").versions
    assert v[0].order == "中华人民共和国国务院令第363号" and v[1].body is None
    assert doc("adoption-registration-2019.txt").versions[1].order == "民政部令第14号"
    v = doc("jiangsu-salt-2012.txt").versions
    assert v[1].order == "江苏省人民政府第109号令" and v[0].order is None
    v = doc("zhejiang-kitchen-waste-2023.txt").versions
    assert [e.order for e in v] == ["浙江省人民政府令第351号", "浙江省人民政府令第396号"]  # the cleaner's digits
    assert doc("work-injury-determination-2003.txt").versions[1].order == "劳动和社会保障部令第17号"
    assert doc("shanghai-info-disclosure-2020.txt").versions[0].body == "市政府第82次常务会议"


@pytest.mark.parametrize(("file_a", "file_b"), [(p[1], p[3]) for p in PAIRS], ids=[p[0] for p in PAIRS])
def test_same_work_on_each_pair(file_a: str, file_b: str) -> None:
    assert same_work(doc(file_a), doc(file_b))
    assert same_work(doc(file_b), doc(file_a))


def _work(file: str) -> str:
    return file.rsplit("-", 1)[0]


CROSS = sorted({tuple(sorted((_work(a), _work(b)))) for a, b in
                itertools.combinations({s[1] for s in SIDES}, 2) if _work(a) != _work(b)})


@pytest.mark.parametrize(("work_a", "work_b"), CROSS, ids=[f"{a}~{b}" for a, b in CROSS])
def test_not_the_same_work_across_pairs(work_a: str, work_b: str) -> None:
    fa = next(s[1] for s in SIDES if _work(s[1]) == work_a)
    fb = next(s[1] for s in SIDES if _work(s[1]) == work_b)
    assert not same_work(doc(fa), doc(fb))


# Synthetic heads, one per wording of a 题注 or an order. Each: (id, head lines, title, events, issuers,
# date, date in force).
SYNTHETIC = [
    ("brackets-one-line-amended",
     ["中华人民共和国示例法",
      "（2010年11月22日第十一届全国人民代表大会常务委员会第十八次会议通过　根据2022年2月23日第十三届全国人民代表"
      "大会常务委员会第三十三次会议《关于修改〈中华人民共和国示例法〉的决定》修正）"],
     "中华人民共和国示例法",
     [("adopted", dt.date(2010, 11, 22), NPC, None, None),
      ("amended", dt.date(2022, 2, 23), NPC, "关于修改〈中华人民共和国示例法〉的决定", None)],
     [NPC], dt.date(2022, 2, 23), dt.date(2011, 7, 1)),
    ("brackets-lines-state-council-in-force",
     ["示例条例",
      "（2005年3月1日国务院第八十次常务会议通过",
      "2005年3月8日中华人民共和国国务院令第433号公布",
      "根据2016年2月6日《国务院关于修改部分行政法规的决定》第一次修订",
      "根据2020年11月29日《国务院关于修改和废止部分行政法规的决定》第二次修订",
      "自2005年5月1日起施行）"],
     "示例条例",
     [("adopted", dt.date(2005, 3, 1), "国务院", None, None),
      ("published", dt.date(2005, 3, 8), "国务院", None, None),
      ("revised", dt.date(2016, 2, 6), "国务院", "国务院关于修改部分行政法规的决定", 1),
      ("revised", dt.date(2020, 11, 29), "国务院", "国务院关于修改和废止部分行政法规的决定", 2),
      ("in_force", dt.date(2005, 5, 1), None, None, None)],
     ["国务院"], dt.date(2020, 11, 29), dt.date(2005, 5, 1)),
    ("brackets-wrapped-line",
     ["中华人民共和国示例法",
      "（2010年11月22日第十一届全国人民代表大会常务委员会第十八次会议通过　根据2022年2月23日第十三届全国人民代表",
      "大会常务委员会第三十三次会议《关于修改〈中华人民共和国示例法〉",
      "的决定》修正）"],
     "中华人民共和国示例法",
     [("adopted", dt.date(2010, 11, 22), NPC, None, None),
      ("amended", dt.date(2022, 2, 23), NPC, "关于修改〈中华人民共和国示例法〉的决定", None)],
     [NPC], dt.date(2022, 2, 23), dt.date(2011, 7, 1)),
    ("no-brackets-provincial-revised",
     ["河南省示例条例",
      "2001年5月30日 河南省第九届人民代表大会常务委员会第二十二次会议通过",
      "2018年9月29日 河南省第十三届人民代表大会常务委员会第六次会议修订"],
     "河南省示例条例",
     [("adopted", dt.date(2001, 5, 30), "河南省人民代表大会常务委员会", None, None),
      ("revised", dt.date(2018, 9, 29), "河南省人民代表大会常务委员会", None, None)],
     ["河南省人民代表大会常务委员会"], dt.date(2018, 9, 29), dt.date(2011, 7, 1)),
    ("ministry-approved-published",
     ["示例管理办法",
      "2003年6月1日 国务院批准",
      "2003年7月1日 商务部令第5号发布"],
     "示例管理办法",
     [("approved", dt.date(2003, 6, 1), "国务院", None, None),
      ("published", dt.date(2003, 7, 1), "商务部", None, None)],
     ["国务院", "商务部"], dt.date(2003, 7, 1), dt.date(2011, 7, 1)),
    ("joint-interpretation",
     ["最高人民法院、最高人民检察院关于办理示例刑事案件适用法律若干问题的解释",
      "（2019年1月1日最高人民法院审判委员会第1760次会议、2019年2月1日最高人民检察院第十三届检察委员会"
      "第十四次会议通过，自2019年3月1日起施行）"],
     "最高人民法院、最高人民检察院关于办理示例刑事案件适用法律若干问题的解释",
     [("adopted", dt.date(2019, 1, 1), "最高人民法院", None, None),
      ("adopted", dt.date(2019, 2, 1), "最高人民检察院", None, None),
      ("in_force", dt.date(2019, 3, 1), None, None, None)],
     ["最高人民法院", "最高人民检察院"], dt.date(2019, 2, 1), dt.date(2019, 3, 1)),
    ("adopted-amendment-with-ordinal",
     ["上海市示例条例",
      "2000年1月1日 上海市第十一届人民代表大会常务委员会第十五次会议通过",
      "2010年1月1日 上海市第十三届人民代表大会常务委员会第十六次会议通过的《上海市示例条例修正案》第一次修正"],
     "上海市示例条例",
     [("adopted", dt.date(2000, 1, 1), SH, None, None),
      ("amended", dt.date(2010, 1, 1), SH, "上海市示例条例修正案", 1)],
     [SH], dt.date(2010, 1, 1), dt.date(2011, 7, 1)),
    ("state-council-order-before-title",
     ["中华人民共和国国务院令",
      "第583号",
      "《示例管理条例》已经2010年11月22日国务院第132次常务会议通过，现予公布，自2011年1月1日起施行。",
      "总理　温家宝",
      "二〇一〇年十二月一日",
      "示例管理条例"],
     "示例管理条例",
     [("adopted", dt.date(2010, 11, 22), "国务院", None, None),
      ("published", dt.date(2010, 12, 1), "国务院", None, None),
      ("in_force", dt.date(2011, 1, 1), None, None, None)],
     ["国务院"], dt.date(2010, 12, 1), dt.date(2011, 1, 1)),
    ("in-force-on-publication",
     ["示例规定",
      "2015年4月1日 示例部令第3号公布",
      "第一章 总则", "第一条 为了规范示例，制定本规定。", "第二条 本规定自公布之日起施行。"],
     "示例规定",
     [("published", dt.date(2015, 4, 1), "示例部", None, None)],
     ["示例部"], dt.date(2015, 4, 1), dt.date(2015, 4, 1)),
    ("president-order-and-tizhu",
     ["中华人民共和国主席令",
      "第二十四号",
      "《中华人民共和国示例法》已由中华人民共和国第十三届全国人民代表大会常务委员会第二十次会议于2020年6月20日"
      "通过，现予公布，自2021年1月1日起施行。",
      "中华人民共和国主席　习近平",
      "2020年6月20日",
      "中华人民共和国示例法",
      "（2020年6月20日第十三届全国人民代表大会常务委员会第二十次会议通过）"],
     "中华人民共和国示例法",
     [("adopted", dt.date(2020, 6, 20), NPC, None, None),
      ("published", dt.date(2020, 6, 20), "中华人民共和国主席", None, None),
      ("in_force", dt.date(2021, 1, 1), None, None, None)],
     [NPC], dt.date(2020, 6, 20), dt.date(2021, 1, 1)),
]

# Synthetic heads of rules (规章), one per wording of their decrees.
SYNTHETIC += [
    ("city-decree-two-lines-chinese-date",
     ["示例市人民政府令",
      "第5号",
      "《示例市示例管理办法》已经2019年1月1日市政府第3次常务会议通过，现予公布，自2019年3月1日起施行。",
      "市长　张三",
      "二○一九年一月十日",
      "示例市示例管理办法"],
     "示例市示例管理办法",
     [("adopted", dt.date(2019, 1, 1), "示例市人民政府", None, None),
      ("published", dt.date(2019, 1, 10), "示例市人民政府", None, None),
      ("in_force", dt.date(2019, 3, 1), None, None, None)],
     ["示例市人民政府"], dt.date(2019, 1, 10), dt.date(2019, 3, 1)),
    ("ministry-decree-bracketed-in-force-on-publication",
     ["示例管理规定",
      "(示例部令第9号)",
      "《示例管理规定》已于2012年5月2日经示例部第4次部务会议通过，现予颁布，自公布之日起施行。",
      "部长 李四",
      "二○一二年五月八日",
      "示例管理规定"],
     "示例管理规定",
     [("adopted", dt.date(2012, 5, 2), "示例部", None, None),
      ("published", dt.date(2012, 5, 8), "示例部", None, None),
      ("in_force", dt.date(2012, 5, 8), None, None, None)],
     ["示例部"], dt.date(2012, 5, 8), dt.date(2012, 5, 8)),
    ("paragraph-without-decree-lines",
     ["示例市示例规定",
      "《示例市示例规定》已经2008年4月7日市政府第5次常务会议通过，现予公布，自2008年5月1日起施行。",
      "市 长 韩 正",
      "二○○八年四月二十八日",
      "示例市示例规定",
      "（2008年4月28日示例市人民政府令第2号公布）"],
     "示例市示例规定",
     [("adopted", dt.date(2008, 4, 7), "示例市人民政府", None, None),
      ("published", dt.date(2008, 4, 28), "示例市人民政府", None, None),
      ("in_force", dt.date(2008, 5, 1), None, None, None)],
     ["示例市人民政府"], dt.date(2008, 4, 28), dt.date(2008, 5, 1)),
    ("tizhu-on-title-line-half-width-spaces",
     ["示例市示例规定(2011 年 1 月 10 日示例市人民政府第 22 号令公布 根据2020 年 10 月 13 日示例市人民政府第 29 号令修改"
      " 自 2020 年11 月 15 日起施行)"],
     "示例市示例规定",
     [("published", dt.date(2011, 1, 10), "示例市人民政府", None, None),
      ("amended", dt.date(2020, 10, 13), "示例市人民政府", None, None),
      ("in_force", dt.date(2020, 11, 15), None, None, None)],
     ["示例市人民政府"], dt.date(2020, 10, 13), dt.date(2020, 11, 15)),
    ("tizhu-full-width-after-title-printed-again",
     ["示例省示例办法",
      "示例省示例办法（２０１７年１月２０日示例省人民政府令第３５号公布；根据２０２３年３月２０日示例省人民政府令第３９号"
      "公布的《示例省人民政府关于修改〈示例省示例办法〉等４件规章的决定》修正）"],
     "示例省示例办法",
     [("published", dt.date(2017, 1, 20), "示例省人民政府", None, None),
      ("amended", dt.date(2023, 3, 20), "示例省人民政府", "示例省人民政府关于修改〈示例省示例办法〉等4件规章的决定", None)],
     ["示例省人民政府"], dt.date(2023, 3, 20), dt.date(2011, 7, 1)),
    ("amended-and-republished-by-decree",
     ["示例省示例实施办法",
      "（1991年10月4日示例省人民政府发布，1997年12月15日示例省人民政府第109号令修正发布）"],
     "示例省示例实施办法",
     [("published", dt.date(1991, 10, 4), "示例省人民政府", None, None),
      ("amended", dt.date(1997, 12, 15), "示例省人民政府", None, None)],
     ["示例省人民政府"], dt.date(1997, 12, 15), dt.date(2011, 7, 1)),
    ("repository-line-over-the-tizhu",
     ["示例管理办法",
      "2025年3月18日 示例总局公布",
      "(2014年8月19日示例总局令第68号公布　根据2025年3月18日示例总局令第101号修订)"],
     "示例管理办法",
     [("published", dt.date(2014, 8, 19), "示例总局", None, None),
      ("revised", dt.date(2025, 3, 18), "示例总局", None, None)],
     ["示例总局"], dt.date(2025, 3, 18), dt.date(2011, 7, 1)),
    ("dated-event-lines-under-a-title-that-fills-the-line",  # a court interpretation as a law database prints it
     ["最高人民法院、最高人民检察院关于办理示例刑事案件具体应用法律若干问题的解释",
      "2011年10月31日 最高人民法院审判委员会第1529次会议、2012年2月27日最高人民检察院第十一届检察委员会第72次会议通过",
      "2012年3月29日 最高人民法院公告公布",
      "2012年6月1日 施行"],
     "最高人民法院、最高人民检察院关于办理示例刑事案件具体应用法律若干问题的解释",
     [("adopted", dt.date(2011, 10, 31), "最高人民法院", None, None),
      ("adopted", dt.date(2012, 2, 27), "最高人民检察院", None, None),
      ("published", dt.date(2012, 3, 29), "最高人民法院", None, None),
      ("in_force", dt.date(2012, 6, 1), None, None, None)],
     ["最高人民法院", "最高人民检察院"], dt.date(2012, 3, 29), dt.date(2012, 6, 1)),
    ("repository-note-and-title-printed-again",
     ["示例办法",
      "示例部令第8号于2010年12月31日公布，自2011年1月1日起施行；现行规章库提供完整文本。",
      "示例办法",
      "（2010年12月31日示例部令第 8号公布 自2011年1月1日起施行）"],
     "示例办法",
     [("published", dt.date(2010, 12, 31), "示例部", None, None),
      ("in_force", dt.date(2011, 1, 1), None, None, None)],
     ["示例部"], dt.date(2010, 12, 31), dt.date(2011, 1, 1)),
]

_BODY = ["第一章 总则", "第一条 为了规范示例，制定本法。", "第二条 本法自2011年7月1日起施行。"]


@pytest.mark.parametrize(("lines", "title", "events", "issuers", "date", "effective"),
                         [c[1:] for c in SYNTHETIC], ids=[c[0] for c in SYNTHETIC])
def test_synthetic_head(tmp_path: Path, lines: list[str], title: str, events: list[Event], issuers: list[str],
                        date: dt.date, effective: dt.date) -> None:
    f = tmp_path / "law.txt"
    body = [] if "第一章 总则" in lines else _BODY
    f.write_text("\n".join(lines + body) + "\n", encoding="utf-8")
    (d,) = parse_file(f)
    assert d.title == title
    assert [(e.event, e.date, e.organ, e.instrument, e.ordinal) for e in d.versions] == events
    assert d.issuers == issuers
    assert d.date == date
    assert d.effective_date == effective
    assert [s.num for s in d.sections] == ["第一章"]
    for e in d.versions:
        assert d.text[e.span[0]:e.span[1]] == e.quote


def test_parse_tizhu_quotes_and_spans() -> None:
    text = "（2010年11月22日A会议通过 根据2022年2月23日《国务院关于修改部分行政法规的决定》修订）"
    a, b = parse_tizhu(text, base=100)
    assert a.quote == "2010年11月22日A会议通过" and a.span == (101, 101 + len(a.quote))
    assert b.quote == "根据2022年2月23日《国务院关于修改部分行政法规的决定》修订"
    assert text[b.span[0] - 100:b.span[1] - 100] == b.quote


def test_parse_order_revised() -> None:
    (e,) = parse_order("《X条例》已经2019年3月2日国务院第42次常务会议修订通过，现予公布。")
    assert (e.event, e.date, e.organ) == ("revised", dt.date(2019, 3, 2), "国务院")


@pytest.mark.parametrize(("line", "expected"), [
    ("（2010年11月22日第十一届全国人民代表大会常务委员会第十八次会议通过", True),
    ("根据2022年2月23日《关于修改〈X法〉的决定》修正）", True),
    ("2023年8月15日 施行", True),
    ("2023年就业工作要点", False),
    ("2023年4月27日", False),
    ("关于印发《2023年工作方案》的通知", False),
    ("（２０１７年１月２０日浙江省人民政府令第３５１号公布；", True),
    ("(2011 年 1 月 10 日北京市人民政府第 228 号令公布", True),
    ("2014年8月19日 国家市场监督管理总局公布", True),
    ("人力资源社会保障部令第8号于2010年12月31日公布，自2011年1月1日起施行；", False),
], ids=["opening-bracket", "according-to", "in-force", "year-only", "date-only", "notice-title", "full-width-digits",
        "half-width-spaced", "repository-line", "repository-note"])
def test_is_tizhu_line(line: str, expected: bool) -> None:
    assert is_tizhu_line(line) is expected


@pytest.mark.parametrize(("body", "organ"), [
    ("第五届全国人民代表大会第五次会议", "全国人民代表大会"),
    ("上海市第十届人民代表大会常务委员会第三十六次会议", SH),
    ("最高人民法院审判委员会第1882次会议", "最高人民法院"),
    ("国务院第132次常务会议", "国务院"),
    ("民政部令第14号", "民政部"),
    ("中华人民共和国主席令第二十四号", "中华人民共和国主席"),
    ("北京市人民政府第228号令", "北京市人民政府"),
    ("浙江省人民政府令第３５１号", "浙江省人民政府"),
    ("劳动和社会保障部第5次部务会议", "劳动和社会保障部"),
], ids=["npc", "city-npcsc", "court", "state-council-meeting", "ministry-order", "president-order",
        "city-order-number-before-ling", "full-width-order", "ministry-meeting"])
def test_organ_of(body: str, organ: str) -> None:
    assert organ_of(body) == organ


def _synthetic_doc(tmp_path: Path, name: str, lines: list[str]) -> Document:
    f = tmp_path / name
    f.write_text("\n".join(lines + _BODY) + "\n", encoding="utf-8")
    return parse_file(f)[0]


def test_same_title_other_organ_is_another_work(tmp_path: Path) -> None:
    a = _synthetic_doc(tmp_path, "a.txt", ["物业管理条例", "2001年5月30日 河南省第九届人民代表大会常务委员会第二十二次会议通过"])
    b = _synthetic_doc(tmp_path, "b.txt", ["物业管理条例", "2003年5月30日 湖北省第十届人民代表大会常务委员会第二次会议通过"])
    c = _synthetic_doc(tmp_path, "c.txt", ["物业管理条例", "2001年5月30日 河南省第九届人民代表大会常务委员会第二十二次会议通过",
                                           "2018年9月29日 河南省第十三届人民代表大会常务委员会第六次会议修订"])
    assert not same_work(a, b)
    assert same_work(a, c)


def test_work_title_drops_a_version_label() -> None:
    assert work_title("中华人民共和国反不正当竞争法（2019年修正）") == work_title("中华人民共和国反不正当竞争法")
    assert work_title("示例办法（试行）") != work_title("示例办法")


@pytest.mark.parametrize(("file", "doc_type"), [
    ("anti-unfair-competition-law-2019.txt", "法"),
    ("state-council-organic-law-1982.txt", "法"),
    ("env-pollution-interpretation-2016.txt", "解释"),
    ("internet-cafe-regulation-2022.txt", "条例"),
    ("adoption-registration-2023.txt", "办法"),
    ("beijing-water-law-2022.txt", "办法"),
], ids=["law", "organic-law", "interpretation", "regulation", "measures", "implementing-measures"])
def test_doc_type_of_laws(file: str, doc_type: str) -> None:
    assert doc(file).doc_type == doc_type


def _ev(event: str, date: dt.date, organ: str | None, order: str | None = None) -> VersionEvent:
    return VersionEvent(event=event, date=date, body=order or organ, organ=organ, order=order,  # type: ignore[arg-type]
                        instrument=None, ordinal=None, quote="x", span=(0, 1))


ISSUERS = [
    ("decree-of-a-successor",  # 国家工商行政管理总局令第68号, revised by 国家市场监督管理总局令第101号
     [_ev("published", dt.date(2014, 8, 19), "国家工商行政管理总局", "国家工商行政管理总局令第68号"),
      _ev("revised", dt.date(2025, 3, 18), "国家市场监督管理总局", "国家市场监督管理总局令第101号")],
     ["国家市场监督管理总局"]),
    ("ministry-publication-revised-by-the-state-council",  # 民政部令第14号, then 《国务院关于修改…的决定》
     [_ev("approved", dt.date(1999, 5, 12), "国务院"),
      _ev("published", dt.date(1999, 5, 25), "民政部", "民政部令第14号"),
      _ev("revised", dt.date(2019, 3, 2), "国务院")],
     ["国务院", "民政部"]),
    ("president-signs",
     [_ev("adopted", dt.date(2020, 6, 20), NPC), _ev("published", dt.date(2020, 6, 20), "中华人民共和国主席")],
     [NPC]),
]


@pytest.mark.parametrize(("events", "issuers"), [c[1:] for c in ISSUERS], ids=[c[0] for c in ISSUERS])
def test_issuers_of(events: list[VersionEvent], issuers: list[str]) -> None:
    assert issuers_of(events) == issuers


def test_resolve_events_names_the_government_and_drops_a_repeated_publication() -> None:
    events = resolve_events([
        _ev("adopted", dt.date(2011, 10, 10), "市政府"),
        _ev("published", dt.date(2011, 10, 19), "上海市人民政府", "上海市人民政府令第71号"),
        _ev("published", dt.date(2025, 3, 18), "国家市场监督管理总局"),
        _ev("revised", dt.date(2025, 3, 18), "国家市场监督管理总局", "国家市场监督管理总局令第101号"),
    ])
    assert [(e.event, e.organ) for e in events] == [
        ("adopted", "上海市人民政府"), ("published", "上海市人民政府"), ("revised", "国家市场监督管理总局")]


@pytest.mark.parametrize(("title", "level"), [
    pytest.param("中华人民共和国居民身份证法", "national", id="a-national-law-without-its-tizhu"),  # corpus/revisions 2003 text
    pytest.param("示例条例", None, id="no-place-no-level"),
])
def test_a_law_of_the_republic_is_national_without_an_issuer(tmp_path: Path, title: str, level: str | None) -> None:
    f = tmp_path / "law.txt"
    f.write_text("\n".join([title, *_BODY]) + "\n", encoding="utf-8")
    (d,) = parse_file(f)
    assert (d.issuers, d.level) == ([], level)


@pytest.mark.parametrize(("file_a", "file_b", "same"), [
    # golden/diffs/blind2: the 2014 细则 prints its own title; the 2016 one is the notice that issues it
    pytest.param("guangzhou-points-household-rules-2014.txt", "guangzhou-points-household-rules-2016.txt", True,
                 id="a-notice-issuing-the-work-is-a-version-of-it"),
    pytest.param("guangzhou-points-household-rules-2016.txt", "guangzhou-points-household-2016.txt", False,
                 id="two-notices-issuing-two-works"),
])
def test_a_notice_is_known_by_the_instrument_it_issues(file_a: str, file_b: str, same: bool) -> None:
    assert same_work(doc(file_a), doc(file_b)) is same


@pytest.mark.parametrize("tizhu", [
    # golden/diffs/blind3 临沧市南汀河保护管理条例 2017: a 题注 of two sessions and no date
    "（临沧市第三届人民代表大会常务委员会第二十九次会议通过 云南省第十二届人民代表大会常务委员会第三十八次会议批准）",
    "(某市第一届人民代表大会常务委员会第三次会议修正)",
])
def test_an_undated_tizhu_is_not_part_of_the_title(tmp_path: Path, tizhu: str) -> None:
    path = tmp_path / "rule.txt"
    path.write_text("\n".join(["临沧市南汀河保护管理条例", tizhu, *_BODY]) + "\n", encoding="utf-8")
    assert parse_file(path)[0].title == "临沧市南汀河保护管理条例"


def test_a_judicial_interpretations_title_is_not_joined_to_the_court_under_it(tmp_path: Path) -> None:
    """golden/diffs/blind3 掩饰、隐瞒犯罪所得 解释 2015: the court's name on the line under the title is no part of it."""
    path = tmp_path / "interpretation.txt"
    title = "最高人民法院关于审理掩饰、隐瞒犯罪所得、犯罪所得收益刑事案件适用法律若干问题的解释"
    path.write_text(f"{title}\n中华人民共和国最高人民法院\n为依法惩治掩饰、隐瞒犯罪所得犯罪活动，现就审理此类案件具体适用法律的若干问题解释如下：\n"
                    "第一条 明知是犯罪所得而予以窝藏的，应当依照刑法定罪处罚。\n", encoding="utf-8")
    d = parse_file(path)[0]
    assert (d.title, d.doc_type, d.issuers) == (title, "解释", ["最高人民法院"])
