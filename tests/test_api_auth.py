"""The API key with the reviewer's pages (issue 12, parts 1 and 3): with ``--api-key`` set, a client sends the
key; a browser signs in once at ``/login`` and gets a cookie that is not the key; the pages' writes carry
``X-Zhengce-Page`` and a write with the cookie alone (what a form on another site could send) is refused.
Through the app of ``zhengce serve`` (conftest ``api_client``) with a key."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from extractor.api.auth import PAGE_HEADER, SESSION_COOKIE, session_token
from extractor.records import Analysis

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "texts" / "002_f15aeebbaef14a54.txt"
KEY = "k3y-of-the-reviewers-2026"


@pytest.fixture(scope="module")
def api_key() -> str:
    return KEY


@pytest.fixture(autouse=True)
def no_cookie(api_client: TestClient) -> Iterator[None]:
    """Each test starts signed out (the client keeps cookies between requests)."""
    api_client.cookies.clear()
    yield
    api_client.cookies.clear()


def sign_in(client: TestClient, key: str = KEY, next: str = "/search") -> Any:
    return client.post("/login", data={"key": key, "next": next}, follow_redirects=False)


def reviews_stored(store: Path) -> int:
    with sqlite3.connect(store / "store.db") as conn:
        return int(conn.execute("select count(*) from reviews").fetchone()[0])


@pytest.fixture(scope="module")
def analysis(api_client: TestClient) -> Analysis:
    r = api_client.post("/v1/documents", files={"file": (TEXT.name, TEXT.read_bytes())}, headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text
    return Analysis.model_validate(r.json()["analyses"][0])


CLIENT_CASES = [
    ("no key", {}, 401),
    ("X-API-Key", {"X-API-Key": KEY}, 200),
    ("bearer token", {"Authorization": f"Bearer {KEY}"}, 200),
    ("a wrong key", {"X-API-Key": KEY + "x"}, 401),
    ("the session token is no API key", {"X-API-Key": session_token(KEY)}, 401),
]


@pytest.mark.parametrize(("headers", "status"), [c[1:] for c in CLIENT_CASES], ids=[c[0] for c in CLIENT_CASES])
def test_a_client_sends_the_key(api_client: TestClient, headers: dict[str, str], status: int) -> None:
    r = api_client.get("/v1/documents", headers=headers)
    assert r.status_code == status
    if status == 401:
        assert "API key" in r.json()["error"]


OPEN_CASES = [("the schema", "/openapi.json"), ("the API's page", "/docs"), ("the style", "/static/reviewer.css"),
              ("the login form", "/login")]


@pytest.mark.parametrize("url", [c[1] for c in OPEN_CASES], ids=[c[0] for c in OPEN_CASES])
def test_what_stays_open(api_client: TestClient, url: str) -> None:
    assert api_client.get(url, follow_redirects=False).status_code == 200


PAGES = ["/search", "/compare?benefit=一次性创业补贴", "/upload", "/diff", "/documents/x.txt", "/compare/chart.png?benefit=x"]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_sends_a_browser_not_signed_in_to_the_login_form(api_client: TestClient, url: str) -> None:
    r = api_client.get(url, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/")
    form = api_client.get(r.headers["location"])
    assert form.status_code == 200 and 'type="password" name="key"' in form.text


def test_signing_in_sets_a_cookie_that_is_not_the_key(api_client: TestClient, analysis: Analysis) -> None:
    r = sign_in(api_client, next=f"/documents/{analysis.id}")
    assert r.status_code == 303 and r.headers["location"] == f"/documents/{analysis.id}"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and KEY not in cookie
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    page = api_client.get(r.headers["location"])
    assert page.status_code == 200 and 'id="doc-text"' in page.text
    assert KEY not in page.text and session_token(KEY) not in page.text  # neither the key nor the cookie in a page
    assert api_client.get(f"/v1/golden/{analysis.id}").status_code == 200  # the page's golden-file link works


def test_a_wrong_key_is_refused_and_sets_no_cookie(api_client: TestClient) -> None:
    r = sign_in(api_client, key="guess")
    assert r.status_code == 401 and "wrong key" in r.text and "set-cookie" not in r.headers
    assert api_client.get("/search", follow_redirects=False).status_code == 303


def test_a_cookie_of_another_key_is_not_signed_in(api_client: TestClient) -> None:
    api_client.cookies.set(SESSION_COOKIE, session_token("another key"))
    assert api_client.get("/search", follow_redirects=False).status_code == 303
    assert api_client.get("/v1/documents").status_code == 401


NEXT_CASES = [("a path of the app", "/compare?benefit=x", "/compare?benefit=x"), ("another site", "https://evil.example/", "/search"),
              ("a protocol-relative link", "//evil.example/x", "/search"), ("a backslash", "/\\evil.example", "/search")]


@pytest.mark.parametrize(("target", "where"), [c[1:] for c in NEXT_CASES], ids=[c[0] for c in NEXT_CASES])
def test_signing_in_goes_back_only_to_a_page_of_the_app(api_client: TestClient, target: str, where: str) -> None:
    assert sign_in(api_client, next=target).headers["location"] == where


def test_a_write_with_the_cookie_needs_the_pages_header(api_client: TestClient, analysis: Analysis, api_store: Path) -> None:
    sign_in(api_client)
    review = [{"doc_id": analysis.id, "action": "accept", "quantity_id": analysis.quantities[0].id}]
    before = reviews_stored(api_store)
    forged = api_client.post("/v1/reviews", json=review)  # what another site's form or script could send
    assert forged.status_code == 401 and reviews_stored(api_store) == before
    r = api_client.post("/v1/reviews", json=review, headers={PAGE_HEADER: "1"})
    assert r.status_code == 201, r.text
    assert reviews_stored(api_store) == before + 1


def test_an_upload_from_the_page_with_the_cookie(api_client: TestClient, analysis: Analysis) -> None:
    sign_in(api_client)
    data = TEXT.read_bytes()
    assert api_client.post("/v1/documents", files={"file": (TEXT.name, data)}).status_code == 401
    r = api_client.post("/v1/documents", files={"file": (TEXT.name, data)}, headers={PAGE_HEADER: "1"})
    assert r.status_code == 200 and r.json()["job"]["doc_ids"] == [analysis.id]  # the same bytes: the stored analysis


def test_an_upload_without_the_key_stores_nothing(api_client: TestClient, analysis: Analysis, api_store: Path) -> None:
    before = sorted((api_store / "uploads").iterdir())
    data = TEXT.read_bytes() + "\n每人每月补贴 777 元。\n".encode()
    assert api_client.post("/v1/documents", files={"file": ("new.txt", data)}).status_code == 401
    assert sorted((api_store / "uploads").iterdir()) == before


def test_signing_out_ends_the_session(api_client: TestClient) -> None:
    sign_in(api_client)
    assert api_client.get("/search", follow_redirects=False).status_code == 200
    r = api_client.post("/logout", follow_redirects=False)
    assert r.status_code == 303 and f"{SESSION_COOKIE}=" in r.headers["set-cookie"]
    assert api_client.get("/search", follow_redirects=False).status_code == 303


def test_wrong_keys_are_limited_per_client(tmp_path: Path) -> None:
    """After ``login_attempts`` wrong keys within ``login_window_s``, every attempt is 429, the right key too,
    until the oldest failure ages out."""
    import time

    from extractor.api import ApiSettings
    from extractor.web.app import create_app

    settings = ApiSettings(workers=1, warm=False, login_attempts=3, login_window_s=1.5)
    with TestClient(create_app(tmp_path / "store", api_key=KEY, settings=settings)) as c:
        started = time.monotonic()
        assert [sign_in(c, key=f"guess {n}").status_code for n in range(3)] == [401, 401, 401]
        locked = sign_in(c)
        assert locked.status_code == 429 and "too many wrong keys" in locked.text and int(locked.headers["retry-after"]) >= 1
        assert "set-cookie" not in locked.headers
        time.sleep(max(0.0, 1.6 - (time.monotonic() - started)))
        assert sign_in(c).status_code == 303



@pytest.mark.parametrize(
    ("later", "kept"),
    [
        pytest.param(0.0, 1024, id="addresses-within-the-window-are-all-remembered"),
        pytest.param(601.0, 1, id="addresses-whose-failures-aged-out-are-swept"),
    ],
)
def test_login_attempts_forget_addresses_that_stopped(monkeypatch: pytest.MonkeyPatch, later: float, kept: int) -> None:
    """Wrong keys from 1,023 addresses, each once (a scan), then three from one more ``later`` seconds on: past
    ``SWEEP_AT`` addresses, those whose failures left the window are swept out, not kept for the server's
    lifetime; the limit still holds for the address that goes on failing."""
    from extractor.web import login

    clock = [1000.0]
    monkeypatch.setattr(login.time, "monotonic", lambda: clock[0])
    attempts = login.Attempts(limit=3, window_s=600.0)
    for k in range(login.SWEEP_AT - 1):
        attempts.failed(f"10.0.{k // 256}.{k % 256}")
    clock[0] += later
    for _ in range(3):
        attempts.failed("192.0.2.1")
    assert attempts.hosts() == kept
    assert attempts.wait_s("192.0.2.1") > 0 and attempts.wait_s("10.0.0.1") == 0.0
