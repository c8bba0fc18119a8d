"""A record's JSON written piece by piece: the text of ``model_dump_json``, byte for byte, never held whole.

The analysis of a text of 100,000 numbers is about 140 million characters of indented JSON (its quantities, and
the one provision that lists them all again): as one string, with pydantic's bytes beside it, about 1 GB. Here a
record's long lists of records (``STREAM_MIN`` items or more, at any depth, and the lists that hold one: the provisions) are left out of one dump of the rest
(the *shell*: the record with those lists empty) and written between its pieces one item at a time, each item the
same way. Items are indented as pydantic indents them inside their parent (serde's pretty printer: every line of
an item dumped alone, shifted by its depth), so the pieces join to ``model_dump_json(indent=…)`` exactly; a shell
in which an emptied list's key cannot be found once and in order is dumped whole instead.
"""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence

from pydantic import BaseModel

STREAM_MIN = 256
"""A list of records this long or longer is written item by item."""

_Stream = tuple[str, int, Sequence[BaseModel]]  # a list's key, the depth of the record that holds it, its items


@functools.cache
def _record_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record class that may hold records (a record, a list of them): the only ones to look into."""

    def holds(tp: object) -> bool:
        return (isinstance(tp, type) and issubclass(tp, BaseModel)) or any(holds(a) for a in typing.get_args(tp))

    return tuple(name for name, f in cls.model_fields.items() if holds(f.annotation))


def _plan(record: BaseModel, depth: int) -> tuple[BaseModel, list[_Stream]]:
    """The record with its long lists emptied (in nested records too), and those lists in the order they are
    written."""
    updates: dict[str, object] = {}
    streams: list[_Stream] = []
    for name in _record_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, list) and value and all(isinstance(x, BaseModel) for x in value) and (
                len(value) >= STREAM_MIN or any(_plan(x, 0)[1] for x in value)):  # long, or holds a long one
            updates[name] = []
            streams.append((name, depth, value))
        elif isinstance(value, BaseModel):
            shell, inner = _plan(value, depth + 1)
            if inner:
                updates[name] = shell
                streams.extend(inner)
    return (record.model_copy(update=updates) if updates else record), streams


def _marker(name: str, depth: int, indent: int | None) -> str:
    key = json.dumps(name)
    return f"{key}:[]" if indent is None else f"\n{' ' * indent * (depth + 1)}{key}: []"


def iter_json(record: BaseModel, indent: int | None = None) -> Iterator[str]:
    """``record.model_dump_json(indent=indent)`` in pieces.

    >>> from extractor.records import Section
    >>> def sec(n, **kw):
    ...     return Section(num=n, marker="cn", heading=None, path=n, key=n, text="x", span=(0, 1), page=1, line=1, **kw)
    >>> s = sec("一", children=[sec(str(k)) for k in range(STREAM_MIN)])
    >>> all("".join(iter_json(s, i)) == s.model_dump_json(indent=i) for i in (None, 2))
    True
    """
    shell, streams = _plan(record, 0)
    if not streams:
        yield record.model_dump_json(indent=indent)
        return
    text = shell.model_dump_json(indent=indent)
    markers = [_marker(name, depth, indent) for name, depth, _ in streams]
    ats = [text.find(m) for m in markers]
    if any(text.count(m) != 1 for m in markers) or ats != sorted(ats) or len(set(markers)) != len(markers):
        yield record.model_dump_json(indent=indent)  # a key not found once, in order: not split
        return
    pos = 0
    for (_, depth, items), marker, at in zip(streams, markers, ats, strict=True):
        close = at + len(marker) - 1  # the list's "]"
        yield text[pos:close]
        pad = "" if indent is None else " " * indent * (depth + 2)
        if indent is not None:
            yield "\n"
        for k, item in enumerate(items):
            if k:
                yield "," if indent is None else ",\n"
            yield pad
            for piece in iter_json(item, indent):
                yield piece.replace("\n", "\n" + pad) if pad else piece
        if indent is not None:
            yield "\n" + " " * indent * (depth + 1)
        pos = close
    yield text[pos:]


def iter_analyses_json(analyses: Iterable[BaseModel]) -> Iterator[str]:
    """The pieces of ``rows.analyses_to_json`` (a JSON list, each analysis indented 2)."""
    yield "[\n"
    for k, a in enumerate(analyses):
        if k:
            yield ",\n"
        yield from iter_json(a, 2)
    yield "\n]\n"


def iter_analyses_jsonl(analyses: Iterable[BaseModel]) -> Iterator[str]:
    """The pieces of ``rows.analyses_to_jsonl`` (one analysis per line)."""
    for a in analyses:
        yield from iter_json(a)
        yield "\n"


class BufferedText:
    """Pieces of text gathered and passed to ``write`` about ``size`` characters at a time (a write per piece
    would call ``click.echo``, which flushes, a million times)."""

    def __init__(self, write: Callable[[str], object], size: int = 1 << 20) -> None:
        self._write, self.size = write, size
        self.parts: list[str] = []
        self.held = 0

    def write(self, piece: str) -> None:
        self.parts.append(piece)
        self.held += len(piece)
        if self.held >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            text = "".join(self.parts)
            self.parts, self.held = [], 0
            self._write(text)


__all__ = ["STREAM_MIN", "BufferedText", "iter_analyses_json", "iter_analyses_jsonl", "iter_json"]
