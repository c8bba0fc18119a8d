"""The web reviewer's pages on the server (issue 12, part 3): spans split at every boundary (a table and a
property), every highlight carrying data-quantity-id, a span marked missed highlighted too, every text escaped,
review state read from the store, the upload page, and bad input answered with one line."""

from __future__ import annotations

import html
import itertools
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.api.reviews import Review
from extractor.records import Analysis
from extractor.web.corpus_pages import snippet_html
from extractor.web.document_page import text_to_html
from extractor.web.html_base import script_json
from extractor.web.spans import Span, spans_to_segments

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "texts" / "001_e001dd900bee0134.txt"
HOSTILE = ("关于<script>alert('x')</script>发放补贴的通知\n\n"
           "一、对符合条件的企业，给予一次性补贴5000元。<img src=x onerror=alert(1)>\n"
           "二、补贴标准为每人每月300元，期限不超过12个月。&amp; \"引号\"\n")


def sp(start: int, end: int, id: str, kind: str = "money") -> Span:
    return Span(start=start, end=end, id=id, kind=kind)


SEGMENT_CASES = [
    ("no spans", 5, [], [(0, 5, [])]),
    ("one span inside", 6, [sp(2, 4, "a")], [(0, 2, []), (2, 4, ["a"]), (4, 6, [])]),
    ("overlap", 8, [sp(0, 4, "a"), sp(2, 6, "b")], [(0, 2, ["a"]), (2, 4, ["a", "b"]), (4, 6, ["b"]), (6, 8, [])]),
    ("nested: the outer first", 6, [sp(2, 3, "in"), sp(0, 6, "out")], [(0, 2, ["out"]), (2, 3, ["out", "in"]), (3, 6, ["out"])]),
    ("same span twice", 4, [sp(1, 3, "b"), sp(1, 3, "a")], [(0, 1, []), (1, 3, ["a", "b"]), (3, 4, [])]),
    ("touching, not overlapping", 4, [sp(0, 2, "a"), sp(2, 4, "b")], [(0, 2, ["a"]), (2, 4, ["b"])]),
    ("outside the text: left out", 4, [sp(2, 9, "far"), sp(3, 3, "empty"), sp(0, 1, "a")], [(0, 1, ["a"]), (1, 4, [])]),
    ("three deep", 5, [sp(0, 5, "a"), sp(1, 4, "b"), sp(2, 3, "c")],
     [(0, 1, ["a"]), (1, 2, ["a", "b"]), (2, 3, ["a", "b", "c"]), (3, 4, ["a", "b"]), (4, 5, ["a"])]),
]


@pytest.mark.parametrize(("length", "spans", "expected"), [c[1:] for c in SEGMENT_CASES], ids=[c[0] for c in SEGMENT_CASES])
def test_spans_split_at_every_boundary(length: int, spans: list[Span], expected: list[tuple[int, int, list[str]]]) -> None:
    got = [(s.start, s.end, [x.id for x in s.spans]) for s in spans_to_segments(length, spans)]
    assert got == expected


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[int, list[Span]]:
    length = draw(st.integers(1, 60))
    pairs = draw(st.lists(st.tuples(st.integers(0, length - 1), st.integers(1, 20)), max_size=12))
    return length, [sp(a, min(length, a + w), f"q{k}") for k, (a, w) in enumerate(pairs)]


@given(text_and_spans())
@settings(max_examples=200, deadline=None)
def test_segments_cover_the_text_and_list_exactly_the_covering_spans(case: tuple[int, list[Span]]) -> None:
    length, spans = case
    segs = spans_to_segments(length, spans)
    assert segs[0].start == 0 and segs[-1].end == length
    assert all(a.end == b.start for a, b in itertools.pairwise(segs))
    assert all(s.start < s.end for s in segs)
    cuts = {s.start for s in segs} | {segs[-1].end}
    assert {x.start for x in spans} | {x.end for x in spans} <= cuts  # split at every boundary
    for seg in segs:
        covering = {x.id for x in spans if x.start <= seg.start and seg.end <= x.end}
        assert {x.id for x in seg.spans} == covering
        assert not any(seg.start < x.start < seg.end or seg.start < x.end < seg.end for x in spans)  # no boundary inside


