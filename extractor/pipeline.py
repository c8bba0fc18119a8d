"""From a file to its documents: read, clean, split, head, tree. The library's main entry points."""

from __future__ import annotations

import bisect
import contextlib
import gc
import itertools
import logging
import multiprocessing
import os
import pickle
import signal
import socket
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Generic, TypeVar

import regex

from . import ingest
from ._process import serve_items
from .budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from .divisions import region_of
from .errors import InputError, failure_cause
from .ingest.raw import RawDoc
from .ingest.saved import SAVED_SUFFIXES, read_saved
from .normalize.text import CleanText, lines_to_text
from .records import Analysis, Attachment, Document, Location, ParseResult, Reference, Section, Source, SourceEdit, Table
from .segment.attachments import find_attachments
from .segment.meta import Head, paragraphs_to_head
from .segment.split import split_compendium
from .segment.tree import paragraphs_to_sections
from .text.patterns import DOC_NUMBER_RE, parse_doc_number, title_text

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

REFERENCE_RE = regex.compile(
    rf"《(?P<title>[^《》]{{2,100}})》(?:[ \u3000]*[（(](?P<num>{DOC_NUMBER_RE.pattern})[）)])?"
)
_TITLE_HINT = regex.compile(r"(?:通知|意见|办法|细则|方案|措施|规程|要点|决定|规定|条例|计划|规划|批复|函|法)(?:（[^（）]*）)?$")


def _paragraph_offsets(paragraphs: Sequence[str]) -> list[int]:
    out, pos = [], 0
    for p in paragraphs:
        out.append(pos)
        pos += len(p) + 1
    return out


def _tables(
    paragraphs: Sequence[str], offsets: Sequence[int], start: int, end: int, page_of: Callable[[int], int | None]
) -> list[Table]:
    tables: list[Table] = []
    k = start
    while k < end:
        if "\t" not in paragraphs[k]:
            k += 1
            continue
        j = k
        while j < end and "\t" in paragraphs[j]:
            j += 1
        rows = [[c.strip() for c in paragraphs[i].split("\t")] for i in range(k, j)]
        tables.append(Table(rows=rows, span=(offsets[k], offsets[j - 1] + len(paragraphs[j - 1])), page=page_of(offsets[k])))
        k = j
    return tables


def _references(text: str) -> list[Reference]:
    out = []
    for m in REFERENCE_RE.finditer(text):
        if m.group("title").count("\n") > 1:
            continue
        title = m.group("title").replace("\n", "")
        num = parse_doc_number(m.group("num")) if m.group("num") else None
        if num is None and not _TITLE_HINT.search(title):
            continue
        out.append(Reference(title=title, doc_number=num, quote=m.group(0), span=(m.start(), m.end())))
    seen = {r.span for r in out}
    for m in DOC_NUMBER_RE.finditer(text):
        if any(s <= m.start() < e for s, e in seen):
            continue
        num = parse_doc_number(m.group(0))
        if num is not None:
            out.append(Reference(title=None, doc_number=num, quote=num.text, span=(m.end() - len(num.text), m.end())))
    return sorted(out, key=lambda r: r.span)


def _keyed(sections: Sequence[Section], seen: dict[str, int]) -> list[Section]:
    """The sections with a key unique in the document: the path, with ~2, ~3… when a path repeats."""
    out = []
    for s in sections:
        n = seen[s.path] = seen.get(s.path, 0) + 1
        key = s.path if n == 1 else f"{s.path}~{n}"
        children = _keyed(s.children, seen)
        out.append(s if key == s.key and children == s.children else s.model_copy(update={"key": key, "children": children}))
    return out



_PLACE_HEAD = regex.compile(r"^[\p{Han}]{2,12}?(?:省|自治区|市|州|盟|县|区)")


def _title_place(title: str) -> str:
    """The place a title starts with, before 关于 or a quoted title: 福建省实施《居住证暂行条例》办法 → 福建省; in a
    headline that opens with a quoted title, the place that title starts with."""
    head = title.split("关于")[0]
    # a headline that opens with the title it reports (《惠州市城乡居民基本养老保险暂行办法》出炉): that title's place
    head = head[1:] if head.startswith("《") else head.split("《")[0]
    m = _PLACE_HEAD.match(head)
    return m.group(0) if m else ""


