"""Score diffs against golden diffs (``golden/diffs/*.json``, format in golden/diffs/README.md).

Called by ``extractor.evaluate`` for ``zhengce eval``.
"""

from __future__ import annotations

from ..extract.matching import close, norm, overlaps
from ..records import Diff, ParameterChange
from ..records.evaluation import ChangeValue, Counts, DiffScore, GoldChange, GoldDiff


def _same_value(a: float | str | None, b: ChangeValue | None) -> bool:
    """Numbers match as quantities do in eval; phrases (groups, conditions) when one contains the other."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return close(float(a), float(b))
    return overlaps(a, b)


def _path(p: str | None) -> str:
    return norm(p) if p else ""


def change_matches(c: ParameterChange, g: GoldChange) -> bool:
    """A program change matches a gold one: same change type and kind, same values."""
    return (
        c.change == g.change
        and c.kind == g.kind
        and (g.change == "added" or _same_value(c.a_value, g.a_value))
        and (g.change == "removed" or _same_value(c.b_value, g.b_value))
    )


def score_diff(diff: Diff, gold: GoldDiff, name: str) -> DiffScore:
    """One pair's scores: articles aligned as in gold, their status, and the parameter changes."""
    misses: list[str] = []
    pairs = [(_path(p.a), _path(p.b), str(p.status)) for p in diff.pairs]
    ok = status_ok = 0
    for g in gold.alignment:
        ga, gb = _path(g.a), _path(g.b)
        hit = next((p for p in pairs if p[0] == ga and p[1] == gb), None)
        if hit is None:
            misses.append(f"{name}: alignment {g.a} -> {g.b} ({g.status}) not found")
            continue
        ok += 1
        status_ok += hit[2] == g.status
        if hit[2] != g.status:
            misses.append(f"{name}: status of {g.a} -> {g.b}: program {hit[2]}, gold {g.status}")
    used: set[int] = set()
    matched: dict[bool, set[int]] = {False: set(), True: set()}
    tps: dict[bool, int] = {}
    for doubt in (False, True):
        tps[doubt] = 0
        for gc in (c for c in gold.changes if c.doubt == doubt):
            k = next((i for i, ch in enumerate(diff.changes) if i not in used and change_matches(ch, gc)), None)
            if k is None:
                if not doubt:
                    misses.append(f"{name}: missed change {gc.change} {gc.kind} {gc.a_value} -> {gc.b_value}")
                continue
            used.add(k)
            matched[doubt].add(k)
            tps[doubt] += 1
    n_doubt = sum(1 for g in gold.changes if g.doubt)
    # article links, counted as links: the program's pairs (added and removed articles too) against gold's
    program = {(a, b): st for a, b, st in pairs}
    sure = {(_path(g.a), _path(g.b)): g.status for g in gold.alignment if not g.doubt}
    unsure = {(_path(g.a), _path(g.b)) for g in gold.alignment if g.doubt}
    found = [k for k in sure if k in program]
    inserted = [k for k in sure if not k[0]]
    # changes by kind, matched as above (a prediction matched to a gold change has its kind)
    by_kind: dict[str, Counts] = {}
    for kind in sorted({c.kind for c in diff.changes} | {g.kind for g in gold.changes}):
        by_kind[kind] = Counts(
            tp=sum(1 for i in matched[False] if diff.changes[i].kind == kind),
            predicted=sum(1 for i, c in enumerate(diff.changes) if c.kind == kind and i not in matched[True]),
            gold=sum(1 for g in gold.changes if g.kind == kind and not g.doubt),
        )
    chapters = {(_path(c.a), _path(c.b)): c.status for c in diff.chapters}
    chapters_ok = sum(1 for ch in gold.chapters if chapters.get((_path(ch.a), _path(ch.b))) == ch.status)
    for ch in gold.chapters:
        if chapters.get((_path(ch.a), _path(ch.b))) != ch.status:
            misses.append(f"{name}: chapter {ch.a} -> {ch.b} ({ch.status}): program {chapters.get((_path(ch.a), _path(ch.b)))}")
    titles = [(t, g) for t, g in ((diff.a_title, gold.a_title), (diff.b_title, gold.b_title)) if g is not None]
    seen: set[tuple[object, ...]] = set()
    duplicates = 0
    for c in diff.changes:
        key = (c.kind, c.change, c.a_value, c.b_value, c.a_value_max, c.b_value_max, c.a_quote, c.b_quote,
               c.a_evidence.span if c.a_evidence else None, c.b_evidence.span if c.b_evidence else None)
        duplicates += key in seen
        seen.add(key)
    return DiffScore(
        chapters=(chapters_ok, len(gold.chapters)),
        titles=(sum(1 for t, g in titles if t == g), len(titles)),
        duplicates=duplicates,
        alignment=(ok, len(gold.alignment)),
        status=(status_ok, ok),
        # predictions matched to doubt entries count for neither side of precision
        changes=Counts(tp=tps[False], predicted=len(diff.changes) - tps[True], gold=len(gold.changes) - n_doubt),
        doubt=Counts(tp=tps[True], predicted=0, gold=n_doubt),
        links=Counts(tp=len(found), predicted=sum(1 for k in program if k not in unsure), gold=len(sure)),
        links_doubt=Counts(tp=sum(1 for k in unsure if k in program), predicted=0, gold=len(unsure)),
        link_status=(sum(1 for k in found if program[k] == sure[k]), len(found)),
        inserted=(sum(1 for k in inserted if k in program), len(inserted)),
        changes_by_kind=by_kind,
        misses=tuple(misses),
    )
