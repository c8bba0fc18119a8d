"""The diff as a self-contained HTML redline: the changes first, then both versions side by side.

Each article link carries its status in words (未变, 重新编号, 修改, 拆分, 合并, 新增, 删除); a split or a merge is one
group (one article of A beside its several articles of B, or the reverse). The text of each side is split at every
boundary of a redline piece and of a changed parameter (the evidence span of a change), as displaCy splits at span
boundaries, so a parameter is one ``<mark data-change="N">`` with the change's summary as its title, whatever
deletions or insertions it crosses.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from typing import Literal

from ..records import Diff, Document, ParameterChange, RedlineOp, SectionPair
from .diff_md import (
    CHANGE_WORD,
    RELATION_WORD,
    SIDE_NAMES,
    STATUS_ORDER,
    STATUS_WORD,
    TITLE_WORD,
    PairGroup,
    article_label,
    change_place,
    chapter_label,
    clause,
    group_label,
    pair_groups,
)

Side = Literal["a", "b"]
Wrap = Literal["del", "ins"] | None


@dataclass(frozen=True)
class Mark:
    """A changed parameter's place in one side's text, with the changes (indexes into ``diff.changes``) it shows."""

    start: int
    end: int
    changes: tuple[int, ...]
    title: str
    css: str


def _e(s: str) -> str:
    return html.escape(s).replace("\n", "<br>")


def _section_spans(diff: Diff, side: Side) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for p in diff.pairs:
        path, span = (p.a, p.a_span) if side == "a" else (p.b, p.b_span)
        if path and span:
            spans.setdefault(path, span)
    return spans


def change_marks(diff: Diff, doc: Document, side: Side) -> list[Mark]:
    """Where each change's value stands in one side: its evidence span, or (for a group or a condition, which has
    a quote but no evidence) the quote's first place in its article. Overlapping places become one mark."""
    spans = _section_spans(diff, side)
    found: list[tuple[int, int, int]] = []
    for k, c in enumerate(diff.changes):
        ev, quote, section = (c.a_evidence, c.a_quote, c.a_section) if side == "a" else (c.b_evidence, c.b_quote, c.b_section)
        if ev is not None:
            found.append((ev.span[0], ev.span[1], k))
        elif quote and section in spans:
            s, e = spans[section]
            at = doc.text.find(quote, s, e)
            if at >= 0:
                found.append((at, at + len(quote), k))
    marks: list[Mark] = []
    for s, e, k in sorted(found):
        if marks and s < marks[-1].end:
            last = marks[-1]
            ids = (*last.changes, k) if k not in last.changes else last.changes
            marks[-1] = _mark(diff, last.start, max(last.end, e), ids)
        else:
            marks.append(_mark(diff, s, e, (k,)))
    return marks


def _mark(diff: Diff, start: int, end: int, ids: tuple[int, ...]) -> Mark:
    css = " ".join(dict.fromkeys(f"m-{diff.changes[k].change}" for k in ids))
    return Mark(start, end, ids, "；".join(diff.changes[k].summary for k in ids), css)


def _pieces(text: str, span: tuple[int, int], ops: list[RedlineOp], side: Side) -> list[tuple[int, int, Wrap]]:
    """The article's text as pieces kept, deleted (A) or inserted (B), in document offsets. The redline covers
    the article's body (its text without the number label), which ends the span."""
    start, end = span
    own = [op for op in ops if op.op == "equal" or op.op == ("delete" if side == "a" else "insert")]
    body = "".join(op.text for op in own)
    if not own or not text[start:end].endswith(body):
        return [(start, end, None)]
    pos = end - len(body)
    out: list[tuple[int, int, Wrap]] = [(start, pos, None)] if pos > start else []
    for op in own:
        wrap: Wrap = None if op.op == "equal" else ("del" if op.op == "delete" else "ins")
        if op.text:
            out.append((pos, pos + len(op.text), wrap))
        pos += len(op.text)
    return out


