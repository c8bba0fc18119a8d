"""The outputs of ``zhengce diff`` a lawyer reads (issue 8, item 6): the HTML redline, the Markdown memo, the text
listing and the tables of changes, on two real pairs of ``corpus/revisions/``.

The anti-unfair competition law of 1993 against 2017 removes and adds articles and splits 第三条 into 第三条 and
第四条; the Beijing filing-review regulation of 2021 against 2024 merges 第十三条 and 第十四条 into 第十六条.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.compare.diff import documents_to_diff
from extractor.records import Diff, Document, PartPair, SectionPair
from extractor.store import export
from extractor.store.diff_html import diff_to_html
from extractor.store.diff_md import diff_to_md, diff_to_text, pair_groups
from conftest import ROOT, parsed

REVISIONS = "corpus/revisions"
PAIRS = {"law": ("anti-unfair-competition-law-1993.txt", "anti-unfair-competition-law-2017.txt"),
         "filing": ("beijing-filing-review-2021.txt", "beijing-filing-review-2024.txt")}
VALUE_COLUMNS = ("a_value", "a_value_max", "b_value", "b_value_max")


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[Diff, Document, Document]]:
    """Each real pair diffed once for the module."""
    out = {}
    for name, (x, y) in PAIRS.items():
        a, b = parsed(f"{REVISIONS}/{x}")[0], parsed(f"{REVISIONS}/{y}")[0]
        out[name] = (documents_to_diff(a, b), a, b)
    return out


@pytest.fixture(scope="module")
def pages(built: dict[str, tuple[Diff, Document, Document]]) -> dict[str, str]:
    return {name: diff_to_html(*t) for name, t in built.items()}


@pytest.fixture(scope="module")
def memos(built: dict[str, tuple[Diff, Document, Document]]) -> dict[str, str]:
    return {name: diff_to_md(*t) for name, t in built.items()}


# (id, pair, text the page must hold), read in the two laws and the two regulations
HTML_HAS = [
    ("removed-in-words", "law", '<span class="status s-removed">删除</span>'),
    ("added-in-words", "law", '<span class="status s-added">新增</span>'),
    ("split-group", "law", "第三条 拆分为 第三条、第四条"),
    ("merge-group", "filing", "第十三条、第十四条 合并为 第十六条"),
    ("missing-side-in-words", "law", "（新文件无此条）"),
    ("renumbered-and-modified", "law", '<span class="status s-modified">修改</span> <span class="link">第四条 → 第五条</span>'),
    ("added-rule-placed-in-its-pair", "law", "第二十条 → 第十七条</a>"),
    ("relation-in-words", "law", "同一文件的前后两个版本"),
    ("utf8", "law", '<meta charset="utf-8">'),
    ("cjk-fonts", "law", "'Noto Serif CJK SC'"),
    ("redline", "law", "<del>"),
]
HTML_LACKS = [
    ("no-dash-for-removed", "law", "→ —"),
    ("no-dash-for-added", "law", "— →"),
    ("no-dash-for-removed-filing", "filing", "→ —"),
    ("no-external-script", "law", "<script src"),
    ("no-external-style", "law", "<link"),
]


@pytest.mark.parametrize(("pair", "text"), [c[1:] for c in HTML_HAS], ids=[c[0] for c in HTML_HAS])
def test_html_has(pages: dict[str, str], pair: str, text: str) -> None:
    assert text in pages[pair]


@pytest.mark.parametrize(("pair", "text"), [c[1:] for c in HTML_LACKS], ids=[c[0] for c in HTML_LACKS])
def test_html_lacks(pages: dict[str, str], pair: str, text: str) -> None:
    assert text not in pages[pair]


_MARK = re.compile(r'<mark class="param[^"]*" data-change="([\d ]+)" title="([^"]*)">(.*?)</mark>', re.S)


def _marks(page: str) -> dict[int, list[tuple[str, str]]]:
    """Each change's marks in a page: (the marked text without tags, the title)."""
    out: dict[int, list[tuple[str, str]]] = {}
    for ids, title, inner in _MARK.findall(page):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner.replace("<br>", "\n")))
        for k in ids.split():
            out.setdefault(int(k), []).append((text, html.unescape(title)))
    return out


