"""Where a number of one version stands, for pairing it with the other version's (``compare/pairing``): its
clause (the stretch between the punctuation around it), its *subject* (that clause without the number, its bound
words and the item label), the deadline's anchor (``自…之日起``), the context its sentence hangs it on (the
condition of an aggravated tier, the party), and what counts as one value on both sides."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TypeVar

import regex

from ..evidence import verbatim
from ..extract.taxonomy import benefits
from ..records import Document, Quantity
from .align import Article, bigrams

SUBJECT_MAX = 28  # characters of a subject in a summary
_CLAUSE_END = regex.compile(r"[，,；;。：:\n]")
_ITEM = regex.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[\d一二三四五六七八九十]{1,2}[.．、]|[①-⑳])\s*")
_LEAD = regex.compile(r"^(?:并且|并|且|或者|以及|和|应当|可以|须|必须|由|对|在|自|于|按照|按)+")
_T = TypeVar("_T")
_BOUNDS = regex.compile(r"(?:以上|以下|以内|之内|不超过|不低于|不少于|不足|不满|超过|最高|最低|至少|最多|未满)")


@dataclass(frozen=True, slots=True)
class Placed:
    """A number of one version: the quantity, the article that holds it, its clause and subject."""

    q: Quantity
    art: Article
    clause: str
    subject: str
    words: frozenset[str]
    anchor: str = ""
    context: frozenset[str] = frozenset()
    aggravated: bool = False
    paragraph: int = 0  # where its paragraph starts (after the last line break)
    sentence: int = 0  # where its sentence starts (after the last 。 or line break)
    tier: str = ""  # the condition its clause hangs on (情节严重的), when in another clause
    party: str = ""  # whom the rule falls on (单位, 其直接负责的主管人员和其他直接责任人员)
    refs: frozenset[str] = frozenset()  # the items of the rules it sanctions (违反第二项、第七项规定的: 二, 七)
    cased: bool = False  # its clause names nothing but the number: its subject is its sentence's case before it

    @property
    def path(self) -> str:
        return self.art.path

    @property
    def order(self) -> int:
        """The article's place in its document (two articles may print one number)."""
        return self.art.order


def clause_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)``: from the punctuation before it to the punctuation after it."""
    text = doc.text
    s = start
    while s > 0 and not _CLAUSE_END.match(text, s - 1) and start - s < 80:
        s -= 1
    m = _CLAUSE_END.search(text, end, min(len(text), end + 80))
    e = m.start() if m else min(len(text), end + 80)
    return s, e


def subject_of(clause: str, quote: str, nth: int = 0) -> str:
    """The clause without the number (its ``nth`` occurrence there), its bound words and the item label: what the
    number governs.

    >>> subject_of("（十三）致使森林或者其他林木死亡五十立方米以上的", "五十立方米")
    '致使森林或者其他林木死亡…的'
    >>> subject_of("并自登记之日起五个工作日内", "五个工作日")
    '登记之日起…内'
    >>> subject_of("占总面积过半数的业主且占总人数过半数的业主同意", "半数", 1)
    '占总面积过半数的业主且占总人数过…的业主同意'
    """
    c = _ITEM.sub("", _LABEL.sub("", clause.strip()))
    at = -1
    for _ in range(nth + 1):
        at = c.find(quote, at + 1) if quote else -1
        if at < 0:
            break
    if at < 0 and quote:
        at = c.find(quote)
    if at >= 0:
        c = c[:at] + "…" + c[at + len(quote) :]
    c = _LEAD.sub("", c)
    c = regex.sub(r"…(?:以上|以下|以内)", "…", c)
    if len(c) > SUBJECT_MAX:
        k = c.find("…")
        lo = max(0, min(k - (SUBJECT_MAX * 2) // 3, len(c) - SUBJECT_MAX)) if k >= 0 else 0
        c = c[lo : lo + SUBJECT_MAX]
    return c.strip("，,、 ")


_ANCHOR_BEFORE = regex.compile(r"(?:自|从|于|在)(?P<event>[^，,；;。]{1,30}?)(?:之日|之时|后)起[ \u3000]*$")
_ANCHOR_AFTER = regex.compile(r"^[ \u3000]*(?:以?[前后]|届满)")
# a period counted from an event named after it: "时效为两年，自…被依法确认为违法之日起计算"
_ANCHOR_COUNTED = regex.compile(r"[ \u3000]*[，,]?[ \u3000]*(?:自|从)(?P<event>[^，,；;。]{1,80}?)之日起(?:计算|算起)")


# an age a period is counted to (年满63周岁前一年内): the period's anchor
_AGE_BEFORE = regex.compile(r"(?:年满|满)?[\d一二三四五六七八九十]{1,3}[ \u3000]*周?岁[ \u3000]*(?:以前|之前|前)[ \u3000]*$")
_AGE_AFTER = regex.compile(r"[ \u3000]*(?:以前|之前|前)[ \u3000]*")


def anchors_a_period(doc: Document, q: Quantity, period_starts: Sequence[int]) -> bool:
    """An age a period of the text (``period_starts``: where its periods start, sorted) is counted to (``年满63周岁前一年
    内``): part of that period's anchor, not a rule of its own."""
    if q.kind != "age":
        return False
    m = _AGE_AFTER.match(doc.text, q.evidence.span[1])
    k = bisect.bisect_left(period_starts, m.end()) if m else len(period_starts)
    return m is not None and k < len(period_starts) and period_starts[k] == m.end()


