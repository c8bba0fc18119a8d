"""The recipients of a sentence that states the terms of the grant before it (山西 2023: ``对毕业5年内高校毕业生、毕业
学年高校毕业生从事个体经营或创办小微企业的,给予其本人一定数额社会保险补贴。补贴标准原则上不超过…的2/3,补贴期限不超过3年。``):
its numbers are for the recipients of that grant."""

from __future__ import annotations

import regex

from ..extract.taxonomy import groups
from ._compare_rules import compare_rules
from ._marks import _marks
from ._rule import _PAYER, _runs, _subject, most_specific, rule_recipients, rule_span

_SENTENCE_MARKS = "。！？!?"
_TO_SELF = regex.compile(r"(?:给予|发放)[ \u3000]*(?:给)?[ \u3000]*其?本人")
"""A grant to the persons of its subject themselves (``给予其本人``), not to the firm they found or run."""
TERMS_REACH = 400  # characters of a number's line read back for its sentence and the one before it


def _sentence_start(text: str, lo: int, at: int) -> int:
    """Where the sentence holding ``at`` starts, no earlier than ``lo`` (its line's start)."""
    return max(lo - 1, *(text.rfind(c, lo, at) for c in _SENTENCE_MARKS)) + 1


def terms_recipients(text: str, start: int) -> list[str]:
    """For a number of a sentence that opens with a word of the grant's terms (``terms_heads``: ``补贴标准``,
    ``补贴期限``) and names no group before the number, the recipients of the grant of the sentence right before it on
    its line (those its rule names, else the groups that open its subject); else none."""
    heads = compare_rules().terms_heads
    if not heads:
        return []
    line = max(_marks(text).line_before(start) + 1, start - TERMS_REACH)
    sentence = _sentence_start(text, line, start)
    if sentence <= line or not text[sentence:start].lstrip(" \u3000").startswith(heads):
        return []
    if next(groups().find(text, sentence, start), None) is not None:
        return []  # the sentence names its own recipients
    before = _sentence_start(text, line, sentence - 1)
    grant = _marks(text).phrase_ends.first(before, sentence)
    if grant is None:
        return []
    subject = most_specific(_subject(text, rule_span(text, grant).start, grant))
    tax = groups()
    persons = [g for g in subject if tax.entries[g].kind == "individual"]
    if persons and _TO_SELF.match(text, grant):
        return persons  # …从事个体经营或创办小微企业的,给予其本人…: the founders, not the firm they found
    rule = rule_recipients(text, grant)
    return list(rule.ids) if rule else subject


_ITEM_MARK = regex.compile(r"[ \u3000]*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、.．])[ \u3000]*")
"""The number of a list item at a line's start (``(二)``, ``2、``)."""
_NO_GRANT = regex.compile(r"给予|发放|可申请|申请|享受|分别|对")


def item_subject(text: str, start: int) -> list[str]:
    """For a number of a numbered list item whose sentence opens with the groups it is for and grants nothing
    (柳州: ``(二)小微企业借款人贷款额度由经办银行根据…合理确定,最高不超过300万元``), those groups; else none."""
    marks = _marks(text)
    line = marks.line_before(start) + 1
    m = _ITEM_MARK.match(text, line, start)
    if m is None or start - line > TERMS_REACH:
        return []
    sentence = _sentence_start(text, line, start)
    if sentence != line or _NO_GRANT.search(text, m.end(), start):
        return []
    hit = next(groups().find(text, m.end(), start), None)
    if hit is None or hit[0] != m.end():
        return []
    return most_specific(_subject(text, m.end(), start))


_CONNECTIVE = regex.compile(r"[ \u3000]*(?:同时|此外|另外|其中|并且|而且)?[ \u3000]*[，,]?[ \u3000]*")
_FIRST_CLAUSE_END = regex.compile(r"[，,；;：:]")


