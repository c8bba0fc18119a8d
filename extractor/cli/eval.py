"""``zhengce eval`` and ``zhengce schema``."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table as RichTable

from ..evaluate import SETS, Report, evaluate_sets
from ..records.evaluation import DIFF_GROUPS, CompareTableScore
from ..schemas import write_schemas

out = Console(highlight=False, width=None if sys.stdout.isatty() else 140)


def _print_report(report: Report, name: str = "") -> None:
    t = RichTable("metadata field", "accuracy", "n", title=f"eval{' of the ' + name + ' set' if name else ''}: {report.files} gold files")
    for name, (c, n) in sorted(report.meta.items()):
        t.add_row(name, f"{c / n:.3f}" if n else "–", str(n))
    s = report.sections
    t.add_row("top-level sections P / R", f"{s.precision:.3f} / {s.recall:.3f}", f"{s.gold}")
    out.print(t)
    if report.quantities:
        q = RichTable("kind", "precision", "recall", "F1", "gold", "predicted", "doubt R", title="quantities (values)")
        kinds = sorted(set(report.quantities) | set(report.doubt))
        for k in kinds:
            counts = report.quantities.get(k)
            doubt = report.doubt.get(k)
            row = ([f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}", str(counts.gold), str(counts.predicted)]
                   if counts else ["–"] * 5)
            q.add_row(k, *row, f"{doubt.recall:.3f} ({doubt.gold})" if doubt else "–")
        out.print(q)
        a = RichTable("attribute (among matched)", "accuracy", "n")
        for name, (right, n) in sorted(report.attributes.items()):
            if name.startswith("diff_"):
                continue
            a.add_row(name, f"{right / n:.3f}" if n else "–", str(n))
        out.print(a)
    if report.diffs:
        dt = RichTable("golden diff", "changes P", "changes R", "F1", "gold", "predicted", "doubt R", title=f"diffs ({report.diffs})")
        for name in sorted(report.diff_changes, key=lambda n: (report.diff_group.get(n, "other") != "real", n)):
            ch = report.diff_changes[name]
            dd = report.diff_doubt.get(name)
            dt.add_row(name.removeprefix("province-city-"), f"{ch.precision:.3f}", f"{ch.recall:.3f}", f"{ch.f1:.3f}", str(ch.gold),
                       str(ch.predicted), f"{dd.recall:.3f} ({dd.gold})" if dd and dd.gold else "–")
        out.print(dt)
        _print_groups(report)
        for key, label in (("diff_alignment", "articles aligned as in gold"), ("diff_status", "status right, among aligned")):
            if key in report.attributes:
                right, n = report.attributes[key]
                out.print(f"{label} (golden diffs but the real pairs): {right}/{n} = {right / n if n else 1:.3f}")
    if report.comparisons is not None:
        _print_comparisons(report)
    for e in report.errors:
        out.print(f"[red]error[/red]: {e}", soft_wrap=True)


def _print_comparisons(report: Report) -> None:
    """The golden comparisons: per table, then all (``compare.found``, ``compare.right``, ``compare.one_class``)."""
    assert report.comparisons is not None
    c = report.comparisons
    t = RichTable("benefit", "gold", "found", "shown", "right", "one class", title=f"golden comparisons ({len(c.tables)})")

    def row(s: CompareTableScore) -> list[str]:
        return [s.benefit, str(s.gold), f"{s.found} ({s.found / s.gold if s.gold else 1:.2f})", str(s.shown),
                f"{s.right} ({s.right / s.shown if s.shown else 1:.2f})", f"{s.one_class} ({s.one_class / s.right if s.right else 1:.2f})"]

    for s in sorted(c.tables, key=lambda s: -s.gold):
        t.add_row(*row(s))
    t.add_row(*row(c.total()))
    out.print(t)
    out.print(f"comparisons: parameters found {c.score('found'):.3f}, right among shown {c.score('right'):.3f}, "
              f"right values under a label of one recipient class {c.score('one_class'):.3f}")


def _ratio(tally: tuple[int, int]) -> str:
    right, n = tally
    return f"{right / n:.3f}" if n else "–"


def _print_groups(report: Report) -> None:
    """Each group of golden diffs apart (real pairs, synthetic revisions, province-city pairs): article links,
    status, inserted articles and parameter changes, then the changes by kind."""
    g = RichTable("group", "pairs", "links P", "links R", "status", "inserted", "changes P", "changes R", "changes F1",
                  "numbers F1", "doubt links R", title="golden diffs by group (real.links.recall, real.status.acc, real.changes.f1 …)")
    groups = sorted(report.diff_groups.items(), key=lambda kv: DIFF_GROUPS.index(kv[0]))
    for key, score in groups:
        ln, ch = score.links, score.changes
        g.add_row(key, str(score.pairs), f"{ln.precision:.3f}", f"{ln.recall:.3f}", _ratio(score.status),
                  _ratio(score.inserted), f"{ch.precision:.3f}", f"{ch.recall:.3f}", f"{ch.f1:.3f}", f"{score.numbers.f1:.3f}",
                  f"{score.links_doubt.recall:.3f} ({score.links_doubt.gold})" if score.links_doubt.gold else "–")
    out.print(g)
    for key, score in groups:
        (sr, sn), (ir, i_n), ln = score.status, score.inserted, score.links
        out.print(f"{key}: {ln.tp} of {ln.gold} gold links found, {ln.predicted} given; status right {sr}/{sn}; "
                  f"inserted articles found {ir}/{i_n}; changes {score.changes.tp} of {score.changes.gold}, "
                  f"{score.changes.predicted} given; chapters right {score.chapters[0]}/{score.chapters[1]}; "
                  f"titles right {score.titles[0]}/{score.titles[1]}; changes reported twice {score.duplicates}", soft_wrap=True)
    k = RichTable("group", "kind", "P", "R", "F1", "gold", "predicted", title="parameter changes by kind (<group>.changes.<kind>.f1)")
    for key, score in groups:
        for kind, c in sorted(score.changes_by_kind.items()):
            k.add_row(key, kind, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.gold), str(c.predicted))
    out.print(k)


def _flatten(table: dict, prefix: str = "") -> dict[str, float]:  # type: ignore[type-arg]
    """``money.f1 = 0.95`` reads in TOML as a table {money: {f1: 0.95}}: dotted names again. Raises ValueError
    naming a floor that is not a number (``money.f1 = "high"``)."""
    out: dict[str, float] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[f"{prefix}{key}"] = float(value)
        else:
            raise ValueError(f"{prefix}{key}: a floor is a number, not {value!r}")
    return out



@click.command("eval")
@click.option("--golden", type=click.Path(exists=True, path_type=Path), default=Path("golden"), show_default=True,
              help="A folder of gold files (the format of golden/README.md; golden diffs in its diffs/), or one file.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--floors", type=click.Path(exists=True, path_type=Path), default=None,
              help="A TOML file of minimum scores (e.g. money.f1 = 0.95); exit 1 when one is not met.")
@click.option("--misses", is_flag=True, help="Also list every gold entry the program missed or got wrong.")
def eval_cmd(golden: Path, as_json: bool, floors: Path | None, misses: bool) -> None:
    """Score the program against golden annotations: metadata, top-level sections and quantities.

    Example: zhengce eval --golden golden --floors .ci/floors.toml
    """
    sets = evaluate_sets(golden)
    report = sets["first"]
    if as_json:
        click.echo(report.model_dump_json(indent=2) if len(sets) == 1 else
                   json.dumps({k: r.model_dump(mode="json") for k, r in sets.items()}, ensure_ascii=False, indent=2))
    else:
        _print_report(report, "first" if len(sets) > 1 else "")
        for name in SETS[1:]:
            if name in sets:
                _print_report(sets[name], name)
    if misses:
        for r in (r for name, r in sets.items() if name != "together"):
            for m in r.misses:
                out.print(m, soft_wrap=True)
    failed = []
    if report.files == 0 and report.diffs == 0 and not report.errors:
        raise click.ClickException(f"{golden}: no gold files (see golden/README.md for the format)")
    if floors is not None:
        try:
            table = tomllib.loads(floors.read_text(encoding="utf-8"))
            named = _flatten(table)
        except tomllib.TOMLDecodeError as e:
            raise click.ClickException(f"{floors}: not TOML: {e}") from e
        except ValueError as e:
            raise click.ClickException(f"{floors}: {e}") from e
        for name, floor in named.items():
            head, _, rest = name.partition(".")
            scored, key = (sets[head], rest) if head in SETS and head in sets else (report, name)
            folder = "unseen" if head == "together" else head
            no_set = f"{floors}: {name}: {golden} has no {folder}/ folder of gold documents"
            # a set's name that is also a group of golden diffs (fresh.links.recall) is that group's without the set
            if head in SETS[1:] and head not in sets and head not in DIFF_GROUPS:
                raise click.ClickException(no_set)
            try:
                try:
                    got = scored.score(key)
                except (AttributeError, KeyError, TypeError):
                    if scored is report:
                        raise
                    got = report.score(name)  # a group of golden diffs named as a set is (fresh.links.recall)
            except (AttributeError, KeyError, TypeError) as e:
                if head in SETS[1:] and head not in sets:
                    raise click.ClickException(no_set) from e  # fresh.money.f1 with no golden/fresh
                raise click.ClickException(f"{floors}: unknown score {name!r} (e.g. money.f1, bound.acc, meta.title)") from e
            if got + 1e-9 < float(floor):
                failed.append(f"{name} = {got:.3f} is below the floor {float(floor):.3f}")
    for f in failed:
        out.print(f"[red]floor not met[/red]: {f}", soft_wrap=True)
    if failed or any(r.errors for r in sets.values()):
        raise SystemExit(1)

@click.command("schema")
@click.option("-o", "--out", "folder", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True,
              help="Folder to write the JSON Schema files into.")
def schema_cmd(folder: Path) -> None:
    """Write the JSON Schemas of every record type, generated from the pydantic models.

    Example: zhengce schema -o schemas
    """
    for p in write_schemas(folder):
        out.print(str(p))
