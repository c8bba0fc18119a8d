"""``zhengce compare``."""

from __future__ import annotations

from pathlib import Path

import click

from ..compare.table import KINDS, analyses_to_table, closest_benefits, known_benefit
from ..store import table_out
from ._app import emit, err, exit_on_errors
from ._inputs import all_analyses


@click.command("compare")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--benefit", default=None, help="Benefit to compare, by name or synonym (e.g. 创业担保贷款, 就业见习补贴); needed.")
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
    if not benefit:
        raise click.UsageError("--benefit is needed: name the benefit to compare, e.g. --benefit 创业担保贷款")
    analyses, failed = all_analyses(paths, "reading")
    table = analyses_to_table(analyses, benefit=benefit, group=group, kinds=kinds or KINDS)
    if not table.rows and not known_benefit(benefit):
        near = closest_benefits(benefit)
        raise click.ClickException(f"unknown benefit «{benefit}»" + (f"; closest: {', '.join(near)}" if near else ""))
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