def anchor_of(doc: Document, q: Quantity) -> str:
    """What a deadline runs from: ``自收到申请之日起15日内`` → ``自收到申请之日起``; ``活动的十五日前`` →
    ``前`` (before the event); ``时效为两年，自…被确认为违法之日起计算`` → ``自…被确认为违法之日起``; empty for a period
    without an anchor.

    """
    if q.kind != "duration":
        return ""
    s, e = q.evidence.span
    m = _ANCHOR_BEFORE.search(doc.text, max(0, s - 40), s)
    if m:
        return "自" + m.group("event") + "之日起"
    m = _AGE_BEFORE.search(doc.text, max(0, s - 12), s)
    if m:
        return m.group(0).strip()
    m = _ANCHOR_AFTER.match(doc.text, e, min(len(doc.text), e + 4))
    if m:
        return m.group(0).strip()
    m = _ANCHOR_COUNTED.match(doc.text, e, min(len(doc.text), e + 90))
    return "自" + m.group("event") + "之日起" if m else ""


_SENTENCE_END = regex.compile(r"[。\n：:]")
_LABEL = regex.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条[ \u3000]*")
# the party a sanction falls on: "对单位可以并处", "对其直接负责的主管人员和其他直接责任人员，可以处"
_PARTY = regex.compile(r"对(?:其)?(?P<who>[^，,；;。：:]{1,30}?[^的，,；;。：:])(?=[，,]?(?:可以|可|并处|处以|处|给予|依法给予))")
SENTENCE_MAX = 240  # characters looked at before a number for its sentence
PARAGRAPH_MAX = 2_000  # and for its paragraph
# a condition that raises a sanction to its next tier ("情节严重的，处…"; "逾期不改正的，处…"): data/aggravating.txt
AGGRAVATING = tuple(
    line.strip() for line in resources.files("extractor.data").joinpath("aggravating.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def _words(name: str) -> tuple[str, ...]:
    text = resources.files("extractor.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# of those, the conditions of not complying with an order (逾期不改正的，处…), and the sanctions that, given before such
# a condition, make the fine after it an escalation (给予警告；拒不改正的，处…)
NONCOMPLIANCE = _words("noncompliance.txt")
ORDER_SANCTIONS = _words("order_sanctions.txt")


def context_of(doc: Document, start: int, clause_start: int) -> tuple[str, str]:
    """What a number's clause hangs on in its sentence (from the last ``。`` or ``：``): the last condition before its
    clause (a clause ending in 的: ``情节严重的``, ``逾期不改正的``), and the party the rule falls on (``对单位``).
    Two fines of one wording (``并处…的罚款``) are told apart by these: the base tier and the ``情节严重的`` tier, the
    unit and the persons in charge.
    """
    text = doc.text
    lo = max(0, clause_start - SENTENCE_MAX)
    ends = list(_SENTENCE_END.finditer(text, lo, clause_start))
    sent = ends[-1].end() if ends else lo
    before = [c.strip() for c in regex.split(r"[，,；;]", _LABEL.sub("", text[sent:clause_start]))]
    tier = next((c for c in reversed(before) if c.endswith("的")), "")
    parties = list(_PARTY.finditer(text, sent, start))
    return tier, (parties[-1].group("who") if parties else "")


# the items of a list of duties a sanction names (违反第一项、第二项规定的): which duties its fine is for
_ITEM_REF = regex.compile(r"第([一二三四五六七八九十\d]{1,3})项")
# a sentence that opens on the duties it sanctions (违反本条例第二十八条第六项规定，属于自采自用的，…处以…罚款): its fines
# are for those duties, whatever condition stands nearer the number
_DUTY_OPENING = regex.compile(r"[ \u3000]*违反[^，,；;。：:]{0,40}?规定")


def duties_of(doc: Document, sentence: int, clause_start: int, tier: str) -> frozenset[str]:
    """The items of the duties a sanction is for: those its condition names (违反第二项、第七项规定的), else those
    named at the opening of its sentence (违反第六项规定，属于自采自用的，…情节严重的处以…)."""
    if "违反" in tier:
        return frozenset(_ITEM_REF.findall(tier))
    m = _DUTY_OPENING.match(_LABEL.sub("", doc.text[sentence:clause_start]))
    return frozenset(_ITEM_REF.findall(m.group(0))) if m else frozenset()

RENAMED_EVENT = 0.75  # two anchors' events sharing this share of the shorter's characters are one event renamed


def same_anchor(a: str, b: str) -> bool:
    """Two deadlines run from the same event: the same anchor, or an event renamed (most characters of the shorter
    in the longer: ``自签订出租合同之日起`` and ``自签订房屋租赁合同之日起``; or one event within the other's words:
    ``自受理之日起`` and ``自发出受理申请通知书之日起``), not another event (``自查实之日起`` and
    ``自变更登记期限届满之日起``; ``前`` and ``自…之日起``).

    >>> same_anchor("自签订出租合同之日起", "自签订房屋租赁合同之日起"), same_anchor("自查实之日起", "自变更登记期限届满之日起")
    (True, False)
    >>> same_anchor("前", "自收到申请之日起"), same_anchor("", "")
    (False, True)
    >>> same_anchor("自与委托人签订司法鉴定协议书之日起", "自司法鉴定委托书生效之日起")
    False
    >>> same_anchor("自发出受理申请通知书之日起", "自受理之日起")  # one event named within the other's words
    True
    """
    if a == b:
        return True
    if not a.startswith("自") or not b.startswith("自"):
        return False
    ea, eb = (regex.sub(r"^自|之日起$", "", x) for x in (a, b))
    shorter = min(len(ea), len(eb))
    if shorter >= 2 and (ea in eb or eb in ea):  # one event named within the other's words (受理 / 发出受理申请通知书)
        return True
    # and the event is the same act: it ends alike (…合同 and …合同; not 签订…协议书 and …委托书生效)
    return shorter > 0 and sum((Counter(ea) & Counter(eb)).values()) / shorter >= RENAMED_EVENT and ea[-1] == eb[-1]


def _one(shared: dict[object, object] | None, value: _T) -> _T:
    """``value``, or the equal one already in ``shared`` (one copy of a clause repeated thousands of times)."""
    return value if shared is None else shared.setdefault(value, value)  # type: ignore[return-value]


def is_penalty(q: Quantity) -> bool:
    """Is the number's benefit a penalty of the taxonomy (罚款, 滞纳金), a name every sanction of a law shares?"""
    entry = benefits().entries.get(q.benefit_id or "")
    return entry is not None and entry.kind == "penalty"


def _told_by(q: Quantity) -> str:
    """The benefit's name as words that tell a number's rule from others: not a penalty's (罚款, 滞纳金)."""
    return "" if is_penalty(q) else (q.benefit or "")


def place(doc: Document, q: Quantity, art: Article, shared: dict[object, object] | None = None) -> Placed:
    """A number read where it stands. Equal clauses, subjects and word sets of the numbers placed with one ``shared``
    dict are held once: a text of one clause repeated (``'减半'*100_000``) holds each once, not once a number."""
    s, e = clause_of(doc, *q.evidence.span)
    clause = verbatim(doc, s, e).replace("\n", "")
    start, end = q.evidence.span
    nth = doc.text[s:start].count(doc.text[start:end]) if end > start else 0  # which of equal numbers in the clause
    subject = subject_of(clause, q.evidence.quote, nth)
    tier, party = context_of(doc, start, s)
    # whom the rule falls on is part of what it governs, though a clause of its own may name it (对其…人员，可以处…)
    own = bigrams(_BOUNDS.sub("", subject.replace("…", "")) + _told_by(q))
    words = own | bigrams(party)
    cased = bool(tier) and not own
    if cased:
        # a clause naming nothing but the number (…准驾车型的，在18周岁以上，60周岁以下): it governs the case its
        # sentence states before it
        subject = subject_of(f"{tier}，{clause}", q.evidence.quote, nth)
        words |= bigrams(_BOUNDS.sub("", tier))
    context = bigrams(_BOUNDS.sub("", tier)) | bigrams(party)
    at = clause.find(q.evidence.quote)  # -1 when the quote runs past the clause: then the whole clause is before it
    aggravated = any(w in tier or w in (clause[:at] if at >= 0 else clause) for w in AGGRAVATING)
    # a paragraph is looked for within PARAGRAPH_MAX characters (a longer one starts anew there: linear time)
    lo = max(art.span[0], start - PARAGRAPH_MAX)
    paragraph = max(lo, doc.text.rfind("\n", lo, start) + 1)
    sentence = max(paragraph, doc.text.rfind("。", lo, start) + 1)
    refs = duties_of(doc, sentence, s, tier)
    return Placed(q, art, _one(shared, clause), _one(shared, subject), _one(shared, frozenset(words)),
                  _one(shared, anchor_of(doc, q)), _one(shared, frozenset(context)), aggravated, paragraph, sentence,
                  _one(shared, tier), _one(shared, party), _one(shared, refs), cased)


# a condition that falls back from a rule's base (货值金额不足10万元的, 没有违法所得的, 销售额难以计算的): a case of the
# rule before it in the sentence, of that rule's tier
_FALLBACK = regex.compile(r"不足|没有|难以计算|无法计算")


def fallback_tiers(placed: list[Placed]) -> list[Placed]:
    """A number whose condition falls back from the rule before it in its sentence (``情节严重或者在禁采区…采砂的，
    …并处…货值金额2倍以上20倍以下的罚款；货值金额不足10万元的，并处20万元以上200万元以下的罚款``) is of that rule's tier:
    aggravated when it is, though its own condition names no aggravation."""
    out = list(placed)
    for k in range(1, len(out)):
        p, prev = out[k], out[k - 1]
        if not p.aggravated and prev.aggravated and prev.sentence == p.sentence and prev.order == p.order \
                and _FALLBACK.search(p.tier):
            out[k] = replace(p, aggravated=True)
    return out


def working_days(q: Quantity) -> bool:
    """A period counted in working days (``15个工作日``), which is not the same value as 15 calendar days."""
    return q.kind == "duration" and q.unit == "day" and "工作日" in q.evidence.quote


def same_value(x: Quantity, y: Quantity) -> bool:
    """The same parameter value on both sides: same kind and value; for an amount also the same bound and the
    same per (每月 or 每年 changes what it is worth); for a rate or a duration the same bound. Counts are compared
    by value only: the per and bound of service counts (为每人…1次, 至少1次) are worded freely. Working days are not
    calendar days (``20个工作日内`` → ``20日内`` is a change)."""
    if (x.kind, x.value, x.value_max) != (y.kind, y.value, y.value_max) or working_days(x) != working_days(y):
        return False
    if x.kind == "money":
        return x.bound == y.bound and sorted(p for p in x.per if p != "one_off") == sorted(p for p in y.per if p != "one_off")
    return x.kind == "count" or x.bound == y.bound


@dataclass(frozen=True, slots=True)
class Match:
    """A number of A and one of B (one of them None: repealed or added), and whether the rule moved."""

    x: Placed | None
    y: Placed | None
    moved: bool = False
