"""The fuzz harness of issue 13, for long runs: mutated files, the issue's hostile files, and generated text for
every text parser. Each file and each parser runs in a child process (forked from this one, which has imported
and warmed the library, so a child costs no start-up), its own process group, killed past a wall-time limit.

  files     ``--files N`` mutants of the corpus's PDF, DOCX, HTML and text files (byte flips, truncations,
            character flips, zip entries flipped, cut or dropped: the mutations of tests/test_file_mutation.py),
            each parsed by ``extractor.pipeline.parse_path``; ``--jobs`` children at a time
  hostile   the issue's hostile files: 10,000 empty pages, 1 text page + 9,999 blank, a huge page box, a DOCX of
            2 million paragraphs, zip bombs, HTML 100,000 deep (closed and unclosed), 10 MB one-paragraph HTML,
            50 MB one-line text
  parsers   ``--inputs N`` generated inputs for each row of tests/test_fuzz_parsers.py PROPERTIES (numerals,
            cleaner, heads, tree, split, quantities, extract, diff), each checked for no exception and the
            records' invariants, each input timed
  validators  the CPU the record validators (Section, Document) take on the corpus, beside the parse itself

A crash is an exception out of ``parse_path`` (a traceback), a child that died of a signal, or a library exception
that only parse_path's last resort caught (it logs it: the reader did not contain it). A hang is a child past
``--timeout``. Peak memory is the child's maximum RSS (``os.wait4``), which includes the pages it shares with
this parent (its baseline is reported).

Run: .venv/bin/python benchmarks/fuzz.py --files 1000 --inputs 20000 --jobs 2 [--seconds 3000] [--only files,hostile]
Writes benchmarks/RESULTS-fuzz.md (``--out``) and prints the same.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import random
import resource
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_file_mutation import KINDS, MUTATIONS  # noqa: E402
from test_fuzz_parsers import PROPERTIES  # noqa: E402

from extractor.pipeline import parse_path  # noqa: E402

SOURCES = [  # (path, weight): the 319-page compendium now and then, it is slow
    *((p, 1.0) for p in sorted((ROOT / "corpus/pdf").glob("00[123]*.pdf"))),
    (ROOT / "corpus/pdf/004_a7a4461144ba7e7b.pdf", 0.1),
    *((p, 2.0) for p in sorted((ROOT / "corpus/docx").glob("*.docx"))),
    *((p, 1.0) for p in sorted((ROOT / "corpus/html").glob("*.html"))),
    *((p, 0.5) for p in sorted((ROOT / "corpus/texts").glob("00[0123]_*.txt"))),
]


# ---------------------------------------------------------------------------------------------------------------
# Children: fork, run, report through a file, reaped with their rusage.


@dataclass
class Outcome:
    name: str
    status: str  # ok | error | crash | hang
    seconds: float
    rss_mb: float
    detail: str = ""  # the error line, or the traceback's first lines
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Running:
    name: str
    pid: int
    start: float
    out: Path


def _child(job: Callable[[], dict[str, Any]], out: Path) -> None:
    os.setpgid(0, 0)
    try:
        result = job()
    except BaseException:
        result = {"status": "crash", "detail": traceback.format_exc()[-3000:]}
    out.write_text(json.dumps(result, default=str), encoding="utf-8")
    os._exit(0)


def run_children(jobs: Iterator[tuple[str, Callable[[], dict[str, Any]]]], parallel: int, timeout: float,
                 tmp: Path, on_done: Callable[[Outcome], None]) -> None:
    """Run each (name, job) in a forked child, ``parallel`` at a time, killed (with its process group) past
    ``timeout`` seconds."""
    running: dict[int, _Running] = {}
    pending = iter(jobs)
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < parallel:
            try:
                name, job = next(pending)
            except StopIteration:
                exhausted = True
                break
            out = tmp / f"result-{len(running)}-{time.monotonic_ns()}.json"
            pid = os.fork()
            if pid == 0:
                _child(job, out)
            running[pid] = _Running(name, pid, time.perf_counter(), out)
        if not running:
            break
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if pid == 0:
            now = time.perf_counter()
            for r in running.values():
                if now - r.start > timeout:
                    _kill_group(r.pid)
            select.select([], [], [], 0.02)
            continue
        r = running.pop(pid)
        _kill_group(pid)  # whatever it left behind (an OCR child)
        seconds = time.perf_counter() - r.start
        rss = usage.ru_maxrss / 1024
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            hung = sig == signal.SIGKILL and seconds > timeout
            on_done(Outcome(r.name, "hang" if hung else "crash", seconds, rss, f"killed by signal {sig}"))
        elif r.out.exists():
            data = json.loads(r.out.read_text(encoding="utf-8"))
            r.out.unlink()
            on_done(Outcome(r.name, data.pop("status"), seconds, rss, data.pop("detail", ""), data))
        else:
            on_done(Outcome(r.name, "crash", seconds, rss, f"exit status {os.waitstatus_to_exitcode(status)}, no result"))


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


class _Leaks(logging.Handler):
    """Exceptions parse_path's last resort logged: what no reader contained."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.tracebacks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.tracebacks.append("".join(traceback.format_exception(*record.exc_info))[-3000:])


