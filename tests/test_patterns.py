"""The shared text patterns (extractor.text): page numbers, numbering markers, 文号 keys, titles, Chinese numerals
written and read. That they sit below every stage is checked with the other layers in test_layers.py."""

from __future__ import annotations

import datetime as dt

import cn2an  # type: ignore[import-untyped]
import cn2an.conf  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.text.numbering import match_marker, strip_marker
from extractor.text.numerals import DIGIT_VALUES, UNIT_VALUES, format_cn, parse_int, parse_number
from extractor.text.patterns import (
    DATE_LINE_RE,
    DOC_NUMBER_LINE_RE,
    PAGE_NUMBER_LINE_RE,
    PAGE_NUMBER_RE,
    norm_doc_number,
    norm_title,
    parse_date,
    title_text,
)

# (id, line, a page number at a PDF page's edge, a page number anywhere in a text)
PAGE_NUMBERS = [
    ("em-dashes", "— 3 —", True, True),
    ("hyphens", "- 13 -", True, True),
    ("no-spaces", "—13—", True, True),
    ("full-width-space", "\u3000— 3 —\u3000", True, True),
    ("di-ye", "第3页", True, True),
    ("di-ye-gong", "第 3 页 共 12 页", True, True),
    ("di-ye-slash", "第3页/12页", True, True),
    ("slash", "3/12", True, False),  # a fraction in a text; a page number at a page's edge
    ("bare", "3", True, False),
    ("sentence", "第3页所列事项", False, False),
    ("year", "2023年", False, False),
    ("five-digits", "12345", False, False),
]


@pytest.mark.parametrize(("line", "at_edge", "in_text"), [c[1:] for c in PAGE_NUMBERS], ids=[c[0] for c in PAGE_NUMBERS])
def test_page_number(line: str, at_edge: bool, in_text: bool) -> None:
    assert bool(PAGE_NUMBER_RE.match(line)) is at_edge
    assert bool(PAGE_NUMBER_LINE_RE.match(line)) is in_text


MARKERS = [
    ("bian", "第一编 总则", "bian", "第一编"),
    ("zhang", "第二章　申请条件", "zhang", "第二章"),
    ("tiao-cn", "第二十一条 本办法自印发之日起施行", "tiao", "第二十一条"),
    ("tiao-arabic", "第3条 补贴标准", "tiao", "第3条"),
    ("cn", "十二、组织保障", "cn", "十二"),
    ("cn-paren", "（三）加强就业见习", "cn_paren", "（三）"),
    ("cn-paren-half-width", "(三)加强就业见习", "cn_paren", "（三）"),
    ("arabic", "1.岗前培训", "arabic", "1"),
    ("arabic-dun", "2、岗位补贴", "arabic", "2"),
    ("arabic-paren", "（2）学徒制培训", "arabic_paren", "（2）"),
    ("circled", "③ 职业技能鉴定", "circled", "③"),
]
NOT_MARKERS = [
    ("decimal", "1.5万元以下"),
    ("percent", "3、%"),
    ("date", "2020年2月"),
    ("bare-cn", "一、"),
    ("prose", "对吸纳就业的企业给予补贴"),
]


@pytest.mark.parametrize(("line", "kind", "display"), [c[1:] for c in MARKERS], ids=[c[0] for c in MARKERS])
def test_marker(line: str, kind: str, display: str) -> None:
    m = match_marker(line)
    assert m is not None and (m.kind, m.display) == (kind, display)
    assert strip_marker(line) == line[m.end :]


@pytest.mark.parametrize("line", [c[1] for c in NOT_MARKERS], ids=[c[0] for c in NOT_MARKERS])
def test_not_a_marker(line: str) -> None:
    assert match_marker(line) is None
    assert strip_marker(line) == line


