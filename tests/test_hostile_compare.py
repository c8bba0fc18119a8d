"""Issue 13, part 3, in ``zhengce compare``: the table of a text of hostile runs takes time linear in the text.

``compare/classes.py`` and ``compare/table.py`` read each number's sentence, clause, line, rule and list; where a
text has few marks (``'百分之'*n``: no punctuation at all) each of those scans ran to the text's end or start, for
each number: quadratic. They are now lookups in marks found once per text (``classes._marks``, ``table._holds``).

The guards time the table of one synthetic analysis at n and 16n characters (2,000 and 32,000; CPU, least of 3
runs, collector off) and fail at a ratio of 60 (linear about 16, quadratic 256). The analyses are made without the
extraction, whose own time is not this stage's: the quantities of a short text's extraction repeated along the
longer text. Before the change the ratios were 176 to 347 (``OLD``, per case); after, 15 to 21. The lookups answer
as the scans they replaced: property tests against those scans.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
import regex

from extractor.compare import classes, table
from extractor.compare.table import analyses_to_table
from extractor.extract import extract_document
from extractor.extract.taxonomy import groups
from extractor.ingest.raw import RawDoc, RawLine
from extractor.pipeline import raw_to_documents
from extractor.records import Analysis
from tests._timing import least_cpu

# name -> (head, the fragment repeated): each a path that was quadratic
CASES = {
    "percent-run": ("", "百分之百分之"),  # no mark at all (百分之百 every 6 characters): every sentence, clause and line scan ran to the text's end
    "money-run": ("", "1000元"),  # the same, and money: the 申请对象 and penalty-word scans
    "worked-line": ("补贴测算：", "1000元"),  # the 补贴测算 search from the line's start
    "distributed-list": ("对高校毕业生、就业困难人员分别给予", "1000元、"),  # the list split for each number
    "exception": ("", "除对高校毕业生外1000元"),  # the exception's search to the clause's end
    "rule-run": ("一、对符合条件的创业人员", "；给予一次性创业补贴100元"),  # each number's rule read from the run's start
}
N, FACTOR, BOUND = 2_000, 16, 60
OLD = {"percent-run": 346.8, "money-run": 185.4, "worked-line": 182.1, "distributed-list": 175.8, "exception": 185.4,
       "rule-run": 209.6}
"""The ratios of the code before (3 December, at d3aaca8's parent: percent-run 0.026 s at 2,000 characters, 9.1 s
at 32,000; after, 0.010 s and 0.21 s)."""


def _analysis(text: str) -> Analysis:
    docs = raw_to_documents(RawDoc("hostile.txt", "text", [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))]))
    return extract_document(docs[0])


def _repeated(head: str, frag: str, n: int) -> Analysis:
    """The analysis of ``head + frag * (n // len(frag))``, its quantities those of the extraction of 12 fragments, the
    middle fragment's repeated at every fragment (the extraction of a long run is not this stage and is slow)."""
    base = _analysis(head + frag * 12)
    at = len(head) + 6 * len(frag)
    middle = [q for q in base.quantities if at <= q.evidence.span[0] < at + len(frag)]
    text = head + frag * (n // len(frag))
    out = [q for q in base.quantities if q.evidence.span[0] < at]
    for k in range(6, n // len(frag)):
        shift = len(head) + k * len(frag) - at
        for q in middle:
            s, e = q.evidence.span[0] + shift, q.evidence.span[1] + shift
            out.append(q.model_copy(update={"id": f"hostile.txt:{s}-{e}:{q.kind}",
                                            "evidence": q.evidence.model_copy(update={"span": (s, e)})}))
    doc = base.document.model_copy(update={"text": text})
    return base.model_copy(update={"document": doc, "quantities": out, "provisions": []})


def _cpu(run: Callable[[], object], rounds: int = 3) -> float:
    return least_cpu(run, rounds)


@pytest.mark.parametrize("case", list(CASES))
def test_compare_table_grows_linearly_on_hostile_runs(case: str) -> None:
    head, frag = CASES[case]
    small, large = _repeated(head, frag, N), _repeated(head, frag, FACTOR * N)
    assert len(large.quantities) > (FACTOR - 1) * len(small.quantities) > 0
    times = [_cpu(lambda a=a: (analyses_to_table([a], "创业担保贷款"), analyses_to_table([a])))  # type: ignore[misc]
             for a in (small, large)]
    ratio = times[1] / max(times[0], 1e-6)
    assert ratio < BOUND, f"{case}: {times[0]:.3f} s at {N}, {times[1]:.3f} s at {FACTOR * N}: ratio {ratio:.1f} (was {OLD[case]})"


def test_a_texts_marks_are_found_once() -> None:
    """Every number of a text reads the one index of its marks (an index per number would be the scans again)."""
    a = _repeated("", "百分之", 3_000)
    classes._marks.cache_clear()
    analyses_to_table([a])
    info = classes._marks.cache_info()
    assert info.misses == 1 and info.hits > len(a.quantities)


# --- the lookups answer as the scans they replaced -----------------------------------------------------------------

ALPHABET = ["、", "，", "；", "。", "：", "\n", " ", "　", "的", "给予", "发放", "可申请", "申请", "可按", "分别", "享受", "补贴",
            "补助", "奖补", "贴息", "资助", "测算", "补贴测算", "计算公式", "申请对象", "除", "外", "对", "罚款", "手续", "报告",
            "1", "元", "高校毕业生", "，\n", "的，", "的 ，　"]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(count)]


@pytest.mark.parametrize("pattern", [classes._PHRASE_END, classes._GRANTS, regex.compile(classes._DISTRIBUTES), classes._WORKED],
                         ids=["phrase-end", "grants", "distributes", "worked"])
def test_words_find_what_the_search_finds(pattern: regex.Pattern[str]) -> None:
    for text in _texts(300, 1):
        words = classes._Words(pattern, text)
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1, 3):
                m = pattern.search(text, lo, hi)
                assert words.first(lo, hi) == (m.start() if m else None), (text, lo, hi)


def test_a_condition_before_a_grant_is_what_the_search_finds() -> None:
    for text in _texts(400, 2):
        for grant in range(len(text) + 1):
            at = classes._condition_before(text, grant)
            for lo in range(grant + 1):
                assert (classes._CONDITION_END.search(text, lo, grant) is not None) == (at >= lo), (text, lo, grant)


def test_holds_is_a_word_in_the_slice() -> None:
    words = ("罚款", "手续", "报告", "的的")
    for text in _texts(300, 3):
        for lo in range(len(text) + 1):
            for hi in range(max(0, lo - 1), len(text) + 1, 2):
                assert table._holds(text, words, lo, hi) == any(w in text[lo:hi] for w in words), (text, lo, hi)


def test_groups_in_a_range_are_what_a_scan_of_the_range_finds() -> None:
    """``classes._groups_in`` (from the whole text's mentions) against ``groups().find(text, start, end)``, on texts of
    group names, their beginnings (a mention the range cuts) and brackets, every range."""
    tax = groups()
    names = sorted(tax.by_surface)[::3]
    rng = random.Random(5)
    for _ in range(150):
        parts = [rng.choice(names) if (r := rng.random()) < 0.4 else rng.choice(names)[: rng.randint(1, 4)] if r < 0.7
                 else rng.choice("（）()、，的对 ") for _ in range(rng.randint(1, 25))]
        text = "".join(parts)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1, 2):
                assert classes._groups_in(text, start, end) == list(tax.find(text, start, end)), (text, start, end)


def _distributed_by_split(text: str, start: int, n: int) -> int | None:
    """``classes._distributed`` as it was: the list split at 、 for each number."""
    at = text.rfind("分别", max(0, start - classes.SENTENCE_REACH), start)
    first = regex.compile(r"\d").search(text, at, start + 1) if at >= 0 else None
    if first is None:
        return None
    stop = regex.compile(r"[，,；;。！？!?\n]|的").search(text, first.start())
    list_end = stop.start() if stop else len(text)
    items = text[first.start() : list_end].split("、")
    if start >= list_end or len(items) != n or classes._CLAUSE_START.search(text, at, first.start()) is not None:
        return None
    offset = first.start()
    for k, item in enumerate(items):
        if offset <= start < offset + len(item):
            return k
        offset += len(item) + 1
    return None


def test_a_distributed_item_is_counted_as_the_split_counted_it() -> None:
    rng = random.Random(4)
    pieces = ["分别", "1", "20", "元", "、", "、", "，", "的", "给予", "3", "。"]
    for _ in range(1_500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        for start in range(len(text)):
            for n in (1, 2, 3, 4):
                assert classes._distributed(text, start, n) == _distributed_by_split(text, start, n), (text, start, n)