def parse_job(path: Path, budgets: Any = None) -> Callable[[], dict[str, Any]]:
    """Parse one file: ok (documents), error (one line) or crash (a traceback, or a leaked library exception)."""

    def job() -> dict[str, Any]:
        leaks = _Leaks()
        log = logging.getLogger("extractor.pipeline")
        log.addHandler(leaks)
        log.setLevel(logging.DEBUG)
        result = parse_path(path) if budgets is None else parse_path(path, budgets)
        if leaks.tracebacks:
            return {"status": "crash", "detail": "uncontained (caught only by parse_path): " + leaks.tracebacks[0],
                    "error": result.error}
        if result.error is not None:
            line = f"{result.path}: {result.error}"
            if "\n" in line or "Traceback" in line or not result.error.strip(" :"):
                return {"status": "crash", "detail": "not one line: " + line[:2000]}
            return {"status": "error", "detail": line}
        if not result.documents:
            return {"status": "crash", "detail": "neither documents nor an error"}
        warnings = [w for d in result.documents for w in d.warnings]
        return {"status": "ok", "detail": "", "documents": len(result.documents), "warnings": len(warnings),
                "warning": warnings[0][:200] if warnings else ""}

    return job


# ---------------------------------------------------------------------------------------------------------------
# Mutated files.


def mutants(n: int, seed: int, folder: Path) -> Iterator[tuple[str, Path]]:
    rng = random.Random(seed)
    paths, weights = zip(*SOURCES, strict=True)
    for i in range(n):
        src = rng.choices(paths, weights)[0]
        kind = rng.choice(KINDS[src.suffix.lstrip(".")])
        name = f"{src.stem}-{kind}-{seed}-{i}"
        path = folder / f"{name}{src.suffix}"
        path.write_bytes(MUTATIONS[kind](src.read_bytes(), random.Random(f"{src.name}/{kind}/{seed}/{i}")))
        yield name, path


# ---------------------------------------------------------------------------------------------------------------
# Hostile files.


def _pdf(pages: Iterator[tuple[float, float]], first_text: Path | None, out: Path) -> Path:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument.new()
    if first_text is not None:
        doc.import_pages(pdfium.PdfDocument(first_text), [0])
    for w, h in pages:
        doc.new_page(w, h)
    doc.save(out)
    return out


