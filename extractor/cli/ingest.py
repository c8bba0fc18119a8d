"""``zhengce ingest``: bring a corpus store up to date with the files named, on N processes."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from ..budgets import Budgets
from ..db.ingest import ingest, source_paths
from ..db.lock import store_lock
from ..db.records import Outcome, RunSummary, SourceAnalysis
from ..db.store import DEFAULT_STORE, open_store
from ..errors import InputError
from ._app import current_budgets, err, with_budgets


class _RateColumn(TextColumn):
    """Documents and pages per second since the first source was analysed."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        docs, pages = task.fields.get("docs", 0), task.fields.get("pages", 0)
        if elapsed <= 0 or not task.completed:
            return Text("")
        return Text(f"{docs / elapsed:.1f} docs/s {pages / elapsed:.1f} pages/s")


def _progress() -> Progress:
    # auto_refresh off: no display thread runs while the worker processes are forked; redrawn on each result
    return Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), _RateColumn(), TimeElapsedColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.description}"),
                    console=err, transient=True, auto_refresh=False)


def _report(summary: RunSummary, store: str) -> None:
    for path, cause in summary.errors:
        err.print(f"[red]error[/red]: {path}: {cause}", soft_wrap=True)
    for path in summary.missing:
        err.print(f"[yellow]warning[/yellow]: {path}: gone from disk; its stored analysis is kept", soft_wrap=True)
    err.print(f"{summary.added} added, {summary.updated} updated, {summary.skipped} skipped, {summary.failed} failed "
              f"({summary.documents} documents, {summary.pages} pages written) in {summary.seconds:.1f} s; store {store}",
              soft_wrap=True)


def run_ingest(paths: Sequence[str], store: str, workers: int, wait: float, budgets: Budgets,
               engine: str = "local", scheduler: str | None = None) -> RunSummary:
    """Take the store's lock (waiting up to ``wait`` seconds, saying so), then ingest with a progress bar."""
    with store_lock(Path(store), wait, on_wait=lambda pid: err.print(
            f"waiting for the store (pid {pid or '?'})…", soft_wrap=True)), open_store(store) as st, _progress() as progress:
        task = progress.add_task("", total=None, docs=0, pages=0)

        def on_plan(todo: int, skipped: int) -> None:
            progress.update(task, total=todo, description=f"{skipped} unchanged" if skipped else "")
            progress.refresh()

        def on_result(result: SourceAnalysis, outcome: Outcome, documents: int, pages: int) -> None:
            fields = progress.tasks[0].fields
            progress.update(task, advance=1, docs=fields["docs"] + documents, pages=fields["pages"] + pages,
                            description=f"{outcome} {os.path.basename(result.source.path)}")
            progress.refresh()

        if engine == "dask":
            # Dask and the extraction load only for a Dask run: a rerun that skips every file pays for neither
            from ..db.engine_dask import ingest_with_dask

            return ingest_with_dask(paths, st, scheduler=scheduler, workers=workers, budgets=budgets, on_plan=on_plan,
                                    on_result=on_result)
        return ingest(paths, st, workers=workers, budgets=budgets, on_plan=on_plan, on_result=on_result)


@with_budgets
@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--store", "store", type=click.Path(file_okay=False), default=DEFAULT_STORE, show_default=True,
              envvar="ZHENGCE_STORE", show_envvar=True, help="The store's folder (made when absent).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes analysing files (default: every core). 1: in this process, no pool.")
@click.option("--wait", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds to wait for another ingest writing to the same store before giving up (exit 1).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool here. dask: the same function on a Dask cluster (a LocalCluster of "
                   "--workers processes unless --scheduler names one). Both write SQLite and the Parquet dataset.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the scheduler to use (tcp://host:8786); its workers must read the files at the paths given.")
def ingest_cmd(paths: tuple[str, ...], store: str, workers: int | None, wait: float, engine: str,
               scheduler: str | None) -> None:
    """Analyse every document of the files named (folders: their supported files) into the store, once:
    a file whose bytes and extractor version are stored is skipped, a changed one analysed again and its old
    analysis replaced, a file gone from disk kept; the store's Parquet dataset (STORE/parquet) is then brought up
    to date, only its changed partitions. Each file is written in one transaction, so a run killed at
    any moment leaves the store whole, and a rerun completes it. Exits 1 when any file failed.

    Example: zhengce ingest corpus --store zhengce-store --workers 2
    """
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if not source_paths(paths):
        raise click.UsageError(f"no supported files in: {' '.join(paths)}")
    started = time.perf_counter()
    try:
        summary = run_ingest(paths, store, workers or os.cpu_count() or 1, wait, current_budgets(), engine, scheduler)
    except InputError as e:  # the store busy (StoreBusy) or unusable: one line
        err.print(f"[red]error[/red]: {e}", soft_wrap=True)
        raise SystemExit(1) from None
    _report(summary.model_copy(update={"seconds": time.perf_counter() - started}), store)
    if summary.failed:
        raise SystemExit(1)


__all__ = ["ingest_cmd", "run_ingest"]
