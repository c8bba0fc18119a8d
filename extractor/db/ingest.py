"""Ingest: every source file analysed once into the store, incrementally, on N processes.

``analyze_source(path)`` is the unit of work: a pure function of the file's bytes (and the budgets), picklable,
that never touches the store. The local process pool and Dask both run it through ``prepare_source``, which also
makes the source's rows for the store there, in the worker (the analyses' JSON dumped, the export rows made, their
cells converted: ``extractor.db.payload``). The main process alone writes, one transaction per source of only
INSERTs, as the results come in, so a run killed at any moment leaves every source whole.

After the last source, the citation graph (``edges``) and the Parquet dataset (``STORE/parquet``, only its
changed partitions) are brought up to date: the graph from each document's citations as its worker found them
(stored with it: ``citations``), so that only their resolution across documents is left; the dataset from the
rows the workers made, or from the analyses the run holds in memory, the others read back.

A source is analysed again only when its bytes (sha256) or the extractor version changed, or it failed last
time: the files are hashed first, and spaCy is not even imported when nothing needs analysing.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from ..records import Analysis, AnalysisResult
from ..version import extractor_version
from .records import Outcome, PreparedSource, RunSummary, SourceAnalysis, SourceFile, StoredSource, Values
from .schema import dataset_complete
from .store import BUSY_TIMEOUT_S, DB_NAME, Store, edge_rows

FORMATS = {".pdf": "pdf", ".txt": "text", ".docx": "docx", ".html": "html", ".htm": "html"}
"""A source's format, by its suffix (the reader that reads it)."""
CHUNK = 1 << 20
KEEP_DOCUMENTS = 2000
"""The analyses a run keeps in memory as it writes them, for the graph and the Parquet dataset after it (which
then read only the others back from the store); past this many, the rest are read back, so the memory stays
bounded: the main process peaked at 530–560 MB on 544 documents held."""

OnResult = Callable[[SourceAnalysis, Outcome, int, int], None]
"""Called after each source is written: its result, the outcome, and the documents and pages written."""


def source_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The files named, and the files of a supported type inside the folders named (each folder's sorted), as
    ``extractor.pipeline.iter_files`` lists them, without importing the parsing stack (a rerun that skips every
    file needs only this of it). A ``PATH#NN`` is a file name here like any other: an ingest takes whole files."""
    from ..ingest import READERS

    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READERS) if p.is_dir() else [p])
    return out


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in 1 MB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def source_file(path: str | Path) -> SourceFile:
    """A file as found on disk, hashed. Raises OSError when it cannot be read."""
    p = Path(path)
    st = p.stat()
    return SourceFile(source_id=p.resolve().as_posix(), path=str(path), format=FORMATS.get(p.suffix.lower(), p.suffix.lstrip(".").lower()),
                      sha256=file_sha256(p), size=st.st_size, mtime=st.st_mtime)


REPEAT_SECONDS = 0.1
"""How often ``time_budget``'s alarm rings again once the budget is spent."""


