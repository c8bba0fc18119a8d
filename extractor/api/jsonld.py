"""A document as JSON-LD: schema.org ``Legislation`` (https://schema.org/Legislation).

The ``@context`` is the schema.org IRI as a name; nothing is fetched to build or serve it.
"""

from __future__ import annotations

from typing import Any

from ..records import Document

LEVEL_NAME = {"national": "国家", "provincial": "省级", "municipal": "市级", "county": "县级", "district": "区级"}


def document_to_jsonld(doc: Document, url: str) -> dict[str, Any]:
    """A document's metadata as a schema.org Legislation node; ``url`` is where the API serves the document."""
    node: dict[str, Any] = {"@context": "https://schema.org", "@type": "Legislation", "@id": url, "url": url,
                            "identifier": doc.id, "inLanguage": "zh-CN"}
    if doc.title:
        node["name"] = doc.title
    if doc.doc_number:
        node["legislationIdentifier"] = doc.doc_number.text
    if doc.doc_type:
        node["legislationType"] = doc.doc_type
    if doc.date:
        node["legislationDate"] = doc.date.isoformat()
    if doc.effective_date:
        node["legislationDateOfApplicability"] = doc.effective_date.isoformat()
    if doc.region:
        node["legislationJurisdiction"] = {"@type": "AdministrativeArea", "name": doc.region,
                                           **({"identifier": doc.region_code} if doc.region_code else {})}
    if doc.issuers:
        node["legislationPassedBy"] = [{"@type": "GovernmentOrganization", "name": name} for name in doc.issuers]
    if doc.level:
        node["keywords"] = LEVEL_NAME.get(doc.level, doc.level)
    return node


__all__ = ["document_to_jsonld"]