def _placed_organs(issuers: list[str], region: str | None) -> list[str]:
    """An organ printed without its place (省人民政府, 省政府 in a province's rule) named with the document's region;
    the short form dropped when the full one is there."""
    if not region:
        return issuers
    place = region.split("省")[0] + "省" if "省" in region else region
    out = [place + o.removeprefix("省") if o in ("省人民政府", "省政府") else o for o in issuers]
    out = [place + "人民政府" if o == place + "政府" else o for o in out]
    return list(dict.fromkeys(out))


def build_document(
    doc_id: str, raw: RawDoc, clean: CleanText, paragraphs: Sequence[str], base: int, sha256: str
) -> Document:
    """Make one Document from its paragraphs; ``base`` is where its first paragraph starts in ``clean.text``."""
    text = "\n".join(paragraphs)
    offsets = _paragraph_offsets(paragraphs)

    def locate(offset: int) -> tuple[int | None, int]:
        ln = clean.location(base + offset)
        return ln.page, ln.line

    def page_of(offset: int) -> int | None:
        return locate(offset)[0]

    head: Head = paragraphs_to_head(paragraphs)
    # the sections are the enclosed instrument's when the notice issues one, else the notice's own
    body_start = head.instrument_start if head.instrument_start is not None else head.body_start
    att = find_attachments(paragraphs, max(body_start, head.signature if head.signature is not None else body_start) + 1)
    body_end = att[0].index if att else len(paragraphs)
    sections = paragraphs_to_sections(paragraphs, offsets, body_start, body_end, locate)
    if head.instrument_start is not None and not sections:
        sections = paragraphs_to_sections(paragraphs, offsets, head.body_start, body_end, locate)
    attachments = []
    for n, start in enumerate(att):
        k = start.index
        e = att[n + 1].index if n + 1 < len(att) else len(paragraphs)
        title = start.title or (paragraphs[k + 1].strip() if start.labelled and k + 1 < e else "")
        first = k + 2 if start.labelled and not start.title else k + 1  # after the label and the title line
        num = start.num or (str(n + 1) if len(att) > 1 else None)
        prefix = f"附件{num or ''}/"
        attachments.append(
            Attachment(
                num=num,
                title=title_text(title) or None,
                sections=paragraphs_to_sections(paragraphs, offsets, min(first, e), e, locate, prefix=prefix),
                tables=_tables(paragraphs, offsets, k, e, page_of),
                span=(offsets[k], offsets[e - 1] + len(paragraphs[e - 1])),
            )
        )
    seen: dict[str, int] = {}
    sections = _keyed(sections, seen)
    attachments = [a.model_copy(update={"sections": _keyed(a.sections, seen)}) for a in attachments]
    region, code, level = region_of(head.issuers, text)
    if region is None and head.title:  # no issuer names a place: the place the title starts with (福建省实施…办法)
        region, code, level = region_of([_title_place(head.title)], text)
    if region is None and (head.title or "").startswith("中华人民共和国"):  # a national law printed without its 题注
        region, code, level = "中国", None, "national"
    issuers = _placed_organs(head.issuers, region)
    locations = []
    prev = -1
    for i in range(base, base + len(text)):
        li = clean.line_of[i]
        if li != prev:
            src = clean.lines[li]
            locations.append(Location(offset=i - base, file=raw.path, page=src.page, line=src.line))
            prev = li
    lo, hi = bisect.bisect_left(clean.edits, (base, -1, "")), bisect.bisect_left(clean.edits, (base + len(text), -1, ""))
    edits = [SourceEdit(offset=o - base, length=n, source=src) for o, n, src in clean.edits[lo:hi]]
    first_line, last_line = clean.location(base), clean.location(base + max(len(text) - 1, 0))
    pages = sorted({loc.page for loc in locations if loc.page is not None})
    return Document(
        id=doc_id,
        source=Source(path=raw.path, kind=raw.kind, sha256=sha256, pages=pages, lines=(first_line.line, last_line.line)),
        title=head.title,
        instrument_title=head.instrument_title,
        doc_type=head.doc_type,
        instrument_type=head.instrument_type,
        doc_number=head.doc_number,
        issuers=issuers,
        recipients=head.recipients,
        cc=head.cc,
        date=head.date,
        effective_date=head.effective_date,
        versions=head.versions,
        region=region,
        region_code=code,
        level=level,
        references=_references(text),
        sections=sections,
        attachments=attachments,
        text=text,
        locations=locations,
        source_edits=edits,
        warnings=list(raw.warnings),
    )


