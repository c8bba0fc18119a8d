"""The API's limits and safety (issue 12, part 2): size cap while streaming, type by bytes, page cap, time
limit, 503 when the pool is full, no client path on the file system, escaped text, nothing stored from a bad
upload, no traceback in any answer."""

from __future__ import annotations

import asyncio
import io
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extractor.api import ApiSettings
from extractor.api._context import ApiContext
from extractor.api.app import docs_page
from extractor.api.limits import UploadCap, sniff_format
from extractor.budgets import Budgets

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "texts" / "002_f15aeebbaef14a54.txt"
PDF = ROOT / "corpus" / "pdf" / "001_e001dd900bee0134.pdf"  # 10 pages
COMPENDIUM = ROOT / "corpus" / "texts" / "004_a7a4461144ba7e7b.txt"
CAP_MB = 0.1


@pytest.fixture(scope="module")
def api_settings() -> ApiSettings:
    """The settings of this module's app (the ``api_client`` fixture of conftest.py)."""
    return ApiSettings(workers=1, queue=0, max_upload_mb=CAP_MB)


def ctx_of(api_client: TestClient) -> ApiContext:
    ctx = api_client.app.state.zhengce  # type: ignore[attr-defined]
    assert isinstance(ctx, ApiContext)
    return ctx


@contextmanager
def changed(api_client: TestClient, **what: Any) -> Iterator[None]:
    """The app's settings or budgets changed for one test (the routes read them at each request)."""
    ctx = ctx_of(api_client)
    old = (ctx.settings, ctx.budgets)
    if "budgets" in what:
        ctx.budgets = what.pop("budgets")
    ctx.settings = ctx.settings.model_copy(update=what)
    try:
        yield
    finally:
        ctx.settings, ctx.budgets = old


def stored(api_store: Path) -> tuple[list[str], int, int, int]:
    """What the store holds: the uploaded files, and the rows of sources, documents and jobs."""
    files = sorted(p.name for p in (api_store / "uploads").iterdir()) if (api_store / "uploads").exists() else []
    with sqlite3.connect(api_store / "store.db") as conn:
        counts = [conn.execute(f"select count(*) from {t}").fetchone()[0] for t in ("sources", "documents", "jobs")]
    return files, counts[0], counts[1], counts[2]


def post(api_client: TestClient, name: str, data: bytes) -> Any:
    return api_client.post("/v1/documents", files={"file": (name, data)})


# -- type by bytes ------------------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


