"""``zhengce ingest --engine dask`` (extractor.db.engine_dask, issue 11 part 4): on a LocalCluster of 2 workers
the store gets the same rows as a local run, every worker builds the pipeline once, a rerun skips without
starting a cluster, and a scheduler that cannot be reached is one line."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.budgets import DEFAULT_BUDGETS
from extractor.db import engine_dask
from extractor.db.engine_dask import cluster_client, dask_analyses, ingest_with_dask, warm_count
from extractor.db.ingest import ingest
from extractor.db.parquet import DATASET_TABLES
from extractor.db.store import Store, open_store
from extractor.errors import InputError
from extractor.version import extractor_version

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
FILES = [*sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus" / "texts").glob("*.txt")),
         "corpus/unseen/hefei-2018-labor-employment-regulation.txt"]
IGNORED = {"documents": ("analysis_id",), "sources": ("ingested", "run_id", "extractor_version")}
"""Columns that name the run, the moment or the code's digest (each worker process computes it when it starts,
over the files on disk then), not the content."""


@pytest.fixture(scope="module", autouse=True)
def _in_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # the paths are given relative, as a user types them
        yield


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bad") / "bad.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    return str(path)


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory, bad: str) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("local") / "store") as store:
        ingest([*FILES, bad], store, workers=1)
        yield store


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """One LocalCluster of 2 workers for the module, started and closed by the engine's own code."""
    with cluster_client(None, 2) as client:
        yield client


@pytest.fixture(scope="module")
def dask_store(tmp_path_factory: pytest.TempPathFactory, cluster: Any, bad: str) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("dask") / "store") as store:
        summary = ingest_with_dask([*FILES, bad], store, client=cluster)
        assert (summary.added, summary.failed) == (len(FILES), 1)
        yield store


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    columns = [r[1] for r in conn.execute(f"pragma table_info([{table}])") if r[1] not in IGNORED.get(table, ())]
    return sorted(conn.execute(f"select {', '.join(f'[{c}]' for c in columns)} from [{table}]").fetchall(), key=repr)


@pytest.mark.parametrize("table", ["documents", "quantities", "provisions", "sections", "references", "citations", "edges", "sources"])
def test_dask_rows_equal_the_local_rows(local: Store, dask_store: Store, table: str) -> None:
    want = _rows(local.conn, table)
    assert want
    assert _rows(dask_store.conn, table) == want


@pytest.mark.parametrize("table", DATASET_TABLES)
def test_dask_parquet_dataset_equals_the_local_one(local: Store, dask_store: Store, table: str) -> None:
    duckdb = pytest.importorskip("duckdb")

    def read(store: Store) -> list[tuple[Any, ...]]:
        sql = f"select * from read_parquet('{store.parquet_dir}/{table}/**/*.parquet', hive_partitioning=true)"
        return sorted(duckdb.connect().execute(sql).fetchall(), key=repr)

    want = read(local)
    assert want and read(dask_store) == want


def test_a_rerun_skips_every_file_without_starting_a_cluster(dask_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_cluster(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cluster was started with nothing to analyse")

    made_by = {s.extractor_version for s in dask_store.sources().values()}
    if made_by != {extractor_version()}:  # each worker hashed the code when it started: it changed under the test
        pytest.skip(f"the package's files changed while the test ran ({', '.join(sorted(made_by))})")
    monkeypatch.setattr(engine_dask, "cluster_client", no_cluster)
    summary = ingest_with_dask(FILES, dask_store, workers=2)
    assert (summary.skipped, summary.added, summary.updated, summary.failed) == (len(FILES), 0, 0, 0)
    assert set(dask_store.sources()) >= {str((ROOT / f).resolve()) for f in FILES}


def test_every_worker_builds_the_pipeline_once(dask_store: Store, cluster: Any) -> None:
    counts = cluster.run(warm_count)
    assert sorted(counts.values()) == [1, 1]


def test_a_bad_file_fails_alone_in_one_line(dask_store: Store, bad: str) -> None:
    failed = [s for s in dask_store.sources().values() if s.status == "failed"]
    assert [s.path for s in failed] == [bad]
    assert failed[0].error and "\n" not in failed[0].error


def test_results_come_back_as_each_completes(cluster: Any) -> None:
    results = [r for r, _ in dask_analyses(FILES[:2], DEFAULT_BUDGETS, cluster)]
    assert sorted(r.source.path for r in results) == FILES[:2]
    assert all(r.error is None and r.analyses for r in results)


def test_a_scheduler_that_cannot_be_reached_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_dask, "CONNECT_TIMEOUT_S", 1)
    with (pytest.raises(InputError, match=r"^tcp://127\.0\.0\.1:9: cannot reach the Dask scheduler") as e,
          cluster_client("tcp://127.0.0.1:9")):
        pass
    assert "\n" not in str(e.value)
