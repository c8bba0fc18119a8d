"""The document page: the article tree as navigation, the text with every extraction highlighted by kind
(overlaps split at every boundary, each mark carrying ``data-quantity-id``), a side list of the extractions
filterable by kind and benefit, and each one's review state read from the store."""

from __future__ import annotations

from collections.abc import Sequence

from ..api.golden import verdicts as newest_reviews
from ..api.reviews import Review, corrected_fields, live_adds
from ..extract.taxonomy import groups as groups_taxonomy
from ..records import Analysis, Quantity, Section
from ..store.highlight import quantity_anchor, section_anchor
from .html_base import KINDS, e, page, script_json
from .spans import Span, spans_to_segments


def verdicts(reviews: Sequence[Review]) -> dict[str, str]:
    """Each reviewed quantity's verdict: the action of its newest review (reviews come oldest first)."""
    out: dict[str, str] = {}
    for r in reviews:
        if r.quantity_id is not None:
            out[r.quantity_id] = r.action
    return out


def _number(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else repr(x)


def value_text(q: Quantity) -> str:
    """The normalized value as a reviewer reads it: ``5000–8000 yuan``, ``50 percent``, or the dates."""
    if q.value is None:
        days = list(dict.fromkeys(str(d) for d in (q.date_start, q.date_end) if d))
        return " – ".join(days) or "—"
    v = _number(q.value) + (f"–{_number(q.value_max)}" if q.value_max is not None else "")
    return f"{v} {q.unit}"


def quantity_data(q: Quantity, verdict: str | None) -> dict[str, object]:
    """The fields the page's script shows and edits, as JSON."""
    ev = q.evidence
    return {"id": q.id, "kind": q.kind, "value": q.value, "value_max": q.value_max, "unit": q.unit, "bound": q.bound,
            "per": list(q.per), "base": q.base, "benefit": q.benefit, "groups": list(q.groups), "section": q.section,
            "quote": ev.quote, "page": ev.page, "line": ev.line, "span": list(ev.span), "verdict": verdict,
            "group_names": [groups_taxonomy().entries[i].name for i in q.group_ids if i in groups_taxonomy().entries],
            "shown": value_text(q)}


def missed_data(r: Review) -> dict[str, object]:
    """A missed span as the page's script shows it (``r`` is an ``add`` review)."""
    assert r.missed is not None
    g = r.missed.quantity
    return {"review": r.id, "span": list(r.missed.span) if r.missed.span else None, "quote": g.quote, "kind": g.kind,
            "value": g.value, "value_max": g.value_max, "unit": g.unit, "bound": g.bound, "per": list(g.per),
            "groups": list(g.groups), "section": g.section, "note": r.note}


def _sections_nav(sections: Sequence[Section]) -> str:
    if not sections:
        return ""
    items = []
    for s in sections:
        label = s.num + (f" {s.heading}" if s.heading else "")
        items.append(f'<li><a href="#{e(section_anchor(s.key))}">{e(label)}</a>{_sections_nav(s.children)}</li>')
    return "<ol>" + "".join(items) + "</ol>"


def _all_sections(sections: Sequence[Section]) -> list[Section]:
    out: list[Section] = []
    for s in sections:
        out.append(s)
        out += _all_sections(s.children)
    return out


def missed_anchor(review_id: int) -> str:
    """The anchor of a span a reviewer marked as missed (review ``review_id``)."""
    return f"missed-{review_id}"


def _missed_spans(reviews: Sequence[Review]) -> list[Span]:
    return [Span(start=r.missed.span[0], end=r.missed.span[1], id=missed_anchor(r.id), kind=r.missed.quantity.kind, review=r.id)
            for r in live_adds(reviews) if r.missed is not None and r.missed.span is not None]


def _open_mark(sp: Span, first: bool, verdict: dict[str, str]) -> str:
    if sp.review is not None:  # a missed span: no quantity of the program, so no data-quantity-id
        anchor = f' id="{e(sp.id)}"' if first else ""
        return f'<mark class="missed k-{e(sp.kind)}" data-review-id="{sp.review}"{anchor}>'
    anchor = f' id="{e(quantity_anchor(sp.id))}"' if first else ""
    state = f" v-{verdict[sp.id]}" if sp.id in verdict else ""
    return f'<mark class="q k-{e(sp.kind)}{state}" data-quantity-id="{e(sp.id)}"{anchor}>'


def text_to_html(text: str, quantities: Sequence[Quantity], sections: Sequence[Section], verdict: dict[str, str],
                 reviews: Sequence[Review] = ()) -> str:
    """The text escaped, split at every boundary of a quantity's span, a missed span's (an ``add`` review
    of ``reviews``) or an article's start; each segment wrapped in one ``<mark data-quantity-id>`` per quantity
    covering it and one ``<mark class="missed" data-review-id>`` per missed span (outermost first); the first
    segment of each carries its anchor; each article's start an empty anchor."""
    spans = [Span(start=q.evidence.span[0], end=q.evidence.span[1], id=q.id, kind=q.kind) for q in quantities]
    spans += _missed_spans(reviews)
    starts: dict[int, list[str]] = {}
    for s in _all_sections(sections):
        starts.setdefault(s.span[0], []).append(section_anchor(s.key))
    seen: set[str] = set()
    out: list[str] = []
    for seg in spans_to_segments(len(text), spans, starts):
        out += [f'<span class="sec" id="{e(a)}"></span>' for a in starts.pop(seg.start, [])]
        opens = []
        for sp in seg.spans:
            opens.append(_open_mark(sp, sp.id not in seen, verdict))
            seen.add(sp.id)
        out.append("".join(opens) + e(text[seg.start:seg.end]) + "</mark>" * len(opens))
    return "".join(out)


def _side_list(quantities: Sequence[Quantity], verdict: dict[str, str]) -> str:
    rows = []
    for q in quantities:
        state = verdict.get(q.id)
        cls = f"item k-{e(q.kind)}" + (f" v-{e(state)}" if state else "")
        rows.append(f'<li class="{cls}" data-quantity-id="{e(q.id)}" data-kind="{e(q.kind)}" data-benefit="{e(q.benefit or "")}">'
                    f'<a href="#{e(quantity_anchor(q.id))}"><b class="v">{e(value_text(q))}</b></a> '
                    f'<span class="f">{e(q.kind)} · {e(q.bound)}{" · " + e("/".join(q.per)) if q.per else ""}'
                    f'{" · " + e(q.benefit) if q.benefit else ""}</span> <span class="state">{e(state or "")}</span>'
                    f'<br><q>{e(q.quote)}</q></li>')
    benefits = sorted({q.benefit for q in quantities if q.benefit})
    kinds = "".join(f'<option value="{k}">{k}</option>' for k in KINDS if any(q.kind == k for q in quantities))
    options = "".join(f'<option value="{e(b)}">{e(b)}</option>' for b in benefits)
    return ('<div class="filters"><label>kind <select id="f-kind"><option value="">all</option>' + kinds + "</select></label> "
            '<label>benefit <select id="f-benefit"><option value="">all</option>' + options + "</select></label></div>"
            f'<p class="count"><span id="n-shown">{len(quantities)}</span> / {len(quantities)} extractions</p>'
            '<ol id="items">' + "".join(rows) + "</ol>")


EDIT_FORM = """<form id="edit" hidden><h3 id="edit-title">edit</h3>
<label>kind <select name="kind"><option>money</option><option>percent</option><option>duration</option><option>age</option><option>count</option></select></label>
<label>value <input name="value" inputmode="decimal" size="10"></label>
<label>bound <select name="bound"><option>exact</option><option>max</option><option>min</option><option>range</option></select></label>
<label>per <input name="per" size="14" placeholder="person month"></label>
<label>groups <input name="groups" size="24" list="group-names" placeholder="高校毕业生、就业困难人员"></label>
<label>note <input name="note" size="20"></label>
<button type="submit">save</button> <button type="button" id="edit-cancel">cancel</button></form>"""


def _group_names() -> str:
    """The groups of data/groups.yaml as the edit form's suggestions (a name each, its id as the label)."""
    entries = groups_taxonomy().entries.values()
    return '<datalist id="group-names">' + "".join(f'<option value="{e(g.name)}" label="{e(g.id)}">' for g in entries) + "</datalist>"


HELP = ("<p class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>a</kbd> accept · <kbd>r</kbd> reject · "
        "<kbd>e</kbd> correct kind/value/bound/per/groups · <kbd>m</kbd> mark the selected text as missed · "
        "<label>reviewer <input id=\"reviewer\" size=\"12\" maxlength=\"200\" placeholder=\"your name\"></label></p>")


def _added(r: Review) -> str:
    """A missed span in the side list, linked to its highlight."""
    if r.action != "add" or r.missed is None:
        return ""
    g = r.missed.quantity
    what = f"missed: {e(g.quote)} = {e(g.value)} {e(g.unit)}"
    link = f'<a href="#{e(missed_anchor(r.id))}">{what}</a>' if r.missed.span is not None else what
    return f'<li class="added v-add k-{e(g.kind)}" data-review-id="{r.id}">{link}</li>'


def as_reviewed(quantities: Sequence[Quantity], reviews: Sequence[Review]) -> list[Quantity]:
    """The quantities as the reviewer left them: a corrected one with its newest correction's fields (kind,
    value, bound, per, groups...), the others as the program gave them."""
    latest = newest_reviews(reviews)
    out = []
    for q in quantities:
        r = latest.get(q.id)
        fix = r.correction if r is not None and r.action == "correct" else None
        out.append(q.model_copy(update=corrected_fields(q, fix)) if fix is not None else q)
    return out


def document_page(a: Analysis, reviews: Sequence[Review]) -> str:
    """The whole document page of one stored analysis and its reviews (corrected values shown as corrected)."""
    doc = a.document
    verdict = verdicts(reviews)
    shown = as_reviewed(a.quantities, reviews)
    meta = " · ".join(e(x) for x in (doc.doc_type, doc.region, doc.date, doc.doc_number.text if doc.doc_number else None,
                                     "、".join(doc.issuers)) if x)
    legend = "".join(f'<span class="k-{k}">{k}</span>' for k in KINDS)
    data = script_json({"doc_id": doc.id, "quantities": [quantity_data(q, verdict.get(q.id)) for q in shown],
                        "sections": [[s.path, s.span[0], s.span[1]] for s in _all_sections(doc.sections)],
                        "missed": [missed_data(r) for r in live_adds(reviews)]})
    added = "".join(_added(r) for r in live_adds(reviews))
    body = (f'<h1>{e(doc.title or doc.id)}</h1><p class="meta">{meta} · <code>{e(doc.id)}</code> · '
            f'<a href="/v1/golden/{e(doc.id)}">golden file</a> · <a href="/v1/labelstudio/{e(doc.id)}">Label Studio task</a> · '
            f'<a href="/v1/documents/{e(doc.id)}/jsonld">JSON-LD</a></p>{HELP}<p class="legend">{legend}'
            '<span class="v-accept">accepted</span><span class="v-reject">rejected</span><span class="v-correct">corrected</span>'
            '<span class="missed">marked missed</span></p>'
            '<div class="reviewer">'
            f'<nav class="tree"><h2>条目</h2>{_sections_nav(doc.sections) or "<p>no articles</p>"}</nav>'
            f'<article class="doc" id="doc-text">{text_to_html(doc.text, shown, doc.sections, verdict, reviews)}</article>'
            f'<aside><div id="detail" class="detail"><p>click or hover a highlight</p></div>{EDIT_FORM}{_group_names()}'
            f'<p id="status" role="status"></p>{_side_list(shown, verdict)}'
            f'<h3>marked missed</h3><ol id="added">{added}</ol></aside></div>'
            f'<script type="application/json" id="qdata">{data}</script>')
    return page(doc.title or doc.id, body, scripts=("reviewer.js",))


__all__ = ["as_reviewed", "document_page", "missed_anchor", "quantity_data", "text_to_html", "value_text", "verdicts"]
