"""Numbers of two versions paired across articles the alignment left apart (compare/pairing.rejoin) or moved
between articles (moves), on clauses taken from the real revision pairs of corpus/revisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from extractor.compare.align import articles
from extractor.compare.pairing import Match, Placed, moves, place, rejoin, same_anchor
from extractor.extract import extract_document
from extractor.pipeline import parse_file

CASES = [
    # (id, the article left without a partner in A, the article of B beside its neighbour's partner, one rule)
    # beijing filing review 2021 第二十五条 -> 2024 第二十九条 (merged with 第二十四条, a link the alignment missed)
    ("a-deadline-of-a-missed-merge-beijing-filing",
     "规范性文件的制定机关收到书面审查研究意见后，应当在六十日内提出是否修改或者废止的书面处理意见。",
     "经沟通，与制定机关意见不一致的，备案审查工作机构应当提出书面审查意见。制定机关应当在三十日内提出书面处理意见。",
     True),
    # fines share their wording (处…的罚款): a repealed article's fine is not the next article's new fine
    ("a-repealed-fine-is-not-a-new-fine-beside-it",
     "未建立进货台账的，由市场监督管理部门责令改正，处一千元以上五千元以下的罚款。",
     "经营者应当予以配合；拒绝检查的，由市场监督管理部门处二千元以上一万元以下的罚款。",
     False),
]


def _placed(tmp_path: Path, name: str, body: str) -> list[Placed]:
    path = tmp_path / f"{name}.txt"
    path.write_text(f"某市管理办法\n第一条 本办法适用于本市。\n第二条 {body}\n第三条 本办法自发布之日起施行。\n", encoding="utf-8")
    doc = parse_file(path)[0]
    art = articles(doc)[1]
    qs = [q for q in extract_document(doc).quantities if q.role == "parameter" and art.span[0] <= q.evidence.span[0] < art.span[1]]
    return [place(doc, q, art) for q in qs]


@pytest.mark.parametrize(("old", "new", "one_rule"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rejoin(tmp_path: Path, old: str, new: str, one_rule: bool) -> None:
    xs, ys = _placed(tmp_path, "a", old), _placed(tmp_path, "b", new)
    assert len(xs) == len(ys) == 1
    matches = [Match(xs[0], None), Match(None, ys[0])]
    near = {(xs[0].order, ys[0].order): ("a", xs[0].order - 1)}
    joined = [m for m in rejoin(matches, near, {}) if m.x is not None and m.y is not None]
    assert bool(joined) == one_rule


MOVES = [
    # (id, a clause repealed in one article, one added in another with the same value, one rule moved)
    # env-pollution interpretation 2016 第一条（十五） -> 2023 第二条（九）: the item moved up a tier
    ("an-item-moved-to-another-article-env-pollution",
     "实施刑法第三百三十八条规定的行为，致使三十人以上中毒的，应当认定为严重污染环境。",
     "实施刑法第三百三十八条规定的行为，致使三十人以上中毒的，应当认定为情节严重。",
     True),
    # fines share their wording (处…的罚款): one repealed for an act and one of the same range added for another
    ("a-fine-of-the-same-range-for-another-act-is-no-move",
     "未建立进货台账的，由市场监督管理部门责令改正，处一万元以上五万元以下的罚款。",
     "拒绝监督检查的，由市场监督管理部门责令改正，处一万元以上五万元以下的罚款。",
     False),
]


@pytest.mark.parametrize(("old", "new", "moved"), [c[1:] for c in MOVES], ids=[c[0] for c in MOVES])
def test_moves(tmp_path: Path, old: str, new: str, moved: bool) -> None:
    xs, ys = _placed(tmp_path, "a", old), _placed(tmp_path, "b", new)
    assert len(xs) == len(ys) == 1
    out = moves([Match(xs[0], None), Match(None, ys[0])])
    assert any(m.moved for m in out) == moved


_TEXT = st.text(alphabet="自之日起收到申请签订合同房屋租赁甲乙", max_size=12)
_EVENTS = st.one_of(_TEXT, _TEXT.map(lambda e: f"自{e}之日起"))


ANCHORS = [
    # (id, two anchors, one event)
    # 互联网域名管理办法 2004 第十七条 -> 2017 第十五条: the notice of acceptance is sent on acceptance
    ("an-event-named-within-the-other-internet-domain-names", "自发出受理申请通知书之日起", "自受理之日起", True),
    ("an-event-renamed", "自签订出租合同之日起", "自签订房屋租赁合同之日起", True),
    ("another-event", "自查实之日起", "自变更登记期限届满之日起", False),
]


@pytest.mark.parametrize(("a", "b", "same"), [c[1:] for c in ANCHORS], ids=[c[0] for c in ANCHORS])
def test_same_anchor(a: str, b: str, same: bool) -> None:
    assert same_anchor(a, b) is same


@given(_EVENTS, _EVENTS)
@example("自甲甲之日起", "自甲乙之日起")  # a repeated character counts once in the other
def test_same_anchor_is_symmetric(a: str, b: str) -> None:
    assert same_anchor(a, b) == same_anchor(b, a)
    assert same_anchor(a, a)


def test_one_clause_repeated_hundreds_of_times_has_a_bounded_number_of_candidates(tmp_path: Path) -> None:
    """An article of one clause repeated (减半 ×300 against ×280): each number is a candidate of the copies near its
    own rank only (at most 2·BAND + 1 of them), not of every copy (it was 300 × 280 pairs, 9 s at ×1,500)."""
    from extractor.compare.pairing import BAND, RARE, _candidates

    xs, ys = _placed(tmp_path, "a", "减半" * 300 + "。"), _placed(tmp_path, "b", "减半" * 280 + "。")
    assert len(xs) == 300 and len(ys) == 280 and len(ys) > RARE
    per_number = [sum(1 for i, _ in _candidates(xs, ys) if i == k) for k in (0, 150, 299)]
    assert all(1 <= n <= 2 * (2 * BAND + 1) for n in per_number), per_number
