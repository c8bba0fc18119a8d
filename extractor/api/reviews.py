"""A reviewer's verdicts on extracted quantities: the records the API takes, and their rows in ``reviews``.

A review accepts, rejects or corrects one quantity (by its id), adds one the program missed, or withdraws such
an add (by the add's review id). The newest
review of a quantity is its verdict; every review stays in the table, with its reviewer, note and time.
``value`` (JSON) holds a correction's fields, or a missed quantity and its span.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from pydantic import Field, ValidationError

from ..db.store import Store, now
from ..extract.taxonomy import groups as groups_taxonomy
from ..records import Analysis, Bound, Per, Quantity, QuantityKind, Unit
from ..records._base import Record
from ..records.evaluation import UNITS_OF_KIND, GoldQuantity

Action = Literal["accept", "reject", "correct", "add", "withdraw"]


class Correction(Record):
    """The fields of a quantity a reviewer changes; a field left out keeps the program's value."""

    kind: QuantityKind | None = None
    value: float | None = None
    value_max: float | None = None
    unit: Unit | None = None
    bound: Bound | None = None
    per: list[Per] | None = None
    base: str | None = None
    benefit: str | None = None
    groups: list[str] | None = Field(default=None, description="the eligible groups, as the text names them")
    group_ids: list[str] | None = Field(default=None, max_length=50, description=(
        "the eligible groups, each an id or a name of data/groups.yaml (zhengce groups); an unknown one is refused"))
    section: str | None = None


class Missed(Record):
    """A quantity the program missed, as the golden format states one, with where it is in the text."""

    quantity: GoldQuantity
    span: tuple[int, int] | None = Field(default=None, description="offsets of the quote in the document's text")


class ReviewIn(Record):
    """One verdict, as the client posts it."""

    doc_id: str = Field(max_length=300)
    action: Action
    quantity_id: str | None = Field(default=None, max_length=400, description="the quantity judged; none for add")
    correction: Correction | None = Field(default=None, description="for correct: the fields that change")
    missed: Missed | None = Field(default=None, description="for add: the quantity the program missed")
    withdraws: int | None = Field(default=None, description="for withdraw: the id of the add review taken back")
    note: str | None = Field(default=None, max_length=4000)
    reviewer: str | None = Field(default=None, max_length=200)


class Review(ReviewIn):
    """A stored verdict."""

    id: int
    created: str


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def group_id(name: str) -> str | None:
    """The group of ``data/groups.yaml`` that ``name`` is the id, the name or a synonym of; None if none.

    >>> group_id("college_graduate"), group_id("高校毕业生"), group_id("火星人")
    ('college_graduate', 'college_graduate', None)
    """
    tax = groups_taxonomy()
    return name if name in tax.entries else tax.by_surface.get(name)


def unknown_groups(fix: Correction) -> list[str]:
    """The names of ``fix.group_ids`` that are no group of the taxonomy."""
    return [g for g in fix.group_ids or [] if group_id(g) is None]


def with_group_ids(fix: Correction) -> Correction:
    """``fix`` with each of its ``group_ids`` as the taxonomy's id (names and synonyms resolved; all known)."""
    if fix.group_ids is None:
        return fix
    ids = list(dict.fromkeys(i for g in fix.group_ids if (i := group_id(g)) is not None))
    return fix.model_copy(update={"group_ids": ids})


def _group_words(q: Quantity, ids: Sequence[str]) -> list[str]:
    """The groups of ids as a gold entry names them: the quantity's own words for a group it named, else the
    group's name."""
    tax = groups_taxonomy()
    words = []
    for i in ids:
        own = next((w for w in q.groups if group_id(w) == i), None)
        words.append(own or tax.entries[i].name)
    return words


def corrected_fields(q: Quantity, fix: Correction) -> dict[str, object]:
    """The fields of ``q`` that ``fix`` changes, with their new values: those it states; the kind's unit when
    it changes the kind but not the unit and the old unit does not go with the new kind (money → yuan, percent
    → percent ...); with ``group_ids`` and no ``groups``, the groups named (see :func:`_group_words`)."""
    changed = fix.model_dump(exclude_unset=True)
    if fix.group_ids is not None:
        ids = [i for g in fix.group_ids if (i := group_id(g)) is not None]
        changed["group_ids"] = ids
        changed.setdefault("groups", _group_words(q, ids))
    kind = changed.get("kind", q.kind)
    if "kind" in changed and "unit" not in changed and q.unit not in UNITS_OF_KIND[kind]:
        changed["unit"] = UNITS_OF_KIND[kind][0]
    return changed


