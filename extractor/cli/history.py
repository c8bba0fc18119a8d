"""``zhengce history``."""

from __future__ import annotations

import click

from ..compare.history import history_of, order_versions
from ..errors import InputError
from ..records import Analysis, AnalysisResult
from ..store.history_out import history_to_html, history_to_markdown
from ._app import emit
from ._inputs import analyze_each
from .search import read_store_option, stored_each


def _one(ref: str, result: AnalysisResult) -> Analysis | str:
    """The one document a file names, or why not."""
    if result.error:
        return f"{ref}: {result.error}"
    if len(result.analyses) > 1:
        return f"{ref}: holds {len(result.analyses)} documents; name one with PATH#ID, e.g. {ref}#01"
    return result.analyses[0]


@click.command("history")
@click.argument("files", nargs=-1, required=True)
@read_store_option
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]), default="json", show_default=True,
              help="json: the History record; md or html: the newest text with an 编注 after each article.")
@click.option("-o", "--out", type=click.Path(), default=None, help="Output file (default: stdout).")
def history_cmd(files: tuple[str, ...], store_dir: str | None, fmt: str, out: str | None) -> None:
    """Order the versions of one work by date: each article's lineage, each parameter's timeline, and the newest
    text annotated with what each article said before (编注版). Give two or more versions, in any order; a
    document inside a compendium is PATH#NN; a saved analysis can stand for a source file.

    Example: zhengce history corpus/revisions/anti-unfair-competition-law-*.txt --format md -o history.md
    """
    if store_dir is not None:
        picked: list[Analysis | str] = list(stored_each(store_dir, files))
    else:
        picked = [_one(f, r) for f, r in zip(files, analyze_each(files), strict=True)]
    failed = [p for p in picked if isinstance(p, str)]
    if failed:
        raise click.ClickException("; ".join(failed))
    analyses = [p for p in picked if isinstance(p, Analysis)]
    try:
        history = history_of(analyses)
    except InputError as e:
        raise click.ClickException(str(e)) from None
    newest = order_versions(analyses)[-1].document
    if fmt == "md":
        text = history_to_markdown(history, newest)
    elif fmt == "html":
        text = history_to_html(history, newest)
    else:
        text = history.model_dump_json(indent=2) + "\n"
    emit(text, out, note=f"history of {len(analyses)} versions written")
