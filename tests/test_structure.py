"""The expected structure of every corpus document, from the golden files (made by reading the documents)."""

from __future__ import annotations

import json

import pytest

from extractor.evaluate import gold_meta_value, meta_value, norm, overlap, read_gold_document, score_sections, titles
from extractor.records import Document
from extractor.records.evaluation import GoldDocument
from tests.conftest import ROOT, gold_files, parsed

TOC = json.loads((ROOT / "tests" / "data" / "compendium_toc.json").read_text(encoding="utf-8"))
GOLD = [read_gold_document(p) for p in gold_files()]


def _document(gold: GoldDocument) -> Document:
    docs = parsed(gold.source.path)
    return max(docs, key=lambda d: overlap(d, gold.source.lines))


def test_compendium_has_exactly_its_30_documents_in_order() -> None:
    docs = parsed("corpus/texts/004_a7a4461144ba7e7b.txt")
    assert [d.id for d in docs] == [f"004_a7a4461144ba7e7b-{n:02d}.txt" for n in range(1, 31)]


def test_compendium_29_documents_carry_a_doc_number() -> None:
    docs = parsed("corpus/texts/004_a7a4461144ba7e7b.txt")
    assert sum(d.doc_number is not None for d in docs) == 29


@pytest.mark.parametrize("entry", TOC, ids=[f"doc{e['n']:02d}" for e in TOC])
def test_compendium_document(entry: dict) -> None:
    docs = {d.id: d for d in parsed("corpus/texts/004_a7a4461144ba7e7b.txt")}
    doc = docs[f"004_a7a4461144ba7e7b-{entry['n']:02d}.txt"]
    assert norm(doc.title) == norm(entry["title"])
    assert (doc.doc_number.text if doc.doc_number else None) == entry["doc_number"]
    assert doc.source.lines == (entry["first_line"], entry["last_line"])


def test_table_of_contents_is_not_a_document() -> None:
    docs = parsed("corpus/texts/004_a7a4461144ba7e7b.txt")
    assert all("目" not in d.text[:3] and not d.text.startswith("1.") for d in docs)
    assert docs[0].source.lines[0] > 50


META = ("doc_number", "issuers", "date", "region", "level")


@pytest.mark.parametrize("gold", GOLD, ids=[g.doc for g in GOLD])
def test_metadata(gold: GoldDocument) -> None:
    doc = _document(gold)
    meta = gold.meta
    assert {norm(meta.title), norm(meta.instrument_title)} & titles(doc)
    for field in META:
        assert meta_value(doc, field) == gold_meta_value(meta, field), field
    if "doc_type" in meta.model_fields_set:
        assert doc.doc_type == meta.doc_type


@pytest.mark.parametrize("gold", GOLD, ids=[g.doc for g in GOLD])
def test_top_level_sections(gold: GoldDocument) -> None:
    doc = _document(gold)
    assert gold.sections is not None
    counts = score_sections([(s.num, s.heading) for s in doc.sections], gold.sections)
    assert (counts.tp, counts.predicted) == (len(gold.sections), len(gold.sections)), [
        (s.num, s.heading) for s in doc.sections
    ]
