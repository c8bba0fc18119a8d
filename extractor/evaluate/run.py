"""Run the program on the sources gold files name, score it, and build the report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..compare.diff import analyses_to_diff
from ..compare.score import score_diff
from ..errors import InputError
from ..extract import extract_document
from ..extract.score import score_quantities
from ..pipeline import parse_file
from ..records import Analysis, Document
from ..records.evaluation import (
    REAL_GROUPS,
    Counts,
    DiffGroup,
    DiffScore,
    GoldDiff,
    GoldDocument,
    GoldSource,
    GroupScore,
    QuantityScore,
    Report,
    Tally,
)
from ..records.vocab import QuantityKind
from .comparisons import score_comparisons
from .gold import GoldFileError, read_gold_diff, read_gold_document
from .metadata import gold_value, meta_checks, meta_value, score_sections


def overlap(doc: Document, lines: Sequence[int] | None) -> int:
    """How many lines of ``lines`` (1-based, inclusive; none: the whole file) the document covers."""
    if not lines:
        return 1
    a, b = doc.source.lines
    return max(0, min(b, lines[1]) - max(a, lines[0]) + 1)


def diff_group(path: Path, gold: GoldDiff) -> DiffGroup:
    """The group a golden diff is scored in: ``real`` (a file of ``diffs/real``), ``heldout`` (real pairs of
    ``diffs/heldout``, read after the program was tuned on ``real``; development data since session 18), ``fresh``
    (real pairs of ``diffs/fresh``, read in session 18 and measured before any tuning on them; tuned on since session
    20), ``blind2`` (real pairs of ``diffs/blind2``, read in session 20 and measured once per batch before any tuning
    on them: ``diffs/blind2/README.md``), ``blind3`` (the same for ``diffs/blind3``, read in session 21), ``blind4`` (``diffs/blind4``, session 22), ``blind5`` (``diffs/blind5``, session 24), ``blind6`` (``diffs/blind6``, session 27), ``synthetic`` (made by
    scripts/make_revisions.py: its B text is in ``diffs/synthetic``), ``province_city`` (an implementation pair
    read by hand), else ``other``."""
    if path.parent.name == "real":
        return "real"
    if path.parent.name in ("heldout", "fresh", "blind2", "blind3", "blind4", "blind5", "blind6"):
        return cast(DiffGroup, path.parent.name)
    if "/synthetic/" in f"/{gold.b.path}" or (gold.notes or "").startswith("synthetic"):
        return "synthetic"
    return "province_city" if gold.relation == "implementation" else "other"


def _add(table: dict[str, Tally], name: str, right: int, total: int) -> None:
    c, t = table.get(name, (0, 0))
    table[name] = (c + right, t + total)


@dataclass
class ReportBuilder:
    """The scores of a run as they are added up; ``build`` freezes them into a ``Report``."""

    files: int = 0
    errors: list[str] = field(default_factory=list)
    meta: dict[str, Tally] = field(default_factory=dict)
    sections: Counts = field(default_factory=Counts)
    quantities: dict[QuantityKind, Counts] = field(default_factory=dict)
    doubt: dict[QuantityKind, Counts] = field(default_factory=dict)
    attributes: dict[str, Tally] = field(default_factory=dict)
    diffs: int = 0
    diff_changes: dict[str, Counts] = field(default_factory=dict)
    diff_doubt: dict[str, Counts] = field(default_factory=dict)
    diff_group: dict[str, DiffGroup] = field(default_factory=dict)
    diff_groups: dict[DiffGroup, GroupScore] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add_document(self, name: str, doc: Document, gold: GoldDocument) -> None:
        """Score one document's metadata and top-level sections."""
        for f, ok in meta_checks(doc, gold.meta):
            _add(self.meta, f, ok, 1)
            if not ok:
                self.misses.append(f"{name}: meta.{f}: program {meta_value(doc, f)!r}, gold {gold_value(gold.meta, f)!r}")
        if gold.sections is not None:
            self.sections = self.sections + score_sections([(s.num, s.heading) for s in doc.sections], gold.sections)

    def add_quantities(self, score: QuantityScore) -> None:
        for mine, theirs in ((self.quantities, score.quantities), (self.doubt, score.doubt)):
            for kind, counts in theirs.items():
                mine[kind] = mine.get(kind, Counts()) + counts
        for attr, (right, total) in score.attributes.items():
            _add(self.attributes, attr, right, total)
        self.misses += score.misses

    def add_diff(self, name: str, score: DiffScore, group: DiffGroup = "other") -> None:
        """Add one golden diff's scores to its group's; ``diff_alignment`` and ``diff_status`` (attributes) add up
        the golden diffs other than the real pairs, as they were first set."""
        self.diffs += 1
        self.misses += score.misses
        if group not in REAL_GROUPS:
            _add(self.attributes, "diff_alignment", *score.alignment)
            _add(self.attributes, "diff_status", *score.status)
        self.diff_group[name] = group
        self.diff_groups[group] = self.diff_groups.get(group, GroupScore()) + score
        self.diff_changes[name] = self.diff_changes.get(name, Counts()) + score.changes
        self.diff_doubt[name] = self.diff_doubt.get(name, Counts()) + score.doubt

    def build(self) -> Report:
        return Report(
            files=self.files, errors=tuple(self.errors), meta=self.meta, sections=self.sections,
            quantities=self.quantities, doubt=self.doubt, attributes=self.attributes, diffs=self.diffs,
            diff_changes=self.diff_changes, diff_doubt=self.diff_doubt, diff_group=self.diff_group,
            diff_groups=self.diff_groups, misses=tuple(self.misses),
        )


