"""Metadata of one document from its paragraphs: title, type, 文号, issuers, recipients, 抄送, date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..divisions import named_city, region_of
from ..records import DocNumber, VersionEvent
from ..text.numbering import match_marker
from ..text.patterns import (
    DATE_LINE_RE,
    DOC_NUMBER_LINE_RE,
    fold_digits,
    is_tizhu_line,
    norm_title,
    parse_date,
    parse_decree_number,
    parse_doc_number,
    title_text,
)
from .heads import doc_type_of, full_organ_name, is_head_like, organ_of_number, split_organs
from .versions import (
    anachronistic,
    decree_continued,
    in_force_in_body,
    interpreter,
    is_note_line,
    is_order_text,
    issuers_of,
    latest_date,
    order_line,
    parse_order,
    parse_tizhu,
    resolve_events,
)

_INSTRUMENT_RE = regex.compile(r"关于(?:印发|转发|颁发|发布)[ \u3000]*《?(?P<x>.+?)》?[ \u3000]*的[ \u3000]*通[ \u3000]*知")
_MULTI_RE = regex.compile(r"等[ \u3000]*\d+[ \u3000]*个[\p{Han}]{1,4}$")
_TITLE_START = regex.compile(r"^(?P<organ>.*?)[ \u3000]*(?P<rest>关于.+)$")
_TITLE_SPLIT = regex.compile(r"[ \u3000]+")
HEAD_SCAN = 40
# "（此件公开发布）", "（此件主动公开）": the release note a government prints under a decree or a signature
_PUBLIC_NOTE_RE = regex.compile(r"^[（(]此件[\p{Han}]{2,8}[）)]$")
# "关于解决农民工住房问题的指导意见(鄂建【2015】13号）": a page's title line with the document's 文号 after it
_TRAILING_NUMBER = regex.compile(r"(?<=\S)[ \u3000]*[(（][^()（）]*?[〔【\[(（]?(?:19|20)\d{2}[〕】\])）]?[^()（）]*?号[)）]$")
# "2012年4月28日 中华人民共和国国务院令第619号公布": the decree named on the 题注 line that publishes the rule
_PUBLISHED_BY = regex.compile(r"(?P<d>[^ \u3000]+令[ \u3000]*第[ \u3000]*[\d一二三四五六七八九十百〇零]+[ \u3000]*号)[ \u3000]*(?:公布|发布)$")
# "南京市第十三届人民代表大会常务委员会第十一次会议制定": the body that made a rule whose 题注 prints no date
_MADE_BY = regex.compile(r"(?P<place>\p{Han}{2,12}?[省市州县区])第[\p{Han}\d]{1,4}届人民代表大会常务委员会第[\p{Han}\d]{1,4}次会议(?:制定|通过)")


# A web page's fields printed over the text: "【标　题】 关于…的通知", "【文　　号】 津国土房改〔2008〕291号",
# "发布机构 \t市政府办公厅 \t 发布时间 \t2016-04-27 \t 文号： \t市政办发〔2016〕23号". A tag in brackets that is no
# field name ("【创政策】贷你创业︱一图解读…") is part of a headline.
_FIELD_NAMES = ("标题", "题目", "名称", "文号", "发文字号", "发文号", "内容分类", "主题分类", "分类", "颁布单位", "发布单位",
                "发布机构", "发文机关", "发文单位", "颁布日期", "发布日期", "发布时间", "成文日期", "实施日期", "生效日期", "日期",
                "索引号", "效力级别", "时效性", "时效", "来源", "信息来源", "内容概述", "发文日期", "主题词")
_BRACKET_FIELD_RE = regex.compile(r"^[ \u3000]*【(?P<name>[^】]{1,12})】[ \u3000\xa0\t:：]*(?P<value>.*)$")
# "索 引 号：FZ00101-2706-2012-00090", "发布机构：福州市人民政府办公厅": a field name and a colon at the line's start
_COLON_FIELD_RE = regex.compile(r"^[ \u3000\xa0]*(?P<name>\p{Han}(?:[ \u3000\xa0]*\p{Han}){1,5})[ \u3000\xa0]*[：:](?P<value>.*)$")
_NUMBER_FIELD_RE = regex.compile(r"(?:发文字号|发文号|文[ \u3000]*号)[ \u3000\xa0\t]*[：:][ \u3000\xa0\t]*(?P<value>.*)$")


def _field(line: str) -> tuple[str, str] | None:
    r"""A web page's field line: (its name, its value); None for any other line.

    >>> _field("【文\u3000\u3000号】 津国土房改〔2008〕291号")
    ('文号', '津国土房改〔2008〕291号')
    >>> _field("发布机构 \t市政府办公厅 \t 发布时间 \t2016-04-27 \t 文号： \t市政办发〔2016〕23号")
    ('文号', '市政办发〔2016〕23号')
    >>> _field("【创政策】贷你创业︱一图解读《上海市创业担保贷款实施办法》") is None
    True
    >>> _field("索\xa0引\xa0号：FZ00101-2706-2012-00090")
    ('索引号', 'FZ00101-2706-2012-00090')
    >>> _field("各县（市）区人民政府，市直各委、办、局（公司）：") is None
    True
    """
    m = _BRACKET_FIELD_RE.match(line)
    if m:
        name = regex.sub(r"[ \u3000\xa0]+", "", m.group("name"))
        return (name, m.group("value").strip()) if name in _FIELD_NAMES else None
    c = _COLON_FIELD_RE.match(line)
    if c and (name := regex.sub(r"[ \u3000\xa0]+", "", c.group("name"))) in _FIELD_NAMES:
        return name, c.group("value").strip()
    n = _NUMBER_FIELD_RE.search(line)
    if n and "\t" in line and parse_doc_number(n.group("value")) is not None:
        return "文号", n.group("value").strip()
    return None


_DATE_FIELDS = ("成文日期", "发文日期", "颁布日期", "发布日期", "发布时间", "日期")
"""A web page's fields that date the text it prints (first the one it was signed, then the one it was published)."""
FIELD_SCAN = 12  # a web page's fields are looked for in its first paragraphs


