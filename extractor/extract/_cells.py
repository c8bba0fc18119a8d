"""Bare numbers in the cells of a table whose row or column header names their unit (``find.row_units`` of
data/context_rules.yaml): 起付线（元）, 报销比例（%）."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import regex

from ..records.vocab import QuantityKind, Unit
from ._found import Found
from .rules import context_rules

_ROW_UNITS = tuple(context_rules().find.row_units.items())
_BARE_CELL = regex.compile(r"[ \u3000]*(\d+(?:\.\d+)?)[ \u3000]*")


def row_unit_cells(text: str, free: Callable[[int, int], bool], take: Callable[[int, int], None]) -> list[Found]:
    """Bare numbers in a table row after a cell that names their unit: "起付线（元）\t800\t400" gives 800 and
    400 yuan, "报销比例（%）\t55\t65" 55 and 65 percent (``find.row_units``)."""
    out: list[Found] = []
    line_start = 0
    for line in text.split("\n"):
        if "\t" in line:
            kind: QuantityKind | None = None
            label: str | None = None
            pos = line_start
            for cell in line.split("\t"):
                bare = _BARE_CELL.fullmatch(cell)
                if kind is not None and bare is not None:
                    a, b = pos + bare.start(1), pos + bare.end(1)
                    if free(a, b):
                        unit: Unit = "yuan" if kind == "money" else "percent"
                        out.append(Found(kind, Decimal(bare.group(1)), None, unit, a, b, column=label))
                        take(a, b)
                elif bare is None:
                    named = next((k for w, k in _ROW_UNITS if w in cell), None)
                    kind, label = (named, cell) if named is not None else (kind, label)
                pos += len(cell) + 1
        line_start += len(line) + 1
    return out


_CELL_AFTER_COLON = regex.compile(r"[：:][ \u3000]*(\d+(?:\.\d+)?)[ \u3000]*(?=[；;]|$)")


def _unit_of(cell: str) -> QuantityKind | None:
    return next((k for w, k in _ROW_UNITS if w in cell), None)


def _header_columns(head: list[str], sub: list[str]) -> list[str]:
    """The columns of a table whose header is two rows: the cells of the second row (起付标准（元）, 报销比例（%）) split
    the cell of the first that has no unit right before its first cell that has one (基本医保范围内费用, before
    年度最高支付限额（元/人）), or, when none has one, its last cell without a unit."""
    units = [j for j, c in enumerate(head) if _unit_of(c) is not None]
    plain = [j for j, c in enumerate(head) if _unit_of(c) is None and (not units or j < units[0])]
    if not sub or not plain:
        return head
    j = plain[-1]
    return head[:j] + sub + head[j + 1 :]


def column_unit_cells(text: str, free: Callable[[int, int], bool], take: Callable[[int, int], None]) -> list[Found]:
    """Bare numbers of a table whose header cells name their column's unit, the header in one row or in two (the
    second splitting a merged cell of the first): "序号\t病种\t基本医保范围内费用\t年度最高支付 限额（元/人）\t备注" over
    "起付标准（元）\t报销比例（%）". A full row's cells are the columns in order; a short row (its other cells merged
    from the row above: "2\t糖尿病\t4000") gives its last bare numbers to the last columns with a unit; a cell of a
    unit column that lists bands gives the number after each colon (6万元以内（含6万元）：70；…：40)."""
    out: list[Found] = []
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    k = 0
    while k < len(lines):
        if "\t" not in lines[k] or (k > 0 and "\t" in lines[k - 1]):
            k += 1
            continue
        head = lines[k].split("\t")
        if any(_BARE_CELL.fullmatch(c) for c in head):
            k += 1
            continue
        row = k + 1
        sub: list[str] = []
        nxt = lines[row].split("\t") if row < len(lines) else []
        if nxt and all(_unit_of(c) is not None for c in nxt if c.strip()) and not any(_BARE_CELL.fullmatch(c) for c in nxt):
            sub, row = [c for c in nxt if c.strip()], row + 1
        columns = _header_columns(head, sub)
        kinds = [_unit_of(c) for c in columns]
        if not any(kinds):
            k = row
            continue
        unit_cols = [j for j, kd in enumerate(kinds) if kd is not None]
        while row < len(lines) and "\t" in lines[row]:
            cells = lines[row].split("\t")
            pos = [starts[row]]
            for c in cells:
                pos.append(pos[-1] + len(c) + 1)
            if len(cells) >= len(columns):
                placed = list(enumerate(range(len(columns))))
            else:  # the trailing bare numbers go to the last unit columns
                bare = [i for i, c in enumerate(cells) if _BARE_CELL.fullmatch(c) and i >= 1]
                tail: list[int] = []
                for i in reversed(bare):
                    if tail and i != tail[-1] - 1:
                        break
                    tail.append(i)
                placed = list(zip(reversed(tail), unit_cols[-len(tail) :], strict=False)) if tail else []
            for i, j in placed:
                kind = kinds[j]
                if kind not in ("money", "percent"):
                    continue
                unit: Unit = "yuan" if kind == "money" else "percent"
                bare_m = _BARE_CELL.fullmatch(cells[i])
                spans = [(bare_m.start(1), bare_m.end(1), bare_m.group(1))] if bare_m else \
                    [(m.start(1), m.end(1), m.group(1)) for m in _CELL_AFTER_COLON.finditer(cells[i])]
                for a0, b0, v in spans:
                    a, b = pos[i] + a0, pos[i] + b0
                    if free(a, b):
                        out.append(Found(kind, Decimal(v), None, unit, a, b, column=columns[j]))
                        take(a, b)
            row += 1
        k = row
    return out
