"""The shape of ``zhengce graph`` output (issue 10, "Graph"): one edge per (source, target, type) counting its
citations, attributes holding what they are named for, one node per external document whether it is cited by 文号
or by title, and GraphML with the same nodes and edges as the JSON.

Read on ``corpus/texts`` through the CLI, as a new user runs it, and on small made-up documents where a case needs
one.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from extractor.cli import cli as zhengce_cli
from extractor.compare.graph import Graph, documents_to_graph
from extractor.pipeline import parse_file
from extractor.records.graph import Relation
from extractor.text.patterns import parse_date
from tests.conftest import TEXTS

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@functools.cache
def cli_output(fmt: str) -> str:
    """``zhengce graph corpus/texts --format <fmt>`` on stdout."""
    result = CliRunner().invoke(zhengce_cli, ["graph", str(TEXTS), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


@functools.cache
def corpus_graph() -> Graph:
    return Graph.model_validate_json(cli_output("json"))


class _Edge(NamedTuple):
    source: str
    target: str
    type: str
    count: int
    quotes: tuple[str, ...]


def _json_nodes() -> set[str]:
    graph = corpus_graph()
    return {n.id for n in graph.documents} | {e.id for e in graph.external}


def _json_edges() -> list[_Edge]:
    """The relations naming a document; a repeal naming none has no edge."""
    return [
        _Edge(r.source, r.target, r.type, r.count, tuple(c.quote for c in r.citations))
        for r in corpus_graph().relations if r.target is not None
    ]


class _GraphML(NamedTuple):
    nodes: dict[str, dict[str, str]]  # id -> attribute name -> text
    edges: list[tuple[str, str, dict[str, str]]]  # source, target, attributes


@functools.cache
def graphml() -> _GraphML:
    """The GraphML parsed with xml.etree, attributes by name (``attr.name``) as the text written."""
    root = ET.fromstring(cli_output("graphml"))
    names = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}

    def data(el: ET.Element) -> dict[str, str]:
        return {str(names[d.get("key")]): d.text or "" for d in el.iter(f"{GRAPHML}data")}

    nodes = {str(n.get("id")): data(n) for n in root.iter(f"{GRAPHML}node")}
    edges = [(str(e.get("source")), str(e.get("target")), data(e)) for e in root.iter(f"{GRAPHML}edge")]
    return _GraphML(nodes, edges)


def _graphml_edges() -> list[_Edge]:
    return [
        _Edge(s, t, d["type"], int(d["count"]), tuple(json.loads(d["quotes"]))) for s, t, d in graphml().edges
    ]


# --- one edge per relation -------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", sorted({n.id for n in corpus_graph().documents}))
def test_no_two_edges_share_source_target_and_type(source: str) -> None:
    keys = collections.Counter((r.target, r.type) for r in corpus_graph().relations if r.source == source)
    assert [k for k, n in keys.items() if n > 1] == []


def test_no_two_graphml_edges_share_source_target_and_type() -> None:
    keys = collections.Counter((e.source, e.target, e.type) for e in _graphml_edges())
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize("relation", corpus_graph().relations,
                         ids=[f"{r.source}>{r.target}:{r.type}" for r in corpus_graph().relations])
def test_json_edge_count_is_its_quotes(relation: Relation) -> None:
    assert relation.count == len(relation.citations) >= 1
    assert all(c.quote for c in relation.citations)


@pytest.mark.parametrize("edge", _graphml_edges(), ids=[f"{e.source}>{e.target}:{e.type}" for e in _graphml_edges()])
def test_graphml_edge_count_is_its_quotes(edge: _Edge) -> None:
    assert edge.count == len(edge.quotes) >= 1


def test_the_repeated_citation_of_document_25_is_one_edge_of_six() -> None:
    """The issue's edge repeated six times: 25 cites 《河南省就业补助资金管理办法》（豫财社〔2018〕8号） in 二/（一）–（六）."""
    hits = [r for r in corpus_graph().relations
            if (r.source, r.target, r.type) == ("004_a7a4461144ba7e7b-25.txt", "ext:豫财社〔2018〕8号", "implements")]
    assert len(hits) == 1 and hits[0].count == 6
    assert [c.section for c in hits[0].citations][1:] == ["二/（一）", "二/（三）", "二/（四）", "二/（五）", "二/（六）"]


# --- attributes hold what they are named for --------------------------------------------------------------------


def _is_date(value: object) -> bool:
    """Whether ``value`` reads as a date, ISO (2023-04-27) or printed (2023年4月27日)."""
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return parse_date(value) is not None


