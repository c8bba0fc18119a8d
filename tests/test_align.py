"""compare/align.py in linear time (issue 13): the in-order pass's heaviest chain is the dynamic programme's answer,
each article has a bounded number of candidates, and the capped paths (candidates, a large gap, joins) align the
real revision pairs exactly as scoring every pair does."""

from __future__ import annotations

import functools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.compare import align as al
from extractor.evaluate.gold import read_gold_diff
from extractor.evaluate.run import Evaluator, ReportBuilder
from extractor.records import Document
from tests.conftest import ROOT


def _grid_chain(gain: list[list[float]]) -> list[tuple[int, int]]:
    """The in-order pass as it was before the chain: the dynamic programme over every row × column, read back from
    the first corner (a gain below 0 cannot be taken)."""
    n, m = len(gain), len(gain[0]) if gain else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for r in range(n - 1, -1, -1):
        for c in range(m - 1, -1, -1):
            take = best[r + 1][c + 1] + gain[r][c] if gain[r][c] >= 0 else -1.0
            best[r][c] = max(best[r + 1][c], best[r][c + 1], take)
    out: list[tuple[int, int]] = []
    r = c = 0
    while r < n and c < m:
        if gain[r][c] >= 0 and best[r][c] == best[r + 1][c + 1] + gain[r][c]:
            out.append((r, c))
            r, c = r + 1, c + 1
        elif best[r][c] == best[r + 1][c]:
            r += 1
        else:
            c += 1
    return out


# few distinct gains, so that many chains tie; -1: a place left out (below IN_ORDER, or not a candidate)
_GAINS = st.sampled_from([-1.0, -1.0, -1.0, 0.0, 0.03, 0.1, 0.1, 0.25, 0.83])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_GAINS, min_size=1, max_size=9), min_size=1, max_size=9))
def test_the_heaviest_chain_is_the_grid_programmes_answer(rows: list[list[float]]) -> None:
    m = min(len(r) for r in rows)
    gain = [r[:m] for r in rows]
    places = [(r, c, g) for r, row in enumerate(gain) for c, g in enumerate(row) if g >= 0]
    assert al._heaviest_chain(places, m) == _grid_chain(gain)


def _regulation(n: int, seed: int, body: str | None = None) -> str:
    rng = random.Random(seed)
    return "\n".join(f"第{k}条 {body or ''.join(chr(0x4E00 + rng.randrange(3000)) for _ in range(30))}。" for k in range(1, n + 1))


def _document(text: str) -> Document:
    from extractor.ingest.raw import RawDoc, RawLine
    from extractor.pipeline import raw_to_documents

    return raw_to_documents(RawDoc("t.txt", "text", [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))]))[0]


def _grouped(n: int) -> str:
    """n articles of 10 bigrams; bigram t of article k is shared by the 8 articles of its group after the k -> k × P[t]
    permutation, so each bigram is held by 8 articles on each side (RARE pairs) and each article shares one with 80."""
    primes = (7, 11, 13, 17, 19, 23, 29, 31, 37, 41)

    def pair(t: int, k: int) -> str:
        g = t * 75 + (k * primes[t] % n) // 8
        return chr(0x5000 + 2 * g) + chr(0x5001 + 2 * g)

    return "\n".join(f"第{k}条 {'，'.join(pair(t, k) for t in range(10))}。" for k in range(1, n + 1))


# name: (A, B): regulations of 600 articles, beyond ALL_PAIRS
CANDIDATE_CASES = {
    "unrelated": (_regulation(600, 1), _regulation(600, 2)),
    "one_text_repeated": (_regulation(600, 0, "删除"), _regulation(600, 0, "删除")),  # was 600 × 600 pairs of one text
    "many_rare_bigrams_each": (_grouped(600), _grouped(600)),  # 80 articles sharing a rare bigram with each
}


