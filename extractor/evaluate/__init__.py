"""Score the program against golden annotations (the format of ``golden/``; any folder in that format).

A gold file names its source file and, for a compendium, its line range; the program document it is compared
with is the one whose lines overlap that range most. Reported: accuracy of each metadata field, precision and
recall of top-level sections, and (when the gold file has quantities) per-kind precision, recall and F1 of
values with the accuracy of bound, per, base and section among matched values; for golden diffs, the articles
aligned as in gold, their status, and the parameter changes. Entries marked doubt are scored apart.

Gold files are read through the models of ``records.evaluation``: a malformed one is one error line naming the
file and the field (``golden/x.json: quantities[3].bound: 'maximum' is not one of exact, max, min, range``).

Layers: ``gold`` reads the files, ``metadata`` scores metadata and sections, ``extract.score`` and
``compare.score`` score quantities and diffs (sharing ``extract.matching``), ``run`` runs it all and builds the
``Report``. Nothing below imports this package.
"""

from __future__ import annotations

from ..extract.matching import norm
from ..records.evaluation import Counts, Report
from .gold import GoldFileError, describe, read_gold, read_gold_diff, read_gold_document
from .metadata import META_FIELDS, gold_meta_value, meta_value, score_sections, titles
from .run import SETS, Evaluator, ReportBuilder, evaluate, evaluate_sets, overlap

__all__ = [
    "META_FIELDS", "SETS", "Counts", "Evaluator", "GoldFileError", "Report", "ReportBuilder", "describe", "evaluate", "evaluate_sets",
    "gold_meta_value", "meta_value", "norm", "overlap", "read_gold", "read_gold_diff", "read_gold_document",
    "score_sections", "titles",
]
