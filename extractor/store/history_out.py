"""A history written out as an annotated edition (编注版): the newest text, article by article, each followed by a
note (【编注】) of what it was in the older versions, and the articles removed noted where they stood. Markdown and
a self-contained HTML page.

Removal and insertion are always said in words (删除, 新增), never with a dash.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..records import Document
from ..records.history import ArticleLineage, History, HistoryVersion, RemovedArticle, Timeline, TimelinePoint

EVENT_WORD = {"adopted": "通过", "approved": "批准", "published": "公布", "amended": "修正", "revised": "修订"}
FONT_STACK = ("'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', 'STSong', 'SimSun', 'Noto Sans CJK SC', "
              "'PingFang SC', 'Microsoft YaHei', serif")
_ARTICLE_LABEL = regex.compile(r"^(第[一二三四五六七八九十百千零〇\d]+条(?:之[一二三四五六七八九十]+)?)[ \u3000]*")
_DIVISION_LINE = regex.compile(r"^第[一二三四五六七八九十百千零〇\d]+[编章节][ \u3000]")
_MD_SPECIAL = regex.compile(r"([\\`*_\[\]<>#|])")


@dataclass(frozen=True, slots=True)
class Note:
    """The 编注 of one article: a sentence, and the older wordings it quotes (label, text)."""

    sentence: str
    before: list[tuple[str, str]]


def _num(path: str | None) -> str:
    """An article's number as cited: the last label of its path (第二十六条)."""
    return (path or "").rsplit("/", 1)[-1]


def _when(v: HistoryVersion) -> str:
    """When a version was made, as a note says it: 2017年修订时, or the label when the event is unknown."""
    if v.event is not None and v.event.event in EVENT_WORD and v.date is not None:
        day = v.label.removesuffix("版")
        return f"{day}{EVENT_WORD[v.event.event]}时"
    return f"{v.label}中"


def _cited(v: HistoryVersion, paths: Sequence[str | None]) -> str:
    return v.label + "、".join(_num(p) for p in paths if p)


def _step_clause(lin: ArticleLineage, k: int, vs: Sequence[HistoryVersion]) -> str | None:
    step, prev = lin.steps[k], lin.steps[k - 1]
    when = _when(vs[k])
    if step.status == "added":
        then = _num(step.paths[0])
        return f"本条为{when}新增" + (f"（时为{then}）" if then != _num(lin.path) else "")
    if step.status in ("renumbered", "moved"):
        now = step.paths[0]
        if any(_num(p) == _num(now) for p in prev.paths):  # the same number under another chapter
            return f"{when}由{_cited(vs[k - 1], prev.paths)}移入{now.split('/')[0]}，文字未改"
        return f"{when}由{_cited(vs[k - 1], prev.paths)}调整条序为{_num(now)}，文字未改"
    verb = {"modified": "修改", "split": "拆分", "merged": "合并"}.get(step.status or "")
    if verb is None:
        return None
    if step.status == "merged":  # cite every article merged, the weaker links too, in the older version's order
        return f"{when}由{_cited(vs[k - 1], prev.linked or prev.paths)}{verb}而来"
    return f"{when}由{_cited(vs[k - 1], prev.paths)}{verb}而来"


def _points(t: Timeline) -> dict[int, TimelinePoint]:
    return {p.version: p for p in t.points}


def _value_clauses(lin: ArticleLineage, k: int, timelines: Sequence[Timeline], vs: Sequence[HistoryVersion]) -> list[str]:
    """What step ``k`` did to the parameters of the article (changed, added, moved, removed), with the quotes."""
    here, before = set(lin.steps[k].paths), set(lin.steps[k - 1].paths)
    out = []
    for t in timelines:
        pts = _points(t)
        cur, old = pts.get(k), pts.get(k - 1)
        if cur is not None and cur.article in here:
            if cur.status == "changed" and old is not None:
                out.append(f"{t.subject}由“{old.phrase}”改为“{cur.phrase}”")
            elif cur.status == "moved" and old is not None:
                out.append(f"{t.subject}“{cur.phrase}”由{_cited(vs[k - 1], [old.article])}移入")
            elif cur.status == "added" and before:
                out.append(f"新增{t.subject}“{cur.phrase}”")
        elif cur is None and old is not None and old.article in before and t.removed_in == k:
            out.append(f"删除{t.subject}“{old.phrase}”")
    return out