def _field_date(paragraphs: Sequence[str]) -> dt.date | None:
    """The date a web page's field lines give a text that prints none (日期：2014-09-04 over a news item)."""
    fields = dict(f for p in paragraphs if (f := _field(p)) is not None and f[0] in _DATE_FIELDS)
    for name in _DATE_FIELDS:
        value = fold_digits(fields.get(name, ""))
        if (d := parse_date(value)) is not None:
            return d
        if (m := _ISO_DATE.match(value)) is not None:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


_ISO_DATE = regex.compile(r"^[ \u3000]*((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")


@dataclass(slots=True)
class Head:
    """What the head and signature of a document say, with paragraph indices of its parts."""

    title: str | None = None
    instrument_title: str | None = None
    doc_type: str | None = None
    instrument_type: str | None = None
    doc_number: DocNumber | None = None
    issuers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    date: dt.date | None = None
    body_start: int = 0
    signature: int | None = None
    instrument_start: int | None = None
    effective_date: dt.date | None = None
    versions: list[VersionEvent] = field(default_factory=list)


def split_list(s: str) -> list[str]:
    """Split a list of organs on ，、；, but not inside brackets, nor after bare kinds of division that share the
    organ after them ("各省、自治区、直辖市人民政府": one recipient).

    >>> split_list("各县（市、区）人力资源和社会保障局，局机关各科室、局属各单位：")
    ['各县（市、区）人力资源和社会保障局', '局机关各科室', '局属各单位']
    >>> split_list("各区、县人民政府，市人民政府各工作部门、各直属机构：")
    ['各区、县人民政府', '市人民政府各工作部门', '各直属机构']
    >>> split_list("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    ['各省、自治区、直辖市人民政府', '国务院各部委', '各直属机构']
    >>> split_list("各区、县人民政府，各委、局，各直属单位："), split_list("各市、直管市、神农架林区房管局，恩施州住建委:")
    (['各区、县人民政府', '各委、局', '各直属单位'], ['各市、直管市、神农架林区房管局', '恩施州住建委'])
    """
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    for c in s.strip().rstrip("：:。"):
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        if c in "，,、；;" and depth == 0:
            if c == "、" and _BARE_DIVISIONS.match("".join(buf).strip()):
                buf.append(c)
                continue
            out.append("".join(buf).strip())
            buf = []
        else:
            buf.append(c)
    out.append("".join(buf).strip())
    return [x for x in out if x]


