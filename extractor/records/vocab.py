"""The closed vocabularies of Zhengce's records, as ``Literal`` types shared by the records and the stages.

A stage-internal type (a found number, its context, a numbering marker) uses the same ``Literal`` as the record
it becomes, so nothing needs a cast to cross from one to the other. ``*_VALUES`` tuples list each vocabulary
for code that iterates over it (the scores, the CLI's choices).
"""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["national", "provincial", "municipal", "county", "district"]
SourceKind = Literal["pdf", "text", "docx", "html"]

QuantityKind = Literal["money", "percent", "duration", "age", "count", "date"]
"""What a number measures. ``date`` is a point or period in time, not a rule's parameter."""
Unit = Literal["yuan", "percent", "month", "day", "hour", "year", "count", "date"]
Bound = Literal["exact", "max", "min", "range"]
Per = Literal[
    "person", "month", "year", "enterprise", "household", "student", "one_off", "project", "time",
    "class_hour", "quarter", "half_year", "half_month", "unit", "certificate", "day", "week", "child",
]
"""What an amount is counted per: a subject (person, enterprise, household…) or a period (month, year…)."""
Role = Literal["parameter", "statistic", "target", "scoring"]
BeneficiaryKind = Literal["individual", "enterprise", "institution", "government"]
Marker = Literal["bian", "zhang", "jie", "tiao", "cn", "cn_paren", "arabic", "arabic_paren", "circled", "shi"]
"""A numbering style: 第X编/章/节/条, 一、, （一）, 1., （1）, ①, 一是."""

PairStatus = Literal["unchanged", "renumbered", "moved", "modified", "split", "merged", "added", "removed"]
"""How an article of one version stands to the other (after Akoma Ntoso: substitution, insertion, repeal,
renumbering, split, join). ``renumbered`` is the same text under another number or chapter. ``moved`` is kept
only for older gold files; the program no longer says it."""
ChangeKind = Literal["money", "percent", "duration", "age", "count", "group", "condition"]

QUANTITY_KINDS: tuple[QuantityKind, ...] = get_args(QuantityKind)
RULE_KINDS: tuple[QuantityKind, ...] = ("money", "percent", "duration", "age", "count")
"""The kinds that state a rule's parameter (every kind but ``date``): what is scored, compared and diffed."""
UNITS: tuple[Unit, ...] = get_args(Unit)
BOUNDS: tuple[Bound, ...] = get_args(Bound)
PERS: tuple[Per, ...] = get_args(Per)
ROLES: tuple[Role, ...] = get_args(Role)
MARKERS: tuple[Marker, ...] = get_args(Marker)

__all__ = [
    "BOUNDS", "MARKERS", "PERS", "QUANTITY_KINDS", "ROLES", "RULE_KINDS", "UNITS",
    "BeneficiaryKind", "Bound", "ChangeKind", "Level", "Marker", "PairStatus", "Per", "QuantityKind", "Role",
    "SourceKind", "Unit",
]
