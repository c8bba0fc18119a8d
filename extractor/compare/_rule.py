"""The rule of a number of a comparison (``rule_span``): where its subject phrase starts, its grant and its sentence's
end, whether it states a condition (``in_condition``), the recipients its subject phrase names (``rule_recipients``),
and the groups named in a range in runs of coordinated names (``_runs``), which open a clause (``_subject``)."""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..extract.taxonomy import groups
from ._marks import _CLAUSE_START, _DIGIT, _ITEM_START, _PAREN, _PHRASE_END, _SENTENCE_START, RuleSpan, _groups_in, _marks

CLAUSE_REACH = 60  # a clause is searched back this far for the groups it names
SENTENCE_REACH = 200  # a listed group phrase, and a rule's subject, are looked for this far back

_COORDINATED = regex.compile(r"[ \u3000]*(?:学生)?[ \u3000]*(?:、|和|或者|或|及|与|以及)[ \u3000]*(?:各类|各种)?[ \u3000]*")
"""Between two items of a list (``就业困难人员、脱贫家庭劳动力``), an institution's students and the next (``高校学生、各类职业院校
（含技工院校）学生、离校2年内未就业高校毕业生``: the institution is named for its students)."""
_QUALIFIED_ITEM = regex.compile(r"[ \u3000]*(?:、|和|或者|或|及|与|以及)[^，,。；;：:、（）()]{1,12}?的[ \u3000]*")
"""Between two items of a list the second of which has its qualifier (``全日制博士研究生、35 周岁以下的硕士研究生``)."""
_UMBRELLA = regex.compile(r"[ \u3000]*等[ \u3000]*(?:各类|各种|其他)?[ \u3000]*")
"""Between the last of a list and the name that sums it up (``各类企业、农民专业合作社等市场经营主体``)."""
_FOUNDED = regex.compile(r"[ \u3000]*所?(?:创办|创建|领办|兴办)的?[ \u3000]*")
"""Between the founders and the firm they found: the firm is the name of the run (``…致富带头人创办的小微企业``)."""
_FOUNDS = regex.compile(r"所?(?:创办|创建|领办|兴办)")
"""A group's name that opens with the founding (``创办的小微企业``)."""
_OPENING = regex.compile(r"[ \u3000]*(?:我市|本市|全市|我省|本省|全省|各地|符合条件的|经认定的)?[ \u3000]*")
"""What may come before the recipients that open a subject phrase (``对我市大中专学生…``)."""
_OBJECT_OF = regex.compile(r"(?:吸纳|招用|新招用|招收|吸收|雇用|聘用|安置|帮扶|带动|组织|培训|引进|所创办|所创建|所领办)[ \u3000]*$")
"""A verb right before a list makes it the verb's object, not the rule's recipients: the people an employer
hires (``企业吸纳高校毕业生、农民工并稳定就业的，…给予企业…``) are named in the rule, the employer receives; the firm the
recipients found (``且所创办企业或个体工商户…正常运营一年以上的离校2年内高校毕业生``) is what their condition is of."""
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
# (a bracketed gloss may close the last name: …返乡入乡人员（注册5年内），给予…)
_HEAD_END = regex.compile(r"[ \u3000]*(?:等)?(?:人员|群体|单位|机构|主体)?[ \u3000]*(?:（[^（）]{1,20}）|\([^()]{1,20}\))?[ \u3000]*(?:的)?[ \u3000]*[，,：:]")
"""What may follow the groups that end a subject phrase (``…本科毕业生，``, ``…担保机构、经办银行等单位，``)."""


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


def _item_start(text: str, clause_start: int, start: int) -> int:
    """Where the list item holding the number at ``start`` begins, in a list whose items each state a group and
    a number (``初级工 200 元、中级工 240 元、高级工 280 元``, ``中级工证书每人每年5000元、高级工证书每人每年5500元``): after
    the last 、 before it when the item before that one holds a number too; else ``clause_start``."""
    marks = [m.start() for m in _ITEM_START.finditer(text, clause_start, start)]
    if not marks:
        return clause_start
    previous = marks[-2] + 1 if len(marks) > 1 else clause_start
    return marks[-1] + 1 if _DIGIT.search(text, previous, marks[-1]) else clause_start
