"""``zhengce diff``."""

from __future__ import annotations

from pathlib import Path

import click

from .compare.diff import documents_to_diff
from .pipeline import parse_path
from .records import Document
from .store.diff_html import diff_to_html


def _pick(ref: str) -> Document:
    result = parse_path(ref)
    if result.error:
        raise click.ClickException(f"{ref}: {result.error}")
    if len(result.documents) > 1:
        raise click.ClickException(f"{ref}: holds {len(result.documents)} documents; name one with PATH#ID, e.g. {ref}#01")
    return result.documents[0]


def register(cli: click.Group) -> None:
    """Add the commands of this module to the CLI group."""
    register_compare(cli)

    @cli.command("diff")
    @click.argument("a")
    @click.argument("b")
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "jsonl", "csv", "parquet", "xlsx"]),
                  default="text", show_default=True,
                  help="text: the summary and article pairs; json: the Diff record; html: both versions side by side; "
                       "jsonl/csv/parquet: one parameter change per row; xlsx: sheets of changes and of article pairs.")
    @click.option("-o", "--out", type=click.Path(), default=None, help="Output file (default: stdout).")
    def diff_cmd(a: str, b: str, fmt: str, out: str | None) -> None:
        """Compare two documents article by article: two versions of a policy, or a province's policy and a
        city's implementation. A document inside a compendium is named PATH#NN (its number in the contents).

        Example: zhengce diff corpus/texts/004_a7a4461144ba7e7b.txt#01 corpus/texts/004_a7a4461144ba7e7b.txt#19
        """
        da, db = _pick(a), _pick(b)
        diff = documents_to_diff(da, db)
        if fmt in ("jsonl", "csv", "parquet", "xlsx"):
            from .store import export

            if not out:
                raise click.UsageError(f"--format {fmt} needs -o FILE")
            changes = list(export.change_rows([diff]))
            if fmt == "xlsx":
                export.write_sheets({"changes": changes, "pairs": list(export.pair_rows([diff]))}, Path(out))
            else:
                export.write_rows(changes, Path(out), fmt)  # type: ignore[arg-type]
            return
        if fmt == "json":
            text = diff.model_dump_json(indent=2) + "\n"
        elif fmt == "html":
            text = diff_to_html(diff, da, db)
        else:
            lines = [f"A: {da.id} {da.title or ''}", f"B: {db.id} {db.title or ''}", f"relation: {diff.relation}", ""]
            lines += [f"· {s}" for s in diff.summary]
            lines += ["", "articles:"] + [f"  {p.status:9} {p.a or '—'} → {p.b or '—'}  ({p.similarity:.2f})" for p in diff.pairs]
            text = "\n".join(lines) + "\n"
        from .cli import emit

        emit(text, out)


def register_compare(cli: click.Group) -> None:
    """Add ``zhengce compare``."""
    from .cli import _results, emit, err, exit_on_errors
    from .compare.table import KINDS, documents_to_table
    from .store import table_out

    @cli.command("compare")
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @click.option("--benefit", default=None, help="Benefit to compare, by name or synonym (e.g. 创业担保贷款, 就业见习补贴).")
    @click.option("--group", default=None, help="Only values for this eligible group (e.g. 高校毕业生, 小微企业).")
    @click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these kinds of quantity (repeatable).")
    @click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "xlsx", "html", "json"]), default="table",
                  show_default=True, help="table: in the terminal; csv: one value per row with its quote; xlsx: two sheets.")
    @click.option("-o", "--out", type=click.Path(), default=None, help="Output file (needed for xlsx).")
    @click.option("--chart", type=click.Path(), default=None, help="Also draw a bar chart of one column: a .png or .svg file.")
    @click.option("--column", default=None, help="The column to chart (default: the first money column).")
    def compare_cmd(paths: tuple[str, ...], benefit: str | None, group: str | None, kinds: tuple[str, ...], fmt: str,
                    out: str | None, chart: str | None, column: str | None) -> None:
        """Compare a benefit across documents: one row per document (region, level, year, 文号), one column per
        kind of parameter (amount, rate, duration … with bound and what it is counted per), every value with its quote.

        Example: zhengce compare corpus/texts --benefit 就业见习补贴 --kind percent
        """
        failed, docs = [], []
        for result in _results(paths, "reading"):
            if result.error:
                failed.append(result)
            docs.extend(result.documents)
        table = documents_to_table(docs, benefit=benefit, group=group, kinds=kinds or KINDS)
        if fmt == "xlsx":
            if not out:
                raise click.UsageError("--format xlsx needs -o FILE.xlsx")
            table_out.table_to_xlsx(table, Path(out))
        elif fmt == "table" and not out:
            from rich.console import Console

            if table.rows:
                Console().print(table_out.table_to_rich(table))
        else:
            text = {"md": table_out.table_to_markdown, "csv": table_out.table_to_csv, "html": table_out.table_to_html,
                    "json": lambda t: t.model_dump_json(indent=2) + "\n", "table": table_out.table_to_markdown}[fmt](table)
            emit(text, out)
        if chart:
            try:
                col = table_out.table_to_chart(table, Path(chart), column)
                err.print(f"chart of {col} written to {chart}")
            except ValueError as e:
                raise click.ClickException(str(e)) from e
        if not table.rows:
            err.print("no matching values")
        exit_on_errors(failed)
