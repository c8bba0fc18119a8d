"""What a corpus store holds: counts of its documents by region, year, type and level, and of documents and
quantities per benefit, read with SQL from the store's tables (nothing is parsed)."""

from __future__ import annotations

from typing import Final

from ..extract.taxonomy import benefits
from ..records import Count, StoreStats
from .store import Store

NONE: Final[str] = "(none)"
"""The key of the documents that lack the field (no region read, no date …)."""


def _counts(store: Store, column: str, order_by_key: bool = False) -> list[Count]:
    rows = store.conn.execute(
        f"select coalesce(cast({column} as text), ?), count(*) from documents group by 1", [NONE]).fetchall()
    key = (lambda r: (r[0] == NONE, r[0])) if order_by_key else (lambda r: (-r[1], r[0] == NONE, r[0]))
    return [Count(key=k, documents=n) for k, n in sorted(rows, key=key)]


def _provinces(store: Store) -> list[Count]:
    """Documents per province, named by the province's part of its documents' region (河南省 of 河南省平顶山市)."""
    from .. import divisions

    table = divisions.load().by_code
    rows = store.conn.execute("select province_code, count(*) from documents group by 1").fetchall()

    def name(code: str | None) -> str:
        if code is None:
            return NONE
        province = table.get(code + "0" * 10)
        return "中国" if code == "00" else (province.name if province else code)

    counts = [Count(key=name(code), documents=n) for code, n in rows]
    return sorted(counts, key=lambda c: (-c.documents, c.key == NONE, c.key))


def _benefits(store: Store) -> list[Count]:
    rows = store.conn.execute(
        "select coalesce(benefit_id, ''), count(distinct doc_id), count(*) from quantities group by 1").fetchall()
    tax = benefits().entries
    counts = [Count(key=tax[b].name if b in tax else (b or NONE), documents=d, quantities=q) for b, d, q in rows]
    return sorted(counts, key=lambda c: (c.key == NONE, -c.documents, -(c.quantities or 0), c.key))


def store_stats(store: Store) -> StoreStats:
    """The counts of everything ``store`` holds."""
    failed = store.conn.execute("select count(*) from sources where status = 'failed'").fetchone()[0]
    return StoreStats(
        sources=store.count("sources"), failed=failed, documents=store.count("documents"),
        quantities=store.count("quantities"), by_region=_counts(store, "region"), by_province=_provinces(store),
        by_year=_counts(store, "year", order_by_key=True), by_type=_counts(store, "type"),
        by_level=_counts(store, "level"), by_benefit=_benefits(store),
    )


SECTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("by_province", "province"), ("by_region", "region"), ("by_year", "year"), ("by_type", "type"),
    ("by_level", "level"), ("by_benefit", "benefit"),
)


def stats_to_markdown(stats: StoreStats) -> str:
    """The counts as Markdown: the totals, then a table per field."""
    out = [f"{stats.sources} sources ({stats.failed} failed), {stats.documents} documents, {stats.quantities} quantities", ""]
    for attr, label in SECTIONS:
        counts: list[Count] = getattr(stats, attr)
        benefit = attr == "by_benefit"
        out += [f"## By {label}", "", f"| {label} | documents |" + (" quantities |" if benefit else ""),
                "|---|---:|" + ("---:|" if benefit else "")]
        out += [f"| {c.key} | {c.documents} |" + (f" {c.quantities} |" if benefit else "") for c in counts]
        out.append("")
    return "\n".join(out)


def stats_to_text(stats: StoreStats) -> str:
    """The counts as plain text, a block per field, the keys aligned."""
    out = [f"{stats.sources} sources ({stats.failed} failed), {stats.documents} documents, {stats.quantities} quantities"]
    for attr, label in SECTIONS:
        counts: list[Count] = getattr(stats, attr)
        out += ["", f"by {label}:"]
        width = max((_width(c.key) for c in counts), default=0)
        for c in counts:
            pad = " " * (width - _width(c.key))
            extra = f"  {c.quantities:>5} quantities" if c.quantities is not None else ""
            out.append(f"  {c.key}{pad}  {c.documents:>5} documents{extra}")
    return "\n".join(out) + "\n"


def _width(s: str) -> int:
    """Terminal columns of ``s``: a Han character takes two."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in s)


__all__ = ["Count", "StoreStats", "stats_to_markdown", "stats_to_text", "store_stats"]
