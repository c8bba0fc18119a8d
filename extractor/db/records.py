"""The records of the corpus store: a source file as stored, what analysing one gives, and a run's counts; and
what a worker hands the main process for one source (:class:`PreparedSource`: the analysis and its rows, ready
to insert)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

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


Values = tuple[object, ...]
"""One row as SQLite takes it: its cells in the order of its table's columns (lists JSON, dates ISO)."""


@dataclass(frozen=True, slots=True)
class TableRows:
    """The rows of one table for one source, ready for ``executemany``: the columns named, the cells in order.

    Not a pydantic record: it only travels from the process that analysed the source to the one that writes it
    (pickled, never validated nor written as JSON), and validating every cell would cost what it saves."""

    table: str
    columns: tuple[str, ...]
    values: list[Values]

    def insert_sql(self, *, replace: bool = False) -> str:
        """The INSERT statement of these rows (``insert or replace`` with ``replace``: a row of the same primary
        key is replaced).

        >>> TableRows("documents", ("doc_id", "title"), []).insert_sql()
        'insert into [documents] ([doc_id], [title]) values (?, ?)'
        """
        names = ", ".join(f"[{c}]" for c in self.columns)
        verb = "insert or replace" if replace else "insert"
        return f"{verb} into [{self.table}] ({names}) values ({', '.join('?' * len(self.columns))})"


@dataclass(frozen=True, slots=True)
class SourceRows:
    """Everything one source's analyses add to the store besides its ``sources`` row: ``documents`` and
    ``analyses`` (each analysis's JSON already dumped), then the sections, quantities, provisions and references,
    with the counts the ``sources`` row holds."""

    doc_ids: tuple[str, ...]
    pages: int
    chars: int
    tables: tuple[TableRows, ...]
    datasets: Mapping[str, Mapping[str, bytes]] | None = None
    """The Parquet dataset's rows too, by document id and table, as Arrow IPC (``extractor.db.parquet.
    document_tables``), when a pool worker made them: its analyses are then not sent back at all."""


class PreparedSource(NamedTuple):
    """What a worker hands back for one source: its analysis (or failure), and its rows when it has analyses."""

    result: SourceAnalysis
    rows: SourceRows | None


__all__ = ["Outcome", "PreparedSource", "RunSummary", "SourceAnalysis", "SourceFile", "SourceRows", "SourceStatus",
           "StoredSource", "TableRows", "Values"]
