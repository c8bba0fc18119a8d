"""The article tree: 第X编/章/节/条, 一、, （一）, 1., （1）, ①, and inline 一是…二是… enumerations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import regex

from .._types import Span
from ..records import Marker as MarkerKind
from ..records import Section
from ..records.document import heading_form
from ..text.numbering import DIVISION_DIGITS, MARKER_RANK, SHI_RE, Marker, match_marker
from ..text.numerals import format_cn, parse_int

MAX_HEADING = 40


@dataclass(slots=True)
class _Node:
    marker: Marker
    path: str
    first: int  # paragraph index
    last: int
    heading: str | None
    children: list[_Node] = field(default_factory=list)
    span: Span | None = None  # set for inline (一是) items
    skip: int = 0  # where in its first paragraph the node starts (an article run into its chapter's line)


_SENTENCE_END = regex.compile(r"[。！？]")


def heading_of(rest: str) -> str | None:
    """The heading of a numbered paragraph, from the text after its number.

    >>> heading_of("援企稳岗稳定就业")
    '援企稳岗稳定就业'
    >>> heading_of("落实稳岗扩就业政策。实施援企稳岗护航行动")
    '落实稳岗扩就业政策'
    >>> heading_of("为了规范管理，根据有关规定，制定本办法。") is None
    True
    """
    r = rest.strip()
    if not r:
        return None
    cut = _SENTENCE_END.search(r)
    if cut is None:
        if len(r) <= 60 and "；" not in r:
            return heading_form(r.rstrip("：:；;")) or None
        return None
    first = r[: cut.start()]
    if len(first) <= MAX_HEADING and "，" not in first and "," not in first:
        return heading_form(first) or None
    return None


# "本办法自发布之日起施行", "本条例所称…": a sentence about the rule itself, never an article's caption
_RULE_SENTENCE_RE = regex.compile(r"^本(?:办法|条例|规定|细则|规则|决定|法)(?:自|所称|由|中|未|的|适用)")
_CAPTION_RE = regex.compile(r"^[（(](?P<caption>[^（）()。，,]{1,20})[）)]")


def article_heading(rest: str, continued: bool = False) -> str | None:
    """The caption of an article (第X条): bracketed after the number, ``第一条（目的和依据）``, or a line of its own
    without a sentence end; never the article's first sentence, which is a rule (``公安机关负责…工作。``).

    >>> article_heading("（目的和依据）为了规范本市房屋征收，制定本细则。"), article_heading("适用范围")
    ('目的和依据', '适用范围')
    >>> article_heading("公安机关负责居住证申领受理、制作、发放和签注等证件管理工作。") is None
    True
    >>> article_heading("本办法自发布之日起施行") is None  # a rule whose 。 the source lost
    True
    """
    r = rest.strip()
    m = _CAPTION_RE.match(r)
    if m:
        return heading_form(m.group("caption")) or None
    if r and not _SENTENCE_END.search(r) and not _RULE_SENTENCE_RE.match(r) and len(r) <= MAX_HEADING and not regex.search(r"[，,；;：:]", r):
        return heading_form(r) or None
    if continued and _LEAD_LINE.match(r) and _HEADING_NOUN.search(r) and not _RULE_SENTENCE_RE.match(r) and not _CLAUSE_VERB.search(r):
        # 第六条  公租房租金补助标准。/ 政府建设的…: a line of its own, one noun phrase closed by 。, over the paragraphs
        # of its article: the article's heading, without the 。; not a rule's sentence (供热价格实行政府定价。), nor a
        # lead-in closed by a colon (约谈程序： / （一）…, read as prose)
        return heading_form(r.removesuffix("。")) or None
    return None


_LEAD_LINE = regex.compile(r"^[^。！？，,；;：:\n]{2,16}。$")
_HEADING_NOUN = regex.compile(r"(?:标准|范围|对象|条件|程序|期限|原则|职责|依据|目的|定义|用语|方式|内容|要求|来源|用途|分工|机制|时间|地点|"
                              r"流程|材料|待遇|事项|权限|管理)。$")
"""How an article's heading closed by 。 ends (公租房租金补助标准。): a noun of what the article sets out. A rule's sentence
so printed (禁止在公共场所吸烟。, 统计工作坚持中国共产党的领导。) ends otherwise (review, session 27: 74 such sentences of
the corpus were read as headings when any line of no verb word was taken)."""
_CLAUSE_VERB = regex.compile(r"应当|应|可以|可|负责|实行|执行|不得|必须|须|由|按|依照|依法|是|为|对|下列|以下|每|\d")
"""The words of a rule's sentence, never of an article's heading (负责组织建设…设施, 实行政府定价, 应当履行下列义务)."""


_PAREN_ITEM_RE = regex.compile(r"[（(](?P<num>\d{1,2})[）)]")
_CN_PAREN_ITEM_RE = regex.compile(r"[（(](?P<num>[一二三四五六七八九十]{1,3})[）)]")
# "第一章 总则第一条 根据…": a chapter's heading with its first article run into its line
_RUN_IN_ARTICLE_RE = regex.compile(r"第[一二三四五六七八九十百零〇两\d]+条[ \u3000\xa0]")


def _inline_items(text: str) -> list[tuple[MarkerKind, str, int, int]]:
    """Inline enumerations of a paragraph, numbered in order from the first, each at a sentence start:
    ``一是…二是…`` (kind shi), ``(1)…(2)…`` (kind arabic_paren) or the items of an article run together on its
    line, ``包括：（一）…；（二）…`` (kind cn_paren). Returns (kind, label, start, end).

    >>> [x[1] for x in _inline_items("一是加强宣传。二是强化服务。三是做好保障。")]
    ['一是', '二是', '三是']
    >>> [x[1] for x in _inline_items("企业职业培训补贴。(1) 岗前培训补贴。(2) 学徒制培训补贴。")]
    ['（1）', '（2）']
    >>> [x[1] for x in _inline_items("可以继续享受下列奖励：（一）每月十元以上的奖励费；（二）适当补助托幼费；")]
    ['（一）', '（二）']
    >>> _inline_items("这是一是非问题"), _inline_items("条例第四条第（一）、（二）项规定的情形")
    ([], [])
    """
    inline: tuple[tuple[MarkerKind, regex.Pattern[str], str], ...] = (
        ("shi", SHI_RE, "一"), ("arabic_paren", _PAREN_ITEM_RE, "1"), ("cn_paren", _CN_PAREN_ITEM_RE, "一"))
    for kind, pattern, first in inline:
        hits: list[tuple[int, int]] = []
        for m in pattern.finditer(text):
            want = str(len(hits) + 1) if kind == "arabic_paren" else format_cn(len(hits) + 1)
            if m.group("num") != want or (not hits and m.group("num") != first):
                continue
            before = text[: m.start()]
            if m.start() > 0 and text[m.start() - 1] not in "。；;：:，,！\n " and not before.endswith(("、", "”")):
                continue
            if kind == "cn_paren" and ((not hits and not before.endswith(("：", ":"))) or before.endswith("、")):
                continue  # items run together open after a colon ("包括：（一）"); "第（一）、（二）项" cites items
            hits.append((m.start(), m.end()))
        if len(hits) >= 2:
            return [
                (kind, text[h:e] if kind == "shi" else f"（{k + 1 if kind == 'arabic_paren' else format_cn(k + 1)}）", h,
                 hits[k + 1][0] if k + 1 < len(hits) else len(text))
                for k, (h, e) in enumerate(hits)
            ]
    return []


# "…。 第十四条 …": the next article run into an article's line (a source that lost its line breaks)
_NEXT_ARTICLE_RE = regex.compile(rf"(?<=[。；;])[ \u3000\xa0]*(?=第(?P<num>[{DIVISION_DIGITS}\d]+)条[ \u3000\xa0])")


def split_run_together(paragraphs: Sequence[str], offsets: Sequence[int]) -> tuple[list[str], list[int]]:
    """The paragraphs with each article run into the line of the one before it (``…。 第十四条 …`` on the line of
    第十三条) made a paragraph of its own, and their offsets. Only the next number in sequence, at a sentence end,
    starts an article: ``依照第十四条`` and a 第二十条 inside 第十三条 do not.

    >>> split_run_together(["第一条 甲。 第二条 乙，依照第三条。第三条 丙。", "第四条 丁。"], [0, 25])
    (['第一条 甲。 ', '第二条 乙，依照第三条。', '第三条 丙。', '第四条 丁。'], [0, 7, 19, 25])
    """
    out: list[str] = []
    offs: list[int] = []
    for p, o in zip(paragraphs, offsets, strict=True):
        m = match_marker(p)
        if m is None or m.kind != "tiao" or "条" not in p[m.end :]:
            out.append(p)
            offs.append(o)
            continue
        n, cut = parse_int(m.num), 0
        for run in _NEXT_ARTICLE_RE.finditer(p, m.end):
            if n is None or parse_int(run["num"]) != n + 1:
                continue
            out.append(p[cut : run.end()])
            offs.append(o + cut)
            cut, n = run.end(), n + 1
        out.append(p[cut:])
        offs.append(o + cut)
    return out, offs


CHAPTER_TITLES = frozenset({"总则", "法律责任", "罚则", "附则"})
"""The titles a 条例's chapters share; printed on a line of their own with no number, still a chapter's."""


def _unnumbered_chapter(p: str, stack: list[_Node]) -> bool:
    """Is ``p`` a chapter's title printed without its number, in a chapter of a numbered one (法律责任, 附 则)?"""
    return any(n.marker.kind == "zhang" for n in stack) and heading_form(p) in CHAPTER_TITLES


