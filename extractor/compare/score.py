"""Score diffs against golden diffs (``golden/diffs/*.json``, format in golden/diffs/README.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Diff, ParameterChange

if TYPE_CHECKING:
    from ..evaluate import Report

def _same_value(a: object, b: object) -> bool:
    """Numbers match as quantities do in eval; phrases (groups, conditions) when one contains the other."""
    from ..evaluate import norm
    from ..extract.score import _close

    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return _close(float(a), float(b))
    x, y = norm(a), norm(b)
    return bool(x and y and (x in y or y in x))


def _path(p: object) -> str:
    from ..evaluate import norm

    return norm(p) if p else ""


def change_matches(c: ParameterChange, g: dict[str, Any]) -> bool:
    """A program change matches a gold one: same change type and kind, same values."""
    return (
        c.change == g.get("change")
        and c.kind == g.get("kind")
        and (g.get("change") == "added" or _same_value(c.a_value, g.get("a_value")))
        and (g.get("change") == "removed" or _same_value(c.b_value, g.get("b_value")))
    )


def score_diff(diff: Diff, gold: dict[str, Any], report: Report, name: str) -> None:
    """Add one pair's alignment and change scores to the report."""
    from ..evaluate import Counts

    pairs = [(_path(p.a), _path(p.b), p.status) for p in diff.pairs]
    ok = status_ok = 0
    for g in gold.get("alignment", []):
        ga, gb = _path(g.get("a")), _path(g.get("b"))
        hit = next((p for p in pairs if p[0] == ga and p[1] == gb), None)
        if hit is None:
            report.misses.append(f"{name}: alignment {g.get('a')} -> {g.get('b')} ({g.get('status')}) not found")
            continue
        ok += 1
        status_ok += hit[2] == g.get("status")
        if hit[2] != g.get("status"):
            report.misses.append(f"{name}: status of {g.get('a')} -> {g.get('b')}: program {hit[2]}, gold {g.get('status')}")
    n = len(gold.get("alignment", []))
    right, total = report.attributes.get("diff_alignment", (0, 0))
    report.attributes["diff_alignment"] = (right + ok, total + n)
    right, total = report.attributes.get("diff_status", (0, 0))
    report.attributes["diff_status"] = (right + status_ok, total + ok)
    used: set[int] = set()
    for doubt, table in ((False, report.diff_changes), (True, report.diff_doubt)):
        entries = [g for g in gold.get("changes", []) if bool(g.get("doubt")) == doubt]
        tp = 0
        for g in entries:
            k = next((i for i, ch in enumerate(diff.changes) if i not in used and change_matches(ch, g)), None)
            if k is None:
                if not doubt:
                    report.misses.append(f"{name}: missed change {g.get('change')} {g.get('kind')} {g.get('a_value')} -> {g.get('b_value')}")
                continue
            used.add(k)
            tp += 1
        predicted = 0 if doubt else len(diff.changes)
        table[name] = table.get(name, Counts()) + Counts(tp=tp, predicted=predicted, gold=len(entries))
    # predictions matched to doubt entries count for neither side of precision
    counts = report.diff_changes.get(name)
    if counts is not None:
        matched_doubt = report.diff_doubt.get(name, Counts()).tp
        report.diff_changes[name] = Counts(tp=counts.tp, predicted=counts.predicted - matched_doubt, gold=counts.gold)
