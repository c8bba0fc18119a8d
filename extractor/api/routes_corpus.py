"""``/v1/compare``, ``/v1/diff``, ``/v1/history`` and ``/v1/graph``: the library functions the CLI commands
call, over the stored analyses, returning their records (or their HTML, text escaped)."""


import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from ..compare.diff import analyses_to_diff
from ..compare.graph import documents_to_graph, subgraph
from ..compare.graph import in_force as in_force_ids
from ..compare.history import history_of, order_versions
from ..compare.table import KINDS, analyses_to_table, closest_benefits, known_benefit
from ..db.read import cached_diff, keep_diff
from ..db.store import Store
from ..errors import InputError
from ..records import Analysis, CompareTable, Diff, Graph, History
from ..segment.versions import same_work, work_title
from ._context import ApiContext, NotFound

Format = Literal["json", "html"]


def _work(store: Store, ctx: ApiContext, work: str) -> list[Analysis]:
    """The stored versions of a work named by a document id (the documents of its work) or by its title."""
    rows = store.conn.execute("select 1 from documents where doc_id = ?", [work]).fetchone()
    analyses = store.analyses()
    if rows:
        one = ctx.analysis(store, work).document
        return [a for a in analyses if a.id == work or same_work(one, a.document)]
    wanted = work_title(work)
    return [a for a in analyses if wanted and work_title(a.document.title) == wanted]


def corpus_router(ctx: ApiContext) -> APIRouter:
    """The routes over the whole store."""
    router = APIRouter(tags=["corpus"])

    @router.get("/compare", response_model=CompareTable, responses={200: {"content": {"text/html": {}}}})
    def compare(benefit: Annotated[str, Query(min_length=1, max_length=100, description="a benefit, by name or synonym")],
                group: Annotated[str | None, Query(max_length=100)] = None,
                kind: Annotated[list[Literal["money", "percent", "duration", "age", "count"]] | None, Query()] = None,
                format: Format = "json") -> CompareTable | HTMLResponse:
        """Compare a benefit's parameters across the stored documents (as ``zhengce compare --store``)."""
        if not known_benefit(benefit):
            near = closest_benefits(benefit)
            raise HTTPException(422, f"unknown benefit «{benefit}»" + (f"; closest: {', '.join(near)}" if near else ""))
        with ctx.open() as store:
            analyses = store.analyses()
        table = analyses_to_table(analyses, benefit=benefit, group=group, kinds=kind or KINDS)
        if format == "html":
            from ..store.table_out import table_to_html

            return HTMLResponse(table_to_html(table))
        return table

    @router.get("/diff", response_model=Diff, responses={200: {"content": {"text/html": {}}}})
    def diff(a: Annotated[str, Query(max_length=300, description="a stored document id (the earlier or higher-level one)")],
             b: Annotated[str, Query(max_length=300, description="a stored document id")],
             format: Format = "json") -> Diff | HTMLResponse:
        """The diff of two stored documents: aligned articles, redline and parameter changes (kept in the store)."""
        with ctx.open() as store:
            aa, ab = ctx.analysis(store, a), ctx.analysis(store, b)
            made = cached_diff(store, aa, ab)
            if made is None:
                made = analyses_to_diff(aa, ab)
                keep_diff(store, aa, ab, made)
        if format == "html":
            from ..store.diff_html import diff_to_html

            return HTMLResponse(diff_to_html(made, aa.document, ab.document))
        return made

    @router.get("/history", response_model=History, responses={200: {"content": {"text/html": {}}}})
    def history(work: Annotated[str, Query(min_length=1, max_length=300, description="a stored document id, or the work's title")],
                format: Format = "json") -> History | HTMLResponse:
        """The history of a work from its stored versions: each article's lineage and each parameter's timeline."""
        with ctx.open() as store:
            versions = _work(store, ctx, work)
        if not versions:
            raise NotFound(f"work {work}")
        try:
            made = history_of(versions)
        except InputError as e:
            raise HTTPException(422, str(e)) from None
        if format == "html":
            from ..store.history_out import history_to_html

            return HTMLResponse(history_to_html(made, order_versions(versions)[-1].document))
        return made

    @router.get("/graph", response_model=Graph)
    def graph(in_force: Annotated[dt.date | None, Query(description="only the documents in force on this day")] = None) -> Graph:
        """The citation graph of the stored documents (implements, refers, repeals, replaces, amends, issues)."""
        with ctx.open() as store:
            docs = store.documents()
        made = documents_to_graph(docs)
        return subgraph(made, in_force_ids(made, in_force)) if in_force else made

    return router


__all__ = ["corpus_router"]