def quantity_to_gold(q: Quantity, fix: Correction | None = None, doubt: bool = False) -> GoldQuantity:
    """A program quantity as a gold entry, with a reviewer's correction applied. Raises ValueError when the
    result is no valid entry (a unit that does not go with the kind, a range without its upper end). The
    correction's fields are :func:`corrected_fields`."""
    fields: dict[str, object] = {
        "section": q.section, "quote": q.quote, "kind": q.kind, "value": q.value, "unit": q.unit, "value_max": q.value_max,
        "bound": q.bound, "per": list(q.per), "base": q.base, "benefit": q.benefit, "groups": list(q.groups), "doubt": doubt,
    }
    if fix is not None:
        fields.update(corrected_fields(q, fix))
        fields.pop("group_ids", None)
    if fields["value"] is None:
        raise ValueError("it has no number to state (a date, or a value the text leaves vague)")
    fields["value"] = _number(fields["value"])  # type: ignore[arg-type]
    if fields["value_max"] is not None:
        fields["value_max"] = _number(fields["value_max"])  # type: ignore[arg-type]
    try:
        return GoldQuantity.model_validate(fields)
    except ValidationError as e:
        raise ValueError("; ".join(err["msg"] for err in e.errors())) from None


def review_problem(review: ReviewIn, analysis: Analysis, earlier: Sequence[Review] = ()) -> str | None:
    """Why a review cannot be stored for this document (whose stored reviews are ``earlier``), or None."""
    ids = {q.id for q in analysis.quantities}
    if review.action == "withdraw":
        if review.withdraws is None:
            return "a withdraw review needs withdraws (the id of the add review it takes back)"
        if review.withdraws not in {r.id for r in live_adds(earlier)}:
            return f"no missed span {review.withdraws} to withdraw in {analysis.id}"
        return None
    if review.action == "add":
        if review.missed is None:
            return "an add review needs missed (the quantity the program missed)"
        span = review.missed.span
        if span is not None and not (0 <= span[0] < span[1] <= len(analysis.document.text)):
            return f"span {list(span)} is outside the document's text (0-{len(analysis.document.text)})"
        return None
    if review.quantity_id is None:
        return f"a {review.action} review needs quantity_id"
    if review.quantity_id not in ids:
        return f"no quantity {review.quantity_id} in {analysis.id}"
    if review.action == "correct" and review.correction is None:
        return "a correct review needs correction (the fields that change)"
    if review.correction is not None and (unknown := unknown_groups(review.correction)):
        return f"unknown group {', '.join(unknown)} (zhengce groups lists them: an id, a name or a synonym)"
    if review.action in ("accept", "correct"):
        q = next(q for q in analysis.quantities if q.id == review.quantity_id)
        try:
            quantity_to_gold(q, review.correction)
        except ValueError as e:
            return f"{review.quantity_id}: {e}"
    return None


def _value(review: ReviewIn) -> str | None:
    if review.action == "correct" and review.correction is not None:
        return review.correction.model_dump_json(exclude_unset=True)
    if review.action == "add" and review.missed is not None:
        return review.missed.model_dump_json(exclude_unset=True)
    if review.action == "withdraw":
        return json.dumps({"withdraws": review.withdraws})
    return None


def add_reviews(store: Store, reviews: Sequence[ReviewIn]) -> list[Review]:
    """Store reviews (already checked with :func:`review_problem`) in one transaction; returns them stored."""
    out = []
    with store.transaction():
        for r in reviews:
            created = now()
            cursor = store.conn.execute(
                "insert into reviews (doc_id, quantity_id, action, value, note, reviewer, created) values (?, ?, ?, ?, ?, ?, ?)",
                [r.doc_id, r.quantity_id, r.action, _value(r), r.note, r.reviewer, created])
            assert cursor.lastrowid is not None
            out.append(Review(id=cursor.lastrowid, created=created, **r.model_dump(exclude_unset=True)))
    return out


def _row_to_review(row: dict[str, object]) -> Review:
    value = json.loads(str(row["value"])) if row["value"] else None
    extra: dict[str, object] = {}
    if row["action"] == "correct" and value is not None:
        extra["correction"] = Correction.model_validate(value)
    elif row["action"] == "add" and value is not None:
        extra["missed"] = Missed.model_validate(value)
    elif row["action"] == "withdraw" and value is not None:
        extra["withdraws"] = value["withdraws"]
    return Review(id=row["id"], doc_id=row["doc_id"], action=row["action"], quantity_id=row["quantity_id"],  # type: ignore[arg-type]
                  note=row["note"], reviewer=row["reviewer"], created=row["created"], **extra)  # type: ignore[arg-type]


def live_adds(reviews: Sequence[Review]) -> list[Review]:
    """The ``add`` reviews (missed spans) no later ``withdraw`` took back, oldest first."""
    gone = {r.withdraws for r in reviews if r.action == "withdraw"}
    return [r for r in reviews if r.action == "add" and r.missed is not None and r.id not in gone]


def reviews_of(store: Store, doc_id: str) -> list[Review]:
    """Every review of a document, oldest first."""
    rows = store.rows("select id, doc_id, quantity_id, action, value, note, reviewer, created from reviews "
                      "where doc_id = ? order by id", [doc_id])
    return [_row_to_review(r) for r in rows]


__all__ = ["Action", "Correction", "Missed", "Review", "ReviewIn", "add_reviews", "corrected_fields", "group_id", "live_adds", "quantity_to_gold", "review_problem",
           "reviews_of", "unknown_groups", "with_group_ids"]
