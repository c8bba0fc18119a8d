"""The diff in words for a lawyer: a Markdown memo and a plain-text listing, in Chinese.

Both share the vocabulary here (a status, a relation, a change said in words) and :func:`pair_groups`, which puts
the articles of a split or a merge into one group, so ``第三条 拆分为 第三条、第四条`` is read as one link. A missing
side is said in words (``（新增）``, ``（删除）``), never with a dash: in CJK fonts ``—`` reads as 一.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..records import Diff, Document, ParameterChange, SectionPair
from ..records.extraction import Evidence
from ..text.numbering import strip_marker

STATUS_WORD = {
    "unchanged": "未变", "renumbered": "重新编号", "moved": "移动", "modified": "修改", "split": "拆分",
    "merged": "合并", "added": "新增", "removed": "删除",
}
"""Each pair status in the words of a redline."""
STATUS_ORDER = ("added", "removed", "split", "merged", "renumbered", "moved", "modified", "unchanged")
"""The order of the memo's sections: what a reader must see first."""
RELATION_WORD = {
    "version": "同一文件的前后两个版本", "implementation": "上级文件与下级实施文件", "other": "两份文件（未认定为同一政策）",
}
SIDE_NAMES = {"version": ("原文件", "新文件"), "implementation": ("上级文件", "下级文件"), "other": ("甲文件", "乙文件")}
"""What A and B are called, by the relation of the two documents."""
TITLE_WORD = {"version": "修订对照", "implementation": "上下级文件对照", "other": "文件对照"}
CHANGE_WORD = {"added": "新增", "removed": "删除", "changed": "修改", "moved": "移至他条"}
KIND_WORD = {
    "money": "金额", "percent": "比例", "duration": "期限", "age": "年龄", "count": "数量", "group": "适用对象",
    "condition": "条件",
}
ADDED, REMOVED = "（新增）", "（删除）"
"""What stands for the side an article or a value is missing from."""
_ARTICLE = regex.compile(r"第[^/]+条$")
_CLAUSE_END = "。；;\n"
_OPENING = 24
"""How many characters of an article without a heading the memo shows beside its number."""


@dataclass
class PairGroup:
    """Article pairs read as one link: one pair, or all the pairs of a split or a merge."""

    status: str
    pairs: list[SectionPair] = field(default_factory=list)

    @property
    def a_paths(self) -> list[str]:
        return list(dict.fromkeys(p.a for p in self.pairs if p.a))

    @property
    def b_paths(self) -> list[str]:
        return list(dict.fromkeys(p.b for p in self.pairs if p.b))


def article_label(path: str | None) -> str:
    """How an article is named to a reader: ``第三条`` for an article path, the path itself otherwise.

    >>> article_label("第一章/第三条"), article_label("二/（一）"), article_label("全文")
    ('第三条', '二/（一）', '全文')
    """
    if path is None:
        return ""
    last = path.rsplit("/", 1)[-1]
    return last if _ARTICLE.match(last) else path


def pair_groups(pairs: list[SectionPair]) -> list[PairGroup]:
    """The pairs in reading order, those of one split (one A, several B) or one merge (several A, one B) together.

    >>> from extractor.records import SectionPair
    >>> ps = [SectionPair(status="split", a="三", b=b, similarity=.5) for b in ("三", "四")]
    >>> [(g.status, g.a_paths, g.b_paths) for g in pair_groups(ps)]
    [('split', ['三'], ['三', '四'])]
    """
    groups: list[PairGroup] = []
    by_side: dict[str, PairGroup] = {}
    for p in pairs:
        if p.status not in ("split", "merged"):
            groups.append(PairGroup(p.status, [p]))
            continue
        keys = [f"a:{p.a}", f"b:{p.b}"]
        group = next((by_side[k] for k in keys if k in by_side), None)
        if group is None:
            group = PairGroup(p.status)
            groups.append(group)
        group.pairs.append(p)
        for k in keys:
            by_side[k] = group
    return groups