def _render(text: str, pieces: list[tuple[int, int, Wrap]], marks: list[Mark]) -> str:
    """The pieces as HTML, each mark one ``<mark>`` element around the pieces it covers."""
    if not pieces:
        return ""
    lo, hi = pieces[0][0], pieces[-1][1]
    inside = [m for m in marks if m.start < hi and m.end > lo]
    cuts = sorted({lo, hi, *(p[0] for p in pieces), *(max(lo, m.start) for m in inside), *(min(hi, m.end) for m in inside)})
    out: list[str] = []
    open_mark: Mark | None = None
    for s, e in itertools.pairwise(cuts):
        wrap = next(w for ps, pe, w in pieces if ps <= s < pe)
        mark = next((m for m in inside if m.start <= s < m.end), None)
        if mark is not open_mark:
            if open_mark is not None:
                out.append("</mark>")
            if mark is not None:
                ids = " ".join(str(k) for k in mark.changes)
                out.append(f'<mark class="param {mark.css}" data-change="{ids}" title="{html.escape(mark.title)}">')
            open_mark = mark
        piece = _e(text[s:e])
        out.append(f"<{wrap}>{piece}</{wrap}>" if wrap else piece)
    if open_mark is not None:
        out.append("</mark>")
    return "".join(out)


def _article(doc: Document, p: SectionPair, side: Side, marks: list[Mark], names: tuple[str, str], *, redline: bool,
             whole: Wrap = None) -> str:
    """One side of a pair: its text with the redline (when asked) and the marks, or a note that it has none."""
    span = p.a_span if side == "a" else p.b_span
    if span is None:
        return f'<p class="none">（{names[0] if side == "a" else names[1]}无此条）</p>'
    pieces = _pieces(doc.text, span, p.redline, side) if redline else [(span[0], span[1], whole)]
    return _render(doc.text, pieces, marks)


def _labelled(path: str | None, body: str) -> str:
    return f'<div class="art"><div class="art-label">{_e(article_label(path))}</div>{body}</div>'


def _group_cells(g: PairGroup, a: Document, b: Document, ma: list[Mark], mb: list[Mark], names: tuple[str, str]) -> tuple[str, str]:
    """The two cells of a group. A split shows A once and each B with the part of it new against A; a merge the
    reverse. A removed article is struck through, an added one underlined as inserted."""
    first = g.pairs[0]
    if g.status == "split":
        left = _article(a, first, "a", ma, names, redline=False)
        right = "".join(_labelled(p.b, _article(b, p, "b", mb, names, redline=True)) for p in g.pairs)
        return left, right
    if g.status == "merged":
        left = "".join(_labelled(p.a, _article(a, p, "a", ma, names, redline=True)) for p in g.pairs)
        return left, _article(b, first, "b", mb, names, redline=False)
    if g.status == "removed":
        return _article(a, first, "a", ma, names, redline=False, whole="del"), _article(b, first, "b", mb, names, redline=False)
    if g.status == "added":
        return _article(a, first, "a", ma, names, redline=False), _article(b, first, "b", mb, names, redline=False, whole="ins")
    return _article(a, first, "a", ma, names, redline=True), _article(b, first, "b", mb, names, redline=True)


def _parts(p: SectionPair) -> str:
    items = []
    for part in p.parts:
        if part.status == "added":
            items.append(f'<li class="added"><span class="status">新增</span> {_e(part.b or "")}</li>')
        elif part.status == "removed":
            items.append(f'<li class="removed"><span class="status">删除</span> {_e(part.a or "")}</li>')
        else:
            moved = "" if part.a == part.b else f" → {_e(part.b or '')}"
            items.append(f'<li class="{part.status}"><span class="status">{STATUS_WORD[part.status]}</span> {_e(part.a or "")}{moved}</li>')
    return f'<ul class="parts">款项对照：{"".join(items)}</ul>'


def _group_rows(k: int, g: PairGroup, a: Document, b: Document, ma: list[Mark], mb: list[Mark], names: tuple[str, str]) -> str:
    left, right = _group_cells(g, a, b, ma, mb, names)
    first = g.pairs[0]
    heading = first.b_heading or first.a_heading
    note = f' <span class="heading">{_e(heading)}</span>' if heading else ""
    sim = f' <span class="sim">相似度 {first.similarity:.2f}</span>' if first.a and first.b else ""
    parts = "".join(_parts(p) for p in g.pairs if p.parts)
    parts_row = f'<tr><td class="partcell" colspan="2">{parts}</td></tr>' if parts else ""
    return (
        f'<tbody class="pair {g.status}" id="pair-{k}" data-status="{g.status}">'
        f'<tr><td class="tag" colspan="2"><span class="status s-{g.status}">{STATUS_WORD[g.status]}</span> '
        f'<span class="link">{_e(group_label(g, status=False))}</span>{note}{sim}</td></tr>'
        f'<tr><td class="a">{left}</td><td class="b">{right}</td></tr>{parts_row}</tbody>'
    )


