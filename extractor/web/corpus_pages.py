"""The search, comparison and diff pages: server-rendered from the records the API returns, every text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

from ..records import CompareTable, Diff, Document, Level, ParameterChange, Quantity, Section, SectionPair, walk_sections
from ..records.diff import RedlineOp
from ..records.search import SearchHit, Snippet
from ..store.highlight import quantity_anchor, section_anchor
from ..store.table_out import cell_text
from .html_base import e, href, page

SEARCH_FIELDS = ("q", "region", "level", "year", "type", "issuer", "benefit", "in_force")


LEVELS: tuple[str, ...] = get_args(Level)
PLACEHOLDERS = {"q": "words", "year": "2023 or 2020-2023", "in_force": "2024-01-31", "type": "通知, 办法…", "region": "河南省"}


def _field(name: str, label: str, value: str | None) -> str:
    if name == "level":
        opts = "".join(f'<option{" selected" if v == value else ""}>{v}</option>' for v in LEVELS)
        return f'<label>{e(label)} <select name="level"><option value="">any</option>{opts}</select></label> '
    hint = PLACEHOLDERS.get(name)
    extra = f' placeholder="{e(hint)}"' if hint else ""
    return f'<label>{e(label)} <input name="{e(name)}" value="{e(value or "")}"{extra}></label> '


def _form(action: str, fields: Sequence[tuple[str, str, str | None]], submit: str) -> str:
    inputs = "".join(_field(name, label, value) for name, label, value in fields)
    return f'<form class="query" action="{e(action)}" method="get">{inputs}<button type="submit">{e(submit)}</button></form>'


def snippet_html(s: Snippet) -> str:
    """A snippet with its matched terms in ``<b>``, escaped.

    >>> snippet_html(Snippet(start=0, text="a<b>c", marks=[(1, 4)]))
    '…a<b>&lt;b&gt;</b>c…'
    """
    out, at = [], 0
    for lo, hi in sorted(s.marks):
        if lo < at:
            continue
        out.append(e(s.text[at:lo]) + "<b>" + e(s.text[lo:hi]) + "</b>")
        at = hi
    return "…" + "".join(out) + e(s.text[at:]) + "…"


def search_page(params: dict[str, str | None], hits: Sequence[SearchHit] | None, total: int, error: str | None = None) -> str:
    """The search form (its values kept) and one page of hits with their snippets."""
    form = _form("/search", [(f, f, params.get(f)) for f in SEARCH_FIELDS], "search")
    if error is not None:
        return page("search", f"<h1>检索 Search</h1>{form}<p class=\"error\">{e(error)}</p>")
    rows = []
    for h in hits or []:
        facts = " · ".join(e(x) for x in (h.type, h.region, h.date or h.year, h.doc_number, h.level) if x)
        snips = "".join(f"<p class=\"snip\">{snippet_html(s)}</p>" for s in h.snippets)
        rows.append(f'<li class="hit"><a href="/documents/{e(h.doc_id)}">{e(h.title or h.doc_id)}</a> '
                    f'<span class="f">{facts}</span>{snips}</li>')
    found = f"<p class=\"count\">{total} documents</p><ol class=\"hits\">{''.join(rows)}</ol>" if hits is not None else ""
    return page("search", f"<h1>检索 Search</h1>{form}{found}")


def compare_page(benefit: str | None, group: str | None, table: CompareTable | None, error: str | None = None) -> str:
    """The comparison table (sortable and filterable by the page's script) and its chart."""
    form = _form("/compare", [("benefit", "benefit", benefit), ("group", "group", group)], "compare")
    if table is None:
        return page("compare", f"<h1>比较 Compare</h1>{form}" + (f'<p class="error">{e(error)}</p>' if error else ""),
                    scripts=("tables.js",))
    heads = ["document", "region", "level", "year", "recipient", *table.columns]
    head = "".join(f'<th data-col="{k}" tabindex="0">{e(h)}</th>' for k, h in enumerate(heads))
    rows = []
    for r in table.rows:
        cells = [f'<td><a href="/documents/{e(r.doc_id)}">{e(r.title or r.doc_id)}</a></td>', f"<td>{e(r.region)}</td>",
                 f"<td>{e(r.level)}</td>", f"<td>{e(r.year)}</td>", f"<td>{e(r.recipient or r.recipient_class)}</td>"]
        for c in table.columns:
            first = next(iter(r.cells.get(c, [])), None)
            key = "" if first is None or first.value is None else f' data-sort="{first.value!r}"'
            cells.append(f"<td{key}>{e(cell_text(r, c))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    chart = href("/compare/chart.png", benefit=benefit, group=group)
    body = (f"<h1>比较 Compare: {e(table.benefit)}{' · ' + e(table.group) if table.group else ''}</h1>{form}"
            '<p><label>filter rows <input id="row-filter" placeholder="地区, 文件, 数值…"></label> '
            f'<span id="n-rows">{len(table.rows)}</span> / {len(table.rows)} rows · click a heading to sort</p>'
            f'<table id="compare" class="sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            + (f'<figure><img id="chart" src="{chart}" alt="chart of {e(table.benefit)}"></figure>' if table.rows else "<p>no values</p>"))
    return page("compare", body, scripts=("tables.js",))


def _redline(ops: Sequence[RedlineOp], side: str) -> str:
    keep = "delete" if side == "a" else "insert"
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(e(op.text))
        elif op.op == keep:
            out.append(f"<{'del' if side == 'a' else 'ins'}>{e(op.text)}</{'del' if side == 'a' else 'ins'}>")
    return "".join(out)


def _side(p: SectionPair, doc: Document, side: str) -> str:
    path = p.a if side == "a" else p.b
    span = p.a_span if side == "a" else p.b_span
    if path is None or span is None:
        return '<td class="empty"></td>'
    key = next((s.key for s in _walk(doc) if s.path == path), path)
    link = f'<a class="art" href="/documents/{e(doc.id)}#{e(section_anchor(key))}">{e(path)}</a>'
    body = _redline(p.redline, side) if p.redline else e(doc.text[span[0]:span[1]])
    return f'<td class="{e(p.status)}">{link}<div class="txt">{body}</div></td>'


def _walk(doc: Document) -> list[Section]:
    return list(walk_sections(doc.sections))


def _evidence_link(doc: Document, quantities: Sequence[Quantity], c: ParameterChange, side: str) -> str:
    ev = c.a_evidence if side == "a" else c.b_evidence
    if ev is None:
        return "—"
    q = next((q for q in quantities if q.evidence.span[0] <= ev.span[0] and ev.span[1] <= q.evidence.span[1]), None)
    q = q or next((q for q in quantities if q.evidence.span[0] < ev.span[1] and ev.span[0] < q.evidence.span[1]), None)
    frag = quantity_anchor(q.id) if q else f"at-{ev.span[0]}-{ev.span[1]}"
    where = f"p.{ev.page} " if ev.page else ""
    return f'<a class="ev" href="/documents/{e(doc.id)}#{e(frag)}">{e(ev.quote)}</a> <small>{e(where)}l.{ev.line}</small>'


def diff_page(d: Diff, a: Document, b: Document, qa: Sequence[Quantity], qb: Sequence[Quantity], choices: Sequence[tuple[str, str]]) -> str:
    """The side-by-side redline of two documents, with article links and the parameter changes (each linking
    to its evidence in both documents)."""
    form = _choice_form(choices, a.id, b.id)
    changes = "".join(
        f'<tr class="chg {e(c.change)}"><td>{e(c.change)}</td><td>{e(c.summary)}</td>'
        f'<td>{_evidence_link(a, qa, c, "a")}</td><td>{_evidence_link(b, qb, c, "b")}</td></tr>' for c in d.changes)
    pairs = "".join(f'<tr>{_side(p, a, "a")}{_side(p, b, "b")}</tr>' for p in d.pairs if p.status != "unchanged")
    same = sum(1 for p in d.pairs if p.status == "unchanged")
    summary = "".join(f"<li>{e(s)}</li>" for s in d.summary)
    body = (f"<h1>对照 Diff</h1>{form}<ul class=\"summary\">{summary}</ul>"
            f'<h2>参数变化 Parameter changes ({len(d.changes)})</h2><table id="changes"><thead><tr><th>change</th><th>what</th>'
            f'<th>A: {e(a.title or a.id)}</th><th>B: {e(b.title or b.id)}</th></tr></thead><tbody>{changes}</tbody></table>'
            f'<h2>条文 Articles ({len(d.pairs) - same} changed, {same} the same)</h2>'
            f'<table id="redline" class="redline"><thead><tr><th><a href="/documents/{e(a.id)}">{e(a.title or a.id)}</a></th>'
            f'<th><a href="/documents/{e(b.id)}">{e(b.title or b.id)}</a></th></tr></thead><tbody>{pairs}</tbody></table>')
    return page("diff", body)


def _choice_form(choices: Sequence[tuple[str, str]], a: str | None, b: str | None) -> str:
    def select(name: str, chosen: str | None) -> str:
        opts = "".join(f'<option value="{e(i)}"{" selected" if i == chosen else ""}>{e(t)}</option>' for i, t in choices)
        return f'<label>{name.upper()} <select name="{name}">{opts}</select></label> '
    return f'<form class="query" action="/diff" method="get">{select("a", a)}{select("b", b)}<button type="submit">diff</button></form>'


def diff_form_page(choices: Sequence[tuple[str, str]], error: str | None = None) -> str:
    """The diff page before two documents are chosen."""
    return page("diff", f"<h1>对照 Diff</h1>{_choice_form(choices, None, None)}" + (f'<p class="error">{e(error)}</p>' if error else ""))


def upload_page() -> str:
    """The upload form: the file goes to ``POST /v1/documents`` (by the page's script), then its documents open."""
    body = ("<h1>上传 Upload</h1><p>A PDF, DOCX, HTML or text file: it is analysed and stored, then its document "
            "page opens (a compendium lists its documents).</p>"
            '<form class="query" id="upload" enctype="multipart/form-data">'
            '<label>file <input type="file" name="file" required accept=".pdf,.docx,.html,.htm,.txt"></label> '
            '<button type="submit">upload</button></form><p id="status" role="status"></p><ol id="done"></ol>')
    return page("upload", body, scripts=("upload.js",))


__all__ = ["compare_page", "diff_form_page", "diff_page", "search_page", "snippet_html", "upload_page"]
