"""The store's tables as a partitioned Parquet dataset, for DuckDB, pandas and Spark.

Layout, one folder per table, hive-partitioned on ASCII keys::

    STORE/parquet/<table>/province=<2-digit code or xx>/year=<YYYY or unknown>/part-0.parquet
    STORE/parquet/_manifest.json     # one fingerprint per partition (Spark and DuckDB's globs skip it)

The tables and their columns are those of ``zhengce export --format parquet`` (``extractor.store.export.TABLES``:
the same names, the same types: numbers as numbers, dates as ``date32``, lists as lists); the partition keys are
in the folder names, not in the files (``hive_partitioning=true`` in DuckDB adds them back as columns).

**Incremental.** A partition's fingerprint is a digest of its documents' ids, source sha256 and extractor version.
Only the partitions whose fingerprint changed are written again; the others are hard-linked (no byte copied) from
the dataset in place. **Atomic.** The new dataset is built in a sibling folder (``.parquet-tmp-*``) and renamed
into place: a reader or a killed run sees the old dataset or the new one, every table from the same state, never a
half-written one. A run killed between the two renames leaves ``.parquet-old-*``, put back by the next write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from ..records import Analysis
from ..store.export import TABLES, Table
from ..store.rows import table_schema
from .dataset_rows import UNKNOWN_PROVINCE, UNKNOWN_YEAR, Partition, partition_key, partition_of, partitioned_table
from .schema import DATASET_TABLES, MANIFEST, dataset_complete
from .store import Store

BATCH_DOCS = 500
"""Documents loaded and written at a time: the memory of a write is that of a batch, whatever the corpus."""
EMPTY_FILE = "part-empty.parquet"
"""The file of a table with no row at all, so that a glob over the table always finds a file (with its schema)."""


class Entry(NamedTuple):
    """One document as the dataset needs to know it: its partition and what makes it (for the fingerprint)."""

    doc_id: str
    partition: Partition
    sha256: str
    extractor_version: str


def entry_of(a: Analysis) -> Entry:
    return Entry(a.id, partition_of(a), a.source_sha256, a.extractor_version)


def fingerprints(entries: Iterable[Entry]) -> dict[Partition, str]:
    """One digest per partition over its documents (id, source sha256, extractor version), in any order."""
    lines: dict[Partition, list[str]] = {}
    for e in entries:
        lines.setdefault(e.partition, []).append(f"{e.doc_id}\t{e.sha256}\t{e.extractor_version}")
    return {p: hashlib.sha256("\n".join(sorted(v)).encode()).hexdigest() for p, v in lines.items()}


Made = Mapping[str, Mapping[str, bytes]]
"""Dataset rows made already (:func:`document_tables`), by document id, then table."""


def _batch_table(table: Table, ids: Sequence[str], analyses: Mapping[str, Analysis], made: Made) -> Any:
    """The rows of ``table`` for the documents ``ids`` in this order: read from ``made`` where they were made
    already, else made from ``analyses``."""
    import pyarrow as pa

    if not any(i in made for i in ids):
        return partitioned_table(table, [analyses[i] for i in ids if i in analyses])
    schema = table_schema(TABLES[table]).append(pa.field("province", pa.string())).append(pa.field("year", pa.string()))
    parts = []
    for i in ids:
        if i in made:
            if table in made[i]:
                parts.append(pa.ipc.open_stream(made[i][table]).read_all())
        elif i in analyses:
            parts.append(partitioned_table(table, [analyses[i]]))
    return pa.concat_tables(parts).combine_chunks() if parts else schema.empty_table()  # one chunk: a write per chunk costs


class DatasetWrite(BaseModel):
    """What one write of the dataset did."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    partitions: int
    written: int
    linked: int
    removed: int
    documents_read: int
    seconds: float


def _read_manifest(root: Path) -> dict[str, str]:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    parts = data.get("partitions") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in parts.items()} if isinstance(parts, dict) else {}


