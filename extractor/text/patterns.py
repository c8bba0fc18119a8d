"""Shared text patterns of official documents: 文号, dates, page numbers, titles. Pure string functions.

They live here, below every stage, because readers, the cleaner, the head reader, extraction and comparison
all need the same ones (a 文号 line is never joined to the next line, a page number is furniture, a title is
compared in one spelling).
"""

from __future__ import annotations

import datetime as dt

import regex

from ..records import DocNumber
from .numerals import CN_DIGIT_CHARS, parse_int

# 文号: 豫政办〔2023〕17号, in any bracket variant
_OPEN = regex.escape("〔[［【（(｛")
_CLOSE = regex.escape("〕]］】）)｝")
DOC_NUMBER_RE = regex.compile(
    rf"(?P<agency>[\p{{Han}}A-Za-z]{{1,16}}?)[ \u3000]*[{_OPEN}][ \u3000]*(?P<year>(?:19|20)\d{{2}})[ \u3000]*[{_CLOSE}][ \u3000]*第?(?P<serial>\d{{1,5}})[ \u3000]*号"
)
DOC_NUMBER_LINE_RE = regex.compile(rf"^[ \u3000]*{DOC_NUMBER_RE.pattern}[ \u3000]*$")
# Words that can stand before a 文号 in running text and are not part of the agency.
_LEAD_WORDS = regex.compile(r"^(?:根据|按照|依据|参照|依照|落实|执行|贯彻|印发|见|详见|以|和|及|与|、)+")
# What a citation can leave before the agency: "文件第三条以及豫人社函〔2023〕19号".
_NUMBER_LEAD_RE = regex.compile(rf"^.*(?:以及|及|和|与|、|文件|第[\d{CN_DIGIT_CHARS}十百]+[条款项章节])")


def parse_doc_number(s: str) -> DocNumber | None:
    """Parse the first 文号 in ``s``, in any bracket variant.

    >>> parse_doc_number("豫政办〔2023〕17号").model_dump()
    {'text': '豫政办〔2023〕17号', 'agency': '豫政办', 'year': 2023, 'serial': 17}
    >>> parse_doc_number("新密政[2020]4号").agency
    '新密政'
    >>> parse_doc_number("平人社办（2023）96号").year
    2023
    >>> parse_doc_number("2023年4月27日") is None
    True
    """
    m = DOC_NUMBER_RE.search(s)
    if m is None:
        return None
    agency = _LEAD_WORDS.sub("", m.group("agency"))
    if not agency:
        return None
    start = m.start("agency") + (len(m.group("agency")) - len(agency))
    return DocNumber(text=s[start : m.end()].strip(), agency=agency, year=int(m.group("year")), serial=int(m.group("serial")))


_DECREE_NUMBER_RE = regex.compile(rf"^[（(]?(?P<agency>\p{{Han}}{{2,24}}令)[ \u3000]*第[ \u3000]*(?P<serial>\d{{1,4}}|[{CN_DIGIT_CHARS}十百]{{1,6}})[ \u3000]*号[）)]?$")


def parse_decree_number(s: str) -> DocNumber | None:
    """The number of the decree that promulgates a rule, a line of its own: it has no year.

    >>> parse_decree_number("省政府令第175号").model_dump()
    {'text': '省政府令第175号', 'agency': '省政府令', 'year': None, 'serial': 175}
    >>> parse_decree_number("上海市人民政府令 第32号").agency, parse_decree_number("关于印发第3号令的通知") is None
    ('上海市人民政府令', True)
    """
    m = _DECREE_NUMBER_RE.match(s.strip())
    serial = parse_int(m.group("serial")) if m else None
    if m is None or serial is None:
        return None
    return DocNumber(text=s.strip().strip("（()）"), agency=m.group("agency"), year=None, serial=serial)


def clean_doc_number(num: DocNumber) -> DocNumber:
    """Drop words a citation left before the agency: "文件第三条以及豫人社函〔2023〕19号" -> 豫人社函〔2023〕19号."""
    agency = _NUMBER_LEAD_RE.sub("", num.agency)
    if not agency or agency == num.agency:
        return num
    return num.model_copy(update={"agency": agency, "text": num.text[len(num.agency) - len(agency) :]})


def doc_number_key(num: DocNumber) -> str:
    """A 文号 in one spelling: agency without leading words, 〔year〕, serial without 第 or zeros."""
    num = clean_doc_number(num)
    return f"{num.agency}〔{num.year}〕{num.serial}号" if num.year is not None else f"{num.agency}第{num.serial}号"


def norm_doc_number(s: str) -> str | None:
    """A 文号 in one spelling whatever brackets and spaces are printed; None when ``s`` holds none.

    >>> norm_doc_number("豫人社办[2023] 19号")
    '豫人社办〔2023〕19号'
    >>> norm_doc_number("平人社办（2022）第079号")
    '平人社办〔2022〕79号'
    >>> norm_doc_number("文件第三条以及豫人社函〔2023〕19号")
    '豫人社函〔2023〕19号'
    >>> norm_doc_number("2023年4月27日") is None
    True
    """
    num = parse_doc_number(s)
    return doc_number_key(num) if num is not None else None


