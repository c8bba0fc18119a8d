"""Group quantities into provisions: one rule per sentence that gives a benefit, with its conditions,
non-stacking rules, application mode, funding source, responsible departments and period."""

from __future__ import annotations

import regex

from ..evidence import evidence, verbatim
from ..records import Beneficiary, Document, Provision, Quantity
from ._clause import SENTENCE_END, clause_bounds
from .rules import alternation, context_rules
from .taxonomy import benefits, groups

_RULES = context_rules().provision
# The tables of data/context_rules.yaml (provision: …), each a regex that finds any of its entries.
CONDITION_RE = _RULES.conditions.pattern
"""The eligibility conditions printed in a provision's sentence (签订1年以上劳动合同, 缴纳社会保险费, 未就业…)."""
NON_STACKING_RE = _RULES.non_stacking.pattern
"""不得重复享受, 不与…同时享受, 只能享受一次, 就高不重复."""
APPLICATION_RE = _RULES.application.pattern
"""免申即享, 网上申请, 按规定申请, 经办银行…受理."""
FUNDING_RE = _RULES.funding.pattern
"""从…列支, 所需资金由…承担, 由…财政安排."""
DEPARTMENTS_RE = regex.compile(r"[（(]([^（）()]{2,120}?)(?:按职责分工)?负责[）)]")
PERIOD_RE = regex.compile(alternation(_RULES.period))
_ORGAN_SPLIT = regex.compile(r"[、，,和]")


def _departments(doc: Document, offset: int) -> list[str]:
    """The organs of the nearest "（…按职责分工负责）" at or after ``offset`` within its paragraph block."""
    end = doc.text.find("\n", offset)
    window = doc.text[offset : (end if end >= 0 else len(doc.text)) + 200]
    m = DEPARTMENTS_RE.search(window)
    if m is None:
        return []
    parts = [p.strip() for p in _ORGAN_SPLIT.split(regex.sub(r"等(?:部门|单位)?$", "", m.group(1))) if p.strip()]
    return [p for p in parts if 1 < len(p) <= 30]


def quantities_to_provisions(doc: Document, quantities: list[Quantity]) -> list[Provision]:
    """One provision per sentence holding a parameter; quantities keep their order."""
    by_sentence: dict[tuple[int, int], list[Quantity]] = {}
    for q in quantities:
        if q.role != "parameter" or q.kind == "date":
            continue
        key = clause_bounds(doc.text, q.evidence.span[0], q.evidence.span[1], SENTENCE_END)
        by_sentence.setdefault(key, []).append(q)
    periods = [q for q in quantities if q.kind == "date"]
    gtax, btax = groups(), benefits()
    out = []
    for (s, e), qs in by_sentence.items():
        sentence = doc.text[s:e]
        benefit = next((q.benefit for q in qs if q.benefit), None)
        benefit_id = next((q.benefit_id for q in qs if q.benefit_id), None)
        if benefit_id is None and benefit:
            hit = next(btax.find(benefit), None)
            benefit_id = hit[2] if hit else None
        category = btax.entries[benefit_id].kind if benefit_id in btax.entries else None
        beneficiaries = []
        for a, b, gid in gtax.find(doc.text, s, e):
            entry = gtax.entries[gid]
            quals = [q.evidence.quote for q in qs if q.kind in ("age", "duration", "count") and a - 20 <= q.evidence.span[0] < b]
            beneficiaries.append(Beneficiary(text=verbatim(doc, a, b), id=gid, kind=entry.kind, qualifiers=quals))  # type: ignore[arg-type]
        period = next(
            (p for p in periods if s <= p.evidence.span[0] < e and PERIOD_RE.search(doc.text[max(s, p.evidence.span[0] - 12) : p.evidence.span[1] + 6])),
            None,
        )
        out.append(
            Provision(
                id=f"{doc.id}:p{s}-{e}",  # one provision per sentence: its span is unique
                doc_id=doc.id,
                section=qs[0].section,
                benefit=benefit,
                benefit_id=benefit_id,
                category=category,
                beneficiaries=beneficiaries,
                quantities=qs,
                conditions=[m.group(0) for m in CONDITION_RE.finditer(sentence)],
                non_stacking=[m.group(0) for m in NON_STACKING_RE.finditer(sentence)],
                application=[m.group(0) for m in APPLICATION_RE.finditer(sentence)],
                funding=[m.group(0) for m in FUNDING_RE.finditer(sentence)],
                departments=_departments(doc, e),
                period=period,
                evidence=evidence(doc, s, e),
            )
        )
    return out
