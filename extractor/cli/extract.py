"""``zhengce extract`` and ``zhengce show``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from ..extract.taxonomy import benefits, groups
from ..records import AnalysisResult
from ..store.atomic import output_lock, write_atomic
from ..store.export import TABLES, quantity_row
from ..store.highlight import document_to_html
from ..store.json_stream import BufferedText, iter_json
from ..store.rows import quantity_to_row, rows_to_jsonl, table_to_csv
from ._app import emit, exit_on_errors, output_text, say
from ._inputs import analysis_results

ROWS_AT_ONCE = 1000
"""Quantities made into rows and written at a time (jsonl, csv)."""


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "json", "analyses"]), default="jsonl", show_default=True,
              help="jsonl/csv: one quantity per line; json: a list of analyses (document, quantities, provisions), "
                   "analyses: the same, one analysis per line. compare, diff, graph and export read json and analyses back.")
@click.option("-o", "--out", type=click.Path(), default=None,
              help="Output file (default: stdout). A CSV file is UTF-8 with a BOM, so Excel reads it.")
@click.option("--excel", is_flag=True, help="For --format csv on stdout: start with the UTF-8 BOM, as in a file.")
@click.option("--all", "everything", is_flag=True,
              help="Also list dates, statistics, work targets and scoring-sheet numbers (role column).")
def extract_cmd(paths: tuple[str, ...], fmt: str, out: str | None, excel: bool, everything: bool) -> None:
    """Extract the policy's quantities: amounts, caps, rates, durations, ages and thresholds, normalized,
    with bound, per, base, benefit, groups, section and the quote, page and line they came from.

    Example: zhengce extract corpus/texts/001_e001dd900bee0134.txt --format csv

    Example: zhengce extract corpus/texts --format csv --excel > quantities.csv

    Example: zhengce extract corpus/texts --format json -o corpus.json && zhengce compare corpus.json --benefit 生活补贴
    """
    if excel and fmt != "csv":
        raise click.UsageError("--excel is for --format csv")
    failed: list[AnalysisResult] = []
    counts = _Counts()
    with output_text(out, bom=fmt == "csv" and (out is not None or excel)) as text:
        # each analysis is written as it comes and then let go, so neither a batch nor one document of 100,000
        # numbers is held whole (store.json_stream); a file is still written whole or not at all (a temporary
        # file, renamed at the end)
        if fmt == "json":
            text.write("[\n")
        for result in analysis_results(paths, "extracting"):
            if result.error:
                failed.append(result)
            else:
                _write(result, fmt, everything, text, counts)
            del result
        if fmt == "json":
            text.write("\n]\n")
    if out is not None:
        say(f"zhengce extract: wrote {counts.analyses} analyses ({counts.quantities} quantities) to {out}" if fmt in ("json", "analyses")
            else f"zhengce extract: wrote {counts.records} records to {out}")
    exit_on_errors(failed)


@dataclass
class _Counts:
    analyses: int = 0
    quantities: int = 0
    records: int = 0


def _write(result: AnalysisResult, fmt: str, everything: bool, text: BufferedText, counts: _Counts) -> None:
    """The analyses of one file written: whole (json, analyses) or as quantity rows, ``ROWS_AT_ONCE`` at a time."""
    for ex in result.analyses:
        if fmt in ("json", "analyses"):
            if fmt == "json" and counts.analyses:
                text.write(",\n")
            for piece in iter_json(ex, 2 if fmt == "json" else None):
                text.write(piece)
            if fmt == "analyses":
                text.write("\n")
            counts.analyses += 1
            counts.quantities += len(ex.quantities)
            continue
        shown = [q for q in ex.quantities if everything or (q.role == "parameter" and q.kind != "date")]
        if fmt == "csv" and not counts.analyses:  # the columns of zhengce export --table quantities, once
            text.write(table_to_csv([], TABLES["quantities"], header=True))
        counts.analyses += 1
        for at in range(0, len(shown), ROWS_AT_ONCE):
            part = shown[at:at + ROWS_AT_ONCE]
            if fmt == "csv":
                text.write(table_to_csv([quantity_row(ex.document, q) for q in part], TABLES["quantities"], header=False))
            else:
                text.write(rows_to_jsonl([quantity_to_row(ex.id, q) for q in part]))
            counts.records += len(part)


@click.command("show")
@click.argument("path", type=click.Path())
@click.option("--html", "as_html", is_flag=True,
              help="Write an HTML page: every extraction highlighted (its fields on hover), the list of extractions "
                   "beside the text linked both ways, an anchor on every article (page.html#s-二-（一）), a table of contents.")
@click.option("-o", "--out", type=click.Path(), default=None,
              help="Output file; for a file of several documents, a folder (one page each). Default: stdout.")
def show_cmd(path: str, as_html: bool, out: str | None) -> None:
    """Show a document with its extractions: highlighted in one self-contained HTML page (colour by kind,
    fields on hover, a linked list of the extractions, article anchors, a table of contents), or as a plain list.

    Example: zhengce show corpus/texts/001_e001dd900bee0134.txt --html -o 001.html
    """
    result = next(iter(analysis_results([path], "reading")))
    if result.error:
        exit_on_errors([result])
    pages = []
    for ex in result.analyses:
        doc = ex.document
        if not as_html:
            lines = [f"{doc.id}  {doc.title or ''}"]
            for q in ex.quantities:
                if q.kind != "date":
                    v = q.value if q.value_max is None else f"{q.value}–{q.value_max}"
                    lines.append(f"  [{q.section}] {q.kind} {v} {q.unit} {q.bound} {'/'.join(q.per)} «{q.quote}» {q.role}")
            pages.append((doc.id, "\n".join(lines) + "\n"))
            continue
        mentions = [(s, e, "group", groups().entries[i].name) for s, e, i in groups().find(doc.text)]
        mentions += [(s, e, "benefit", benefits().entries[i].name) for s, e, i in benefits().find(doc.text)]
        pages.append((doc.id, document_to_html(doc, ex.quantities, mentions)))
    if out is None:
        click.echo("".join(p for _, p in pages), nl=False)
    elif len(pages) == 1 and Path(out).suffix:
        emit(pages[0][1], out)
    else:
        Path(out).mkdir(parents=True, exist_ok=True)
        with output_lock(out, on_wait=say):
            for doc_id, page in pages:
                write_atomic(Path(out) / f"{doc_id}{'.html' if as_html else '.txt'}", page)