@dataclass
class Evaluator:
    """Runs the program on the sources named by gold files and scores it.

    ``root`` is where source paths are relative to (else to the gold file's own folder). Each source file is
    parsed once per evaluator, and each document extracted once (a document scored for its quantities and
    in a golden diff too is not extracted again).
    """

    root: Path = field(default_factory=Path.cwd)
    _cache: dict[Path, list[Document]] = field(default_factory=dict)
    _analyses: dict[tuple[Path, str], Analysis] = field(default_factory=dict)

    def analysis(self, doc: Document) -> Analysis:
        """The analysis of ``doc``, extracted once per evaluator."""
        key = (Path(doc.source.path), doc.id)
        if key not in self._analyses:
            self._analyses[key] = extract_document(doc)
        return self._analyses[key]

    def _documents(self, source: Path) -> list[Document]:
        if source not in self._cache:
            self._cache[source] = parse_file(source)
        return self._cache[source]

    def _source(self, gold_path: Path, rel: str) -> Path:
        for base in (self.root, gold_path.parent):
            p = base / rel
            if p.exists():
                return p
        return self.root / rel

    def _document(self, gold_path: Path, source: GoldSource, out: ReportBuilder) -> Document | None:
        """The program's document for a gold source (the one its lines overlap most), or None, with an error."""
        path = self._source(gold_path, source.path)
        try:
            docs = self._documents(path)
        except InputError as e:
            out.errors.append(str(e))
            return None
        doc = max(docs, key=lambda d: overlap(d, source.lines))
        if overlap(doc, source.lines) == 0:
            out.errors.append(f"{gold_path.name}: no document at lines {list(source.lines or ())} of {path}")
            return None
        return doc

    def run(self, golden: Path) -> Report:
        """Score every gold file of ``golden``: a folder of gold documents with golden diffs in ``diffs/`` and
        ``diffs/real/``, or one file. A file in a folder named ``diffs`` or in a folder of it (``diffs/real``), or
        such a folder itself, is a golden diff; a ``diffs`` folder is scored with its sub-folders' files."""
        out = ReportBuilder()
        diffs = golden.name == "diffs" or golden.parent.name == "diffs"
        if golden.is_dir() and not diffs:
            self._run_documents(sorted(golden.glob("*.json")), out)
            self._run_diffs(_diff_files(golden / "diffs"), out)
        elif golden.is_dir():
            self._run_diffs(_diff_files(golden) if golden.name == "diffs" else sorted(golden.glob("*.json")), out)
        elif diffs or golden.parent.parent.name == "diffs":
            self._run_diffs([golden], out)
        else:
            self._run_documents([golden], out)
        return out.build()

    def _run_documents(self, files: list[Path], out: ReportBuilder) -> None:
        for path in files:
            try:
                gold = read_gold_document(path)
            except GoldFileError as e:
                out.errors.append(str(e))
                continue
            out.files += 1
            doc = self._document(path, gold.source, out)
            if doc is None:
                continue
            out.add_document(path.stem, doc, gold)
            if gold.quantities is not None:
                out.add_quantities(score_quantities(self.analysis(doc).quantities, gold.quantities, path.stem))

    def _run_diffs(self, files: list[Path], out: ReportBuilder) -> None:
        for path in files:
            try:
                gold = read_gold_diff(path)
            except GoldFileError as e:
                out.errors.append(str(e))
                continue
            a = self._document(path, gold.a, out)
            b = self._document(path, gold.b, out) if a is not None else None
            if a is None or b is None:
                continue
            diff = analyses_to_diff(self.analysis(a), self.analysis(b))
            out.add_diff(path.stem, score_diff(diff, gold, path.stem), diff_group(path, gold))


