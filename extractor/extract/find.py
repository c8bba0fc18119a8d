"""Find number expressions in text and give each its kind and normalized value (no context yet).

``find_quantities(text)`` returns ``Found`` items: a span, a kind (money, percent, duration, age, count, date)
and a value, with approximate expressions flagged. Calendar dates, 文号, phone numbers and ordinals are found
first and blocked, so that ``2023年`` is a date, not three years, and ``豫政办〔2023〕17号`` yields nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TypeGuard

import regex

from ..records.vocab import UNITS, QuantityKind, Unit
from ..text.numerals import parse_age, parse_approx, parse_duration, parse_money, parse_number, parse_percent
from ..text.patterns import DOC_NUMBER_RE
from ._anchor import drop_restated_anchors
from ._cells import column_unit_cells, row_unit_cells
from ._found import Found as Found  # named here: the type find_quantities returns
from .rules import alternation, context_rules

_WORDS = context_rules().find  # the vocabulary of the grammar below: data/context_rules.yaml, find

# Arabic numbers: 1500, 1,500 and 1，500, 1 500 (a space between thousands, before a unit of money), 1.5
# Every unbounded run of numeral characters (``\d+``, ``[一二…十]+``) starts where such a run starts (a lookbehind
# on its own class): a match from inside a run is a match from its start with a shorter run, so the regex engine
# tried it there already; without the lookbehind it tries again at every character, and a run of n digits costs
# n² steps (``'1'*8192`` took 43 s). The thousands groups start after no "digit and separator" for the same reason.
_AR = (
    r"(?<!\d|\d[,，])\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|(?<!\d|\d[ \u3000])\d{1,3}(?:[ \u3000]\d{3})+(?=[ \u3000]*[万亿千]?[ \u3000]*元)"
    r"|(?<!\d)\d+(?:\.\d+)?"
)


def _run(chars: str) -> str:
    """One or more of ``chars``, starting where a run of them starts."""
    return rf"(?<![{chars}])[{chars}]+"


_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CN = _run(_CN_CHARS) + r"(?:点[零〇一二三四五六七八九]+)?"
_D10 = _run("一二两三四五六七八九十")  # 一 to 十, with 两
_D10_NO_LIANG = _run("一二三四五六七八九十")
_D100 = _run("一二两三四五六七八九十百")
_D10K = _run("一二两三四五六七八九十百千万")
_NUM = rf"(?:{_AR}[ \u3000]*[万亿千]?|{_CN})"
_APPROX = rf"(?:{_D10}几|几十|数十|数百|数千|十几|二十几|三十几|两三|三四|四五|五六|上百|上千|上万)"
_COUNT_WORDS = alternation(_WORDS.count_units)  # what a count counts, besides 次 (times)
_MEASURE_WORDS = alternation(_WORDS.measure_units)  # a measured threshold: 五亩以上, 一百吨以上
# compiled once: ``regex.sub(pattern, …)`` looks its pattern up in the regex module's cache, about 5 µs a call
_SPACES, _DIGIT, _GLUED, _SPACED_TAIL = (regex.compile(p) for p in (r"[ \u3000]+", r"\d", r"[\dA-Za-z.]", r"\d[ \u3000]+$"))
_COUNT_TAIL, _MEASURE_TAIL = regex.compile(rf"(?:{_COUNT_WORDS}|次)$"), regex.compile(rf"(?:{_MEASURE_WORDS}|份)$")
_RANGE_DASH, _RANGE_WORD, _UNIT_SIGN = (regex.compile(p) for p in (r"起?[—\-－–~～至到]", r"[至到—\-]", r"[元%％岁]"))
_RESTATING = regex.compile(r"[（(](?:不?含|不?包括)[ \u3000]*$")
_MEASURE_BOUNDS = alternation(_WORDS.measure_bounds)  # or after its bound word: 不少于三百五十平方米, 最多不得超过400毫升
# the bound word after a measure, maybe a bracket saying its end is in between (九平方米（含）以下)
_MEASURE_AFTER = rf"(?=[ \u3000]*(?:[（(]不?含[^（()）\n]{{0,12}}[）)][ \u3000]*)?(?:{alternation(_WORDS.measure_bounds_after)}))"
_MEASURE_NOUNS = alternation(_WORDS.measure_nouns)  # or after the noun it measures: 人均使用面积12平方米
_DASH = r"[-－—–~～至到]"
_TIMES_COMPOUND = alternation(_WORDS.times_compounds)  # 二次供水: a noun, not a number of times
_POINTS_RATE = regex.compile(rf"[ \u3000]*(?:{alternation(_WORDS.points_before)})[ \u3000]*[\d一二三四五六七八九十]")
# 加20分, 积3分, 达到30分: points of a points system; in Chinese numerals only after a word that awards them
_SCORE = (
    rf"(?<!第|[时点][ \u3000]*)(?:{_AR}|(?<=(?:{alternation(_WORDS.points_before)})[ \u3000]*){_D100})"
    rf"[ \u3000]*分(?!{alternation(_WORDS.points_not_after)})"
)
# 第一至四项, 第三、四项: the numbers of cited items, not a count
_CITED = r"(?<!第[\d一二三四五六七八九十百]{1,4}[ \u3000]*[至到、－-][ \u3000]*)"

# "A以上B以下" across two clauses of one range: 处二千元以上一万元以下的罚款, 五日以上十日以下, 一倍以上三倍以下
_SPAN = r"[ \u3000]*以上[ \u3000]*[、，,]?[ \u3000]*"
_SMALL = rf"(?:(?<!\d)\d+(?:\.\d+)?|{_D10})"
# between the two ends of one band: 以上不满, 及其以上，低于, 年满70周岁、不满80周岁 (or nothing: 满16周岁不满18周岁)
_BAND_GAP = r"(?:及其以上|及以上|以上)?[ \u3000]*[，,、]?[ \u3000]*(?:不足|不满|未满|低于)[ \u3000]*"

PATTERNS: tuple[tuple[str, str], ...] = (
    ("money_span", rf"(?P<a>{_NUM})[ \u3000]*(?:元)?{_SPAN}(?P<b>{_NUM})[ \u3000]*元[ \u3000]*以下"),
    # 6万元以上至14万元, 6万元＜基本医保范围内费用≤14万元: the lower end, then the upper one, of one band
    ("money_span_to", rf"(?P<a>{_NUM})[ \u3000]*元[ \u3000]*(?:以上[ \u3000]*[至到]|[＜<][^，。；\n≤≦]{{0,16}}[≤≦])[ \u3000]*(?P<b>{_NUM})[ \u3000]*元"),
    ("duration_span", rf"(?<!第)(?P<a>{_SMALL})[ \u3000]*(?P<au>个月|年|日|天)?{_SPAN}(?P<b>{_SMALL})[ \u3000]*(?P<u>个月|年|日|天)[ \u3000]*以下"),
    ("times_span", rf"(?P<a>{_SMALL})[ \u3000]*倍{_SPAN}(?P<b>{_SMALL})[ \u3000]*倍[ \u3000]*以下"),
    # 处违法所得百分之五十以上百分之八十以下, 应付金额百分之五十以上一倍以下, 10%以上30%以下: one range of a rate
    ("percent_span", rf"(?:百分之(?P<a>{_CN})|(?P<aa>\d{{1,3}}(?:\.\d+)?)[ \u3000]*[%％]){_SPAN}"
                     rf"(?:百分之(?P<b>{_CN})|(?P<bb>\d{{1,3}}(?:\.\d+)?)[ \u3000]*[%％]|(?P<t>{_SMALL})[ \u3000]*倍)[ \u3000]*以下"),
    # 满一年不足两年, 满五年不满七年: a band of one range whose upper end the second clause gives (issue 9)
    ("duration_band", rf"(?<!第)(?:满|超过)[ \u3000]*(?P<a>{_SMALL})[ \u3000]*(?P<au>个月|年)?[ \u3000]*[，,]?[ \u3000]*(?:不足|不满|未满)[ \u3000]*(?P<b>{_SMALL})[ \u3000]*(?P<u>个月|年)"),
    # 满16周岁不满18周岁, 六十周岁以上不满七十周岁; 十万元以上不满二十万元: the two ends of one band (issue 9)
    # (A及其以上，低于B: across a comma)
    ("age_band", rf"(?P<a>\d{{1,3}}|{_CN})[ \u3000]*周?岁[ \u3000]*{_BAND_GAP}(?P<b>\d{{1,3}}|{_CN})[ \u3000]*周?岁"),
    # 在18周岁以上，60周岁以下; 年龄在25周岁以上、不超过60周岁: both ends of one age range, across a comma
    ("age_span", rf"(?P<a>\d{{1,3}}|{_CN})[ \u3000]*周?岁{_SPAN}(?:不超过[ \u3000]*(?P<b>\d{{1,3}}|{_CN})[ \u3000]*周?岁"
                 rf"|(?P<b>\d{{1,3}}|{_CN})[ \u3000]*周?岁[ \u3000]*以下)"),
    ("money_band", rf"(?P<a>{_NUM})[ \u3000]*元[ \u3000]*(?:及其以上|及以上|以上)[ \u3000]*[，,]?[ \u3000]*(?:不足|不满|未满|低于)[ \u3000]*(?P<b>{_NUM})[ \u3000]*元"),
    ("duration_band_above", rf"(?<!第)(?P<a>{_SMALL})[ \u3000]*(?P<au>个月|年)[ \u3000]*(?:及其以上|及以上|以上)[ \u3000]*[，,]?[ \u3000]*(?:不足|不满|未满|低于)[ \u3000]*(?P<b>{_SMALL})[ \u3000]*(?P<u>个月|年)"),
    # 一倍至三倍, 1至3倍: both ends of a multiple of a base
    ("times_band", rf"(?P<a>{_SMALL})[ \u3000]*倍?[ \u3000]*[至到][ \u3000]*(?P<b>{_SMALL})[ \u3000]*倍"),
    ("age_range", rf"(?P<a>\d{{1,3}})[ \u3000]*(?:周?岁)?[ \u3000]*{_DASH}[ \u3000]*(?P<b>\d{{1,3}})[ \u3000]*周?岁"),
    ("money_range", rf"(?P<a>{_AR})[ \u3000]*(?P<am>万|亿|千)?[ \u3000]*元?[ \u3000]*{_DASH}{{1,2}}[ \u3000]*(?P<b>{_AR})[ \u3000]*(?P<bm>万|亿|千)?[ \u3000]*元"),
    # 40%（不含40%）至50%（含50%）: the lower end's bracket says only whether it is in the band
    ("percent_range", rf"(?P<a>\d{{1,3}}(?:\.\d+)?)[ \u3000]*%?(?:[ \u3000]*[（(]不?含[^）)（(]{{0,8}}[）)])?[ \u3000]*{_DASH}[ \u3000]*(?P<b>\d{{1,3}}(?:\.\d+)?)[ \u3000]*[%％]"),
    ("money_range_cn", rf"(?P<a>{_CN})[ \u3000]*元?[ \u3000]*[至到][ \u3000]*(?P<b>{_CN})[ \u3000]*元"),
    ("percent_range_cn", rf"百分之(?P<a>{_CN})[ \u3000]*[至到][ \u3000]*百分之(?P<b>{_CN})"),
    ("age_range_cn", rf"(?P<a>{_CN})[ \u3000]*(?:周?岁)?[ \u3000]*[至到][ \u3000]*(?P<b>{_CN})[ \u3000]*周?岁"),
    ("money_approx", rf"{_APPROX}[ \u3000]*[万亿千]?[ \u3000]*元"),
    ("money", rf"(?:{_AR}[ \u3000]*[万亿][ \u3000]*\d+[ \u3000]*[千百]|{_AR}[ \u3000]*万[ \u3000]*\d(?![\d.])|{_NUM})[ \u3000]*元(?:[ \u3000]*[零〇一二三四五六七八九\d]+角)?(?:[ \u3000]*[零〇一二三四五六七八九\d]+分)?"),
    # 最高补贴标准为1000/人: an amount without 元, said by the word of money before it and the per after it
    ("money_bare", rf"(?<=(?:{alternation(_WORDS.money_unit_omitted_before)})[ \u3000]*)(?<![\d.])\d+(?:\.\d+)?(?=[ \u3000]*/[ \u3000]*[人户月年次])"),
    ("points", rf"(?P<v>{_AR})[ \u3000]*个百分点"),
    ("percent", rf"(?:{_AR}[ \u3000]*[%％‰]|百分之{_CN}|[千万]分之{_CN}|{_D10_NO_LIANG}分之{_D10_NO_LIANG}|减半|一半|(?<=过)半数|半数(?=[ \u3000]*以上)|半价)"),
    ("times", rf"(?P<v>{_AR}|{_D10}|双)[ \u3000]*倍"),
    # 贷款市场报价利率（LPR）+50BP: the base may stand in brackets before the spread
    ("lpr", r"LPR[）)]?[ \u3000]*(?P<sign>[+\-－加减])[ \u3000]*(?P<bp>\d{1,4})[ \u3000]*(?:BP|bp|个基点)"),
    ("fraction", r"(?<![\d./])(?P<n>\d{1,2})[ \u3000]*/[ \u3000]*(?P<d>\d{1,2})(?![\d./A-Za-z%])"),
    ("ratio", r"(?<![\d.:：∶])(?P<a>\d{1,2})[ \u3000]*[:：∶][ \u3000]*(?P<b>\d{1,2})(?![\d.:：∶])(?=[ \u3000]*(?:的)?[ \u3000]*(?:比例|配套|分担|匹配))"),
    ("duration_range", rf"(?<!第)(?P<a>{_AR}|{_D10})[ \u3000]*(?P<au>个月|年|天|个工作日|工作日)?[ \u3000]*{_DASH}[ \u3000]*(?P<b>{_AR}|{_D10})[ \u3000]*(?P<u>个月|年|天|个工作日|工作日)(?![\d级])"),
    ("duration_approx", rf"{_APPROX}[ \u3000]*(?:个月|年|天)"),
    # 1250元/人月×6月×50人: a factor of a formula in months (a month of the year is never multiplied)
    # 在三十分钟内赶到现场: a time limit in minutes, read in hours (a length of a lesson or video, 每课时40分钟, is none)
    ("duration_minutes", rf"(?<=在[ \u3000]*)(?P<n>{_AR}|{_D10})[ \u3000]*分钟(?=[ \u3000]*(?:以内|之内|内))"),
    ("duration_factor", r"(?<=[×*][ \u3000]*)(?P<n>\d{1,2})[ \u3000]*月(?![份底初中下上前\d日号])"),
    ("duration", rf"(?<!第)(?:{_AR}|{_D10}|半)[ \u3000]*(?:个半月|年半|个工作日|工作日|个自然月|个月|个季度|个小时|小时|周年|年(?!级)|周(?!岁)|天|日)"),
    ("age", rf"(?:\d{{1,3}}|{_D10_NO_LIANG})[ \u3000]*周?岁"),
    ("score", _SCORE),
    ("count_approx", rf"{_APPROX}[ \u3000]*(?:人次|人|名|家|户|个)"),
    # 零点五米以上: a decimal in Chinese numerals too
    ("measure", rf"(?<!第)(?:{_AR}[ \u3000]*[万千]?|(?:{_D10K}|零)(?:点[零〇一二三四五六七八九]+)?)[ \u3000]*(?:{_MEASURE_WORDS}){_MEASURE_AFTER}"
                rf"|(?<=(?:{_MEASURE_BOUNDS})[ \u3000]*)(?:{_AR}[ \u3000]*[万千]?|{_D10K})[ \u3000]*(?:{_MEASURE_WORDS})"
                rf"|(?<=(?:{_MEASURE_NOUNS})[ \u3000]*(?:为|是)?[ \u3000]*)(?:{_AR}|{_D10K})[ \u3000]*(?:{_MEASURE_WORDS})"
                # or what something is counted as (一次按捐献全血400毫升计算)
                rf"|(?<=按\p{{Han}}{{0,6}})(?:{_AR}[ \u3000]*[万千]?|{_D10K})[ \u3000]*(?:{_MEASURE_WORDS})(?=[ \u3000]*计算)"
                rf"|(?<=一式)(?:\d{{1,2}}|[一二两三四五六七八九十])份"
                # 一式四份，三份交委托人收执，一份由…存档: the copies each party gets
                rf"|(?<=一式[^。；;\n]{{1,40}}[，,])(?:\d{{1,2}}|[一二两三四五六七八九十])份(?=[交由送报存留])"),
    ("count_or_more", rf"(?<!第)(?P<a>{_AR}|{_D100})[ \u3000]*(?P<u>{_COUNT_WORDS})[ \u3000]*(?:及|或者|或)[ \u3000]*(?P=a)[ \u3000]*(?P=u)(?=[ \u3000]*(?:以上|以下))"),
    # 高定1级薪级工资, 上浮1至2档: the grades or steps a rule raises pay by (issue 9)
    ("grade_steps", rf"(?<=(?:高定|提高|上浮|晋升|下浮|降低)[ \u3000]*)(?P<a>{_AR}|{_D100})(?:[ \u3000]*[至到－-][ \u3000]*(?P<b>{_AR}|{_D100}))?[ \u3000]*(?P<u>级|档)(?=[ \u3000]*(?:薪级|工资|岗位|职级|档次|标准|待遇|的|[，,。；;、]|$))"),
    ("count_range", rf"(?<!第){_CITED}(?P<a>{_AR}|{_D100})[ \u3000]*(?:{_COUNT_WORDS})?[ \u3000]*[-－~～至到][ \u3000]*(?P<b>{_AR}|{_D100})[ \u3000]*(?P<u>{_COUNT_WORDS})"),
    ("count", rf"(?<!第){_CITED}(?:{_AR}[ \u3000]*[万千]?|{_D10K})[ \u3000]*(?:{_COUNT_WORDS}|次(?![性数]|{_TIMES_COMPOUND}))"),
)
_COMPILED = tuple((k, regex.compile(p)) for k, p in PATTERNS)

_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"  # a month or day, Arabic or Chinese
DATE_RE = regex.compile(
    rf"(?:(?:19|20)\d{{2}}|[〇零一二三四五六七八九]{{4}})[ \u3000]*年(?:[ \u3000]*度)?(?:[ \u3000]*{_MD}[ \u3000]*月(?:[ \u3000]*{_MD}[ \u3000]*日)?)?"
    r"(?:[ \u3000]*起?[ \u3000]*[—\-－–~～至到][ \u3000]*(?:(?:19|20)\d{2}[ \u3000]*年)?[ \u3000]*\d{1,2}[ \u3000]*月(?:[ \u3000]*\d{1,2}[ \u3000]*[日号])?)?"
    r"|\d{1,2}[ \u3000]*月[ \u3000]*\d{1,2}[ \u3000]*[日号]|\d{1,2}[ \u3000]*月(?:份|底|初|中旬|下旬|上旬|前)"
)
PHONE_RE = regex.compile(r"(?<!\d)(?:0\d{2,3}[ \u3000]*[—\-－–][ \u3000]*\d{7,8}|1[3-9]\d{9}|\d{7,8}(?=\D|$)(?<=电话[：:]?[ \u3000]*\d{7,8}))")
# A number that names a programme or a document, not a quantity: "1551"工程, 第73050号, 十四五.
BLOCK_RE = regex.compile(
    r"第[ \u3000]*[\d一二三四五六七八九十百]+[ \u3000]*[号届次批条款章节项]|" + _run(r"\d一二三四五六七八九十") + r"届[\d一二三四五六七八九十]+次"
    r"|“[^”]{0,12}”|(?<!\d)\d+\+N|" + _D10_NO_LIANG + r"五(?=规划|时期|期间)"
    # the divisor of a formula (（当年度在本单位剩余日历天数÷365天）×…): a constant of the calendar, no parameter
    r"|÷[ \u3000]*\d+(?:\.\d+)?[ \u3000]*(?:天|日)"
    # the interval between two of something (两次采集间隔期不少于6个月): the interval is the quantity, not the times
    r"|[两二][ \u3000]*次(?=[\p{Han}]{0,4}间隔)"
    # what one of something is counted as (捐献造血干细胞者，一次按捐献全血400毫升计算): the measure is the quantity
    rf"|一[ \u3000]*次(?=[ \u3000]*按[^，。；\n]{{1,12}}(?:{alternation(context_rules().role.count.counted_as)}))"
)
# a per marker that holds a numeral (每超养一只可并处五十元): what an amount is counted per, no count
_PER_MARKERS = tuple(w for w, _ in context_rules().per.before if regex.search(r"[\d一二两三四五六七八九十]", w))


def _is_unit(name: str) -> TypeGuard[Unit]:
    return name in UNITS


def _squash(s: str) -> str:
    return _SPACES.sub("", s)


def _scale(m: str | None) -> Decimal:
    return {"千": Decimal(1_000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}.get(m or "", Decimal(1))


Interpreter = Callable[[regex.Match[str], str, int, int], "Found | None"]


def _age_range(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """16-24岁, and in Chinese numerals 零至七周岁, 十八周岁至五十五周岁."""
    lo, hi = parse_number(m.group("a")), parse_number(m.group("b"))
    return Found("age", lo, hi, "year", a, b) if lo is not None and hi is not None and lo < hi <= 120 else None


def _money_range(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    lo, hi = parse_number(_squash(m.group("a"))), parse_number(_squash(m.group("b")))
    if lo is None or hi is None:
        return None
    hm = _scale(m.group("bm"))
    lo, hi = lo * (_scale(m.group("am")) if m.group("am") else hm), hi * hm  # "1—2万元": 万 applies to both
    return Found("money", lo, hi, "yuan", a, b) if lo < hi else None


def _percent_range_cn(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    lo, hi = parse_percent("百分之" + m.group("a")), parse_percent("百分之" + m.group("b"))
    return Found("percent", lo, hi, "percent", a, b) if lo is not None and hi is not None and lo < hi <= 100 else None


def _money_span(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """处二千元以上一万元以下 across two clauses, and 一元至二元, 零点五元至一元 in Chinese numerals: both ends as money."""
    lo, hi = parse_money(_squash(m.group("a")) + "元"), parse_money(_squash(m.group("b")) + "元")
    return Found("money", lo, hi, "yuan", a, b) if lo is not None and hi is not None and lo < hi else None


def _duration_span(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    lo = parse_duration(_squash(m.group("a")) + (m.group("au") or m.group("u")))
    hi = parse_duration(_squash(m.group("b")) + m.group("u"))
    if lo is None or hi is None or lo[1] != hi[1] or lo[0] >= hi[0] or not _is_unit(hi[1]):
        return None  # 三日以上六个月以下 mixes days and months: read as two numbers
    return Found("duration", lo[0], hi[0], hi[1], a, b)


def _times_span(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    lo, hi = parse_number(m.group("a")), parse_number(m.group("b"))  # multiples of a base, as percentages (see _times)
    if lo is None or hi is None or not 0 < lo < hi:
        return None
    return Found("percent", lo * 100, hi * 100, "percent", a, b, doubt=True)


def _percent_span(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """百分之五十以上百分之八十以下, 百分之五十以上一倍以下 (a multiple as a percentage: see _times): one range."""
    lo = parse_percent("百分之" + m.group("a")) if m.group("a") else Decimal(m.group("aa"))
    if m.group("t"):
        t = parse_number(m.group("t"))
        hi = t * 100 if t is not None else None
    else:
        hi = parse_percent("百分之" + m.group("b")) if m.group("b") else Decimal(m.group("bb"))
    return Found("percent", lo, hi, "percent", a, b) if lo is not None and hi is not None and 0 < lo < hi else None


def _percent_range(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    lo, hi = Decimal(m.group("a")), Decimal(m.group("b"))
    return Found("percent", lo, hi, "percent", a, b) if lo < hi <= 100 else None


def _approx(kind: QuantityKind) -> Interpreter:
    """三十几万元, 两三个月, 十几人: a range flagged approximate (and doubt), never a made-up exact value."""

    def read(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
        got = parse_approx(s)
        if got is None:
            return None
        lo, hi, _ = got
        if kind != "duration":
            return Found(kind, lo, hi, "yuan" if kind == "money" else "count", a, b, True, True)
        unit = parse_duration("1" + (s[-2:] if s.endswith("个月") else s[-1]))
        factor, name = unit if unit else (Decimal(1), "month")
        if not _is_unit(name):
            return None
        return Found("duration", lo * factor, hi * factor if hi else None, name, a, b, True, True)

    return read


def _money(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    v = parse_money(s)
    return Found("money", v, None, "yuan", a, b) if v is not None else None


def _percent(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    v = Decimal(50) if s in ("一半", "半数", "半价") else parse_percent(s)  # 过半数: more than half (过 gives the min)
    return Found("percent", v, None, "percent", a, b) if v is not None else None


def _points(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    v = parse_number(_squash(m.group("v")))  # "降低0.5个百分点": percentage points
    return Found("percent", v, None, "percent", a, b, doubt=True, base_hint="百分点") if v is not None else None


_ONE_TIMES_AFTER = regex.compile(r"[ \u3000]*(?:以下|以内|的罚款|罚款|处以罚款|处罚款)")  # 应交市场租金的一倍处以罚款
_ONE_TIMES_CAP = regex.compile(r"(?:不超过|不得超过|不高于|最高|最多|至多)[^，,；;。：:\n]{0,24}$")


def _times(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """``10 倍`` of a base: 1000%; ``双倍`` 200%. ``一倍`` only as a cap or a fine (一倍以下, 一倍的罚款, 一倍处以罚款,
    不超过已付购房款一倍);
    增加一倍 is a doubling."""
    v = Decimal(2) if m.group("v") == "双" else parse_number(m.group("v"))
    one_capped = bool(_ONE_TIMES_AFTER.match(m.string, m.end()) or _ONE_TIMES_CAP.search(m.string, max(0, m.start() - 30), m.start()))
    if v is None or v < 1 or (v == 1 and not one_capped):
        return None
    return Found("percent", v * 100, None, "percent", a, b, doubt=True)


def _lpr(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    sign = "+" if m.group("sign") in "+加" else "-"
    return Found("percent", Decimal(m.group("bp")) / 100, None, "percent", a, b, doubt=True, base_hint=f"LPR{sign}{m.group('bp')}BP")


def _fraction(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    n, d = int(m.group("n")), int(m.group("d"))
    return Found("percent", (Decimal(n * 100) / d).quantize(Decimal("0.01")), None, "percent", a, b) if 0 < n < d else None


def _ratio(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    x, y = Decimal(m.group("a")), Decimal(m.group("b"))
    return Found("percent", (x * 100 / y).quantize(Decimal("0.01")), None, "percent", a, b, doubt=True) if y else None


def _duration_range(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    unit = m.group("u")
    lo = parse_duration(_squash(m.group("a")) + (m.group("au") or unit))
    hi = parse_duration(_squash(m.group("b")) + unit)
    if lo is None or hi is None or lo[0] >= hi[0] or not _is_unit(hi[1]):
        return None
    return Found("duration", lo[0], hi[0], hi[1], a, b)


def _duration_factor(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    return Found("duration", Decimal(m.group("n")), None, "month", a, b)


def _duration_minutes(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    n = parse_number(_squash(m.group("n")))
    return Found("duration", n / 60, None, "hour", a, b) if n is not None and n > 0 else None


def _duration(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    got = parse_duration(s)
    return Found("duration", got[0], None, got[1], a, b) if got is not None and _is_unit(got[1]) else None


def _age(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    got = parse_age(s)
    return Found("age", got[0], got[1], "year", a, b) if got is not None else None


_REFERRED = regex.compile(rf"(?:{alternation(_WORDS.items_referred_after)})[ \u3000]*$")
_STEP = regex.compile(rf"(?:{alternation(_WORDS.steps_before)})\p{{Han}}{{0,3}}[ \u3000]*$")


def _count(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    if s.endswith("项") and _REFERRED.search(m.string, max(0, a - 4), a):
        return None  # 以上三项之和, 上述三项: the items listed, referred to
    number = _COUNT_TAIL.sub("", s)
    if m.string.startswith(_WORDS.count_unit_compounds, b - (len(s) - len(number))):
        return None  # 每一家庭: the unit begins a noun (家庭), no count of 家
    if _STEP.search(m.string, max(0, a - 8), a):
        return None  # 每多生育一个子女: the step of a rate, no count
    v = parse_number(number)
    return Found("count", v, None, "count", a, b) if v is not None and v > 0 else None


def _score(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """加20分, 10.5分: a number of points (a count); whether it is a rule's parameter the role reader decides."""
    v = parse_number(s[:-1])
    return Found("count", v, None, "count", a, b) if v is not None and v > 0 else None


