"""Writing parsed documents as they come: one file per document in a folder, everything in one file, or a stream.

``zhengce parse`` hands each document to a :class:`DocumentSink`; the sink decides the layout from where the
output goes. Document ids are unique across files and kinds (``001_x.txt``, ``001_x.pdf``), so one folder holds
every document of a mixed batch; two sources that would still give one file name (``a/001.txt`` and
``b/001.txt``) are an error for the second, never a silent overwrite. Every file is written atomically and the
output is locked for the run (:mod:`.atomic`), so a kill leaves no partial file and concurrent runs into one
output are serialized.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Literal, TextIO

from ..errors import InputError
from ..records import Document
from .atomic import atomic_open, output_lock, write_atomic
from .render import document_to_markdown, document_to_tree

DocumentFormat = Literal["json", "jsonl", "md", "tree"]
SUFFIX: dict[DocumentFormat, str] = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "tree": ".txt"}


def render_document(doc: Document, fmt: DocumentFormat) -> str:
    """One document as JSON (indented), one JSON line, Markdown or an outline."""
    if fmt == "json":
        return doc.model_dump_json(indent=2) + "\n"
    if fmt == "jsonl":
        return doc.model_dump_json() + "\n"
    if fmt == "md":
        return document_to_markdown(doc)
    return document_to_tree(doc)


def is_folder_target(out: str | Path | None) -> bool:
    """An output names a folder when it is one, or has no suffix."""
    return out is not None and (Path(out).is_dir() or not Path(out).suffix)


def same_source(a: str, b: str) -> bool:
    """Do two source paths name one file (as written, or once resolved)?

    >>> same_source("corpus/a.txt", "./corpus/a.txt"), same_source("a/001.txt", "b/001.txt")
    (True, False)
    """
    return a == b or Path(a).resolve() == Path(b).resolve()


def _saved_source(path: Path) -> tuple[str, str] | None:
    """The source path and sha256 of the document a JSON record file holds, or None when it holds none."""
    try:
        source = json.loads(path.read_text(encoding="utf-8"))["source"]
        return str(source["path"]), str(source["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DocumentSink:
    """Where ``zhengce parse`` writes: a folder (``OUT/<id>.json``; jsonl: ``OUT/documents.jsonl``), one file, or
    ``stream`` (stdout) when ``out`` is None. JSON written to one file or a stream is one list of documents.

    A file becomes visible only whole: the one file (or ``documents.jsonl``) when the ``with`` block ends without
    an exception, each document's file when it is written. ``on_wait`` is told when another run holds the output.
    """

    def __init__(
        self, out: str | Path | None, fmt: DocumentFormat, stream: TextIO, on_wait: Callable[[str], None] | None = None
    ) -> None:
        self.fmt = fmt
        self.out = Path(out) if out is not None else None
        self.folder = self.out if self.out is not None and is_folder_target(self.out) else None
        self.on_wait = on_wait
        self._stack = contextlib.ExitStack()
        self._target: TextIO = stream
        self._list = self.folder is None and fmt == "json"
        self._first = True
        self._written: dict[str, str] = {}  # file name -> source path, in this run

    def __enter__(self) -> DocumentSink:
        with self._stack as stack:
            if self.out is not None:
                if self.folder is not None:
                    self.folder.mkdir(parents=True, exist_ok=True)
                stack.enter_context(output_lock(self.out, self.on_wait))
                if self.folder is None:
                    self._target = stack.enter_context(atomic_open(self.out))
                elif self.fmt == "jsonl":
                    self._target = stack.enter_context(atomic_open(self.folder / "documents.jsonl"))
            if self._list:
                self._target.write("[\n")
            self._stack = stack.pop_all()
        return self

    def _check_name(self, doc: Document, path: Path) -> None:
        """An InputError when ``path`` was written in this run from another source, or holds another source's
        document from an earlier run (JSON only): never overwritten silently."""
        other = self._written.get(path.name)
        if other is not None and not same_source(other, doc.source.path):
            raise InputError(doc.source.path, f"its document id {doc.id} is also that of {other}; {path} not "
                                              "overwritten (parse them into different folders)")
        if other is None and self.fmt == "json" and path.exists():
            saved = _saved_source(path)
            if saved is not None and not same_source(saved[0], doc.source.path) and saved[1] != doc.source.sha256:
                raise InputError(doc.source.path, f"{path} holds the document {doc.id} of another source ({saved[0]}); "
                                                  "not overwritten (remove it or parse into another folder)")

    def write(self, doc: Document) -> None:
        """Write one document where it belongs. Raises InputError when its file name is another source's."""
        text = render_document(doc, self.fmt)
        if self.folder is not None and self.fmt != "jsonl":
            path = self.folder / f"{doc.id}{SUFFIX[self.fmt]}"
            self._check_name(doc, path)
            write_atomic(path, text)
            self._written[path.name] = doc.source.path
            return
        if self._list:
            text = ("" if self._first else ",\n") + text.rstrip("\n")
            self._first = False
        self._target.write(text)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._list and kind is None:
            self._target.write("\n]\n")
        self._stack.__exit__(kind, exc, tb)
