"""The web reviewer in a real browser (issue 12, part 4): Playwright drives Debian's chromium (``executable_path``,
no browser downloaded) against ``zhengce serve --api-key`` on a free loopback port over a temporary store
(conftest ``serve``). Each page signs in once through /login, as a reviewer does.

Upload through the API, open the document page, count its highlights against the API's quantities, accept one
value, correct another's value and bound and a third's kind and groups with the keyboard, reject one, mark a
missed span (highlighted at once), reload and see them all, export the golden file and check it; signing in (a
wrong key refused, the key in no page nor script-readable storage, a lapsed session said); an upload through
the upload page; the diff page of two versions (corpus/revisions); the comparison page (sort, filter, chart);
the search page. Each page's screenshot goes to $ZHENGCE_SCREENSHOTS (docs/screenshots for the README)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from _server import Served

from extractor.records import Analysis, Quantity

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (scripts/setup.sh installs it as root)")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency (pip install -e .[dev])")

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("ZHENGCE_SCREENSHOTS") or tempfile.mkdtemp(prefix="zhengce-shots-"))
"""Where each page's screenshot goes: ZHENGCE_SCREENSHOTS=docs/screenshots refreshes the README's pictures; else a
temporary folder, so a test run changes no tracked file."""
TEXT = ROOT / "corpus" / "texts" / "001_e001dd900bee0134.txt"
UPLOADED = ROOT / "corpus" / "texts" / "002_f15aeebbaef14a54.txt"
OLD, NEW = ROOT / "corpus" / "revisions" / "adoption-registration-2019.txt", ROOT / "corpus" / "revisions" / "adoption-registration-2023.txt"
BENEFIT = "一次性创业补贴"
KEY = "reviewers-key-2026"
"""The server runs with ``--api-key``: the pages are signed in to through /login, the API gets the key."""
AUTH = {"X-API-Key": KEY}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
CORRECTED = 4321.0
GROUP = "高校毕业生"
REVIEWER = "李律师"


@pytest.fixture(scope="module")
def url(serve: Callable[..., Served]) -> str:
    """``zhengce serve --api-key KEY`` over a new store (conftest ``serve``: stopped with the module)."""
    return serve("--workers", "2", "--api-key", KEY).url


def upload(url: str, path: Path) -> Analysis:
    r = httpx.post(f"{url}/v1/documents", files={"file": (path.name, path.read_bytes())}, headers=AUTH, timeout=120)
    assert r.status_code == 200, r.text
    return Analysis.model_validate(r.json()["analyses"][0])


@pytest.fixture(scope="module")
def docs(url: str) -> dict[str, Analysis]:
    from concurrent.futures import ThreadPoolExecutor

    files = {"text": TEXT, "old": OLD, "new": NEW}
    with ThreadPoolExecutor(len(files)) as pool:  # the server's two analysis processes work at once
        done = {k: pool.submit(upload, url, p) for k, p in files.items()}
    return {k: f.result() for k, f in done.items()}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def fresh(browser: Any) -> Iterator[Any]:
    """A page of a new browser context (no cookie: not signed in)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == [], errors  # no script error on any page


