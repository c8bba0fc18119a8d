"""The comparison's rules, ``data/compare_rules.yaml`` (``compare_rules``): which groups receive allocations, not
parameters, which benefits a benefit's table also holds, and the words by which a number is read as no parameter
or a value's benefit is read in its context."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from ..extract.taxonomy import benefits, groups


@dataclass(frozen=True, slots=True)
class CompareRules:
    """``data/compare_rules.yaml``: groups that receive allocations, not parameters, and the benefit categories
    for which they are recipients all the same; the benefits whose values a benefit's table also holds."""

    not_recipients: frozenset[str]
    unless_category: frozenset[str]
    holds: dict[str, frozenset[str]]
    record_before: tuple[str, ...]
    record_nouns: tuple[str, ...]
    penalty_words: tuple[str, ...]
    procedure_verbs: tuple[str, ...]
    share_before: tuple[str, ...]
    count_unit_before: tuple[str, ...]
    average_after: tuple[str, ...]
    deadline_from: tuple[str, ...]
    procedure_nouns: tuple[str, ...]
    family_children: tuple[str, ...]
    rounding_before: tuple[str, ...]
    rounding_after: tuple[str, ...]
    parts_after: tuple[str, ...] = ()
    part_heads: tuple[str, ...] = ()
    read_in_context: dict[str, tuple[tuple[tuple[str, ...], str], ...]] | None = None
    own_names: dict[str, str] | None = None
    conversion_before: tuple[str, ...] = ()
    defines: tuple[str, ...] = ()
    assumed_after: tuple[str, ...] = ()
    again_before: tuple[str, ...] = ()
    deferred: tuple[str, ...] = ()
    raised_from: tuple[str, ...] = ()
    raised_to: tuple[str, ...] = ()
    plan_nouns: tuple[str, ...] = ()
    per_time_after: tuple[str, ...] = ()
    anaphora_heads: tuple[str, ...] = ()
    back_references: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()
    each_firms: tuple[str, ...] = ()
    each_persons: tuple[str, ...] = ()
    relief_verbs: tuple[str, ...] = ()
    extension_before: tuple[str, ...] = ()
    rate_payers: dict[str, str] | None = None
    level_names: dict[str, str] | None = None
    terms_heads: tuple[str, ...] = ()
    raised_over: tuple[str, ...] = ()
    share_after: tuple[str, ...] = ()
    base_figures: tuple[str, ...] = ()
    anaphora_modifiers: tuple[str, ...] = ()
    merge_verbs: tuple[str, ...] = ()
    one_off_words: tuple[str, ...] = ()


RULE_KEYS = {"not_recipients", "unless_category", "holds", "record_before", "record_nouns", "penalty_words",
             "procedure_verbs", "share_before", "count_unit_before", "average_after", "deadline_from", "procedure_nouns",
             "family_children", "rounding_before", "rounding_after", "parts_after", "part_heads", "read_in_context",
             "own_names", "conversion_before", "defines", "assumed_after",
             "again_before", "deferred", "raised_from", "raised_to", "plan_nouns", "per_time_after",
             "anaphora_heads", "back_references", "conditionals",
             "each_firms", "each_persons", "relief_verbs",
             "extension_before", "rate_payers", "level_names", "terms_heads",
             "raised_over", "share_after", "base_figures", "anaphora_modifiers",
             "merge_verbs", "one_off_words"}


@functools.cache
def compare_rules() -> CompareRules:
    """The comparison's rules, read once; a key missing or unknown, or a group or benefit the taxonomies lack,
    is an error."""
    data = yaml.safe_load(resources.files("extractor.data").joinpath("compare_rules.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != RULE_KEYS:
        raise ValueError(f"compare_rules.yaml: needs exactly the keys {', '.join(sorted(RULE_KEYS))}")
    unknown = [g for g in data["not_recipients"] if g not in groups().entries]
    if unknown:
        raise ValueError(f"compare_rules.yaml: not_recipients: no such group: {', '.join(unknown)}")
    holds = {k: frozenset(v) for k, v in (data["holds"] or {}).items()}
    unknown = [b for k, v in holds.items() for b in (k, *v) if b not in benefits().entries]
    if unknown:
        raise ValueError(f"compare_rules.yaml: holds: no such benefit: {', '.join(unknown)}")
    read = {k: tuple((tuple(r["words"]), r["as"]) for r in v) for k, v in (data["read_in_context"] or {}).items()}
    if any(not isinstance(r, dict) or set(r) != {"words", "as"} for v in (data["read_in_context"] or {}).values() for r in v):
        raise ValueError("compare_rules.yaml: read_in_context: each reading needs exactly the keys as, words")
    unknown = [b for k, v in read.items() for b in (k, *(a for _, a in v)) if b not in benefits().entries]
    if unknown:
        raise ValueError(f"compare_rules.yaml: read_in_context: no such benefit: {', '.join(unknown)}")
    own = dict(data["own_names"] or {})
    unknown = [b for b in own.values() if b not in benefits().entries]
    if unknown:
        raise ValueError(f"compare_rules.yaml: own_names: no such benefit: {', '.join(unknown)}")
    payers = dict(data["rate_payers"] or {})
    levels = dict(data["level_names"] or {})
    unknown = [g for g in (*payers.values(), *levels.values()) if g not in groups().entries]
    if unknown:
        raise ValueError(f"compare_rules.yaml: rate_payers, level_names: no such group: {', '.join(unknown)}")
    return CompareRules(frozenset(data["not_recipients"]), frozenset(data["unless_category"]), holds,
                        tuple(data["record_before"]), tuple(data["record_nouns"]), tuple(data["penalty_words"]),
                        tuple(data["procedure_verbs"]), tuple(data["share_before"]), tuple(data["count_unit_before"]),
                        tuple(data["average_after"]), tuple(data["deadline_from"]), tuple(data["procedure_nouns"]),
                        tuple(data["family_children"]), tuple(data["rounding_before"]), tuple(data["rounding_after"]),
                        tuple(data["parts_after"]), tuple(data["part_heads"]), read, own,
                        tuple(data["conversion_before"]), tuple(data["defines"]),
                        tuple(data["assumed_after"]), tuple(data["again_before"]),
                        tuple(data["deferred"]), tuple(data["raised_from"]), tuple(data["raised_to"]),
                        tuple(data["plan_nouns"]), tuple(data["per_time_after"]),
                        tuple(data["anaphora_heads"]), tuple(data["back_references"]), tuple(data["conditionals"]),
                        tuple(data["each_firms"]), tuple(data["each_persons"]),
                        tuple(data["relief_verbs"]), tuple(data["extension_before"]), payers,
                        levels, tuple(data["terms_heads"]), tuple(data["raised_over"]),
                        tuple(data["share_after"]), tuple(data["base_figures"]),
                        tuple(data["anaphora_modifiers"]), tuple(data["merge_verbs"]),
                        tuple(data["one_off_words"]))
