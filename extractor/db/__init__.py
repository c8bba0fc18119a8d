"""The corpus store: every document of a corpus analysed once into SQLite (and a Parquet dataset), kept up to
date incrementally by ``zhengce ingest`` and read by search, stats, compare, diff, graph, export and history.

- ``open_store(path)`` → :class:`Store` (``schema.py`` declares the tables and their migrations);
- ``Store.analyses(doc_ids)`` reads analyses back exactly as ``zhengce extract --format json`` writes them;
- ``Store.write_source(result)`` writes one source in one transaction;
- ``extractor.db.ingest``: ``analyze_source(path)``, the pure per-source function that the local process pool
  and Dask both run, and ``ingest(paths, store)``.
"""

from __future__ import annotations

from .records import RunSummary, SourceAnalysis, SourceFile, StoredSource
from .store import DEFAULT_STORE, Store, open_store

__all__ = ["DEFAULT_STORE", "RunSummary", "SourceAnalysis", "SourceFile", "Store", "StoredSource", "open_store"]