def sign_in(page: Any, url: str, key: str = KEY) -> None:
    page.goto(f"{url}/login?next=/search")
    page.fill("#login input[name=key]", key)
    page.click("#login button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def page(fresh: Any, url: str) -> Any:
    """A page signed in as a reviewer is: the key typed once in the login form."""
    sign_in(fresh, url)
    assert fresh.url == f"{url}/search"
    return fresh


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def reviewable(qs: list[Quantity]) -> list[Quantity]:
    return [q for q in qs if q.role == "parameter" and q.kind in ("money", "percent", "duration", "age", "count") and q.value is not None]


def test_review_a_document_with_the_keyboard(url: str, docs: dict[str, Analysis], page: Any) -> None:
    a = docs["text"]
    api = [Quantity.model_validate(q) for q in httpx.get(f"{url}/v1/documents/{a.id}/quantities", headers=AUTH, timeout=30).json()]
    page.goto(f"{url}/documents/{a.id}")
    page.wait_for_selector("body[data-ready]")
    shown = page.eval_on_selector_all("mark[data-quantity-id]", "ms => [...new Set(ms.map(m => m.dataset.quantityId))]")
    assert sorted(shown) == sorted(q.id for q in api)  # every quantity of the API highlighted, nothing else
    assert page.locator("#items li.item").count() == len(api)

    order = [q.id for q in api]
    accept, correct = reviewable(api)[:2]
    page.fill("#reviewer", REVIEWER)  # the reviewer's name: kept by the browser, sent with each review
    page.locator("#reviewer").blur()
    for _ in range(order.index(accept.id) + 1):
        page.keyboard.press("j")
    assert page.get_attribute("#items li.current", "data-quantity-id") == accept.id
    assert page.locator("mark.current").count() >= 1 and accept.quote in page.inner_text("#detail")
    page.keyboard.press("a")
    page.wait_for_selector('#status:has-text("saved: accept")')
    for _ in range(order.index(correct.id) - order.index(accept.id)):
        page.keyboard.press("j")
    page.keyboard.press("e")
    page.wait_for_selector("#edit:not([hidden])")
    page.fill("#edit input[name=value]", str(CORRECTED))
    page.select_option("#edit select[name=bound]", "max")
    page.fill("#edit input[name=note]", "the text says 最高")
    page.keyboard.press("Enter")
    page.wait_for_selector('#status:has-text("saved: correct")')

    page.keyboard.press("j")  # the next one rejected
    rejected = page.get_attribute("#items li.current", "data-quantity-id")
    page.keyboard.press("r")
    page.wait_for_selector('#status:has-text("saved: reject")')

    page.keyboard.press("j")  # the next one: its kind and groups corrected
    regrouped = next(q for q in api if q.id == page.get_attribute("#items li.current", "data-quantity-id"))
    other_kind = "count" if regrouped.kind != "count" else "money"
    page.keyboard.press("e")
    page.wait_for_selector("#edit:not([hidden])")
    page.select_option("#edit select[name=kind]", other_kind)
    page.fill("#edit input[name=groups]", GROUP)
    page.keyboard.press("Enter")
    page.wait_for_selector('#status:has-text("saved: correct")')
    assert f"k-{other_kind}" in (page.get_attribute(f'#items li[data-quantity-id="{regrouped.id}"]', "class") or "")

    missed_at = a.document.text.index("一次性")  # any words: marked as a missed amount from the selection
    page.evaluate("""([start, end]) => {
        const root = document.getElementById('doc-text');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let at = 0, range = document.createRange(), n;
        while ((n = walker.nextNode())) {
            const len = n.textContent.length;
            if (at <= start && start < at + len) range.setStart(n, start - at);
            if (at < end && end <= at + len) { range.setEnd(n, end - at); break; }
            at += len;
        }
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""", [missed_at, missed_at + 3])
    page.keyboard.press("m")
    page.wait_for_selector("#edit:not([hidden])")
    page.fill("#edit input[name=value]", "31415")
    page.keyboard.press("Enter")
    page.wait_for_selector('#status:has-text("saved: add")')
    missed_words = a.document.text[missed_at:missed_at + 3]
    assert "".join(page.locator("#doc-text mark.missed").all_inner_texts()) == missed_words  # highlighted at once

    page.reload()
    page.wait_for_selector("body[data-ready]")
    item = f'#items li[data-quantity-id="{accept.id}"]'
    assert "v-accept" in (page.get_attribute(item, "class") or "")
    fixed = f'#items li[data-quantity-id="{correct.id}"]'
    assert "v-correct" in (page.get_attribute(fixed, "class") or "")
    assert page.inner_text(f"{item} .state") == "accept" and page.inner_text(f"{fixed} .state") == "correct"
    assert page.inner_text(f"{fixed} .v").startswith(str(int(CORRECTED)))  # the corrected value, not the program's
    assert "v-accept" in (page.get_attribute(f'mark[data-quantity-id="{accept.id}"]', "class") or "")
    assert "v-reject" in (page.get_attribute(f'#items li[data-quantity-id="{rejected}"]', "class") or "")
    assert "31415" in page.inner_text("#added")
    assert page.input_value("#reviewer") == REVIEWER
    stored = httpx.get(f"{url}/v1/reviews/{a.id}", headers=AUTH, timeout=30).json()
    assert len(stored) == 5 and {r["reviewer"] for r in stored} == {REVIEWER}
    assert "".join(page.locator("#doc-text mark.missed").all_inner_texts()) == missed_words  # and after the reload
    fixed_kind = f'#items li[data-quantity-id="{regrouped.id}"]'
    assert f"k-{other_kind}" in (page.get_attribute(fixed_kind, "class") or "") and "v-correct" in (page.get_attribute(fixed_kind, "class") or "")
    page.click("#added a")  # the side list's missed entry leads to its highlight
    assert page.evaluate("location.hash").startswith("#missed-")
    page.click("#doc-text mark.missed")
    assert "missed: 31415" in page.inner_text("#detail")
    page.select_option("#f-kind", "money")  # the side list filtered by kind
    money = sum(1 for q in api if q.kind == "money")
    assert page.locator("#items li.item:visible").count() == money and page.inner_text("#n-shown") == str(money)
    page.select_option("#f-kind", "")
    page.locator(item).scroll_into_view_if_needed()
    page.click(item + " q")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "document")

    gold = httpx.get(f"{url}/v1/golden/{a.id}", headers=AUTH, timeout=30).json()
    by_quote = {(g["quote"], g["value"]): g for g in gold["quantities"]}
    accepted = by_quote[(accept.quote, int(accept.value) if accept.value and accept.value.is_integer() else accept.value)]
    assert accepted["doubt"] is False
    corrected = [g for g in gold["quantities"] if g["quote"] == correct.quote and g["value"] == int(CORRECTED)]
    assert corrected and corrected[0]["bound"] == "max" and corrected[0]["doubt"] is False
    gone = next(q for q in api if q.id == rejected)
    assert not any(g["quote"] == gone.quote and g["section"] == gone.section and g["kind"] == gone.kind for g in gold["quantities"])
    assert any(g["value"] == 31415 and g["quote"] == missed_words for g in gold["quantities"])
    kinded = [g for g in gold["quantities"] if g["quote"] == regrouped.quote and g["section"] == regrouped.section and not g["doubt"]]
    assert kinded and kinded[0]["kind"] == other_kind and kinded[0]["groups"] == [GROUP]

    page.click("#doc-text mark.missed")  # the missed span withdrawn: gone from the text, the list and the golden file
    page.click("#withdraw")
    page.wait_for_selector('#status:has-text("saved: withdraw")')
    assert page.locator("#doc-text mark.missed").count() == 0 and page.locator("#added li").count() == 0
    assert page.evaluate("document.getElementById('doc-text').textContent") == a.document.text  # unwrapped, nothing lost
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#doc-text mark.missed").count() == 0 and page.locator("#added li").count() == 0
    gold = httpx.get(f"{url}/v1/golden/{a.id}", headers=AUTH, timeout=30).json()
    assert not any(g["value"] == 31415 for g in gold["quantities"])


