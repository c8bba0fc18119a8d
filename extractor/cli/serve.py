"""``zhengce serve``: the REST API over a corpus store, on uvicorn (``extractor.api``)."""

from __future__ import annotations

import ipaddress
import logging

import click
from pydantic import ValidationError

from ..db.store import DEFAULT_STORE, open_store
from ..errors import InputError
from ._app import current_budgets, err, with_budgets


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@click.command("serve")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=DEFAULT_STORE, envvar="ZHENGCE_STORE",
              show_default=True, show_envvar=True, help="The store folder (made when missing; zhengce ingest fills it too).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--api-key", default=None, envvar="ZHENGCE_API_KEY", show_envvar=True,
              help="Require this key on every /v1 route (header X-API-Key, or Authorization: Bearer).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Analysis processes.")
@click.option("--queue", type=click.IntRange(min=0), default=8, show_default=True,
              help="Analyses that may wait for a free process; more are answered 503 with Retry-After.")
@click.option("--max-upload-mb", type=click.FloatRange(min=0, min_open=True), default=20.0, show_default=True,
              help="Largest upload (413 over it, checked while it streams in).")
@click.option("--sync-max-kb", type=click.FloatRange(min=0), default=512.0, show_default=True,
              help="Uploads up to this size are analysed at once; larger ones get 202 and a job.")
@click.option("--request-seconds", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Time limit of an analysis answered at once (504 over it; jobs have --max-seconds).")
def serve_cmd(store_dir: str, host: str, port: int, api_key: str | None, workers: int, queue: int, max_upload_mb: float,
              sync_max_kb: float, request_seconds: float) -> None:
    """Serve the store over HTTP: upload documents (PDF, DOCX, HTML, text) and read their analyses, search,
    compare, diff, history, graph, review extractions and export golden files or Label Studio tasks. The API
    is under /v1, its OpenAPI at /openapi.json and a page of its endpoints at /docs; the reviewer's pages are
    /documents/ID, /search, /compare and /diff.

    Example: zhengce serve --store zhengce-store --port 8000
    """
    import uvicorn

    from ..api import ApiSettings
    from ..web.app import create_app  # the API and the reviewer's pages

    try:
        settings = ApiSettings(workers=workers, queue=queue, max_upload_mb=max_upload_mb, sync_max_kb=sync_max_kb,
                               request_seconds=request_seconds)
    except ValidationError as e:
        raise click.UsageError(e.errors()[0]["msg"]) from None
    if not _loopback(host) and not api_key:
        err.print(f"warning: listening on {host} without an API key: anyone who reaches it can upload and review", soft_wrap=True)
    try:
        open_store(store_dir).close()  # a folder that cannot hold a store is one line here, not a traceback at start-up
    except InputError as e:
        raise click.ClickException(str(e)) from None
    logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary loading is logged at DEBUG on stderr
    app = create_app(store_dir, api_key=api_key, budgets=current_budgets(), settings=settings)
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=10)


with_budgets(serve_cmd)

__all__ = ["serve_cmd"]
