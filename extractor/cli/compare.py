"""``zhengce compare``."""

from __future__ import annotations

import json
from pathlib import Path

import click
import regex

from ..compare.table import KINDS, ORDERS, analyses_to_table, closest_benefits, known_benefit, order_rows
from ..records import Analysis, AnalysisResult, CompareTable
from ..store import table_out
from ..store.chart import table_to_chart
from ._app import emit, err, exit_on_errors
from ._inputs import all_analyses
from .search import read_store_option, stored_analyses


@click.command("compare")
@click.argument("paths", nargs=-1, type=click.Path())
@read_store_option
@click.option("--benefit", "benefit_args", multiple=True,
              help="Benefit to compare, by name or synonym (e.g. 创业担保贷款); repeat it, or give a list (创业担保贷款,一次性创业补贴), "
                   "for a table each. Needed; zhengce benefits lists them.")
@click.option("--group", default=None, help="Only values for this eligible group (e.g. 高校毕业生, 小微企业).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these kinds of quantity (repeatable).")
@click.option("--by", "order", type=click.Choice(ORDERS), default=None, help="Group and order the rows by region, year or level.")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "xlsx", "html", "json"]), default="table",
              show_default=True, help="table: in the terminal; csv: one value per row with its quote; xlsx: a sheet per benefit and the values.")
@click.option("-o", "--out", type=click.Path(), default=None, help="Output file (needed for xlsx).")
@click.option("--chart", type=click.Path(), default=None,
              help="Also draw the first benefit's comparison: a .png or .svg file, a panel per parameter, bars by recipient class.")
@click.option("--column", default=None, help="Chart only this column (default: the money and rate columns with most values).")
def compare_cmd(paths: tuple[str, ...], store_dir: str | None, benefit_args: tuple[str, ...], group: str | None, kinds: tuple[str, ...], order: str | None,
                fmt: str, out: str | None, chart: str | None, column: str | None) -> None:
    """Compare a benefit across documents: one row per document and recipient class (region, level, year, 文号), one
    column per parameter (amount, rate, duration … with bound and period), every value with its quote. A document read
    from several formats (text, PDF, DOCX) counts once, its formats listed.

    Example: zhengce compare corpus/texts --benefit 创业担保贷款 --by region

    From a store, every stored document: zhengce compare --store zhengce-store --benefit 创业担保贷款
    """
    wanted = [b for arg in benefit_args for b in regex.split(r"[,，、]", arg) if b.strip()]
    if not wanted:
        raise click.UsageError("--benefit is needed: name the benefit to compare, e.g. --benefit 创业担保贷款")
    analyses, failed = _analyses(paths, store_dir)
    tables = []
    for benefit in dict.fromkeys(b.strip() for b in wanted):
        table = analyses_to_table(analyses, benefit=benefit, group=group, kinds=kinds or KINDS)
        if not table.rows and not known_benefit(benefit):
            near = closest_benefits(benefit)
            raise click.ClickException(f"unknown benefit «{benefit}»" + (f"; closest: {', '.join(near)}" if near else ""))
        tables.append(order_rows(table, order) if order else table)
    if fmt == "xlsx":
        if not out:
            raise click.UsageError("--format xlsx needs -o FILE.xlsx")
        table_out.tables_to_xlsx(tables, Path(out))
    elif fmt == "table" and not out:
        from rich.console import Console

        for table in tables:
            if table.rows:
                Console().print(table_out.table_to_rich(table))
    else:
        writers = {"md": table_out.tables_to_markdown, "table": table_out.tables_to_markdown, "csv": table_out.tables_to_csv,
                   "html": table_out.tables_to_html, "json": _json}
        emit(writers[fmt](tables), out, bom=fmt == "csv")
    if chart:
        try:
            drawn = table_to_chart(tables[0], Path(chart), column)
            err.print(f"chart of {', '.join(drawn)} written to {chart}")
        except ValueError as e:
            raise click.ClickException(str(e)) from e
    for table in tables:
        if not table.rows:
            err.print(f"no matching values for {table.benefit}")
    exit_on_errors(failed)


def _analyses(paths: tuple[str, ...], store_dir: str | None) -> tuple[list[Analysis], list[AnalysisResult]]:
    """The analyses to compare: stored ones (every one when no PATH is given), or those of the files."""
    if store_dir is not None:
        return stored_analyses(store_dir, paths), []
    if not paths:
        raise click.UsageError("give PATH... (files or folders), or --store DIR")
    return all_analyses(paths, "reading")


def _json(tables: list[CompareTable]) -> str:
    """One table as an object; several as a list of them."""
    if len(tables) == 1:
        return tables[0].model_dump_json(indent=2) + "\n"
    return json.dumps([t.model_dump(mode="json") for t in tables], ensure_ascii=False, indent=2) + "\n"