def test_script_json_leaves_no_tag_open() -> None:
    data = script_json({"quote": "</script><script>alert(1)</script>&"})
    assert "<" not in data and ">" not in data and "&" not in data


def test_snippet_marks_are_bold_and_the_rest_escaped() -> None:
    from extractor.records.search import Snippet

    assert snippet_html(Snippet(start=0, text="<i>补贴</i>", marks=[(3, 5)])) == "…&lt;i&gt;<b>补贴</b>&lt;/i&gt;…"


class Marks(HTMLParser):
    """Every <mark> of a page's text with its attributes, and the text of the article (tags dropped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str | None]] = []
        self.scripts: list[str] = []
        self.depth = 0
        self.text: list[str] = []
        self._tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self.depth = 1
        elif self.depth:
            self.depth += 1
        if tag == "mark":
            self.marks.append(a)
        if tag == "script":
            self.scripts.append(a.get("src") or a.get("type") or "inline")
        self._tag = tag

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def upload(api_client: TestClient, name: str, data: bytes) -> Analysis:
    r = api_client.post("/v1/documents", files={"file": (name, data)})
    assert r.status_code == 200, r.text
    return Analysis.model_validate(r.json()["analyses"][0])


@pytest.fixture(scope="module")
def hostile(api_client: TestClient) -> Analysis:
    return upload(api_client, "hostile.txt", HOSTILE.encode())


@pytest.fixture(scope="module")
def real(api_client: TestClient) -> Analysis:
    return upload(api_client, TEXT.name, TEXT.read_bytes())


def parsed_page(api_client: TestClient, doc_id: str) -> tuple[str, Marks]:
    r = api_client.get(f"/documents/{doc_id}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    p = Marks()
    p.feed(r.text)
    return r.text, p


def test_a_document_with_script_shows_it_as_text(api_client: TestClient, hostile: Analysis) -> None:
    page, p = parsed_page(api_client, hostile.id)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert p.scripts == ["/static/reviewer.js", "application/json"]  # the page's own, nothing from the document
    assert "".join(p.text) == hostile.document.text  # the text as stored, exactly, once


@pytest.mark.parametrize("which", ["hostile", "real"])
def test_every_highlight_carries_a_quantity_id(api_client: TestClient, which: str, request: pytest.FixtureRequest) -> None:
    a: Analysis = request.getfixturevalue(which)
    _, p = parsed_page(api_client, a.id)
    ids = {q.id for q in a.quantities}
    assert p.marks and all(m.get("data-quantity-id") in ids for m in p.marks)
    inside = {q.id for q in a.quantities if 0 <= q.evidence.span[0] < q.evidence.span[1] <= len(a.document.text)}
    assert {m["data-quantity-id"] for m in p.marks} == inside
    assert sum(1 for m in p.marks if m.get("id", "").startswith("q-")) == len(inside)  # one anchor each


def test_overlapping_highlights_are_split_and_nested(hostile: Analysis) -> None:
    q = hostile.quantities[0]
    s, e = q.evidence.span
    other = q.model_copy(update={"id": "other", "kind": "percent", "evidence": q.evidence.model_copy(update={"span": (s + 1, e + 2)})})
    text = hostile.document.text
    got = text_to_html(text, [q, other], [], {"other": "accept"})
    qid = html.escape(q.id)
    expected = (f'<mark class="q k-{q.kind}" data-quantity-id="{qid}" id="q-{qid}">{html.escape(text[s:s + 1])}</mark>'
                f'<mark class="q k-{q.kind}" data-quantity-id="{qid}"><mark class="q k-percent v-accept" data-quantity-id="other" '
                f'id="q-other">{html.escape(text[s + 1:e])}</mark></mark>'
                f'<mark class="q k-percent v-accept" data-quantity-id="other">{html.escape(text[e:e + 2])}</mark>')
    assert expected in got
    p = Marks()
    p.feed("<article>" + got + "</article>")
    assert "".join(p.text) == text


def test_review_state_is_read_from_the_store(api_client: TestClient, hostile: Analysis) -> None:
    first, second = hostile.quantities[0], hostile.quantities[1]
    r = api_client.post("/v1/reviews", json=[{"doc_id": hostile.id, "action": "accept", "quantity_id": first.id},
                                          {"doc_id": hostile.id, "action": "reject", "quantity_id": second.id}])
    assert r.status_code == 201, r.text
    _, p = parsed_page(api_client, hostile.id)
    state = {m["data-quantity-id"]: m.get("class", "") for m in p.marks}
    assert "v-accept" in (state[first.id] or "") and "v-reject" in (state[second.id] or "")


PAGE_CASES = [
    ("unknown document", "/documents/nope.txt", 404, "document nope.txt: not found"),
    ("traversal in a document id", "/documents/..%2F..%2Fetc%2Fpasswd", 404, "not found"),
    ("a static file not shipped", "/static/..%2F__init__.py", 404, "not found"),
    ("bad year", "/search?year=20x3", 422, "year"),
    ("bad level", "/search?level=galactic", 422, "level"),
    ("unknown benefit", "/compare?benefit=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84", 422, "unknown benefit"),
    ("diff of a missing document", "/diff?a=x.txt&b=y.txt", 404, "document x.txt: not found"),
]


@pytest.mark.parametrize(("url", "status", "says"), [c[1:] for c in PAGE_CASES], ids=[c[0] for c in PAGE_CASES])
def test_bad_requests_name_the_cause(api_client: TestClient, url: str, status: int, says: str) -> None:
    r = api_client.get(url)
    assert r.status_code == status
    assert says.lower() in r.text.lower() and "Traceback" not in r.text


@pytest.mark.parametrize("name", ["reviewer.js", "tables.js", "upload.js", "reviewer.css"])
def test_vendored_assets_are_served(api_client: TestClient, name: str) -> None:
    r = api_client.get(f"/static/{name}")
    assert r.status_code == 200 and len(r.content) > 500


def test_search_compare_and_diff_pages_render(api_client: TestClient, real: Analysis, hostile: Analysis) -> None:
    s = api_client.get("/search", params={"q": "补贴"})
    assert s.status_code == 200 and f'href="/documents/{real.id}"' in s.text and "<b>补贴</b>" in s.text
    c = api_client.get("/compare", params={"benefit": "一次性创业补贴"})
    assert c.status_code == 200 and '<table id="compare"' in c.text
    d = api_client.get("/diff", params={"a": hostile.id, "b": real.id})
    assert d.status_code == 200 and 'id="redline"' in d.text and "<script>alert" not in d.text


def test_the_search_form_keeps_its_values_escaped(api_client: TestClient, real: Analysis) -> None:
    r = api_client.get("/search", params={"q": '"><script>x</script>', "level": "municipal"})
    assert r.status_code == 200
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in r.text and "<script>x" not in r.text
    assert "<option selected>municipal</option>" in r.text


def test_a_date_of_one_day_is_shown_once(real: Analysis) -> None:
    from extractor.web.document_page import value_text

    day = next(q for q in real.quantities if q.kind == "date" and q.date_start and q.date_start == q.date_end)
    assert value_text(day) == str(day.date_start)


def missed(review_id: int, start: int, end: int, text: str, kind: str = "money") -> Review:
    return Review.model_validate({"id": review_id, "doc_id": "d", "action": "add", "created": "t", "missed": {"span": [start, end], "quantity": {
        "section": "一", "quote": text[start:end], "kind": kind, "value": 1, "unit": "yuan" if kind == "money" else "percent", "bound": "exact"}}})


def test_a_missed_span_is_highlighted_and_nests_with_the_quantities(hostile: Analysis) -> None:
    q = hostile.quantities[0]
    s = q.evidence.span[0]
    text = hostile.document.text
    got = text_to_html(text, [q], [], {}, [missed(7, s - 2, s + 1, text)])
    qid = html.escape(q.id)
    expected = (f'<mark class="missed k-money" data-review-id="7" id="missed-7">{html.escape(text[s - 2:s])}</mark>'
                f'<mark class="missed k-money" data-review-id="7"><mark class="q k-{q.kind}" data-quantity-id="{qid}" id="q-{qid}">'
                f'{html.escape(text[s:s + 1])}</mark></mark><mark class="q k-{q.kind}" data-quantity-id="{qid}">')
    assert expected in got
    p = Marks()
    p.feed("<article>" + got + "</article>")
    assert "".join(p.text) == text
    assert [m for m in p.marks if "data-quantity-id" not in m] == [m for m in p.marks if m.get("class", "").startswith("missed")]


def test_a_span_marked_missed_is_highlighted_after_a_reload(api_client: TestClient) -> None:
    a = upload(api_client, "missed.txt", "关于发放补贴的通知\n\n一、对新招用的青年，每人发放交通补助。\n".encode())
    start = a.document.text.index("交通补助")
    r = api_client.post("/v1/reviews", json=[{"doc_id": a.id, "action": "add", "note": "a lump sum the text leaves out", "missed": {
        "span": [start, start + 4], "quantity": {"section": "一", "quote": "交通补助", "kind": "money", "value": 200, "unit": "yuan",
                                                 "bound": "exact"}}}])
    assert r.status_code == 201, r.text
    review_id = r.json()[0]["id"]
    page, p = parsed_page(api_client, a.id)
    marks = [m for m in p.marks if m.get("data-review-id") == str(review_id)]
    assert marks and marks[0]["class"] == "missed k-money" and marks[0]["id"] == f"missed-{review_id}"
    assert f'<li class="added v-add k-money" data-review-id="{review_id}"><a href="#missed-{review_id}">missed: 交通补助 = 200 yuan</a>' in page
    w = api_client.post("/v1/reviews", json=[{"doc_id": a.id, "action": "withdraw", "withdraws": review_id}])
    assert w.status_code == 201, w.text
    page, p = parsed_page(api_client, a.id)  # withdrawn: neither highlighted nor listed
    assert not [m for m in p.marks if m.get("data-review-id")] and f'data-review-id="{review_id}"' not in page


def test_the_upload_page(api_client: TestClient) -> None:
    r = api_client.get("/upload")
    assert r.status_code == 200 and '<form class="query" id="upload"' in r.text and 'type="file" name="file"' in r.text
    assert '<script src="/static/upload.js" defer></script>' in r.text and 'href="/upload"' in r.text


def test_a_corrected_quantity_is_shown_as_corrected(api_client: TestClient) -> None:
    a = upload(api_client, "corrected.txt", "关于发放补贴的通知\n\n一、对新招用的青年，每人发放一次性补贴500元。\n".encode())
    q = next(q for q in a.quantities if q.kind == "money")
    fix = {"kind": "count", "value": 3, "group_ids": ["高校毕业生"]}
    r = api_client.post("/v1/reviews", json=[{"doc_id": a.id, "action": "correct", "quantity_id": q.id, "correction": fix}])
    assert r.status_code == 201, r.text
    page, p = parsed_page(api_client, a.id)
    assert f'<li class="item k-count v-correct" data-quantity-id="{html.escape(q.id)}" data-kind="count"' in page
    assert '<b class="v">3 count</b>' in page
    assert all("k-count" in (m.get("class") or "") for m in p.marks if m.get("data-quantity-id") == q.id)
    assert '"group_names": ["高校毕业生"]' in page  # the edit form starts from the corrected groups


@pytest.mark.parametrize("link", ["/v1/golden/{}", "/v1/labelstudio/{}", "/v1/documents/{}/jsonld"], ids=["golden", "labelstudio", "jsonld"])
def test_the_document_page_links_its_exports(api_client: TestClient, real: Analysis, link: str) -> None:
    page, _ = parsed_page(api_client, real.id)
    url = link.format(html.escape(real.id))
    assert f'href="{url}"' in page and api_client.get(link.format(real.id)).status_code == 200
