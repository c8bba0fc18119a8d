"""Which benefit a value is of, read in its document: a heading's or a paragraph's benefit for a value printed with
a generic head or none, a part of a benefit the document defines, a name its context reads otherwise, and the
benefits one sentence names together with the value's own.
"""

from __future__ import annotations

import functools

import regex

from ..extract.taxonomy import benefits, groups
from ..records import Quantity
from ._compare_rules import compare_rules
from ._earlier import earlier_benefit, grant_head_benefit, holder_benefit, merged_benefit, sentence_before_benefit


@functools.lru_cache(maxsize=4096)
def _named(name: str) -> str | None:
    """The benefit of the taxonomy a printed name names, by its longest synonym in it; None when it names none."""
    hits = list(benefits().find(name))
    return max(hits, key=lambda h: h[1] - h[0])[2] if hits else None


_PART_SPLIT = regex.compile(r"[、，,]|以及|和|及|与|或")


@functools.lru_cache(maxsize=16)
def benefit_parts(text: str) -> dict[str, str]:
    """The parts of a benefit as the document defines them (``就业见习补贴包括基本生活费补贴、留用人员差额补贴和人身意外伤害
    保险补贴``): each part's name (4 characters or more, ending as a benefit's name does: ``part_heads``) -> the id
    of the benefit defined, a benefit of the taxonomy named right before one of ``parts_after``."""
    rules = compare_rules()
    if not rules.parts_after:
        return {}
    out: dict[str, str] = {}
    for w in rules.parts_after:
        at = text.find(w)
        while at >= 0:
            whole = next((b for a, e, b in benefits().find(text, max(0, at - 20), at) if e == at), None)
            if whole is not None:
                stop = min((i for i in (text.find(c, at) for c in _SENTENCE) if i >= 0), default=len(text))
                for item in _PART_SPLIT.split(text[at + len(w) : stop]):
                    name = regex.sub(r"[ \u3000]+", "", item).removesuffix("等")
                    if len(name) >= 4 and name.endswith(rules.part_heads) and _named(name) != whole:
                        out.setdefault(name, whole)
            at = text.find(w, at + 1)
    return out


_PAID_TO = regex.compile(r"(?:拨付给|拨付|发放给|支付给|拨给)[ \u3000]*")


@functools.lru_cache(maxsize=16)
def part_payees(text: str) -> dict[str, str]:
    """The group each part of a benefit (``benefit_parts``) is paid to, as a sentence of the document stating it
    says, when they all say one: ``基本生活费补贴按见习人员每人每月 1300 元标准拨付见习基地`` (拨付, 拨付给, 发放给, 支付给
    and the group), ``…按每人每月 200 元标准给予见习基地留用人员差额补贴`` (给予, the group, the part's name)."""
    parts = benefit_parts(text)
    if not parts:
        return {}
    tax, out = groups(), {}
    for name in parts:
        payees: set[str] = set()
        at = text.find(name)
        while at >= 0:
            hi = min((i for i in (text.find(c, at, at + LINE_REACH) for c in _SENTENCE) if i >= 0),
                     default=min(len(text), at + LINE_REACH))
            for m in _PAID_TO.finditer(text, at + len(name), hi):
                hit = next(tax.find(text, m.end(), hi), None)
                if hit is not None and hit[0] == m.end():
                    payees.add(hit[2])
                    break
            given = [(a, g) for a, e, g in tax.find(text, max(0, at - 30), at) if e == at]  # 给予见习基地|留用人员…
            if given and text[max(0, given[-1][0] - 6) : given[-1][0]].rstrip(" \u3000").endswith("给予"):
                payees.add(given[-1][1])
            at = text.find(name, at + len(name))
        if len(payees) == 1:
            out[name] = payees.pop()
    return out


PART_REACH = 40  # characters before a value within which the part it is of is named


def paid_part(text: str, start: int) -> str | None:
    """The group the part of a benefit named right before the value (within ``PART_REACH`` characters of its line,
    the nearest) is paid to (``part_payees``: ``人身意外伤害保险补贴：每人 100 元`` in a form, of the part the rules pay
    to the 见习基地); else None."""
    payees = part_payees(text)
    if not payees:
        return None
    lo = max(_line_start(text, start), start - PART_REACH)
    best = max(((text.rfind(n, lo, start), n) for n in payees), default=(-1, ""))
    return payees[best[1]] if best[0] >= 0 else None


def _part_before(text: str, start: int, parts: dict[str, str]) -> str | None:
    """The part (``benefit_parts``) whose name is the last benefit name before ``start`` in its sentence (a name of
    the taxonomy ending later, or as late and longer, is the value's own instead)."""
    lo = max((text.rfind(c, 0, start) for c in _SENTENCE), default=-1) + 1
    window = regex.sub(r"[ \u3000]", "", text[lo:start])  # a part's name is read without layout spaces
    best: tuple[int, int, str | None] = (-1, 0, None)
    for name, whole in parts.items():
        at = window.rfind(name)
        if at >= 0:
            best = max(best, (at + len(name), len(name), whole), key=lambda b: (b[0], b[1]))
    for a, e, _ in benefits().find(window):
        if (e, e - a) > (best[0], best[1]):
            return None
    return best[2]


