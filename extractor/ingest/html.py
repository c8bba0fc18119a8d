"""HTML pages as saved from government sites: navigation, scripts and footers dropped, the article body kept."""

from __future__ import annotations

from pathlib import Path

import regex
from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from ..budgets import DEFAULT_BUDGETS, Budgets
from ..errors import InputError
from .raw import RawDoc, RawLine
from .txt import decode_text

# Containers that government CMSs put the article in, tried first.
BODY_SELECTORS = (
    ".TRS_Editor", ".trs_editor", "#zoom", ".zoom", "#UCAP-CONTENT", ".article-content", ".article_content",
    ".content_text", ".news_content", ".detail-content", ".pages_content", "article", "#content", ".content",
)
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "button", "select", "svg")
BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td", "th"}
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.I)


def _decode(data: bytes, path: Path) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        enc = "gb18030" if enc in ("gb2312", "gbk", "gb18030") else enc
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, str(path))


def _cjk_len(node: Tag) -> int:
    return len(regex.findall(r"\p{Han}", node.get_text()))


def _body(soup: BeautifulSoup) -> Tag:
    for sel in BODY_SELECTORS:
        found = [n for n in soup.select(sel) if _cjk_len(n) >= 50]
        if found:
            return max(found, key=_cjk_len)
    # else: the block with the most Han text in its own paragraphs
    best: Tag = soup.body or soup
    best_score = 0
    for node in soup.find_all(["div", "td", "section", "article"]):
        score = sum(_cjk_len(p) for p in node.find_all("p", recursive=False))
        if score > best_score:
            best, best_score = node, score
    return best


def _lines(node: Tag) -> list[str]:
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = "".join(buf).replace("\xa0", " ")
        buf.clear()
        for part in text.split("\n"):
            if part.strip():
                out.append(part.strip())

    def walk(n: Tag) -> None:
        for child in n.children:
            if isinstance(child, NavigableString):
                buf.append(str(child).replace("\n", "").replace("\r", ""))
            elif isinstance(child, Tag):
                if child.name == "table":
                    flush()
                    for tr in child.find_all("tr"):
                        # a cell's source line breaks are layout, as in running text: a row stays one line
                        cells = [regex.sub(r"\s*[\r\n]\s*", "", c.get_text("", strip=True)) for c in tr.find_all(["td", "th"])]
                        if any(cells):
                            out.append("\t".join(cells))
                    continue
                block = child.name in BLOCK_TAGS
                if block:
                    flush()
                walk(child)
                if block:
                    flush()

    walk(node)
    flush()
    return out


def read(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
    """Read an HTML page: the article body, one line per block."""
    data = path.read_bytes()
    if b"<" not in data[:2048]:
        raise InputError(path, "not an HTML page")
    soup = BeautifulSoup(_decode(data, path), "lxml")
    for tag in soup(DROP_TAGS):
        tag.decompose()
    body = _body(soup)
    lines = [RawLine(t, None, k + 1) for k, t in enumerate(_lines(body))]
    if not lines:
        raise InputError(path, "HTML page has no article text")
    return RawDoc(str(path), "html", lines)
