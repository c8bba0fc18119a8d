"""The base of every record, and the constrained types the records share."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

NonNegInt = Annotated[int, Field(ge=0)]
SpanT = tuple[NonNegInt, NonNegInt]
"""Half-open character offsets ``(start, end)`` into a document's clean text."""
PageT = Annotated[int, Field(ge=1)]
LineT = Annotated[int, Field(ge=1)]


class Record(BaseModel):
    """Base of every record: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_post_init(self, context: Any, /) -> None:
        """Give the record the one set of its given fields' names that every record given the same fields shares.

        pydantic keeps in each model the set of the fields given to it (``model_fields_set``): 2,264 bytes for a
        record of 21 fields, more than its values take (the 100,000 changes of a diff of a text of numbers: 250
        MB). On a frozen record the set is read, never changed (``model_copy`` changes a copy), so one set of the
        same names serves all: ``model_fields_set``, ``==`` and every dump are unchanged."""
        given = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.setdefault(frozenset(given), given)
        if shared is not given and self.model_config.get("frozen"):
            object.__setattr__(self, "__pydantic_fields_set__", shared)


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
"""The shared sets of field names, one per distinct set (a few hundred at most: records and their defaults)."""
