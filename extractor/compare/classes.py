"""The recipient classes a value of a comparison is for: groups of ``data/groups.yaml`` read from the words
around the number (its list reading, the subject of its clause, the recipients of its rule).

A rule names its recipients once, in its subject phrase (``对大中专学生、就业困难人员、脱贫家庭劳动力、返乡农民工首次创办
企业…的，给予一次性开业补贴5000元``), and its values are for each of them: the amount and the term it grants are every
recipient's, while a condition stated once for all of them (``正常经营1年以上的``) is the rule's, under its general
recipient. A rule that then gives each recipient its own amount (``…的全日制博士研究生、硕士研究生、本科毕业生，3年内
分别给予每月5000元、3000元、1000元``) makes a row of each recipient, which holds the terms and conditions they share.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..extract.taxonomy import groups
from ..records import Quantity

CLAUSE_REACH = 60  # a clause is searched back this far for the groups it names
SENTENCE_REACH = 200  # a listed group phrase, and a rule's subject, are looked for this far back

_CLAUSE_START = regex.compile(r"[，,；;。：:\n]")
_SENTENCE_START = regex.compile(r"[；;。！？!?\n]")
_SPACES = regex.compile(r"[ \u3000]+")
_COORDINATED = regex.compile(r"[ \u3000]*(?:、|和|或者|或|及|与|以及)[ \u3000]*")
_QUALIFIED_ITEM = regex.compile(r"[ \u3000]*(?:、|和|或者|或|及|与|以及)[^，,。；;：:、（）()]{1,12}?的[ \u3000]*")
"""Between two items of a list the second of which has its qualifier (``全日制博士研究生、35 周岁以下的硕士研究生``)."""
_PAREN = regex.compile(r"[（(][^（）()]*[）)]")
_UMBRELLA = regex.compile(r"[ \u3000]*等[ \u3000]*(?:各类|各种|其他)?[ \u3000]*")
"""Between the last of a list and the name that sums it up (``各类企业、农民专业合作社等市场经营主体``)."""
_FOUNDED = regex.compile(r"[ \u3000]*所?(?:创办|创建|领办|兴办)的?[ \u3000]*")
"""Between the founders and the firm they found: the firm is the name of the run (``…致富带头人创办的小微企业``)."""
_FOUNDS = regex.compile(r"所?(?:创办|创建|领办|兴办)")
"""A group's name that opens with the founding (``创办的小微企业``)."""
_OPENING = regex.compile(r"[ \u3000]*(?:我市|本市|全市|我省|本省|全省|各地|符合条件的|经认定的)?[ \u3000]*")
"""What may come before the recipients that open a subject phrase (``对我市大中专学生…``)."""
_OBJECT_OF = regex.compile(r"(?:吸纳|招用|新招用|招收|吸收|雇用|聘用|安置|帮扶|带动|组织|培训|引进)[ \u3000]*$")
"""A verb right before a list makes it the verb's object, not the rule's recipients: the people an employer
hires (``企业吸纳高校毕业生、农民工并稳定就业的，…给予企业…``) are named in the rule, the employer receives."""
_AMONG = "其中"
_PAYER = regex.compile(r"[ \u3000]*(?:可|将|应当|应|按规定)?[ \u3000]*(?:给予|发放|拨付|兑现)")
"""A verb of giving right after a list makes it the giver (``财政部门给予贷款实际利率50%的财政贴息``), no recipient."""
# ``|(?!)``, an alternative that never matches, in a group of words after spaces (``[ \u3000]*(?:其余|其他|(?!))``):
# it changes no match, and keeps the regex module from searching the rest of the text for the words (its
# required-string check) before each ``match`` at an offset: 190 µs a call on a text of 1M characters that lacks
# them, 0.5 with it (issue 13)
_SUBJECT_START = regex.compile(r"(?:^|(?<=[，,；;。：:\n]))[ \u3000]*(?:" + _AMONG + r"|(?!))?[ \u3000]*(?:对于|对|(?!))")
"""``对`` opening a clause: the start of a rule's subject phrase (``对…的，给予…``); ``其中对…`` a rule for some of the
recipients of the rule before it (``…给予社会保险补贴，其中对城镇零就业家庭成员、低保家庭成员…等补贴期限最长不超过3年``)."""
_REST = regex.compile(r"(?<=[，,；;])[ \u3000]*(?:其余|其他|(?!))(?:人员|对象)?")
"""A clause for the rest of a rule's recipients, after a ``其中对…`` rule for some of them (``，其余人员…``)."""
_HEAD_END = regex.compile(r"[ \u3000]*(?:等)?(?:人员|群体|单位|机构|主体)?[ \u3000]*(?:的)?[ \u3000]*[，,：:]")
"""What may follow the groups that end a subject phrase (``…本科毕业生，``, ``…担保机构、经办银行等单位，``)."""
_GRANTS = regex.compile(r"给予|发放|可申请|申请|享受|补贴|补助|奖补|奖励|资助|贴息|分别")
"""Words of a clause that grants (``给予最长1年的社会保险补贴``), not one that only qualifies (``正常经营1年以上的``)."""
_QUALIFIER_GAP = regex.compile(r"[\p{Han} \u3000]{0,6}")
"""What may stand between a window or age and the group it qualifies (``离校2年内未就业高校毕业生``,
``35 周岁以下的硕士研究生``): a few words, no punctuation."""
QUALIFIED = ("duration", "age", "count")
_DISTRIBUTES = "分别"
_PHRASE_END = regex.compile(r"给予|发放|可申请|可按|分别|享受")
"""The verbs of the clause that ends a subject phrase: the rule's grant (``…的，给予…``)."""
"""A rule that gives each of its recipients its own value."""


