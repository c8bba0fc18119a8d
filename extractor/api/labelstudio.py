"""Label Studio tasks of a document and its quantities, and annotations read back as reviews.

Export: one task per document (``data.text`` the document's text), with one prediction whose ``result`` items
are ``labels`` spans (``value``: start, end, text, labels [kind]) and the quantity's normalized value, unit,
bound and per in ``meta``; the item id is the quantity id. A labelling config that goes with it is
:data:`LABEL_CONFIG`.

Import (a Label Studio JSON export): for each annotation, a predicted span kept as it was is an accept; kept
with another label or another ``meta.value`` a correct; a predicted span the annotator deleted a reject; a new
span an add, when its meta gives its value (a span without one cannot be a golden entry, and is reported).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import Field, ValidationError

from ..records import Analysis, Quantity
from ..records._base import Record
from ..records.evaluation import UNITS_OF_KIND, GoldQuantity
from ..records.vocab import RULE_KINDS
from .reviews import Correction, Missed, ReviewIn

FROM_NAME, TO_NAME = "kind", "text"
LABEL_CONFIG = (
    '<View>\n  <Labels name="kind" toName="text">\n'
    + "".join(f'    <Label value="{k}"/>\n' for k in RULE_KINDS)
    + '  </Labels>\n  <Text name="text" value="$text"/>\n</View>\n'
)
"""The Label Studio labelling config of the exported tasks."""


def _meta(q: Quantity) -> dict[str, Any]:
    return {"quantity_id": q.id, "value": q.value, "value_max": q.value_max, "unit": q.unit, "bound": q.bound,
            "per": list(q.per), "benefit": q.benefit, "section": q.section, "quote": q.quote,
            "text": [f"{q.kind} {q.value:g} {q.unit} {q.bound}" if q.value is not None else q.kind]}


def quantity_item(q: Quantity, text: str) -> dict[str, Any]:
    """A quantity of the document whose text is ``text`` as a Label Studio ``labels`` result item: ``value.text``
    is the text at the span, as Label Studio shows it (the quote, with layout spaces removed, is in ``meta``)."""
    start, end = q.evidence.span
    return {"id": q.id, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels", "origin": "prediction",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [q.kind]}, "meta": _meta(q)}


def analysis_to_task(analysis: Analysis, model_version: str) -> dict[str, Any]:
    """One document as a Label Studio task with the program's quantities (parameters of the rule kinds) as its prediction."""
    items = [quantity_item(q, analysis.document.text) for q in analysis.quantities if q.kind in RULE_KINDS and q.role == "parameter"]
    return {"data": {"text": analysis.document.text, "doc_id": analysis.id, "title": analysis.document.title},
            "predictions": [{"model_version": model_version, "result": items}]}


class ImportResult(Record):
    """What reading a Label Studio export gave: the reviews, and the items that could not be read, why."""

    reviews: list[ReviewIn] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)


def _correction(q: Quantity, item: dict[str, Any]) -> Correction | None:
    labels = item.get("value", {}).get("labels") or [q.kind]
    meta = item.get("meta") or {}
    fix: dict[str, Any] = {}
    if labels[0] != q.kind:
        fix["kind"] = labels[0]
        if q.unit not in UNITS_OF_KIND.get(labels[0], ()):
            fix["unit"] = UNITS_OF_KIND[labels[0]][0]
    for name in ("value", "value_max", "unit", "bound", "per"):
        if name in meta and meta[name] != getattr(q, name):
            fix[name] = meta[name]
    return Correction.model_validate(fix) if fix else None


def _missed(item: dict[str, Any]) -> Missed:
    value, meta = item.get("value", {}), item.get("meta") or {}
    kind = (value.get("labels") or [None])[0]
    if kind not in RULE_KINDS:
        raise ValueError(f"label {kind!r} is not one of {', '.join(RULE_KINDS)}")
    if meta.get("value") is None:
        raise ValueError("a new span needs its value in meta.value")
    gold = GoldQuantity.model_validate({
        "section": str(meta.get("section") or ""), "quote": str(meta.get("quote") or value.get("text", "")), "kind": kind,
        "value": meta["value"], "unit": meta.get("unit") or UNITS_OF_KIND[kind][0], "value_max": meta.get("value_max"),
        "bound": meta.get("bound") or "exact", "per": list(meta.get("per") or []),
    })
    return Missed(quantity=gold, span=(int(value["start"]), int(value["end"])))


def _item_quantity(item: dict[str, Any], by_id: dict[str, Quantity], by_span: dict[tuple[int, int], Quantity]) -> Quantity | None:
    meta = item.get("meta") or {}
    for key in (item.get("id"), meta.get("quantity_id")):
        if isinstance(key, str) and key in by_id:
            return by_id[key]
    v = item.get("value", {})
    try:
        return by_span.get((int(v["start"]), int(v["end"])))
    except (KeyError, TypeError, ValueError):
        return None


def annotation_to_reviews(analysis: Analysis, result: Sequence[dict[str, Any]], reviewer: str | None) -> ImportResult:
    """The reviews one Label Studio annotation (its ``result`` items) states on the document's quantities."""
    proposed = [q for q in analysis.quantities if q.kind in RULE_KINDS and q.role == "parameter"]
    by_id = {q.id: q for q in analysis.quantities}
    by_span = {q.evidence.span: q for q in proposed}
    out = ImportResult()
    kept: set[str] = set()
    for item in result:
        if not isinstance(item, dict) or item.get("type") != "labels":
            continue
        q = _item_quantity(item, by_id, by_span)
        try:
            if q is None:
                out.reviews.append(ReviewIn(doc_id=analysis.id, action="add", missed=_missed(item), reviewer=reviewer,
                                            note="Label Studio: a span added"))
                continue
            kept.add(q.id)
            fix = _correction(q, item)
            out.reviews.append(ReviewIn(doc_id=analysis.id, quantity_id=q.id, action="correct" if fix else "accept",
                                        correction=fix, reviewer=reviewer, note="Label Studio"))
        except (ValueError, ValidationError, KeyError, TypeError) as e:
            out.skipped.append(f"{analysis.id}: item {item.get('id')!r}: {str(e).splitlines()[0]}")
    for q in proposed:
        if q.id not in kept:
            out.reviews.append(ReviewIn(doc_id=analysis.id, quantity_id=q.id, action="reject", reviewer=reviewer,
                                        note="Label Studio: the predicted span was deleted"))
    return out


def task_doc_id(task: dict[str, Any]) -> str | None:
    """The document a Label Studio task is of (``data.doc_id``), or None."""
    data = task.get("data")
    doc_id = data.get("doc_id") if isinstance(data, dict) else None
    return doc_id if isinstance(doc_id, str) else None


def _reviewer(annotation: dict[str, Any]) -> str | None:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return f"labelstudio:{who}" if who is not None else "labelstudio"


def task_to_reviews(analysis: Analysis, task: dict[str, Any]) -> ImportResult:
    """The reviews of a task's annotations (each one in turn; a later one's verdicts are the newer)."""
    out = ImportResult()
    for annotation in task.get("annotations") or []:
        if not isinstance(annotation, dict) or annotation.get("was_cancelled"):
            continue
        part = annotation_to_reviews(analysis, annotation.get("result") or [], _reviewer(annotation))
        out.reviews.extend(part.reviews)
        out.skipped.extend(part.skipped)
    return out


__all__ = ["LABEL_CONFIG", "ImportResult", "analysis_to_task", "annotation_to_reviews", "quantity_item", "task_doc_id", "task_to_reviews"]
