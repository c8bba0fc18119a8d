"""The pieces of a document head: 文号, dates, issuing organs, titles. Pure string functions."""

from __future__ import annotations

import datetime as dt

import cn2an
import regex

from ..records import DocNumber
from .numbering import match_marker

_OPEN = regex.escape("〔[［【（(｛")
_CLOSE = regex.escape("〕]］】）)｝")
DOC_NUMBER_RE = regex.compile(
    rf"(?P<agency>[\p{{Han}}A-Za-z]{{1,16}}?)[ \u3000]*[{_OPEN}][ \u3000]*(?P<year>(?:19|20)\d{{2}})[ \u3000]*[{_CLOSE}][ \u3000]*第?(?P<serial>\d{{1,5}})[ \u3000]*号"
)
DOC_NUMBER_LINE_RE = regex.compile(rf"^[ \u3000]*{DOC_NUMBER_RE.pattern}[ \u3000]*$")
# Words that can stand before a 文号 in running text and are not part of the agency.
_LEAD_WORDS = regex.compile(r"^(?:根据|按照|依据|参照|依照|落实|执行|贯彻|印发|见|详见|以|和|及|与|、)+")

_CN_DIGIT = "〇零一二三四五六七八九十"
DATE_RE = regex.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})[ \u3000]*年[ \u3000]*(?P<m>\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})[ \u3000]*月[ \u3000]*(?P<d>\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})[ \u3000]*日"
)
DATE_LINE_RE = regex.compile(rf"^[^。；，]{{0,40}}?{DATE_RE.pattern}[ \u3000]*(?:印发|发布)?[ \u3000]*$")

ORGAN_SUFFIXES = (
    "人民政府办公厅", "人民政府办公室", "人民政府", "办公厅", "办公室", "委员会", "领导小组", "工作小组", "小组",
    "组织部", "宣传部", "统战部", "总工会", "工会", "团委", "妇联", "联合会", "中心支行", "分行", "支行", "银行",
    "管理中心", "事务中心", "中心", "管委会", "厅", "局", "委", "部", "署", "院", "办", "所", "会",
)
_ORGAN_RE = regex.compile(
    r"^[\p{Han}“”\"（）()、·]{2,40}?(?:" + "|".join(ORGAN_SUFFIXES) + r")$"
)
DOC_TYPES = (
    "实施细则", "实施意见", "指导意见", "实施方案", "工作方案", "操作规程", "工作要点", "若干措施", "政策措施",
    "通知", "通报", "意见", "办法", "细则", "方案", "措施", "规程", "要点", "答复", "决定", "规定", "批复",
    "公告", "通告", "函", "报告", "规划", "计划", "条例", "规则", "指引", "清单", "信",
)
# The canonical type a compound type word belongs to.
_TYPE_CANON = {
    "实施细则": "细则", "实施方案": "方案", "工作方案": "方案", "操作规程": "规程", "工作要点": "要点",
    "若干措施": "措施", "政策措施": "措施",
}
_SPACES = regex.compile(r"[ \u3000\t]+")


def norm_title(s: str) -> str:
    """A title for comparison: no spaces or markup, brackets full-width, no book-title marks.

    >>> norm_title("关于印发《X 方案(试行)》的 通 知")
    '关于印发X方案（试行）的通知'
    """
    s = _SPACES.sub("", s).replace("*", "")
    s = s.replace("(", "（").replace(")", "）").replace("《", "").replace("》", "")
    return s.replace("“", "").replace("”", "").replace('"', "")


def title_text(s: str) -> str:
    """A title as it should be shown: layout spaces and markup removed, everything else as printed.

    >>> title_text("焦作市人力资源和社会保障局 关于印发《推动高质量就业工作的若干措施》的 通 知")
    '焦作市人力资源和社会保障局关于印发《推动高质量就业工作的若干措施》的通知'
    >>> title_text("**关于 2023 年工作的通知**")
    '关于2023年工作的通知'
    """
    s = s.replace("**", "")
    return regex.sub(r"(?<![A-Za-z])[ \u3000\t]+|[ \u3000\t]+(?![A-Za-z])", "", s).strip()


def parse_doc_number(s: str) -> DocNumber | None:
    """Parse a 文号 in any bracket variant.

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


def _cn_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in "〇零一二三四五六七八九" for c in s):  # a year written digit by digit
        return int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in s))
    return int(cn2an.cn2an(s, "smart"))


def parse_date(s: str) -> dt.date | None:
    """The first full date in ``s``, Arabic or Chinese numerals.

    >>> parse_date("二〇二三年四月二十七日")
    datetime.date(2023, 4, 27)
    >>> parse_date("2022 年 1 月 28 日印发")
    datetime.date(2022, 1, 28)
    >>> parse_date("2023年2月 日") is None
    True
    """
    for m in DATE_RE.finditer(s):
        try:
            return dt.date(_cn_int(m.group("y")), _cn_int(m.group("m")), _cn_int(m.group("d")))
        except (ValueError, TypeError):
            continue
    return None


def split_organs(s: str) -> list[str]:
    """The issuing organs in a head or signature line; [] when the line is not made only of organs.

    >>> split_organs("河南省人力资源和社会保障厅 文件 河南省财政厅")
    ['河南省人力资源和社会保障厅', '河南省财政厅']
    >>> split_organs("平顶山市人力资源和社会保障局文件")
    ['平顶山市人力资源和社会保障局']
    >>> split_organs("关于印发方案的通知")
    []
    """
    parts = [p for p in _SPACES.split(s.replace("**", "").strip()) if p and p != "文件"]
    out = []
    for p in parts:
        if p.endswith("文件") and len(p) > 2:
            p = p[:-2]
        if not _ORGAN_RE.match(p) or p.startswith("关于") or any(p.endswith(t) for t in DOC_TYPES if len(t) > 1):
            return []
        out.append(p)
    return out


def doc_type_of(title: str) -> str | None:
    """The document type a title ends with.

    >>> doc_type_of("关于进一步做好稳就业工作的实施意见")
    '实施意见'
    >>> doc_type_of("关于印发《X实施方案》的通知")
    '通知'
    >>> doc_type_of("专项服务办法")
    '办法'
    """
    t = norm_title(title).rstrip("）)").removesuffix("（试行）").removesuffix("（暂行）")
    t = regex.sub(r"（[^（）]*）$", "", t)
    for word in DOC_TYPES:
        if t.endswith(word):
            return _TYPE_CANON.get(word, word)
    return None


def is_head_like(p: str) -> bool:
    """A line that can be part of a document head: short, no sentence punctuation, not a heading or date."""
    s = p.strip()
    if not s or len(s) > 110 or "\t" in s:
        return False
    if any(c in s for c in "。；：:;，,") and not DOC_NUMBER_RE.search(s):
        return False
    if DATE_LINE_RE.match(s) or s.startswith(("附件", "抄送", "主送", "（此件", "(此件")):
        return False
    return match_marker(s) is None
