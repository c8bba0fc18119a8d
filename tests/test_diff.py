"""zhengce diff on the real pairs of the corpus: alignment, parameter changes, summary, HTML in a browser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.compare.align import articles
from extractor.compare.diff import documents_to_diff, fmt
from extractor.store.diff_html import diff_to_html
from tests.conftest import ROOT, parsed

COMPENDIUM = "corpus/texts/004_a7a4461144ba7e7b.txt"


def doc(n: int):  # type: ignore[no-untyped-def]
    return next(d for d in parsed(COMPENDIUM) if d.id.endswith(f"-{n:02d}.txt"))


def test_every_article_appears_in_the_alignment() -> None:
    a, b = doc(1), doc(19)
    diff = documents_to_diff(a, b)
    assert {p.a for p in diff.pairs if p.a} == {x.path for x in articles(a)}
    assert {p.b for p in diff.pairs if p.b} == {x.path for x in articles(b)}


# read in the two documents: the province's 九 (internship quality) is the city's 八; 十二 (youth
# entrepreneurship) is the city's 七 nearly word for word
PAIRS = [("九", "八"), ("十二", "七"), ("一", "四"), ("十一", "三")]


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_province_city_alignment(a: str, b: str) -> None:
    diff = documents_to_diff(doc(1), doc(19))
    assert (a, b) in {(p.a, p.b) for p in diff.pairs}


def test_unchanged_and_moved_are_told_apart() -> None:
    d = doc(1)
    diff = documents_to_diff(d, d)
    assert {p.status for p in diff.pairs} == {"unchanged"} and diff.changes == [] and diff.summary == []


def test_changes_carry_both_quotes_and_a_chinese_summary() -> None:
    diff = documents_to_diff(doc(6), doc(20))
    added = [c for c in diff.changes if c.kind == "money" and c.change == "added"]
    assert {c.b_value for c in added} >= {20000.0}
    assert all(c.b_quote and c.b_evidence and c.summary.startswith("新增") for c in added)


def test_summary_sentence() -> None:
    assert fmt("money", 200000) == "20万元" and fmt("money", 300000) == "30万元"


def test_diff_command_json_and_html(tmp_path: Path) -> None:
    a, b = f"{ROOT / COMPENDIUM}#06", f"{ROOT / COMPENDIUM}#20"
    assert main(["diff", a, b, "--format", "json", "-o", str(tmp_path / "d.json")]) == 0
    assert main(["diff", a, b, "--format", "html", "-o", str(tmp_path / "d.html")]) == 0
    assert '"pairs"' in (tmp_path / "d.json").read_text(encoding="utf-8")


def test_diff_of_a_compendium_without_a_document_number_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(ROOT / COMPENDIUM), str(ROOT / COMPENDIUM) + "#20"]) != 0
    assert "name one with PATH#ID" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is installed by scripts/setup.sh (as root)")
def test_html_redline_renders_in_a_browser(tmp_path: Path) -> None:
    a, b = doc(6), doc(20)
    page = tmp_path / "diff.html"
    page.write_text(diff_to_html(documents_to_diff(a, b), a, b), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert "<del>" in dom and "<ins>" in dom and dom.count('class="a"') == dom.count('class="b"') > 3
    shot = tmp_path / "diff.png"
    subprocess.run(["chromium", *flags, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 20_000


VERSION_CHANGES = [
    ("per-changed", "按每人每月1000元给予补贴。", "按每人每年1000元给予补贴。", "补贴额度1000元由每人每月改为每人每年"),
    ("bound-changed", "创业担保贷款最高20万元。", "创业担保贷款不低于20万元。", "创业担保贷款额度20万元由上限改为下限"),
    ("range-widened", "给予1万至3万元奖励。", "给予1万至5万元奖励。", "奖励额度由1万元至3万元提高至1万元至5万元"),
    ("amount-raised", "给予每人1000元补贴。", "给予每人2000元补贴。", "补贴额度由1000元提高至2000元"),
]


@pytest.mark.parametrize(("old", "new", "summary"), [c[1:] for c in VERSION_CHANGES], ids=[c[0] for c in VERSION_CHANGES])
def test_version_changes_in_documents_without_numbered_articles(tmp_path: Path, old: str, new: str, summary: str) -> None:
    from extractor.pipeline import parse_file

    (tmp_path / "v1.txt").write_text(old, encoding="utf-8")
    (tmp_path / "v2.txt").write_text(new, encoding="utf-8")
    diff = documents_to_diff(parse_file(tmp_path / "v1.txt")[0], parse_file(tmp_path / "v2.txt")[0])
    assert [p.a for p in diff.pairs] == ["全文"]
    assert summary in diff.summary