def _context(text: str, start: int, title: str | None) -> str:
    """What a value is read in: its sentence, the heading line right above its line (one ending with a colon), and
    the document's title."""
    lo = max((text.rfind(c, 0, start) for c in _SENTENCE), default=-1) + 1
    hi = min((i for i in (text.find(c, start) for c in _SENTENCE) if i >= 0), default=len(text))
    line = text.rfind("\n", 0, start)
    above = text[text.rfind("\n", 0, max(line, 0)) + 1 : max(line, 0)].rstrip(" \u3000") if line > 0 else ""
    return "\n".join((text[lo:hi], above if above.endswith(("：", ":")) else "", title or ""))


def _own_name(q: Quantity, text: str) -> str | None:
    """The benefit a value's own name says it is (``own_names``): its printed name, or the name right after the
    number (``按当年新发放创业担保贷款总额的 1%奖励``)."""
    own = compare_rules().own_names or {}
    if q.benefit in own:
        return own[q.benefit]
    after = text[q.evidence.span[1] : q.evidence.span[1] + 8].lstrip(" \u3000")
    return next((b for w, b in own.items() if after.startswith(w)), None)


@functools.cache
def _designation(bid: str) -> bool:
    """Is the benefit a designation: a title that also names the body designated, a group (信用社区, 星级社区)?"""
    names = {s for e in groups().entries.values() for s in e.synonyms}
    return any(s in names for s in benefits().entries[bid].synonyms)


def read_benefit(q: Quantity, text: str, title: str | None = None) -> Quantity:
    """A value with its benefit read in its document's context: of the benefit a part of which its own name is, as
    the document defines it (``benefit_parts``: ``人身意外伤害保险补贴按见习人员每人 100 元标准一次性拨付给见习基地``, of
    the 就业见习补贴), and a name the context reads otherwise (``read_in_context`` of compare_rules.yaml: a 生活费补贴
    of 见习人员 is the internship subsidy), and a value whose own name says what kind of benefit it is (``own_names``:
    …2万元奖励, an award) under a heading's benefit of another kind (高层次人才就业补贴) or a designation's (信用社区: who
    gets the 资金奖励); else the value as it is."""
    if q.kind == "date":
        return q
    bid = (merged_benefit(q, text) or holder_benefit(q, text) or _topic(q, text) or q.benefit_id or _named(q.benefit or "") or antecedent(q, text) or later_benefit(q, text)
           or earlier_benefit(q, text) or sentence_before_benefit(q, text) or grant_head_benefit(q, text))
    parts = benefit_parts(text)
    if parts and (whole := _part_before(text, q.evidence.span[0], parts)) is not None and whole != bid and (
            bid is None or any(q.benefit and q.benefit in p for p, w in parts.items() if w == whole)):
        bid = whole
    own = _own_name(q, text)
    tax = benefits()
    if own is not None and bid in tax.entries and bid != own and (
            tax.entries[bid].kind != tax.entries[own].kind or _designation(bid)):
        bid = own  # 08.高层次人才就业补贴 / …给予留用的博士后人员2万元奖励: an award, whatever the heading's subsidy
    for words, as_ in (compare_rules().read_in_context or {}).get(bid or "", ()):
        if any(w in _context(text, q.evidence.span[0], title) for w in words):
            bid = as_
            break
    if bid == (q.benefit_id or _named(q.benefit or "")):
        return q
    return q.model_copy(update={"benefit_id": bid})


HEADING_REACH = 12  # a value of no benefit looks for its heading this many lines above its own
LINE_REACH = 400  # characters of a value's line read on either side of it (a line of a whole text: linear time)
HEADING_LENGTH = 30
_HEADING = regex.compile(r"[^，,。；;！？!?]{2," + str(HEADING_LENGTH) + r"}[：:]?")
_NOT_HEADING = regex.compile(r"[ \u3000]*第[一二三四五六七八九十百零〇\d]+[章节条]")
"""A chapter's or an article's heading: a regulation's division, no benefit's heading."""


def _line_start(text: str, start: int) -> int:
    """Where the line of the value at ``start`` begins, looked for no further back than ``LINE_REACH`` (on a longer
    line, ``LINE_REACH`` characters before the value)."""
    return text.rfind("\n", max(0, start - LINE_REACH), start) + 1 or max(0, start - LINE_REACH)


_TOPIC_END = regex.compile(r"[，,：:。；;]")


