"""The base of every record, and the constrained types the records share."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

NonNegInt = Annotated[int, Field(ge=0)]
SpanT = tuple[NonNegInt, NonNegInt]
"""Half-open character offsets ``(start, end)`` into a document's clean text."""
PageT = Annotated[int, Field(ge=1)]
LineT = Annotated[int, Field(ge=1)]


class Record(BaseModel):
    """Base of every record: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")
