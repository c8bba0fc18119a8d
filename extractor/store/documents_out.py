"""Writing parsed documents as they come: one file per document in a folder, everything in one file, or a stream.

``zhengce parse`` hands each document to a :class:`DocumentSink`; the sink decides the layout from where the
output goes. Document ids are unique across files and kinds (``001_x.txt``, ``001_x.pdf``), so one folder holds
every document of a mixed batch without two overwriting each other.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Literal, TextIO

from ..records import Document
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


class DocumentSink:
    """Where ``zhengce parse`` writes: a folder (``OUT/<id>.json``; jsonl: ``OUT/documents.jsonl``), one file, or
    ``stream`` (stdout) when ``out`` is None. JSON written to one file or a stream is one list of documents."""

    def __init__(self, out: str | Path | None, fmt: DocumentFormat, stream: TextIO) -> None:
        self.fmt = fmt
        self.folder = Path(out) if out is not None and is_folder_target(out) else None
        self._file: TextIO | None = None
        self._target: TextIO = stream
        self._list = self.folder is None and fmt == "json"
        self._first = True
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            if fmt == "jsonl":
                self._file = open(self.folder / "documents.jsonl", "w", encoding="utf-8")  # noqa: SIM115
                self._target = self._file
        elif out is not None:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            self._file = open(out, "w", encoding="utf-8")  # noqa: SIM115
            self._target = self._file

    def __enter__(self) -> DocumentSink:
        if self._list:
            self._target.write("[\n")
        return self

    def write(self, doc: Document) -> None:
        """Write one document where it belongs."""
        text = render_document(doc, self.fmt)
        if self.folder is not None and self.fmt != "jsonl":
            (self.folder / f"{doc.id}{SUFFIX[self.fmt]}").write_text(text, encoding="utf-8")
            return
        if self._list:
            text = ("" if self._first else ",\n") + text.rstrip("\n")
            self._first = False
        self._target.write(text)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._list and kind is None:
            self._target.write("\n]\n")
        if self._file is not None:
            self._file.close()
