"""``zhengce export``: every record type as JSONL, CSV, Parquet or XLSX, and OpenFisca parameters."""

from __future__ import annotations

from pathlib import Path

import click

from ..compare.table import analyses_to_table
from ..records import AnalysisResult
from ..store import export
from ..store.openfisca import table_to_openfisca
from ._app import emit, err, exit_on_errors
from ._inputs import all_analyses
from .search import read_store_option, stored_analyses


@click.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
@read_store_option
@click.option("--table", "table", type=click.Choice(["documents", "sections", "provisions", "quantities", "references"]),
              default="quantities", show_default=True, help="Which records to write, one row each.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "xlsx", "openfisca"]), default="csv",
              show_default=True, help="csv: UTF-8 with a BOM (Excel reads it), lists joined with |; jsonl, parquet: lists "
                                      "as lists, dates as dates; xlsx: number and date cells, header frozen; "
                                      "openfisca: one benefit's parameters as OpenFisca YAML (needs --benefit).")
@click.option("--benefit", default=None, help="For --format openfisca: the benefit (e.g. 创业担保贷款).")
@click.option("--group", default=None, help="For --format openfisca: only values for this group.")
@click.option("--column", default=None, help="For --format openfisca: the parameter column (default: the first money one).")
@click.option("-o", "--out", type=click.Path(), required=True, help="Output file.")
def export_cmd(paths: tuple[str, ...], store_dir: str | None, table: str, fmt: str, benefit: str | None, group: str | None,
               column: str | None, out: str) -> None:
    """Write records as typed tables for other systems (JSONL, CSV, Parquet, XLSX), one convention in all: the
    document is doc_id, numbers are numbers, dates dates, a span two columns; or a benefit's parameters as dated
    values per region in OpenFisca's YAML parameter layout.

    Example: zhengce export corpus/texts --table quantities --format parquet -o out/quantities.parquet
    """
    if fmt != "openfisca" and (benefit or group or column):
        raise click.UsageError("--benefit, --group and --column are for --format openfisca")

    failed: list[AnalysisResult] = []
    if store_dir is not None:
        analyses = stored_analyses(store_dir, paths)
    elif not paths:
        raise click.UsageError("give PATH... (files or folders), or --store DIR")
    else:
        analyses, failed = all_analyses(paths, "reading")
    docs = [a.document for a in analyses]
    if fmt == "openfisca":
        if not benefit:
            raise click.UsageError("--format openfisca needs --benefit")
        try:
            text = table_to_openfisca(analyses_to_table(analyses, benefit=benefit, group=group), column)
        except ValueError as e:
            raise click.ClickException(str(e)) from e
        emit(text, out)
        n = text.count("value:")
    else:
        if table in ("documents", "sections", "references"):
            by_doc = {"documents": export.document_rows, "sections": export.section_rows, "references": export.reference_rows}
            rows = list(by_doc[table](docs))
        else:
            rows = list(export.quantity_rows(analyses) if table == "quantities" else export.provision_rows(analyses))
        export.write_rows(rows, Path(out), fmt, table)  # type: ignore[arg-type]
        n = len(rows)
    err.print(f"zhengce export: wrote {n} {table if fmt != 'openfisca' else 'values'} to {out}")
    exit_on_errors(failed)
