"""The records Zhengce produces: frozen pydantic models, the one source of the JSON Schemas in ``schemas/``.

One module per concern: ``vocab`` (the closed vocabularies), ``document`` (a parsed document), ``extraction``
(quantities, provisions, the analysis of a document), ``diff``, ``compare`` (a comparison table), ``graph``
(citations and repeals) and ``evaluation`` (golden files and the eval report). Every name is re-exported here.
"""

from __future__ import annotations

from ._base import LineT, NonNegInt, PageT, Record, SpanT
from .compare import CompareTable, Row, Value
from .diff import Diff, ParameterChange, RedlineOp, SectionPair
from .document import (
    Attachment,
    DocNumber,
    Document,
    Location,
    ParseResult,
    Reference,
    Section,
    Source,
    SourceEdit,
    Table,
    document_sections,
    walk_sections,
)
from .evaluation import (
    Counts,
    DiffScore,
    GoldAlignment,
    GoldChange,
    GoldDiff,
    GoldDocument,
    GoldMeta,
    GoldQuantity,
    GoldSection,
    GoldSource,
    QuantityScore,
    Report,
)
from .extraction import Analysis, AnalysisResult, Beneficiary, Evidence, Provision, Quantity, QuantityRow
from .graph import Graph, Node, Quote, Relation, RelationType, ResolvedBy
from .vocab import (
    BeneficiaryKind,
    Bound,
    ChangeKind,
    Level,
    Marker,
    PairStatus,
    Per,
    QuantityKind,
    Role,
    SourceKind,
    Unit,
)

__all__ = [
    "Analysis",
    "AnalysisResult",
    "Attachment",
    "Beneficiary",
    "BeneficiaryKind",
    "Bound",
    "ChangeKind",
    "CompareTable",
    "Counts",
    "Diff",
    "DiffScore",
    "DocNumber",
    "Document",
    "Evidence",
    "GoldAlignment",
    "GoldChange",
    "GoldDiff",
    "GoldDocument",
    "GoldMeta",
    "GoldQuantity",
    "GoldSection",
    "GoldSource",
    "Graph",
    "Level",
    "LineT",
    "Location",
    "Marker",
    "Node",
    "NonNegInt",
    "PageT",
    "PairStatus",
    "ParameterChange",
    "ParseResult",
    "Per",
    "Provision",
    "Quantity",
    "QuantityKind",
    "QuantityRow",
    "QuantityScore",
    "Quote",
    "Record",
    "RedlineOp",
    "Reference",
    "Relation",
    "RelationType",
    "Report",
    "ResolvedBy",
    "Role",
    "Row",
    "Section",
    "SectionPair",
    "Source",
    "SourceEdit",
    "SourceKind",
    "SpanT",
    "Table",
    "Unit",
    "Value",
    "document_sections",
    "walk_sections",
]
