"""Score extracted quantities against gold quantities (used by ``zhengce eval``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Document, Quantity

if TYPE_CHECKING:
    from ..evaluate import Report

KINDS = ("money", "percent", "duration", "age", "count")
VALUE_TOLERANCE = 0.011


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= VALUE_TOLERANCE * max(1.0, abs(b) / 100)


def _squash(s: str | None) -> str:
    from ..evaluate import norm

    return norm(s)


def _quote_ok(pred: Quantity, gold: dict[str, Any]) -> bool:
    p, g = _squash(pred.quote), _squash(gold.get("quote"))
    return bool(p and g and (p in g or g in p))


def match(pred: list[Quantity], gold: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Quantity | None]]:
    """Pair each gold entry with an unused predicted quantity of the same kind and value (quote overlap first)."""
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], Quantity | None]] = []
    for strict in (True, False):
        for g in gold:
            if any(g is x for x, q in pairs if q is not None):
                continue
            for i, q in enumerate(pred):
                if i in used or q.kind != g.get("kind") or not _close(q.value, g.get("value")):
                    continue
                if g.get("bound") == "range" and not _close(q.value_max, g.get("value_max")):
                    continue
                if strict and not _quote_ok(q, g):
                    continue
                used.add(i)
                pairs.append((g, q))
                break
    matched = {id(g) for g, q in pairs}
    pairs += [(g, None) for g in gold if id(g) not in matched]
    return pairs


def score_quantities(doc: Document, gold: list[dict[str, Any]], report: Report, name: str) -> None:
    """Add one document's quantity scores to the report."""
    from ..evaluate import Counts
    from . import document_to_quantities

    pred = [q for q in document_to_quantities(doc) if q.role == "parameter" and q.kind in KINDS]
    gold = [g for g in gold if g.get("kind") in KINDS]
    pairs = match(pred, gold)
    matched_ids = {id(q) for _, q in pairs if q is not None}
    for kind in KINDS:
        for doubt, table in ((False, report.quantities), (True, report.doubt)):
            gk = [(g, q) for g, q in pairs if g.get("kind") == kind and bool(g.get("doubt")) == doubt]
            tp = sum(1 for _, q in gk if q is not None)
            # predictions matched to doubt entries count for neither precision side
            predicted = 0 if doubt else sum(
                1 for q in pred if q.kind == kind and (id(q) not in matched_ids or any(q is qq for g, qq in gk))
            )
            if gk or predicted:
                table[kind] = table.get(kind, Counts()) + Counts(tp=tp, predicted=predicted, gold=len(gk))
    for g, q in pairs:
        if q is None:
            report.misses.append(f"{name}: missed {g.get('kind')} {g.get('value')} «{g.get('quote')}» [{g.get('section')}]")
            continue
        checks = {
            "bound": q.bound == g.get("bound", "exact"),
            "per": sorted(q.per) == sorted(g.get("per") or []),
            "section": _squash(q.section) == _squash(g.get("section")),
        }
        if g.get("base"):
            checks["base"] = bool(q.base) and (_squash(g["base"]) in _squash(q.base) or _squash(q.base) in _squash(g["base"]))
        if g.get("benefit"):
            gb, qb = _squash(g["benefit"]), _squash(q.benefit)
            checks["benefit"] = bool(qb) and (gb in qb or qb in gb)
        if g.get("groups"):
            gg = [_squash(x) for x in g["groups"]]
            qg = [_squash(x) for x in q.groups]
            checks["groups"] = any(a in b or b in a for a in gg for b in qg if a and b)
        for attr, ok in checks.items():
            c, t = report.attributes.get(attr, (0, 0))
            report.attributes[attr] = (c + ok, t + 1)
            if not ok:
                report.misses.append(
                    f"{name}: {attr} of {g.get('kind')} {g.get('value')} «{g.get('quote')}»: program "
                    f"{getattr(q, attr, None)!r}, gold {g.get(attr)!r}"
                )
    for q in pred:
        if id(q) not in matched_ids:
            report.misses.append(f"{name}: extra {q.kind} {q.value} «{q.quote}» [{q.section}]")
