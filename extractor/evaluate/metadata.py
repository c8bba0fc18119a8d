"""Score a document's metadata and top-level sections against its gold file."""

from __future__ import annotations

from collections.abc import Sequence

from ..extract.matching import norm
from ..records import Document
from ..records.evaluation import Counts, GoldMeta, GoldSection

META_FIELDS = ("title", "doc_number", "issuers", "date", "region", "level", "doc_type")
"""The metadata fields scored, in the report's order; a gold file scores those it states."""


def titles(doc: Document) -> set[str]:
    """The titles a gold title may equal: the title, the instrument's, and the title from its 关于."""
    out = {norm(doc.title), norm(doc.instrument_title)}
    if doc.title and "关于" in doc.title:
        out.add(norm(doc.title[doc.title.index("关于") :]))
    return {t for t in out if t}


def meta_value(doc: Document, name: str) -> object:
    """The program's value of a metadata field, as it is compared."""
    if name == "doc_number":
        return norm(doc.doc_number.text) if doc.doc_number else None
    if name == "issuers":
        return sorted(norm(i) for i in doc.issuers)
    if name == "date":
        return doc.date.isoformat() if doc.date else None
    if name == "region":
        return norm(doc.region) if doc.region else None
    return getattr(doc, name)


def gold_value(meta: GoldMeta, name: str) -> object:
    """The gold value of a metadata field as written (a date in ISO)."""
    v = getattr(meta, name)
    return v.isoformat() if name == "date" and v is not None else v


def gold_meta_value(meta: GoldMeta, name: str) -> object:
    """The gold value of a metadata field, as it is compared."""
    v = gold_value(meta, name)
    if name in ("doc_number", "region"):
        return norm(v) if v else None
    if name == "issuers":
        return sorted(norm(i) for i in meta.issuers)
    return v


def meta_checks(doc: Document, meta: GoldMeta) -> list[tuple[str, bool]]:
    """Each metadata field the gold file states, in ``META_FIELDS`` order, and whether the program has it right."""
    out = []
    for name in META_FIELDS:
        if name not in meta.model_fields_set:
            continue
        if name == "title":
            ok = bool({norm(meta.title), norm(meta.instrument_title)} & titles(doc))
        else:
            ok = meta_value(doc, name) == gold_meta_value(meta, name)
        out.append((name, ok))
    return out


def _section_key(num: object) -> str:
    return norm(num).rstrip("、.．")


def score_sections(pred: Sequence[tuple[str, str | None]], gold: Sequence[GoldSection]) -> Counts:
    """Top-level sections: a predicted one matches an unused gold one with the same number and heading."""
    used = [False] * len(gold)
    tp = 0
    for num, heading in pred:
        for i, g in enumerate(gold):
            if used[i] or _section_key(g.num) != _section_key(num):
                continue
            gh, ph = norm(g.heading).rstrip("：:。"), norm(heading).rstrip("：:。")
            if gh == ph or (gh and ph and (gh.startswith(ph) or ph.startswith(gh))):
                used[i] = True
                tp += 1
                break
    return Counts(tp=tp, predicted=len(pred), gold=len(gold))