def _topic(q: Quantity, text: str) -> str | None:
    """For a value whose benefit's printed name is nowhere on its line (read from a heading above), the benefit its
    line's first clause names (江西 2020: ``在就业见习补贴上,支持实施…。其中,对吸纳…为见习对象``); else None."""
    name = q.benefit or ""
    start = q.evidence.span[0]
    line = _line_start(text, start)
    stop = text.find("\n", start, start + LINE_REACH)
    if not name or text.find(name, line, min(len(text), start + LINE_REACH) if stop < 0 else stop) >= 0:
        return None
    m = _TOPIC_END.search(text, line, start)
    hits = list(benefits().find(text, line, m.start())) if m is not None else []
    return hits[-1][2] if len(hits) == 1 else None


def antecedent(q: Quantity, text: str) -> str | None:
    """The benefit a value of no benefit of the taxonomy is of, by what its paragraph or heading names, when its
    printed name is a generic head (``补贴``, ``贷款``, ``返还``) or it has none:

    - a value of a sentence that opens with one of ``anaphora_heads`` (compare_rules.yaml) is of the last benefit
      named before that sentence on its line whose name ends with that head (``实施阶梯性吸纳就业补贴政策。补贴标准为:
      …100人以下且稳定就业半年以上的,按每人1000元给予补贴``);
    - a value of a line that names no benefit is of the benefit named by the nearest heading line above it (a short
      line of no sentence's punctuation, not a chapter's or an article's, within ``HEADING_REACH`` lines, past
      headings and items ending with 。 or ； that name none: ``小微企业创业担保贷款和贴息标准`` above ``1.【贷款额度】:
      贷款额度最高不超过400万元。``; ``稳岗返还标准`` above ``大型企业按…的30%返还``), when that benefit's name ends with the
      value's printed head; else None."""
    head = regex.sub(r"[ \u3000]+", "", q.benefit or "")
    tax, heads = benefits(), compare_rules().anaphora_heads

    def of(lo: int, hi: int, ending: str) -> str | None:
        hits = [b for a, e, b in tax.find(text, lo, hi) if text[a:e].endswith(ending)]
        return hits[-1] if hits else None

    start = q.evidence.span[0]
    line = _line_start(text, start)
    sentence = max(line - 1, *(text.rfind(c, line, start) for c in "。！？!?")) + 1
    opening = next((h for h in heads if text.startswith(h, sentence)), None)
    if sentence > line and opening is not None and head in ("", *heads) and (found := of(line, sentence, opening)):
        return found
    stops = [i for i in (text.find(c, start, start + LINE_REACH) for c in "。！？!?\n") if i >= 0]
    if next(tax.find(text, line, min(stops, default=min(len(text), start + LINE_REACH))), None) is not None:
        return None  # the value's sentence names a benefit: the value's own reading stands
    if line > 0 and text[line - 1] != "\n":  # a line longer than LINE_REACH: no heading above it is read
        return None
    end = line - 1
    for _ in range(HEADING_REACH):
        if end <= 0:
            return None
        begin = text.rfind("\n", 0, end) + 1
        row = text[begin:end].strip(" \u3000\t")
        heading = bool(_HEADING.fullmatch(row)) and not _NOT_HEADING.match(row)
        if heading and (found := of(begin, end, head)) is not None:
            return found
        if row.endswith(("：", ":")) and (found := _lead_in(text, begin, end, head)) is not None:
            return found
        if row and not heading and (not row.endswith(("。", "；", ";")) or next(tax.find(text, begin, end), None)):
            return None  # a wrapped line, or an item of another benefit
        end = begin - 1
    return None


def _lead_in(text: str, begin: int, end: int, head: str) -> str | None:
    """The benefit the lead-in of a list names in its last sentence (柳州: ``…柳州可申请创业贷款的对象有两种,分别是个人和
    小微企业,贷款额度如下:`` above ``(一)个人贷款额度最高不超过20万元…``), when its name ends with the anaphora head the
    value's printed name ends with (``个人贷款``: a 贷款), or the value has none; else None."""
    heads = compare_rules().anaphora_heads
    if head and head not in heads:
        head = next((h for h in heads if head.endswith(h)), None) or ""
        if not head:
            return None
    lo = max(begin - 1, *(text.rfind(c, begin, end) for c in "。！？!?")) + 1
    hits = [b for a, e, b in benefits().find(text, lo, end) if text[a:e].endswith(head)]
    return hits[-1] if hits else None