def _chapter_row(p: SectionPair, names: tuple[str, str]) -> str:
    a = f"{_e(p.a)}{' ' + _e(p.a_heading) if p.a_heading else ''}" if p.a else f"（{names[0]}无此章）"
    b = f"{_e(p.b)}{' ' + _e(p.b_heading) if p.b_heading else ''}" if p.b else f"（{names[1]}无此章）"
    return (f'<tbody class="chapter {p.status}" data-status="{p.status}"><tr><th class="chapter-a">{a}</th>'
            f'<th class="chapter-b">{b} <span class="status s-{p.status}">{STATUS_WORD[p.status]}</span></th></tr></tbody>')


def _under(chapter: SectionPair, g: PairGroup) -> bool:
    in_b = chapter.b is not None and any(x.startswith(chapter.b + "/") for x in g.b_paths)
    return in_b or (chapter.a is not None and any(x.startswith(chapter.a + "/") for x in g.a_paths))


def _change_rows(diff: Diff, a: Document, b: Document, anchor: dict[str, int], names: tuple[str, str]) -> str:
    rows = []
    for k, c in enumerate(diff.changes):
        at = anchor.get(f"a:{c.a_section}", anchor.get(f"b:{c.b_section}"))
        place = _e(change_place(c, diff.pairs))
        place = f'<a href="#pair-{at}">{place}</a>' if at is not None else place
        rows.append(
            f'<tr class="change {c.change}" id="change-{k}" data-change="{k}"><td>{k + 1}</td><td>{place}</td>'
            f'<td><span class="status c-{c.change}">{CHANGE_WORD[c.change]}</span></td><td>{_e(c.summary)}{_subject(c)}</td>'
            f'<td>{_quote(c, "a", a, names)}</td><td>{_quote(c, "b", b, names)}</td></tr>'
        )
    return "".join(rows)


def _subject(c: ParameterChange) -> str:
    """What the number governs, when the summary does not already say it."""
    if not c.subject or c.subject in c.summary:
        return ""
    return f'<div class="subject">规范对象：{_e(c.subject)}</div>'


def _quote(c: ParameterChange, side: Side, doc: Document, names: tuple[str, str]) -> str:
    ev, quote = (c.a_evidence, c.a_quote) if side == "a" else (c.b_evidence, c.b_quote)
    if ev is not None:
        before, q, after = clause(doc, ev)
        return f"{_e(before)}<mark>{_e(q)}</mark>{_e(after)}"
    if quote:
        return f"「{_e(quote)}」"
    return f'<span class="none">{names[0] if side == "a" else names[1]}未规定</span>'


def _counts(groups: list[PairGroup]) -> str:
    counts = {s: sum(g.status == s for g in groups) for s in STATUS_ORDER}
    return "，".join(f'<span class="s-{s}">{STATUS_WORD[s]} {n} 处</span>' for s, n in counts.items() if n)


