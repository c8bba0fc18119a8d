"""Plain text: UTF-8 (with or without BOM), UTF-16 and GB18030/GBK, detected; CRLF and CR line ends."""

from __future__ import annotations

from pathlib import Path

import regex
from charset_normalizer import from_bytes

from ..budgets import DEFAULT_BUDGETS, BudgetError, Budgets
from ..errors import InputError
from .raw import RawDoc, RawLine

# Encodings tried in order before asking the detector: what Chinese government text files use.
_BOMS = (("\ufeff", "utf-8-sig"),)
MAX_BYTES_PER_CHAR = 4  # UTF-8 and GB18030 take at most 4 bytes a character, UTF-16 2 or 4


MAX_REPLACED_SHARE = 0.01
"""Of a text's characters, at most this share replaced by U+FFFD where its bytes are invalid in UTF-8 or GB18030
(a file damaged in a few places, read with a warning); beyond it the file is no text in that encoding."""


def _damaged(data: bytes, enc: str) -> tuple[str, int] | None:
    """The text of bytes in ``enc`` but for a few invalid sequences, each replaced by U+FFFD, with their number;
    None beyond ``MAX_REPLACED_SHARE`` of the characters.

    >>> _damaged(("就业创业补贴政策" * 20).encode("utf-8")[:-1] + "的通知".encode("utf-8"), "utf-8")[1]
    1
    >>> _damaged("就业创业补贴政策".encode("gb18030"), "utf-8") is None
    True
    """
    text = data.decode(enc, errors="replace")
    replaced = text.count("\ufffd")
    return (text, replaced) if replaced <= MAX_REPLACED_SHARE * len(text) else None


def decode_text(data: bytes, path: str, warnings: list[str] | None = None) -> str:
    """Decode the bytes of a text file, detecting its encoding. With ``warnings`` given, bytes that are UTF-8 (or
    else GB18030) but for a few invalid sequences are decoded with those replaced by U+FFFD, and a warning says so
    (before GB18030 or the detector would read them as another encoding).

    >>> decode_text("就业".encode("gb18030"), "a.txt")
    '就业'
    >>> decode_text("\\ufeff就业".encode("utf-8"), "a.txt")
    '就业'
    >>> w: list[str] = []
    >>> decode_text(("就业补贴" * 30).encode("utf-8")[:-1] + "。".encode("utf-8"), "a.txt", w)[-3:], w
    ('补\\ufffd。', ['1 invalid byte sequence(s) for utf-8 replaced by U+FFFD'])
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    for enc in ("utf-8", "gb18030"):  # a UTF-8 file damaged in a few places before GB18030, which takes most bytes
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
        damaged = _damaged(data, enc) if warnings is not None else None
        if damaged is not None and warnings is not None:
            warnings.append(f"{damaged[1]:,} invalid byte sequence(s) for {enc} replaced by U+FFFD")
            return damaged[0]
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "not text in any known encoding (UTF-8, UTF-16, GB18030)")
    return str(best)


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters or replacement marks: binary, not a document."""
    if not text:
        return False
    sample = text[:4096]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\r\n\f") or c == "\ufffd")
    return bad / len(sample) > 0.02


def read(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
    """Read a text file into lines (1-based line numbers as in the file), decoded once.

    Raises:
        BudgetError: more than ``budgets.max_chars`` characters; a file of more than ``MAX_BYTES_PER_CHAR`` ×
            ``budgets.max_chars`` bytes cannot fit and is refused before it is read.
        InputError: empty, binary, or in no known encoding.
    """
    size = path.stat().st_size
    if size > MAX_BYTES_PER_CHAR * budgets.max_chars:
        measured = f"{size:,} bytes, so at least {size // MAX_BYTES_PER_CHAR:,} characters"
        raise BudgetError(path, "max_chars", measured, budgets.max_chars)
    data = path.read_bytes()
    warnings: list[str] = []
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        best = from_bytes(data[:65536]).best()  # UTF-16 without a byte-order mark has zero bytes too
        if best is None or not best.encoding.startswith("utf_16") or len(data) < 64:
            raise InputError(path, "binary data, not text")
        text = data.decode(best.encoding.replace("_", "-"), errors="replace")
        if len(regex.findall(r"[\p{Han}\p{P}\sA-Za-z0-9]", text)) < 0.9 * len(text):
            raise InputError(path, "binary data, not text")
    else:
        text = decode_text(data, str(path), warnings)
    del data
    if looks_binary(text):
        raise InputError(path, "binary data, not text")
    if len(text) > budgets.max_chars:
        raise BudgetError(path, "max_chars", f"{len(text):,} characters", budgets.max_chars)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))]
    return RawDoc(str(path), "text", lines, warnings=warnings)
