"""The citation graph written out: JSON (the ``Graph`` record) and GraphML (for Gephi, yEd, networkx).

In GraphML every corpus document and every external document is a node (``external`` says which), every relation
naming a document is one edge with its ``count``; an attribute holding a list holds it as a JSON array, one item per
citation for an edge (``quotes``, ``sections``, ``resolved_by``). Repeals naming no document have no edge.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from ..records.graph import ExternalDocument, Graph, Node, Relation

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# (name, GraphML type), per kind of element.
NODE_KEYS: tuple[tuple[str, str], ...] = (
    ("title", "string"), ("doc_number", "string"), ("issuers", "string"), ("date", "string"),
    ("issued_on", "string"), ("issued_on_bound", "boolean"), ("region", "string"), ("level", "string"),
    ("valid_from", "string"), ("valid_until", "string"), ("repealed_by", "string"), ("titles", "string"),
    ("external", "boolean"),
)
EDGE_KEYS: tuple[tuple[str, str], ...] = (
    ("type", "string"), ("count", "int"), ("quotes", "string"), ("sections", "string"), ("resolved_by", "string"),
)

_Value = str | int | bool | dt.date | Sequence[str | None] | None


def graph_to_json(graph: Graph) -> str:
    """The graph as JSON (the ``Graph`` model)."""
    return graph.model_dump_json(indent=2) + "\n"


def _text(value: _Value) -> str | None:
    """A GraphML data value: dates ISO, booleans ``true``/``false``, lists a JSON array; None when absent (a list
    empty or of nulls only)."""
    if value is None or (isinstance(value, list) and all(v is None for v in value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _document_data(n: Node) -> dict[str, _Value]:
    return {
        "title": n.title, "doc_number": n.doc_number, "issuers": n.issuers, "date": n.date, "issued_on": n.issued_on,
        "issued_on_bound": n.issued_on_bound, "region": n.region, "level": n.level, "valid_from": n.valid_from,
        "valid_until": n.valid_until, "repealed_by": n.repealed_by, "external": False,
    }


def _external_data(e: ExternalDocument) -> dict[str, _Value]:
    return {"title": e.title, "doc_number": e.doc_number, "titles": e.titles, "external": True}


def _edge_data(r: Relation) -> dict[str, _Value]:
    return {
        "type": r.type, "count": r.count, "quotes": [c.quote for c in r.citations],
        "sections": [c.section for c in r.citations], "resolved_by": [c.resolved_by for c in r.citations],
    }


def _add(parent: ET.Element, tag: str, attrs: dict[str, str], data: dict[str, _Value]) -> None:
    el = ET.SubElement(parent, tag, attrs)
    for key, value in data.items():
        if (text := _text(value)) is not None:
            ET.SubElement(el, "data", {"key": f"{tag[0]}_{key}"}).text = text


def _keys(root: ET.Element, kind: str, keys: Iterable[tuple[str, str]]) -> None:
    for name, typ in keys:
        ET.SubElement(root, "key", {"id": f"{kind[0]}_{name}", "for": kind, "attr.name": name, "attr.type": typ})


def graph_to_graphml(graph: Graph) -> str:
    """The graph as GraphML: corpus and external documents as nodes, relations naming a document as directed edges.

    Args:
        graph: from ``documents_to_graph``.

    Returns:
        The GraphML document, UTF-8 declared.
    """
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    _keys(root, "node", NODE_KEYS)
    _keys(root, "edge", EDGE_KEYS)
    g = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})
    for n in graph.documents:
        _add(g, "node", {"id": n.id}, _document_data(n))
    for e in graph.external:
        _add(g, "node", {"id": e.id}, _external_data(e))
    edges = [r for r in graph.relations if r.target is not None]
    for i, r in enumerate(edges):
        _add(g, "edge", {"id": f"e{i}", "source": r.source, "target": r.target or ""}, _edge_data(r))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
