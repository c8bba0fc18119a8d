"""Whether a number is a rule's parameter, or a statistic, a work target or a score of a scoring sheet.

One small function per decision, tried in order; the first that decides wins and a number no rule decides is
a parameter. The words are the ``role`` table of ``data/context_rules.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import regex

from ..records.vocab import Role
from ._clause import COMMA, ROLE_CLAUSE_END, TextIndex
from .find import Found
from .rules import alternation, context_rules

_R = context_rules().role
_C = _R.count
_UNLESS_STATISTIC = regex.compile(alternation(_R.statistic_unless_before))
_GIVES = regex.compile(alternation(_R.gives))
_RATE_BOUNDS = regex.compile(alternation(_R.rate_bounds))
_COUNT_BOUNDS = regex.compile(alternation(_C.bounds))
_MEASURES = context_rules().find.measure_units  # 三十米, 12平方米: a measure the rule sets, no count of work
_SERVICE = regex.compile(alternation(_C.service))
_PLANNED = regex.compile(alternation(_C.planned))
_BENEFIT_WORDS = regex.compile(alternation(_C.benefit_words))
_PERSONS = regex.compile(rf"(?:{alternation(_C.persons)})(?!{alternation(_C.persons_not_before)})")
_POLICY_NAMED = regex.compile(alternation(_C.policy_named))
_COUNTED_REACH = 8  # 按 at most this far before a count the rule counts someone or something as (按捐献全血400毫升计算)
WORDS = (*_R.statistic_unless_before, *_C.planned, *_C.policy_named)
"""The literal words the role reader looks for before a number (indexed once per text: ``TextIndex.words``)."""


class Around(NamedTuple):
    """A number and its sentence ``text[start:end]``; ``ix``, when given, the text's ``TextIndex``."""

    text: str
    f: Found
    start: int
    end: int
    ix: TextIndex | None = None

    @property
    def before(self) -> str:
        """The sentence up to the number."""
        return self.text[self.start : self.f.start]

    def last(self, n: int) -> str:
        """The last ``n`` characters of the sentence before the number (``before[-n:]``, without the rest)."""
        return self.text[max(self.start, self.f.start - n) : self.f.start]

    def clause(self) -> tuple[int, int]:
        """The clause holding the number, between commas (its start not before the sentence's)."""
        text, f, ix = self.text, self.f, self.ix
        if ix is not None:
            end = ix.role_clause_ends.first_from(f.end)
            return max(self.start, ix.commas.last_before(f.start) + 1), end if end >= 0 else len(text)
        before = [m.end() for m in COMMA.finditer(text, self.start, f.start)]
        start = before[-1] if before else self.start
        after = ROLE_CLAUSE_END.search(text, f.end)
        return start, after.start() if after else len(text)

    def once(self, key: str, a: int, b: int, read: Callable[[], bool]) -> bool:
        """``read()``, once per ``(key, a, b)`` and text when there is an index (a sentence's or a table's reading,
        the same for every number in it)."""
        if self.ix is None:
            return read()
        memo = self.ix.memo
        if (key, a, b) not in memo:
            memo[(key, a, b)] = int(read())
        return bool(memo[(key, a, b)])


def _scoring_in_index(ix: TextIndex, f: Found) -> bool:
    """:func:`in_scoring_table` by bisection, the table read once per row end."""
    text, lines = ix.text, ix.lines
    ls = lines.last_before(f.start) + 1
    le = lines.first_from(f.end)
    le = le if le >= 0 else len(text)
    if not ix.tabs.any_within(ls, le):
        return False
    if ("block", ls, ls) not in ix.memo:
        head = ix.blank_before(ls)
        block_start = ls
        while block_start > 0:
            prev = lines.last_before(block_start - 1) + 1
            if not ix.tabs.any_within(prev, block_start - 1) or prev == head:
                break
            block_start = prev
        ix.memo[("block", ls, ls)] = block_start
    block_start = ix.memo[("block", ls, ls)]
    if ("scoring", block_start, le) not in ix.memo:
        ix.memo[("scoring", block_start, le)] = bool(_R.scoring.search(text[block_start:le]))
    return bool(ix.memo[("scoring", block_start, le)])


