"""Shared fixtures: the project root and parsed corpus documents (parsed once per session)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from extractor.pipeline import parse_file
from extractor.records import Document

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
