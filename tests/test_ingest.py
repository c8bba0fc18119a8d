"""Readers: encodings, DOCX numbering, HTML furniture, and bad input (one-line errors naming the file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.ingest import read
from extractor.pipeline import parse_file
from tests.conftest import ROOT

SAMPLE = "焦作市人力资源和社会保障局文件\n\n焦人社文〔2022〕7号\n\n一、援企稳岗稳定就业\n按照当地最低工资标准的 70% 给予补贴。\n"

ENCODINGS = [
    ("utf-8", SAMPLE.encode("utf-8")),
    ("utf-8-bom", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8")),
    ("gb18030", SAMPLE.encode("gb18030")),
    ("gbk", SAMPLE.encode("gbk")),
    ("utf-16-le-bom", SAMPLE.encode("utf-16")),
    ("utf-16-be-bom", b"\xfe\xff" + SAMPLE.encode("utf-16-be")),
    ("utf-16-le-no-bom", SAMPLE.encode("utf-16-le")),
    ("crlf", SAMPLE.replace("\n", "\r\n").encode("utf-8")),
]


@pytest.mark.parametrize("data", [d for _, d in ENCODINGS], ids=[n for n, _ in ENCODINGS])
def test_text_encodings_are_detected(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(data)
    raw = read(p)
    assert [ln.text for ln in raw.lines if ln.text.strip()] == [t for t in SAMPLE.split("\n") if t.strip()]
    assert parse_file(p)[0].doc_number.text == "焦人社文〔2022〕7号"  # type: ignore[union-attr]


BAD = [
    ("empty-text", "empty.txt", b"", "empty file"),
    ("blank-text", "blank.txt", b"  \n\n ", "empty file"),
    ("binary-garbage", "garbage.txt", bytes(range(256)) * 20, "binary"),
    ("short-binary-with-zero-bytes", "tiny.txt", b"\x00\x01\x02garbage", "binary"),
    ("unsupported-type", "table.xls", b"PK\x03\x04", "unsupported file type"),
    ("not-a-docx", "fake.docx", b"hello", "not a DOCX"),
    ("html-without-article", "empty.html", b"<html><body><script>x()</script></body></html>", "no article text"),
]


@pytest.mark.parametrize(("name", "data", "cause"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_gives_one_line_error_naming_file(tmp_path: Path, name: str, data: bytes, cause: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        parse_file(p)
    msg = str(e.value)
    assert msg.startswith(str(p)) and cause in msg and "\n" not in msg


BAD_PDFS = [
    ("truncated.pdf", "truncated"),
    ("encrypted.pdf", "encrypted"),
    ("empty.pdf", "empty file"),
    ("garbage.pdf", "damaged"),
]


@pytest.mark.parametrize(("name", "cause"), BAD_PDFS, ids=[b[0] for b in BAD_PDFS])
def test_bad_pdf(name: str, cause: str) -> None:
    p = ROOT / "tests" / "fixtures" / "bad" / name
    with pytest.raises(InputError) as e:
        parse_file(p)
    assert cause in str(e.value) and str(p) in str(e.value) and "\n" not in str(e.value)


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_file(ROOT / "nope.txt")


def test_docx_automatic_numbering_is_restored() -> None:
    lines = [ln.text for ln in read(ROOT / "corpus/docx/002_f15aeebbaef14a54.docx").lines]
    assert any(t.startswith("一、开展") for t in lines)
    assert any(t.startswith("15.实行工伤") or t.startswith("15. 实行工伤") for t in lines)


def test_html_drops_navigation_scripts_and_footer() -> None:
    text = "\n".join(ln.text for ln in read(ROOT / "corpus/html/000_0fce187c97867da1.html").lines)
    assert "第73050号提案的答复" in text
    for furniture in ("首页", "ICP", "当前位置", "function", "网站标识码"):
        assert furniture not in text


def test_html_gbk_page() -> None:
    doc = parse_file(ROOT / "corpus/html/002_f15aeebbaef14a54.html")[0]
    assert doc.title == "南开区人社局促进专精特新企业发展专项服务办法"
