"""Speed and memory of `parse` on the compendium, as PDF and as text, beside pypdfium2's raw text extraction.

Each measurement runs in its own process (peak RSS is per process). Run: .venv/bin/python benchmarks/bench_parse.py
Options: --large N also makes an N-page PDF (repeating the compendium) and parses it, to show memory stays bounded.
"""

from __future__ import annotations

import argparse
import json
import platform
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
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--large", type=int, default=0, help="also parse a PDF of this many pages (e.g. 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each parse; the best is reported")
    ap.add_argument("--no-pdfplumber", action="store_true", help="skip pdfplumber's extract_text (slow)")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores")
    rows = [("pypdfium2 raw text (PDF)", run(RAW, str(PDF)))]
    if not args.no_pdfplumber:
        rows.append(("pdfplumber extract_text (PDF)", run(PLUMBER, str(PDF))))
    rows.append(("zhengce parse (PDF)", run(PARSE, str(PDF), str(args.repeat))))
    txt = run(PARSE, str(TXT), str(args.repeat))
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
    print(f"{'what':42} {'pages/s':>9} {'chars/s':>11} {'peak MB':>8} {'vs raw':>7}")
    for name, r in rows:
        pps = r["pages"] / r["seconds"]
        print(f"{name:42} {pps:9.0f} {r['chars'] / r['seconds']:11.0f} {r['rss_mb']:8.0f} {pps / raw_rate if 'text' not in name or 'PDF' in name else float('nan'):7.2f}")
        if "cold_seconds" in r:
            print(f"{'  (first run, with loading)':42} {r['pages'] / r['cold_seconds']:9.0f}")


if __name__ == "__main__":
    main()