# "各省", "自治区", "直辖市", "各区", "直管市", "县（市、区）": kinds of division with no organ, before a 、; "各委" (各委、局)
_BARE_DIVISIONS = regex.compile(
    r"^(?:[^、]*、)*各?(?:(?:直管|县级|地级)?(?:省|自治区|直辖市|市|州|盟|区|县|旗|乡|镇|街道)|委|厅|局)(?:[（(][^）)]*[）)])?$")


def _head_lines(paragraphs: Sequence[str]) -> int:
    """Index of the first paragraph after the head block."""
    k = 0
    while k < min(len(paragraphs), HEAD_SCAN) and (is_head_like(paragraphs[k]) or DOC_NUMBER_LINE_RE.match(paragraphs[k])
                                                   or _field(paragraphs[k])):
        k += 1
    return k


_DECREE_RE = regex.compile(r"^(?:(?P<organ>\S{2,30}?)令[ \u3000]*(?:[〔\[(（]?\d{4}[〕\])）]?)?[ \u3000]*(?:第[ \u3000]*[\d一二三四五六七八九十百〇零]+[ \u3000]*号)?|第[ \u3000]*[\d一二三四五六七八九十百〇零]+[ \u3000]*号)$")


def _once(title: str) -> str:
    """A title printed twice, the second time over two lines, is one title.

    >>> _once("四川省《中华人民共和国母婴保健法》实施办法四川省《中华人民共和国母婴保健法》实施办法")
    '四川省《中华人民共和国母婴保健法》实施办法'
    """
    half = len(title) // 2
    return title[:half] if len(title) % 2 == 0 and half >= 4 and title[:half] == title[half:] else title


def _inline_tizhu(line: str) -> str:
    """A title line without a 题注 printed on the same line after it.

    >>> _inline_tizhu("北京市禁止违法建设若干规定(2011 年 1 月 10 日北京市人民政府第 228 号令公布)")
    '北京市禁止违法建设若干规定'
    >>> _inline_tizhu("关于做好2023年就业工作的通知（试行）")
    '关于做好2023年就业工作的通知（试行）'
    """
    at = _inline_tizhu_at(line)
    return line if at is None else line[:at].rstrip()


def _inline_tizhu_at(line: str) -> int | None:
    """Where a 题注 printed after the title on the title's line opens its bracket."""
    for m in regex.finditer(r"[(（]", line):
        # a 题注 is under 1,500 characters (is_tizhu_line): 1,501 of the rest answer as the whole rest does, and each
        # bracket no longer copies the rest of its line ('（1元'*n was quadratic, issue 13)
        if m.start() > 0 and is_tizhu_line(line[m.start() : m.start() + TIZHU_READ]):
            return m.start()
    return None


TIZHU_READ = 1501


# a 题注 that prints no date (（临沧市第三届人民代表大会常务委员会第二十九次会议通过 云南省…会议批准）): a session and a verb
_UNDATED_TIZHU = regex.compile(r"^[（(][^（）()]{0,300}?会议[^（）()]{0,300}?(?:通过|批准|修正|修订)")


