"""The history of one work: its versions ordered by date, each article of the newest version traced back through
every older one (lineage), and each rule's parameter followed across the versions (timelines), with evidence.

Consecutive versions are diffed with ``analyses_to_diff``; the lineage follows the diff's article pairs, a
timeline the diff's parameter changes (changed, moved) and, between paired articles, the values the diff found the
same on both sides.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..errors import InputError
from ..records import Analysis, Diff, Document, PairStatus, Quantity, SectionPair, VersionEvent
from ..records.history import (
    ArticleLineage,
    History,
    HistoryVersion,
    LineageStep,
    PointStatus,
    RemovedArticle,
    Timeline,
    TimelinePoint,
)
from ..records.vocab import RULE_KINDS
from ..segment.versions import latest_date, same_work, work_title, work_titles
from .align import Article, articles, same_text
from .diff import analyses_to_diff

log = logging.getLogger(__name__)

# How strongly a step changed an article, to name one status when an article has several links (split, merged).
STATUS_WEIGHT: dict[PairStatus, int] = {
    "unchanged": 0, "renumbered": 1, "moved": 1, "modified": 2, "merged": 3, "split": 3, "added": 4, "removed": 4,
}
PRIMARY = 0.8  # a link of a split or merge is followed back when at least this share of the best link's similarity
SAME_WORDING: tuple[PairStatus, ...] = ("unchanged", "renumbered")
# What a number is, as the text names it right after the quote ("五万元以上五十万元以下的罚款") or before it
# ("最高奖的金额超过五千元"); longer words first.
SUBJECT_WORDS = (
    "违法所得", "违法经营额", "最高奖", "罚款", "罚金", "赔偿", "奖金", "补贴", "补助", "资助", "奖励", "贷款",
    "费用", "工资", "津贴", "押金", "保证金", "期限", "期间", "时限",
)
KIND_SUBJECT = {"money": "金额", "percent": "比例", "duration": "期限", "age": "年龄", "count": "数量"}
BOUND_TAILS = ("以下", "以上", "以内")
_CLAUSE_END = regex.compile(r"[，,。；;：:\n]")


def version_date(doc: Document) -> dt.date | None:
    """The date a version is ordered by: the latest event of its 题注, else the document date, else the date
    it comes into force."""
    return latest_date(doc.versions) or doc.date or doc.effective_date


def _name(doc: Document) -> str:
    return doc.source.path or doc.id


def _why_not_same(a: Document, b: Document) -> str:
    ta, tb = work_titles(a), work_titles(b)
    if not ta & tb:
        return f"not versions of one work: titles differ (《{a.title or '无题'}》, 《{b.title or '无题'}》)"
    if a.region and b.region and a.region != b.region:
        return f"not versions of one work: regions differ ({a.region}, {b.region})"
    return "not versions of one work: no issuing organ in common"


def order_versions(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses ordered by version date, ties by input order. Raises InputError, naming the files and the
    cause, for fewer than two documents, one given twice, one without a date, or documents of different works."""
    names = ", ".join(_name(a.document) for a in analyses) or "(no files)"
    if len(analyses) < 2:
        raise InputError(names, f"a history needs two or more versions of one work; {len(analyses)} given")
    seen: dict[tuple[str, str], Analysis] = {}
    for a in analyses:
        key = (a.document.id, a.document.source.sha256)
        if key in seen:
            raise InputError(_name(a.document), "given twice")
        seen[key] = a
    first = analyses[0].document
    for a in analyses[1:]:
        if not same_work(first, a.document):
            raise InputError(f"{_name(first)}, {_name(a.document)}", _why_not_same(first, a.document))
    dates = _dates([a.document for a in analyses])
    for a, d in zip(analyses, dates, strict=True):
        if d is None:
            raise InputError(_name(a.document), "no date to order the versions by (no 题注, document or effective date)")
    order = sorted(range(len(analyses)), key=lambda k: dates[k] or dt.date.min)
    return [analyses[k] for k in order]


_MAKING = ("adopted", "published", "amended", "revised")


