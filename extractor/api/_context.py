"""What every route of the API is given: the store's folder, the settings and budgets, the analysis pool.

Built once by ``create_app`` and passed to each router's factory (no module-level state). Each request opens
its own connection to the store (SQLite connections stay in the thread that made them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException

from ..budgets import Budgets
from ..db.store import Store, open_store
from ..records import Analysis
from .jobs import AnalysisPool, ensure_jobs
from .limits import ApiSettings

UPLOADS = "uploads"
"""The folder of the store that holds uploaded files, each named by its sha256 and the type its bytes show."""


class NotFound(HTTPException):
    """A 404 naming what was asked for (an id is looked up, never used as a path)."""

    def __init__(self, what: str) -> None:
        super().__init__(404, f"{what}: not found")


@dataclass
class ApiContext:
    store_dir: Path
    settings: ApiSettings
    budgets: Budgets
    api_key: str | None = None
    pool: AnalysisPool | None = field(default=None)

    @property
    def uploads(self) -> Path:
        return self.store_dir / UPLOADS

    def open(self) -> Store:
        """A new connection to the store (made, with its ``jobs`` table, when it does not exist)."""
        store = open_store(self.store_dir)
        ensure_jobs(store.conn)
        return store

    def analysis(self, store: Store, doc_id: str) -> Analysis:
        """The stored analysis of the document ``doc_id``; 404 when there is none."""
        row = store.conn.execute("select 1 from documents where doc_id = ?", [doc_id]).fetchone()
        found = store.analyses([doc_id]) if row else []
        if not found:
            raise NotFound(f"document {doc_id}")
        return found[0]

    def running_pool(self) -> AnalysisPool:
        """The analysis pool (started with the app)."""
        if self.pool is None:
            raise HTTPException(503, "the analysis pool is not running")
        return self.pool


__all__ = ["UPLOADS", "ApiContext", "NotFound"]
