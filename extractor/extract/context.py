"""What the words around a number say: its bound, what it is counted per, a rate's base and cap, the benefit
and the groups it belongs to, and whether it is a policy parameter at all (or a statistic or a work target).

``annotate`` reads every number once into a frozen ``Context`` (``_bound``, ``_per``, ``_role`` and the
benefit and group readers below), then the list passes of ``_lists`` return new contexts for what the numbers
of one list share. The words all these read are the tables of ``data/context_rules.yaml`` (``rules.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ._bound import lead_in, lead_in_bound, read_bound
from ._clause import CLAUSE_END, SENTENCE_END, Context, Hit, Hits, TextIndex, clause_bounds
from ._lists import caps, distribute, share_across_lists, share_benefit_backwards, share_bound_backwards
from ._per import WORDS as PER_WORDS
from ._per import lead_in_per, read_base, read_per
from ._role import WORDS as ROLE_WORDS
from ._role import read_role
from .find import Found
from .rules import alternation, context_rules

_RULES = context_rules()
_B = _RULES.benefit
_NOT_FUNDS = "(?!" + alternation(_B.not_followed_by) + ")"
_BENEFIT_TAIL = regex.compile(
    r"[ \u3000]*(?:的)?[ \u3000]*(?:标准)?[ \u3000]*(?:的)?(?:" + alternation(_B.verbs) + r"[ \u3000]*)?"
    r"(?P<b>[\p{Han}“”]{0,14}" + alternation(_B.nouns + _B.after_nouns) + ")"
)
_BENEFIT_HEAD = regex.compile(
    r"(?P<b>[\p{Han}“”]{1,14}?" + alternation(_B.nouns) + "(?:费|金(?!额))?)" + _NOT_FUNDS + alternation(_B.attributes) + r"?[\p{Han}]{0,6}$"
)
BENEFIT_WORD = regex.compile(r"[\p{Han}“”]{0,12}" + alternation(_B.nouns + _B.heading_nouns) + _NOT_FUNDS)
"""A benefit's name in a section heading: ``（三）一次性创业补贴``, ``就业见习``."""
_QUALIFIER_STOPS = frozenset(_RULES.qualifier_stops)
_DEADLINE_ACT = regex.compile(r"[ \u3000]*(?:前|内|以内|之内)?[ \u3000]*" + alternation(_RULES.deadline_acts))
_RECIPIENT_AFTER = regex.compile(r"的[\p{Han}]{0,4}?" + alternation(_B.recipient_nouns))
"""…的优抚对象, …的人员: a noun of persons (its head) right after a benefit's name and 的."""
_LEADING_PERIOD = regex.compile(r"^(?:[一二两三四五六七八九十\d]+(?:年|个月))+")  # 3年 before a benefit's name
_HAN, _PUNCTUATION = regex.compile(r"\p{Han}"), regex.compile(r"[，。；：,;:、（）()]")


def _benefit_text(text: str, f: Found, sent_start: int) -> str | None:
    """The benefit's name printed right after the amount (1万元一次性创业补贴, less a leading 3年), else at the
    end of the words before it (创业担保贷款额度最高…)."""
    m = _BENEFIT_TAIL.match(text, f.end, min(len(text), f.end + 24))
    if m and f.kind in ("money", "percent", "duration"):
        return _LEADING_PERIOD.sub("", m.group("b")) or m.group("b")
    mh = _BENEFIT_HEAD.search(text[max(sent_start, f.start - 30) : f.start])
    if mh is None:
        return _free_service(text, f)
    name = mh.group("b")
    # 一次性发给丧葬补助费700元: the name is what the verb of giving gives, not the verb's clause (一次性发给丧葬补助)
    given = [m.end() for m in _GIVEN.finditer(name)]
    rest = name[given[-1] :].lstrip("的") if given else ""
    return rest if len(rest) >= 2 else name


_ACT_OF_LIMIT = regex.compile(r"[ \u3000]*(?:前|内|以内|之内)[ \u3000]*(?:" + alternation(_RULES.limited_acts) + r")(?P<b>\p{Han}{2,10})(?=[，。；,;：:]|$)")


def act_of_limit(text: str, f: Found) -> str | None:
    """于二十四小时内完成测温, 在供热期开始五日前启动全系统低温运行: the act a time limit is of, when its sentence names
    no benefit."""
    if f.kind != "duration":
        return None
    m = _ACT_OF_LIMIT.match(text, f.end, min(len(text), f.end + 24))
    return m.group("b") if m else None


_FREE_SERVICE = regex.compile(r"[ \u3000]*(?P<b>免费(?:(?!并|和|及|与|或)\p{Han}){2,12})")


