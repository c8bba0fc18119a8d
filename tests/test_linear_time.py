"""Linear time in the text stages (issue 13, part 3): guards that fail on a quadratic regression, and property tests
that each index the stages now look things up in answers what the scan it replaced answered.

A guard times its stage at n and at 4n characters (the least CPU time of a few runs each, so a busy machine's
pauses drop out) and asserts the ratio is under 10: linear is about 4, quadratic 16. The inputs are the hostile ones of the
issue: long digit and 一 runs, 减半 and 百分之 repeated, random policy-like text for the compendium splitter,
repeated fragments for the diff. ``benchmarks/bench_linear.py`` measures the same from 1k to 1M characters.
"""

from __future__ import annotations

import difflib
import gc
import random
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.compare.diff import redline
from extractor.extract import SectionLookup, sections_at, text_to_quantities
from extractor.extract._clause import CLAUSE_END, SENTENCE_END, Hits, Marks, Words, clause_bounds
from extractor.extract._lists import _caps_by_scan, caps
from extractor.extract.context import annotate, text_index
from extractor.extract.find import find_quantities
from extractor.extract.taxonomy import benefits, groups
from extractor.segment.split import split_compendium

RATIO = 10.0  # linear: about 4 at 4x the size (up to 7 seen, when the larger input leaves the CPU cache); quadratic: 16


