"""The ``zhengce`` command group and what its commands share: reporting bad files and writing output. Each
command is a module of this package, imported when it is run; the library does the work.

Every command takes files and folders, reports a bad file in one line naming the file and the cause, goes on
with the rest, and exits non-zero when any file failed.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError
from rich.console import Console

from ..budgets import Budgets
from ..records import AnalysisResult, Document, ParseResult
from ..store.atomic import atomic_open, output_lock, write_atomic
from ..store.json_stream import BufferedText

err = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 140)


def report_warnings(path: str, docs: Sequence[Document]) -> None:
    """The warnings of a file's documents (a page skipped or read by OCR …), each once, one line each."""
    for w in dict.fromkeys(w for d in docs for w in d.warnings):
        err.print(f"[yellow]warning[/yellow]: {path}: {w}", soft_wrap=True)


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


def say(note: str) -> None:
    """One line to stderr, such as that another run holds the output."""
    err.print(note, soft_wrap=True)


def emit(text: str, out: str | None, note: str = "", bom: bool = False) -> None:
    """Write ``text`` to the file ``out`` (folders made as needed) and say so, or to stdout. ``bom``: a CSV file
    starts with the UTF-8 byte-order mark, so that Excel on a Chinese Windows reads it as UTF-8. The file is
    written atomically (a temporary file beside it, then a rename) under the output's lock, so a kill leaves the
    old file or the new one and concurrent runs into one file are serialized."""
    if out is None:
        click.echo(text, nl=False)
        return
    if Path(out).is_dir():
        raise click.UsageError(f"{out}: is a folder; give a file name with -o")
    with output_lock(out, on_wait=say):
        write_atomic(out, text, encoding="utf-8-sig" if bom else "utf-8")
    if note:
        err.print(f"{note} to {out}", soft_wrap=True)


@contextlib.contextmanager
def output_text(out: str | None, bom: bool = False) -> Iterator[BufferedText]:
    """A text written piece by piece to the file ``out`` or to stdout, as :func:`emit` writes it whole: the file
    under the output's lock, in a temporary file renamed over ``out`` when the ``with`` block ends without an
    exception (so nothing of a failed run is left, and a kill leaves the old file); ``bom``: the text starts with
    the UTF-8 byte-order mark."""
    if out is not None and Path(out).is_dir():
        raise click.UsageError(f"{out}: is a folder; give a file name with -o")
    with contextlib.ExitStack() as stack:
        if out is None:
            text = BufferedText(functools.partial(click.echo, nl=False))
        else:
            stack.enter_context(output_lock(out, on_wait=say))
            text = BufferedText(stack.enter_context(atomic_open(out)).write)
        if bom:
            text.write("\ufeff")
        yield text
        text.flush()


@dataclass
class RunState:
    """What the group's commands share in a run (the click context's ``obj``): the budgets given as options."""

    budget_options: dict[str, float | int] = field(default_factory=dict)

    def budgets(self) -> Budgets:
        """The budgets of this run: the defaults, the ``ZHENGCE_MAX_*`` environment, then the options given."""
        try:
            return Budgets.from_env(None, **self.budget_options)
        except ValidationError as e:
            first = e.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "budget"
            raise click.UsageError(f"{Budgets.option(name)} / {Budgets.env_var(name)}: {first['msg']}") from None


def current_budgets() -> Budgets:
    """The budgets of the command being run (its options and the environment), or of the environment alone
    outside a command."""
    ctx = click.get_current_context(silent=True)
    state = ctx.find_object(RunState) if ctx is not None else None
    return state.budgets() if state is not None else RunState().budgets()


def _store_budget(ctx: click.Context, param: click.Parameter, value: float | int | None) -> None:
    if value is not None and param.name is not None:
        ctx.ensure_object(RunState).budget_options[param.name] = value


def _number(x: object) -> str:
    return f"{x:g}" if isinstance(x, float) else f"{x:,}" if isinstance(x, int) else str(x)


def _budget_option(name: str) -> click.Option:
    info = Budgets.model_fields[name]
    kind: click.IntRange | click.FloatRange = (
        click.IntRange(min=1) if info.annotation is int else click.FloatRange(min=0, min_open=True)
    )
    return click.Option(
        [Budgets.option(name), name], type=kind, default=None, expose_value=False, callback=_store_budget,
        envvar=Budgets.env_var(name), show_envvar=True, is_eager=True,
        help=f"Budget: {info.description} (default {_number(info.default)}).",
    )


C = TypeVar("C", bound=click.Command)


def with_budgets(command: C) -> C:
    """Give a command that reads files every budget as an option (``--max-pages``, environment
    ``ZHENGCE_MAX_PAGES``): a file over one is that file's one error line. Applying it twice adds nothing."""
    have = {p.name for p in command.params}
    command.params.extend(_budget_option(name) for name in Budgets.model_fields if name not in have)
    return command


READS_FILES = frozenset({"parse", "extract", "show", "compare", "diff", "graph", "export", "history", "groups", "ingest"})
"""The commands that read source files, and so take the budgets as options."""

COMMANDS = {
    "parse": "parse:parse", "extract": "extract:extract_cmd", "show": "extract:show_cmd",
    "compare": "compare:compare_cmd", "diff": "diff:diff_cmd", "graph": "graph:graph_cmd",
    "export": "export:export_cmd", "eval": "eval:eval_cmd", "schema": "eval:schema_cmd",
    "history": "history:history_cmd",
    "benefits": "taxonomy:benefits_cmd",
    "groups": "taxonomy:groups_cmd",
    "ingest": "ingest:ingest_cmd", "search": "search:search_cmd", "stats": "search:stats_cmd",
    "serve": "serve:serve_cmd",
}
"""Each command and where it is defined (``module:function`` in this package), imported when it is run."""


class LazyGroup(click.Group):
    """A group whose commands are imported only when one is run (or help lists them), so a command pays for its
    own imports and not for every other command's (spaCy, pyarrow, matplotlib …)."""

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module, _, name = self.lazy[cmd_name].partition(":")
        command: click.Command = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return with_budgets(command) if cmd_name in READS_FILES else command


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
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
      zhengce history V1 V2 V3 --format md        versions of one work in date order, annotated (编注版)
      zhengce graph corpus/texts --in-force 2023-06-01    citations, repeals, what was in force
      zhengce export corpus/texts --table quantities --format parquet -o q.parquet
      zhengce benefits                            the benefits known, as a tree, with synonyms
      zhengce groups corpus/texts --format md     the groups known, with counts in the corpus
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
