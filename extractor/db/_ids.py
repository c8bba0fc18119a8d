"""What the store stamps on what it writes: an analysis's id, and the time in UTC. Kept apart from the rows
(``payload.py``, which needs the export tables) so that a rerun that skips every file imports neither."""

from __future__ import annotations

import datetime as dt

from ..records import Analysis


def now() -> str:
    """The time in UTC, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def analysis_id(a: Analysis) -> str:
    """An analysis's id: its document, the bytes it came from and the code that made it.

    >>> from extractor.records import Document
    >>> analysis_id(Analysis.model_construct(document=Document.model_construct(id="001_x.txt"),
    ...     source_sha256="ab" * 32, extractor_version="0.1.0+0123456789ab"))
    '001_x.txt@abababababab/0.1.0+0123456789ab'
    """
    return f"{a.id}@{a.source_sha256[:12]}/{a.extractor_version}"


__all__ = ["analysis_id", "now"]