def diff_to_html(diff: Diff, a: Document, b: Document) -> str:
    """A self-contained HTML page: titles and relation, the summary, the parameter changes (each linked to its
    articles), the chapters (when aligned), then every article link with both texts side by side.

    Args:
        diff: the diff of ``a`` and ``b``.
        a: document A (the earlier or higher-level one), whose text the spans of ``diff`` point into.
        b: document B.

    Returns:
        The page, UTF-8, with its styles inline.
    """
    groups = pair_groups(diff.pairs)
    anchor: dict[str, int] = {}
    for k, g in enumerate(groups):
        for x in g.a_paths:
            anchor.setdefault(f"a:{x}", k)
        for y in g.b_paths:
            anchor.setdefault(f"b:{y}", k)
    ma, mb = change_marks(diff, a, "a"), change_marks(diff, b, "b")
    names, heading = SIDE_NAMES[diff.relation], TITLE_WORD[diff.relation]
    rows: list[str] = []
    shown: set[int] = set()
    for k, g in enumerate(groups):
        chapter = next((i for i, cp in enumerate(diff.chapters) if i not in shown and _under(cp, g)), None)
        if chapter is not None:
            shown.add(chapter)
            rows.append(_chapter_row(diff.chapters[chapter], names))
        rows.append(_group_rows(k, g, a, b, ma, mb, names))
    summary = "".join(f"<li>{_e(s)}</li>" for s in diff.summary) or "<li>未发现实质变化</li>"
    changes = _change_rows(diff, a, b, anchor, names)
    changes_table = (
        '<table class="changes"><thead><tr><th>序号</th><th>条款</th><th>类型</th><th>变化</th><th>原规定</th><th>新规定</th>'
        f"</tr></thead><tbody>{changes}</tbody></table>" if changes else "<p>未发现参数变化。</p>"
    )
    chapters = ""
    if diff.chapters:
        items = "".join(f'<li class="{p.status}"><span class="status s-{p.status}">{STATUS_WORD[p.status]}</span> '
                        f"{_e(chapter_label(p, status=False))}</li>" for p in diff.chapters)
        chapters = f'<h2>章节对照</h2><ul class="chapters">{items}</ul>'
    ta, tb = _e(diff.a_title or diff.a_id), _e(diff.b_title or diff.b_id)
    title = ta if ta == tb else f"{ta} 与 {tb}"
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{heading}：{title}</title><style>{_STYLE}</style></head><body>
<h1>{heading}：{title}</h1>
<table class="meta"><tr><th>{names[0]}（A）</th><td>{ta}（{_e(diff.a_id)}）</td></tr><tr><th>{names[1]}（B）</th><td>{tb}（{_e(diff.b_id)}）</td></tr>
<tr><th>两者关系</th><td>{_e(RELATION_WORD[diff.relation])}</td></tr><tr><th>条款对照</th><td>{_counts(groups)}</td></tr></table>
<p class="legend">图例：<del>删除的文字</del> <ins>新增的文字</ins> <mark>变化的参数</mark>（悬停可见说明）</p>
<h2>主要变化</h2><ul class="summary">{summary}</ul>
<h2>参数变化</h2>{changes_table}
{chapters}<h2>逐条对照</h2><table class="redline"><thead><tr><th>{names[0]}（A）</th><th>{names[1]}（B）</th></tr></thead>{''.join(rows)}</table>
</body></html>
"""


_STYLE = """
body{font-family:'Noto Serif CJK SC','Source Han Serif SC','Songti SC','SimSun','AR PL UMing CN','Noto Sans CJK SC','Microsoft YaHei',serif;margin:2em;line-height:1.8;color:#222}
table{border-collapse:collapse;width:100%} table.redline{table-layout:fixed}
td,th{vertical-align:top;padding:.4em .8em;border-bottom:1px solid #ddd;text-align:left}
table.meta{width:auto} table.meta th{white-space:nowrap;color:#555;font-weight:normal}
td.tag{background:#f4f4f4;font-size:.9em;color:#333} .sim,.heading{color:#777;font-size:.9em;margin-left:.6em}
.status{display:inline-block;padding:0 .5em;border-radius:3px;background:#e8e8e8;font-size:.9em}
.s-removed,.c-removed{background:#ffd7d5} .s-added,.c-added{background:#d4f8d4} .s-modified,.c-changed{background:#fff2c6}
.s-split,.s-merged{background:#dbe8ff} .s-renumbered,.s-moved,.c-moved{background:#efe2ff}
del{background:#ffd7d5;color:#a00} ins{background:#d4f8d4;color:#060;text-decoration:none}
mark{background:#ffe066;outline:1px solid #d9a400;border-radius:2px} mark.param{cursor:help} mark ins,mark del{background:transparent}
tbody.removed td.a{background:#fff5f5} tbody.added td.b{background:#f5fff5}
.art+.art{margin-top:.8em;padding-top:.6em;border-top:1px dashed #ccc} .art-label{font-weight:bold;color:#335}
.none{color:#888} ul.parts{margin:0;padding:0;list-style:none;font-size:.9em;color:#555} ul.parts li{display:inline;margin-right:1em}
tbody.chapter th{background:#eef2f8;font-size:1.05em;padding-top:.8em}
table.changes th{white-space:nowrap} table.changes td{font-size:.95em} .subject{color:#555;font-size:.9em} table.changes td:nth-child(-n+3){white-space:nowrap}
"""
