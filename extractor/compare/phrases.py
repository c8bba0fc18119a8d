"""Groups and conditions named in one version of an article and not in the other, each with its evidence.

An eligible group is a taxonomy entry of people or enterprises named specifically (退役军人, 高校毕业生; not
各地, 社区, 银行); a condition is a condition phrase (``CONDITION_RE``) or a conditional clause ending in 的
(``户口已从本村迁出的``). A group named in both versions, one name holding the other, is no change; a clause
about as worded in the other version (half its bigrams or more) is no change either.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .._types import Span
from ..evidence import evidence, verbatim
from ..extract.provisions import CONDITION_RE
from ..extract.taxonomy import groups
from ..records import Document, ParameterChange
from ..text.patterns import norm_title
from .align import Article, bigrams, similarity
from .placed import NONCOMPLIANCE

# the lookbehind sees the text before an article's span, so that an article's first clause is read too
_CLAUSE_RE = regex.compile(
    r"(?:(?<=^|[；;。\n：:])|[（(]\d{1,2}[）)])\s*(?:第[一二三四五六七八九十百零〇\d]+条[ \u3000]*)?(?:对于|对)?"
    r"([^；;。\n：:]{6,80}?的)(?=[；;。\n]|[，,](?:可以|可|给予|按|享受|予以))"
)
# a phrase of the condition patterns that states no condition: the entry into force (自公布之日起施行)
NOT_A_CONDITION = regex.compile(r"施行$")
# a sanction made to wait on an order not complied with (责令改正，拒不改正的，处…): data/noncompliance.txt
_NONCOMPLIANCE = regex.compile("(?:" + "|".join(regex.escape(w) for w in sorted(NONCOMPLIANCE, key=len, reverse=True)) + ")的")
NEAR = 0.5  # a clause this alike to one of the other version is the same condition
RENAMED = 0.3  # a phrase no longer named this alike to a new one was replaced by it


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase as printed, where it is and the article holding it."""

    text: str
    span: Span
    path: str


def _group_hits(doc: Document, arts: Sequence[Article]) -> dict[str, Phrase]:
    tax = groups()
    hits: dict[str, Phrase] = {}
    for x in arts:
        for a, b, gid in tax.find(doc.text, *x.span):
            # eligible people and enterprises named specifically; not 各地, 社区, 银行, 企业
            if b - a >= 3 and tax.entries[gid].kind in ("individual", "enterprise"):
                hits.setdefault(gid, Phrase(verbatim(doc, a, b), (a, b), x.path))
    return hits


def _conditions(doc: Document, arts: Sequence[Article]) -> dict[str, Phrase]:
    found: dict[str, Phrase] = {}
    for x in arts:
        for m in CONDITION_RE.finditer(doc.text, *x.span):
            found.setdefault(regex.sub(r"[\s\d]", "", m.group(0)), Phrase(verbatim(doc, *m.span()), m.span(), x.path))
    return found


def _clauses(doc: Document, arts: Sequence[Article]) -> dict[str, Phrase]:
    """Conditional clauses ("有稳定收入来源…的", "户口已从本村迁出的"): eligibility stated as a clause."""
    found: dict[str, Phrase] = {}
    for x in arts:
        for m in _CLAUSE_RE.finditer(doc.text, *x.span):
            c = m.group(1).strip()
            if 6 <= len(c) <= 80 and not c.startswith(("为", "按")):
                s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
                found.setdefault(regex.sub(r"[\s\d\p{P}]", "", c), Phrase(verbatim(doc, s, s + len(c)), (s, s + len(c)), x.path))
    return found


def _noncompliance(doc: Document, arts: Sequence[Article]) -> dict[str, Phrase]:
    """The conditions of not complying with an order (拒不改正的, 逾期未改正的), by their words."""
    found: dict[str, Phrase] = {}
    for x in arts:
        for m in _NONCOMPLIANCE.finditer(doc.text, *x.span):
            # 逾期未改正 is 逾期不改正 (and 逾期仍不改正); 拒不改正 is a refusal, not a deadline passed
            found.setdefault(m.group(0).replace("仍", "").replace("未", "不"), Phrase(verbatim(doc, *m.span()), m.span(), x.path))
    return found


SANCTION_NEAR = 40  # a noncompliance condition this near before a rule's number, in its sentence, is that sanction's


