"""Sanction articles aligned by the duties they cite.

A chapter of 法律责任 is worded alike from one article to the next (``违反本条例第X条规定的，责令改正，处…罚款``), so
that its articles' wording tells them apart poorly; what tells them apart is the articles of duties each cites. Two
sanction articles whose cited articles are linked to none of each other's are not one article (吴忠市城乡容貌和环境卫生
治理条例 2018 第五十四条, for 第二十九条 and 第三十一条, is not 2024 第五十一条, for 第二十二条), and one left without a
partner goes with the article of the other version citing the partners of its duties (2018 第五十四条 → 2024 第五十二条,
for 第二十七条, the partner of 第三十一条).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import regex


class Article(Protocol):
    """An article as ``compare.align`` gives it (which imports this module): its path and its text."""

    @property
    def path(self) -> str: ...

    @property
    def body(self) -> str: ...

# the duties a sanction is for: 违反本条例第二十九条（一）（二）项规定行为之一，或者违反第三十一条第一款之规定的
_CITING = regex.compile(r"违反(?:本(?:条例|办法|规定|细则|法))?(?P<refs>第[^。；;：:\n]{0,60}?)(?:之?规定|的)")
_ARTICLE = regex.compile(r"第[一二三四五六七八九十百零〇\d]+条")
CITED = 0.5  # a sanction article left alone goes with one at least this share of whose duties are its own (of one
# rule for several duties, the fine kept for one of them: 第三十七条、第三十八条、第三十九条 → 第三十三条)


def _label(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def cited(body: str) -> frozenset[str]:
    """The articles of its own document a sanction article cites as the duties it is for (labels: 第二十五条).

    >>> sorted(cited("违反本条例第二十九条（一）（二）项规定行为之一，或者违反第三十一条第一款之规定的，责令改正"))
    ['第三十一条', '第二十九条']
    """
    out: set[str] = set()
    for m in _CITING.finditer(body):
        if "《" in m.group("refs"):  # another instrument's articles
            continue
        out.update(_ARTICLE.findall(m.group("refs")))
    return frozenset(out)


def cited_links(xs: Sequence[Article], ys: Sequence[Article], links: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """``links`` (places in ``xs`` and ``ys``) with the sanction articles re-linked by the duties they cite: a link of
    two articles each citing articles of its document, where the cited articles of A are linked to some of B and
    none to one cited by B, is dropped; an article of A so left alone, or never linked, goes with the article of B left alone
    most of whose cited articles (CITED at least) are those its own are linked to, the most alike sets first."""
    at_a = {_label(x.path): i for i, x in enumerate(xs)}
    label_b = [_label(y.path) for y in ys]
    ca, cb = [cited(x.body) for x in xs], [cited(y.body) for y in ys]
    if not any(ca) or not any(cb):
        return links
    of_a: dict[int, set[int]] = {}
    for i, j in links:
        of_a.setdefault(i, set()).add(j)

    def partners(i: int) -> frozenset[str] | None:
        """The labels of B's partners of the articles ``xs[i]`` cites (a duty repealed has none); None when one of
        them is no article of A (another numbering)."""
        out: set[str] = set()
        for label in ca[i]:
            k = at_a.get(label)
            if k is None:
                return None
            out.update(label_b[j] for j in of_a.get(k, ()))
        return frozenset(out)

    mapped = {i: p for i in range(len(xs)) if ca[i] and (p := partners(i))}
    wrong = {(i, j) for i, j in links if i in mapped and cb[j] and not mapped[i] & cb[j]}
    if not wrong:
        return links
    kept = links - wrong
    linked_a, linked_b = {i for i, _ in kept}, {j for _, j in kept}
    cands = sorted(
        ((len(mapped[i] & cb[j]) / len(cb[j]), len(mapped[i] & cb[j]) / len(mapped[i] | cb[j]), i, j)
         for i in mapped if i not in linked_a for j in range(len(ys)) if j not in linked_b and cb[j] and mapped[i] & cb[j]),
        key=lambda c: (-c[0], -c[1], c[2], c[3]),
    )
    for score, _, i, j in cands:
        if score >= CITED and i not in linked_a and j not in linked_b:
            kept.add((i, j))
            linked_a.add(i)
            linked_b.add(j)
    return kept
