"""Extraction quality beside JioNLP's money extraction (speed, paired with JioNLP in one run: bench_speed.py).

Run: .venv/bin/python benchmarks/bench_extract.py [--no-jionlp]
JioNLP is installed only for this benchmark, into benchmarks/.venv-jionlp (made on first run, from PyPI).
Both systems read the same text (each golden document's text as Zhengce cleaned it) and are scored with the same
matching as `zhengce eval` (a money value matches a gold value once; doubt entries left out).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.evaluate import overlap  # noqa: E402
from extractor.extract import document_to_quantities  # noqa: E402
from extractor.pipeline import parse_file  # noqa: E402

JIO_VENV = ROOT / "benchmarks" / ".venv-jionlp"
JIO_CHILD = """
import json, sys
import jionlp as jio
texts = json.load(sys.stdin)
out, errors = {}, 0
for key, text in texts.items():
    found = []
    for para in text.split("\\n"):  # paragraph by paragraph, so that one crash loses one paragraph only
        try:
            ms = jio.ner.extract_money(para)
        except Exception:
            errors += 1
            continue
        for m in ms:
            num = m["detail"]["num"]
            if m["detail"].get("case") not in ("元", None):
                continue
            first = num[0] if isinstance(num, list) else str(num).split("-")[0]
            try:
                found.append((float(first), m["detail"].get("definition"), m["text"]))
            except ValueError:
                errors += 1
    out[key] = found
print(json.dumps({"out": out, "errors": errors}, ensure_ascii=False))
"""


def gold_docs() -> list[tuple[str, object, list[dict]]]:  # type: ignore[type-arg]
    out = []
    for path in sorted((ROOT / "golden").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "quantities" not in gold:
            continue
        docs = parse_file(ROOT / gold["source"]["path"])
        doc = max(docs, key=lambda d: overlap(d, gold["source"].get("lines")))
        money = [g for g in gold["quantities"] if g["kind"] == "money" and not g.get("doubt")]
        out.append((path.stem, doc, money))
    return out


def score(pred: dict[str, list[tuple[float, str]]], gold: dict[str, list[dict]]) -> dict[str, float]:  # type: ignore[type-arg]
    tp = n_pred = n_gold = bound_ok = 0
    for key, golds in gold.items():
        values = list(pred.get(key, []))
        n_pred += len(values)
        n_gold += len(golds)
        for g in golds:
            for i, (v, b) in enumerate(values):
                if abs(v - g["value"]) < 0.01:
                    tp += 1
                    bound_ok += b == g.get("bound", "exact")
                    del values[i]
                    break
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "bound_acc": bound_ok / tp if tp else 0.0,
            "gold": n_gold, "predicted": n_pred}


def jionlp_bound(definition: str | None) -> str:
    # JioNLP marks "最高/不超过" amounts blur- ... and reads 不超过 as 超过 (blur+): keep what it says
    return {"blur+": "min", "blur-": "max"}.get(definition or "", "exact")


def run_jionlp(texts: dict[str, str]) -> dict[str, list[tuple[float, str]]]:
    py = JIO_VENV / "bin" / "python"
    if not py.exists():
        print("installing JioNLP into benchmarks/.venv-jionlp (first run only) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(JIO_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "jionlp"], check=True)
    out = subprocess.run([str(py), "-c", JIO_CHILD], input=json.dumps(texts, ensure_ascii=False), capture_output=True,
                         text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["errors"]:
        print(f"JioNLP raised on {result['errors']} paragraph(s); they count as found nothing", file=sys.stderr)
    return {k: [(v, jionlp_bound(d)) for v, d, _ in items] for k, items in result["out"].items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-jionlp", action="store_true", help="skip the JioNLP comparison")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {__import__('os').cpu_count()} cores")
    docs = gold_docs()
    gold = {k: m for k, _, m in docs}
    ours = {k: [(q.value, q.bound) for q in document_to_quantities(d) if q.kind == "money" and q.role == "parameter"]
            for k, d, _ in docs}
    rows = [("zhengce", score(ours, gold))]  # type: ignore[arg-type]
    if not args.no_jionlp:
        rows.append(("JioNLP extract_money", score(run_jionlp({k: d.text for k, d, _ in docs}), gold)))  # type: ignore[attr-defined]
    print(f"\nmoney on {len(docs)} golden documents ({sum(len(m) for m in gold.values())} gold amounts)")
    print(f"{'system':24} {'precision':>9} {'recall':>7} {'F1':>6} {'bound':>6} {'predicted':>9}")
    for name, s in rows:
        print(f"{name:24} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} {s['bound_acc']:6.3f} {s['predicted']:9d}")

    print("\nspeed: benchmarks/bench_speed.py (extraction beside JioNLP money+time, alternating rounds in one run)")

if __name__ == "__main__":
    main()
