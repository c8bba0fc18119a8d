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
