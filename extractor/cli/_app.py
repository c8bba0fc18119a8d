"""The ``zhengce`` command group and what its commands share: reading inputs with a progress bar, reporting bad
files, writing output. Each command is a module of this package; the library does the work.

Every command takes files and folders, reports a bad file in one line naming the file and the cause, goes on
with the rest, and exits non-zero when any file failed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..analysis import analyze_path, documents_of_path
from ..pipeline import iter_files
from ..records import AnalysisResult, ParseResult

PROGRESS_MIN_FILES = 5
R = TypeVar("R")

err = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 140)


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
    return _each(paths, label, documents_of_path)


def analysis_results(paths: Sequence[str], label: str) -> Iterator[AnalysisResult]:
    """The analyses of every file named: source files parsed and extracted once each, saved analyses (the
    .json/.jsonl of ``zhengce extract``) read back as they are."""
    return _each(paths, label, analyze_path)


def _report_errors(failed: Sequence[ParseResult | AnalysisResult]) -> int:
    for r in failed:
        err.print(f"[red]error[/red]: {r.path}: {r.error}", soft_wrap=True)
    if failed:
        err.print(f"{len(failed)} file(s) failed", soft_wrap=True)
    return 1 if failed else 0


def exit_on_errors(failed: Sequence[ParseResult | AnalysisResult]) -> None:
    """Report the files that failed, one line each, and exit 1 when there were any."""
    if _report_errors(failed):
        raise SystemExit(1)


def emit(text: str, out: str | None, note: str = "") -> None:
    """Write ``text`` to the file ``out`` (folders made as needed) and say so, or to stdout."""
    if out is None:
        click.echo(text, nl=False)
        return
    if Path(out).is_dir():
        raise click.UsageError(f"{out}: is a folder; give a file name with -o")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(text, encoding="utf-8")
    if note:
        err.print(f"{note} to {out}", soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zhengce")
def cli() -> None:
    """Zhengce (政策): read Chinese official policy documents into structured, traceable records.

    \b
    A typical session:
      zhengce parse corpus/texts -o out/          documents with metadata and article trees
      zhengce extract corpus/texts --format csv   every amount, cap, rate, duration… with its quote
      zhengce show FILE --html -o page.html       a document with its extractions highlighted
      zhengce compare corpus/texts --benefit 创业担保贷款   one benefit across documents
      zhengce diff A B --format html -o d.html    two versions, or a province and a city, side by side
      zhengce graph corpus/texts --in-force 2023-06-01    citations, repeals, what was in force
      zhengce export corpus/texts --table quantities --format parquet -o q.parquet
    A document inside a compendium is PATH#NN. Each command has --help with an example.
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (tests call this in-process)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="zhengce", standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        return 130
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except SystemExit as e:
        return int(e.code or 0)
    except OSError as e:  # an output path that is a folder, a missing folder, no permission …
        err.print(f"[red]error[/red]: {e.filename or ''}: {e.strerror or e}", soft_wrap=True)
        return 1
    return 0