def group_label(g: PairGroup, *, status: bool = True) -> str:
    """The link in words: ``第三条 拆分为 第三条、第四条``, ``第五条 → 第六条 修改``, ``新增 第十二条``; without
    ``status``, a plain link, an added or a removed article leave their status out (``第五条 → 第六条``), for
    where it is shown beside them.

    >>> from extractor.records import SectionPair
    >>> group_label(PairGroup("removed", [SectionPair(status="removed", a="第六条", b=None, similarity=0)]))
    '删除 第六条'
    """
    a = "、".join(article_label(x) for x in g.a_paths)
    b = "、".join(article_label(x) for x in g.b_paths)
    if g.status == "split":
        return f"{a} 拆分为 {b}"
    if g.status == "merged":
        return f"{a} 合并为 {b}"
    if g.status == "added":
        return f"新增 {b}" if status else b
    if g.status == "removed":
        return f"删除 {a}" if status else a
    if g.status == "renumbered":
        return f"{a} 重新编号为 {b}"
    return f"{a} → {b} {STATUS_WORD[g.status]}" if status else f"{a} → {b}"


def chapter_label(p: SectionPair, *, status: bool = True) -> str:
    """A chapter link with both headings: ``第三章 监督检查 → 第三章 对涉嫌不正当竞争行为的调查 修改`` (without
    ``status``, the link alone).

    >>> from extractor.records import SectionPair
    >>> chapter_label(SectionPair(status="removed", a="第五章", b=None, a_heading="附则", similarity=0))
    '删除 第五章 附则'
    """
    a = " ".join(x for x in (p.a, p.a_heading) if x)
    b = " ".join(x for x in (p.b, p.b_heading) if x)
    if p.status == "added":
        return f"新增 {b}" if status else b
    if p.status == "removed":
        return f"删除 {a}" if status else a
    return f"{a} → {b} {STATUS_WORD[p.status]}" if status else f"{a} → {b}"


def change_place(c: ParameterChange, pairs: Sequence[SectionPair] = ()) -> str:
    """Where a change is: ``第十三条 → 第十条``, ``第十条`` when the number is kept; the side a change lacks is taken
    from the article pairs, and an article without a partner is said to be added or removed (``新增 第十二条``)."""
    a, b = c.a_section, c.b_section
    if a is None and b is not None:
        a = next((p.a for p in pairs if p.b == b and p.a), None)
    if b is None and a is not None:
        b = next((p.b for p in pairs if p.a == a and p.b), None)
    if a is None:
        return f"新增 {article_label(b)}"
    if b is None:
        return f"删除 {article_label(a)}"
    la, lb = article_label(a), article_label(b)
    return la if la == lb else f"{la} → {lb}"


