"""``zhengce extract`` and ``zhengce show``."""

from __future__ import annotations

from pathlib import Path

import click

from ..extract.taxonomy import benefits, groups
from ..records import Analysis, AnalysisResult
from ..store.atomic import output_lock, write_atomic
from ..store.export import TABLES, quantity_row
from ..store.highlight import document_to_html
from ..store.rows import analyses_to_json, analyses_to_jsonl, quantity_to_row, rows_to_jsonl, table_to_csv
from ._app import emit, exit_on_errors, say
from ._inputs import analysis_results


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
    chunks: list[str] = []
    analyses: list[Analysis] = []
    first_csv = True
    for result in analysis_results(paths, "extracting"):
        if result.error:
            failed.append(result)
            continue
        for ex in result.analyses:
            if fmt in ("json", "analyses"):
                analyses.append(ex)
                continue
            shown = [q for q in ex.quantities if everything or (q.role == "parameter" and q.kind != "date")]
            if fmt == "csv":  # the columns of zhengce export --table quantities
                chunks.append(table_to_csv([quantity_row(ex.document, q) for q in shown], TABLES["quantities"], header=first_csv))
            else:
                chunks.append(rows_to_jsonl([quantity_to_row(ex.id, q) for q in shown]))
            first_csv = False
    if fmt == "json":
        chunks = [analyses_to_json(analyses)]
    elif fmt == "analyses":
        chunks = [analyses_to_jsonl(analyses)]
    text = "".join(chunks)
    if fmt == "csv" and (out is not None or excel):
        text = "\ufeff" + text  # the BOM: Excel on a Chinese Windows reads UTF-8 only after it
    if fmt in ("json", "analyses"):
        note = f"zhengce extract: wrote {len(analyses)} analyses ({sum(len(a.quantities) for a in analyses)} quantities)"
    else:
        note = f"zhengce extract: wrote {text.count(chr(10)) - (fmt == 'csv')} records"
    emit(text, out, note)
    exit_on_errors(failed)


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
