"""``zhengce show --html``: one self-contained page (no script, no network) with the document's text exactly as
cleaned, every extraction highlighted and coloured by kind, its fields in a plain-text tooltip; beside the text a
list of the extractions, each linking to its highlight and each highlight back to it; an anchor on every article
(``page.html#s-第三章-第十一条``) and a table of contents of the top-level sections.

The text is split at every boundary of a highlight or an article label, as displaCy's span renderer does, so
nested spans nest; a span that would cross another is left out (a quantity is then listed, without a link)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..records import Document, Quantity, Section, walk_depths, walk_sections

Mention = tuple[int, int, str, str]
"""(start, end, kind, label) of a group or benefit named in the text."""

COLOURS = {
    "money": "#ffd6a5", "percent": "#caffbf", "duration": "#9bf6ff", "age": "#bdb2ff", "count": "#ffc6ff",
    "date": "#e0e0e0", "group": "#fdffb6", "benefit": "#ffadad",
}
LABEL_ENDS = ("、", "．", ".")  # "一、" "1．" "1.": the punctuation printed after a section's number

CSS = """
body{font-family:'Noto Serif CJK SC','AR PL UMing CN',serif;margin:0;line-height:1.9;color:#222}
header,.wrap{max-width:84em;margin:0 auto;padding:0 1.5em}
.wrap{display:grid;grid-template-columns:minmax(0,48em) minmax(18em,1fr);gap:2em;align-items:start}
@media (max-width:900px){.wrap{grid-template-columns:1fr}aside{position:static;max-height:none}}
.doc{white-space:pre-wrap;overflow-wrap:anywhere}
aside{position:sticky;top:0;max-height:100vh;overflow:auto;font-size:.85em;line-height:1.5;padding-bottom:2em}
aside ol{padding-left:2.2em}aside li{margin:.45em 0;padding:.1em .4em;background:#fafafa}
aside .v{font-weight:bold;color:inherit}aside .f{color:#555}aside q{color:#333}
aside .other{opacity:.6}aside .nolink{font-weight:bold}
.toc ol{columns:2;list-style:none;padding-left:0;margin:.3em 0}.toc h2{margin:.2em 0;font-size:1.1em}.toc a,.doc a,aside a{text-decoration:none}
.doc mark a{color:inherit}mark{cursor:help;border-radius:3px;padding:0 2px}
.sec{scroll-margin-top:.5em}.sec:target{outline:2px solid #e63946;background:#fff3b0}
mark:target{outline:2px solid #e63946}aside li:target{outline:2px solid #e63946}
.legend span{margin-right:.5em;padding:0 3px;border-radius:3px}
"""


@dataclass(frozen=True)
class Element:
    """One tag pair to put around ``text[start:end]`` (an empty span: a bare anchor)."""

    start: int
    end: int
    rank: int  # for equal spans, the lower rank encloses: article label 0, quantity 1, mention 2
    open: str
    close: str


def section_anchor(key: str) -> str:
    """The anchor id of a section (or attachment) from its key: stable, a valid URL fragment, readable.

    Args:
        key: the section's key, its path made unique (``二/（三）``, ``二/1~2``).

    Returns:
        ``s-`` and the key's labels joined by ``-``; whitespace becomes ``_``.

    >>> section_anchor("第三章/第十一条")
    's-第三章-第十一条'
    >>> section_anchor("二/（一）/1")
    's-二-（一）-1'
    >>> section_anchor("三/1~2")
    's-三-1~2'
    >>> section_anchor("附件 1")
    's-附件_1'
    """
    return "s-" + re.sub(r"\s+", "_", key).replace("/", "-")


def quantity_anchor(qid: str) -> str:
    """The anchor id of a quantity's highlight: ``q-`` and its stable id (whitespace as ``_``).

    >>> quantity_anchor("001_x.txt:245-249:money")
    'q-001_x.txt:245-249:money'
    """
    return "q-" + re.sub(r"\s+", "_", qid)


def _list_anchor(qid: str) -> str:
    return "l-" + quantity_anchor(qid)[2:]


def format_number(x: float) -> str:
    """A value as a reader writes it: no trailing ``.0``, no exponent.

    >>> format_number(200000.0)
    '200000'
    >>> format_number(0.5)
    '0.5'
    >>> format_number(1.25e7)
    '12500000'
    >>> format_number(70.0)
    '70'
    """
    return format(Decimal(repr(x)).normalize(), "f")


def quantity_value(q: Quantity) -> str | None:
    """The normalized value with its unit (a range, a date or dates), or None when the record has none.

    >>> from extractor.records import Evidence
    >>> ev = Evidence(quote="20万元", span=(0, 4), line=1)
    >>> quantity_value(Quantity(id="x", kind="money", value=200000.0, unit="yuan", section="一", evidence=ev))
    '200000 yuan'
    >>> quantity_value(Quantity(id="x", kind="money", value=1.0, value_max=2.0, unit="yuan", section="", evidence=ev))
    '1–2 yuan'
    >>> quantity_value(Quantity(id="x", kind="date", value=None, unit="date", section="", evidence=ev)) is None
    True
    """
    if q.value is not None:
        v = format_number(q.value) + ("" if q.value_max is None else "–" + format_number(q.value_max))
        return f"{'≈' if q.approximate else ''}{v} {q.unit}"
    dates = [d.isoformat() for d in (q.date_start, q.date_end) if d is not None]
    return "–".join(dict.fromkeys(dates)) or None


def quantity_fields(q: Quantity) -> list[tuple[str, str]]:
    """The quantity's fields as (name, text) in reading order, fields it does not have left out (never "None").

    Args:
        q: the quantity.

    Returns:
        ``bound``, ``per``, ``base``, ``cap``, ``benefit``, ``groups``, ``section``, ``role`` (when not a
        parameter), ``doubt`` and ``place`` (page and line), each only when set.
    """
    bound = q.bound + (f" ({' '.join(q.bound_words)})" if q.bound_words else "")
    place = ", ".join(x for x in (f"page {q.evidence.page}" if q.evidence.page else "", f"line {q.evidence.line}") if x)
    fields = [
        ("bound", bound),
        ("per", "/".join(q.per)),
        ("base", q.base or ""),
        ("cap", f"{format_number(q.cap)} yuan" if q.cap is not None else ""),
        ("benefit", q.benefit or ""),
        ("groups", "、".join(q.groups)),
        ("section", q.section),
        ("role", q.role if q.role != "parameter" else ""),
        ("doubt", "doubtful" if q.doubt else ""),
        ("place", place),
    ]
    return [(k, v) for k, v in fields if v]


def quantity_tooltip(q: Quantity) -> str:
    """The plain text of a highlight's tooltip: kind and value, one field a line, then the quote.

    >>> from extractor.records import Evidence
    >>> ev = Evidence(quote="最高不超过20万元", span=(0, 9), line=3)
    >>> print(quantity_tooltip(Quantity(id="x", kind="money", value=200000.0, unit="yuan", bound="max",
    ...                                 section="一/1", evidence=ev)))
    money: 200000 yuan
    bound: max
    section: 一/1
    place: line 3
    「最高不超过20万元」
    """
    value = quantity_value(q)
    lines = [f"{q.kind}: {value}" if value else q.kind]
    lines += [f"{k}: {v}" for k, v in quantity_fields(q)]
    lines.append(f"「{q.quote}」")
    return "\n".join(lines)


def _attr(s: str) -> str:
    """An attribute value: escaped, its line breaks as character references (a title shows them as breaks)."""
    return html.escape(s, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans overlap without one holding the other."""
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _section_label(text: str, start: int, label: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The span of the number printed at a section's start (``第三条``, ``（一）``, ``一、``), or an empty span
    there when the text does not start with it or a highlight would cross it."""
    if not label or not text.startswith(label, start):
        return (start, start)
    end = start + len(label)
    if text.startswith(LABEL_ENDS, end):
        end += 1
    if any(_crosses((start, end), s) for s in spans):
        return (start, start)
    return (start, end)


def _anchors(doc: Document) -> dict[str, str]:
    """Section key (and ``附件N`` for an attachment) -> anchor id, unique in the page."""
    keys = [s.key for s in walk_sections(doc.sections)]
    for i, a in enumerate(doc.attachments, 1):
        keys.append(f"附件{a.num or i}")
        keys += [s.key for s in walk_sections(a.sections)]
    out: dict[str, str] = {}
    used: set[str] = set()
    for key in dict.fromkeys(keys):
        anchor, n = section_anchor(key), 1
        while anchor in used:  # two keys made alike by the "/" -> "-" of the id
            n += 1
            anchor = f"{section_anchor(key)}~{n}"
        used.add(anchor)
        out[key] = anchor
    return out


def _section_elements(doc: Document, anchors: dict[str, str], spans: list[tuple[int, int]]) -> list[Element]:
    out: list[Element] = []

    def add(key: str, start: int, label: str, path: str) -> None:
        s, e = _section_label(doc.text, start, label, spans)
        out.append(Element(s, e, 0, f'<span class="sec" id="{_attr(anchors[key])}" data-path="{_attr(path)}">', "</span>"))

    for s in walk_sections(doc.sections):
        add(s.key, s.span[0], s.num, s.path)
    for i, a in enumerate(doc.attachments, 1):
        key = f"附件{a.num or i}"
        add(key, a.span[0], key, key)
        for s in walk_sections(a.sections):
            add(s.key, s.span[0], s.num, s.path)
    return out


def _placed_quantities(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """The quantities to highlight: in text order, each overlapping none before it (links do not nest)."""
    placed: list[Quantity] = []
    for q in sorted(quantities, key=lambda q: (q.evidence.span, q.id)):
        s, e = q.evidence.span
        if 0 <= s < e <= len(text) and not any(_overlaps((s, e), p.evidence.span) for p in placed):
            placed.append(q)
    return placed


def _placed_mentions(mentions: Iterable[Mention], quantities: list[Quantity]) -> list[Mention]:
    """The groups and benefits to highlight: those outside every quantity, crossing none placed before."""
    taken = [q.evidence.span for q in quantities]
    placed: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m[0], -m[1])):
        span = (m[0], m[1])
        if span[0] < span[1] and not any(_overlaps(span, t) for t in taken) and not any(_crosses(span, (p[0], p[1])) for p in placed):
            placed.append(m)
    return placed


def elements_to_html(text: str, elements: Iterable[Element]) -> str:
    """The text escaped, with each element's tags around its span; the elements must not cross."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    pos = 0
    for el in sorted(elements, key=lambda el: (el.start, -el.end, el.rank)):
        while stack and stack[-1][0] <= el.start:
            end, close = stack.pop()
            out += [html.escape(text[pos:end], quote=False), close]
            pos = end
        out.append(html.escape(text[pos:el.start], quote=False))
        pos = el.start
        if el.start == el.end:
            out += [el.open, el.close]
        else:
            out.append(el.open)
            stack.append((el.end, el.close))
    while stack:
        end, close = stack.pop()
        out += [html.escape(text[pos:end], quote=False), close]
        pos = end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _section_of(q: Quantity, sections: list[Section]) -> Section | None:
    """The deepest section holding the quantity, one with its path first."""
    s0, e0 = q.evidence.span
    holding = [s for s in sections if s.span[0] <= s0 and e0 <= s.span[1]]
    same = [s for s in holding if s.path == q.section] or holding
    return min(same, key=lambda s: s.span[1] - s.span[0], default=None)


def _toc(doc: Document, anchors: dict[str, str]) -> str:
    items = []
    for s in doc.sections:
        label = f"{s.num} {s.heading or s.text.split(chr(10))[0][len(s.num):].strip('、．. ')[:24]}".strip()
        items.append(f'<li><a href="#{_attr(anchors[s.key])}">{html.escape(label)}</a></li>')
    for i, a in enumerate(doc.attachments, 1):
        key = f"附件{a.num or i}"
        label = f"{key} {a.title or ''}".strip()
        items.append(f'<li><a href="#{_attr(anchors[key])}">{html.escape(label)}</a></li>')
    return f'<nav class="toc"><h2>目录</h2><ol>{"".join(items)}</ol></nav>' if items else ""


def _list_item(q: Quantity, linked: bool, section: Section | None, anchors: dict[str, str]) -> str:
    value = quantity_value(q)
    head = html.escape(f"{q.kind} {value}" if value else q.kind)
    head = f'<a class="v" href="#{_attr(quantity_anchor(q.id))}">{head}</a>' if linked else f'<span class="nolink">{head}</span>'
    parts = [head]
    for k, v in quantity_fields(q):
        if k == "section" and section is not None:
            parts.append(f'<span class="f">section</span> <a href="#{_attr(anchors[section.key])}">{html.escape(v)}</a>')
        elif k != "place":
            parts.append(f'<span class="f">{k}</span> {html.escape(v)}')
    if not linked:
        parts.append('<span class="f">not highlighted: it overlaps another quantity</span>')
    cls = f"k-{q.kind}" + ("" if q.role == "parameter" else " other")
    return (f'<li id="{_attr(_list_anchor(q.id))}" class="{cls}" data-id="{_attr(q.id)}">'
            f'{" · ".join(parts)}<br><q>{html.escape(q.quote)}</q></li>')


def _panel(doc: Document, quantities: list[Quantity], placed: list[Quantity], anchors: dict[str, str]) -> str:
    linked = {q.id for q in placed}
    sections = [s for s in walk_sections(doc.sections)] + [s for a in doc.attachments for s in walk_sections(a.sections)]
    ordered = sorted(quantities, key=lambda q: (q.evidence.span, q.id))
    items = "".join(_list_item(q, q.id in linked, _section_of(q, sections), anchors) for q in ordered)
    n_param = sum(q.role == "parameter" and q.kind != "date" for q in quantities)
    return (f'<aside><h2>Extractions ({len(quantities)}; {n_param} parameters)</h2>'
            f'<p class="f">Dimmed: dates, statistics, targets and scores, no rule\'s parameters.</p>'
            f'<ol class="quantities">{items}</ol></aside>')


def _quantity_element(q: Quantity) -> Element:
    qid = _attr(q.id)
    return Element(
        q.evidence.span[0], q.evidence.span[1], 1,
        f'<mark class="k-{q.kind}" title="{_attr(quantity_tooltip(q))}" id="{_attr(quantity_anchor(q.id))}" '
        f'data-id="{qid}"><a href="#{_attr(_list_anchor(q.id))}">',
        "</a></mark>",
    )


def document_to_html(doc: Document, quantities: list[Quantity], mentions: list[Mention]) -> str:
    """A standalone HTML page of the document and its extractions.

    Args:
        doc: the document; its text is shown exactly (full-width punctuation and line breaks kept).
        quantities: its quantities; each highlighted one has the id ``q-<quantity id>``.
        mentions: (start, end, kind, label) of the groups and benefits named in the text.

    Returns:
        The page, one file with its style inside: no script, nothing fetched.
    """
    placed = _placed_quantities(doc.text, quantities)
    marks = [_quantity_element(q) for q in placed]
    marks += [Element(s, e, 2, f'<mark class="k-{_attr(k)}" title="{_attr(label)}">', "</mark>")
              for s, e, k, label in _placed_mentions(mentions, placed)]
    anchors = _anchors(doc)
    body = elements_to_html(doc.text, marks + _section_elements(doc, anchors, [(m.start, m.end) for m in marks]))
    legend = "".join(f'<span class="k-{k}">{k}</span> ' for k in COLOURS)
    css = CSS + "".join(f".doc .k-{k},.legend .k-{k}{{background:{c}}}aside li.k-{k}{{border-left:6px solid {c}}}" for k, c in COLOURS.items())
    title = html.escape(doc.title or doc.id)
    meta = " · ".join(x for x in (doc.doc_number.text if doc.doc_number else "", doc.region or "", str(doc.date or "")) if x)
    depth = max((d for d, _ in walk_depths(doc.sections)), default=-1) + 1
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="viewport" content="width=device-width"><style>{css}</style></head><body>'
        f'<header><h1>{title}</h1><p>{html.escape(meta)}</p>'
        f'<p class="f">{len(list(walk_sections(doc.sections)))} sections in {depth} levels · {len(placed)} highlighted numbers</p>'
        f'{_toc(doc, anchors)}<p class="legend">{legend}</p></header>'
        f'<div class="wrap"><main><div class="doc">{body}</div></main>'
        f'{_panel(doc, quantities, placed, anchors)}</div></body></html>\n'
    )
