"""Numbers, money, rates, durations and ages as written in Chinese policy text: the one reader of Chinese numerals.

Every parser takes one candidate string, returns ``Decimal`` values (never
float) and returns ``None`` instead of raising on text it does not recognise.
Approximate expressions (两三个月, 三十几万元) are never turned into a made-up
exact value: the exact parsers return ``None`` and :func:`parse_approx` gives
bracketing bounds with a flag. :func:`parse_int` reads the small whole numbers
of dates and labels; :func:`format_cn` writes one in Chinese.

The digit and unit tables are cn2an's (``cn2an.conf``; a test checks they still
agree). The conversion itself is done here, because cn2an's converter returns
floats, raises ``KeyError`` on its own ``an2cn`` output (``二亿二千八百六十五``),
truncates ``1.23456789万`` to 12345 and reads ``两三`` as 23; and importing cn2an
costs a quarter of a second.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

# cn2an.conf.NUMBER_CN2AN and UNIT_CN2AN: every character that writes a digit or a unit, with its value.
DIGIT_VALUES: Mapping[str, int] = MappingProxyType({
    "零": 0, "〇": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
})
UNIT_VALUES: Mapping[str, int] = MappingProxyType({
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10000, "亿": 100000000,
})
CN_DIGIT_CHARS = "〇零一二三四五六七八九"
"""The digits of printed Chinese numerals (dates, labels), for character classes: ``[〇零一…九十]``."""

_DIGITS = "零一二三四五六七八九"
_UNIT_NAMES = {10: "十", 100: "百", 1000: "千", 10**4: "万", 10**8: "亿"}
_UNIT_ORDER = (("亿", 10**8), ("万", 10**4), ("千", 1000), ("百", 100), ("十", 10))
_EXTRA_CANON = {"萬": "万", "億": "亿", "兩": "两", "貳": "二", "參": "三", "陸": "六"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"


def _canon_table() -> MappingProxyType[int, str]:
    """One-to-one character map, so offsets in the canonical text match the input."""
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = " "
    table.update({ord(c): "-" for c in _DASHES})
    table[ord("\u2236")] = ":"  # "∶" RATIO, common in 1∶1 配套
    for ch, value in DIGIT_VALUES.items():
        table[ord(ch)] = "两" if ch == "两" else _DIGITS[value]  # 两 counts, never spells
    for ch, value in UNIT_VALUES.items():
        table[ord(ch)] = _UNIT_NAMES[value]
    table.update({ord(k): v for k, v in _EXTRA_CANON.items()})
    return MappingProxyType(table)


_CANON = _canon_table()
_CN_DIGIT = {c: i for i, c in enumerate(_DIGITS)} | {"两": 2}
_ANY_DIGIT = "0123456789" + _DIGITS + "两"
_ARABIC = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
_FRACTION = re.compile(r"([0-9零一二三四五六七八九]+)(万亿|[十百千万亿])?")
# Pairs of neighbouring digits read as a range, not as a digit string: 两三个月, 三五年.
_APPROX_PAIRS = ("一二", "一两", "两三", "二三", "三四", "三五", "四五", "五六", "六七", "七八", "八九")
_BIG = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}
_SMALL = {"": 1, "十": 10, "百": 100, "千": 1000}
_MULTIPLIER = _SMALL | _BIG


def _canon(s: str) -> str:
    return s.translate(_CANON)


def _clean(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation."""
    whole = d.to_integral_value()
    return whole if d == whole else d.normalize()


def _digit_value(c: str) -> Decimal:
    """One digit character, Chinese or Arabic."""
    return Decimal(_CN_DIGIT[c] if c in _CN_DIGIT else int(c))


def _atom(s: str) -> Decimal | None:
    """A coefficient inside a unit expression: an Arabic number or one Chinese digit."""
    if len(s) == 1 and s in _CN_DIGIT:
        return _digit_value(s)
    return Decimal(s.replace(",", "")) if _ARABIC.fullmatch(s) else None