class _Words:
    """Where the words of a pattern of literal words (``_PHRASE_END``, ``_GRANTS``) start and end in a text, overlapping
    ones too, to find the first of them within a range by bisection, as ``pattern.search(text, lo, hi)`` finds it (a
    search scanned to the text's end for each number of a text that has none)."""

    __slots__ = ("ends", "starts")

    def __init__(self, pattern: regex.Pattern[str], text: str) -> None:
        found = [m.span() for m in pattern.finditer(text, overlapped=True)]
        self.starts = [a for a, _ in found]
        self.ends = [b for _, b in found]

    def first(self, lo: int, hi: int) -> int | None:
        """Where the first match in ``text[lo:hi]`` starts, else None (a match that runs past ``hi`` is none; at most
        one word matches at an offset, and a later match never ends before an earlier one: the next two are all it
        takes)."""
        k = bisect.bisect_left(self.starts, lo)
        while k < len(self.starts) and self.starts[k] < hi:
            if self.ends[k] <= hi:
                return self.starts[k]
            k += 1
        return None


_APPLYING = regex.compile("申请对象")
_ITEM_MARKS = regex.compile(r"[，,；;。！？!?\n的]")  # _LIST_END: one character each


class _Marks:
    """A text's marks, found once per text (``_marks``): where its sentences and clauses end, its line breaks, the
    、 of its lists, its grants' verbs; and the answers per line, per grant and per sentence that numbers share. Every
    lookup answers as the scan it replaces, which for a text of few marks ran to the text's end (or its start) for each
    number: ``'百分之'*n`` was quadratic in ``zhengce compare`` (issue 13)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._parens: tuple[list[int], list[int]] | None = None
        self._hits: tuple[list[int], list[int], list[tuple[int, int, str]]] | None = None
        self.sentences = [m.start() for m in _SENTENCE_START.finditer(text)]
        self.clauses = [m.start() for m in _CLAUSE_START.finditer(text)]
        self.lines = [m.start() for m in regex.finditer(r"\n", text)]
        self.items = [m.start() for m in _ITEM_START.finditer(text)]
        self.list_ends = [m.start() for m in _ITEM_MARKS.finditer(text)]
        self.phrase_ends = _Words(_PHRASE_END, text)
        self.grants = _Words(_GRANTS, text)
        self.distributes = _Words(regex.compile(_DISTRIBUTES), text)
        self.worked = _Words(_WORKED, text)
        self.applying = [m.start() for m in _APPLYING.finditer(text, overlapped=True)]
        self.audiences = frozenset(m.start() for m in _AUDIENCE.finditer(text))
        self.conditions: dict[int, int] = {}  # a grant -> where the 的 of a ``…的，`` before it is (-1: none)
        self.rules: dict[int, tuple[RuleSpan, bool]] = {}  # a number's offset -> _own_rule
        self.heads: dict[int, tuple[int, bool]] = {}  # rule_span: where a run of rules after ； starts, and opened
        self.title_lines: dict[int, tuple[str, list[str]]] = {}  # a line's start -> what title_groups reads of it
        self.grant_recipients: dict[int, tuple[str, ...]] = {}  # _the_rest: a grant -> its rule's recipients
        self.rests: dict[int, tuple[str, ...]] = {}  # _the_rest: a grant's index -> the walk's answer from it

    @staticmethod
    def after(marks: list[int], at: int) -> int | None:
        """The first of ``marks`` at or after ``at``, else None."""
        k = bisect.bisect_left(marks, at)
        return marks[k] if k < len(marks) else None

    def line_before(self, at: int) -> int:
        """``text.rfind("\\n", 0, at)``: the last line break before ``at``, else -1."""
        k = bisect.bisect_left(self.lines, at)
        return self.lines[k - 1] if k else -1


    def parens(self) -> tuple[list[int], list[int]]:
        """Where each bracket of ``_PAREN`` opens and where it ends: one holds no bracket, so a scan of any range
        finds those that lie in it, in order."""
        if self._parens is None:
            found = [m.span() for m in _PAREN.finditer(self.text)]
            self._parens = [a for a, _ in found], [b for _, b in found]
        return self._parens

    def group_hits(self) -> tuple[list[int], list[int], list[tuple[int, int, str]]]:
        """The group mentions of the whole text (``groups().find(text)``): starts, ends and the hits."""
        if self._hits is None:
            found = list(groups().find(self.text))
            self._hits = [a for a, _, _ in found], [b for _, b, _ in found], found
        return self._hits


def _groups_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``list(groups().find(text, start, end))`` from the whole text's mentions (a scan of the range read it all,
    for each number: the range of a rule whose subject opens a run of thousands after ；). The scan from ``start``
    reads what the whole text's did wherever that one tried a match (out of its mentions: where it failed, a range's
    scan fails too, and where it matched, within the range, it matches the same); inside a mention begun before
    ``start``, and at one that runs past ``end``, the range's scan is made there."""
    starts, ends, hits = _marks(text).group_hits()
    tax = groups()
    out: list[tuple[int, int, str]] = []
    at = start
    while at < end:
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and starts[k] < at < ends[k]:  # inside a mention: where the whole text's scan tried nothing
            m = next((m for q in range(at, min(ends[k], end)) if (m := tax.pattern.match(text, q, end))), None)
            if m is None:
                at = ends[k]
                continue
            out.append((m.start(), m.end(), tax.by_surface[m.group(0)]))
            at = m.end()
            continue
        j = bisect.bisect_left(starts, at)  # the next mention: the scan fails at every offset before it
        if j >= len(starts) or starts[j] >= end:
            break
        if ends[j] <= end:
            out.append(hits[j])
            at = ends[j]
            continue
        m = tax.pattern.match(text, starts[j], end)  # it runs past the range: a shorter name may end within it
        if m is None:
            at = starts[j] + 1
            continue
        out.append((m.start(), m.end(), tax.by_surface[m.group(0)]))
        at = m.end()
    return out