LINES = [  # (id, line, a 文号 line, a date line)
    ("doc-number", "豫政办〔2023〕17号", True, False),
    ("doc-number-spaced", "  焦人社文 〔2022〕 7 号 ", True, False),
    ("date", "2023年4月27日", False, True),
    ("signature-date", "南阳市人力资源和社会保障局 2025年10月17日印发", False, True),
    ("sentence-with-date", "本办法自2023年4月27日起施行。", False, False),
    ("citation", "根据《关于X的通知》（豫政办〔2023〕17号）要求", False, False),
]


@pytest.mark.parametrize(("line", "number", "date"), [c[1:] for c in LINES], ids=[c[0] for c in LINES])
def test_head_lines(line: str, number: bool, date: bool) -> None:
    assert bool(DOC_NUMBER_LINE_RE.match(line)) is number
    assert bool(DATE_LINE_RE.match(line)) is date


DOC_NUMBER_KEYS = [
    ("brackets", "豫人社办[2023] 19号", "豫人社办〔2023〕19号"),
    ("di-and-zeros", "平人社办（2022）第079号", "平人社办〔2022〕79号"),
    ("lead-words", "文件第三条以及豫人社函〔2023〕19号", "豫人社函〔2023〕19号"),
    ("lead-verb", "根据豫政〔2020〕14号文件", "豫政〔2020〕14号"),
    ("none", "2023年4月27日", None),
]


@pytest.mark.parametrize(("text", "key"), [c[1:] for c in DOC_NUMBER_KEYS], ids=[c[0] for c in DOC_NUMBER_KEYS])
def test_doc_number_key(text: str, key: str | None) -> None:
    assert norm_doc_number(text) == key


BAD_DATES = [
    ("feb-30", "2023年2月30日"),
    ("month-13", "2023年13月1日"),
    ("cn-nonsense-year", "十十十十年一月一日"),
]


@pytest.mark.parametrize("text", [c[1] for c in BAD_DATES], ids=[c[0] for c in BAD_DATES])
def test_impossible_date_is_none(text: str) -> None:
    assert parse_date(text) is None


def test_second_date_is_read_when_the_first_is_impossible() -> None:
    assert parse_date("2023年2月30日印发，2023年3月1日施行") == dt.date(2023, 3, 1)


TITLES = [
    ("spaces-and-marks", "关于印发《X 方案(试行)》的 通 知", "关于印发X方案（试行）的通知", "关于印发《X方案(试行)》的通知"),
    ("markdown", "**关于 2023 年工作的通知**", "关于2023年工作的通知", "关于2023年工作的通知"),
    ("latin-words", "关于 Open Data 试点的通知", "关于OpenData试点的通知", "关于Open Data试点的通知"),
]


@pytest.mark.parametrize(("title", "normed", "shown"), [c[1:] for c in TITLES], ids=[c[0] for c in TITLES])
def test_titles(title: str, normed: str, shown: str) -> None:
    assert norm_title(title) == normed
    assert title_text(title) == shown


def test_digit_tables_are_cn2an_s() -> None:
    assert dict(DIGIT_VALUES) == cn2an.conf.NUMBER_CN2AN
    assert dict(UNIT_VALUES) == cn2an.conf.UNIT_CN2AN


@given(st.integers(0, 10**16 - 1))
def test_format_cn_round_trips(n: int) -> None:
    assert parse_number(format_cn(n)) == n
    assert parse_int(format_cn(n)) == n


@given(st.integers(0, 10**8 - 1))
def test_format_cn_writes_what_cn2an_writes(n: int) -> None:
    # above 亿 cn2an drops inner zeros (二亿二千八百六十五 for 200002865); below, it writes numbers as printed
    assert format_cn(n) == cn2an.an2cn(n)


def test_format_cn_keeps_the_zero_cn2an_drops() -> None:
    assert format_cn(200002865) == "二亿零二千八百六十五"


@given(st.text(max_size=30))
def test_patterns_never_raise(text: str) -> None:
    parse_date(text)
    norm_doc_number(text)
    strip_marker(text)
    norm_title(text)
    title_text(text)
