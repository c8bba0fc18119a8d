"""``zhengce diff A B --format json -o OUT`` on two versions of about 40 articles, beside its anchors (issue 8).

Usage: .venv/bin/python benchmarks/bench_diff.py [--rounds N] [--pair NAME ...]   (about 4 minutes with 5 rounds)

For each pair of ``corpus/revisions/`` the round is, in this order and alternating round after round:
  A  the whole command as a user runs it, a fresh process (parse both files, extract, align, diff, write JSON);
  B  ``python -c "import extractor.compare.diff"``, a fresh process: the cost of importing the diff library;
  C  ``python -c "import extractor.cli.diff, extractor.extract.nlp"``: every import the command pays (spaCy too);
  D  the same command on the two analyses saved beforehand (``zhengce extract FILE --format json``, once), which
     neither parses nor extracts, nor imports spaCy (the output is checked to be the same as A's);
  L  the library step alone, in this process: ``analyses_to_diff`` (align + diff) on the two analyses made once
     beforehand, and ``align`` by itself, CPU from ``time.process_time`` and wall from ``time.perf_counter``.
  E  the steps of the command in a fresh process (``STEPS`` below, run with ``python -c``): the interpreter's
     start, the command's imports without spaCy, parsing both files, importing spaCy, extracting both (the NLP
     pipeline and the data tables are built on first use), align + diff, the JSON written: where the time goes.
Whole processes are timed by ``_paired.whole_process`` (CPU = user + system of the finished child, from
``os.wait4``). The children are pinned to this file's tree (PYTHONPATH), so the benchmark can be run from a clean
export of a commit. The aim is A under 2 s wall.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _paired import fmt, report, whole_process

from extractor.analysis import analyze_file
from extractor.compare.align import align
from extractor.compare.diff import analyses_to_diff

ROOT = Path(__file__).resolve().parent.parent
REVISIONS = ROOT / "corpus" / "revisions"
ZHENGCE = str(Path(sys.executable).with_name("zhengce"))
# (name, earlier, later); 第X条 at the start of a line, earlier / later: 44 / 37, 42 / 40, 34 / 45
PAIRS = {
    "beijing-audit": ("beijing-audit-2017.txt", "beijing-audit-2023.txt"),
    "shanghai-audiovisual": ("shanghai-audiovisual-2021.txt", "shanghai-audiovisual-2024.txt"),
    "beijing-filing-review": ("beijing-filing-review-2021.txt", "beijing-filing-review-2024.txt"),
}
AIM_WALL = 2.0
IMPORT_DIFF = [sys.executable, "-c", "import extractor.compare.diff"]
IMPORT_ALL = [sys.executable, "-c", "import extractor.cli.diff, extractor.extract.nlp"]

Run = dict[str, float]
# E: one command's steps, in the order the command takes them; CPU from time.process_time (the interpreter's start
# is the CPU spent before the first line), wall from time.perf_counter (the start's wall is not seen: left at 0)
STEPS = """
import json, sys, time
from pathlib import Path
runs, last = {"interpreter start": {"cpu": time.process_time(), "wall": 0.0}}, (time.process_time(), time.perf_counter())
def mark(step):
    global last
    now = (time.process_time(), time.perf_counter())
    runs[step] = {"cpu": now[0] - last[0], "wall": now[1] - last[1]}
    last = now
