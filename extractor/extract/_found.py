"""A number expression found in text (``find.find_quantities``): its kind, value(s), unit and span."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..records.vocab import QuantityKind, Unit


@dataclass(frozen=True, slots=True)
class Found:
    """A number expression: kind, normalized value(s), unit and where it is."""

    kind: QuantityKind
    value: Decimal | None
    value_max: Decimal | None
    unit: Unit
    start: int
    end: int
    approximate: bool = False
    doubt: bool = False
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    base_hint: str | None = None
    column: str | None = None  # the header of the table column the number is a bare cell of (``_cells.column_unit_cells``)
