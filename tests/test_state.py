"""No hidden state: cleaning, parsing and extraction give the same answer in any process, whatever ran before.

The cleaner reads a frozen word list (``extractor/data/join_words.txt``, written by ``scripts/make_join_words.py``)
and extraction changes nothing global, so a fresh process and one where extraction already ran agree. A text over
spaCy's ``max_length`` is read in pieces with the same result as in one piece.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.extract import document_to_quantities, nlp, text_to_quantities
from extractor.extract.nlp import _pieces, pipeline, read_contexts
from extractor.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent
COMPENDIUM = ROOT / "corpus" / "texts" / "004_a7a4461144ba7e7b.txt"

# A hard-wrapped notice (lines of one width) with a page break after "给予失业": the short line ends inside
# the word 失业青年, which only the join word list tells (jieba's own dictionary does not have it).
SPLIT_WORD_TEXT = """关于做好2023年高校毕业生等青年就业创业工作的通知
各区人力资源和社会保障局：
为进一步做好高校毕业生等青年就业创业工作，根据国家和省有关
规定，结合本市实际，现就有关事项通知如下。各地要按照要求，
认真落实各项就业创业扶持政策，加大对青年群体的帮扶力度，确
保政策落地见效。对登记失业的离校未就业高校毕业生，各地人社
部门要及时提供就业服务，按规定给予失业
青年一次性求职创业补贴，补贴标准为每人1000元。各地要加强资
金监管，确保资金安全，切实提高资金使用效益，防止出现挤占挪
用等问题，对违规使用资金的，依法依规严肃处理，并追回资金。
"""

_CLEAN = """
import json, sys
from extractor.ingest.raw import RawLine
from extractor.normalize.text import lines_to_text
if sys.argv[1] == "after":
    from extractor.extract import text_to_quantities
    text_to_quantities("对符合条件的失业青年给予一次性补贴1000元。")
text = sys.stdin.read()
lines = [RawLine(t, None, i + 1) for i, t in enumerate(text.split("\\n"))]
print(json.dumps({"text": lines_to_text(lines).text, "jieba": "jieba" in sys.modules}, ensure_ascii=False))
"""


def _run(code: str, *args: str, stdin: str = "") -> dict:  # type: ignore[type-arg]
    out = subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_split_word_cleaned_the_same_in_a_fresh_process_and_after_extraction() -> None:
    fresh = _run(_CLEAN, "fresh", stdin=SPLIT_WORD_TEXT)
    after = _run(_CLEAN, "after", stdin=SPLIT_WORD_TEXT)
    assert fresh["text"] == after["text"]
    assert "给予失业青年一次性求职创业补贴" in fresh["text"]  # the page break inside 失业青年 is joined
    assert not fresh["jieba"] and not after["jieba"]  # neither cleaning nor extraction loads jieba


def test_split_word_text_extracts_the_subsidy() -> None:
    money = [q for q in text_to_quantities(SPLIT_WORD_TEXT) if q.kind == "money"]
    assert [(q.value, q.per) for q in money] == [(1000.0, ["person"])]


_PARSE = """
import json, sys
from pathlib import Path
from extractor.pipeline import parse_file
files = sys.argv[1:]
def parse_all():
    return {f: [d.model_dump_json() for d in parse_file(f)] for f in files}
before = parse_all()
from extractor.extract import extract_document
for f in files:
    for d in parse_file(f):
        extract_document(d)
after = parse_all()
print(json.dumps({"files": len(files), "documents": sum(map(len, before.values())),
                  "differ": [f for f in files if before[f] != after[f]]}))
"""


def test_parse_records_equal_before_and_after_extraction() -> None:
    files = sorted(str(p) for p in (ROOT / "corpus" / "texts").glob("*.txt"))
    # the PDFs with a text layer (the 319-page compendium is its text twin above; the scanned ones are OCR)
    files += sorted(str(p) for p in (ROOT / "corpus" / "pdf").glob("*.pdf") if not p.name.startswith(("004_", "003-scanned", "003-no-")))
    result = _run(_PARSE, *files)
    assert result["files"] == len(files) and result["documents"] >= len(files)
    assert result["differ"] == []


def test_join_words_file_is_what_the_script_writes() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_join_words import OUT, join_words  # type: ignore[import-not-found]

    assert OUT.read_text(encoding="utf-8") == join_words(), "run: python scripts/make_join_words.py"


def test_extraction_changes_no_global_tokenizer_state() -> None:
    text_to_quantities("对符合条件的失业青年给予一次性补贴1000元。")
    jieba = sys.modules.get("jieba")
    if jieba is not None and jieba.dt.initialized:  # another test loaded jieba: no taxonomy word was added to it
        assert "失业青年" not in jieba.dt.FREQ


# -- texts over spaCy's max_length ---------------------------------------------------------------------------------


def test_pieces_cover_the_text_once() -> None:
    text = COMPENDIUM.read_text(encoding="utf-8")
    pieces = _pieces(text, 20_000)
    assert pieces[0][2] == 0 and pieces[-1][3] == len(text)
    assert all(a[3] == b[2] for a, b in itertools.pairwise(pieces))
    assert all(rb - ra <= 20_000 and ra <= ka < kb <= rb for ra, rb, ka, kb in pieces)
    assert all(text[ka - 1] == "\n" for _, _, ka, _ in pieces[1:])  # cut at paragraph ends


@pytest.mark.parametrize("max_length", [5_000, 8_000])
def test_long_document_in_pieces_reads_as_in_one_piece(monkeypatch: pytest.MonkeyPatch, max_length: int) -> None:
    doc = max(parse_file(COMPENDIUM), key=lambda d: len(d.text))
    whole = document_to_quantities(doc)
    monkeypatch.setattr(pipeline(), "max_length", max_length)
    assert len(doc.text) > 2 * max_length
    assert [c.found.start for c in next(read_contexts([doc.text]))] == [q.evidence.span[0] for q in whole]
    assert document_to_quantities(doc) == whole


def test_whole_compendium_in_pieces_reads_as_in_one_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    text = COMPENDIUM.read_text(encoding="utf-8")  # 161,391 characters, 30 documents as one text
    whole = next(read_contexts([text]))
    monkeypatch.setattr(nlp, "PIECE_CHARS", 5_000)
    assert next(read_contexts([text])) == whole


def test_text_over_a_million_characters() -> None:
    """spaCy's own limit (1,000,000 characters) no longer ends the batch: the compendium after a million
    characters of filler gives the compendium's numbers, their offsets moved by the filler's length."""
    text = COMPENDIUM.read_text(encoding="utf-8")
    filler = "各地要加强资金监管，确保资金安全，切实提高资金使用效益。\n" * 36_000
    assert len(filler) > pipeline().max_length == 1_000_000
    alone, after = read_contexts([text, filler + text])
    assert [(c.found.start - len(filler), c.found.value) for c in after] == [(c.found.start, c.found.value) for c in alone]


@pytest.mark.skipif(not os.environ.get("ZHENGCE_SLOW"), reason="about 15 CPU-s; set ZHENGCE_SLOW=1 to run")
def test_sixteen_compendia() -> None:
    """16 copies of the compendium (2.6 million characters), the case that ended a batch with a traceback."""
    text = COMPENDIUM.read_text(encoding="utf-8")
    one = next(read_contexts([text]))
    many = next(read_contexts(["\n".join([text] * 16)]))
    step = len(text) + 1
    assert [(c.found.start % step, c.found.value) for c in many] == [(c.found.start, c.found.value) for c in one] * 16
