"""Score the program against golden annotations (the format of ``golden/``; any folder in that format).

A gold file names its source file and, for a compendium, its line range; the program document it is compared
with is the one whose lines overlap that range most. Reported: accuracy of each metadata field, precision and
recall of top-level sections, and (when the gold file has quantities) per-kind precision, recall and F1 of
values with the accuracy of bound, per, base and section among matched values. Entries marked doubt are
scored apart.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .errors import InputError
from .pipeline import parse_file
from .records import Document
from .text.patterns import norm_title

META_FIELDS = ("title", "doc_number", "issuers", "date", "region", "level", "doc_type")


class Counts(BaseModel):
    """Matched, predicted and gold counts, with the derived scores."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, predicted=self.predicted + other.predicted, gold=self.gold + other.gold)


class Report(BaseModel):
    """The scores of one eval run."""

    model_config = ConfigDict(extra="forbid")
    files: int = 0
    errors: list[str] = Field(default_factory=list)
    meta: dict[str, tuple[int, int]] = Field(default_factory=dict, description="field -> (correct, total)")
    sections: Counts = Counts()
    quantities: dict[str, Counts] = Field(default_factory=dict, description="kind -> counts (doubt excluded)")
    doubt: dict[str, Counts] = Field(default_factory=dict, description="kind -> counts of doubt entries")
    attributes: dict[str, tuple[int, int]] = Field(default_factory=dict, description="bound/per/base/section/... among matched")
    diffs: int = 0
    diff_changes: dict[str, Counts] = Field(default_factory=dict, description="golden diff -> parameter-change counts")
    diff_doubt: dict[str, Counts] = Field(default_factory=dict, description="golden diff -> counts of doubt changes")
    misses: list[str] = Field(default_factory=list, description="per-document notes of what did not match")

    def score(self, name: str) -> float:
        """A named score: ``money.f1``, ``bound.acc``, ``meta.title``, ``sections.recall``…"""
        head, _, tail = name.partition(".")
        if head == "sections":
            return float(getattr(self.sections, tail))
        if head == "meta":
            c, t = self.meta.get(tail, (0, 0))
            return c / t if t else 1.0
        if head in self.attributes:
            c, t = self.attributes[head]
            return c / t if t else 1.0
        if head == "all":
            total = sum(self.quantities.values(), Counts())
            return float(getattr(total, tail))
        if head == "diff_changes":
            return float(getattr(sum(self.diff_changes.values(), Counts()), tail))
        if tail not in ("precision", "recall", "f1") or head not in ("money", "percent", "duration", "age", "count"):
            raise KeyError(name)
        return float(getattr(self.quantities.get(head, Counts()), tail))


def norm(s: object) -> str:
    """Compare strings modulo width, spaces and book-title marks."""
    if s is None:
        return ""
    return norm_title(unicodedata.normalize("NFKC", str(s))).replace("(", "（").replace(")", "）")


def _titles(doc: Document) -> set[str]:
    out = {norm(doc.title), norm(doc.instrument_title)}
    if doc.title and "关于" in doc.title:
        out.add(norm(doc.title[doc.title.index("关于") :]))
    return {t for t in out if t}


def _meta_value(doc: Document, name: str) -> Any:
    if name == "doc_number":
        return norm(doc.doc_number.text) if doc.doc_number else None
    if name == "issuers":
        return sorted(norm(i) for i in doc.issuers)
    if name == "date":
        return doc.date.isoformat() if doc.date else None
    if name in ("region",):
        return norm(doc.region) if doc.region else None
    return getattr(doc, name)


def _gold_meta(gold: dict[str, Any], name: str) -> Any:
    v = gold.get(name)
    if name == "doc_number":
        return norm(v) if v else None
    if name == "issuers":
        return sorted(norm(i) for i in v or [])
    if name == "region":
        return norm(v) if v else None
    return v


def _overlap(doc: Document, lines: Sequence[int] | None) -> int:
    if not lines:
        return 1
    a, b = doc.source.lines
    return max(0, min(b, lines[1]) - max(a, lines[0]) + 1)


