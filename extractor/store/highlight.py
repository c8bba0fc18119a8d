"""``zhengce show --html``: the document with every extraction highlighted, coloured by kind, the normalized
value on hover."""

from __future__ import annotations

import html

from ..records import Document, Quantity

COLOURS = {
    "money": "#ffd6a5", "percent": "#caffbf", "duration": "#9bf6ff", "age": "#bdb2ff", "count": "#ffc6ff",
    "date": "#e0e0e0", "group": "#fdffb6", "benefit": "#ffadad",
}


def _label(q: Quantity) -> str:
    v = q.value if q.value_max is None else f"{q.value}–{q.value_max}"
    parts = [f"{q.kind}: {v} {q.unit}", f"bound {q.bound}"]
    if q.per:
        parts.append("per " + "/".join(q.per))
    if q.base:
        parts.append(f"base {q.base}")
    if q.cap:
        parts.append(f"cap {q.cap:g} yuan")
    if q.benefit:
        parts.append(f"benefit {q.benefit}")
    if q.groups:
        parts.append("groups " + "、".join(q.groups))
    parts.append(f"role {q.role}; section {q.section}; page {q.evidence.page or '–'} line {q.evidence.line}")
    return "\n".join(parts)


def document_to_html(doc: Document, quantities: list[Quantity], mentions: list[tuple[int, int, str, str]]) -> str:
    """A standalone HTML page: ``mentions`` are (start, end, kind, label) of groups and benefits."""
    marks: list[tuple[int, int, str, str]] = [(q.evidence.span[0], q.evidence.span[1], q.kind, _label(q)) for q in quantities]
    taken = [False] * (len(doc.text) + 1)
    for s, e, _, _ in marks:
        for i in range(s, e):
            taken[i] = True
    marks += [(s, e, k, lab) for s, e, k, lab in mentions if not any(taken[s:e])]
    marks.sort()
    out, pos = [], 0
    for s, e, kind, label in marks:
        if s < pos:
            continue
        out.append(html.escape(doc.text[pos:s]))
        cls = f"k-{kind}"
        out.append(f'<mark class="{cls}" title="{html.escape(label)}">{html.escape(doc.text[s:e])}</mark>')
        pos = e
    out.append(html.escape(doc.text[pos:]))
    body = "".join(out).replace("\n", "<br>\n")
    legend = "".join(f'<span class="k-{k}">{k}</span> ' for k in COLOURS)
    css = "".join(f".k-{k}{{background:{c};border-radius:3px;padding:0 2px}}" for k, c in COLOURS.items())
    title = html.escape(doc.title or doc.id)
    meta = html.escape(" · ".join(x for x in (doc.doc_number.text if doc.doc_number else "", doc.region or "", str(doc.date or "")) if x))
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>body{{font-family:'Noto Serif CJK SC','AR PL UMing CN',serif;max-width:48em;margin:2em auto;line-height:1.9}}"
        f"mark{{cursor:help}}{css}.legend span{{margin-right:.5em}}</style></head><body>"
        f"<h1>{title}</h1><p>{meta}</p><p class=legend>{legend}</p><div class=doc>{body}</div></body></html>\n"
    )