def _flat(value: object) -> list[object]:
    """The scalar values of a JSON value (a GraphML list attribute is a JSON array)."""
    if isinstance(value, str) and value.startswith("["):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return [value]
    if isinstance(value, list):
        return [v for item in value for v in _flat(item)]
    return [] if value is None else [value]


def _json_records(value: object, where: str) -> list[tuple[str, dict[str, object]]]:
    """Every object of the JSON output with where it is (documents, external, relations, relations.citations)."""
    if isinstance(value, list):
        return [r for item in value for r in _json_records(item, where)]
    if not isinstance(value, dict):
        return []
    nested = [r for k, v in value.items() if isinstance(v, list | dict) for r in _json_records(v, f"{where}.{k}")]
    return [(where, value), *nested]


@functools.cache
def attribute_values() -> dict[str, list[object]]:
    """``<format>:<where>.<name>`` -> every value an attribute takes in the JSON and GraphML output."""
    out: dict[str, list[object]] = collections.defaultdict(list)
    for where, record in _json_records(json.loads(cli_output("json")), "graph"):
        for name, value in record.items():
            if not isinstance(value, dict):
                out[f"json:{where}.{name}"] += _flat(value)
    for node in graphml().nodes.values():
        for name, value in node.items():
            out[f"graphml:node.{name}"] += _flat(value)
    for _, _, edge in graphml().edges:
        for name, value in edge.items():
            out[f"graphml:edge.{name}"] += _flat(value)
    return dict(out)


AGENT_NAMES = ("issuer", "issued_by", "_by")  # an issuer, who repeals, how resolved: never a date
DATE_NAMES = ("date", "issued_on", "valid_from", "valid_until")


def _named(names: tuple[str, ...], exact: bool) -> list[str]:
    keys = sorted(attribute_values())
    short = {k: k.rsplit(".", 1)[-1] for k in keys}
    return [k for k in keys if (short[k] in names if exact else any(n in short[k] for n in names))]


@pytest.mark.parametrize("attribute", _named(AGENT_NAMES, exact=False))
def test_no_issuer_or_by_attribute_holds_a_date(attribute: str) -> None:
    assert [v for v in attribute_values()[attribute] if _is_date(v)] == []


@pytest.mark.parametrize("attribute", _named(DATE_NAMES, exact=True))
def test_date_attributes_hold_dates(attribute: str) -> None:
    values = attribute_values()[attribute]
    assert values and all(_is_date(v) for v in values)


@pytest.mark.parametrize("fmt", ["json", "graphml"])
def test_issuers_hold_the_organs_as_printed(fmt: str) -> None:
    values = attribute_values()["json:graph.documents.issuers" if fmt == "json" else "graphml:node.issuers"]
    assert "河南省人力资源和社会保障厅" in values


def test_no_attribute_is_named_issued_by() -> None:
    assert [k for k in attribute_values() if k.endswith(".issued_by")] == []


# --- one node per external document --------------------------------------------------------------------------


class _Made(NamedTuple):
    """Made-up documents (title, 文号, the sentence citing) and the external nodes expected: id -> citing files."""

    docs: list[tuple[str, str, str]]
    nodes: dict[str, set[str]]


NOTICE = "河南省人民政府关于做好高校毕业生就业工作的通知"
MADE_UP = {
    "doc-number-then-title": _Made([
        ("某某市人力资源和社会保障局关于做好就业工作的通知", "某人社〔2023〕5号", f"根据《{NOTICE}》（豫政〔2023〕17号）要求"),
        ("某某县人力资源和社会保障局关于落实就业政策的通知", "某县人社〔2023〕9号", f"按照《{NOTICE}》要求"),
    ], {"ext:豫政〔2023〕17号": {"0.txt", "1.txt"}}),
    "title-then-doc-number": _Made([
        ("某某县人力资源和社会保障局关于落实就业政策的通知", "某县人社〔2023〕9号", f"按照《{NOTICE}》要求"),
        ("某某市人力资源和社会保障局关于做好就业工作的通知", "某人社〔2023〕5号", f"根据《{NOTICE}》（豫政〔2023〕17号）要求"),
    ], {"ext:豫政〔2023〕17号": {"0.txt", "1.txt"}}),
    "notice-by-doc-number-instrument-by-title": _Made([
        ("某某市财政局关于做好补贴发放的通知", "某财〔2023〕3号",
         "根据《河南省财政厅关于印发〈河南省就业补助资金管理办法〉的通知》（豫财社〔2018〕8号）"),
        ("某某县财政局关于做好补贴发放的通知", "某县财〔2023〕4号", "按照《河南省就业补助资金管理办法》规定"),
    ], {"ext:豫财社〔2018〕8号": {"0.txt", "1.txt"}}),
    "law-with-and-without-the-state-name": _Made([
        ("某某市人力资源和社会保障局关于做好就业工作的通知", "某人社〔2023〕5号", "根据《中华人民共和国就业促进法》"),
        ("某某县人力资源和社会保障局关于落实就业政策的通知", "某县人社〔2023〕9号", "依据《就业促进法》"),
    ], {"ext:中华人民共和国就业促进法": {"0.txt", "1.txt"}}),
    "one-title-two-doc-numbers-stay-apart": _Made([
        ("某某市人力资源和社会保障局关于做好就业工作的通知", "某人社〔2023〕5号", f"根据《{NOTICE}》（豫政〔2023〕17号）"),
        ("某某县人力资源和社会保障局关于落实就业政策的通知", "某县人社〔2023〕9号", f"根据《{NOTICE}》（豫政〔2023〕18号）"),
        ("某某区人力资源和社会保障局关于落实就业政策的通知", "某区人社〔2023〕2号", f"按照《{NOTICE}》要求"),
    ], {"ext:豫政〔2023〕17号": {"0.txt"}, "ext:豫政〔2023〕18号": {"1.txt"}, f"ext:{NOTICE}": {"2.txt"}}),
}


