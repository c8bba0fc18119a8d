"""The FastAPI app of ``zhengce serve``: the corpus store over HTTP, versioned under ``/v1``.

``create_app(store_dir)`` builds it; its routers are included in :func:`create_app` below (one per area:
``routes_documents``, ``routes_corpus``, ``routes_reviews``; the web reviewer's pages are included there too).

- OpenAPI at ``/openapi.json``. ``/docs`` is a page rendered on the server from that schema, with no script:
  FastAPI's own docs page loads Swagger UI's JavaScript and CSS from a CDN (cdn.jsdelivr.net), and nothing here
  is fetched from a CDN at run time, so it is turned off.
- Errors are JSON ``{"error": "..."}``: 4xx name the cause; anything unexpected is logged and answered 500
  with no detail (never a traceback).
- An API key, when set, is needed on every ``/v1`` route (``X-API-Key: KEY`` or ``Authorization: Bearer KEY``,
  or the reviewer's session cookie: :mod:`.auth`); ``/openapi.json`` and ``/docs`` stay open.
"""

from __future__ import annotations

import html
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import APIKeyHeader
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..budgets import DEFAULT_BUDGETS, Budgets
from ..errors import InputError
from ..version import extractor_version
from ._context import ApiContext
from .auth import allowed
from .jobs import AnalysisPool, fail_unfinished
from .limits import ApiSettings, RequestTimeout, UploadCap
from .routes_corpus import corpus_router
from .routes_documents import documents_router
from .routes_reviews import reviews_router

log = logging.getLogger(__name__)

API_KEY_HEADER = "X-API-Key"
_key_header = APIKeyHeader(name=API_KEY_HEADER, auto_error=False, description="the key given to zhengce serve --api-key")


def _key_check(expected: str | None) -> Any:
    async def check(request: Request, key: Annotated[str | None, Depends(_key_header)]) -> None:
        # ``key`` (the header) is declared so that the OpenAPI shows the scheme; ``allowed`` reads it again
        if not allowed(request, request.method, expected):
            raise HTTPException(401, "an API key is needed (X-API-Key or Authorization: Bearer; in a browser, sign in at /login)",
                                headers={"WWW-Authenticate": "Bearer"})
    return check


def _one_line(e: RequestValidationError) -> str:
    parts = []
    for err in e.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": _one_line(exc)}, status_code=422)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"error": "internal error"}, status_code=500)


def docs_page(schema: dict[str, Any]) -> str:
    """The API's endpoints as one plain HTML page (every text escaped), from its OpenAPI schema."""
    e = html.escape
    info = schema.get("info", {})
    rows = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            params = ", ".join(f"{p['name']} ({p.get('in')})" for p in op.get("parameters", []))
            codes = ", ".join(op.get("responses", {}))
            rows.append(f"<tr><td><code>{e(method.upper())}</code></td><td><code>{e(path)}</code></td>"
                        f"<td>{e(op.get('summary', ''))}<br><small>{e(op.get('description', ''))}</small></td>"
                        f"<td>{e(params)}</td><td>{e(codes)}</td></tr>")
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + e(info.get("title", "API")) + "</title>"
            "<style>body{font-family:sans-serif;margin:2em}td,th{border-bottom:1px solid #ddd;padding:.3em;vertical-align:top;"
            "text-align:left}small{color:#555}</style></head><body>"
            f"<h1>{e(info.get('title', ''))} {e(info.get('version', ''))}</h1><p>{e(info.get('description', ''))}</p>"
            "<p>The machine-readable schema: <a href=\"/openapi.json\">/openapi.json</a>.</p>"
            "<table><tr><th>method</th><th>path</th><th>what</th><th>parameters</th><th>responses</th></tr>"
            + "".join(rows) + "</table></body></html>")


def create_app(store_dir: str | Path, *, api_key: str | None = None, budgets: Budgets = DEFAULT_BUDGETS,
               settings: ApiSettings | None = None) -> FastAPI:
    """The API over the store in ``store_dir`` (made when missing). Its analysis pool starts with the app
    (lifespan) and is closed with it."""
    ctx = ApiContext(store_dir=Path(store_dir), settings=settings or ApiSettings(), budgets=budgets, api_key=api_key)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with ctx.open() as store:  # make the store (and its jobs table) before the first request
            left = fail_unfinished(store.conn)
        if left:
            log.warning("%d job(s) left unfinished by a server that stopped are marked failed", left)
        if ctx.settings.warm:
            from ..analysis import warm_up

            warm_up()
        ctx.pool = AnalysisPool(ctx.settings.workers, ctx.settings.queue)
        ctx.pool.start()
        try:
            yield
        finally:
            ctx.pool.close()
            ctx.pool = None

    app = FastAPI(title="Zhengce API", version=extractor_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Chinese policy documents: upload, search, compare, diff, review and golden files.")
    app.state.zhengce = ctx
    _handlers(app)
    key = [Depends(_key_check(api_key))]
    # The routers, one per area; every /v1 route needs the key when one is set. The web reviewer's pages
    # (extractor/web/pages.py: router) are included here too, after these.
    app.include_router(documents_router(ctx), prefix="/v1", dependencies=key)
    app.include_router(corpus_router(ctx), prefix="/v1", dependencies=key)
    app.include_router(reviews_router(ctx), prefix="/v1", dependencies=key)

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))

    app.add_middleware(UploadCap, limit=ctx.settings.max_upload_bytes)
    app.add_middleware(RequestTimeout, seconds=lambda: ctx.settings.answer_seconds)
    return app


__all__ = ["API_KEY_HEADER", "create_app", "docs_page"]
