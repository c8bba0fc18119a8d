"""Group and condition changes of a diff (compare/phrases.py): what is a condition of its own and what is not, on
articles taken from the real revision pairs of corpus/revisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.compare.diff import documents_to_diff
from extractor.pipeline import parse_file

TITLE = "某市管理条例"

CASES = [
    # (id, old article, new article, a phrase that must not be reported as a condition change, one that must)
    # env-pollution interpretation 2016 第一条（八）, dropped in 2023: its number's repeal says it (删除…100万元)
    ("a-threshold-clause-is-its-number-env-pollution-2016",
     "第一条 具有下列情形之一的，应当认定为“严重污染环境”：\n（一）非法排放、倾倒、处置危险废物三吨以上的；\n"
     "（二）违法减少防治污染设施运行支出一百万元以上的；\n（三）造成生态环境严重损害的。",
     "第一条 具有下列情形之一的，应当认定为“严重污染环境”：\n（一）非法排放、倾倒、处置危险废物三吨以上的。",
     "一百万元", "造成生态环境严重损害"),
    # shanghai expropriation 2011 第五十二条 -> 2025: the entry into force is no condition
    ("the-entry-into-force-is-no-condition-shanghai-expropriation",
     "第一条 本细则自公布之日起施行。《上海市城市房屋拆迁管理实施细则》同时废止。",
     "第一条 被征收人对补偿决定不服的，可以依法申请行政复议。本细则自印发之日起施行。《上海市城市房屋拆迁管理实施细则》同时废止。",
     "施行", "补偿决定不服"),
]


@pytest.mark.parametrize(("old", "new", "absent", "present"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_condition_changes(tmp_path: Path, old: str, new: str, absent: str, present: str) -> None:
    (tmp_path / "v1.txt").write_text(f"{TITLE}\n{old}\n第二条 其他。\n", encoding="utf-8")
    (tmp_path / "v2.txt").write_text(f"{TITLE}\n{new}\n第二条 其他。\n", encoding="utf-8")
    d = documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v2.txt")[0])
    phrases = [str(c.a_value or "") + "|" + str(c.b_value or "") for c in d.changes if c.kind == "condition"]
    assert not [p for p in phrases if absent in p], phrases
    assert [p for p in phrases if present in p], phrases


GROUP_CASES = [
    # (id, old article, new article, a group that must not be reported as a change of its own)
    # food-safety interpretation 2013 第三条 -> 2021: the 老年人 of a new item holding a number is that item's change
    ("a-group-inside-a-new-item-with-a-number-food-safety-2021",
     "第一条 生产、销售不符合食品安全标准的食品，具有下列情形之一的，应当认定为“其他严重情节”：\n"
     "（一）生产、销售金额二十万元以上的；\n（二）生产、销售持续时间六个月以上的。",
     "第一条 生产、销售不符合食品安全标准的食品，具有下列情形之一的，应当认定为“其他严重情节”：\n"
     "（一）生产、销售金额二十万元以上的；\n（二）生产、销售持续时间六个月以上的；\n"
     "（三）生产、销售金额十万元以上不满二十万元，且在中小学校园、托幼机构、养老机构及周边面向未成年人、老年人销售的。",
     "老年人"),
]


@pytest.mark.parametrize(("old", "new", "absent"), [c[1:] for c in GROUP_CASES], ids=[c[0] for c in GROUP_CASES])
def test_group_changes(tmp_path: Path, old: str, new: str, absent: str) -> None:
    (tmp_path / "v1.txt").write_text(f"{TITLE}\n{old}\n第二条 其他。\n", encoding="utf-8")
    (tmp_path / "v2.txt").write_text(f"{TITLE}\n{new}\n第二条 其他。\n", encoding="utf-8")
    d = documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v2.txt")[0])
    groups = [f"{c.a_value or ''}|{c.b_value or ''}" for c in d.changes if c.kind == "group"]
    assert not [g for g in groups if absent in g], groups
    # the rule that names it is reported, as a change of its own kind (the new item's numbers)
    assert [c for c in d.changes if c.kind != "group" and c.change == "added"], [(c.kind, c.b_quote) for c in d.changes]


NONCOMPLIANCE_CASES = [
    # (id, old article, new article, the noncompliance conditions reported (change, phrase))
    # blind5 中卫市城乡居民饮用水安全保护条例 2017 第四十三条 -> 2024 第三十八条: the fine now waits on the order
    ("a-fine-made-to-wait-on-the-order-zhongwei-2024",
     "第一条 违反本条例规定的，由水行政主管部门责令改正，处五百元以上二千元以下的罚款。",
     "第一条 违反本条例规定的，由水行政主管部门责令改正；逾期未改正的，处五百元以上二千元以下的罚款。",
     [("added", "逾期未改正的")]),
    ("a-fine-no-longer-waiting-on-the-order",
     "第一条 违反本条例规定的，责令改正，给予警告；拒不改正的，处一百元以上一千元以下罚款。",
     "第一条 违反本条例规定的，责令改正，处二百元以上一千元以下罚款。",
     [("removed", "拒不改正的")]),
    # blind2 山东省药品使用条例 2012 第三十九条 -> 2021 第四十一条: a new fine with its condition is one change, the fine's
    ("a-new-fine-with-its-condition-is-the-fines-change-shandong-2021",
     "第一条 用药人违反规范的，责令改正，给予警告；情节严重的，处以一千元以上五千元以下的罚款。",
     "第一条 用药人违反规范的，责令限期改正，给予警告；逾期不改正的，处以五千元以上三万元以下的罚款；情节严重的，处以三万元以上十万元以下的罚款。",
     []),
    # blind5 固原市城市环境卫生管理条例 2021 第三十条 -> 2024 第二十九条: the fine repealed takes its condition with it
    ("a-fine-repealed-takes-its-condition-guyuan-2024",
     "第一条 违反本条例规定的，由城市管理部门责令限期改正，给予警告，逾期拒不改正的，处一百元以上一千元以下罚款。",
     "第一条 违反本条例规定的，由城市管理部门责令限期改正。",
     []),
    # 逾期不改正 and 逾期未改正 are one condition
    ("one-condition-reworded-is-no-change",
     "第一条 违反本条例规定的，责令限期改正；逾期不改正的，处一千元罚款。",
     "第一条 违反本条例规定的，责令限期改正；逾期未改正的，处二千元罚款。",
     []),
    # a measure without a fine (通报批评) is no sanction's condition
    ("a-condition-of-no-fine-is-not-a-sanctions",
     "第一条 违反本条例规定的，处一千元罚款。\n备案机关应当要求其限期改正。",
     "第一条 违反本条例规定的，处一千元罚款。\n备案机关应当要求其限期改正；逾期未改正的，通报批评。",
     []),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in NONCOMPLIANCE_CASES], ids=[c[0] for c in NONCOMPLIANCE_CASES])
def test_noncompliance_conditions(tmp_path: Path, old: str, new: str, expected: list[tuple[str, str]]) -> None:
    (tmp_path / "v1.txt").write_text(f"{TITLE}\n{old}\n第二条 其他。\n", encoding="utf-8")
    (tmp_path / "v2.txt").write_text(f"{TITLE}\n{new}\n第二条 其他。\n", encoding="utf-8")
    d = documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v2.txt")[0])
    words = ("拒不改正", "逾期不改正", "逾期未改正")
    got = [(c.change, str(c.b_value or c.a_value)) for c in d.changes
           if c.kind == "condition" and any(w in str(c.a_value or "") + str(c.b_value or "") for w in words)]
    assert got == expected
