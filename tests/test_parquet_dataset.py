"""The partitioned Parquet dataset (extractor.db.parquet, issue 11 part 1): read back by DuckDB and pandas with
the export's column types and as many rows as the store holds, hive partitions on ASCII keys, rewritten only
where documents changed, and never left half-written by a kill."""

from __future__ import annotations

import datetime as dt
import functools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.analysis import analyze_file
from extractor.db import dataset_rows, parquet
from extractor.db.ingest import source_file
from extractor.db.parquet import DATASET_TABLES, MANIFEST, Partition, partition_key, write_analyses, write_dataset
from extractor.db.records import SourceAnalysis
from extractor.db.store import Store, open_store
from extractor.records import Analysis
from extractor.store.export import write_rows
from extractor.store.rows import Row

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent
FILES = ("corpus/texts/004_a7a4461144ba7e7b.txt", "corpus/texts/001_e001dd900bee0134.txt")


@functools.cache
def analyses() -> tuple[Analysis, ...]:
    return tuple(a for f in FILES for a in analyze_file(ROOT / f))


def _rows(table: str, items: tuple[Analysis, ...]) -> list[Row]:
    return list(dataset_rows._ROWS[table](list(items)))  # type: ignore[index]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("store") / "parquet"
    write_analyses(root, analyses())
    return root


def _sql(root: Path, table: str, select: str = "*", tail: str = "") -> str:
    return f"select {select} from read_parquet('{root}/{table}/**/*.parquet', hive_partitioning=true) {tail}"


def _duck(root: Path, table: str, select: str = "*", tail: str = "") -> list[tuple[object, ...]]:
    return duckdb.connect().execute(_sql(root, table, select, tail)).fetchall()  # type: ignore[no-any-return]


def _count(root: Path, table: str) -> int:
    n = _duck(root, table, "count(*)")[0][0]
    assert isinstance(n, int)
    return n


@pytest.mark.parametrize("table", DATASET_TABLES)
def test_duckdb_reads_as_many_rows_as_the_tables_hold(dataset: Path, table: str) -> None:
    expected = len(_rows(table, analyses()))
    assert expected > 0
    assert _count(dataset, table) == expected


@pytest.mark.parametrize("table", DATASET_TABLES)
def test_pandas_reads_as_many_rows_as_the_tables_hold(dataset: Path, table: str) -> None:
    assert len(pd.read_parquet(dataset / table)) == len(_rows(table, analyses()))


@pytest.mark.parametrize("table", DATASET_TABLES)
def test_columns_and_types_are_those_of_zhengce_export(dataset: Path, table: str, tmp_path: Path) -> None:
    exported = tmp_path / f"{table}.parquet"
    write_rows(_rows(table, analyses()), exported, "parquet", table)  # type: ignore[arg-type]
    want = pq.read_schema(exported)
    files = sorted((dataset / table).rglob("*.parquet"))
    got = pq.read_schema(files[0])
    assert [(f.name, str(f.type)) for f in got] == [(f.name, str(f.type)) for f in want]


DUCKDB_TYPES = [
    pytest.param("quantities", "value", "DOUBLE", id="quantity-value-double"),
    pytest.param("quantities", "date_start", "DATE", id="quantity-date-date"),
    pytest.param("quantities", "per", "VARCHAR[]", id="quantity-per-list"),
    pytest.param("quantities", "span_start", "BIGINT", id="quantity-span-int"),
    pytest.param("quantities", "approximate", "BOOLEAN", id="quantity-approximate-bool"),
    pytest.param("documents", "date", "DATE", id="document-date-date"),
    pytest.param("documents", "doc_number_year", "BIGINT", id="document-year-int"),
    pytest.param("documents", "issuers", "VARCHAR[]", id="document-issuers-list"),
    pytest.param("provisions", "quantities", "STRUCT(", id="provision-quantities-structs"),
]


@pytest.mark.parametrize(("table", "column", "type_"), DUCKDB_TYPES)
def test_duckdb_sees_typed_columns(dataset: Path, table: str, column: str, type_: str) -> None:
    rows = duckdb.connect().execute(f"describe {_sql(dataset, table)}").fetchall()
    types = {r[0]: str(r[1]) for r in rows}
    assert types[column].startswith(type_)


def test_pandas_reads_integers_as_nullable_integers_and_dates_as_dates(dataset: Path) -> None:
    df = pd.read_parquet(dataset / "documents")
    assert str(df["doc_number_year"].dtype) == "Int64"
    assert all(isinstance(d, dt.date) for d in df["date"].dropna())
    assert all(len(x) >= 0 and not isinstance(x, str) for x in df["issuers"])


def test_partition_keys_are_each_documents_province_and_year(dataset: Path) -> None:
    got = {r[0]: r[1] for r in _duck(dataset, "documents", "doc_id, province::varchar || '/' || year::varchar")}
    want = {a.id: "{}/{}".format(*parquet.partition_of(a)) for a in analyses()}
    assert got == want
    assert len(set(want.values())) > 1  # the compendium spans several years and provinces


