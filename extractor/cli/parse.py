"""``zhengce parse``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table as RichTable

from ..pipeline import iter_files
from ..records import Document, ParseResult
from ..store.render import document_to_markdown, document_to_tree
from ._app import cli, err, exit_on_errors, parse_results


def _render(doc: Document, fmt: str) -> str:
    if fmt == "json":
        return doc.model_dump_json(indent=2) + "\n"
    if fmt == "jsonl":
        return doc.model_dump_json() + "\n"
    if fmt == "md":
        return document_to_markdown(doc)
    return document_to_tree(doc)


_SUFFIX = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "tree": ".txt"}


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
        for result in parse_results(paths, "parsing"):
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
