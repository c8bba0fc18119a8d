"""The cost of running each file in a worker process with a wall-time limit (issue 13): the same files analysed
in this process, one after another, and through ``map_bounded`` (a forked worker, results sent back pickled).

    .venv/bin/python benchmarks/bench_batch.py [--repeat 7] [--out benchmarks/RESULTS-batch.md]

Wall and CPU time (this process and its reaped children) of each way, min and median over the repeats, the two
ways alternated so that a noisy machine weighs on both alike.
"""

from __future__ import annotations

import argparse
import os
import pickle
import platform
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from extractor.analysis import analyze_path, warm_up
from extractor.pipeline import iter_files, map_bounded, parse_path

ROOT = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _time(run: Callable[[], int]) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), _cpu()
    n = run()
    return time.perf_counter() - wall, _cpu() - cpu, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-batch.md"))
    args = ap.parse_args()
    warm_up()
    jobs: dict[str, tuple[Callable[[Path], object], list[Path]]] = {
        "extract corpus/texts": (analyze_path, iter_files([str(ROOT / "corpus" / "texts")])),
        "parse corpus/texts, docx, html": (parse_path, iter_files([str(ROOT / "corpus" / d) for d in ("texts", "docx", "html")])),
    }
    lines = [
        "# Batch: a worker process per run, with a wall-time limit per file (benchmarks/bench_batch.py)", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; shared and noisy. "
        f"{args.repeat} repeats of each way, alternated; times in seconds; CPU counts this process and its workers.", "",
        "| job | files | way | wall min | wall median | CPU min | CPU median | wall ratio (median) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    pickled: dict[str, tuple[float, float]] = {}
    for name, (fn, files) in jobs.items():
        ways: dict[str, Callable[[], int]] = {
            "in this process": lambda fn=fn, files=files: sum(1 for _ in map(fn, files)),
            "map_bounded (worker)": lambda fn=fn, files=files: sum(1 for _ in map_bounded(fn, files, 300, lambda f, c: c)),
        }
        runs: dict[str, list[tuple[float, float, int]]] = {w: [] for w in ways}
        for _ in range(args.repeat):
            for way, run in ways.items():
                runs[way].append(_time(run))
        results = [fn(f) for f in files]
        start = time.process_time()
        for r in results:
            pickle.loads(pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL))
        pickled[name] = (time.process_time() - start, sum(len(pickle.dumps(r)) for r in results) / 1e6)
        base = statistics.median(r[0] for r in runs["in this process"])
        for way, rs in runs.items():
            walls, cpus = [r[0] for r in rs], [r[1] for r in rs]
            lines.append(f"| {name} | {len(files)} | {way} | {min(walls):.3f} | {statistics.median(walls):.3f} | "
                         f"{min(cpus):.3f} | {statistics.median(cpus):.3f} | {statistics.median(walls) / base:.2f} |")
    lines += ["", "What the worker costs: one fork per run (tens of ms), and each file's result pickled back "
              "(CPU seconds of one round trip of all results: "
              + "; ".join(f"{n}: {t:.3f} s for {mb:.1f} MB" for n, (t, mb) in pickled.items()) + "). "
              "Wall time is CPU-starved on this machine (load of several on 2 cores): read the CPU columns."]
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
