"""Groups and conditions named in one version of an article and not in the other, each with its evidence.

An eligible group is a taxonomy entry of people or enterprises named specifically (退役军人, 高校毕业生; not
各地, 社区, 银行); a condition is a condition phrase (``CONDITION_RE``) or a conditional clause ending in 的
(``户口已从本村迁出的``). A group named in both versions, one name holding the other, is no change; a clause
about as worded in the other version (half its bigrams or more) is no change either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .._types import Span
from ..evidence import evidence, verbatim
from ..extract.provisions import CONDITION_RE
from ..extract.taxonomy import groups
from ..records import Document, ParameterChange
from ..text.patterns import norm_title
from .align import Article, bigrams, similarity

_CLAUSE_RE = regex.compile(
    r"(?:^|[；;。\n：:]|[（(]\d{1,2}[）)])\s*(?:对于|对)?([^；;。\n：:]{6,80}?的)(?=[；;。\n]|[，,](?:可以|可|给予|按|享受|予以))"
)
NEAR = 0.5  # a clause this alike to one of the other version is the same condition


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase as printed, where it is and the article holding it."""

    text: str
    span: Span
    path: str


def _group_hits(doc: Document, arts: Sequence[Article]) -> dict[str, Phrase]:
    tax = groups()
    hits: dict[str, Phrase] = {}
    for x in arts:
        for a, b, gid in tax.find(doc.text, *x.span):
            # eligible people and enterprises named specifically; not 各地, 社区, 银行, 企业
            if b - a >= 3 and tax.entries[gid].kind in ("individual", "enterprise"):
                hits.setdefault(gid, Phrase(verbatim(doc, a, b), (a, b), x.path))
    return hits


def _conditions(doc: Document, arts: Sequence[Article]) -> dict[str, Phrase]:
    found: dict[str, Phrase] = {}
    for x in arts:
        for m in CONDITION_RE.finditer(doc.text, *x.span):
            found.setdefault(regex.sub(r"[\s\d]", "", m.group(0)), Phrase(verbatim(doc, *m.span()), m.span(), x.path))
    return found


def _clauses(doc: Document, arts: Sequence[Article]) -> dict[str, Phrase]:
    """Conditional clauses ("有稳定收入来源…的", "户口已从本村迁出的"): eligibility stated as a clause."""
    found: dict[str, Phrase] = {}
    for x in arts:
        for m in _CLAUSE_RE.finditer(doc.text, *x.span):
            c = m.group(1).strip()
            if 6 <= len(c) <= 80 and not c.startswith(("为", "按")):
                s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
                found.setdefault(regex.sub(r"[\s\d\p{P}]", "", c), Phrase(verbatim(doc, s, s + len(c)), (s, s + len(c)), x.path))
    return found


def _change(kind: str, added: bool, p: Phrase, doc: Document, other: Sequence[Article], heading: str | None) -> ParameterChange:
    what = "适用对象" if kind == "group" else "条件"
    verb = ("新增" if added else ("不再列明" if kind == "group" else "删除"))
    side = {"b_value": p.text, "b_quote": p.text, "b_evidence": evidence(doc, *p.span), "b_section": p.path,
            "a_section": other[0].path} if added else \
           {"a_value": p.text, "a_quote": p.text, "a_evidence": evidence(doc, *p.span), "a_section": p.path,
            "b_section": other[0].path}
    return ParameterChange(change="added" if added else "removed", kind=kind,  # type: ignore[arg-type]
                           summary=f"{heading or ''}{verb}{what}“{p.text}”", **side)  # type: ignore[arg-type]


def phrase_changes(a_doc: Document, b_doc: Document, a_arts: Sequence[Article], b_arts: Sequence[Article],
                   heading: str | None) -> list[ParameterChange]:
    """Groups and conditions named in the articles of A and not in their partners of B, and the reverse."""
    out: list[ParameterChange] = []
    ga, gb = _group_hits(a_doc, a_arts), _group_hits(b_doc, b_arts)

    def named(p: Phrase, others: dict[str, Phrase]) -> bool:
        return any(norm_title(p.text) in norm_title(o.text) or norm_title(o.text) in norm_title(p.text) for o in others.values())

    out += [_change("group", True, gb[g], b_doc, a_arts, heading)
            for g in sorted(gb.keys() - ga.keys(), key=lambda g: gb[g].span) if not named(gb[g], ga)]
    out += [_change("group", False, ga[g], a_doc, b_arts, heading)
            for g in sorted(ga.keys() - gb.keys(), key=lambda g: ga[g].span) if not named(ga[g], gb)]
    ca, cb = _conditions(a_doc, a_arts), _conditions(b_doc, b_arts)
    xa, xb = _clauses(a_doc, a_arts), _clauses(b_doc, b_arts)

    def near(k: str, others: dict[str, Phrase]) -> bool:
        return any(similarity(bigrams(k), bigrams(o)) >= NEAR for o in others)

    ca.update({k: v for k, v in xa.items() if not near(k, xb)})
    cb.update({k: v for k, v in xb.items() if not near(k, xa)})
    out += [_change("condition", True, cb[k], b_doc, a_arts, heading) for k in sorted(cb.keys() - ca.keys(), key=lambda k: cb[k].span)]
    out += [_change("condition", False, ca[k], a_doc, b_arts, heading) for k in sorted(ca.keys() - cb.keys(), key=lambda k: ca[k].span)]
    return out
