"""Overlapping spans split at every boundary, as displaCy's span renderer does: each segment of the text lists
every span that covers it, outermost first, so overlapping and nested highlights are all shown."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """One highlight: ``text[start:end]``, its quantity id and kind (or a missed span and its review)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int
    end: int
    id: str
    kind: str
    review: int | None = None
    """For a span a reviewer marked as missed: the id of that review (``id`` is then no quantity's)."""


class Segment(BaseModel):
    """A piece of the text with no span boundary inside it, and the spans covering it (outermost first)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int
    end: int
    spans: tuple[Span, ...]


def valid_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """The spans that lie inside a text of ``length`` characters and are not empty, in a stable order."""
    return sorted((s for s in spans if 0 <= s.start < s.end <= length), key=lambda s: (s.start, -s.end, s.id))


def spans_to_segments(length: int, spans: Sequence[Span], cuts: Iterable[int] = ()) -> list[Segment]:
    """Split ``[0, length)`` at every start and end of a span (and at each of ``cuts``).

    Segments cover the text exactly, in order, none empty; each carries the spans covering it, the outermost
    (earliest start, then latest end) first. Spans outside the text are left out.

    >>> a, b = Span(start=0, end=4, id="a", kind="money"), Span(start=2, end=6, id="b", kind="percent")
    >>> [(s.start, s.end, [x.id for x in s.spans]) for s in spans_to_segments(8, [a, b])]
    [(0, 2, ['a']), (2, 4, ['a', 'b']), (4, 6, ['b']), (6, 8, [])]
    """
    good = valid_spans(spans, length)
    bounds = sorted({0, length, *(c for c in cuts if 0 < c < length), *(s.start for s in good), *(s.end for s in good)})
    out: list[Segment] = []
    active: list[Span] = []
    k = 0
    for lo, hi in itertools.pairwise(bounds):
        active = [s for s in active if s.end > lo]
        while k < len(good) and good[k].start <= lo:
            if good[k].end > lo:
                active.append(good[k])
            k += 1
        active.sort(key=lambda s: (s.start, -s.end, s.id))
        out.append(Segment(start=lo, end=hi, spans=tuple(active)))
    return out


__all__ = ["Segment", "Span", "spans_to_segments", "valid_spans"]
