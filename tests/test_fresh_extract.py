"""Error classes that the fresh documents (corpus/fresh, golden/fresh, issue 9) exposed in the finder, the bound,
per and role readers, each a table of named cases taken from those documents.

The cases call ``find_quantities`` and ``annotate`` directly (as tests/test_context_rules.py does), without spaCy.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.context import Context, annotate
from extractor.extract.find import find_quantities
from extractor.extract.taxonomy import benefits, groups


def contexts(text: str) -> list[Context]:
    found = find_quantities(text)
    out = annotate(text, found, list(groups().find(text)), list(benefits().find(text)))
    return [c for c in out if c.found.kind != "date"]


def quotes(text: str) -> list[tuple[str, str, Decimal | None]]:
    return [(text[c.found.start : c.found.end], c.found.kind, c.found.value) for c in contexts(text)]


def read(text: str, quote: str) -> Context:
    got = [c for c in contexts(text) if text[c.found.start : c.found.end] == quote]
    assert len(got) == 1, quotes(text)
    return got[0]


# Points (分) of a points system: a count, with its bound and per; the period of the rate is no duration.
POINTS = [
    # (id, text, quote, value, bound, per)
    ("beijing-age-points", "申请人年龄不超过45周岁的，加20分。", "20分", 20, "exact", ()),
    ("beijing-points-per-year", "以连续缴纳社会保险年限作为合法稳定就业年限的计分标准，每连续缴纳社会保险满1年积3分。", "3分", 3, "exact", ("year",)),
    ("beijing-half-point", "在合法租赁住所和单位宿舍每连续居住满1年积0.5分。", "0.5分", Decimal("0.5"), "exact", ("year",)),
    ("beijing-degree-points", "具体积分标准为：大学专科(含高职)10.5分，大学本科学历并取得学士学位15分。", "10.5分", Decimal("10.5"), "exact", ()),
    ("beijing-capped-points", "申请人居住地由城六区转移到本市其他行政区域的，每满1年加2分，最高加6分。", "6分", 6, "max", ()),
    ("beijing-points-per-record", "有涉税违法行为记录的个人、企业法人和个体工商户经营者，申请积分落户的，每条记录减12分。", "12分", 12, "exact", ("time",)),
    ("zhongshan-points-threshold", "积分累计达到30分的流动人员，其符合入学条件的适龄子女可申请享受义务教育阶段中山市公办学位待遇", "30分", 30, "min", ()),
    ("zhongshan-points-or-more", "每年安排一定数量属政府所有公租房提供给积分达到30分以上的流动人员租用。", "30分", 30, "min", ()),
]


@pytest.mark.parametrize(("text", "quote", "value", "bound", "per"), [pytest.param(*c[1:], id=c[0]) for c in POINTS])
def test_points_are_counts(text, quote, value, bound, per):
    c = read(text, quote)
    assert (c.found.kind, c.found.value, c.bound, c.per, c.role) == ("count", Decimal(value), bound, per, "parameter")


NOT_A_QUANTITY = [
    # (id, text, a quote that must not be read as a quantity)
    ("beijing-period-of-a-points-rate", "每连续缴纳社会保险满1年积3分。", "1年"),
    ("zhongshan-card-name", "应提供子女有效的《十六周岁以下儿童随行卡》原件及复印件。", "十六周岁"),
    ("not-points:minutes", "上午9时30分开会", "30分"),
    ("not-points:fraction", "占总数的三分之一", "三分"),
    ("not-points:very", "十分重要", "十分"),
]


@pytest.mark.parametrize(("text", "quote"), [pytest.param(*c[1:], id=c[0]) for c in NOT_A_QUANTITY])
def test_not_a_quantity(text, quote):
    assert quote not in [q for q, _, _ in quotes(text)]


# A table row naming its unit in a cell: the bare numbers after it are of that unit (福州 2015 方案).
TABLE_ROWS = [
    ("fuzhou-deductibles", "基本医保范围内费用≤6万元\t起付线（元）\t800\t400\t300\t150",
     [("6万元", "money", 60000), ("800", "money", 800), ("400", "money", 400), ("300", "money", 300), ("150", "money", 150)]),
    ("fuzhou-rates", "报销比例（%）\t55\t65\t80\t90",
     [("55", "percent", 55), ("65", "percent", 65), ("80", "percent", 80), ("90", "percent", 90)]),
    ("fuzhou-yearly-cap", "年度最高支付限额（元/人） （按实际报销金额计）\t400", [("400", "money", 400)]),
    ("no-unit-cell", "1\t高血压（Ⅱ级及以上）\t0\t60\t4000", []),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(*c[1:], id=c[0]) for c in TABLE_ROWS])
def test_table_row_units(text, expected):
    assert quotes(text) == [(q, k, Decimal(v)) for q, k, v in expected]


# Bands and bounds written with signs or around a bracket (福州 2015 方案), hours granted (女职工 2012).
BANDS_AND_BOUNDS = [
    # (id, text, quote, kind, value, value_max, bound)
    ("fuzhou-band-signs", "6万元＜基本医保范围内费用≤14万元\t报销比例（%）\t40", "6万元＜基本医保范围内费用≤14万元", "money", 60000, 140000, "range"),
    ("fuzhou-band-above-to", "6万元以上至14万元（含14万元）：40", "6万元以上至14万元", "money", 60000, 140000, "range"),
    ("fuzhou-bracket-before-bound", "在5000万元（含5000万元）以内的，由市、县两级财政按4:6的比例分担", "5000万元", "money", 50000000, None, "max"),
    ("female-employees-nursing-hour", "用人单位应当在每天的劳动时间内为哺乳期女职工安排1小时哺乳时间", "1小时", "duration", 1, None, "exact"),
    ("female-employees-added-hour", "每多哺乳1个婴儿每天增加1小时哺乳时间。", "1小时", "duration", 1, None, "exact"),
]


@pytest.mark.parametrize(("text", "quote", "kind", "value", "value_max", "bound"),
                         [pytest.param(*c[1:], id=c[0]) for c in BANDS_AND_BOUNDS])
def test_bands_and_bounds(text, quote, kind, value, value_max, bound):
    c = read(text, quote)
    vmax = None if value_max is None else Decimal(value_max)
    assert (c.found.kind, c.found.value, c.found.value_max, c.bound) == (kind, Decimal(value), vmax, bound)


# A table whose header cells name their columns' units, in one row or in two (the second splitting a merged cell of
# the first), and rows shorter than the header (their other cells merged from the row above): 福州 2015, the
# special-disease table, and tables made of its shape.
_FUZHOU_HEAD = "序号\t病种\t基本医保范围内费用\t年度最高支付 限额（元/人）\t备注\n起付标准（元）\t报销比例（%）\n"
COLUMN_TABLES = [
    # (id, text, [(cell, kind, value, bound, per)])
    ("fuzhou-full-row-under-a-two-row-header", _FUZHOU_HEAD + "1\t高血压（Ⅱ级及以上）\t0\t60\t4000\t年度最高支付限额按基本医保范围内费用计\n",
     [("0", "money", 0, "exact", ()), ("60", "percent", 60, "exact", ()), ("4000", "money", 4000, "max", ("person", "year"))]),
    ("fuzhou-short-row-gives-its-number-to-the-last-unit-column", _FUZHOU_HEAD + "1\t高血压\t0\t60\t4000\t备注\n2\t糖尿病\t4000\n",
     [("0", "money", 0, "exact", ()), ("60", "percent", 60, "exact", ()), ("4000", "money", 4000, "max", ("person", "year")),
      ("4000", "money", 4000, "max", ("person", "year"))]),
    ("fuzhou-bands-in-a-rate-cell", _FUZHOU_HEAD + "9\t恶性肿瘤\t0\t6万元以内（含6万元）：70；6万元以上至14万元（含14万元）：40\t与住院共用 封顶线\t备注\n",
     [("0", "money", 0, "exact", ()), ("6万元", "money", 60000, "max", ()), ("70", "percent", 70, "exact", ()),
      ("6万元以上至14万元", "money", 60000, "range", ()), ("40", "percent", 40, "exact", ())]),
    ("one-row-header-with-units", "项目\t补贴标准（元/人）\t补贴比例（%）\n职业培训\t1500\t80\n",
     [("1500", "money", 1500, "exact", ("person",)), ("80", "percent", 80, "exact", ())]),
]


@pytest.mark.parametrize(("text", "want"), [pytest.param(*c[1:], id=c[0]) for c in COLUMN_TABLES])
def test_column_units(text: str, want: list[tuple[str, str, int, str, tuple[str, ...]]]) -> None:
    got = [(text[c.found.start : c.found.end], c.found.kind, c.found.value, c.bound, c.per) for c in contexts(text)]
    assert got == [(q, k, Decimal(v), b, p) for q, k, v, b, p in want]


@pytest.mark.parametrize("text", [
    pytest.param("序号\t姓名\t备注\n1\t张三\t2\n", id="a-header-without-units-gives-no-kind"),
    pytest.param("序号\t人数\n1\t30\n", id="a-count-column-is-not-money"),
])
def test_no_column_unit(text: str) -> None:
    assert [c.found.kind for c in contexts(text)] == []


# A row whose first cells name the unit of its numbers: the bound and per come from that cell (福州 2015, 普通门诊).
ROW_TABLES = [
    # (id, text, [(cell, kind, value, bound, per)])
    ("fuzhou-a-yearly-cap-per-person-row", "年度最高支付限额（元/人） （按实际报销金额计）\t400\n",
     [("400", "money", 400, "max", ("person", "year"))]),
    ("fuzhou-a-deductible-row-is-exact", "基本医保 范围内费用\t起付线（元）\t0\n报销比例（%）\t50\t40\n",
     [("0", "money", 0, "exact", ()), ("50", "percent", 50, "exact", ()), ("40", "percent", 40, "exact", ())]),
]


@pytest.mark.parametrize(("text", "want"), [pytest.param(*c[1:], id=c[0]) for c in ROW_TABLES])
def test_row_units(text: str, want: list[tuple[str, str, int, str, tuple[str, ...]]]) -> None:
    got = [(text[c.found.start : c.found.end], c.found.kind, c.found.value, c.bound, c.per) for c in contexts(text)]
    assert got == [(q, k, Decimal(v), b, p) for q, k, v, b, p in want]
