"""What the words around a number say: its bound, what it is counted per, a rate's base and cap, the benefit
and the groups it belongs to, and whether it is a policy parameter at all (or a statistic or a work target).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .find import Found

# Bound markers. Order matters: "不超过" must be read before "超过".
MAX_BEFORE = ("最高不超过", "最长不超过", "最多不超过", "不得超过", "不得高于", "不得多于", "不超过", "不高于", "不多于", "最高", "最长", "最多", "上限", "限额", "封顶",
              "至多", "低于", "少于", "不满", "不足", "近", "离校")
MIN_BEFORE = ("不低于", "不少于", "至少", "最少", "最低", "超过", "高于", "多于", "大于", "达到", "满")
# Markers that are part of a noun, not a bound: 最低工资, 最高人民法院; "每满8个学时" is a unit, not a floor.
_NOT_A_BOUND = regex.compile(r"最低(?=工资|生活)|最高(?=人民)|(?<=每)满|(?<=期)满")
MAX_AFTER = ("（含）以下", "(含)以下", "（不含）以下", "(不含)以下", "及以下", "以下", "以内", "之内", "内", "为限")
MIN_AFTER = ("（含）以上", "(含)以上", "（不含）以上", "(不含)以上", "及以上", "以上", "（含）", "(含)", "起")

# What an amount is counted per.
PER_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("每人每月", ("person", "month")), ("每人每年", ("person", "year")), ("每人每学时", ("person", "class_hour")),
    ("人均", ("person",)), ("每人", ("person",)), ("每名", ("person",)), ("每生", ("student",)),
    ("每户企业", ("enterprise",)), ("每家企业", ("enterprise",)), ("每个企业", ("enterprise",)), ("单户", ("enterprise",)),
    ("每家", ("enterprise",)), ("每户", ("household",)), ("每个项目", ("project",)), ("每个", ("unit",)),
    ("每月", ("month",)), ("按月", ("month",)), ("每年", ("year",)), ("每季度", ("quarter",)), ("每学时", ("class_hour",)),
    ("每次", ("time",)), ("每证", ("certificate",)),
)
# After the number: 元/人, 元/月, 元/人·月, 元/人/月, 元/户, "1500元每人".
PER_AFTER = ((r"^[ \u3000]*(?:/|每)[ \u3000]*人", "person"), (r"^[ \u3000]*/[ \u3000]*(?:人[·・/]?)?月", "month"),
             (r"^[ \u3000]*/[ \u3000]*(?:人[·・/]?)?年", "year"), (r"^[ \u3000]*/[ \u3000]*户", "household"))
_YEARLY = regex.compile(
    r"(?<![\d一二两三四五六七八九十当本上今明去全近业常])年(?:度(?=[\p{Han}]{0,8})|(?=[\p{Han}]{0,4}(?:补贴|收入|经营|销售|限额|营业|缴纳|奖补|出栏|存栏|吸纳)))"
)
# A rate's base: the noun phrase right before it ("按照当地最低工资标准的 70%").
_BASE_TRIGGERS = regex.compile(r"(?:按照|依照|按|给予|以|为|占|不超过|不低于|不高于|达到|提高到|提高至|降低到|降低至|下降为|下降到|超过|是)$")
_BENEFIT_TAIL = regex.compile(
    r"[ \u3000]*(?:的)?[ \u3000]*(?:标准)?[ \u3000]*(?:的)?(?:(?:给予|发放|享受|申请|予以|的)[ \u3000]*)?(?P<b>[\p{Han}“”]{0,14}(?:补贴|补助|奖励|奖补|奖金|贷款|津贴|贴息|补偿|生活费|返还|资助|经费|安家费))"
)
_BENEFIT_HEAD = regex.compile(r"(?P<b>[\p{Han}“”]{1,14}?(?:补贴|补助|奖励|奖补|奖金|贷款|津贴|贴息|补偿|返还|资助))(?!资金)(?:标准|额度|期限)?[\p{Han}]{0,6}$")
BENEFIT_WORD = regex.compile(r"[\p{Han}“”]{0,12}(?:补贴|补助|奖励|奖补|奖金|贷款|津贴|贴息|补偿|返还|资助|见习|培训)(?!资金)")
# Statistics and work targets: not rules.
STATISTIC_RE = regex.compile(r"共发放|已发放|累计(?:发放|带动|帮扶|建成|入孵|征集|培训|举办|完成|实现|吸纳|解决|减免|拨付|有)|截至目前|截止目前|共计|已(?:经)?(?:发放|帮扶|带动|建成|完成|举办|认定)|同比|实现了|获得省奖|获国奖|报名参加|孵化成功率")
TARGET_RE = regex.compile(r"力争|确保|目标|全年|全省|全市|培育|培养|带动(?:就业)?|(?<![\d一二两三])年内|年完成|新增|募集|开发[\p{Han}]{0,6}岗位|培训[\p{Han}]{0,6}人次|引进[\p{Han}]{0,6}人才|打造|建成|建设[\p{Han}]{0,4}(?:个|家)|推荐[\p{Han}]{0,4}(?:个|家)|评选|选树|举办|组织[\p{Han}]{0,6}(?:场|次)|覆盖|不少于[\p{Han}]{0,4}(?:场|次)")
CLAUSE_END = "，,；;。！？\n：:"
SENTENCE_END = "；;。！？\n"


@dataclass(slots=True)
class Context:
    """The attributes of one number read from its context."""

    found: Found
    bound: str = "exact"
    bound_words: list[str] = field(default_factory=list)
    per: list[str] = field(default_factory=list)
    base: str | None = None
    cap: float | None = None
    benefit: tuple[int, int, str] | None = None  # span and taxonomy id of the benefit's name
    benefit_text: str | None = None
    groups: list[tuple[int, int, str]] = field(default_factory=list)
    role: str = "parameter"
    doubt: bool = False


def clause_bounds(text: str, a: int, b: int, ends: str = CLAUSE_END) -> tuple[int, int]:
    """The clause (between punctuation) around ``text[a:b]``."""
    s = a
    while s > 0 and text[s - 1] not in ends:
        s -= 1
    e = b
    while e < len(text) and text[e] not in ends:
        e += 1
    return s, e


def _bound(text: str, f: Found, clause_start: int, prev_end: int) -> tuple[str, list[str]]:
    if f.value_max is not None:
        return "range", []
    pre = text[max(clause_start, prev_end, f.start - 12) : f.start]
    pre = regex.sub(r"[ \u3000]", "", pre)
    post = regex.sub(r"^[ \u3000]+", "", text[f.end : f.end + 8])
    for w in MAX_AFTER:
        if post.startswith(w) and not (w == "内" and f.kind in ("money", "percent", "count")):
            return "max", [w]
    for w in MIN_AFTER:
        if post.startswith(w):
            if w in ("（含）", "(含)") and post[len(w):].lstrip().startswith("以下"):
                return "max", [w + "以下"]
            return "min", [w]
    best: tuple[int, int, str, str] | None = None  # end, length, bound, word: the last marker wins, then the longest
    for bound, words in (("max", MAX_BEFORE), ("min", MIN_BEFORE)):
        for w in words:
            i = pre.rfind(w)
            if i < 0 or _NOT_A_BOUND.match(pre, i) or (w == "近" and f.kind != "duration"):
                continue
            if w in ("超过", "高于", "低于", "少于", "满", "足") and (pre[max(0, i - 1) : i] == "不" or pre[max(0, i - 2) : i] == "不得"):
                continue
            key = (i + len(w), len(w), bound, w)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is not None:
        return best[2], [best[3]]
    return "exact", []


_SUBJECT = {"person", "enterprise", "household", "student", "project", "unit", "certificate"}


def _per(text: str, f: Found, clause_start: int, clause_end: int) -> list[str]:
    """What the number is counted per: the nearest subject marker (每人, 每家企业…) and the nearest period
    marker (每月, 每年…) before it in its clause; for a duration, count or rate only markers right before it."""
    near = 6 if f.kind in ("duration", "age", "percent") else 10_000
    pre_start = max(clause_start, f.start - near)
    pre = text[pre_start : f.start]
    subject: tuple[int, tuple[str, ...]] | None = None
    period: tuple[int, tuple[str, ...]] | None = None
    for marker, values in PER_MARKERS:
        i = pre.rfind(marker)
        if i < 0:
            continue
        subj = tuple(v for v in values if v in _SUBJECT)
        per = tuple(v for v in values if v not in _SUBJECT)
        if subj and (subject is None or i > subject[0]):
            subject = (i, subj)
        if per and (period is None or i > period[0]):
            period = (i, per)
    out = list((subject[1] if subject else ()) + (period[1] if period else ()))
    if f.kind in ("money", "count") and "year" not in out and _YEARLY.search(text[max(clause_start, f.start - 16) : f.start]):
        out.append("year")
    for pat, v in PER_AFTER:
        if regex.match(pat, text[f.end : f.end + 6]) and v not in out:
            out.append(v)
    if f.kind == "money":
        if "一次性" in text[clause_start:clause_end]:
            out.append("one_off")
    return out


def _base(text: str, f: Found, clause_start: int) -> str | None:
    if f.base_hint:
        return f.base_hint
    pre = text[clause_start : f.start].rstrip(" \u3000")
    pre = pre[:-1] if pre.endswith("的") else pre
    m = regex.search(r"([\p{Han}“”（）()]{2,16})$", pre)
    if m is None:
        return None
    after_number = m.start() > 0 and pre[m.start() - 1].isdigit()
    phrase = m.group(1)
    # a threshold names its measure before the bound word: "留用率超过70%" -> 留用率
    while (t := _BASE_TRIGGERS.search(phrase)) is not None and t.start() > 0:
        phrase = phrase[: t.start()]
    if _BASE_TRIGGERS.search(phrase):
        return None
    # cut at the last trigger word inside the phrase
    for k in range(len(phrase) - 2, -1, -1):
        if _BASE_TRIGGERS.search(phrase[: k + 1]) and k + 1 < len(phrase):
            phrase = phrase[k + 1 :]
            after_number = False
            break
    if after_number:
        return None  # "超过100人的企业下降为8%": the words right after a number are no base
    phrase = regex.sub(r"^(?:的|其)+", "", phrase)
    if len(phrase) < 2 or regex.search(r"(?:提高|降低|下降|补贴|给予)$", phrase):
        return None
    return phrase


_GIVES = regex.compile(r"给予|补贴|补助|奖励|奖补|奖金|资助|贷款|贴息|额度|标准|发放|申请|享受|返还|减免|缓缴|补偿")


_SCORING = regex.compile(r"评分|分值|得分|\(\d+分\)|（\d+分）")


def _in_scoring_table(text: str, f: Found) -> bool:
    """A number in a table row of a scoring sheet (评分标准, 分值): a criterion of the sheet, not a rule."""
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
    return bool(_SCORING.search(text[block_start : le if le >= 0 else len(text)]))


def _role(text: str, f: Found, sent_start: int, sent_end: int) -> str:
    sent = text[sent_start:sent_end]
    if _in_scoring_table(text, f):
        return "scoring"
    before = text[sent_start : f.start]
    if STATISTIC_RE.search(sent) and not regex.search(r"给予|补贴标准|可申请|按照", before):
        return "statistic"
    if f.kind == "money" and (_GIVES.search(before[-16:]) or _GIVES.search(text[f.end : min(sent_end, f.end + 48)])):
        return "parameter"  # an amount in a sentence that gives it: "按照…每人每年5000元、…的标准给予补贴"
    if f.kind == "percent" and regex.search(r"不低于|不少于|以上|以下|不超过|不高于|达到|超过|至少", text[max(sent_start, f.start - 10) : f.end + 6]):
        return "parameter"
    if f.kind in ("count", "money", "percent") and TARGET_RE.search(before[-30:]):
        after = text[f.end : f.end + 12]
        is_condition = regex.match(r"[ \u3000]*(?:（含）|\(含\))?[ \u3000]*(?:以上|以下|及以上)?[ \u3000]*的", after)
        if not is_condition and not regex.search(r"对[\p{Han}]{0,20}$|符合|达到[\p{Han}]{0,6}$", before[-25:]):
            return "target"
    if f.kind == "count":
        after = text[f.end : f.end + 14]
        # an eligibility threshold: "超过100人的企业", "30人（含）以下的参保企业", "吸纳…10人以上（含10人）的"
        cond = regex.match(r"[ \u3000]*(?:（含[^）]*）|\(含[^)]*\))?[ \u3000]*(?:以上|以下|及以上|及以下)?[ \u3000]*(?:（含[^）]*）|\(含[^)]*\))?[ \u3000]*的", after)
        clause_start = max(sent_start, text.rfind("，", 0, f.start) + 1)
        clause_end = min((i for i in (text.find(c, f.end) for c in "，。；\n") if i >= 0), default=len(text))
        bounded = regex.search(r"超过|不少于|不低于|至少|达到|满|少于|不足|低于|以上|以下|（含）", text[max(clause_start, f.start - 8) : min(clause_end, f.end + 8)])
        service = regex.search(r"每人|为每名|为每位|每户", before[-14:])
        planned = regex.search(r"规模|任务|目标|计划", text[clause_start : f.start])
        repeated = text[f.end - 1] == "次"  # a service delivered so many times: "提供1次职业指导"
        # how often officials do a task ("每月至少进行一次走访") is a work standard, not a rule about benefits
        if repeated and regex.search(r"每(?:半个?)?[月年周日天季]|每季度", text[clause_start : f.start]) and not regex.search(
            r"享受|补贴|申请|贷款|领取", text[clause_start:clause_end]
        ):
            return "target"
        if text[f.start : f.end].endswith("人次") and not cond:
            return "target"  # trainings and services delivered: "培训…5万人次"
        if planned or not (cond or service or bounded or repeated):
            return "target"
    return "parameter"


Hit = tuple[int, int, str]


def annotate(text: str, found: list[Found], group_hits: list[Hit], benefit_hits: list[Hit]) -> list[Context]:
    """Read the context of every number found in ``text``, given the group and benefit mentions in it."""
    out: list[Context] = []
    prev_end = 0
    for f in found:
        if f.kind == "date":
            out.append(Context(f))
            continue
        cs, ce = clause_bounds(text, f.start, f.end)
        ss, se = clause_bounds(text, f.start, f.end, SENTENCE_END)
        c = Context(f, doubt=f.doubt or f.approximate)
        c.bound, c.bound_words = _bound(text, f, cs, prev_end)
        c.per = _per(text, f, cs, ce)
        if f.kind == "percent":
            c.base = _base(text, f, cs)
        m = _BENEFIT_TAIL.match(text, f.end, min(len(text), f.end + 24))
        if m and f.kind in ("money", "percent", "duration"):
            c.benefit_text = regex.sub(r"^(?:[一二两三四五六七八九十\d]+(?:年|个月))+", "", m.group("b")) or m.group("b")
        else:
            mh = _BENEFIT_HEAD.search(text[max(ss, f.start - 30) : f.start])
            if mh:
                c.benefit_text = mh.group("b")
        after = [h for h in benefit_hits if f.end <= h[0] < se]
        before = [h for h in benefit_hits if ss <= h[0] and h[1] <= f.start]
        if after or before:
            c.benefit = after[0] if after else before[-1]
        c.groups = _qualified_group(text, f, cs, group_hits) or [h for h in group_hits if ss <= h[0] and h[1] <= f.start] or [
            h for h in group_hits if f.end <= h[0] < se
        ][:1]
        c.role = _role(text, f, ss, se)
        out.append(c)
        prev_end = f.end
    _share_across_lists(text, out)
    _share_benefit_backwards(text, out)
    _distribute(text, out)
    _caps(text, out)
    return out


def _qualified_group(text: str, f: Found, clause_start: int, hits: list[Hit]) -> list[Hit]:
    """A window, age or threshold that qualifies the group named right after it is part of that group's name:
    ``离校2年内未就业高校毕业生``, ``35周岁以下的硕士研究生``, ``登记失业半年以上人员``."""
    if f.kind not in ("duration", "age", "count"):
        return []
    after = next((h for h in hits if f.end <= h[0] <= f.end + 10), None)
    if after is None or regex.search(r"[，。；：,;:、（）()]", text[f.end : after[0]]):
        return []
    start = f.start
    while start > clause_start and f.start - start < 6 and regex.match(r"\p{Han}", text[start - 1]) and text[start - 1] not in "的对和或及与为给":
        start -= 1
    return [(start, after[1], after[2])]


def _share_benefit_backwards(text: str, items: list[Context]) -> None:
    """``2万元和1万元奖金``: the benefit named after the last item of a list belongs to every item."""
    for k in range(len(items) - 2, -1, -1):
        a, b = items[k], items[k + 1]
        if a.found.kind == b.found.kind and a.benefit_text is None and b.benefit_text and regex.fullmatch(
            r"[ \u3000]*(?:元)?[ \u3000]*[、和或及与][ \u3000]*", text[a.found.end : b.found.start]
        ):
            a.benefit_text = b.benefit_text


def _share_across_lists(text: str, items: list[Context]) -> None:
    """``最高不超过20万元、150万元、300万元``: later items of a list take the first one's bound and per."""
    for k in range(1, len(items)):
        a, b = items[k - 1], items[k]
        if a.found.kind != b.found.kind or a.found.kind == "date":
            continue
        gap = text[a.found.end : b.found.start]
        if not regex.fullmatch(r"[ \u3000]*(?:的标准)?[ \u3000]*[、和或及与，,][ \u3000]*", gap):
            continue
        if b.bound == "exact" and a.bound in ("max", "min") and a.bound_words and a.bound_words[0] not in MIN_AFTER + MAX_AFTER:
            b.bound, b.bound_words = a.bound, list(a.bound_words)
        if not b.per:
            b.per = list(a.per)
        elif a.found.kind == "money":
            b.per = list(dict.fromkeys(a.per + b.per))
        if b.base is None:
            b.base = a.base
        if b.role == "target" and a.role == "parameter":
            b.role = "parameter"