def clause(doc: Document, ev: Evidence, width: int = 40) -> tuple[str, str, str]:
    """The clause around a quote (from the previous 。 or ； to the next), as the text before, the quote and the
    text after, at most ``width`` characters on each side (``…`` where cut), line breaks as spaces."""
    s, e = ev.span
    text = doc.text
    start = max(text.rfind(ch, 0, s) for ch in _CLAUSE_END) + 1
    ends = [i for i in (text.find(ch, e) for ch in _CLAUSE_END) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    lead = "…" if s - width > start else ""
    tail = "…" if e + width < end else ""
    before, after = text[max(start, s - width) : s], text[e : min(end, e + width)]
    return (lead + before).replace("\n", " "), text[s:e], (after + tail).replace("\n", " ")


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _what(c: ParameterChange) -> str:
    """The change's summary, and what it governs when the summary does not say it."""
    return c.summary if not c.subject or c.subject in c.summary else f"{c.summary}（规范对象：{c.subject}）"


def _side(c: ParameterChange, which: str, doc: Document | None, names: tuple[str, str]) -> str:
    ev = c.a_evidence if which == "a" else c.b_evidence
    quote = c.a_quote if which == "a" else c.b_quote
    if ev is not None and doc is not None:
        before, quote, after = clause(doc, ev)
        return _cell(f"{before}**{quote}**{after}")
    if quote:
        return _cell(f"「{quote}」")
    return f"{names[0] if which == 'a' else names[1]}未规定"


def _pair_note(p: SectionPair, a: Document | None = None, b: Document | None = None) -> str:
    """The article's heading, or (with the documents) the opening words of its text, in brackets."""
    heading = p.b_heading or p.a_heading
    if heading:
        return f"（{heading}）"
    # a split is told by its one article of A, anything else by its article of B
    doc, span = (b, p.b_span) if p.b_span and b is not None and p.status != "split" else (a, p.a_span)
    if doc is None or span is None:
        return ""
    words = strip_marker(doc.text[span[0] : span[1]]).replace("\n", "")
    return f"（{words[:_OPENING]}…）" if len(words) > _OPENING else f"（{words}）" if words else ""


def _parts_line(p: SectionPair) -> str:
    """The 款/项 links of a pair in one line: ``第2款 修改；新增 第3款``."""
    out = []
    for part in p.parts:
        if part.status == "added":
            out.append(f"新增 {part.b}")
        elif part.status == "removed":
            out.append(f"删除 {part.a}")
        elif part.a == part.b:
            out.append(f"{part.a} {STATUS_WORD[part.status]}")
        else:
            out.append(f"{part.a} → {part.b} {STATUS_WORD[part.status]}")
    return "；".join(out)


def diff_to_md(diff: Diff, a: Document | None = None, b: Document | None = None) -> str:
    """A memo in Chinese: both titles, the relation, the summary, a table of parameter changes, the article links
    grouped by status. With the documents, each quote is shown in its clause.

    Args:
        diff: the diff of A (the earlier or higher-level document) and B.
        a: document A, for the clause around each quote (optional).
        b: document B.

    Returns:
        Markdown text.
    """
    groups = pair_groups(diff.pairs)
    names = SIDE_NAMES[diff.relation]
    lines = [
        f"# {TITLE_WORD[diff.relation]}备忘录", "",
        f"- {names[0]}（A）：{diff.a_title or diff.a_id}（{diff.a_id}）",
        f"- {names[1]}（B）：{diff.b_title or diff.b_id}（{diff.b_id}）",
        f"- 两者关系：{RELATION_WORD[diff.relation]}",
        f"- 条款对照：{_counts(groups)}", "",
        "## 主要变化", "",
    ]
    lines += [f"- {s}" for s in diff.summary] or ["- 未发现实质变化"]
    lines += ["", "## 参数变化", ""]
    if diff.changes:
        lines += ["| 序号 | 条款 | 变化 | 原规定 | 新规定 |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {k} | {_cell(change_place(c, diff.pairs))} | {_cell(_what(c))} | {_side(c, 'a', a, names)} | {_side(c, 'b', b, names)} |"
            for k, c in enumerate(diff.changes, 1)
        ]
    else:
        lines.append("未发现参数变化。")
    if diff.chapters:
        lines += ["", "## 章节对照", ""]
        lines += [f"- {chapter_label(p)}" for p in diff.chapters]
    lines += ["", "## 条款对照"]
    for status in STATUS_ORDER:
        these = [g for g in groups if g.status == status]
        if not these:
            continue
        lines += ["", f"### {STATUS_WORD[status]}（{len(these)}）", ""]
        if status == "unchanged":
            lines.append("- " + "、".join(article_label(g.pairs[0].a) for g in these))
            continue
        for g in these:
            lines.append(f"- {group_label(g)}{_pair_note(g.pairs[0], a, b)}")
            lines += [f"  - 款项：{_parts_line(p)}" for p in g.pairs if p.parts]
    return "\n".join(lines) + "\n"


def _counts(groups: list[PairGroup]) -> str:
    """``修改 20 处，新增 10 处…`` in the memo's order."""
    counts = {s: sum(g.status == s for g in groups) for s in STATUS_ORDER}
    return "，".join(f"{STATUS_WORD[s]} {n} 处" for s, n in counts.items() if n) or "无条款"


def diff_to_text(diff: Diff) -> str:
    """The plain-text listing of ``zhengce diff``: the summary, then one line per article pair, a missing side in
    words (``第五条 → （删除）``)."""
    lines = [f"A: {diff.a_id} {diff.a_title or ''}", f"B: {diff.b_id} {diff.b_title or ''}",
             f"relation: {diff.relation}（{RELATION_WORD[diff.relation]}）", ""]
    lines += [f"· {s}" for s in diff.summary]
    if diff.chapters:
        lines += ["", "chapters:"] + [_text_line(p) for p in diff.chapters]
    lines += ["", "articles:"] + [_text_line(p) for p in diff.pairs]
    return "\n".join(lines) + "\n"


def _text_line(p: SectionPair) -> str:
    return f"  {p.status:10} {STATUS_WORD[p.status]}  {p.a or ADDED} → {p.b or REMOVED}  ({p.similarity:.2f})"
