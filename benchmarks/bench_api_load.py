"""Load on ``zhengce serve``, bounded, on loopback (issue 12, part 5): 8 concurrent clients upload 200 documents
and read them back.

Usage: .venv/bin/python benchmarks/bench_api_load.py [--docs 200] [--clients 8] [--workers 2] [--runs 1] [-o FILE]

Each document is a corpus text (the five texts under 30 KB and ten versions of laws in corpus/revisions) with a
number changed per copy (the last run of digits replaced by a number of its own), so all 200 are distinct
bytes. A fresh server (the ``serve`` command as a real uvicorn process) runs per run; each client takes the
next document, uploads it (``POST /v1/documents``; a 503 waits its Retry-After and tries again, counted), reads
its quantities back (``GET /v1/documents/{id}/quantities``) and checks they are the upload's. At the end the
store must hold 200 sources and 200 documents, every id once. The server's RSS (and its analysis processes')
is sampled every 0.5 s. Prints a Markdown report (and writes it with -o).
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import re
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from _server import serving  # noqa: E402  (tests/_server.py: zhengce serve on a free loopback port)

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def bases() -> list[Path]:
    texts = [p for p in sorted((ROOT / "corpus" / "texts").glob("*.txt")) if p.stat().st_size < 30_000]
    laws = sorted((ROOT / "corpus" / "revisions").glob("*.txt"))[:10]
    return texts + laws


def documents(n: int) -> list[tuple[str, bytes]]:
    """``n`` distinct texts: a base text with its last run of ASCII digits replaced by a number of its own."""
    out = []
    srcs = bases()
    for i in range(n):
        base = srcs[i % len(srcs)]
        text = base.read_text(encoding="utf-8")
        runs = list(re.finditer(r"\d+", text))
        stamp = str(100000 + i)
        text = text[: runs[-1].start()] + stamp + text[runs[-1].end():] if runs else text + f"\n每人补贴{stamp}元。\n"
        out.append((f"{base.stem}-{i:03d}.txt", text.encode("utf-8")))
    return out


def family(pid: int) -> list[int]:
    """The process and its children."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return [pid, *kids]


def rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


@dataclass
class Run:
    upload_s: list[float] = field(default_factory=list)
    read_s: list[float] = field(default_factory=list)
    retries: int = 0
    errors: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    rss: list[tuple[float, int, float, float]] = field(default_factory=list)  # (t, done, server MB, workers MB)
    wall: float = 0.0
    cpu: float = 0.0
    sources: int = 0
    stored_docs: int = 0


def client(url: str, todo: queue.Queue[tuple[str, bytes]], run: Run, lock: threading.Lock) -> None:
    with httpx.Client(base_url=url, timeout=300) as http:
        while True:
            try:
                name, data = todo.get_nowait()
            except queue.Empty:
                return
            t = time.perf_counter()
            while True:
                r = http.post("/v1/documents", files={"file": (name, data, "text/plain")})
                if r.status_code != 503:
                    break
                with lock:
                    run.retries += 1
                time.sleep(float(r.headers.get("retry-after", "1")))
            up = time.perf_counter() - t
            if r.status_code != 200:
                with lock:
                    run.errors.append(f"{name}: {r.status_code} {r.text[:200]}")
                continue
            analysis = r.json()["analyses"][0]
            t = time.perf_counter()
            back = http.get(f"/v1/documents/{analysis['document']['id']}/quantities")
            read = time.perf_counter() - t
            with lock:
                run.upload_s.append(up)
                run.read_s.append(read)
                run.doc_ids.append(analysis["document"]["id"])
                if back.status_code != 200 or back.json() != analysis["quantities"]:
                    run.errors.append(f"{name}: read back {back.status_code}, not the upload's quantities")