@contextmanager
def time_budget(path: str, seconds: float) -> Iterator[None]:
    """Stop the block with a BudgetError (``max_seconds``) after ``seconds`` of wall time, by SIGALRM: in the
    main thread of a process only (a pool worker, or ``--workers 1``; not a Dask worker's thread), and only
    between Python bytecodes, so a C call (pdfium) overruns until it returns. The alarm rings again every
    ``REPEAT_SECONDS`` until the block has stopped: an error swallowed where it rang (a gc callback, a destructor, an
    ``except Exception`` of the code inside) is raised once more at the next bytecodes after it."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    rang: list[bool] = []
    leaving: list[bool] = []

    def over(signum: int, frame: object) -> None:
        if leaving:  # a ring while the block is being left: the error on its way out is enough
            return
        rang.append(True)
        raise BudgetError(path, "max_seconds", f"stopped after {seconds:g} s", seconds)

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    try:
        try:
            yield
        finally:
            leaving.append(True)
    finally:  # reached even when a ring fell between the block's end and the line above (rings are 0.1 s apart)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if rang:  # the alarm's error was swallowed where it rang (a gc callback, a destructor): the budget still holds
        raise BudgetError(path, "max_seconds", f"stopped after {seconds:g} s", seconds)


def analyze_source(path: str, budgets: Budgets = DEFAULT_BUDGETS) -> SourceAnalysis:
    """Hash and analyse one source file within ``budgets`` (``max_seconds`` as :func:`time_budget` can): its
    analyses, or the one-line error that stopped them. Never raises for a bad file; touches nothing but the file."""
    start = time.perf_counter()
    try:
        found = source_file(path)
    except OSError as e:
        found = SourceFile(source_id=Path(path).absolute().as_posix(), path=path, format=FORMATS.get(Path(path).suffix.lower(), ""),
                           sha256="", size=0, mtime=0.0)
        return SourceAnalysis(source=found, error=e.strerror or str(e), extractor_version=extractor_version())
    from ..analysis import analyze_path  # extraction loads only where a file is analysed, never on a rerun that skips all

    try:
        with time_budget(path, budgets.max_seconds):
            result = analyze_path(path, budgets)
    except BudgetError as e:  # the alarm rang outside analyze_path's own handler
        result = AnalysisResult(path=path, error=e.cause)
    return SourceAnalysis(source=found, analyses=result.analyses, error=result.error, extractor_version=extractor_version(),
                          seconds=time.perf_counter() - start)


def prepare_source(path: str, budgets: Budgets = DEFAULT_BUDGETS, *, light: bool = False) -> PreparedSource:
    """:func:`analyze_source`, and the rows the store will hold for it, made here (in the worker that analysed
    it) so that the main process only inserts them. ``light`` (a pool worker): the Parquet dataset's rows made here
    too, and the analyses left out of the result, so that nothing but rows is pickled back and unpickled by the main
    process (which alone writes, and whose CPU the workers share)."""
    from .payload import source_rows

    result = analyze_source(path, budgets)
    if result.error:
        return PreparedSource(result, None)
    rows = source_rows(result, datasets=light)
    return PreparedSource(result.model_copy(update={"analyses": []}) if light else result, rows)


def needs_analysis(found: SourceFile, stored: StoredSource | None, version: str) -> bool:
    """Whether a source must be analysed: new, changed bytes, another extractor version, or failed last time."""
    return stored is None or stored.status == "failed" or stored.sha256 != found.sha256 or stored.extractor_version != version


def _in_process(paths: Sequence[str], budgets: Budgets) -> Iterator[PreparedSource]:
    for p in paths:
        yield prepare_source(p, budgets)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def failed_source(path: str, cause: str) -> PreparedSource:
    """A source that could not be analysed, with its one-line cause (the file as found on disk when it can be
    read, else by its path alone)."""
    try:
        found = source_file(path)
    except OSError:
        found = SourceFile(source_id=Path(path).absolute().as_posix(), path=path, format=FORMATS.get(Path(path).suffix.lower(), ""),
                           sha256="", size=0, mtime=0.0)
    return PreparedSource(SourceAnalysis(source=found, error=cause, extractor_version=extractor_version()), None)


def _pooled(paths: Sequence[str], budgets: Budgets, workers: int) -> Iterator[PreparedSource]:
    from ..analysis import warm_up
    from ._pool import bounded_map  # the pool's modules only where one runs

    # the pipeline built once, here: the workers forked below start with it (its pages shared, frozen out of
    # their collectors' passes), rather than each building its own (0.9 CPU s a process)
    extractor_version()
    warm_up()
    import pyarrow  # noqa: F401  (the workers make the dataset's rows: its import shared with them, not paid by each)
    # the largest files first, so that a 300-page compendium does not start last and run alone at the end; a
    # file still running past its budget (in a C call the worker's alarm cannot stop) has its worker killed
    results = bounded_map(functools.partial(prepare_source, budgets=budgets, light=True), sorted(paths, key=_size, reverse=True),
                          workers=workers, seconds=budgets.max_seconds, failed=failed_source)
    for n, result in enumerate(results):
        yield result
        if n == 0:  # the dataset writer's imports (pandas among them, 0.7 CPU s) made while the workers run, not after them
            for module in ("pyarrow.dataset", "pyarrow.parquet"):
                importlib.import_module(module)


def analyses_of(paths: Sequence[str], budgets: Budgets = DEFAULT_BUDGETS, workers: int = 1) -> Iterator[PreparedSource]:
    """The analysis of every path and its rows (:func:`prepare_source`), as each completes: in this process
    (``workers`` 1; ``max_seconds`` is then a SIGALRM, which stops Python code but not a C call) or on a pool
    of up to ``workers`` forked processes, where a file past ``max_seconds`` has its worker killed."""
    if workers <= 1:
        return _in_process(paths, budgets)
    return _pooled(paths, budgets, min(workers, len(paths)))


def _under(source_id: str, roots: Iterable[Path]) -> bool:
    return any(source_id == r.as_posix() or source_id.startswith(r.as_posix().rstrip("/") + "/") for r in roots)


def plan(files: Sequence[Path], store: Store, version: str) -> tuple[list[str], list[SourceFile], list[tuple[str, str]]]:
    """Hash every file and sort them: the paths to analyse, the files unchanged (skipped), and the files that
    cannot be read, with their cause (a stored file named but gone from disk is none of them: it is kept)."""
    stored = store.sources()
    todo, skipped, unreadable = [], [], []
    for f in files:
        try:
            found = source_file(f)
        except OSError as e:
            if not (f.resolve().as_posix() in stored and not f.exists()):  # a stored file gone is kept (missing_sources)
                unreadable.append((str(f), e.strerror or str(e)))
            continue
        if needs_analysis(found, stored.get(found.source_id), version):
            todo.append(str(f))
        else:
            skipped.append(found)
    return todo, skipped, unreadable


def missing_sources(paths: Sequence[str | Path], store: Store) -> list[str]:
    """The stored sources under the folders (or at the files) named that are gone from disk; they stay stored."""
    roots = [Path(p).resolve() for p in paths]
    return sorted(s.path for s in store.sources().values() if _under(s.source_id, roots) and not Path(s.source_id).exists())


def stored_edges(job: tuple[Path, Mapping[str, Analysis]]) -> list[Values]:
    """The citation graph's rows over every document of the store at ``job[0]``, resolved from their stored
    citations read through a connection of its own (``job[1]``: analyses in memory, for a document stored
    without them): what ``finish``'s forked child runs (it never touches the parent's connection)."""
    root, known = job
    conn = sqlite3.connect(root / DB_NAME, timeout=BUSY_TIMEOUT_S)
    try:
        return edge_rows(Store(root, conn).graph_citations(known))
    finally:
        conn.close()


def finish(store: Store, *, wrote: bool, known: Mapping[str, Analysis], processes: int = 1,
           made: Mapping[str, Mapping[str, bytes]] | None = None) -> None:
    """After the sources are written: the citation graph made again when a source changed, and the Parquet dataset
    brought up to date (only its changed partitions) when the run wrote something or the store has none yet. A
    run that skipped every file does neither (nor imports pyarrow). ``known``: the analyses the run wrote and
    holds; ``made``: the dataset rows a pool worker made for the documents it analysed (their analyses never sent).

    The graph is resolved from the documents' stored citations (``Store.graph_citations``). With ``processes``
    > 1 it is made in a forked child (reading them from the store itself) while this process writes the dataset,
    and its rows written here after; the edges are marked current only then, so a run killed in between makes
    them again next time."""
    edges_current = store.edges_current()
    if edges_current and not wrote and dataset_complete(store.parquet_dir):
        return  # a rerun that skipped every file: neither the graph's code nor the dataset's is even imported
    from . import parquet
    from ._fork import in_child

    graph: Callable[[], list[Values]] | None = None
    if not edges_current:
        if processes > 1:
            graph = in_child(stored_edges, (store.root, known))
        else:
            graph = functools.partial(edge_rows, store.graph_citations(known))
    if wrote or parquet.dataset_missing(store):
        parquet.write_dataset(store, known=known, made=made)
    if graph is not None:
        store.write_edges(graph())


@contextmanager
def collector_spares_kept() -> Iterator[Callable[[], None]]:
    """A function that moves every object alive now out of the cyclic garbage collector's passes (``gc.freeze``),
    called once a source's results are kept: the analyses a run holds (millions of objects on a few hundred
    documents) are then not walked again by every collection the next results set off, which cost the main
    process about as much as the unpickling itself (0.5 s of the dataset's 1.2 s CPU on 544 documents). Everything
    is given back to the collector on leaving (unless it was frozen already on entering)."""
    ours = gc.get_freeze_count() == 0
    try:
        yield gc.freeze
    finally:
        if ours:
            gc.unfreeze()


def ingest(
    paths: Sequence[str | Path], store: Store, *, workers: int = 1, budgets: Budgets = DEFAULT_BUDGETS,
    on_plan: Callable[[int, int], None] | None = None, on_result: OnResult | None = None,
    analyse: Callable[[Sequence[str], Budgets, int], Iterable[PreparedSource]] = analyses_of,
) -> RunSummary:
    """Bring the store up to date with the files named (folders: their supported files). The caller holds the
    store's lock (``extractor.db.lock.store_lock``).

    ``on_plan(to_analyse, skipped)`` is called once the files are hashed, ``on_result(result, outcome)`` after
    each source is written. ``analyse`` runs the analyses (the local pool by default; Dask's runs the same
    ``analyze_source``)."""
    start = time.perf_counter()
    version = extractor_version()
    run_id = store.start_run({"paths": [str(p) for p in paths], "workers": workers}, os.getpid())
    todo, skipped, unreadable = plan(source_paths(paths), store, version)
    if on_plan is not None:
        on_plan(len(todo), len(skipped))
    counts = {"added": 0, "updated": 0, "failed": len(unreadable)}
    errors, documents, pages = list(unreadable), 0, 0
    kept: dict[str, Analysis] = {}
    made: dict[str, Mapping[str, bytes]] = {}
    with collector_spares_kept() as settle:
        for result, rows in (analyse(todo, budgets, workers) if todo else ()):
            outcome = store.write_source(result, run_id, rows)
            counts[outcome] += 1
            written = (0, 0)
            if outcome == "failed":
                stored = store.source(result.source.source_id)
                errors.append((result.source.path, (stored.error if stored else None) or result.error or "failed"))
            else:
                written = (len(rows.doc_ids), rows.pages) if rows is not None else (
                    len(result.analyses), len({p for a in result.analyses for p in a.document.source.pages}))
                documents, pages = documents + written[0], pages + written[1]
                if rows is not None and rows.datasets is not None:
                    made.update(rows.datasets)
                elif len(kept) + len(result.analyses) <= KEEP_DOCUMENTS:
                    kept.update((a.id, a) for a in result.analyses)
                    settle()
            if on_result is not None:
                on_result(result, outcome, *written)
        finish(store, wrote=bool(todo), known=kept, processes=workers, made=made)
    summary = RunSummary(run_id=run_id, added=counts["added"], updated=counts["updated"], skipped=len(skipped),
                         failed=counts["failed"], documents=documents, pages=pages, errors=errors,
                         missing=missing_sources(paths, store), seconds=time.perf_counter() - start)
    store.finish_run(summary)
    return summary


__all__ = ["FORMATS", "SourceAnalysis", "analyses_of", "analyze_source", "failed_source", "file_sha256", "finish", "ingest", "missing_sources",
           "needs_analysis", "plan", "prepare_source", "source_file", "source_paths"]
