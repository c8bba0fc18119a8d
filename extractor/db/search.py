"""Full-text and field search over the corpus store: SQLite FTS5, offline, on Chinese text.

Two full-text indexes can be kept beside the documents, derived data in the same database (a table
``fts_<method>`` each, and their rows in ``fts_state``):

- ``jieba``: a document's title and text segmented by jieba's search mode (``cut_for_search``: every word and the
  dictionary words inside it; no HMM guesses, so one string is cut the same way in every context), the tokens
  joined by spaces under FTS5's ``unicode61`` tokenizer. A query is cut the same way (precise mode); its words
  must come near one another (``NEAR``, as far apart as the search mode's extra words can put them).
- ``trigram``: FTS5's ``trigram`` tokenizer over the text as it is: a query term of three characters or more
  is a substring phrase; a shorter one (补贴: trigram cannot match two characters) is found with ``instr`` over
  the text and ranked by BM25 on its counts.

``benchmarks/RESULTS-search.md`` judges both on ten real queries; :data:`DEFAULT_METHOD` is the better.

An index is kept current by :func:`refresh_index`, which every search calls first: the documents whose
``analysis_id`` differs from the one indexed are indexed again and the documents gone are dropped, in one
transaction, so a search after ``zhengce ingest`` just works and a search with nothing new writes nothing.

Snippets are slices of the document's own text (``text[start:start + len(snippet.text)]``), never of the
segmented copy, with the matched terms' offsets beside them.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import functools
import logging
import math
import multiprocessing
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final, Literal

from pydantic import Field

from ..records import SearchHit, Snippet
from ..records._base import NonNegInt, Record
from ..text.patterns import norm_title
from .read import SearchFilters, filter_doc_ids
from .store import Store

Method = Literal["jieba", "trigram"]
METHODS: Final[tuple[Method, ...]] = ("jieba", "trigram")
DEFAULT_METHOD: Final[Method] = "jieba"
"""The index a search uses unless told: the one that ranked better in benchmarks/RESULTS-search.md."""

TOKENIZER: Final[dict[Method, str]] = {"jieba": "unicode61", "trigram": "trigram"}
TITLE_WEIGHT: Final[float] = 3.0
"""BM25 weight of a match in the title against one in the text (1.0)."""
BM25_K1, BM25_B = 1.2, 0.75
SNIPPETS: Final[int] = 3
SNIPPET_REACH: Final[int] = 36
"""Characters kept on each side of a match in a snippet (within its line)."""
TRIGRAM_MIN: Final[int] = 3
BATCH: Final[int] = 500
"""Documents indexed per transaction."""
PARALLEL_CHARS: Final[int] = 4_000_000
"""Characters to segment above which a refresh given workers segments on several processes (about 20 s on one)."""
_FORMAT_RANK: Final[dict[str, int]] = {"text": 0, "docx": 1, "html": 2, "pdf": 3}
"""Of one document read from several formats, the one a search shows (compare's FORMAT_ORDER)."""

_TERM_SPLIT = re.compile(r"[\s,，、;；。\"'“”]+")
_WORDLIKE = re.compile(r"\w")


class IndexRefresh(Record):
    """What a refresh of a full-text index did."""

    method: Method
    indexed: NonNegInt = Field(default=0, description="documents indexed (new, or their analysis changed)")
    removed: NonNegInt = Field(default=0, description="documents dropped from the index (gone from the store)")


class Term(Record):
    """One unit of a query: the string highlighted in the text, the FTS5 expression that finds it (None: too
    short for the trigram index, found with instr), and its words (highlighted where the whole is not in the
    text: 求职补贴 found as 求职创业补贴)."""

    surface: str
    fts: str | None
    words: list[str] = Field(default_factory=list)


# -- the tokenizer -------------------------------------------------------------------------------------------


@functools.cache
def _tokenizer() -> Any:
    """jieba's default dictionary in a tokenizer of its own (jieba's global one is left alone); jieba is
    imported here, so that commands reading the store without searching it do not load it."""
    import jieba  # type: ignore[import-untyped]

    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def segment(text: str) -> str:
    """The text as the jieba index holds it: search-mode tokens joined by spaces (layout whitespace dropped).

    >>> segment("社会保险补贴")
    '社会 保险 社会保险 补贴'
    """
    return " ".join(t for t in _tokenizer().cut_for_search(text, HMM=False) if not t.isspace())


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def query_terms(query: str, method: Method) -> list[Term]:
    """The query's terms: parts separated by spaces or punctuation, each all required.

    >>> [t.fts for t in query_terms("高校毕业生 补贴", "jieba")]
    ['NEAR("高校" "毕业生", 3)', '"补贴"']
    >>> [(t.surface, t.fts) for t in query_terms("创业担保贷款 补贴", "trigram")]
    [('创业担保贷款', '"创业担保贷款"'), ('补贴', None)]
    """
    parts = [p for p in _TERM_SPLIT.split(query) if _WORDLIKE.search(p)]
    out: list[Term] = []
    for part in dict.fromkeys(parts):
        if method == "trigram":
            out.append(Term(surface=part, fts=_quote(part) if len(part) >= TRIGRAM_MIN else None))
            continue
        words = [w for w in _tokenizer().cut(part, HMM=False) if _WORDLIKE.search(w)]
        if len(words) == 1:
            out.append(Term(surface=part, fts=_quote(words[0])))
        elif words:
            # NEAR counts the tokens between the first word and the last: the words between them, the inner
            # words the search mode puts before a long word (高校 毕业 业生 毕业生), and one more (求职创业补贴)
            extra = len([w for w in _tokenizer().cut_for_search(part, HMM=False) if _WORDLIKE.search(w)]) - len(words)
            near = len(words) - 2 + extra + 1
            out.append(Term(surface=part, fts=f"NEAR({' '.join(map(_quote, words))}, {near})", words=words))
    return out


# -- the index ------------------------------------------------------------------------------------------------


def _table(method: Method) -> str:
    return f"fts_{method}"


def _ensure_tables(conn: sqlite3.Connection, method: Method) -> None:
    conn.execute(f"create virtual table if not exists {_table(method)} using fts5(title, body, tokenize='{TOKENIZER[method]}')")
    conn.execute("create table if not exists fts_state (method text not null, doc_id text not null, "
                 "analysis_id text not null, fts_rowid integer not null, primary key (method, doc_id))")


def _stale(conn: sqlite3.Connection, method: Method) -> tuple[list[tuple[str, str]], list[tuple[str, int]]]:
    """(doc_id, analysis_id) of the documents to index, and (doc_id, fts_rowid) of the indexed ones gone."""
    if not conn.execute("select 1 from sqlite_master where name = 'fts_state'").fetchone():
        return [(r[0], r[1]) for r in conn.execute("select doc_id, analysis_id from documents")], []
    changed = conn.execute(
        "select d.doc_id, d.analysis_id from documents d left join fts_state s on s.method = ? and s.doc_id = d.doc_id "
        "where s.analysis_id is null or s.analysis_id != d.analysis_id", [method]).fetchall()
    gone = conn.execute(
        "select s.doc_id, s.fts_rowid from fts_state s where s.method = ? and not exists "
        "(select 1 from documents d where d.doc_id = s.doc_id and d.analysis_id = s.analysis_id)", [method]).fetchall()
    return [(r[0], r[1]) for r in changed], [(r[0], r[1]) for r in gone]


def _index_text(method: Method, text: str) -> str:
    return segment(text) if method == "jieba" else text


def _index_pair(method: Method, title_text: tuple[str, str]) -> tuple[str, str]:
    """A document's title and text as its index row holds them (a module function: a worker process runs it)."""
    return _index_text(method, title_text[0]), _index_text(method, title_text[1])


def _worker_start() -> None:
    """A segmenting worker: jieba's dictionary loaded once, before any document, its loading notes not logged
    (jieba logs them at DEBUG to stderr, under the parent's progress)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    _tokenizer()


@contextmanager
def _segmenters(method: Method, chars: int, workers: int) -> Iterator[cf.ProcessPoolExecutor | None]:
    """A pool of ``workers`` processes for a refresh of ``chars`` characters to segment, when it is worth its
    start-up (jieba's segmentation is pure Python, about 0.2 M characters per CPU second); else None."""
    if method != "jieba" or workers <= 1 or chars < PARALLEL_CHARS:
        yield None
        return
    # spawned, not forked: the parent holds an open SQLite connection; each worker loads jieba's dictionary once
    with cf.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_start) as pool:
        yield pool


def _prepared(method: Method, pairs: list[tuple[str, str]], pool: cf.ProcessPoolExecutor | None) -> list[tuple[str, str]]:
    """The index rows of (title, text) pairs, on the pool when there is one."""
    if pool is None:
        return [_index_pair(method, p) for p in pairs]
    return list(pool.map(functools.partial(_index_pair, method), pairs, chunksize=4))


def refresh_index(store: Store, method: Method = DEFAULT_METHOD, workers: int = 1) -> IndexRefresh:
    """Bring the ``method`` index up to date with the stored documents; nothing is written when it is current.

    The documents gone are dropped in one transaction; the documents to index (new, or stored again with
    another analysis: their old rows stay searchable until replaced) are segmented outside any
    transaction (on ``workers`` processes when they are many) and written BATCH at a time, each batch in one
    transaction with its ``fts_state`` rows, so an ingest is never kept waiting long and a refresh killed at any
    moment leaves every document indexed as it is stored, indexed as it was, or not indexed (and refreshed next
    time). A document changed by an ingest while it was being segmented is left for the next refresh."""
    conn = store.conn
    changed, gone = _stale(conn, method)
    if not changed and not gone:
        return IndexRefresh(method=method)
    table = _table(method)
    with store.transaction():
        _ensure_tables(conn, method)
        gone = [(d, rowid) for d, rowid in _stale(conn, method)[1]  # again, under the write lock
                if not conn.execute("select 1 from documents where doc_id = ?", [d]).fetchone()]  # changed ones: below
        for _, rowid in gone:
            conn.execute(f"delete from {table} where rowid = ?", [rowid])
        conn.executemany("delete from fts_state where method = ? and doc_id = ?", [(method, d) for d, _ in gone])
    chars = conn.execute("select coalesce(sum(length(d.text)), 0) from documents d left join fts_state s on s.method = ? "
                         "and s.doc_id = d.doc_id where s.analysis_id is null or s.analysis_id != d.analysis_id",
                         [method]).fetchone()[0]
    with _segmenters(method, chars, workers) as pool:
        indexed = _write_batches(store, method, changed, pool)
    return IndexRefresh(method=method, indexed=indexed, removed=len(gone))


def _write_batches(store: Store, method: Method, changed: Sequence[tuple[str, str]], pool: cf.ProcessPoolExecutor | None) -> int:
    """Index the documents ``changed`` (doc_id, analysis_id), BATCH per transaction; returns how many were."""
    conn, table, indexed = store.conn, _table(method), 0
    for at in range(0, len(changed), BATCH):
        batch = changed[at:at + BATCH]
        rows = {r[0]: (r[1], (r[2], r[3])) for r in conn.execute(
            f"select doc_id, analysis_id, coalesce(title, ''), text from documents where doc_id in ({','.join('?' * len(batch))})",
            [d for d, _ in batch])}
        wanted = [(d, aid) for d, aid in batch if d in rows and rows[d][0] == aid]
        prepared = _prepared(method, [rows[d][1] for d, _ in wanted], pool)
        with store.transaction():
            for (doc_id, aid), (title, body) in zip(wanted, prepared, strict=True):
                now_aid = conn.execute("select analysis_id from documents where doc_id = ?", [doc_id]).fetchone()
                old = conn.execute("select analysis_id, fts_rowid from fts_state where method = ? and doc_id = ?",
                                   [method, doc_id]).fetchone()
                if now_aid is None or now_aid[0] != aid or (old is not None and old[0] == aid):
                    continue  # changed again meanwhile (the next refresh takes it), or indexed by another search
                if old is not None:
                    conn.execute(f"delete from {table} where rowid = ?", [old[1]])
                cur = conn.execute(f"insert into {table} (title, body) values (?, ?)", [title, body])
                conn.execute("insert or replace into fts_state (method, doc_id, analysis_id, fts_rowid) values (?, ?, ?, ?)",
                             [method, doc_id, aid, cur.lastrowid])
                indexed += 1
    return indexed


# -- ranking --------------------------------------------------------------------------------------------------


def _fts_scores(conn: sqlite3.Connection, method: Method, terms: Sequence[Term]) -> dict[str, float]:
    if not conn.execute("select 1 from sqlite_master where name = ?", [_table(method)]).fetchone():
        return {}  # no index yet: a store without documents (refresh_index makes it with the first one)
    expr = " AND ".join(t.fts for t in terms if t.fts)
    rows = conn.execute(
        f"select s.doc_id, -bm25({_table(method)}, ?, 1.0) from {_table(method)} f "
        f"join fts_state s on s.method = ? and s.fts_rowid = f.rowid where {_table(method)} match ?",
        [TITLE_WEIGHT, method, expr]).fetchall()
    return {r[0]: float(r[1]) for r in rows}


_TITLE = "coalesce(title, '')"


def _count_sql(column: str) -> str:
    """SQL of how many times ``?1`` occurs in ``column``."""
    return f"(length({column}) - length(replace({column}, ?1, ''))) / length(?1)"


def _instr_scores(conn: sqlite3.Connection, term: str) -> dict[str, float]:
    """BM25 of a term too short for the index, from its counts in the titles and texts (found with instr)."""
    n, avg = conn.execute("select count(*), avg(length(text)) from documents").fetchone()
    rows = conn.execute(
        f"select doc_id, length(text), {_count_sql('text')}, {_count_sql(_TITLE)} "
        "from documents where instr(text, ?1) > 0 or instr(coalesce(title, ''), ?1) > 0", [term]).fetchall()
    idf = math.log(1 + (n - len(rows) + 0.5) / (len(rows) + 0.5))
    out = {}
    for doc_id, length, in_text, in_title in rows:
        tf = in_text + TITLE_WEIGHT * in_title
        out[doc_id] = idf * tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / (avg or 1)))
    return out