def _title(paragraphs: Sequence[str], end: int) -> tuple[str | None, list[str], list[str]]:
    """The title, the organs printed with the title, and the organs of the ``…文件`` header.

    Organ lines before a ``文件`` line or a 文号 are the header; organ lines right above the title are part of
    the title (a joint document's issuers); once the title has started it runs to the 文号 or the head's end.
    """
    header: list[str] = []
    pending: list[int] = []
    run: list[int] = []
    texts: dict[int, str] = {}
    field_title = None
    makers: list[str] = []
    for k in range(end):
        p = paragraphs[k].strip()
        field = _field(p)
        if field is not None:  # a web page's field over the text: the title printed under them is the title
            if run:
                break
            field_title = field[1] if field[0] in ("标题", "题目", "名称") and field[1] else field_title
            continue
        if DOC_NUMBER_LINE_RE.match(p):
            if run:
                break
            header += [o for i in pending for o in split_organs(paragraphs[i])]
            pending = []
            continue
        if _TITLE_SPLIT.sub("", p) == "文件":
            header += [o for i in pending for o in split_organs(paragraphs[i])]
            pending = []
            run, texts = [], {}  # lines read as the title before a 文件 line were the header's, not the title
            continue
        if run and (is_tizhu_line(p) or _UNDATED_TIZHU.match(p)):
            break
        decree = _DECREE_RE.match(p)
        if decree:  # 上海市人民政府令 / 第71号: the decree that promulgates the rule, not its title
            if run:
                break
            header += split_organs(decree.group("organ") or "")
            continue
        organs = split_organs(p)
        if run and organs and doc_type_of(" ".join(texts.values())):
            makers = organs
            break  # "市医改办  市卫计委  市财政局" under a title that has ended: its makers, not more of it
        if not run and organs:
            if "文件" in p:
                header += organs
            else:
                pending.append(k)
            continue
        cut = _TRAILING_NUMBER.sub("", _inline_tizhu(p))
        if any(texts.get(i, paragraphs[i].strip()) == cut for i in run):  # the title printed again: it ended
            break
        run.append(k)
        texts[k] = cut
        if cut != p:  # the 题注 follows the title on its line: the title ends there
            break
    if not run:
        return (title_text(field_title) if field_title else None), [], header
    title = _once(title_text(" ".join(texts.get(i, paragraphs[i].strip()) for i in pending + run)))
    organs = [o for i in pending for o in split_organs(paragraphs[i])]
    m = _TITLE_START.match(title_text(paragraphs[run[0]]))
    if m and m.group("organ") and not pending:
        organs += _joint_organs(split_organs(paragraphs[run[0]].split("关于")[0]))
    # the makers under the title when the title names none ("最高人民法院关于…规定" / "中华人民共和国最高人民法院": one)
    return title, organs or makers, header


def _joint_organs(organs: list[str]) -> list[str]:
    """"最高人民法院、最高人民检察院" printed before 关于 as two organs, when each part is one."""
    out = []
    for o in organs:
        parts = o.split("、")
        out += parts if len(parts) > 1 and all(split_organs(x) == [x] for x in parts) else [o]
    return out


def _offsets(paragraphs: Sequence[str], upto: int) -> list[int]:
    out, n = [], 0
    for p in paragraphs[:upto]:
        out.append(n)
        n += len(p) + 1
    return out


ORDER_SCAN = 10
NUMBER_PLACE_SCAN = 3000
PLACE_SCAN = 20000  # the characters of a text read for the city an organ printed without its place is of  # the characters of a text read for the place a 文号's prefix names
DECREE_SCAN = 6  # a rule's decree number (省政府令第175号) is printed among its first lines


def _decree_number(paragraphs: Sequence[str]) -> DocNumber | None:
    """The decree number of a rule that prints no 文号: ``省政府令第175号`` on a line, or ``上海市人民政府令`` / ``第32号``
    on two."""
    for k, p in enumerate(paragraphs):
        published = _PUBLISHED_BY.search(p.strip())
        got = parse_decree_number(published.group("d") if published else p)
        if got is None and k + 1 < len(paragraphs) and p.strip().endswith("令"):
            got = parse_decree_number(decree_continued(p.strip(), paragraphs, k, min(len(paragraphs), k + 4))[0])
        if got is not None:
            return got
    return None


