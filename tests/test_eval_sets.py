"""`zhengce eval --golden golden` reports the first golden set, the unseen set and both together, and holds each
to its floors (issue 9, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extractor.cli import main
from extractor.evaluate import evaluate_sets
from extractor.records import Report

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"


@pytest.fixture(scope="module")
def sets() -> dict[str, Report]:
    return evaluate_sets(GOLDEN, root=ROOT)


@pytest.fixture
def scored_once(sets: dict[str, Report], monkeypatch: pytest.MonkeyPatch) -> None:
    """``zhengce eval --golden golden`` scores the golden folder as :func:`sets` did (the same call, the root being
    the working directory): the tests of its floors read those reports instead of scoring the folder again (10 s
    each); any other folder or working directory is scored as ever."""
    import extractor.cli.eval as eval_cli

    def evaluate_sets_once(golden: Path, root: Path | None = None) -> dict[str, Report]:
        if golden == GOLDEN and root is None and Path.cwd() == ROOT:
            return sets
        return evaluate_sets(golden, root=root)

    monkeypatch.setattr(eval_cli, "evaluate_sets", evaluate_sets_once)


def test_the_sets_are_reported_apart_and_together(sets: dict[str, Report]) -> None:
    held = [n for n in ("fresh", "blind", "blind2", "blind3", "blind4", "blind5") if any((GOLDEN / n).glob("*.json"))]
    assert list(sets) == ["first", "unseen", *held, "together"]
    assert sets["first"].files == len(list(GOLDEN.glob("*.json")))
    assert sets["unseen"].files == len(list((GOLDEN / "unseen").glob("*.json"))) >= 25
    assert sets["together"].files == sets["first"].files + sets["unseen"].files
    for kind in ("money", "duration"):
        both = sets["together"].quantities[kind]
        assert both.gold == sets["first"].quantities[kind].gold + sets["unseen"].quantities[kind].gold
    assert sets["together"].diffs == 0 and sets["unseen"].diffs == 0


def test_a_folder_without_unseen_is_one_set(tmp_path: Path) -> None:
    gold = tmp_path / "g"
    gold.mkdir()
    (gold / "x.json").write_text((GOLDEN / "001_e001dd900bee0134.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert list(evaluate_sets(gold, root=ROOT)) == ["first"]


def test_a_fresh_folder_is_a_set_of_its_own_with_its_comparisons_and_diffs(tmp_path: Path) -> None:
    """golden/fresh (documents), golden/compare/fresh (tables over corpus/fresh) and golden/diffs/fresh (real pairs)
    are each scored apart from the sets they would otherwise fall in."""
    root = tmp_path
    (root / "corpus" / "fresh").mkdir(parents=True)
    text = "shandong-2016-employment-promotion-regulation.txt"  # states 一次性创业补贴
    (root / "corpus" / "fresh" / text).write_bytes((ROOT / "corpus" / "unseen" / text).read_bytes())
    gold = root / "golden"
    (gold / "fresh").mkdir(parents=True)
    (gold / "x.json").write_text((GOLDEN / "001_e001dd900bee0134.json").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "corpus" / "texts").mkdir()
    (root / "corpus" / "texts" / "001_e001dd900bee0134.txt").write_bytes((ROOT / "corpus/texts/001_e001dd900bee0134.txt").read_bytes())
    doc = (GOLDEN / "unseen" / text.replace(".txt", ".json")).read_text(encoding="utf-8").replace("corpus/unseen/", "corpus/fresh/")
    (gold / "fresh" / "y.json").write_text(doc, encoding="utf-8")
    (gold / "compare" / "fresh").mkdir(parents=True)
    table = {"benefit": "startup_subsidy", "name": "一次性创业补贴", "documents": [], "rows": [], "not_parameters": []}
    (gold / "compare" / "fresh" / "startup_subsidy.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    sets = evaluate_sets(gold, root=root)
    assert list(sets) == ["first", "fresh"]
    assert sets["fresh"].files == 1 and sets["first"].files == 1
    assert sets["first"].comparisons is None
    assert sets["fresh"].comparisons is not None and [t.benefit for t in sets["fresh"].comparisons.tables] == ["startup_subsidy"]
    # the comparison ran over corpus/fresh: it shows that document's values, none of them in this empty table
    score = sets["fresh"].comparisons.tables[0]
    assert score.shown > 0 and score.right == 0 and score.gold == 0


def test_a_fresh_diff_is_its_own_group(tmp_path: Path) -> None:
    from extractor.evaluate.gold import read_gold_diff
    from extractor.evaluate.run import diff_group

    src = next((GOLDEN / "diffs" / "heldout").glob("*.json"))
    gold = read_gold_diff(src)
    assert diff_group(src, gold) == "heldout"
    moved = tmp_path / "diffs" / "fresh" / src.name
    moved.parent.mkdir(parents=True)
    assert diff_group(moved, gold) == "fresh"


@pytest.mark.parametrize(
    ("floor", "code", "says"),
    [
        pytest.param('"unseen.count.f1" = 0.99', 1, "unseen.count.f1", id="an-unseen-floor-not-met"),
        pytest.param('"together.money.f1" = 0.5', 0, "", id="a-together-floor-met"),
    ],
)
@pytest.mark.usefixtures("scored_once")
def test_floors_name_a_set(tmp_path: Path, capsys: pytest.CaptureFixture[str], floor: str, code: int, says: str) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text(floor + "\n", encoding="utf-8")
    assert main(["eval", "--golden", str(GOLDEN), "--floors", str(floors)]) == code
    assert says in capsys.readouterr().out


@pytest.mark.parametrize(
    ("floor", "says"),
    [
        pytest.param('"heldout.links.recall" = 1.01', "heldout.links.recall = ", id="a-diff-group-floor-not-met"),
        pytest.param('"unseen.links.recall" = 0.5', "unknown score 'unseen.links.recall'", id="a-set-has-no-diff-group-of-its-name"),
    ],
)
@pytest.mark.usefixtures("scored_once")
def test_a_floor_named_like_a_set_falls_back_to_the_diff_groups(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  floor: str, says: str) -> None:
    """A floor whose head is a document set (``fresh.links.recall``) is looked up in that set, then among the groups
    of golden diffs (``golden/diffs/fresh`` is the group ``fresh``); a name in neither is an error, not a pass."""
    floors = tmp_path / "floors.toml"
    floors.write_text(floor + "\n", encoding="utf-8")
    assert main(["eval", "--golden", str(GOLDEN), "--floors", str(floors)]) == 1
    captured = capsys.readouterr()
    assert says in captured.out + captured.err


@pytest.mark.parametrize(
    ("floor", "code", "says"),
    [
        pytest.param('"money.f1" = "high"', 1, "money.f1: a floor is a number, not 'high'", id="a-floor-not-a-number"),
        pytest.param("money = [0.9, 0.95]", 1, "money: a floor is a number, not [0.9, 0.95]", id="a-floor-a-list"),
        pytest.param('"fresh.money.f1" = 0.5', 1, "has no fresh/ folder of gold documents", id="a-set-score-without-the-set"),
        # a folder without golden diffs of the group: the floor cannot be met (it scored 1.0 and could not fail)
        pytest.param('"fresh.links.recall" = 0.5', 1, "has no fresh/ folder of gold documents", id="a-diff-group-without-its-diffs"),
        pytest.param('"blind.links.recall" = 0.5', 1, "has no blind/ folder of gold documents", id="a-set-that-is-no-diff-group"),
    ],
)
def test_floors_file_read_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], floor: str, code: int, says: str) -> None:
    """A floor that is not a number, or names a set the golden folder lacks, is one line of error, not a
    traceback; ``fresh.links.recall`` is the diff group ``fresh`` (golden/diffs/fresh) when there is no fresh set, and
    an error when that group has no golden diff either."""
    gold = tmp_path / "g"
    gold.mkdir()
    (gold / "x.json").write_text((GOLDEN / "001_e001dd900bee0134.json").read_text(encoding="utf-8"), encoding="utf-8")
    floors = tmp_path / "floors.toml"
    floors.write_text(floor + "\n", encoding="utf-8")
    assert main(["eval", "--golden", str(gold), "--floors", str(floors)]) == code
    captured = capsys.readouterr()
    assert says in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
