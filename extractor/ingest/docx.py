"""DOCX: paragraphs in order, Word's automatic numbering turned back into printed labels, tables as rows.

The package is read with zipfile and lxml, not python-docx: ``document.xml`` is parsed as a stream, each top-level
paragraph or table read and then dropped, so a document of millions of paragraphs takes memory for its text only;
every entry is decompressed through a counter that stops at ``budgets.max_entry_mb`` whatever its header declares
(a zip bomb), and the text at ``budgets.max_chars``. A damaged entry (bad CRC, zlib error), malformed XML or a
missing part is one InputError naming the file and the cause.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs (lxml-stubs is not installed)

from ..budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from ..errors import InputError
from ..text.numerals import format_cn
from .raw import RawDoc, RawLine

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = "/officeDocument"  # the end of the relationship type of the main part
NUMBERING = "/numbering"
WORD_MAIN = "wordprocessingml"  # in the content type of a Word main part (document, macro-enabled, template)
MAX_SMALL_PART = 20_000_000  # bytes: the relationships, content types and numbering parts are read whole
CHUNK = 1 << 16
MAX_ENTRIES = 10_000  # entries of a DOCX package, at most


def qn(tag: str) -> str:
    """The Clark name of a ``w:`` tag.

    >>> qn("w:p")
    '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'
    """
    prefix, name = tag.split(":")
    assert prefix == "w"
    return f"{{{W}}}{name}"


def format_number(n: int, fmt: str) -> str:
    """A list number in one of Word's numbering formats.

    >>> format_number(12, "chineseCounting")
    '十二'
    >>> format_number(3, "decimal")
    '3'
    >>> format_number(2, "decimalEnclosedCircle")
    '②'
    """
    if fmt.startswith(("chineseCounting", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return format_cn(n)
    if fmt == "decimalEnclosedCircle" or fmt.startswith("decimalEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Counters for Word's automatic numbering (numbering.xml)."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(qn("w:abstractNum")):
            lvls: dict[int, tuple[str, str, int]] = {}
            for lvl in an.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl")))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                lvls[ilvl] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[an.get(qn("w:abstractNumId"))] = lvls
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    def label(self, num_id: str, ilvl: int) -> str:
        lvls = self.levels.get(num_id)
        if not lvls or ilvl not in lvls:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        text = lvls[ilvl][1]
        for k in range(ilvl + 1):
            fmt, _, start = lvls.get(k, ("decimal", "", 1))
            value = counts[k] + start - 1 if counts[k] else start
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text


def zip_entries(path: Path) -> int:
    """How many entries a ZIP file's end-of-central-directory record declares, read before the directory itself
    (whose ZipInfo records zipfile would hold in memory: half a GB for a million entries); 65535 stands for "more",
    as in a ZIP64 file."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 65_557))  # the record (22 bytes) and a comment of at most 65,535 bytes
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return 0  # no record: zipfile says what is wrong
    return int(struct.unpack("<H", tail[at + 10 : at + 12])[0])


class _Limited:
    """A zip entry opened for reading, that raises BudgetError once more than ``limit`` bytes came out of it."""

    def __init__(self, stream: IO[bytes], path: Path, name: str, limit_mb: float) -> None:
        self.stream, self.path, self.name, self.limit_mb = stream, path, name, limit_mb
        self.limit = int(limit_mb * 1e6)
        self.total = 0

    def read(self, n: int = -1) -> bytes:
        data = self.stream.read(CHUNK if n is None or n < 0 else min(n, CHUNK))
        self.total += len(data)
        if self.total > self.limit:
            raise BudgetError(self.path, "max_entry_mb", f"{self.name} decompresses to more than {self.limit_mb:g} MB", self.limit_mb)
        return data


class _Package:
    """The parts of a DOCX package, each decompressed within the entry budget."""

    def __init__(self, path: Path, budgets: Budgets) -> None:
        self.path = path
        self.budgets = budgets
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
            raise InputError(path, f"damaged DOCX: {_cause(e)}") from e
        self.names = {info.filename for info in self.zip.infolist()}

    def open(self, name: str) -> _Limited:
        """Part ``name`` for streaming; its declared size is checked first, its actual size while it is read."""
        try:
            info = self.zip.getinfo(name)
        except KeyError as e:
            raise InputError(self.path, f"damaged DOCX: no part {name}") from e
        limit = self.budgets.max_entry_mb
        if info.file_size > limit * 1e6:
            raise BudgetError(self.path, "max_entry_mb", f"{name} declares {info.file_size / 1e6:,.1f} MB", limit)
        try:
            return _Limited(self.zip.open(info), self.path, name, limit)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, ValueError) as e:
            raise InputError(self.path, f"damaged DOCX: {name}: {_cause(e)}") from e

    def xml(self, name: str) -> etree._Element:
        """A small part parsed whole (relationships, content types, numbering)."""
        stream = self.open(name)
        chunks = []
        while data := _guarded(self.path, name, stream.read):
            chunks.append(data)
            if stream.total > MAX_SMALL_PART:
                raise InputError(self.path, f"damaged DOCX: {name} is over {MAX_SMALL_PART / 1e6:g} MB (such a part takes a few KB)")
        try:
            return etree.fromstring(b"".join(chunks), parser=_parser())
        except etree.XMLSyntaxError as e:
            raise InputError(self.path, f"damaged DOCX: {name} is not well-formed XML ({_cause(e)})") from e

    def related(self, source: str, kind: str) -> str | None:
        """The part that ``source`` (``""`` for the package) relates to by a relationship whose type ends in ``kind``."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names:
            return None
        for rel in self.xml(rels).iter(f"{{{_REL_NS}}}Relationship"):
            if (rel.get("Type") or "").endswith(kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        return None

    def content_type(self, name: str) -> str:
        if "[Content_Types].xml" not in self.names:
            raise InputError(self.path, "damaged DOCX: no part [Content_Types].xml")
        root = self.xml("[Content_Types].xml")
        for o in root.iter(f"{{{_CT_NS}}}Override"):
            if (o.get("PartName") or "").lstrip("/") == name:
                return o.get("ContentType") or ""
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        for d in root.iter(f"{{{_CT_NS}}}Default"):
            if (d.get("Extension") or "").lower() == ext:
                return d.get("ContentType") or ""
        return ""


def _parser(**kw: object) -> etree.XMLParser:
    """An XML parser that resolves no entity and loads nothing: an XML bomb or an external entity stays text."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, **kw)