def _order_block(paragraphs: Sequence[str]) -> tuple[int, int, list[VersionEvent]] | None:
    """A promulgation order printed before the title or between two printings of it: the decree
    (``中华人民共和国国务院令 第583号``, ``上海市人民政府令 / 第71号``, ``(劳动和社会保障部令第17号)``; a rule may
    print none), its text (``《X》已经…会议通过，现予公布，自…起施行。``), the signer (``市长 韩正``) and the date
    (``二○一一年十月十九日``): (its first paragraph, the paragraph after it, its events)."""
    text_at = next((j for j in range(min(len(paragraphs), ORDER_SCAN)) if is_order_text(paragraphs[j])), None)
    order = order_line(paragraphs, 3 if text_at is None else text_at)
    if order is not None:
        start = order[0] + 1
    elif text_at is not None:
        start = text_at
    else:
        return None
    scan = min(len(paragraphs), start + 8)
    offsets = _offsets(paragraphs, scan)
    texts: list[int] = []
    for j in range(start, scan):
        p = paragraphs[j]
        folded = fold_digits(p.strip())
        if any(w in p for w in ("现予", "已由", "已经", "已于")):
            texts.append(j)
        elif DATE_LINE_RE.match(folded) and (d := parse_date(folded)) is not None:
            events = [e for i in texts for e in parse_order(paragraphs[i], offsets[i], signed=d)]
            printed = order[1] if order is not None else None
            organ = order[2] if order is not None else next((e.organ for e in events if e.organ), None)
            q = p.strip()
            lead = len(p) - len(p.lstrip())
            events.append(VersionEvent(event="published", date=d, body=printed, organ=organ, order=printed,
                                       instrument=None, ordinal=None, quote=q,
                                       span=(offsets[j] + lead, offsets[j] + lead + len(q))))
            if order is None:
                return start, j + 1, events
            k = order[0]
            return k - (1 if paragraphs[k].strip().startswith("第") else 0), j + 1, events
    return None


def _history(paragraphs: Sequence[str], start: int, end: int) -> list[VersionEvent]:
    """The events of the 题注 under a title that starts at ``start``: its lines up to the head's ``end``, past
    a repository's note, the title printed again and a decree; or the 题注 printed on a title's own line."""
    scan = min(len(paragraphs), max(end, start + 1) + 8)
    offsets = _offsets(paragraphs, scan)
    title = norm_title(paragraphs[start]) if start < len(paragraphs) else ""
    first, at = None, 0
    for k in range(start, scan):
        p = paragraphs[k]
        if k > start and is_tizhu_line(p):
            first = k
            break
        inline = _inline_tizhu_at(p)
        if inline is not None:
            first, at = k, inline
            break
        if k > end and not (is_note_line(p) or norm_title(p) == title or _DECREE_RE.match(p.strip())):
            break
    if first is None:
        return []
    stop = first + 1
    while stop < scan and (is_tizhu_line(paragraphs[stop]) or _open_bracket(_from(paragraphs, first, at, stop))):
        stop += 1
    return parse_tizhu("\n".join(_from(paragraphs, first, at, stop)), offsets[first] + at)


def _from(paragraphs: Sequence[str], first: int, at: int, stop: int) -> list[str]:
    """The lines ``first`` to ``stop`` (excluded), the first from its character ``at``."""
    return [paragraphs[first][at:], *paragraphs[first + 1 : stop]]


def _open_bracket(lines: Sequence[str]) -> bool:
    """A 题注 that opened its bracket and has not closed it yet: the next line goes on with it (a wrapped line)."""
    text = "".join(lines).strip()
    return text.startswith(("（", "(")) and text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _merge(tizhu: list[VersionEvent], order: list[VersionEvent]) -> list[VersionEvent]:
    """The 题注's events, and the order's that the 题注 does not print, in the order of their dates."""
    seen = {(e.event, e.date) for e in tizhu}
    extra = [e for e in order if (e.event, e.date) not in seen]
    if not extra:
        return tizhu
    if not tizhu:
        return sorted(extra, key=lambda e: (e.event == "in_force", e.date or dt.date.min))
    return sorted(tizhu + extra, key=lambda e: (e.event == "in_force", e.date or dt.date.min))


def _organs_before_date(line: str, date: dt.date) -> list[str]:
    """Organs printed on a date line before the date: "南阳市人力资源和社会保障局 2025年10月17日印发"."""
    year = str(date.year)
    return split_organs(line.split(year)[0]) if year in line else []