def test_the_reviewer_signs_in_once_and_never_sees_the_key(url: str, docs: dict[str, Analysis], fresh: Any) -> None:
    a = docs["text"]
    fresh.goto(f"{url}/documents/{a.id}")  # not signed in: the login form, then back to this page
    assert fresh.url.startswith(f"{url}/login?next=")
    shot(fresh, "login")
    fresh.fill("#login input[name=key]", "a guess")
    fresh.click("#login button[type=submit]")
    assert "wrong key" in fresh.inner_text("main")
    fresh.fill("#login input[name=key]", KEY)
    fresh.click("#login button[type=submit]")
    fresh.wait_for_selector("body[data-ready]")
    assert fresh.url == f"{url}/documents/{a.id}"
    assert KEY not in fresh.content() and fresh.evaluate("document.cookie") == ""  # the cookie is HttpOnly
    assert fresh.evaluate("JSON.stringify(sessionStorage) + JSON.stringify(localStorage)") == "{}{}"
    fresh.click("a[href^='/v1/golden/']")  # the golden file, read with the session
    assert '"quantities"' in fresh.content()
    fresh.go_back()
    fresh.wait_for_selector("body[data-ready]")
    fresh.context.clear_cookies()  # the session ends (signed out elsewhere, or the browser closed): a write says so
    fresh.keyboard.press("j")
    fresh.keyboard.press("a")
    fresh.wait_for_selector('#status:has-text("sign in again")')
    fresh.click("#status a")  # sign in again, and back to the document
    fresh.fill("#login input[name=key]", KEY)
    fresh.click("#login button[type=submit]")
    fresh.wait_for_selector("body[data-ready]")
    assert fresh.url == f"{url}/documents/{a.id}"