_KIND_SUFFIX = {"text": "txt", "pdf": "pdf", "docx": "docx", "html": "html"}


def document_id(path: str, kind: str, number: int | None = None) -> str:
    """A document's id: the file's stem, its number in a compendium's table of contents, and the kind of its
    source, so the text and the PDF of one document are two ids and each is the same on every machine.

    >>> document_id("corpus/texts/001_e001dd900bee0134.txt", "text")
    '001_e001dd900bee0134.txt'
    >>> document_id("corpus/pdf/004_a7a4461144ba7e7b.pdf", "pdf", 5)
    '004_a7a4461144ba7e7b-05.pdf'
    >>> document_id("page.htm", "html")
    'page.html'
    """
    stem = Path(path).stem
    part = f"-{number:02d}" if number is not None else ""
    return f"{stem}{part}.{_KIND_SUFFIX.get(kind, kind)}"


def raw_to_documents(raw: RawDoc) -> list[Document]:
    """Clean, split and structure what a reader gave."""
    digest = raw.digest
    clean = lines_to_text(raw.lines)
    paragraphs = clean.text.split("\n")
    offsets = _paragraph_offsets(paragraphs)
    split = split_compendium(paragraphs)
    if split is None or not split.ranges:
        return [build_document(document_id(raw.path, raw.kind), raw, clean, paragraphs, 0, digest)]
    return [
        build_document(document_id(raw.path, raw.kind, n), raw, clean, paragraphs[s:e], offsets[s], digest)
        for (s, e), n in zip(split.ranges, split.numbers, strict=True)
    ]


def parse_file(path: str | Path, budgets: Budgets = DEFAULT_BUDGETS) -> list[Document]:
    """Parse one file into its documents, within ``budgets``. Raises InputError (a BudgetError for a file over a
    budget), naming the file and the cause, on bad input."""
    raw = ingest.read(path, budgets)
    docs = raw_to_documents(raw)
    if not docs or not any(d.text.strip() for d in docs):
        raise InputError(path, "no document text found")
    return docs


def split_document_ref(path: str | Path) -> tuple[Path, str | None]:
    """``PATH#NN`` names document NN of a compendium (or a document id); a plain path names the whole file.

    >>> split_document_ref("corpus/texts/004_a7a4461144ba7e7b.txt#05")
    (PosixPath('corpus/texts/004_a7a4461144ba7e7b.txt'), '05')
    """
    text = str(path)
    base, sep, doc_id = text.rpartition("#")
    if sep and not Path(text).exists() and doc_id and "/" not in doc_id:
        return Path(base), doc_id
    return Path(text), None


def pick_documents(items: Sequence[T], part: str | None, id_of: Callable[[T], str]) -> list[T]:
    """The items (documents or analyses) that ``PATH#part`` names: by id, or by number in a compendium
    (``#05`` names ``004_x-05.txt``); all of them when ``part`` is None."""
    if part is None:
        return list(items)
    return [x for x in items if id_of(x) == part or Path(id_of(x)).stem.endswith(f"-{part}")]


def is_saved(path: str | Path) -> bool:
    """Does ``path`` name saved records (JSON or JSONL written by zhengce) rather than a source file?

    >>> is_saved("out/corpus.jsonl"), is_saved("corpus/texts/001.txt"), is_saved("x.json#01")
    (True, False, True)
    """
    return split_document_ref(path)[0].suffix.lower() in SAVED_SUFFIXES