def _signature(paragraphs: Sequence[str], start: int) -> tuple[int | None, list[str], dt.date | None]:
    """The first signature block after ``start``: index of its date line, its organs, its date."""
    for k in range(start, len(paragraphs)):
        p = fold_digits(paragraphs[k].strip())  # "二○一一年二月十八日": a white circle for 〇 (天津 津政发[2011]8号)
        if not DATE_LINE_RE.match(p) or "印发" in p:
            continue
        date = parse_date(p)
        if date is None:
            continue
        organs = _organs_before_date(p, date)
        j = k - 1
        while j >= start and not DOC_NUMBER_LINE_RE.match(paragraphs[j]) and (above := split_organs(paragraphs[j])):
            organs = above + organs
            j -= 1
        return k, organs, date
    return None, [], None


_RULE_TYPES = ("办法", "规定", "细则", "条例", "规则")


def _maker_of_rule(organ: str, title: str | None) -> str:
    """The government whose rule its 办公厅 prints: the 版记 "浙江省人民政府办公厅 2017年1月23日印发" of a rule
    (a title of its own, not a 关于…通知) names the office that prints it; a 办公厅 makes no 规章.

    >>> _maker_of_rule("浙江省人民政府办公厅", "浙江省餐厨垃圾管理办法")
    '浙江省人民政府'
    >>> _maker_of_rule("浙江省人民政府办公厅", "关于印发浙江省餐厨垃圾管理办法的通知")
    '浙江省人民政府办公厅'
    >>> _maker_of_rule("广东省生态环境厅办公室", "广东省生态环境行政处罚自由裁量权规定")
    '广东省生态环境厅'
    """
    if not title or "关于" in title or doc_type_of(title) not in _RULE_TYPES:
        return organ
    for office in ("办公厅", "办公室"):
        maker = organ.removesuffix(office)
        if maker != organ and (maker.endswith("人民政府") or split_organs(maker) == [maker]):
            return maker
    return organ


def _instrument_after_signature(head: Head, paragraphs: Sequence[str], sig_idx: int) -> None:
    """A notice under a letterhead that prints no title of its own ("中山市人民政府办公室文件", 文号, "《X》…现印发给
    你们"): the instrument's title after the signature is its title, and the document a 通知."""
    for p in paragraphs[sig_idx + 1 : sig_idx + 6]:
        s = p.strip()
        if is_head_like(s) and doc_type_of(s):
            head.title = head.instrument_title = title_text(s)
            head.instrument_type = doc_type_of(s)
            head.doc_type = "通知"
            return


def _placed(organs: list[str], paragraphs: Sequence[str]) -> list[str]:
    """Organs printed without their place ("市医改办  市卫计委  市财政局" under a title of 福州市) named with the city
    (or province) that the document names most; kept as printed when it names none."""
    bare = [o for o in organs if o[:1] in ("市", "省") and not o.startswith("市场") and region_of([o])[0] is None]
    if not bare:
        return organs
    text = "\n".join(paragraphs)[:PLACE_SCAN]
    places = {kind: named_city(text, kind) for kind in {o[0] for o in bare}}
    return [(places[o[0]] or "")[:-1] + o if o in bare else o for o in organs]