@pytest.mark.parametrize("pair", list(PAIRS))
def test_every_changed_number_is_marked_in_both_texts(built: dict[str, tuple[Diff, Document, Document]],
                                                      pages: dict[str, str], pair: str) -> None:
    diff = built[pair][0]
    marks = _marks(pages[pair])
    numbered = [(k, c) for k, c in enumerate(diff.changes) if c.a_evidence or c.b_evidence]
    assert numbered
    for k, c in numbered:
        texts = {t for t, _ in marks.get(k, [])}
        for ev in (c.a_evidence, c.b_evidence):
            if ev is not None:
                assert any(ev.quote in t for t in texts), (c.summary, ev.quote, texts)
        assert all(c.summary in title for _, title in marks[k])


def test_changes_are_listed_before_the_articles_with_links(built: dict[str, tuple[Diff, Document, Document]],
                                                           pages: dict[str, str]) -> None:
    page, diff = pages["law"], built["law"][0]
    top = page[page.index("<h2>参数变化</h2>") : page.index("<h2>逐条对照</h2>")]
    assert all(html.escape(c.summary) in top for c in diff.changes)
    linked = re.findall(r'<a href="#(pair-\d+)">', top)
    assert linked and all(f'id="{anchor}"' in page for anchor in linked)


def test_html_escapes_the_titles(built: dict[str, tuple[Diff, Document, Document]]) -> None:
    diff, a, b = built["law"]
    page = diff_to_html(diff.model_copy(update={"a_title": "<b>反不正当竞争法</b>"}), a, b)
    assert "&lt;b&gt;反不正当竞争法" in page and "<b>反不正当竞争法" not in page


def _with_chapters_and_parts(diff: Diff) -> Diff:
    """The diff as the lead's aligner will give it: chapter pairs, and 款 pairs inside the first modified pair."""
    chapters = [SectionPair(status="modified", a="第一章", b="第一章", a_heading="总则", b_heading="总则", similarity=0.8),
                SectionPair(status="removed", a="第五章", b=None, a_heading="附则", similarity=0)]
    k = next(i for i, p in enumerate(diff.pairs) if p.status == "modified")
    parts = [PartPair(status="modified", a="第1款", b="第1款", similarity=0.7),
             PartPair(status="added", a=None, b="第2款", similarity=0)]
    pairs = [*diff.pairs[:k], diff.pairs[k].model_copy(update={"parts": parts}), *diff.pairs[k + 1 :]]
    return diff.model_copy(update={"chapters": chapters, "pairs": pairs})


CHAPTER_AND_PART_CASES = [
    ("html-chapter-heading", "html", '<th class="chapter-b">第一章 总则 <span class="status s-modified">修改</span>'),
    ("html-chapter-list", "html", '<span class="status s-removed">删除</span> 第五章 附则</li>'),
    ("html-parts", "html", '款项对照：<li class="modified"><span class="status">修改</span> 第1款</li>'),
    ("html-part-added", "html", '<span class="status">新增</span> 第2款'),
    ("md-chapters", "md", "## 章节对照\n\n- 第一章 总则 → 第一章 总则 修改\n- 删除 第五章 附则"),
    ("md-parts", "md", "  - 款项：第1款 修改；新增 第2款"),
    ("text-chapters", "text", "chapters:\n  modified   修改  第一章 → 第一章"),
]


@pytest.mark.parametrize(("fmt", "text"), [c[1:] for c in CHAPTER_AND_PART_CASES], ids=[c[0] for c in CHAPTER_AND_PART_CASES])
def test_chapters_and_parts_are_shown_when_present(built: dict[str, tuple[Diff, Document, Document]], fmt: str, text: str) -> None:
    diff, a, b = built["law"]
    fuller = _with_chapters_and_parts(diff)
    out = {"html": diff_to_html, "md": diff_to_md}[fmt](fuller, a, b) if fmt != "text" else diff_to_text(fuller)
    assert text in out


MD_SECTIONS = [
    ("title", "law", "# 修订对照备忘录"),
    ("version-a", "law", "- 原文件（A）：中华人民共和国反不正当竞争法（anti-unfair-competition-law-1993.txt）"),
    ("relation", "law", "- 两者关系：同一文件的前后两个版本"),
    ("summary", "law", "## 主要变化"),
    ("table", "law", "| 序号 | 条款 | 变化 | 原规定 | 新规定 |"),
    ("quote-in-clause", "law", "**五千元**"),
    ("added", "law", "### 新增（"),
    ("removed", "law", "### 删除（"),
    ("split", "law", "- 第三条 拆分为 第三条、第四条"),
    ("merged", "filing", "- 第十三条、第十四条 合并为 第十六条"),
    ("modified", "law", "### 修改（"),
    ("missing-quote-in-words", "law", "原文件未规定"),
]


