"""The corpus store (extractor.db): schema and migrations, one source written per transaction, analyses read
back exactly as ``zhengce extract --format json`` writes them, and the store's own consistency check."""

from __future__ import annotations

import functools
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.db import open_store
from extractor.db.check import check_store, store_rows
from extractor.db.ingest import analyze_source
from extractor.db.payload import _cell, document_row
from extractor.db.records import SourceAnalysis
from extractor.db.schema import MIGRATIONS, ROW_TABLES, SCHEMA_VERSION, province_code, row_columns
from extractor.db.store import Store
from extractor.errors import InputError
from extractor.store.export import TABLES
from extractor.store.rows import analyses_to_json
from tests.conftest import ROOT

SMALL = ("corpus/texts/000_0fce187c97867da1.txt", "corpus/texts/002_f15aeebbaef14a54.txt", "corpus/html/002_f15aeebbaef14a54.html")


@functools.cache
def analysed(path: str) -> SourceAnalysis:
    """One source analysed once per session."""
    return analyze_source(str(ROOT / path))


def test_a_new_store_has_every_table_in_wal_mode(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        tables = set(store.db.table_names())
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    assert {"meta", "sources", "documents", "analyses", *ROW_TABLES, "edges", "diffs", "reviews", "runs"} <= tables
    assert mode == "wal"
    assert (tmp_path / "s" / "parquet").is_dir()


@pytest.mark.parametrize("table", ROW_TABLES)
def test_row_tables_have_the_export_columns(tmp_path: Path, table: str) -> None:
    with open_store(tmp_path / "s") as store:
        columns = list(store.db.table(table).columns_dict)
    assert columns == ["source_id", *(c.name for c in TABLES[table])]  # type: ignore[index]
    assert list(row_columns(table)) == columns


OPEN_ERRORS = [
    ("missing-without-create", lambda p: p / "none", False, "no store here"),
    ("a-file", lambda p: (p / "f").with_suffix(".txt"), True, "is a file"),
    ("newer-schema", lambda p: p / "newer", True, "newer than this zhengce knows"),
    ("not-sqlite", lambda p: p / "junk", True, "cannot use the store's database"),
]


@pytest.mark.parametrize(("make", "create", "cause"), [c[1:] for c in OPEN_ERRORS], ids=[c[0] for c in OPEN_ERRORS])
def test_a_store_that_cannot_be_used_is_one_error_line(tmp_path: Path, make: object, create: bool, cause: str) -> None:
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    with open_store(tmp_path / "newer") as store:
        store.conn.execute("update meta set value = ? where key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
        store.conn.commit()
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "store.db").write_bytes(b"not a database at all" * 100)
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError, match=cause) as info:
        open_store(path, create=create)
    assert "\n" not in str(info.value)


