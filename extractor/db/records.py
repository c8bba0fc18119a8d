"""The records of the corpus store: a source file as stored, what analysing one gives, and a run's counts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..records import Analysis
from ..records._base import NonNegInt, Record

SourceStatus = Literal["added", "updated", "failed"]
Outcome = Literal["added", "updated", "skipped", "failed"]


class SourceFile(Record):
    """A source file as found on disk, hashed: what decides whether it needs analysing."""

    source_id: str = Field(description="the file's absolute path (POSIX): the same file is the same source")
    path: str = Field(description="the file as it was named (the path its documents' source.path holds)")
    format: str = Field(description="pdf, text, docx, html: the reader its suffix picks")
    sha256: str = Field(description="sha256 of the file's bytes")
    size: NonNegInt
    mtime: float = Field(description="modification time, seconds since the epoch")


class SourceAnalysis(Record):
    """What analysing one source gives: the file, and its analyses or the one-line error that stopped them."""

    source: SourceFile
    analyses: list[Analysis] = Field(default_factory=list)
    error: str | None = Field(None, description="why the file could not be analysed, in one line; null when it was")
    extractor_version: str
    seconds: float = Field(default=0.0, description="wall time of the analysis in its worker")


class StoredSource(Record):
    """A row of ``sources``: a file the store holds, and how it stands."""

    source_id: str
    path: str
    format: str
    sha256: str
    size: int
    mtime: float
    status: SourceStatus
    error: str | None
    extractor_version: str
    documents: int
    pages: int
    chars: int
    ingested: str
    run_id: int | None


class RunSummary(Record):
    """What one ingest did: how many sources it added, updated, skipped and failed, and which failed why."""

    run_id: int
    added: NonNegInt = 0
    updated: NonNegInt = 0
    skipped: NonNegInt = 0
    failed: NonNegInt = 0
    documents: NonNegInt = Field(default=0, description="documents written (of the sources added or updated)")
    pages: NonNegInt = 0
    errors: list[tuple[str, str]] = Field(default_factory=list, description="(path, cause) of every source that failed")
    missing: list[str] = Field(default_factory=list, description="stored sources under the paths given that are gone from disk (kept)")
    seconds: float = 0.0


__all__ = ["Outcome", "RunSummary", "SourceAnalysis", "SourceFile", "SourceStatus", "StoredSource"]
