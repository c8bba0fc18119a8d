"""schemas/ is generated from the pydantic models and must be current."""

from __future__ import annotations

import json

import pytest

from extractor.schemas import schema_texts
from tests.conftest import ROOT

TEXTS = schema_texts()


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_schema_file_is_current(name: str) -> None:
    path = ROOT / "schemas" / name
    assert path.exists(), f"run: zhengce schema -o schemas ({name} is missing)"
    assert path.read_text(encoding="utf-8") == TEXTS[name], f"run: zhengce schema -o schemas ({name} is stale)"


def test_no_stale_schema_files() -> None:
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(TEXTS)


def test_document_schema_has_the_promised_fields() -> None:
    schema = json.loads(TEXTS["document.schema.json"])
    assert {"id", "title", "doc_type", "doc_number", "issuers", "date", "region", "level", "sections"} <= set(schema["properties"])
    section = schema["$defs"]["Section"]["properties"]
    assert {"num", "heading", "path", "text", "children", "span", "page"} <= set(section)