def _digit_run(s: str) -> Decimal | None:
    """A number without units: Arabic, or Chinese read digit by digit (二〇二三)."""
    if len(s) <= 1 or _ARABIC.fullmatch(s):
        return _atom(s)
    if "两" in s or not all(c in _DIGITS for c in s):
        return None
    if len(s) == 2 and "零" not in s:
        return None  # "三五" / "七八": an approximate pair, see parse_approx
    return Decimal("".join(str(_CN_DIGIT[c]) for c in s))


def _units_value(s: str, order: tuple[tuple[str, int], ...] = _UNIT_ORDER) -> Decimal | None:
    """Value of a numeral with units, split at the largest unit present."""
    k = next((k for k, (ch, _) in enumerate(order) if ch in s), None)
    if k is None:
        return _atom(s)
    ch, mag = order[k]
    i = s.rfind(ch)  # rfind: in 一万亿 the 亿 governs the 万
    lower = order[k + 1 :]
    left, right = s[:i], s[i + 1 :]
    if not left:
        coef = Decimal(1) if mag == 10 else None  # "十二" but never a bare "百"
    elif mag < 10**4:
        coef = _atom(left)  # 三千, 2千; never 十千
    else:
        coef = _units_value(left, lower) or None
    rest = _remainder(right, mag, lower)
    return None if coef is None or rest is None else coef * mag + rest


