"""Time per character of every text stage at 1k, 10k, 100k and 1M characters (issue 13, part 3: linear time).

Usage: ``.venv/bin/python benchmarks/bench_linear.py [--rounds 3] [--sizes 1000,10000,100000,1000000]
[--only find,annotate] [--inputs policy,digits] [--limit 120] [--gc off] [--peak]``

``--peak`` adds two columns: the process's resident memory (MB) once the stage's input is prepared, and its peak
(``ru_maxrss``) after the rounds. The peak is the process's whole life's: for one stage's own, run one stage, input
and size per process (``--only extract --inputs jianban --sizes 1000000 --rounds 1 --peak``).

Each stage is timed in this process (CPU: ``time.process_time``, beside wall: ``time.perf_counter``), ``--rounds``
times, and given as µs per character, min and median. The figure to read is the **ratio** of the time per
character at the largest size to that at 1k: near 1 is linear; 10 at 10× the size would be quadratic.

Stages: ``clean`` (normalize: lines to paragraphs), ``heads`` (the metadata reader), ``tree`` (the article tree),
``split`` (the compendium splitter, given a table of contents of two entries), ``parse`` (all of these and the
document built: ``raw_to_documents``), ``find`` (quantity finding), ``annotate`` (the context of every number),
``extract`` (the whole extraction of a parsed document: spaCy pipeline, quantities, provisions), ``table``
(``zhengce compare``'s table of the analyses: of 创业担保贷款, and of every benefit), ``export`` (``zhengce export``'s four
tables made and written as CSV to a temporary folder), ``redline`` (the diff's redline of a text and its revision) and
``diff`` (``analyses_to_diff`` of two analysed versions).

Inputs:

- ``policy``: the corpus texts' paragraphs in a fixed shuffled order, repeated; a size n below 100k is timed as
  ceil(100k / n) consecutive windows of n characters of the same stream, one call each, so every size reads the
  same content and a per-call cost shows as it would in that many small documents;
- ``articles``: the same windows with every paragraph made an article (第一条…), a regulation of many articles;
- ``digits`` ``'1'*n``, ``yi`` ``'一'*n``, ``jianban`` ``'减半'*n/2``, ``baifenzhi`` ``'百分之'*n/3``: the hostile runs
  of the issue, one text each;
- for the diff, two versions: the policy text and a copy with every 40th paragraph's numbers changed and every 97th
  paragraph dropped; hostile: ``百分之``×n/3 against ``之分百``×n/3.

A size is skipped (and said so) when the one before took more than ``--limit``/10 CPU seconds, since at 10× the size a
linear stage would take more than the limit.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.compare.diff import analyses_to_diff, redline  # noqa: E402
from extractor.compare.table import analyses_to_table  # noqa: E402
from extractor.extract import extract_document  # noqa: E402
from extractor.extract.context import annotate  # noqa: E402
from extractor.extract.find import find_quantities  # noqa: E402
from extractor.extract.nlp import _in_names  # noqa: E402
from extractor.extract.taxonomy import benefits, groups  # noqa: E402
from extractor.ingest.raw import RawDoc, RawLine  # noqa: E402
from extractor.normalize.text import lines_to_text  # noqa: E402
from extractor.pipeline import raw_to_documents  # noqa: E402
from extractor.segment.meta import paragraphs_to_head  # noqa: E402
from extractor.segment.split import split_compendium  # noqa: E402
from extractor.segment.tree import paragraphs_to_sections  # noqa: E402
from extractor.store import export  # noqa: E402
from extractor.text.numerals import format_cn  # noqa: E402

SIZES = (1_000, 10_000, 100_000, 1_000_000)
SPAN = 100_000  # below this, a size is timed over SPAN characters of windows


def policy_stream(n: int) -> str:
    paras = [p for f in sorted((ROOT / "corpus" / "texts").glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    random.Random(0).shuffle(paras)
    stream = "\n".join(paras)
    return (stream * (n // len(stream) + 2))[: n + 2000]


def windows(stream: str, n: int) -> list[str]:
    """ceil(SPAN / n) consecutive windows of about n characters, each cut after a line break when there is one."""
    out, at = [], 0
    for _ in range(max(1, math.ceil(SPAN / n))):
        end = stream.rfind("\n", at, at + n) if at + n < len(stream) else len(stream)
        end = at + n if end <= at else end
        out.append(stream[at:end])
        at = end + 1
    return out


HOSTILE = {"digits": "1", "yi": "一", "jianban": "减半", "baifenzhi": "百分之"}


def as_articles(text: str) -> str:
    """The text with every paragraph an article of its own (第一条, 第二条, …): a long regulation. From the
    10,000th on the numbers are in digits (第10000条): the tree reads no 第一万条, so at 1M characters the last
    480,000 characters were one article."""
    return "\n".join(f"第{format_cn(k) if k < 10_000 else k}条　{p}" for k, p in enumerate(text.split("\n"), 1))


def texts_of(kind: str, n: int, stream: str) -> list[str]:
    if kind == "policy":
        return windows(stream, n)
    if kind == "articles":
        return [as_articles(w) for w in windows(stream, n)]
    frag = HOSTILE[kind]
    return [frag * (n // len(frag))]


def revised(text: str) -> str:
    """The policy text as a second version: every 40th paragraph's digits changed, every 97th paragraph dropped."""
    paras = text.split("\n")
    out = []
    for k, p in enumerate(paras):
        if k % 97 == 50:
            continue
        out.append(p.translate(str.maketrans("0123456789", "1234567890")) if k % 40 == 7 else p)
    return "\n".join(out)


