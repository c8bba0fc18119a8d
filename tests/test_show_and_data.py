"""zhengce show --html, the taxonomies' integrity, and the two PDF table engines agreeing."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.cli import main
from extractor.extract.taxonomy import benefits, groups
from extractor.ingest.pdf import read as read_pdf
from tests.conftest import ROOT


def test_show_html_highlights_every_extraction_with_its_value(tmp_path: Path) -> None:
    out = tmp_path / "001.html"
    assert main(["show", str(ROOT / "corpus/texts/001_e001dd900bee0134.txt"), "--html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<mark class="k-money" title="money: 200000 yuan' in page  # 最高不超过 20 万元
    assert 'class="k-percent" title="percent: 70 percent' in page and "base: 当地最低工资标准" in page
    assert 'class="k-group"' in page and 'class="k-benefit"' in page


def test_show_plain_lists_quantities(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(ROOT / "corpus/texts/002_f15aeebbaef14a54.txt")]) == 0
    assert "money 1000.0 yuan" in capsys.readouterr().out


@pytest.mark.parametrize("taxonomy", [groups, benefits], ids=["groups", "benefits"])
def test_taxonomy_is_consistent(taxonomy) -> None:  # type: ignore[no-untyped-def]
    tax = taxonomy()
    assert len(tax.entries) > 50
    for entry in tax.entries.values():
        assert entry.parent is None or entry.parent in tax.entries, entry.id
        assert entry.id not in tax.ancestors(entry.id), f"cycle at {entry.id}"
        assert entry.kind, entry.id


def test_group_hierarchy() -> None:
    tax = groups()
    (_, _, gid), = list(tax.find("离校2年内未就业高校毕业生"))
    assert "college_graduate" in tax.ancestors(gid)


def test_pdf_table_engines_agree() -> None:
    pdf = ROOT / "corpus/pdf/004_a7a4461144ba7e7b.pdf"
    # pdfplumber gives a merged cell as an extra empty cell at the row's end; the cleaner drops edge tabs alike
    rows = {engine: [ln.text.replace(" ", "").strip("\t") for ln in read_pdf(pdf, table_engine=engine).lines if "\t" in ln.text]
            for engine in ("pdfium", "pdfplumber")}
    assert len(rows["pdfium"]) > 200
    assert rows["pdfium"] == rows["pdfplumber"]