def sentence_subject(text: str, start: int) -> list[str]:
    """For a number whose sentence (or a part of it after ；) opens, after a connective (``同时,``), with a noun phrase
    naming a group, bare or after its qualifier ending with 的 (贵州: ``同时,能享受该贷款支持的小微企业应在当年新招用…,
    最高可申请200万元贷款``; ``高校毕业生创办的小微企业…``: the firm founded), and whose own clause names no group, that
    phrase's groups, for a number of a clause after that phrase's, past clauses that each state a value; else none."""
    line = max(_marks(text).line_before(start) + 1, start - TERMS_REACH)
    sentence = max(line - 1, *(text.rfind(c, line, start) for c in "。！？!?；;")) + 1
    m = _CONNECTIVE.match(text, sentence, start)
    lo = m.end() if m is not None else sentence
    stop = _FIRST_CLAUSE_END.search(text, lo, start)
    if stop is None:
        return []  # the number is in the sentence's first clause: its own reading stands
    runs = _runs(text, lo, stop.start())
    if not runs:
        return []
    before = text[lo : runs[0][0][0]].strip(" \u3000")
    if before and (not before.endswith("的") or _GIVEN.search(before)):
        return []
    clause = max(text.rfind(c, lo, start) for c in "，,；;：:") + 1
    if any(not _PAYER.match(text, e) for _, e, _ in groups().find(text, stop.end(), start)):
        return []  # a later clause names its own group (a giver, 财政部门给予…, is none)
    # the clauses between each state a value of that subject (…,最高可申请200万元贷款,2年内可享受…50%的贴息); one that
    # states none names another subject (…3 年，专项资金贴息的小微创业担保贷款期限，最长不超过 2 年)
    between = _FIRST_CLAUSE_END.split(text[stop.end() : max(stop.end(), clause - 1)]) if clause > stop.end() else []
    if any(not _VALUE.search(c) for c in between):
        return []
    return most_specific(g for _, _, g in runs[0])


_VALUE = regex.compile(r"\d|[一二两三四五六七八九十半]+(?:年|个月|万|元|倍|次)")


_GIVEN = regex.compile(r"给予|发放|对|[。！？!?]")


_GRANT_TO = regex.compile(r"(?:给予|发放给|拨付给|拨付|支付给)[ \u3000]*")


def granted_to(text: str, start: int) -> list[str]:
    """For a number of a rule whose grant names who receives it right after its verb, before the benefit's name
    (天津: ``对留用本单位见习满3个月的见习人员,…签订一年以上劳动合同并…满3个月的,按照每留用1人3000元的标准,给予就业见习基地
    留用奖励``: the 见习基地 is paid, its conditions and sum are its own), that recipient, when it is not the one the
    rule's subject names; else none."""
    span = rule_span(text, start)
    if span.grant is None or start >= span.end:
        return []
    m = _GRANT_TO.match(text, span.grant)
    if m is None:
        return []
    hit = next(groups().find(text, m.end(), min(span.end, m.end() + 20)), None)
    if hit is None or hit[0] != m.end() or _PAYER.match(text, hit[1]):
        return []
    tax = groups()
    if compare_rules().not_recipients & {hit[2], *tax.ancestors(hit[2])}:
        return []
    rule = rule_recipients(text, start)
    if rule is None or any(r == hit[2] or r in tax.ancestors(hit[2]) or hit[2] in tax.ancestors(r) for r in rule.ids):
        return []  # the grant names the subject's recipients again (…的科技创新人才，…给予人才…): the rule's reading stands
    return [hit[2]]


_CASE = regex.compile(r"[ \u3000]*(?:对)?[ \u3000]*(?P<who>[^，,。；;：:！？!?\n]{2,24}?)的[ \u3000]*[，,][ \u3000]*")


def case_groups(text: str, start: int) -> list[str]:
    """For a number of a clause that names no group, right after a clause stating the case of who it is for (柳州:
    ``…20万元,合伙创业或组织起来共同创业的,最高贷款额度不超过符合条件个人贷款总额度的10%``), the groups that case names
    (a run of coordinated names that makes the whole case); else none."""
    clause = max(text.rfind(c, max(0, start - TERMS_REACH), start) for c in "，,；;：:。！？!?\n") + 1
    if clause <= 0 or text[clause - 1] not in "，,":
        return []
    if next(groups().find(text, clause, start), None) is not None:
        return []
    before = max(text.rfind(c, max(0, clause - 1 - TERMS_REACH), clause - 1) for c in "，,；;：:。！？!?\n") + 1
    m = _CASE.fullmatch(text, before, clause)
    if m is None:
        return []
    runs = _runs(text, m.start("who"), m.end("who"))
    if len(runs) != 1 or runs[0][0][0] != m.start("who") or runs[0][-1][1] != m.end("who"):
        return []  # the case is the names alone (合伙创业的), not a condition that mentions some
    return most_specific(g for _, _, g in runs[0])
