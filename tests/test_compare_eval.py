"""The golden comparisons (golden/compare) and their score (issue 10): found, right among shown, one class."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from extractor.compare.table import column_kind
from extractor.evaluate.comparisons import score_table
from extractor.evaluate.gold import GoldFileError, read_gold_compare
from extractor.pipeline import pick_documents, split_document_ref
from extractor.records.evaluation import GoldCompareRow, GoldCompareTable
from tests.conftest import ROOT, parsed

TABLES = sorted((ROOT / "golden" / "compare").glob("*.json"))


def _row(cls: str, value: float, line: int, doubt: bool = False) -> GoldCompareRow:
    return GoldCompareRow.model_validate({
        "document": "d.txt", "class": cls, "param": "amount", "kind": "money", "value": value, "unit": "yuan",
        "bound": "max", "quote": f"{value}元", "line": line, "doubt": doubt})


GOLD = GoldCompareTable(benefit="guarantee_loan", name="创业担保贷款", documents=["d.txt"], rows=[
    _row("entrepreneur", 200000, 3), _row("partnership_venture", 1500000, 3), _row("small_micro_enterprise", 3000000, 3),
    _row("entrepreneur", 500000, 9, doubt=True),
])


def _shown(label: str, value: float, line: int) -> tuple[str, str, str, int, float, None, str]:
    return ("d.txt", label, "money", line, value, None, f"{value}元")


CASES = [
    # (id, shown values, gold found, shown, right, one class)
    ("one-column-of-three-classes", [_shown("d|", 200000, 3), _shown("d|", 1500000, 3), _shown("d|", 3000000, 3)], 3, 3, 3, 0),
    ("a-row-per-class", [_shown("d|e", 200000, 3), _shown("d|p", 1500000, 3), _shown("d|s", 3000000, 3)], 3, 3, 3, 3),
    ("a-wrong-value-and-a-doubt-match", [_shown("d|e", 200000, 3), _shown("d|e", 50000, 3), _shown("d|e", 500000, 9)], 1, 2, 1, 1),
    ("a-value-on-another-line", [_shown("d|e", 200000, 30)], 0, 1, 0, 0),
]


@pytest.mark.parametrize(("shown", "found", "n_shown", "right", "one_class"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_score_table(shown, found, n_shown, right, one_class) -> None:
    score, _ = score_table(GOLD, shown)
    assert (score.gold, score.found, score.shown, score.right, score.one_class) == (3, found, n_shown, right, one_class)


def test_a_row_takes_the_value_on_its_own_line() -> None:
    """corpus/fresh 大连 2019: 1000元 on line 5 (…每人给予一次性1000元的求职创业补贴) and again on line 7 (补贴测算：…每人一次
    性1000元); the line-5 row's wrapped quote may reach line 7, but its own line's value is the one it matches."""
    rows = [GoldCompareRow.model_validate({
        "document": "d.txt", "class": "needy_college_graduate", "param": "amount", "kind": "money", "value": 1000,
        "unit": "yuan", "bound": "exact", "quote": quote, "line": line}) for quote, line in
        (("每人给予一次性1000元的求职创业补贴", 5), ("每人一次性1000元", 7))]
    gold = GoldCompareTable(benefit="job_search_subsidy", name="一次性求职创业补贴", documents=["d.txt"], rows=rows)
    score, _ = score_table(gold, [_shown("d|college_graduate", 1000, 7), _shown("d|needy_college_graduate", 1000, 5)])
    assert (score.found, score.right) == (2, 2)


@pytest.mark.parametrize(("column", "kind"), [("金额·上限 (yuan)", "money"), ("期限·上限 (month)", "duration"),
                                              ("比例 (percent)", "percent"), ("年龄·下限 (year)", "age"), ("人数/次数 (count)", "count")])
def test_column_kind(column: str, kind: str) -> None:
    assert column_kind(column) == kind


@functools.cache
def _addresses_a_document(document: str) -> bool:
    """A document is at ``document`` (a file, or ``FILE#NN``), picked as ``parse_path`` picks it (split_document_ref,
    pick_documents) from the file's parse of the session cache (tests.conftest.parsed, which test_analysis and
    others fill): asked once per address, as the golden tables name the same few documents 94 times."""
    file, part = split_document_ref(document)
    return bool(pick_documents(parsed(file.as_posix()), part, lambda d: d.id))


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_every_golden_comparison_loads_and_quotes_its_documents(path: Path) -> None:
    table = read_gold_compare(path)
    texts: dict[str, str] = {}
    for r in table.rows:
        if r.document not in texts:
            assert _addresses_a_document(r.document), f"{path.name}: {r.document} addresses no document"
            texts[r.document] = (ROOT / r.document.split("#")[0]).read_text(encoding="utf-8").replace("\n", "")
        assert r.quote in texts[r.document], f"{path.name}: «{r.quote}» is not in {r.document}"
        assert r.document in table.documents


def test_at_least_ten_golden_comparisons() -> None:
    assert len(TABLES) >= 10


def test_a_bad_golden_comparison_is_one_line(tmp_path: Path) -> None:
    data = json.loads(TABLES[0].read_text(encoding="utf-8"))
    data["rows"][0]["kind"] = "amount"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldFileError) as e:
        read_gold_compare(bad)
    assert str(e.value).startswith(f"{bad}: rows[0].kind") and "\n" not in str(e.value)
