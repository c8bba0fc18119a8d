"""Peak memory of the extraction on hostile runs (issue 13: under 500 MB for any input within the budgets).

What a long text of numbers holds is its quantities: before, a ``Quantity`` took about 4.3 KB (2.3 KB of them the
set pydantic keeps of the fields given to it, one per record) and the contexts of every number of the text were held
until the last was read, so the 500,000 numbers of ``'减半'*500_000`` reached 2.3 GB and the 166,666 of
``'百分之'*333_333`` 860 MB. Now the records share one set of field names, their quotes, bases and benefit names are
interned, and the contexts of one piece at a time are held: about 1.3 KB a number (``benchmarks/RESULTS-linear.md``).

The guard runs the extraction in a child process, so that what this process holds does not count, and bounds the
peak's growth per number found; the figures it prints are the child's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.extract import text_to_quantities
from extractor.extract.nlp import iter_contexts, read_contexts
from extractor.records import Evidence, Quantity

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import gc, json, os, resource, sys
sys.path.insert(0, sys.argv[1])
from extractor.extract import extract_document, nlp
from extractor.ingest.raw import RawDoc, RawLine
from extractor.pipeline import raw_to_documents

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

def raw(text):
    return RawDoc("hostile.txt", "text", [RawLine(text, None, 1)])

extract_document(raw_to_documents(raw("补贴1000元。"))[0])  # the pipeline loaded
nlp.PIECE_CHARS = int(sys.argv[4])  # read in pieces, as a 1M text is with 50,000
docs = raw_to_documents(raw(sys.argv[2] * int(sys.argv[3])))
gc.collect()
before = rss()
analyses = [extract_document(d) for d in docs]
# VmHWM is this process's own peak; ru_maxrss would carry the peak of the pytest process it was forked from (Linux
# keeps the larger across exec), which after other tests is far above this child's
with open("/proc/self/status") as f:
    peak = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:"))
print(json.dumps({"numbers": sum(len(a.quantities) for a in analyses), "before": before, "peak": peak}))
"""

PER_NUMBER = 2_000
"""Bytes of peak growth a number may cost. Measured 1,300–1,500 (``'减半'*15_000``: 15,000 numbers, 20 MB); 4,400 before
(65 MB). At 2,000 a number the 166,666 numbers of ``'百分之'*333_333`` stay under 500 MB with the pipeline's 150 MB."""


@pytest.mark.parametrize(("fragment", "repeat"), [("减半", 15_000)])
def test_peak_memory_per_number(fragment: str, repeat: int) -> None:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT), fragment, str(repeat), "10000"],
                         capture_output=True, text=True, timeout=120, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["numbers"] >= repeat // 3
    growth = max(0, got["peak"] - got["before"])
    print(f"{fragment} x {repeat}: {got['numbers']} numbers, peak grew {growth / 2**20:.1f} MB, {growth / got['numbers']:.0f} B a number")
    assert growth <= PER_NUMBER * got["numbers"], f"{growth / got['numbers']:.0f} bytes a number"


def test_records_share_one_fields_set() -> None:
    """The shared set is the full set of field names; a copy with changes gets a set of its own."""
    qs = text_to_quantities("每人每月1500元，最长不超过12个月，补贴标准的50%。")
    assert len(qs) == 3
    assert all(q.model_fields_set == set(Quantity.model_fields) for q in qs)
    assert all(q.evidence.model_fields_set == set(Evidence.model_fields) for q in qs)
    assert qs[0].__pydantic_fields_set__ is qs[1].__pydantic_fields_set__
    changed = qs[0].model_copy(update={"benefit": "x"})
    assert changed.benefit == "x" and qs[1].benefit != "x"
    assert qs[1].model_fields_set == set(Quantity.model_fields)
    assert Quantity.model_validate_json(qs[2].model_dump_json()) == qs[2]


def test_iter_contexts_drains_what_is_not_read() -> None:
    """Each text's iterator reads its own pieces; one left unread is drained before the next text's is given."""
    import extractor.extract.nlp as nlp

    texts = ["补贴1000元，" * 300, "最长不超过12个月。\n" * 400, "奖励5000元。"]
    saved = nlp.PIECE_CHARS
    nlp.PIECE_CHARS = 1_000  # pieces of about 1,000 characters
    try:
        whole = list(read_contexts(texts))
        its = iter_contexts(texts)
        first = next(its)
        next(first)  # one context of the first text read, the rest left
        rest = [list(it) for it in its]
    finally:
        nlp.PIECE_CHARS = saved
    assert [len(c) for c in whole] == [300, 400, 1]
    assert rest == whole[1:]


# --- the commands (sixth pass): what a command holds beside the analysis it reads --------------------------------

_COMMAND_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from extractor.cli._app import main

def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith(key + ":"))

