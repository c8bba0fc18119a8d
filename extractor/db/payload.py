"""One source's rows for every table of the store, made where the source was analysed.

A pool or Dask worker calls :func:`source_rows` on its own result, so that the main process, which alone writes,
only runs one ``executemany`` per table in the source's transaction: the analyses' JSON is dumped, the export
rows are made and their cells converted (lists and structs JSON, dates ISO), and each document's citations found
(``citations``: only their resolution across documents is left to the graph after the run), in the worker, on its core. Each
row's cells follow its table's columns as ``extractor.db.schema`` declares them.

>>> _cell(["a", "b"]), _cell(dt.date(2023, 1, 2)), _cell(3)
('["a", "b"]', '2023-01-02', 3)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from ..compare.graph import document_citations
from ..records import Analysis
from ..store.export import TABLES, provision_rows, quantity_rows, reference_rows, section_rows
from ..store.rows import Row
from ._ids import analysis_id, now
from .dataset_rows import document_tables
from .records import SourceAnalysis, SourceRows, TableRows, Values
from .schema import ANALYSIS_COLUMNS, CITATION_COLUMNS, DOCUMENT_COLUMNS, ROW_TABLES, province_code


def _cell(value: object) -> object:
    """An export cell as SQLite holds it: lists and structs JSON, dates ISO."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def document_row(a: Analysis, source_id: str, ordinal: int) -> dict[str, object]:
    """The ``documents`` row of one analysis."""
    d = a.document
    year = d.date.year if d.date else (d.doc_number.year if d.doc_number else None)
    row: dict[str, object] = {
        "doc_id": d.id, "source_id": source_id, "ordinal": ordinal, "title": d.title,
        "doc_number": d.doc_number.text if d.doc_number else None, "issuers": _cell(list(d.issuers)),
        "date": _cell(d.date), "year": year, "region": d.region, "region_code": d.region_code,
        "province_code": province_code(d.region_code, d.level), "level": d.level, "type": d.doc_type, "text": d.text,
        "analysis_id": analysis_id(a),
    }
    assert list(row) == list(DOCUMENT_COLUMNS)
    return row


def _export_rows(table: str, rows: Iterable[Row], source_id: str) -> TableRows:
    """Export rows as the store's table holds them: ``source_id`` first, then the export table's columns."""
    names = tuple(c.name for c in TABLES[table])  # type: ignore[index]
    values: list[Values] = [(source_id, *(_cell(r.get(n)) for n in names)) for r in rows]
    return TableRows(table, ("source_id", *names), values)


def source_rows(result: SourceAnalysis, *, datasets: bool = False) -> SourceRows:
    """Every row the analyses of one source add to the store (``result`` analysed without error); with
    ``datasets``, also its rows of the Parquet dataset (what a pool worker makes, so that its analyses need not be
    sent back)."""
    source_id, analyses = result.source.source_id, result.analyses
    docs = [a.document for a in analyses]
    documents = [tuple(document_row(a, source_id, k).values()) for k, a in enumerate(analyses)]
    created = now()
    stored: list[Values] = [(analysis_id(a), a.id, source_id, a.extractor_version, created, a.model_dump_json()) for a in analyses]
    citations: list[Values] = [(d.id, source_id, document_citations(d).model_dump_json()) for d in docs]
    made = {"sections": section_rows(docs), "quantities": quantity_rows(analyses), "provisions": provision_rows(analyses),
            "references": reference_rows(docs)}
    return SourceRows(
        doc_ids=tuple(a.id for a in analyses),
        pages=len({p for d in docs for p in d.source.pages}),
        chars=sum(len(d.text) for d in docs),
        tables=(TableRows("documents", tuple(DOCUMENT_COLUMNS), documents),
                TableRows("analyses", tuple(ANALYSIS_COLUMNS), stored),
                TableRows("citations", tuple(CITATION_COLUMNS), citations),
                *(_export_rows(t, made[t], source_id) for t in ROW_TABLES)),
        datasets={a.id: document_tables(a) for a in analyses} if datasets else None,  # pyarrow imported only then
    )


__all__ = ["document_row", "source_rows"]