@functools.lru_cache(maxsize=16)
def _marks(text: str) -> _Marks:
    return _Marks(text)


def most_specific(ids: Iterable[str]) -> list[str]:
    """The ids none of the others descends from (a group named with one of its descendants gives way to it)."""
    tax = groups()
    ids = [g for g in dict.fromkeys(ids) if g in tax.entries]
    return [g for g in ids if not any(g in tax.ancestors(o) for o in ids if o != g)]


_BOUND_BEFORE = regex.compile(r"最高|最低|最多|最长|不超过|不高于|不低于|不少于|上限|下限")
"""Bound words: a group named after one in its clause is part of what the bound is of, not the clause's subject."""


def _subject(text: str, start: int, end: int) -> list[str]:
    """The groups that open the clause ``text[start:end]`` (its subject): the first run of coordinated names
    (``合伙经营和组织创业``, ``各类企业、农民专业合作社等市场经营主体``: the name that sums it up); a group named later in
    the clause (``…人数达到企业现有在职职工人数15%``), after its bound word (``最高不超过…个人创业担保贷款额度上限之和的
    110%``) or hired by the subject (``吸纳脱贫劳动力``) is no recipient."""
    runs = _runs(text, start, end)
    if not runs or _BOUND_BEFORE.search(text, start, runs[0][0][0]):
        return []  # a name after the bound (最高不超过符合条件的个人创业担保贷款额度上限之和的110%): what the bound is of
    return [g for _, _, g in runs[0]]


@dataclass(frozen=True, slots=True)
class Recipients:
    """The recipients a rule's subject phrase names: their ids, where their names end, and whether the rule
    distributes its values over them (``分别``)."""

    ids: tuple[str, ...]
    end: int
    distributes: bool


def _runs(text: str, start: int, end: int) -> list[list[tuple[int, int, str]]]:
    """The groups named in ``text[start:end]`` outside brackets (``大中专学生（含…毕业生及在校学生）``: the bracket's
    groups are a gloss), in runs of coordinated names (``就业困难人员、脱贫家庭劳动力、返乡农民工``)."""
    marks = _marks(text)
    opens, closes = marks.parens()
    k = bisect.bisect_left(opens, start)
    j = bisect.bisect_right(closes, end, k)  # _PAREN.finditer(text, start, end): the brackets within the range
    opens, closes = opens[k:j], closes[k:j]

    def inside(a: int) -> bool:
        i = bisect.bisect_right(opens, a) - 1
        return i >= 0 and a < closes[i]

    found = [h for h in _groups_in(text, start, end) if not inside(h[0])]
    runs: list[list[tuple[int, int, str]]] = []
    for hit in found:
        gap = _PAREN.sub("", text[runs[-1][-1][1] : hit[0]]) if runs else None
        if gap is not None and (_COORDINATED.fullmatch(gap) or _QUALIFIED_ITEM.fullmatch(gap)):
            runs[-1].append(hit)
        elif gap is not None and _UMBRELLA.fullmatch(gap):
            runs[-1] = [(runs[-1][0][0], hit[1], hit[2])]  # the name that sums the list up (…等市场经营主体)
        elif gap is not None and (_FOUNDED.fullmatch(gap) or (_FOUNDS.match(text, hit[0]) and not gap.strip(" \u3000"))):
            runs[-1] = [hit]  # the founders name the firm they found (…引进的高层次人才、返乡入乡致富带头人创办的小微企业)
        elif gap is not None and not gap.strip(" \u3000"):
            runs[-1][-1] = hit  # two names one after the other: the nearer
        else:
            runs.append([hit])
    return [r for r in runs if not _OBJECT_OF.search(text, max(start, r[0][0] - 6), r[0][0])
            and not (_PAYER.match(text, r[-1][1]) and not _addressed(text, r[0][0]))]


def _addressed(text: str, at: int) -> bool:
    """Is the name at ``at`` in a clause opened by 对 (``对公益性岗位安置的就业困难人员给予岗位补贴``: the one given to)?"""
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, at - CLAUSE_REACH), at)),
                       default=max(0, at - CLAUSE_REACH))
    return bool(_SUBJECT_START.match(text, clause_start))


@dataclass(frozen=True, slots=True)
class RuleSpan:
    """Where a rule's subject phrase starts, where its grant starts (None when it names none) and where its
    sentence ends."""

    start: int
    grant: int | None
    end: int
    opened: bool
    """The phrase states a condition: it opens with 对 or ends with 的 before the grant (``对…的，给予…``)."""


_CONDITION_END = regex.compile(r"的[ \u3000]*[，,][ \u3000]*$")
"""A subject phrase that ends ``…的，`` before its grant states a condition (``…吸纳毕业2年内高校毕业生并稳定就业的，给予``)."""


def rule_span(text: str, start: int) -> RuleSpan:
    """The rule of the number at ``start``: its subject phrase starts at the last clause before the number that
    opens with 对 or follows the grant of another rule in the sentence (``…的，给予企业…补贴，小微企业…的，给予…``),
    else at the sentence's start, and runs to its grant (给予, 发放, 可申请 …). A rule after ； that names no one
    goes on with the one before (``_own_rule``), however many such rules follow each other (a loop, not a
    recursion: a run of thousands of them is no RecursionError; each sentence's own rule is found once per text,
    so that the numbers of a long run do not each read every sentence of it again)."""
    span, goes_on = _rule_of(text, start)
    if not goes_on:
        return span
    head, opened = _run_head(text, span.start - 1)  # in the sentence before the ；
    return RuleSpan(head, span.grant, span.end, opened or span.opened)