def test_partition_folders_are_ascii(dataset: Path) -> None:
    names = [p.name for p in dataset.rglob("*")]
    assert names and all(n.isascii() for n in names)


PARTITION_KEYS = [
    pytest.param("410000000000", 2023, Partition("41", "2023"), id="division-code-and-year"),
    pytest.param("41", "2023", Partition("41", "2023"), id="province-code-and-year-text"),
    pytest.param("00", 2010, Partition("00", "2010"), id="national"),
    pytest.param(None, None, Partition("xx", "unknown"), id="unknown"),
    pytest.param("４１", 2023, Partition("xx", "2023"), id="full-width-digits-are-not-a-key"),
    pytest.param("41", 23, Partition("41", "unknown"), id="two-digit-year-unknown"),
]


@pytest.mark.parametrize(("code", "year", "want"), PARTITION_KEYS)
def test_partition_key(code: str | None, year: int | str | None, want: Partition) -> None:
    assert partition_key(code, year) == want


@given(st.one_of(st.none(), st.text(max_size=14)), st.one_of(st.none(), st.integers(-99999, 99999), st.text(max_size=6)))
def test_partition_keys_are_always_ascii_folder_names(code: str | None, year: int | str | None) -> None:
    p = partition_key(code, year)
    assert p.folder.isascii() and "/" not in p.province + p.year and p.province and p.year


def _changed(a: Analysis, sha: str) -> Analysis:
    return a.model_copy(update={"source_sha256": sha})


def _files(root: Path) -> dict[str, int]:
    return {str(f.relative_to(root)): f.stat().st_ino for f in root.rglob("*.parquet")}


def test_an_unchanged_store_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "parquet"
    write_analyses(root, analyses())
    again = write_analyses(root, analyses())
    assert (again.written, again.linked, again.documents_read) == (0, 0, 0)


def test_a_changed_document_rewrites_only_its_partition(tmp_path: Path) -> None:
    root = tmp_path / "parquet"
    write_analyses(root, analyses())
    before = _files(root)
    target = analyses()[0]
    folder = parquet.partition_of(target).folder
    changed = (_changed(target, "0" * 64), *analyses()[1:])
    result = write_analyses(root, changed)
    assert result.written == 1 and result.linked > 0
    after = _files(root)
    assert after.keys() == before.keys()
    moved = {k for k in after if after[k] != before[k]}
    assert moved and all(f"/{folder}/" in k for k in moved)
    same = sum(1 for a in changed if parquet.partition_of(a).folder == folder)
    assert result.documents_read == same


def test_a_document_gone_removes_its_rows(tmp_path: Path) -> None:
    root = tmp_path / "parquet"
    write_analyses(root, analyses())
    write_analyses(root, analyses()[1:])
    assert _count(root, "documents") == len(analyses()) - 1


def test_a_full_rewrite_equals_the_incremental_one(tmp_path: Path) -> None:
    inc, full = tmp_path / "inc" / "parquet", tmp_path / "full" / "parquet"
    write_analyses(inc, analyses()[:10])
    write_analyses(inc, analyses())
    write_analyses(full, analyses(), full=True)
    for table in DATASET_TABLES:
        q = "* exclude (province, year)"
        assert _duck(inc, table, q, "order by all") == _duck(full, table, q, "order by all"), table


def test_a_write_in_small_batches_holds_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole, batched = tmp_path / "whole" / "parquet", tmp_path / "batched" / "parquet"
    write_analyses(whole, analyses())
    monkeypatch.setattr(parquet, "BATCH_DOCS", 4)
    result = write_analyses(batched, analyses())
    assert result.documents_read == len(analyses())
    assert len(list((batched / "documents").rglob("part-*.parquet"))) >= len(analyses()) // 4
    for table in DATASET_TABLES:
        assert _duck(batched, table, tail="order by all") == _duck(whole, table, tail="order by all"), table


def test_an_empty_table_is_still_a_readable_table(tmp_path: Path) -> None:
    root = tmp_path / "parquet"
    no_refs = [a for a in analyses() if not a.document.references][:1]
    assert no_refs
    write_analyses(root, no_refs)
    assert _count(root, "references") == 0


