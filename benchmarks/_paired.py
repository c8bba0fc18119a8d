"""Paired whole-process timing shared by the benchmarks: ours and the anchor run in turn (A B A B …), each as a
child process; CPU seconds are the operating system's accounting of the finished child (user + system, from
``os.wait4``), wall seconds a monotonic clock around it. Figures are given as min and median, and the ratio is
taken pair by pair, so a drift of the machine's speed touches both sides of each pair."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def whole_process(cmd: list[str]) -> dict[str, float]:
    """CPU (user + system, the OS's accounting of the finished child) and wall of one whole process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd!r} exited {proc.returncode}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall}


def fmt(values: list[float]) -> str:
    return f"{min(values):7.3f} {statistics.median(values):7.3f}"


def report(title: str, a_name: str, b_name: str, a: list[dict[str, float]], b: list[dict[str, float]], ratio_of: str) -> None:
    print(f"\n{title} ({len(a)} rounds, A and B alternating)")
    print(f"{'':34} {'cpu min':>7} {'median':>7}   {'wall min':>8} {'median':>7}")
    for name, runs in ((a_name, a), (b_name, b)):
        print(f"{name:34} {fmt([r['cpu'] for r in runs])}   {fmt([r['wall'] for r in runs]):>16}")
    for key in ("cpu", "wall"):
        ratios = [x[key] / y[key] for x, y in zip(a, b, strict=True)] if ratio_of == "time" else [y[key] / x[key] for x, y in zip(a, b, strict=True)]
        what = "A/B time" if ratio_of == "time" else "speed A/B (B time / A time)"
        print(f"  {what}, {key}: min {min(ratios):.2f}  median {statistics.median(ratios):.2f}  max {max(ratios):.2f}")


def alternate(a: list[str], b: list[str], rounds: int) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """``rounds`` runs of A and of B, alternated, after one unrecorded run of each (the warm-up)."""
    whole_process(a)
    whole_process(b)
    runs_a, runs_b = [], []
    for _ in range(rounds):
        runs_a.append(whole_process(a))
        runs_b.append(whole_process(b))
    return runs_a, runs_b