def _run_head(text: str, start: int) -> tuple[int, bool]:
    """Where the rule of the number at ``start`` starts, going on with the rules before it after ； however many, and
    whether any of them states a condition: found once per sentence of the run and kept (``_Marks.heads``), so that
    each number of a run of thousands does not walk the run back to its start."""
    heads = _marks(text).heads
    chain: list[tuple[int, RuleSpan]] = []  # the rules after ； that go on with the one before, the first first
    while start not in heads:
        span, goes_on = _rule_of(text, start)
        if not goes_on:
            heads[start] = (span.start, span.opened)
            break
        chain.append((start, span))
        start = span.start - 1
    head, opened = heads[start]
    for at, span in reversed(chain):
        opened = opened or span.opened
        heads[at] = (head, opened)
    return head, opened


def _rule_of(text: str, start: int) -> tuple[RuleSpan, bool]:
    """``_own_rule``, kept for the text (``_Marks.rules``): a text of more numbers than its cache holds read each
    number's rule again for each question asked of it."""
    rules = _marks(text).rules
    if start not in rules:
        rules[start] = _own_rule(text, start)
    return rules[start]


@functools.lru_cache(maxsize=4096)
def _own_rule(text: str, start: int) -> tuple[RuleSpan, bool]:
    """The rule of the number at ``start`` within its sentence, and whether it goes on with the rule of the
    sentence before (it follows ；, names no one and grants: then its ``start`` is its sentence's)."""
    while True:
        span = _sentence_rule(text, start)
        if isinstance(span, int):
            start = span  # the rest after a 其中对… rule: the rule the sentence opened with
            continue
        return span


def _sentence_rule(text: str, start: int) -> tuple[RuleSpan, bool] | int:
    """One step of ``_own_rule``: the rule and whether it goes on with the one before, or the offset to look
    from again (the 对 of a 其中对… rule whose rest the number is of)."""
    sent_start = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, start - SENTENCE_REACH), start)),
                     default=max(0, start - SENTENCE_REACH))
    opening = list(_SUBJECT_START.finditer(text, sent_start, start))
    if opening and opening[-1].group().lstrip(" \u3000").startswith(_AMONG) and _REST.search(text, opening[-1].end(), start):
        # the rest (…，其中对城镇零就业家庭成员…等补贴期限最长不超过3年，其余人员…给予最长不超过1年的补贴) are the recipients
        # the sentence's rule opened with: that rule's
        return opening[-1].start()
    phrase_start = opening[-1].end() if opening else sent_start
    marks = [m.end() for m in _CLAUSE_START.finditer(text, phrase_start, start)]
    # a clause after a granting clause starts another rule (the last such clause before the number)
    after_grant = [b for a, b in itertools.pairwise([phrase_start, *marks]) if _PHRASE_END.search(text, a, b)]
    if after_grant and after_grant[-1] > phrase_start and _runs(text, after_grant[-1], start):
        phrase_start, opening = after_grant[-1], []  # (one naming no group goes on with the rule before: …，并给予…)
    index = _marks(text)
    sentence_end = index.after(index.sentences, start)
    end = sentence_end if sentence_end is not None else len(text)
    grant = index.phrase_ends.first(phrase_start, end)
    conditional = bool(opening) or (grant is not None and _condition_before(text, grant) >= phrase_start)
    if (phrase_start == sent_start and sent_start > 0 and text[sent_start - 1] in "；;" and not opening
            and grant is not None and not _runs(text, phrase_start, grant)):
        # a rule after ； that names no one goes on with the one before (…的中小微企业，…给予…社会保险补贴；按新招用
        # 符合条件人数，给予每人1000元的一次性吸纳就业补贴; …的全日制博士研究生…，分别…；落户后暂未就业或创业的，分别…):
        # its subject and conditions
        return RuleSpan(sent_start, grant, end, conditional), True
    return RuleSpan(phrase_start, grant, end, conditional), False


def _condition_before(text: str, grant: int) -> int:
    """Where the 的 of a ``…的，`` right before ``grant`` is (``_CONDITION_END``: ``的``, spaces, a comma, spaces, and a
    line break where ``$`` matches before one), else -1: ``_CONDITION_END.search(text, lo, grant)`` matches when it is
    at ``lo`` or after. Read back from the grant, once per grant (the search ran from the phrase's start)."""
    found = _marks(text).conditions
    if grant not in found:
        at = grant - 1 if grant and text[grant - 1] == "\n" else grant
        while at > 0 and text[at - 1] in " \u3000":
            at -= 1
        if at > 0 and text[at - 1] in "，,":
            at -= 1
            while at > 0 and text[at - 1] in " \u3000":
                at -= 1
            found[grant] = at - 1 if at > 0 and text[at - 1] == "的" else -1
        else:
            found[grant] = -1
    return found[grant]


def in_condition(text: str, start: int) -> bool:
    """Is the number at ``start`` a condition of its rule: in a subject phrase that a grant follows, opened by 对
    (``对年度吸纳见习人员超过100人、留用率超过70%…的就业见习单位，…给予10万元的一次性奖补``) or ending ``…的，``
    (``小微企业等符合规定企业吸纳毕业2年内高校毕业生并稳定就业的，给予…``)?"""
    rule = rule_span(text, start)
    return rule.opened and rule.grant is not None and start < rule.grant


