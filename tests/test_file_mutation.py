"""Damaged files (issue 13, part 7): byte flips, truncations and corrupted zip entries of corpus files, each
parsed in-process (``extractor.pipeline.parse_path``) and a few through the real CLI.

For every mutant: either an error result, one line that names the file (the result's path; the CLI prints
``path: cause``) and a cause, never a traceback; or documents, with page warnings if any. A reader's failure is
its own :class:`InputError`, never a library's exception that only the batch's last resort caught.

The mutants are fixed by their seed: ``MUTANTS`` lists them as (id, source, kind, seed); ``mutate`` makes the
bytes. ``benchmarks/fuzz.py`` uses the same ``mutate`` for thousands of seeds.
"""

from __future__ import annotations

import io
import logging
import os
import random
import struct
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractor.pipeline import parse_path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "pdf": ROOT / "corpus/pdf/002_f15aeebbaef14a54.pdf",  # 5 pages
    "docx": ROOT / "corpus/docx/002_f15aeebbaef14a54.docx",
    "html": ROOT / "corpus/html/002_f15aeebbaef14a54.html",
    "txt": ROOT / "corpus/texts/002_f15aeebbaef14a54.txt",
}
KINDS = {"pdf": ("flip", "truncate"), "docx": ("flip", "truncate", "entry-flip", "entry-cut", "entry-drop"),
         "html": ("flip", "truncate", "char-flip"), "txt": ("flip", "truncate", "char-flip")}
SECONDS = 90.0  # per mutant, in-process: far above a healthy parse, far below the hangs


# ---------------------------------------------------------------------------------------------------------------
# Mutations: pure functions of (bytes, seed).


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """1 to 16 bytes set to random values, anywhere."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    """The file cut somewhere (nothing left at all, now and then)."""
    return data[: 0 if rng.random() < 0.1 else rng.randrange(1, len(data))]


MARKUP = ["<", ">", "</", "&", "&#", "<p>", "</div>", "<table>", "<td>", "<!--", "\x00", "\ufffd", "\u3000", "\n", "一、", "（", "《"]


def flip_chars(data: bytes, rng: random.Random) -> bytes:
    """1 to 16 characters of a text replaced by markup, controls or numbering, in its own encoding (UTF-8 or
    GB18030), so that the text still decodes and the damage reaches the parser."""
    encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "gb18030", data.decode("gb18030")
    chars = list(text)
    for _ in range(rng.randint(1, 16)):
        chars[rng.randrange(len(chars))] = rng.choice(MARKUP)
    return "".join(chars).encode(encoding)


def _entries(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [i for i in z.infolist() if i.compress_size > 0]


def _pick(entries: list[zipfile.ZipInfo], rng: random.Random) -> zipfile.ZipInfo:
    """word/document.xml half the time (where the text is), else any entry."""
    main = [i for i in entries if i.filename == "word/document.xml"]
    return main[0] if main and rng.random() < 0.5 else rng.choice(entries)


def flip_entry(data: bytes, rng: random.Random) -> bytes:
    """1 to 8 bytes of one entry's compressed data flipped in place (a zlib error or a CRC mismatch)."""
    info = _pick(_entries(data), rng)
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[start + rng.randrange(info.compress_size)] ^= 1 << rng.randrange(8)
    return bytes(out)


def _rewrite(data: bytes, change: str, rng: random.Random) -> bytes:
    target = _pick(_entries(data), rng).filename
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == target:
                if change == "drop":
                    continue
                body = body[: rng.randrange(len(body))] if body else body  # the XML cut mid-element
            dst.writestr(info, body)
    return buf.getvalue()


def cut_entry(data: bytes, rng: random.Random) -> bytes:
    """The zip rewritten with one entry's content cut short (valid zip, broken XML)."""
    return _rewrite(data, "cut", rng)


def drop_entry(data: bytes, rng: random.Random) -> bytes:
    """The zip rewritten without one of its entries."""
    return _rewrite(data, "drop", rng)


MUTATIONS = {"flip": flip_bytes, "truncate": truncate, "char-flip": flip_chars, "entry-flip": flip_entry, "entry-cut": cut_entry, "entry-drop": drop_entry}


def mutate(source: str, kind: str, seed: int) -> bytes:
    """The mutant ``(source, kind, seed)`` of a corpus file: the same bytes on every run."""
    return MUTATIONS[kind](SOURCES[source].read_bytes(), random.Random(f"{source}/{kind}/{seed}"))