def raw(text: str) -> RawDoc:
    return RawDoc("bench.txt", "text", [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))])


def _locate(offset: int) -> tuple[int | None, int]:
    return None, 1


def _sections(paras: list[str]) -> object:
    offsets, at = [], 0
    for p in paras:
        offsets.append(at)
        at += len(p) + 1
    return paragraphs_to_sections(paras, offsets, 0, len(paras), _locate)


def _analyses(text: str) -> list[object]:
    return [extract_document(d) for d in raw_to_documents(raw(text))]


OUT = Path(tempfile.mkdtemp(prefix="bench_linear_"))


def _export(analyses: list[object]) -> None:
    """Every table of ``zhengce export`` made and written as CSV (documents, sections, quantities, provisions)."""
    docs = [a.document for a in analyses]  # type: ignore[attr-defined]
    for name, rows in (("documents", export.document_rows(docs)), ("sections", export.section_rows(docs)),
                       ("quantities", export.quantity_rows(analyses)), ("provisions", export.provision_rows(analyses))):  # type: ignore[arg-type]
        export.write_rows(list(rows), OUT / f"{name}.csv", "csv", name)  # type: ignore[arg-type]


def _annotate_input(text: str) -> tuple[str, list, list, list]:  # type: ignore[type-arg]
    g = list(groups().find(text))
    return text, find_quantities(text), g, _in_names(list(benefits().find(text)), g)


