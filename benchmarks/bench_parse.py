"""Speed and memory of `parse` on the compendium, as PDF and as text, beside pypdfium2's raw text extraction.

Each measurement is one fresh process (peak RSS is per process; the parse's loading is counted, as in a CLI run),
and pypdfium2 and zhengce alternate round by round (--rounds, at least 3): min and median of the in-process seconds
and of the process's CPU seconds (user + system, os.wait4), and the ratio to raw taken pair by pair.
Run: .venv/bin/python benchmarks/bench_parse.py
Options: --large N also makes an N-page PDF (repeating the compendium) and parses it, to show memory stays bounded.
Whole-process timing (interpreter start and imports included): bench_speed.py --only pdf.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "corpus" / "pdf" / "004_a7a4461144ba7e7b.pdf"
TXT = ROOT / "corpus" / "texts" / "004_a7a4461144ba7e7b.txt"

RAW = """
import json, resource, sys, time
import pypdfium2 as pdfium
t = time.perf_counter()
doc = pdfium.PdfDocument(sys.argv[1]); chars = 0; n = len(doc)
for i in range(n):
    page = doc[i]; tp = page.get_textpage(); chars += len(tp.get_text_range()); tp.close(); page.close()
doc.close()
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "pages": n, "chars": chars, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PLUMBER = """
import json, resource, sys, time
import pdfplumber
t = time.perf_counter(); chars = 0
with pdfplumber.open(sys.argv[1]) as pdf:
    n = len(pdf.pages)
    for p in pdf.pages:
        chars += len(p.extract_text() or ""); p.close()
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "pages": n, "chars": chars, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PARSE = """
import json, resource, sys, time
from extractor.pipeline import parse_file
runs = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter(); docs = parse_file(sys.argv[1]); runs.append(time.perf_counter() - t)
pages = max((p for d in docs for p in d.source.pages), default=0)
print(json.dumps({"seconds": min(runs), "cold_seconds": runs[0], "pages": pages, "documents": len(docs),
                  "chars": sum(len(d.text) for d in docs), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict[str, float]:
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"benchmark child failed: {args}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    result["cpu"] = usage.ru_utime + usage.ru_stime
    return result


def paired(a: tuple[str, ...], b: tuple[str, ...], rounds: int) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    ra, rb = [], []
    for _ in range(rounds):
        ra.append(run(*a))
        rb.append(run(*b))
    return ra, rb


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median run's figures, with min and median seconds and CPU seconds."""
    secs = [r["seconds"] for r in runs]
    out = dict(sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2])
    out.update(seconds=statistics.median(secs), seconds_min=min(secs), cpu=statistics.median(r["cpu"] for r in runs),
               cpu_min=min(r["cpu"] for r in runs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--large", type=int, default=0, help="also parse a PDF of this many pages (e.g. 1000)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of each pair, alternating (at least 3)")
    ap.add_argument("--no-pdfplumber", action="store_true", help="skip pdfplumber's extract_text (slow)")
    args = ap.parse_args()
    if args.rounds < 3:
        ap.error("--rounds must be at least 3")
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    raw, pdf = paired((RAW, str(PDF)), (PARSE, str(PDF), "1"), args.rounds)
    print(f"pairs of pypdfium2 raw and zhengce parse (PDF), {args.rounds} rounds: parse/raw time "
          f"median {statistics.median(p['seconds'] / r['seconds'] for r, p in zip(raw, pdf, strict=True)):.2f}, "
          f"CPU median {statistics.median(p['cpu'] / r['cpu'] for r, p in zip(raw, pdf, strict=True)):.2f} (each a fresh process)")
    rows = [("pypdfium2 raw text (PDF)", summary(raw))]
    if not args.no_pdfplumber:
        rows.append(("pdfplumber extract_text (PDF)", run(PLUMBER, str(PDF))))
    rows.append(("zhengce parse (PDF)", summary(pdf)))
    txt = summary([run(PARSE, str(TXT), "1") for _ in range(args.rounds)])
    txt["pages"] = rows[-1][1]["pages"]  # the same document, for pages/s
    rows.append(("zhengce parse (text)", txt))
    if args.large:
        sys.path.insert(0, str(ROOT / "scripts"))
        from make_fixtures import write_large_pdf  # type: ignore[import-not-found]

        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / f"large-{args.large}.pdf"
            write_large_pdf(big, pages=args.large)
            rows.append((f"pypdfium2 raw text ({args.large}-page PDF)", run(RAW, str(big))))
            rows.append((f"zhengce parse ({args.large}-page PDF)", run(PARSE, str(big), "1")))
    raw_rate = rows[0][1]["pages"] / rows[0][1]["seconds"]
    print(f"{'what (median of rounds)':42} {'pages/s':>9} {'chars/s':>11} {'s min':>6} {'CPU-s':>6} {'peak MB':>8} {'vs raw':>7}")
    for name, r in rows:
        pps = r["pages"] / r["seconds"]
        vs = pps / raw_rate if "text)" not in name else float("nan")
        print(f"{name:42} {pps:9.0f} {r['chars'] / r['seconds']:11.0f} {r.get('seconds_min', r['seconds']):6.2f} "
              f"{r['cpu']:6.2f} {r['rss_mb']:8.0f} {vs:7.2f}")

if __name__ == "__main__":
    main()