def _sanctions(doc: Document, p: Phrase, numbers: Sequence[Span], new_rules: frozenset[Span]) -> bool:
    """A rule's number follows the phrase in its sentence (拒不改正的，处以五十元罚款), not a measure without one
    (逾期未改正的，…予以通报), and that number is a rule of both versions: a fine added or repealed with its condition
    (``new_rules``) is one change, its number's."""
    k = bisect.bisect_left(numbers, (p.span[1], p.span[1]))
    if k >= len(numbers) or numbers[k][0] - p.span[1] > SANCTION_NEAR or numbers[k] in new_rules:
        return False
    return not regex.search(r"[。；;\n]", doc.text[p.span[1] : numbers[k][0]])


def _fined(arts: Sequence[Article], numbers: Sequence[Span]) -> bool:
    """The articles hold a rule's number (a sanction whose condition may change; one repealed takes its condition with it)."""
    return any(bisect.bisect_left(numbers, (x.span[0], x.span[0])) < bisect.bisect_left(numbers, (x.span[1], x.span[1])) for x in arts)


def _within(p: Phrase, others: Sequence[Phrase]) -> bool:
    """Is ``p`` printed inside one of ``others``?"""
    return any(o.span[0] <= p.span[0] and p.span[1] <= o.span[1] for o in others)


def _change(kind: str, old: Phrase | None, new: Phrase | None, a_doc: Document, b_doc: Document,
            a_arts: Sequence[Article], b_arts: Sequence[Article], heading: str | None) -> ParameterChange:
    """A group or condition added (``old`` None), removed (``new`` None) or renamed (both)."""
    what = "适用对象" if kind == "group" else "条件"
    if old and new:
        summary, change = f"{heading or ''}{what}由“{old.text}”改为“{new.text}”", "changed"
    elif new:
        summary, change = f"{heading or ''}新增{what}“{new.text}”", "added"
    else:
        assert old is not None
        summary, change = f"{heading or ''}{'不再列明' if kind == 'group' else '删除'}{what}“{old.text}”", "removed"
    return ParameterChange(
        change=change, kind=kind,  # type: ignore[arg-type]
        a_value=old.text if old else None, b_value=new.text if new else None,
        a_quote=old.text if old else None, b_quote=new.text if new else None,
        a_evidence=evidence(a_doc, *old.span) if old else None, b_evidence=evidence(b_doc, *new.span) if new else None,
        a_section=old.path if old else a_arts[0].path, b_section=new.path if new else b_arts[0].path, summary=summary,
    )


def _renames(gone: list[Phrase], new: list[Phrase]) -> list[tuple[Phrase | None, Phrase | None]]:
    """Phrases of A no longer named and phrases of B newly named, paired where one replaced the other: alike
    (RENAMED or more of their bigrams), or the only one of each in one article."""
    cands = sorted(((similarity(bigrams(g.text), bigrams(n.text)), i, j) for i, g in enumerate(gone) for j, n in enumerate(new)),
                   key=lambda c: (-c[0], c[1], c[2]))
    used_i: set[int] = set()
    used_j: set[int] = set()
    out: list[tuple[Phrase | None, Phrase | None]] = []
    for score, i, j in cands:
        if i in used_i or j in used_j:
            continue
        alone = sum(1 for g in gone if g.path == gone[i].path) == 1 and sum(1 for n in new if n.path == new[j].path) == 1
        if score >= RENAMED or (alone and len(gone) == len(new) == 1):
            used_i.add(i)
            used_j.add(j)
            out.append((gone[i], new[j]))
    out += [(g, None) for i, g in enumerate(gone) if i not in used_i]
    out += [(None, n) for j, n in enumerate(new) if j not in used_j]
    return out


def _holds_number(p: Phrase, numbers: Sequence[Span]) -> bool:
    """The phrase holds a rule's number (``违法经营额五万元以上的``, ``自收到之日起十日内移送…``): its change is that number's."""
    k = bisect.bisect_right(numbers, (p.span[1], p.span[1]))
    return any(s >= p.span[0] and e <= p.span[1] for s, e in numbers[max(0, k - 8) : k])


def phrase_keys(doc: Document, arts: Sequence[Article]) -> frozenset[str]:
    """The conditions of ``arts`` as ``phrase_changes`` compares them (for ``elsewhere``)."""
    return frozenset(_conditions(doc, arts)) | frozenset(_clauses(doc, arts))


