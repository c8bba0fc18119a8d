"""The corpus store's SQLite schema: its tables, declared once, and the migrations that build them, in order.

The tables of the sections, quantities, provisions and references have the columns of the export tables of the
same names (``extractor.store.export.TABLES``), plus ``source_id``, so the store and ``zhengce export`` agree
column for column. In SQLite a list (and a provision's quantities) is JSON text, a date ISO text, a bool 0/1.

``meta`` holds ``schema_version``: the number of migrations applied. Opening a store applies the migrations it
lacks, each in its own transaction; a store made by a newer version (more migrations than this code knows) is
refused rather than written with the wrong shape.

``province_code`` (documents) is the first two digits of the 12-digit division code (``41`` for 河南省 and every
place in it), ``00`` for a national document without a code, and null when the region is unknown; with ``year``
it is the Parquet dataset's partition key (ASCII).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..store.export import Table
    from ..store.rows import ColumnType

SQL_TYPE: Final[Mapping[ColumnType, type]] = {
    "string": str, "int": int, "float": float, "bool": int, "date": str, "list": str, "quantities": str,
}
"""How an export column type is held in SQLite (lists, structs and dates as text: JSON and ISO)."""

DOCUMENT_COLUMNS: Final[dict[str, type]] = {
    "doc_id": str, "source_id": str, "ordinal": int, "title": str, "doc_number": str, "issuers": str, "date": str,
    "year": int, "region": str, "region_code": str, "province_code": str, "level": str, "type": str, "text": str,
    "analysis_id": str,
}
"""``documents``: one row per document. ``issuers`` JSON, ``date`` ISO, ``ordinal`` its place in its source,
``type`` its doc_type (通知, 办法 …), ``year`` of its date (else of its 文号)."""

SOURCE_COLUMNS: Final[dict[str, type]] = {
    "source_id": str, "path": str, "format": str, "sha256": str, "size": int, "mtime": float, "status": str,
    "error": str, "extractor_version": str, "documents": int, "pages": int, "chars": int, "ingested": str,
    "run_id": int,
}
"""``sources``: one row per file. ``source_id`` is the file's absolute path; ``path`` as it was named; ``status``
added, updated or failed (with ``error``, its one line)."""

ANALYSIS_COLUMNS: Final[dict[str, type]] = {
    "analysis_id": str, "doc_id": str, "source_id": str, "extractor_version": str, "created": str, "json": str,
}
"""``analyses``: each document's Analysis as ``model_dump_json`` wrote it, so it reads back exactly."""

EDGE_COLUMNS: Final[dict[str, type]] = {
    "source": str, "target": str, "type": str, "count": int, "citations": str,
}
"""``edges``: the citation graph's relations over every stored document (``citations`` JSON), remade after a run."""

CITATION_COLUMNS: Final[dict[str, type]] = {"doc_id": str, "source_id": str, "json": str}
"""``citations``: each document's citations as its own text gives them, before they are resolved across documents
(``extractor.compare.graph.DocumentCitations`` JSON): made where the document is analysed and written with it, so
that the graph after a run only resolves them (``edges``) without reading the documents again."""

DIFF_COLUMNS: Final[dict[str, type]] = {"a_id": str, "b_id": str, "extractor_version": str, "created": str, "json": str}
"""``diffs``: a cache of diffs made on demand, keyed by the two documents and the extractor version."""

REVIEW_COLUMNS: Final[dict[str, type]] = {
    "id": int, "doc_id": str, "quantity_id": str, "action": str, "value": str, "note": str, "reviewer": str, "created": str,
}
"""``reviews``: a reviewer's verdict on a quantity (accept, reject, correct with ``value`` JSON)."""

RUN_COLUMNS: Final[dict[str, type]] = {
    "run_id": int, "pid": int, "started": str, "finished": str, "args": str, "added": int, "updated": int,
    "skipped": int, "failed": int, "status": str,
}
"""``runs``: one row per ingest: what it was given (``args`` JSON), its counts and ``status`` running/done/failed
(a run killed keeps ``running``, with its pid, until the next run marks it ``killed``)."""

ROW_TABLES: Final[tuple[str, ...]] = ("sections", "quantities", "provisions", "references")
"""The tables made of export rows, deleted and written again with their source."""

DATASET_TABLES: Final[tuple[Table, ...]] = ("documents", "sections", "quantities", "provisions", "references")
"""The tables of the Parquet dataset (``extractor.db.parquet``): those of ``zhengce export`` that hold one corpus
(a diff's tables are made on demand)."""
MANIFEST: Final[str] = "_manifest.json"
"""The dataset's manifest, in its folder: one fingerprint per partition."""


def dataset_complete(root: Path) -> bool:
    """Whether the dataset folder ``root`` holds a manifest and every table's folder (declared here, so that a
    rerun that skips every file can tell, without the dataset's code, that there is nothing to write)."""
    return root.joinpath(MANIFEST).is_file() and all((root / t).is_dir() for t in DATASET_TABLES)


