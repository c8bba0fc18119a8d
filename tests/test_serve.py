"""``zhengce serve`` as a real process (issue 12, part 1): uvicorn on a free loopback port (conftest ``serve``), a real upload
over HTTP that gives the quantities ``analyze_path`` gives for that file, then a clean stop that leaves no
analysis process behind."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from _server import Served
from click.testing import CliRunner

from extractor.analysis import analyze_path
from extractor.cli import main
from extractor.cli.serve import serve_cmd
from extractor.records import Analysis, Quantity

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "corpus" / "texts" / "002_f15aeebbaef14a54.txt"


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


@pytest.fixture(scope="module")
def server(serve: Callable[..., Served]) -> Served:
    return serve("--workers", "1", capture=True)


def test_an_upload_over_http_gives_the_quantities_of_analyze_path(server: Served) -> None:
    url, store = server.url, server.store
    with TEXT.open("rb") as f:
        r = httpx.post(f"{url}/v1/documents", files={"file": (TEXT.name, f, "text/plain")}, timeout=120)
    assert r.status_code == 200, r.text
    analysis = r.json()["analyses"][0]
    stored_file = store / "uploads" / f"{r.json()['job']['sha256'][:32]}.txt"
    expected = analyze_path(stored_file).analyses[0]
    assert analysis["quantities"] == [q.model_dump(mode="json") for q in expected.quantities]
    got = httpx.get(f"{url}/v1/documents/{expected.id}/quantities", timeout=30).json()
    assert got == analysis["quantities"]


def test_an_upload_shows_the_quantities_of_zhengce_extract(server: Served, tmp_path: Path) -> None:
    """Issue 12, done when: the quantities of an upload are those ``zhengce extract`` gives for the file (the
    document's id aside: an upload is named by its bytes' hash)."""
    out = tmp_path / "extract.json"
    assert main(["extract", str(TEXT), "--format", "json", "-o", str(out)]) == 0
    [extracted] = [Analysis.model_validate(a) for a in json.loads(out.read_text(encoding="utf-8"))]
    r = httpx.post(f"{server.url}/v1/documents", files={"file": (TEXT.name, TEXT.read_bytes(), "text/plain")}, timeout=120)
    assert r.status_code == 200, r.text
    doc_id = r.json()["job"]["doc_ids"][0]
    shown = [Quantity.model_validate(q) for q in httpx.get(f"{server.url}/v1/documents/{doc_id}/quantities", timeout=30).json()]
    assert [without_id(q) for q in shown] == [without_id(q) for q in extracted.quantities] and shown


def without_id(q: Quantity) -> dict[str, object]:
    return q.model_dump(mode="json", exclude={"id"})


def test_the_server_stops_cleanly(server: Served) -> None:
    proc = server.proc
    workers = children(proc.pid)
    assert workers, "the analysis process should be running after an upload"
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    output = proc.stdout.read().decode() if proc.stdout else ""
    assert "Traceback" not in output and "Application shutdown complete" in output
    time.sleep(0.5)
    assert [p for p in workers if Path(f"/proc/{p}").exists() and "zombie" not in Path(f"/proc/{p}/status").read_text().lower()] == []


def test_a_store_that_cannot_be_used_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "store.db").write_bytes(b"not a database" * 100)
    result = CliRunner().invoke(serve_cmd, ["--store", str(tmp_path)])
    assert result.exit_code == 1 and "cannot use the store's database" in result.output and "Traceback" not in result.output


def test_serve_has_help_with_an_example() -> None:
    result = CliRunner().invoke(serve_cmd, ["--help"])
    assert result.exit_code == 0 and "Example: zhengce serve" in result.output and "--api-key" in result.output
