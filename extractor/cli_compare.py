"""``zhengce diff``."""

from __future__ import annotations

from pathlib import Path

import click

from .compare.diff import documents_to_diff
from .pipeline import parse_path
from .records import Document
from .store.diff_html import diff_to_html


def _pick(path: str, doc_id: str | None) -> Document:
    result = parse_path(path)
    if result.error:
        raise click.ClickException(f"{path}: {result.error}")
    if doc_id:
        for d in result.documents:
            if d.id == doc_id or d.id.endswith(f"-{doc_id}"):
                return d
        raise click.ClickException(f"{path}: no document {doc_id} (it holds {', '.join(d.id for d in result.documents)})")
    if len(result.documents) > 1:
        raise click.ClickException(f"{path}: holds {len(result.documents)} documents; name one with PATH#ID, e.g. {path}#01")
    return result.documents[0]


def _split(arg: str) -> tuple[str, str | None]:
    path, _, doc_id = arg.partition("#")
    return path, doc_id or None


def register(cli: click.Group) -> None:
    """Add the commands of this module to the CLI group."""

    @cli.command("diff")
    @click.argument("a")
    @click.argument("b")
    @click.option("--format", "fmt", type=click.Choice(["json", "html", "text"]), default="text", show_default=True,
                  help="text: the summary and changes; json: the Diff record; html: both versions side by side.")
    @click.option("-o", "--out", type=click.Path(), default=None, help="Output file (default: stdout).")
    def diff_cmd(a: str, b: str, fmt: str, out: str | None) -> None:
        """Compare two documents article by article: two versions of a policy, or a province's policy and a
        city's implementation. A document inside a compendium is named PATH#NN (its number in the contents).

        Example: zhengce diff corpus/texts/004_a7a4461144ba7e7b.txt#01 corpus/texts/004_a7a4461144ba7e7b.txt#19
        """
        da, db = _pick(*_split(a)), _pick(*_split(b))
        diff = documents_to_diff(da, db)
        if fmt == "json":
            text = diff.model_dump_json(indent=2) + "\n"
        elif fmt == "html":
            text = diff_to_html(diff, da, db)
        else:
            lines = [f"A: {da.id} {da.title or ''}", f"B: {db.id} {db.title or ''}", f"relation: {diff.relation}", ""]
            lines += [f"· {s}" for s in diff.summary]
            lines += ["", "articles:"] + [f"  {p.status:9} {p.a or '—'} → {p.b or '—'}  ({p.similarity:.2f})" for p in diff.pairs]
            text = "\n".join(lines) + "\n"
        if out:
            Path(out).write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