def lineage_note(history: History, lin: ArticleLineage) -> Note:
    """The 编注 of an article of the newest version: each version that changed it, how, and what its numbers were.

    Args:
        history: the work's history.
        lin: the lineage of one article of its newest version.
    Returns:
        the note's sentence (【编注】…。) and the older wordings it quotes.
    """
    vs = history.versions
    clauses = []
    for k in range(1, len(vs)):
        clause = _step_clause(lin, k, vs)
        if clause is None:
            continue
        values = _value_clauses(lin, k, history.timelines, vs)
        clauses.append("，".join([clause, *values]))
    if not clauses:
        first = lin.steps[0]
        same = f"本条与{_cited(vs[0], first.paths)}相同" if first.paths and _num(first.paths[0]) != _num(lin.path) else ""
        clauses.append(same + ("，" if same else "本条") + f"自{vs[0].label}以来未作修改")
    before = [(vs[s.version].label, s.text) for s in lin.steps if s.text]
    return Note(sentence="【编注】" + "；".join(clauses) + "。", before=before)


def removed_note(history: History, r: RemovedArticle) -> Note:
    """The note of an article removed along the way, for where it stood."""
    vs = history.versions
    last = vs[r.removed_in - 1]
    values = [
        f"{t.subject}“{t.points[-1].phrase}”" for t in history.timelines
        if t.removed_in == r.removed_in and t.points[-1].article == r.path
    ]
    tail = f"（含{'、'.join(values)}）" if values else ""
    sentence = f"【编注】{_cited(last, [r.path])}已于{_when(vs[r.removed_in])}删除{tail}。"
    return Note(sentence=sentence, before=[(last.label, r.text)])


def _pieces(history: History, doc: Document) -> list[tuple[str, str | ArticleLineage | RemovedArticle]]:
    """The newest text in reading order: ("gap", text between articles), ("removed", r), ("article", lineage)."""
    out: list[tuple[str, str | ArticleLineage | RemovedArticle]] = []
    at = 0
    removed_before: dict[str | None, list[RemovedArticle]] = {}
    for r in history.removed:
        removed_before.setdefault(r.before, []).append(r)
    for lin in history.lineage:
        s, e = lin.span
        if doc.text[at:s].strip():
            out.append(("gap", doc.text[at:s]))
        out += [("removed", r) for r in removed_before.get(lin.path, [])]
        out.append(("article", lin))
        at = e
    if doc.text[at:].strip():
        out.append(("gap", doc.text[at:]))
    out += [("removed", r) for r in removed_before.get(None, [])]
    return out


def _versions_line(history: History) -> str:
    parts = []
    for v in history.versions:
        what = f"{v.date.year}年{v.date.month}月{v.date.day}日" if v.date else ""
        if v.event is not None and v.event.event in EVENT_WORD:
            what += EVENT_WORD[v.event.event]
        parts.append(f"{v.label}（{what}）" if what else v.label)
    newest = history.versions[-1].label
    return f"版本：{'、'.join(parts)}。正文为{newest}，每条之后的【编注】说明该条在此前各版本中的情形。"


def _timeline_rows(history: History) -> list[list[str]]:
    rows = []
    for t in history.timelines:
        if not t.changed and t.added_in == 0 and t.removed_in is None:
            continue
        pts = _points(t)
        cells = [t.id, t.subject]
        for v in history.versions:
            p = pts.get(v.index)
            if p is not None:
                cells.append(f"{p.phrase}（{_num(p.article)}）")
            elif v.index < t.added_in:
                cells.append("未规定")
            else:
                cells.append("已删除")
        rows.append(cells)
    return rows