def _free_service(text: str, f: Found) -> str | None:
    """每季度享受一次免费随访评估: the free service a number of times is of, named right after it."""
    if f.kind != "count" or not text.endswith("次", f.start, f.end):
        return None
    m = _FREE_SERVICE.match(text, f.end, min(len(text), f.end + 16))
    return m.group("b") if m else None


ASIDE_REACH = 200
"""A bracket opened after a number is looked for this far (a bounded look, whatever the sentence's length)."""


def _aside_end(text: str, a: int, b: int) -> int | None:
    """When ``text[a:b]`` opens a bracket it does not close, the offset after the bracket's close (else None)."""
    depth = 0
    for ch in text[a:b]:  # a bracket closed that opened before ``a`` (the number's own aside) counts for none
        depth = depth + 1 if ch in "（(" else max(0, depth - 1) if ch in "）)" else depth
    if depth <= 0:
        return None
    for i in range(b, min(len(text), b + ASIDE_REACH)):
        depth += 1 if text[i] in "（(" else -1 if text[i] in "）)" else 0
        if depth <= 0:
            return i + 1
    return None


def _benefit(f: Found, sent: tuple[int, int], hits: Hits, text: str = "", groups: Hits | None = None) -> Hit | None:
    """The benefit mention of the sentence: the first after the number, else the last before it. A name in a
    bracket opened after the number is an aside's, not the number's (…其余人员最长不超过3年（以初次核定其享受社会保险
    补贴和公益性岗位补贴时年龄为准）: the 3年 of the 公益性岗位补贴 the sentence is about)."""
    ss, se = sent
    after, start = hits.first_from(f.end, se), f.end
    while after is not None and text and (_organ(text, after) or _negated(text, after)):
        after = hits.first_from(after[1], se)
    while after is not None and text and after[0] - start <= ASIDE_REACH:
        close = _aside_end(text, start, after[0])
        if close is None:
            break
        after, start = hits.first_from(close, se), close
    while after is not None and text and _counted_in(text, f, after):
        after = hits.first_from(after[1], se)
    if after is not None:
        return after
    before = hits.last_inside(ss, f.start)
    if before is not None and text and (_organ(text, before) or _negated(text, before)):
        before = next((h for h in reversed(hits.inside(ss, before[0], 4)) if not (_organ(text, h) or _negated(text, h))), None)
    if before is not None and text:
        before = _standard_of(text, f, ss, before, hits)
    if before is not None and groups is not None and text and _qualifies_group(text, before, groups):
        # 享受定期定量抚恤和生活补助的优抚对象、烈属等补贴期限最长不超过3年: the 生活补助 names who the group are
        return next((h for h in reversed(hits.inside(ss, before[0], 4)) if not _qualifies_group(text, h, groups)), None)
    return before


def _negated(text: str, hit: Hit) -> bool:
    """Is a mention negated (未再生育或者收养子女的: a condition of what was not done, no benefit of a number)?"""
    return text.endswith(_B.negators, max(0, hit[0] - 2), hit[0])


def _organ(text: str, hit: Hit) -> bool:
    """Is a mention part of an organ's name (公共就业服务机构)?"""
    return text.startswith(_B.organ_nouns, hit[1])


_STANDARD_IS = regex.compile(r"[ \u3000]*标准(?:为|是|按|可按|按照|：|:)")
"""``稳岗返还标准为…``: what follows is the standard of the benefit named right before."""
_CLAUSE_BREAK = regex.compile(r"[，,；;。]")


def _standard_of(text: str, f: Found, sent_start: int, before: Hit, hits: Hits) -> Hit:
    """The benefit whose standard the number's clause states (稳岗返还标准为大连市月人均失业保险金1250元/人月): the name
    before ``标准为`` in the clause, not a benefit named after it as what the standard is counted in."""
    for h in reversed(hits.inside(sent_start, before[0], 4)):
        if _CLAUSE_BREAK.search(text, h[1], f.start):
            break
        if _STANDARD_IS.match(text, h[1]):
            return h
    return before


_STANDARD_BY = regex.compile(r"标准(?:可按|按照|按|为|是)")
_COMPUTED = regex.compile(r"(?:计算|确定|核定)[ \u3000]*$")
"""A clause that ends by saying a sum is computed from what it names (…失业保险金标准（1520元/月）计算)."""
_GIVEN = regex.compile(alternation(tuple(v for v in _B.verbs if v != "的")))  # 给予, 发放 …


