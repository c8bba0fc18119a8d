"""``zhengce graph``."""

from __future__ import annotations

import datetime as dt

import click

from ..compare.graph import documents_to_graph, in_force, subgraph
from ..records import ParseResult
from ..store.graph_out import graph_to_graphml, graph_to_json
from ._app import emit, exit_on_errors
from ._inputs import all_documents
from .search import read_store_option, stored_analyses


@click.command("graph")
@click.argument("paths", nargs=-1, type=click.Path())
@read_store_option
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True,
              help="json: documents and relations as records; graphml: for Gephi, yEd, networkx.")
@click.option("-o", "--out", type=click.Path(), default=None, help="Output file (default: stdout).")
@click.option("--in-force", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Keep only the documents in force on this date (YYYY-MM-DD) and the relations they state.")
def graph_cmd(paths: tuple[str, ...], store_dir: str | None, fmt: str, out: str | None, on: dt.datetime | None) -> None:
    """Link documents by their citations: each reference, by 文号 or by title, is resolved to a document among
    those given, or to one external document per 文号 or title cited outside them, and typed implements, refers,
    repeals, replaces, amends or issues; one relation per (source, target, type) counts its citations and keeps
    their quotes. Each document carries its issuers, issue date, validity (valid_from, valid_until) and the
    documents repealing it.

    Example: zhengce graph corpus/texts/004_a7a4461144ba7e7b.txt --format graphml -o graph.graphml
    """
    failed: list[ParseResult] = []
    if store_dir is not None:
        docs = [a.document for a in stored_analyses(store_dir, paths)]
    elif not paths:
        raise click.UsageError("give PATH... (files or folders), or --store DIR")
    else:
        docs, failed = all_documents(paths, "reading")
    graph = documents_to_graph(docs)
    if on is not None:
        graph = subgraph(graph, in_force(graph, on.date()))
    text = graph_to_json(graph) if fmt == "json" else graph_to_graphml(graph)
    emit(text, out, f"zhengce graph: wrote {len(graph.documents)} documents, {len(graph.external)} external "
                    f"documents and {len(graph.relations)} relations")
    exit_on_errors(failed)
