"""Clean the lines a reader gave into paragraphs, keeping a map from every clean character to its source.

The rules, all visible in the seed documents:
- a line that ends mid-sentence and fills the line width is joined with the next (``对见习`` / ``期未满…``),
  across blank lines and page breaks; a heading is never joined to the next line;
- stray spaces between CJK and digits go (``2020年 2月`` -> ``2020年2月``);
- full-width digits and letters become ASCII (``１年`` -> ``1年``); punctuation stays as printed.

A short line cut inside a word is told by a frozen word list (``join_words``), not a live dictionary: no state.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..ingest.raw import RawLine
from ..text.numbering import match_marker
from ..text.patterns import DATE_LINE_RE, DOC_NUMBER_LINE_RE, PAGE_NUMBER_LINE_RE, is_tizhu_line

# A paragraph ends at one of these, possibly followed by closing quotes or brackets.
TERMINAL = "。！？；：!?;:"
CLOSERS = "”’」』）)》】"
SPACE_CHARS = " \u3000\xa0\u2002\u2003"
_CJK = r"\p{Han}\u3000-\u303f\uff00-\uffef“”‘’《》"
_STRAY_SPACE = regex.compile(
    rf"(?<=[{_CJK}])[{SPACE_CHARS}]+(?=[0-9A-Za-z０-９%])|(?<=[0-9A-Za-z%％０-９])[{SPACE_CHARS}]+(?=[{_CJK}])"
)
# Full-width ASCII letters and digits -> ASCII, one character for one, so offsets do not move.
_FULLWIDTH_ALNUM = {
    cp: cp - 0xFEE0 for cp in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))
}
# A document ends its responsibility notes with "(…按职责分工负责)": a paragraph end too.
_RESPONSIBILITY_END = regex.compile(r"负责[）)]$")
# Lines that always start a new block: part headings of a compendium, attachments, distribution lists.
_BLOCK_START = regex.compile(r"^(?:第[一二三四五六七八九十]+部分|附件|抄送|抄报|主送|目[ \u3000]*录)")
# A title line: "关于…的通知" and the like; a title is never joined to the line after it.
_TITLE_LINE = regex.compile(r"关于.*(?:通[ \u3000]*知|意见|办法|方案|细则|措施|规程|要点|决定|规定|解释|答复|批复|函|报告)[》”）)]*$")
# A table-of-contents entry ends with leader dots and a page number.
_TOC_LINE_END = regex.compile(r"(?:[.…·．]{2,}|\t)[ \t]*\d{1,4}$")


@dataclass(frozen=True, slots=True)
class CleanText:
    """Clean text plus, for every character, the index of its source line and its column in that line."""

    text: str
    line_of: array[int]
    col_of: array[int]
    lines: Sequence[RawLine]
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    """Where the clean text differs from the print: (offset, clean length, source text) — removed spaces have
    length 0, a full-width digit made ASCII has length 1."""

    def location(self, offset: int) -> RawLine:
        """The source line that holds clean character ``offset``."""
        if not self.text:
            return self.lines[0] if self.lines else RawLine("", None, 1)  # a reader gave no line at all
        offset = min(max(offset, 0), len(self.text) - 1)
        return self.lines[self.line_of[offset]]

    def source_quote(self, start: int, end: int) -> str:
        """The source text behind ``text[start:end]``, verbatim as printed, wrap line breaks removed."""
        if start >= end:
            return ""
        out: list[str] = []
        line_idx, col = self.line_of[start], self.col_of[start]
        last_line, last_col = self.line_of[end - 1], self.col_of[end - 1]
        while line_idx < last_line:
            out.append(self.lines[line_idx].text[col:].rstrip())
            line_idx += 1
            col = 0
            while line_idx < last_line and not self.lines[line_idx].text.strip():
                line_idx += 1
            col = len(self.lines[line_idx].text) - len(self.lines[line_idx].text.lstrip())
        out.append(self.lines[last_line].text[col : last_col + 1])
        return "".join(out)


_SOFT_HYPHEN_RE = regex.compile(r"(?<=\d)[\u00ad\ufffe\u2010\u2011](?=\d)")


def normalize_chars(s: str) -> str:
    """Full-width digits and letters to ASCII; a soft or non-breaking hyphen between two digits (``2014\u00ad2020年``,
    as some PDFs print a hyphen) to ``-``, so that the range is read; everything else as printed.

    >>> normalize_chars("１年以上，ＡＢ"), normalize_chars("2014\u00ad2020年")
    ('1年以上，AB', '2014-2020年')
    """
    return _SOFT_HYPHEN_RE.sub("-", s.translate(_FULLWIDTH_ALNUM))


# Word's page-number field code left after the last sentence of a converted file (本规定自2005年1月1日起施行。
# PAGEMERGEFORMATPAGEMERGEFORMAT洀H猄H…, 施行。PAGEPAGE洀H…): not text; it runs to the end of its line
_FIELD_CODE = regex.compile(r"(?<=[。！？；”」）)])[ \t\u3000]*(?:PAGE|NUMPAGES)(?=PAGE|NUMPAGES|[ \\*]*MERGEFORMAT|[\p{Han}\-\d]|$)")
_LEADING = SPACE_CHARS + "\t\r\n\ufeff"
_TRAILING = SPACE_CHARS + "\t\r\n"


def clean_line(s: str) -> tuple[str, list[int]]:
    """Normalize one line and return it with, for each kept character, its column in ``s``.

    >>> clean_line("  2020年 2月 ，经 2020")
    ('2020年2月 ，经2020', [2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15, 16, 17])
    >>> clean_line("本规定自2005年1月1日起施行。PAGEMERGEFORMATPAGEMERGEFORMAT洀H猄H")[0]
    '本规定自2005年1月1日起施行。'
    """
    s2 = normalize_chars(s)
    if "PAGE" in s2 and (code := _FIELD_CODE.search(s2)) is not None:  # Word's field-code residue: the line ends before it
        s2 = s2[: code.start()]
    # strip ends (spaces only; a tab inside a table row is kept), and drop stray spaces between CJK and digits
    start, end = len(s2) - len(s2.lstrip(_LEADING)), len(s2.rstrip(_TRAILING))
    if start >= end:
        return "", []
    pieces: list[str] = []
    cols: list[int] = []
    at = start
    for m in _STRAY_SPACE.finditer(s2, start, end):
        pieces.append(s2[at : m.start()])
        cols.extend(range(at, m.start()))
        at = m.end()
    if not pieces:
        return s2[start:end], list(range(start, end))
    pieces.append(s2[at:end])
    cols.extend(range(at, end))
    return "".join(pieces), cols


# Narrow (half-width) characters: ASCII and Latin/Greek/Cyrillic letters, and half-width katakana/hangul forms.
_NARROW = regex.compile(r"[\x00-\u10ff\uff61-\uffdc\uffe8-\uffee]")


def display_width(s: str) -> float:
    """Width in full-width character cells: CJK and full-width count 1, ASCII 0.5.

    >>> display_width("2020年")
    3.0
    """
    return len(s) - 0.5 * len(_NARROW.findall(s))


def ends_paragraph(s: str) -> bool:
    """True when a line ends a sentence: 。！？；： perhaps followed by closing quotes or brackets.

    >>> ends_paragraph("实施意见。")
    True
    >>> ends_paragraph("（市人社局、财政局按职责分工负责）")
    True
    >>> ends_paragraph("对见习")
    False
    """
    t = s.rstrip(CLOSERS + SPACE_CHARS)
    if t and t[-1] in TERMINAL:
        return True
    return bool(_RESPONSIBILITY_END.search(s))


def typical_width(texts: Sequence[str]) -> float:
    """The width a hard-wrapped text is wrapped at: the 75th percentile of line widths.

    For a text with one paragraph per line the value is large, and only long lines count as full.
    """
    return _typical([display_width(t) for t in texts])


def _typical(widths: Sequence[float]) -> float:
    long = sorted(w for w in widths if w >= 10)
    if not long:
        return 0.0
    return long[int(len(long) * 0.75) if len(long) > 3 else -1]


def is_hard_wrapped(texts: Sequence[str], width: float) -> bool:
    """Is this text wrapped at a page's width (many lines of about the same width), rather than one paragraph per
    line? At least five lines, and two in five of the longer ones, within -15%/+10% of the typical width.

    >>> is_hard_wrapped(["为深入贯彻落实党中央、国务院关于稳就业工作部署要求，"] * 6, 27.0)
    True
    >>> is_hard_wrapped(["一、总则", "为深入贯彻落实党中央、国务院关于稳就业工作部署要求，有效应对新冠肺炎疫情影响。"], 40.0)
    False
    """
    return _hard_wrapped([display_width(t) for t in texts], width)


def _hard_wrapped(widths: Sequence[float], width: float) -> bool:
    long = [w for w in widths if w >= 10]
    near = sum(1 for w in long if 0.85 * width <= w <= 1.1 * width)
    return width <= 60 and near >= max(5, 0.4 * len(long))


class JoinWords:
    """The frozen word list of ``extractor/data/join_words.txt``: words of 2-4 Han characters (jieba's dictionary
    and the taxonomies' synonyms, written by ``scripts/make_join_words.py``), one a line, sorted by length and
    then as strings. The words of one length are fixed-width records, found by bisection in the file's text: no
    set of 330,000 strings is built (about 5 MB and a few milliseconds instead of 80 MB and 0.17 s).

    >>> "失业青年" in join_words(), "青年一次" in join_words()
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: dict[int, tuple[int, int]] = {}  # length -> (offset of its first record, number of records)
        at = 0
        while at < len(text):
            n = text.index("\n", at) - at
            lo, hi = 0, (len(text) - at) // (n + 1)  # records of length n: the first k where text[rec+n] != "\n"
            while lo < hi:
                mid = (lo + hi) // 2
                end = at + mid * (n + 1) + n
                if end < len(text) and text[end] == "\n" and (end == at + n or text[end - n - 1] == "\n"):
                    lo = mid + 1
                else:
                    hi = mid
            self.blocks[n] = (at, lo)
            at += lo * (n + 1)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or len(word) not in self.blocks:
            return False
        n = len(word)
        at, count = self.blocks[n]
        lo, hi = 0, count
        while lo < hi:
            mid = (lo + hi) // 2
            rec = self.text[at + mid * (n + 1) : at + mid * (n + 1) + n]
            if rec == word:
                return True
            if rec < word:
                lo = mid + 1
            else:
                hi = mid
        return False


@functools.cache
def join_words() -> JoinWords:
    """The join word list, read on first use; nothing changes it, so a text is cleaned the same in every
    process, whatever ran before."""
    from importlib import resources

    return JoinWords(resources.files("extractor.data").joinpath("join_words.txt").read_text(encoding="utf-8"))


def word_across(a: str, b: str) -> bool:
    """True when a word of the join list runs across the end of ``a`` into ``b``: the line was broken mid-word.

    >>> word_across("应建立完善奖补资", "金发放台账")
    True
    >>> word_across("对符合条件的人员给予失业", "青年一次性求职补贴")
    True
    >>> word_across("二、总体要求", "以习近平新时代中国特色社会主义思想为指导")
    False
    """
    words = join_words()
    for k in range(1, 4):
        for j in range(1, 5 - k):
            w = a[-k:] + b[:j]
            if len(w) >= 2 and w in words:
                return True
    return False


def should_join(a: str, b: str, a_full: bool, wrapped: bool = True) -> bool:
    """Join line ``a`` with the next line ``b``: ``a`` fills the width and ends mid-sentence, ``b`` starts no block.

    ``wrapped`` says the text is hard-wrapped (lines of a page's width); in a text of one paragraph per line a
    numbered line without a sentence in it is a heading, however long.

    >>> should_join("对见习", "期未满与见习人员签订劳动合同的", True)
    True
    >>> should_join("一、总体要求", "以习近平新时代中国特色社会主义思想为指导", False)
    False
    >>> should_join("的人员", "二、强化就业服务", True)
    False
    """
    if ends_paragraph(a) or "\t" in a or "\t" in b:
        return False
    if is_tizhu_line(b) and not any(c in a for c in "，。；,;"):
        return False  # a line of a 题注 (2012年3月29日 最高人民法院公告公布) under a title or another such line
    if not a_full:
        # a short line broken mid-sentence (a page break in a one-paragraph-per-line text): join only a body
        # line (it has a comma or an enumeration comma) that was cut inside a word
        if len(a) < 8 or not any(c in a for c in "，、,") or _TITLE_LINE.search(a) or _BLOCK_START.match(b):
            return False
        if match_marker(b) is not None or DOC_NUMBER_LINE_RE.match(b) or DATE_LINE_RE.match(b):
            return False
        return word_across(a, b)
    if not wrapped and match_marker(a) is not None and not any(c in a for c in "。；;") and not word_across(a, b):
        return False  # a heading, unless a page break cut it inside a word
    if match_marker(b) is not None or _BLOCK_START.match(b) or _TOC_LINE_END.search(a):
        return False
    if _TITLE_LINE.search(a) and "，" not in a:
        return False
    return not (DOC_NUMBER_LINE_RE.match(b) or DATE_LINE_RE.match(b) or DOC_NUMBER_LINE_RE.match(a) or DATE_LINE_RE.match(a))


def _edits(text: str, cols: list[int], raw: str, at: int) -> list[tuple[int, int, str]]:
    """Differences between a cleaned line and its source line, as (offset, length, source) edits."""
    if not cols or (cols[-1] - cols[0] + 1 == len(cols) and raw[cols[0] : cols[-1] + 1] == text):
        return []
    out = []
    for k, c in enumerate(cols):
        if k and c - cols[k - 1] > 1:
            out.append((at + k, 0, raw[cols[k - 1] + 1 : c]))
        if text[k] != raw[c]:
            out.append((at + k, 1, raw[c]))
    return out


def _logical_lines(lines: Sequence[RawLine]) -> list[tuple[str, list[int], list[int], list[tuple[int, int, str]]]]:
    """Clean each line and merge the lines a layout wrapped (``full=True``) into logical lines.

    Returns, per logical line, its text and for each character the index of its source line and its column.
    """
    units: list[tuple[str, list[int], list[int], list[tuple[int, int, str]]]] = []
    edits: list[tuple[int, int, str]] = []
    buf: list[str] = []
    idx_buf: list[int] = []
    col_buf: list[int] = []
    for idx, raw in enumerate(lines):
        text, cols = clean_line(raw.text)
        if PAGE_NUMBER_LINE_RE.match(text):  # a page number an earlier extraction left in the text
            continue
        if text:
            edits.extend(_edits(text, cols, raw.text, sum(map(len, buf))))
            buf.append(text)
            idx_buf.extend([idx] * len(text))
            col_buf.extend(cols)
        if raw.full is True and text:
            continue
        if buf:
            units.append(("".join(buf), idx_buf, col_buf, edits))
            buf, idx_buf, col_buf, edits = [], [], [], []
    if buf:
        units.append(("".join(buf), idx_buf, col_buf, edits))
    return units


def lines_to_text(lines: Sequence[RawLine]) -> CleanText:
    """Join the lines a reader gave into clean paragraphs separated by ``\\n``, with an offset map.

    Lines a layout wrapped (PDF geometry: ``full=True``) are joined first; the logical lines that result, like
    the lines of a text file, are then joined when one fills the typical width (at least 85% of it and at
    least 25 characters) and ends mid-sentence, or is a body line cut inside a word.
    """
    units = _logical_lines(lines)
    widths = [display_width(u[0]) for u in units]
    width = _typical(widths)
    threshold = max(min(width * 0.85, 40.0), 25.0)
    wrapped = _hard_wrapped(widths, width)
    out: list[str] = []
    line_of = array("i")
    col_of = array("i")
    prev_text, prev_full = "", False
    edits: list[tuple[int, int, str]] = []
    for k, (text, idxs, cols, unit_edits) in enumerate(units):
        if out and not should_join(prev_text, text, prev_full, wrapped):
            out.append("\n")
            line_of.append(line_of[-1])
            col_of.append(col_of[-1] + 1)
        at = len(line_of)
        edits.extend((at + o, n, src) for o, n, src in unit_edits)
        out.append(text)
        line_of.extend(idxs)
        col_of.extend(cols)
        prev_text, prev_full = text, widths[k] >= threshold
    return CleanText("".join(out), line_of, col_of, lines, edits)
