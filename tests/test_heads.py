"""Head parsing: 文号 in every bracket variant, dates, organs, regions from the division codes."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.divisions import region_of
from extractor.segment.heads import split_organs
from extractor.text.patterns import parse_date, parse_doc_number

DOC_NUMBERS = [
    ("hexagonal", "豫政办〔2023〕17号", ("豫政办", 2023, 17)),
    ("square", "新密政[2020]4号", ("新密政", 2020, 4)),
    ("full-width-square", "平人社办［2023］96号", ("平人社办", 2023, 96)),
    ("full-width-round", "平人社办（2023）73号", ("平人社办", 2023, 73)),
    ("half-width-round", "豫人社规(2021)4号", ("豫人社规", 2021, 4)),
    ("lenticular", "豫财社【2018】8号", ("豫财社", 2018, 8)),
    ("in-running-text", "根据豫政〔2020〕14号文件", ("豫政", 2020, 14)),
    ("spaces", "焦人社文 〔2022〕 7 号", ("焦人社文", 2022, 7)),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DOC_NUMBERS], ids=[c[0] for c in DOC_NUMBERS])
def test_doc_number(text: str, expected: tuple[str, int, int]) -> None:
    n = parse_doc_number(text)
    assert n is not None and (n.agency, n.year, n.serial) == expected


DATES = [
    ("arabic", "2023年4月27日", dt.date(2023, 4, 27)),
    ("chinese", "二〇二三年四月二十七日", dt.date(2023, 4, 27)),
    ("chinese-zero", "二零二零年五月六日", dt.date(2020, 5, 6)),
    ("spaced", "2022 年 1 月 28 日", dt.date(2022, 1, 28)),
    ("with-organ", "新密市人民政府办公室 2020年5月6日印发", dt.date(2020, 5, 6)),
    ("blank-day", "2023年2月 日", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_joint_header_organs() -> None:
    assert split_organs("河南省人力资源和社会保障厅 文件 河南省财政厅") == ["河南省人力资源和社会保障厅", "河南省财政厅"]


REGIONS = [
    ("provincial", ["河南省人民政府办公厅"], ("河南省", "provincial")),
    ("municipal", ["平顶山市人力资源和社会保障局"], ("河南省平顶山市", "municipal")),
    ("county-level-city", ["新密市人民政府"], ("河南省郑州市新密市", "county")),
    ("district-other-province", ["南开区人力资源和社会保障局"], ("天津市南开区", "district")),
    ("party-organ", ["中共平顶山市委组织部", "平顶山市财政局"], ("河南省平顶山市", "municipal")),
    ("bank-branch", ["中国人民银行平顶山市中心支行"], ("河南省平顶山市", "municipal")),
    ("county", ["郏县人民政府"], ("河南省平顶山市郏县", "county")),
    ("national", ["人力资源社会保障部"], ("中国", "national")),
    ("supreme-court-and-procuratorate", ["最高人民法院", "最高人民检察院"], ("中国", "national")),
    ("ministry-not-in-a-list", ["住房和城乡建设部", "公安部"], ("中国", "national")),
    ("state-administration", ["国家市场监督管理总局"], ("中国", "national")),
    ("placeless-party-department-is-not-a-ministry", ["省委组织部"], (None, None)),
]


@pytest.mark.parametrize(("issuers", "expected"), [c[1:] for c in REGIONS], ids=[c[0] for c in REGIONS])
def test_region(issuers: list[str], expected: tuple[str | None, str | None]) -> None:
    region, _, level = region_of(issuers)
    assert (region, level) == expected
