"""The corpus store: a folder holding ``store.db`` (SQLite in WAL mode) and ``parquet/`` (the dataset).

Each source is written in one transaction (its old rows deleted, the new ones inserted), so a process killed at
any moment leaves every source either as it was or wholly new. Reads never block on a write (WAL); one ingest
writes at a time (``extractor.db.lock``).

>>> import tempfile
>>> with open_store(Path(tempfile.mkdtemp()) / "s") as store:
...     store.analyses(), store.schema_version
([], 2)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..records import Analysis, Document
from ._ids import analysis_id, now
from .records import RunSummary, SourceAnalysis, SourceRows, SourceStatus, StoredSource, TableRows, Values
from .schema import EDGE_COLUMNS, ROW_TABLES, SOURCE_COLUMNS, migrate, schema_version, sqlite_utils_database

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ..compare.graph import DocumentCitations

DB_NAME = "store.db"
PARQUET_DIR = "parquet"
DEFAULT_STORE = "zhengce-store"
EDGES_CURRENT = "edges_current"
"""``meta`` key: "1" when ``edges`` was made after the last write of a source, "0" when it must be made again."""
BUSY_TIMEOUT_S = 30.0
"""How long a statement waits for another connection's write to end (sqlite3's ``timeout``)."""
_IN_CHUNK = 500
"""Document ids per ``IN (…)`` (SQLite caps the parameters of a statement)."""


def _source_row(result: SourceAnalysis, rows: SourceRows | None, status: SourceStatus, run_id: int | None,
                error: str | None) -> Values:
    s = result.source
    documents, pages, chars = (0, 0, 0) if error or rows is None else (len(rows.doc_ids), rows.pages, rows.chars)
    return (s.source_id, s.path, s.format, s.sha256, s.size, s.mtime, status, error, result.extractor_version,
            documents, pages, chars, now(), run_id)


_SOURCE_SQL = TableRows("sources", tuple(SOURCE_COLUMNS), []).insert_sql(replace=True)
_EDGES = TableRows("edges", tuple(EDGE_COLUMNS), [])


def edge_rows(docs: Sequence[DocumentCitations]) -> list[Values]:
    """The ``edges`` rows of the citation graph over the documents whose citations are ``docs`` (each relation's
    citations JSON): those of ``documents_to_graph`` over the documents. Pure: an ingest may make them in another
    process."""
    from ..compare.graph import citation_relations  # the graph code is loaded only when edges are made

    return [(r.source, r.target, r.type, r.count, json.dumps([c.model_dump(mode="json") for c in r.citations], ensure_ascii=False))
            for r in citation_relations(docs)]


class Store:
    """An open corpus store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, root: Path, conn: sqlite3.Connection) -> None:
        self.root = root
        self.conn = conn

    @cached_property
    def db(self) -> Database:
        """The database through sqlite-utils (imported on first use, without pandas: ``schema.sqlite_utils_database``)."""
        return sqlite_utils_database(self.conn)

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        """The rows of a query, as dicts."""
        cursor = self.conn.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor]

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def parquet_dir(self) -> Path:
        return self.root / PARQUET_DIR

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (what was written is already committed)."""
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``): committed whole, or rolled back whole."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    # reading ---------------------------------------------------------------------------------------------------

    def sources(self) -> dict[str, StoredSource]:
        """Every stored source, by id."""
        return {r["source_id"]: StoredSource.model_validate(r) for r in self.rows("select * from sources")}

    def source(self, source_id: str) -> StoredSource | None:
        """One stored source, or None."""
        rows = self.rows("select * from sources where source_id = ?", [source_id])
        return StoredSource.model_validate(rows[0]) if rows else None

    def _rows_by_doc(self, select: str, doc_ids: Sequence[str] | None) -> list[str]:
        """``select`` (an expression over ``a``, the analysis, ``d``, the document, ``s``, its source) of every
        stored document (of ``doc_ids`` only, when given), in the order of their sources' paths and of the
        documents in each source."""
        sql = (f"select {select}, s.path, d.ordinal from documents d join analyses a on a.analysis_id = d.analysis_id "
               "join sources s on s.source_id = d.source_id")
        if doc_ids is None:
            rows = [tuple(r) for r in self.conn.execute(sql)]
        else:
            wanted = list(dict.fromkeys(doc_ids))
            rows = []
            for k in range(0, len(wanted), _IN_CHUNK):  # SQLite caps the number of parameters of a statement
                chunk = wanted[k:k + _IN_CHUNK]
                rows += [tuple(r) for r in self.conn.execute(f"{sql} where d.doc_id in ({','.join('?' * len(chunk))})", chunk)]
        rows.sort(key=lambda r: (Path(r[1]), r[2]))
        return [r[0] for r in rows]

    def analyses(self, doc_ids: Sequence[str] | None = None) -> list[Analysis]:
        """The stored analyses (of ``doc_ids`` only, when given), read back exactly as written, in the order of
        their sources' paths and of the documents in each source (as ``zhengce extract`` gives them)."""
        return [Analysis.model_validate_json(j) for j in self._rows_by_doc("a.json", doc_ids)]

    def documents(self, doc_ids: Sequence[str] | None = None) -> list[Document]:
        """The stored documents, in the order of :meth:`analyses`."""
        return [a.document for a in self.analyses(doc_ids)]

    def doc_ids(self) -> list[str]:
        """Every stored document's id, in the order of :meth:`analyses`."""
        rows = [tuple(r) for r in self.conn.execute(
            "select d.doc_id, s.path, d.ordinal from documents d join sources s on s.source_id = d.source_id")]
        return [r[0] for r in sorted(rows, key=lambda r: (Path(r[1]), r[2]))]

    def count(self, table: str) -> int:
        """The number of rows of a table."""
        return int(self.conn.execute(f"select count(*) from [{table}]").fetchone()[0])

    # writing ---------------------------------------------------------------------------------------------------

    def _delete_source_rows(self, source_id: str) -> None:
        for table in (*ROW_TABLES, "citations", "analyses", "documents"):
            self.conn.execute(f"delete from [{table}] where source_id = ?", [source_id])

    def _id_clash(self, result: SourceAnalysis, rows: SourceRows | None) -> str | None:
        """The error when a document id of this source is already another source's (two files with one name)."""
        ids = list(rows.doc_ids) if rows is not None else [a.id for a in result.analyses]
        for doc_id in ids:
            row = self.conn.execute(
                "select s.path from documents d join sources s on s.source_id = d.source_id where d.doc_id = ? and d.source_id != ?",
                [doc_id, result.source.source_id]).fetchone()
            if row:
                return f"document id {doc_id} is already stored from {row[0]} (two files with one name); rename one"
        if len(set(ids)) != len(ids):
            return "two documents of the file have one id"
        return None

    def write_source(self, result: SourceAnalysis, run_id: int | None = None, rows: SourceRows | None = None) -> SourceStatus:
        """Store one source in one transaction: its old rows deleted, its analyses (or its failure) written.
        Returns ``added``, ``updated`` or ``failed``.

        ``rows``: the source's rows made already (``extractor.db.payload.source_rows``, in the worker that
        analysed it), so that writing is only inserting; made here when not given."""
        source_id = result.source.source_id
        if rows is None and not result.error:
            from .payload import source_rows  # the export tables' code only where rows are made

            rows = source_rows(result)
        with self.transaction():
            before = self.conn.execute("select status from sources where source_id = ?", [source_id]).fetchone()
            error = result.error or self._id_clash(result, rows)
            status: SourceStatus = "failed" if error else ("updated" if before else "added")
            self._delete_source_rows(source_id)
            self.conn.execute("insert or replace into meta (key, value) values (?, '0')", [EDGES_CURRENT])
            self.conn.execute(_SOURCE_SQL, _source_row(result, rows, status, run_id, error))
            if error or rows is None:
                return status
            for table in rows.tables:
                self.conn.executemany(table.insert_sql(), table.values)
        return status

    def stored_documents(self, doc_ids: Sequence[str] | None = None) -> list[Document]:
        """The stored documents (of ``doc_ids`` only, when given), in the order of :meth:`analyses`, each read
        from the ``document`` member of its analysis's JSON (SQLite's ``json_extract``), so the quantities and
        provisions, half the JSON, are never parsed."""
        return [Document.model_validate_json(j) for j in self._rows_by_doc("json_extract(a.json, '$.document')", doc_ids)]

    def graph_citations(self, known: Mapping[str, Analysis] | None = None) -> list[DocumentCitations]:
        """Every stored document's citations before their resolution (``citations``, found where the document
        was analysed), in the order of :meth:`analyses`: what the citation graph is resolved from. A document
        stored without them (by a store of schema version 1) has them found from its text: from ``known``
        (analyses in memory, by document id) when it is there, else read back without its quantities and
        provisions."""
        from ..compare.graph import DocumentCitations, document_citations

        rows = [tuple(r) for r in self.conn.execute(
            "select d.doc_id, c.json, s.path, d.ordinal from documents d join sources s on s.source_id = d.source_id "
            "left join citations c on c.doc_id = d.doc_id")]
        rows.sort(key=lambda r: (Path(r[2]), r[3]))
        known = known or {}
        loaded = {d.id: d for d in self.stored_documents([r[0] for r in rows if r[1] is None and r[0] not in known])}
        return [DocumentCitations.model_validate_json(j) if j is not None
                else document_citations(known[i].document if i in known else loaded[i]) for i, j, _, _ in rows]

    def write_edges(self, rows: Sequence[Values]) -> int:
        """Replace the citation graph's relations (:func:`edge_rows`) in one transaction, marked current;
        returns how many there are."""
        with self.transaction():
            self.conn.execute("delete from edges")
            self.conn.executemany(_EDGES.insert_sql(), rows)
            self.conn.execute("insert or replace into meta (key, value) values (?, '1')", [EDGES_CURRENT])
        return len(rows)

    def refresh_edges(self, known: Mapping[str, Analysis] | None = None) -> int:
        """Make the citation graph's relations again over every stored document, in one transaction; returns
        how many there are. (The graph resolves citations across documents, so it is made after a run, from
        each document's citations as stored with it: :meth:`graph_citations`.)

        ``known``: analyses already in memory, by document id, for a document stored without its citations."""
        return self.write_edges(edge_rows(self.graph_citations(known)))

    def edges_current(self) -> bool:
        """Whether ``edges`` was made after the last source was written."""
        row = self.conn.execute("select value from meta where key = ?", [EDGES_CURRENT]).fetchone()
        return bool(row and row[0] == "1")

    def start_run(self, args: dict[str, Any], pid: int) -> int:
        """Record the start of an ingest; returns its run id. A run still marked running was killed (the
        caller holds the store's lock, so no other runs): it is marked ``killed``."""
        with self.transaction():
            self.conn.execute("update runs set status = 'killed' where status = 'running'")
            cursor = self.conn.execute(
                "insert into runs (pid, started, args, added, updated, skipped, failed, status) values (?, ?, ?, 0, 0, 0, 0, 'running')",
                [pid, now(), json.dumps(args, ensure_ascii=False)])
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, summary: RunSummary) -> None:
        """Record the end of an ingest and its counts."""
        with self.transaction():
            self.conn.execute(
                "update runs set finished = ?, added = ?, updated = ?, skipped = ?, failed = ?, status = ? where run_id = ?",
                [now(), summary.added, summary.updated, summary.skipped, summary.failed,
                 "failed" if summary.failed else "done", summary.run_id])


def open_store(path: str | Path = DEFAULT_STORE, *, create: bool = True) -> Store:
    """Open the store in the folder ``path`` (made, with its database, when ``create``), its schema migrated
    to this version. Raises InputError, naming the folder, when there is no store there (``create=False``) or
    its database cannot be used."""
    root = Path(path)
    db_file = root / DB_NAME
    if not db_file.exists():
        if not create:
            raise InputError(root, "no store here; make one with zhengce ingest PATH --store " + str(root))
        if root.exists() and not root.is_dir():
            raise InputError(root, "is a file, not a store folder")
        root.mkdir(parents=True, exist_ok=True)
        (root / PARQUET_DIR).mkdir(exist_ok=True)
    try:
        conn = sqlite3.connect(db_file, timeout=BUSY_TIMEOUT_S)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: a process killed loses nothing committed
        migrate(conn)
        store = Store(root, conn)
    except (sqlite3.DatabaseError, ValueError) as e:
        raise InputError(db_file, f"cannot use the store's database: {e}") from None
    return store


__all__ = ["DEFAULT_STORE", "Store", "analysis_id", "edge_rows", "now", "open_store"]
