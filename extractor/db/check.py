"""Is a store whole? SQLite's own integrity check, then every stored source against its analyses' JSON: each
source holds all its rows and only them, so a source written halfway would show.

``store_rows`` gives the content of every table of the analyses in a comparable form (timestamps and run ids
left out), so two stores made from the same files can be compared row for row.
"""

from __future__ import annotations

from collections import Counter

from ..records import Analysis, document_sections
from .schema import ROW_TABLES
from .store import Store, analysis_id

VOLATILE = frozenset({"created", "ingested", "run_id"})
"""Columns that differ between two runs over the same files."""
TABLES_COMPARED = ("sources", "documents", "analyses", *ROW_TABLES, "citations", "edges")


def _expected_counts(a: Analysis) -> dict[str, int]:
    d = a.document
    return {"sections": sum(1 for _ in document_sections(d)), "quantities": len(a.quantities),
            "provisions": len(a.provisions), "references": len(d.references)}


def _orphans(store: Store) -> list[str]:
    problems = []
    for table in (*ROW_TABLES, "citations", "analyses", "documents"):
        n = store.conn.execute(f"select count(*) from [{table}] where source_id not in (select source_id from sources)").fetchone()[0]
        if n:
            problems.append(f"{table}: {n} rows of no stored source")
    for table in (*ROW_TABLES, "citations", "analyses"):
        n = store.conn.execute(f"select count(*) from [{table}] where doc_id not in (select doc_id from documents)").fetchone()[0]
        if n:
            problems.append(f"{table}: {n} rows of no stored document")
    return problems


def _source_problems(store: Store, source_id: str, status: str, documents: int) -> list[str]:
    docs = store.rows("select doc_id, analysis_id from documents where source_id = ?", [source_id])
    if status == "failed":
        return [f"{source_id}: failed but holds {len(docs)} documents"] if docs else []
    problems = [f"{source_id}: {len(docs)} documents stored, {documents} recorded"] if len(docs) != documents else []
    for row in docs:
        found = store.conn.execute("select json from analyses where analysis_id = ?", [row["analysis_id"]]).fetchone()
        if found is None:
            problems.append(f"{row['doc_id']}: no analysis")
            continue
        a = Analysis.model_validate_json(found[0])
        if analysis_id(a) != row["analysis_id"]:
            problems.append(f"{row['doc_id']}: its analysis is of another document or version")
        for table, want in _expected_counts(a).items():
            have = store.conn.execute(f"select count(*) from [{table}] where doc_id = ?", [a.id]).fetchone()[0]
            if have != want:
                problems.append(f"{a.id}: {have} {table} stored, its analysis has {want}")
    return problems


def check_store(store: Store) -> list[str]:
    """Everything wrong with a store, one line each; an empty list when it is whole."""
    problems = [f"integrity_check: {r[0]}" for r in store.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    problems += _orphans(store)
    for s in store.sources().values():
        problems += _source_problems(store, s.source_id, s.status, s.documents)
    return problems


def store_rows(store: Store) -> dict[str, Counter[tuple[tuple[str, object], ...]]]:
    """Every row of the analyses' tables, without the columns that differ between runs, as a multiset per table."""
    out: dict[str, Counter[tuple[tuple[str, object], ...]]] = {}
    for table in TABLES_COMPARED:
        out[table] = Counter(tuple(sorted((k, v) for k, v in r.items() if k not in VOLATILE))
                             for r in store.rows(f"select * from [{table}]"))
    return out


__all__ = ["VOLATILE", "check_store", "store_rows"]
