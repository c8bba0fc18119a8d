"""Diff two documents: aligned articles, parameter-level changes with both quotes, a redline and a summary in
Chinese (``创业担保贷款个人额度上限由20万元提高至30万元``)."""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Sequence

import regex

from ..extract import extract_document
from ..records import Analysis, Diff, Document, ParameterChange, Quantity, RedlineOp, SectionPair
from ..records.diff import ChangeType, DiffRelation
from ..records.vocab import RULE_KINDS
from ..segment.versions import same_work
from ..text.patterns import norm_title
from .align import Article, Pairing, align, bigrams, containment, same_text
from .chapters import align_chapters
from .pairing import Match, Placed, moves, pair_numbers, place, rejoin, restated, same_anchor, working_days
from .parts import align_parts
from .phrases import phrase_changes, phrase_keys
from .placed import anchors_a_period, fallback_tiers, is_penalty

KINDS = RULE_KINDS
KIND_WORD = {"money": "额度", "percent": "比例", "duration": "期限", "age": "年龄", "count": "数量"}


def fmt(kind: str, value: float | None, unit: str | None = None) -> str:
    """A normalized value written back the way a Chinese reader expects.

    >>> fmt("money", 200000), fmt("money", 1500), fmt("duration", 36), fmt("percent", 50)
    ('20万元', '1500元', '3年', '50%')
    """
    if value is None:
        return "—"
    if kind == "money":
        if value >= 10000 and value % 100 == 0:
            return f"{value / 10000:g}万元"
        return f"{value:g}元"
    if kind == "percent":
        return f"{value:g}%"
    if kind == "duration":
        if unit == "day":
            return f"{value:g}天"
        if unit == "hour":
            return f"{value:g}小时"
        return f"{value / 12:g}年" if value % 12 == 0 else f"{value:g}个月"
    if kind == "age":
        return f"{value:g}岁"
    return f"{value:g}"


REDLINE_BASE = 400_000
REDLINE_PER_CHAR = 10
REDLINE_WHOLE = 8_000
"""The work a redline may do: ``REDLINE_BASE + REDLINE_PER_CHAR * (len(a) + len(b))`` steps of the matcher (a
step: one pair of equal characters, or clauses, looked at), so its time is linear in the texts whatever they are;
texts longer than ``REDLINE_WHOLE`` together are matched clause by clause from the start. Every redline of the
golden diffs stays well within it and is difflib's, character by character."""

_CLAUSE_PIECE = regex.compile(r"[^，。；：！？、\n]*[，。；：！？、\n]|[^，。；：！？、\n]+")

class _Budget:
    """The steps a redline has left."""

    def __init__(self, steps: int) -> None:
        self.left = steps


