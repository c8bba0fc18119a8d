"""Score extracted quantities against gold quantities (called by ``extractor.evaluate`` for ``zhengce eval``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Quantity
from ..records.evaluation import Counts, GoldQuantity, QuantityScore, Tally
from ..records.vocab import RULE_KINDS, QuantityKind
from .matching import close, norm, overlaps

KINDS: tuple[QuantityKind, ...] = RULE_KINDS


def _quote_ok(pred: Quantity, gold: GoldQuantity) -> bool:
    return overlaps(pred.quote, gold.quote)


def match(pred: list[Quantity], gold: list[GoldQuantity]) -> list[tuple[GoldQuantity, Quantity | None]]:
    """Pair each gold entry with an unused predicted quantity of the same kind and value (quote overlap first)."""
    used: set[int] = set()
    pairs: list[tuple[GoldQuantity, Quantity | None]] = []
    for strict in (True, False):
        for g in gold:
            if any(g is x for x, q in pairs if q is not None):
                continue
            for i, q in enumerate(pred):
                if i in used or q.kind != g.kind or not close(q.value, g.value):
                    continue
                if g.bound == "range" and not close(q.value_max, g.value_max):
                    continue
                if strict and not _quote_ok(q, g):
                    continue
                used.add(i)
                pairs.append((g, q))
                break
    matched = {id(g) for g, q in pairs}
    pairs += [(g, None) for g in gold if id(g) not in matched]
    return pairs


def _checks(q: Quantity, g: GoldQuantity) -> dict[str, bool]:
    """The attributes of a matched pair that are scored, and whether each is right."""
    checks = {
        "bound": q.bound == g.bound,
        "per": sorted(q.per) == sorted(g.per),
        "section": norm(q.section) == norm(g.section),
    }
    if g.base:
        checks["base"] = bool(q.base) and (norm(g.base) in norm(q.base) or norm(q.base) in norm(g.base))
    if g.benefit:
        gb, qb = norm(g.benefit), norm(q.benefit)
        checks["benefit"] = bool(qb) and (gb in qb or qb in gb)
    if g.groups:
        gg = [norm(x) for x in g.groups]
        qg = [norm(x) for x in q.groups]
        checks["groups"] = any(a in b or b in a for a in gg for b in qg if a and b)
    return checks


def score_quantities(quantities: Sequence[Quantity], gold: Sequence[GoldQuantity], name: str) -> QuantityScore:
    """One document's quantity scores, given the program's quantities of it (``extract_document``): per kind
    (doubt entries apart), attributes among matched, misses. Only parameters of the rule kinds are scored."""
    pred = [q for q in quantities if q.role == "parameter" and q.kind in KINDS]
    gold = [g for g in gold if g.kind in KINDS]
    pairs = match(pred, gold)
    matched_ids = {id(q) for _, q in pairs if q is not None}
    tables: dict[bool, dict[QuantityKind, Counts]] = {False: {}, True: {}}
    for kind in KINDS:
        for doubt, table in tables.items():
            gk = [(g, q) for g, q in pairs if g.kind == kind and g.doubt == doubt]
            tp = sum(1 for _, q in gk if q is not None)
            # predictions matched to doubt entries count for neither precision side
            predicted = 0 if doubt else sum(
                1 for q in pred if q.kind == kind and (id(q) not in matched_ids or any(q is qq for g, qq in gk))
            )
            if gk or predicted:
                table[kind] = Counts(tp=tp, predicted=predicted, gold=len(gk))
    attributes: dict[str, Tally] = {}
    misses: list[str] = []
    for g, q in pairs:
        if q is None:
            misses.append(f"{name}: missed {g.kind} {g.value} «{g.quote}» [{g.section}]")
            continue
        for attr, ok in _checks(q, g).items():
            c, t = attributes.get(attr, (0, 0))
            attributes[attr] = (c + ok, t + 1)
            if not ok:
                misses.append(
                    f"{name}: {attr} of {g.kind} {g.value} «{g.quote}»: program "
                    f"{getattr(q, attr, None)!r}, gold {getattr(g, attr)!r}"
                )
    for q in pred:
        if id(q) not in matched_ids:
            misses.append(f"{name}: extra {q.kind} {q.value} «{q.quote}» [{q.section}]")
    return QuantityScore(quantities=tables[False], doubt=tables[True], attributes=attributes, misses=tuple(misses))
