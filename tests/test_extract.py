"""Extraction: every kind of example quoted in issue 3, with its full normalized result.

A case lists the parameters expected from a text, in order, as
(kind, value, value_max, bound, per, base) plus optional checks: benefit/group substrings, cap, approximate.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.evidence import verbatim
from extractor.extract import document_to_quantities, text_to_quantities
from extractor.ingest.raw import RawDoc, RawLine
from extractor.normalize.text import normalize_chars
from extractor.pipeline import raw_to_documents
from extractor.records import Document, Quantity

Q = dict[str, Any]


def q(kind: str, value: float | None, value_max: float | None = None, bound: str = "exact", per: tuple[str, ...] = (),
      base: str | None = None, **extra: Any) -> Q:
    return {"kind": kind, "value": value, "value_max": value_max, "bound": bound, "per": list(per), "base": base, **extra}


def params(text: str) -> list[Quantity]:
    return [x for x in text_to_quantities(text) if x.role == "parameter" and x.kind != "date"]


def assert_params(text: str, expected: list[Q]) -> None:
    """The parameters read from ``text`` are exactly ``expected``, in order."""
    got = params(text)
    assert [g.kind for g in got] == [e["kind"] for e in expected], [(g.kind, g.value, g.quote) for g in got]
    for g, e in zip(got, expected, strict=True):
        check(g, e)


def check(got: Quantity, want: Q) -> None:
    for key in ("kind", "value", "value_max", "bound", "per", "base"):
        assert getattr(got, key) == want[key], f"{key}: {getattr(got, key)!r} != {want[key]!r} in «{got.quote}»"
    if "benefit" in want:
        assert got.benefit and want["benefit"] in got.benefit, (got.benefit, want["benefit"])
    if "group" in want:
        assert any(want["group"] in g for g in got.groups), (got.groups, want["group"])
    for key in ("cap", "approximate", "unit"):
        if key in want:
            assert getattr(got, key) == want[key], key


ISSUE_EXAMPLES = [
    ("living-allowance-distributed",
     "对新引进落户的全日制博士研究生、35 周岁以下的硕士研究生、毕业三年内的本科毕业生，分别按照每人每月 1500 元、1000 元、500 元的标准发放三年生活补贴。",
     [q("age", 35, bound="max"), q("duration", 36, bound="max"),
      q("money", 1500, per=("person", "month"), group="博士研究生", benefit="生活补贴"),
      q("money", 1000, per=("person", "month"), group="硕士研究生", benefit="生活补贴"),
      q("money", 500, per=("person", "month"), group="本科毕业生", benefit="生活补贴"),
      q("duration", 36, unit="month")]),
    ("rate-of-a-base",
     "对吸纳安排就业见习人员的单位，按照当地最低工资标准的 70% 给予企业就业见习补贴。",
     [q("percent", 70, base="当地最低工资标准", benefit="就业见习补贴")]),
    ("three-caps-three-borrowers",
     "符合创业担保贷款申请条件的个人创业、合伙经营或组织起来创业的、小微企业可申请最高不超过 20 万元、150 万元、300 万元的财政贴息创业担保贷款。",
     [q("money", 200000, bound="max", group="个人创业", benefit="创业担保贷款"),
      q("money", 1500000, bound="max", group="合伙经营", benefit="创业担保贷款"),
      q("money", 3000000, bound="max", group="小微企业", benefit="创业担保贷款")]),
    ("rate-with-yearly-cap",
     "对入驻创业孵化基地发生的房租、水电等费用，3 年内给予不超过当月实际费用 50% 运营补贴，年补贴最高限额 1 万元。",
     [q("duration", 36, bound="max"), q("percent", 50, bound="max", base="当月实际费用", cap=10000.0, benefit="运营补贴"),
      q("money", 10000, bound="max", per=("year",))]),
    ("two-awards-two-groups",
     "对获得中华技能大奖和全国技术能手的高技能人才，一次性给予 2 万元和 1 万元奖金。",
     [q("money", 20000, per=("one_off",), group="中华技能大奖", benefit="奖金"),
      q("money", 10000, per=("one_off",), group="全国技术能手", benefit="奖金")]),
]

QUANTITY_FORMS = [
    ("money-wan", "给予一次性开业补贴 5000 元，贷款最高 20 万元。", [q("money", 5000, per=("one_off",)), q("money", 200000, bound="max")]),
    ("money-yi", "每年提供不低于 1.5 亿元专项贷款。", [q("money", 150000000, bound="min", per=("year",))]),
    ("money-chinese", "给予五千元补助，最高一万元奖励。", [q("money", 5000), q("money", 10000, bound="max")]),
    ("money-decimal-wan", "给予每人1.5万元补贴。", [q("money", 15000, per=("person",))]),
    ("money-range-dash", "按照业绩贡献给予10万元－50万元奖励。", [q("money", 100000, 500000, "range")]),
    ("money-range-short", "给予1—2万元奖补。", [q("money", 10000, 20000, "range")]),
    ("percent-sign", "给予贷款实际利率50%的财政贴息。", [q("percent", 50, base="贷款实际利率", benefit="贴息")]),
    ("percent-chinese", "按百分之五十给予补贴。", [q("percent", 50)]),
    ("percent-fraction", "按其实际缴纳的社会保险费的2/3给予补贴。", [q("percent", 66.67, base="实际缴纳的社会保险费")]),
    ("percent-ratio", "给予1:1的配套资金。", [q("percent", 100)]),
    ("percent-lpr", "利率不超过LPR-150BP。", [q("percent", 1.5, bound="max", base="LPR-150BP")]),
    ("percent-lpr-bracketed", "贷款利率上限不超过贷款市场报价利率（LPR）+50BP。", [q("percent", 0.5, bound="max", base="LPR+50BP")]),
    ("percent-halved", "房租减半收取。", [q("percent", 50, base="房租")]),
    ("percent-personal-contribution", "按照个人缴费额的25%给予社会保险补贴。", [q("percent", 25, base="个人缴费额")]),
    ("percent-paid-insurance", "按实际缴纳的社会保险费的50%给予补贴。", [q("percent", 50, base="实际缴纳的社会保险费")]),
    ("duration-within", "3年内给予创业补贴。", [q("duration", 36, bound="max")]),
    ("duration-max", "补贴期限最长不超过12个月。", [q("duration", 12, bound="max")]),
    ("duration-min", "稳定就业6个月以上的，给予补贴。", [q("duration", 6, bound="min")]),
    ("duration-working-days", "在15个工作日内完成审核。", [q("duration", 15, bound="max", unit="day")]),
    ("duration-full-width", "签订１年以上劳动合同的，给予补贴。", [q("duration", 12, bound="min")]),
    ("age-range", "面向16-24岁失业青年开展就业见习。", [q("age", 16, 24, "range")]),
    ("age-max", "35周岁以下的硕士研究生给予补贴。", [q("age", 35, bound="max")]),
    ("age-not-weeks", "年满65周岁的，给予补贴。", [q("age", 65, bound="min")]),  # 年满: aged 65 or more
    ("count-threshold", "超过100人的企业下降为8%。", [q("count", 100, bound="min"), q("percent", 8)]),
    ("count-inclusive-max", "30人（含）以下的参保企业裁员率不高于参保职工总数20%的，可以申请稳岗返还。",
     [q("count", 30, bound="max"), q("percent", 20, bound="max", base="参保职工总数")]),
    ("per-household", "每户每年给予 2000 元补贴。", [q("money", 2000, per=("household", "year"))]),
    ("per-enterprise", "每家企业最高 10 万元。", [q("money", 100000, bound="max", per=("enterprise",))]),
    ("per-student", "按照每生2000元标准给予补助。", [q("money", 2000, per=("student",))]),
    ("per-average", "人均补贴500元。", [q("money", 500, per=("person",))]),
    ("per-slash", "补贴标准为1520元/月。", [q("money", 1520, per=("month",))]),
    ("per-slash-person", "给予500元/人的交通补贴。", [q("money", 500, per=("person",))]),
    ("not-exceed-is-max", "贷款额度不超过30万元。", [q("money", 300000, bound="max")]),
    ("exceed-is-min", "年薪超过20万元的科技创新人才。", [q("money", 200000, bound="min")]),
    ("inclusive", "申请10万元及以下个人创业担保贷款的，可免除反担保。", [q("money", 100000, bound="max")]),
]

REPORTED_BUGS = [  # failures reported against JioNLP, cn2an and Recognizers-Text that occur in policy text
    ("cn2an-13wan2", "给予13万2元奖励。", [q("money", 132000)]),
    ("cn2an-long-chinese", "累计发放一百九十万零三千九百七十一元。", []),  # a statistic: no parameter ...
    ("jionlp-money-then-number", "补贴3541.07万元2.3个百分点。", [q("money", 35410700), q("percent", 2.3, base="百分点")]),
    ("jionlp-jiao-fen", "标准为123元1角1分。", [q("money", 123.11)]),
    ("recognizers-percent-decimal", "费率为百分之一点五七。", [q("percent", 1.57, base="费率")]),
    ("recognizers-one-tenth", "按十分之一给予补贴。", [q("percent", 10)]),
    ("approximate-months", "见习两三个月后考核。", [q("duration", 2, 3, "range", approximate=True)]),
    ("approximate-money", "投入三十几万元资金给予补贴。", [q("money", 300000, 400000, "range", approximate=True)]),
    ("cn2an-wan-ling", "给予一万零一十二元补助。", [q("money", 10012)]),
    ("doc-number-beside-date", "根据豫政办〔2023〕17号，2023年4月27日起给予补贴。", []),
    ("4-5G-is-not-a-fraction", "支持4/5G网络建设补贴。", []),
]


BUGS_CAUGHT = [  # found by a review of this code; each was wrong before its fix
    ("space-thousands", "补贴标准为每人 1 000 元。", [q("money", 1000, per=("person",))]),
    ("full-width-comma-thousands", "补贴1，000元。", [q("money", 1000)]),
    ("wan-and-qian", "给予3万5千元奖励。", [q("money", 35000)]),
    ("qian-range", "给予1千至3千元补贴。", [q("money", 1000, 3000, "range")]),
    ("bracket-restates-bound", "贷款期限不超过3年（含3年）。", [q("duration", 36, bound="max")]),
    # corpus/revisions 佛山 2016 第十八条: 包括 restates the number as 含 does, and the bound word after it holds
    ("bracket-baokuo-restates-bound", "或每年纳税人民币20万元（包括20万元）以上的。", [q("money", 200000, bound="min", per=("year",))]),
    ("bracket-excludes-then-below", "3年（不含）以下。", [q("duration", 36, bound="max")]),
    ("per-person-month-after", "补贴500元/人·月。", [q("money", 500, per=("person", "month"))]),
    ("per-household-after", "给予5000元/户补贴。", [q("money", 5000, per=("household",))]),
    ("per-person-after-in-words", "给予一千五百元每人的补贴。", [q("money", 1500, per=("person",))]),
    ("percentage-points", "费率降低0.5个百分点。", [q("percent", 0.5, base="百分点")]),
    ("session-of-a-congress-is-no-count", "对市政协七届三次会议第73050号提案的答复", []),
    ("about-is-approximate", "给予约5000元补贴。", [q("money", 5000, approximate=True)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in BUGS_CAUGHT], ids=[c[0] for c in BUGS_CAUGHT])
def test_bugs_caught(text: str, expected: list[Q]) -> None:
    assert_params(text, expected)


def test_a_total_given_out_is_a_statistic() -> None:
    assert [x.role for x in text_to_quantities("全省共发放创业担保贷款120亿元。") if x.kind == "money"] == ["statistic"]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ISSUE_EXAMPLES], ids=[c[0] for c in ISSUE_EXAMPLES])
def test_issue_examples(text: str, expected: list[Q]) -> None:
    assert_params(text, expected)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in QUANTITY_FORMS], ids=[c[0] for c in QUANTITY_FORMS])
def test_quantity_forms(text: str, expected: list[Q]) -> None:
    assert_params(text, expected)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in REPORTED_BUGS], ids=[c[0] for c in REPORTED_BUGS])
def test_reported_bugs(text: str, expected: list[Q]) -> None:
    assert_params(text, expected)


def test_approximate_is_flagged_never_exact() -> None:
    (got,) = params("投入三十几万元资金给予补贴。")
    assert got.approximate and got.doubt and got.bound == "range"


NOT_POLICY = [
    ("phone-number", "联系电话：0371—69690120", None),
    ("doc-number", "豫政办〔2023〕17号", None),
    ("date", "2023年4月27日", "date"),
    ("page-number", "— 3 —", None),
    ("work-target", "全年引进各类人才 4000 人以上。", "target"),
    ("statistic", "累计带动就业6.4万人，孵化成功率达88%。", "statistic"),
    ("recruitment-target", "募集就业见习岗位10万个以上。", "target"),
]


@pytest.mark.parametrize(("text", "role"), [c[1:] for c in NOT_POLICY], ids=[c[0] for c in NOT_POLICY])
def test_text_that_is_not_policy_yields_no_parameter(text: str, role: str | None) -> None:
    found = text_to_quantities(text)
    assert not [x for x in found if x.role == "parameter" and x.kind != "date"]
    if role == "date":
        assert [x.kind for x in found] == ["date"]
    elif role is not None:
        assert found and all(x.role == role for x in found)
    else:
        assert found == []


PERIODS = [
    ("extended-until", "政策实施期限延续至2023年12月31日。", ("2023-12-31", "2023-12-31")),
    ("month-range", "2020年2月—6月，免征单位缴费部分。", ("2020-02-01", "2020-06-30")),
    ("from-issue", "本办法自印发之日起施行。", (None, None)),
    ("from-to", "自2023年1月1日起至2025年12月31日执行。", ("2023-01-01", "2025-12-31")),
    ("chinese-numerals-from", "二〇二三年一月一日起施行。", ("2023-01-01", None)),
    ("by-year-end", "2024年底前完成。", (None, "2024-12-31")),
]


@pytest.mark.parametrize(("text", "dates"), [c[1:] for c in PERIODS], ids=[c[0] for c in PERIODS])
def test_periods(text: str, dates: tuple[str | None, str | None]) -> None:
    (d,) = [x for x in text_to_quantities(text) if x.kind == "date"]
    assert (str(d.date_start) if d.date_start else None, str(d.date_end) if d.date_end else None) == dates


def test_validity_period_is_a_duration() -> None:
    (d,) = params("本方案有效期5年。")
    assert (d.kind, d.value, d.unit) == ("duration", 60.0, "month")


def _documents(text: str) -> list[Document]:
    """The documents ``text_to_quantities`` reads ``text`` as."""
    return raw_to_documents(RawDoc("<text>", "text", [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\n"))]))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三十百千万元%％年月日岁人个以上下内最高不超过低于每分之点.,:/-—0123456789１５０补贴给予的，。（）〔〕、 \u3000\n")), max_size=80))
@example("最高不超过 ２０ 万元，每人每月\u3000１５００元").via("source edits: spaces removed, full-width digits made ASCII")
def test_nothing_raises_and_quotes_match_spans(text: str) -> None:
    got = text_to_quantities(text)
    found = [(doc, x) for doc in _documents(text) for x in document_to_quantities(doc)]
    assert got == [x for _, x in found]
    for doc, x in found:
        s, e = x.evidence.span
        assert 0 <= s < e <= len(doc.text), f"span {x.evidence.span} outside the text"
        under = doc.text[s:e]
        edited = [ed for ed in doc.source_edits if s <= ed.offset < e and not (ed.offset == s and ed.length == 0)]
        if not edited:
            assert x.quote == under
        else:  # the verbatim source: the text under the span with its removed spaces and full-width digits put back
            assert x.quote == verbatim(doc, s, e)
            assert normalize_chars(x.quote).replace(" ", "").replace("\u3000", "") == under.replace(" ", "").replace("\u3000", "")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_nothing_raises_on_arbitrary_text(text: str) -> None:
    text_to_quantities(text)