def parse_path(path: str | Path, budgets: Budgets = DEFAULT_BUDGETS) -> ParseResult:
    """The documents of one file (or of one document of it: ``PATH#NN``): a source parsed within ``budgets``, or
    the documents of a saved file read back (nothing extracted). Any failure of the file, of whatever type
    (InputError, a library's error, MemoryError, RecursionError), goes into the result's ``error``."""
    file, doc_id = split_document_ref(path)
    try:
        if is_saved(file):
            docs = [r.document if isinstance(r, Analysis) else r for r in read_saved(file)]
        else:
            docs = parse_file(file, budgets)
    except Exception as e:  # a batch survives any file: the failure is that file's one line
        if not isinstance(e, InputError):
            log.debug("parsing %s failed", path, exc_info=True)
        return ParseResult(path=str(path), error=failure_cause(e))
    docs = pick_documents(docs, doc_id, lambda d: d.id)
    if not docs:
        return ParseResult(path=str(path), error=f"no document {doc_id} in it")
    return ParseResult(path=str(path), documents=docs)


def iter_files(paths: Sequence[str | Path]) -> list[Path]:
    """The files named, and the supported files inside the folders named, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if split_document_ref(p)[1] is not None:
            out.append(p)  # PATH#NN: one document of a file
        elif p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ingest.READERS))
        else:
            out.append(p)
    return out


def _children(pid: int) -> list[int] | None:
    """The children of ``pid`` from /proc/PID/task/*/children; None where the kernel does not list them."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        return [int(c) for t in tasks for c in (t / "children").read_text(encoding="ascii").split()]
    except FileNotFoundError:
        return [] if not Path(f"/proc/{pid}").exists() else None
    except (OSError, ValueError):
        return None


def _descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (children, their children …), read from /proc; empty where there is none."""
    out, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        if kids is None:
            return _descendants_by_scan(pid)
        out.extend(kids)
        todo.extend(kids)
    return out


def _descendants_by_scan(pid: int) -> list[int]:
    """The same, from the parent of every process (/proc/*/stat), where the kernel lists no children."""
    parent_of: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii", errors="replace").rpartition(")")[2].split()
            parent_of[int(stat.parent.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent_of.items() if pp == p]
        out.extend(kids)
        todo.extend(kids)
    return out


class _Aborted(Exception):
    """The sender of a stream gave it up (its object could not be pickled); the next stream is its error."""


class _FrameWriter:
    """Pickle bytes sent over a connection in messages of about ``size`` bytes, each tagged ``d``; ``e`` ends."""

    def __init__(self, conn: Connection, size: int = 1 << 20) -> None:
        self.conn, self.size = conn, size
        self.parts: list[bytes] = [b"d"]
        self.held = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.held += len(data)
        if self.held >= self.size:
            self._send()
        return len(data)

    def _send(self) -> None:
        self.conn.send_bytes(b"".join(self.parts))
        self.parts, self.held = [b"d"], 0

    def close(self) -> None:
        if self.held:
            self._send()
        self.conn.send_bytes(b"e")


class _FrameReader:
    """The file-like reader of one stream of :class:`_FrameWriter`, for ``pickle.Unpickler``."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.buf, self.pos, self.ended = b"", 0, False

    def _next(self) -> bytes:
        msg = self.conn.recv_bytes()
        if msg[:1] == b"x":
            raise _Aborted
        if msg[:1] == b"e":
            self.ended = True
            return b""
        return msg[1:]

    def read(self, n: int = -1) -> bytes:
        parts, have = [self.buf[self.pos:]], len(self.buf) - self.pos
        while (n < 0 or have < n) and not self.ended:
            parts.append(self._next())
            have += len(parts[-1])
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        cut = len(data) if n < 0 else min(n, len(data))
        self.buf, self.pos = data, cut
        return data[:cut]

    def readinto(self, b: bytearray | memoryview) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def readline(self) -> bytes:
        line = b""
        while not line.endswith(b"\n"):
            end = self.buf.find(b"\n", self.pos)
            if end >= 0:
                return line + self.read(end + 1 - self.pos)
            line += self.read(len(self.buf) - self.pos)
            if self.ended:
                return line
            self.buf, self.pos = self._next(), 0
        return line

    def finish(self) -> None:
        while not self.ended:
            self._next()


class _Framed(Connection):
    """A pipe whose objects go as a stream of pickle frames, so that neither end holds a whole pickle beside the
    object it is made from or becomes (the analysis of a text of 100,000 numbers is about 20 MB pickled), and
    the receiver unpickles while the sender pickles."""

    def send(self, obj: object) -> None:
        out = _FrameWriter(self)
        try:
            ForkingPickler(out, pickle.HIGHEST_PROTOCOL).dump(obj)
            out.close()
        except BaseException:
            self.send_bytes(b"x")
            raise

    def recv(self) -> object:
        while True:
            src = _FrameReader(self)
            try:
                obj = pickle.Unpickler(src).load()
            except _Aborted:
                continue
            src.finish()
            return obj