def rule_recipients(text: str, start: int) -> Recipients | None:
    """The recipients of the rule holding the number at ``start`` (``rule_span``): the coordinated groups that end
    its subject phrase (``对首次来宛…的全日制博士研究生、硕士研究生、本科毕业生，``), else those that open it
    (``对大中专学生（…）、就业困难人员…首次创办企业…的，``); None when it names no group there."""
    rule = rule_span(text, start)
    # the phrase runs to the rule's grant (a number of the phrase may come before the recipients' names)
    runs = _runs(text, rule.start, rule.grant if rule.grant is not None else start)
    if not runs:
        return None
    head = next((r for r in reversed(runs) if _HEAD_END.match(text, r[-1][1], rule.end)), None)
    if head is None and _OPENING.fullmatch(text, rule.start, runs[0][0][0]):
        head = runs[0]
    if head is None:
        return None
    ids = tuple(most_specific(g for _, _, g in head))
    distributes = _marks(text).distributes.first(head[-1][1], rule.end) is not None  # 分别 in text[…: rule.end]
    return Recipients(ids, head[-1][1], distributes) if ids else None


def _clause(text: str, start: int) -> tuple[int, int]:
    """The clause holding ``start``: from the last clause mark before it (at most ``CLAUSE_REACH`` back) to the
    next one."""
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(text, max(0, start - CLAUSE_REACH), start)),
                       default=max(0, start - CLAUSE_REACH))
    marks = _marks(text)
    end = marks.after(marks.clauses, start)
    return clause_start, end if end is not None else len(text)


_ITEM_START = regex.compile(r"、")
_DIGIT = regex.compile(r"\d")


def _item_start(text: str, clause_start: int, start: int) -> int:
    """Where the list item holding the number at ``start`` begins, in a list whose items each state a group and
    a number (``初级工 200 元、中级工 240 元、高级工 280 元``, ``中级工证书每人每年5000元、高级工证书每人每年5500元``): after
    the last 、 before it when the item before that one holds a number too; else ``clause_start``."""
    marks = [m.start() for m in _ITEM_START.finditer(text, clause_start, start)]
    if not marks:
        return clause_start
    previous = marks[-2] + 1 if len(marks) > 1 else clause_start
    return marks[-1] + 1 if _DIGIT.search(text, previous, marks[-1]) else clause_start


def qualified(text: str, start: int, end: int) -> str | None:
    """The group a window or age at ``text[start:end]`` is part of the name of: a group whose name holds it
    (``毕业三年内的本科和技工院校预备技师（技师）班毕业生``), else the group printed right after it
    (``离校2年内未就业高校毕业生``, ``35 周岁以下的硕士研究生``)."""
    for s, e, gid in groups().find(text, max(0, start - 30), min(len(text), end + 30)):
        if s <= start and end <= e:
            return gid
        if s >= end:
            return gid if _QUALIFIER_GAP.fullmatch(text, end, s) else None
    return None


_HEAD_NOUNS = ("毕业生", "学生", "学员")
"""Person nouns a coordinated list may print once, after its last item (``离校2年内未就业的高校、中职毕业生``)."""


def _shared_head(text: str, start: int, gid: str) -> list[str]:
    """The groups a window or age at ``start`` qualifies when ``gid`` is the first of a list that prints its head noun
    once (``离校2年内未就业的高校、中职毕业生``: 高校 is 高校毕业生 and 中职毕业生 the second); else ``[gid]``."""
    tax = groups()
    hits = list(tax.find(text, start, min(len(text), start + 40)))
    first = next((k for k, h in enumerate(hits) if h[2] == gid), None)
    if first is None or tax.entries[gid].kind == "individual":
        return [gid]
    s, e, _ = hits[first]
    nxt = hits[first + 1] if first + 1 < len(hits) else None
    if nxt is None or not _COORDINATED.fullmatch(text, e, nxt[0]) or tax.entries[nxt[2]].kind != "individual":
        return [gid]
    head = next((n for n in _HEAD_NOUNS if text.startswith(n, nxt[1] - len(n))), None)
    if head is None:
        return [gid]
    whole = [g for a, b, g in tax.find(text[s:e] + head) if a == 0 and b == e - s + len(head)]
    return [whole[0], nxt[2]] if whole else [gid]


_GLOSS = regex.compile(r"[（(](?P<inside>[^（）()，,。；;]{1,16})[）)]")


def _glossed(text: str, start: int, end: int) -> list[str | None] | None:
    """For a window or age in a bracket right after a name (``高校毕业生（毕业5年内）``, ``返乡入乡人员（注册5年内）``): the
    group that name is, else no class (a name the taxonomy lacks); None when the number is in no such bracket."""
    lo = max(0, start - 16)
    for m in _GLOSS.finditer(text, lo, min(len(text), end + 16)):
        if m.start("inside") <= start and end <= m.end("inside"):
            if m.start() == 0 or not regex.match(r"\p{Han}", text[m.start() - 1]):
                return None
            named = [g for s, e, g in groups().find(text, max(0, m.start() - 30), m.start()) if e == m.start()]
            return [named[-1]] if named else [None]
    return None


TITLE_REACH = 8  # a list's title line is looked for this many lines above the number
TITLE_LENGTH = 30
_TITLE_LINE = regex.compile(r"[^，,。；;：:！？!?]{2," + str(TITLE_LENGTH) + "}")


