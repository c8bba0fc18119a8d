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

import regex

from ..extract.taxonomy import groups
from ..records import Quantity
from ._compare_rules import compare_rules
from ._marks import _AUDIENCE as _AUDIENCE
from ._marks import _CLAUSE_START as _CLAUSE_START
from ._marks import _DIGIT as _DIGIT
from ._marks import _DISTRIBUTES as _DISTRIBUTES
from ._marks import _GRANTS as _GRANTS
from ._marks import _PHRASE_END as _PHRASE_END
from ._marks import _SENTENCE_START as _SENTENCE_START
from ._marks import _WORKED as _WORKED
from ._marks import _groups_in as _groups_in
from ._marks import _marks as _marks
from ._marks import _Words as _Words
from ._rule import _CONDITION_END as _CONDITION_END
from ._rule import _COORDINATED, _PAYER, _REST, SENTENCE_REACH, _clause, _item_start, _runs, _subject, most_specific
from ._rule import _condition_before as _condition_before
from ._rule import _own_rule as _own_rule
from ._rule import in_condition as in_condition
from ._rule import rule_recipients as rule_recipients
from ._rule import rule_span as rule_span
from ._terms import case_groups, granted_to, item_subject, sentence_subject, terms_recipients
from .benefit_of import paid_part

_SPACES = regex.compile(r"[ \u3000]+")
_QUALIFIER_GAP = regex.compile(r"[\p{Han} \u3000]{0,6}[“\"]?")
"""What may stand between a window or age and the group it qualifies (``离校2年内未就业高校毕业生``,
``35 周岁以下的硕士研究生``, ``落户5年内“海河英才”``): a few words, no punctuation but the quote of a name."""
QUALIFIED = ("duration", "age", "count")


def qualified(text: str, start: int, end: int) -> str | None:
    """The group a window or age at ``text[start:end]`` is part of the name of: a group whose name holds it
    (``毕业三年内的本科和技工院校预备技师（技师）班毕业生``), else the group printed right after it
    (``离校2年内未就业高校毕业生``, ``35 周岁以下的硕士研究生``); read without the layout spaces of a PDF's text
    (``离校 2 年内未就业的高校毕业生`` is the name ``离校2年内未就业的高校毕业生``)."""
    lo, hi = max(0, start - 30), min(len(text), end + 30)
    window = text[lo:hi]
    if " " in window or "\u3000" in window:
        flat, at = _unspaced(window)  # at[i]: where flat[i] is in window
        a = bisect.bisect_left(at, start - lo)
        b = bisect.bisect_left(at, end - lo)
        return _qualified_in(flat, a, b)
    return _qualified_in(text, start, end, lo, hi)


def _unspaced(window: str) -> tuple[str, list[int]]:
    """``window`` without spaces, and for each character left its offset in ``window``."""
    at = [i for i, c in enumerate(window) if c not in " \u3000"]
    return "".join(window[i] for i in at), at