def test_upload_through_the_page(url: str, docs: dict[str, Analysis], page: Any) -> None:
    page.goto(f"{url}/upload")
    page.wait_for_selector("body[data-ready]")
    page.set_input_files("#upload input[name=file]", str(UPLOADED))
    shot(page, "upload")
    page.click("#upload button[type=submit]")
    page.wait_for_url(f"{url}/documents/**", timeout=120_000)
    page.wait_for_selector("body[data-ready]")
    doc_id = page.url.rpartition("/documents/")[2]
    api = httpx.get(f"{url}/v1/documents/{doc_id}/quantities", headers=AUTH, timeout=30).json()
    shown = page.eval_on_selector_all("mark[data-quantity-id]", "ms => new Set(ms.map(m => m.dataset.quantityId)).size")
    assert api and shown == len(api)


def test_the_diff_page_of_two_versions(url: str, docs: dict[str, Analysis], page: Any) -> None:
    old, new = docs["old"], docs["new"]
    page.goto(f"{url}/diff?a={old.id}&b={new.id}")
    assert page.locator("#redline tbody tr").count() > 0
    assert page.locator("#redline ins, #redline del").count() > 0  # the redline shows what changed
    arts = page.locator("#redline a.art")
    assert arts.count() > 0 and (arts.first.get_attribute("href") or "").startswith("/documents/")
    changes = page.locator("#changes tbody tr")
    diff = httpx.get(f"{url}/v1/diff", params={"a": old.id, "b": new.id}, headers=AUTH, timeout=60).json()
    assert changes.count() == len(diff["changes"])
    shot(page, "diff")
    both = page.locator("#changes tbody tr").filter(has=page.locator("td:nth-child(3) a.ev")).filter(has=page.locator("td:nth-child(4) a.ev"))
    assert both.count() > 0
    link_a = both.first.locator("td:nth-child(3) a.ev").get_attribute("href") or ""
    link_b = both.first.locator("td:nth-child(4) a.ev").get_attribute("href") or ""
    assert link_a.startswith(f"/documents/{old.id}#") and link_b.startswith(f"/documents/{new.id}#")
    for link, doc in ((link_a, old), (link_b, new)):  # each evidence: its highlight chosen, or its words selected
        page.goto(url + link)
        page.wait_for_selector("body[data-ready]")
        if "#q-" in link:
            assert page.locator("mark.current").count() >= 1
        else:
            start, end = (int(x) for x in link.rpartition("#at-")[2].split("-"))
            assert page.evaluate("window.getSelection().toString()") == doc.document.text[start:end]


def test_the_comparison_page(url: str, docs: dict[str, Analysis], page: Any) -> None:
    page.goto(f"{url}/compare?benefit={BENEFIT}")
    page.wait_for_selector("body[data-ready]")
    rows = page.locator("#compare tbody tr")
    n = rows.count()
    assert n >= 1
    assert page.eval_on_selector("#chart", "img => img.complete && img.naturalWidth") > 0  # the chart PNG loaded
    value_col = page.locator("#compare thead th").nth(5)
    value_col.click()
    assert value_col.get_attribute("aria-sort") == "ascending"
    value_col.click()
    assert value_col.get_attribute("aria-sort") == "descending"
    page.fill("#row-filter", "没有这个地区")
    assert page.inner_text("#n-rows") == "0"
    page.fill("#row-filter", "")
    assert page.inner_text("#n-rows") == str(n)
    shot(page, "compare")


def test_the_search_page(url: str, docs: dict[str, Analysis], page: Any) -> None:
    page.goto(f"{url}/search?q=补贴")
    hits = page.locator("ol.hits li.hit")
    assert hits.count() >= 1 and page.locator("ol.hits .snip b").count() >= 1
    hits.first.locator("a").first.click()
    page.wait_for_selector("body[data-ready]")
    assert page.url.startswith(f"{url}/documents/")
    page.goto(f"{url}/search?q=补贴")
    shot(page, "search")
