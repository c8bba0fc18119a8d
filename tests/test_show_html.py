"""zhengce show --html (issue 10): plain-text tooltips, a list of the extractions linked both ways, an anchor on
every article, a table of contents, one self-contained page that keeps the document's text exactly."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.records import Document, Evidence, Quantity, document_sections
from extractor.store.highlight import Element, document_to_html, elements_to_html, quantity_tooltip, section_anchor
from tests.conftest import ROOT, parsed

DOC_001 = "corpus/texts/001_e001dd900bee0134.txt"
DOC_004 = "corpus/texts/004_a7a4461144ba7e7b.txt"  # a compendium: a page per document, 附件 with their sections


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]
    parents: tuple[str, ...]  # the names and classes of the enclosing elements, outermost first


@dataclass
class Page(HTMLParser):
    """Every start tag with its attributes, the page's text, and the text inside ``<div class="doc">``."""

    tags: list[Tag] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    doc_text: list[str] = field(default_factory=list)
    _open: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(Tag(tag, a, tuple(x for o in self._open for x in o if x)))
        if tag not in ("br", "meta", "img", "hr", "link", "input"):
            self._open.append((tag, a.get("class", "")))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if any(c == "doc" for _, c in self._open):
            self.doc_text.append(data)

    def where(self, name: str, **attr: str) -> list[Tag]:
        return [t for t in self.tags if t.name == name and all(t.attrs.get(k) == v for k, v in attr.items())]


