"""Paired whole-process timing: run command A and command B in turn (A B A B …), each as a child process, and
report wall and CPU seconds (user + system of the finished child) as min and median, and the A/B ratio taken
pair by pair, so that a machine whose speed drifts during the run still gives a meaningful ratio."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run_once(cmd: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """One run of ``cmd`` to its exit; raises when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or dict(os.environ))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall=wall, cpu=cpu, peak_mb=after.ru_maxrss / 1024)


def paired(a: Sequence[str], b: Sequence[str], rounds: int = 3, warmup: int = 1) -> dict[str, list[Run]]:
    """Runs of A and B alternated, after ``warmup`` unrecorded runs of each."""
    for _ in range(warmup):
        run_once(a)
        run_once(b)
    runs: dict[str, list[Run]] = {"a": [], "b": []}
    for _ in range(rounds):
        runs["a"].append(run_once(a))
        runs["b"].append(run_once(b))
    return runs


def summary(runs: dict[str, list[Run]], label_a: str, label_b: str) -> str:
    """A Markdown table: wall and CPU min/median of each, and the pairwise ratio A/B (median, min–max)."""
    rows = ["| command | wall min | wall median | CPU min | CPU median |", "| --- | ---: | ---: | ---: | ---: |"]
    for key, label in (("a", label_a), ("b", label_b)):
        r = runs[key]
        walls, cpus = [x.wall for x in r], [x.cpu for x in r]
        rows.append(f"| {label} | {min(walls):.2f} s | {statistics.median(walls):.2f} s | "
                    f"{min(cpus):.2f} s | {statistics.median(cpus):.2f} s |")
    wall_ratio = [x.wall / y.wall for x, y in zip(runs["a"], runs["b"], strict=True)]
    cpu_ratio = [x.cpu / y.cpu for x, y in zip(runs["a"], runs["b"], strict=True)]
    rows.append("")
    rows.append(f"A/B, pair by pair over {len(wall_ratio)} rounds: wall median {statistics.median(wall_ratio):.3f} "
                f"({min(wall_ratio):.3f}–{max(wall_ratio):.3f}), CPU median {statistics.median(cpu_ratio):.3f} "
                f"({min(cpu_ratio):.3f}–{max(cpu_ratio):.3f})")
    return "\n".join(rows)