def paragraphs_to_head(paragraphs: Sequence[str]) -> Head:
    """Read the metadata of one document from its paragraphs."""
    head = Head()
    order = _order_block(paragraphs)
    skip = order[1] if order is not None else 0
    while skip < len(paragraphs) and _PUBLIC_NOTE_RE.match(paragraphs[skip].strip()):
        skip += 1  # "（此件公开发布）" under a decree's date: the title printed again follows
    end = _head_lines(paragraphs[skip:]) + skip
    title, title_organs, header_organs = _title(paragraphs[skip:], end - skip)
    head.title = title
    for p in paragraphs[: max(end, 1) + 2]:
        field = _field(p)
        if head.doc_number is None and field is not None and field[0] in ("文号", "发文字号", "发文号"):
            head.doc_number = parse_doc_number(field[1])
        elif head.doc_number is None and (DOC_NUMBER_LINE_RE.match(p) or p is paragraphs[0]):
            head.doc_number = parse_doc_number(p)
    if head.doc_number is None:
        head.doc_number = _decree_number(paragraphs[:DECREE_SCAN])
    if title:
        head.doc_type = doc_type_of(title)
        m = _INSTRUMENT_RE.search(title)
        if m:
            x = title_text(m.group("x")).strip("《》")
            x = _MULTI_RE.sub("", x)
            head.instrument_title = x
            head.instrument_type = doc_type_of(x)
    k = end
    # recipients (各区人民政府：), not a first article or item ending in a colon (第一条 有下列情形之一的：)
    if (k < len(paragraphs) and paragraphs[k].rstrip().endswith(("：", ":")) and len(paragraphs[k]) < 200
            and match_marker(paragraphs[k].strip()) is None):
        head.recipients = split_list(paragraphs[k])
        k += 1
    head.body_start = k
    sig_idx, sig_organs, date = _signature(paragraphs, k)
    head.signature = sig_idx
    head.date = date
    if head.date is None:
        for p in map(fold_digits, paragraphs):
            if "印发" in p and DATE_LINE_RE.match(p.strip()):
                head.date = parse_date(p)
                break
    if head.date is None:
        head.date = _field_date(paragraphs[:FIELD_SCAN])
    issuers = sig_organs or header_organs + title_organs
    if not issuers:
        for k in range(len(paragraphs) - 1, -1, -1):
            p = fold_digits(paragraphs[k])
            printed = parse_date(p) if "印发" in p and DATE_LINE_RE.match(p.strip()) else None
            if printed is not None:
                # the organ on the date's line, or alone on the line above: "广东省生态环境厅办公室" / "2021年11月14日印发"
                printers = _organs_before_date(p, printed) or (split_organs(paragraphs[k - 1]) if k else [])
                issuers = [_maker_of_rule(o, title) for o in printers]
                break
    head.versions = resolve_events(_merge(_history(paragraphs, skip, end), order[2] if order is not None else []))
    if head.versions:
        named = issuers_of(head.versions)
        maker = interpreter(paragraphs[head.body_start:]) if anachronistic(head.versions) else None
        if maker or named:
            issuers = [maker] if maker else _joint_organs(named)
        head.date = latest_date(head.versions) or head.date
    if not issuers:
        made = next((m for p in paragraphs[:DECREE_SCAN] if (m := _MADE_BY.search(p))), None)
        issuers = [made.group("place") + "人民代表大会常务委员会"] if made else issuers
    if not issuers and head.doc_number is not None and head.doc_number.year is not None:
        # a notice that signs nowhere: the organ its 文号 names (津国土房改 -> 天津市国土资源和房屋管理局)
        by_number = organ_of_number(head.doc_number.agency, " ".join(paragraphs)[:NUMBER_PLACE_SCAN])
        issuers = [by_number] if by_number else issuers
    in_force = [e.date for e in head.versions if e.event == "in_force" and e.date is not None]
    head.effective_date = in_force[-1] if in_force else in_force_in_body(paragraphs[head.body_start:], head.versions)
    head.issuers = _placed(list(dict.fromkeys(full_organ_name(o) for o in issuers)), paragraphs)
    for p in paragraphs:
        s = p.strip()
        if s.startswith(("抄送", "抄报")):
            head.cc = split_list(regex.sub(r"^抄[送报][ \u3000]*[：:]?", "", s))
    if head.title is None and sig_idx is not None and any("印发" in p for p in paragraphs[head.body_start : sig_idx]):
        _instrument_after_signature(head, paragraphs, sig_idx)
    if head.instrument_title and sig_idx is not None:
        key = norm_title(head.instrument_title)
        for j in range(sig_idx + 1, min(len(paragraphs), sig_idx + 12)):
            if norm_title(paragraphs[j]).startswith(key[: max(6, len(key) // 2)]):
                head.instrument_start = j
                break
    return head