@pytest.mark.parametrize("name", list(CANDIDATE_CASES), ids=list(CANDIDATE_CASES))
def test_an_article_has_a_bounded_number_of_candidates(name: str) -> None:
    a, b = (_document(t) for t in CANDIDATE_CASES[name])
    xs, ys = al.articles(a), al.articles(b)
    assert len(xs) * len(ys) > al.ALL_PAIRS
    candidates = al._candidates(xs, ys, al._Wording(xs, ys))
    assert sum(map(len, candidates)) <= len(xs) * (4 * al.BAND + 2 + 2 * al.TOP)  # was up to every pair


REAL = sorted((ROOT / "golden" / "diffs" / "real").glob("*.json")) + sorted((ROOT / "golden" / "diffs" / "heldout").glob("*.json"))


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator(root=ROOT)


def _key(pairs: list[al.Pairing]) -> list[tuple[str | None, str | None, float, str]]:
    return [(p.a.path if p.a else None, p.b.path if p.b else None, p.similarity, p.status) for p in pairs]


@pytest.mark.parametrize("path", REAL, ids=[f"{p.parent.name}/{p.stem}" for p in REAL])
def test_a_real_pair_aligns_the_same_with_every_cap_on(path: object, evaluator: Evaluator, monkeypatch: pytest.MonkeyPatch) -> None:
    gold = read_gold_diff(path)  # type: ignore[arg-type]
    out = ReportBuilder()
    a, b = evaluator._document(path, gold.a, out), evaluator._document(path, gold.b, out)  # type: ignore[arg-type]
    assert a is not None and b is not None, out.errors
    every_pair = _key(al.align(a, b))
    for cap in ("ALL_PAIRS", "GAP_ALL", "JOIN_ALL"):
        monkeypatch.setattr(al, cap, 0)
    assert _key(al.align(a, b)) == every_pair


# name: (A's articles, B's articles, the links expected among them); the wording of corpus/texts/004 (l. 4217, 4327)
SAME_WORDING_CASES = {
    "a_list_item_and_its_text_unnumbered": (
        ["7. 贷款决议书（小微企业）", "对符合条件的人员给予补贴。", "贷款决议书（小微企业）"],
        ["贷款决议书（小微企业）", "对符合条件的人员给予补贴。", "7. 贷款决议书（小微企业）"],
        {("第1条", "第3条"): "renumbered", ("第3条", "第1条"): "renumbered", ("第2条", "第2条"): "unchanged"},
    ),
}


@pytest.mark.parametrize("name", list(SAME_WORDING_CASES), ids=list(SAME_WORDING_CASES))
def test_of_two_articles_of_one_wording_the_same_text_is_the_partner(name: str) -> None:
    """Their bigrams are the same (the item number is no wording), so both pairs score 1 (and, summed in two
    orders, the one of another text could score 1 + 2e-16): the same text is the anchor, not the nearer one."""
    xs, ys, expected = SAME_WORDING_CASES[name]
    a, b = (_document("\n".join(f"第{k}条 {t}" for k, t in enumerate(side, 1))) for side in (xs, ys))
    got = {(p.a.path if p.a else None, p.b.path if p.b else None): p.status for p in al.align(a, b)}
    assert got == expected


_OZONE_1 = ("为了加强对消耗臭氧层物质的管理，履行《保护臭氧层维也纳公约》和《关于消耗臭氧层物质的蒙特利尔议定书》规定的义务，"
            "保护臭氧层和生态环境，保障人体健康，根据《中华人民共和国大气污染防治法》，制定本条例。")
_DONGGUAN_1 = "为了加强出租屋治安与消防安全管理，根据《中华人民共和国治安管理处罚法》《中华人民共和国消防法》等有关法律、法规，结合本市实际，制定本条例。"
_OZONE_39 = ("拒绝、阻碍环境保护主管部门或者其他有关部门的监督检查，或者在接受监督检查时弄虚作假的，由监督检查部门责令改正，"
             "处1万元以上2万元以下的罚款；构成违反治安管理行为的，由公安机关依法给予治安管理处罚；构成犯罪的，依法追究刑事责任。")
