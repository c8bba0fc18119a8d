"""A sentence moved from one article into another (``compare/align``): a sentence of an article of A, its wording
(numbers and punctuation aside) long enough to be no boilerplate, found in no other article of A, not in the
article's partner, but a sentence of exactly one other article of B, is a split of it into that article (宜春市城市市容和环境
卫生管理条例 2019 第十九条's last sentence 机动车、非机动车应当在规定的地点有序停放 opening the new 第二十条; 认可和执行台湾
地区法院民事判决的规定 2015 第七条's sentence on default judgments closing the new 第十一条)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

MIN_SENTENCE = 12  # characters of wording a moved sentence holds at least
_SENTENCE = regex.compile(r"[^。\n]+")


def _by_sentence(bodies: Sequence[str], key: Callable[[str], str]) -> dict[str, set[int]]:
    """The articles holding each sentence (by its wording), of MIN_SENTENCE characters at least."""
    out: dict[str, set[int]] = {}
    for k, body in enumerate(bodies):
        for m in _SENTENCE.finditer(body):
            if len(s := key(m.group(0))) >= MIN_SENTENCE:
                out.setdefault(s, set()).add(k)
    return out


def moved_sentences(a_bodies: Sequence[str], b_bodies: Sequence[str], pa: dict[int, int],
                    key: Callable[[str], str]) -> list[tuple[int, int]]:
    """Links (A place, B place) of an article of A paired in ``pa`` to another article of B that holds one of its
    sentences as a sentence, the partner not (``key``: the wording compared). Linear in the text: sentences are
    looked up by their wording."""
    in_a, in_b = _by_sentence(a_bodies, key), _by_sentence(b_bodies, key)
    out: set[tuple[int, int]] = set()
    for s, holders in in_a.items():
        hosts = in_b.get(s, set())
        if len(holders) != 1 or len(hosts) != 1:
            continue
        (i,), (j,) = holders, hosts
        j0 = pa.get(i)
        if j0 is not None and j != j0 and s not in key(b_bodies[j0]):
            out.add((i, j))
    return sorted(out)
