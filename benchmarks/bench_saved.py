"""``zhengce compare`` on a saved analysis of the corpus beside ``zhengce compare`` on the source texts.

Usage: .venv/bin/python benchmarks/bench_saved.py [--rounds N] [--benefit NAME]

Writes the analyses once (``zhengce extract corpus/texts --format json``), checks that both commands print the
same table, then times the two whole processes alternated (saved, sources, saved, sources …) and prints wall and
CPU seconds, min and median, with the ratio taken pair by pair. The aim (issue 7) is the saved run at least 3×
faster than the run on the sources.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _paired import alternate, report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ZHENGCE = str(Path(sys.executable).with_name("zhengce"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds of saved/sources runs (default 3)")
    ap.add_argument("--benefit", default="创业担保贷款", help="benefit to compare (default 创业担保贷款)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "corpus.json"
        subprocess.run([ZHENGCE, "extract", str(ROOT / "corpus/texts"), "--format", "json", "-o", str(saved)],
                       check=True, capture_output=True)
        cmd = [ZHENGCE, "compare", "--benefit", args.benefit, "--format", "json"]
        on_saved, on_sources = [*cmd, str(saved)], [*cmd, str(ROOT / "corpus/texts")]
        same = subprocess.run(on_saved, capture_output=True).stdout == subprocess.run(on_sources, capture_output=True).stdout
        a, b = alternate(on_saved, on_sources, args.rounds)
    print(f"machine: {platform.machine()}, {platform.python_version()}; compare --benefit {args.benefit}; "
          f"same table from both: {same}")
    report("compare, whole process", "A on the saved analyses", "B on corpus/texts", a, b, "time")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
