"""zhengce search and zhengce stats over a small store: ranking, field filters, snippets that keep the text
exactly, two-character queries, no match, a bad store, the index kept current (issue 11, part 3)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.cli.search import search_cmd, stats_cmd
from extractor.compare.graph import documents_to_graph, in_force
from extractor.compare.table import matches_benefit
from extractor.db import open_store
from extractor.db.ingest import ingest
from extractor.db.read import SearchFilters, region_prefixes
from extractor.db.search import METHODS, query_terms, rank, refresh_index, search, snippets
from extractor.db.stats import store_stats

ROOT = Path(__file__).resolve().parent.parent
FILES = ["corpus/texts/000_0fce187c97867da1.txt", "corpus/texts/001_e001dd900bee0134.txt",
         "corpus/texts/002_f15aeebbaef14a54.txt", "corpus/texts/003_65af231806fc8ace.txt",
         "corpus/unseen/guangdong-2022-unemployment-insurance-regulation.txt", "corpus/html/002_f15aeebbaef14a54.html"]
NANYANG, JIAOZUO, NANKAI, XINMI = (Path(f).name for f in FILES[:4])
GUANGDONG, NANKAI_HTML = Path(FILES[4]).name, Path(FILES[5]).name


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search") / "s"
    with pytest.MonkeyPatch.context() as mp, open_store(root) as store:
        mp.chdir(ROOT)
        assert ingest(FILES, store, workers=1).added == len(FILES)
    return root


def _ids(store_dir: Path, query: str, filters: SearchFilters | None = None, method: str = "jieba") -> list[str]:
    """The ids of the documents found, and of the same documents read from other formats after each."""
    with open_store(store_dir, create=False) as store:
        hits = search(store, query, filters, limit=None, method=method)  # type: ignore[arg-type]
    return [d for h in hits for d in (h.doc_id, *h.also)]


# (name, query, the document ranked first) — read from the texts: the one that says most about it
RANKING = [
    ("loan-caps-of-xinmi", "创业担保贷款", XINMI),
    ("job-search-subsidy-of-the-unemployment-regulation", "求职补贴", GUANGDONG),
    ("veterans", "退役军人", XINMI),
    ("unemployment-insurance-regulation-by-its-title", "失业保险", GUANGDONG),
]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("query", "first"), [c[1:] for c in RANKING], ids=[c[0] for c in RANKING])
def test_ranking_puts_the_document_about_it_first(store_dir: Path, method: str, query: str, first: str) -> None:
    assert _ids(store_dir, query, method=method)[0] == first


@pytest.mark.parametrize("method", METHODS)
def test_two_character_query_finds_every_document_holding_it(store_dir: Path, method: str) -> None:
    # 补贴: trigram cannot index two characters (instr fallback); jieba holds it as a word
    with open_store(store_dir, create=False) as store:
        holding = {r[0] for r in store.conn.execute("select doc_id from documents where instr(text, '补贴') > 0")}
        found = [d for d, _ in rank(store, "补贴", method)]  # type: ignore[arg-type]
    assert set(found) == holding and len(holding) >= 5


def test_words_written_apart_are_found_near_one_another(store_dir: Path) -> None:
    # 求职补贴 and 一次性求职创业补贴 (001, 003): jieba's NEAR finds both, trigram only the first
    assert {JIAOZUO, XINMI} <= set(_ids(store_dir, "求职补贴", method="jieba"))
    assert set(_ids(store_dir, "求职补贴", method="trigram")) == {GUANGDONG}


def _region(store_dir: Path, doc_id: str) -> str:
    with open_store(store_dir, create=False) as store:
        return str(store.conn.execute("select region from documents where doc_id = ?", [doc_id]).fetchone()[0])


# (name, query, filters, the documents kept)
FILTERS = [
    ("region-province-without-省-keeps-its-cities", "补贴", SearchFilters(region="河南"), {NANYANG, JIAOZUO, XINMI}),
    ("region-city", "补贴", SearchFilters(region="焦作市"), {JIAOZUO}),
    ("region-county-inside-a-city", "", SearchFilters(region="郑州"), {XINMI}),
    ("region-tianjin", "补贴", SearchFilters(region="天津"), {NANKAI, NANKAI_HTML}),
    ("level", "", SearchFilters(level="municipal"), {NANYANG, JIAOZUO}),
    ("year", "补贴", SearchFilters(years=(2020, 2022)), {JIAOZUO, XINMI, GUANGDONG}),
    ("type-by-its-end", "", SearchFilters(type="意见"), {XINMI}),
    ("issuer", "", SearchFilters(issuer="焦作市人力"), {JIAOZUO}),
    ("benefit-as-compare-matches-it", "", SearchFilters(benefit="创业担保贷款"), None),
    ("in-force", "", SearchFilters(in_force=dt.date(2021, 1, 1)), None),
    ("two-filters-and-a-query", "创业担保贷款", SearchFilters(region="河南", years=(2022, 2023)), {JIAOZUO}),
]


@pytest.mark.parametrize(("query", "filters", "kept"), [c[1:] for c in FILTERS], ids=[c[0] for c in FILTERS])
def test_filters(store_dir: Path, query: str, filters: SearchFilters, kept: set[str] | None) -> None:
    with open_store(store_dir, create=False) as store:
        analyses = {a.id: a for a in store.analyses()}
        if filters.benefit:  # the documents with a quantity compare --benefit would take
            kept = {i for i, a in analyses.items() if any(matches_benefit(q, filters.benefit) for q in a.quantities)}
        if filters.in_force:
            kept = set(in_force(documents_to_graph([a.document for a in analyses.values()]), filters.in_force))
    assert kept
    assert set(_ids(store_dir, query, filters)) == kept


@pytest.mark.parametrize(("name", "prefixes"), [("河南", ["41"]), ("河南省", ["41"]), ("平顶山", ["4104"]), ("南开区", ["120104"]),
                                               ("河北", ["13"]), ("火星", [])],
                         ids=["province-stem", "province", "city-stem", "district", "province-not-tianjin-district", "unknown"])
def test_region_names_to_division_prefixes(name: str, prefixes: list[str]) -> None:
    assert region_prefixes(name) == prefixes


@pytest.mark.parametrize("method", METHODS)
def test_snippets_are_the_text_exactly(store_dir: Path, method: str) -> None:
    with open_store(store_dir, create=False) as store:
        texts = {a.id: a.document.text for a in store.analyses()}
        hits = search(store, "社会保险补贴", limit=None, method=method)  # type: ignore[arg-type]
    assert hits
    for h in hits:
        assert h.snippets
        for s in h.snippets:
            assert texts[h.doc_id][s.start:s.start + len(s.text)] == s.text
            assert [s.text[a:b] for a, b in s.marks] and all(s.text[a:b] == "社会保险补贴" for a, b in s.marks)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="补贴创业\n，。 ab", max_size=200), st.lists(st.sampled_from(["补贴", "创业", "贴创", "a"]), min_size=1, max_size=3))
def test_snippets_property_slices_within_a_line(text: str, terms: list[str]) -> None:
    for s in snippets(text, terms):
        assert text[s.start:s.start + len(s.text)] == s.text
        assert "\n" not in s.text
        assert all(0 <= a < b <= len(s.text) and any(s.text.startswith(t, a) for t in terms) for a, b in s.marks)


def test_one_document_read_from_two_formats_is_one_hit(store_dir: Path) -> None:
    with open_store(store_dir, create=False) as store:
        hits = search(store, "专精特新", limit=None)
    shown = [(h.doc_id, h.also) for h in hits]
    assert (NANKAI, [NANKAI_HTML]) in shown  # the text shown, the HTML beside it
    assert NANKAI_HTML not in [d for d, _ in shown]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('补贴创业 "*()-:^AND OR NEAR，。a1\'')), max_size=12))
def test_any_query_ranks_without_error(store_dir: Path, query: str) -> None:
    # FTS5 syntax in a query ("", *, NEAR, AND, parentheses) is taken as words, never as an expression
    with open_store(store_dir, create=False) as store:
        for method in METHODS:
            for doc_id, score in rank(store, query, method):  # type: ignore[arg-type]
                assert isinstance(doc_id, str) and score > 0


def test_query_terms_of_each_method() -> None:
    assert [t.fts for t in query_terms("补贴", "trigram")] == [None]
    assert [t.fts for t in query_terms("创业担保贷款", "trigram")] == ['"创业担保贷款"']
    assert [t.fts for t in query_terms("补贴", "jieba")] == ['"补贴"']
    assert [t.surface for t in query_terms("  补贴，见习 补贴 ", "jieba")] == ["补贴", "见习"]


def test_index_is_refreshed_for_changed_and_removed_documents(store_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "s"
    shutil.copytree(store_dir, copy)
    with open_store(copy, create=False) as store:
        for method in METHODS:
            refresh_index(store, method)
            assert refresh_index(store, method).indexed == 0  # current: nothing written
        with store.transaction():  # an ingest rewrites 001 with a changed text and drops 002
            store.conn.execute("update documents set analysis_id = 'new', text = text || '\n新增的稳岗返还条款' where doc_id = ?", [JIAOZUO])
            store.conn.execute("delete from documents where doc_id in (?, ?)", [NANKAI, NANKAI_HTML])
        for method in METHODS:
            done = refresh_index(store, method)
            assert (done.indexed, done.removed) == (1, 2)
            ids = [h.doc_id for h in search(store, "稳岗返还条款", method=method)]
            assert ids == [JIAOZUO]
            assert NANKAI not in [h.doc_id for h in search(store, "补贴", limit=None, method=method)]


def _cli(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(search_cmd, args)
    return result.exit_code, result.stdout, result.stderr


def test_cli_text_output_has_ids_and_marked_snippets(store_dir: Path) -> None:
    code, out, _ = _cli(["创业担保贷款", "--store", str(store_dir), "--region", "河南", "--limit", "2"])
    assert code == 0
    assert out.startswith(f"1. {XINMI}  河南省郑州市新密市 2020 实施意见")
    assert "«创业担保贷款»" in out and "\n2. " in out and "\n3. " not in out


def test_cli_json_is_a_list_of_hits(store_dir: Path) -> None:
    code, out, _ = _cli(["见习", "--store", str(store_dir), "--format", "json", "--year", "2022"])
    hits = json.loads(out)
    assert code == 0 and [h["doc_id"] for h in hits] == [JIAOZUO]
    assert {"rank", "doc_id", "title", "region", "year", "score", "snippets"} <= set(hits[0])


# (name, arguments, exit code, stdout, what stderr says)
CLI_CASES = [
    ("no-match-is-an-answer", ["火星补贴", "--format", "json"], 0, "[]\n", "no documents match"),
    ("no-match-text", ["火星补贴"], 0, "", "no documents match"),
    ("unknown-benefit-closest-names", ["补贴", "--benefit", "创业担保款"], 1, "", "closest: 创业担保贷款"),
    ("unknown-region", ["补贴", "--region", "火星"], 1, "", "unknown region «火星»"),
    ("bad-year", ["补贴", "--year", "20x3"], 2, "", "give a year"),
]


@pytest.mark.parametrize(("args", "code", "out", "says"), [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_cli_cases(store_dir: Path, args: list[str], code: int, out: str, says: str) -> None:
    got_code, got_out, got_err = _cli([*args, "--store", str(store_dir)])
    assert (got_code, got_out) == (code, out)
    assert says in got_err and "Traceback" not in got_err


@pytest.mark.parametrize("cmd", [search_cmd, stats_cmd], ids=["search", "stats"])
def test_a_store_that_does_not_exist_is_one_line(tmp_path: Path, cmd: object) -> None:
    args = (["补贴"] if cmd is search_cmd else []) + ["--store", str(tmp_path / "none")]
    result = CliRunner().invoke(cmd, args)  # type: ignore[arg-type]
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"Error: {tmp_path / 'none'}: no store here; make one with zhengce ingest "
                                                  f"PATH --store {tmp_path / 'none'}"]
    assert not (tmp_path / "none").exists()


def test_stats_counts(store_dir: Path) -> None:
    with open_store(store_dir, create=False) as store:
        stats = store_stats(store)
        quantities = store.count("quantities")
    assert (stats.sources, stats.documents, stats.failed) == (6, 6, 0)
    for counts in (stats.by_region, stats.by_province, stats.by_year, stats.by_type, stats.by_level):
        assert sum(c.documents for c in counts) == 6
    assert {c.key: c.documents for c in stats.by_province} == {"河南省": 3, "天津市": 2, "广东省": 1}
    assert sum(c.quantities or 0 for c in stats.by_benefit) == quantities
    loans = next(c for c in stats.by_benefit if c.key == "创业担保贷款")
    assert loans.documents >= 2 and (loans.quantities or 0) >= loans.documents


@pytest.mark.parametrize(("fmt", "holds"), [("text", "by region:"), ("md", "## By benefit"), ("json", '"by_year"')],
                         ids=["text", "md", "json"])
def test_stats_formats(store_dir: Path, fmt: str, holds: str) -> None:
    result = CliRunner().invoke(stats_cmd, ["--store", str(store_dir), "--format", fmt])
    assert result.exit_code == 0 and holds in result.stdout and "河南省" in result.stdout
