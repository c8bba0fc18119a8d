"""``zhengce history``: versions of one work in date order, article lineage, parameter timelines, the 编注版.

The cases are read by hand from the three versions of the 反不正当竞争法 in corpus/revisions (1993 通过, 2017
修订, 2019 修正; see SOURCES.md).
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from extractor.analysis import analyze_file
from extractor.cli import main
from extractor.compare.history import history_of, order_versions, version_date
from extractor.errors import InputError
from extractor.records import Analysis, History
from extractor.store.history_out import history_to_html, history_to_markdown

ROOT = Path(__file__).resolve().parent.parent
REVISIONS = ROOT / "corpus" / "revisions"
AUC = {year: REVISIONS / f"anti-unfair-competition-law-{year}.txt" for year in (1993, 2017, 2019)}
OTHER_WORK = REVISIONS / "beijing-audit-2017.txt"
YEARS = (1993, 2017, 2019)


@pytest.fixture(scope="module")
def analyses() -> dict[int, Analysis]:
    """Each version analysed once for the module."""
    return {year: analyze_file(path)[0] for year, path in AUC.items()}


@pytest.fixture(scope="module")
def history(analyses: dict[int, Analysis]) -> History:
    return history_of([analyses[2019], analyses[1993], analyses[2017]])


@pytest.fixture(scope="module")
def markdown(history: History, analyses: dict[int, Analysis]) -> str:
    return history_to_markdown(history, analyses[2019].document)


@pytest.fixture(scope="module")
def page(history: History, analyses: dict[int, Analysis]) -> str:
    return history_to_html(history, analyses[2019].document)


# ---- order


@pytest.mark.parametrize("given", list(itertools.permutations(YEARS)), ids=lambda p: "-".join(map(str, p)))
def test_versions_are_ordered_by_date_whatever_the_input_order(given: tuple[int, ...], analyses: dict[int, Analysis]) -> None:
    ordered = order_versions([analyses[y] for y in given])
    assert [a.document.id for a in ordered] == [AUC[y].name for y in YEARS]


DATE_CASES = [  # (what the document has, the date it is ordered by)
    pytest.param({}, dt.date(2019, 4, 23), id="latest-tizhu-event"),
    pytest.param({"versions": []}, dt.date(2019, 4, 23), id="document-date-without-tizhu"),
    pytest.param({"versions": [], "date": None}, dt.date(2018, 1, 1), id="effective-date-last"),
]


@pytest.mark.parametrize(("update", "expected"), DATE_CASES)
def test_version_date(update: dict[str, object], expected: dt.date, analyses: dict[int, Analysis]) -> None:
    assert version_date(analyses[2019].document.model_copy(update=update)) == expected


def test_versions_of_one_date_keep_the_input_order(analyses: dict[int, Analysis]) -> None:
    same_day = analyses[2017].document.model_copy(update={"versions": [], "date": dt.date(2019, 4, 23)})
    twin = analyses[2017].model_copy(update={"document": same_day.model_copy(update={"id": "twin.txt"})})
    for given in ([analyses[2019], twin], [twin, analyses[2019]]):
        assert [a.document.id for a in order_versions(given)] == [a.document.id for a in given]


VERSION_CASES = [  # (index, label, event of the 题注 that made it)
    (0, "1993年版", "adopted"),
    (1, "2017年版", "revised"),
    (2, "2019年版", "amended"),
]


@pytest.mark.parametrize(("index", "label", "event"), VERSION_CASES, ids=[c[1] for c in VERSION_CASES])
def test_version_label_and_event(history: History, index: int, label: str, event: str) -> None:
    v = history.versions[index]
    assert (v.label, v.event.event if v.event else None) == (label, event)


# ---- lineage: a 2019 article traced back, read from the texts

LINEAGE_CASES = [  # (2019 article, its path in 1993, 2017, 2019, the status of each step)
    pytest.param("第四章/第二十二条", ["第四章/第二十六条"], ["第四章/第二十二条"], [None, "modified", "unchanged"],
                 id="prize-fine-22-from-1993-26"),
    pytest.param("第二章/第十条", ["第二章/第十三条"], ["第二章/第十条"], [None, "modified", "unchanged"],
                 id="prize-sales-10-from-1993-13"),
    pytest.param("第五章/第三十三条", ["第五章/第三十三条"], ["第五章/第三十二条"], [None, "modified", "renumbered"],
                 id="in-force-33-renumbered-in-2019"),
    pytest.param("第一章/第四条", ["第一章/第三条"], ["第一章/第四条"], [None, "split", "unchanged"],
                 id="supervision-4-split-from-1993-3"),
    pytest.param("第四章/第三十二条", [], [], [None, None, "added"], id="burden-of-proof-32-added-in-2019"),
]


@pytest.mark.parametrize(("path", "in_1993", "in_2017", "statuses"), LINEAGE_CASES)
def test_article_lineage(history: History, path: str, in_1993: list[str], in_2017: list[str], statuses: list[str | None]) -> None:
    lin = next(x for x in history.lineage if x.path == path)
    assert [s.paths for s in lin.steps] == [in_1993, in_2017, [path]]
    assert [s.status for s in lin.steps] == statuses


def test_lineage_covers_every_article_of_the_newest_version(history: History) -> None:
    assert len(history.lineage) == 33
    assert history.lineage[-1].path == "第五章/第三十三条"


REMOVED_CASES = [  # 1993 articles the 2017 revision dropped (no 公用企业 or 滥用行政权力 article in 2017)
    pytest.param("第二章/第六条", 1, id="public-utilities-1993-6"),
    pytest.param("第二章/第七条", 1, id="abuse-of-power-1993-7"),
]


@pytest.mark.parametrize(("path", "removed_in"), REMOVED_CASES)
def test_removed_articles(history: History, path: str, removed_in: int) -> None:
    r = next(x for x in history.removed if x.path == path)
    assert r.removed_in == removed_in
    assert r.text.startswith(path.rsplit("/", 1)[-1])


# ---- timelines: a fine, a prize cap and damages across the three versions, read from the texts

TIMELINE_CASES = [  # (article in 2019, a phrase in 2019, (version, value, value_max, phrase, article) per version)
    pytest.param("第四章/第二十二条", "五万元以上五十万元以下", [
        (0, 10000.0, 100000.0, "一万元以上十万元以下", "第四章/第二十六条"),
        (1, 50000.0, 500000.0, "五万元以上五十万元以下", "第四章/第二十二条"),
        (2, 50000.0, 500000.0, "五万元以上五十万元以下", "第四章/第二十二条"),
    ], id="prize-sales-fine"),
    pytest.param("第二章/第十条", "五万元", [
        (0, 5000.0, None, "五千元", "第二章/第十三条"),
        (1, 50000.0, None, "五万元", "第二章/第十条"),
        (2, 50000.0, None, "五万元", "第二章/第十条"),
    ], id="top-prize-cap"),
    pytest.param("第四章/第十七条", "五百万元以下", [
        (1, 3000000.0, None, "三百万元以下", "第四章/第十七条"),
        (2, 5000000.0, None, "五百万元以下", "第四章/第十七条"),
    ], id="statutory-damages-cap-new-in-2017"),
]


@pytest.mark.parametrize(("article", "phrase", "expected"), TIMELINE_CASES)
def test_parameter_timeline(history: History, article: str, phrase: str, expected: list[tuple[object, ...]]) -> None:
    t = next(t for t in history.timelines if t.points[-1].version == 2 and t.points[-1].article == article
             and t.points[-1].phrase == phrase)
    assert [(p.version, p.value, p.value_max, p.phrase, p.article) for p in t.points] == expected
    assert t.changed


def test_timeline_evidence_quotes_the_text(history: History, analyses: dict[int, Analysis]) -> None:
    docs = [analyses[y].document for y in YEARS]
    bad = [(t.id, p.version) for t in history.timelines for p in t.points
           if docs[p.version].text[p.evidence.span[0] : p.evidence.span[1]] != p.evidence.quote]
    assert bad == []


def test_a_rule_of_a_removed_article_ends(history: History) -> None:
    ended = [t for t in history.timelines if t.removed_in == 1]
    assert any(t.points[-1].article == "第四章/第二十九条" and t.kind == "duration" for t in ended)


# ---- the 编注版


NOTE_CASES = [  # (what the Markdown and the HTML must say)
    pytest.param("【编注】2017年修订时由1993年版第二十六条修改而来，罚款由“一万元以上十万元以下”改为“五万元以上五十万元以下”",
                 id="fine-of-22"),
    pytest.param("赔偿由“三百万元以下”改为“五百万元以下”", id="damages-of-17"),
    pytest.param("【编注】1993年版第六条已于2017年修订时删除", id="removed-1993-6"),
    pytest.param("【编注】本条为2019年修正时新增", id="added-2019-32"),
    pytest.param("2019年修正时由2017年版第三十二条调整条序为第三十三条", id="renumbered-33"),
]


@pytest.mark.parametrize("words", NOTE_CASES)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_annotated_edition_says(words: str, fmt: str, markdown: str, page: str) -> None:
    assert words in (markdown if fmt == "md" else page)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_dash_for_removed_or_added(fmt: str, markdown: str, page: str) -> None:
    text = markdown if fmt == "md" else page
    assert "—" not in text and "－" not in text
    assert "删除" in text and "新增" in text


def test_removed_note_stands_before_the_article_that_followed_it(markdown: str) -> None:
    removed = markdown.index("【编注】1993年版第六条已于2017年修订时删除")
    assert markdown.index("**第六条**") < removed < markdown.index("**第七条**")


def test_html_is_a_self_contained_escaped_page(page: str) -> None:
    assert page.startswith("<!doctype html>") and '<meta charset="utf-8">' in page
    assert "Noto Serif CJK SC" in page and "<script" not in page and "http" not in page
    assert "&lt;中华人民共和国建筑法&gt;" in page
    assert page.count('class="bianzhu"') == 33


# ---- errors


def test_library_refuses_one_version(analyses: dict[int, Analysis]) -> None:
    with pytest.raises(InputError, match="two or more versions"):
        history_of([analyses[2019]])


def test_library_refuses_a_version_given_twice(analyses: dict[int, Analysis]) -> None:
    with pytest.raises(InputError, match="given twice"):
        history_of([analyses[2019], analyses[2019]])


CLI_ERRORS = [  # (arguments, what the one line says)
    pytest.param([AUC[2019]], [AUC[2019].name, "two or more versions"], id="one-file"),
    pytest.param([AUC[2019], OTHER_WORK], [AUC[2019].name, OTHER_WORK.name, "not versions of one work"],
                 id="two-different-works"),
    pytest.param([AUC[2019], REVISIONS / "no-such-law.txt"], ["no-such-law.txt", "no such file"], id="missing-file"),
]


@pytest.mark.parametrize(("files", "words"), CLI_ERRORS)
def test_cli_bad_input_is_one_line_and_non_zero(files: list[Path], words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", *map(str, files)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert all(w in lines[0] for w in words)


def test_cli_json_validates_as_history(tmp_path: Path, history: History) -> None:
    out = tmp_path / "h.json"
    assert main(["history", str(AUC[2017]), str(AUC[2019]), str(AUC[1993]), "-o", str(out)]) == 0
    loaded = History.model_validate_json(out.read_text(encoding="utf-8"))
    assert [v.document_id for v in loaded.versions] == [AUC[y].name for y in YEARS]
    assert loaded == history


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_cli_renders(fmt: str, analyses: dict[int, Analysis], tmp_path: Path) -> None:
    out = tmp_path / f"h.{fmt}"
    assert main(["history", str(AUC[1993]), str(AUC[2019]), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "【编注】" in text and "1993年版" in text


# ---- a merge: the 2024 备案审查条例 joins the 2021 审查要求 (第十三条) and 审查建议 (第十四条) in one article


@pytest.fixture(scope="module")
def filing_review() -> tuple[History, Analysis]:
    newer = analyze_file(REVISIONS / "beijing-filing-review-2024.txt")[0]
    return history_of([newer, analyze_file(REVISIONS / "beijing-filing-review-2021.txt")[0]]), newer


def test_merged_article_cites_every_article_merged(filing_review: tuple[History, Analysis]) -> None:
    history, newer = filing_review
    merged = [lin for lin in history.lineage if lin.steps[1].status == "merged"]
    assert any([p.rsplit("/", 1)[-1] for p in lin.steps[0].linked] == ["第十三条", "第十四条"] for lin in merged)
    assert "2024年修订时由2021年版第十三条、第十四条合并而来" in history_to_markdown(history, newer.document)


def test_a_version_printed_without_a_date_takes_the_one_the_others_tizhu_names(tmp_path: Path) -> None:
    """民间借贷 规定: the 2015 text (golden/diffs/blind2) prints no 题注 or date; the 2020 text's 题注 says
    ``2015年6月23日…通过``. The 2015 version is dated so, and its label says where the date comes from."""
    old, new = (analyze_file(REVISIONS / f"private-lending-{y}.txt")[0] for y in (2015, 2020))
    assert version_date(old.document) is None
    h = history_of([new, old])
    assert [(v.date, v.label) for v in h.versions] == [
        (dt.date(2015, 6, 23), "2015年版（日期据其他版本的题注）"), (dt.date(2020, 8, 18), "2020年版")]


def test_an_undated_version_with_no_date_to_take_is_one_error_line(tmp_path: Path) -> None:
    """Two undated versions: no 题注 names their dates, so the history is refused with one line naming the file."""
    texts = {"a.txt": "示例办法\n第一条 给予补贴500元。\n", "b.txt": "示例办法\n第一条 给予补贴800元。\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="no date to order the versions by"):
        history_of([analyze_file(tmp_path / n)[0] for n in texts])
