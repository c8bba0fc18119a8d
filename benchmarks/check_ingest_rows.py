"""Check that a change to the ingest leaves the store's rows as they were: ``zhengce ingest`` of a corpus into a
fresh store with the package as committed at ``--base`` (default HEAD) and as the working tree holds it (or
``--code DIR``), at 1 and 2 workers each, then every table's rows (SQLite: sources, documents, analyses, sections,
quantities, provisions, references, edges; the Parquet dataset: its files' paths and every table's rows) compared
with those of the base at 1 worker, and a rerun of each store checked to skip every file.

Usage: .venv/bin/python benchmarks/check_ingest_rows.py [--base REV] [--code DIR] [--copies N] [--workers 1 2]

The corpus is ``corpus/texts`` and ``--copies`` copies of it (default 1), each file with one line added (as
``bench_ingest.py`` makes them), so that titles and 文号 are printed by several documents, as in a growing corpus.
Columns that name the run or the moment (``sources.ingested``, ``run_id``, ``analyses.created``) are left out;
tables the base does not have (a new one) are reported, not compared. Exits 1 when any table differs.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import ROOT, large_corpus, snapshot

TABLES = ("sources", "documents", "analyses", "sections", "quantities", "provisions", "references", "edges")
IGNORED = {"sources": ("ingested", "run_id"), "analyses": ("created",)}
DATASET = ("documents", "sections", "quantities", "provisions", "references")


def ingest(code: Path, store: Path, corpus: list[str], workers: int) -> dict[str, Any]:
    """One ``zhengce ingest`` in a child process running ``code``; the run's counts as the store records them."""
    env = os.environ | {"PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-m", "extractor", "ingest", *corpus, "--store", str(store), "--workers", str(workers)],
                   env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conn = sqlite3.connect(store / "store.db")
    try:
        row = conn.execute("select added, updated, skipped, failed from runs order by run_id desc limit 1").fetchone()
    finally:
        conn.close()
    return dict(zip(("added", "updated", "skipped", "failed"), row, strict=True))


def rows(store: Path) -> dict[str, Any]:
    """Every compared table's rows, sorted, and the dataset's files and rows."""
    import pyarrow.dataset as ds

    conn = sqlite3.connect(store / "store.db")
    out: dict[str, Any] = {}
    try:
        have = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        out["tables"] = sorted(have)
        for table in TABLES:
            columns = [r[1] for r in conn.execute(f"pragma table_info([{table}])") if r[1] not in IGNORED.get(table, ())]
            out[table] = sorted(conn.execute(f"select {', '.join(f'[{c}]' for c in columns)} from [{table}]").fetchall(), key=repr)
    finally:
        conn.close()
    root = store / "parquet"
    out["parquet files"] = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.parquet"))
    for table in DATASET:
        data = ds.dataset(root / table, format="parquet", partitioning="hive").to_table()
        out[f"parquet {table}"] = sorted(json.dumps(r, ensure_ascii=False, default=str, sort_keys=True) for r in data.to_pylist())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="HEAD", metavar="REV", help="the code as committed at REV (default HEAD)")
    ap.add_argument("--code", type=Path, default=None, metavar="DIR", help="the package DIR/extractor instead of the working tree")
    ap.add_argument("--copies", type=int, default=1, help="copies of corpus/texts added to it (default 1)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "a").mkdir()
        (tmp / "b").mkdir()
        codes = {"base": snapshot(tmp / "a", args.base), "new": snapshot(tmp / "b", None, args.code)}
        corpus = [str(ROOT / "corpus" / "texts")] + ([str(large_corpus(tmp, args.copies))] if args.copies else [])
        want: dict[str, Any] | None = None
        bad = 0
        for name, code in codes.items():
            for w in args.workers:
                store = tmp / f"store-{name}-{w}"
                first = ingest(code, store, corpus, w)
                again = ingest(code, store, corpus, w)
                got = rows(store)
                skipped = again["added"] == again["updated"] == again["failed"] == 0 and again["skipped"] == first["added"]
                print(f"{name} at {w} worker(s): {first['added']} sources added, {len(got['documents'])} documents, "
                      f"{len(got['edges'])} edges, {len(got['parquet files'])} parquet files; rerun skipped all: {skipped}")
                bad += not skipped
                if want is None:
                    want = got
                    continue
                for key, value in got.items():
                    if key == "tables":
                        extra = sorted(set(value) - set(want[key]))
                        if extra:
                            print(f"  tables the base has not (not compared): {', '.join(extra)}")
                        continue
                    same = value == want[key]
                    bad += not same
                    if not same:
                        print(f"  {key}: DIFFERS ({len(value)} rows against {len(want[key])})")
                print("  every compared table equals the base's at 1 worker" if all(
                    got[k] == want[k] for k in got if k != "tables") else "  (see above)")
    print("OK" if not bad else f"{bad} difference(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