def _continues(p: str) -> bool:
    """Does paragraph ``p`` go on with the article before it (no article, chapter or section of its own)?"""
    m = match_marker(p) if "\t" not in p else None
    return m is None or MARKER_RANK[m.kind] > MARKER_RANK["tiao"]


def paragraphs_to_sections(
    paragraphs: Sequence[str],
    offsets: Sequence[int],
    start: int,
    end: int,
    locate: Callable[[int], tuple[int | None, int]],
    prefix: str = "",
) -> list[Section]:
    """Build the article tree of paragraphs ``[start, end)``.

    ``offsets[k]`` is where paragraph k starts in the document text; ``locate(offset)`` gives (page, line).
    """
    pieces, piece_offsets = split_run_together(paragraphs[start:end], offsets[start:end])
    if len(pieces) != end - start:
        paragraphs, offsets, start, end = pieces, piece_offsets, 0, len(pieces)
    roots: list[_Node] = []
    stack: list[_Node] = []
    for k in range(start, end):
        p = paragraphs[k]
        m = match_marker(p) if "\t" not in p else None
        if m is None and _unnumbered_chapter(p, stack):
            # 威海 2017: 第三章…第四节 其他规定 …, then 法律责任 and 附 则 printed without their numbers: a chapter of no
            # number (its path empty, so its articles' paths start at the article: 第五十八条)
            node = _Node(Marker("zhang", "", "", 0), prefix.rstrip("/"), k, k, heading_form(p))
            roots.append(node)
            stack[:] = [node]
            continue
        if m is None:
            _close_last_item(stack, paragraphs, k)
            for anc in stack:  # a body paragraph belongs to every open section, not only the innermost
                anc.last = k
            _attach_shi(stack[-1] if stack else None, roots, p, k, offsets, prefix)
            continue
        kinds = [n.marker.kind for n in stack]
        if m.kind in kinds:
            del stack[kinds.index(m.kind):]
        else:
            while stack and MARKER_RANK[stack[-1].marker.kind] >= MARKER_RANK[m.kind]:
                stack.pop()
        parent = stack[-1] if stack else None
        base = parent.path + "/" if parent and parent.path else prefix
        run_in = _RUN_IN_ARTICLE_RE.search(p, m.end) if m.kind in ("bian", "zhang", "jie") else None
        if run_in is not None and (run_in.start() - m.end > MAX_HEADING or not p[m.end : run_in.start()].strip()):
            run_in = None
        rest = p[m.end : run_in.start()] if run_in is not None else p[m.end :]
        continued = k + 1 < end and run_in is None and _continues(paragraphs[k + 1])
        node = _Node(m, base + m.display, k, k, article_heading(rest, continued) if m.kind == "tiao" else heading_of(rest))
        (parent.children if parent else roots).append(node)
        for anc in stack:
            anc.last = k
        stack.append(node)
        if run_in is not None:
            am = match_marker(p[run_in.start() :])
            if am is not None:
                article = _Node(am, node.path + "/" + am.display, k, k, article_heading(p[run_in.start() + am.end :]),
                                skip=run_in.start())
                node.children.append(article)
                stack.append(article)
                _attach_shi(article, roots, p, k, offsets, prefix, skip=run_in.start() + am.end)
                continue
        _attach_shi(node, roots, p, k, offsets, prefix, skip=m.end)
    roots = _without_contents(roots)
    text_end = [offsets[k] + len(paragraphs[k]) for k in range(len(paragraphs))]

    def build(n: _Node) -> Section:
        if n.span is not None:
            s, e = n.span
        else:
            s, e = offsets[n.first] + n.skip, text_end[n.last]
        text = "\n".join(paragraphs[n.first : n.last + 1])[n.skip :]
        if n.span is not None:
            text = paragraphs[n.first][n.span[0] - offsets[n.first] : n.span[1] - offsets[n.first]]
        page, line = locate(s)
        return Section(
            num=n.marker.display if n.marker.kind != "shi" else n.marker.label,
            marker=n.marker.kind,
            heading=n.heading,
            path=n.path,
            key=n.path,  # made unique in the document by pipeline.build_document
            text=text,
            children=[build(c) for c in n.children],
            span=(s, e),
            page=page,
            line=line,
        )

    return [build(n) for n in roots]