def _counted_in(text: str, f: Found, after: Hit) -> bool:
    """Is the name after the number what a sum is counted in, not the number's benefit? In a clause that computes a
    sum from it (人均 6个月郑州市失业保险金标准（1520元/月）计算, …和参保职工人数确定) or states a standard
    (返还标准可按6个月的当地月人均失业保险金…), a name after the number that no verb of giving introduces is the
    measure (six months of 失业保险金), not the benefit."""
    a, b = clause_bounds(text, f.start, f.end)
    between = text[f.end : after[0]]
    if not (a <= after[0] < b) or _GIVEN.search(between):
        return False
    if _COMPUTED.search(text[a:b]):  # 人均6个月郑州市失业保险金标准（1520元/月）计算
        return True
    return bool(_STANDARD_BY.search(text, a, f.start)) and between.lstrip(" \u3000").startswith("的")


def _qualifies_group(text: str, hit: Hit, groups: Hits) -> bool:
    """Is a benefit's name part of a group's description: ``…的`` and a group or a noun of persons right after it
    (享受…生活补助的优抚对象)?"""
    end = hit[1]
    if not text.startswith("的", end):
        return False
    return groups.first_from(end + 1, end + 2) is not None or bool(_RECIPIENT_AFTER.match(text, end))


def _qualifies(char: str) -> bool:
    """A character that can be part of a group's qualifier: a Han character but 的, 对, 和…"""
    return bool(_HAN.match(char)) and char not in _QUALIFIER_STOPS


def _qualified_group(text: str, f: Found, clause_start: int, hits: Hits) -> tuple[Hit, ...]:
    """A window, age or threshold that qualifies the group named right after it is part of that group's name:
    ``离校2年内未就业高校毕业生``, ``35周岁以下的硕士研究生``, ``登记失业半年以上人员``."""
    if f.kind not in ("duration", "age", "count"):
        return ()
    after = hits.first_from(f.end, f.end + 11)
    if after is None or _PUNCTUATION.search(text[f.end : after[0]]) or _DEADLINE_ACT.match(text, f.end, after[0]):
        return ()
    start = f.start
    while start > clause_start and f.start - start < 6 and _qualifies(text[start - 1]):
        start -= 1
    return ((start, after[1], after[2]),)


GROUPS_BEFORE = 32
"""At most this many groups named before a number in its sentence are its groups (the last ones): a sentence of
thousands of group names and numbers would give every number all of them (the corpus's most is 15)."""


def _groups(text: str, f: Found, clause_start: int, sent: tuple[int, int], hits: Hits) -> tuple[Hit, ...]:
    """The groups of the number: the group it qualifies, else those named before it in its sentence (the last
    ``GROUPS_BEFORE``), else the first named after it."""
    ss, se = sent
    found = (
        _qualified_group(text, f, clause_start, hits)
        or tuple(hits.inside(ss, f.start, GROUPS_BEFORE))
        or tuple(h for h in (hits.first_from(f.end, se),) if h is not None)
        or tuple(hits.inside(_full_stop_before(text, ss), ss, GROUPS_BEFORE))
        or _lead_in_groups(text, ss, hits)
    )
    fined = _FINED.search(text, max(clause_start, f.start - 16), f.start)
    if fined is not None and not _PRONOUN.match(fined.group("p")) and not hits.inside(fined.start("p"), fined.end("p")):
        # 对单位处一万元以上五万元以下罚款，对个人处一千元…: the party a sanction falls on, as printed
        found = ((fined.start("p"), fined.end("p"), ""), *found)
    case = _CASE_BEFORE.search(text, max(0, clause_start - 32), clause_start)
    if case is not None and _SANCTION_OPENS.match(text, clause_start, f.start):
        # 逾期不改正的，处2000元以上5000元以下罚款: the case a sanction is for, as printed
        found = (*found, (case.start("c"), case.end("c"), ""))
    return found


_FINED = regex.compile(r"对(?P<p>\p{Han}{1,8}?)(?:分别|各)?(?:可以)?并?处以?[ \u3000]*$")
"""对单位处, 对个人可以并处: the party named between 对 and the sanction right before the number."""
_PRONOUN = regex.compile(r"(?:其|该|此|他|她|它|上述)")
"""A party named by a pronoun (对其处五百元罚款) names no one: its antecedent is the group, found elsewhere."""
_CASE_BEFORE = regex.compile(r"(?:^|(?<=[，,；;。：:\n]))[ \u3000]*(?P<c>[^，,；;。：:\n]{2,30}的)[，,][ \u3000]*$")
_SANCTION_OPENS = regex.compile(r"[ \u3000]*(?:可以|可|并|另)?处")
"""A clause that opens with 处 (可以处, 并处): a sanction, the case before it its condition (逾期不改正的，处…)."""
FULL_STOP_REACH = 400
"""A sentence's groups are looked for this far back over the sentences before its ``；``."""


