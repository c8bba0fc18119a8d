"""The head of a law, regulation or rule (规章): its 题注 (the lines under the title that give its version history),
the promulgation order (``国务院令第N号``, ``中华人民共和国主席令``, ``上海市人民政府令 第71号``), and whether two
documents are versions of one work.

A 题注 is printed as ``（2010年11月22日第十一届全国人民代表大会常务委员会第十八次会议通过 根据2022年2月23日……
《关于修改……的决定》修正）``, one event a line or several on one line, with or without its brackets, or on the
title's own line. Each event is a date, the organ or meeting that acted, the amending instrument (a 《……决定》) and
a verb: 通过, 批准, 公布/发布, 修正/修改, 修订, 施行. A rule's 题注 names decrees: ``2017年1月20日浙江省人民政府令
第351号公布``, ``北京市人民政府第 295 号令修改``, ``江苏省人民政府第109号令修正发布``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import regex

from ..records import Document, VersionEvent
from ..text.patterns import DATE_RE, norm_title, parse_date
from ..text.patterns import fold_digits as fold_digits  # both named here too, for the modules that read heads
from ..text.patterns import is_tizhu_line as is_tizhu_line

_CN_NUM = r"[\d一二三四五六七八九十百千零〇两]+"
_VERBS = {
    "通过": "adopted", "批准": "approved", "公布": "published", "发布": "published", "颁布": "published",
    "修正": "amended", "修改": "amended", "修订": "revised", "施行": "in_force", "实施": "in_force",
}
# The verb that ends an event: "…会议通过", "…决定》第二次修正", "…起施行", "…令第363号公布"; a rule amended by a
# decree is "修正发布" (江苏省人民政府第109号令修正发布): amended, the 发布 being its republication.
_VERB_END_RE = regex.compile(
    rf"(?:第(?P<ord>{_CN_NUM})次)?[ \u3000]*(?P<verb>(?:修正|修订|修改)?(?:公布|发布)|通过|批准|颁布|修正|修订|修改"
    rf"|起?施行|起?实施)[ \u3000]*$"
)
# "国务院令第363号", and the local governments' "北京市人民政府第228号令"
_ORDER_RE = regex.compile(
    rf"(?P<organ>[\p{{Han}}]{{2,30}}?)(?:令[ \u3000]*(?P<num>第?[ \u3000]*{_CN_NUM}[ \u3000]*号)"
    rf"|第[ \u3000]*{_CN_NUM}[ \u3000]*号[ \u3000]*令)"
)
_BY_ORDER_LEAD = regex.compile(r"^(?:同日|当日|并|随即)?以")  # "同日以…主席令第23号公布": the words before the organ
_SESSION_RE = regex.compile(rf"第{_CN_NUM}届")
_MEETING_RE = regex.compile(
    rf"第{_CN_NUM}次(?:全体|常务|部务|局务|委务|署务|行务|主任)?会议.*$|(?:审判|检察)委员会$|常务会议$"
    rf"|(?:部务|局务|委务|署务|行务)会议(?:审议)?$"
)
_TAIL_WORDS = ("通过的", "根据", "以", "的", "、", "，", "和", "及")
_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PRC = "中华人民共和国"
# The promulgation order of a law or an administrative regulation:
# "《X》已由…会议于2020年6月20日通过，现予公布，自2021年1月1日起施行。" / "《X》已经2020年…国务院第N次常务会议通过";
# a ministry's: "《X》已于2003年9月18日经劳动和社会保障部第5次部务会议通过，现予颁布"
_ORDER_TEXT_RE = regex.compile(
    rf"已(?:于[ \u3000]*(?P<d0>{DATE_RE.pattern})[ \u3000]*经|由|经)[ \u3000]*(?:(?P<d1>{DATE_RE.pattern})[ \u3000]*)?"
    rf"(?P<body>[^，。；]*?会议)"
    rf"[ \u3000]*(?:于[ \u3000]*(?P<d2>{DATE_RE.pattern}))?[ \u3000]*(?P<verb>通过|修订通过|修正通过)"
)
_PUBLISH_RE = regex.compile(r"现予(?:以)?(?:公布|发布|颁布)")
# "现予公布，自公布之日起施行": in force on the day of the order's date
_IN_FORCE_ON_ORDER_RE = regex.compile(r"自(?:公布|发布|颁布)之日起(?:施行|实施)")
_IN_FORCE_RE = regex.compile(rf"自[ \u3000]*(?P<d>{DATE_RE.pattern})[ \u3000]*起[ \u3000]*(?:施行|实施)")
# "本法自2018年1月1日起施行", "本条例自…起施行", "本办法自…起实施"
_BODY_IN_FORCE_RE = regex.compile(
    rf"本[\p{{Han}}]{{1,6}}?自[ \u3000]*(?P<d>{DATE_RE.pattern})[ \u3000]*起[ \u3000]*(?:施行|实施|执行)"
)
_ON_PUBLICATION_RE = regex.compile(r"本[\p{Han}]{1,6}?自(?:公布|发布)之日起(?:施行|实施|执行)")
_TITLE_SUFFIX_RE = regex.compile(r"[（(]\d{4}年(?:第[一二三四五六七八九十]+次)?(?:修正|修订|修改)?(?:本|版)?[）)]$")


def _ordinal(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s in _ORDINALS:
        return _ORDINALS[s]
    if s.startswith("十") and s[1:] in _ORDINALS:
        return 10 + _ORDINALS[s[1:]]
    return None


# a verb or the word 公告 run into an organ's name in a 题注 line
_ORGAN_TAIL_RE = regex.compile(r"(?:审议|公告|公布|批准|通过|发布)+$")


def organ_of(body: str | None, instrument: str | None = None) -> str | None:
    """The issuing organ an event names: a meeting's organ without 届 and 次会议, an order's organ, or the organ
    in front of an instrument's 关于.

    >>> organ_of("第八届全国人民代表大会常务委员会第三次会议")
    '全国人民代表大会常务委员会'
    >>> organ_of("北京市第十一届人民代表大会第四次会议")
    '北京市人民代表大会'
    >>> organ_of("最高人民检察院第十四届检察委员会第十次会议")
    '最高人民检察院'
    >>> organ_of("中华人民共和国国务院令第363号")
    '国务院'
    >>> organ_of(None, "国务院关于修改部分行政法规的决定")
    '国务院'
    >>> organ_of("经人力资源和社会保障部第6次部务会议"), organ_of("经济和信息化委员会第3次主任会议")
    ('人力资源和社会保障部', '经济和信息化委员会')
    >>> organ_of("同日以中华人民共和国主席令第23号")
    '中华人民共和国主席'
    >>> organ_of("拉萨市第九届人大常委会第七次会议"), organ_of("自治区第九届人大常委会第七次会议")
    ('拉萨市人民代表大会常务委员会', '自治区人民代表大会常务委员会')
    """
    if body:
        s = regex.sub(r"[ \u3000]+", "", body)
        m = _ORDER_RE.search(s)
        if m:
            organ = _BY_ORDER_LEAD.sub("", m.group("organ")) or m.group("organ")  # 同日以中华人民共和国主席令第23号公布
            return organ if organ == f"{_PRC}主席" else organ.removeprefix(_PRC) or organ
        s = _SESSION_RE.sub("", s)
        s = _MEETING_RE.sub("", s)
        s = _MEETING_RE.sub("", s)
        s = s.removeprefix(_PRC) if s != f"{_PRC}主席" else s
        s = _ORGAN_TAIL_RE.sub("", s)  # 大连市人民代表大会常务委员会审议, 青岛市人民代表大会常务委员会公告
        if s.endswith("人民代表大会常务"):  # a 题注 that dropped 委员会 (重庆市第一届人民代表大会常务第二十八次会议)
            s += "委员会"
        if s.endswith("人大常委会"):  # the short name (拉萨市第九届人大常委会第七次会议修订): the standing committee
            s = s.removesuffix("人大常委会") + "人民代表大会常务委员会"
        s = regex.sub(r"^经(?!济)", "", s)  # "经人力资源和社会保障部第6次部务会议通过": the verb's 经, not the organ's
        if len(s) >= 2:
            return s
    if instrument:
        head = instrument.split("关于")[0]
        if 2 <= len(head) <= 20 and head != instrument:
            return head.removeprefix(_PRC) or head
    return None


def _strip_tail(s: str) -> str:
    s = s.strip(" \u3000\n（()）")
    changed = True
    while changed:
        changed = False
        for w in _TAIL_WORDS:
            if s.endswith(w) and len(s) > len(w):
                s = s[: -len(w)].rstrip(" \u3000\n")
                changed = True
    return s


def _verb(printed: str) -> str:
    """The event a verb names: "修正发布" is an amendment, "起施行" an entry into force."""
    printed = printed.removeprefix("起")
    return _VERBS[printed[:2]] if printed[:2] in ("修正", "修订", "修改") else _VERBS[printed]


def _event(
    seg: str, base: int, date_end: int, date: dt.date | None, verb_hint: tuple[str, int | None] | None
) -> VersionEvent | None:
    """One event from a segment of a 题注 (``根据``/``自``, a date ending at ``date_end`` of the segment, the
    rest) that starts at ``base`` of the document's text; ``verb_hint`` for a segment without a verb, whose act
    the next event names."""
    rest = seg[date_end:]
    tail = rest.rstrip(" \u3000\n）)。；，,、（(")
    vm = _VERB_END_RE.search(tail)
    if vm:
        verb, ordinal = _verb(vm.group("verb")), _ordinal(vm.group("ord"))
        tail = tail[: vm.start()]
    elif verb_hint is not None:
        verb, ordinal = verb_hint
    else:
        return None
    instrument = None
    i, j = tail.find("《"), tail.rfind("》")
    if 0 <= i < j:
        instrument = regex.sub(r"[ \u3000]*\n[ \u3000]*", "", tail[i + 1: j])
        tail = tail[:i]
    tail = _strip_tail(tail.removesuffix("起").rstrip())
    body = regex.sub(r"[ \u3000\n]+", "", tail) or None
    order = None
    if body:
        m = _ORDER_RE.search(body)
        if m:
            order = m.group(0).replace(" ", "")
    quote = seg.strip(" \u3000\n（()）").rstrip("，、；。;,")
    lead = len(seg) - len(seg.lstrip(" \u3000\n（("))
    return VersionEvent(
        event=verb,  # type: ignore[arg-type]
        date=date,
        body=body,
        organ=organ_of(body, instrument) if verb != "in_force" else None,
        order=order,
        instrument=instrument,
        ordinal=ordinal,
        quote=quote,
        span=(base + lead, base + lead + len(quote)),
    )


def parse_tizhu(text: str, base: int = 0) -> list[VersionEvent]:
    """The events of a 题注 ``text`` that starts at offset ``base`` of the document's text, in printed order.

    >>> [(e.event, str(e.date), e.organ) for e in parse_tizhu("（2010年11月22日第十一届全国人民代表大会常务委员会"
    ...     "第十八次会议通过 根据2022年2月23日第十三届全国人民代表大会常务委员会第三十三次会议"
    ...     "《关于修改〈X法〉的决定》修正）")]
    [('adopted', '2010-11-22', '全国人民代表大会常务委员会'), ('amended', '2022-02-23', '全国人民代表大会常务委员会')]
    >>> [(e.event, str(e.date), e.organ) for e in parse_tizhu("1994年5月12日第八届全国人民代表大会常务委员会第七次会议通过，"
    ...     "同日以中华人民共和国主席令第23号公布，自1995年1月1日起施行。")]
    [('adopted', '1994-05-12', '全国人民代表大会常务委员会'), ('published', '1994-05-12', '中华人民共和国主席'), ('in_force', '1995-01-01', None)]
    """
    dates = list(DATE_RE.finditer(fold_digits(text)))
    # a date right after 自 is the start of its own segment ("自2011年1月1日起施行"); the 自 goes with it
    starts = []
    for m in dates:
        s = m.start()
        k = s
        while k > 0 and text[k - 1] in " \u3000":
            k -= 1
        for w in ("根据", "自", "于"):
            if text[:k].endswith(w):
                k -= len(w)
                break
        starts.append((k, m))
    out: list[VersionEvent | None] = []
    pending: list[tuple[str, int, regex.Match[str]]] = []
    for n, (k, m) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        seg = text[k:end]
        same_day = seg.find("同日", m.end() - k)  # "…会议通过，同日以…主席令第23号公布": two events of one date
        if same_day > 0 and (first := _event(seg[:same_day], base + k, m.end() - k, parse_date(m.group(0)), None)):
            out.append(first)
            k, seg = k + same_day, seg[same_day:]
            ev = _event(seg, base + k, 2, parse_date(m.group(0)), None)
        else:
            ev = _event(seg, base + k, m.end() - k, parse_date(m.group(0)), None)
        if ev is None:
            pending.append((seg, base + k, m))
            continue
        for pseg, pbase, pm in pending if ev.event != "in_force" else []:
            # a joint act: "A会议、B会议通过" gives each its own date and organ
            out.append(_event(pseg, pbase, pm.end() - (pbase - base), parse_date(pm.group(0)), (ev.event, ev.ordinal)))
        pending = []
        out.append(ev)
    return [e for e in out if e is not None]


def is_order_text(p: str) -> bool:
    """A promulgation paragraph: "《X》已经…会议通过，现予公布" (颁布, 发布).

    >>> is_order_text("《X规定》已经2008年4月7日市政府第5次常务会议通过，现予公布，自2008年5月1日起施行。")
    True
    >>> is_order_text("现予公布的名单如下")
    False
    """
    return bool(_PUBLISH_RE.search(p)) and bool(_ORDER_TEXT_RE.search(fold_digits(p)))


def parse_order(text: str, base: int = 0, signed: dt.date | None = None) -> list[VersionEvent]:
    """The events of a promulgation order paragraph: adoption by a meeting, publication, entry into force;
    ``signed`` is the order's date, the day "自公布之日起施行" comes into force on.

    >>> [(e.event, str(e.date)) for e in parse_order("《中华人民共和国X法》已由中华人民共和国第十三届全国人民代表"
    ...     "大会常务委员会第二十次会议于2020年6月20日通过，现予公布，自2021年1月1日起施行。")]
    [('adopted', '2020-06-20'), ('in_force', '2021-01-01')]
    >>> [(e.event, str(e.date), e.organ) for e in parse_order("《X办法》已于2003年9月18日经劳动和社会保障部第5次"
    ...     "部务会议通过，现予颁布，自2004年1月1日起施行。")]
    [('adopted', '2003-09-18', '劳动和社会保障部'), ('in_force', '2004-01-01', None)]
    >>> [(e.event, str(e.date)) for e in parse_order("《X细则》已经2011年10月10日市政府第121次常务会议通过，"
    ...     "现予公布，自公布之日起施行。", signed=dt.date(2011, 10, 19))]
    [('adopted', '2011-10-10'), ('in_force', '2011-10-19')]
    """
    folded = fold_digits(text)
    out = []
    m = _ORDER_TEXT_RE.search(folded)
    if m:
        d = m.group("d0") or m.group("d1") or m.group("d2")
        body = regex.sub(r"[ \u3000]+", "", text[m.start("body"): m.end("body")])
        verb = {"修订通过": "revised", "修正通过": "amended"}.get(m.group("verb"), "adopted")
        out.append(VersionEvent(
            event=verb,  # type: ignore[arg-type]
            date=parse_date(d) if d else None, body=body, organ=organ_of(body), order=None, instrument=None,
            ordinal=None, quote=text[m.start(): m.end()], span=(base + m.start(), base + m.end()),
        ))
    f = _IN_FORCE_RE.search(folded)
    if f:
        out.append(VersionEvent(
            event="in_force", date=parse_date(f.group("d")), body=None, organ=None, order=None, instrument=None,
            ordinal=None, quote=text[f.start(): f.end()], span=(base + f.start(), base + f.end()),
        ))
    elif signed is not None and (g := _IN_FORCE_ON_ORDER_RE.search(text)):
        out.append(VersionEvent(
            event="in_force", date=signed, body=None, organ=None, order=None, instrument=None,
            ordinal=None, quote=g.group(0), span=(base + g.start(), base + g.end()),
        ))
    return out


def decree_continued(first: str, paragraphs: Sequence[str], k: int, limit: int) -> tuple[str, int]:
    """A decree's line ``first`` (paragraph ``k``, ending in 令) joined with the next paragraph and, while no 号
    closes it, with the short ones after it up to ``limit`` (exclusive): ``中华人民共和国司法部令`` / ``第`` / ``107`` /
    ``号``. Returns the joined text and the index of its last paragraph."""
    s, n = first + paragraphs[k + 1].strip(), k + 1
    while not s.endswith("号") and n + 1 < limit and len(paragraphs[n + 1].strip()) <= 6:
        s, n = s + paragraphs[n + 1].strip(), n + 1
    return s, n


def order_line(paragraphs: Sequence[str], end: int) -> tuple[int, str, str] | None:
    """The promulgation order among the first ``end`` paragraphs, ``国务院令 第N号`` on one line or more (``…令`` /
    ``第`` / ``107`` / ``号``): (index of its last line, the order as printed without spaces, its organ)."""
    for k in range(min(end, len(paragraphs))):
        s = regex.sub(r"[ \u3000]+", "", paragraphs[k]).strip("（()）")  # "(劳动和社会保障部令第17号)"
        if s.endswith("令") and len(s) <= 20 and k + 1 < len(paragraphs):
            joined, k = decree_continued(s, paragraphs, k, min(end + 3, len(paragraphs)))
            s = regex.sub(r"[ \u3000]+", "", joined)
        m = _ORDER_RE.match(s)
        if m and len(s) <= 40 and m.end() == len(s):
            organ = organ_of(m.group(0))
            if organ:
                return k, m.group(0), organ
    return None


# "劳动和社会保障部令第17号于2003年9月23日公布，自2004年1月1日起施行；…": a repository's note on the decree
_NOTE_RE = regex.compile(rf"^[\p{{Han}}]{{2,30}}令[ \u3000]*第[ \u3000]*{_CN_NUM}[ \u3000]*号于[ \u3000]*{DATE_RE.pattern}")


def is_note_line(line: str) -> bool:
    """A line a repository of rules wrote under the title, telling of the decree in a sentence.

    >>> is_note_line("人力资源社会保障部令第8号于2010年12月31日公布，自2011年1月1日起施行；人社部现行规章库提供完整文本。")
    True
    >>> is_note_line("（2010年12月31日人力资源社会保障部令第 8号公布 自2011年1月1日起施行）")
    False
    """
    return bool(_NOTE_RE.match(fold_digits(line.strip())))


_SHORT_GOVERNMENTS = {"市政府": "市人民政府", "省政府": "省人民政府", "区政府": "区人民政府", "县政府": "县人民政府"}


def resolve_events(events: Sequence[VersionEvent]) -> list[VersionEvent]:
    """The events with a government named short given its full name, and without a publication that repeats an
    amendment of the same day and organ.

    A meeting of "市政府第121次常务会议" is of the 上海市人民政府 its decree names. A line "2025年3月18日 国家市场监督
    管理总局公布" over a 题注 that prints "根据2025年3月18日国家市场监督管理总局令第101号修订" is that one decree.
    """
    full = [e.organ for e in events if e.organ]
    out = []
    for e in events:
        # "市政府第138次常务会议" / "市人民政府第138次常务会议": the 重庆市人民政府 its decree names
        short = _SHORT_GOVERNMENTS.get(e.organ or "") or (e.organ if e.organ in _SHORT_GOVERNMENTS.values() else None)
        if short:
            named = next((o for o in full if o.endswith(short) and len(o) > len(short)), None)
            e = e.model_copy(update={"organ": named}) if named else e
        out.append(e)
    amended = {(e.date, e.organ) for e in out if e.event in ("amended", "revised")}
    return [e for e in out if not (e.event == "published" and (e.date, e.organ) in amended)]


def issuers_of(events: Sequence[VersionEvent]) -> list[str]:
    """The organs that made the version: each organ that acted, but not one whose decrees (令) a later decree
    of another organ amended (the rule passed to that organ: 国家工商行政管理总局令第68号, revised by 国家市场监督
    管理总局令第101号), nor the President, who signs a law."""
    last_order = next((e for e in reversed(events) if e.order and e.organ and e.event != "published"), None)
    out = []
    for e in events:
        if not e.organ or e.organ == f"{_PRC}主席":
            continue
        if last_order is not None and e.organ != last_order.organ and e.order and e.date and last_order.date \
                and e.date < last_order.date and all(x.order for x in events if x.organ == e.organ):
            continue
        out.append(e.organ)
    names = [o for o in dict.fromkeys(out) if not _published_for(o, events)]
    # 辽宁省大连市人民代表大会常务委员会 is 大连市人民代表大会常务委员会
    names = [o for o in names if not any(o != x and o.endswith(x) and o[: -len(x)].endswith(("省", "自治区")) for x in names)]
    # a province's 人大常委会 beside a city's (or a county's) congress approves the city's 条例 (even where the 题注
    # says 修正 for its 批准)
    if any(_CITY_CONGRESS_RE.search(o) for o in names):
        names = [o for o in names if not _PROVINCE_CONGRESS_RE.search(o)]
    return names


def _published_for(organ: str, events: Sequence[VersionEvent]) -> bool:
    """An organ that only published, by no decree of its own, a rule another organ approved and then revised
    itself: the rule is the approver's (价格违法行为行政处罚规定: 1999年7月10日 国务院批准, 1999年8月1日 国家发展计划
    委员会发布, then three 国务院 revisions). One that published it by its decree (1999年5月25日 民政部令第14号发布)
    made it too."""
    acts = [e for e in events if e.organ == organ]
    if not acts or any(e.event != "published" or e.order for e in acts):
        return False
    approvers = {e.organ for e in events if e.event == "approved" and e.organ != organ}
    return any(e.event in ("amended", "revised") and e.organ in approvers for e in events)


# a city's, an autonomous prefecture's or a county's congress or its standing committee (互助土族自治县人民代表大会
# makes a 变通规定 that 青海省人大常委会 approves)
_CITY_CONGRESS_RE = regex.compile(r"^(?!北京|上海|天津|重庆)[\p{Han}]{1,12}(?:市|州|县|旗)人民代表大会(?:常务委员会)?$")
_PROVINCE_CONGRESS_RE = regex.compile(r"(?:省|自治区)人民代表大会常务委员会$")


# The 国务院机构改革 that passed a department's rules to a new one: predecessor -> (successor, the day the
# 全国人民代表大会 approved the reform). A repository may name the successor for an act done before it existed.
_REFORMS = {
    "劳动和社会保障部": ("人力资源社会保障部", dt.date(2008, 3, 15)),
    "国家工商行政管理总局": ("国家市场监督管理总局", dt.date(2018, 3, 17)),
}
_FOUNDED = {successor: day for successor, day in _REFORMS.values()}
# "本办法由国家工商行政管理总局负责解释": the department that made a 部门规章
_INTERPRETER_RE = regex.compile(r"本[\p{Han}]{1,6}?由(?P<organ>[\p{Han}]{2,30}?)负责解释")


def anachronistic(events: Sequence[VersionEvent]) -> bool:
    """Whether an event names an organ that did not exist on its date."""
    return any(e.organ in _FOUNDED and e.date is not None and e.date < _FOUNDED[e.organ] for e in events)


def interpreter(paragraphs: Sequence[str]) -> str | None:
    """The organ a rule says interprets it: "本办法由国家工商行政管理总局负责解释".

    >>> interpreter(["第二十条  本办法由国家工商行政管理总局负责解释。"])
    '国家工商行政管理总局'
    """
    for p in paragraphs:
        m = _INTERPRETER_RE.search(p)
        if m:
            return m.group("organ")
    return None


def in_force_in_body(paragraphs: Sequence[str], events: Sequence[VersionEvent] = ()) -> dt.date | None:
    """The date the text says it comes into force on: the last "本…自DATE起施行" of the document, or, for
    "本…自公布之日起施行", the date of the first publication among ``events`` (the article's own version's).

    >>> in_force_in_body(["第二条 本条例自2011年1月1日起施行。"])
    datetime.date(2011, 1, 1)
    """
    for p in reversed(paragraphs):
        m = _BODY_IN_FORCE_RE.search(p)
        if m:
            return parse_date(m.group("d"))
        if _ON_PUBLICATION_RE.search(p):
            published = [e.date for e in events if e.event == "published" and e.date is not None]
            return published[0] if published else None
    return None


def latest_date(events: Sequence[VersionEvent]) -> dt.date | None:
    """The date of the latest version: the last adoption, approval, publication, amendment or revision."""
    dates = [e.date for e in events if e.event != "in_force" and e.date is not None]
    return max(dates) if dates else None


def work_title(title: str | None) -> str:
    """A title as a work is known by: normalized, without a trailing ``（2019年修正）`` version label, and without
    暂行 (a 暂行办法 revised into the 办法 is one work: 企业经营异常名录管理暂行办法, revised by 令第101号). A 试行
    version stays apart: it is replaced, not revised.

    >>> work_title("中华人民共和国反不正当竞争法（2019年修正）")
    '中华人民共和国反不正当竞争法'
    >>> work_title("企业经营异常名录管理暂行办法") == work_title("企业经营异常名录管理办法")
    True
    """
    t = norm_title(title or "")
    return _TITLE_SUFFIX_RE.sub("", t).replace("暂行", "")


def work_titles(doc: Document) -> set[str]:
    """The titles a document is known by as a work: its own and, for a notice that issues one, the instrument's."""
    return {t for t in (work_title(doc.title), work_title(doc.instrument_title)) if t}


def _organs(doc: Document) -> set[str]:
    out = set()
    for name in list(doc.issuers) + [e.organ for e in doc.versions if e.organ]:
        for part in str(name).split("、"):
            part = part.strip().removeprefix(_PRC)
            if part:
                out.add(_REFORMS[part][0] if part in _REFORMS else part)
    return out


def same_work(a: Document, b: Document) -> bool:
    """Whether two documents are versions of one work: the same title once the 题注 and a version label are left
    out, the same region when both have one, and an issuing organ in common when both name one (a department
    and the one a reform passed its rules to are one: 劳动和社会保障部, 人力资源社会保障部). A notice that issues
    the work (关于印发《X》的通知) is known by the title of the instrument it issues as well."""
    ta, tb = work_titles(a), work_titles(b)
    if not ta & tb:
        return False
    if a.region and b.region and a.region != b.region:
        return False
    oa, ob = _organs(a), _organs(b)
    return not oa or not ob or bool(oa & ob)
