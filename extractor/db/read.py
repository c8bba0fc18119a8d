"""Reading from the corpus store: the analyses that command arguments name, the documents that search filters
keep, and the diff cache. Nothing here parses or extracts: every record is read back as ``zhengce ingest`` wrote it.

A command's PATH argument names stored documents as it names files: a document id (``001_x.txt``,
``004_x-05.txt``), a source file as it was ingested (by its path or its absolute path), ``PATH#NN`` for one
document of a compendium, or a folder (every stored source under it). No argument names every stored document.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from pydantic import Field

from .. import divisions
from ..compare.table import known_benefit, matches_benefit
from ..errors import InputError
from ..pipeline import pick_documents, split_document_ref
from ..records import Analysis, Diff, Level, Quantity
from ..records._base import Record
from ..version import extractor_version
from .store import Store, analysis_id, now, open_store

# -- the store and the documents named -----------------------------------------------------------------------


def open_existing(path: str | Path) -> Store:
    """The store in the folder ``path``, which must exist. Raises InputError naming the folder otherwise."""
    return open_store(path, create=False)


def _stored(store: Store) -> list[tuple[str, str, str]]:
    """(doc_id, source path as ingested, source_id) of every stored document, in the store's order."""
    rows = store.conn.execute(
        "select d.doc_id, s.path, s.source_id, d.ordinal from documents d join sources s on s.source_id = d.source_id"
    ).fetchall()
    return [(r[0], r[1], r[2]) for r in sorted(rows, key=lambda r: (Path(r[1]), r[3]))]


def _named(stored: Sequence[tuple[str, str, str]], ref: str) -> list[str]:
    """The ids of the stored documents one argument names (empty when it names none)."""
    if any(doc_id == ref for doc_id, _, _ in stored):
        return [ref]
    file, part = split_document_ref(ref)
    absolute = str(file.resolve())
    in_file = [d for d, path, sid in stored if sid == absolute or Path(path) == file]
    if not in_file and part is None:
        return [d for d, _, sid in stored if sid.startswith(absolute.rstrip("/") + "/")]  # a folder
    return pick_documents(in_file, part, lambda d: d)


def doc_ids_named(store: Store, refs: Sequence[str]) -> list[str]:
    """The ids of the stored documents ``refs`` name, in their order (each once); every stored document when
    ``refs`` is empty. Raises InputError for an argument that names no stored document."""
    stored = _stored(store)
    if not refs:
        return [d for d, _, _ in stored]
    out: dict[str, None] = {}
    for ref in refs:
        ids = _named(stored, ref)
        if not ids:
            raise InputError(ref, f"not in the store {store.root}: name a stored document id or an ingested file "
                                  f"(zhengce stats --store {store.root} counts them; zhengce ingest adds files)")
        out.update(dict.fromkeys(ids))
    return list(out)


def analyses_named(store: Store, refs: Sequence[str]) -> list[Analysis]:
    """The stored analyses of the documents ``refs`` name (see :func:`doc_ids_named`), in that order."""
    ids = doc_ids_named(store, refs)
    by_id = {a.id: a for a in store.analyses(ids)}
    return [by_id[i] for i in ids]


def one_analysis(store: Store, ref: str) -> Analysis:
    """The one stored analysis ``ref`` names. Raises InputError when it names none or several."""
    ids = doc_ids_named(store, [ref])
    if len(ids) > 1:
        raise InputError(ref, f"holds {len(ids)} documents; name one with PATH#NN or its id, e.g. {ids[0]}")
    return analyses_named(store, ids)[0]


# -- the diff cache -------------------------------------------------------------------------------------------


def cached_diff(store: Store, a: Analysis, b: Analysis) -> Diff | None:
    """The diff of two analyses made earlier by this extractor version, if the store keeps one."""
    row = store.conn.execute("select json from diffs where a_id = ? and b_id = ? and extractor_version = ?",
                             [analysis_id(a), analysis_id(b), extractor_version()]).fetchone()
    return Diff.model_validate_json(row[0]) if row else None


def keep_diff(store: Store, a: Analysis, b: Analysis, diff: Diff) -> None:
    """Keep a diff in the cache, keyed by the two analyses and the extractor version."""
    with store.transaction():
        store.conn.execute("insert or replace into diffs (a_id, b_id, extractor_version, created, json) values (?, ?, ?, ?, ?)",
                           [analysis_id(a), analysis_id(b), extractor_version(), now(), diff.model_dump_json()])


# -- search filters -------------------------------------------------------------------------------------------