def _qualified_in(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> str | None:
    for s, e, gid in groups().find(text, lo, len(text) if hi is None else hi):
        if s <= start and end <= e:
            return gid
        if s >= end:  # a gloss in brackets may stand between (退役1年以内（上年度9月1日以后退役）退役军人)
            if _PAYER.match(text, e):  # a giver (2年内可享受财政部门给予的…贴息): no group the window qualifies
                return _named_qualifier(text, start, end)
            return gid if _QUALIFIER_GAP.fullmatch(_ASIDE.sub("", text[end:s])) else _named_qualifier(text, start, end)
    return _named_qualifier(text, start, end)


_ASIDE = regex.compile(r"[（(][^（）()]*[）)]")


_TERM_START = regex.compile(r"[，,、；;。：:（）()\n]")
_TERM_END = regex.compile(r"是指|系指|[，,、；;。：:（）()]|$")
HEAD_GAP = 8  # the modifier a name may print before its head (离校2年内未就业的台湾高校毕业生)


@functools.cache
def _qualifier_names() -> tuple[tuple[str, str], ...]:
    """Every group synonym that prints a window or age (``离校2年内未就业的高校毕业生``), with its id."""
    return tuple((syn, e.id) for e in groups().entries.values() for syn in e.synonyms
                 if regex.search(r"\d|[一二两三四五六七八九十]+(?:年|个月|周岁|岁)", syn))


def _named_qualifier(text: str, start: int, end: int) -> str | None:
    """The group whose name the window or age at ``start`` opens when the text prints that name's qualifier as a
    term (``离校两年内未就业是指…``) or with a modifier before its head (``离校2年内未就业的台湾高校毕业生``): a synonym
    that starts as the number's phrase does and goes on as the text does up to the term's end, or up to a head the
    text prints a few characters on."""
    lo = max((m.end() for m in _TERM_START.finditer(text, max(0, start - 20), start)), default=max(0, start - 20))
    head = text[lo:end]
    if len(head) < 3:
        return None
    rest = text[end : end + 40]
    best: tuple[int, str] | None = None
    for syn, gid in _qualifier_names():
        if not syn.startswith(head):
            continue
        tail = syn[len(head):]
        c = next((i for i, (x, y) in enumerate(zip(rest, tail, strict=False)) if x != y), min(len(rest), len(tail)))
        if c < 2 or c == len(tail):
            continue  # the whole name is printed: a group the scan finds
        ends = _TERM_END.match(rest, c) is not None  # 离校两年内未就业|是指
        headed = len(tail) - c >= 2 and tail[c:].lstrip("的") in rest[c : c + HEAD_GAP + len(tail)]  # …的|台湾|高校毕业生
        if (ends or headed) and (best is None or c > best[0]):
            best = (c, gid)
    return best[1] if best else None


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
        lead = regex.split(r"[。！？!?]", line)[-1]  # its last sentence (…由…银行业金融机构发放…。…贷款额度如下:)
        return "title", [g for _, _, g in groups().find(lead)]
    return ("item", []) if line.endswith(("。", "；", ";")) else ("stop", [])




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

    1. for a window or age, the group it qualifies (``qualified``: ``离校 2 年内未就业的高校毕业生``, ``退役1年以内（…）
       退役军人``), before the phrase the list reading gave it;
    2. the one group phrase the list reading gave it (``个人创业、合伙经营或组织起来创业的、小微企业…分别…20万元、150万元、
       300万元``: 150万元 is 合伙经营或组织起来创业's), when that phrase is printed before the number; for a count, the
       group it qualifies;
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
    if q.kind in ("duration", "age") and (gid := qualified(text, start, q.evidence.span[1])) is not None:
        return [*_shared_head(text, start, gid)]  # 离校 2 年内未就业的高校毕业生, 退役1年以内（…）退役军人: the name it qualifies
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


def _recipient(gid: str) -> bool:
    """Is the group one that receives a benefit's values (no bank or department: ``not_recipients``)?"""
    held = compare_rules().not_recipients
    return gid not in held and not held & set(groups().ancestors(gid))


TITLED_REACH = 400  # characters of a number's line read on either side of it for the recipients it names


def _titled(text: str, start: int) -> list[str]:
    """For a number of a line that names no recipient, the recipients the title line of its list names (邯郸's
    ``小微企业创业担保贷款和贴息标准`` above ``1.【贷款额度】:贷款额度最高不超过400万元。``: the small firm's cap); else none."""
    titled = [g for g in title_groups(text, start) if _recipient(g)]  # read once a line (title_groups' cache)
    if not titled:
        return []
    # the number's own line, within TITLED_REACH characters of it (a line of a whole text: linear time)
    lo = max(_marks(text).line_before(start) + 1, start - TITLED_REACH)
    hi = text.find("\n", start, start + TITLED_REACH)
    if any(_recipient(g) for _, _, g in groups().find(text, lo, min(len(text), start + TITLED_REACH) if hi < 0 else hi)):
        return []
    return most_specific(titled)


_CLAUSE_MARKS = "，,；;：:。！？!?"
REFERRED_CLAUSES = 8  # clauses read back for the recipients a back reference (他们) refers to


def _opens(text: str, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    """Does ``text[lo:hi]`` open with one of ``words``, after its spaces and a condition word (``如果他们``)?"""
    head = text[lo:hi].lstrip(" \u3000")
    cond = next((w for w in compare_rules().conditionals if head.startswith(w)), "")
    return head[len(cond):].lstrip(" \u3000").startswith(words)


def _referred(text: str, start: int) -> list[str]:
    """For a number of a clause that names no recipient and refers back to them (``back_references``: ``如果他们支付
    社会保障,他们将获得长达一年的社会保障补贴``), or of the sentence the next one refers back to (``…,将签订一年以上的劳动
    合同。如果他们…``), the recipients of the nearest clause before it on its line that names some (``计划小微企业和家庭服务
    企业如果在毕业年份招用大学毕业生…``: the hired graduates are the verb's object), within ``TITLED_REACH`` characters
    and ``REFERRED_CLAUSES`` clauses; else none."""
    words = compare_rules().back_references
    if not words:
        return []
    lo = max(_marks(text).line_before(start) + 1, start - TITLED_REACH)
    clause = max(lo - 1, *(text.rfind(c, lo, start) for c in _CLAUSE_MARKS)) + 1
    stops = [i for i in (text.find(c, start, start + TITLED_REACH) for c in "。！？!?\n") if i >= 0]
    end = min(stops, default=-1)
    if not _opens(text, clause, start, words) and not (
            end >= 0 and text[end] != "\n" and _opens(text, end + 1, min(len(text), end + 1 + TITLED_REACH), words)):
        return []
    hi = clause - 1
    for _ in range(REFERRED_CLAUSES):
        if hi < lo:
            return []
        begin = max(lo - 1, *(text.rfind(c, lo, hi) for c in _CLAUSE_MARKS)) + 1
        if not _opens(text, begin, hi, words) and (own := [g for g in _subject(text, begin, hi) if _recipient(g)]):
            return most_specific(own)
        hi = begin - 1
    return []


EACH_REACH = 16  # characters between a value and the 分别给予 of its payees


@functools.cache
def _each() -> regex.Pattern[str]:
    """``分别给予`` a firm and a person (``each_firms``, ``each_persons``), after the value's unit and ``的标准``."""
    rules = compare_rules()
    words = "|".join(sorted((*rules.each_firms, *rules.each_persons), key=len, reverse=True)) or "(?!)"
    return regex.compile(r"(?:/人|/户)?[ \u3000]*的?[ \u3000]*(?:标准)?[ \u3000]*分别(?:给予|发放给|发放|奖励|补贴)[ \u3000]*"
                         rf"(?P<a>{words})[ \u3000]*(?:和|及|与|、)[ \u3000]*(?P<b>{words})")


def _each_payee(text: str, end: int) -> list[str]:
    """For a value followed by ``分别给予`` a firm and a person (``按1000元/人的标准分别给予企业和个人一次性就业补贴``), the
    firm its sentence names first and the person it names last before it (``中小微企业招用毕业年度或离校2年内未就业高校
    毕业生…``); else none."""
    rules = compare_rules()
    m = _each().match(text, end, min(len(text), end + EACH_REACH + 12))
    if m is None or not ({m.group("a"), m.group("b")} & set(rules.each_firms)
                         and {m.group("a"), m.group("b")} & set(rules.each_persons)):
        return []
    lo = max(_marks(text).line_before(end) + 1, end - TITLED_REACH)
    lo = max(lo - 1, *(text.rfind(c, lo, end) for c in "。！？!?；;")) + 1
    tax = groups()
    hits = [g for _, _, g in tax.find(text, lo, end) if _recipient(g)]
    firm = next((g for g in hits if tax.entries[g].kind == "enterprise"), None)
    person = next((g for g in reversed(hits) if tax.entries[g].kind == "individual"), None)
    return [firm, person] if firm is not None and person is not None else []


def classes_of(q: Quantity, text: str) -> list[str | None]:
    """The recipient classes a value is for (``_classes_of``), those of its exception (``_exception``), the women when
    its rule opens with them (``_women``); on a list item's worked line (``补贴测算：对灵活就业人员按照…
    缴纳社会保险费的30%给予补贴``), the item's recipients (its 政策内容's) in place of no class or of persons named
    otherwise (灵活就业人员: the item's graduates as they work); a payee the line names that is no person (见习单位) stays."""
    exception = _exception(text, q.evidence.span[0])
    if exception is not None:
        return exception
    if each := _each_payee(text, q.evidence.span[1]):
        return [*each]
    found = _women(text, q.evidence.span[0], _classes_of(q, text))
    if found == [None] and q.kind == "money":
        found = [*applicants(text, q.evidence.span[0])] or found
    if found == [None]:
        found = [*_the_rest(text, q.evidence.span[0])] or [*terms_recipients(text, q.evidence.span[0])] or found
    if found == [None]:
        found = [*_titled(text, q.evidence.span[0])] or [*item_subject(text, q.evidence.span[0])] or found
    if found == [None]:
        found = [*sentence_subject(text, q.evidence.span[0])] or [*granted_to(text, q.evidence.span[0])] or found
    if found == [None]:
        found = [*case_groups(text, q.evidence.span[0])] or found
    if found == [None]:
        found = [*_referred(text, q.evidence.span[0])] or found
    if found == [None] and (payee := paid_part(text, q.evidence.span[0])) is not None and _recipient(payee):
        found = [payee]  # a part of a benefit the document pays to one group (…拨付给见习基地), restated in a form
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