def _dates(docs: Sequence[Document]) -> list[dt.date | None]:
    """Each version's date (``version_date``); a version that prints none takes the one earlier event of the
    other versions' 题注 that no given version is dated by (a 2015 text printed without its 题注, beside the 2020
    text whose 题注 says ``2015年6月23日…通过``), when that names one date for each undated version."""
    dates = [version_date(d) for d in docs]
    undated = [k for k, d in enumerate(dates) if d is None]
    if not undated or len(undated) == len(docs):
        return dates
    own = {d for d in dates if d is not None}
    found = sorted({e.date for d in docs for e in d.versions
                    if e.event in _MAKING and e.date is not None and e.date not in own and e.date < max(own)})
    if len(found) == len(undated):
        for k, d in zip(undated, found, strict=True):
            dates[k] = d
    return dates


def _event(doc: Document) -> VersionEvent | None:
    """The 题注 event that made this version: the latest dated one that is not an entry into force."""
    made = [e for e in doc.versions if e.event != "in_force" and e.date is not None]
    return max(made, key=lambda e: e.date or dt.date.min) if made else None


def _versions(docs: Sequence[Document]) -> list[HistoryVersion]:
    dates = _dates(docs)
    years = [d.year if d else None for d in dates]
    out = []
    for k, (doc, date) in enumerate(zip(docs, dates, strict=True)):
        assert date is not None
        shared = years.count(date.year) > 1
        label = f"{date.year}年{date.month}月{date.day}日版" if shared else f"{date.year}年版"
        if version_date(doc) is None:
            label += "（日期据其他版本的题注）"  # the file prints no date of its own
        out.append(HistoryVersion(index=k, document_id=doc.id, title=doc.title, date=date, label=label, event=_event(doc)))
    return out


@dataclass(frozen=True, slots=True)
class _Version:
    """One version with what the history reads of it: its articles and its rules' quantities."""

    doc: Document
    arts: list[Article]
    by_path: dict[str, Article]
    starts: list[int]
    rules: list[Quantity]

    @classmethod
    def of(cls, analysis: Analysis) -> _Version:
        arts = articles(analysis.document)
        rules = sorted(
            (q for q in analysis.quantities if q.role == "parameter" and q.kind in RULE_KINDS),
            key=lambda q: q.evidence.span,
        )
        return cls(analysis.document, arts, {a.path: a for a in arts}, [a.span[0] for a in arts], rules)

    def article_of(self, q: Quantity) -> Article | None:
        k = bisect.bisect_right(self.starts, q.evidence.span[0]) - 1
        if k >= 0 and self.arts[k].span[0] <= q.evidence.span[0] < self.arts[k].span[1]:
            return self.arts[k]
        return None

    def wording(self, paths: Sequence[str]) -> str:
        return "\n".join(self.doc.text[a.span[0] : a.span[1]].strip() for p in paths if (a := self.by_path.get(p)))


# ---- lineage


def _strongest(statuses: Sequence[PairStatus]) -> PairStatus:
    return max(statuses, key=lambda s: STATUS_WEIGHT[s])


def _primary(links: Sequence[SectionPair], older: _Version, newer: _Version) -> list[SectionPair]:
    """The links an article is mainly made from: the one with the same text when there is one, else those at least
    PRIMARY times as similar as the best (a weak extra link of a split or merge is not followed further back)."""
    for p in links:
        a, b = older.by_path.get(p.a or ""), newer.by_path.get(p.b or "")
        if a and b and same_text(a.body, b.body):
            return [p]
    best = max(p.similarity for p in links)
    return [p for p in links if p.similarity >= PRIMARY * best]


@dataclass(frozen=True, slots=True)
class _Back:
    """Where articles of a newer version come from in the older one."""

    paths: list[str]  # the main links, followed further back
    linked: list[str]  # every article linked, the weaker links of a split or merge included
    status: PairStatus
    similarity: float | None


def _back(diff: Diff, paths: Sequence[str], older: _Version, newer: _Version) -> _Back:
    """The articles of the older version that ``paths`` of the newer one come from, the step's status and
    similarity."""
    linked = [p for p in diff.pairs if p.b in paths and p.a]
    if not linked:
        return _Back([], [], "added", None)
    main = _primary(linked, older, newer)
    prev = {p.a for p in main}
    every = {p.a for p in linked}
    ordered = [a.path for a in older.arts if a.path in prev]
    others = [a.path for a in older.arts if a.path in every]
    if len(main) == 1 and len(paths) == 1:
        a, b = older.by_path.get(main[0].a or ""), newer.by_path.get(paths[0])
        if a and b and same_text(a.body, b.body):
            return _Back(ordered, others, "unchanged" if a.path == b.path else "renumbered", main[0].similarity)
    return _Back(ordered, others, _strongest([p.status for p in linked]), max(p.similarity for p in main))