_OZONE_40 = ("拒绝、阻碍生态环境主管部门或者其他有关部门的监督检查，或者在接受监督检查时弄虚作假的，由监督检查部门责令改正，"
             "处2万元以上20万元以下的罚款；构成违反治安管理行为的，由公安机关依法给予治安管理处罚；构成犯罪的，依法追究刑事责任。")
_REMOVED_ADDED = {("第1条", "第1条"): "unchanged", ("第2条", None): "removed", (None, "第2条"): "added"}

# name: (A's articles, B's articles, the links expected); articles of golden/diffs/real and heldout (their 第N条 given)
REPLACED_CASES = {
    # dongguan 第三十条 (2013 → 2024): both 违反本条例…由公安机关…, one 依法查处, the other 提供虚假个人信息…处五百元罚款
    "dongguan_30_a_penalty_replaced_under_its_number": (
        [_DONGGUAN_1, "违反本条例第十四条第一项、第二项、第六项，第十七条第一项、第二项、第五项规定的，由公安机关或者消防安全主管部门依法查处。"],
        [_DONGGUAN_1, "违反本条例第十三条第二款规定，承租人和共同居住人向出租人提供虚假个人信息的，由公安机关责令改正，处五百元罚款。"],
        _REMOVED_ADDED,
    ),
    # hebei 第四十九条: 伪造、变造、买卖计划生育证明 repealed, 托育机构 inserted; they share 由县级以上人民政府…处…罚款…刑事责任
    "hebei_49_a_penalty_replaced_under_its_number": (
        [_OZONE_1, "违反本条例规定，伪造、变造、买卖计划生育证明的，由县级以上人民政府卫生和计划生育行政部门没收违法所得，违法所得五千元以上的，"
         "处违法所得三倍以上九倍以下的罚款；没有违法所得或者违法所得不足五千元的，处五千元以上一万五千元以下的罚款；构成犯罪的，依法追究刑事责任。"],
        [_OZONE_1, "托育机构违反托育服务相关标准和规范的，由县级以上人民政府卫生健康主管部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下的罚款；"
         "情节严重的，责令停止托育服务，并处五万元以上十万元以下的罚款。\n托育机构有虐待婴幼儿行为的，其直接负责的主管人员和其他直接责任人员"
         "终身不得从事婴幼儿照护服务；构成犯罪的，依法追究刑事责任。"],
        _REMOVED_ADDED,
    ),
    # ozone 第四十一条 (inserted 2023) holds 违反本条例规定…处罚 only: not a split of 进出口单位无进出口许可证… (第四十条)
    "ozone_41_an_inserted_article_is_no_split": (
        [_OZONE_1, "进出口单位无进出口许可证或者超出进出口许可证的规定进出口消耗臭氧层物质的，由海关依照有关法律、行政法规的规定予以处罚；"
         "构成犯罪的，依法追究刑事责任。"],
        [_OZONE_1, "进出口单位无进出口许可证或者超出进出口许可证的规定进出口消耗臭氧层物质的，由海关依照有关法律、行政法规的规定予以处罚；"
         "构成犯罪的，依法追究刑事责任。", "因违反本条例规定受到行政处罚的，按照国家有关规定记入信用记录，并向社会公布。"],
        {("第1条", "第1条"): "unchanged", ("第2条", "第2条"): "unchanged", (None, "第3条"): "added"},
    ),
    # ozone 第三十九条 → 第四十条: the same offence (拒绝、阻碍…监督检查), fines raised: one article modified
    "ozone_39_a_penalty_rewritten_keeps_its_offence": (
        [_OZONE_1, _OZONE_39], [_OZONE_1, _OZONE_40], {("第1条", "第1条"): "unchanged", ("第2条", "第2条"): "modified"},
    ),
}


