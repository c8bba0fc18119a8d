"""The citation graph of the corpus: citations resolved and typed, repeals found, validity read, documents in force.

Expected values come from reading the compendium (corpus/texts/004_a7a4461144ba7e7b.txt).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

import click
import pytest
from click.testing import CliRunner

from extractor.cli import cli as zhengce_cli
from extractor.compare.graph import (
    Citation,
    DocumentCitations,
    Graph,
    Node,
    Relation,
    citation_relations,
    document_citations,
    documents_to_graph,
    in_force,
    subgraph,
)
from extractor.records import Document
from extractor.store.graph_out import graph_to_graphml, graph_to_json
from tests.conftest import ROOT, TEXTS, parsed

COMPENDIUM = "corpus/texts/004_a7a4461144ba7e7b.txt"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def _id(n: int) -> str:
    return f"004_a7a4461144ba7e7b-{n:02d}.txt"


@functools.cache
def compendium_graph() -> Graph:
    return documents_to_graph(list(parsed(COMPENDIUM)))


@functools.cache
def corpus_docs() -> tuple[Document, ...]:
    return tuple(d for p in sorted(TEXTS.glob("*.txt")) for d in parsed(str(p.relative_to(ROOT))))


@functools.cache
def corpus_graph() -> Graph:
    return documents_to_graph(list(corpus_docs()))


class _Cited(NamedTuple):
    """One citation with the relation holding it."""

    relation: Relation
    citation: Citation


def _citations(graph: Graph, source: str) -> list[_Cited]:
    return [_Cited(r, c) for r in graph.relations if r.source == source for c in r.citations]


def _cited(source: int, doc_number: str) -> _Cited:
    hits = [h for h in _citations(compendium_graph(), _id(source)) if h.citation.doc_number == doc_number]
    assert len(hits) == 1, hits
    return hits[0]


# (citing document, 文号 as printed, cited document, type), read in the compendium.
CITED_BY_NUMBER = [
    (5, "豫人社办〔2023〕19号", 4, "implements"),  # 根据《…“三包三联”活动工作方案的通知》（豫人社办〔2023〕19号）要求
    (5, "豫就业组〔2023〕1号", 2, "implements"),  # 落实《关于进一步加强企业用工保障工作的通知》\n(豫就业组〔2023〕1号)
    (5, "豫技领办〔2023〕12号", 11, "implements"),  # 落实《2023年高质量推进“人人持证、技能河南”建设工作方案》(…)
    (18, "豫政办〔2023〕17号", 1, "implements"),  # 为深入贯彻落实《…》、《…》（豫政办〔2023〕17号）等文件精神
    (19, "豫政办〔2023〕17号", 1, "implements"),  # 根据河南省人民政府办公厅《…》（豫政办〔2023〕17号）要求
    (20, "豫人社办〔2023〕46号", 6, "implements"),  # 根据《关于印发河南省创建…实施方案的通知》（豫人社办〔2023〕46号）
    (28, "豫人社函〔2023〕71号", 15, "implements"),  # the title printed is not document 15's: the 文号 decides
]


@pytest.mark.parametrize(("source", "number", "target", "kind"), CITED_BY_NUMBER,
                         ids=[f"{s:02d}-cites-{t:02d}" for s, _, t, _ in CITED_BY_NUMBER])
def test_citation_by_doc_number_resolves(source: int, number: str, target: int, kind: str) -> None:
    r, c = _cited(source, number)
    assert (r.target, c.resolved_by, r.type) == (_id(target), "doc_number", kind)


# (citing document, 文号 as printed, type): cited documents that are not in the compendium.
NOT_IN_CORPUS = [
    (2, "豫人社函〔2023〕19号", "implements"),  # 函, not 办: not document 4; printed after "文件第三条以及"
    (2, "豫政办明电〔2023〕2号", "implements"),
    (15, "人社部发〔2023〕8号", "implements"),
    (30, "平人社〔2022〕79号", "refers"),  # 结合《…》（平人社〔2022〕79号）执行情况
    (25, "豫政〔2020〕14号", "implements"),
]


@pytest.mark.parametrize(("source", "number", "kind"), NOT_IN_CORPUS,
                         ids=["02-not-04", "02-mingdian", "15-ministry", "30-jiehe", "25-province"])
def test_citation_outside_the_corpus_is_an_external_document(source: int, number: str, kind: str) -> None:
    r, c = _cited(source, number)
    assert (r.target, c.resolved_by, r.type, number in c.quote) == (f"ext:{number}", None, kind, True)
    assert r.target in {e.id for e in compendium_graph().external}


def test_doc_number_quote_drops_the_words_before_it() -> None:
    assert _cited(2, "豫人社函〔2023〕19号").citation.quote == "豫人社函〔2023〕19号"


# (document, the title it cites): the document's own instrument, typed issues.
ISSUES_ITS_OWN = [
    (3, "河南省促进就业工作先进地区激励实施办法（试行）"),  # 制定了《…》，现予印发
    (9, "河南省稳岗扩岗专项贷款实施方案"),
    (23, "平顶山市市级农民工返乡创业示范项目评审认定奖励办法（试行）"),  # the second of 等2个办法: not in the title
    (30, "平顶山市创业担保贷款精细化操作规程"),
]


@pytest.mark.parametrize(("source", "title"), ISSUES_ITS_OWN, ids=[f"{s:02d}" for s, _ in ISSUES_ITS_OWN])
def test_own_instrument_is_issues_not_a_citation(source: int, title: str) -> None:
    hits = [r for r, c in _citations(compendium_graph(), _id(source)) if c.title == title]
    assert hits and all((r.type, r.target) == ("issues", _id(source)) for r in hits)


@pytest.mark.parametrize("n", [d for d in range(1, 31) if d != 10], ids=lambda n: f"{n:02d}")
def test_own_doc_number_is_issues(n: int) -> None:
    doc = parsed(COMPENDIUM)[n - 1]
    assert doc.doc_number is not None
    own = [h for h in _citations(compendium_graph(), doc.id) if h.citation.doc_number == doc.doc_number.text]
    assert own and all((r.type, r.target, c.resolved_by) == ("issues", doc.id, "doc_number") for r, c in own)


def test_document_30_repeals_two_documents_by_doc_number() -> None:
    repeals = [h for h in _citations(compendium_graph(), _id(30)) if h.relation.type == "repeals"]
    assert sorted((c.doc_number, r.target, c.section) for r, c in repeals) == [
        ("平人社办〔2022〕79号", "ext:平人社办〔2022〕79号", "第十二章/第六十一条"),
        ("平人社就业〔2019〕16号", "ext:平人社就业〔2019〕16号", "第十二章/第六十一条"),
    ]


# (document, words of the sentence): repeals naming no document.
GENERIC_REPEALS = [
    (6, "此前相关规定与本《通知》不一致的，按本《通知》执行"),
    (14, "规定与本《通知》不一致的，自本《通知》施行之日起不再适用"),
    (20, "此前相关规定与本《通知》不一致的，按本《通知》执行"),
]


@pytest.mark.parametrize(("source", "words"), GENERIC_REPEALS, ids=[f"{s:02d}" for s, _ in GENERIC_REPEALS])
def test_generic_repeal(source: int, words: str) -> None:
    hits = [h for h in _citations(compendium_graph(), _id(source)) if h.relation.target is None]
    assert len(hits) == 1 and words in hits[0].citation.quote
    r, c = hits[0]
    assert (r.type, r.count, c.doc_number, c.title) == ("repeals", 1, None, None)


def test_every_repeal_in_the_corpus_is_found_and_no_other() -> None:
    found = sorted(
        (r.source, c.doc_number or "") for r in corpus_graph().relations if r.type == "repeals" for c in r.citations
    )
    assert found == sorted(
        [(_id(6), ""), (_id(14), ""), (_id(20), ""), (_id(30), "平人社办〔2022〕79号"), (_id(30), "平人社就业〔2019〕16号")]
    )


def test_short_name_stands_for_its_full_title() -> None:
    """Document 14: 《河南省人力资源市场条例》（以下简称《条例》）, then 根据《条例》第二十一条."""
    short = [h for h in _citations(compendium_graph(), _id(14)) if h.citation.title == "条例"]
    assert len(short) == 3 and {c.stands_for for _, c in short} == {"河南省人力资源市场条例"}
    assert {r.target for r, _ in short} == {"ext:河南省人力资源市场条例"}  # the node of the full title


def test_citation_by_title_when_no_doc_number_is_printed() -> None:
    docs = list(parsed(COMPENDIUM))
    five = docs[4]
    titled = [r.model_copy(update={"doc_number": None}) for r in five.references if r.title]
    docs[4] = five.model_copy(update={"references": titled})
    got = {c.title: (r.target, c.resolved_by) for r, c in _citations(documents_to_graph(docs), five.id)}
    assert got["关于进一步加强企业用工保障工作的通知"] == (_id(2), "title")  # contained in document 2's title
    assert got["2023年高质量推进“人人持证、技能河南”建设工作方案"] == (_id(11), "title")  # document 11's instrument
    assert got["高质量充分就业示范创建专项实施方案"] == ("ext:高质量充分就业示范创建专项实施方案", None)


@pytest.mark.parametrize("doc", corpus_docs(), ids=lambda d: d.id)
def test_quotes_are_the_text_at_their_spans(doc: Document) -> None:
    for _, c in _citations(corpus_graph(), doc.id):
        assert doc.text[c.span[0] : c.span[1]] == c.quote
    for node in corpus_graph().documents:
        if node.id == doc.id:
            assert all(doc.text[q.span[0] : q.span[1]] == q.quote for q in node.validity)


# (document, valid_from, valid_until), from the sentences 本…自…起施行 / 执行期限截止….
VALIDITY = [
    (6, dt.date(2023, 5, 25), None),  # 自印发之日起实施; 有效期三年 is the certified communities', not the notice's
    (14, dt.date(2023, 1, 1), None),  # 自2023年1月1日起施行 (issued 2023-01-17)
    (22, dt.date(2021, 8, 4), dt.date(2025, 12, 31)),  # 本细则自印发之日起施行，执行期限截止2025年12月31日
    (30, dt.date(2023, 4, 26), None),  # 本操作规程自发布之日起执行
    (18, None, None),  # 见习岗位计划有效期为两年 is not the document's
]


@pytest.mark.parametrize(("n", "start", "end"), VALIDITY, ids=[f"{n:02d}" for n, _, _ in VALIDITY])
def test_validity(n: int, start: dt.date | None, end: dt.date | None) -> None:
    node = compendium_graph().documents[n - 1]
    assert (node.valid_from, node.valid_until) == (start, end)


def test_issue_date_bound_for_an_undated_document() -> None:
    nodes = compendium_graph().documents
    assert nodes[3].date is None and nodes[3].issued_on == dt.date(2023, 3, 23)  # cited by document 5 on that day
    assert nodes[6].date is None and nodes[6].issued_on == dt.date(2023, 12, 31)  # 豫人社函〔2023〕73号
    assert nodes[3].issued_on_bound and nodes[6].issued_on_bound and not nodes[4].issued_on_bound


ALL = set(range(1, 31))
IN_FORCE = [
    (dt.date(2017, 6, 20), set()),
    (dt.date(2020, 1, 1), {23}),
    (dt.date(2022, 1, 1), {22, 23}),
    (dt.date(2023, 3, 6), {2, 11, 14, 22, 23}),
    (dt.date(2023, 12, 31), ALL),
    (dt.date(2026, 1, 1), ALL - {22}),  # 执行期限截止2025年12月31日
]


@pytest.mark.parametrize(("day", "expected"), IN_FORCE, ids=[str(d) for d, _ in IN_FORCE])
def test_in_force(day: dt.date, expected: set[int]) -> None:
    assert in_force(compendium_graph(), day) == [_id(n) for n in sorted(expected)]


def _node(doc_id: str, date: dt.date) -> Node:
    return Node(id=doc_id, title=None, doc_number=None, date=date, issued_on=date, region=None, level=None,
                valid_from=None, valid_until=None)


REPEALED = [(dt.date(2023, 5, 31), ["old"]), (dt.date(2023, 6, 1), ["new"])]


@pytest.mark.parametrize(("day", "expected"), REPEALED, ids=[str(d) for d, _ in REPEALED])
def test_in_force_ends_when_the_repealing_document_is_issued(day: dt.date, expected: list[str]) -> None:
    repeal = Relation(source="new", target="old", type="repeals", count=1,
                      citations=[Citation(quote="《旧》同时废止", span=(0, 7))])
    graph = Graph(documents=[_node("old", dt.date(2020, 1, 1)), _node("new", dt.date(2023, 6, 1))], relations=[repeal])
    assert in_force(graph, day) == expected


def test_graphml_is_xml_with_one_node_per_document_and_cited_outsider() -> None:
    graph = compendium_graph()
    root = ET.fromstring(graph_to_graphml(graph))
    nodes = {n.get("id"): n for n in root.iter(f"{GRAPHML}node")}
    edges = list(root.iter(f"{GRAPHML}edge"))
    assert len(edges) == sum(r.target is not None for r in graph.relations)
    outside = {e.get("target") for e in edges} - {n.id for n in graph.documents}
    assert len(nodes) == 30 + len(outside) and outside == {e.id for e in graph.external}
    assert all(e.get("target") in nodes and e.get("source") in nodes for e in edges)
    data = {d.get("key"): d.text for d in nodes[_id(5)]}
    assert (data["n_doc_number"], data["n_date"], data["n_level"]) == ("豫人社办函〔2023〕30号", "2023-03-23", "provincial")
    repealed = nodes["ext:平人社就业〔2019〕16号"]
    assert {d.get("key"): d.text for d in repealed}["n_external"] == "true"


def test_json_round_trips() -> None:
    graph = compendium_graph()
    assert Graph.model_validate_json(graph_to_json(graph)) == graph
    assert json.loads(graph_to_json(graph))["documents"][0]["id"] == _id(1)


def test_subgraph_keeps_relations_inside_or_outside_the_corpus() -> None:
    sub = subgraph(compendium_graph(), [_id(5), _id(4)])
    outside = {e.id for e in sub.external}
    assert {r.target for r in sub.relations} <= {_id(5), _id(4), None} | outside
    assert any(r.target == _id(4) for r in sub.relations)
    assert outside == {r.target for r in sub.relations} - {_id(5), _id(4), None}


def _graph_cli() -> click.Group:
    return zhengce_cli


def test_cli_graph_is_documented() -> None:
    cmd = _graph_cli().get_command(click.Context(_graph_cli()), "graph")
    assert cmd is not None
    assert cmd.help and "Example: zhengce graph" in cmd.help
    assert all(p.help for p in cmd.params if isinstance(p, click.Option))


def test_cli_graph_writes_graphml_of_documents_in_force(tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    args = ["graph", str(ROOT / COMPENDIUM), "--format", "graphml", "-o", str(out), "--in-force", "2022-01-01"]
    result = CliRunner().invoke(_graph_cli(), args)
    assert result.exit_code == 0, result.output
    ids = {n.get("id") for n in ET.parse(out).getroot().iter(f"{GRAPHML}node")}
    assert {_id(22), _id(23)} <= ids and _id(1) not in ids


def test_cli_graph_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    result = CliRunner().invoke(_graph_cli(), ["graph", str(ROOT / COMPENDIUM), str(bad)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["documents"][0]["id"] == _id(1)
    assert "bad.pdf" in result.stderr


CITATION_SETS = [
    ("the-compendium", lambda: list(parsed(COMPENDIUM))),
    ("the-corpus", lambda: list(corpus_docs())),
    ("the-corpus-twice", lambda: [*corpus_docs(), *(d.model_copy(update={"id": "copy-" + d.id}) for d in corpus_docs())]),
    ("the-corpus-reversed", lambda: list(reversed(corpus_docs()))),
]


@pytest.mark.parametrize("docs", [c[1] for c in CITATION_SETS], ids=[c[0] for c in CITATION_SETS])
def test_relations_resolved_from_each_documents_citations_equal_the_graphs(docs: object) -> None:
    """What an ingest does: each document's citations found alone (in its worker), stored as JSON, read back,
    and only resolved across documents after the run; the relations equal those of the whole graph (a corpus
    twice over: every title and 文号 printed by two documents, so left unresolved)."""
    got = docs()  # type: ignore[operator]
    facts = [DocumentCitations.model_validate_json(document_citations(d).model_dump_json()) for d in got]
    assert facts == [document_citations(d) for d in got]
    assert citation_relations(facts) == documents_to_graph(got).relations
    assert sum(len(f.cites) for f in facts) > 30 and any(f.repeals for f in facts)
