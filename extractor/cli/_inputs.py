"""What the commands read: the files named (folders: their supported files), with a progress bar for a batch.

Each file is read within the run's budgets (:func:`._app.current_budgets`), in a worker process that is stopped
when the file overruns ``--max-seconds``; whatever a file does (an error of any type, a crash of its process),
it is that file's one line and the batch goes on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..budgets import Budgets
from ..pipeline import is_saved, iter_files, map_bounded, parse_path
from ..records import Analysis, AnalysisResult, Document, ParseResult
from ._app import current_budgets, err, report_warnings

PROGRESS_MIN_FILES = 5
R = TypeVar("R", ParseResult, AnalysisResult)


def _bounded(files: Sequence[Path], fn: Callable[[Path], R], failed: Callable[[Path, str], R], seconds: float) -> Iterator[R]:
    """``fn`` of each file within ``seconds``, each file's warnings printed as it is done."""
    for result in map_bounded(fn, files, seconds, failed):
        docs = result.documents if isinstance(result, ParseResult) else [a.document for a in result.analyses]
        report_warnings(result.path, docs)
        yield result


def _each(
    paths: Sequence[str], label: str, fn: Callable[[Path], R], failed: Callable[[Path, str], R], budgets: Budgets
) -> Iterator[R]:
    files = iter_files(paths)
    if not files:
        raise click.UsageError(f"no supported files in: {' '.join(paths)}")
    if len(files) < PROGRESS_MIN_FILES:
        yield from _bounded(files, fn, failed, budgets.max_seconds)
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
    # auto_refresh off: no refresh thread, so the worker process is forked from a process of one thread
    with Progress(*columns, console=err, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("", total=len(files))
        progress.update(task, description=files[0].name, refresh=True)
        for n, result in enumerate(_bounded(files, fn, failed, budgets.max_seconds), start=1):
            yield result
            progress.update(task, advance=1, description=files[n].name if n < len(files) else "", refresh=True)


def parse_results(paths: Sequence[str], label: str, budgets: Budgets | None = None) -> Iterator[ParseResult]:
    """The documents of every file named (folders: their supported files), with a progress bar: source files
    parsed within ``budgets`` (default: the command's), saved analyses or documents read back."""
    b = budgets if budgets is not None else current_budgets()
    return _each(paths, label, functools.partial(parse_path, budgets=b), _parse_failed, b)


def _parse_failed(path: Path, cause: str) -> ParseResult:
    return ParseResult(path=str(path), error=cause)


def _analysis_failed(path: Path, cause: str) -> AnalysisResult:
    return AnalysisResult(path=str(path), error=cause)


def analysis_results(paths: Sequence[str], label: str, budgets: Budgets | None = None) -> Iterator[AnalysisResult]:
    """The analyses of every file named: source files parsed (within ``budgets``, default: the command's) and
    extracted once each, saved analyses (the .json/.jsonl of ``zhengce extract``) read back as they are."""
    from ..analysis import analyze_path, warm_up  # extraction (spaCy, rule tables) loads only for commands that extract

    if not all(is_saved(p) for p in paths):
        warm_up()  # once in this process, so that every worker forked from it starts with it loaded
    b = budgets if budgets is not None else current_budgets()
    return _each(paths, label, functools.partial(analyze_path, budgets=b), _analysis_failed, b)


def all_analyses(paths: Sequence[str], label: str) -> tuple[list[Analysis], list[AnalysisResult]]:
    """Every analysis of the files named, and the files that failed (to report once the rest is done)."""
    results = list(analysis_results(paths, label))
    return [a for r in results for a in r.analyses], [r for r in results if r.error]


def all_documents(paths: Sequence[str], label: str) -> tuple[list[Document], list[ParseResult]]:
    """Every document of the files named, and the files that failed."""
    results = list(parse_results(paths, label))
    return [d for r in results for d in r.documents], [r for r in results if r.error]


def analyze_each(refs: Sequence[str], budgets: Budgets | None = None) -> list[AnalysisResult]:
    """The analyses of each file (or ``PATH#NN``) named, in order, each read as a batch reads a file: within
    ``budgets`` (default: the command's options and environment), stopped at ``--max-seconds``, any failure the
    result's ``error``. For commands that name their files one by one (``diff A B``, ``history V1 V2``).

    The files are read one after another in one worker process, which loads the extraction (spaCy, the rule
    tables) once for all of them; this process never loads it, and it gets back of each analysis only what a
    comparison of versions reads (``analysis.for_versions``), so that what it holds while it compares them is
    that and the comparison (issue 13: the memory budget of one command)."""
    from ..analysis import analyze_versions

    b = budgets if budgets is not None else current_budgets()
    results = list(map_bounded(functools.partial(analyze_versions, budgets=b), [Path(r) for r in refs], b.max_seconds,
                               _analysis_failed))
    for result in results:
        report_warnings(result.path, [a.document for a in result.analyses])
    return results