@pytest.mark.parametrize("name", list(REPLACED_CASES), ids=list(REPLACED_CASES))
def test_articles_alike_by_sanction_boilerplate_only_are_not_linked(name: str) -> None:
    """An article replaced under its number, or inserted beside another, shares with it only 违反本条例…由…责令…处…罚款
    (data/sanction_boilerplate.txt): repealed and inserted, not modified, split or merged."""
    xs, ys, expected = REPLACED_CASES[name]
    a, b = (_document("\n".join(f"第{k}条 {t}" for k, t in enumerate(side, 1))) for side in (xs, ys))
    got = {(p.a.path if p.a else None, p.b.path if p.b else None): p.status for p in al.align(a, b)}
    assert got == expected


_ACCOUNTING_TAIL = ("有前款行为，尚不构成犯罪的，由县级以上人民政府财政部门予以通报，可以对单位并处五千元以上十万元以下的罚款；"
                    "对其直接负责的主管人员和其他直接责任人员，可以处三千元以上五万元以下的罚款；属于国家工作人员的，"
                    "还应当由其所在单位或者有关单位依法给予撤职直至开除的行政处分；其中的会计人员，五年内不得从事会计工作。")

# name: (A's articles, B's articles, the links expected); accounting law (heldout) 第四十三条, 第四十四条 → 第四十一条
TIED_CASES = {
    "accounting_43_44_two_penalties_of_one_pattern_merged": (
        ["伪造、变造会计凭证、会计帐簿，编制虚假财务会计报告，构成犯罪的，依法追究刑事责任。\n" + _ACCOUNTING_TAIL,
         "隐匿或者故意销毁依法应当保存的会计凭证、会计帐簿、财务会计报告，构成犯罪的，依法追究刑事责任。\n" + _ACCOUNTING_TAIL],
        ["伪造、变造会计凭证、会计账簿，编制虚假财务会计报告，隐匿或者故意销毁依法应当保存的会计凭证、会计账簿、财务会计报告的，"
         "由县级以上人民政府财政部门责令限期改正，给予警告、通报批评，没收违法所得，违法所得二十万元以上的，对单位可以并处违法所得一倍以上十倍以下的罚款，"
         "没有违法所得或者违法所得不足二十万元的，可以并处二十万元以上二百万元以下的罚款；对其直接负责的主管人员和其他直接责任人员可以处十万元以上"
         "五十万元以下的罚款，情节严重的，可以处五十万元以上二百万元以下的罚款；属于公职人员的，还应当依法给予处分；其中的会计人员，"
         "五年内不得从事会计工作；构成犯罪的，依法追究刑事责任。"],
        {("第1条", "第1条"): "merged", ("第2条", "第1条"): "merged"},
    ),
}


@pytest.mark.parametrize("name", list(TIED_CASES), ids=list(TIED_CASES))
def test_an_article_left_unpaired_nearly_tied_with_the_partner_is_linked(name: str) -> None:
    """Two articles of one pattern each about as alike to the one that joins them: the pass one to one takes one, the
    other shares most of its wording with it (little own wording for a residual link) and is merged too (TIED)."""
    xs, ys, expected = TIED_CASES[name]
    a, b = (_document("\n".join(f"第{k}条 {t}" for k, t in enumerate(side, 1))) for side in (xs, ys))
    got = {(p.a.path if p.a else None, p.b.path if p.b else None): p.status for p in al.align(a, b)}
    assert got == expected


def test_the_boilerplate_phrases_are_written_as_the_wording_keeps_them() -> None:
    """Numbers and punctuation are left out of the wording (违反本条例第十三条第二款规定 → 违反本条例第条第款规定): a phrase
    written with them would give bigrams no article holds."""
    from importlib import resources

    text = resources.files("extractor.data").joinpath("sanction_boilerplate.txt").read_text(encoding="utf-8")
    phrases = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert phrases and [p for p in phrases if al._key(p) != p] == []
    assert al._boilerplate() >= al.bigrams("违反本条例第十三条第二款第三项规定的")


