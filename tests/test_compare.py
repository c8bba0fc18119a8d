"""Comparing a benefit across the corpus: expected values read from the documents."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.compare.table import documents_to_table
from extractor.pipeline import parse_path
from tests.conftest import ROOT, parsed

CORPUS = ("corpus/texts/000_0fce187c97867da1.txt", "corpus/texts/001_e001dd900bee0134.txt",
          "corpus/texts/002_f15aeebbaef14a54.txt", "corpus/texts/003_65af231806fc8ace.txt",
          "corpus/texts/004_a7a4461144ba7e7b.txt")


def corpus_docs():  # type: ignore[no-untyped-def]
    return [d for f in CORPUS for d in parsed(f)]


@functools.cache
def corpus_table(benefit: str | None, kinds: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """``documents_to_table(corpus_docs(), benefit=..., kinds=...)``, built once per session for each benefit and
    kinds (several tests read the same table; none changes it)."""
    return documents_to_table(corpus_docs(), benefit=benefit, kinds=list(kinds))


def values(table, doc_id: str, column_prefix: str) -> set[float]:  # type: ignore[no-untyped-def]
    """The values of a document's rows (every recipient class) in the columns starting with ``column_prefix``."""
    rows = [r for r in table.rows if r.doc_id == doc_id]
    assert rows, doc_id
    return {v.value for row in rows for col, vs in row.cells.items() if col.startswith(column_prefix) for v in vs}


# 就业见习补贴: 70% of the local minimum wage, 110% when half the interns are kept on (read in 001 一/3,
# compendium document 2 附件2/一/（三） and document 18 一/（三）)
INTERNSHIP_RATE = [
    ("001_e001dd900bee0134.txt", {70.0, 110.0}),
    ("004_a7a4461144ba7e7b-02.txt", {70.0, 110.0}),
    ("004_a7a4461144ba7e7b-18.txt", {70.0, 110.0}),
]


@pytest.mark.parametrize(("doc_id", "expected"), INTERNSHIP_RATE, ids=[r[0] for r in INTERNSHIP_RATE])
def test_internship_subsidy_rate(doc_id: str, expected: set[float]) -> None:
    table = corpus_table("就业见习补贴", ("percent",))
    assert values(table, doc_id, "比例 (") == expected


# 创业担保贷款 caps (read in 001 二/4: 20/150/300万 with interest subsidy, 30/400万 self-paid;
# compendium document 1 十一: 个人20万, 小微企业300万)
LOAN_CAPS = [
    ("001_e001dd900bee0134.txt", {200000.0, 1500000.0, 3000000.0, 300000.0, 4000000.0}),
    ("004_a7a4461144ba7e7b-01.txt", {200000.0, 3000000.0}),
]


@pytest.mark.parametrize(("doc_id", "expected"), LOAN_CAPS, ids=[r[0] for r in LOAN_CAPS])
def test_guarantee_loan_caps(doc_id: str, expected: set[float]) -> None:
    table = corpus_table("创业担保贷款", ("money",))
    assert values(table, doc_id, "金额·上限") == expected


def test_per_month_and_per_year_never_share_a_column() -> None:
    table = corpus_table(None, ("money",))
    for col in table.columns:
        assert not ("每月" in col and "每年" in col)


def test_living_allowance_by_degree() -> None:
    """One row per degree, each its recipient class, the verbatim phrase kept as evidence."""
    table = documents_to_table([parsed("corpus/texts/000_0fce187c97867da1.txt")[0]], benefit="生活补助", kinds=["money"])
    got = {(r.recipient_class, v.value, v.groups[0][-5:]) for r in table.rows for col, vs in r.cells.items() if "每月" in col
           for v in vs}
    assert got == {("doctoral_graduate", 5000.0, "博士研究生"), ("master_graduate", 3000.0, "硕士研究生"),
                   ("bachelor_graduate", 1000.0, "本科毕业生")}


# 创业担保贷款 caps by recipient class: 001 二/4 "个人创业、合伙经营或组织起来创业的、小微企业可申请最高…20万元、150万元、300万元"
# and the compendium's document 30 "个人最高不超过 20 万元，合伙经营和组织创业最高不超过 150 万元，小微企业最高不超过 300 万元"
LOAN_CLASSES = [
    ("one-phrase-each-of-a-list", "001_e001dd900bee0134.txt", 1500000.0, {"partnership_venture", "organized_venture"}),
    ("list-of-three-small-firms", "001_e001dd900bee0134.txt", 3000000.0, {"small_micro_enterprise"}),
    ("coordinated-subject-of-its-clause", "004_a7a4461144ba7e7b-30.txt", 1500000.0, {"partnership_venture", "organized_venture"}),
    ("subject-of-its-clause", "004_a7a4461144ba7e7b-30.txt", 3000000.0, {"small_micro_enterprise"}),
]