_NEW_ARTICLE = regex.compile(r"\n[ \u3000]*第[一二三四五六七八九十百零〇\d]+[条章节]")


def _lead_in_groups(text: str, at: int, hits: Hits) -> tuple[Hit, ...]:
    """The groups the lead-in of a list names (失业人员有下列情形之一的，…： / （一）…), for a number of one of its items
    whose own sentence names none: the line ending in a colon above the item, in the same article."""
    lo = max(0, at - FULL_STOP_REACH)
    end = max(text.rfind("：\n", lo, at), text.rfind(":\n", lo, at))
    if end < 0 or _NEW_ARTICLE.search(text, end, at):
        return ()
    start = text.rfind("\n", lo, end) + 1
    return tuple(hits.inside(max(start, lo), end, GROUPS_BEFORE))


_SENTENCE_MARKS = ("。", "！", "？", "!", "?", "\n")
"""What ends a sentence (and a line, a paragraph)."""


def _full_stop_before(text: str, at: int) -> int:
    """Where the sentence that ``at`` continues after a ``；`` starts: after the last 。！？ or line end before it (医疗卫生机构…
    有下列情形之一的，由…责令限期改正，给予警告；逾期不改正的，处…罚款: who is fined is named before the ；)."""
    lo = max(0, at - FULL_STOP_REACH)
    return max(lo, *(text.rfind(mark, lo, at) + 1 for mark in _SENTENCE_MARKS))


def text_index(text: str) -> TextIndex:
    """The ``TextIndex`` the readers of this module look things up in."""
    return TextIndex.of(text, PER_WORDS + ROLE_WORDS)


LEAD_IN_KINDS = frozenset({"money", "percent", "duration", "age"})
"""The kinds a list's lead-in bounds (每户家庭最低月租房补贴额为：…); a count's list is too often of other things."""


def _read(ix: TextIndex, f: Found, prev_end: int, group_hits: Hits, benefit_hits: Hits) -> Context:
    text = ix.text
    if f.kind == "date":
        return Context(f)
    cs, ce = ix.clauses.bounds(f.start, f.end)
    sent = ix.sentences.bounds(f.start, f.end)
    bound, bound_words = read_bound(text, f, cs, prev_end)
    per = read_per(text, f, cs, ce, ix.words)
    if (bound == "exact" or not per) and f.kind in LEAD_IN_KINDS and (lead := lead_in(text, f, sent[0], cs)) is not None:
        # 每户家庭最低月租房补贴额为：市内六区240元，…180元: the lead-in of a list bounds each item and says its per
        if bound == "exact" and (got := lead_in_bound(text, f, lead)) is not None:
            bound, bound_words = got
        per = per or (lead_in_per(text, lead, ix.words) if f.kind == "money" else ())
    return Context(
        f,
        bound=bound,
        bound_words=bound_words,
        per=per,
        base=read_base(text, f, cs) if f.kind == "percent" else None,
        benefit=(benefit := _benefit(f, sent, benefit_hits, text, group_hits)),
        benefit_text=_benefit_text(text, f, sent[0]) or (act_of_limit(text, f) if benefit is None else None),
        groups=_groups(text, f, cs, sent, group_hits),
        role=read_role(text, f, *sent, ix),
        doubt=f.doubt or f.approximate,
    )


def read_context(text: str, f: Found, prev_end: int, group_hits: Sequence[Hit], benefit_hits: Sequence[Hit]) -> Context:
    """What the words around one number say, before the numbers of a list share anything."""
    return _read(text_index(text), f, prev_end, Hits(group_hits), Hits(benefit_hits))


def annotate(text: str, found: list[Found], group_hits: list[Hit], benefit_hits: list[Hit]) -> list[Context]:
    """Read the context of every number found in ``text``, given the group and benefit mentions in it.

    The text is indexed once (``TextIndex``: its clause and sentence ends, lines, and the words the readers look
    for; the mentions by start), so that each number costs a few bisections and the reading of its own few
    words, whatever the length of its sentence: time linear in the text and the numbers."""
    ix, groups_, benefits_ = text_index(text), Hits(group_hits), Hits(benefit_hits)
    contexts = []
    prev_end = 0
    for f in found:
        contexts.append(_read(ix, f, prev_end, groups_, benefits_))
        if f.kind != "date":
            prev_end = f.end
    contexts = share_across_lists(text, contexts)
    contexts = share_benefit_backwards(text, contexts)
    contexts = share_bound_backwards(text, contexts)
    contexts = distribute(text, contexts, ix)
    return caps(text, contexts, ix)


__all__ = ["BENEFIT_WORD", "CLAUSE_END", "SENTENCE_END", "Context", "Hit", "act_of_limit", "annotate", "clause_bounds", "read_context"]