def title_groups(text: str, start: int) -> list[str]:
    """The groups named by the title line a list of items stands under (``家庭成员、亲属等自然人 作为反担保人的条件``
    above ``1. 连续缴纳职工养老保险一年以上的自然人。``), or its lead-in (``…符合下列条件之一的家庭成员、亲属等自然人可
    作为反担保人：``): the nearest line above the number's that ends with a colon, or with no punctuation and holds
    none but 、 (a title, not a sentence or a wrapped line), past items that end with 。 or ；, within
    ``TITLE_REACH`` lines."""
    marks = _marks(text)
    end = marks.line_before(start)
    for _ in range(TITLE_REACH):
        if end <= 0:
            return []
        begin = marks.line_before(end) + 1
        if begin not in marks.title_lines:  # each line read once (not sliced for each number under it)
            marks.title_lines[begin] = _title_line(text[begin:end].strip(" \u3000\t"))
        kind, named = marks.title_lines[begin]
        end = begin - 1
        if kind == "title":
            return list(named)
        if kind == "stop":
            return []  # a line that runs on: no list of items
    return []


def _title_line(line: str) -> tuple[str, list[str]]:
    """What ``title_groups`` reads of a line: ``title`` (with its groups), an ``item`` (or an empty line) to go past,
    or ``stop``."""
    if not line:
        return "item", []
    if _TITLE_LINE.fullmatch(line) or line.endswith(("：", ":")):  # a title, or the lead-in of the list
        return "title", [g for _, _, g in groups().find(line)]
    return ("item", []) if line.endswith(("。", "；", ";")) else ("stop", [])


_AUDIENCE = regex.compile(r"^[ \u3000]*(?:服务对象|适用对象|支持对象|扶持对象|补贴对象|享受对象)[ \u3000]*[：:](?P<who>[^\n]+)$",
                          regex.MULTILINE)
"""A line of its own that heads the items of a list for one audience (大连's ``服务对象：高校毕业生`` … ``服务对象：就业
困难人员`` … ``服务对象：企业（用人单位，含社会组织）``)."""