@pytest.mark.parametrize(("doc_id", "value", "classes"), [c[1:] for c in LOAN_CLASSES], ids=[c[0] for c in LOAN_CLASSES])
def test_loan_caps_sit_under_their_recipient_class(doc_id: str, value: float, classes: set[str]) -> None:
    table = corpus_table("创业担保贷款", ("money",))
    got = {r.recipient_class for r in table.rows if r.doc_id == doc_id for vs in r.cells.values() for v in vs if v.value == value}
    assert classes <= got


def test_a_one_off_sum_and_a_lump_sum_share_a_column() -> None:
    """一次性创业补贴5000元 and 一次性给予每人5000元 are one parameter: no 一次性 or 每人 in a money column."""
    table = corpus_table("一次性创业补贴", ("money",))
    assert table.rows and not any("一次性" in c or "每人" in c for c in table.columns)


@pytest.mark.parametrize("fmt", ["md", "csv", "html", "json"])
def test_compare_command_formats(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"t.{fmt}"
    assert main(["compare", str(ROOT / CORPUS[1]), "--benefit", "创业担保贷款", "--format", fmt, "-o", str(out)]) == 0
    assert "200000" in out.read_text(encoding="utf-8") or "20万元" in out.read_text(encoding="utf-8")


def test_compare_xlsx_and_chart(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    xlsx, png, svg = tmp_path / "t.xlsx", tmp_path / "c.png", tmp_path / "c.svg"
    args = ["compare", str(ROOT / CORPUS[1]), "--benefit", "创业担保贷款", "--kind", "money"]
    assert main([*args, "--format", "xlsx", "-o", str(xlsx), "--chart", str(png)]) == 0
    assert main([*args, "--format", "md", "-o", str(tmp_path / "t.md"), "--chart", str(svg)]) == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["table", "values"] and wb["values"].max_row > 3
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in svg.read_bytes()[:500]


def test_one_document_in_several_formats_counts_once() -> None:
    """corpus/ holds 001 as text, DOCX and PDF: one document in the comparison, its formats listed, the text shown."""
    docs = [d for f in ("corpus/texts/001_e001dd900bee0134.txt", "corpus/docx/001_e001dd900bee0134.docx",
                        "corpus/pdf/001_e001dd900bee0134.pdf") for d in parsed(f)]
    table = documents_to_table(docs, benefit="创业担保贷款", kinds=["money"])
    assert {r.doc_id for r in table.rows} == {"001_e001dd900bee0134.txt"}
    assert all(r.formats == ["text", "docx", "pdf"] for r in table.rows)
    assert all(sorted(r.sources) == ["001_e001dd900bee0134.docx", "001_e001dd900bee0134.pdf"] for r in table.rows)


@pytest.mark.parametrize("args", [["--benefit", "创业担保贷款", "--benefit", "一次性创业补贴"], ["--benefit", "创业担保贷款,一次性创业补贴"],
                                  ["--benefit", "创业担保贷款、一次性创业补贴"]], ids=["repeated", "comma-list", "dun-list"])
def test_several_benefits_give_a_table_each(args: list[str], tmp_path: Path) -> None:
    import json

    out = tmp_path / "t.json"
    assert main(["compare", str(ROOT / CORPUS[1]), *args, "--format", "json", "-o", str(out)]) == 0
    assert [t["benefit"] for t in json.loads(out.read_text(encoding="utf-8"))] == ["创业担保贷款", "一次性创业补贴"]


def test_several_benefits_in_xlsx_are_a_sheet_each(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert main(["compare", str(ROOT / CORPUS[1]), "--benefit", "创业担保贷款,一次性创业补贴", "--format", "xlsx", "-o", str(out)]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["创业担保贷款", "一次性创业补贴", "values"]
    assert {row[0] for row in wb["values"].iter_rows(min_row=2, values_only=True)} == {"创业担保贷款", "一次性创业补贴"}


LEVELS = {"national": 0, "provincial": 1, "municipal": 2, "county": 3, "district": 4}


@pytest.mark.parametrize(("by", "key"), [
    ("region", lambda r: (r.region or "", r.year or 0)),
    ("year", lambda r: (r.year or 0, r.region or "")),
    ("level", lambda r: (LEVELS.get(r.level, 5), r.region or "", r.year or 0)),
])
def test_rows_ordered_by(by, key) -> None:  # type: ignore[no-untyped-def]
    from extractor.compare.table import order_rows

    table = order_rows(corpus_table("创业担保贷款", ("money",)), by)
    keys = [key(r) for r in table.rows]
    assert len(table.rows) > 5 and keys == sorted(keys)


def test_bank_quotas_are_no_loan_parameters() -> None:
    """003 allots 创业担保贷款 quotas to banks (邮储银行3000万元 …): compare_rules.yaml keeps them out of the loan's table."""
    table = documents_to_table([parsed("corpus/texts/003_65af231806fc8ace.txt")[0]], benefit="创业担保贷款", kinds=["money"])
    assert table.rows and 30000000.0 not in values(table, "003_65af231806fc8ace.txt", "金额")
    assert not any(r.recipient_class in ("financial_institution", "handling_bank") for r in table.rows)


def test_the_compare_rules_name_groups_of_the_taxonomy() -> None:
    from extractor.compare.table import compare_rules
    from extractor.extract.taxonomy import groups

    rules = compare_rules()
    assert rules.not_recipients and rules.not_recipients <= set(groups().entries) and "award" in rules.unless_category


def test_a_chart_has_a_panel_per_parameter_and_bars_by_class(tmp_path: Path) -> None:
    """Looked at: tmp PNG of 001's loan caps, one panel per column, a legend of classes, values on the bars."""
    from extractor.store.chart import bars, table_to_chart

    table = documents_to_table([parsed(CORPUS[1])[0]], benefit="创业担保贷款", kinds=["money"])
    drawn = table_to_chart(table, tmp_path / "c.svg")
    svg = (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert drawn and all(c in table.columns for c in drawn) and svg.count("<g id=\"axes_") == len(drawn)
    caps = bars(table, "金额·上限 (yuan)")
    assert {b.cls for b in caps} >= {"小微企业", "合伙经营"} and all(b.group == "河南省焦作市 2022" for b in caps)


def test_compare_exports_keep_numbers_and_open_in_excel(tmp_path: Path) -> None:
    """XLSX: values and years are number cells, headers frozen; CSV written to a file starts with the BOM."""
    from openpyxl import load_workbook

    xlsx, csv_file = tmp_path / "t.xlsx", tmp_path / "t.csv"
    args = ["compare", str(ROOT / CORPUS[1]), "--benefit", "创业担保贷款"]
    assert main([*args, "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert main([*args, "--format", "csv", "-o", str(csv_file)]) == 0
    ws = load_workbook(xlsx)["values"]
    head = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    value, year = head.index("value"), head.index("year")
    assert rows and all(r[value].data_type == "n" and r[year].data_type == "n" for r in rows)
    assert any(r[value].value == 200000 and r[value].number_format == "#,##0" for r in rows)
    assert ws.freeze_panes == "A2" and load_workbook(xlsx)["table"].freeze_panes == "A2"
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_notice_issuing_two_instruments_gives_each_its_numbers() -> None:
    """Compendium document 23 issues the 示范园区 办法 and then the 示范项目 办法: the second's criteria are the
    项目's (its title, printed before its 第一章, names the benefit), not the 园区's."""
    from extractor.extract import _instrument_titles

    (doc,) = parse_path(ROOT / "corpus/texts/004_a7a4461144ba7e7b.txt#23").documents
    assert [b for _, b in _instrument_titles(doc)] == ["农民工返乡创业示范园区评审认定奖励", "农民工返乡创业示范项目评审认定奖励"]
    project = documents_to_table([doc], benefit="示范项目奖补", kinds=["count"])
    park = documents_to_table([doc], benefit="示范园区奖补", kinds=["count"])
    assert 10.0 in values(project, doc.id, "人数") and 10.0 not in values(park, doc.id, "人数")  # 吸纳…10人以上


@pytest.mark.parametrize(("name", "query", "matches"), [
    ("农民工返乡创业示范项目评审认定奖励", "奖励", False),  # names 示范项目奖补, not the generic 奖励
    ("农民工返乡创业示范项目评审认定奖励", "示范项目奖补", True),
    ("发放的创业担保贷款", "奖励", False),
    ("某某专项奖励", "奖励", True),  # names nothing more specific: the text decides
])
def test_a_printed_benefit_name_is_matched_by_what_it_names(name: str, query: str, matches: bool) -> None:
    from extractor.compare.table import matches_benefit
    from extractor.records import Evidence, Quantity

    q = Quantity(id="x:0-4:money", kind="money", value=1000, unit="yuan", benefit=name, section="一",
                 evidence=Evidence(quote="1000元", span=(0, 4), line=1))
    assert matches_benefit(q, query) is matches


def test_a_document_without_a_date_takes_its_year_from_its_wenhao() -> None:
    """Compendium document 19 (平人社就业〔2023〕11号) prints no date: its rows are of 2023."""
    (doc,) = parse_path(ROOT / "corpus/texts/004_a7a4461144ba7e7b.txt#19").documents
    assert doc.date is None and doc.doc_number is not None and doc.doc_number.year == 2023
    table = documents_to_table([doc], benefit="创业担保贷款")
    assert table.rows and {r.year for r in table.rows} == {2023}