def _count_or_more(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """两个及两个以上, 二人或者二人以上: one count, whose bound the 以上 or 以下 after it gives."""
    v = parse_number(m.group("a"))
    return Found("count", v, None, "count", a, b) if v is not None and v > 0 else None


def _count_range(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """五至十五人, 一至两名, 10-20家: both ends of a count."""
    lo, hi = parse_number(m.group("a")), parse_number(m.group("b"))
    return Found("count", lo, hi, "count", a, b) if lo is not None and hi is not None and 0 < lo < hi else None


def _grade_steps(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    """高定1级, 上浮1至2档: a count of pay grades or steps, one or a range."""
    lo = parse_number(m.group("a"))
    hi = parse_number(m.group("b")) if m.group("b") else None
    if lo is None or lo <= 0 or (hi is not None and hi <= lo):
        return None
    return Found("count", lo, hi, "count", a, b)


_LOST_POINT = regex.compile(r"0\d+")


def _money_bare(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    v = parse_number(s)
    return Found("money", v, None, "yuan", a, b) if v is not None and v > 0 else None


def _measure(m: regex.Match[str], s: str, a: int, b: int) -> Found | None:
    digits = _MEASURE_TAIL.sub("", s)
    if _LOST_POINT.fullmatch(digits):  # 体积0125立方米: a decimal whose point the source lost, read as meant, doubtful
        v = parse_number("0." + digits[1:])
        return Found("count", v, None, "count", a, b, doubt=True) if v is not None and v > 0 else None
    v = parse_number(digits)
    return Found("count", v, None, "count", a, b) if v is not None and v > 0 else None


INTERPRETERS: dict[str, Interpreter] = {
    "money_span": _money_span, "duration_span": _duration_span, "times_span": _times_span, "percent_span": _percent_span,
    "duration_band": _duration_span, "times_band": _times_span, "age_band": _age_range, "age_span": _age_range, "money_band": _money_span,
    "duration_band_above": _duration_span,
    "age_range": _age_range, "money_range": _money_range, "percent_range": _percent_range,
    "money_range_cn": _money_span, "money_span_to": _money_span, "percent_range_cn": _percent_range_cn, "age_range_cn": _age_range,
    "money_approx": _approx("money"), "duration_approx": _approx("duration"), "count_approx": _approx("count"),
    "money": _money, "money_bare": _money_bare, "points": _points, "percent": _percent, "times": _times, "lpr": _lpr, "fraction": _fraction, "ratio": _ratio,
    "duration_range": _duration_range, "duration_factor": _duration_factor, "duration_minutes": _duration_minutes,
    "duration": _duration, "age": _age, "count": _count, "count_range": _count_range, "grade_steps": _grade_steps, "count_or_more": _count_or_more, "score": _score, "measure": _measure,
}


def _interpret(kind: str, m: regex.Match[str]) -> Found | None:
    return INTERPRETERS[kind](m, _squash(m.group(0)), m.start(), m.end())


_AMOUNT_NEXT = regex.compile(r"[ \u3000]*\d+(?:\.\d+)?[ \u3000]*[万千]?[ \u3000]*元")
_PAYMENT_NEXT = regex.compile(rf"[ \u3000]*(?:{alternation(_WORDS.payment_verbs)})")


def _not_a_duration(text: str, m: regex.Match[str]) -> bool:
    """``每两年`` is a frequency; ``28日`` alone is a day of the month, not 28 days; ``上一年度``, ``下一年`` name a
    year, not a period of one; ``一年期存款利率`` names a deposit."""
    before = text[max(0, m.start() - 3) : m.start()]
    if before.endswith(_WORDS.frequency_before):
        return True
    if _AMOUNT_NEXT.match(text, m.end()) and _squash(m.group(0)) in ("一年", "一个月"):
        return True  # 缴费基本标准设为一年120元、240元…: what the amounts are counted per, no period of the rule
    if _PAYMENT_NEXT.match(text, m.end()) and before.endswith(_WORDS.payment_period_before):
        return True  # 也可选择按月或半年缴费, 按半年缴费的: how often one pays, no period of the rule
    if _POINTS_RATE.match(text, m.end()):
        return True  # 每满1年加2分, 满1年积3分: the period of a points rate, not a duration of the rule
    if text.startswith(_WORDS.term_named_after, m.end()):
        return True  # 一年期存款利率: the term of a deposit or loan named
    if text.startswith(_WORDS.period_anchor_after, m.end()):
        return True  # 每满1年之日前1个月内: the day a period completes, a date anchor
    s = _squash(m.group(0))
    if s in ("一年", "年") and (before.endswith(_WORDS.year_named_before) or text.startswith("度", m.end())):
        return True
    # 毕业前一年: the year before an event, a date anchor; 退休前一年内 is a window of a year
    if s == "一年" and before.endswith("前") and not text.startswith(_WORDS.day_window_after, m.end()):
        return True
    if s.endswith("小时"):  # 24小时内, 十二小时以上; 24小时服务 is opening hours, not a period of a rule
        after = text[m.end() : m.end() + 3]
        return not (after.startswith((*_WORDS.day_window_after, "以上", "以下")) or before.endswith(_WORDS.day_window_before)
                    or before.endswith(_WORDS.hours_granted_before))
    if s in ("一日", "一天") and before.endswith(_WORDS.day_named_before):
        return True  # 最后一日: the last day of a month, named
    if s.endswith("日") and not s.endswith("工作日"):
        if before.rstrip(" \u3000").endswith("月"):  # 十月十五日, 每月15日前: a day of the month
            return True
        after = text[m.end() : m.end() + 3]
        # 公示七日, 八十日的奖励假, 三十日前: a number of days written in Chinese numerals is a period
        in_words = not _DIGIT.search(s)
        before_event = before.endswith("的") and after.startswith("前")  # 会议举行的20日前: days before an event
        return not (in_words or before_event or after.startswith(_WORDS.day_window_after)
                    or before.rstrip(" \u3000").endswith(_WORDS.day_window_before))  # 提前 5 日: a layout space
    return False


_DATE_PARTS = regex.compile(r"(?:(?P<y>(?:19|20)\d{2})[ \u3000]*年)?(?:[ \u3000]*(?P<m>\d{1,2})[ \u3000]*月)?(?:[ \u3000]*(?P<d>\d{1,2})[ \u3000]*[日号])?")
ISSUE_DATE_RE = regex.compile(r"自(?:印发|发布|公布)之日起(?:施行|执行|实施|生效)")


def _month_end(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def _date_range(s: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last day a date expression covers: 2020年2月—6月 -> (2020-02-01, 2020-06-30).

    >>> _date_range("2020年2月—6月")
    (datetime.date(2020, 2, 1), datetime.date(2020, 6, 30))
    >>> _date_range("2023 年 12 月 31 日")
    (datetime.date(2023, 12, 31), datetime.date(2023, 12, 31))
    """
    if not _DIGIT.search(s):  # 二〇二三年一月一日
        from ..text.patterns import parse_date

        day = parse_date(s)
        return day, day
    parts = _RANGE_DASH.split(s, maxsplit=1)
    year: int | None = None
    bounds: list[tuple[dt.date, dt.date] | None] = []
    for part in parts:
        m = _DATE_PARTS.search(part.strip())
        if m is None or not m.group(0).strip():
            bounds.append(None)
            continue
        year = int(m.group("y")) if m.group("y") else year
        if year is None:
            bounds.append(None)
            continue
        try:
            if m.group("m") is None:
                bounds.append((dt.date(year, 1, 1), dt.date(year, 12, 31)))
            elif m.group("d") is None:
                mo = int(m.group("m"))
                bounds.append((dt.date(year, mo, 1), _month_end(year, mo)))
            else:
                day = dt.date(year, int(m.group("m")), int(m.group("d")))
                bounds.append((day, day))
        except ValueError:
            bounds.append(None)
    first = bounds[0][0] if bounds and bounds[0] else None
    last = bounds[-1][1] if bounds and bounds[-1] else (bounds[0][1] if bounds and bounds[0] else None)
    return first, last


def _dates(text: str) -> list[Found]:
    out = []
    for m in DATE_RE.finditer(text):
        start, end = _date_range(m.group(0))
        after = text[m.end() : m.end() + 3]
        if after.startswith("起") and not _RANGE_WORD.search(m.group(0)):
            end = None  # "自2024年1月起": from then on
        elif after.startswith(("底前", "前", "年底前", "以前")):
            start = None  # "2024年底前": by then
        out.append(Found("date", None, None, "date", m.start(), m.end(), date_start=start, date_end=end))
    for m in ISSUE_DATE_RE.finditer(text):
        out.append(Found("date", None, None, "date", m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


BOOK_TITLE_RE = regex.compile(r"《[^《》\n]{1,60}》")
def find_quantities(text: str) -> list[Found]:
    """Every number expression in ``text`` with its kind and value, longest and most specific first.

    >>> [(f.kind, str(f.value)) for f in find_quantities("补贴期限最长不超过 12 个月，每人每月 1500 元")]
    [('duration', '12'), ('money', '1500')]
    >>> [f.kind for f in find_quantities("豫政办〔2023〕17号 2023年4月27日 电话：0371—69690120")]
    ['date']
    >>> [(f.kind, str(f.value), str(f.value_max)) for f in find_quantities("16-24岁失业青年")]
    [('age', '16', '24')]
    """
    taken = [False] * (len(text) + 1)
    out: list[Found] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(a: int, b: int) -> None:
        for i in range(a, b):
            taken[i] = True

    for m in DOC_NUMBER_RE.finditer(text):
        take(m.start(), m.end())
    for m in PHONE_RE.finditer(text):
        take(m.start(), m.end())
    for m in BLOCK_RE.finditer(text):
        if not _UNIT_SIGN.search(m.group(0)):
            take(m.start(), m.end())
    for w in _PER_MARKERS:
        i = text.find(w)
        while i >= 0:
            take(i, i + len(w))
            i = text.find(w, i + len(w))
    for f in _dates(text):
        if free(f.start, f.end):
            out.append(f)
            take(f.start, f.end)
    for m in BOOK_TITLE_RE.finditer(text):  # 《十六周岁以下儿童随行卡》: a number in a name (its dates kept)
        take(m.start(), m.end())
    for kind, pat in _COMPILED:
        for m in pat.finditer(text):
            if not free(m.start(), m.end()):
                continue
            # a number glued to a longer number or a Latin word is not this quantity ("4/5G", "2023届")
            if m.start() > 0 and _GLUED.match(text[m.start() - 1]) and kind not in ("percent", "lpr"):
                continue
            if _SPACED_TAIL.search(text[max(0, m.start() - 4) : m.start()]):
                continue  # the tail of a number written with spaces: "1 000" is not 000
            if kind.startswith("duration") and _not_a_duration(text, m):
                continue
            if _RESTATING.search(text[max(0, m.start() - 5) : m.start()]):
                take(m.start(), m.end())  # "不超过3年（含3年）", "（包括20万元）": the bracket restates the bound, no new number
                continue
            got = _interpret(kind, m)
            if got is None:
                continue
            if text.endswith(_WORDS.approximately_before, 0, m.start()) or text.startswith(_WORDS.approximately_after, m.end()):
                got = replace(got, approximate=True, doubt=True)  # "约5000元", "30%左右": not an exact value
            out.append(got)
            take(m.start(), m.end())
    out += row_unit_cells(text, free, take)
    out += column_unit_cells(text, free, take)
    return drop_restated_anchors(text, sorted(out, key=lambda f: f.start))
