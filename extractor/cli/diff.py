"""``zhengce diff``."""

from __future__ import annotations

from pathlib import Path

import click

from ..compare.diff import analyses_to_diff
from ..records import Analysis, AnalysisResult
from ..store import export
from ..store.diff_html import diff_to_html
from ..store.diff_md import diff_to_md, diff_to_text
from ..store.json_stream import iter_json
from ._app import emit, output_text
from ._inputs import analyze_each
from .search import read_store_option, stored_diff


def _pick(ref: str, result: AnalysisResult) -> Analysis:
    if result.error:
        raise click.ClickException(f"{ref}: {result.error}")
    if len(result.analyses) > 1:
        raise click.ClickException(f"{ref}: holds {len(result.analyses)} documents; name one with PATH#ID, e.g. {ref}#01")
    return result.analyses[0]


@click.command("diff")
@click.argument("a")
@click.argument("b")
@read_store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "md", "jsonl", "csv", "parquet", "xlsx"]),
              default="text", show_default=True,
              help="text: the summary and article pairs; json: the Diff record; html: a redline of both versions "
                   "side by side, changed parameters marked; md: a memo in Chinese (summary, a table of parameter "
                   "changes with both quotes, the articles by status); jsonl/csv/parquet: one parameter change per "
                   "row, values as numbers (CSV: UTF-8 with a BOM, lists joined with |); xlsx: sheets of changes "
                   "and of article pairs.")
@click.option("-o", "--out", type=click.Path(), default=None, help="Output file (default: stdout).")
def diff_cmd(a: str, b: str, store_dir: str | None, fmt: str, out: str | None) -> None:
    """Compare two documents article by article: two versions of a policy, or a province's policy and a
    city's implementation. A document inside a compendium is named PATH#NN (its number in the contents); a
    saved analysis (the JSON of ``zhengce extract --format json``) can stand for a source file.

    Example: zhengce diff corpus/texts/004_a7a4461144ba7e7b.txt#01 corpus/texts/004_a7a4461144ba7e7b.txt#19
    """
    if store_dir is not None:  # stored analyses, the diff cached in the store
        aa, ab, diff = stored_diff(store_dir, a, b, analyses_to_diff)
    else:
        ra, rb = analyze_each([a, b])
        aa, ab = _pick(a, ra), _pick(b, rb)
        diff = analyses_to_diff(aa, ab)
    da, db = aa.document, ab.document
    if fmt in ("jsonl", "csv", "parquet", "xlsx"):
        if not out:
            raise click.UsageError(f"--format {fmt} needs -o FILE")
        changes = list(export.change_rows([diff]))
        if fmt == "xlsx":
            export.write_sheets({"changes": changes, "pairs": list(export.pair_rows([diff]))}, Path(out))
        else:
            export.write_rows(changes, Path(out), fmt, "changes")  # type: ignore[arg-type]
        return
    if fmt == "json":  # written in pieces: the changes of a text of numbers one at a time (store.json_stream)
        with output_text(out) as stream:
            for piece in iter_json(diff, 2):
                stream.write(piece)
            stream.write("\n")
        return
    if fmt == "html":
        text = diff_to_html(diff, da, db)
    elif fmt == "md":
        text = diff_to_md(diff, da, db)
    else:
        text = diff_to_text(diff)
    emit(text, out)