_KITCHEN_A29 = ("违反本办法第十二条第一款规定，处置企业对餐厨垃圾进行资源化利用、无害化处理的设施、工艺、材料及运行不符合餐厨垃圾处理技术规范"
                "和相关标准的，由市容环卫行政主管部门责令限期改正；逾期不改正的，处以2万元以上5万元以下罚款；情节严重的，处以5万元以上10万元以下罚款。")

# name: (A's articles, B's articles, the links expected); zhejiang kitchen waste (real): 第二十八条 repealed, 第二十九条 → 第二十八条
KEPT_CASES = {
    "kitchen_waste_28_repealed_not_merged_into_the_new_28": (
        ["违反本办法第十条第一款的规定，收运企业未按与餐厨垃圾产生单位约定的时间和频次收集餐厨垃圾，或者未按规定运输至处置场所交由处置企业"
         "进行处置的，由市容环卫行政主管部门责令限期改正；逾期不改正的，处以2000元以上5000元以下罚款；情节严重的，处以5000元以上30000元以下罚款。\n"
         "违反本办法第十三条第二项规定，收运企业将收运的餐厨垃圾交由本办法第八条规定以外的单位、个人处置的，由市容环卫行政主管部门责令限期改正，"
         "处以5000元以上20000元以下罚款；情节严重的，处以20000元以上50000元以下罚款。\n"
         "违反本办法第十条第二款规定，未实行密闭化运输餐厨垃圾的，处以5000元以上30000元以下罚款，由市容环卫行政主管部门责令限期改正。",
         _KITCHEN_A29],
        [_KITCHEN_A29.replace("行政主管部门", "主管部门").replace("2万元以上", "3万元以上")],
        {("第1条", None): "removed", ("第2条", "第1条"): "modified"},
    ),
}


@pytest.mark.parametrize("name", list(KEPT_CASES), ids=list(KEPT_CASES))
def test_an_article_kept_as_it_was_takes_no_link_under_its_number(name: str) -> None:
    """An article left unpaired is not linked to the one under its number when that one is its own partner kept as it
    was (SAME): the new 第二十八条 is the old 第二十九条, the old 第二十八条 was repealed."""
    xs, ys, expected = KEPT_CASES[name]
    a, b = (_document("\n".join(f"第{k}条 {t}" for k, t in enumerate(side, 1))) for side in (xs, ys))
    got = {(p.a.path if p.a else None, p.b.path if p.b else None): p.status for p in al.align(a, b)}
    assert got == expected