def _md(s: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", s)


def _md_gap(text: str, title: str | None) -> list[str]:
    out = []
    for line in text.splitlines():
        s = line.strip()
        if not s or s == (title or "").strip():
            continue
        out.append(f"## {_md(s)}" if _DIVISION_LINE.match(s) else _md(s))
    return out


def _md_note(note: Note) -> list[str]:
    lines = [f"> {_md(note.sentence)}"]
    for label, text in note.before:
        lines += [">", f"> {_md(label)}原文：" + "<br>".join(_md(t) for t in text.splitlines())]
    return lines


def _md_article(text: str) -> str:
    paras = []
    for k, line in enumerate(t.strip() for t in text.strip().splitlines() if t.strip()):
        m = _ARTICLE_LABEL.match(line) if k == 0 else None
        paras.append(f"**{m.group(1)}** {_md(line[m.end():])}" if m else _md(line))
    return "\n\n".join(paras)


def history_to_markdown(history: History, newest_document: Document) -> str:
    """The newest text as an annotated edition in Markdown: each article followed by its 【编注】.

    Args:
        history: the work's history.
        newest_document: the document of its newest version (the text the lineage spans point into).
    Returns:
        Markdown text.
    """
    doc = newest_document
    title = history.work_title or doc.title or doc.id
    out = [f"# {_md(title)}（编注版）", "", _md(_versions_line(history)), ""]
    for kind, piece in _pieces(history, doc):
        if kind == "gap" and isinstance(piece, str):
            out += [line + "\n" for line in _md_gap(piece, doc.title)]
        elif isinstance(piece, RemovedArticle):
            out += [*_md_note(removed_note(history, piece)), ""]
        elif isinstance(piece, ArticleLineage):
            out += [_md_article(doc.text[piece.span[0] : piece.span[1]]), "", *_md_note(lineage_note(history, piece)), ""]
    rows = _timeline_rows(history)
    if rows:
        head = ["编号", "参数", *(v.label for v in history.versions)]
        out += ["## 参数沿革", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _h(s: str) -> str:
    return html.escape(s, quote=True)


def _html_note(note: Note, cls: str, path: str) -> str:
    olds = "".join(
        f"<details><summary>{_h(label)}原文</summary><blockquote>{'<br>'.join(_h(t) for t in text.splitlines())}"
        "</blockquote></details>"
        for label, text in note.before
    )
    return f'<aside class="{cls}" data-path="{_h(path)}"><p>{_h(note.sentence)}</p>{olds}</aside>'


def _html_article(lin: ArticleLineage, text: str) -> str:
    paras = []
    for k, line in enumerate(t.strip() for t in text.strip().splitlines() if t.strip()):
        m = _ARTICLE_LABEL.match(line) if k == 0 else None
        paras.append(f"<p><b>{_h(m.group(1))}</b> {_h(line[m.end():])}</p>" if m else f"<p>{_h(line)}</p>")
    return f'<article class="tiao" data-path="{_h(lin.path)}">{"".join(paras)}</article>'


def history_to_html(history: History, newest_document: Document) -> str:
    """The newest text as an annotated edition on a self-contained HTML page (UTF-8, CJK fonts, no scripts).

    Args:
        history: the work's history.
        newest_document: the document of its newest version.
    Returns:
        the page.
    """
    doc = newest_document
    title = f"{history.work_title or doc.title or doc.id}（编注版）"
    body = []
    for kind, piece in _pieces(history, doc):
        if kind == "gap" and isinstance(piece, str):
            for line in (t.strip() for t in piece.splitlines()):
                if line and line != (doc.title or "").strip():
                    tag = "h2" if _DIVISION_LINE.match(line) else "p"
                    body.append(f'<{tag} class="gap">{_h(line)}</{tag}>')
        elif isinstance(piece, RemovedArticle):
            body.append(_html_note(removed_note(history, piece), "removed", piece.path))
        elif isinstance(piece, ArticleLineage):
            body.append(_html_article(piece, doc.text[piece.span[0] : piece.span[1]]))
            body.append(_html_note(lineage_note(history, piece), "bianzhu", piece.path))
    rows = _timeline_rows(history)
    table = ""
    if rows:
        head = "".join(f"<th>{_h(c)}</th>" for c in ["编号", "参数", *(v.label for v in history.versions)])
        trs = "".join("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in r) + "</tr>" for r in rows)
        table = f'<h2>参数沿革</h2><table class="timelines"><tr>{head}</tr>{trs}</table>'
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_h(title)}</title><style>
body{{font-family:{FONT_STACK};max-width:52em;margin:2em auto;padding:0 1em;line-height:1.9;color:#222}}
h1{{font-size:1.6em;text-align:center}} h2.gap{{font-size:1.15em;text-align:center;margin-top:1.6em}}
p.gap{{text-align:center;color:#555;font-size:.95em;margin:.2em 0}} article.tiao p{{margin:.3em 0;text-indent:2em}}
aside{{margin:.3em 0 1.2em 2em;padding:.4em .8em;font-size:.9em;color:#444;background:#f7f5ef;border-left:3px solid #b8a98a}}
aside.removed{{background:#fbf0ef;border-left-color:#c58b85}} aside p{{margin:.2em 0}}
details summary{{cursor:pointer;color:#666}} blockquote{{margin:.3em 0 .3em 1em;color:#555}}
table{{border-collapse:collapse;font-size:.9em;width:100%}} td,th{{border:1px solid #ccc;padding:.3em .5em;text-align:left}}
</style></head><body>
<h1>{_h(title)}</h1>
<p class="versions">{_h(_versions_line(history))}</p>
{"".join(body)}
{table}
</body></html>
"""


__all__ = ["Note", "history_to_html", "history_to_markdown", "lineage_note", "removed_note"]