def _lineage(art: Article, vs: Sequence[_Version], diffs: Sequence[Diff]) -> ArticleLineage:
    n = len(vs)
    backs: list[_Back | None] = [None] * n  # backs[k]: version k's side of the step from k to k + 1
    paths: list[list[str]] = [[] for _ in range(n)]
    paths[n - 1] = [art.path]
    for k in range(n - 2, -1, -1):
        if not paths[k + 1]:
            break
        back = _back(diffs[k], paths[k + 1], vs[k], vs[k + 1])
        backs[k], paths[k] = back, back.paths
    steps = []
    for k in range(n):
        first = vs[k].by_path.get(paths[k][0]) if paths[k] else None
        into = backs[k - 1] if k > 0 else None  # the step that made version k's article
        out = backs[k]
        changed_next = out is not None and out.status not in SAME_WORDING
        steps.append(LineageStep(
            version=k, paths=paths[k], linked=out.linked if out else [], heading=first.heading if first else None,
            status=into.status if into else None,
            similarity=None if into is None or into.similarity is None else round(into.similarity, 3),
            text=vs[k].wording(paths[k]) if changed_next and paths[k] else None,
        ))
    added_in = next((k for k in range(n) if paths[k]), None)
    return ArticleLineage(path=art.path, heading=art.heading, span=art.span, added_in=added_in, steps=steps)


def _removed(
    vs: Sequence[_Version], diffs: Sequence[Diff], lineage: Sequence[ArticleLineage]
) -> list[RemovedArticle]:
    out = []
    for k, diff in enumerate(diffs):
        gone = {p.a for p in diff.pairs if p.a and not any(q.a == p.a and q.b for q in diff.pairs)}
        for art in vs[k].arts:
            if art.path not in gone:
                continue
            back: list[str | None] = [None] * (k + 1)
            back[k] = art.path
            for j in range(k - 1, -1, -1):
                cur = back[j + 1]
                prev = _back(diffs[j], [cur], vs[j], vs[j + 1]).paths if cur else []
                back[j] = prev[0] if prev else None
            out.append(RemovedArticle(
                path=art.path, heading=art.heading, removed_in=k + 1, paths=back,
                text=vs[k].wording([art.path]), before=_anchor(art, vs[k], diff, k + 1, lineage),
            ))
    return out


def _anchor(art: Article, v: _Version, diff: Diff, k: int, lineage: Sequence[ArticleLineage]) -> str | None:
    """The article of the newest version that a removed article stood before: the first article after it that
    the next version kept, followed on to the newest version."""
    for later in v.arts[art.order + 1 :]:
        for p in diff.pairs:
            if p.a == later.path and p.b:
                for lin in lineage:
                    if p.b in lin.steps[k].paths:
                        return lin.path
    return None


# ---- timelines


def _key(q: Quantity) -> tuple[str, float | None, float | None, str]:
    return (q.kind, q.value, q.value_max, q.unit)


def _primary_pairs(diff: Diff, a: _Version, b: _Version) -> set[tuple[str, str]]:
    """The article pairs the lineage follows: each article of B with its primary links to A."""
    by_b: dict[str, list[SectionPair]] = {}
    for p in diff.pairs:
        if p.a and p.b:
            by_b.setdefault(p.b, []).append(p)
    return {(p.a or "", p.b or "") for links in by_b.values() for p in _primary(links, a, b)}


