"""A reviewed document as a golden file (``../shared/golden-format.md``): the reviewer's verdicts decide
what it claims.

- accepted: the program's quantity, as it is;
- corrected: the program's quantity with the reviewer's fields;
- added (missed by the program): the reviewer's quantity, unless withdrawn since;
- rejected: left out, so the program's quantity counts against its precision;
- unreviewed: kept with ``doubt: true``, so ``zhengce eval`` scores it apart (a prediction matched to it counts on
  neither side): the file claims nothing the reviewer did not confirm, and does not call a value wrong
  that nobody looked at.

Only the program's parameters of the rule kinds (money, percent, duration, age, count) are proposed; dates,
statistics and targets are not, unless a reviewer accepts or corrects one. The metadata and the sections are
left out (not scored), as no one reviewed them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..records import Analysis, Quantity
from ..records.evaluation import GoldDocument, GoldQuantity, GoldSource
from ..records.vocab import RULE_KINDS
from .reviews import Review, live_adds, quantity_to_gold

log = logging.getLogger(__name__)


def verdicts(reviews: Sequence[Review]) -> dict[str, Review]:
    """The newest review of each quantity (adds left out)."""
    out: dict[str, Review] = {}
    for r in sorted(reviews, key=lambda r: r.id):
        if r.action != "add" and r.quantity_id is not None:
            out[r.quantity_id] = r
    return out


def _proposed(q: Quantity) -> bool:
    return q.role == "parameter" and q.kind in RULE_KINDS and q.value is not None


def reviewed_quantities(analysis: Analysis, reviews: Sequence[Review]) -> list[GoldQuantity]:
    """The gold entries of a reviewed document, in the order of the text (see the module's rules)."""
    latest = verdicts(reviews)
    placed: list[tuple[int, GoldQuantity]] = []
    for q in analysis.quantities:
        r = latest.get(q.id)
        if r is None:
            if _proposed(q):
                placed.append((q.evidence.span[0], quantity_to_gold(q, doubt=True)))
        elif r.action in ("accept", "correct"):
            try:
                placed.append((q.evidence.span[0], quantity_to_gold(q, r.correction if r.action == "correct" else None)))
            except ValueError:  # refused when posted; a review stored by an older version is skipped
                log.warning("review %s of %s cannot be a golden entry", r.id, q.id)
    for r in live_adds(reviews):
        if r.missed is not None:
            placed.append((r.missed.span[0] if r.missed.span else len(analysis.document.text), r.missed.quantity))
    return [g for _, g in sorted(placed, key=lambda p: p[0])]


def golden_document(analysis: Analysis, reviews: Sequence[Review], source_path: str, several: bool) -> GoldDocument:
    """The golden file of a reviewed document. ``source_path`` is its source file as ``zhengce eval`` will find
    it (relative to the root eval is given, or to the gold file's folder); ``several``: the file holds other
    documents too, so the document's lines are stated."""
    doc = analysis.document
    source = GoldSource(path=source_path, lines=doc.source.lines) if several else GoldSource(path=source_path)
    return GoldDocument(doc=doc.id, source=source, quantities=reviewed_quantities(analysis, reviews))


def golden_json(gold: GoldDocument) -> str:
    """A golden file's text: the fields stated only (unset metadata and sections stay out, so they are not scored)."""
    return gold.model_dump_json(indent=2, exclude_unset=True) + "\n"


__all__ = ["golden_document", "golden_json", "reviewed_quantities", "verdicts"]
