"""Small shared type aliases."""

from __future__ import annotations

Span = tuple[int, int]
"""Half-open character offsets ``(start, end)`` into a document's clean text."""

SectionPath = str
"""A numbering path as printed, top level first, joined by ``/``: ``二/（三）/2``."""
