"""A comparison drawn as a researcher would put it in a paper: one panel per parameter, a group of bars per
document (its region and year written whole), a bar per recipient class (one colour per class across the panels,
named in the legend), the value printed on each bar, the unit in the axis title (万元, %, 月), and a range drawn as
a line from its low to its high end with a dot at each (a dot plot). PNG or SVG by the file's suffix."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..compare.table import column_unit
from ..records import CompareTable, Row
from .atomic import atomic_path

log = logging.getLogger(__name__)
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
"""CJK fonts a chart can use, Debian paths first (scripts/setup.sh installs fonts-wqy-microhei)."""
MAX_PANELS = 4  # without --column: the parameters with the most values, at most this many
PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#bab0ac", "#ff9da6")
GENERAL = "（未分对象）"
"""The legend's name for values whose clause names no recipient class."""
UNIT_TITLE = {"yuan": "元", "percent": "%", "month": "月", "day": "天", "hour": "小时", "year": "岁", "count": "人/次"}


@dataclass(frozen=True, slots=True)
class Bar:
    group: str  # the document: region and year
    cls: str  # the recipient class
    low: float
    high: float | None  # a range's upper end


def _label(row: Row) -> str:
    """A document's label, whole: 河南省平顶山市 2023 (its id when no region is known)."""
    return " ".join(x for x in (row.region or row.doc_id, str(row.year) if row.year else "") if x)


def bars(t: CompareTable, column: str) -> list[Bar]:
    """The values of one column, one bar per (document, class, value); documents that share a label are told
    apart by their id."""
    labels: dict[str, set[str]] = {}
    for r in t.rows:
        labels.setdefault(_label(r), set()).add(r.doc_id)
    out = []
    for r in t.rows:
        group = _label(r) if len(labels[_label(r)]) == 1 else f"{_label(r)}（{Path(r.doc_id).stem[-6:]}）"
        for v in r.cells.get(column, []):
            if v.value is not None:
                out.append(Bar(group, r.recipient or GENERAL, v.value, v.value_max))
    return out


def default_columns(t: CompareTable) -> list[str]:
    """Without ``--column``: the money and rate columns with the most values (at most ``MAX_PANELS``), else any."""
    def count(c: str) -> int:
        return sum(len(r.cells.get(c, [])) for r in t.rows)

    ranked = sorted((c for c in t.columns if column_unit(c) in ("yuan", "percent")), key=lambda c: (-count(c), c))
    return ranked[:MAX_PANELS] or sorted(t.columns, key=lambda c: (-count(c), c))[:MAX_PANELS]


def _scale(unit: str, values: list[float]) -> tuple[float, str]:
    """Amounts of 10,000 yuan and more are drawn in 万元."""
    if unit == "yuan" and values and max(values) >= 10000:
        return 10000.0, "万元"
    return 1.0, UNIT_TITLE.get(unit, unit)


def _text(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


def table_to_chart(t: CompareTable, path: Path, column: str | None = None) -> list[str]:
    """Draw the comparison into ``path`` (.png or .svg); returns the columns drawn, one panel each."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.patches import Rectangle

    if column is not None and column not in t.columns:
        raise ValueError(f"no column {column!r}; the columns are: {', '.join(t.columns)}")
    columns = [column] if column else default_columns(t)
    if not columns:
        raise ValueError("nothing to chart: the comparison is empty")
    for f in CJK_FONTS:
        if Path(f).exists():
            font_manager.fontManager.addfont(f)
            plt.rcParams["font.family"] = font_manager.FontProperties(fname=f).get_name()
            break
    else:
        log.info("no CJK font found for chart labels (install fonts-wqy-microhei)")
    panels = [(c, bars(t, c)) for c in columns]
    classes = list(dict.fromkeys(b.cls for _, bs in panels for b in bs))
    colour = {c: PALETTE[k % len(PALETTE)] for k, c in enumerate(classes)}
    widest = max((_span(bs) for _, bs in panels), default=1.0)
    height = 3.4 * len(panels) + 1.4
    fig, axes = plt.subplots(len(panels), 1, figsize=(min(40.0, max(7.0, 0.32 * widest + 3)), height), squeeze=False)
    for ax, (col, bs) in zip(axes[:, 0], panels, strict=True):
        _panel(ax, col, bs, colour)
        ax.set_xlim(-0.8, widest - 0.2)  # one bar width in every panel
    handles = [Rectangle((0, 0), 1, 1, color=colour[c]) for c in classes]
    fig.suptitle(" · ".join(x for x in (t.benefit, t.group) if x) or "", fontsize=12)
    fig.legend(handles, classes, loc="upper center", bbox_to_anchor=(0.5, 1 - 0.35 / height), ncol=min(len(classes), 6),
               fontsize=8, frameon=False, title="对象", title_fontsize=8)
    fig.tight_layout(rect=(0, 0, 1, 1 - 1.0 / height))  # the title and the legend above the panels
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, bbox_inches="tight")
    plt.close(fig)
    return columns


def _span(bs: list[Bar]) -> float:
    """How wide a panel's bars are, in bar widths: one per bar and a gap after each document."""
    return len(bs) + GAP * len(dict.fromkeys(b.group for b in bs))


GAP = 0.8  # between the bars of two documents, in bar widths


def _panel(ax, col: str, bs: list[Bar], colour: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """One parameter: groups of bars by document, a bar per (class, value), ranges as low–high lines."""
    factor, unit = _scale(column_unit(col), [b.high or b.low for b in bs])
    groups = list(dict.fromkeys(b.group for b in bs))
    order = {c: k for k, c in enumerate(colour)}
    ticks = []
    x = 0.0
    for g in groups:
        mine = sorted((b for b in bs if b.group == g), key=lambda b: order[b.cls])  # a class's bars side by side
        start = x
        for b in mine:
            low, high = b.low / factor, (b.high / factor if b.high is not None else None)
            if high is None:
                ax.bar(x, low, width=0.8, color=colour[b.cls])
                ax.annotate(_text(low), (x, low), ha="center", va="bottom", fontsize=7, xytext=(0, 2), textcoords="offset points")
            else:  # a range: a dot plot, low and high joined
                ax.plot([x, x], [low, high], color=colour[b.cls], linewidth=3, solid_capstyle="round")
                ax.plot([x, x], [low, high], "o", color=colour[b.cls], markersize=5)
                ax.annotate(f"{_text(low)}–{_text(high)}", (x, high), ha="center", va="bottom", fontsize=7, xytext=(0, 3),
                            textcoords="offset points")
            x += 1.0
        ticks.append(((start + x - 1.0) / 2, g))
        x += GAP
    ax.set_xticks([p for p, _ in ticks], [g for _, g in ticks], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(unit)
    ax.set_title(col.rsplit("(", 1)[0].strip(), fontsize=9)
    ax.margins(y=0.15)
    ax.spines[["top", "right"]].set_visible(False)
