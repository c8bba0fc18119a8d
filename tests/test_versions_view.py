"""What ``diff`` and ``history`` get back from their worker (``analysis.for_versions``): the analyses without their
provisions and the attachments' section trees, which neither reads (issue 13: memory). The diff of the slim
analyses is the diff of the full ones; checked on all 88 version and document pairs of the corpus when written
(session 27), here on a table of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.analysis import analyze_path, for_versions
from extractor.compare.diff import analyses_to_diff
from extractor.compare.history import history_of
from extractor.records import AnalysisResult

ROOT = Path(__file__).resolve().parent.parent
C = "corpus/texts/004_a7a4461144ba7e7b.txt"

PAIRS = {
    "two documents of a compendium, both with attachments": (f"{C}#02", f"{C}#04"),
    "a document with attachments and one without": (f"{C}#13", f"{C}#01"),
    "a notice with attachments and a penalty discretion table with them": (
        "corpus/fresh/guangdong-2016-flexible-employment-pension-notice.txt",
        "corpus/unseen/guangdong-2021-eco-environment-penalty-discretion-provisions.txt"),
    "two versions of a law": ("corpus/revisions/statistics-law-2009.txt", "corpus/revisions/statistics-law-2024.txt"),
}


def _full(ref: str) -> tuple[AnalysisResult, AnalysisResult]:
    result = analyze_path(str(ROOT / ref))  # PATH#NN names one document of a compendium
    assert result.error is None, result.error
    return result, for_versions(result)


@pytest.mark.parametrize(("a", "b"), list(PAIRS.values()), ids=list(PAIRS))
def test_the_diff_of_the_slim_analyses_is_the_diff_of_the_full_ones(a: str, b: str) -> None:
    (fa, sa), (fb, sb) = _full(a), _full(b)
    full_a, full_b, slim_a, slim_b = fa.analyses[0], fb.analyses[0], sa.analyses[0], sb.analyses[0]
    assert full_a.provisions and not slim_a.provisions and not slim_a.document.attachments
    assert slim_a.quantities == full_a.quantities and slim_a.document.text == full_a.document.text
    assert analyses_to_diff(slim_a, slim_b).model_dump_json() == analyses_to_diff(full_a, full_b).model_dump_json()


def test_the_history_of_the_slim_analyses_is_the_history_of_the_full_ones() -> None:
    refs = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus" / "revisions").glob("statistics-law-*.txt"))
    assert len(refs) >= 2
    both = [_full(r) for r in refs]
    full = history_of([f.analyses[0] for f, _ in both]).model_dump_json()
    assert history_of([s.analyses[0] for _, s in both]).model_dump_json() == full
