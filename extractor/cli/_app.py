"""The ``zhengce`` command: a thin layer over the library.

Every command takes files and folders, reports a bad file in one line naming the file and the cause, goes on
with the rest, and exits non-zero when any file failed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from .pipeline import iter_files, parse_path
from .records import Document, ParseResult
from .store.render import document_to_markdown, document_to_tree

PROGRESS_MIN_FILES = 5

err = Console(stderr=True, highlight=False, width=None if sys.stderr.isatty() else 140)


def _results(paths: Sequence[str], label: str) -> Iterator[ParseResult]:
    files = iter_files(paths)
    if not files:
        raise click.UsageError(f"no supported files in: {' '.join(paths)}")
    if len(files) < PROGRESS_MIN_FILES:
        for f in files:
            yield parse_path(f)
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("", total=len(files))
        for f in files:
            progress.update(task, description=f.name)
            yield parse_path(f)
            progress.advance(task)


def _render(doc: Document, fmt: str) -> str:
    if fmt == "json":
        return doc.model_dump_json(indent=2) + "\n"
    if fmt == "jsonl":
        return doc.model_dump_json() + "\n"
    if fmt == "md":
        return document_to_markdown(doc)
    return document_to_tree(doc)


_SUFFIX = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "tree": ".txt"}


def _report_errors(failed: list[ParseResult]) -> int:
    for r in failed:
        err.print(f"[red]error[/red]: {r.path}: {r.error}", soft_wrap=True)
    if failed:
        err.print(f"{len(failed)} file(s) failed", soft_wrap=True)
    return 1 if failed else 0


def exit_on_errors(failed: list[ParseResult]) -> None:
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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "md", "tree"]), default="json", show_default=True,
              help="json: one record per document; jsonl: one line per document; md: Markdown; tree: an outline.")
@click.option("-o", "--out", type=click.Path(), default=None,
              help="A folder (one file per document, plus a summary) or a file (everything in it). Default: stdout.")
def parse(paths: tuple[str, ...], fmt: str, out: str | None) -> None:
    """Parse PDF, text, DOCX and HTML files (or folders of them) into documents with metadata and article trees.

    A compendium (汇编) becomes its documents. Each document carries id, title, doc_type, doc_number,
    issuers, date, region, level and sections (num, heading, path, text, children, span, page). Written to a
    folder, each document is OUT/<id>.json; when the files parsed are of several kinds (the same document as
    text and as PDF, say), each kind gets a subfolder: OUT/pdf/<id>.json, OUT/text/<id>.json. Written to one
    file or to the screen, json is a list of documents (jsonl: one per line).

    Example: zhengce parse corpus/texts/001_e001dd900bee0134.txt --format tree
    """
    to_dir = out is not None and (Path(out).is_dir() or not Path(out).suffix)
    mixed = len({f.suffix.lower().replace(".htm", ".html") for f in iter_files(paths)}) > 1
    sink = None
    if out is not None and not to_dir:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        sink = open(out, "w", encoding="utf-8")
    elif to_dir:
        Path(out).mkdir(parents=True, exist_ok=True)  # type: ignore[arg-type]
    failed: list[ParseResult] = []
    summary = RichTable("file", "documents", "pages", "sections", "warnings", title="zhengce parse")
    jsonl_dir = open(Path(out) / "documents.jsonl", "w", encoding="utf-8") if to_dir and fmt == "jsonl" else None  # type: ignore[arg-type]
    stream = not to_dir and fmt == "json"  # one JSON list of all documents

    def write(text: str) -> None:
        if sink is not None:
            sink.write(text)
        else:
            click.echo(text, nl=False)

    first = True
    try:
        if stream:
            write("[\n")
        for result in _results(paths, "parsing"):
            if result.error:
                failed.append(result)
                summary.add_row(Path(result.path).name, "[red]error[/red]", "", "", result.error)
                continue
            for doc in result.documents:
                text = _render(doc, fmt)
                if stream:
                    text = ("" if first else ",\n") + text.rstrip("\n")
                    first = False
                if jsonl_dir is not None:
                    jsonl_dir.write(text)
                elif to_dir:
                    folder = Path(out) / doc.source.kind if mixed else Path(out)  # type: ignore[arg-type]
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{doc.id}{_SUFFIX[fmt]}").write_text(text, encoding="utf-8")
                else:
                    write(text)
            docs = result.documents
            pages = max((p for d in docs for p in d.source.pages), default=0)
            summary.add_row(
                Path(result.path).name, str(len(docs)), str(pages) if pages else "–",
                str(sum(len(d.sections) for d in docs)), str(sum(len(d.warnings) for d in docs)) or "0",
            )
        if stream:
            write("\n]\n")
    finally:
        for f in (sink, jsonl_dir):
            if f is not None:
                f.close()
    if out is not None:
        err.print(summary)
    exit_on_errors(failed)


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


def _register_commands() -> None:
    from . import cli_compare, cli_eval, cli_export, cli_extract, cli_graph

    cli_eval.register(cli)
    cli_extract.register(cli)
    cli_compare.register(cli)
    cli_export.register(cli)
    cli_graph.register(cli)


_register_commands()

if __name__ == "__main__":
    sys.exit(main())
