"""The expected structure of every corpus document, from the golden files (made by reading the documents)."""

from __future__ import annotations

import json

import pytest

from extractor.evaluate import _gold_meta, _meta_value, _overlap, _titles, norm, score_sections
from tests.conftest import ROOT, gold_files, load_gold, parsed

TOC = json.loads((ROOT / "tests" / "data" / "compendium_toc.json").read_text(encoding="utf-8"))
GOLD = [load_gold(p) for p in gold_files()]


def _document(gold: dict):  # type: ignore[no-untyped-def]
    docs = parsed(gold["source"]["path"])
    lines = gold["source"].get("lines")
    return max(docs, key=lambda d: _overlap(d, lines))


def test_compendium_has_exactly_its_30_documents_in_order() -> None:
    docs = parsed("corpus/texts/004_a7a4461144ba7e7b.txt")
    assert [d.id for d in docs] == [f"004_a7a4461144ba7e7b-{n:02d}" for n in range(1, 31)]


def test_compendium_29_documents_carry_a_doc_number() -> None:
    docs = parsed("corpus/texts/004_a7a4461144ba7e7b.txt")
    assert sum(d.doc_number is not None for d in docs) == 29


@pytest.mark.parametrize("entry", TOC, ids=[f"doc{e['n']:02d}" for e in TOC])
def test_compendium_document(entry: dict) -> None:
    docs = {d.id: d for d in parsed("corpus/texts/004_a7a4461144ba7e7b.txt")}
    doc = docs[f"004_a7a4461144ba7e7b-{entry['n']:02d}"]
    assert norm(doc.title) == norm(entry["title"])
    assert (doc.doc_number.text if doc.doc_number else None) == entry["doc_number"]
    assert doc.source.lines == (entry["first_line"], entry["last_line"])


def test_table_of_contents_is_not_a_document() -> None:
    docs = parsed("corpus/texts/004_a7a4461144ba7e7b.txt")
    assert all("目" not in d.text[:3] and not d.text.startswith("1.") for d in docs)
    assert docs[0].source.lines[0] > 50


META = ("doc_number", "issuers", "date", "region", "level")


@pytest.mark.parametrize("gold", GOLD, ids=[g["doc"] if "doc" in g else str(i) for i, g in enumerate(GOLD)])
def test_metadata(gold: dict) -> None:
    doc = _document(gold)
    meta = gold["meta"]
    assert {norm(meta.get("title")), norm(meta.get("instrument_title"))} & _titles(doc)
    for field in META:
        assert _meta_value(doc, field) == _gold_meta(meta, field), field
    if "doc_type" in meta:
        assert doc.doc_type == meta["doc_type"]


@pytest.mark.parametrize("gold", GOLD, ids=[g["doc"] if "doc" in g else str(i) for i, g in enumerate(GOLD)])
def test_top_level_sections(gold: dict) -> None:
    doc = _document(gold)
    counts = score_sections([(s.num, s.heading) for s in doc.sections], gold["sections"])
    assert (counts.tp, counts.predicted) == (len(gold["sections"]), len(gold["sections"])), [
        (s.num, s.heading) for s in doc.sections
    ]