def row_columns(table: str) -> dict[str, type]:
    """The SQLite columns of a table of export rows: ``source_id`` then the export table's columns.

    >>> list(row_columns("references"))[:3]
    ['source_id', 'doc_id', 'title']
    """
    from ..store.export import TABLES  # the export tables' code only to migrate (a rerun opens a current store)

    columns: dict[str, type] = {"source_id": str}
    for c in TABLES[table]:  # type: ignore[index]
        columns[c.name] = SQL_TYPE[c.type]
    return columns


def _v1_tables(db: Database) -> None:
    db.table("sources").create(SOURCE_COLUMNS, pk="source_id")
    db.table("documents").create(DOCUMENT_COLUMNS, pk="doc_id")
    db.table("analyses").create(ANALYSIS_COLUMNS, pk="analysis_id")
    for table in ROW_TABLES:
        db.table(table).create(row_columns(table))
        db.table(table).create_index(["doc_id"])
        db.table(table).create_index(["source_id"])
    db.table("quantities").create_index(["id"])
    db.table("edges").create(EDGE_COLUMNS)
    db.table("edges").create_index(["source"])
    db.table("edges").create_index(["target"])
    db.table("diffs").create(DIFF_COLUMNS, pk=("a_id", "b_id", "extractor_version"))
    db.table("reviews").create(REVIEW_COLUMNS, pk="id")
    db.table("reviews").create_index(["doc_id"])
    db.table("runs").create(RUN_COLUMNS, pk="run_id")
    for column in ("source_id", "province_code", "year", "region", "level", "type"):
        db.table("documents").create_index([column])
    db.table("analyses").create_index(["doc_id"])
    db.table("analyses").create_index(["source_id"])


def _v2_citations(db: Database) -> None:
    """``citations``; a store of version 1 has none: its graph reads those documents' citations from their text
    until they are analysed again (``extractor.db.store.Store.graph_citations``)."""
    db.table("citations").create(CITATION_COLUMNS, pk="doc_id")
    db.table("citations").create_index(["source_id"])


Migration = Callable[["Database"], None]

MIGRATIONS: Final[tuple[Migration, ...]] = (_v1_tables, _v2_citations)
"""Every migration, in order; ``schema_version`` is how many a store has had. Add new ones at the end (with
sqlite-utils' ``table.transform`` for a changed column), never edit one a store may already have had."""

SCHEMA_VERSION: Final[int] = len(MIGRATIONS)


def sqlite_utils_database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils' ``Database`` over ``conn``, its module imported (the first time) without pandas: sqlite-utils
    imports pandas when it is installed (0.6–0.8 CPU s, before an ingest can start), only to recognise pandas
    values among rows to insert, and the store inserts none. pandas imports as ever afterwards for whoever needs it."""
    if "sqlite_utils" not in sys.modules and "pandas" not in sys.modules:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # ``import pandas`` raises ImportError meanwhile
        try:
            import sqlite_utils  # noqa: F401
        finally:
            del sys.modules["pandas"]
    from sqlite_utils import Database

    return Database(conn)


def schema_version(conn: sqlite3.Connection) -> int:
    """How many migrations the store has had (0 for an empty database)."""
    if not conn.execute("select 1 from sqlite_master where type = 'table' and name = 'meta'").fetchone():
        return 0
    row = conn.execute("select value from meta where key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the store lacks, each in one transaction with its new ``schema_version``; returns
    the version. Raises ValueError for a store of a newer schema than this code knows."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise ValueError(f"schema version {version} is newer than this zhengce knows ({SCHEMA_VERSION}); upgrade zhengce")
    if version == SCHEMA_VERSION:
        return version
    # sqlite-utils is imported only to migrate (a rerun that only hashes its files opens a current store)
    db = sqlite_utils_database(conn)
    for n in range(version, SCHEMA_VERSION):
        with db.atomic():
            if "meta" not in db.table_names():
                db.table("meta").create({"key": str, "value": str}, pk="key")
            MIGRATIONS[n](db)
            db.table("meta").upsert({"key": "schema_version", "value": str(n + 1)}, pk="key")
    return SCHEMA_VERSION


def province_code(region_code: str | None, level: str | None) -> str | None:
    """The partition key of a document's place: the first two digits of its division code, ``00`` for a
    national document without one, None when the place is unknown.

    >>> province_code("410400000000", "municipal"), province_code(None, "national"), province_code(None, None)
    ('41', '00', None)
    """
    if region_code and region_code[:2].isdigit():
        return region_code[:2]
    return "00" if level == "national" else None


__all__ = [
    "ANALYSIS_COLUMNS", "CITATION_COLUMNS", "DATASET_TABLES", "DIFF_COLUMNS", "DOCUMENT_COLUMNS", "EDGE_COLUMNS", "MANIFEST", "MIGRATIONS", "REVIEW_COLUMNS", "ROW_TABLES",
    "RUN_COLUMNS", "SCHEMA_VERSION", "SOURCE_COLUMNS", "dataset_complete", "migrate", "province_code", "row_columns", "schema_version",
    "sqlite_utils_database",
]
