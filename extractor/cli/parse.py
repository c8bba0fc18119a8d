"""``zhengce parse``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table as RichTable

from ..errors import InputError
from ..records import ParseResult
from ..store.documents_out import DocumentSink
from ._app import err, exit_on_errors, say
from ._inputs import parse_results


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "md", "tree"]), default="json", show_default=True,
              help="json: one record per document; jsonl: one line per document; md: Markdown; tree: an outline.")
@click.option("-o", "--out", type=click.Path(), default=None,
              help="A folder (one file per document, plus a summary) or a file (everything in it). Default: stdout.")
def parse(paths: tuple[str, ...], fmt: str, out: str | None) -> None:
    """Parse PDF, text, DOCX and HTML files (or folders of them) into documents with metadata and article trees.

    A compendium (汇编) becomes its documents. Each document carries id, title, doc_type, doc_number,
    issuers, date, region, level and sections (num, heading, path, text, children, span, page). Written to a
    folder, each document is OUT/<id>.json, where the id is the file name with its kind (001_x.txt, 001_x.pdf;
    a compendium's documents 004_x-05.txt), so the text and the PDF of one document never overwrite each other;
    jsonl goes to OUT/documents.jsonl. Written to one file or to the screen, json is a list of documents (jsonl:
    one per line). Every file is written whole (a temporary file, then a rename), a second run into the same
    output waits for the first, and two sources that would give one file name are an error, never an overwrite.

    Example: zhengce parse corpus/texts/001_e001dd900bee0134.txt --format tree
    """
    failed: list[ParseResult] = []
    summary = RichTable("file", "documents", "pages", "sections", "warnings", title="zhengce parse")
    with DocumentSink(out, fmt, sys.stdout, on_wait=say) as sink:  # type: ignore[arg-type]
        for result in parse_results(paths, "parsing"):
            if result.error:
                failed.append(result)
                summary.add_row(Path(result.path).name, "[red]error[/red]", "", "", result.error)
                continue
            for doc in result.documents:
                try:
                    sink.write(doc)
                except InputError as e:  # its file name is another source's: not overwritten
                    failed.append(ParseResult(path=result.path, error=e.cause))
            docs = result.documents
            pages = max((p for d in docs for p in d.source.pages), default=0)
            summary.add_row(
                Path(result.path).name, str(len(docs)), str(pages) if pages else "–",
                str(sum(len(d.sections) for d in docs)), str(sum(len(d.warnings) for d in docs)) or "0",
            )
    if out is not None:
        err.print(summary)
    exit_on_errors(failed)