def in_scoring_table(text: str, f: Found, index: TextIndex | None = None) -> bool:
    """A number in a table row of a scoring sheet (评分标准, 分值): a criterion of the sheet, not a rule."""
    if index is not None:
        return _scoring_in_index(index, f)
    ls = text.rfind("\n", 0, f.start) + 1
    le = text.find("\n", f.end)
    row = text[ls : le if le >= 0 else len(text)]
    if "\t" not in row:
        return False
    # the table this row belongs to: the run of tab lines around it
    head = text.rfind("\n\n", 0, ls)
    block_start = ls
    while block_start > 0:
        prev = text.rfind("\n", 0, block_start - 1) + 1
        if "\t" not in text[prev : block_start - 1] or prev == head:
            break
        block_start = prev
    return bool(_R.scoring.search(text[block_start : le if le >= 0 else len(text)]))


def _scoring(a: Around) -> Role | None:
    return "scoring" if in_scoring_table(a.text, a.f, a.ix) else None


_POINTS_BEFORE = context_rules().find.points_before


def _points(a: Around) -> Role | None:
    """加20分, 积分达到30分: points are a rule's parameter in a points system (积分落户), a criterion of a scoring
    sheet elsewhere ("就业服务（10分）")."""
    if a.f.kind != "count" or a.text[a.f.end - 1] != "分":
        return None
    awarded = a.last(3).rstrip(" \u3000").endswith(_POINTS_BEFORE)
    return "parameter" if awarded or any(w in a.text[a.start : a.end] for w in _R.points_systems) else "scoring"


def _threshold(a: Around) -> bool:
    """已建成…的停车场服务半径三百米以内的: a count that qualifies what the rule is about (以内的) is its condition,
    whatever the words before it report."""
    return a.f.kind == "count" and bool(_C.condition_after.match(a.text[a.f.end : a.f.end + 14]))


def _statistic(a: Around) -> Role | None:
    """累计培训2.3万人次, 同比增长12%: a report of what was done, unless the words before give a rule."""
    reported = a.once("statistic", a.start, a.end, lambda: bool(_R.statistic.search(a.text[a.start : a.end])))
    if not reported or _threshold(a):
        return None
    unless = bool(_UNLESS_STATISTIC.search(a.before)) if a.ix is None else \
        a.ix.words.any_in(_R.statistic_unless_before, a.start, a.f.start)
    return None if unless else "statistic"


def _money_given(a: Around) -> Role | None:
    """An amount in a sentence that gives it: "按照…每人每年5000元、…的标准给予补贴"."""
    if a.f.kind != "money":
        return None
    given = _GIVES.search(a.last(16)) or _GIVES.search(a.text[a.f.end : min(a.end, a.f.end + 48)])
    return "parameter" if given else None


def _rate_bounded(a: Around) -> Role | None:
    """A rate with a bound word close by (不低于60%, 30%以上) is a threshold or a cap of a rule."""
    if a.f.kind != "percent":
        return None
    return "parameter" if _RATE_BOUNDS.search(a.text[max(a.start, a.f.start - 10) : a.f.end + 6]) else None


def _target_word(a: Around) -> Role | None:
    """力争新增就业4万人: a count, money or rate after a word of planning is a work target, unless it
    qualifies a noun (30人以上的企业) or says who is eligible (对…, 符合…, 达到…)."""
    if a.f.kind not in ("count", "money", "percent") or not _R.target.search(a.last(30)):
        return None
    if _R.qualifies_after.match(a.text[a.f.end : a.f.end + 12]) or _R.eligible_before.search(a.last(25)):
        return None
    return "target"


def _routine_task(a: Around, clause: tuple[int, int]) -> bool:
    """How often officials do a task ("每月至少进行一次走访") is a work standard, not a rule about benefits."""
    start, end = clause
    repeated = a.text[a.f.end - 1] == "次"
    return repeated and bool(_C.routine.search(a.text[start : a.f.start])) and not _BENEFIT_WORDS.search(a.text[start:end])


