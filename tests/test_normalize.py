"""Cleaning: joins, stray spaces, full-width characters, and the offset map back to the source."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.ingest.raw import RawLine
from extractor.normalize.text import lines_to_text

DEV_CASES = [
    ("page-break-mid-sentence", ["对吸纳安排就业见习人员的单位给予补贴，补贴期限最长不超过12个月。对见习", "", "期未满与见习人员签订劳动合同的，给予剩余期限见习补贴。"],
     "对吸纳安排就业见习人员的单位给予补贴，补贴期限最长不超过12个月。对见习期未满与见习人员签订劳动合同的，给予剩余期限见习补贴。"),
    ("heading-never-joined", ["一、援企稳岗稳定就业", "1. 落实稳岗扩就业政策。"], "一、援企稳岗稳定就业\n1. 落实稳岗扩就业政策。"),
    ("stray-space-cjk-digit", ["自2020年 2月起，补贴 5000 元。"], "自2020年2月起，补贴5000元。"),
    ("full-width-digits", ["签订１年以上劳动合同。"], "签订1年以上劳动合同。"),
    ("full-width-punctuation-kept", ["焦人社文〔2022〕7号（试行）、"], "焦人社文〔2022〕7号（试行）、"),
    ("cjk-space-kept", ["河南省人力资源和社会保障厅 河南省财政厅"], "河南省人力资源和社会保障厅 河南省财政厅"),
    ("page-number-dropped", ["补贴标准为每人每月", "—13—", "1500元。"], "补贴标准为每人每月\n1500元。"),
    ("title-line-not-joined", ["关于印发《推动高质量就业工作的若干措施》的通知", "各县（市、区）人力资源和社会保障局："],
     "关于印发《推动高质量就业工作的若干措施》的通知\n各县（市、区）人力资源和社会保障局："),
    ("long-heading-in-one-paragraph-per-line-text",
     ["一、支持中小微企业吸纳高校毕业生就业并按规定给予一次性吸纳就业补贴和社会保险补贴", "对招用毕业年度高校毕业生的中小微企业，给予补贴。"],
     "一、支持中小微企业吸纳高校毕业生就业并按规定给予一次性吸纳就业补贴和社会保险补贴\n对招用毕业年度高校毕业生的中小微企业，给予补贴。"),
    ("short-line-cut-in-a-word", ["六、示范县人力资源社会保障、财政部门应建立完善奖补资", "金发放台账，做好绩效管理。"],
     "六、示范县人力资源社会保障、财政部门应建立完善奖补资金发放台账，做好绩效管理。"),
    # blind5 宁夏 2004 公示地方性法规草案规定, 中卫 2017; blind3 拉萨 2009: Word's page-number field code after the last
    # sentence of a converted file is no text
    ("word-page-field-code-dropped", ["第十二条 本规定自2005年1月1日起施行。PAGEMERGEFORMATPAGEMERGEFORMAT洀H猄H渄H琄H"],
     "第十二条 本规定自2005年1月1日起施行。"),
    ("word-page-field-code-without-mergeformat-dropped", ["第五十条 本条例自2018年1月1日起施行。PAGEPAGE洀H猄H渄H琄H"],
     "第五十条 本条例自2018年1月1日起施行。"),
    ("a-word-page-in-a-sentence-kept", ["详见附件PAGE 3的说明。"], "详见附件PAGE 3的说明。"),
]


@pytest.mark.parametrize(("lines", "expected"), [c[1:] for c in DEV_CASES], ids=[c[0] for c in DEV_CASES])
def test_clean(lines: list[str], expected: str) -> None:
    assert lines_to_text([RawLine(t, None, i + 1) for i, t in enumerate(lines)]).text == expected


def test_geometry_wrap_joins_across_pages() -> None:
    lines = [RawLine("按照当地最低工资标准的", 1, 22, True), RawLine("70%给予补贴", 2, 1, False)]
    clean = lines_to_text(lines)
    assert clean.text == "按照当地最低工资标准的70%给予补贴"
    assert clean.location(0).page == 1 and clean.location(len(clean.text) - 1).page == 2


def test_source_quote_is_verbatim() -> None:
    clean = lines_to_text([RawLine("最高不超过 20 万元的贷款", None, 1)])
    start = clean.text.index("最高")
    end = clean.text.index("万元") + 2
    assert clean.source_quote(start, end) == "最高不超过 20 万元"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=12))
def test_cleaning_never_raises_and_offsets_stay_monotone(texts: list[str]) -> None:
    lines = [RawLine(t, None, i + 1) for i, t in enumerate(texts)]
    clean = lines_to_text(lines)
    assert len(clean.line_of) == len(clean.text) == len(clean.col_of)
    pairs = list(zip(clean.line_of, clean.col_of))
    assert pairs == sorted(pairs)
    for i, ch in enumerate(clean.text):
        if ch != "\n":
            src = lines[clean.line_of[i]].text[clean.col_of[i]]
            assert ch == src or ch == chr(ord(src) - 0xFEE0)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("2014\u00ad2020年", "2014-2020年", id="soft-hyphen-between-years"),
        pytest.param("2014\ufffe2020年", "2014-2020年", id="pdfium-soft-hyphen-between-years"),
        pytest.param("规\u00ad划", "规\u00ad划", id="soft-hyphen-between-words-kept"),
    ],
)
def test_a_soft_hyphen_between_digits_is_a_hyphen(raw: str, clean: str) -> None:
    """issue 9: 2014­2020年 became 20142020年 and then a date."""
    from extractor.normalize.text import normalize_chars

    assert normalize_chars(raw) == clean