def _docx_with(document_xml: Iterator[bytes], out: Path, zip64: bool = True) -> Path:
    src = ROOT / "corpus/docx/002_f15aeebbaef14a54.docx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in z.infolist():
            if info.filename == "word/document.xml":
                entry = zipfile.ZipInfo("word/document.xml", date_time=info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(entry, "w", force_zip64=zip64) as f:
                    for chunk in document_xml:
                        f.write(chunk)
            else:
                dst.writestr(info, z.read(info))
    return out


_W = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def _paragraphs(n: int) -> Iterator[bytes]:
    yield _W
    chunk = "".join(f"<w:p><w:r><w:t>第{k % 50 + 1}条 每人每月补贴1500元。</w:t></w:r></w:p>" for k in range(1000)).encode()
    for _ in range(n // 1000):
        yield chunk
    yield b"</w:body></w:document>"


def _bomb(mb: int) -> Iterator[bytes]:
    yield _W + b"<w:p><w:r><w:t>"
    block = b" " * (1 << 20)
    for _ in range(mb):
        yield block
    yield b"</w:t></w:r></w:p></w:body></w:document>"


def _lying(out: Path, mb: int) -> Path:
    """A bomb whose word/document.xml declares 1 KB (32-bit sizes patched in its local and central headers)."""
    path = _docx_with(_bomb(mb), out, zip64=False)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1024)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, 1024)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def hostile(folder: Path) -> Iterator[tuple[str, Path]]:
    """The issue's hostile inputs, built on the fly (each yielded when written)."""
    text_pdf = ROOT / "corpus/pdf/002_f15aeebbaef14a54.pdf"
    yield "PDF, 10,000 empty pages", _pdf(((595, 842) for _ in range(10_000)), None, folder / "empty-10000.pdf")
    yield "PDF, 1 text page + 9,999 blank", _pdf(((595, 842) for _ in range(9_999)), text_pdf, folder / "one-text-9999-blank.pdf")
    yield "PDF, 2,000 empty pages (the page budget)", _pdf(((595, 842) for _ in range(2_000)), None, folder / "empty-2000.pdf")
    yield "PDF, 1 text page + 1,999 blank", _pdf(((595, 842) for _ in range(1_999)), text_pdf, folder / "one-text-1999-blank.pdf")
    yield "PDF, huge page box (10^7 pt)", _pdf(iter([(1e7, 1e7)]), text_pdf, folder / "huge-box.pdf")
    yield "PDF, 2,000 huge pages (14,400 pt)", _pdf(((14_400, 14_400) for _ in range(2000)), None, folder / "huge-2000.pdf")
    yield "DOCX, 2 million paragraphs", _docx_with(_paragraphs(2_000_000), folder / "paragraphs-2M.docx")
    yield "DOCX, 600,000 paragraphs (within the entry budget)", _docx_with(_paragraphs(600_000), folder / "paragraphs-600k.docx")
    bomb = _docx_with(_bomb(1500), folder / "bomb-1500MB.docx")
    yield "DOCX, zip bomb (document.xml 1.5 GB of spaces)", bomb
    yield "DOCX, zip bomb declaring 1 KB", _lying(folder / "bomb-lying.docx", 1500)
    for closed in (True, False):
        body = "<div>" * 100_000 + "一、补贴标准每人每月1500元。" + ("</div>" * 100_000 if closed else "")
        path = folder / f"deep-{'closed' if closed else 'unclosed'}.html"
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
        yield f"HTML, 100,000 deep, {'closed' if closed else 'unclosed'}", path
    path = folder / "one-paragraph-10MB.html"
    piece = "对符合条件的高校毕业生给予每人每月1500元就业见习补贴，"
    path.write_text("<html><body><p>" + piece * (10_000_000 // len(piece.encode())) + "</p></body></html>", encoding="utf-8")
    yield "HTML, 10 MB one paragraph", path
    path = folder / "one-line-50MB.txt"
    with path.open("w", encoding="ascii") as f:
        for _ in range(50):
            f.write("subsidy 1500 yuan per month 12 months; " * 26_000)
    yield "text, 50 MB one ASCII line", path
    path = folder / "one-line-5M-chars.txt"
    path.write_text("一、补贴1500元，" * 500_000, encoding="utf-8")
    yield "text, 5,000,000 characters on one line (the character budget)", path


# ---------------------------------------------------------------------------------------------------------------
# Text parsers.


class _Stop(Exception):
    pass


def parser_job(index: int, inputs: int, seconds: float, slow: float, seed: int) -> Callable[[], dict[str, Any]]:
    def job() -> dict[str, Any]:
        from hypothesis import HealthCheck, Phase, given, settings
        from hypothesis import seed as hseed

        prop = PROPERTIES[index]
        tried = 0
        crashes: dict[str, dict[str, Any]] = {}
        slowest: list[tuple[float, str]] = []
        times: list[float] = []
        start = time.perf_counter()

        def check(x: Any) -> None:
            nonlocal tried
            if time.perf_counter() - start > seconds:
                raise _Stop
            tried += 1
            t = time.perf_counter()
            try:
                prop.check(x)
            except Exception as e:
                tb = traceback.format_exc()
                frames = traceback.extract_tb(e.__traceback__)
                key = f"{type(e).__name__} at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}"
                entry = crashes.setdefault(key, {"count": 0, "traceback": "\n".join(tb.splitlines()[-8:]), "input": repr(x)[:300]})
                entry["count"] += 1
            took = time.perf_counter() - t
            times.append(took)
            if took > slow:
                slowest.append((took, repr(x)[:200]))

        run = hseed(seed)(settings(max_examples=inputs, deadline=None, database=None, phases=[Phase.generate],
                                   suppress_health_check=list(HealthCheck))(given(prop.strategy)(check)))
        try:
            run()
        except _Stop:
            pass
        except Exception as e:
            crashes.setdefault(f"harness: {type(e).__name__}", {"count": 1, "traceback": str(e)[:500], "input": ""})
        times.sort()
        return {"status": "crash" if crashes else "ok", "tried": tried, "crashes": crashes,
                "slow": sorted(slowest, reverse=True)[:5],
                "median_ms": 1000 * statistics.median(times) if times else 0.0,
                "max_s": times[-1] if times else 0.0, "p999_s": times[int(len(times) * 0.999)] if times else 0.0,
                "detail": ""}

    return job


# ---------------------------------------------------------------------------------------------------------------
# Validators' cost.


def validator_cost() -> str:
    from extractor.records import document_sections

    files = sorted((ROOT / "corpus/texts").glob("*.txt")) + sorted((ROOT / "corpus/unseen").rglob("*.txt"))
    t = time.process_time()
    docs = [d for f in files for d in parse_path(f).documents]
    parse = time.process_time() - t
    runs = []
    for _ in range(20):
        t = time.process_time()
        for d in docs:
            d._spans_inside_the_text()
            for s in document_sections(d):
                s._holds_its_heading_and_children()
        runs.append(time.process_time() - t)
    chars = sum(len(d.text) for d in docs)
    sections = sum(1 for d in docs for _ in document_sections(d))
    return (f"{len(files)} text files of corpus/texts and corpus/unseen, {len(docs)} documents, {chars:,} characters, "
            f"{sections:,} sections: the validators take {1000 * min(runs):.1f} ms CPU (min of 20; median "
            f"{1000 * statistics.median(runs):.1f}), the parse {1000 * parse:.0f} ms CPU: "
            f"{min(runs) / parse:.1%} of it.")


# ---------------------------------------------------------------------------------------------------------------
# Report.


def _git() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.splitlines()
    files = sorted({ln[3:] for ln in dirty if ln.strip()})
    return head + (f" (with uncommitted changes of other sessions in {len(files)} files: " + ", ".join(files[:12])
                   + ("…" if len(files) > 12 else "") + ")" if files else "")


def _first_lines(tb: str, n: int = 6) -> str:
    lines = [ln for ln in tb.strip().splitlines() if ln.strip()]
    return "\n".join([*lines[:2], "…", *lines[-(n - 2):]] if len(lines) > n else lines)


def _files_section(title: str, outcomes: list[Outcome], timeout: float, baseline: float) -> list[str]:
    counts = {k: sum(o.status == k for o in outcomes) for k in ("ok", "error", "crash", "hang")}
    rss = [o.rss_mb for o in outcomes]
    secs = [o.seconds for o in outcomes]
    out = [f"## {title}", "",
           f"{len(outcomes)} files: {counts['ok']} parsed (documents), {counts['error']} refused in one line, "
           f"**{counts['crash']} crashes, {counts['hang']} hangs** (past {timeout:g} s). Peak RSS of a child "
           f"{max(rss, default=0):.0f} MB (median {statistics.median(rss) if rss else 0:.0f} MB; the parent it forks "
           f"from holds {baseline:.0f} MB). Wall per file: median {statistics.median(secs) if secs else 0:.2f} s, "
           f"max {max(secs, default=0):.1f} s.", ""]
    warned = sum(1 for o in outcomes if o.extra.get("warnings"))
    if warned:
        out += [f"{warned} parsed files carry warnings (a damaged page skipped, say).", ""]
    errors: dict[str, int] = {}
    for o in outcomes:
        if o.status == "error":
            cause = o.detail.split(": ", 1)[-1]
            cause = cause.split(":")[0] if len(cause) > 60 else cause
            errors[cause] = errors.get(cause, 0) + 1
    if errors:
        out += ["| error line (cause, grouped) | files |", "|---|---:|"]
        out += [f"| {c.replace('|', '/')} | {n} |" for c, n in sorted(errors.items(), key=lambda x: -x[1])[:15]]
        out.append("")
    slowest = sorted(outcomes, key=lambda o: -o.seconds)[:5]
    out += ["Slowest: " + "; ".join(f"`{o.name}` {o.seconds:.1f} s ({o.status}, {o.rss_mb:.0f} MB)" for o in slowest) + ".", ""]
    bad = [o for o in outcomes if o.status in ("crash", "hang")]
    seen: set[str] = set()
    for o in bad:
        key = o.detail.strip().splitlines()[-1] if o.detail.strip() else o.status
        if key in seen:
            continue
        seen.add(key)
        n = sum(1 for b in bad if (b.detail.strip().splitlines()[-1] if b.detail.strip() else b.status) == key)
        out += [f"- **{o.status}** `{o.name}` ({n} alike, {o.seconds:.1f} s, {o.rss_mb:.0f} MB):", "", "```",
                _first_lines(o.detail), "```", ""]
    return out


def _hostile_section(outcomes: list[Outcome], timeout: float) -> list[str]:
    out = ["## Hostile files", "", f"Each in a child killed past {timeout:g} s.", "",
           "| case | outcome | wall s | peak RSS MB | line or warning |", "|---|---|---:|---:|---|"]
    for o in outcomes:
        what = o.detail.split("\n")[0] if o.status != "ok" else (
            f"{o.extra.get('documents')} document(s), {o.extra.get('warnings')} warning(s) {o.extra.get('warning', '')}")
        what = what.split("/hostile/", 1)[-1]
        out.append(f"| {o.name} | {o.status} | {o.seconds:.1f} | {o.rss_mb:.0f} | {what[:170].replace('|', '/')} |")
    out.append("")
    for o in outcomes:
        if o.status in ("crash", "hang") and "\n" in o.detail:
            out += [f"`{o.name}`:", "", "```", _first_lines(o.detail, 10), "```", ""]
    return out


def _parsers_section(outcomes: list[Outcome], inputs: int) -> list[str]:
    out = ["## Text parsers", "", f"Up to {inputs:,} generated inputs per parser (tests/test_fuzz_parsers.py PROPERTIES, "
           "hypothesis, generate phase only), each checked for no exception and the records' invariants.", "",
           "| parser | inputs | crashes (distinct) | median ms | p99.9 s | max s | peak RSS MB |", "|---|---:|---:|---:|---:|---:|---:|"]
    for o in outcomes:
        e = o.extra
        crashes = e.get("crashes", {})
        n = sum(c["count"] for c in crashes.values())
        out.append(f"| {o.name} | {e.get('tried', 0):,} | {n} ({len(crashes)}) | {e.get('median_ms', 0):.1f} | "
                   f"{e.get('p999_s', 0):.2f} | {e.get('max_s', 0):.2f} | {o.rss_mb:.0f} |")
    out.append("")
    for o in outcomes:
        if o.status == "hang":
            out += [f"- **{o.name}**: killed past the limit", ""]
        for key, c in o.extra.get("crashes", {}).items():
            out += [f"- **{o.name}**: {key}, {c['count']}×; input `{c['input'][:200]}`", "", "```", c["traceback"], "```", ""]
        for took, x in o.extra.get("slow", []):
            out += [f"- {o.name}: slow input ({took:.1f} s): `{x[:160]}`"]
    out.append("")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1000, help="mutated files")
    ap.add_argument("--inputs", type=int, default=20000, help="generated inputs per text parser")
    ap.add_argument("--seconds", type=float, default=3600.0, help="time limit of the parsers part, per parser")
    ap.add_argument("--timeout", type=float, default=120.0, help="wall-time limit per file or hostile case")
    ap.add_argument("--slow", type=float, default=5.0, help="a generated input slower than this is listed")
    ap.add_argument("--jobs", type=int, default=2, help="children at a time")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--only", default="files,hostile,parsers,validators")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS-fuzz.md")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    logging.getLogger("extractor").setLevel(logging.WARNING)

    for f in ("corpus/pdf/002_f15aeebbaef14a54.pdf", "corpus/docx/002_f15aeebbaef14a54.docx",
              "corpus/html/002_f15aeebbaef14a54.html", "corpus/texts/002_f15aeebbaef14a54.txt"):
        parse_path(ROOT / f)  # warm: readers and tables loaded once, before the children fork
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    began = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report = ["# Fuzz harness: results", "",
              f"Command: `.venv/bin/python benchmarks/fuzz.py {' '.join(argv if argv is not None else sys.argv[1:])}`, "
              f"started {began}, on commit {_git()}.", "",
              f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB, "
              f"shared with other sessions (noisy); Python {platform.python_version()}; {args.jobs} children at a time.", ""]
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="zhengce-fuzz-") as tmp_name:
        tmp = Path(tmp_name)
        files_dir = tmp / "files"
        files_dir.mkdir()
        if "files" in parts:
            t = time.perf_counter()
            done: list[Outcome] = []

            def file_done(o: Outcome) -> None:
                done.append(o)
                for p in files_dir.glob(f"{o.name}.*"):
                    p.unlink()
                if o.status in ("crash", "hang"):
                    print(f"  {o.status}: {o.name} {o.detail.strip().splitlines()[-1] if o.detail.strip() else ''}", flush=True)
                if len(done) % 100 == 0:
                    print(f"files: {len(done)} done", flush=True)

            jobs = ((name, parse_job(path)) for name, path in mutants(args.files, args.seed, files_dir))
            run_children(jobs, args.jobs, args.timeout, tmp, file_done)
            timings["files"] = time.perf_counter() - t
            report += _files_section("Mutated files", done, args.timeout, baseline)
            print("\n".join(_files_section("Mutated files", done, args.timeout, baseline)), flush=True)
        if "hostile" in parts:
            t = time.perf_counter()
            hostile_done: list[Outcome] = []
            hostile_dir = tmp / "hostile"
            hostile_dir.mkdir()

            def hostile_jobs() -> Iterator[tuple[str, Callable[[], dict[str, Any]]]]:
                for name, path in hostile(hostile_dir):
                    print(f"hostile: {name} ({path.stat().st_size / 1e6:,.1f} MB on disk)", flush=True)
                    yield name, parse_job(path)

            def hostile_done_cb(o: Outcome) -> None:
                hostile_done.append(o)
                print(f"  {o.name}: {o.status} {o.seconds:.1f} s {o.rss_mb:.0f} MB {o.detail.strip()[:150]}", flush=True)

            run_children(hostile_jobs(), args.jobs, args.timeout, tmp, hostile_done_cb)
            timings["hostile"] = time.perf_counter() - t
            report += _hostile_section(hostile_done, args.timeout)
        if "parsers" in parts:
            t = time.perf_counter()
            parser_done: list[Outcome] = []

            def parser_cb(o: Outcome) -> None:
                parser_done.append(o)
                print(f"parser {o.name}: {o.status} {o.extra.get('tried')} inputs, {o.seconds:.0f} s", flush=True)

            pjobs = ((p.name, parser_job(i, args.inputs, args.seconds, args.slow, args.seed)) for i, p in enumerate(PROPERTIES))
            run_children(pjobs, args.jobs, args.seconds + 120, tmp, parser_cb)
            order = [p.name for p in PROPERTIES]
            parser_done.sort(key=lambda o: order.index(o.name))
            timings["parsers"] = time.perf_counter() - t
            report += _parsers_section(parser_done, args.inputs)
        if "validators" in parts:
            report += ["## Record validators", "", validator_cost(), ""]
    report += ["Wall time of each part: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()) + ".", ""]
    text = "\n".join(report)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
