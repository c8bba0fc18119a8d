"""Shared fixtures: the project root and parsed corpus documents (parsed once per session); a real
``zhengce serve`` (``serve``) and a TestClient of its app (``api_client``)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from extractor.pipeline import parse_file
from extractor.records import Document

if TYPE_CHECKING:
    from _server import Served

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "corpus" / "texts"
COMPENDIUM = TEXTS / "004_a7a4461144ba7e7b.txt"


@functools.cache
def parsed(path: str) -> tuple[Document, ...]:
    """Parse a file once per test session."""
    return tuple(parse_file(ROOT / path))


def gold_files() -> list[Path]:
    return sorted((ROOT / "golden").glob("*.json"))


def load_gold(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# -- servers and API clients: one way to start each (tests/_server.py for a real process) -----------------


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Served]]:
    """A factory: ``serve(*args, capture=False)`` starts ``zhengce serve`` over a new store on a free loopback
    port (``tests/_server.py``) and returns it once it answers; every server it started stops with the module."""
    from _server import serving

    with ExitStack() as stack:
        def start(*args: str, capture: bool = False) -> Served:
            store = tmp_path_factory.mktemp("serve") / "store"
            return stack.enter_context(serving(store, args, capture=capture))

        yield start


@pytest.fixture(scope="module")
def api_settings() -> Any:
    """The settings of the module's app (:func:`api_client`): a module overrides this fixture to change them."""
    from extractor.api import ApiSettings

    return ApiSettings(workers=1)


@pytest.fixture(scope="module")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store folder of the module's app (made by the app)."""
    return tmp_path_factory.mktemp("store") / "store"


@pytest.fixture(scope="module")
def api_key() -> str | None:
    """The API key of the module's app (none by default): a module overrides this fixture to set one."""
    return None


@pytest.fixture(scope="module")
def api_client(api_store: Path, api_settings: Any, api_key: str | None) -> Iterator[Any]:
    """A TestClient of ``zhengce serve``'s app (the API and the reviewer's pages) over ``api_store``, its
    analysis pool started once for the module; errors come back as answers, never raised."""
    from fastapi.testclient import TestClient

    from extractor.web.app import create_app

    with TestClient(create_app(api_store, settings=api_settings, api_key=api_key), raise_server_exceptions=False) as c:
        yield c
