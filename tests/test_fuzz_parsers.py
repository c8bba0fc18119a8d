"""Fuzzing every text parser (issue 13, part 7): nothing raises, nothing runs long, and every record keeps its
invariants (spans inside the text, headings inside their sections up to ``heading_form``).

tests/test_properties.py checks the parsers' meaning (values read back, quotes verbatim). This file throws
hostile text at them: long runs of one digit or fragment, numbering markers by the dozen, full-width and odd
spaces, control and astral characters, policy-like fragments mixed with noise. Each parser is one row of
``PROPERTIES``: a strategy and a check that raises on a broken invariant. The tests below run each row for a few
examples with a per-example deadline; ``benchmarks/fuzz.py`` runs the same rows for tens of thousands.

``ZHENGCE_FUZZ=N`` multiplies the examples by N.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.compare.diff import documents_to_diff
from extractor.extract import extract_document
from extractor.extract.find import find_quantities
from extractor.ingest.raw import RawDoc, RawLine
from extractor.normalize.text import lines_to_text, normalize_chars
from extractor.pipeline import raw_to_documents
from extractor.records import Document, document_sections
from extractor.records.document import heading_form
from extractor.segment.meta import paragraphs_to_head
from extractor.segment.split import split_compendium
from extractor.segment.tree import paragraphs_to_sections
from extractor.text import numerals

FUZZ = max(1, int(os.environ.get("ZHENGCE_FUZZ", "1") or "1"))
DEADLINE_MS = 8000  # per example: generous for a shared, noisy machine; a quadratic path on 2,000 characters exceeds it

# ---------------------------------------------------------------------------------------------------------------
# Strategies: policy-like fragments, noise, and hostile repetitions.

MARKERS = ["一、", "二、", "十一、", "（一）", "（二）", "(三)", "1.", "2、", "3．", "（1）", "(2)", "①", "②", "第一条", "第二条\u3000",
           "第十条", "第一章 ", "第二章\u3000", "第一节", "第一编", "一是", "二是", "三是", "附件", "附件1", "目 录", "第一部分 "]
WORDS = ["补贴", "标准", "就业见习补贴", "创业担保贷款", "社会保险补贴", "每人每月", "最高不超过", "不低于", "以上", "以内", "（含）",
         "万元", "元", "%", "％", "个月", "年", "周岁", "倍", "个百分点", "减半", "三分之二", "百分之五十", "一次性", "按月",
         "高校毕业生", "小微企业", "河南省人力资源和社会保障厅", "关于印发《就业见习管理办法》的通知", "豫人社〔2023〕17号",
         "2023年4月27日", "二〇二三年四月二十七日", "自2024年1月1日起", "各市、县人民政府：", "抄送：省财政厅。", "（目的和依据）",
         "LPR", "Start Up", "本办法自印发之日起施行", "—3—", "第3页/共12页", "1\t就业见习补贴\t1500元"]
NUMBERS = ["0", "7", "1500", "1,500", "1，500", "12.5", "１５００", "一", "十二", "一百二十万", "壹万伍仟", "三十几", "两三", "上百",
           "3000余", "二十多", "半", "一年半", "〇", "零点五", "5-10", "5—10", "18至35"]
NOISE = [" ", "  ", "\u3000", "\u3000\u3000", "\xa0", "\t", "\u2003", "\ufeff", "\u200b", "\u00ad", "**", "*", "。", "，", "；", "：",
         "、", "！", "？", "“", "”", "《", "》", "（", "）", "(", ")", "——", "……", ",", ".", ";", ":", "/", "-", "~", "\x0c", "\r"]
HOSTILE = ["1", "一", "减半", "百分之", "元", "万", "十", "零", "第一条", "（一）", "、", "。", " ", "\u3000", "《", "（", "第", "-",
           "1,", "一是", "附件", "目录"]

FRAGMENT = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(NUMBERS), st.sampled_from(NUMBERS),
    st.sampled_from(NOISE), st.text(max_size=3),
)
REPEAT = st.tuples(st.sampled_from(HOSTILE), st.integers(1, 600)).map(lambda t: t[0] * t[1])
SENTENCE = st.lists(st.one_of(FRAGMENT, FRAGMENT, FRAGMENT, REPEAT), max_size=12).map("".join)
LINE = st.one_of(
    st.tuples(st.sampled_from(MARKERS), SENTENCE, st.sampled_from(["", "。", "；", "：", "，"])).map("".join),
    SENTENCE, st.sampled_from(WORDS), st.just(""), st.text(max_size=30),
)
LINES = st.lists(LINE, max_size=14)
SHORT = st.one_of(st.lists(st.one_of(st.sampled_from(NUMBERS), st.sampled_from(WORDS[4:20]), st.sampled_from(NOISE)),
                           max_size=6).map("".join), REPEAT, st.text(max_size=20))


def squash(s: str) -> str:
    """Without any space (``str.isspace``, as ``str.strip`` sees it: \\x1c-\\x1f too) or ``*``, full-width characters
    as ASCII: what title_text and the cleaner may change."""
    return "".join(c for c in normalize_chars(s) if not c.isspace() and c != "*")


def raw_doc(lines: list[str], name: str = "gen.txt") -> RawDoc:
    return RawDoc(name, "text", [RawLine(t, None, i + 1) for i, t in enumerate(lines)])


def paragraphs_of(lines: list[str]) -> list[str]:
    """The cleaner's paragraphs, as the pipeline gives them to the head, tree and splitter."""
    return lines_to_text([RawLine(t, None, i + 1) for i, t in enumerate(lines)]).text.split("\n")