class SearchFilters(Record):
    """The fields a search keeps documents by; None keeps every document."""

    region: str | None = Field(default=None, description="a province, city or county name, whole or without 省/市/县 (河南): "
                                                 "its documents and those of every place in it")
    level: Level | None = None
    years: tuple[int, int] | None = Field(default=None, description="first and last year, inclusive")
    type: str | None = Field(default=None, description="the document type, or its last characters (意见 keeps 实施意见)")
    issuer: str | None = Field(default=None, description="part of an issuer's name")
    benefit: str | None = Field(default=None, description="a benefit of the taxonomy: documents with a quantity of it")
    in_force: dt.date | None = Field(default=None, description="documents in force on this day (as zhengce graph --in-force)")


_LEVEL_ORDER: Final[dict[str, int]] = {"provincial": 0, "municipal": 1, "county": 2, "district": 2}
_PREFIX: Final[dict[str, int]] = {"provincial": 2, "municipal": 4, "county": 6, "district": 6}


def region_prefixes(name: str) -> list[str]:
    """Division-code prefixes of the places a region name names: whole names (河南省) or their beginning (河南),
    the highest level first where several match (河北: the province, not Tianjin's 河北区).

    >>> region_prefixes("河南"), region_prefixes("平顶山市"), region_prefixes("新密")
    (['41'], ['4104'], ['410183'])
    >>> region_prefixes("河北"), region_prefixes("火星")
    (['13'], [])
    """
    table = divisions.load()
    found = [d for n, ds in table.by_name.items() if n == name for d in ds] or [
        d for n, ds in table.by_name.items() if n.startswith(name) for d in ds]
    if not found:
        return []
    top = min(_LEVEL_ORDER[d.level] for d in found)
    return sorted({d.code[:_PREFIX[d.level]] for d in found if _LEVEL_ORDER[d.level] == top})


def _region_ids(store: Store, name: str) -> set[str]:
    rows = store.conn.execute("select doc_id, coalesce(region_code, ''), coalesce(region, '') from documents").fetchall()
    prefixes = region_prefixes(name)
    if prefixes:
        return {d for d, code, _ in rows if any(code.startswith(p) for p in prefixes)}
    named = {d for d, _, region in rows if name in region}  # a place no division names: 中国 (national documents)
    if not named:
        regions = sorted({r for _, _, r in rows if r})
        near = difflib.get_close_matches(name, regions, n=3, cutoff=0.3)
        raise ValueError(f"unknown region «{name}»" + (f"; stored regions close to it: {', '.join(near)}" if near else ""))
    return named


def benefit_doc_ids(store: Store, benefit: str) -> set[str]:
    """The stored documents with a quantity of ``benefit``, matched as ``zhengce compare --benefit`` matches it."""
    rows = store.conn.execute("select distinct doc_id, benefit, benefit_id from quantities").fetchall()
    # matches_benefit reads a quantity's printed benefit and its taxonomy id only
    verdict = {(b, bid): matches_benefit(Quantity.model_construct(benefit=b, benefit_id=bid), benefit)
               for b, bid in {(r[1], r[2]) for r in rows}}
    return {r[0] for r in rows if verdict[(r[1], r[2])]}


def in_force_doc_ids(store: Store, day: dt.date) -> set[str]:
    """The stored documents in force on ``day``, decided over the graph of every stored document."""
    from ..compare.graph import documents_to_graph, in_force

    return set(in_force(documents_to_graph(store.documents()), day))


def filter_doc_ids(store: Store, f: SearchFilters) -> set[str] | None:
    """The ids of the stored documents ``f`` keeps, or None when it keeps every one. Raises ValueError for a
    region or a benefit that names nothing known."""
    if f.benefit and not known_benefit(f.benefit):
        raise ValueError(f"unknown benefit «{f.benefit}»")
    where: list[str] = []
    args: list[object] = []
    if f.level:
        where.append("level = ?")
        args.append(f.level)
    if f.years:
        where.append("year between ? and ?")
        args.extend(f.years)
    if f.type:
        where.append("(type = ? or substr(type, -length(?)) = ?)")
        args.extend([f.type, f.type, f.type])
    if f.issuer:
        where.append("exists (select 1 from json_each(issuers) where instr(value, ?) > 0)")
        args.append(f.issuer)
    ids: set[str] | None = None
    if where:
        ids = {r[0] for r in store.conn.execute(f"select doc_id from documents where {' and '.join(where)}", args)}
    for part in (
        _region_ids(store, f.region) if f.region else None,
        benefit_doc_ids(store, f.benefit) if f.benefit else None,
        in_force_doc_ids(store, f.in_force) if f.in_force else None,
    ):
        if part is not None:
            ids = part if ids is None else ids & part
    return ids


__all__ = [
    "SearchFilters", "analyses_named", "benefit_doc_ids", "cached_diff", "doc_ids_named", "filter_doc_ids",
    "in_force_doc_ids", "keep_diff", "one_analysis", "open_existing", "region_prefixes",
]