def _enumeration(text: str, start: int, end: int, k: int) -> list[tuple[int, int]] | None:
    """The last enumeration of exactly ``k`` items in ``text[start:end]``: split a clause on 、 first, then also
    on 和/或/及/与. Items keep their wording, less a leading 对/对于 and a trailing 的."""
    clauses = [(m.start(), m.end()) for m in regex.finditer(r"[^，,；;：:]+", text[start:end])]
    for cs, ce in reversed(clauses):
        clause = text[start + cs : start + ce]
        for sep in (r"、", r"[、和或及与]"):
            pieces = [(m.start(), m.end()) for m in regex.finditer(rf"[^{sep[1:-1] if sep.startswith('[') else sep}]+", clause)]
            if sep == "、" and len(pieces) > k:
                pieces = pieces[-k:]  # "…工作、35岁以下、…的博士研究生、硕士研究生、本科毕业生": the last k are the items
            if len(pieces) != k:
                continue
            out = []
            last_cut = regex.search(r"(?<=..)(?:可申请|可|给予|按照|按|发放|享受|申请|最高|不超过|每人|分别)", clause[pieces[-1][0] :])
            if last_cut:
                pieces[-1] = (pieces[-1][0], pieces[-1][0] + last_cut.start())
            for ps, pe in pieces:
                item = clause[ps:pe]
                lead = len(item) - len(regex.sub(r"^[ \u3000]*(?:对于|对|向|为|给)?", "", item))
                trail = len(item) - len(regex.sub(r"的?[ \u3000]*$", "", item))
                out.append((start + cs + ps + lead, start + cs + pe - trail))
            if all(b - a >= 2 for a, b in out):
                return out
    return None