def phrase_changes(a_doc: Document, b_doc: Document, a_arts: Sequence[Article], b_arts: Sequence[Article],
                   heading: str | None, numbers: tuple[Sequence[Span], Sequence[Span]] = ((), ()),
                   elsewhere: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
                   unpaired: tuple[frozenset[Span], frozenset[Span]] = (frozenset(), frozenset())) -> list[ParameterChange]:
    """Groups and conditions named in the articles of A and not in their partners of B, and the reverse; one that
    replaced another is one change (直系亲属 → 近亲属). A condition holding one of ``numbers`` (the spans of the rules'
    numbers in A and in B, sorted) is left to that number's change; one still printed in another article of the other
    version (``elsewhere``: ``phrase_keys`` of each whole version) was moved there, not added or removed (an item
    of a list of 情形 moved to the next tier). ``unpaired``: the spans of A's numbers repealed and B's added here."""
    ga, gb = _group_hits(a_doc, a_arts), _group_hits(b_doc, b_arts)

    def named(p: Phrase, others: dict[str, Phrase]) -> bool:
        return any(norm_title(p.text) in norm_title(o.text) or norm_title(o.text) in norm_title(p.text) for o in others.values())

    new_groups = [gb[g] for g in sorted(gb.keys() - ga.keys(), key=lambda g: gb[g].span) if not named(gb[g], ga)]
    gone_groups = [ga[g] for g in sorted(ga.keys() - gb.keys(), key=lambda g: ga[g].span) if not named(ga[g], gb)]
    ca, cb = _conditions(a_doc, a_arts), _conditions(b_doc, b_arts)
    xa, xb = _clauses(a_doc, a_arts), _clauses(b_doc, b_arts)

    def near(k: str, others: dict[str, Phrase]) -> bool:
        return any(similarity(bigrams(k), bigrams(o)) >= NEAR for o in others)

    ca.update({k: v for k, v in xa.items() if not near(k, xb)})
    cb.update({k: v for k, v in xb.items() if not near(k, xa)})
    added, dropped = [cb[k] for k in cb.keys() - ca.keys()], [ca[k] for k in ca.keys() - cb.keys()]
    ca = {k: v for k, v in ca.items() if not _holds_number(v, numbers[0]) and not NOT_A_CONDITION.search(v.text)}
    cb = {k: v for k, v in cb.items() if not _holds_number(v, numbers[1]) and not NOT_A_CONDITION.search(v.text)}
    new_conditions = [cb[k] for k in sorted(cb.keys() - ca.keys() - elsewhere[0], key=lambda k: cb[k].span)]
    gone_conditions = [ca[k] for k in sorted(ca.keys() - cb.keys() - elsewhere[1], key=lambda k: ca[k].span)]
    # a group named inside a condition added or removed with it is that condition's change, or its number's when the
    # condition holds one (…且在…养老机构及周边面向未成年人、老年人销售的: the 老年人 of the new item), no change of its own
    new_groups = [g for g in new_groups if not _within(g, added)]
    gone_groups = [g for g in gone_groups if not _within(g, dropped)]
    # a sanction made to wait on an order not complied with (处…罚款 → 责令改正，拒不改正的，处…), or no longer: a
    # condition added or removed, when the other version's articles name none (逾期不改正的 → 拒不改正的 is the order's
    # wording, not a condition added), unless a condition reported holds it
    na, nb = _noncompliance(a_doc, a_arts), _noncompliance(b_doc, b_arts)
    pairs = _renames(gone_conditions, new_conditions)
    if not na and _fined(a_arts, numbers[0]):
        pairs += [(None, nb[k]) for k in sorted(nb, key=lambda k: nb[k].span)
                  if not _within(nb[k], new_conditions) and _sanctions(b_doc, nb[k], numbers[1], unpaired[1])]
    if not nb and _fined(b_arts, numbers[1]):
        pairs += [(na[k], None) for k in sorted(na, key=lambda k: na[k].span)
                  if not _within(na[k], gone_conditions) and _sanctions(a_doc, na[k], numbers[0], unpaired[0])]
    out = [_change("group", g, n, a_doc, b_doc, a_arts, b_arts, heading) for g, n in _renames(gone_groups, new_groups)]
    out += [_change("condition", g, n, a_doc, b_doc, a_arts, b_arts, heading) for g, n in pairs]
    return out