_ARTICLE_ITEMS = ("cn_paren", "arabic_paren", "circled")


def _close_last_item(stack: list[_Node], paragraphs: Sequence[str], k: int) -> None:
    """A paragraph after an article's items, the last ended with 。, is the article's again, not the last item's:
    "（六）…最长不超过二十四个月。" / "失业人员重新就业后，再次失业的，…" (the items of a 条 run one to a line, each
    but the last ending in ；)."""
    if (len(stack) >= 2 and stack[-1].marker.kind in _ARTICLE_ITEMS and stack[-1].first == k - 1
            and any(n.marker.kind == "tiao" for n in stack[:-1]) and paragraphs[k - 1].rstrip().endswith("。")
            and not stack[-1].children):
        stack.pop()


def _without_contents(roots: list[_Node]) -> list[_Node]:
    """Without a table of contents printed before the body: chapter lines (第一章 总则 …) with nothing under them,
    each printed again later with its articles."""
    later: dict[str, list[int]] = {}
    for k, n in enumerate(roots):
        later.setdefault(n.marker.display, []).append(k)
    drop = {k for k, n in enumerate(roots)
            if n.marker.kind in ("zhang", "bian") and not n.children and n.last == n.first
            and any(j > k and roots[j].children for j in later[n.marker.display])}
    return [n for k, n in enumerate(roots) if k not in drop]


def _attach_shi(
    owner: _Node | None, roots: list[_Node], p: str, k: int, offsets: Sequence[int], prefix: str, skip: int = 0
) -> None:
    """Add the inline 一是…二是… items of paragraph ``k`` as children of ``owner``."""
    items = _inline_items(p[skip:])
    if not items:
        return
    for kind, label, s, e in items:
        base = owner.path + "/" if owner else prefix
        num = label.strip("（）")
        marker = Marker(kind, label if kind == "shi" else num, label, 0)
        rest = p[skip + s : skip + e]
        rest = rest[len(label):] if kind == "shi" else regex.sub(r"^[（(][^）)]*[）)]", "", rest)
        node = _Node(marker, base + (label if kind == "shi" else f"（{num}）"), k, k, heading_of(rest))
        node.span = (offsets[k] + skip + s, offsets[k] + skip + e)
        (owner.children if owner else roots).append(node)
