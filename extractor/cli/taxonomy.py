"""``zhengce benefits`` and ``zhengce groups``: the taxonomies, with synonyms and counts over a corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import click

from ..compare.taxonomy_table import benefit_rows, group_rows
from ..records import Analysis, BenefitRow, TaxonomyRow
from ..store.taxonomy_out import rows_to_csv, rows_to_json, rows_to_markdown, rows_to_rich
from ._app import emit, exit_on_errors
from ._inputs import all_analyses

FORMATS = ("table", "md", "csv", "json")


def _list(paths: tuple[str, ...], make: Callable[[Iterable[Analysis] | None], Sequence[TaxonomyRow]],
          row_type: type[TaxonomyRow], fmt: str, out: str | None) -> None:
    analyses, failed = all_analyses(paths, "reading") if paths else ([], [])
    if failed and not analyses:
        exit_on_errors(failed)  # nothing was read: no table of zeros
    rows = list(make(analyses if paths else None))
    if fmt == "table" and not out:
        from rich.console import Console

        Console().print(rows_to_rich(rows, row_type))
    elif fmt == "csv":
        emit(rows_to_csv(rows, row_type), out, bom=True)
    elif fmt == "json":
        emit(rows_to_json(rows), out)
    else:  # md, or a table written to a file
        emit(rows_to_markdown(rows, row_type), out)
    exit_on_errors(failed)


def _options(f: Callable[..., None]) -> Callable[..., None]:
    f = click.option("-o", "--out", type=click.Path(), default=None, help="Output file (default: stdout).")(f)
    f = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                     help="table: in the terminal; md; csv; json: a list of objects, synonyms a list.")(f)
    return click.argument("paths", nargs=-1, type=click.Path())(f)


@click.command("benefits")
@_options
def benefits_cmd(paths: tuple[str, ...], fmt: str, out: str | None) -> None:
    """List the benefits the tool knows (data/benefits.yaml) as a tree: id, name, parent, category, synonyms.
    Given documents (PATHS), also how many of them mention each benefit and how many parameters it has there.

    Example: zhengce benefits corpus/texts --format md
    """
    _list(paths, benefit_rows, BenefitRow, fmt, out)


@click.command("groups")
@_options
def groups_cmd(paths: tuple[str, ...], fmt: str, out: str | None) -> None:
    """List the eligible groups the tool knows (data/groups.yaml) as a tree: id, name, parent, kind (individual,
    enterprise, institution, government), synonyms. Given documents (PATHS), also how many of them mention each
    group and how many parameters are for it there.

    Example: zhengce groups corpus/texts --format csv -o groups.csv
    """
    _list(paths, group_rows, TaxonomyRow, fmt, out)
