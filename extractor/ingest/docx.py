"""DOCX: paragraphs in order, Word's automatic numbering turned back into printed labels, tables as rows."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from ..budgets import DEFAULT_BUDGETS, Budgets
from ..errors import InputError
from ..text.numerals import format_cn
from .raw import RawDoc, RawLine

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


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

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
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


def read(path: Path, *, budgets: Budgets = DEFAULT_BUDGETS) -> RawDoc:
    """Read a DOCX: one line per paragraph, one tab-separated line per table row."""
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not a DOCX file (not a ZIP package)")
    try:
        document = docx.Document(str(path))
    except (KeyError, ValueError, zipfile.BadZipFile) as e:
        raise InputError(path, f"damaged DOCX: {e}") from e
    numbering = _Numbering(document)
    lines: list[RawLine] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            num_pr = child.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None and text.strip():
                num_id = num_pr.find(qn("w:numId"))
                ilvl = num_pr.find(qn("w:ilvl"))
                if num_id is not None:
                    text = numbering.label(num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0) + text
            lines.append(RawLine(text, None, len(lines) + 1))
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                lines.append(RawLine("\t".join(cells), None, len(lines) + 1, False))
    if not any(ln.text.strip() for ln in lines):
        raise InputError(path, "DOCX has no text")
    return RawDoc(str(path), "docx", lines)