@dataclass
class _Links:
    """Quantities of version A continued in version B, built one rule at a time."""

    a: _Version
    b: _Version
    out: dict[int, tuple[int, PointStatus]]
    taken: set[int]

    def link(self, i: int, j: int, status: PointStatus) -> None:
        self.out[i] = (j, status)
        self.taken.add(j)

    def free(self, i: int | None, j: int | None) -> bool:
        return i is not None and j is not None and i not in self.out and j not in self.taken

    def in_pair(self, a_path: str, b_path: str, skip_a: set[int], skip_b: set[int]) -> tuple[list[int], list[int]]:
        """The quantities of a pair of articles not linked yet (nor in ``skip_a``, ``skip_b``)."""
        xs = [i for i, q in enumerate(self.a.rules) if i not in self.out and i not in skip_a and _path(self.a, q) == a_path]
        ys = [j for j, q in enumerate(self.b.rules) if j not in self.taken and j not in skip_b and _path(self.b, q) == b_path]
        return xs, ys

    def same_values(self, xs: list[int], ys: list[int]) -> None:
        """Link the same value on both sides: same bound and per first, then same value alone."""
        for strict in (True, False):
            for i in list(xs):
                x = self.a.rules[i]
                for j in ys:
                    y = self.b.rules[j]
                    if _key(x) == _key(y) and (not strict or (x.bound, sorted(x.per)) == (y.bound, sorted(y.per))):
                        self.link(i, j, "unchanged")
                        xs.remove(i)
                        ys.remove(j)
                        break

    def left_of_a_kind(self, xs: list[int], ys: list[int], rejected_a: set[int], rejected_b: set[int]) -> None:
        """What is left of one kind on both sides of a followed pair, as many on each side, in order: changed, when
        the diff had linked one of them outside the pair."""
        for kind in {self.a.rules[i].kind for i in xs}:
            kx = [i for i in xs if self.a.rules[i].kind == kind]
            ky = [j for j in ys if self.b.rules[j].kind == kind]
            if len(kx) == len(ky) and (set(kx) & rejected_a or set(ky) & rejected_b):
                for i, j in zip(kx, ky, strict=True):
                    self.link(i, j, "changed")


def _links(diff: Diff, a: _Version, b: _Version) -> dict[int, tuple[int, PointStatus]]:
    """Quantity ``i`` of version A continued as quantity ``j`` of B, with how it stands to it: the diff's changed
    and moved values (changed only between articles the lineage follows), the same value removed from one article
    and added in another, the same value on both sides of paired articles."""
    ia: dict[tuple[tuple[int, int], str], int] = {(q.evidence.span, q.kind): i for i, q in enumerate(a.rules)}
    ib: dict[tuple[tuple[int, int], str], int] = {(q.evidence.span, q.kind): j for j, q in enumerate(b.rules)}
    primary = _primary_pairs(diff, a, b)
    lk = _Links(a, b, {}, set())
    in_change_a: set[int] = set()
    in_change_b: set[int] = set()
    rejected_a: set[int] = set()
    rejected_b: set[int] = set()
    removed: list[int] = []
    added: list[int] = []
    for c in diff.changes:
        i = ia.get((c.a_evidence.span, c.kind)) if c.a_evidence else None
        j = ib.get((c.b_evidence.span, c.kind)) if c.b_evidence else None
        in_change_a |= {i} if i is not None else set()
        in_change_b |= {j} if j is not None else set()
        if c.change in ("changed", "moved") and lk.free(i, j):
            assert i is not None and j is not None
            if c.change == "moved":
                lk.link(i, j, "moved")
            elif (_path(a, a.rules[i]), _path(b, b.rules[j])) in primary:
                lk.link(i, j, "changed")
            else:  # a weak link of a many-to-many group: not followed
                rejected_a.add(i)
                rejected_b.add(j)
        elif i is not None and c.change == "removed":
            removed.append(i)
        elif j is not None and c.change == "added":
            added.append(j)
    # the same value removed from one article and added in another: moved (when the diff reports the two halves)
    for i in removed:
        for j in added:
            if lk.free(i, j) and _key(a.rules[i]) == _key(b.rules[j]) and a.rules[i].bound == b.rules[j].bound:
                lk.link(i, j, "moved")
    pairs = sorted((p for p in diff.pairs if p.a and p.b), key=lambda p: ((p.a, p.b) not in primary, -p.similarity))
    for p in pairs:
        lk.same_values(*lk.in_pair(p.a or "", p.b or "", in_change_a - rejected_a, in_change_b - rejected_b))
    for p in pairs:
        if (p.a, p.b) in primary:
            xs, ys = lk.in_pair(p.a or "", p.b or "", set(), set())
            lk.left_of_a_kind(xs, ys, rejected_a, rejected_b)
    return lk.out