def rank(store: Store, query: str, method: Method = DEFAULT_METHOD, workers: int = 1) -> list[tuple[str, float]]:
    """(doc_id, score) of every document holding all the query's terms, best first (ties by doc_id); the
    index is brought up to date first."""
    terms = query_terms(query, method)
    if not terms:
        return []
    refresh_index(store, method, workers)
    conn = store.conn
    scores: dict[str, float] | None = _fts_scores(conn, method, terms) if any(t.fts for t in terms) else None
    for t in terms:
        if t.fts is None:
            short = _instr_scores(conn, t.surface)
            scores = short if scores is None else {d: s + short[d] for d, s in scores.items() if d in short}
    return sorted((scores or {}).items(), key=lambda kv: (-kv[1], kv[0]))


# -- snippets -------------------------------------------------------------------------------------------------


def _occurrences(text: str, surfaces: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of the surfaces in ``text``, overlapping ones merged, in order."""
    spans = sorted((m.start(), m.start() + len(s)) for s in set(surfaces) if s for m in re.finditer(re.escape(s), text))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippets(text: str, surfaces: Sequence[str], n: int = SNIPPETS, reach: int = SNIPPET_REACH) -> list[Snippet]:
    """Up to ``n`` passages of ``text`` around the matches of ``surfaces``, each within its line: those holding
    most distinct terms first, then in text order.

    >>> [s.text for s in snippets("第一行\\n申请创业担保贷款的，给予贴息。", ["创业担保贷款"], reach=3)]
    ['申请创业担保贷款的，给']
    """
    spans = _occurrences(text, surfaces)
    windows: list[tuple[int, int, list[tuple[int, int]]]] = []
    for s, e in spans:
        if windows and s < windows[-1][1]:
            continue  # inside the passage before
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line_end = len(text) if line_end < 0 else line_end
        start = max(line_start, s - reach, windows[-1][1] if windows else 0)  # passages never overlap
        end = min(line_end, e + reach)
        windows.append((start, end, [(a - start, b - start) for a, b in spans if a >= start and b <= end]))

    def distinct(w: tuple[int, int, list[tuple[int, int]]]) -> int:
        return len({text[w[0] + a:w[0] + b] for a, b in w[2]})

    best = sorted(windows, key=lambda w: (-distinct(w), w[0]))[:n]
    return [Snippet(start=s, text=text[s:e], marks=marks) for s, e, marks in best]


# -- search ---------------------------------------------------------------------------------------------------

_HIT_SQL = ("select d.doc_id, s.path, d.title, d.doc_number, d.region, d.year, d.date, d.level, d.type, d.text "
            "from documents d join sources s on s.source_id = d.source_id where d.doc_id = ?")


def one_per_document(conn: sqlite3.Connection, ranked: Sequence[tuple[str, float]]) -> list[tuple[str, float, list[str]]]:
    """The ranked documents with one per document read from several formats (the corpus holds the same
    documents as text, PDF, DOCX and HTML): one title, 文号 and date are one document, as ``zhengce compare``
    decides it. The text is kept (else DOCX, HTML, then PDF), at the rank of the best of them; the others' ids
    are listed beside it."""
    rows = {r[0]: r[1:] for r in conn.execute(
        "select d.doc_id, d.title, coalesce(d.doc_number, ''), coalesce(d.date, ''), s.format "
        "from documents d join sources s on s.source_id = d.source_id")}
    groups: dict[object, list[tuple[str, float]]] = {}
    for doc_id, score in ranked:
        title, number, date, _ = rows[doc_id]
        groups.setdefault((norm_title(title), number, date) if title else doc_id, []).append((doc_id, score))
    out = []
    for members in groups.values():
        shown = min(members, key=lambda m: (_FORMAT_RANK.get(rows[m[0]][3], len(_FORMAT_RANK)), m[0]))
        out.append((shown[0], members[0][1], [m[0] for m in members if m[0] != shown[0]]))
    return out


def highlights(terms: Sequence[Term], text: str) -> list[str]:
    """The strings to mark in ``text``: each term as written, or its words where it is not in the text whole."""
    return [s for t in terms for s in ([t.surface] if t.surface in text or not t.words else t.words)]


def _hit(conn: sqlite3.Connection, n: int, doc_id: str, score: float, terms: Sequence[Term], also: list[str]) -> SearchHit:
    doc_id, path, title, number, region, year, date, level, kind, text = conn.execute(_HIT_SQL, [doc_id]).fetchone()
    surfaces = highlights(terms, (title or "") + "\n" + text)
    matches = len(_occurrences(text, surfaces)) + len(_occurrences(title or "", surfaces))
    return SearchHit(
        rank=n, doc_id=doc_id, source=path, title=title, doc_number=number, region=region, year=year,
        date=dt.date.fromisoformat(date) if date else None, level=level, type=kind, score=float(f"{score:.6g}"),
        matches=matches, snippets=snippets(text, surfaces) if surfaces else [], also=also,
    )


def _by_date(conn: sqlite3.Connection, ids: set[str] | None) -> list[tuple[str, float]]:
    rows = conn.execute("select doc_id, coalesce(date, ''), coalesce(year, 0) from documents").fetchall()
    rows = [r for r in rows if ids is None or r[0] in ids]
    return [(r[0], 0.0) for r in sorted(rows, key=lambda r: (r[2], r[1], r[0]), reverse=True)]


def search(
    store: Store, query: str, filters: SearchFilters | None = None, *, limit: int | None = 20,
    method: Method = DEFAULT_METHOD, workers: int = 1,
) -> list[SearchHit]:
    """The stored documents that match ``query`` (every term) and ``filters``, best first, with snippets.

    An empty query lists the documents the filters keep, newest first. The index is refreshed first, on
    ``workers`` processes when much is new. Raises ValueError for a filter that names nothing known (a region,
    a benefit).
    """
    allowed = filter_doc_ids(store, filters or SearchFilters())
    conn = store.conn
    if not query.strip():
        ranked = _by_date(conn, allowed)
    else:
        ranked = [(d, s) for d, s in rank(store, query, method, workers) if allowed is None or d in allowed]
    terms = query_terms(query, method)
    kept = one_per_document(conn, ranked)
    chosen = kept if limit is None else kept[:limit]
    return [_hit(conn, n, d, s, terms, also) for n, (d, s, also) in enumerate(chosen, start=1)]


__all__ = [
    "DEFAULT_METHOD", "METHODS", "IndexRefresh", "Method", "SearchFilters", "SearchHit", "Snippet", "Term",
    "highlights", "one_per_document", "query_terms", "rank", "refresh_index", "search", "segment", "snippets",
]