def _fastest(run: Callable[[], object], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()  # CPU of this process: what other processes on the machine do drops out
        run()
        best = min(best, time.process_time() - t)
    return best


def _annotate(text: str) -> object:
    found = find_quantities(text)
    return annotate(text, found, list(groups().find(text)), list(benefits().find(text)))


def _policy_like(n: int, seed: int = 0) -> list[str]:
    """A table of contents of 40 entries, then about n characters of short head-like lines and sentences."""
    rng = random.Random(seed)
    han = "关于印发通知办法实施意见人力资源社会保障厅局就业创业补贴文件省市政府办公室"
    toc = ["目 录", *(f"{k}. {''.join(rng.choice(han) for _ in range(12))} {k}" for k in range(1, 41))]
    body, size = [], 0
    while size < n:
        line = "".join(rng.choice(han) for _ in range(rng.randrange(6, 20))) + rng.choice(["", "", "。", "，补贴1000元。"])
        body.append(line)
        size += len(line) + 1
    return toc + body


def _articles(n: int) -> str:
    """About n characters of 第N条 articles, each with an amount: many sections and many quantities."""
    out, k = [], 0
    while sum(len(p) + 1 for p in out) < n:
        k += 1
        out.append(f"第{k}条 对符合条件的人员给予每人每月{k}00元补贴，最长不超过12个月。")
    return "\n".join(out)


# name: (the stage on a text of n characters, n)
GUARDS: dict[str, tuple[Callable[[int], object], int]] = {
    "find_digit_run": (lambda n: find_quantities("1" * n), 4000),  # '1'*8192 took 43 s
    "find_yi_run": (lambda n: find_quantities("一" * n), 4000),  # '一'*8192 took 25.6 s
    "find_thousands_groups": (lambda n: find_quantities("1,000" * (n // 5)), 4000),
    "find_spaced_thousands": (lambda n: find_quantities("1 000" * (n // 5)), 4000),
    "annotate_jianban": (lambda n: _annotate("减半" * (n // 2)), 1000),  # '减半'*4096 took 25.6 s
    "annotate_baifenzhi": (lambda n: _annotate("百分之" * (n // 3)), 1500),
    "extract_jianban": (lambda n: text_to_quantities("减半" * (n // 2)), 500),
    "extract_articles": (lambda n: text_to_quantities(_articles(n)), 1500),  # sections_at rebuilt a list per quantity
    "extract_one_line_of_sentences": (lambda n: text_to_quantities("补贴1000元。" * (n // 8)), 1500),
    "extract_lists_in_one_sentence": (lambda n: text_to_quantities("1元和2元" * (n // 5)), 1500),  # an enumeration looked for back to the sentence's start
    "extract_groups_in_one_sentence": (lambda n: text_to_quantities("高校毕业生补贴1000元" * (n // 12)), 1500),  # every group before a number
    "split_policy_like": (lambda n: split_compendium(_policy_like(n)), 3000),
    "redline_repeated_fragments": (lambda n: redline("百分之" * (n // 3), "之分百" * (n // 3)), 12000),
    "redline_insert_in_repeats": (lambda n: redline("百分之" * (n // 3), "百分之" * (n // 6) + "十" + "百分之" * (n // 6)), 12000),
}


@pytest.mark.parametrize("name", list(GUARDS), ids=list(GUARDS))
def test_time_grows_linearly(name: str) -> None:
    stage, n = GUARDS[name]
    stage(n)  # warm: compiled patterns, the taxonomy, the pipeline
    small, large = _fastest(lambda: stage(n)), _fastest(lambda: stage(4 * n))
    assert large < RATIO * max(small, 0.005), f"{name}: {small:.3f} s at {n} chars, {large:.3f} s at {4 * n}"


def test_diff_of_two_2kb_texts_of_repeated_fragments_is_well_under_a_second() -> None:
    a = "百分之" * 683
    for b in ("之分百" * 683, a[:1000] + "十" + a[1000:], "百分" * 1024):
        assert _fastest(lambda b=b: redline(a, b), rounds=1) < 0.5, b[:12]  # 198 s before


# -- the indexes answer what the scans answered ------------------------------------------------------------------

_TEXT = st.text(alphabet="，。；\n：、 补贴1一元", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_marks_bound_a_clause_as_the_walk_did(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    for ends in (CLAUSE_END, SENTENCE_END):
        assert Marks(text, ends).bounds(a, b) == clause_bounds(text, a, b, ends)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_words_find_what_rfind_and_in_find(text: str, data: st.DataObject) -> None:
    words = ["补贴", "贴贴", "1一", "，"]
    index = Words(text, words)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    for w in words:
        assert index.last_in(w, a, b) == text.rfind(w, a, b)
    assert index.any_in(words, a, b) == any(w in text[a:b] for w in words)


_HITS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=12).map(
    lambda xs: [(s, s + n, "x") for s, n in xs])


@settings(max_examples=300, deadline=None)
@given(_HITS, st.integers(0, 45), st.integers(0, 45))
def test_hits_answer_as_a_scan_of_the_list(hits: list[tuple[int, int, str]], a: int, b: int) -> None:
    index = Hits(hits)
    inside = [h for h in hits if a <= h[0] and h[1] <= b]
    assert index.first_from(a, b) == next((h for h in hits if a <= h[0] < b), None)
    assert index.inside(a, b) == inside
    assert index.inside(a, b, 2) == inside[-2:]
    assert index.last_inside(a, b) == (inside[-1] if inside else None)


_SECTIONS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=10).map(
    lambda xs: sorted(((s, s + n, f"p{k}", "") for k, (s, n) in enumerate(xs)), key=lambda t: (t[0], -t[1])))


@settings(max_examples=300, deadline=None)
@given(_SECTIONS, st.integers(0, 45))
def test_section_lookup_is_sections_at(index: list[tuple[int, int, str, str]], offset: int) -> None:
    assert SectionLookup(index).at(offset) == sections_at(index, offset)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="补贴50%最高1万元以下，。减半", max_size=40))
def test_caps_in_one_walk_are_the_scans_caps(text: str) -> None:
    contexts = _annotate(text)
    assert caps(text, contexts, text_index(text)) == _caps_by_scan(text, contexts)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="百分之十，。", max_size=300), st.text(alphabet="百分之十，。", max_size=300))
def test_redline_spells_both_texts_and_is_difflibs_within_its_budget(a: str, b: str) -> None:
    ops = redline(a, b)
    assert "".join(o.text for o in ops if o.op != "insert") == a
    assert "".join(o.text for o in ops if o.op != "delete") == b
    if len(a) * len(b) <= 2500:  # small: always within the budget, so difflib's own character diff
        codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        expected = [(t, a[i1:i2], b[j1:j2]) for t, i1, i2, j1, j2 in codes]
        got = []
        for o in ops:
            if o.op == "equal":
                got.append(("equal", o.text, o.text))
            elif o.op == "insert" and got and got[-1][0] == "delete":
                got[-1] = ("replace", got[-1][1], o.text)
            else:
                got.append((o.op, o.text if o.op == "delete" else "", o.text if o.op == "insert" else ""))
        assert got == expected


# -- the diff of many articles, and of an article of many numbers (compare/align.py, compare/pairing.py) ---------


def _regulation(n: int, revised: bool) -> str:
    """n articles of random wording; revised: every 10th article's sentence changed, every 37th dropped."""
    rng = random.Random(n)
    out = []
    for k in range(1, n + 1):
        body = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(30))
        if revised and k % 37 == 0:
            continue
        out.append(f"第{k}条 {body + ('，并报送备案' if revised and k % 10 == 3 else '')}。")
    return "\n".join(out)


def _many_numbers(n: int, shift: int) -> str:
    """One article of n amounts, each under its own subject."""
    names = "企业个人单位机构学校医院社区农户"
    return "第一条　" + "；".join(f"{names[i % 8]}{names[(i // 8) % 8]}第{i}类申请补贴{(i * 37 + shift) % 900 + 100}元" for i in range(n)) + "。"


def _documents(a: str, b: str) -> tuple[object, object]:
    from extractor.ingest.raw import RawDoc, RawLine
    from extractor.pipeline import raw_to_documents

    def doc(text: str) -> object:
        return raw_to_documents(RawDoc("t.txt", "text", [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))]))[0]

    return doc(a), doc(b)


def _align(n: int) -> Callable[[], object]:
    from extractor.compare.align import align

    a, b = _documents(_regulation(n, False), _regulation(n, True))
    return lambda: align(a, b)  # type: ignore[arg-type]


def _diff_of_numbers(n: int) -> Callable[[], object]:
    from extractor.compare.diff import analyses_to_diff
    from extractor.extract import extract_document

    a, b = _documents(_many_numbers(n, 0), _many_numbers(n, 5))
    x, y = extract_document(a), extract_document(b)  # type: ignore[arg-type]
    return lambda: analyses_to_diff(x, y)


def _versions(kind: str, n: int) -> tuple[str, str]:
    if kind == "revision":
        return _regulation(n, False), _regulation(n, True)
    if kind == "unrelated":  # a second text of other random wording
        rng = random.Random(n + 1_000_000)
        return _regulation(n, False), "\n".join(f"第{k}条 {''.join(chr(0x4E00 + rng.randrange(3000)) for _ in range(30))}。" for k in range(1, n + 1))
    return "\n".join(f"第{k}条 删除。" for k in range(1, n + 1)), "\n".join(f"第{k}条 删除。" for k in range(1, n + 2))  # one text repeated


def _align_of(kind: str) -> Callable[[int], Callable[[], object]]:
    def prepare(n: int) -> Callable[[], object]:
        from extractor.compare.align import align

        a, b = _documents(*_versions(kind, n))
        return lambda: align(a, b)  # type: ignore[arg-type]

    return prepare


def _whole_diff(n: int) -> Callable[[], object]:
    from extractor.compare.diff import analyses_to_diff
    from extractor.extract import extract_document

    a, b = _documents(_regulation(n, False), _regulation(n, True))
    x, y = extract_document(a), extract_document(b)  # type: ignore[arg-type]
    return lambda: analyses_to_diff(x, y)


# name: (a text's prepared stage of size n, n: articles or numbers)
DIFF_GUARDS: dict[str, tuple[Callable[[int], Callable[[], object]], int]] = {
    "align_many_articles": (_align, 200),  # every article scored against every other: 299 articles took 41 s
    "align_unrelated_articles": (_align_of("unrelated"), 200),  # no anchor: the in-order pass scored its whole gap
    "align_one_text_repeated": (_align_of("repeated"), 200),  # every pair of copies of one text was a candidate
    "diff_many_articles": (_whole_diff, 200),  # the whole diff: alignment, redlines, parts, numbers, chapters
    "pair_many_numbers": (_diff_of_numbers, 200),  # every number of an article pair scored against every other
}


@pytest.mark.parametrize("name", list(DIFF_GUARDS), ids=list(DIFF_GUARDS))
def test_diff_time_grows_linearly(name: str) -> None:
    prepare, n = DIFF_GUARDS[name]
    small, large = prepare(n), prepare(4 * n)
    small()
    gc.collect()
    gc.disable()  # the collector's passes grow with all the process holds, not with this stage
    try:
        t_small, t_large = _fastest(small), _fastest(large)
    finally:
        gc.enable()
    assert t_large < RATIO * max(t_small, 0.005), f"{name}: {t_small:.3f} s at {n}, {t_large:.3f} s at {4 * n}"


# -- the alignment's work per article, counted (robust to a busy machine) ------------------------------------------

WORK_RATIO = 6.0  # 4x the articles: linear work is 4x (up to 5 seen, the candidates of a larger text), quadratic 16x


@pytest.mark.parametrize("kind", ["revision", "unrelated", "repeated"])
def test_align_work_grows_linearly(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The weighted bigram sums (``_Wording.mass``: each similarity scored, each split or merge residual) that
    ``align`` does for n and 4n articles: on the code before, 16x for texts with no anchor (the in-order pass scored
    its whole gap) and for one text repeated (every pair of copies was a candidate)."""
    from extractor.compare import align as al

    calls = [0]
    mass = al._Wording.mass

    def counted(self: object, s: set[int]) -> float:
        calls[0] += 1
        return mass(self, s)  # type: ignore[arg-type]

    monkeypatch.setattr(al._Wording, "mass", counted)
    work = []
    for n in (300, 1200):
        a, b = _documents(*_versions(kind, n))
        calls[0] = 0
        al.align(a, b)  # type: ignore[arg-type]
        work.append(calls[0])
    assert work[1] < WORK_RATIO * work[0], f"{kind}: {work[0]} sums at 300 articles, {work[1]} at 1200"
