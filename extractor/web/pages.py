"""The reviewer's pages as a FastAPI router: ``/documents/{id}``, ``/search``, ``/compare`` (and its chart),
``/diff``, ``/upload`` and ``/static/...`` (the pages' own script and style, shipped in the package: nothing from a CDN),
included in the API's app by :func:`extractor.web.app.create_app`. Each handler reads the store through the
app's context and calls the library; the HTML is made by :mod:`.document_page` and :mod:`.corpus_pages`. Ids
are looked up, never used as paths."""

from __future__ import annotations

import datetime as dt
import tempfile
from importlib import resources
from pathlib import Path
from typing import Annotated, get_args

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..api._context import ApiContext
from ..api.reviews import reviews_of
from ..compare.diff import analyses_to_diff
from ..compare.table import KINDS, analyses_to_table, closest_benefits, known_benefit
from ..db.read import SearchFilters, cached_diff, keep_diff
from ..db.search import search
from ..records import CompareTable, Level
from .corpus_pages import compare_page, diff_form_page, diff_page, search_page, upload_page
from .document_page import document_page
from .html_base import e, page

STATIC = {"reviewer.js": "text/javascript", "tables.js": "text/javascript", "upload.js": "text/javascript",
          "reviewer.css": "text/css"}
"""The files under ``static/`` the app serves, and their types (any other name is a 404)."""

PAGE_SIZE = 20
LEVELS = get_args(Level)

router = APIRouter(include_in_schema=False)
"""The pages (behind the sign-in when a key is set: :func:`extractor.web.app.create_app`)."""
assets = APIRouter(include_in_schema=False)
"""``/`` and the static files, open to all (the login page needs its style)."""


def _ctx(request: Request) -> ApiContext:
    ctx: ApiContext = request.app.state.zhengce
    return ctx


def _missing(what: str) -> HTMLResponse:
    return HTMLResponse(page("not found", f"<h1>not found</h1><p>{e(what)}: not found</p>"), status_code=404)


@assets.get("/", response_class=RedirectResponse)
def home() -> RedirectResponse:
    return RedirectResponse("/search")


@assets.get("/static/{name}")
def static(name: str) -> Response:
    if name not in STATIC:
        raise HTTPException(404, f"static file {name}: not found")
    data = resources.files(__package__).joinpath("static", name).read_bytes()
    return Response(data, media_type=STATIC[name], headers={"Cache-Control": "no-cache"})


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    ctx = _ctx(request)
    with ctx.open() as store:
        found = store.analyses([doc_id]) if store.conn.execute("select 1 from documents where doc_id = ?", [doc_id]).fetchone() else []
        if not found:
            return _missing(f"document {doc_id}")
        return HTMLResponse(document_page(found[0], reviews_of(store, doc_id)))


@router.get("/upload", response_class=HTMLResponse)
def upload_view() -> HTMLResponse:
    return HTMLResponse(upload_page())


def _filters(region: str | None, level: str | None, year: str | None, type_: str | None, issuer: str | None,
             benefit: str | None, in_force: str | None) -> SearchFilters:
    """The search's filters from the form's text; ValueError naming a field that cannot be read."""
    years = None
    if year:
        first, _, last = year.partition("-")
        if not (first.isdigit() and (not last or last.isdigit())):
            raise ValueError(f"year {year!r}: give 2023 or 2020-2023")
        years = (int(first), int(last or first))
    if level and level not in LEVELS:
        raise ValueError(f"level {level!r}: one of {', '.join(LEVELS)}")
    day = None
    if in_force:
        try:
            day = dt.date.fromisoformat(in_force)
        except ValueError:
            raise ValueError(f"in_force {in_force!r}: a day as 2024-01-31") from None
    lv: Level | None = level or None  # type: ignore[assignment]
    return SearchFilters(region=region or None, level=lv, years=years, type=type_ or None, issuer=issuer or None,
                         benefit=benefit or None, in_force=day)


@router.get("/search", response_class=HTMLResponse)
def search_view(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                region: Annotated[str, Query(max_length=100)] = "", level: Annotated[str, Query(max_length=20)] = "",
                year: Annotated[str, Query(max_length=9)] = "", type: Annotated[str, Query(max_length=50)] = "",
                issuer: Annotated[str, Query(max_length=100)] = "", benefit: Annotated[str, Query(max_length=100)] = "",
                in_force: Annotated[str, Query(max_length=10)] = "", page_no: Annotated[int, Query(alias="page", ge=1, le=500)] = 1) -> HTMLResponse:
    params: dict[str, str | None] = {"q": q, "region": region, "level": level, "year": year, "type": type, "issuer": issuer,
                                     "benefit": benefit, "in_force": in_force}
    try:
        filters = _filters(region, level, year, type, issuer, benefit, in_force)
        with _ctx(request).open() as store:
            hits = search(store, q, filters, limit=None)
    except ValueError as err:
        return HTMLResponse(search_page(params, None, 0, str(err)), status_code=422)
    chosen = hits[(page_no - 1) * PAGE_SIZE: page_no * PAGE_SIZE]
    return HTMLResponse(search_page(params, chosen, len(hits)))


def _table(request: Request, benefit: str, group: str | None) -> CompareTable:
    if not known_benefit(benefit):
        near = closest_benefits(benefit)
        raise ValueError(f"unknown benefit «{benefit}»" + (f"; closest: {', '.join(near)}" if near else ""))
    with _ctx(request).open() as store:
        analyses = store.analyses()
    return analyses_to_table(analyses, benefit=benefit, group=group or None, kinds=KINDS)


@router.get("/compare", response_class=HTMLResponse)
def compare_view(request: Request, benefit: Annotated[str, Query(max_length=100)] = "",
                 group: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    if not benefit:
        return HTMLResponse(compare_page(None, group, None))
    try:
        table = _table(request, benefit, group)
    except ValueError as err:
        return HTMLResponse(compare_page(benefit, group, None, str(err)), status_code=422)
    return HTMLResponse(compare_page(benefit, group, table))


@router.get("/compare/chart.png")
def compare_chart(request: Request, benefit: Annotated[str, Query(min_length=1, max_length=100)],
                  group: Annotated[str, Query(max_length=100)] = "") -> Response:
    from ..store.chart import table_to_chart

    try:
        table = _table(request, benefit, group)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "chart.png"
            table_to_chart(table, out)
            data = out.read_bytes()
    except ValueError as err:
        raise HTTPException(422, str(err)) from None
    return Response(data, media_type="image/png")


def _choices(request: Request) -> list[tuple[str, str]]:
    with _ctx(request).open() as store:
        rows = store.conn.execute("select doc_id, title from documents order by title, doc_id").fetchall()
    return [(str(i), f"{t or i} ({i})") for i, t in rows]


@router.get("/diff", response_class=HTMLResponse)
def diff_view(request: Request, a: Annotated[str, Query(max_length=300)] = "",
              b: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    choices = _choices(request)
    if not (a and b):
        return HTMLResponse(diff_form_page(choices))
    with _ctx(request).open() as store:
        found = {x.id: x for x in store.analyses([a, b])}
        if a not in found or b not in found:
            missing = a if a not in found else b
            return HTMLResponse(diff_form_page(choices, f"document {missing}: not found"), status_code=404)
        aa, ab = found[a], found[b]
        made = cached_diff(store, aa, ab)
        if made is None:
            made = analyses_to_diff(aa, ab)
            keep_diff(store, aa, ab, made)
    return HTMLResponse(diff_page(made, aa.document, ab.document, aa.quantities, ab.quantities, choices))


__all__ = ["STATIC", "assets", "router"]