work, small, big = sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
assert main(small) == 0  # the pipeline loaded, the command's code run once
before = status("VmRSS")
assert main(big) == 0
print(json.dumps({"before": before, "peak": status("VmHWM")}))
"""

COMMAND_PER_NUMBER = 3_500
"""Bytes of ``zhengce extract --format json -o``'s own peak growth a number may cost (its worker's extraction is
bounded above). Measured on ``'减半'*6000`` (6,000 numbers; the command's process, not its worker), 3 December
under load 4-15: before (the output built as one string, the pickle received whole) 7,868 a number, after
(the analysis written piece by piece, received as a stream of frames) 2,601."""


def _command_growth(tmp_path: Path, small: list[str], big: list[str]) -> int:
    out = subprocess.run([sys.executable, "-c", _COMMAND_CHILD, str(ROOT), str(tmp_path), json.dumps(small), json.dumps(big)],
                         capture_output=True, text=True, timeout=180, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return max(0, int(got["peak"]) - int(got["before"]))


def test_command_peak_per_number(tmp_path: Path) -> None:
    """The command's own peak grows by about what the analysis it receives holds: no output built whole, no pickle
    held beside the analysis."""
    n = 6_000
    (tmp_path / "a.txt").write_text("减半" * n, encoding="utf-8")
    (tmp_path / "s.txt").write_text("补贴1000元。", encoding="utf-8")
    small = ["extract", str(tmp_path / "s.txt"), "--format", "json", "-o", str(tmp_path / "s.json")]
    big = ["extract", str(tmp_path / "a.txt"), "--format", "json", "-o", str(tmp_path / "a.json")]
    growth = _command_growth(tmp_path, small, big)
    print(f"extract of {n} numbers: peak grew {growth / 2**20:.1f} MB, {growth / n:.0f} B a number")
    assert growth <= COMMAND_PER_NUMBER * n, f"{growth / n:.0f} bytes a number"


def test_streamed_json_is_the_dump() -> None:
    """``store.json_stream`` gives ``model_dump_json``'s text, indented and compact, with every list of records
    split (STREAM_MIN 1), on analyses of corpus texts (sections, tables, provisions) and a run of numbers."""
    from extractor.analysis import analyze_file
    from extractor.extract import extract_document
    from extractor.ingest.raw import RawDoc, RawLine
    from extractor.pipeline import raw_to_documents
    from extractor.store import json_stream

    analyses = [a for f in sorted((ROOT / "corpus" / "texts").glob("*.txt"))[:3] for a in analyze_file(f)]
    analyses += [extract_document(d) for d in raw_to_documents(RawDoc("x.txt", "text", [RawLine("减半" * 300, None, 1)]))]
    saved = json_stream.STREAM_MIN
    try:
        for stream_min in (1, saved):
            json_stream.STREAM_MIN = stream_min
            for a in analyses:
                for indent in (2, None):
                    assert "".join(json_stream.iter_json(a, indent)) == a.model_dump_json(indent=indent)
    finally:
        json_stream.STREAM_MIN = saved


def test_records_share_fields_sets_by_value() -> None:
    """Records built with the same fields share one set of their names (a diff's 100,000 changes held one each);
    one built with other fields, or a copy with changes, has its own."""
    made = [Evidence(quote="1500元", span=(k, k + 5), page=None, line=1) for k in range(3)]
    assert made[0].__pydantic_fields_set__ is made[1].__pydantic_fields_set__ is made[2].__pydantic_fields_set__
    assert made[0].model_fields_set == {"quote", "span", "page", "line"}
    fewer = Evidence(quote="1500元", span=(0, 5), line=1)
    assert fewer.model_fields_set == {"quote", "span", "line"} and fewer.__pydantic_fields_set__ is not made[0].__pydantic_fields_set__
    changed = made[0].model_copy(update={"quote": "x"})
    assert changed.__pydantic_fields_set__ is not made[1].__pydantic_fields_set__ and made[1].quote == "1500元"
    assert made[1].model_fields_set == {"quote", "span", "page", "line"}
    qs = text_to_quantities("每人每月1500元，最长不超过12个月。")
    assert [Quantity.model_validate_json(q.model_dump_json()) for q in qs] == qs


DIFF_PER_NUMBER = 6_000
"""Bytes of ``zhengce diff --format json -o``'s own peak growth a number of one side may cost: the two analyses it
receives (about 1,300 each) and the pairing of their numbers. Measured on ``'减半'*6000`` against ``'半减'*6000``
(4 December, load 2-4): before 10,370 (every candidate pair of numbers ranked in one list and sorted into a copy, and
each number's clause, subject and word sets held once a number), after 4,844 (the candidates ranked one number at a
time into flat arrays, merged by a heap; equal clauses held once)."""


def test_diff_peak_per_number(tmp_path: Path) -> None:
    """The diff of two texts of thousands of numbers holds their analyses and little more."""
    n = 6_000
    (tmp_path / "a.txt").write_text("减半" * n, encoding="utf-8")
    (tmp_path / "b.txt").write_text("半减" * n, encoding="utf-8")
    (tmp_path / "s.txt").write_text("补贴1000元。", encoding="utf-8")
    small = ["diff", str(tmp_path / "s.txt"), str(tmp_path / "s.txt"), "--format", "json", "-o", str(tmp_path / "s.json")]
    big = ["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json", "-o", str(tmp_path / "d.json")]
    growth = _command_growth(tmp_path, small, big)
    print(f"diff of {n} numbers a side: peak grew {growth / 2**20:.1f} MB, {growth / n:.0f} B a number")
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["changes"]
    assert growth <= DIFF_PER_NUMBER * n, f"{growth / n:.0f} bytes a number"
