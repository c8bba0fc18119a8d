"""The synthetic revisions of golden/diffs/ are current (scripts/make_revisions.py), and every expected diff's quotes
occur in the texts it names."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

DIFFS = ROOT / "golden" / "diffs"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


MAKE_REVISIONS = _script("make_revisions")
NAMES = [rev.name for rev in MAKE_REVISIONS.REVISIONS]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("diffs")
    assert MAKE_REVISIONS.main(["--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("name", NAMES)
def test_expected_diff_is_current(generated: Path, name: str) -> None:
    assert (DIFFS / f"{name}.json").read_text(encoding="utf-8") == (generated / f"{name}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_revised_text_is_current(generated: Path, name: str) -> None:
    committed = DIFFS / "synthetic" / f"{name}.txt"
    assert committed.read_text(encoding="utf-8") == (generated / "synthetic" / f"{name}.txt").read_text(encoding="utf-8")


def test_no_stale_synthetic_texts(generated: Path) -> None:
    assert sorted(p.name for p in (DIFFS / "synthetic").iterdir()) == sorted(f"{n}.txt" for n in NAMES)


# ---- quotes ---------------------------------------------------------------------------------------------


def _text(ref: dict) -> str:  # type: ignore[type-arg]
    """A side's text with line breaks removed, as quotes are given."""
    path = ROOT / ref["path"]
    if not path.exists():
        path = DIFFS / ref["path"]
    lines = path.read_text(encoding="utf-8").split("\n")
    if ref.get("lines"):
        first, last = ref["lines"]
        lines = lines[first - 1 : last]
    return "".join(lines)


def _quote_cases() -> list[pytest.param]:  # type: ignore[valid-type]
    cases = []
    for path in sorted(DIFFS.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for n, change in enumerate(gold.get("changes", [])):
            for side in ("a", "b"):
                if change.get(f"{side}_quote") is not None:
                    cases.append(pytest.param(path.name, side, change[f"{side}_quote"], id=f"{path.stem}-{n}-{side}"))
    return cases


@pytest.mark.parametrize(("file", "side", "quote"), _quote_cases())
def test_quote_occurs_in_its_text(file: str, side: str, quote: str) -> None:
    gold = json.loads((DIFFS / file).read_text(encoding="utf-8"))
    assert quote in _text(gold[side])