def test_a_write_that_fails_leaves_the_old_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "parquet"
    write_analyses(root, analyses()[:5])
    before = _files(root)

    def boom(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(parquet, "_write_batch", boom)
    with pytest.raises(OSError, match="disk full"):
        write_analyses(root, analyses())
    assert _files(root) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parquet"]


def test_a_kill_between_the_renames_is_undone_by_the_next_write(tmp_path: Path) -> None:
    root = tmp_path / "parquet"
    write_analyses(root, analyses()[:5])
    root.rename(tmp_path / ".parquet-old-killed")
    (tmp_path / ".parquet-tmp-killed").mkdir()
    result = write_analyses(root, analyses()[:5])
    assert result.written == 0 and (root / MANIFEST).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parquet"]


_WRITER = """
import sys
from pathlib import Path
from extractor.analysis import read_analyses
from extractor.db.parquet import write_analyses
items = read_analyses(sys.argv[1])
print("ready", flush=True)
for k in range(1000):
    write_analyses(Path(sys.argv[2]), [a.model_copy(update={"source_sha256": str(k)}) for a in items], full=k % 2 == 1)
"""


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.7], ids=["early", "middle", "late"])
def test_sigkill_at_any_moment_leaves_a_whole_dataset(tmp_path: Path, delay: float) -> None:
    saved = tmp_path / "analyses.json"
    saved.write_text("[" + ",".join(a.model_dump_json() for a in analyses()[:8]) + "]", encoding="utf-8")
    root = tmp_path / "store" / "parquet"
    write_analyses(root, [a.model_copy(update={"source_sha256": "start"}) for a in analyses()[:8]])
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(saved), str(root)], cwd=ROOT,
                            stdout=subprocess.PIPE, env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    want = {t: len(_rows(t, analyses()[:8])) for t in DATASET_TABLES}
    if root.exists():  # as the kill left it: a whole dataset, the old one or a new one
        assert (root / MANIFEST).is_file()
        assert {t: _count(root, t) for t in DATASET_TABLES} == want
    else:  # killed between the two renames: the old one is aside
        assert list(root.parent.glob(".parquet-old-*"))
    write_analyses(root, analyses()[:8])  # the next write recovers and completes
    assert {t: _count(root, t) for t in DATASET_TABLES} == want
    assert [p.name for p in root.parent.iterdir()] == ["parquet"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("s") / "store") as s:
        for f in FILES:
            items = [a for a in analyses() if a.document.source.path.endswith(Path(f).name)]
            s.write_source(SourceAnalysis(source=source_file(ROOT / f), analyses=items, error=None,
                                          extractor_version=items[0].extractor_version))
        write_dataset(s)
        yield s


@pytest.mark.parametrize("table", DATASET_TABLES)
def test_a_stores_dataset_has_the_row_count_of_its_sqlite_table(store: Store, table: str) -> None:
    assert store.count(table) > 0
    assert _count(store.parquet_dir, table) == store.count(table)


def test_a_stores_partitions_are_its_documents_province_code_and_year(store: Store) -> None:
    got = sorted(_duck(store.parquet_dir, "documents", "doc_id, province::varchar, year::varchar"))
    want = sorted(store.conn.execute(
        "select doc_id, coalesce(province_code, 'xx'), coalesce(cast(year as text), 'unknown') from documents").fetchall())
    assert got == want


def test_a_store_unchanged_writes_nothing_and_a_rewritten_source_only_its_partitions(store: Store) -> None:
    assert write_dataset(store).written == 0
    f = FILES[1]
    items = [a for a in analyses() if a.document.source.path.endswith(Path(f).name)]
    changed = [a.model_copy(update={"extractor_version": "other"}) for a in items]
    store.write_source(SourceAnalysis(source=source_file(ROOT / f), analyses=changed, error=None,
                                      extractor_version="other"))
    result = write_dataset(store)
    assert result.written == len({parquet.partition_of(a) for a in items}) and result.linked > 0
    assert _count(store.parquet_dir, "quantities") == store.count("quantities")


def test_the_pools_dataset_rows_made_in_its_workers_equal_those_made_here(tmp_path: Path) -> None:
    """At 2 workers the workers make the dataset's rows (Arrow IPC) and send no analysis back; the dataset, the
    citation graph (made in a child that reads the documents back itself) and the store equal those of one worker."""
    import sqlite3

    from extractor.db.ingest import ingest, prepare_source

    pooled = prepare_source("corpus/texts/000_0fce187c97867da1.txt", light=True)
    assert pooled.result.analyses == [] and pooled.rows is not None and pooled.rows.datasets
    assert set(pooled.rows.datasets) == set(pooled.rows.doc_ids)
    files = ["corpus/texts/000_0fce187c97867da1.txt", "corpus/texts/002_f15aeebbaef14a54.txt", "corpus/unseen"]
    for workers in (1, 2):
        with open_store(tmp_path / f"s{workers}") as st:
            summary = ingest(files, st, workers=workers)
            assert summary.failed == 0 and summary.documents > 25
    for table in DATASET_TABLES:
        one, two = (parquet.read_table(tmp_path / f"s{w}" / "parquet", table) for w in (1, 2))
        assert one.schema.equals(two.schema), table
        assert sorted(map(str, one.to_pylist())) == sorted(map(str, two.to_pylist())), table
    sql = "select source, target, type, count, citations from edges order by 1, 2, 3"
    edges = [sqlite3.connect(tmp_path / f"s{w}" / "store.db").execute(sql).fetchall() for w in (1, 2)]
    assert edges[0] == edges[1] and edges[0]
