"""Read golden files through their models, so that a malformed one is one line naming the file and the field.

>>> from pydantic import ValidationError
>>> from extractor.records.evaluation import GoldQuantity
>>> try:
...     GoldQuantity.model_validate_json('{"section": "一", "quote": "q", "kind": "money", "value": 1,'
...                                      ' "unit": "yuan", "bound": "maximum"}')
... except ValidationError as e:
...     print(describe(e))
bound: 'maximum' is not one of exact, max, min, range
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

import regex
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import InputError
from ..records.evaluation import GoldCompareTable, GoldDiff, GoldDocument

M = TypeVar("M", bound=BaseModel)

_UNION_MEMBERS = frozenset({"int", "float", "str", "bool", "none"})
"""Names pydantic puts in an error's location for the member of a union that failed: not fields."""

_TYPES = {
    "int_type": "a number",
    "float_type": "a number",
    "int_from_float": "a whole number",
    "string_type": "a string",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "date_type": "an ISO date (YYYY-MM-DD)",
    "date_parsing": "an ISO date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "an ISO date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "an ISO date (YYYY-MM-DD)",
    "greater_than_equal": "a line number (1 or more)",
}


class GoldFileError(InputError):
    """A golden file that cannot be read through its model: the file, the field and what is wrong, in one line."""


def _field(loc: tuple[int | str, ...]) -> str:
    """``('quantities', 3, 'value', 'int')`` -> ``quantities[3].value``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part not in _UNION_MEMBERS and "[" not in part:
            out += f".{part}" if out else part
    return out


def _show(value: Any) -> str:
    """An input value as the gold file spells it: strings quoted, JSON literals (true, null) as JSON."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _what(errors: list[ErrorDetails]) -> str:
    """What is wrong with one field (several errors: the members of a union, each refused)."""
    first = errors[0]
    kind, value, ctx = first["type"], first.get("input"), first.get("ctx") or {}
    if kind == "literal_error":
        expected = regex.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"{_show(value)} is not one of {', '.join(expected)}"
    if kind == "missing":
        return "too few items" if first["loc"] and isinstance(first["loc"][-1], int) else "missing (a required field)"
    if kind == "too_long":
        return f"too many items: {_show(value)}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "json_invalid":
        return f"not JSON: {ctx.get('error', first['msg'])}"
    if kind == "value_error":
        return str(first["msg"]).removeprefix("Value error, ")
    wanted = [_TYPES[e["type"]] for e in errors if e["type"] in _TYPES]
    if len(wanted) == len(errors):
        return f"{_show(value)} is not {' or '.join(dict.fromkeys(wanted))}"
    return f"{first['msg']} (got {_show(value)})"


def describe(error: ValidationError) -> str:
    """A validation error in one line: the first field at fault and what is wrong, then how many more."""
    fields: dict[str, list[ErrorDetails]] = {}
    for e in error.errors():
        loc = e["loc"]
        if e["type"] == "missing" and loc and isinstance(loc[-1], int):
            loc = loc[:-1]  # a list of fixed length (lines) that is too short: the list is at fault
        fields.setdefault(_field(loc), []).append(e)
    where, errors = next(iter(fields.items()))
    if where:
        line = f"{where}: {_what(errors)}"
    elif errors[0]["type"] == "model_type":
        line = f"not a JSON object: {_show(errors[0].get('input'))}"
    else:
        line = _what(errors)
    if len(fields) > 1:
        line += f" (and {len(fields) - 1} more)"
    return " ".join(line.split("\n"))


def read_gold(path: Path, model: type[M]) -> M:
    """A golden file read through ``model``; ``GoldFileError`` (one line) when it is not one."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise GoldFileError(path, f"cannot be read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise GoldFileError(path, f"not UTF-8 text (byte {e.start})") from e
    try:
        return model.model_validate_json(text)
    except ValidationError as e:
        raise GoldFileError(path, describe(e)) from e


def read_gold_document(path: Path) -> GoldDocument:
    """A gold document (``golden/<doc-id>.json``)."""
    return read_gold(path, GoldDocument)


def read_gold_diff(path: Path) -> GoldDiff:
    """A golden diff (``golden/diffs/<name>.json``)."""
    return read_gold(path, GoldDiff)


def read_gold_compare(path: Path) -> GoldCompareTable:
    """A golden comparison (``golden/compare/<benefit>.json``)."""
    return read_gold(path, GoldCompareTable)
