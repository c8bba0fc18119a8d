"""The context rules as data: ``extractor/data/context_rules.yaml`` read once into frozen tables.

Two shapes (the data file's header says more):

- a word list, a tuple of literal words; ``alternation(words)`` turns one into a regex alternative;
- a ``Table`` of named ``Rule`` entries (name, the domain rule, the regex, a Chinese example the regex finds),
  which matches where any of its entries matches, trying them in order.

The reader is strict: every key of the file is required, no other key is allowed, and the closed vocabularies
(per, kind) are checked against ``records.vocab``; a mistake raises ``RulesError`` naming the file and the key.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import TypeGuard

import regex
import yaml

from ..records.vocab import PERS, QUANTITY_KINDS, Per, QuantityKind

RULES_FILE = "context_rules.yaml"


class RulesError(ValueError):
    """The rules file is malformed: the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One named regex rule: ``rule`` says in words what ``pattern`` decides; ``example`` is a text it finds."""

    name: str
    rule: str
    pattern: regex.Pattern[str]
    example: str


@dataclass(frozen=True, slots=True)
class Table:
    """A named table of rules; ``pattern`` is their alternation, in order (the first entry that matches wins)."""

    name: str
    rules: tuple[Rule, ...]
    pattern: regex.Pattern[str]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match[str]]:
        return list(self.pattern.finditer(text, pos, len(text) if endpos is None else endpos))


@dataclass(frozen=True, slots=True)
class PerAfter:
    """A marker right after a number (``元/人``) and the per it gives."""

    name: str
    rule: str
    pattern: regex.Pattern[str]
    per: Per
    example: str


@dataclass(frozen=True, slots=True)
class PerNear:
    """Words a little before a number (the end of ``pattern`` at the number) that give it a per, for ``kinds``."""

    name: str
    rule: str
    pattern: regex.Pattern[str]
    per: Per
    kinds: frozenset[QuantityKind]
    example: str


@dataclass(frozen=True, slots=True)
class FindRules:
    count_units: tuple[str, ...]
    count_unit_compounds: tuple[str, ...]
    steps_before: tuple[str, ...]
    measure_units: tuple[str, ...]
    measure_bounds: tuple[str, ...]
    measure_bounds_after: tuple[str, ...]
    measure_nouns: tuple[str, ...]
    period_anchor_after: tuple[str, ...]
    money_unit_omitted_before: tuple[str, ...]
    frequency_before: tuple[str, ...]
    year_named_before: tuple[str, ...]
    day_named_before: tuple[str, ...]
    day_window_after: tuple[str, ...]
    day_window_before: tuple[str, ...]
    approximately_before: tuple[str, ...]
    approximately_after: tuple[str, ...]
    times_compounds: tuple[str, ...]
    items_referred_after: tuple[str, ...]
    points_before: tuple[str, ...]
    points_not_after: tuple[str, ...]
    hours_granted_before: tuple[str, ...]
    term_named_after: tuple[str, ...]
    row_units: Mapping[str, QuantityKind]
    age_anchor_before: tuple[str, ...]
    age_anchor_after: tuple[str, ...]
    payment_period_before: tuple[str, ...]
    payment_verbs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BoundRules:
    max_after: tuple[str, ...]
    min_after: tuple[str, ...]
    max_before: tuple[str, ...]
    min_before: tuple[str, ...]
    negatable: tuple[str, ...]
    negators: tuple[str, ...]
    inclusive: tuple[str, ...]
    distant_negators: tuple[str, ...]
    distant_negator_reach: int
    only_for_kinds: Mapping[str, frozenset[QuantityKind]]
    not_for_kinds: Mapping[str, frozenset[QuantityKind]]
    condition_min_before: tuple[str, ...]
    not_a_bound: Table
    age_ends_before: tuple[str, ...]
    age_until_event: tuple[str, ...]
    band_end_after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PerRules:
    subjects: frozenset[Per]
    near_kinds: frozenset[QuantityKind]
    near_chars: int
    before: tuple[tuple[str, tuple[Per, ...]], ...]
    after: tuple[PerAfter, ...]
    yearly: Table
    monthly: Table
    one_off: tuple[str, ...]
    governing: tuple[PerNear, ...]
    not_a_subject: Table
    one_off_sum: Table
    stepped: tuple[PerNear, ...]


@dataclass(frozen=True, slots=True)
class BaseRules:
    triggers: tuple[str, ...]
    not_ending: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BenefitRules:
    nouns: tuple[str, ...]
    after_nouns: tuple[str, ...]
    heading_nouns: tuple[str, ...]
    verbs: tuple[str, ...]
    attributes: tuple[str, ...]
    not_followed_by: tuple[str, ...]
    generic: tuple[str, ...]
    recipient_nouns: tuple[str, ...]
    organ_nouns: tuple[str, ...]
    negators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountRules:
    condition_after: Table
    bounds: tuple[str, ...]
    service: tuple[str, ...]
    planned: tuple[str, ...]
    routine: Table
    benefit_words: tuple[str, ...]
    visits: tuple[str, ...]
    persons: tuple[str, ...]
    persons_not_before: tuple[str, ...]
    policy_named: tuple[str, ...]
    counted_as: tuple[str, ...]
    approved_by: tuple[str, ...]
    drawn_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RoleRules:
    scoring: Table
    statistic: Table
    statistic_unless_before: tuple[str, ...]
    gives: tuple[str, ...]
    rate_bounds: tuple[str, ...]
    target: Table
    qualifies_after: Table
    eligible_before: Table
    count: CountRules
    points_systems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProvisionRules:
    conditions: Table
    non_stacking: Table
    application: Table
    funding: Table
    period: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContextRules:
    """Every table of the rules file."""

    find: FindRules
    bound: BoundRules
    per: PerRules
    base: BaseRules
    benefit: BenefitRules
    qualifier_stops: tuple[str, ...]
    deadline_acts: tuple[str, ...]
    limited_acts: tuple[str, ...]
    item_ends: tuple[str, ...]
    item_leads: tuple[str, ...]
    item_qualifiers: tuple[str, ...]
    role: RoleRules
    provision: ProvisionRules


def alternation(words: tuple[str, ...]) -> str:
    """A regex that matches any of the literal ``words``, tried in order: ``(?:给予|补贴)``."""
    return "(?:" + "|".join(regex.escape(w) for w in words) + ")"


def _is_per(value: object) -> TypeGuard[Per]:
    return value in PERS


def _is_kind(value: object) -> TypeGuard[QuantityKind]:
    return value in QUANTITY_KINDS


class _Node:
    """One mapping of the file, read key by key; ``close()`` rejects the keys nobody read."""

    def __init__(self, data: object, where: str, file: str) -> None:
        if not isinstance(data, dict):
            raise RulesError(f"{file}: {where or 'the file'} must be a mapping")
        self.data: dict[object, object] = dict(data)
        self.where, self.file = where, file

    def _key(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, why: str) -> RulesError:
        return RulesError(f"{self.file}: {self._key(key)}: {why}")

    def take(self, key: str) -> object:
        if key not in self.data:
            raise self.fail(key, "missing")
        return self.data.pop(key)

    def node(self, key: str) -> _Node:
        return _Node(self.take(key), self._key(key), self.file)

    def text(self, key: str) -> str:
        value = self.take(key)
        if not isinstance(value, str) or not value:
            raise self.fail(key, f"must be a non-empty string, not {value!r}")
        return value

    def number(self, key: str) -> int:
        value = self.take(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(key, f"must be a whole number, not {value!r}")
        return value

    def words(self, key: str) -> tuple[str, ...]:
        value = self.take(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
            raise self.fail(key, "must be a non-empty list of words")
        if len(set(value)) != len(value):
            raise self.fail(key, "lists a word twice")
        return tuple(value)

    def pers(self, key: str, value: object) -> tuple[Per, ...]:
        values = value if isinstance(value, list) else [value]
        out = tuple(v for v in values if _is_per(v))
        if not out or len(out) != len(values):
            raise self.fail(key, f"must name pers among {', '.join(PERS)}, not {value!r}")
        return out

    def kind_set(self, key: str, value: object) -> frozenset[QuantityKind]:
        values = value if isinstance(value, list) else []
        kinds = frozenset(k for k in values if _is_kind(k))
        if not kinds or len(kinds) != len(values):
            raise self.fail(key, f"must list kinds among {', '.join(QUANTITY_KINDS)}, not {value!r}")
        return kinds

    def kinds(self, key: str) -> Mapping[str, frozenset[QuantityKind]]:
        node = self.node(key)
        out: dict[str, frozenset[QuantityKind]] = {}
        for word in list(node.data):
            if not isinstance(word, str) or not word:
                raise node.fail(str(word), "must be a word")
            out[word] = node.kind_set(word, node.take(word))
        return MappingProxyType(out)

    def row_kinds(self, key: str) -> Mapping[str, QuantityKind]:
        """A map of words to one kind each (``（元）: money``)."""
        node = self.node(key)
        out: dict[str, QuantityKind] = {}
        for word in list(node.data):
            kind = node.take(str(word))
            if not isinstance(word, str) or not word or not _is_kind(kind):
                raise node.fail(str(word), f"must map a word to a kind among {', '.join(QUANTITY_KINDS)}")
            out[word] = kind
        node.close()
        return MappingProxyType(out)

    def _pattern(self, key: str, entry: _Node) -> regex.Pattern[str]:
        source = entry.text("pattern")
        try:
            return regex.compile(source)
        except regex.error as e:
            raise self.fail(key, f"{entry.where}: bad pattern: {e}") from None

    def _entries(self, key: str) -> list[_Node]:
        value = self.take(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list of entries")
        return [_Node(v, f"{self._key(key)}[{i}]", self.file) for i, v in enumerate(value)]

    def table(self, key: str) -> Table:
        rules = []
        for entry in self._entries(key):
            rules.append(Rule(entry.text("name"), entry.text("rule"), self._pattern(key, entry), entry.text("example")))
            entry.close()
        names = [r.name for r in rules]
        if len(set(names)) != len(names):
            raise self.fail(key, "names an entry twice")
        pattern = regex.compile("|".join(f"(?:{r.pattern.pattern})" for r in rules))
        return Table(self._key(key), tuple(rules), pattern)

    def per_after(self, key: str) -> tuple[PerAfter, ...]:
        out = []
        for entry in self._entries(key):
            name, rule, pattern = entry.text("name"), entry.text("rule"), self._pattern(key, entry)
            out.append(PerAfter(name, rule, pattern, entry.pers("per", entry.take("per"))[0], entry.text("example")))
            entry.close()
        return tuple(out)

    def per_near(self, key: str) -> tuple[PerNear, ...]:
        out = []
        for entry in self._entries(key):
            name, rule, pattern = entry.text("name"), entry.text("rule"), self._pattern(key, entry)
            per = entry.pers("per", entry.take("per"))[0]
            out.append(PerNear(name, rule, pattern, per, entry.kind_set("kinds", entry.take("kinds")), entry.text("example")))
            entry.close()
        return tuple(out)

    def per_before(self, key: str) -> tuple[tuple[str, tuple[Per, ...]], ...]:
        node = self.node(key)
        out = []
        for marker in list(node.data):
            if not isinstance(marker, str) or not marker:
                raise node.fail(str(marker), "must be a word")
            out.append((marker, node.pers(marker, node.take(marker))))
        return tuple(out)

    def close(self) -> None:
        if self.data:
            raise RulesError(f"{self.file}: {self._key(str(next(iter(self.data))))}: unknown key")


def _bound(n: _Node) -> BoundRules:
    out = BoundRules(
        n.words("max_after"), n.words("min_after"), n.words("max_before"), n.words("min_before"),
        n.words("negatable"), n.words("negators"), n.words("inclusive"), n.words("distant_negators"),
        n.number("distant_negator_reach"), n.kinds("only_for_kinds"), n.kinds("not_for_kinds"),
        n.words("condition_min_before"), n.table("not_a_bound"), n.words("age_ends_before"),
        n.words("age_until_event"), n.words("band_end_after"),
    )
    n.close()
    return out


def _per(n: _Node) -> PerRules:
    subjects = frozenset(n.pers("subjects", n.take("subjects")))
    near = n.kind_set("near_kinds", n.take("near_kinds"))
    out = PerRules(subjects, near, n.number("near_chars"), n.per_before("before"), n.per_after("after"),
                   n.table("yearly"), n.table("monthly"), n.words("one_off"), n.per_near("governing"), n.table("not_a_subject"),
                   n.table("one_off_sum"), n.per_near("stepped"))
    n.close()
    return out


def _role(n: _Node) -> RoleRules:
    c = n.node("count")
    count = CountRules(c.table("condition_after"), c.words("bounds"), c.words("service"), c.words("planned"),
                       c.table("routine"), c.words("benefit_words"), c.words("visits"),
                       c.words("persons"), c.words("persons_not_before"), c.words("policy_named"), c.words("counted_as"),
                       c.words("approved_by"), c.words("drawn_by"))
    c.close()
    out = RoleRules(
        n.table("scoring"), n.table("statistic"), n.words("statistic_unless_before"), n.words("gives"),
        n.words("rate_bounds"), n.table("target"), n.table("qualifies_after"), n.table("eligible_before"), count,
        n.words("points_systems"),
    )
    n.close()
    return out


def load_rules(source: str, file: str = RULES_FILE) -> ContextRules:
    """Read a rules file's text (``file`` names it in errors)."""
    try:
        data = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml's loader when built with it
    except yaml.YAMLError as e:
        raise RulesError(f"{file}: not YAML: {e}") from None
    root = _Node(data, "", file)
    fi = root.node("find")
    find = FindRules(fi.words("count_units"), fi.words("count_unit_compounds"), fi.words("steps_before"), fi.words("measure_units"), fi.words("measure_bounds"),
                     fi.words("measure_bounds_after"), fi.words("measure_nouns"), fi.words("period_anchor_after"), fi.words("money_unit_omitted_before"),
                     fi.words("frequency_before"), fi.words("year_named_before"),
                     fi.words("day_named_before"), fi.words("day_window_after"),
                     fi.words("day_window_before"), fi.words("approximately_before"), fi.words("approximately_after"),
                     fi.words("times_compounds"), fi.words("items_referred_after"), fi.words("points_before"),
                     fi.words("points_not_after"), fi.words("hours_granted_before"), fi.words("term_named_after"),
                     fi.row_kinds("row_units"),
                     fi.words("age_anchor_before"), fi.words("age_anchor_after"),
                     fi.words("payment_period_before"), fi.words("payment_verbs"))
    fi.close()
    bound, per = _bound(root.node("bound")), _per(root.node("per"))
    b = root.node("base")
    base = BaseRules(b.words("triggers"), b.words("not_ending"))
    b.close()
    bn = root.node("benefit")
    benefit = BenefitRules(bn.words("nouns"), bn.words("after_nouns"), bn.words("heading_nouns"), bn.words("verbs"),
                           bn.words("attributes"), bn.words("not_followed_by"), bn.words("generic"),
                           bn.words("recipient_nouns"), bn.words("organ_nouns"), bn.words("negators"))
    bn.close()
    g, lists = root.node("groups"), root.node("lists")
    stops, ends, leads = g.words("qualifier_stops"), lists.words("item_ends"), lists.words("item_leads")
    acts, limited = g.words("deadline_acts"), g.words("limited_acts")
    qualifiers = lists.words("item_qualifiers")
    g.close()
    lists.close()
    pr = root.node("provision")
    provision = ProvisionRules(pr.table("conditions"), pr.table("non_stacking"), pr.table("application"), pr.table("funding"),
                               pr.words("period"))
    pr.close()
    out = ContextRules(find, bound, per, base, benefit, stops, acts, limited, ends, leads, qualifiers, _role(root.node("role")), provision)
    root.close()
    return out


@functools.cache
def context_rules() -> ContextRules:
    """The rules the package ships, read once."""
    return load_rules(resources.files("extractor.data").joinpath(RULES_FILE).read_text(encoding="utf-8"))


__all__ = [
    "BaseRules", "BenefitRules", "BoundRules", "ContextRules", "CountRules", "FindRules", "PerAfter", "PerRules", "ProvisionRules", "RoleRules",
    "Rule", "RulesError", "Table", "alternation", "context_rules", "load_rules",
]