@pytest.mark.parametrize(("pair", "text"), [c[1:] for c in MD_SECTIONS], ids=[c[0] for c in MD_SECTIONS])
def test_memo_has(memos: dict[str, str], pair: str, text: str) -> None:
    assert text in memos[pair]


def test_memo_sections_come_in_order(memos: dict[str, str]) -> None:
    memo = memos["law"]
    heads = ["## 主要变化", "## 参数变化", "## 条款对照", "### 新增", "### 删除", "### 拆分", "### 修改"]
    assert [memo.index(h) for h in heads] == sorted(memo.index(h) for h in heads)


@pytest.mark.parametrize("pair", list(PAIRS))
def test_memo_table_has_one_row_per_change_and_no_dash(built: dict[str, tuple[Diff, Document, Document]],
                                                       memos: dict[str, str], pair: str) -> None:
    rows = [line for line in memos[pair].splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == len(built[pair][0].changes)
    assert "→ —" not in memos[pair] and "| — |" not in memos[pair]


@pytest.fixture(scope="module")
def cli_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("text") / "diff.txt"
    a, b = (str(ROOT / REVISIONS / x) for x in PAIRS["law"])
    assert main(["diff", a, b, "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


TEXT_CASES = [
    ("removed", "第二章/第六条 → （删除）"),
    ("added", "（新增） → 第二章/第十二条"),
    ("split", "split      拆分  第一章/第三条 → 第一章/第四条"),
]


@pytest.mark.parametrize("text", [c[1] for c in TEXT_CASES], ids=[c[0] for c in TEXT_CASES])
def test_text_says_missing_sides_in_words(cli_text: str, text: str) -> None:
    assert text in cli_text
    assert "—" not in cli_text.split("articles:")[1]


@pytest.fixture(scope="module")
def csv_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("csv") / "changes.csv"
    a, b = (str(ROOT / REVISIONS / x) for x in PAIRS["law"])
    assert main(["diff", a, b, "--format", "csv", "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("column", VALUE_COLUMNS)
def test_csv_value_columns_parse_as_floats(csv_rows: list[dict[str, str]], column: str) -> None:
    values = [r[column] for r in csv_rows]
    assert any(values)
    assert all(isinstance(float(v), float) for v in values if v)


CSV_COLUMNS = [
    ("phrases-apart", ("a_text", "b_text")),
    ("bounds", ("unit", "a_bound", "b_bound", "per")),
    ("words", ("subject", "summary", "a_section", "b_section", "a_quote", "b_quote")),
    ("places", ("a_page", "a_line", "b_page", "b_line", "a_start", "b_end")),
]


@pytest.mark.parametrize("columns", [c[1] for c in CSV_COLUMNS], ids=[c[0] for c in CSV_COLUMNS])
def test_csv_columns(csv_rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    assert set(columns) <= set(csv_rows[0])


def test_group_and_condition_phrases_go_to_text_columns(csv_rows: list[dict[str, str]]) -> None:
    phrases = [r for r in csv_rows if r["kind"] in ("group", "condition")]
    assert phrases and all((r["a_text"] or r["b_text"]) and not r["a_value"] and not r["b_value"] for r in phrases)
    numbers = [r for r in csv_rows if r["kind"] == "money"]
    assert all(r["a_line"] for r in numbers if r["a_quote"])


@pytest.fixture(scope="module")
def sheet(built: dict[str, tuple[Diff, Document, Document]], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    diff = built["law"][0]
    out = tmp_path_factory.mktemp("xlsx") / "diff.xlsx"
    export.write_sheets({"changes": list(export.change_rows([diff])), "pairs": list(export.pair_rows([diff]))}, out)
    return load_workbook(out)["changes"]


@pytest.mark.parametrize("column", VALUE_COLUMNS)
def test_xlsx_value_cells_are_numbers(sheet, column: str) -> None:  # type: ignore[no-untyped-def]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index(column)] for row in sheet.iter_rows(min_row=2)]
    filled = [c for c in cells if c.value is not None]
    assert filled and all(c.data_type == "n" and isinstance(c.value, (int, float)) for c in filled)


def test_parquet_value_columns_are_floats(built: dict[str, tuple[Diff, Document, Document]], tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "changes.parquet"
    export.write_rows(list(export.change_rows([built["law"][0]])), out, "parquet")
    schema = pq.read_schema(out)
    assert all(schema.field(c).type == pa.float64() for c in VALUE_COLUMNS)


def test_parquet_value_columns_are_floats_when_no_row_has_a_range(built: dict[str, tuple[Diff, Document, Document]],
                                                                  tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "changes.parquet"
    export.write_rows(list(export.change_rows([built["filing"][0]])), out, "parquet")
    assert pq.read_schema(out).field("a_value_max").type == pa.float64()


def test_jsonl_values_are_numbers(built: dict[str, tuple[Diff, Document, Document]], tmp_path: Path) -> None:
    out = tmp_path / "changes.jsonl"
    export.write_rows(list(export.change_rows([built["law"][0]])), out, "jsonl")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r[c] is None or isinstance(r[c], float) for r in rows for c in VALUE_COLUMNS)


def test_pairs_sheet_has_status_in_words(built: dict[str, tuple[Diff, Document, Document]]) -> None:
    rows = list(export.pair_rows([built["law"][0]]))
    assert {r["status_zh"] for r in rows} >= {"删除", "新增", "拆分", "修改"}


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is installed by scripts/setup.sh (as root)")
def test_redline_renders_marks_and_groups_in_a_browser(pages: dict[str, str], tmp_path: Path) -> None:
    page = tmp_path / "diff.html"
    page.write_text(pages["law"], encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert dom.count('<mark class="param') == pages["law"].count('<mark class="param') > 5
    assert "第三条 拆分为 第三条、第四条" in dom and 'data-status="split"' in dom
    shot = tmp_path / "diff.png"
    subprocess.run(["chromium", *flags, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 20_000


_CELL = re.compile(r'<tbody class="pair (modified|removed|added|unchanged|renumbered)" id="pair-(\d+)".*?<td class="a">(.*?)</td><td class="b">(.*?)</td>', re.S)


def _plain(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell.replace("<br>", "\n")))


@pytest.mark.parametrize("pair", list(PAIRS))
def test_each_side_of_the_redline_reads_as_its_article(built: dict[str, tuple[Diff, Document, Document]],
                                                       pages: dict[str, str], pair: str) -> None:
    """Tags removed, each cell of a one-to-one pair is its article as printed: A with its deletions, B with its
    insertions, a missing side said in words."""
    diff, a, b = built[pair]
    groups = pair_groups(diff.pairs)
    cells = _CELL.findall(pages[pair])
    assert len(cells) > 10
    for _, k, left, right in cells:
        p = groups[int(k)].pairs[0]
        assert _plain(left) == (a.text[p.a_span[0] : p.a_span[1]] if p.a_span else "（原文件无此条）")
        assert _plain(right) == (b.text[p.b_span[0] : p.b_span[1]] if p.b_span else "（新文件无此条）")


def test_an_empty_diff_renders_in_words(built: dict[str, tuple[Diff, Document, Document]]) -> None:
    _, a, b = built["law"]
    empty = Diff(a_id="a.txt", b_id="b.txt", a_title=None, b_title=None, relation="other", summary=[], pairs=[], changes=[])
    assert "未发现参数变化" in diff_to_html(empty, a, b) and "未发现实质变化" in diff_to_md(empty)
    assert "articles:" in diff_to_text(empty)


RELATION_CASES = [
    ("implementation-html", "implementation", "html", "<th>上级文件（A）</th><th>下级文件（B）</th>"),
    ("implementation-md", "implementation", "md", "# 上下级文件对照备忘录"),
    ("implementation-missing", "implementation", "html", "（下级文件无此条）"),
    ("other-md", "other", "md", "- 甲文件（A）："),
    ("version-md", "version", "md", "# 修订对照备忘录"),
]


@pytest.mark.parametrize(("relation", "fmt", "text"), [c[1:] for c in RELATION_CASES], ids=[c[0] for c in RELATION_CASES])
def test_sides_are_named_by_the_relation(built: dict[str, tuple[Diff, Document, Document]], relation: str, fmt: str,
                                         text: str) -> None:
    diff, a, b = built["law"]
    other = diff.model_copy(update={"relation": relation})
    assert text in (diff_to_html(other, a, b) if fmt == "html" else diff_to_md(other, a, b))