def one_run(docs: list[tuple[str, bytes]], clients: int, workers: int) -> Run:
    run = Run()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        with serving(store, ["--workers", str(workers), "--queue", str(clients)]) as served:
            proc, url = served.proc, served.url
            todo: queue.Queue[tuple[str, bytes]] = queue.Queue()
            for d in docs:
                todo.put(d)
            lock, stop = threading.Lock(), threading.Event()
            start = time.perf_counter()
            cpu0 = sum(cpu_s(p) for p in family(proc.pid))

            def sample() -> None:
                while not stop.is_set():
                    pids = family(proc.pid)
                    run.rss.append((time.perf_counter() - start, len(run.doc_ids), rss_mb(pids[0]), sum(rss_mb(p) for p in pids[1:])))
                    stop.wait(0.5)

            threads = [threading.Thread(target=client, args=(url, todo, run, lock)) for _ in range(clients)]
            sampler = threading.Thread(target=sample)
            sampler.start()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            run.wall = time.perf_counter() - start
            run.cpu = sum(cpu_s(p) for p in family(proc.pid)) - cpu0
            stop.set()
            sampler.join()
            with sqlite3.connect(store / "store.db") as conn:
                run.sources = conn.execute("select count(*) from sources").fetchone()[0]
                run.stored_docs = conn.execute("select count(distinct doc_id) from documents").fetchone()[0]
    return run


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] if s else float("nan")


def report(runs: list[Run], n: int, clients: int, workers: int) -> str:
    lines = [f"# `zhengce serve` under load: {clients} clients, {n} uploads, {workers} analysis processes", "",
             f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PHYS_PAGES') * PAGE / 2**30:.0f} GB, {platform.python_version()}, "
             f"{platform.platform()}; shared and noisy (other helpers' tests and benchmarks ran at the same time; load "
             f"average {os.getloadavg()[0]:.1f} at the end).", "",
             "| run | lost or failed | ids stored once | 503 retries | upload p50 s | upload p95 s | read p50 s | read p95 s | wall s | server CPU s | docs/s |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for k, r in enumerate(runs, start=1):
        once = len(set(r.doc_ids)) == len(r.doc_ids) == r.stored_docs == r.sources == n
        lines.append(f"| {k} | {n - len(r.doc_ids) + len(r.errors)} | {'yes' if once else 'NO'} ({r.stored_docs} documents, "
                     f"{r.sources} sources) | {r.retries} | {pct(r.upload_s, 50):.2f} | {pct(r.upload_s, 95):.2f} | "
                     f"{pct(r.read_s, 50):.3f} | {pct(r.read_s, 95):.3f} | {r.wall:.1f} | {r.cpu:.1f} | {n / r.wall:.1f} |")
    if len(runs) > 1:
        p50s, p95s = [pct(r.upload_s, 50) for r in runs], [pct(r.upload_s, 95) for r in runs]
        lines += ["", f"Upload p50 over the runs: min {min(p50s):.2f} s, median {statistics.median(p50s):.2f} s; p95: min "
                      f"{min(p95s):.2f} s, median {statistics.median(p95s):.2f} s."]
    last = runs[-1]
    lines += ["", "RSS of the last run (server process; its analysis processes summed, so pages they share with the server since the fork count twice), by documents done:", "",
              "| documents done | s | server MB | analysis processes MB |", "|---|---|---|---|"]
    marks = sorted({min(range(len(last.rss)), key=lambda i, m=m: abs(last.rss[i][1] - m)) for m in range(0, n + 1, max(1, n // 8))})
    lines += [f"| {last.rss[i][1]} | {last.rss[i][0]:.1f} | {last.rss[i][2]:.0f} | {last.rss[i][3]:.0f} |" for i in marks]
    half = [s for s in last.rss if s[1] >= n // 4]
    if half:
        lines += ["", f"Server RSS from the first quarter of the uploads on: min {min(s[2] for s in half):.0f} MB, max "
                      f"{max(s[2] for s in half):.0f} MB (growth {max(s[2] for s in half) - min(s[2] for s in half):.0f} MB)."]
    errors = [e for r in runs for e in r.errors]
    if errors:
        lines += ["", "Errors:", *[f"- {e}" for e in errors[:20]]]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("-o", "--out", type=Path, default=None)
    args = ap.parse_args()
    docs = documents(args.docs)
    assert len({d for _, d in docs}) == len(docs), "the documents must be distinct bytes"
    runs = [one_run(docs, args.clients, args.workers) for _ in range(args.runs)]
    text = report(runs, args.docs, args.clients, args.workers)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0 if all(not r.errors and len(r.doc_ids) == args.docs for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