# stage -> (inputs it is measured on, prepare(text) -> argument, run(argument))
Stage = tuple[tuple[str, ...], Callable[[str], object], Callable[[object], object]]
ALL_INPUTS = ("policy", "articles", "digits", "yi", "jianban", "baifenzhi")
STAGES: dict[str, Stage] = {
    "clean": (ALL_INPUTS, raw, lambda r: lines_to_text(r.lines)),  # type: ignore[attr-defined]
    "heads": (("policy", "articles"), lambda t: t.split("\n"), paragraphs_to_head),  # type: ignore[arg-type]
    "tree": (("policy", "articles"), lambda t: t.split("\n"), _sections),  # type: ignore[arg-type]
    "split": (("policy",), lambda t: ["目 录", "1. 关于印发就业创业补贴办法的通知 1", "2. 关于做好高校毕业生就业工作的通知 9", *t.split("\n")],
              split_compendium),  # type: ignore[arg-type]
    "parse": (ALL_INPUTS, raw, raw_to_documents),  # type: ignore[arg-type]  # clean, split, head, tree, build
    "find": (ALL_INPUTS, lambda t: t, find_quantities),  # type: ignore[arg-type]
    "annotate": (ALL_INPUTS, _annotate_input, lambda a: annotate(*a)),  # type: ignore[misc]
    "extract": (ALL_INPUTS, lambda t: raw_to_documents(raw(t)), lambda docs: [extract_document(d) for d in docs]),  # type: ignore[attr-defined]
    "redline": (("policy", "articles", "baifenzhi"), lambda t: (t, revised(t) if "\n" in t or "。" in t else "之分百" * (len(t) // 3)),
                lambda ab: redline(*ab)),  # type: ignore[misc]
    "table": (("policy", "articles", "digits", "baifenzhi"), _analyses,
              lambda xs: [analyses_to_table(xs, "创业担保贷款"), analyses_to_table(xs)]),  # type: ignore[arg-type]  # compare: one benefit, every one
    "export": (("policy", "articles", "digits", "baifenzhi"), _analyses, _export),  # type: ignore[arg-type]
    "diff": (("policy", "articles", "baifenzhi"),
             lambda t: (extract_document(raw_to_documents(raw(t))[0]),
                        extract_document(raw_to_documents(raw(revised(t) if "\n" in t or "。" in t else "之分百" * (len(t) // 3)))[0])),
             lambda ab: analyses_to_diff(*ab)),  # type: ignore[misc]
}


def rss_mb() -> float:
    """The resident memory of this process now, in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """The peak resident memory of this process so far (``ru_maxrss``, KB on Linux), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PREPARED: list[float] = []  # the resident memory once the last measure's input was prepared


def measure(stage: str, kind: str, n: int, stream: str, rounds: int, collector: bool = True) -> tuple[int, list[float], list[float]]:
    """(characters, CPU seconds of each round, wall seconds of each round); ``collector`` False: the cyclic garbage
    collector off while a round runs (collected before it), so that its passes over everything the process holds
    (the 1M stream, the inputs of every size) drop out."""
    _, prepare, run = STAGES[stage]
    texts = texts_of(kind, n, stream)
    if stage in ("diff", "extract", "table", "export") and kind in ("policy", "articles") and n < SPAN:
        texts = texts[: max(1, math.ceil(20_000 / n))]  # whole documents: 20k characters of windows, not 100k
    args = [prepare(t) for t in texts]
    chars = sum(len(t) for t in texts)
    gc.collect()
    PREPARED[:] = [rss_mb()]
    cpu, wall = [], []
    for _ in range(rounds):
        gc.collect()
        if not collector:
            gc.disable()
        c, w = time.process_time(), time.perf_counter()
        for a in args:
            run(a)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
        gc.enable()
    return chars, cpu, wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--only", default=",".join(STAGES))
    ap.add_argument("--inputs", default=",".join(ALL_INPUTS))
    ap.add_argument("--limit", type=float, default=120.0, help="seconds a size may be expected to take")
    ap.add_argument("--gc", choices=("on", "off"), default="on", help="the garbage collector while a round runs")
    ap.add_argument("--peak", action="store_true", help="also the resident memory before the rounds and the peak after them (MB)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    stream = policy_stream(max(sizes))
    extract_document(raw_to_documents(raw("补贴1000元。"))[0])  # load the pipeline once
    print(f"# {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, rounds {args.rounds}, gc {args.gc}")
    print(f"{'stage':9} {'input':10} {'chars':>9} {'cpu µs/char min':>15} {'median':>7} {'wall min':>8} {'median':>7}  ratio to 1k (cpu min)"
          + ("  rss MB  peak MB" if args.peak else ""))
    for stage in args.only.split(","):
        for kind in STAGES[stage][0]:
            if kind not in args.inputs.split(","):
                continue
            first: float | None = None
            last_seconds = 0.0
            for n in sizes:
                if last_seconds > args.limit / 10:
                    print(f"{stage:9} {kind:10} {n:>9}  skipped: {last_seconds:.1f} s at the size before")
                    continue
                rounds = args.rounds if n < 1_000_000 else max(1, args.rounds - 1)
                chars, cpu, wall = measure(stage, kind, n, stream, rounds, args.gc == "on")
                per = [x / chars * 1e6 for x in cpu]
                per_wall = [x / chars * 1e6 for x in wall]
                first = min(per) if first is None else first
                last_seconds = min(cpu)
                print(f"{stage:9} {kind:10} {n:>9} {min(per):15.3f} {statistics.median(per):7.3f} {min(per_wall):8.3f} "
                      f"{statistics.median(per_wall):7.3f}  {min(per) / first:5.2f}"
                      + (f"  {PREPARED[0]:6.0f}  {peak_mb():7.0f}" if args.peak else ""), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