import extractor.cli.diff
from extractor.compare.diff import analyses_to_diff
from extractor.extract import extract_documents
from extractor.pipeline import parse_path
mark("import cli.diff (no spaCy)")
da, db = parse_path(sys.argv[1]).documents, parse_path(sys.argv[2]).documents
mark("parse both")
import extractor.extract.nlp
mark("import spaCy (extract.nlp)")
(aa,), (ab,) = extract_documents(da), extract_documents(db)
mark("extract both (first use)")
diff = analyses_to_diff(aa, ab)
mark("align + diff")
Path(sys.argv[3]).write_text(diff.model_dump_json(indent=2) + "\\n", encoding="utf-8")
mark("JSON written")
print(json.dumps(runs))
"""


def in_process(step: Callable[[], object]) -> Run:
    """CPU (``time.process_time``) and wall (``time.perf_counter``) of one call in this process."""
    c, w = time.process_time(), time.perf_counter()
    step()
    return {"cpu": time.process_time() - c, "wall": time.perf_counter() - w}


def line(name: str, runs: list[Run]) -> str:
    return f"{name:34} {fmt([r['cpu'] for r in runs])}   {fmt([r['wall'] for r in runs]):>16}"


def bench_pair(name: str, rounds: int, tmp: Path) -> None:
    a_path, b_path = (str(REVISIONS / f) for f in PAIRS[name])
    out = tmp / f"{name}.json"
    cli = [ZHENGCE, "diff", a_path, b_path, "--format", "json", "-o", str(out)]
    saved = [tmp / f"{name}-a.json", tmp / f"{name}-b.json"]
    for src, dst in zip((a_path, b_path), saved, strict=True):
        subprocess.run([ZHENGCE, "extract", src, "--format", "json", "-o", str(dst)], check=True, capture_output=True)
    out_saved = tmp / f"{name}-saved.json"
    on_saved = [ZHENGCE, "diff", *map(str, saved), "--format", "json", "-o", str(out_saved)]
    (aa,), (ab,) = analyze_file(a_path), analyze_file(b_path)
    first = in_process(lambda: analyses_to_diff(aa, ab))  # the first diff in this process (modules loaded, extracted)
    diff = analyses_to_diff(aa, ab)
    for cmd in (cli, IMPORT_DIFF, IMPORT_ALL, on_saved):  # warm-up, unrecorded
        whole_process(cmd)
    same = filecmp.cmp(out, out_saved, shallow=False)
    runs: dict[str, list[Run]] = {k: [] for k in ("A", "B", "C", "D", "L", "align")}
    for _ in range(rounds):
        runs["A"].append(whole_process(cli))
        runs["B"].append(whole_process(IMPORT_DIFF))
        runs["C"].append(whole_process(IMPORT_ALL))
        runs["D"].append(whole_process(on_saved))
        runs["L"].append(in_process(lambda: analyses_to_diff(aa, ab)))
        runs["align"].append(in_process(lambda: align(aa.document, ab.document)))
    n_a, n_b = len({p.a for p in diff.pairs if p.a}), len({p.b for p in diff.pairs if p.b})
    print(f"\n=== {name}: {PAIRS[name][0]} ({n_a} articles) -> {PAIRS[name][1]} ({n_b} articles); "
          f"{len(diff.pairs)} article pairs, {len(diff.changes)} parameter changes")
    report("zhengce diff --format json -o OUT vs import extractor.compare.diff", "A zhengce diff (whole process)",
           "B import extractor.compare.diff", runs["A"], runs["B"], "time")
    report("A vs C, every import the command pays (C stands in the B place)", "A zhengce diff (whole process)",
           "C import cli.diff + extract.nlp", runs["A"], runs["C"], "time")
    report(f"A vs D, the diff of the saved analyses (D stands in the B place; same JSON as A: {same})",
           "A zhengce diff (whole process)", "D zhengce diff on saved analyses", runs["A"], runs["D"], "time")
    print(f"\nlibrary step in this process ({rounds} rounds, between the processes above)")
    print(f"{'':34} {'cpu min':>7} {'median':>7}   {'wall min':>8} {'median':>7}")
    print(line("L analyses_to_diff (align + diff)", runs["L"]))
    print(line("  of which align", runs["align"]))
    print(f"{'  first call in this process':34} {first['cpu']:7.3f} {'':7}   {first['wall']:8.3f}")
    for key in ("cpu", "wall"):
        ratios = [x[key] / y[key] for x, y in zip(runs["A"], runs["L"], strict=True)]
        print(f"  A/L time, {key}: min {min(ratios):.1f}  median {statistics.median(ratios):.1f}  max {max(ratios):.1f}")
    for key in ("A", "D"):
        walls = [r["wall"] for r in runs[key]]
        print(f"{key} under {AIM_WALL:g} s wall: {sum(w < AIM_WALL for w in walls)} of {rounds} rounds "
              f"(min {min(walls):.3f}, median {statistics.median(walls):.3f})")
    steps: dict[str, list[Run]] = {}
    for _ in range(rounds):
        child = subprocess.run([sys.executable, "-c", STEPS, a_path, b_path, str(out)], capture_output=True, text=True,
                               check=True, cwd=ROOT)
        for step, run in json.loads(child.stdout).items():
            steps.setdefault(step, []).append(run)
    print(f"\nE steps of the command in a fresh process ({rounds} runs, after the rounds above)")
    print(f"{'':34} {'cpu min':>7} {'median':>7}   {'wall min':>8} {'median':>7}")
    for step, step_runs in steps.items():
        print(line(step, step_runs))

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    ap.add_argument("--pair", action="append", choices=sorted(PAIRS), help="pair to time (default: all three)")
    args = ap.parse_args()
    os.environ["PYTHONPATH"] = str(ROOT)  # the children import this tree's extractor, not the editable install's
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; tree {ROOT}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.pair or PAIRS:
            bench_pair(name, args.rounds, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