def _write(tmp_path: Path, n: int, title: str, number: str, sentence: str) -> Path:
    path = tmp_path / f"{n}.txt"
    path.write_text(f"{title}\n{number}\n各有关单位：\n{sentence}，现就有关事项通知如下。\n一、加强就业服务。\n"
                    f"某某人力资源和社会保障局\n2023年5月6日\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", MADE_UP.values(), ids=MADE_UP.keys())
def test_external_document_cited_by_doc_number_and_by_title_is_one_node(case: _Made, tmp_path: Path) -> None:
    docs = [d for n, doc in enumerate(case.docs) for d in parse_file(_write(tmp_path, n, *doc))]
    graph = documents_to_graph(docs)
    citing = {e.id: {r.source for r in graph.relations if r.target == e.id} for e in graph.external}
    assert citing == case.nodes


# (node, the documents citing it): external documents of the corpus cited both ways.
CORPUS_EXTERNAL = [
    ("ext:豫财社〔2018〕8号", {"20", "22", "25"}),  # 22: 《河南省就业补助资金管理办法》 alone; 20, 25: with the 文号
    ("ext:人社部发〔2021〕26号", {"22"}),  # 22 cites 《关于切实加强就业帮扶…指导意见》 with its 文号 and later without
    ("ext:豫技领〔2022〕2号", {"15", "16", "24", "26", "28"}),  # 24: the notice enclosing 〈…实施意见〉 with the 文号
]


@pytest.mark.parametrize(("node", "sources"), CORPUS_EXTERNAL, ids=["fund-measures", "poverty-guidance", "brand-opinion"])
def test_corpus_external_document_cited_both_ways_is_one_node(node: str, sources: set[str]) -> None:
    graph = corpus_graph()
    citing = {r.source.removesuffix(".txt")[-2:] for r in graph.relations if r.target == node}
    assert citing == sources


def test_no_external_title_node_duplicates_a_doc_number_node() -> None:
    """No node by title alone whose title is one a 文号 node is cited by (unless two 文号 share it)."""
    graph = corpus_graph()
    by_number: dict[str, set[str]] = collections.defaultdict(set)
    for e in graph.external:
        if e.doc_number:
            for t in e.titles:
                by_number[t].add(e.id)
    doubled = [e.id for e in graph.external if e.doc_number is None and any(len(by_number[t]) == 1 for t in e.titles)]
    assert doubled == []


# --- GraphML and JSON agree ------------------------------------------------------------------------------------


def test_graphml_has_the_json_nodes() -> None:
    assert set(graphml().nodes) == _json_nodes()


def test_graphml_has_the_json_edges() -> None:
    assert collections.Counter(_graphml_edges()) == collections.Counter(_json_edges())


def test_graphml_marks_external_nodes() -> None:
    external = {e.id for e in corpus_graph().external}
    assert {n for n, d in graphml().nodes.items() if d["external"] == "true"} == external


def test_graphml_loads_with_networkx_when_installed() -> None:
    """networkx reads the file with typed attributes; without networkx, xml.etree has read it above."""
    nx = pytest.importorskip("networkx")
    import io

    g = nx.read_graphml(io.BytesIO(cli_output("graphml").encode("utf-8")))
    assert set(g.nodes) == _json_nodes()
    edges = [_Edge(s, t, d["type"], d["count"], tuple(json.loads(d["quotes"]))) for s, t, d in g.edges(data=True)]
    assert collections.Counter(edges) == collections.Counter(_json_edges())
