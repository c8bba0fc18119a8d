"""The API's app with the reviewer's pages: :func:`create_app` is :func:`extractor.api.create_app` with
:data:`extractor.web.pages.router` included. The web layer sits above the API (tests/test_layers.py), so the
API's module cannot include the pages itself; ``zhengce serve`` builds its app here."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI

from ..api import ApiSettings
from ..api import create_app as create_api_app
from ..budgets import DEFAULT_BUDGETS, Budgets
from .login import install_login, require_sign_in
from .pages import assets, router


def create_app(store_dir: str | Path, *, api_key: str | None = None, budgets: Budgets = DEFAULT_BUDGETS,
               settings: ApiSettings | None = None) -> FastAPI:
    """The API over the store in ``store_dir`` and the reviewer's pages (``/documents/{id}``, ``/search``,
    ``/compare``, ``/diff``, ``/upload``, ``/static/...``; ``/login`` when ``api_key`` is set)."""
    app = create_api_app(store_dir, api_key=api_key, budgets=budgets, settings=settings)
    app.include_router(assets)
    install_login(app)
    app.include_router(router, dependencies=[Depends(require_sign_in)])  # with a key set, a browser signs in first
    return app


__all__ = ["create_app"]
