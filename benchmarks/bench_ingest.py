"""``zhengce ingest`` into a fresh store: the local pool at 1 and 2 workers beside Dask LocalCluster at 1 and 2,
on ``corpus/texts`` and on a corpus 16× larger; the rerun of an unchanged corpus; the Parquet dataset rewritten
after one file changed, incrementally and whole.

Usage: .venv/bin/python benchmarks/bench_ingest.py [--rounds N] [--copies 16] [--only small|large] [--jobs local] [--commit REV]
       [--base REV]

Each run is a whole child process (imports, pool or cluster start, analyses, SQLite writes, the citation graph,
the Parquet dataset), the jobs alternated (local-1, local-2, dask-1, dask-2, then again; A B A B) for ``--rounds`` rounds.
Wall seconds are the parent's clock around the child; CPU seconds the OS's accounting of the child and of the
workers it reaped (user + system); peak RSS per worker the largest of the reaped workers (``ru_maxrss`` of
RUSAGE_CHILDREN), the main process's beside it. The child also times its phases (analyses as the main process
waits for them, its SQLite writes, the post-steps: the citation graph, made in a forked child at 2 workers or more,
beside the Parquet dataset, made in the main process), to show where the time goes.

The code run is a snapshot of ``extractor/`` copied at the start (the working tree may change under a long run;
the extractor version, a digest of the code, would change with it); with ``--commit REV``, the package as
committed at REV (``git archive``), so that other work in progress in a shared checkout stays out of it.
With ``--base REV`` the package as committed at REV runs each job too, right after the same job of the code
measured (A B A B within each round), so that the two are compared pair by pair on a machine whose speed drifts;
the main process's CPU seconds and the post-steps' wall seconds, which other load touches less than the wall
time of the whole run, are given for both.
The large corpus is made of copies of the texts, each with one line added (``（基准测试副本 N）``), so every copy
has its own sha256 and is analysed again.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
JOBS = (("local", 1), ("local", 2), ("dask", 1), ("dask", 2))


# the child: one ingest ------------------------------------------------------------------------------------------

def child(engine: str, workers: int, store_dir: str, paths: list[str], full_dataset: bool) -> None:
    start = time.perf_counter()
    from extractor.db import ingest as ingest_module
    from extractor.db import parquet
    from extractor.db.ingest import ingest
    from extractor.db.store import Store, open_store

    phases = {"write_source": 0.0, "finish": 0.0, "dataset": 0.0}
    last: dict[str, Any] = {}

    def timed(name: str, fn: Any) -> Any:
        def run(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                last[name] = fn(*a, **k)
                return last[name]
            finally:
                phases[name] += time.perf_counter() - t
        return run

    Store.write_source = timed("write_source", Store.write_source)  # type: ignore[method-assign]
    ingest_module.finish = timed("finish", ingest_module.finish)  # ingest calls both through their modules
    parquet.write_dataset = timed("dataset", parquet.write_dataset)
    with open_store(store_dir) as store:
        t = time.perf_counter()
        if engine == "dask":
            from extractor.db import engine_dask

            summary = engine_dask.ingest_with_dask(paths, store, workers=workers)
        else:
            summary = ingest(paths, store, workers=workers)
        ingest_s = time.perf_counter() - t
        chars = sum(len(d.text) for d in store.stored_documents()) if summary.documents else 0
        written = last.get("dataset")
        dataset: dict[str, Any] = {"ingest": {"written": written.written if written else 0,
                                              "linked": written.linked if written else 0,
                                              "partitions": written.partitions if written else 0}}
        own = dict(phases)  # the ingest's own, before the writes below
        if full_dataset:
            for mode in ("incremental", "full"):
                t = time.perf_counter()
                result = parquet.write_dataset(store, full=mode == "full")
                dataset[mode] = {"seconds": time.perf_counter() - t, "written": result.written, "linked": result.linked,
                                 "partitions": result.partitions}
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "added": summary.added + summary.updated, "skipped": summary.skipped, "failed": summary.failed,
        "documents": summary.documents, "chars": chars, "ingest_s": ingest_s, "process_s": time.perf_counter() - start,
        "phases": own, "rss_main_mb": me.ru_maxrss / 1024, "rss_worker_mb": kids.ru_maxrss / 1024,
        "cpu_main": me.ru_utime + me.ru_stime, "load": os.getloadavg()[0], "cpu_workers": kids.ru_utime + kids.ru_stime, "dataset": dataset,
    }))


# the parent -----------------------------------------------------------------------------------------------------

def snapshot(tmp: Path, commit: str | None = None, code: Path | None = None) -> Path:
    """A copy of the package as it is now (or as committed at ``commit``, or of ``code``/extractor), so the code
    and its version stay the same for the whole run."""
    dest = tmp / "snapshot"
    if commit is None:
        shutil.copytree((code or ROOT) / "extractor", dest / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
        return dest
    dest.mkdir()
    archive = subprocess.run(["git", "archive", commit, "extractor"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def large_corpus(tmp: Path, copies: int) -> Path:
    """``copies`` copies of corpus/texts, each file with one line added so that its bytes differ."""
    dest = tmp / f"texts-x{copies}"
    for k in range(copies):
        folder = dest / f"copy{k:02d}"
        folder.mkdir(parents=True)
        for f in sorted((ROOT / "corpus" / "texts").glob("*.txt")):
            text = f.read_text(encoding="utf-8").rstrip("\n") + f"\n（基准测试副本 {k + 1}）\n"
            (folder / f"c{k:02d}-{f.name}").write_text(text, encoding="utf-8")
    return dest


def run(snap: Path, engine: str, workers: int, store: Path, paths: list[str], full_dataset: bool = False) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", engine, str(workers), str(store), "1" if full_dataset else "0", *paths]
    env = os.environ | {"PYTHONPATH": str(snap)}
    load = os.getloadavg()[0]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd!r} exited {os.waitstatus_to_exitcode(status)}")
    data: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    data["wall"], data["cpu"] = wall, usage.ru_utime + usage.ru_stime
    data["load_before"], data["load_after"] = load, os.getloadavg()[0]
    return data


def mm(values: list[float], spec: str = ".2f") -> str:
    return f"{min(values):{spec}} / {statistics.median(values):{spec}}"


def table(name: str, runs: dict[tuple[str, int], list[dict[str, Any]]]) -> list[str]:
    first = runs[JOBS[0]][0]
    lines = [f"\n### {name}: {first['documents']} documents, {first['chars']:,} characters\n",
             "| job | wall s (min / median) | CPU s | docs/s (median) | chars/s (median) | speed vs local-1 (pairwise median) "
             "| speed vs the same engine at 1 worker (pairwise min / median) "
             "| peak RSS main / per worker MB | main waits for analyses / writes SQLite / post-steps (graph ∥ Parquet) / of which Parquet s (median) "
             "| main process CPU s (min / median) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    base = runs[JOBS[0]]
    for job in runs:
        r = runs[job]
        walls = [x["wall"] for x in r]
        speed = statistics.median(b["wall"] / x["wall"] for b, x in zip(base, r, strict=True))
        same = [b["wall"] / x["wall"] for b, x in zip(runs[(job[0], 1)], r, strict=True)]
        med = statistics.median(walls)
        ph = {k: statistics.median(x["phases"][k] for x in r) for k in r[0]["phases"]}
        waits = statistics.median(x["ingest_s"] - x["phases"]["write_source"] - x["phases"]["finish"] for x in r)
        lines.append(
            f"| {job[0]}-{job[1]} | {mm(walls)} | {mm([x['cpu'] for x in r])} | {r[0]['documents'] / med:.1f} "
            f"| {r[0]['chars'] / med:,.0f} | {speed:.2f}× | {min(same):.2f}× / {statistics.median(same):.2f}× | {statistics.median(x['rss_main_mb'] for x in r):.0f} / "
            f"{statistics.median(x['rss_worker_mb'] for x in r):.0f} | {waits:.1f} / {ph['write_source']:.1f} / "
            f"{ph['finish']:.1f} / {ph['dataset']:.1f} | {mm([x['cpu_main'] for x in r])} |")
    lines += ["", "Each round, with the 1-minute load average before and after each job (the machine is shared):", ""]
    for k in range(len(base)):
        lines.append(f"- round {k + 1}: " + "; ".join(
            f"{j[0]}-{j[1]} {runs[j][k]['wall']:.1f} s wall, {runs[j][k]['cpu']:.1f} s CPU "
            f"(load {runs[j][k]['load_before']:.1f} → {runs[j][k]['load_after']:.1f})" for j in runs))
    return lines


def paired(name: str, runs: dict[tuple[str, int], list[dict[str, Any]]], base: dict[tuple[str, int], list[dict[str, Any]]]) -> list[str]:
    """The code measured against the base, job by job and round by round (each pair run one after the other)."""
    lines = [f"\n### {name}: the code measured (A) against the base (B), pair by pair\n",
             "| job | wall s A / B (median) | A ÷ B wall, each round | main process CPU s A / B (min / median) "
             "| post-steps s A / B (min / median) | of which Parquet s A / B (median) | 2 against 1 workers, A / B (pairwise median) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for job in runs:
        a, b = runs[job], base[job]
        ratios = ", ".join(f"{x['wall'] / y['wall']:.2f}" for x, y in zip(a, b, strict=True))
        one = (job[0], 1)
        speed = [statistics.median(w[one][k]["wall"] / w[job][k]["wall"] for k in range(len(w[job]))) for w in (runs, base)]
        lines.append(
            f"| {job[0]}-{job[1]} | {statistics.median(x['wall'] for x in a):.2f} / {statistics.median(x['wall'] for x in b):.2f} "
            f"| {ratios} | {mm([x['cpu_main'] for x in a])} / {mm([x['cpu_main'] for x in b])} "
            f"| {mm([x['phases']['finish'] for x in a])} / {mm([x['phases']['finish'] for x in b])} "
            f"| {statistics.median(x['phases']['dataset'] for x in a):.2f} / {statistics.median(x['phases']['dataset'] for x in b):.2f} "
            f"| {speed[0]:.2f}× / {speed[1]:.2f}× |")
    lines += ["", "Each round (A then B for each job), with the 1-minute load average before each run:", ""]
    for k in range(len(next(iter(runs.values())))):
        lines.append(f"- round {k + 1}: " + "; ".join(
            f"{j[0]}-{j[1]} A {runs[j][k]['wall']:.1f} s (main CPU {runs[j][k]['cpu_main']:.1f}, load {runs[j][k]['load_before']:.1f}), "
            f"B {base[j][k]['wall']:.1f} s (main CPU {base[j][k]['cpu_main']:.1f}, load {base[j][k]['load_before']:.1f})" for j in runs))
    return lines


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        engine, workers, store_dir, full = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5] == "1"
        child(engine, workers, store_dir, sys.argv[6:], full)
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the four jobs (default 3)")
    ap.add_argument("--copies", type=int, default=16, help="copies of corpus/texts in the large corpus (default 16)")
    ap.add_argument("--only", choices=["small", "large"], default=None)
    ap.add_argument("-o", "--output", type=Path, default=None, help="also write the Markdown tables here")
    ap.add_argument("--jobs", choices=["all", "local"], default="all",
                    help="all: local-1, local-2, dask-1, dask-2 alternated; local: local-1 and local-2 only")
    ap.add_argument("--raw", type=Path, default=None, help="also write each corpus's runs as JSON beside this path")
    ap.add_argument("--commit", default=None, metavar="REV",
                    help="run extractor/ as committed at REV (git archive) rather than as the working tree holds it")
    ap.add_argument("--code", type=Path, default=None, metavar="DIR",
                    help="run the package DIR/extractor (a copy made at the start), e.g. to measure a variant beside the current code")
    ap.add_argument("--base", default=None, metavar="REV",
                    help="also run the package as committed at REV, each job right after the same job of the code measured")
    args = ap.parse_args()
    out = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
           f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python {platform.python_version()}, "
           f"load average at start {os.getloadavg()[0]:.1f}; {args.rounds} rounds, jobs alternated; code: "
           f"{'extractor/ at ' + args.commit if args.commit else (str(args.code) if args.code else 'the working tree')}"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        snap = snapshot(tmp, args.commit, args.code)
        base_snap = None
        if args.base:
            (tmp / "base").mkdir()
            base_snap = snapshot(tmp / "base", args.base)
        small = tmp / "texts"  # a copy: one of its files is changed below, never the corpus itself
        shutil.copytree(ROOT / "corpus" / "texts", small)
        corpora = {"corpus/texts": [str(small)], f"corpus/texts ×{args.copies}": [str(large_corpus(tmp, args.copies))]}
        if args.only:
            corpora = dict([list(corpora.items())[0 if args.only == "small" else 1]])
        for name, paths in corpora.items():
            run(snap, "local", 1, tmp / "warm", paths[:1])  # warm the disk cache and the bytecode of the snapshot
            if base_snap is not None:
                run(base_snap, "local", 1, tmp / "warm-base", paths[:1])
            jobs = JOBS if args.jobs == "all" else JOBS[:2]
            runs: dict[tuple[str, int], list[dict[str, Any]]] = {job: [] for job in jobs}
            base_runs: dict[tuple[str, int], list[dict[str, Any]]] = {job: [] for job in jobs}
            for k in range(args.rounds):
                for job in jobs:
                    store = tmp / f"store-{job[0]}{job[1]}-{k}"
                    runs[job].append(run(snap, job[0], job[1], store, paths, full_dataset=job == JOBS[1] and k == 0))
                    print(f"{name} round {k + 1} {job[0]}-{job[1]}: {runs[job][-1]['wall']:.1f} s "
                          f"(load {runs[job][-1]['load_before']:.1f})", file=sys.stderr, flush=True)
                    if base_snap is not None:
                        base_runs[job].append(run(base_snap, job[0], job[1], tmp / f"store-base-{job[0]}{job[1]}-{k}", paths))
                        print(f"{name} round {k + 1} {job[0]}-{job[1]} base: {base_runs[job][-1]['wall']:.1f} s "
                              f"(load {base_runs[job][-1]['load_before']:.1f})", file=sys.stderr, flush=True)
            if args.raw:
                args.raw.with_suffix(f".{len(paths[0])}.json").write_text(
                    json.dumps({f"{j[0]}-{j[1]}": v for j, v in runs.items()}), encoding="utf-8")
            if args.raw and base_snap is not None:
                args.raw.with_suffix(f".base.{len(paths[0])}.json").write_text(
                    json.dumps({f"{j[0]}-{j[1]}": v for j, v in base_runs.items()}), encoding="utf-8")
            out += table(name, runs)
            if base_snap is not None:
                out += [f"\nThe base, extractor/ at {args.base}:", *table(name, base_runs)[1:], *paired(name, runs, base_runs)]
            firsts = runs[("local", 2)]
            reruns = [run(snap, "local", 2, tmp / f"store-local2-{k}", paths) for k in range(args.rounds)]
            ratio = [r["wall"] / f["wall"] for r, f in zip(reruns, firsts, strict=True)]
            assert all(r["skipped"] and not r["added"] for r in reruns), "the rerun analysed something"
            out.append(f"\nRerun of the unchanged {name} (local-2, every file skipped): wall {mm([r['wall'] for r in reruns])} s, "
                       f"CPU {mm([r['cpu'] for r in reruns])} s: {mm(ratio, '.3f')} of the first run (min / median)")
            ds = runs[("local", 2)][0]["dataset"]
            changed = Path(paths[0])
            one = next(p for p in sorted(changed.rglob("*.txt")) if "004_" not in p.name)
            one.write_text(one.read_text(encoding="utf-8") + "\n（改）\n", encoding="utf-8")
            after = run(snap, "local", 2, tmp / "store-local2-0", paths, full_dataset=True)
            out.append(f"Parquet dataset after one file changed ({one.name}, re-ingested in {after['wall']:.1f} s): "
                       f"incremental write {after['phases']['dataset']:.2f} s ({after['dataset']['ingest']['written']} of "
                       f"{after['dataset']['ingest']['partitions']} partitions rewritten, "
                       f"{after['dataset']['ingest']['linked']} files linked; nothing left to do on the call after: "
                       f"{after['dataset']['incremental']['seconds']:.3f} s), whole dataset {after['dataset']['full']['seconds']:.2f} s "
                       f"({after['dataset']['full']['written']} partitions); on the fresh store: whole {ds['full']['seconds']:.2f} s")
    text = "\n".join(out) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
