"""Speed of comparing the whole corpus and of diffing pairs of documents (documents already parsed).

Run: .venv/bin/python benchmarks/bench_compare.py   (about 70 s; --help prints this and exits)
Timings are in-process wall seconds after the corpus is parsed and the pipeline loaded; for paired whole-process
figures see bench_speed.py and bench_saved.py.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.compare.diff import documents_to_diff  # noqa: E402
from extractor.compare.table import documents_to_table  # noqa: E402
from extractor.extract.nlp import pipeline  # noqa: E402
from extractor.pipeline import iter_files, parse_file  # noqa: E402


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {__import__('os').cpu_count()} cores")
    t = time.perf_counter()
    docs = [d for f in iter_files([ROOT / "corpus" / "texts"]) for d in parse_file(f)]
    parse_s = time.perf_counter() - t
    pipeline()("预热")
    print(f"parse of the corpus ({len(docs)} documents): {parse_s:.2f} s (not counted below)")
    for benefit in ("创业担保贷款", "就业见习补贴", "生活补贴", "一次性创业补贴", None):
        t = time.perf_counter()
        table = documents_to_table(docs, benefit=benefit)
        print(f"compare whole corpus, benefit={benefit or 'all'}: {time.perf_counter() - t:.2f} s, "
              f"{len(table.rows)} rows × {len(table.columns)} columns")
    by_id = {d.id: d for d in docs}
    pairs = [("004_a7a4461144ba7e7b-01", "004_a7a4461144ba7e7b-19"), ("004_a7a4461144ba7e7b-15", "004_a7a4461144ba7e7b-28"),
             ("004_a7a4461144ba7e7b-06", "004_a7a4461144ba7e7b-20"), ("004_a7a4461144ba7e7b-30", "004_a7a4461144ba7e7b-30")]
    random.seed(7)
    pairs += random.sample(list(itertools.combinations(sorted(by_id), 2)), 6)
    worst = 0.0
    for a, b in pairs:
        t = time.perf_counter()
        diff = documents_to_diff(by_id[a], by_id[b])
        dt = time.perf_counter() - t
        worst = max(worst, dt)
        print(f"diff {a[-6:]} {b[-6:]}: {dt:.2f} s, {len(diff.pairs)} article pairs, {len(diff.changes)} changes")
    print(f"slowest diff: {worst:.2f} s")


if __name__ == "__main__":
    main()