def _cause(e: BaseException) -> str:
    first = str(e).strip().splitlines()
    return type(e).__name__ + (f": {first[0][:200]}" if first else "")


def _guarded(path: Path, name: str, read: object) -> bytes:
    """``read()`` of a zip entry, with a damaged entry (bad CRC, zlib error, truncated) as one InputError."""
    try:
        data: bytes = read()  # type: ignore[operator]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
        raise InputError(path, f"damaged DOCX: {name}: {_cause(e)}") from e
    return data


class _Source:
    """A part as a file-like object for lxml, turning a damaged entry into one InputError."""

    def __init__(self, stream: _Limited) -> None:
        self.stream = stream

    def read(self, n: int = -1) -> bytes:
        return _guarded(self.stream.path, self.stream.name, lambda: self.stream.read(n))


W_P, W_T, W_TBL, W_TR, W_TC, W_BODY, W_VAL = (qn(t) for t in ("w:p", "w:t", "w:tbl", "w:tr", "w:tc", "w:body", "w:val"))
W_NUMPR, W_NUMID, W_ILVL = qn("w:pPr") + "/" + qn("w:numPr"), qn("w:numId"), qn("w:ilvl")


def _paragraph(p: etree._Element, numbering: _Numbering) -> str:
    text = "".join(p.itertext(W_T, with_tail=False))
    num_pr = p.find(W_NUMPR)
    if num_pr is not None and text.strip():
        num_id = num_pr.find(W_NUMID)
        ilvl = num_pr.find(W_ILVL)
        if num_id is not None:
            level = ilvl.get(W_VAL) if ilvl is not None else "0"
            text = numbering.label(num_id.get(W_VAL) or "", int(level) if (level or "").isdigit() else 0) + text
    return text


def _body_lines(source: _Source, numbering: _Numbering) -> Iterator[tuple[str, bool | None]]:
    """(text, full) of each top-level paragraph and table row of the document part, in order, each element dropped
    once read (``full`` False for a table row, None for a paragraph)."""
    events = etree.iterparse(source, events=("end",), tag=(W_P, W_TBL), resolve_entities=False, no_network=True, load_dtd=False)
    for _, el in events:
        parent = el.getparent()
        if parent is None or parent.tag != W_BODY:
            continue  # a paragraph inside a table or a content control: read with its top-level element
        if el.tag == W_P:
            yield _paragraph(el, numbering), None
        else:
            for tr in el.iter(W_TR):
                yield "\t".join("".join(tc.itertext(W_T, with_tail=False)) for tc in tr.iter(W_TC)), False
        el.clear()
        while el.getprevious() is not None:
            del parent[0]


def read(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
    """Read a DOCX: one line per paragraph, one tab-separated line per table row.

    Raises:
        BudgetError: an entry decompresses to more than ``budgets.max_entry_mb``, or the text is over
            ``budgets.max_chars`` (counted with a newline per line, as the text is joined).
        InputError: not a ZIP package, a damaged entry, malformed XML, a missing part, or no text.
    """
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not a DOCX file (not a ZIP package)")
    entries = zip_entries(path)
    if entries > MAX_ENTRIES:
        raise InputError(path, f"not a DOCX file: its ZIP package declares {entries:,} entries (a Word document has a few dozen)")
    package = _Package(path, budgets)
    main = package.related("", OFFICE_DOCUMENT) or "word/document.xml"
    if main not in package.names:
        raise InputError(path, f"damaged DOCX: no main document part ({main})")
    kind = package.content_type(main)
    if WORD_MAIN not in kind:
        raise InputError(path, f"not a Word document: its main part {main} is {kind or 'of no content type'}")
    numbering_part = package.related(main, NUMBERING)
    numbering = _Numbering(package.xml(numbering_part) if numbering_part in package.names else None)
    lines: list[RawLine] = []
    chars = 0
    try:
        for text, full in _body_lines(_Source(package.open(main)), numbering):
            chars += len(text) + 1
            if chars > budgets.max_chars:
                raise BudgetError(path, "max_chars", f"more than {chars:,} characters by paragraph {len(lines) + 1:,}", budgets.max_chars)
            lines.append(RawLine(text, None, len(lines) + 1, full))
    except etree.XMLSyntaxError as e:
        raise InputError(path, f"damaged DOCX: {main} is not well-formed XML ({_cause(e)})") from e
    if not any(ln.text.strip() for ln in lines):
        raise InputError(path, "DOCX has no text")
    return RawDoc(str(path), "docx", lines)