def test_an_older_store_is_migrated_in_place(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.conn.execute("update meta set value = '0' where key = 'schema_version'")
        for table in [t for t in store.db.table_names() if t != "meta"]:
            store.conn.execute(f"drop table [{table}]")
        store.conn.commit()
    with open_store(tmp_path / "s") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert "documents" in store.db.table_names()


@pytest.mark.parametrize("path", SMALL, ids=[Path(p).name for p in SMALL])
def test_analyses_read_back_as_extract_writes_them(tmp_path: Path, path: str) -> None:
    result = analysed(path)
    with open_store(tmp_path / "s") as store:
        assert store.write_source(result) == "added"
        back = store.analyses()
    assert back == result.analyses
    assert analyses_to_json(back) == analyses_to_json(result.analyses)


@pytest.mark.parametrize("path", SMALL, ids=[Path(p).name for p in SMALL])
def test_each_table_holds_the_rows_of_the_analysis(tmp_path: Path, path: str) -> None:
    result = analysed(path)
    a = result.analyses[0]
    with open_store(tmp_path / "s") as store:
        store.write_source(result)
        counts = {t: store.count(t) for t in ("documents", "analyses", "quantities", "provisions", "references")}
        assert check_store(store) == []
    assert counts == {"documents": len(result.analyses), "analyses": len(result.analyses), "quantities": len(a.quantities),
                      "provisions": len(a.provisions), "references": len(a.document.references)}


def test_writing_a_source_again_replaces_its_rows(tmp_path: Path) -> None:
    result = analysed(SMALL[0])
    with open_store(tmp_path / "s") as store:
        assert store.write_source(result) == "added"
        once = store_rows(store)
        assert store.write_source(result) == "updated"
        assert store_rows(store)["quantities"] == once["quantities"]
        assert store.count("documents") == len(result.analyses)


def test_a_failure_replaces_the_analysis_it_had(tmp_path: Path) -> None:
    good = analysed(SMALL[0])
    bad = good.model_copy(update={"analyses": [], "error": "truncated PDF"})
    with open_store(tmp_path / "s") as store:
        store.write_source(good)
        assert store.write_source(bad) == "failed"
        row = store.source(good.source.source_id)
        assert (store.count("documents"), store.count("quantities")) == (0, 0)
        assert check_store(store) == []
    assert row is not None and (row.status, row.error) == ("failed", "truncated PDF")


def test_two_files_with_one_name_keep_the_first(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(ROOT / SMALL[0], tmp_path / folder / Path(SMALL[0]).name)
    with open_store(tmp_path / "s") as store:
        first = store.write_source(analyze_source(str(tmp_path / "a" / Path(SMALL[0]).name)))
        second = store.write_source(analyze_source(str(tmp_path / "b" / Path(SMALL[0]).name)))
        errors = [s.error for s in store.sources().values() if s.error]
        assert check_store(store) == []
    assert (first, second) == ("added", "failed")
    assert len(errors) == 1 and "already stored from" in errors[0]


def test_a_transaction_that_fails_leaves_nothing(tmp_path: Path) -> None:
    result = analysed(SMALL[0])
    with open_store(tmp_path / "s") as store:
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            store.db.table("documents").insert_all([document_row(a, "x", 0) for a in result.analyses], pk="doc_id")
            store.db.table("documents").insert_all([document_row(a, "x", 0) for a in result.analyses], pk="doc_id")
        assert store.count("documents") == 0


def test_a_damaged_source_is_found_by_the_check(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.write_source(analysed(SMALL[0]))
        store.conn.execute("delete from quantities where rowid in (select rowid from quantities limit 1)")
        store.conn.commit()
        problems = check_store(store)
    assert len(problems) == 1 and "quantities stored" in problems[0]


PROVINCES = [
    ("municipal", "410400000000", "municipal", "41"),
    ("provincial", "440000000000", "provincial", "44"),
    ("national-no-code", None, "national", "00"),
    ("unknown", None, None, None),
    ("garbled-code", "xx", "county", None),
]


@pytest.mark.parametrize(("code", "level", "want"), [c[1:] for c in PROVINCES], ids=[c[0] for c in PROVINCES])
def test_province_code(code: str | None, level: str | None, want: str | None) -> None:
    assert province_code(code, level) == want


@given(st.lists(st.text(max_size=8), max_size=5))
def test_a_list_cell_is_json_that_reads_back(items: list[str]) -> None:
    cell = _cell(items)
    assert isinstance(cell, str) and json.loads(cell) == items


def test_analyses_of_some_documents_only(tmp_path: Path) -> None:
    results = [analysed(p) for p in SMALL]
    with open_store(tmp_path / "s") as store:
        for r in results:
            store.write_source(r)
        wanted = [results[2].analyses[0].id, "no-such-document.txt"]
        picked = store.analyses(wanted)
        every = store.doc_ids()
    assert picked == results[2].analyses
    assert sorted(every) == sorted(a.id for r in results for a in r.analyses)


GRAPH_FILES = (*SMALL, "corpus/texts/004_a7a4461144ba7e7b.txt")
"""Three small sources and the 30-document compendium, whose documents cite one another."""


def _edges(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.conn.execute(
        "select source, target, type, count, citations from edges order by rowid")]


@pytest.fixture(scope="module")
def graph_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("graph") / "s")
    for path in GRAPH_FILES:
        store.write_source(analysed(path))
    yield store
    store.close()


def test_stored_documents_are_the_documents_of_the_analyses(graph_store: Store) -> None:
    assert graph_store.stored_documents() == [a.document for a in graph_store.analyses()]


def test_stored_documents_of_some_ids_only(graph_store: Store) -> None:
    ids = graph_store.doc_ids()[3:5]
    assert [d.id for d in graph_store.stored_documents(ids)] == ids


def _graph_edges(store: Store) -> list[tuple[object, ...]]:
    from extractor.compare.graph import documents_to_graph

    graph = documents_to_graph([a.document for a in store.analyses()])
    return [(r.source, r.target, r.type, r.count,
             json.dumps([c.model_dump(mode="json") for c in r.citations], ensure_ascii=False)) for r in graph.relations]


KNOWN = [
    ("nothing-in-memory", ()),
    ("everything-in-memory", GRAPH_FILES),
    ("the-compendium-in-memory", GRAPH_FILES[3:]),
]


@pytest.mark.parametrize("held", [k[1] for k in KNOWN], ids=[k[0] for k in KNOWN])
def test_edges_equal_the_graph_of_every_stored_analysis(graph_store: Store, held: tuple[str, ...]) -> None:
    known = {a.id: a for p in held for a in analysed(p).analyses}
    n = graph_store.refresh_edges(known)
    want = _graph_edges(graph_store)
    assert n == len(want) > 30  # the compendium's documents cite one another
    assert _edges(graph_store) == want


def test_each_document_is_stored_with_its_citations_and_they_go_with_it(tmp_path: Path) -> None:
    """``citations``: one row per document, written and deleted with its source, so the graph after a run is
    resolved from them (the compendium: 30 documents citing one another)."""
    with open_store(tmp_path / "s") as store:
        result = analysed(GRAPH_FILES[3])
        for _ in range(2):  # written again: the old rows replaced, none left over
            store.write_source(result)
            ids = [r[0] for r in store.conn.execute("select doc_id from citations order by doc_id")]
            assert ids == sorted(a.id for a in result.analyses) and len(ids) > 20
        assert not check_store(store)


MISSING_CITATIONS = [
    ("a-version-1-store", None),
    ("half-the-documents", "rowid % 2 = 0"),
]


@pytest.mark.parametrize("where", [m[1] for m in MISSING_CITATIONS], ids=[m[0] for m in MISSING_CITATIONS])
def test_a_store_migrated_from_version_1_makes_the_same_edges(tmp_path: Path, graph_store_dir: Path, where: str | None) -> None:
    """A store of schema version 1 has no ``citations`` (migrated, the table is made empty): those documents'
    citations are found from their stored text, and the edges are the graph's all the same."""
    shutil.copytree(graph_store_dir, tmp_path / "s")
    with open_store(tmp_path / "s") as store:
        if where is None:
            store.conn.execute("drop table citations")
            store.conn.execute("update meta set value = '1' where key = 'schema_version'")
        else:
            store.conn.execute(f"delete from citations where {where}")
        store.conn.commit()
    with open_store(tmp_path / "s") as store:
        assert store.schema_version == SCHEMA_VERSION == 2
        assert store.count("citations") == 0 if where is None else 0 < store.count("citations") < store.count("documents")
        assert store.refresh_edges() == len(want := _graph_edges(store))
        assert _edges(store) == want


@pytest.fixture(scope="module")
def graph_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("graph-dir") / "s"
    with open_store(root) as store:
        for path in GRAPH_FILES:
            store.write_source(analysed(path))
    return root
