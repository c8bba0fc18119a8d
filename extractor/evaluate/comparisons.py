"""Score ``zhengce compare`` against the golden comparisons (golden/compare/README.md).

For each table the comparison is run as a user would, over every document of the corpus and of the tables, with
the table's benefit name as ``--benefit``. A shown value is right when it matches a gold row of its document: the
same kind, the same value (and upper end), on the quote's line or next to it. Three figures:

- ``found``: gold rows (doubt left out) matched by a shown value;
- ``right``: shown values that match a gold row (those matching a doubt row are left out of both counts);
- ``one_class``: right values under a class label of one recipient class: the values of one row and one column of
  the comparison (a document, its recipient class when the comparison gives one, and a parameter) whose right
  values all belong to one gold class.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..compare.table import analyses_to_table, column_kind
from ..extract.matching import close, overlaps
from ..pipeline import parse_path
from ..records import Analysis, Document
from ..records.compare import CompareTable
from ..records.evaluation import CompareScore, CompareTableScore, GoldCompareRow, GoldCompareTable
from .gold import GoldFileError, read_gold_compare

LINE_SLACK = 1  # a value's line may be next to the gold quote's line (a quote that starts at a line's end)
QUOTE_LINES = 6  # a gold quote wrapped over lines: the value may lie this many lines below its start

Shown = tuple[str, str, str, int, float | None, float | None, str]
"""A shown value: (document address, label of its container, kind, line, value, upper end, quote)."""


def shown_values(table: CompareTable, address_of: dict[str, str]) -> list[Shown]:
    """Every value the comparison shows, with its container: the row (document, and recipient class when the
    row has one) and the column."""
    out: list[Shown] = []
    for row in table.rows:
        who = getattr(row, "recipient_class", None) or ""
        for column, values in row.cells.items():
            for v in values:
                out.append((address_of.get(row.doc_id, row.doc_id), f"{row.doc_id}|{who}|{column}", column_kind(column),
                            v.line, v.value, v.value_max, v.quote))
    return out


def _matches(s: Shown, g: GoldCompareRow) -> bool:
    doc, _, kind, line, value, value_max, quote = s
    if doc != g.document or kind != g.kind or value is None or not close(value, g.value):
        return False
    if (value_max is None) != (g.value_max is None) or (value_max is not None and g.value_max is not None
                                                        and not close(value_max, g.value_max)):
        return False
    # on the quote's first line, or within a wrapped quote that holds the value's own quote
    return abs(line - g.line) <= LINE_SLACK or (g.line <= line <= g.line + QUOTE_LINES and overlaps(quote, g.quote))


def score_table(gold: GoldCompareTable, shown: Sequence[Shown]) -> tuple[CompareTableScore, list[str]]:
    """One table's counts, and a line for every gold row missed and every value shown that is wrong."""
    misses: list[str] = []
    used: set[int] = set()
    match_of: dict[int, GoldCompareRow] = {}
    for doubt in (False, True):  # the sure rows first, so that a doubt row never takes a sure row's value
        for g in (r for r in gold.rows if r.doubt == doubt):
            # of the values that match, the one nearest the quote's line (a later row's own value is not taken)
            k = min((i for i, s in enumerate(shown) if i not in used and _matches(s, g)),
                    key=lambda i: abs(shown[i][3] - g.line), default=None)
            if k is None:
                if not doubt:
                    misses.append(f"{gold.benefit}: missed {g.kind} {g.value:g} ({g.class_}) «{g.quote[:40]}» {g.document}:{g.line}")
                continue
            used.add(k)
            match_of[k] = g
    right = [k for k, g in match_of.items() if not g.doubt]
    classes: dict[str, set[str]] = defaultdict(set)
    for k in right:
        classes[shown[k][1]].add(match_of[k].class_)
    one_class = sum(1 for k in right if len(classes[shown[k][1]]) == 1)
    for i, s in enumerate(shown):
        if i not in match_of:
            misses.append(f"{gold.benefit}: shown, not in gold: {s[2]} {s[4]} {s[0]}:{s[3]}")
    doubt_matched = sum(1 for g in match_of.values() if g.doubt)
    score = CompareTableScore(benefit=gold.benefit, gold=sum(1 for r in gold.rows if not r.doubt), found=len(right),
                              shown=len(shown) - doubt_matched, right=len(right), one_class=one_class)
    return score, misses


def _documents(addresses: Iterable[str], root: Path, errors: list[str]) -> list[Document]:
    out: list[Document] = []
    for address in dict.fromkeys(addresses):
        result = parse_path(root / address)
        if result.error is not None:
            errors.append(f"{address}: {result.error}")
            continue
        out.extend(result.documents)
    return out


def score_comparisons(folder: Path, root: Path, analyze: Callable[[Document], Analysis],
                      corpus: Sequence[str] = ("corpus/texts",)) -> tuple[CompareScore, list[str], list[str]]:
    """Every golden comparison of ``folder`` scored: the scores, the misses and the errors (one line each)."""
    errors: list[str] = []
    tables: list[GoldCompareTable] = []
    for path in sorted(folder.glob("*.json")):
        try:
            tables.append(read_gold_compare(path))
        except GoldFileError as e:
            errors.append(str(e))
    files = [str(p.relative_to(root)) for c in corpus for p in sorted((root / c).glob("*.txt"))]
    extra = {a.split("#")[0] for t in tables for a in t.documents + [r.document for r in t.rows]}
    docs = _documents(files + sorted(extra - set(files)), root, errors)  # parse_path reports bad input in its result
    address_of = {d.id: _address(d, root) for d in docs}
    analyses = [analyze(d) for d in docs]
    scores, misses = [], []
    for gold in tables:
        table = analyses_to_table(analyses, benefit=gold.name)
        score, missed = score_table(gold, shown_values(table, address_of))
        scores.append(score)
        misses += missed
    return CompareScore(tables=scores), misses, errors


def _address(doc: Document, root: Path) -> str:
    """A document's address as the golden comparisons write it: its file, plus ``#NN`` in a compendium."""
    path = Path(doc.source.path)
    rel = str(path.relative_to(root)) if path.is_absolute() and path.is_relative_to(root) else str(path)
    head, sep, nn = Path(doc.id).stem.rpartition("-")
    return f"{rel}#{nn}" if sep and nn.isdigit() and len(nn) == 2 and head else rel