def _visits(a: Around, condition: bool) -> bool:
    """Trainings and services delivered, "培训…5万人次", unless a condition: "参训…100人次以上的"."""
    return a.text[a.f.start : a.f.end].endswith(_C.visits) and not condition


def _unqualified(a: Around, clause: tuple[int, int], condition: bool) -> bool:
    """A count in a plan (规模, 任务, 目标, 计划), or one that is no condition (超过100人的企业), no service to
    each person (为每名…提供1次), no bounded threshold (10人以上), no range (副部长二至四人) and no number of times: a
    target."""
    start, end = clause
    text, f = a.text, a.f
    planned = bool(_PLANNED.search(text[start : f.start])) if a.ix is None else a.ix.words.any_in(_C.planned, start, f.start)
    if planned and not condition:  # 规模在五百张床位以上的养老机构: the size that qualifies who, a condition
        return True
    bounded = _COUNT_BOUNDS.search(text[max(start, f.start - 8) : min(end, f.end + 8)])
    service = _SERVICE.search(a.last(14))
    repeated = text[f.end - 1] == "次"  # a service delivered so many times: "提供1次职业指导"
    # copies a filer must submit (一式五份), and those each party gets (一式四份，三份交委托人收执)
    copies = text[max(0, f.start - 2) : f.start] == "一式" or (text[f.end - 1] == "份" and "一式" in text[max(0, f.start - 42) : f.start])
    ranged = f.value_max is not None
    graded = text[f.end - 1] in "级档"  # 高定1级, 上浮1档: the pay grades a rule raises by
    # 保障面积标准为人均使用面积12平方米, 前后三十米范围内: a measure (find reads one only as a threshold or a standard)
    measured = text[f.start : f.end].endswith(_MEASURES)
    return not (condition or service or bounded or repeated or copies or ranged or graded or measured)


def _policy_named(a: Around, clause_start: int) -> bool:
    """国家提倡一对夫妻生育两个子女后: a number of children in a national policy named, in the clause before it, dates
    a phase of the law; it is read as other counts are."""
    if a.ix is None:
        return bool(_POLICY_NAMED.search(a.text[clause_start : a.f.start]))
    return a.ix.words.any_in(_C.policy_named, clause_start, a.f.start)


def _count_target(a: Around) -> Role | None:
    """Is a count a work target? Several tests, each on the count's clause."""
    if a.f.kind != "count":
        return None
    if "按" in a.last(_COUNTED_REACH) and any(w in a.text[a.f.end : a.f.end + 5] for w in _C.counted_as):
        return None  # 其独生子女按两个人计算分配面积, 一次按捐献全血400毫升计算: how the rule counts someone or something
    if a.last(1) in _C.approved_by:
        return None  # 经2名…评审专家署名推荐: those whose act the rule needs, a condition of it
    if a.last(8).rstrip(" \u3000").endswith(_C.drawn_by):
        return None  # 随机确定20名代表: how many a procedure draws, a parameter of the rule
    clause = a.clause()
    persons = _PERSONS.match(a.text, a.f.end) or _PERSONS.match(a.text, a.f.end - 1, a.f.end + 3)
    if persons and not _policy_named(a, clause[0]):
        return None  # 可以生育三个子女, 已生育两个子女的: an entitlement or a condition, never a target
    condition = bool(_C.condition_after.match(a.text[a.f.end : a.f.end + 14]))
    if _routine_task(a, clause) or _visits(a, condition) or _unqualified(a, clause, condition):
        return "target"
    return None


DECISIONS: tuple[Callable[[Around], Role | None], ...] = (
    _scoring, _points, _statistic, _money_given, _rate_bounded, _target_word, _count_target,
)
"""The decisions, in the order they are tried."""


def read_role(text: str, f: Found, sent_start: int, sent_end: int, index: TextIndex | None = None) -> Role:
    """The role of ``f`` in its sentence ``text[sent_start:sent_end]``: the first decision that decides (given
    the text's ``index``, each look-up a bisection and each sentence's reading done once)."""
    around = Around(text, f, sent_start, sent_end, index)
    for decide in DECISIONS:
        role = decide(around)
        if role is not None:
            return role
    return "parameter"