# ---------------------------------------------------------------------------------------------------------------
# Invariant checks: each raises AssertionError naming what broke.


def check_document(doc: Document) -> None:
    """Spans inside the text, section text under its span, headings inside their first paragraph (in form)."""
    n = len(doc.text)
    for s in document_sections(doc):
        assert 0 <= s.span[0] <= s.span[1] <= n, f"section {s.path} {s.span} outside {n}"
        assert doc.text[s.span[0] : s.span[1]] == s.text, f"section {s.path}: text is not text[span]"
        if s.heading is not None:
            assert s.heading == heading_form(s.heading) and s.heading in heading_form(s.text.split("\n", 1)[0]), s.path
    for r in doc.references:
        assert doc.text[r.span[0] : r.span[1]] == r.quote, f"reference «{r.quote}»"
    for a in doc.attachments:
        assert 0 <= a.span[0] <= a.span[1] <= n and all(0 <= t.span[0] <= t.span[1] <= n for t in a.tables)
    for v in doc.versions:
        assert 0 <= v.span[0] <= v.span[1] <= n, f"version {v.span}"


def check_numerals(s: str) -> None:
    for parse in (numerals.parse_number, numerals.parse_int, numerals.parse_money, numerals.parse_percent):
        v = parse(s)
        assert v is None or isinstance(v, Decimal | int), f"{parse.__name__}: {v!r}"
    approx = numerals.parse_approx(s)
    if approx is not None:
        lo, hi, _ = approx
        assert hi is None or lo <= hi, f"parse_approx: {lo} > {hi}"
    prefix = numerals.money_prefix(s)
    if prefix is not None:
        assert 0 < prefix[1] <= len(s), f"money_prefix consumed {prefix[1]} of {len(s)}"
    age = numerals.parse_age(s)
    if age is not None and age[1] is not None:
        assert age[0] <= age[1], f"parse_age: {age}"
    numerals.parse_duration(s)