_SENTENCE_END = "。！？!?\n"
_CLAUSE_MARKS = "，,；;：:"


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding ``at`` ends (its mark, a line's end), looked for within ``LINE_REACH``."""
    stops = [i for i in (text.find(c, at, at + LINE_REACH) for c in _SENTENCE_END) if i >= 0]
    return min(stops, default=min(len(text), at + LINE_REACH))


def _unconditioned(text: str, lo: int, hi: int) -> str:
    """``text[lo:hi]`` without its leading spaces and the condition word it opens with (``conditionals``)."""
    head = text[lo:hi].lstrip(" \u3000")
    for w in compare_rules().conditionals:
        if head.startswith(w):
            return head[len(w):].lstrip(" \u3000")
    return head


def later_benefit(q: Quantity, text: str) -> str | None:
    """The benefit a value of no printed name is a condition of when the grant that names the benefit comes after
    it: for a value of a clause that opens with a condition (``conditionals``: ``如果大学毕业生在离开学校后两年内没有就业,
    在灵活就业后支付社会保障,他们将获得长达两年的社会保障补贴``), the one benefit its sentence names after it (none before
    it); for a value of a sentence that names no benefit, the one benefit the next sentence of its line names when that
    sentence opens by referring back (``back_references``: ``…招用大学毕业生…,将签订一年以上的劳动合同。如果他们支付社会
    保障,他们将获得长达一年的社会保障补贴``); else None."""
    rules = compare_rules()
    if regex.sub(r"[ \u3000]+", "", q.benefit or "") or not rules.back_references:
        return None
    start, end = q.evidence.span
    line = _line_start(text, start)
    lo = max(line - 1, *(text.rfind(c, line, start) for c in "。！？!?")) + 1
    hi = _sentence_end(text, end)
    tax = benefits()
    clause = max(lo - 1, *(text.rfind(c, lo, start) for c in _CLAUSE_MARKS)) + 1
    if text[clause:start].lstrip(" \u3000").startswith(rules.conditionals):
        later = {b for _, _, b in tax.find(text, end, hi)}
        return later.pop() if len(later) == 1 and next(tax.find(text, lo, start), None) is None else None
    if hi >= len(text) or text[hi] == "\n" or next(tax.find(text, lo, hi), None) is not None:
        return None  # the last sentence of its line, or one naming a benefit: its own reading stands
    after = _sentence_end(text, hi + 1)
    if not _unconditioned(text, hi + 1, after).startswith(rules.back_references):
        return None
    later = {b for _, _, b in tax.find(text, hi + 1, after)}
    return later.pop() if len(later) == 1 else None


_JOINED = regex.compile(r"[ \u3000]*(?:、|和|或者|或|及|与|以及|[”“\"]*[（(])[ \u3000]*")
"""Between two benefit names one rule states together: ``社会保险补贴和岗位补贴``, ``“一奖一补”（交通补贴和务工奖补）``."""
_SENTENCE = "；;。！？!?\n"
_DIGITS = regex.compile(r"[\d一二两三四五六七八九十百千万]+(?:元|年|个月|%|周岁|岁)")


def joined_benefits(q: Quantity, text: str) -> frozenset[str]:
    """The benefits the value's sentence names together with the value's own, as one rule of them all
    (``就业困难人员享受社会保险补贴和岗位补贴的期限最长不超过三年``: the period of both); empty when it names its own
    alone, or names the others with numbers of their own (``3年五项社保补贴和1年岗位补贴``)."""
    own = q.benefit_id or _named(q.benefit or "")
    if own is None:
        return frozenset()
    start, end = q.evidence.span
    lo = max((text.rfind(c, max(0, start - 200), start) for c in _SENTENCE), default=-1) + 1
    hi = min((i for i in (text.find(c, end, end + 200) for c in _SENTENCE) if i >= 0), default=min(len(text), end + 200))
    hits = list(benefits().find(text, lo, hi))
    runs: list[list[tuple[int, int, str]]] = []
    for hit in hits:
        if runs and _JOINED.fullmatch(text, runs[-1][-1][1], hit[0]):
            runs[-1].append(hit)
        else:
            runs.append([hit])
    for run in runs:
        ids = {b for _, _, b in run}
        if len(ids) > 1 and own in ids and not _DIGITS.search(text, run[0][0], run[-1][1]):
            aside = next((m for m in _ASIDE.finditer(text, end, hi) if m.start() <= run[0][0] < m.end()), None)
            if aside is not None and not _granted_outside(text, start, ids - {own}):
                continue  # named in an aside after the number (以…享受社会保险补贴和公益性岗位补贴时年龄为准) only
            return frozenset(ids)
    return frozenset()


_ASIDE = regex.compile(r"[（(][^（）()]*[）)]")


def _granted_outside(text: str, start: int, others: set[str]) -> bool:
    """Are the benefits ``others`` each named on the line (paragraph) of ``start`` outside brackets?"""
    lo, hi = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    hi = len(text) if hi < 0 else hi
    asides = [m.span() for m in _ASIDE.finditer(text, lo, hi)]
    named = {b for a, _, b in benefits().find(text, lo, hi) if not any(x <= a < y for x, y in asides)}
    return others <= named