# name: (pair in corpus/revisions, a link expected or not); real pairs of golden/diffs
REAL_LINK_CASES = {
    # second links between two articles each paired elsewhere (a split or a merge the one-to-one pass could not give)
    # need wording on both sides that the partners do not hold (SECOND_OWN), not only a shared pattern:
    # 环境污染 解释 2016 第一条 (eighteen items) → 2023 第一条 and 第二条: items moved into the new 第二条
    "env_pollution_1_split_into_1_and_2": ("env-pollution-interpretation-2016.txt", "env-pollution-interpretation-2023.txt",
                                           ("第一条", "第二条"), True),
    # 长江河道采砂 2001 第十九条 (未按照许可证采砂) and 2023 第二十条 (运输、收购、销售…), 第二十二条 (伪造…许可证):
    # penalties of one pattern (…由…水行政主管部门或者长江水利委员会依据职权，责令停止违法行为…), no clause moved
    "yangtze_19_no_link_to_the_new_transport_penalty": ("yangtze-sand-mining-2001.txt", "yangtze-sand-mining-2023.txt",
                                                        ("第十九条", "第二十条"), False),
    "yangtze_19_no_link_to_the_licence_penalty": ("yangtze-sand-mining-2001.txt", "yangtze-sand-mining-2023.txt",
                                                  ("第十九条", "第二十二条"), False),
    # less alike (0.29), but each holds much wording beyond its partner that the other explains (SHARED_OWN, MIN_OWN)
    "beijing_illegal_construction_13_into_9": ("beijing-illegal-construction-2011.txt", "beijing-illegal-construction-2020.txt",
                                               ("第十三条", "第九条"), True),
    "shanghai_info_disclosure_17_into_26": ("shanghai-info-disclosure-2008.txt", "shanghai-info-disclosure-2020.txt",
                                            ("第三章/第十七条", "第三章/第二十六条"), True),
    # an article inserted under the number of one that was split (国家赔偿法 1994 第十三条 → 2010 第十三条 and 第十四条):
    # 0.30 alike, a sixth of its own wording found in the old one (SAME_NUMBER_LOW, SAME_NUMBER_SHARE)
    "state_compensation_13_split_keeps_its_number": ("state-compensation-law-1994.txt", "state-compensation-law-2010.txt",
                                                     ("第二章/第三节/第十三条", "第二章/第三节/第十三条"), True),
    # a pair by number and place only gives way to links far more alike (DISPLACED):
    # 内幕交易 解释 2012 第四条 → 2026 第九条 (0.7 alike), 2012 第六条 → 2026 第四条 (0.55): the two 第四条 are 0.16 alike
    "insider_trading_4_is_not_the_new_4": ("insider-trading-interpretation-2012.txt", "insider-trading-interpretation-2026.txt",
                                           ("第四条", "第四条"), False),
    "insider_trading_4_is_the_new_9": ("insider-trading-interpretation-2012.txt", "insider-trading-interpretation-2026.txt",
                                       ("第四条", "第九条"), True),
    # an article repealed and another inserted under its number, barely alike (below UNPAIRED) and each more alike to
    # another article: not one article rewritten (长江河道采砂 2001 第十七条 砂石资源费 → 2023 第十七条 运输、收购、销售;
    # 北京市规范性文件备案审查条例 第一章/第五条 信息平台 → 第五条 组织领导)
    "yangtze_17_replaced_under_its_number": ("yangtze-sand-mining-2001.txt", "yangtze-sand-mining-2023.txt",
                                             ("第十七条", "第十七条"), False),
    "beijing_filing_5_replaced_under_its_number": ("beijing-filing-review-2021.txt", "beijing-filing-review-2024.txt",
                                                   ("第一章/第五条", "第一章/第五条"), False),
    # a penalty repealed beside one of its pattern that takes its number (怀化市城市市容和环境卫生管理条例 2017 第四十六条
    # 餐厨垃圾 repealed, old 第四十七条 rewritten as the new 第四十六条): alike by the sanction wording far more than without
    # it (SAME_NUMBER_OWN), no split link under the number
    "huaihua_46_repealed_not_split_into_the_new_46": ("huaihua-city-appearance-2017.txt", "huaihua-city-appearance-2022.txt",
                                                      ("第五章/第四十六条", "第五章/第四十六条"), False),
    "huaihua_47_is_the_new_46": ("huaihua-city-appearance-2017.txt", "huaihua-city-appearance-2022.txt",
                                 ("第五章/第四十七条", "第五章/第四十六条"), True),
    # the one article left on each side between two anchors stays rewritten in its place, however little alike
    # (国家自然科学基金条例 2007 第三章/第十六条 → 2024 第三章/第十七条, 0.08)
    "natural_science_fund_16_rewritten_in_its_slot": ("natural-science-fund-2007.txt", "natural-science-fund-2024.txt",
                                                      ("第三章/第十六条", "第三章/第十七条"), True),
}


@functools.cache
def _revision(file: str) -> Document:
    from extractor.pipeline import parse_file

    return parse_file(ROOT / "corpus" / "revisions" / file)[0]


@pytest.mark.parametrize("name", list(REAL_LINK_CASES), ids=list(REAL_LINK_CASES))
def test_a_link_of_a_real_pair(name: str) -> None:
    """The links of two real versions that the split, merge and displacement rules give, or do not give."""
    a_file, b_file, link, expected = REAL_LINK_CASES[name]
    links = {(p.a.path, p.b.path) for p in al.align(_revision(a_file), _revision(b_file)) if p.a and p.b}
    assert (link in links) is expected
