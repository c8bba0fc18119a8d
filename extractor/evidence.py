"""Evidence from a Document alone: the verbatim quote behind a span, and its page and line."""

from __future__ import annotations

import bisect
import sys

from .records import Document, Evidence


def verbatim(doc: Document, start: int, end: int) -> str:
    """``doc.text[start:end]`` as printed: removed spaces put back, full-width digits restored.

    Wrapped line breaks are not part of a quote (the text has none inside a paragraph).
    """
    i = bisect.bisect_left(doc.source_edits, start, key=lambda e: e.offset)
    out: list[str] = []
    pos = start
    for e in doc.source_edits[i:]:
        if e.offset >= end:
            break
        if e.offset == start and e.length == 0:
            continue  # spaces printed before the quote's first character are not part of it
        out += [doc.text[pos : e.offset], e.source]
        pos = e.offset + e.length
    out.append(doc.text[pos:end])
    return "".join(out)


def locate(doc: Document, offset: int) -> tuple[int | None, int]:
    """Page and line of the source line that holds ``doc.text[offset]``."""
    if not doc.locations:
        return None, 1
    k = bisect.bisect_right(doc.locations, offset, key=lambda loc: loc.offset) - 1
    loc = doc.locations[max(k, 0)]
    return loc.page, loc.line


def evidence(doc: Document, start: int, end: int) -> Evidence:
    """The Evidence record of ``doc.text[start:end]``. The quote is interned: the numbers of a long text repeat few
    quotes (``百分之百`` 166,666 times in ``'百分之'*333_333``), and one copy of each serves them all."""
    page, line = locate(doc, start)
    return Evidence(quote=sys.intern(verbatim(doc, start, end)), span=(start, end), page=page, line=line)