def _remainder(right: str, mag: int, lower: tuple[tuple[str, int], ...]) -> Decimal | None:
    """What follows a unit: 零-led literal, colloquial bare digit, or a smaller numeral."""
    if not right:
        return Decimal(0)
    body = right.lstrip("零")
    if not body:
        return None
    if body == right and mag >= 100 and len(body) == 1 and body in _ANY_DIGIT:
        # "一万二" / "13万2": a bare digit after a unit fills the next lower place
        return _digit_value(body) * (mag // 10)
    value = _units_value(body, lower)
    return value if value is not None and value < mag else None


def _integer(s: str) -> Decimal | None:
    return _units_value(s) if any(u in s for u in "十百千万亿") else _digit_run(s)


def _number(t: str) -> Decimal | None:
    """Value of canonical text ``t`` that is exactly one number, else None."""
    whole, dot, frac = t.replace("点", ".").partition(".")
    if not dot:
        return _integer(whole) if whole else None
    m = _FRACTION.fullmatch(frac)
    base = _integer(whole) if whole else None
    if m is None or base is None:
        return None
    if m[2] and ("万" in whole or "亿" in whole):
        return None  # 一万点五万
    digits = "".join(str(_digit_value(c)) for c in m[1])
    return (base + Decimal("0." + digits)) * _MULTIPLIER[m[2] or ""]


def parse_number(s: str) -> Decimal | None:
    """Parse one number written in Arabic, Chinese or mixed numerals.

    Args:
        s: the candidate string, e.g. "一百二十万", "3541.07万", "１２３".

    Returns:
        The value as Decimal, or None if ``s`` is not exactly one number.
        Approximate pairs (两三, 三五) and negative numbers give None.

    >>> parse_number("一百九十万零三千九百七十一")
    Decimal('1903971')
    >>> parse_number("13万2")  # colloquial: the 2 is thousands
    Decimal('132000')
    >>> parse_number("3541.07万")
    Decimal('35410700')
    >>> parse_number("二〇二三"), parse_number("１,２３４.５")
    (Decimal('2023'), Decimal('1234.5'))
    >>> parse_number("两三") is None
    True
    """
    value = _number(_canon(s).strip())
    return None if value is None else _clean(value)


def parse_int(s: str) -> int | None:
    """Parse a whole number, Arabic or Chinese (a year read digit by digit, a month, a day, a count of years).

    >>> parse_int("二〇二三"), parse_int("二十七"), parse_int("12"), parse_int("两")
    (2023, 27, 12, 2)
    >>> parse_int("一点五") is None, parse_int("") is None
    (True, True)
    """
    value = parse_number(s)
    return int(value) if value is not None and value == value.to_integral_value() else None


def _format_small(n: int) -> str:
    """1..9999 in Chinese, with 零 for inner gaps: 1010 -> 一千零一十."""
    out: list[str] = []
    gap = False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            gap = bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        out.append(_DIGITS[d] + unit)
    return "".join(out)


def _format(n: int) -> str:
    for mag, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= mag:
            high, rest = divmod(n, mag)
            tail = "" if rest == 0 else ("零" if rest < mag // 10 else "") + _format(rest)
            return _format(high) + unit + tail
    return _format_small(n)


def format_cn(n: int) -> str:
    """Write a whole number below 10**16 in Chinese numerals as printed (list labels, 一是…二是…); ``parse_number``
    reads it back.

    >>> format_cn(12), format_cn(110), format_cn(10010), format_cn(100000001), format_cn(0)
    ('十二', '一百一十', '一万零一十', '一亿零一', '零')
    """
    if n < 0:
        raise ValueError(f"format_cn takes a non-negative number, not {n}")
    if n == 0:
        return "零"
    s = _format(n)
    return s[1:] if s.startswith("一十") else s  # 十二, 十万: the 一 of a leading 一十 is not written


def _step(n: Decimal) -> Decimal:
    """Place value of the last non-zero digit: 30 -> 10, 3541 -> 1, 1.5 -> 0.1."""
    return Decimal(1).scaleb(int(n.normalize().as_tuple().exponent))


def _approx_core(core: str) -> tuple[Decimal, Decimal | None, bool] | None:
    exact = _number(core)
    if exact is not None:
        return exact, None, False
    if m := re.fullmatch(r"上([十百千]?)(万亿|万|亿)?", core):  # 上百, 上万: at least
        low = Decimal(_SMALL[m[1]] * _BIG[m[2] or ""])
        return (low, None, True) if low > 1 else None
    if m := re.fullmatch(r"[数几]([十百千]?)(万亿|万|亿)?", core):  # 数十万, 几百
        unit = Decimal(_SMALL[m[1]] * _BIG[m[2] or ""])
        return 2 * unit, 10 * unit, True
    if m := re.fullmatch(r"(.+?)([几多余来])([十百千]?)(万亿|万|亿)?", core):  # 三十几万
        n = _number(m[1])
        if n is None or n <= 0:
            return None
        step = Decimal(_SMALL[m[3]]) if m[3] else _step(n)
        big = _BIG[m[4] or ""]
        return n * big, (n + (10 * step if m[3] else step)) * big, True
    if m := re.fullmatch(r"(十?)(..)([十百千]?)(万亿|万|亿)?", core):  # 两三, 二三十万
        if m[2] not in _APPROX_PAIRS or (m[1] and m[3]):
            return None
        scale = _SMALL[m[3]] * _BIG[m[4] or ""]
        tens = 10 if m[1] else 0
        first, second = (_CN_DIGIT[c] for c in m[2])
        return Decimal((tens + first) * scale), Decimal((tens + second) * scale), True
    return None


def parse_approx(s: str) -> tuple[Decimal, Decimal | None, bool] | None:
    """Parse a number that may be approximate, as bracketing bounds.

    Convention: ``(low, high, approx)``. An exact number gives
    ``(value, None, False)``. An approximate one gives ``approx=True`` and
    bounds with ``low <= true value <= high``; ``high`` is None when the text
    gives no ceiling (上百 = "a hundred or more"). 几/多/余 after a number span
    one step of its last digit (三十几 -> 30..40, 3000余 -> 3000..4000);
    数/几 before a unit span 2x..10x the unit (数十万 -> 200000..1000000).
    A trailing measure word without digits (个月, 元, 人) is ignored; values
    are in that measure's unit.

    >>> parse_approx("两三个月")
    (Decimal('2'), Decimal('3'), True)
    >>> parse_approx("三十几万元")
    (Decimal('300000'), Decimal('400000'), True)
    >>> parse_approx("十几")
    (Decimal('10'), Decimal('20'), True)
    >>> parse_approx("上百人")
    (Decimal('100'), None, True)
    >>> parse_approx("五十元")
    (Decimal('50'), None, False)
    """
    t = re.sub(r"个(?=[多余来])", "", _canon(s).strip())  # 三个多月 = 3..4 months
    m = re.match(r"[0-9零一二三四五六七八九两十百千万亿点.,几多余来数上]+", t)
    if m is None or any(c in _ANY_DIGIT for c in t[m.end() :]):
        return None
    found = _approx_core(m[0])
    if found is None:
        return None
    low, high, approx = found
    return _clean(low), None if high is None else _clean(high), approx


_NUMERAL_CHARS = frozenset("0123456789,." + _DIGITS + "两十百千万亿点")
_D = "[0-9一二三四五六七八九两]"
_CENTS = rf"(?:({_D})角)?(?:零?({_D})分)?"
_MONEY_TAIL = re.compile(rf"[元圆](?:整|{_CENTS})")  # 元整 (cheque style), 元1角1分
_SUB_YUAN = re.compile(_CENTS)  # 伍角, 5分: under one yuan


def _cents(m: re.Match[str]) -> Decimal:
    jiao, fen = (_digit_value(g) if g else Decimal(0) for g in m.groups())
    return jiao / 10 + fen / 100


def money_prefix(s: str) -> tuple[Decimal, int] | None:
    """Parse the amount in yuan at the very start of ``s``.

    Args:
        s: text starting with an amount such as "3541.07万元" or "￥500".

    Returns:
        ``(yuan, consumed)`` where ``s[:consumed]`` is the amount, or None.
        A currency marker (￥, 人民币, 元, 圆) is required, or 角/分 ending
        the text; what follows the amount (even digits) is never merged in.

    >>> money_prefix("3541.07万元2.3本项目")
    (Decimal('35410700'), 9)
    >>> money_prefix("123元1角1分")
    (Decimal('123.11'), 8)
    >>> money_prefix("￥500以内")
    (Decimal('500'), 4)
    >>> money_prefix("100美元") is None
    True
    """
    t = _canon(s)
    head = re.match(r"(?:[￥¥]|人民币)\s*", t)
    start = head.end() if head else 0
    cents = _SUB_YUAN.match(t, start)
    if cents and cents.end() > start and (head or cents.end() == len(t)):
        return _clean(_cents(cents)), cents.end()  # not 5分钟, 三角形: 分/角 alone are ambiguous
    end = start
    while end < len(t) and end - start < 40 and t[end] in _NUMERAL_CHARS:
        end += 1
    value = None
    while end > start and (value := _number(t[start:end])) is None:
        end -= 1  # back off "500，" to the longest prefix that is a number
    if value is None or t[end : end + 1] in ("几", "多", "余", "来"):
        return None  # nothing, or an approximate amount (三十几万元)
    if tail := _MONEY_TAIL.match(t, end):
        return _clean(value + _cents(tail)), tail.end()
    return (_clean(value), end) if head else None


def parse_money(s: str) -> Decimal | None:
    """Parse a whole string as an amount in yuan; a bare number counts as yuan.

    >>> parse_money("1.5亿元")
    Decimal('150000000')
    >>> parse_money("五千元"), parse_money("1万")
    (Decimal('5000'), Decimal('10000'))
    >>> parse_money("3541.07万元2.3") is None  # two amounts, not one
    True
    """
    t = s.strip()
    found = money_prefix(t)
    if found is not None:
        return found[0] if found[1] == len(t) else None
    return parse_number(t)


def _ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    try:
        return (numerator * 100 / denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds
        return None


_PER_WORDS = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}


def parse_percent(s: str) -> Decimal | None:
    """Parse a rate and return it as a percentage number (50% -> 50).

    Fractions and ratios (2/3, 三分之二, 1:1) are rounded to 2 places. A "/"
    fraction followed by a Latin letter (4/5G) is a name, not a rate.

    >>> parse_percent("百分之一点五七"), parse_percent("５０％")
    (Decimal('1.57'), Decimal('50'))
    >>> parse_percent("三分之二"), parse_percent("1∶1")
    (Decimal('66.67'), Decimal('100'))
    >>> parse_percent("千分之五"), parse_percent("减半")
    (Decimal('0.5'), Decimal('50'))
    >>> parse_percent("4/5G") is None
    True
    """
    t = _canon(s).strip()
    value: Decimal | None = None
    if t == "减半":
        value = Decimal(50)
    elif m := re.fullmatch(r"(.+?)\s*([%‰])", t):
        n = _number(m[1])
        value = None if n is None else n / (10 if m[2] == "‰" else 1)
    elif m := re.fullmatch(r"(.+?)分之(.+)", t):
        per = _PER_WORDS.get(m[1])
        n = Decimal(100) if m[1] == "百" and m[2] == "百" else _number(m[2])  # 百分之百: the whole
        if per is not None:
            value = None if n is None else n * 100 / per
        else:
            value = _ratio(n, _number(m[1]))
    elif m := re.fullmatch(r"([0-9.]+)\s*([/:])\s*([0-9.]+)", t):
        value = _ratio(_number(m[1]), _number(m[3]))
    elif m := re.fullmatch(r"(.+?)成", t):  # 三成 = 30%
        n = _number(m[1])
        value = n * 10 if n is not None and n <= 10 else None
    return None if value is None else _clean(value)


_BOUND_WORDS = r"(?:及以上|及以下|以上|以下|以内|之内|内)?"
_DURATION = re.compile(
    r"(?P<n>.+?)(?P<ge>个)?(?P<half>半)?"
    r"(?P<unit>工作日|自然日|季度|星期|小时|年|月|周|天|日)(?P<half2>半)?" + _BOUND_WORDS
)
_MONTHS_PER = {"年": 12, "季度": 3, "月": 1}
_DAYS_PER = {"周": 7, "星期": 7, "天": 1, "日": 1, "工作日": 1, "自然日": 1}


def parse_duration(s: str) -> tuple[Decimal, str] | None:
    """Parse a period as ``(value, unit)`` with unit "month", "day" or "hour".

    Years and quarters become months, weeks become days. "6月" is June, not
    a duration: months need 个. 周岁 is an age (see parse_age). A trailing
    bound word (以上, 以内) is allowed and ignored; bounds are read elsewhere.

    >>> parse_duration("3年"), parse_duration("一年半")
    ((Decimal('36'), 'month'), (Decimal('18'), 'month'))
    >>> parse_duration("15个工作日"), parse_duration("两周")
    ((Decimal('15'), 'day'), (Decimal('14'), 'day'))
    >>> parse_duration("24小时"), parse_duration("十二个小时以上")
    ((Decimal('24'), 'hour'), (Decimal('12'), 'hour'))
    >>> parse_duration("１年以上")
    (Decimal('12'), 'month')
    >>> parse_duration("65周岁") is None
    True
    """
    m = _DURATION.fullmatch(_canon(s).strip())
    if m is None or (m["unit"] == "月" and not m["ge"]) or (m["half"] and m["half2"]):
        return None
    n = Decimal("0.5") if m["n"] == "半" and not m["half"] else _number(m["n"])
    if n is None:
        return None
    n += Decimal("0.5") if m["half"] or m["half2"] else 0
    if m["unit"] in _MONTHS_PER:
        return _clean(n * _MONTHS_PER[m["unit"]]), "month"
    if m["unit"] == "小时":
        return _clean(n), "hour"
    return _clean(n * _DAYS_PER[m["unit"]]), "day"


_AGE_NUM = r"[0-9.零一二三四五六七八九两十百点]+"
_AGE = re.compile(
    rf"(?P<lo>{_AGE_NUM})(?:周?岁)?(?:\s*(?:-+|~|至|到)\s*(?P<hi>{_AGE_NUM}))?周?岁" + _BOUND_WORDS
)


def parse_age(s: str) -> tuple[Decimal, Decimal | None] | None:
    """Parse an age or age range in years: ``(low, high)``, high None if single.

    周岁 is "full years of age", never weeks. A trailing bound word is ignored.

    >>> parse_age("35周岁")
    (Decimal('35'), None)
    >>> parse_age("16—24周岁"), parse_age("16至24岁")
    ((Decimal('16'), Decimal('24')), (Decimal('16'), Decimal('24')))
    >>> parse_age("24-16岁") is None
    True
    """
    m = _AGE.fullmatch(_canon(s).strip())
    if m is None:
        return None
    low = _number(m["lo"])
    high = _number(m["hi"]) if m["hi"] else None
    if low is None or low > 150 or (m["hi"] and (high is None or not low <= high <= 150)):
        return None
    return _clean(low), None if high is None else _clean(high)