class _Worker(Generic[T, R]):
    """One forked process that runs ``fn`` on item after item, so the caches it builds (spaCy, rule tables) are
    built once; killed, with everything it started, when an item overruns, and started again for the next."""

    def __init__(self, fn: Callable[[T], R]) -> None:
        self.fn = fn
        self.proc: BaseProcess | None = None
        self.conn: Connection | None = None

    def _start(self) -> tuple[BaseProcess, Connection]:
        ctx = multiprocessing.get_context("fork")
        ours, theirs = (_Framed(s.detach()) for s in socket.socketpair())  # as ctx.Pipe(), framed
        for stream in (sys.stdout, sys.stderr):  # what is buffered must not be written twice by the child
            stream.flush()
        proc = ctx.Process(target=serve_items, args=(self.fn, theirs), daemon=True, name="zhengce-worker")
        gc.freeze()  # the child's collector leaves the inherited objects alone, so their pages stay shared
        try:
            proc.start()
        finally:
            gc.unfreeze()
        theirs.close()
        self.proc, self.conn = proc, ours
        return proc, ours

    def stop(self) -> None:
        """Kill the worker and every process it started."""
        if self.proc is None or self.conn is None:
            return
        pid = self.proc.pid
        for p in ([] if pid is None else _descendants(pid)) + ([pid] if pid is not None else []):
            with contextlib.suppress(OSError):
                os.kill(p, signal.SIGKILL)
        self.proc.join()
        self.conn.close()
        self.proc = self.conn = None

    def run(self, item: T, seconds: float) -> tuple[str, object]:
        """("ok", fn(item)), or ("error", cause) when fn raised, overran ``seconds`` or its process died."""
        proc, conn = (self.proc, self.conn) if self.proc is not None and self.conn is not None else self._start()
        conn.send(item)
        if not conn.poll(seconds):
            self.stop()
            return "timeout", None
        try:
            reply: tuple[str, object] = conn.recv()
            return reply
        except (EOFError, OSError):
            proc.join(5)
            code = proc.exitcode
            self.stop()
            how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
            return "error", f"its worker process died ({how}) while reading it"


def _peeked(it: Iterator[T]) -> Iterator[T] | None:
    """``it`` unchanged, or None when it has nothing more."""
    for first in it:
        return itertools.chain([first], it)
    return None


def map_bounded(
    fn: Callable[[T], R], items: Iterable[T], seconds: float, failed: Callable[[T, str], R]
) -> Iterator[R]:
    """``fn(item)`` of each item, each within ``seconds`` of wall time, in order; ``failed(item, cause)`` for an
    item that raised, overran (a BudgetError's cause, naming ``--max-seconds``) or crashed its process.

    Each item runs in a forked worker process that is killed when the item overruns, so the limit holds even
    while the time goes in C code (pdfium, lxml, zlib) that no signal interrupts. Without ``fork`` (not POSIX),
    items run in this process, unbounded.

    >>> list(map_bounded(len, ["ab", "abc"], 60, lambda item, cause: -1))
    [2, 3]
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from (fn(item) for item in items)
        return
    worker: _Worker[T, R] = _Worker(fn)
    todo: Iterator[T] | None = _peeked(iter(items))
    try:
        while todo is not None:
            item = next(todo)
            status, value = worker.run(item, seconds)
            todo = _peeked(todo)
            if todo is None:  # the last item's result is in: the worker, which still holds it, is let go now
                worker.stop()
            if status == "ok":
                yield value  # type: ignore[misc]
            elif status == "timeout":
                cause = BudgetError(item, "max_seconds", f"stopped, still running after {seconds:g} s", seconds).cause
                yield failed(item, cause)
            else:
                yield failed(item, str(value))
    finally:
        worker.stop()


__all__ = [
    "build_document", "document_id", "failure_cause", "is_saved", "iter_files", "map_bounded", "parse_file", "parse_path", "pick_documents", "raw_to_documents",
    "split_document_ref",
]