def _section_key(num: object) -> str:
    return norm(num).rstrip("、.．")


def score_sections(pred: Sequence[tuple[str, str | None]], gold: Sequence[dict[str, Any]]) -> Counts:
    """Top-level sections: a predicted one matches an unused gold one with the same number and heading."""
    used = [False] * len(gold)
    tp = 0
    for num, heading in pred:
        for i, g in enumerate(gold):
            if used[i] or _section_key(g.get("num")) != _section_key(num):
                continue
            gh, ph = norm(g.get("heading")).rstrip("：:。"), norm(heading).rstrip("：:。")
            if gh == ph or (gh and ph and (gh.startswith(ph) or ph.startswith(gh))):
                used[i] = True
                tp += 1
                break
    return Counts(tp=tp, predicted=len(pred), gold=len(gold))


QuantityScorer = Callable[[Document, list[dict[str, Any]], "Report", str], None]


@dataclass
class Evaluator:
    """Runs the program on the sources named by gold files and accumulates a Report."""

    root: Path = field(default_factory=Path.cwd)
    score_quantities: QuantityScorer | None = None
    _cache: dict[Path, list[Document]] = field(default_factory=dict)

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

    def run(self, golden: Path) -> Report:
        report = Report()
        files = sorted(p for p in golden.glob("*.json")) if golden.is_dir() else [golden]
        for path in files:
            try:
                gold = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as e:
                report.errors.append(f"{path}: not a gold file: {e}")
                continue
            if not isinstance(gold, dict) or "source" not in gold:
                continue
            report.files += 1
            source = self._source(path, gold["source"]["path"])
            try:
                docs = self._documents(source)
            except InputError as e:
                report.errors.append(str(e))
                continue
            lines = gold["source"].get("lines")
            doc = max(docs, key=lambda d: _overlap(d, lines))
            if _overlap(doc, lines) == 0:
                report.errors.append(f"{path.name}: no document at lines {lines} of {source}")
                continue
            self._score_meta(doc, gold.get("meta", {}), report, path.stem)
            if "sections" in gold:
                report.sections = report.sections + score_sections(
                    [(s.num, s.heading) for s in doc.sections], gold["sections"]
                )
            if "quantities" in gold and self.score_quantities is not None:
                self.score_quantities(doc, gold["quantities"], report, path.stem)
        if golden.is_dir() and (golden / "diffs").is_dir():
            self.run_diffs(golden / "diffs", report)
        return report

    def run_diffs(self, folder: Path, report: Report) -> None:
        """Score the program's diffs against every golden diff in ``folder``."""
        from .compare.diff import documents_to_diff
        from .compare.score import score_diff

        for path in sorted(folder.glob("*.json")):
            try:
                gold = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as e:
                report.errors.append(f"{path}: not a gold diff: {e}")
                continue
            sides = []
            for side in ("a", "b"):
                src = gold[side]
                try:
                    docs = self._documents(self._source(path, src["path"]))
                except InputError as e:
                    report.errors.append(str(e))
                    break
                sides.append(max(docs, key=lambda d: _overlap(d, src.get("lines"))))
            if len(sides) != 2:
                continue
            report.diffs += 1
            score_diff(documents_to_diff(sides[0], sides[1]), gold, report, path.stem)

    def _score_meta(self, doc: Document, meta: dict[str, Any], report: Report, name: str) -> None:
        for f in META_FIELDS:
            if f not in meta:
                continue
            if f == "title":
                ok = bool({norm(meta.get("title")), norm(meta.get("instrument_title"))} & _titles(doc))
            else:
                ok = _meta_value(doc, f) == _gold_meta(meta, f)
            c, t = report.meta.get(f, (0, 0))
            report.meta[f] = (c + ok, t + 1)
            if not ok:
                report.misses.append(f"{name}: meta.{f}: program {_meta_value(doc, f)!r}, gold {meta.get(f)!r}")
