"""What the commands read: the files named (folders: their supported files), with a progress bar for a batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..pipeline import iter_files, parse_path
from ..records import Analysis, AnalysisResult, Document, ParseResult
from ._app import err

PROGRESS_MIN_FILES = 5
R = TypeVar("R")


def _each(paths: Sequence[str], label: str, fn: Callable[[Path], R]) -> Iterator[R]:
    files = iter_files(paths)
    if not files:
        raise click.UsageError(f"no supported files in: {' '.join(paths)}")
    if len(files) < PROGRESS_MIN_FILES:
        for f in files:
            yield fn(f)
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("", total=len(files))
        for f in files:
            progress.update(task, description=f.name)
            yield fn(f)
            progress.advance(task)


def parse_results(paths: Sequence[str], label: str) -> Iterator[ParseResult]:
    """The documents of every file named (folders: their supported files), with a progress bar: source files
    parsed, saved analyses or documents read back."""
    return _each(paths, label, parse_path)


def analysis_results(paths: Sequence[str], label: str) -> Iterator[AnalysisResult]:
    """The analyses of every file named: source files parsed and extracted once each, saved analyses (the
    .json/.jsonl of ``zhengce extract``) read back as they are."""
    from ..analysis import analyze_path  # extraction (spaCy and the rule tables) loads only for commands that extract

    return _each(paths, label, analyze_path)


def all_analyses(paths: Sequence[str], label: str) -> tuple[list[Analysis], list[AnalysisResult]]:
    """Every analysis of the files named, and the files that failed (to report once the rest is done)."""
    results = list(analysis_results(paths, label))
    return [a for r in results for a in r.analyses], [r for r in results if r.error]


def all_documents(paths: Sequence[str], label: str) -> tuple[list[Document], list[ParseResult]]:
    """Every document of the files named, and the files that failed."""
    results = list(parse_results(paths, label))
    return [d for r in results for d in r.documents], [r for r in results if r.error]
