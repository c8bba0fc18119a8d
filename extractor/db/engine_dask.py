"""``zhengce ingest --engine dask``: the same per-source function on a Dask distributed cluster.

The unit of work is the local path's :func:`extractor.db.ingest.prepare_source` (``analyze_source`` and the
source's rows for the store, made on the worker), mapped with ``client.map`` on the sources that need analysing
(the incremental plan is the local one: unchanged files are skipped before any cluster is started). The main
process inserts each result's rows into SQLite as it arrives, one transaction per source, as the local pool
does, and then, as every ingest that wrote something, brings the citation graph and the Parquet
dataset up to date (:func:`extractor.db.ingest.finish`).

Without an address our code starts a ``LocalCluster`` (``n_workers`` processes of one thread each, on
127.0.0.1, no dashboard) and closes it at the end; with one (``tcp://host:8786``) it connects to that scheduler.
Each worker builds the pipeline once, when it joins (:class:`PipelinePlugin`): spaCy, jieba and the rule tables
are loaded in the worker's process, never pickled. The workers read the source files themselves, by the paths
given: on a real cluster the files must be readable at the same paths from every worker (a shared or copied
folder; give absolute paths unless every worker runs in the same working directory), and the extractor installed
in the same version on each (otherwise the version check below refuses the run).

``--max-seconds`` is not enforced on a Dask worker: ``analyze_source`` bounds its time by SIGALRM, which only
the main thread of a process can receive, and a Dask task runs in a worker's thread. The other budgets hold.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..analysis import warm_up
from ..budgets import DEFAULT_BUDGETS, Budgets
from ..errors import InputError
from ..version import extractor_version
from .ingest import OnResult, ingest, prepare_source, source_file
from .records import PreparedSource, RunSummary, SourceAnalysis, SourceFile
from .store import Store

WARMED: list[float] = []
"""In a worker process: the seconds each pipeline build took (one entry per build; the plugin builds it once)."""
CONNECT_TIMEOUT_S = 30
PLUGIN_NAME = "zhengce-pipeline"


def build_pipeline() -> None:
    """Load what extraction needs (spaCy, jieba, the rule tables) in this process, once: a short built-in text
    analysed (``extractor.analysis.warm_up``)."""
    start = time.perf_counter()
    extractor_version()
    warm_up()
    WARMED.append(time.perf_counter() - start)


def warm_count() -> int:
    """How many times this worker process built the pipeline (``client.run(warm_count)``)."""
    return len(WARMED)


def _plugin_class() -> type[Any]:
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Builds the pipeline in each worker when it joins; a local worker also dies with our process."""

        name = PLUGIN_NAME

        def __init__(self, local: bool) -> None:
            self.local = local

        def setup(self, worker: object) -> None:
            if self.local:
                from .._process import die_with_parent

                die_with_parent()
            build_pipeline()

    return PipelinePlugin


@contextlib.contextmanager
def cluster_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: of the scheduler at ``scheduler``, else of a LocalCluster of ``workers``
    processes (default: every core) that is closed on leaving. Every worker has built the pipeline once.
    Raises InputError, naming the address, when the scheduler cannot be reached."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        n = max(1, workers or os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                               host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            client.register_plugin(_plugin_class()(local=True), name=PLUGIN_NAME)
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as e:
        raise InputError(scheduler, f"cannot reach the Dask scheduler: {e}") from None
    with client:
        versions = set(client.run(extractor_version).values())
        if versions - {extractor_version()}:
            raise InputError(scheduler, f"the workers run extractor {', '.join(sorted(versions))}, not "
                             f"{extractor_version()}; install the same version on every worker")
        client.register_plugin(_plugin_class()(local=False), name=PLUGIN_NAME)
        yield client


def _lost(path: str, error: BaseException) -> PreparedSource:
    """The failed result of a source whose task did not return (its worker died, or the task raised)."""
    try:
        found = source_file(path)
    except OSError:
        found = SourceFile(source_id=Path(path).absolute().as_posix(), path=path, format="", sha256="", size=0, mtime=0.0)
    cause = str(error).splitlines()[0] if str(error) else type(error).__name__
    return PreparedSource(SourceAnalysis(source=found, error=f"the Dask task failed: {cause}",
                                         extractor_version=extractor_version()), None)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def dask_analyses(paths: Sequence[str], budgets: Budgets, client: Any) -> Iterator[PreparedSource]:
    """``prepare_source`` of every path on the client's cluster, yielded as each completes (each result
    released on the cluster once read)."""
    from distributed import as_completed

    # the largest files first (Dask runs a map's tasks in order): a long compendium does not start last, alone
    ordered = sorted(paths, key=_size, reverse=True)
    futures = client.map(prepare_source, ordered, budgets=budgets, pure=False)
    path_of = {f.key: p for f, p in zip(futures, ordered, strict=True)}
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            try:
                result = future.result()
            except Exception as e:  # a worker that died (KilledWorker) or a task that raised: that source fails
                result = _lost(path_of[future.key], e)
            future.release()
            yield result
    finally:
        client.cancel(futures)


def ingest_with_dask(
    paths: Sequence[str | Path], store: Store, *, scheduler: str | None = None, workers: int | None = None,
    budgets: Budgets = DEFAULT_BUDGETS, on_plan: Callable[[int, int], None] | None = None,
    on_result: OnResult | None = None, client: Any = None,
) -> RunSummary:
    """``zhengce ingest --engine dask``: the local ingest (plan, skip, one transaction per source, run record)
    with the analyses made on a Dask cluster (``scheduler``, or a LocalCluster of ``workers`` processes, default
    every core, started only when some source needs analysing; or the ``client`` given, left open); the
    citation graph and the Parquet dataset are brought up to date by ``ingest`` itself, as on the local path."""

    def analyse(todo: Sequence[str], budgets: Budgets, n: int) -> Iterator[PreparedSource]:
        if client is not None:
            yield from dask_analyses(todo, budgets, client)
            return
        with cluster_client(scheduler, min(n, len(todo))) as started:
            yield from dask_analyses(todo, budgets, started)

    return ingest(paths, store, workers=workers or os.cpu_count() or 1, budgets=budgets, on_plan=on_plan,
                  on_result=on_result, analyse=analyse)


__all__ = ["build_pipeline", "cluster_client", "dask_analyses", "ingest_with_dask", "warm_count"]