def _path(v: _Version, q: Quantity) -> str | None:
    art = v.article_of(q)
    return art.path if art else None


def _phrase(doc: Document, q: Quantity) -> str:
    """The quote with the bound word printed right after it: 三百万元 + 以下."""
    end = q.evidence.span[1]
    tail = doc.text[end : end + 2]
    return q.evidence.quote + tail if tail in BOUND_TAILS else q.evidence.quote


def subject_of(doc: Document, q: Quantity) -> str:
    """What the number is, as the text names it in its clause: the word after the quote, else before it.

    Args:
        doc: the document holding ``q``.
        q: a quantity of it.
    Returns:
        a word of SUBJECT_WORDS, else the kind's word (金额, 比例, 期限, 年龄, 数量).
    """
    s, e = q.evidence.span
    after = _CLAUSE_END.split(doc.text[e : e + 16], maxsplit=1)[0]
    before = _CLAUSE_END.split(doc.text[max(0, s - 12) : s])[-1]
    for window in (after, before):
        for w in SUBJECT_WORDS:
            if w in window:
                return w
    return KIND_SUBJECT.get(q.kind, "数值")


def _point(v: _Version, k: int, q: Quantity, status: PointStatus) -> TimelinePoint:
    return TimelinePoint(
        version=k, status=status, article=_path(v, q), section=q.section, kind=q.kind, value=q.value,
        value_max=q.value_max, unit=q.unit, bound=q.bound, per=q.per, phrase=_phrase(v.doc, q), evidence=q.evidence,
    )


def _timelines(vs: Sequence[_Version], diffs: Sequence[Diff]) -> list[Timeline]:
    n = len(vs)
    links = [_links(diffs[k], vs[k], vs[k + 1]) for k in range(n - 1)]
    targets = [{j for j, _ in lk.values()} for lk in links]
    chains: list[list[TimelinePoint]] = []
    last: list[tuple[int, Quantity]] = []
    for k in range(n):
        for i, q in enumerate(vs[k].rules):
            if k > 0 and i in targets[k - 1]:
                continue
            points = [_point(vs[k], k, q, "original" if k == 0 else "added")]
            j, cur = k, i
            while j < n - 1 and cur in links[j]:
                nxt, status = links[j][cur]
                j, cur = j + 1, nxt
                points.append(_point(vs[j], j, vs[j].rules[cur], status))
            chains.append(points)
            last.append((j, vs[j].rules[cur]))

    def order(t: int) -> tuple[int, int, int]:
        j, q = last[t]
        return (0 if j == n - 1 else 1, -j if j < n - 1 else 0, q.evidence.span[0])

    out = []
    for rank, t in enumerate(sorted(range(len(chains)), key=order), start=1):
        points = chains[t]
        j, q = last[t]
        out.append(Timeline(
            id=f"T{rank}", kind=q.kind, subject=subject_of(vs[j].doc, q), added_in=points[0].version,
            removed_in=j + 1 if j < n - 1 else None, changed=any(p.status in ("changed", "moved") for p in points),
            points=points,
        ))
    return out


def history_of(analyses: Sequence[Analysis]) -> History:
    """The history of one work from the analyses of two or more of its versions, given in any order.

    Args:
        analyses: one analysis per version.
    Returns:
        the versions ordered by date, the lineage of each article of the newest version, the articles removed
        along the way and each rule's timeline.
    Raises:
        InputError: fewer than two versions, one given twice, one without a date, or not versions of one work.
    """
    ordered = order_versions(analyses)
    vs = [_Version.of(a) for a in ordered]
    diffs = [analyses_to_diff(ordered[k], ordered[k + 1]) for k in range(len(ordered) - 1)]
    lineage = [_lineage(art, vs, diffs) for art in vs[-1].arts]
    newest = ordered[-1].document
    return History(
        work_title=work_title(newest.instrument_title) or work_title(newest.title) or newest.title,
        versions=_versions([a.document for a in ordered]),
        lineage=lineage,
        removed=_removed(vs, diffs, lineage),
        timelines=_timelines(vs, diffs),
    )


__all__ = ["history_of", "order_versions", "subject_of", "version_date"]
