"""Which full-text index ranks better on Chinese policy text: FTS5 over jieba-segmented text, or FTS5 trigram with
an instr fallback for one- and two-character terms. Writes benchmarks/RESULTS-search.md.

The store is the corpus's texts, unseen documents and revisions ingested once (114 documents); each method's
index is built from scratch REPEAT times (min and median, wall and CPU), then every query is run RUNS times.
Relevance was judged by reading each query's top five of both methods (JUDGED below, one row per document
judged: True relevant, False not); a document ranked in a top five that was never judged fails the run, so the
figures cannot silently drift from the judgments.

    .venv/bin/python benchmarks/bench_search.py [--store DIR]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractor.db.search as search_module  # noqa: E402
from extractor.db import open_store  # noqa: E402
from extractor.db.ingest import ingest  # noqa: E402
from extractor.db.search import METHODS, PARALLEL_CHARS, Method, rank, refresh_index  # noqa: E402
from extractor.db.store import Store  # noqa: E402

CORPUS = ["corpus/texts", "corpus/unseen", "corpus/revisions"]
REPEAT, RUNS, K = 3, 20, 5
COPIES = 8
INDEX_ROWS = ("select s.doc_id, f.title, f.body from fts_jieba f join fts_state s on s.method = 'jieba' "
              "and s.fts_rowid = f.rowid order by 1")
KEEP = "<!-- written by hand below: kept when the figures above are made again -->"
P = "004_a7a4461144ba7e7b-"

# what makes a document relevant: it states a measure, rule or entitlement about what the query names (its
# amount, conditions, recipients, how to apply it, an instruction to carry it out), in its own text; a query
# naming a group (退役军人) is met by a measure naming that group among its recipients.
JUDGED: dict[str, dict[str, bool]] = {
    "创业担保贷款": {P + "30.txt": True, "003_65af231806fc8ace.txt": True, "001_e001dd900bee0134.txt": True,
                 "002_f15aeebbaef14a54.txt": True, P + "19.txt": True},
    # 求职创业补贴 (the one-off job-search subsidy of graduates) is what a reader of 求职补贴 wants
    "求职补贴": {"guangdong-2022-unemployment-insurance-regulation.txt": True, P + "19.txt": True, P + "21.txt": True,
             "003_65af231806fc8ace.txt": True, "001_e001dd900bee0134.txt": True},
    "补贴": {P + "22.txt": True, P + "02.txt": True, P + "25.txt": True, "002_f15aeebbaef14a54.txt": True,
           "001_e001dd900bee0134.txt": True},
    "见习": {P + "18.txt": True, P + "19.txt": True, P + "01.txt": True, "002_f15aeebbaef14a54.txt": True,
           "001_e001dd900bee0134.txt": True},
    "社会保险补贴": {P + "25.txt": True, "000_0fce187c97867da1.txt": True, "001_e001dd900bee0134.txt": True,
               "003_65af231806fc8ace.txt": True, P + "21.txt": True},
    "高校毕业生": {P + "01.txt": True, P + "19.txt": True, P + "21.txt": True, "001_e001dd900bee0134.txt": True,
              "002_f15aeebbaef14a54.txt": True},
    # every one names 退役军人 among the recipients of a measure (training, a job fair, loans to employers of them);
    # the corpus holds no document about veterans alone
    "退役军人": {"003_65af231806fc8ace.txt": True, "002_f15aeebbaef14a54.txt": True, P + "09.txt": True,
             P + "06.txt": True, "001_e001dd900bee0134.txt": True},
    # 创业担保贷款及贴息, 贷款…按规定给予贴息: the loan's interest subsidy, written apart
    "贷款贴息": {P + "30.txt": True, P + "25.txt": True, P + "01.txt": True, P + "02.txt": True,
             "003_65af231806fc8ace.txt": True},
    "稳岗返还": {"000_0fce187c97867da1.txt": True, P + "29.txt": True, "003_65af231806fc8ace.txt": True, P + "13.txt": True},
    "公益性岗位": {P + "22.txt": True, P + "06.txt": True, "001_e001dd900bee0134.txt": True, P + "20.txt": True,
              P + "29.txt": True},
}
PROBES: dict[str, dict[str, bool]] = {
    # 创业开业补贴 is a start-up subsidy; 求职创业补贴 (the only 创业补贴 of -19) is the job-search one
    "创业补贴": {P + "25.txt": True, P + "21.txt": True, P + "22.txt": True, "001_e001dd900bee0134.txt": True,
             "003_65af231806fc8ace.txt": True, P + "19.txt": False},
    "失业保险": {"guangdong-2022-unemployment-insurance-regulation.txt": True, "000_0fce187c97867da1.txt": True,
             "001_e001dd900bee0134.txt": True, "003_65af231806fc8ace.txt": True,
             "shandong-2016-employment-promotion-regulation.txt": True},
    "返乡创业": {P + "25.txt": True, P + "23.txt": True, P + "29.txt": True, P + "15.txt": True, P + "28.txt": True},
}
"""Queries added to probe where the two tokenizations differ (a word inside a longer one, words written apart)."""


def _segment_pool(texts: list[str], workers: int) -> None:
    """Segment ``texts`` as a refresh does: here, or on a spawned pool of ``workers`` (start-up included)."""
    from extractor.db.search import _index_pair, _segmenters

    with _segmenters("jieba", sum(map(len, texts)), workers) as pool:
        pairs = [("", t) for t in texts]
        if pool is None:
            for p in pairs:
                _index_pair("jieba", p)
        else:
            list(pool.map(functools.partial(_index_pair, "jieba"), pairs, chunksize=4))


def build(paths: list[str], root: Path) -> Store:
    store = open_store(root)
    if not store.count("documents"):
        ingest(paths, store, workers=2)
    return store


def drop(store: Store, method: Method) -> None:
    with store.transaction():
        store.conn.execute(f"drop table if exists fts_{method}")
        if store.conn.execute("select 1 from sqlite_master where name = 'fts_state'").fetchone():
            store.conn.execute("delete from fts_state where method = ?", [method])


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def scores(ranked: list[str], judged: dict[str, bool], query: str, method: str) -> tuple[float, float]:
    top = ranked[:K]
    unjudged = [d for d in top if d not in judged]
    if unjudged:
        raise SystemExit(f"{method} {query}: top {K} holds unjudged documents {unjudged}: read and judge them")
    rel = [judged[d] for d in top]
    first = next((i for i, r in enumerate(rel, start=1) if r), None)
    return sum(rel) / K, (1 / first if first else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", default=None, help="a store of the corpus to reuse (made when empty)")
    args = ap.parse_args()
    root = Path(args.store) if args.store else Path(tempfile.mkdtemp()) / "store"
    store = build([str(ROOT / p) for p in CORPUS], root)
    n_docs = store.count("documents")
    chars = store.conn.execute("select sum(length(text)) from documents").fetchone()[0]
    lines = ["# Full-text search: jieba-segmented FTS5 against FTS5 trigram", "",
             f"Machine: 2 cores, 24 GB, shared and noisy. Store: {', '.join(CORPUS)} ingested ({n_docs} documents, "
             f"{chars:,} characters). `benchmarks/bench_search.py` writes this file; the judgments are its JUDGED table.",
             "", "## Building the index (from scratch)", "",
             "| method | wall min (s) | wall median (s) | CPU median (s) | index size (KB) |", "|---|---|---|---|---|"]
    build_median: dict[str, float] = {}
    for method in METHODS:
        runs = []
        for _ in range(REPEAT):
            drop(store, method)
            runs.append(timed(functools.partial(refresh_index, store, method)))
        size = store.conn.execute(
            "select sum(pgsize) from dbstat where name like ?", [f"fts_{method}%"]).fetchone()[0] or 0
        build_median[method] = statistics.median(w for w, _ in runs)
        lines.append(f"| {method} | {min(w for w, _ in runs):.2f} | {build_median[method]:.2f} | "
                     f"{statistics.median(c for _, c in runs):.2f} | {size // 1024:,} |")
    noop = [timed(functools.partial(refresh_index, store, "jieba"))[0] for _ in range(RUNS)]
    serial = store.conn.execute(INDEX_ROWS).fetchall()
    search_module.PARALLEL_CHARS = 1  # this corpus is under the threshold: force the pool to check its rows
    drop(store, "jieba")
    pooled_check = timed(functools.partial(refresh_index, store, "jieba", 2))
    if store.conn.execute(INDEX_ROWS).fetchall() != serial:
        raise SystemExit("the index segmented on 2 processes differs from the one segmented on 1")
    texts = [r[0] for r in store.conn.execute("select text from documents")] * COPIES
    one = [timed(functools.partial(_segment_pool, texts, 1)) for _ in range(2)]
    two = [timed(functools.partial(_segment_pool, texts, 2)) for _ in range(2)]
    lines += ["", f"Refresh with nothing new (the check every search makes): median {statistics.median(noop) * 1000:.1f} ms.",
              f"Ratio of build times, jieba / trigram: {build_median['jieba'] / build_median['trigram']:.1f}×.",
              "", f"Segmenting on processes (a refresh uses a pool of all cores above {PARALLEL_CHARS:,} characters): "
              f"{COPIES} copies of the texts ({sum(map(len, texts)):,} characters), wall min / parent CPU min: 1 process "
              f"{min(w for w, _ in one):.1f} s / {min(c for _, c in one):.1f} s, 2 processes {min(w for w, _ in two):.1f} s "
              f"(start-up and jieba's dictionary in each included); speed-up {min(w for w, _ in one) / min(w for w, _ in two):.2f}×. "
              f"The index built on 2 processes holds the same rows as on 1 (checked; that build of the {n_docs} documents, "
              f"under the pool's start-up: {pooled_check[0]:.1f} s).", ""]
    for title, table in (("The ten queries of the issue", JUDGED), ("Probe queries", PROBES)):
        lines += [f"## {title}", "", "| query | jieba hits | trigram hits | jieba P@5 | trigram P@5 | jieba MRR | trigram MRR "
                  "| jieba ms (median) | trigram ms (median) |", "|---|---|---|---|---|---|---|---|---|"]
        totals = {m: [0.0, 0.0] for m in METHODS}
        for query, judged in table.items():
            row = [query]
            got: dict[str, tuple[int, float, float, float]] = {}
            for method in METHODS:
                ranked = [d for d, _ in rank(store, query, method)]
                p5, mrr = scores(ranked, judged, query, method)
                ms = statistics.median(timed(functools.partial(rank, store, query, method))[0] for _ in range(RUNS)) * 1000
                got[method] = (len(ranked), p5, mrr, ms)
                totals[method][0] += p5
                totals[method][1] += mrr
            row += [str(got[m][0]) for m in METHODS] + [f"{got[m][1]:.2f}" for m in METHODS]
            row += [f"{got[m][2]:.2f}" for m in METHODS] + [f"{got[m][3]:.1f}" for m in METHODS]
            lines.append("| " + " | ".join(row) + " |")
        n = len(table)
        lines.append("| **mean** | | | " + " | ".join(f"**{totals[m][0] / n:.2f}**" for m in METHODS) + " | "
                     + " | ".join(f"**{totals[m][1] / n:.2f}**" for m in METHODS) + " | | |")
        lines.append("")
    lines += ["## Judgments", "", "Each document of a top five, as read (✓ relevant, ✗ not):", ""]
    for query, judged in {**JUDGED, **PROBES}.items():
        lines.append(f"- **{query}**: " + "; ".join(f"{d} {'✓' if r else '✗'}" for d, r in judged.items()))
    out = ROOT / "benchmarks" / "RESULTS-search.md"
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    tail = old[old.index(KEEP):] if KEEP in old else KEEP + "\n"  # the analysis written by hand, kept
    out.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    print(out.read_text(encoding="utf-8"))
    store.close()


if __name__ == "__main__":
    main()