@functools.lru_cache(maxsize=64)
def _audiences(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Where each audience heading of ``text`` ends, with the groups it names outside brackets (a gloss)."""
    out = []
    for m in _AUDIENCE.finditer(text):
        runs = _runs(text, m.start("who"), m.end("who"))
        out.append((m.end(), tuple(most_specific(g for r in runs[:1] for _, _, g in r))))
    return tuple(out)


def audience(text: str, start: int) -> list[str]:
    """The groups of the audience heading the number at ``start`` stands under (the last one above it), else none."""
    heads = _audiences(text)
    k = bisect.bisect_right(_audience_ends(text), start)
    return list(heads[k - 1][1]) if k else []


@functools.lru_cache(maxsize=64)
def _audience_ends(text: str) -> list[int]:
    return [end for end, _ in _audiences(text)]


_APPLICANTS = regex.compile(r"申请对象[ \u3000]*[：:](?P<who>.+?)(?=[一二三四五六七八九十]+、|$)", regex.MULTILINE)
"""A service guide's part naming who may apply, inline in its line (上海's ``二、申请对象：1.…的高校毕业生。2.…的就业
困难人员。三、申请条件：…``)."""
_APPLICANT_ITEM = regex.compile(r"[。；;]")


def applicants(text: str, start: int) -> list[str]:
    """The applicants the guide's 申请对象 part names before the number on its line: the last group of each of its
    items (the head noun: ``…经本市人社部门认定的就业困难人员``), persons and firms; else none."""
    marks = _marks(text)
    lo = marks.line_before(start) + 1
    # the first match in text[lo:start]: one starts with 申请对象 (the search scanned the line from its start)
    k = bisect.bisect_left(marks.applying, lo)
    m = None
    while m is None and k < len(marks.applying) and marks.applying[k] < start:
        m = _APPLICANTS.match(text, marks.applying[k], start)
        k += 1
    if m is None:
        return []
    tax, at = groups(), m.start("who")
    out: list[str] = []
    for item in _APPLICANT_ITEM.split(m.group("who")):
        hits = [h for h in tax.find(text, at, at + len(item)) if tax.entries[h[2]].kind in ("individual", "enterprise")]
        if hits:
            out.append(hits[-1][2])
        at += len(item) + 1
    return most_specific(out)


_LIST_END = regex.compile(r"[，,；;。！？!?\n]|的")


def _distributed(text: str, start: int, n: int) -> int | None:
    """Which item the number at ``start`` is of a list of ``n`` values a rule distributes after 分别 (``分别按照每人
    4000 元、3000 元、2000 元``: 3000 元 is the second), or None when it is in no such list of ``n`` items."""
    at = text.rfind(_DISTRIBUTES, max(0, start - SENTENCE_REACH), start)
    first = _DIGIT.search(text, at, start + 1) if at >= 0 else None
    if first is None:
        return None
    marks = _marks(text)
    stop = marks.after(marks.list_ends, first.start())  # _LIST_END
    list_end = stop if stop is not None else len(text)
    # the list's items, text[first:list_end].split("、"), counted by bisection over its 、 (it was split for each number)
    lo, hi = bisect.bisect_left(marks.items, first.start()), bisect.bisect_left(marks.items, list_end)
    if start >= list_end or hi - lo + 1 != n or _CLAUSE_START.search(text, at, first.start()) is not None:
        return None
    if text[start] == "、":
        return None  # between two items
    return bisect.bisect_left(marks.items, start, lo, hi) - lo


def _classes_of(q: Quantity, text: str) -> list[str | None]:
    """The recipient classes a value is for, from the document's ``text``:

    1. the one group phrase the list reading gave it (``个人创业、合伙经营或组织起来创业的、小微企业…分别…20万元、150万元、
       300万元``: 150万元 is 合伙经营或组织起来创业's), when that phrase is printed before the number;
    2. for a window, age or count, the group it qualifies (``qualified``: ``离校2年内未就业高校毕业生``);
    3. the groups that open the number's own clause, before it (``合伙经营和组织创业最高不超过150万元``), when the
       clause is not inside the subject phrase of its rule;
    4. the recipients of its rule (``rule_recipients``), each of them, for a value of a clause that grants
       (``给予一次性开业补贴5000元``, ``3年内…给予``) or of a rule that distributes its values over them (``分别``);
    5. else the audience the list's heading names (``服务对象：就业困难人员``: the items under it are for them);
    6. else none (``[None]``): the rule's general recipient (a condition stated once for all of them).
    Of the groups found, the most specific; a phrase naming two (合伙经营或组织起来创业) gives both."""
    tax = groups()
    start = q.evidence.span[0]
    clause_start, clause_end = _clause(text, start)
    before = text[max(0, start - SENTENCE_REACH) : start]
    # the phrase as printed (verbatim, layout spaces kept) in the cleaned text (spaces between a digit and 周岁 gone)
    if (len(q.groups) == 1 and _SPACES.sub("", q.groups[0]) in _SPACES.sub("", before)
            and not in_condition(text, start)):  # a list reading distributes a rule's values, not its conditions
        named = most_specific(g for _, _, g in tax.find(q.groups[0]))
        printed, phrase = _SPACES.sub("", before), _SPACES.sub("", q.groups[0])
        if named and not _PAYER.match(printed, printed.rfind(phrase) + len(phrase)):  # a giver (财政部门给予…)
            return list(named)
    if q.kind in ("duration", "age") and (gloss := _glossed(text, start, q.evidence.span[1])) is not None:
        return gloss
    if q.kind in QUALIFIED and (gid := qualified(text, start, q.evidence.span[1])) is not None:
        return [*_shared_head(text, start, gid)]
    rule = rule_recipients(text, start)
    item = _item_start(text, clause_start, start)
    own = most_specific((item > clause_start and _subject(text, item, start)) or _subject(text, clause_start, start))
    if own and rule is not None and all(any(o in groups().ancestors(r) for r in rule.ids) for o in own):
        return list(rule.ids)  # the grant names the recipients by their general name (…的，给予企业…)
    if own and (rule is None or clause_start >= rule.end):
        return list(own)
    if rule is not None and not set(own) <= set(rule.ids):
        own = []  # groups of a modifier inside the subject phrase (且所创办企业或个体工商户…正常运营1年以上的…毕业生)
    if rule is not None and rule.distributes and (nth := _distributed(text, start, len(rule.ids))) is not None:
        return [rule.ids[nth]]
    if rule is not None and (rule.distributes or _marks(text).grants.first(clause_start, clause_end) is not None):
        return list(rule.ids)
    span = rule_span(text, start)
    if rule is not None and span.opened and span.grant is None and start > rule.end:
        return list(rule.ids)  # a rule granting by no verb of a grant (对…合伙创业的，可…适当提高贷款额度，…总额不超过400万元)
    fallback: list[str | None] = [*own] or [*audience(text, start)]
    return fallback or [None]


_WORKED = regex.compile(r"(?:补贴测算|标准测算|测算|计算公式)[ \u3000]*[：:]")
"""A list item's worked line (大连's ``补贴测算：…``, ``计算公式：…``): it restates the item's rule for its recipients."""
_CONTENT = regex.compile(r"[ \u3000]*(?:政策内容|(?!))[ \u3000]*[：:]")
"""The line of a list item that states its rule (``政策内容：对…的，按规定给予社会保险补贴…``)."""
ITEM_REACH = 6  # a worked line's 政策内容 is looked for this many lines above it


def _item_recipients(text: str, start: int) -> tuple[str, ...]:
    """For a number on a worked line, the recipients of its item's rule: those of the first grant of the nearest
    政策内容 line above, within ``ITEM_REACH`` lines; else none."""
    marks = _marks(text)
    begin = marks.line_before(start) + 1
    if marks.worked.first(begin, start) is None:  # (the cleaner may have joined it to the line before: …46号）补贴测算：)
        return ()
    end = begin - 1
    for _ in range(ITEM_REACH):
        if end <= 0:
            return ()
        begin = marks.line_before(end) + 1
        if _CONTENT.match(text, begin):
            grant = marks.phrase_ends.first(begin, end)
            if grant is None:
                return ()
            return _grant_recipients(text, grant)
        if begin in marks.audiences:  # _AUDIENCE.match(text, begin)
            return ()
        end = begin - 1
    return ()


_EXCEPT = regex.compile(r"除(?:对|了)?(?P<who>[^，,。；;：:]{2,40}?)外")
EXCEPT_REACH = 43  # the longest match of _EXCEPT
"""An exception to a rule, for some persons (``补贴期限除对距法定退休年龄不足5年的人员可延长至退休外，其余人员最长不超过
3年``)."""


def _exception(text: str, start: int) -> list[str | None] | None:
    """The classes of a number inside an exception (``除对…外``): the groups it names, else the rule's general recipient
    (``[None]``: 距法定退休年龄不足5年的人员, whom the taxonomy has no class for), never the rule's recipients, who are
    the rest; None when the number is in no exception."""
    clause_start, clause_end = _clause(text, start)
    # an exception holding the number ends by start + 42 (除, 对, 40 characters, 外): those that start before the number
    # are found as in the whole clause, and none after it holds it (the search ran to the clause's end, the text's)
    for m in _EXCEPT.finditer(text, clause_start, min(clause_end, start + EXCEPT_REACH)):
        if m.start("who") <= start < m.end("who"):
            named = most_specific(g for _, _, g in groups().find(text, m.start("who"), m.end("who")))
            return [*named] or [None]
    return None


