"""Align the chapters (章, and 编 above them) of two versions through their articles.

A chapter of A is paired with the chapter of B that holds most of the partners of its articles (ties: the one
under the same number). Its status: ``unchanged`` (same number and heading, every article unchanged),
``renumbered`` (the same articles and heading under another number), ``modified`` (heading or articles changed),
``added`` or ``removed`` (no article of it linked to the other version).
"""

from __future__ import annotations

from collections import Counter

from ..records import Document, PairStatus, SectionPair, walk_sections
from .align import Pairing, same_text

_CHAPTER_MARKERS = ("bian", "zhang", "jie")


def _chapters(doc: Document) -> dict[str, tuple[str | None, tuple[int, int]]]:
    """Each chapter's path, heading and span."""
    return {s.path: (s.heading, s.span) for s in walk_sections(doc.sections) if s.marker in _CHAPTER_MARKERS}


def _chapters_of(path: str, chapters: dict[str, tuple[str | None, tuple[int, int]]]) -> list[str]:
    """The chapters an article's path lies in (``第三章/第二节/第十一条`` → ``第三章``, ``第三章/第二节``)."""
    parts = path.split("/")
    return [head for k in range(1, len(parts)) if (head := "/".join(parts[:k])) in chapters]


def align_chapters(a: Document, b: Document, pairings: list[Pairing]) -> list[SectionPair]:
    """The chapters of A and B paired by the articles they hold; empty when neither has chapters."""
    ca, cb = _chapters(a), _chapters(b)
    if not ca and not cb:
        return []
    votes: dict[str, Counter[str]] = {}
    status_of: dict[tuple[str, str], set[str]] = {}  # (side, chapter) -> the statuses of its articles
    for p in pairings:
        xs = _chapters_of(p.a.path, ca) if p.a else []
        ys = _chapters_of(p.b.path, cb) if p.b else []
        for x in xs:  # a chapter votes for the chapters of its level (a 节 may have become a 章)
            for y in ys:
                votes.setdefault(x, Counter())[y] += 1 + (x.count("/") == y.count("/"))
        for side, cs in (("a", xs), ("b", ys)):
            for c in cs:
                status_of.setdefault((side, c), set()).add(p.status)
    out: list[SectionPair] = []
    taken: set[str] = set()
    for x, (ha, span_a) in ca.items():
        ranked = sorted(votes.get(x, Counter()).items(), key=lambda kv: (-kv[1], kv[0] != x))
        partner = next((c for c, _ in ranked if c not in taken), None)
        if partner is None:
            out.append(SectionPair(status="removed", a=x, b=None, a_heading=ha, similarity=0.0, a_span=span_a))
            continue
        y = partner
        taken.add(y)
        hb, span_b = cb[y]
        same_heading = same_text(ha or "", hb or "")
        statuses = status_of.get(("a", x), set()) | status_of.get(("b", y), set())
        status: PairStatus
        if same_heading and statuses <= {"unchanged", "renumbered"}:
            status = "unchanged" if x == y else "renumbered"
        else:
            status = "modified"
        n = sum(votes[x].values())
        out.append(SectionPair(status=status, a=x, b=y, a_heading=ha, b_heading=hb, similarity=round(votes[x][y] / n, 3),
                               a_span=span_a, b_span=span_b))
    for y, (hb, span_b) in cb.items():
        if y not in taken:
            out.append(SectionPair(status="added", a=None, b=y, b_heading=hb, similarity=0.0, b_span=span_b))
    return out
