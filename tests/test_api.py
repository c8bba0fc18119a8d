"""The API's endpoints (issue 12, part 1) through FastAPI's TestClient, over a store filled by uploads.

One app (its pool warmed once) serves the module: the corpus texts and three versions of a law are uploaded
through ``POST /v1/documents``, and every read endpoint is checked against the library's own answer.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extractor.analysis import analyze_path
from extractor.api import ApiSettings, create_app
from extractor.api.jobs import ensure_jobs, put_job, queued_job
from extractor.compare.table import analyses_to_table
from extractor.db.store import open_store
from extractor.records import Quantity

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "texts" / "001_e001dd900bee0134.txt"
LARGE = ROOT / "corpus" / "texts" / "003_65af231806fc8ace.txt"  # 27 KB: over sync_max_kb
LAW = [ROOT / "corpus" / "revisions" / f"anti-unfair-competition-law-{y}.txt" for y in (1993, 2017, 2019)]
FILING = [ROOT / "corpus" / "revisions" / f"beijing-filing-review-{y}.txt" for y in (2021, 2024)]


def upload(api_client: TestClient, path: Path, name: str | None = None) -> Any:
    with path.open("rb") as f:
        return api_client.post("/v1/documents", files={"file": (name or path.name, f)})


def same(q: Quantity | dict[str, Any]) -> tuple[object, ...]:
    """A quantity without its id (which holds the document id, made from the stored file's name)."""
    d = q.model_dump(mode="json") if isinstance(q, Quantity) else q
    return tuple(d[k] for k in ("kind", "value", "value_max", "unit", "bound", "per", "base", "benefit", "groups", "section",
                                "role", "evidence"))


@pytest.fixture(scope="module")
def api_settings() -> ApiSettings:
    """The settings of this module's app (the ``api_client`` fixture of conftest.py)."""
    return ApiSettings(workers=2, sync_max_kb=24)


@pytest.fixture(scope="module")
def uploaded(api_client: TestClient) -> dict[str, Any]:
    """The answers of the uploads of one text, the filing-review pair and the three versions of the law."""
    out = {p.name: upload(api_client, p) for p in [TEXT, *FILING, *LAW]}
    assert {n: r.status_code for n, r in out.items()} == dict.fromkeys(out, 200)
    return {n: r.json() for n, r in out.items()}


def doc_of(uploaded: dict[str, Any], name: str) -> str:
    return str(uploaded[name]["analyses"][0]["document"]["id"])


def test_upload_gives_the_quantities_of_analyze_path(uploaded: dict[str, Any]) -> None:
    mine = uploaded[TEXT.name]
    expected = analyze_path(TEXT).analyses[0]
    assert [same(q) for q in mine["analyses"][0]["quantities"]] == [same(q) for q in expected.quantities]
    assert mine["job"]["state"] == "done" and mine["job"]["format"] == "text" and mine["job"]["filename"] == TEXT.name


def test_the_stored_file_is_named_by_its_hash(uploaded: dict[str, Any], api_store: Path) -> None:
    job = uploaded[TEXT.name]["job"]
    assert (api_store / "uploads" / f"{job['sha256'][:32]}.txt").read_bytes() == TEXT.read_bytes()
    assert doc_of(uploaded, TEXT.name) == f"{job['sha256'][:32]}.txt"


def test_the_same_bytes_again_are_one_source(api_client: TestClient, uploaded: dict[str, Any], api_store: Path) -> None:
    again = upload(api_client, TEXT, "another-name.txt").json()
    assert again["job"]["doc_ids"] == uploaded[TEXT.name]["job"]["doc_ids"]
    with sqlite3.connect(api_store / "store.db") as conn:
        assert conn.execute("select count(*) from sources where sha256 = ?", [again["job"]["sha256"]]).fetchone()[0] == 1


@pytest.mark.parametrize("suffix", ["", "/quantities", "/sections", "/analysis"], ids=["document", "quantities", "sections", "analysis"])
def test_a_document_reads_back_as_uploaded(api_client: TestClient, uploaded: dict[str, Any], suffix: str) -> None:
    analysis = uploaded[TEXT.name]["analyses"][0]
    got = api_client.get(f"/v1/documents/{analysis['document']['id']}{suffix}")
    assert got.status_code == 200
    want = {"": analysis["document"], "/quantities": analysis["quantities"], "/sections": analysis["document"]["sections"],
            "/analysis": analysis}[suffix]
    assert got.json() == want


SEARCHES = [
    pytest.param({"q": "创业担保贷款"}, True, id="words"),
    pytest.param({"q": "", "year": "2022"}, True, id="year"),
    pytest.param({"q": "", "year": "1990-1991"}, False, id="no-year"),
    pytest.param({"q": "", "level": "municipal"}, True, id="level"),
    pytest.param({"q": "", "region": "焦作"}, True, id="region"),
    pytest.param({"q": "", "benefit": "就业见习补贴"}, True, id="benefit"),
    pytest.param({"q": "", "issuer": "人力资源和社会保障"}, True, id="issuer"),
    pytest.param({"q": "", "type": "通知"}, True, id="type"),
    pytest.param({"q": "", "in_force": "2023-01-01"}, True, id="in-force"),
]


@pytest.mark.parametrize(("params", "found"), SEARCHES)
def test_search_finds_the_text_by_words_and_fields(api_client: TestClient, uploaded: dict[str, Any], params: dict[str, str], found: bool) -> None:
    page = api_client.get("/v1/documents", params=params)
    assert page.status_code == 200, page.text
    assert (doc_of(uploaded, TEXT.name) in [h["doc_id"] for h in page.json()["hits"]]) is found


def test_search_pages(api_client: TestClient, uploaded: dict[str, Any]) -> None:
    everything = api_client.get("/v1/documents").json()
    assert everything["total"] == 6 and len(everything["hits"]) == 6
    assert api_client.get("/v1/documents", params={"page": 2}).json()["hits"] == []


@pytest.mark.parametrize(("params", "word"), [
    pytest.param({"page": 0}, "page", id="page-0"), pytest.param({"page": 1001}, "page", id="over-the-page-cap"),
    pytest.param({"year": "twenty"}, "year", id="bad-year"), pytest.param({"benefit": "没有这个补贴"}, "benefit", id="unknown-benefit"),
    pytest.param({"level": "galactic"}, "level", id="bad-level"),
])
def test_bad_search_is_a_json_error(api_client: TestClient, params: dict[str, object], word: str) -> None:
    r = api_client.get("/v1/documents", params=params)
    assert r.status_code == 422 and word in r.json()["error"]


def test_a_large_file_is_a_job_kept_in_the_store(api_client: TestClient, api_store: Path) -> None:
    r = upload(api_client, LARGE)
    assert r.status_code == 202
    job = r.json()["job"]
    assert r.headers["location"] == f"/v1/jobs/{job['job_id']}" and job["state"] == "queued"
    deadline = time.monotonic() + 120
    while (state := api_client.get(f"/v1/jobs/{job['job_id']}").json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, state
        time.sleep(0.5)
    assert state["state"] == "done" and len(state["doc_ids"]) == 1
    with sqlite3.connect(api_store / "store.db") as conn:  # the state is the store's, not the process's
        assert conn.execute("select state from jobs where job_id = ?", [job["job_id"]]).fetchone() == ("done",)
    assert api_client.get(f"/v1/documents/{state['doc_ids'][0]}/quantities").json() == [
        q.model_dump(mode="json") for q in analyze_path(api_store / "uploads" / f"{job['sha256'][:32]}.txt").analyses[0].quantities]


def test_a_large_bad_file_is_a_failed_job_and_nothing_else_stored(api_client: TestClient, api_store: Path) -> None:
    files = sorted((api_store / "uploads").iterdir())
    r = api_client.post("/v1/documents", files={"file": ("scan.pdf", b"%PDF-1.7\n" + b"\x00broken\xff" * 4000)})
    assert r.status_code == 202
    job_id = r.json()["job"]["job_id"]
    deadline = time.monotonic() + 60
    while (state := api_client.get(f"/v1/jobs/{job_id}").json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, state
        time.sleep(0.3)
    assert state["state"] == "failed" and state["error"] and state["doc_ids"] == []
    assert sorted((api_store / "uploads").iterdir()) == files
    with sqlite3.connect(api_store / "store.db") as conn:
        assert conn.execute("select count(*) from sources where sha256 = ?", [state["sha256"]]).fetchone()[0] == 0


def test_an_unknown_job_is_404(api_client: TestClient) -> None:
    assert api_client.get("/v1/jobs/0123456789abcdef").status_code == 404


def test_compare_gives_the_library_table(api_client: TestClient, uploaded: dict[str, Any], api_store: Path) -> None:
    table = api_client.get("/v1/compare", params={"benefit": "就业见习补贴"}).json()
    with open_store(api_store) as store:
        expected = analyses_to_table(store.analyses(), benefit="就业见习补贴")
    assert table["rows"] and table == expected.model_dump(mode="json")


def test_compare_of_an_unknown_benefit_names_the_closest(api_client: TestClient) -> None:
    r = api_client.get("/v1/compare", params={"benefit": "创业担保款"})
    assert r.status_code == 422 and "创业担保贷款" in r.json()["error"]


def test_diff_of_two_stored_versions(api_client: TestClient, uploaded: dict[str, Any]) -> None:
    a, b = doc_of(uploaded, FILING[0].name), doc_of(uploaded, FILING[1].name)
    diff = api_client.get("/v1/diff", params={"a": a, "b": b})
    assert diff.status_code == 200 and diff.json()["a_id"] == a and diff.json()["b_id"] == b
    page = api_client.get("/v1/diff", params={"a": a, "b": b, "format": "html"})
    assert page.headers["content-type"].startswith("text/html") and "<html" in page.text


def test_history_of_a_work_named_by_one_version(api_client: TestClient, uploaded: dict[str, Any]) -> None:
    h = api_client.get("/v1/history", params={"work": doc_of(uploaded, LAW[1].name)})
    assert h.status_code == 200
    assert [v["document_id"] for v in h.json()["versions"]] == [doc_of(uploaded, p.name) for p in LAW]


def test_history_of_a_work_by_title(api_client: TestClient, uploaded: dict[str, Any]) -> None:
    h = api_client.get("/v1/history", params={"work": "中华人民共和国反不正当竞争法"})
    assert h.status_code == 200 and len(h.json()["versions"]) == 3


def test_history_of_nothing_stored_is_404(api_client: TestClient) -> None:
    assert api_client.get("/v1/history", params={"work": "没有这部法"}).status_code == 404


def test_graph_holds_every_stored_document(api_client: TestClient, uploaded: dict[str, Any]) -> None:
    ids = {d["id"] for d in api_client.get("/v1/graph").json()["documents"]}
    assert {doc_of(uploaded, n) for n in uploaded} <= ids


def test_jsonld_is_schema_org_legislation(api_client: TestClient, uploaded: dict[str, Any]) -> None:
    doc = uploaded[TEXT.name]["analyses"][0]["document"]
    r = api_client.get(f"/v1/documents/{doc['id']}/jsonld")
    node = r.json()
    assert r.headers["content-type"].startswith("application/ld+json")
    assert (node["@type"], node["name"], node["legislationIdentifier"], node["legislationDate"]) == (
        "Legislation", doc["title"], doc["doc_number"]["text"], doc["date"])
    assert node["legislationPassedBy"] == [{"@type": "GovernmentOrganization", "name": n} for n in doc["issuers"]]


def test_openapi_and_a_docs_page_without_cdn(api_client: TestClient) -> None:
    schema = api_client.get("/openapi.json").json()
    assert {"/v1/documents", "/v1/documents/{doc_id}", "/v1/jobs/{job_id}", "/v1/compare", "/v1/diff", "/v1/history",
            "/v1/graph", "/v1/reviews", "/v1/golden/{doc_id}", "/v1/labelstudio/import"} <= set(schema["paths"])
    page = api_client.get("/docs")
    assert page.status_code == 200 and "/v1/documents/{doc_id}/quantities" in page.text
    assert "<script" not in page.text and "cdn" not in page.text.lower()
    assert 'src="http' not in page.text and 'href="http' not in page.text  # nothing loaded from elsewhere


def test_jobs_a_stopped_server_left_are_failed_at_start(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        ensure_jobs(store.conn)
        job = queued_job("left.pdf", "pdf", "ab" * 32, 100)
        put_job(store.conn, job)
    with TestClient(create_app(tmp_path / "store", settings=ApiSettings(workers=1, warm=False))) as c:
        state = c.get(f"/v1/jobs/{job.job_id}").json()
    assert state["state"] == "failed" and "upload it again" in state["error"]


def test_a_search_of_an_empty_store(tmp_path: Path) -> None:
    """A fresh ``zhengce serve`` searched before any upload: no document, not a 500 (no index table yet)."""
    from extractor.web.app import create_app as serve_app  # the API and the pages, as zhengce serve runs them

    with TestClient(serve_app(tmp_path / "store", settings=ApiSettings(workers=1, warm=False)), raise_server_exceptions=False) as c:
        api = c.get("/v1/documents", params={"q": "补贴"})
        assert api.status_code == 200 and api.json()["total"] == 0, api.text
        page = c.get("/search", params={"q": "补贴"})
        assert page.status_code == 200 and "0 documents" in page.text
