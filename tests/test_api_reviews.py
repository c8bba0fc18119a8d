"""Reviews, golden files and Label Studio through the API (issue 12, parts 1 and 5): the review → golden →
``zhengce eval`` loop end to end, the verdict rules as a property, Label Studio tasks out and back in."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.api import ApiSettings, create_app
from extractor.api.golden import golden_document, reviewed_quantities
from extractor.api.reviews import Review
from extractor.evaluate import evaluate
from extractor.records import Analysis, Counts
from extractor.records.vocab import RULE_KINDS

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "texts" / "001_e001dd900bee0134.txt"
WRONG = 987654321.0
MISSED = 31415


@pytest.fixture(scope="module")
def analysis(api_client: TestClient) -> Analysis:
    with TEXT.open("rb") as f:
        r = api_client.post("/v1/documents", files={"file": (TEXT.name, f)})
    assert r.status_code == 200, r.text
    return Analysis.model_validate(r.json()["analyses"][0])


def proposed(a: Analysis) -> list[Any]:
    """The program's parameters of the rule kinds whose kind and value no other one has (so a gold entry of
    one can match no other)."""
    qs = [q for q in a.quantities if q.role == "parameter" and q.kind in RULE_KINDS and q.value is not None]
    seen = Counter((q.kind, q.value) for q in qs)
    return [q for q in qs if seen[(q.kind, q.value)] == 1]


def totals(counts: dict[str, Counts]) -> tuple[int, int, int]:
    return sum(c.tp for c in counts.values()), sum(c.predicted for c in counts.values()), sum(c.gold for c in counts.values())


def missed_review(a: Analysis) -> dict[str, Any]:
    start = a.document.text.index("补贴")
    return {"doc_id": a.id, "action": "add", "reviewer": "reviewer-1", "note": "missed by the program",
            "missed": {"span": [start, start + 2], "quantity": {
                "section": "一", "quote": "补贴", "kind": "money", "value": MISSED, "unit": "yuan", "bound": "max"}}}


def test_review_golden_eval_loop(api_client: TestClient, analysis: Analysis, api_store: Path, tmp_path: Path) -> None:
    accepted, corrected, rejected = proposed(analysis)[:3]
    r = api_client.post("/v1/reviews", json=[
        {"doc_id": analysis.id, "quantity_id": accepted.id, "action": "accept", "reviewer": "reviewer-1"},
        {"doc_id": analysis.id, "quantity_id": corrected.id, "action": "correct", "correction": {"value": WRONG},
         "note": "the text says otherwise", "reviewer": "reviewer-1"},
        {"doc_id": analysis.id, "quantity_id": rejected.id, "action": "reject", "reviewer": "reviewer-1"},
        missed_review(analysis),
    ])
    assert r.status_code == 201, r.text
    assert [x["action"] for x in api_client.get(f"/v1/reviews/{analysis.id}").json()] == ["accept", "correct", "reject", "add"]
    gold = api_client.get(f"/v1/golden/{analysis.id}")
    assert gold.status_code == 200
    folder = tmp_path / "golden"
    folder.mkdir()
    (folder / "reviewed.json").write_text(gold.text, encoding="utf-8")
    claimed = [q for q in gold.json()["quantities"] if not q.get("doubt")]
    assert sorted(q["value"] for q in claimed) == sorted([accepted.value, WRONG, MISSED])
    assert rejected.quote not in [q["quote"] for q in gold.json()["quantities"] if q["value"] == rejected.value]
    report = evaluate(folder, root=api_store)
    assert report.errors == () and report.files == 1
    # the accepted value is right; the corrected one and the added miss are the program's misses; the corrected
    # and the rejected predictions count against its precision; unreviewed ones (doubt) count on neither side
    assert totals(report.quantities) == (1, 3, 3)
    assert any(f"missed money {MISSED}" in m for m in report.misses)


def test_the_newest_verdict_wins(api_client: TestClient, analysis: Analysis) -> None:
    q = proposed(analysis)[5]
    for action in ("accept", "reject"):
        assert api_client.post("/v1/reviews", json=[{"doc_id": analysis.id, "quantity_id": q.id, "action": action}]).status_code == 201
    quotes = [(g["value"], g["section"]) for g in api_client.get(f"/v1/golden/{analysis.id}").json()["quantities"]]
    assert (q.value, q.section) not in quotes


BAD_REVIEWS = [
    pytest.param({"action": "accept", "quantity_id": "nope"}, 422, "no quantity", id="unknown-quantity"),
    pytest.param({"action": "accept"}, 422, "needs quantity_id", id="no-quantity-id"),
    pytest.param({"action": "correct", "quantity_id": 0}, 422, "needs correction", id="correct-without-fields"),
    pytest.param({"action": "correct", "quantity_id": 0, "correction": {"unit": "day"}}, 422, "unit", id="unit-of-another-kind"),
    pytest.param({"action": "correct", "quantity_id": 0, "correction": {"bound": "range", "value_max": None}}, 422, "value_max",
                 id="range-without-max"),
    pytest.param({"action": "add"}, 422, "needs missed", id="add-without-quantity"),
    pytest.param({"action": "add", "missed": {"span": [0, 10 ** 9], "quantity": {
        "section": "一", "quote": "x", "kind": "money", "value": 1, "unit": "yuan", "bound": "exact"}}}, 422, "outside", id="span-outside"),
    pytest.param({"action": "accept", "quantity_id": 0, "doc_id": "no-such.txt"}, 404, "not found", id="unknown-document"),
    pytest.param({"action": "correct", "quantity_id": 0, "correction": {"kind": "area"}}, 422, "kind", id="unknown-kind"),
    pytest.param({"action": "withdraw"}, 422, "needs withdraws", id="withdraw-without-review"),
    pytest.param({"action": "withdraw", "withdraws": 10 ** 6}, 422, "no missed span", id="withdraw-of-no-review"),
    pytest.param({"action": "withdraw", "withdraws": 0}, 422, "no missed span", id="withdraw-of-a-verdict-not-an-add"),
    pytest.param({"action": "correct", "quantity_id": 0, "correction": {"group_ids": ["college_graduate", "火星人"]}}, 422,
                 "unknown group 火星人", id="unknown-group"),
    pytest.param({"action": "correct", "quantity_id": 0, "correction": {"kind": "money", "unit": "percent"}}, 422, "unit",
                 id="kind-with-a-unit-of-another"),
]


@pytest.mark.parametrize(("review", "status", "word"), BAD_REVIEWS)
def test_a_bad_review_is_refused_and_nothing_stored(api_client: TestClient, analysis: Analysis, review: dict[str, Any], status: int,
                                                      word: str) -> None:
    body = {"doc_id": analysis.id} | review
    if body.get("quantity_id") == 0:
        body["quantity_id"] = proposed(analysis)[0].id
    if body.get("withdraws") == 0:  # the id of a stored verdict that is no add
        verdict = {"doc_id": analysis.id, "action": "accept", "quantity_id": proposed(analysis)[0].id}
        body["withdraws"] = api_client.post("/v1/reviews", json=[verdict]).json()[0]["id"]
    before = api_client.get(f"/v1/reviews/{analysis.id}").json()
    r = api_client.post("/v1/reviews", json=[body])
    assert r.status_code == status and word in r.json()["error"], r.text
    assert api_client.get(f"/v1/reviews/{analysis.id}").json() == before


def test_a_missed_span_withdrawn_leaves_the_golden_file(api_client: TestClient, analysis: Analysis) -> None:
    def claimed() -> list[Any]:
        return [g["value"] for g in api_client.get(f"/v1/golden/{analysis.id}").json()["quantities"] if g["value"] == 27182]

    add = missed_review(analysis)
    add["missed"]["quantity"]["value"] = 27182
    [stored] = api_client.post("/v1/reviews", json=[add]).json()
    assert claimed() == [27182]
    r = api_client.post("/v1/reviews", json=[{"doc_id": analysis.id, "action": "withdraw", "withdraws": stored["id"], "note": "not a number"}])
    assert r.status_code == 201, r.text
    assert claimed() == []
    again = api_client.post("/v1/reviews", json=[{"doc_id": analysis.id, "action": "withdraw", "withdraws": stored["id"]}])
    assert again.status_code == 422 and "no missed span" in again.json()["error"]


def test_one_bad_review_stores_none_of_its_list(api_client: TestClient, analysis: Analysis) -> None:
    good = {"doc_id": analysis.id, "action": "accept", "quantity_id": proposed(analysis)[0].id}
    bad = {"doc_id": analysis.id, "action": "correct", "quantity_id": proposed(analysis)[0].id, "correction": {"group_ids": ["nobody"]}}
    before = api_client.get(f"/v1/reviews/{analysis.id}").json()
    r = api_client.post("/v1/reviews", json=[good, bad])
    assert r.status_code == 422 and "nobody" in r.json()["error"]
    assert api_client.get(f"/v1/reviews/{analysis.id}").json() == before


# (which of proposed(), the correction, the golden entry's fields expected, the group ids stored)
CORRECTIONS = [
    # (the proposed parameter by kind and value, the correction, what the gold entry then says, the group ids stored);
    # picked by kind and value, not by place in the list, which moves as the extraction finds more
    pytest.param(("percent", 20.0), {"kind": "money", "value": 2000}, {"kind": "money", "unit": "yuan", "value": 2000},
                 None, id="percent-to-money-takes-yuan"),
    pytest.param(("count", 100.0), {"kind": "duration", "unit": "day"}, {"kind": "duration", "unit": "day", "value": 100},
                 None, id="count-to-duration-with-its-unit"),
    pytest.param(("percent", 15.0), {"group_ids": ["enterprise_employee", "高校毕业生"]}, {"groups": ["在职职工", "高校毕业生"]},
                 ["enterprise_employee", "college_graduate"], id="groups-by-id-and-by-name-own-words-kept"),
    pytest.param(("money", 300000.0), {"group_ids": []}, {"groups": []}, [], id="groups-cleared"),
]


@pytest.mark.parametrize(("which", "fix", "expected", "stored_ids"), CORRECTIONS)
def test_a_correction_changes_kind_and_groups(api_client: TestClient, analysis: Analysis, which: tuple[str, float],
                                              fix: dict[str, Any], expected: dict[str, Any], stored_ids: list[str] | None) -> None:
    (q,) = [q for q in proposed(analysis) if (q.kind, q.value) == which]
    if fix.get("group_ids") == []:
        assert q.groups  # clearing takes away groups the program had found
    r = api_client.post("/v1/reviews", json=[{"doc_id": analysis.id, "quantity_id": q.id, "action": "correct", "correction": fix}])
    assert r.status_code == 201, r.text
    if stored_ids is not None:
        assert r.json()[0]["correction"]["group_ids"] == stored_ids  # names stored as the taxonomy's ids
    gold = api_client.get(f"/v1/golden/{analysis.id}").json()["quantities"]
    entry = next(g for g in gold if g["quote"] == q.quote and g["section"] == q.section and not g["doubt"])
    assert {k: entry[k] for k in expected} == expected


VERDICTS = st.sampled_from([None, "accept", "reject", "correct"])


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_golden_follows_the_verdicts(analysis: Analysis, data: st.DataObject) -> None:
    qs = [q for q in analysis.quantities if q.role == "parameter" and q.kind in RULE_KINDS and q.value is not None]
    verdicts = data.draw(st.lists(VERDICTS, min_size=len(qs), max_size=len(qs)))
    reviews = [Review(id=n, doc_id=analysis.id, quantity_id=q.id, action=v, created="t",
                      correction={"value": WRONG} if v == "correct" else None)  # type: ignore[arg-type]
               for n, (q, v) in enumerate(zip(qs, verdicts, strict=True)) if v is not None]
    gold = reviewed_quantities(analysis, reviews)
    assert sum(not g.doubt for g in gold) == verdicts.count("accept") + verdicts.count("correct")
    assert sum(g.doubt for g in gold) == verdicts.count(None)
    assert sum(g.value == WRONG for g in gold) == verdicts.count("correct")
    doc = golden_document(analysis, reviews, "uploads/x.txt", several=False)
    assert doc.source.lines is None and doc.meta.model_fields_set == set() and doc.sections is None


# -- Label Studio ---------------------------------------------------------------------------------------------


def test_labelstudio_tasks_are_labels_spans_of_the_text(api_client: TestClient, analysis: Analysis) -> None:
    [task] = api_client.get(f"/v1/labelstudio/{analysis.id}").json()
    items = task["predictions"][0]["result"]
    assert task["data"]["text"] == analysis.document.text and items
    for item in items:
        v = item["value"]
        assert item["type"] == "labels" and task["data"]["text"][v["start"]:v["end"]] == v["text"]
        assert v["labels"][0] in RULE_KINDS and "value" in item["meta"]
    assert api_client.get("/v1/labelstudio/config").text.startswith("<View>")


def test_labelstudio_annotations_come_back_as_reviews(api_client: TestClient, api_store: Path, tmp_path: Path) -> None:
    text = TEXT.read_bytes() + "\n（九）再给予每人一次性奖励 4321 元。\n".encode()
    r = api_client.post("/v1/documents", files={"file": ("copy.txt", text)})
    doc = Analysis.model_validate(r.json()["analyses"][0])
    [task] = api_client.get(f"/v1/labelstudio/{doc.id}").json()
    items = task["predictions"][0]["result"]
    kept, changed = dict(items[0]), dict(items[1])
    changed["meta"] = changed["meta"] | {"value": WRONG}
    start = doc.document.text.index("补贴")
    new = {"id": "new1", "type": "labels", "from_name": "kind", "to_name": "text",
           "value": {"start": start, "end": start + 2, "text": "补贴", "labels": ["money"]}, "meta": {"value": MISSED, "section": "一"}}
    no_value = {"id": "new2", "type": "labels", "value": {"start": 0, "end": 2, "text": doc.document.text[:2], "labels": ["money"]}}
    task["annotations"] = [{"completed_by": {"email": "a@example.org"}, "result": [kept, changed, new, no_value]}]
    out = api_client.post("/v1/labelstudio/import", json=[task])
    assert out.status_code == 201, out.text
    actions = Counter(x["action"] for x in out.json()["reviews"])
    assert actions == {"accept": 1, "correct": 1, "add": 1, "reject": len(items) - 2}
    assert len(out.json()["skipped"]) == 1 and "meta.value" in out.json()["skipped"][0]
    assert {x["reviewer"] for x in out.json()["reviews"]} == {"labelstudio:a@example.org"}
    claimed = [q for q in api_client.get(f"/v1/golden/{doc.id}").json()["quantities"] if not q.get("doubt")]
    assert sorted(q["value"] for q in claimed) == sorted([items[0]["meta"]["value"], WRONG, MISSED])


def test_labelstudio_import_without_a_document_is_refused(api_client: TestClient) -> None:
    r = api_client.post("/v1/labelstudio/import", json=[{"data": {"text": "x"}, "annotations": []}])
    assert r.status_code == 422 and "doc_id" in r.json()["error"]


# -- a store filled by zhengce ingest -----------------------------------------------------------------------


def test_golden_of_an_ingested_compendium_document(tmp_path: Path) -> None:
    from extractor.db.ingest import ingest
    from extractor.db.store import open_store

    compendium = ROOT / "corpus" / "texts" / "004_a7a4461144ba7e7b.txt"
    with open_store(tmp_path / "store") as store:
        ingest([compendium], store)
    with TestClient(create_app(tmp_path / "store", settings=ApiSettings(workers=1, warm=False))) as c:
        doc_id = "004_a7a4461144ba7e7b-05.txt"
        a = Analysis.model_validate(c.get(f"/v1/documents/{doc_id}/analysis").json())
        q = proposed(a)[0]
        assert c.post("/v1/reviews", json=[{"doc_id": doc_id, "quantity_id": q.id, "action": "accept"}]).status_code == 201
        gold = c.get(f"/v1/golden/{doc_id}").json()
    assert gold["source"] == {"path": str(compendium), "lines": list(a.document.source.lines)}
    folder = tmp_path / "golden"
    folder.mkdir()
    (folder / "05.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    report = evaluate(folder, root=ROOT)
    assert report.errors == () and totals(report.quantities)[0] == 1 and totals(report.quantities)[2] == 1


def test_one_missed_span_withdrawn_twice_in_one_list_stores_nothing(api_client: TestClient, analysis: Analysis) -> None:
    add = missed_review(analysis)
    add["missed"]["quantity"]["value"] = 31415
    [stored] = api_client.post("/v1/reviews", json=[add]).json()
    before = api_client.get(f"/v1/reviews/{analysis.id}").json()
    withdraw = {"doc_id": analysis.id, "action": "withdraw", "withdraws": stored["id"]}
    r = api_client.post("/v1/reviews", json=[withdraw, withdraw])
    assert r.status_code == 422 and "withdrawn twice" in r.json()["error"]
    assert api_client.get(f"/v1/reviews/{analysis.id}").json() == before
    assert api_client.post("/v1/reviews", json=[withdraw]).status_code == 201