def check_cleaner(lines: list[str]) -> None:
    raw = [RawLine(t, None, i + 1) for i, t in enumerate(lines)]
    clean = lines_to_text(raw)
    n = len(clean.text)
    assert len(clean.line_of) == n == len(clean.col_of), "the offset map does not cover the text"
    assert list(clean.line_of) == sorted(clean.line_of), "source lines out of order"
    assert all(0 <= k < len(raw) for k in clean.line_of)
    assert all(0 <= c <= len(raw[k].text) for k, c in zip(clean.line_of, clean.col_of, strict=True)), "a column past its line"
    edits = [(o, ln) for o, ln, _ in clean.edits]
    assert edits == sorted(edits) and all(o >= 0 and o + ln <= n for o, ln in edits), "a source edit outside the text"


def check_head(lines: list[str]) -> None:
    paragraphs = paragraphs_of(lines)
    head = paragraphs_to_head(paragraphs)
    assert 0 <= head.body_start <= len(paragraphs), f"body_start {head.body_start} of {len(paragraphs)}"
    for k in (head.signature, head.instrument_start):
        assert k is None or 0 <= k < len(paragraphs), f"paragraph {k} of {len(paragraphs)}"
    flat = squash("".join(paragraphs))
    for what, value in (("title", head.title), ("文号", head.doc_number.text if head.doc_number else None),
                        *(("issuer", x) for x in head.issuers)):
        assert value is None or squash(value) in flat, f"{what} «{value}» not in the text"


def _offsets(paragraphs: list[str]) -> list[int]:
    out, pos = [], 0
    for p in paragraphs:
        out.append(pos)
        pos += len(p) + 1
    return out


def check_tree(lines: list[str]) -> None:
    paragraphs = paragraphs_of(lines)
    text = "\n".join(paragraphs)
    sections = paragraphs_to_sections(paragraphs, _offsets(paragraphs), 0, len(paragraphs), lambda o: (None, 1))
    stack = list(sections)
    while stack:
        s = stack.pop()
        assert text[s.span[0] : s.span[1]] == s.text, f"section {s.path}: text is not text[span]"
        stack.extend(s.children)


def check_split(lines: list[str]) -> None:
    paragraphs = paragraphs_of(lines)
    split = split_compendium(paragraphs)
    if split is None:
        return
    assert len(split.ranges) == len(split.numbers), "a range without its number"
    for s, e in split.ranges:
        assert 0 <= s <= e <= len(paragraphs), f"range {(s, e)} of {len(paragraphs)} paragraphs"
    assert all(a[1] <= b[0] for a, b in pairwise(split.ranges)), f"overlapping ranges {split.ranges}"


def check_find(text: str) -> None:
    found = find_quantities(text)
    for f in found:
        assert 0 <= f.start < f.end <= len(text), f"span {(f.start, f.end)} of {len(text)}"
        assert f.value is None or f.value_max is None or f.value <= f.value_max, f"«{text[f.start:f.end]}»"
    assert all(a.end <= b.start for a, b in pairwise(found)), "overlapping quantities"


def check_extract(lines: list[str]) -> None:
    for doc in raw_to_documents(raw_doc(lines)):
        check_document(doc)
        analysis = extract_document(doc)
        n = len(doc.text)
        for q in analysis.quantities:
            s, e = q.evidence.span
            assert 0 <= s < e <= n, f"quantity {q.id} span {(s, e)} outside {n}"
            assert q.value is None or q.value_max is None or q.value <= q.value_max, q.id
        for p in analysis.provisions:
            assert 0 <= p.evidence.span[0] <= p.evidence.span[1] <= n, f"provision {p.section} outside the text"