SNIFFED = [
    pytest.param(PDF.read_bytes(), "pdf", id="pdf"),
    pytest.param((ROOT / "corpus" / "docx" / "002_f15aeebbaef14a54.docx").read_bytes(), "docx", id="docx"),
    pytest.param((ROOT / "corpus" / "html" / "002_f15aeebbaef14a54.html").read_bytes(), "html", id="html"),
    pytest.param(TEXT.read_bytes(), "text", id="utf-8-text"),
    pytest.param(TEXT.read_text(encoding="utf-8").encode("gb18030"), "text", id="gb18030-text"),
    pytest.param(TEXT.read_text(encoding="utf-8").encode("utf-16"), "text", id="utf-16-text"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, id="png"),
    pytest.param(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", None, id="elf"),
    pytest.param(_zip({"a.txt": b"not a docx"}), None, id="zip-not-docx"),
    pytest.param(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff", None, id="gif"),
]


@pytest.mark.parametrize(("data", "fmt"), SNIFFED)
def test_sniff_format(data: bytes, fmt: str | None) -> None:
    assert sniff_format(data[:65536], data) == fmt


WRONG_TYPE = [
    pytest.param("scan.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", id="png-named-pdf"),
    pytest.param("policy.docx", _zip({"a.txt": b"x"}), id="zip-named-docx"),
    pytest.param("policy.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(64), id="elf-named-txt"),
    pytest.param("page.html", b"\x00\x01\x02\x03" * 50, id="binary-named-html"),
]


@pytest.mark.parametrize(("name", "data"), WRONG_TYPE)
def test_a_file_of_another_type_is_415_and_nothing_stored(api_client: TestClient, api_store: Path, name: str, data: bytes) -> None:
    before = stored(api_store)
    r = post(api_client, name, data)
    assert r.status_code == 415 and "PDF, DOCX, HTML or text" in r.json()["error"]
    assert stored(api_store) == before


def test_the_stored_suffix_is_the_bytes_type_not_the_name(api_client: TestClient, api_store: Path) -> None:
    r = post(api_client, "../../../etc/policy.pdf", TEXT.read_bytes())
    assert r.status_code == 200, r.text
    job = r.json()["job"]
    assert job["format"] == "text" and job["filename"] == "policy.pdf"
    assert (api_store / "uploads" / f"{job['sha256'][:32]}.txt").exists()
    assert not (api_store.parent / "etc").exists()


# -- bad uploads ----------------------------------------------------------------------------------------------

BAD = [
    pytest.param("empty.txt", b"", "empty", id="empty"),
    pytest.param("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage\xff" * 200, "broken.pdf", id="damaged-pdf"),
    pytest.param("broken.docx", _zip({"word/document.xml": b"<w:document><unclosed"}), "broken.docx", id="damaged-docx"),
]


@pytest.mark.parametrize(("name", "data", "word"), BAD)
def test_a_bad_upload_is_a_json_error_and_nothing_stored(api_client: TestClient, api_store: Path, name: str, data: bytes, word: str) -> None:
    before = stored(api_store)
    r = post(api_client, name, data)
    assert r.status_code == 422, r.text
    assert word in r.json()["error"] and "Traceback" not in r.text
    assert stored(api_store) == before


# -- size cap while streaming ---------------------------------------------------------------------------------


def test_an_upload_over_the_cap_is_413_and_nothing_stored(api_client: TestClient, api_store: Path) -> None:
    before = stored(api_store)
    r = post(api_client, "big.txt", "补贴".encode() * 60_000)
    assert r.status_code == 413 and "size cap" in r.json()["error"]
    assert stored(api_store) == before


def test_a_chunked_upload_over_the_cap_is_413(api_client: TestClient, api_store: Path) -> None:
    boundary = "zhengce-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()

    def body() -> Iterator[bytes]:  # no Content-Length: the cap is counted as the body streams
        yield head
        for _ in range(400):
            yield "就业".encode() * 512
        yield f"\r\n--{boundary}--\r\n".encode()

    before = stored(api_store)
    r = api_client.post("/v1/documents", content=body(), headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413
    assert stored(api_store) == before


def _run_cap(chunks: int, size: int, limit: int, content_length: bool) -> tuple[int, int]:
    """Drive UploadCap over an app that reads the whole body: (the status sent, how many chunks were read)."""
    read = 0

    async def app(scope: Any, receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * size, "more_body": read < chunks}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"content-length", str(chunks * size).encode())] if content_length else []
    asyncio.run(UploadCap(app, limit, slack=0)({"type": "http", "method": "POST", "headers": headers}, receive, send))
    return sent[0]["status"], read


@pytest.mark.parametrize(("content_length", "most_read"), [pytest.param(True, 0, id="content-length"),
                                                           pytest.param(False, 11, id="streamed")])
def test_the_cap_stops_reading_at_the_limit(content_length: bool, most_read: int) -> None:
    status, read = _run_cap(chunks=1000, size=1024, limit=10 * 1024, content_length=content_length)
    assert status == 413 and read <= most_read


def test_under_the_cap_the_body_is_read_whole() -> None:
    assert _run_cap(chunks=5, size=1024, limit=10 * 1024, content_length=False) == (200, 5)


# -- budgets, time, pool ------------------------------------------------------------------------------------


def test_the_page_cap_is_413_naming_the_budget(api_client: TestClient, api_store: Path) -> None:
    before = stored(api_store)
    with changed(api_client, budgets=Budgets(max_pages=3)):
        r = post(api_client, "ten-pages.pdf", PDF.read_bytes())
    assert r.status_code == 413 and "page budget" in r.json()["error"] and "ten-pages.pdf" in r.json()["error"]
    assert stored(api_store) == before


def test_an_analysis_over_the_request_time_is_504(api_client: TestClient, api_store: Path) -> None:
    before = stored(api_store)
    with changed(api_client, request_seconds=0.01):
        r = post(api_client, "slow.txt", TEXT.read_bytes() + "\n最高 999 元。".encode())
    assert r.status_code == 504 and "time budget" in r.json()["error"]
    assert stored(api_store) == before


def test_any_request_over_its_time_is_504(api_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(self: ApiContext, store: object, doc_id: str) -> None:
        time.sleep(1.5)
        raise AssertionError("answered already")

    monkeypatch.setattr(ApiContext, "analysis", slow)
    with changed(api_client, answer_seconds=0.3):
        t = time.monotonic()
        r = api_client.get("/v1/documents/anything")
    assert r.status_code == 504 and "0.3 s" in r.json()["error"] and time.monotonic() - t < 1.4


def test_a_full_pool_is_503_with_retry_after(api_client: TestClient, api_store: Path) -> None:
    ctx = ctx_of(api_client)
    assert ctx.pool is not None
    busy = ctx.pool.submit(str(COMPENDIUM), 120)  # the one process, with no queue behind it
    try:
        before = stored(api_store)
        r = post(api_client, "one-more.txt", TEXT.read_bytes() + "\n每人 888 元。".encode())
        assert r.status_code == 503 and r.headers["retry-after"] == str(ctx.settings.retry_after)
        assert "busy" in r.json()["error"]
        assert stored(api_store) == before
    finally:
        busy.result(timeout=120)
    t = time.monotonic()
    assert post(api_client, "one-more.txt", TEXT.read_bytes() + "\n每人 888 元。".encode()).status_code == 200
    assert time.monotonic() - t < 60


# -- paths, escaping, errors --------------------------------------------------------------------------------

TRAVERSALS = ["..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "....%2F%2F....%2F%2Fetc%2Fpasswd", "..%5C..%5Cwindows%5Cwin.ini",
              "%2e%2e%2f%2e%2e%2fstore.db", "store.db", "uploads", "..", "%00"]
ROUTES = ["/v1/documents/{}", "/v1/documents/{}/quantities", "/v1/documents/{}/html", "/v1/golden/{}", "/v1/labelstudio/{}",
          "/v1/jobs/{}", "/v1/reviews/{}"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", TRAVERSALS)
def test_a_path_in_an_id_is_404(api_client: TestClient, route: str, name: str) -> None:
    r = api_client.get(route.format(name))
    assert r.status_code == 404, r.text
    assert r.headers["content-type"] == "application/json" and "root:" not in r.text


@pytest.mark.parametrize(("params"), [{"a": "../store.db", "b": "/etc/passwd"}, {"a": "corpus/texts/001_e001dd900bee0134.txt", "b": "x"}],
                         ids=["traversal", "a-real-file"])
def test_diff_takes_ids_not_paths(api_client: TestClient, params: dict[str, str]) -> None:
    assert api_client.get("/v1/diff", params=params).status_code == 404


def test_the_text_is_escaped_in_the_html(api_client: TestClient) -> None:
    text = "关于<script>alert('x')</script>的通知\n一、每人每月补贴1500元，<b>最长</b>不超过12个月。\n"
    r = post(api_client, "xss.txt", text.encode())
    assert r.status_code == 200, r.text
    doc_id = r.json()["analyses"][0]["document"]["id"]
    page = api_client.get(f"/v1/documents/{doc_id}/html").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page and "<b>最长" not in page


def test_the_docs_page_escapes_the_schema() -> None:
    page = docs_page({"info": {"title": "<script>t</script>"}, "paths": {"/x/<img src=x>": {"get": {"summary": "<i>s</i>"}}}})
    assert "<script>" not in page and "<img" not in page and "<i>" not in page and "&lt;img src=x&gt;" in page


def test_an_unexpected_error_is_500_without_detail(api_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: ApiContext, store: object, doc_id: str) -> None:
        raise RuntimeError("secret detail at /srv/zhengce")

    monkeypatch.setattr(ApiContext, "analysis", broken)
    r = api_client.get("/v1/documents/anything")
    assert r.status_code == 500 and r.json() == {"error": "internal error"}


@pytest.mark.parametrize(("method", "path", "kwargs"), [
    pytest.param("post", "/v1/documents", {}, id="upload-without-file"),
    pytest.param("post", "/v1/reviews", {"content": b"{not json"}, id="bad-json"),
    pytest.param("post", "/v1/reviews", {"json": [{"doc_id": "x", "action": "approve"}]}, id="bad-action"),
    pytest.param("get", "/v1/compare", {}, id="compare-without-benefit"),
    pytest.param("get", "/v1/graph", {"params": {"in_force": "yesterday"}}, id="bad-date"),
])
def test_a_bad_request_is_one_json_line(api_client: TestClient, method: str, path: str, kwargs: dict[str, Any]) -> None:
    r = getattr(api_client, method)(path, **kwargs)
    assert r.status_code == 422 and set(r.json()) == {"error"} and "\n" not in r.json()["error"]