def recover(root: Path) -> None:
    """Undo what a killed write left beside ``root``: a dataset moved aside and not replaced is put back, and
    unfinished new datasets and old ones are removed."""
    olds = sorted(root.parent.glob(f".{root.name}-old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not root.exists():
        olds.pop().rename(root)
    for stale in [*olds, *root.parent.glob(f".{root.name}-tmp-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def _link_partition(old: Path, new: Path) -> int:
    """Hard-link (copy where links are refused) the files of one partition of one table; how many."""
    if not old.is_dir():
        return 0
    new.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in old.iterdir():
        if f.is_file() and f.name != EMPTY_FILE:
            try:
                os.link(f, new / f.name)
            except OSError:
                shutil.copy2(f, new / f.name)
            n += 1
    return n


def _write_batch(table: Table, data: Any, base: Path, batch: int) -> None:
    """The rows ``data`` (an Arrow table with its partition columns) into their partitions' folders under
    ``base``, as ``part-<batch>-<i>.parquet``."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    base.mkdir(parents=True, exist_ok=True)
    if data.num_rows:
        ds.write_dataset(data, base, format="parquet", basename_template=f"part-{batch}-{{i}}.parquet",
                         partitioning=ds.partitioning(pa.schema([("province", pa.string()), ("year", pa.string())]),
                                                      flavor="hive"),
                         existing_data_behavior="overwrite_or_ignore")


def _mark_empty(table: Table, base: Path) -> None:
    """A table without any file gets one empty file (its schema), so that a glob over it finds one."""
    import pyarrow.parquet as pq

    if not any(base.rglob("*.parquet")):
        folder = base / Partition(UNKNOWN_PROVINCE, UNKNOWN_YEAR).folder
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table_schema(TABLES[table]).empty_table(), folder / EMPTY_FILE)


def write_partitions(root: Path, entries: Sequence[Entry], load: Callable[[list[str]], list[Analysis]],
                     *, full: bool = False, made: Made | None = None) -> DatasetWrite:
    """Write the dataset at ``root`` for ``entries`` (every document of the store), loading through ``load``
    (document ids → their analyses) only the documents of partitions whose fingerprint changed (all with ``full``),
    building the new dataset beside ``root`` and renaming it into place. ``made``: documents whose rows were made
    already (:func:`document_tables`); those are not loaded."""
    made = made or {}
    start = time.perf_counter()
    recover(root)
    old = {} if full else _read_manifest(root)
    new = fingerprints(entries)
    keys = {p.folder: p for p in new}
    changed = sorted(k for k, p in keys.items() if old.get(k) != new[p])
    removed = sorted(set(old) - set(keys))
    if not changed and not removed and dataset_complete(root):
        return DatasetWrite(path=str(root), partitions=len(keys), written=0, linked=0, removed=0, documents_read=0,
                            seconds=time.perf_counter() - start)
    tmp = root.parent / f".{root.name}-tmp-{uuid.uuid4().hex[:12]}"
    tmp.mkdir(parents=True)
    try:
        linked = 0
        if root.is_dir():
            for t in DATASET_TABLES:
                for k in keys.keys() - set(changed):
                    linked += _link_partition(root / t / k, tmp / t / k)
        wanted = {keys[k] for k in changed}
        ids = sorted({(e.partition, e.doc_id) for e in entries if e.partition in wanted})
        read = 0
        for n, at in enumerate(range(0, len(ids), BATCH_DOCS)):  # memory bounded by a batch, not the corpus
            batch = [i for _, i in ids[at:at + BATCH_DOCS]]
            analyses = {a.id: a for a in load([i for i in batch if i not in made])}
            read += len(analyses) + sum(1 for i in batch if i in made)
            for t in DATASET_TABLES:
                _write_batch(t, _batch_table(t, batch, analyses, made), tmp / t, n)
        for t in DATASET_TABLES:
            _mark_empty(t, tmp / t)
        manifest = {"format": 1, "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "tables": list(DATASET_TABLES), "partitions": {k: new[p] for k, p in sorted(keys.items())}}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        _swap(tmp, root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return DatasetWrite(path=str(root), partitions=len(keys), written=len(changed), linked=linked,
                        removed=len(removed), documents_read=read, seconds=time.perf_counter() - start)


def _swap(new: Path, root: Path) -> None:
    """Put the folder ``new`` in place of ``root``: two renames, the old dataset removed after."""
    if root.exists():
        aside = root.parent / f".{root.name}-old-{uuid.uuid4().hex[:12]}"
        root.rename(aside)
        new.rename(root)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        new.rename(root)


def write_analyses(root: Path, analyses: Sequence[Analysis], *, full: bool = False) -> DatasetWrite:
    """The dataset of ``analyses`` held in memory (a run without a store), written at ``root``."""
    by_id = {a.id: a for a in analyses}
    return write_partitions(root, [entry_of(a) for a in by_id.values()], lambda ids: [by_id[i] for i in ids], full=full)


def store_entries(conn: sqlite3.Connection) -> list[Entry]:
    """Every document of a store, with its partition (``documents.province_code``, ``year``), its source's sha256
    and its analysis's extractor version."""
    sql = ("select d.doc_id, d.province_code, d.year, s.sha256, a.extractor_version from documents d "
           "join analyses a on a.analysis_id = d.analysis_id join sources s on s.source_id = d.source_id")
    return [Entry(str(i), partition_key(p, y), str(h or ""), str(v or "")) for i, p, y, h, v in conn.execute(sql).fetchall()]


def store_analyses(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> list[Analysis]:
    """The stored analyses of these documents (in this order), read back as written; only their rows are read."""
    found: dict[str, Analysis] = {}
    for k in range(0, len(doc_ids), 500):
        chunk = list(doc_ids[k:k + 500])
        sql = ("select d.doc_id, a.json from documents d join analyses a on a.analysis_id = d.analysis_id "
               f"where d.doc_id in ({','.join('?' * len(chunk))})")
        found |= {i: Analysis.model_validate_json(j) for i, j in conn.execute(sql, chunk).fetchall()}
    return [found[i] for i in doc_ids if i in found]


def write_dataset(store: Store, *, full: bool = False, known: Mapping[str, Analysis] | None = None,
                  made: Made | None = None) -> DatasetWrite:
    """The store's dataset at ``STORE/parquet``, brought up to date with its database: only the partitions whose
    documents changed are written again (every one with ``full``), then the new dataset renamed into place.

    ``known``: analyses already in memory (those an ingest just wrote), by document id, and ``made``: documents
    whose dataset rows a pool worker made (:func:`document_tables`); only the other documents of the partitions
    to write are read back from the store."""
    held = known or {}

    def load(ids: list[str]) -> list[Analysis]:
        found = {a.id: a for a in store_analyses(store.conn, [i for i in ids if i not in held])}
        return [a for i in ids if (a := held[i] if i in held else found.get(i)) is not None]

    return write_partitions(store.parquet_dir, store_entries(store.conn), load, full=full, made=made)


def dataset_missing(store: Store) -> bool:
    """Whether the store has no whole dataset yet (no manifest, or a table's folder absent): an ingest that wrote
    nothing writes it then."""
    return not dataset_complete(store.parquet_dir)


def read_table(root: Path, table: Table) -> Any:
    """One table of the dataset as an Arrow table, with its ``province`` and ``year`` columns."""
    import pyarrow.dataset as ds

    return ds.dataset(root / table, format="parquet", partitioning="hive").to_table()


def manifest_partitions(root: Path) -> Mapping[str, str]:
    """The partitions of the dataset at ``root`` and their fingerprints, as its manifest says."""
    return _read_manifest(root)
