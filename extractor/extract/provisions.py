"""Group quantities into provisions: one rule per sentence that gives a benefit, with its conditions,
non-stacking rules, application mode, funding source, responsible departments and period."""

from __future__ import annotations

import bisect

import regex

from ..evidence import evidence, verbatim
from ..records import Beneficiary, Document, Provision, Quantity
from ._clause import SENTENCE_END, Marks
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


class _Departments:
    """Every "（…按职责分工负责）" of a text (its start and match), so that the nearest one after an offset is a
    bisection, not a search from each sentence's end to its line's end."""

    def __init__(self, text: str) -> None:
        self.text, self.lines = text, Marks(text, "\n")
        found = [m for m in (DEPARTMENTS_RE.match(text, k) for k in Marks(text, "（(").at) if m]
        self.starts, self.found = [m.start() for m in found], found

    def after(self, offset: int) -> list[str]:
        """The organs of the nearest "（…按职责分工负责）" at or after ``offset`` within its paragraph block: in
        ``text[offset : line end + 200]``. (The first bracket at or after ``offset`` that opens one is the first
        found there: one opened later lies after its close, so it cannot end inside the block when it does not.)"""
        end = self.lines.first_from(offset)
        block_end = (end if end >= 0 else len(self.text)) + 200
        k = bisect.bisect_left(self.starts, offset)
        m = self.found[k] if k < len(self.found) else None
        if m is None or m.end() > block_end:
            return []
        parts = [p.strip() for p in _ORGAN_SPLIT.split(regex.sub(r"等(?:部门|单位)?$", "", m.group(1))) if p.strip()]
        return [p for p in parts if 1 < len(p) <= 30]


def quantities_to_provisions(doc: Document, quantities: list[Quantity]) -> list[Provision]:
    """One provision per sentence holding a parameter; quantities keep their order."""
    by_sentence: dict[tuple[int, int], list[Quantity]] = {}
    sentences = Marks(doc.text, SENTENCE_END)
    for q in quantities:
        if q.role != "parameter" or q.kind == "date":
            continue
        key = sentences.bounds(q.evidence.span[0], q.evidence.span[1])
        by_sentence.setdefault(key, []).append(q)
    periods = sorted((q for q in quantities if q.kind == "date"), key=lambda q: q.evidence.span[0])  # a stable sort
    period_starts = [q.evidence.span[0] for q in periods]
    departments = _Departments(doc.text)
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
            (p for p in periods[bisect.bisect_left(period_starts, s) : bisect.bisect_left(period_starts, e)]
             if PERIOD_RE.search(doc.text[max(s, p.evidence.span[0] - 12) : p.evidence.span[1] + 6])),
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
                departments=departments.after(e),
                period=period,
                evidence=evidence(doc, s, e),
            )
        )
    return out
