"""JSON Schemas of the records, generated from the pydantic models (the only source of ``schemas/``)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from . import records
from ._atomic import write_atomic

# The record types other systems consume, by schema file name.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "document": records.Document,
    "parse_result": records.ParseResult,
    "quantity": records.Quantity,
    "provision": records.Provision,
    "analysis": records.Analysis,
    "quantity_row": records.QuantityRow,
    "diff": records.Diff,
    "compare_table": records.CompareTable,
    "graph": records.Graph,
    "eval_report": records.Report,
    "gold_document": records.GoldDocument,
    "gold_diff": records.GoldDiff,
    "gold_compare": records.GoldCompareTable,
    "benefit_row": records.BenefitRow,
    "group_row": records.TaxonomyRow,
    "history": records.History,
    "search_hit": records.SearchHit,
    "store_stats": records.StoreStats,
}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text of every schema."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
        for name, model in sorted(SCHEMA_MODELS.items())
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)  # an existing file here raises FileExistsError: the CLI reports it
    out = []
    for name, text in schema_texts().items():
        p = folder / name
        write_atomic(p, text)  # a kill leaves the old file or the new one, never a part
        out.append(p)
    return out
