"""HTML pages as saved from government sites: navigation, scripts and footers dropped, the article body kept.

Before BeautifulSoup sees a page, lxml's parser (the one BeautifulSoup uses) measures how deep its elements nest,
with no recursion: a page nested deeper than ``budgets.max_html_depth`` is refused, and nothing here recurses over
the tree, so a page within the budget cannot hit Python's recursion limit. A page whose source is over
``HTML_SOURCE_FACTOR`` × ``budgets.max_chars`` characters is refused before it is parsed, and its text is held to
``budgets.max_chars``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import regex
from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs (lxml-stubs is not installed)

from ..budgets import DEFAULT_BUDGETS, BudgetError, Budgets
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
MAX_REPLACED_SHARE = 0.01  # of a page's characters, at most, replaced by U+FFFD where its bytes are invalid
HTML_SOURCE_FACTOR = 4  # markup around the text: a page's source may be this many times the character budget
_NOT_HAN = regex.compile(r"[^\p{Han}]+")
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.I)


def _declared(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    enc = m.group(1).decode("ascii").lower()
    return "gb18030" if enc in ("gb2312", "gbk", "gb18030") else enc


def _decode(data: bytes, path: Path, warnings: list[str]) -> str:
    """The page's text in its declared encoding, else the detected one. A page damaged in a few places is decoded
    as a browser does, each invalid byte sequence replaced by U+FFFD, with a warning; beyond
    ``MAX_REPLACED_SHARE`` of the characters it is no text in that encoding."""
    enc = _declared(data)
    if enc is not None:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(data, str(path))
    except InputError:
        try:
            text = data.decode(enc or "utf-8", errors="replace")
        except LookupError:
            text = data.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd")
        if replaced > MAX_REPLACED_SHARE * len(text):
            raise
        warnings.append(f"{replaced:,} invalid byte sequence(s) for {enc or 'utf-8'} replaced by U+FFFD, as a browser shows them")
        return text


class _Depth:
    """A target for lxml's parser that keeps the deepest nesting of elements, and their number."""

    def __init__(self) -> None:
        self.depth = 0
        self.deepest = 0
        self.elements = 0

    def start(self, tag: str, attrib: Any) -> None:
        self.depth += 1
        self.elements += 1
        self.deepest = max(self.deepest, self.depth)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, data: str) -> None:
        pass

    def close(self) -> int:
        return self.deepest


def nesting_depth(markup: str) -> int:
    """How deep the elements of a page nest as lxml's HTML parser (BeautifulSoup's) builds them, measured without
    recursion; an unclosed ``<p>`` ends at the next one, as in a browser.

    >>> nesting_depth("<html><body><div><p>一</div></body></html>")
    4
    >>> nesting_depth("<p>一<p>二<p>三")
    3
    >>> nesting_depth("<div>" * 5000)
    5002
    """
    target = _Depth()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True)
    parser.feed(markup)
    return int(parser.close())


def _cjk_len(node: Tag) -> int:
    """How many Han characters a node's text holds (without a list of them: 10 MB of text would take 800 MB)."""
    return len(_NOT_HAN.sub("", node.get_text()))


def _selected(soup: BeautifulSoup) -> dict[str, list[Tag]]:
    """The elements each of BODY_SELECTORS (``.class``, ``#id`` or a tag name) selects, in document order, found in
    one pass over the tree (soupsieve's ``select`` walks the whole tree once per selector)."""
    out: dict[str, list[Tag]] = {sel: [] for sel in BODY_SELECTORS}
    for tag in soup.find_all(True):
        classes = tag.get("class") or ()
        for c in classes.split() if isinstance(classes, str) else classes:
            if "." + c in out:
                out["." + c].append(tag)
        ident = tag.get("id")
        if isinstance(ident, str) and "#" + ident in out:
            out["#" + ident].append(tag)
        if tag.name in out:
            out[tag.name].append(tag)
    return out


def _body(soup: BeautifulSoup) -> Tag:
    selected = _selected(soup)
    for sel in BODY_SELECTORS:
        found = [(n, k) for n in selected[sel] if (k := _cjk_len(n)) >= 50]
        if found:
            return max(found, key=lambda nk: nk[1])[0]
    # else: the block with the most Han text in its own paragraphs
    best: Tag = soup.body or soup
    best_score = 0
    for node in soup.find_all(["div", "td", "section", "article"]):
        score = sum(_cjk_len(p) for p in node.find_all("p", recursive=False))
        if score > best_score:
            best, best_score = node, score
    return best


def _table_rows(table: Tag) -> list[str]:
    rows = []
    for tr in table.find_all("tr"):
        # a cell's source line breaks are layout, as in running text: a row stays one line
        cells = [regex.sub(r"\s*[\r\n]\s*", "", c.get_text("", strip=True)) for c in tr.find_all(["td", "th"])]
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _lines(node: Tag) -> list[str]:
    """The node's text, a line per block (and per line break inside one), a tab-separated line per table row;
    walked with a stack, not recursion."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = "".join(buf).replace("\xa0", " ")
        buf.clear()
        for part in text.split("\n"):
            if part.strip():
                out.append(part.strip())

    stack: list[tuple[Any, bool]] = [(iter(node.children), False)]
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                flush()
        elif isinstance(child, NavigableString):
            buf.append(str(child).replace("\n", "").replace("\r", ""))
        elif isinstance(child, Tag):
            if child.name == "table":
                flush()
                out.extend(_table_rows(child))
                continue
            opens = child.name in BLOCK_TAGS
            if opens:
                flush()
            stack.append((iter(child.children), opens))
    flush()
    return out


def read(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
    """Read an HTML page: the article body, one line per block.

    Raises:
        BudgetError: the source is over ``HTML_SOURCE_FACTOR`` × ``budgets.max_chars`` characters, its elements nest
            deeper than ``budgets.max_html_depth``, or its text is over ``budgets.max_chars``.
        InputError: not an HTML page, or no article text.
    """
    data = path.read_bytes()
    if b"<" not in data[:2048]:
        raise InputError(path, "not an HTML page")
    warnings: list[str] = []
    markup = _decode(data, path, warnings)
    del data
    if len(markup) > HTML_SOURCE_FACTOR * budgets.max_chars:
        raise BudgetError(path, "max_chars", f"{len(markup):,} characters of HTML source, over {HTML_SOURCE_FACTOR} × the budget", budgets.max_chars)
    depth = nesting_depth(markup)
    if depth > budgets.max_html_depth:
        raise BudgetError(path, "max_html_depth", f"elements nested {depth:,} deep", budgets.max_html_depth)
    soup = BeautifulSoup(markup, "lxml")
    del markup
    for tag in soup(DROP_TAGS):
        tag.decompose()
    body = _body(soup)
    texts = _lines(body)
    chars = sum(len(t) + 1 for t in texts)
    if chars > budgets.max_chars:
        raise BudgetError(path, "max_chars", f"{chars:,} characters of text", budgets.max_chars)
    lines = [RawLine(t, None, k + 1) for k, t in enumerate(texts)]
    if not lines:
        raise InputError(path, "HTML page has no article text")
    return RawDoc(str(path), "html", lines, warnings=warnings)