def _distribute(text: str, items: list[Context]) -> None:
    """``分别`` and parallel lists: k numbers in a list after an enumeration of k groups give each number its
    own group, in order (``中华技能大奖和全国技术能手…一次性给予2万元和1万元``)."""
    k = 0
    while k < len(items):
        run = [items[k]]
        while k + len(run) < len(items):
            a, b = run[-1], items[k + len(run)]
            if a.found.kind != b.found.kind or not regex.fullmatch(r"[ \u3000]*(?:元)?[ \u3000]*[、和或及与][ \u3000]*", text[a.found.end : b.found.start]):
                break
            run.append(b)
        if len(run) >= 2:
            ss, _ = clause_bounds(text, run[0].found.start, run[0].found.end, SENTENCE_END)
            spans = _enumeration(text, ss, run[0].found.start, len(run))
            if spans is not None:
                for item, (start, end) in zip(run, spans, strict=True):
                    item.groups = [(start, end, item.groups[0][2] if item.groups else "")]
        k += len(run)


def _caps(text: str, items: list[Context]) -> None:
    """A rate followed in its sentence by a money cap (``50%…最高限额1万元``) carries the cap."""
    for k, c in enumerate(items):
        if c.found.kind != "percent":
            continue
        _, se = clause_bounds(text, c.found.start, c.found.end, SENTENCE_END)
        for d in items[k + 1 :]:
            if d.found.start >= se:
                break
            if d.found.kind == "money" and d.bound == "max" and d.found.value is not None:
                c.cap = float(d.found.value)
                break
