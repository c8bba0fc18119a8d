"""A sanction's fine and its tiers between two versions (issue 8, item 3): a tier of not complying with an order
(责令改正；拒不改正的，处…) put before a fine or taken away is the same rule changed, when its case (item or paragraph)
holds no number of the other tier; a tier of gravity (情节严重的) added or taken away is a rule of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.compare.diff import documents_to_diff
from extractor.pipeline import parse_file
from extractor.records import Diff

ROOT = Path(__file__).resolve().parent.parent
REVISIONS = ROOT / "corpus" / "revisions"
TITLE = "某市市容和环境卫生管理条例"
END = "\n第九条 本条例自公布之日起施行。"


def _diff(tmp_path: Path, old: str, new: str) -> Diff:
    (tmp_path / "v1.txt").write_text(f"{TITLE}\n{old}{END}", encoding="utf-8")
    (tmp_path / "v2.txt").write_text(f"{TITLE}\n{new}{END}", encoding="utf-8")
    return documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v2.txt")[0])


def _money(d: Diff) -> list[tuple[str, float | str | None, float | str | None]]:
    return sorted((c.change, c.a_value, c.b_value) for c in d.changes if c.kind == "money")


CASES = [
    # (id, old text, new text, the money changes (change, old value, new value))
    # 宜春市城市市容和环境卫生管理条例 2019 第四十二条 -> 2023 第四十三条: the order to correct with a term taken away from one
    # paragraph's fine, the other paragraphs keeping their 逾期未改正 tier
    ("order-taken-away-from-a-fine-yichun-2023",
     "第一条 违反本条例第二十七条第一项规定的，由主管部门处二十元以上一百元以下罚款；\n"
     "违反本条例二十七条第二项至第五项规定的，由主管部门责令限期改正，逾期不改正的，处五十元以上二百元以下罚款；\n"
     "违反本条例第二十七条第六项规定的，由主管部门责令限期改正，逾期不改正的，处二百元以上五百元以下罚款。",
     "第一条 违反本条例第二十七条第一项规定的，由主管部门处二十元以上一百元以下罚款；\n"
     "违反本条例第二十七条第二项至第五项规定的，由主管部门责令改正，处一百元以上二百元以下罚款；\n"
     "违反本条例第二十七条第六项规定的，由主管部门责令限期改正，逾期未改正的，处二百元以上五百元以下罚款。",
     [("changed", 50.0, 100.0)]),
    # 宜春 2019 第四十四条 -> 2023 第四十五条: an order to correct put before the second paragraph's fine
    ("order-put-before-a-fine-yichun-2023",
     "第一条 违反本条例第三十条第一款的规定，饲养家畜家禽影响市容和环境卫生的，由主管部门责令限期改正；逾期未改正的，"
     "按照饲养数量处每只（头）五十元罚款。\n"
     "违反本条例第三十条第二款的规定，不及时清除宠物粪便的，由主管部门处二十元以上五十元以下罚款。",
     "第一条 违反本条例第三十条第一款的规定，饲养家畜家禽影响市容和环境卫生的，由主管部门责令限期改正；逾期未改正的，"
     "按照饲养数量处每只（头）五十元罚款。\n"
     "违反本条例第三十条第二款的规定，不及时清除宠物粪便的，由主管部门责令改正；拒不改正的，处五十元以上一百元以下罚款。",
     [("changed", 20.0, 50.0)]),
    # a tier added beside the base fine kept in its paragraph is a new rule
    ("order-tier-added-beside-a-fine-kept-is-new",
     "第一条 违反本条例第三十条第二款的规定，不及时清除宠物粪便的，由主管部门处二十元以上五十元以下罚款。",
     "第一条 违反本条例第三十条第二款的规定，不及时清除宠物粪便的，由主管部门处二十元以上五十元以下罚款；拒不改正的，"
     "处五十元以上一百元以下罚款。",
     [("added", None, 50.0)]),
    # 临沧市南汀河保护管理条例 2017 -> 2024 第四十三条: the fine now only for the 情节严重 cases, after a warning: a rule of its
    # own (the gold of golden/diffs/blind3 reads the old fine repealed and the new one added)
    ("gravity-tier-in-place-of-a-fine-is-new-lincang-2024",
     "第一条 违反本条例第二十八条第七项规定的，由水行政部门责令停止违法行为，限期整改，并处以5000元以上2万元以下罚款。",
     "第一条 违反第七项规定的，由水行政部门给予警告，责令停止违法行为，情节严重的处以2万元以上10万元以下罚款。",
     [("added", None, 20000.0), ("removed", 5000.0, None)]),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fines_and_their_tiers(tmp_path: Path, old: str, new: str,
                               expected: list[tuple[str, float | None, float | None]]) -> None:
    assert _money(_diff(tmp_path, old, new)) == sorted(expected)


@pytest.fixture(scope="module")
def yichun() -> Diff:
    a, b = sorted(REVISIONS.glob("yichun-city-appearance-*.txt"))[:2]
    return documents_to_diff(parse_file(a)[0], parse_file(b)[0])


@pytest.mark.parametrize(("change", "reported"), [
    (("changed", 50.0, 100.0, "第五章/第四十二条", "第五章/第四十三条"), True),
    (("changed", 20.0, 50.0, "第五章/第四十四条", "第五章/第四十五条"), True),
    (("removed", 50.0, None, "第五章/第四十二条", None), False),
    (("added", None, 50.0, None, "第五章/第四十五条"), False),
], ids=["yichun-42-order-taken-away", "yichun-44-order-put-before", "yichun-42-not-repealed", "yichun-45-not-new"])
def test_yichun_fines_changed_with_their_order(yichun: Diff, change: tuple[object, ...], reported: bool) -> None:
    found = {(c.change, c.a_value, c.b_value, c.a_section, c.b_section) for c in yichun.changes if c.kind == "money"}
    assert (change in found) == reported, sorted(found, key=str)


def test_the_order_words_come_from_their_data_files() -> None:
    """data/noncompliance.txt holds conditions of data/aggravating.txt; data/order_sanctions.txt the sanctions before them."""
    from extractor.compare.placed import AGGRAVATING, NONCOMPLIANCE, ORDER_SANCTIONS

    assert set(NONCOMPLIANCE) <= set(AGGRAVATING) and {"拒不改正", "逾期不改正"} <= set(NONCOMPLIANCE)
    assert "情节严重" not in NONCOMPLIANCE and "警告" in ORDER_SANCTIONS
