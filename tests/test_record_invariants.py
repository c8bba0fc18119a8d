"""Records that hold their own invariants (issue 13, part 6).

A :class:`Section` checks, when it is built or read back, that its text is as long as its span, that its children
lie inside its span, and that its heading is in :func:`heading_form` (layout spaces and ``**`` removed, nothing
else changed) and inside its first paragraph up to that form. A :class:`Document` checks that every span lies
inside its text and that a section's text is the text under its span.

The cases that broke the heading invariant when fuzzing (a heading normalized, no longer found verbatim in its
section) are the ``FUZZED_HEADINGS`` table: each gives the heading now kept and checks the invariant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from extractor.ingest.raw import RawDoc, RawLine
from extractor.pipeline import raw_to_documents
from extractor.records import Document, Section, document_sections
from extractor.records.document import heading_form

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow], database=None)


def documents(lines: list[str]) -> list[Document]:
    return raw_to_documents(RawDoc("gen.txt", "text", [RawLine(t, None, i + 1) for i, t in enumerate(lines)]))


def assert_heading_invariant(s: Section) -> None:
    if s.heading is None:
        return
    assert s.heading == heading_form(s.heading), f"{s.path}: «{s.heading}» is not in heading form"
    first = s.text.split("\n", 1)[0]
    assert s.heading in heading_form(first), f"{s.path}: «{s.heading}» not in «{first}»"


# ---------------------------------------------------------------------------------------------------------------
# 1. The normalization, as documented.

HEADING_FORM_CASES = [
    ("就业 见习补贴", "就业见习补贴", "a layout space between CJK characters"),
    ("就业\u3000见习补贴", "就业见习补贴", "an ideographic space"),
    ("\u3000\u3000补贴标准", "补贴标准", "a paragraph indent"),
    ("**创业担保贷款**", "创业担保贷款", "markdown bold"),
    ("* *补贴", "补贴", "bold markers split by a space"),
    ("LPR 加点", "LPR加点", "a space after a Latin word"),
    ("Start Up 补贴", "Start Up补贴", "a space between Latin words kept"),
    ("补贴\xa0标准", "补贴\xa0标准", "NBSP kept: the cleaner owns it"),
    ("１２个月", "１２个月", "full-width digits kept: the cleaner owns them"),
    ("补贴\t标准", "补贴标准", "a tab"),
    ("", "", "empty"),
]


@pytest.mark.parametrize(("printed", "form"), [c[:2] for c in HEADING_FORM_CASES], ids=[c[2] for c in HEADING_FORM_CASES])
def test_heading_form(printed: str, form: str) -> None:
    assert heading_form(printed) == form


HEADINGISH = st.text(alphabet=st.sampled_from([*"补贴标准AB xy*\u3000\t\xa0，。１"]), max_size=20)


@FAST
@given(HEADINGISH)
@example("* * *").via("three bold stars split by spaces")
@example("A  B").via("a run of spaces between Latin letters")
def test_heading_form_is_idempotent(s: str) -> None:
    assert heading_form(heading_form(s)) == heading_form(s)


@FAST
@given(HEADINGISH, HEADINGISH, HEADINGISH)
def test_heading_form_of_a_part_is_in_heading_form_of_the_whole(left: str, middle: str, right: str) -> None:
    """What the tree relies on: the form of a stripped piece, cut after a numbering marker and before a sentence
    end, lies in the form of its whole line."""
    part = middle.strip()
    whole = f"{left}一、{part}。{right}"
    assert heading_form(part) in heading_form(whole)


# ---------------------------------------------------------------------------------------------------------------
# 2. Fuzzed cases: a heading normalized away from its printed form. (line, heading now kept)

FUZZED_HEADINGS = [
    ("一、补贴 ，", "补贴，", "a space before a trailing comma"),
    ("（一）就业 见习补贴", "就业见习补贴", "a layout space inside the heading"),
    ("第一条\u3000创业 担保贷款", "创业担保贷款", "ideographic space after 第一条, ASCII space inside"),
    ("⑧柒拾捌 日。", "柒拾捌日", "a circled item whose heading had a space before its unit"),
    ("10.\u3000 贰\u3000万伍仟壹佰捌拾伍\u3000\u3000‰：", "贰万伍仟壹佰捌拾伍‰", "mixed spaces and a trailing colon"),
    ("（十一）按 数十千元以下：", "按数十千元以下", "a space after the first word"),
    ("第一条（目的 和依据）为了规范管理，制定本办法。", "目的和依据", "a bracketed caption with a space (kept raw before)"),
    ("第二条（**适用范围**）本办法适用于本市。", "适用范围", "a bracketed caption in markdown bold (kept raw before)"),
    ("一、**补贴标准**", "补贴标准", "a bold heading"),
    ("二、ＡＢ 补贴", "AB补贴", "full-width letters made ASCII by the cleaner, the space after them goes"),
    ("三、LPR 加点。按月发放", "LPR加点", "a Latin word and a sentence end"),
    ("四、 Start Up 计划", "Start Up计划", "Latin words keep their space"),
    ("（四）  （之内\u3000每户一千八百八十四 户缴纳。", "（之内每户一千八百八十四户缴纳", "a bracket after the marker"),
]


@pytest.mark.parametrize(("line", "heading"), [c[:2] for c in FUZZED_HEADINGS], ids=[c[2] for c in FUZZED_HEADINGS])
def test_fuzzed_headings_hold_the_invariant(line: str, heading: str) -> None:
    (doc,) = documents([line])
    (s,) = doc.sections
    assert s.heading == heading
    assert_heading_invariant(s)


@pytest.mark.parametrize("line", ["一、**", "二、：", "第三条（ ）本办法自印发之日起施行。", "四、\u3000\u3000；"],
                         ids=["only bold", "only a colon", "an empty caption", "only spaces and a semicolon"])
def test_a_heading_that_normalizes_to_nothing_is_none(line: str) -> None:
    (doc,) = documents([line])
    assert [s.heading for s in document_sections(doc)] == [None]


# ---------------------------------------------------------------------------------------------------------------
# 3. Property: every tree of policy-like text holds the invariant (the validators would raise otherwise).

MARKER = st.sampled_from(["一、", "二、", "（一）", "（二）", "(一)", "1.", "2、", "（1）", "①", "第一条", "第二条\u3000", "第一章 ",
                          "一是", "二是", "10．", ""])
PIECE = st.sampled_from(["补贴", "标准", "就业见习", "创业担保贷款", "LPR", "Start", "Up", "１２", "1500元", "每人每月", "（含）",
                         "（目的和依据）", "**", "*", " ", "  ", "\u3000", "\xa0", "\t", "。", "，", "：", "；", "、", "——", "\ufeff"])
LINE = st.tuples(MARKER, st.lists(st.one_of(PIECE, PIECE, st.text(max_size=2)), max_size=10).map("".join)).map("".join)


@FAST
@given(st.lists(LINE, max_size=10))
@example(["一、补贴 ，", "（一）就业 见习补贴", "1. 补贴 1500 元。一是加强 宣传。二是强化 服务。"]).via("nested, inline, spaces")
@example(["第一条（**目的** 和依据）为了规范管理，制定本办法。"]).via("a caption with bold and a space")
def test_every_heading_is_in_form_and_in_its_first_paragraph(lines: list[str]) -> None:
    for doc in documents(lines):
        for s in document_sections(doc):
            assert_heading_invariant(s)


# ---------------------------------------------------------------------------------------------------------------
# 4. The validators refuse a record that contradicts itself.


def _valid() -> dict[str, Any]:
    (doc,) = documents(["关于做好就业工作的通知", "一、补贴标准", "（一）每人每月1500元。", "二、附则", "本办法自印发之日起施行。"])
    assert len(doc.sections) == 2 and doc.sections[0].children
    return doc.model_dump()


def _set(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def edit(d: dict[str, Any]) -> None:
        node: Any = d
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value

    return edit


def _append(field: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda d: d[field].append(value)


BAD_RECORDS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("a section's heading not in its text", _set(("sections", 0, "heading"), "创业补贴"), "not in its first paragraph"),
    ("a heading with a layout space", _set(("sections", 0, "heading"), "补贴 标准"), "not in heading form"),
    ("an empty heading", _set(("sections", 0, "heading"), ""), "not in heading form"),
    ("a heading only in a later paragraph", _set(("sections", 0, "heading"), "每人每月1500元"), "not in its first paragraph"),
    ("a span longer than its text", _set(("sections", 1, "span"), (0, 999)), "does not hold its"),
    ("a reversed span", _set(("sections", 1, "span"), (30, 20)), "does not hold its"),
    ("a child outside its parent", _set(("sections", 0, "children", 0, "span"), (0, 13)), "outside its parent"),
    ("a section past the text", _set(("sections", 1, "span"), (1000, 1017)), "outside"),
    ("a section's text not under its span", _set(("sections", 1, "span"), (0, 17)), "not the document's text"),
    ("a reference past the text", _append("references", {"title": "x", "doc_number": None, "quote": "x", "span": (0, 9999)}),
     "reference: span"),
    ("a version past the text", _append("versions", {"event": "adopted", "date": None, "quote": "x", "span": (9998, 9999)}),
     "version: span"),
    ("a location past the text", _append("locations", {"offset": 9999, "file": "gen.txt", "page": None, "line": 9}),
     "location gen.txt:9"),
    ("locations out of order", lambda d: d["locations"].insert(0, {"offset": 50, "file": "gen.txt", "page": None, "line": 1}),
     "out of order"),
    ("a source edit past the text", _append("source_edits", {"offset": 5, "length": 9999, "source": "x"}), "source edit"),
    ("an attachment past the text", _append("attachments", {"num": "1", "title": None, "sections": [], "tables": [],
                                                           "span": (0, 9999)}), "attachment 1"),
    ("a table past the text", _append("attachments", {"num": "2", "title": None, "sections": [], "span": (0, 1),
                                                     "tables": [{"rows": [["a"]], "span": (5, 9999)}]}), "table of attachment 2"),
]


def test_a_valid_document_reads_back() -> None:
    d = _valid()
    assert Document.model_validate(d).model_dump() == d


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in BAD_RECORDS], ids=[c[0] for c in BAD_RECORDS])
def test_validators_refuse_a_contradiction(edit: Callable[[dict[str, Any]], None], message: str) -> None:
    d = _valid()
    edit(d)
    with pytest.raises(ValidationError, match=message):
        Document.model_validate(d)
