"""``zhengce serve`` as a real process (issue 12, part 1): uvicorn on a free loopback port (conftest ``serve``), a real upload
over HTTP that gives the quantities ``analyze_path`` gives for that file, then a clean stop that leaves no
analysis process behind."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from _server import Served
from click.testing import CliRunner

from extractor.analysis import analyze_path
from extractor.cli.serve import serve_cmd

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