# Dates: 2023年4月27日, 二〇二三年四月二十七日
_CN_DATE_DIGIT = CN_DIGIT_CHARS + "十"
DATE_RE = regex.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DATE_DIGIT}]{{4}})[ \u3000]*年[ \u3000]*(?P<m>\d{{1,2}}|[{_CN_DATE_DIGIT}]{{1,3}})[ \u3000]*月[ \u3000]*(?P<d>\d{{1,2}}|[{_CN_DATE_DIGIT}]{{1,3}})[ \u3000]*日"
)
DATE_LINE_RE = regex.compile(rf"^[^。；，]{{0,40}}?{DATE_RE.pattern}[ \u3000]*(?:印发|发布)?[ \u3000]*$")


# Digits that print the same date in other shapes: "二○一一年" (a white circle for 〇), "２０１７年" (full-width).
# One character for one, so that offsets in the folded text are offsets in the printed one.
_FOLD = str.maketrans("○０１２３４５６７８９", "〇0123456789")
_TIZHU_START_RE = regex.compile(rf"^[ \u3000]*[（(]?[ \u3000]*(?:根据|自|于)?[ \u3000]*{DATE_RE.pattern}")
_TIZHU_VERB_RE = regex.compile(r"通过|批准|公布|发布|颁布|修正|修订|修改|施行")


def fold_digits(s: str) -> str:
    """``s`` with full-width digits and ○ as the digits a date is read with; the same length.

    >>> fold_digits("２０１７年１月２０日"), fold_digits("二○一一年")
    ('2017年1月20日', '二〇一一年')
    """
    return s.translate(_FOLD)


def is_tizhu_line(line: str) -> bool:
    """A line of a 题注 (the lines under the title of a law that give its version history): it starts (after an
    opening bracket, 根据 or 自) with a full date and names an event.

    >>> is_tizhu_line("（2010年11月22日第十一届全国人民代表大会常务委员会第十八次会议通过")
    True
    >>> is_tizhu_line("2023年8月15日 施行")
    True
    >>> is_tizhu_line("2023年就业工作要点")
    False
    """
    s = fold_digits(line.strip())
    return len(s) < 1500 and bool(_TIZHU_START_RE.match(s)) and bool(_TIZHU_VERB_RE.search(s))  # lines of one may be joined
"""A line that is a date, or an organ and a date (a signature, ``…2025年10月17日印发``)."""


def parse_date(s: str) -> dt.date | None:
    """The first full date in ``s``, Arabic or Chinese numerals.

    >>> parse_date("二〇二三年四月二十七日")
    datetime.date(2023, 4, 27)
    >>> parse_date("2022 年 1 月 28 日印发")
    datetime.date(2022, 1, 28)
    >>> parse_date("2023年2月 日") is None, parse_date("2023年2月30日") is None
    (True, True)
    """
    for m in DATE_RE.finditer(s):
        y, mo, d = (parse_int(m.group(g)) for g in ("y", "m", "d"))
        if y is None or mo is None or d is None:
            continue
        try:
            return dt.date(y, mo, d)
        except ValueError:
            continue
    return None


# Page numbers: "— 3 —", "- 3 -", "第3页", "第3页/共12页"; at a PDF page's edge also "3/12" and "3"
_S = r"[\s\u3000]*"
_DASH = "[—\\-–－―─]{1,2}"
_PAGE_MARKED = rf"{_DASH}{_S}\d{{1,4}}{_S}{_DASH}|第{_S}\d{{1,4}}{_S}页(?:{_S}[/，,共]{_S}\d{{1,4}}{_S}页?)?"
PAGE_NUMBER_LINE_RE = regex.compile(rf"^{_S}(?:{_PAGE_MARKED}){_S}$")
"""A page number that cannot be text, even in the middle of a text file: dashed or 第N页."""
PAGE_NUMBER_RE = regex.compile(rf"^{_S}(?:{_PAGE_MARKED}|\d{{1,4}}{_S}/{_S}\d{{1,4}}|\d{{1,4}}){_S}$")
"""A page number in the first or last lines of a PDF page, where a bare number is one too."""


# Titles.
SPACE_RUN_RE = regex.compile(r"[ \u3000\t]+")
"""A run of layout spaces (ASCII, ideographic, tab), as printed between the words of a title or a head line."""


def norm_title(s: str) -> str:
    """A title for comparison: no spaces or markup, brackets full-width, no book-title marks or quotes.

    >>> norm_title("关于印发《X 方案(试行)》的 通 知")
    '关于印发X方案（试行）的通知'
    """
    s = SPACE_RUN_RE.sub("", s).replace("*", "")
    s = s.replace("(", "（").replace(")", "）").replace("《", "").replace("》", "")
    return s.replace("“", "").replace("”", "").replace('"', "")


_LAYOUT_SPACES = regex.compile(r"(?<![A-Za-z])[ \u3000\t]+|[ \u3000\t]+(?![A-Za-z])")  # spaces not between Latin words


def title_text(s: str) -> str:
    """A title as it should be shown: layout spaces and markup removed, everything else as printed.

    >>> title_text("焦作市人力资源和社会保障局 关于印发《推动高质量就业工作的若干措施》的 通 知")
    '焦作市人力资源和社会保障局关于印发《推动高质量就业工作的若干措施》的通知'
    >>> title_text("**关于 2023 年工作的通知**")
    '关于2023年工作的通知'
    """
    s = s.replace("**", "")
    return _LAYOUT_SPACES.sub("", s).strip()