@dataclass(frozen=True)
class Mutant:
    source: str
    kind: str
    seed: int

    @property
    def id(self) -> str:
        return f"{self.source}-{self.kind}-{self.seed}"

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.id}{SOURCES[self.source].suffix}"
        path.write_bytes(mutate(self.source, self.kind, self.seed))
        return path


MUTANTS = [
    *(Mutant("pdf", "flip", s) for s in range(6)), *(Mutant("pdf", "truncate", s) for s in range(3)),
    *(Mutant("docx", "flip", s) for s in range(2)), Mutant("docx", "truncate", 0),
    *(Mutant("docx", "entry-flip", s) for s in range(4)), *(Mutant("docx", "entry-cut", s) for s in range(3)),
    Mutant("docx", "entry-drop", 0),
    Mutant("html", "flip", 0), Mutant("html", "truncate", 0), *(Mutant("html", "char-flip", s) for s in range(3)),
    Mutant("txt", "flip", 0), Mutant("txt", "truncate", 0), *(Mutant("txt", "char-flip", s) for s in range(3)),
]
CLI_MUTANTS = [Mutant("pdf", "flip", 0), Mutant("docx", "entry-flip", 0), Mutant("docx", "entry-cut", 1), Mutant("txt", "truncate", 0)]


# ---------------------------------------------------------------------------------------------------------------
# The checks.


def check_result(path: Path, result: object) -> None:
    """One error line naming the file and a cause, or documents (warnings allowed)."""
    from extractor.records import ParseResult

    assert isinstance(result, ParseResult)
    assert result.path == str(path), f"the result names {result.path}, not {path}"
    if result.error is not None:
        assert not result.documents, "an error and documents"
        line = f"{result.path}: {result.error}"
        assert "\n" not in line and "Traceback" not in line, f"not one line: {line!r}"
        assert result.error.strip(" :"), "an error without a cause"
    else:
        assert result.documents, "neither documents nor an error"
        for doc in result.documents:
            assert all("\n" not in w and "Traceback" not in w for w in doc.warnings), doc.warnings


@pytest.mark.parametrize("mutant", MUTANTS, ids=lambda m: m.id)
def test_a_damaged_file_gives_one_line_or_documents(mutant: Mutant, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = mutant.write(tmp_path)
    caplog.set_level(logging.DEBUG, logger="extractor.pipeline")
    start = time.perf_counter()
    result = parse_path(path)
    took = time.perf_counter() - start
    check_result(path, result)
    assert took < SECONDS, f"{mutant.id} took {took:.0f} s"
    # the batch's last resort (parse_path's except Exception) logs what no reader contained: a library's exception
    leaked = [r for r in caplog.records if r.exc_info and r.name == "extractor.pipeline"]
    assert not leaked, f"{mutant.id}: uncontained {leaked[0].exc_info[1]!r}"  # type: ignore[index]


def test_mutants_are_fixed_by_their_seed() -> None:
    for m in (Mutant("pdf", "flip", 3), Mutant("docx", "entry-cut", 2)):
        assert mutate(m.source, m.kind, m.seed) == mutate(m.source, m.kind, m.seed)
    assert mutate("pdf", "flip", 0) != mutate("pdf", "flip", 1)
    assert mutate("docx", "entry-flip", 0) != SOURCES["docx"].read_bytes()


CLI = Path(sys.executable).parent / "zhengce"


@pytest.mark.parametrize("mutant", CLI_MUTANTS, ids=lambda m: m.id)
def test_the_cli_on_a_damaged_file(mutant: Mutant, tmp_path: Path) -> None:
    path = mutant.write(tmp_path)
    env = {**os.environ, "COLUMNS": "200"}
    run = subprocess.run([str(CLI), "parse", str(path), "-o", str(tmp_path / "out")], capture_output=True, text=True,
                         timeout=SECONDS + 30, env=env)
    assert "Traceback" not in run.stderr + run.stdout, run.stderr[-2000:]
    if run.returncode != 0:
        lines = [ln for ln in run.stderr.splitlines() if path.name in ln]
        assert lines, f"exit {run.returncode} without a line naming {path.name}: {run.stderr[-500:]}"
    else:
        assert list((tmp_path / "out").glob("*.json")), "exit 0 without a document written"