def _page(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


@pytest.fixture(scope="module")
def page_001(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("show") / "001.html"
    assert main(["show", str(ROOT / DOC_001), "--html", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc_001() -> Document:
    return parsed(DOC_001)[0]


@pytest.fixture(scope="module")
def pages_004(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("show004")
    assert main(["show", str(ROOT / DOC_004), "--html", "-o", str(out)]) == 0
    return {p.name.removesuffix(".html"): p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}


def _highlight_ids(p: Page) -> set[str]:
    return {t.attrs["id"] for t in p.where("mark") if "data-id" in t.attrs}


def test_no_title_holds_markup_or_none(page_001: str) -> None:
    titles = [t.attrs["title"] for t in _page(page_001).tags if "title" in t.attrs]
    assert len(titles) > 50
    assert [t for t in titles if "<br" in t or "None" in t or "null" in t] == []


def test_tooltip_is_plain_text_with_line_breaks(page_001: str) -> None:
    assert "&#10;" in page_001 and "<br>\n" not in page_001
    (tip,) = [t.attrs["title"] for t in _page(page_001).where("mark") if t.attrs.get("data-id", "").endswith(":833-837:money")]
    assert tip.split("\n")[:2] == ["money: 200000 yuan", "bound: max (最高不超过)"]
    assert "benefit: 财政贴息创业担保贷款" in tip and tip.endswith("「20 万元」")


def test_tooltip_leaves_absent_fields_out() -> None:
    q = Quantity(id="x:0-10:date", kind="date", value=None, unit="date", section="", evidence=Evidence(quote="2022年1月28日", span=(0, 10), line=15))
    assert quantity_tooltip(q) == "date\nbound: exact\nplace: line 15\n「2022年1月28日」"


def test_every_highlight_has_an_anchor_the_list_links_to(page_001: str) -> None:
    p = _page(page_001)
    marks = [t for t in p.where("mark") if "data-id" in t.attrs]
    assert len(marks) > 40
    assert all(t.attrs.get("id") == "q-" + t.attrs["data-id"] for t in marks)
    links = [t.attrs["href"][1:] for t in p.where("a") if "aside" in t.parents and t.attrs.get("href", "").startswith("#q-")]
    assert set(links) == _highlight_ids(p)


def test_every_highlight_links_back_to_its_list_item(page_001: str) -> None:
    p = _page(page_001)
    back = {t.attrs["href"][1:] for t in p.where("a") if t.attrs.get("href", "").startswith("#l-")}
    items = {t.attrs["id"] for t in p.where("li") if t.attrs.get("id", "").startswith("l-")}
    assert back == items
    assert {i[2:] for i in items} == {i[2:] for i in _highlight_ids(p)}


def test_list_shows_each_quantity_fields(page_001: str) -> None:
    (item,) = [t for t in _page(page_001).where("li") if t.attrs.get("data-id", "").endswith(":833-837:money")]
    text = page_001[page_001.index(f'id="{item.attrs["id"]}"'):]
    text = text[: text.index("</li>")]
    for part in ("money 200000 yuan", "bound</span> max (最高不超过)", "benefit</span> 财政贴息创业担保贷款",
                 "groups</span> 符合创业担保贷款申请条件的个人创业", 'href="#s-二-4">二/4</a>', "<q>20 万元</q>"):
        assert part in text


def test_every_article_has_a_unique_anchor(page_001: str, doc_001: Document) -> None:
    ids = [t.attrs["id"] for t in _page(page_001).tags if "id" in t.attrs]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    expected = {section_anchor(s.key) for s in document_sections(doc_001)}
    assert len(expected) == 25
    assert expected <= set(ids)


def test_attachment_articles_have_unique_anchors(pages_004: dict[str, str]) -> None:
    docs = {d.id: d for d in parsed(DOC_004)}
    with_attachments = [k for k, d in docs.items() if d.attachments]
    assert with_attachments
    for key in with_attachments:
        ids = [t.attrs["id"] for t in _page(pages_004[key]).tags if "id" in t.attrs]
        assert len(ids) == len(set(ids)), key
        assert {section_anchor(s.key) for s in document_sections(docs[key])} <= set(ids), key


def test_toc_links_to_the_top_level_sections(page_001: str, doc_001: Document) -> None:
    p = _page(page_001)
    toc = [t.attrs["href"][1:] for t in p.where("a") if "toc" in t.parents]
    assert toc == [section_anchor(s.key) for s in doc_001.sections]
    assert toc[0] == "s-一"


def test_section_link_in_the_list_points_to_an_anchor(page_001: str) -> None:
    p = _page(page_001)
    ids = {t.attrs["id"] for t in p.tags if "id" in t.attrs}
    assert {t.attrs["href"][1:] for t in p.where("a") if t.attrs.get("href", "").startswith("#s-")} <= ids


def test_page_is_self_contained(page_001: str) -> None:
    p = _page(page_001)
    refs = [v for t in p.tags for k, v in t.attrs.items() if k in ("src", "href")]
    assert [r for r in refs if "://" in r or r.startswith("//") or not r.startswith("#")] == []
    assert not p.where("script") and not p.where("link")


def test_document_text_is_kept_exactly(page_001: str, doc_001: Document) -> None:
    p = _page(page_001)
    assert "".join(p.doc_text) == doc_001.text
    assert doc_001.text in "".join(p.text)
    assert "（此件主动公开）" in doc_001.text  # full-width punctuation kept


def test_compendium_pages_keep_their_texts(pages_004: dict[str, str]) -> None:
    docs = {d.id: d for d in parsed(DOC_004)}
    assert set(pages_004) == set(docs)
    assert [k for k, page in pages_004.items() if "".join(_page(page).doc_text) != docs[k].text] == []


NESTING_CASES = [
    ("inside", [(0, 4, 0, "<a>", "</a>"), (1, 3, 1, "<b>", "</b>")], "<a>x<b>yz</b>w</a>v"),
    ("same span, rank outside", [(1, 3, 1, "<b>", "</b>"), (1, 3, 0, "<a>", "</a>")], "x<a><b>yz</b></a>wv"),
    ("empty at start", [(0, 0, 0, "<i>", "</i>"), (0, 2, 1, "<b>", "</b>")], "<b><i></i>xy</b>zwv"),
    ("adjacent", [(0, 2, 1, "<a>", "</a>"), (2, 4, 1, "<b>", "</b>")], "<a>xy</a><b>zw</b>v"),
    ("escaped", [(0, 1, 1, "<b>", "</b>")], "<b>x</b>yzwv"),
]


@pytest.mark.parametrize(("elements", "expected"), [c[1:] for c in NESTING_CASES], ids=[c[0] for c in NESTING_CASES])
def test_elements_nest(elements: list[tuple[int, int, int, str, str]], expected: str) -> None:
    assert elements_to_html("xyzwv", [Element(*e) for e in elements]) == expected


def test_text_is_escaped() -> None:
    assert elements_to_html("a<b>&c", [Element(1, 4, 1, "<mark>", "</mark>")]) == "a<mark>&lt;b&gt;</mark>&amp;c"


def test_crossing_mention_is_left_out(doc_001: Document) -> None:
    page = document_to_html(doc_001, [], [(0, 4, "group", "甲"), (2, 6, "group", "乙"), (1, 3, "benefit", "丙")])
    p = _page(page)
    assert [t.attrs["title"] for t in p.where("mark")] == ["甲", "丙"]
    assert "".join(p.doc_text) == doc_001.text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium to render the page")
def test_page_renders_in_chromium(page_001: str, tmp_path: Path) -> None:
    html_file, png = tmp_path / "001.html", tmp_path / "001.png"
    html_file.write_text(page_001, encoding="utf-8")
    subprocess.run(["chromium", "--headless", "--disable-gpu", "--no-sandbox", f"--screenshot={png}",
                    "--window-size=1400,1000", html_file.as_uri()], check=True, capture_output=True, timeout=120)
    assert png.stat().st_size > 20_000  # a page of text, not a blank one