def _diff_files(folder: Path) -> list[Path]:
    """The golden diffs of a ``diffs`` folder: its own files, then those of its sub-folders (``real``)."""
    return sorted(folder.glob("*.json")) + sorted(folder.glob("*/*.json"))


SETS = ("first", "unseen", "fresh", "blind", "blind2", "blind3", "blind4", "blind5", "together")
"""The document sets of ``evaluate_sets``: the first golden set (``golden/*.json``, the corpus the program was
developed on), the second (``golden/unseen/*.json``, documents of other regions and genres, tuned on since they
were first measured), the third (``golden/fresh/*.json``, documents read in session 18, measured once before any tuning on them and
tuned on since), the fourth (``golden/blind/*.json``, read later in session 18 and measured before any tuning,
tuned on since), the fifth (``golden/blind2/*.json``, read in session 19 and measured before any tuning), the sixth
(``golden/blind3/*.json``, read in session 21 and measured before any tuning), the seventh (``golden/blind4/*.json``,
read in session 22 and measured before any tuning), the eighth (``golden/blind5/*.json``, read in session 24 and measured before any tuning), and the first two together."""

HELD_SETS = ("unseen", "fresh", "blind", "blind2", "blind3", "blind4", "blind5")
"""The document sets kept in a sub-folder of ``golden``, each with its texts in ``corpus/<name>``."""


def evaluate_sets(golden: Path, root: Path | None = None) -> dict[str, Report]:
    """``first``: ``evaluate(golden)``; when ``golden`` is a folder with an ``unseen``, ``fresh`` or ``blind`` folder of gold
    documents, also each of those alone, and ``together`` (the documents of the first and ``unseen``; diffs left
    out). The golden comparisons of ``golden/compare`` go with the first set, those of ``golden/compare/<set>`` with
    that set (the comparison then runs over ``corpus/<set>``). Each document is parsed and extracted once."""
    ev = Evaluator(root=root or Path.cwd())
    sets = {"first": ev.run(golden)}
    if not golden.is_dir() or golden.name == "diffs":
        return sets
    for name in HELD_SETS:
        folder = golden / name
        if folder.is_dir() and any(folder.glob("*.json")):
            sets[name] = ev.run(folder)
    for name, corpus in (("first", "corpus/texts"), *((n, f"corpus/{n}") for n in HELD_SETS)):
        compare = golden / "compare" if name == "first" else golden / "compare" / name
        if name in sets and compare.is_dir() and any(compare.glob("*.json")):
            scores, missed, errors = score_comparisons(compare, ev.root, ev.analysis, corpus=(corpus,))
            report = sets[name]
            sets[name] = report.model_copy(update={"comparisons": scores, "misses": report.misses + tuple(missed),
                                                   "errors": report.errors + tuple(errors)})
    if "unseen" in sets:
        both = ReportBuilder()
        ev._run_documents(sorted(golden.glob("*.json")) + sorted((golden / "unseen").glob("*.json")), both)
        sets["together"] = both.build()
    return sets


def evaluate(golden: Path, root: Path | None = None) -> Report:
    """Score the program against the gold files of ``golden`` (see ``Evaluator``)."""
    return Evaluator(root=root or Path.cwd()).run(golden)
