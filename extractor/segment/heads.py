"""The pieces of a document head: issuing organs, document types, head lines. Pure string functions.

文号, dates and titles are read by ``extractor.text.patterns``, which the cleaner shares.
"""

from __future__ import annotations

from importlib import resources

import regex
import yaml

from ..text.numbering import match_marker
from ..text.patterns import DATE_LINE_RE, DOC_NUMBER_RE, SPACE_RUN_RE, norm_title

ORGAN_SUFFIXES = (
    "人民政府办公厅", "人民政府办公室", "人民政府", "办公厅", "办公室", "委员会", "领导小组", "工作小组", "小组",
    "组织部", "宣传部", "统战部", "总工会", "工会", "团委", "妇联", "联合会", "中心支行", "分行", "支行", "银行",
    "管理中心", "事务中心", "中心", "管委会", "厅", "局", "委", "部", "署", "院", "办", "所", "会",
)
_ORGAN_RE = regex.compile(
    r"^[\p{Han}“”\"（）()、·]{2,40}?(?:" + "|".join(ORGAN_SUFFIXES) + r")$"
)
DOC_TYPES = (
    "实施细则", "实施意见", "实施办法", "指导意见", "实施方案", "工作方案", "操作规程", "工作要点", "若干措施", "政策措施",
    "通知", "通报", "意见", "办法", "细则", "方案", "措施", "规程", "要点", "答复", "决定", "规定", "批复",
    "公告", "通告", "函", "报告", "规划", "计划", "条例", "规则", "通则", "指引", "清单", "信", "解释", "法",
)
# The canonical type a compound type word belongs to.
_TYPE_CANON = {
    "实施细则": "细则", "实施方案": "方案", "工作方案": "方案", "操作规程": "规程", "工作要点": "要点",
    "若干措施": "措施", "政策措施": "措施",
}


# A signature spaced out letter by letter to the width of the one beside it: "广 东 省 财 政 厅".
_LETTER_SPACED = regex.compile(r"(?<![\p{Han}])\p{Han}(?:[ \u3000]\p{Han}){2,}(?![\p{Han}])")

AGENCY_SHORT_NAMES: dict[str, str] = {
    str(k): str(v)
    for k, v in yaml.safe_load(resources.files("extractor.data").joinpath("agency_short_names.yaml").read_text(encoding="utf-8")).items()
}
"""The short name of an agency as a signature prints it -> its full name (data/agency_short_names.yaml)."""


_NUMBER_AGENCIES = yaml.safe_load(
    resources.files("extractor.data").joinpath("doc_number_agencies.yaml").read_text(encoding="utf-8"))
_NUMBER_PLACES: dict[str, dict[str, object]] = _NUMBER_AGENCIES["places"]
_NUMBER_ORGANS: dict[str, list[str]] = _NUMBER_AGENCIES["organs"]
_NUMBER_CLASS_MAX = 3  # the class after the organ's code: 发, 函, 规, 改, 养发, 厅发


def organ_of_number(agency: str, text: str) -> str | None:
    """The organ a 文号's agency prefix names (data/doc_number_agencies.yaml), when ``text`` (the document) names
    the prefix's province or municipality; None when the prefix is not in the table.

    >>> organ_of_number("津国土房改", "关于落实《天津市限价商品住房管理暂行办法》有关问题的通知")
    '天津市国土资源和房屋管理局'
    >>> organ_of_number("京人社养发", "北京市…"), organ_of_number("豫政办", "河南省…"), organ_of_number("豫政办", "某市…")
    ('北京市人力资源和社会保障局', '河南省人民政府办公厅', None)
    """
    place = _NUMBER_PLACES.get(agency[:1])
    if place is None or str(place["short"]) not in text:
        return None
    rest = agency[1:]
    code = max((c for c in _NUMBER_ORGANS if rest.startswith(c)), key=len, default=None)
    if code is None or len(rest) - len(code) > _NUMBER_CLASS_MAX:
        return None
    return str(place["name"]) + _NUMBER_ORGANS[code][1 if place["municipality"] else 0]


def full_organ_name(organ: str) -> str:
    """An organ with its agency's short name written out.

    >>> full_organ_name("湖北省住建厅")
    '湖北省住房和城乡建设厅'
    >>> full_organ_name("广东省财政厅")
    '广东省财政厅'
    >>> full_organ_name("市卫计委")
    '市卫生和计划生育委员会'
    """
    for short, full in AGENCY_SHORT_NAMES.items():
        if organ.endswith(short) and len(organ) > len(short):
            return organ[: -len(short)] + full
    return organ


def split_organs(s: str) -> list[str]:
    """The issuing organs in a head or signature line; [] when the line is not made only of organs.

    >>> split_organs("河南省人力资源和社会保障厅 文件 河南省财政厅")
    ['河南省人力资源和社会保障厅', '河南省财政厅']
    >>> split_organs("平顶山市人力资源和社会保障局文件")
    ['平顶山市人力资源和社会保障局']
    >>> split_organs("关于印发方案的通知")
    []
    >>> split_organs("广东省人力资源和社会保障厅         广 东 省 财 政 厅")
    ['广东省人力资源和社会保障厅', '广东省财政厅']
    >>> split_organs("武汉市物价局\xa0\xa0\xa0\xa0武汉市民政局")  # a signature laid out with no-break spaces
    ['武汉市物价局', '武汉市民政局']
    """
    s = s.replace("**", "").replace("\xa0", " ").strip()
    s = _LETTER_SPACED.sub(lambda m: SPACE_RUN_RE.sub("", m.group(0)), s)
    parts = [p for p in SPACE_RUN_RE.split(s) if p and p != "文件"]
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
    >>> doc_type_of("四川省《中华人民共和国母婴保健法》实施办法"), doc_type_of("某市就业补助资金管理办法（试行）")
    ('实施办法', '办法')
    """
    t = regex.sub(r"[（(](?:试行|暂行)[）)]$", "", norm_title(title))
    t = regex.sub(r"[（(][^（）()]*[）)]$", "", t).rstrip("）)")
    for word in DOC_TYPES:
        if t.endswith(word):
            return _TYPE_CANON.get(word, word)
    return None


def is_head_like(p: str) -> bool:
    """A line that can be part of a document head: short, no sentence punctuation, not a heading or date."""
    s = p.strip()
    if not s or len(s) > 110 or "\t" in s:
        return False
    # a 文号 line may hold punctuation ("（2023年4月27日，豫政办〔2023〕17号）"); a sentence citing one is no head line
    if any(c in s for c in "。；：:;，,") and not (DOC_NUMBER_RE.search(s) and len(s) <= 40):
        return False
    if DATE_LINE_RE.match(s) or s.startswith(("附件", "抄送", "主送", "（此件", "(此件")):
        return False
    return match_marker(s) is None