def _the_rest(text: str, start: int) -> tuple[str, ...]:
    """For a number of a clause for the rest (``，其余人员最长不超过3年``) whose sentence names no recipients, those of the
    rule of the sentence before it in its paragraph (``对公益性岗位安置的就业困难人员给予岗位补贴。…公益性岗位补贴期限，除对…
    外，其余人员…``); else none."""
    clause_start, _ = _clause(text, start)
    if not _REST.match(text, clause_start) and not _REST.match(text, clause_start - 1):
        return ()
    sentence = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, start - SENTENCE_REACH), start)), default=0)
    marks = _marks(text)
    line = marks.line_before(start) + 1
    if sentence <= line:
        return ()
    # the sentences of the line before the number's, from the last: the first grant from each one's start (to the
    # number's sentence) whose rule names recipients. The starts between a grant and the one before it all find that
    # grant: each grant is read once (and its recipients once per text), not once per sentence start
    lo, hi = bisect.bisect_left(marks.sentences, line), bisect.bisect_left(marks.sentences, sentence - 1)

    def begin_by(at: int) -> int | None:  # the last sentence start at or before ``at`` (the line's start, else after a mark)
        k = bisect.bisect_right(marks.sentences, at - 1, lo, hi)
        return marks.sentences[k - 1] + 1 if k > lo else (line if line <= at else None)

    # From a grant that ends within the sentence on, the walk is the same for every sentence after it in the line:
    # its answer is kept for that grant (``_Marks.rests``), so a line of many grants and rests is not walked back
    # from each sentence
    words = marks.phrase_ends
    found: tuple[str, ...] = ()
    path: list[int] = []  # the grants whose walk this one is
    begin = begin_by(sentence - 1)
    while begin is not None:
        grant = words.first(begin, sentence)
        if grant is not None:
            if grant not in marks.grant_recipients:
                marks.grant_recipients[grant] = _grant_recipients(text, grant)
            if ids := marks.grant_recipients[grant]:
                found = ids
                break
        j = bisect.bisect_left(words.starts, grant if grant is not None else begin) - 1  # the grant before
        if j < 0 or words.starts[j] < line:
            break
        if words.ends[j] <= sentence:
            if j in marks.rests:
                found = marks.rests[j]
                break
            path.append(j)
        begin = begin_by(words.starts[j])  # found from the starts up to it
    for j in path:
        marks.rests[j] = found
    return found


def _grant_recipients(text: str, grant: int) -> tuple[str, ...]:
    """The recipients of the rule whose grant starts at ``grant``, else the groups that open its subject
    (``对离校1年内未就业的高校毕业生灵活就业后…的，按规定给予…``, ``对公益性岗位安置的就业困难人员给予岗位补贴``)."""
    rule = rule_recipients(text, grant)
    return rule.ids if rule else tuple(most_specific(_subject(text, rule_span(text, grant).start, grant)))


WOMEN = "women"
_WOMEN_OPEN = regex.compile(r"[ \u3000]*(?:第[一二三四五六七八九十百零〇\d]+条)?[ \u3000]*(?:对)?[ \u3000]*(?:女性|妇女|(?!))")
"""A clause, list item or rule that opens with the sex (``女性满五十五周岁始``, ``女性失业人员在领取失业保险金期间生育的，``)."""


def _women(text: str, start: int, found: list[str | None]) -> list[str | None]:
    """``found``, or the women when the number's list item, clause or rule opens with 女性 and ``found`` names no
    group of women: a regulation's rule for the mothers beside the fathers' (``男性满六十周岁、女性满五十五周岁始``), or
    for the women among its recipients (``女性失业人员…生育的，…标准为…失业保险金的三倍``)."""
    tax = groups()
    if any(c is not None and (c == WOMEN or WOMEN in tax.ancestors(c)) for c in found):
        return found
    clause_start, _ = _clause(text, start)
    opens = (text.rfind("、", clause_start, start) + 1 or clause_start, clause_start, rule_span(text, start).start)
    return [WOMEN] if any(_WOMEN_OPEN.match(text, o) for o in opens) else found


def classes_of(q: Quantity, text: str) -> list[str | None]:
    """The recipient classes a value is for (``_classes_of``), those of its exception (``_exception``), the women when
    its rule opens with them (``_women``); on a list item's worked line (``补贴测算：对灵活就业人员按照…
    缴纳社会保险费的30%给予补贴``), the item's recipients (its 政策内容's) in place of no class or of persons named
    otherwise (灵活就业人员: the item's graduates as they work); a payee the line names that is no person (见习单位) stays."""
    exception = _exception(text, q.evidence.span[0])
    if exception is not None:
        return exception
    found = _women(text, q.evidence.span[0], _classes_of(q, text))
    if found == [None] and q.kind == "money":
        found = [*applicants(text, q.evidence.span[0])] or found
    if found == [None]:
        found = [*_the_rest(text, q.evidence.span[0])] or found
    item = _item_recipients(text, q.evidence.span[0])
    if not item:
        return found
    tax = groups()

    def person(c: str | None) -> bool:
        return c is None or (tax.entries[c].kind == "individual" and not any(
            c == r or c in tax.ancestors(r) or r in tax.ancestors(c) for r in item))

    if all(tax.entries[r].kind == "individual" for r in item) and all(person(c) for c in found):
        return list(item)
    return found