def check_diff(pair: tuple[list[str], list[str]]) -> None:
    (a, *_), (b, *_) = raw_to_documents(raw_doc(pair[0], "a.txt")), raw_to_documents(raw_doc(pair[1], "b.txt"))
    diff = documents_to_diff(a, b)
    for p in diff.pairs:
        for span, doc in ((p.a_span, a), (p.b_span, b)):
            assert span is None or 0 <= span[0] <= span[1] <= len(doc.text), f"pair span {span} outside {len(doc.text)}"
        if p.redline and p.a_span and p.b_span:
            old = "".join(op.text for op in p.redline if op.op != "insert")
            new = "".join(op.text for op in p.redline if op.op != "delete")
            assert old in a.text[p.a_span[0] : p.a_span[1]] and new in b.text[p.b_span[0] : p.b_span[1]], "redline"
    for c in diff.changes:
        for ev, doc in ((c.a_evidence, a), (c.b_evidence, b)):
            assert ev is None or 0 <= ev.span[0] < ev.span[1] <= len(doc.text), f"change {c.summary} outside"


@st.composite
def revisions(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Two documents: unrelated, or the second the first with lines changed, moved, dropped or added."""
    a = draw(LINES)
    if draw(st.booleans()):
        return a, draw(LINES)
    b = list(a)
    for _ in range(draw(st.integers(0, 4))):
        op, k = draw(st.integers(0, 2)), draw(st.integers(0, max(len(b) - 1, 0)))
        if op == 0 and b:
            del b[k]
        elif op == 1 and b:
            b[k] += draw(SENTENCE)
        else:
            b.insert(k, draw(LINE))
    return a, b


@dataclass(frozen=True)
class Property:
    """A parser's fuzz row: what to generate, what to check, and how many examples in CI."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    examples: int


PROPERTIES = [
    Property("numerals", SHORT, check_numerals, 150),
    Property("cleaner", LINES, check_cleaner, 80),
    Property("heads", LINES, check_head, 60),
    Property("tree", LINES, check_tree, 80),
    Property("split", st.lists(st.one_of(LINE, st.sampled_from(["目 录", "目录", "1. 关于印发《就业见习管理办法》的通知..... 3",
                                                              "2. 河南省财政厅关于做好就业工作的通知 7", "第一部分 省级文件"])),
                                max_size=16), check_split, 60),
    Property("quantities", st.one_of(SENTENCE, REPEAT, LINES.map("\n".join)), check_find, 100),
    Property("extract", LINES, check_extract, 30),
    Property("diff", revisions(), check_diff, 20),
]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the models and rule tables once, outside the per-example deadline."""
    check_extract(["一、补贴标准", "每人每月1500元。"])
    check_diff((["一、补贴1500元。"], ["一、补贴2000元。"]))


@pytest.mark.parametrize("prop", PROPERTIES, ids=[p.name for p in PROPERTIES])
def test_parser_never_raises_and_keeps_its_invariants(prop: Property) -> None:
    run = settings(max_examples=prop.examples * FUZZ, deadline=DEADLINE_MS, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])(given(prop.strategy)(prop.check))
    run()


HOSTILE_TEXTS = [
    ("digits ×2048", "1" * 2048), ("一 ×2048", "一" * 2048), ("减半 ×1024", "减半" * 1024), ("百分之 ×683", "百分之" * 683),
    ("元 ×2048", "元" * 2048), ("第一条 ×500", "第一条" * 500), ("（一） ×500", "（一）" * 500), ("1, ×1000", "1," * 1000),
    ("spaces ×2048", "\u3000" * 2048), ("《 ×2048", "《" * 2048),
]


@pytest.mark.parametrize("text", [t for _, t in HOSTILE_TEXTS], ids=[n for n, _ in HOSTILE_TEXTS])
@pytest.mark.parametrize("prop", [p for p in PROPERTIES if p.name in ("quantities", "tree", "extract")], ids=lambda p: p.name)
def test_a_long_run_of_one_fragment(prop: Property, text: str) -> None:
    """One line of a repeated fragment (the issue's slow paths), checked like any generated input, within the
    deadline. """
    import time

    start = time.perf_counter()
    prop.check(text if prop.name == "quantities" else [text])
    assert time.perf_counter() - start < DEADLINE_MS / 1000, f"{prop.name} took {time.perf_counter() - start:.1f} s"
