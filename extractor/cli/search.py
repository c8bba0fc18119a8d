"""``zhengce search`` and ``zhengce stats``: reading the corpus store that ``zhengce ingest`` fills."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import get_args

import click
from pydantic import TypeAdapter

from ..compare.table import closest_benefits, known_benefit
from ..db.read import SearchFilters, analyses_named, cached_diff, keep_diff, one_analysis, open_existing
from ..db.search import SearchHit, Snippet, search
from ..db.stats import stats_to_markdown, stats_to_text, store_stats
from ..db.store import DEFAULT_STORE
from ..errors import InputError
from ..records import Analysis, Diff, Level
from ._app import emit, err

STORE_HELP = "The store folder (zhengce ingest makes it)."


def store_option(f: click.decorators.FC) -> click.decorators.FC:
    """``--store DIR`` (environment ZHENGCE_STORE, default ./zhengce-store)."""
    return click.option("--store", "store_dir", type=click.Path(file_okay=False), default=DEFAULT_STORE,
                        envvar="ZHENGCE_STORE", show_default=True, show_envvar=True, help=STORE_HELP)(f)


class YearRange(click.ParamType):  # type: ignore[type-arg]
    """A year (2023) or a range of years (2020-2023), as (first, last)."""

    name = "YEAR[-YEAR]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        first, _, last = str(value).partition("-")
        try:
            years = (int(first), int(last or first))
        except ValueError:
            self.fail(f"{value!r}: give a year (2023) or a range (2020-2023)", param, ctx)
        return years if years[0] <= years[1] else (years[1], years[0])


def _quiet_jieba() -> None:
    """jieba logs its dictionary loading to stderr at DEBUG level (set when it is imported, so it is imported
    first); a command's stderr is for its own lines."""
    import jieba  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)


def _marked(s: Snippet, tty: bool) -> str:
    out, at = [], 0
    for a, b in s.marks:
        term = s.text[a:b]
        out += [s.text[at:a], click.style(term, fg="red", bold=True) if tty else f"«{term}»"]
        at = b
    return "".join(out) + s.text[at:]


def hits_to_text(hits: Sequence[SearchHit], tty: bool = False) -> str:
    """Each hit: rank, id, region, year and type, the title, then its snippets (matches in «» or in colour)."""
    lines = []
    for h in hits:
        where = " ".join(str(x) for x in (h.region, h.year, h.type) if x)
        lines.append(f"{h.rank}. {h.doc_id}  {where}  (score {h.score:.3g}, {h.matches} matches)")
        lines.append(f"   {h.title or '(no title)'}" + (f"  {h.doc_number}" if h.doc_number else ""))
        lines += [f"   … {_marked(s, tty)} …" for s in h.snippets]
        if h.also:
            lines.append(f"   also read from: {', '.join(h.also)}")
    return "\n".join(lines) + ("\n" if lines else "")


