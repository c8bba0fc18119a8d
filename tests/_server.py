"""``zhengce serve`` as a real process on a free loopback port: one helper for the tests (through the fixtures
of ``tests/conftest.py``) and for ``benchmarks/bench_api_load.py``.

:func:`serving` starts the command (``extractor.cli.serve.serve_cmd``, so uvicorn with the API and the pages),
waits until ``/openapi.json`` answers, yields the process and its base URL, and stops it at the end (SIGTERM,
then SIGKILL after 20 s) unless the caller already stopped it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
START = "from extractor.cli.serve import serve_cmd; serve_cmd()"
"""``zhengce serve`` itself, its arguments from the command line."""


def free_port() -> int:
    """A TCP port free on loopback now (the server binds it a moment later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Served:
    """A running server: its process (stdout and stderr merged into ``proc.stdout`` when captured), URL and store."""

    proc: subprocess.Popen[bytes]
    url: str
    store: Path


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def serving(store: Path, args: Sequence[str] = (), *, capture: bool = False, wait_s: float = 90) -> Iterator[Served]:
    """``zhengce serve --store STORE --port PORT ARGS...`` until the block ends.

    Args:
        store: the store folder.
        args: more options of ``zhengce serve`` (``--workers 1``, ``--api-key K``...).
        capture: keep the server's output in ``proc.stdout`` (else it is thrown away).
        wait_s: how long the server may take to answer.
    """
    port = free_port()
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-c", START, "--store", str(store), "--port", str(port), *args],
                            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait_s
    try:
        while True:
            if proc.poll() is not None:
                said = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"the server stopped ({proc.returncode}) {said[-2000:]}")
            try:
                if httpx.get(f"{url}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer in {wait_s:.0f} s")
            time.sleep(0.3)
        yield Served(proc, url, store)
    finally:
        _stop(proc)


__all__ = ["ROOT", "START", "Served", "free_port", "serving"]
