"""Speed, every figure paired with its anchor in the same run: ours and theirs alternate, round by round.

  extract   extraction (document -> quantities and provisions) on the corpus texts, beside JioNLP's money and time
            extraction (jio.ner.extract_money + extract_time, paragraph by paragraph) on the same texts; each
            side is a process loaded once, then timed per round (CPU and wall of the extraction itself)
  oneline   a whole `zhengce extract` process on a one-line file, beside a process that only imports spaCy
  pdf       a whole `zhengce parse` process on the 319-page PDF, beside a process that extracts the raw text of
            every page with pypdfium2

Whole-process figures are the operating system's accounting of the finished child (os.wait4: user + system CPU),
wall from start to exit. Each figure is given as min and median over the rounds; the ratio is taken round by round
(a pair runs back to back, so a drift in the machine's speed touches both) and its median is the figure to quote.

Run: .venv/bin/python benchmarks/bench_speed.py [--rounds 5] [--only extract,oneline,pdf]
JioNLP is installed only for this benchmark, into benchmarks/.venv-jionlp (made on first run, from PyPI).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _paired import report, whole_process  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ZHENGCE = str(Path(PY).parent / "zhengce")
JIO_VENV = ROOT / "benchmarks" / ".venv-jionlp"
PDF = ROOT / "corpus" / "pdf" / "004_a7a4461144ba7e7b.pdf"

# A worker reads a line per round on stdin and answers with one JSON line: cpu and wall of that round's work.
OURS = r"""
import json, sys, time
from extractor.pipeline import iter_files, parse_file
from extractor.extract import extract_document
docs = [d for f in iter_files([sys.argv[1]]) for d in parse_file(f)]
json.dump({d.id: d.text for d in docs}, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
for d in docs[:2]:
    extract_document(d)  # load the pipeline and the taxonomies
print(json.dumps({"ready": True}), flush=True)
for _ in sys.stdin:
    c, w = time.process_time(), time.perf_counter()
    n = sum(len(extract_document(d).quantities) for d in docs)
    print(json.dumps({"cpu": time.process_time() - c, "wall": time.perf_counter() - w, "found": n,
                      "chars": sum(len(d.text) for d in docs)}), flush=True)
"""

JIO = r"""
import json, logging, sys, time
import jionlp as jio
logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every string its time parser rejects
texts = json.load(open(sys.argv[1], encoding="utf-8"))
paragraphs = [p for t in texts.values() for p in t.split("\n")]
jio.ner.extract_money("补贴1000元"); jio.ner.extract_time("2023年1月1日起")
print(json.dumps({"ready": True}), flush=True)
for _ in sys.stdin:
    c, w = time.process_time(), time.perf_counter()
    n = errors = 0
    for p in paragraphs:
        for extract in (jio.ner.extract_money, jio.ner.extract_time):
            try:
                n += len(extract(p))
            except Exception:
                errors += 1
    print(json.dumps({"cpu": time.process_time() - c, "wall": time.perf_counter() - w, "found": n, "errors": errors,
                      "chars": sum(map(len, paragraphs))}), flush=True)
"""

RAW = r"""
import sys
import pypdfium2 as pdfium
doc = pdfium.PdfDocument(sys.argv[1]); chars = 0
for i in range(len(doc)):
    page = doc[i]; tp = page.get_textpage(); chars += len(tp.get_text_range()); tp.close(); page.close()
doc.close()
print(chars)
"""


class Worker:
    def __init__(self, cmd: list[str]) -> None:
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert json.loads(self._line()).get("ready")

    def _line(self) -> str:
        """The next JSON line (JioNLP prints banners on standard output when imported)."""
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"worker {self.proc.args!r} ended")
            if line.startswith("{"):
                return line

    def round(self) -> dict[str, float]:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return json.loads(self._line())  # type: ignore[no-any-return]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def bench_extract(rounds: int) -> None:
    py = JIO_VENV / "bin" / "python"
    if not py.exists():
        print("installing JioNLP into benchmarks/.venv-jionlp (first run only) ...", file=sys.stderr)
        subprocess.run([PY, "-m", "venv", str(JIO_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "jionlp"], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        texts = str(Path(tmp) / "texts.json")
        ours = Worker([PY, "-c", OURS, str(ROOT / "corpus" / "texts"), texts])
        theirs = Worker([str(py), "-c", JIO, texts])
        a, b = [], []
        for _ in range(rounds):
            a.append(ours.round())
            b.append(theirs.round())
        ours.close()
        theirs.close()
    chars = a[0]["chars"]
    report(f"extraction, corpus texts ({chars:,.0f} characters)", "A zhengce extract_document (6 kinds)",
           "B JioNLP money + time", a, b, "speed")
    for name, runs in (("A zhengce", a), ("B JioNLP", b)):
        rates = [r["chars"] / r["cpu"] for r in runs]
        print(f"  {name}: {statistics.median(rates):,.0f} chars per CPU-s (median), {runs[0]['found']:.0f} found"
              + (f", {runs[0]['errors']:.0f} calls raised" if "errors" in runs[0] else ""))


def bench_oneline(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text("每人每月 1500 元，最长不超过12个月。\n", encoding="utf-8")
        a, b = [], []
        for _ in range(rounds):
            a.append(whole_process([ZHENGCE, "extract", str(one)]))
            b.append(whole_process([PY, "-c", "import spacy"]))
    report("one-line `zhengce extract`, whole process", "A zhengce extract one.txt", "B python -c 'import spacy'", a, b, "time")


def bench_pdf(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        a, b = [], []
        for k in range(rounds):
            a.append(whole_process([ZHENGCE, "parse", str(PDF), "-o", str(Path(tmp) / f"out{k}")]))
            b.append(whole_process([PY, "-c", RAW, str(PDF)]))
    report(f"`zhengce parse` of {PDF.name} (319 pages), whole process", "A zhengce parse", "B pypdfium2 raw text", a, b, "time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="rounds of each pair (at least 3; default 5)")
    ap.add_argument("--only", default="extract,oneline,pdf", help="comma-separated: extract, oneline, pdf")
    args = ap.parse_args()
    if args.rounds < 3:
        ap.error("--rounds must be at least 3")
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    for part in args.only.split(","):
        {"extract": bench_extract, "oneline": bench_oneline, "pdf": bench_pdf}[part.strip()](args.rounds)


if __name__ == "__main__":
    main()