@click.command("search")
@click.argument("query")
@store_option
@click.option("--region", default=None, help="Only documents of this place and the places in it (河南: 河南省 and its cities).")
@click.option("--level", type=click.Choice(get_args(Level)), default=None, help="Only documents of this administrative level.")
@click.option("--year", "years", type=YearRange(), default=None, help="Only documents of this year, or these years (2020-2023).")
@click.option("--type", "doc_type", default=None, help="Only documents of this type (通知, 办法; 意见 keeps 实施意见 too).")
@click.option("--issuer", default=None, help="Only documents one of whose issuers' names holds this (人力资源和社会保障).")
@click.option("--benefit", default=None, help="Only documents with quantities of this benefit (as zhengce compare --benefit).")
@click.option("--in-force", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only documents in force on this date (YYYY-MM-DD), as zhengce graph --in-force decides it.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many documents.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: ranked documents with snippets; json: a list of SearchHit records (snippet marks as offsets).")
def search_cmd(query: str, store_dir: str, region: str | None, level: str | None, years: tuple[int, int] | None,
               doc_type: str | None, issuer: str | None, benefit: str | None, on: dt.datetime | None, limit: int,
               fmt: str) -> None:
    """Find stored documents by words and fields: ranked by BM25 over a full-text index of the Chinese text
    (made and kept current in the store), each with its id and the passages that match. Every word of QUERY
    is required; an empty QUERY ("") lists the documents the filters keep, newest first.

    Example: zhengce search 创业担保贷款 --region 河南 --year 2023
    """
    _quiet_jieba()
    if benefit and not known_benefit(benefit):
        near = closest_benefits(benefit)
        raise click.ClickException(f"unknown benefit «{benefit}»" + (f"; closest: {', '.join(near)}" if near else ""))
    filters = SearchFilters(region=region, level=level, years=years, type=doc_type, issuer=issuer, benefit=benefit,  # type: ignore[arg-type]
                            in_force=on.date() if on else None)
    try:
        with open_existing(store_dir) as store:
            hits = search(store, query, filters, limit=limit, workers=os.cpu_count() or 1)
    except (InputError, ValueError) as e:  # no store there, a region or benefit unknown
        raise click.ClickException(str(e)) from None
    except sqlite3.Error as e:  # the index cannot be written (a read-only store …)
        raise click.ClickException(f"{store_dir}: cannot search the store: {e}") from None
    if fmt == "json":
        emit(TypeAdapter(list[SearchHit]).dump_json(hits, indent=2).decode() + "\n", None)
    else:
        emit(hits_to_text(hits, tty=sys.stdout.isatty()), None)
    if not hits:
        err.print("no documents match", soft_wrap=True)


@click.command("stats")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True,
              help="text: a block per field; json: the StoreStats record; md: a table per field.")
def stats_cmd(store_dir: str, fmt: str) -> None:
    """Count what the store holds: documents by province, region, year, type and level, and the documents and
    quantities of each benefit.

    Example: zhengce stats --store zhengce-store --format md
    """
    try:
        with open_existing(store_dir) as store:
            stats = store_stats(store)
    except InputError as e:
        raise click.ClickException(str(e)) from None
    text = {"json": lambda: stats.model_dump_json(indent=2) + "\n", "md": lambda: stats_to_markdown(stats),
            "text": lambda: stats_to_text(stats)}[fmt]()
    emit(text, None)


# -- --store DIR on the commands that read analyses ----------------------------------------------------------


def read_store_option(f: click.decorators.FC) -> click.decorators.FC:
    """``--store DIR`` on compare, diff, graph, export and history: read the stored analyses instead of files."""
    return click.option(
        "--store", "store_dir", type=click.Path(file_okay=False), default=None,
        help="Read the analyses from this store (zhengce ingest) instead of the files: PATH names a stored document "
             "id, an ingested file (PATH#NN for one document of it) or a folder; no PATH, every stored document. "
             "Nothing is parsed or extracted.")(f)


def stored_analyses(store_dir: str, refs: Sequence[str]) -> list[Analysis]:
    """The stored analyses ``refs`` name (every stored one when there are none); a bad store or an argument
    naming nothing stored is one error line."""
    try:
        with open_existing(store_dir) as store:
            return analyses_named(store, refs)
    except InputError as e:
        raise click.ClickException(str(e)) from None


def stored_each(store_dir: str, refs: Sequence[str]) -> list[Analysis]:
    """The one stored analysis each argument names, in order (an argument naming several is an error)."""
    try:
        with open_existing(store_dir) as store:
            return [one_analysis(store, ref) for ref in refs]
    except InputError as e:
        raise click.ClickException(str(e)) from None


def stored_diff(store_dir: str, a: str, b: str, make: Callable[[Analysis, Analysis], Diff]) -> tuple[Analysis, Analysis, Diff]:
    """The two stored analyses ``a`` and ``b`` name and their diff: from the store's cache (same analyses, same
    extractor version), else made by ``make`` and kept there."""
    try:
        with open_existing(store_dir) as store:
            aa, ab = one_analysis(store, a), one_analysis(store, b)
            diff = cached_diff(store, aa, ab)
            if diff is None:
                diff = make(aa, ab)
                keep_diff(store, aa, ab, diff)
            return aa, ab, diff
    except InputError as e:
        raise click.ClickException(str(e)) from None
