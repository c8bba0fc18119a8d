"""No document is in the corpus twice under two names.

Session 24 added to ``corpus/blind5`` the text of a 条例 that ``corpus/blind3`` already held (another source, one
line of its head apart): one document scored in two sets, and one id twice. Two versions of one document stand side
by side in ``corpus/revisions`` by design; any other two texts sharing most of their wording are one document. The
measure is what share of the smaller text's 12-character shingles (whitespace dropped) the other holds: the two
closest distinct texts of the corpus share 0.42 (two news reports of one 新疆 policy and a 孝义 notice quoting it).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHINGLE = 12
ALIKE = 0.8  # of the smaller text's shingles found in the other: one document


def shingles(text: str) -> frozenset[str]:
    flat = "".join(text.split())
    return frozenset(flat[k : k + SHINGLE] for k in range(max(1, len(flat) - SHINGLE + 1)))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def near_duplicates(paths: list[Path], root: Path) -> list[tuple[float, str, str]]:
    """The pairs of texts of one document, but two versions both in ``revisions/``."""
    held = {p: shingles(p.read_text(encoding="utf-8", errors="replace")) for p in paths}
    out = []
    for a, b in itertools.combinations(sorted(paths), 2):
        ra, rb = a.relative_to(root), b.relative_to(root)
        if ra.parts[0] == rb.parts[0] == "revisions":
            continue
        if (o := overlap(held[a], held[b])) >= ALIKE:
            out.append((round(o, 3), str(ra), str(rb)))
    return out


def test_no_text_is_in_the_corpus_twice() -> None:
    paths = sorted(CORPUS.rglob("*.txt"))
    assert len(paths) > 200
    assert near_duplicates(paths, CORPUS) == []


_HEAD = "拉萨市某某管理条例\n（2019年3月1日拉萨市第十一届人民代表大会常务委员会第十八次会议通过）\n"
_BODY = "".join(f"第{k}条　从事经营活动的单位和个人应当遵守本条例，违反第{k}项规定的，处{k}00元以上{k}000元以下的罚款。\n"
                for k in range(1, 30))


@pytest.mark.parametrize(("name", "a", "b", "alike"), [
    ("the same text under another name", _HEAD + _BODY, _HEAD + _BODY, True),
    ("another head line, spaces reflowed", _HEAD + _BODY, "拉萨市某某管理条例\n" + _BODY.replace("　", " ").replace("。\n", "。"), True),
    ("one text a part of a compendium", _BODY, "某某文件汇编\n" + _BODY + "".join(f"另一份文件的第{k}条　内容各不相同{k * 7}。\n" for k in range(40)), True),
    ("two texts of one genre", _BODY, "".join(f"第{k}条　申请人应当在{k}个工作日内提交材料，逾期不予受理。\n" for k in range(1, 30)), False),
])
def test_near_duplicates_are_found(tmp_path: Path, name: str, a: str, b: str, alike: bool) -> None:
    (tmp_path / "blind3").mkdir()
    (tmp_path / "blind5").mkdir()
    (tmp_path / "blind3" / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "blind5" / "b.txt").write_text(b, encoding="utf-8")
    found = near_duplicates(sorted(tmp_path.rglob("*.txt")), tmp_path)
    assert bool(found) == alike, (name, found)


def test_two_versions_in_revisions_are_not_duplicates(tmp_path: Path) -> None:
    (tmp_path / "revisions").mkdir()
    (tmp_path / "revisions" / "x-2019.txt").write_text(_HEAD + _BODY, encoding="utf-8")
    (tmp_path / "revisions" / "x-2024.txt").write_text(_HEAD + _BODY + "第三十条　本条例自公布之日起施行。\n", encoding="utf-8")
    assert near_duplicates(sorted(tmp_path.rglob("*.txt")), tmp_path) == []
    (tmp_path / "blind5").mkdir()
    (tmp_path / "blind5" / "x.txt").write_text(_HEAD + _BODY, encoding="utf-8")
    assert len(near_duplicates(sorted(tmp_path.rglob("*.txt")), tmp_path)) == 2
