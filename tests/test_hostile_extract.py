"""Issue 13, part 3, in the extraction: the quantities of a text of hostile runs take time linear in the text.

Each number of a text with no punctuation (``'百分之'*n``) walked to the text's start and end for its clause
(``_clause.clause_bounds``), walked its line both ways for a bracket (``_items.in_formula_base``) and searched its
whole clause for the grant words (``extract._grants``); each amount of a list of amounts matched the rest of the
list (``_per`` ``_LISTED``): quadratic. ``'百分之'*n`` took 1.4 s at 8,000 characters and 20 s at 32,000; now 0.23 s
and 0.90 s (3.7 s at 128,000). The walks are bounded (64 characters) and past that the punctuation, the brackets
of a line and the grant words are looked up in what was found once per text; a list's end is kept per offset.

The guards time the extraction of each run at n and 16n characters (2,000 and 32,000; CPU, least of 3 runs at
2,000 and one at 32,000, collector off) and fail at a ratio of 60 (linear about 16, quadratic 256). Before the change the ratios at 2,000 ->
8,000 characters were 8 to 11 (``OLD``; linear 4), after 3.8 to 4.1. Runs of brackets (``'（1元'*n``) and of
formulas are left out of the extraction timing; making the document of a run of brackets (``raw_to_documents``),
quadratic until session 20 (9.7 s at 32,000 characters), has its own guard at the end. The lookups answer as the walks they replaced:
property tests against those walks, kept here.
"""

from __future__ import annotations

import random

import pytest

import extractor.extract as ex
from extractor.extract import _clause, _items, _per, extract_document
from extractor.extract._clause import CLAUSE_END, SENTENCE_END, clause_bounds
from extractor.extract._items import in_formula_base
from extractor.ingest.raw import RawDoc, RawLine
from extractor.pipeline import raw_to_documents
from extractor.records import Document
from tests._timing import least_cpu

# name -> (head, the fragment repeated): each a path that was quadratic
CASES = {
    "percent-run": ("", "百分之"),  # no mark at all: every clause, line and grant search ran over the whole text
    "money-run": ("", "1000元"),
    "list-run": ("对高校毕业生、就业困难人员分别给予", "1000元、"),  # and the list of amounts matched again from each
}
N, FACTOR, BOUND = 2_000, 16, 60
OLD = {"percent-run": 10.9, "money-run": 7.8, "list-run": 8.8}
"""The ratios of the code before (3 December, 51af633's parent) at 2,000 -> 8,000 characters, where linear is 4:
percent-run 0.128 s -> 1.387 s (after: 0.058 s -> 0.226 s); 16x was out of reach of a test (20 s at 32,000)."""


def _doc(text: str) -> Document:
    return raw_to_documents(RawDoc("hostile.txt", "text", [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))]))[0]


def _cpu(doc: Document, rounds: int = 2) -> float:
    return least_cpu(lambda: extract_document(doc), rounds)


@pytest.fixture(scope="module")
def warm() -> None:
    extract_document(_doc("每人每月1500元，最长不超过12个月。"))  # the spaCy pipeline loaded before any timing


@pytest.mark.parametrize("name", sorted(CASES))
def test_extraction_is_linear(name: str, warm: None) -> None:
    head, frag = CASES[name]
    small = _doc(head + frag * (N // len(frag)))
    large = _doc(head + frag * (N * FACTOR // len(frag)))
    ratio = _cpu(large, 1) / max(_cpu(small, 3), 1e-3)
    assert ratio < BOUND, f"{name}: {ratio:.0f}x the time at {FACTOR}x the text (linear {FACTOR}, before {OLD[name]} at 4x)"


def _walk_bounds(text: str, a: int, b: int, ends: str) -> tuple[int, int]:
    """The clause walk :func:`clause_bounds` replaced."""
    s = a
    while s > 0 and text[s - 1] not in ends:
        s -= 1
    e = b
    while e < len(text) and text[e] not in ends:
        e += 1
    return s, e


def _walk_formula(text: str, start: int, end: int) -> bool:
    """The line walk :func:`in_formula_base` replaced."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    depth, k = 0, start - 1
    while k >= line_start:
        ch = text[k]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                break
            depth -= 1
        k -= 1
    if k < line_start:
        return False
    depth = 0
    for i in range(end, line_end):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                after = text[i + 1 : i + 3].lstrip(" \u3000")
                return bool(after) and after[0] in "×*xX"
            depth -= 1
    return False


_ALPHABET = [*"（()）\n×*x \u3000元%，,；;。:：！？", *"给予补贴百分之"] + ["a"] * 6


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.choice((0, 1, 5, 40, 300, 1200)))) for _ in range(count)]


@pytest.mark.parametrize("walk", [0, 1, 64])
def test_clause_bounds_answer_as_the_walk(walk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_clause, "WALK", walk)  # 0: every bound from the marks
    rng = random.Random(walk)
    for text in _texts(walk, 300):
        for _ in range(20):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            for ends in (CLAUSE_END, SENTENCE_END, "\n"):
                assert clause_bounds(text, a, b, ends) == _walk_bounds(text, a, b, ends), (text, a, b, ends)


def test_formula_base_answers_as_the_walk() -> None:
    rng = random.Random(7)
    for text in [*_texts(7, 600), "（" * 50 + "1元" + "）×" * 50, "计算公式:（4801元/人月×60%×20%+5275元/人月×80%×6%）×30%=248.8元/人月。"]:
        for _ in range(20):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert in_formula_base(text, a, b) == _walk_formula(text, a, b), (text, a, b)


def test_grants_answer_as_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "GRANT_SCAN", 0)  # every clause looked up in the text's grant words
    rng = random.Random(11)
    for text in _texts(11, 300):
        for _ in range(20):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            s, e = clause_bounds(text, a, b)
            assert ex._grants(text, a, b) == bool(ex._GRANT_WORDS.search(text, s, e)), (text, a, b)


def test_marks_found_once_per_text() -> None:
    _clause._marks.cache_clear()
    _items._brackets.cache_clear()
    extract_document(_doc("百分之" * 3000))
    assert _clause._marks.cache_info().misses <= 2  # the clause ends and the sentence ends
    assert _items._brackets.cache_info().misses == 1


def test_listed_end_answers_as_the_match() -> None:
    rng = random.Random(5)
    alphabet = [*"、元万千 .，", *"0123456789"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.choice((0, 3, 30, 200)))) for _ in range(400)]
    for text in [*texts, "1000元、" * 200, "1000元、2000元、3000元/人·月"]:
        for _ in range(20):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            m = _per._LISTED.match(text, a, b)
            assert _per._listed_end(text, a, b) == (m.end() if m else a), (text, a, b)


def test_making_the_document_of_a_run_of_brackets_is_linear() -> None:
    """``'（1元'*n``: each bracket of the title's line was tried as an inline 题注 on a copy of the rest of the line
    (``meta._inline_tizhu_at``, 0.04 / 0.61 / 9.7 s at 2,000 / 8,000 / 32,000 characters); a 题注 is under 1,500
    characters, so 1,501 of the rest are read (0.09 / 0.22 / 0.92 s). Linear is 16 at 16x, quadratic 256."""
    small, large = ("某办法\n" + "（1元" * (n // 3) for n in (N, N * FACTOR))
    ratio = least_cpu(lambda: _doc(large), 1) / max(least_cpu(lambda: _doc(small), 3), 1e-3)
    assert ratio < BOUND, ratio
