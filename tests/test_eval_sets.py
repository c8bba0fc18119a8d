"""`zhengce eval --golden golden` reports the first golden set, the unseen set and both together, and holds each
to its floors (issue 9, item 1)."""

from __future__ import annotations

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


def test_the_sets_are_reported_apart_and_together(sets: dict[str, Report]) -> None:
    assert list(sets) == ["first", "unseen", "together"]
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


@pytest.mark.parametrize(
    ("floor", "code", "says"),
    [
        pytest.param('"unseen.count.f1" = 0.99', 1, "unseen.count.f1", id="an-unseen-floor-not-met"),
        pytest.param('"together.money.f1" = 0.5', 0, "", id="a-together-floor-met"),
    ],
)
def test_floors_name_a_set(tmp_path: Path, capsys: pytest.CaptureFixture[str], floor: str, code: int, says: str) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text(floor + "\n", encoding="utf-8")
    assert main(["eval", "--golden", str(GOLDEN), "--floors", str(floors)]) == code
    assert says in capsys.readouterr().out