def _longest(a: Sequence[str], b: Sequence[str], b2j: dict[str, list[int]], box: tuple[int, int, int, int],
             budget: _Budget) -> tuple[int, int, int]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(*box)``, each step paid."""
    alo, ahi, blo, bhi = box
    besti, bestj, bestsize = alo, blo, 0
    j2len: dict[int, int] = {}
    for i in range(alo, ahi):
        newj2len: dict[int, int] = {}
        at = b2j.get(a[i], [])
        k0 = bisect.bisect_left(at, blo)
        budget.left -= 1
        for j in itertools.islice(at, k0, None):
            if j >= bhi:
                break
            budget.left -= 1
            if budget.left < 0:
                return alo, blo, 0
            k = newj2len[j] = j2len.get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        j2len = newj2len
    while besti > alo and bestj > blo and a[besti - 1] == b[bestj - 1]:
        besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
    while besti + bestsize < ahi and bestj + bestsize < bhi and a[besti + bestsize] == b[bestj + bestsize]:
        bestsize += 1
    return besti, bestj, bestsize


def _opcodes(a: Sequence[str], b: Sequence[str], budget: _Budget) -> list[tuple[str, int, int, int, int]] | None:
    """difflib's opcodes from ``a`` to ``b`` (``SequenceMatcher(None, a, b, autojunk=False)``: the same matching
    blocks, found the same way), or None when they would cost more steps than ``budget`` has left."""
    in_b = Counter(b)
    if sum(n * in_b[x] for x, n in Counter(a).items()) > budget.left:
        budget.left = -1  # the first match alone looks at every pair of equal items: over budget
        return None
    b2j: dict[str, list[int]] = {}
    for j, x in enumerate(b):
        b2j.setdefault(x, []).append(j)
    queue, blocks = [(0, len(a), 0, len(b))], []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = _longest(a, b, b2j, (alo, ahi, blo, bhi), budget)
        if budget.left < 0:
            return None
        if k:
            blocks.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    merged: list[tuple[int, int, int]] = []
    for i, j, k in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + k)
        else:
            merged.append((i, j, k))
    out, i, j = [], 0, 0
    for ai, bj, size in [*merged, (len(a), len(b), 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            out.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out


def _emit(ops: list[RedlineOp], op: str, text: str) -> None:
    if text:
        ops.append(RedlineOp(op=op, text=text))  # type: ignore[arg-type]


def _common(a: str, b: str, step: int) -> int:
    """How many characters ``a`` and ``b`` share at their start (``step`` 1) or their end (``step`` -1)."""
    n = min(len(a), len(b))
    at = range(n) if step > 0 else range(-1, -n - 1, -1)
    return next((k for k, i in enumerate(at) if a[i] != b[i]), n)


def _coarse(a: str, b: str, ops: list[RedlineOp]) -> None:
    """The common start and end kept, the middle of ``a`` deleted and that of ``b`` inserted."""
    p = _common(a, b, 1)
    s = _common(a[p:], b[p:], -1)
    _emit(ops, "equal", a[:p])
    _emit(ops, "delete", a[p : len(a) - s])
    _emit(ops, "insert", b[p : len(b) - s])
    _emit(ops, "equal", a[len(a) - s :])


def _by_characters(a: str, b: str, budget: _Budget, ops: list[RedlineOp]) -> bool:
    """Append the character-level changes from ``a`` to ``b``; False (nothing appended) when over budget."""
    codes = _opcodes(a, b, budget)
    if codes is None:
        return False
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            ops.append(RedlineOp(op="equal", text=a[i1:i2]))
        if tag in ("delete", "replace"):
            ops.append(RedlineOp(op="delete", text=a[i1:i2]))
        if tag in ("insert", "replace"):
            ops.append(RedlineOp(op="insert", text=b[j1:j2]))
    return True


def redline(a: str, b: str) -> list[RedlineOp]:
    """Character-level changes from ``a`` to ``b``, within a budget of work linear in their length.

    Character by character first (difflib's matching, ``autojunk=False``); when that would cost more than the
    budget (long texts, or repeated fragments: 2,000 characters of ``百分之`` took 28 s), clause by clause, then
    character by character inside each changed run of clauses while the budget lasts, and beyond it the changed
    run as one deletion and one insertion (its common start and end kept). The pieces always spell ``a`` (kept
    and deleted) and ``b`` (kept and inserted).
    """
    ops: list[RedlineOp] = []
    if len(a) + len(b) <= REDLINE_WHOLE and _by_characters(a, b, _Budget(REDLINE_BASE + REDLINE_PER_CHAR * (len(a) + len(b))), ops):
        return ops
    budget = _Budget(REDLINE_BASE + REDLINE_PER_CHAR * (len(a) + len(b)))
    ta, tb = _CLAUSE_PIECE.findall(a), _CLAUSE_PIECE.findall(b)
    codes = _opcodes(ta, tb, budget)
    if codes is None:
        _coarse(a, b, ops)
        return ops
    for tag, i1, i2, j1, j2 in codes:
        pa, pb = "".join(ta[i1:i2]), "".join(tb[j1:j2])
        if tag == "equal":
            _emit(ops, "equal", pa)
        elif tag != "replace" or not _by_characters(pa, pb, budget, ops):
            _coarse(pa, pb, ops)
        budget.left = max(budget.left, 0)
    merged: list[RedlineOp] = []
    for op in ops:  # a coarse piece's kept start next to a kept run: one piece
        if merged and merged[-1].op == op.op:
            merged[-1] = RedlineOp(op=op.op, text=merged[-1].text + op.text)
        else:
            merged.append(op)
    return merged


def _bound_word(q: Quantity) -> str:
    return {"max": "上限", "min": "下限"}.get(q.bound, "")


def _shown(q: Quantity) -> str:
    """A value as written in a summary; a range as both ends; days counted in 工作日 as such; a multiple of a base
    as the 倍 it was printed in (十倍 → 10倍, not 1000%)."""
    if working_days(q):
        ends = f"{q.value:g}至{q.value_max:g}" if q.value is not None and q.value_max is not None else f"{q.value:g}"
        return f"{ends}个工作日"
    ends_ = [v for v in (q.value, q.value_max) if v is not None]
    if q.kind == "percent" and "倍" in q.evidence.quote and ends_ and all(v % 100 == 0 for v in ends_):
        return "至".join(f"{v / 100:g}倍" for v in ends_)
    if q.value_max is not None:
        return f"{fmt(q.kind, q.value, q.unit)}至{fmt(q.kind, q.value_max, q.unit)}"
    return fmt(q.kind, q.value, q.unit)


_BOUND_TERM = {"exact": "", "max": "上限", "min": "下限", "range": "区间"}
_PER_TERM = {"person": "每人", "month": "每月", "year": "每年", "enterprise": "每户企业", "household": "每户", "one_off": "一次性"}


def _terms(q: Quantity) -> str:
    """How a value is counted and bounded: "每人每月上限"."""
    return "".join(_PER_TERM.get(p, p) for p in q.per) + _BOUND_TERM[q.bound] or "固定值"


_SANCTION = regex.compile(r"罚款|罚金|处")


def _benefit(p: Placed) -> str:
    """The benefit a number is read with, when its clause names it (产假, 育儿假); a benefit read from the article
    around it (奖励, for 托育机构应当在依法登记后三十日内…备案) names the clause's subject worse than the clause."""
    return p.q.benefit if p.q.benefit and p.q.benefit in p.clause and not is_penalty(p.q) else ""


def _what(p: Placed, heading: str | None) -> str:
    """What a number governs, for a summary: its benefit if named, else its clause's subject, with the party and
    the aggravated tier its sentence names outside the clause (``情节严重的，对单位并处…的罚款``)."""
    what = _benefit(p) or p.subject or heading or ""
    if p.party and p.party not in what and _SANCTION.search(p.clause):  # 对单位…处罚款; not 会计人员…五年内不得…
        what = f"对{p.party}{what.removeprefix('对')}"
    if p.aggravated and p.tier and p.tier not in p.clause:
        what = f"{p.tier}，{what}"
    return what


_HOURS = {"hour": 1, "day": 24, "month": 24 * 30}  # a period's units in hours, to tell longer from shorter (a month as 30 days)


def _change(m: Match, heading: str | None) -> ParameterChange:
    """The change from number ``m.x`` of A to ``m.y`` of B (one of them None: repealed or added)."""
    x, y = (m.x.q if m.x else None), (m.y.q if m.y else None)
    placed = m.y or m.x
    assert placed is not None
    q = placed.q
    named_by = m.x or placed  # what a change governs is read on A's side when there is one
    subject = _what(named_by, heading)

    def with_term(term: str) -> str:
        # a benefit reads with its term (补贴额度上限); a clause, with the term after it in brackets (致使…中毒的（数量下限）)
        return f"{subject}{term}" if _benefit(named_by) or not subject else f"{subject}（{term}）"

    what = with_term(f"{KIND_WORD[q.kind]}{_bound_word(q)}")
    a_path, b_path = (m.x.path if m.x else None), (m.y.path if m.y else None)
    change: ChangeType
    if x is not None and y is not None and m.moved:
        change, summary = "moved", f"{what}{_shown(x)}由原{a_path}移至新{b_path}"  # two versions' numbers
    elif x is not None and y is not None:
        old, new = _shown(x), _shown(y)
        same = (x.value, x.value_max) == (y.value, y.value_max)
        if same and m.x and m.y and not same_anchor(m.x.anchor, m.y.anchor) and _terms(x) == _terms(y):
            change = "changed"
            summary = f"{what}{old}的起算由“{m.x.anchor or '未规定'}”改为“{m.y.anchor or '未规定'}”"
        elif same and old != new:  # 15个工作日 -> 15日
            change, summary = "changed", f"{what}由{old}改为{new}"
        elif same:
            change, summary = "changed", f"{with_term(KIND_WORD[q.kind])}{old}由{_terms(x)}改为{_terms(y)}"
        else:
            hours_x, hours_y = (_HOURS.get(x.unit, 1), _HOURS.get(y.unit, 1)) if x.kind == "duration" else (1, 1)
            verb = "提高" if ((y.value_max or y.value or 0) * hours_y, (y.value or 0) * hours_y) > \
                ((x.value_max or x.value or 0) * hours_x, (x.value or 0) * hours_x) else "降低"
            change, summary = "changed", f"{what}由{old}{verb}至{new}"
    elif y is not None:
        change, summary = "added", f"新增{what}{_shown(y)}"
    else:
        change, summary = "removed", f"删除{what}{_shown(q)}"
    return ParameterChange(
        change=change, kind=q.kind,  # type: ignore[arg-type]
        subject=subject or None,
        a_value=x.value if x else None, b_value=y.value if y else None,
        a_value_max=x.value_max if x else None, b_value_max=y.value_max if y else None,
        unit=q.unit, a_unit=x.unit if x else None, b_unit=y.unit if y else None, a_bound=x.bound if x else None, b_bound=y.bound if y else None, per=q.per,
        benefit=(y.benefit if y else None) or (x.benefit if x else None), a_section=a_path, b_section=b_path,
        a_quote=m.x.clause if m.x else None, b_quote=m.y.clause if m.y else None,
        a_evidence=x.evidence if x else None, b_evidence=y.evidence if y else None, summary=summary,
    )


def _primary(a_arts: list[Article], b_arts: list[Article], sims: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Each article of A's main partner among the linked articles of B (as places, A order and B order): the one
    under its own number, else the most alike."""
    out: set[tuple[int, int]] = set()
    for x in a_arts:
        linked = [y for y in b_arts if (x.order, y.order) in sims]
        if linked:
            best = max(linked, key=lambda y: (y.path == x.path, sims[(x.order, y.order)]))
            out.add((x.order, best.order))
    return out


def near_unpaired(pairings: list[Pairing]) -> dict[tuple[int, int], tuple[str, int]]:
    """Pairs of articles (places: A order, B order) one of which has no partner while the article beside it (side
    ``a`` or ``b``, and its place) is linked to the other: where a split or merge link may have been missed (A
    第二十五条 removed beside 第二十四条, which became B 第二十九条)."""
    a_at = {p.a.order for p in pairings if p.a}
    b_at = {p.b.order for p in pairings if p.b}
    of_a: dict[int, list[int]] = {}
    of_b: dict[int, list[int]] = {}
    for p in pairings:
        if p.a and p.b:
            of_a.setdefault(p.a.order, []).append(p.b.order)
            of_b.setdefault(p.b.order, []).append(p.a.order)
    out: dict[tuple[int, int], tuple[str, int]] = {}
    for p in pairings:
        for d in (-1, 1):
            if p.a and not p.b and p.a.order + d in a_at:
                out.update(((p.a.order, j), ("a", p.a.order + d)) for j in of_a.get(p.a.order + d, ()))
            elif p.b and not p.a and p.b.order + d in b_at:
                out.update(((i, p.b.order), ("b", p.b.order + d)) for i in of_b.get(p.b.order + d, ()))
    return out


def groups_of(pairings: list[Pairing]) -> list[tuple[list[Article], list[Article]]]:
    """The articles linked to each other, as groups (A's, B's) in A's order: one A and one B for a plain pair,
    several for a split or a merge. Unchanged and renumbered pairs (the same text) are left out."""
    linked = [p for p in pairings if p.a and p.b]
    root: dict[str, str] = {}

    def find(k: str) -> str:
        while root.setdefault(k, k) != k:
            k = root[k]
        return k

    for p in linked:
        assert p.a and p.b
        root[find("a" + p.a.path)] = find("b" + p.b.path)
    groups: dict[str, tuple[list[Article], list[Article]]] = {}
    for p in linked:
        assert p.a and p.b
        xs, ys = groups.setdefault(find("a" + p.a.path), ([], []))
        if p.a not in xs:
            xs.append(p.a)
        if p.b not in ys:
            ys.append(p.b)
    out = []
    for xs, ys in groups.values():
        if len(xs) == len(ys) == 1 and same_text(xs[0].body, ys[0].body):
            continue
        out.append((sorted(xs, key=lambda x: x.order), sorted(ys, key=lambda y: y.order)))
    return out


def _work_key(doc: Document) -> str:
    """A title as its versions share it: no year, no bracketed label, no 暂行 (a 暂行办法 revised into the 办法
    is one work)."""
    return regex.sub(r"\d{4}年?|（[^）]*）|暂行", "", norm_title(doc.instrument_title or doc.title or ""))


RENAMED_TITLE = 0.8  # a work renamed (中国互联网络域名管理办法 → 互联网域名管理办法): the shorter title this much in the longer (bigrams)
RENAMED_LINKED = 0.5  # and at least this share of its articles linked to the other's


def relation_of(a: Document, b: Document, linked: float = 0.0) -> DiffRelation:
    """version: two versions of one policy; implementation: a lower level's implementation of a policy.
    ``linked``: the share of the articles the alignment linked (of the version with more): a work renamed by its
    revision, and issued by a renamed organ, is one by its titles alike, its place and level and that share."""
    ta, tb = _work_key(a), _work_key(b)
    if same_work(a, b) or (ta and ta == tb and (not a.region or not b.region or a.region == b.region)):
        return "version"
    if a.region == b.region and set(a.issuers) == set(b.issuers) and a.issuers:
        return "version"
    if (ta and tb and a.region == b.region and a.level == b.level and linked >= RENAMED_LINKED
            and containment(*sorted((bigrams(ta), bigrams(tb)), key=len)) >= RENAMED_TITLE):
        return "version"
    rank = {"national": 0, "provincial": 1, "municipal": 2, "county": 3, "district": 3}
    if a.level and b.level and rank[a.level] < rank[b.level]:
        return "implementation"
    return "other"


def documents_to_diff(a: Document, b: Document) -> Diff:
    """The diff of two documents (A the earlier or higher-level one, B the other), extracting each once."""
    return analyses_to_diff(extract_document(a), extract_document(b))


class _Numbers:
    """The rules' numbers of one version, found by article in log time (in the order the analysis gives them)."""

    def __init__(self, doc: Document, quantities: Sequence[Quantity]) -> None:
        self.doc = doc
        qs = [q for q in quantities if q.role == "parameter" and q.kind in KINDS]
        periods = sorted(q.evidence.span[0] for q in qs if q.kind == "duration")
        self.qs = [q for q in qs if not anchors_a_period(doc, q, periods)]  # 年满63周岁前一年内: one deadline
        self._by_start = sorted(range(len(self.qs)), key=lambda k: (self.qs[k].evidence.span[0], k))
        self._starts = [self.qs[k].evidence.span[0] for k in self._by_start]
        self._shared: dict[object, object] = {}  # the clauses, subjects and word sets of its numbers, each held once

    def spans(self) -> list[tuple[int, int]]:
        return sorted(q.evidence.span for q in self.qs)

    def placed(self, art: Article) -> list[Placed]:
        """The numbers that start inside ``art``, each read with its clause and subject."""
        lo, hi = bisect.bisect_left(self._starts, art.span[0]), bisect.bisect_left(self._starts, art.span[1])
        return fallback_tiers([place(self.doc, self.qs[k], art, self._shared) for k in sorted(self._by_start[lo:hi])])


def _section_pairs(a: Document, b: Document, pairings: list[Pairing]) -> tuple[list[SectionPair], list[str]]:
    """The article pairs as records (with the redline and the 款/项 of each changed pair), and the summary's lines
    for articles added, removed and renumbered."""
    pairs: list[SectionPair] = []
    lines: list[str] = []
    for p in pairings:
        changed = p.a is not None and p.b is not None and p.status in ("modified", "split", "merged")
        pairs.append(SectionPair(
            status=p.status, a=p.a.path if p.a else None, b=p.b.path if p.b else None,
            a_heading=p.a.heading if p.a else None, b_heading=p.b.heading if p.b else None, similarity=round(p.similarity, 3),
            a_span=p.a.span if p.a else None, b_span=p.b.span if p.b else None,
            redline=redline(p.a.body, p.b.body) if changed and p.a and p.b else [],
            parts=align_parts(a, b, p.a, p.b) if changed and p.a and p.b else [],
        ))
        if p.status == "added" and p.b:
            lines.append(f"新增{p.b.path}（{p.b.heading or p.b.body[:16]}）")
        elif p.status == "removed" and p.a:
            lines.append(f"删除{p.a.path}（{p.a.heading or p.a.body[:16]}）")
        elif p.status == "renumbered" and p.a and p.b:
            lines.append(f"{p.a.path}调整为{p.b.path}")
    return pairs, lines


def _unpaired_rules(pairings: list[Pairing], na: _Numbers, nb: _Numbers) -> list[Match]:
    """Between two versions, the rules of an inserted or repealed article: rules added or repealed, with their
    numbers (a number restating another of its paragraph once)."""
    out: list[Match] = []
    for p in pairings:
        if p.b and not p.a:
            new = nb.placed(p.b)
            again = restated(new)
            out += [Match(None, y) for k, y in enumerate(new) if k not in again]
        elif p.a and not p.b:
            gone = na.placed(p.a)
            again = restated(gone)
            out += [Match(x, None) for k, x in enumerate(gone) if k not in again]
    return out


def analyses_to_diff(analysis_a: Analysis, analysis_b: Analysis) -> Diff:
    """The diff of two analysed documents (A the earlier or higher-level one, B the other)."""
    a, b = analysis_a.document, analysis_b.document
    pairings = align(a, b)
    na, nb = _Numbers(a, analysis_a.quantities), _Numbers(b, analysis_b.quantities)
    pairs, summary_articles = _section_pairs(a, b, pairings)
    changes: list[ParameterChange] = []
    sims = {(p.a.order, p.b.order): p.similarity for p in pairings if p.a and p.b}
    most = max(sum(1 for p in pairings if p.a), sum(1 for p in pairings if p.b), 1)
    relation = relation_of(a, b, sum(1 for p in pairings if p.a and p.b) / most)
    matches: list[Match] = []
    spans = (na.spans(), nb.spans())
    elsewhere = (phrase_keys(a, [p.a for p in pairings if p.a]), phrase_keys(b, [p.b for p in pairings if p.b]))
    placed: dict[tuple[str, int], list[Placed]] = {}  # the numbers of each paired article (side, place)
    # articles linked to several others (split or merged) are compared as one group, once
    for a_arts, b_arts in groups_of(pairings):
        if len(a_arts) > 1:
            summary_articles.append(f"{'与'.join(x.path for x in a_arts)}合并为{'、'.join(y.path for y in b_arts)}")
        elif len(b_arts) > 1:
            summary_articles.append(f"{a_arts[0].path}拆分为{'、'.join(y.path for y in b_arts)}")
        heading = b_arts[0].heading or a_arts[0].heading
        xs = [x_ for x in a_arts for x_ in na.placed(x)]
        ys = [y_ for y in b_arts for y_ in nb.placed(y)]
        for side, numbers in (("a", xs), ("b", ys)):
            for n in numbers:
                placed.setdefault((side, n.order), []).append(n)
        here = pair_numbers(xs, ys, _primary(a_arts, b_arts, sims))
        matches += here
        unpaired = (frozenset(m.x.q.evidence.span for m in here if m.x and not m.y),
                    frozenset(m.y.q.evidence.span for m in here if m.y and not m.x))
        changes += phrase_changes(a, b, a_arts, b_arts, heading, spans, elsewhere, unpaired)
    if relation == "version":
        matches = rejoin(matches + _unpaired_rules(pairings, na, nb), near_unpaired(pairings), placed)
    heading_of = {("a", x.path): x.heading for x in (p.a for p in pairings) if x} | {("b", y.path): y.heading for y in (p.b for p in pairings) if y}
    changes = [_change(m, heading_of.get(("b", m.y.path)) if m.y else heading_of.get(("a", m.x.path)) if m.x else None)
               for m in moves(matches)] + changes
    order = {"changed": 0, "moved": 1, "added": 2, "removed": 3}
    summary = [c.summary for c in sorted(changes, key=lambda c: (c.kind in ("group", "condition"), order[c.change]))]
    paired = [p.similarity for p in pairings if p.a and p.b]
    if relation == "other" and (not paired or sum(paired) / len(paired) < 0.3):
        summary.insert(0, "两份文件内容差异较大，可能并非同一政策的不同版本或上下级文件，以下对照仅供参考")
    return Diff(
        a_id=a.id, b_id=b.id, a_title=a.title, b_title=b.title, relation=relation,
        summary=summary + summary_articles, pairs=pairs, chapters=align_chapters(a, b, pairings), changes=changes,
    )
