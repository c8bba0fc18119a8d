"""The extraction as a spaCy pipeline: blank Chinese, a character tokenizer, three components.

Components, in the order they run, each split as spaCy's rulers are into a pure ``match`` (text in, hits out)
and ``set_annotations`` (hits onto the Doc):

- ``zhengce_groups`` and ``zhengce_benefits`` put taxonomy mentions into ``doc.spans["groups"]`` and
  ``doc.spans["benefits"]`` (label GROUP / BENEFIT, ``kb_id_`` the taxonomy id);
- ``zhengce_quantities`` (requires those span groups) finds every number expression (``find.py``), reads its
  context (``context.py``), puts the numbers into ``doc.spans["quantities"]`` (label = kind) and the readings,
  one frozen ``Context`` per number, into the ``Doc`` extension ``zhengce_contexts``: read it with
  ``contexts_of(doc)``.

The tokenizer gives one token per character. The components work on character offsets, so every span lies on
token boundaries exactly; a word segmenter would only cost time (jieba's cut was 44% of extraction) and its word
boundaries would widen a span that starts inside a word. Nothing global is changed and nothing is downloaded.

``read_contexts(texts)`` batches texts through ``nlp.pipe``; a text longer than ``nlp.max_length`` (or than
``PIECE_CHARS``) is read in pieces cut at paragraph ends, with whole paragraphs of overlap on both sides, and the
readings come back with offsets into the whole text, as if it had been read in one piece.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.lang.zh import Chinese
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup
from spacy.util import registry
from spacy.vocab import Vocab

from .context import Context, Hit, annotate
from .find import find_quantities
from .taxonomy import Taxonomy, benefits, groups

CONTEXTS = "zhengce_contexts"
"""The ``Doc`` extension that holds the contexts; read it through ``contexts_of``."""
_TEXT = "zhengce_text"
"""``doc.user_data`` key of the text the tokenizer was given (``Doc.text`` joins every token each time)."""

if not Doc.has_extension(CONTEXTS):
    Doc.set_extension(CONTEXTS, default=None)


def contexts_of(doc: Doc) -> list[Context]:
    """The context of every number of ``doc``, in text order, as ``zhengce_quantities`` read them."""
    contexts: tuple[Context, ...] | None = doc._.get(CONTEXTS)
    if contexts is None:
        raise ValueError("this Doc has not been through the zhengce_quantities component")
    return list(contexts)


def _set_contexts(doc: Doc, contexts: Sequence[Context]) -> None:
    doc._.set(CONTEXTS, tuple(contexts))


def text_of(doc: Doc) -> str:
    """The Doc's text, as the tokenizer was given it."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT] = doc.text
    return text


class CharTokenizer:
    """One token per character (spaces and line breaks too), so that every character offset is a token
    boundary. About six times faster than jieba's cut, which made 44% of the extraction time."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = list(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[_TEXT] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> CharTokenizer:
        return self

    def to_disk(self, path: object, **kwargs: object) -> None:
        return None

    def from_disk(self, path: object, **kwargs: object) -> CharTokenizer:
        return self


def create_char_tokenizer() -> Callable[[Language], CharTokenizer]:
    """The tokenizer factory registered as ``zhengce.CharTokenizer.v1`` (``[nlp.tokenizer]`` of the config)."""

    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make


registry.tokenizers.register("zhengce.CharTokenizer.v1", func=create_char_tokenizer)


def _hits(doc: Doc, key: str) -> list[Hit]:
    return [(s.start_char, s.end_char, s.kb_id_) for s in doc.spans[key]] if key in doc.spans else []


class TaxonomyMatcher:
    """Finds the synonyms of a taxonomy in the text (leftmost, longest first) and stores them as a span group."""

    def __init__(self, taxonomy: Taxonomy, spans_key: str, label: str) -> None:
        self.taxonomy, self.spans_key, self.label = taxonomy, spans_key, label

    def match(self, text: str) -> list[Hit]:
        """(start, end, taxonomy id) of every mention; pure, the Doc is not touched."""
        return list(self.taxonomy.find(text))

    def set_annotations(self, doc: Doc, hits: Sequence[Hit]) -> None:
        spans = [doc.char_span(s, e, label=self.label, kb_id=kb) for s, e, kb in hits]
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=[s for s in spans if s is not None])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(text_of(doc)))
        return doc


def _in_names(hits: Sequence[Hit], names: Sequence[Hit]) -> list[Hit]:
    """The ``hits``, each that lies inside one of the (longer) ``names`` given that name's span: a benefit
    named inside a group's name (``就业见习`` in ``就业见习单位``) is read as the whole name, so a number inside
    that name does not take it as its benefit. ``names`` do not overlap and come by start."""
    starts = [n[0] for n in names]
    out = []
    for h in hits:
        k = bisect.bisect_right(starts, h[0]) - 1
        if k >= 0 and h[1] <= names[k][1] and names[k][1] - names[k][0] > h[1] - h[0]:
            h = (names[k][0], names[k][1], h[2])
        out.append(h)
    return out


class QuantityReader:
    """Finds number expressions and reads their context; stores them as a span group and as contexts."""

    def __init__(self, spans_key: str, groups_key: str, benefits_key: str) -> None:
        self.spans_key, self.groups_key, self.benefits_key = spans_key, groups_key, benefits_key

    def match(self, text: str, group_hits: Sequence[Hit], benefit_hits: Sequence[Hit]) -> list[Context]:
        """The context of every number of ``text``, given its group and benefit mentions; pure.

        A benefit named inside a group's name stands for the whole name (``_in_names``): in
        ``对近2年获得…就业创业扶持政策补贴及认定的优质企业，给予专门授信政策`` the 2 years take 专门授信政策."""
        return annotate(text, find_quantities(text), list(group_hits), _in_names(benefit_hits, group_hits))

    def set_annotations(self, doc: Doc, contexts: Sequence[Context]) -> None:
        spans = [doc.char_span(c.found.start, c.found.end, label=c.found.kind) for c in contexts]
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=[s for s in spans if s is not None])
        _set_contexts(doc, contexts)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(text_of(doc), _hits(doc, self.groups_key), _hits(doc, self.benefits_key)))
        return doc


@Language.factory("zhengce_groups", assigns=["doc.spans"], default_config={"spans_key": "groups"})
def make_groups(nlp: Language, name: str, spans_key: str) -> TaxonomyMatcher:
    return TaxonomyMatcher(groups(), spans_key, "GROUP")


@Language.factory("zhengce_benefits", assigns=["doc.spans"], default_config={"spans_key": "benefits"})
def make_benefits(nlp: Language, name: str, spans_key: str) -> TaxonomyMatcher:
    return TaxonomyMatcher(benefits(), spans_key, "BENEFIT")


@Language.factory(
    "zhengce_quantities",
    requires=["doc.spans"],
    assigns=["doc.spans", f"doc._.{CONTEXTS}"],
    default_config={"spans_key": "quantities", "groups_key": "groups", "benefits_key": "benefits"},
)
def make_quantities(nlp: Language, name: str, spans_key: str, groups_key: str, benefits_key: str) -> QuantityReader:
    return QuantityReader(spans_key, groups_key, benefits_key)


@functools.cache
def pipeline() -> Language:
    """The extraction pipeline, built once per process: blank Chinese, the character tokenizer, three components."""
    config = Chinese.default_config.copy()
    config["nlp"]["tokenizer"] = {"@tokenizers": "zhengce.CharTokenizer.v1"}
    nlp = Chinese.from_config(config)
    nlp.add_pipe("zhengce_groups")
    nlp.add_pipe("zhengce_benefits")
    nlp.add_pipe("zhengce_quantities")
    return nlp


# -- texts longer than nlp.max_length ------------------------------------------------------------------------------


PIECE_CHARS = 50_000
"""A text longer than this (or than ``nlp.max_length``) is read in pieces. The context reader once looked for each
number's mentions among all those of its text, and pieces kept it linear; it now looks them up by bisection
(``TextIndex``, ``Hits``: linear in one piece of any length), and the pieces keep each spaCy ``Doc`` small."""


def _is_table_row(text: str, start: int) -> bool:
    end = text.find("\n", start)
    return "\t" in text[start : end if end >= 0 else len(text)]


def _cut_points(text: str, size: int) -> list[int]:
    """Where to cut ``text`` into parts of at most ``size`` characters: right after a line break (a paragraph
    end) with no table row on either side, else after any line break, else (one paragraph longer than ``size``)
    at ``size``."""
    cuts = [0]
    while len(text) - cuts[-1] > size:
        lo, at = cuts[-1] + 1, cuts[-1] + size
        best = -1
        while True:
            at = text.rfind("\n", lo, at)
            if at < 0:
                break
            best = at if best < 0 else best
            if not _is_table_row(text, at + 1) and not _is_table_row(text, text.rfind("\n", 0, at) + 1):
                best = at
                break
        cuts.append(best + 1 if best >= 0 else cuts[-1] + size)
    return [*cuts, len(text)]


def _paragraphs_back(text: str, at: int, chars: int) -> int:
    """A paragraph start about ``chars`` before ``at`` (``at`` itself when ``at`` is 0)."""
    if at <= chars:
        return 0
    start = text.rfind("\n", 0, at - chars)
    return start + 1 if start >= 0 else 0


def _paragraphs_on(text: str, at: int, chars: int) -> int:
    """A paragraph end about ``chars`` after ``at``."""
    end = text.find("\n", at + chars)
    return end + 1 if end >= 0 else len(text)


def _shift(c: Context, by: int) -> Context:
    """The context with every offset moved ``by`` characters."""
    if by == 0:
        return c
    f = c.found
    return dataclasses.replace(
        c,
        found=dataclasses.replace(f, start=f.start + by, end=f.end + by),
        benefit=(c.benefit[0] + by, c.benefit[1] + by, c.benefit[2]) if c.benefit else None,
        groups=tuple((s + by, e + by, g) for s, e, g in c.groups),
    )


def _pieces(text: str, max_length: int) -> list[tuple[int, int, int, int]]:
    """(read_start, read_end, keep_start, keep_end) of each piece of a text longer than ``max_length``: a piece
    is read with up to a tenth of ``max_length`` of whole paragraphs before and after the part it keeps, so that
    a number near a cut sees the same sentence, table and list as in the whole text."""
    margin = max_length // 10
    cuts = _cut_points(text, max_length - 2 * margin)
    out = []
    for a, b in itertools.pairwise(cuts):
        ra, rb = _paragraphs_back(text, a, margin), _paragraphs_on(text, b, margin) if b < len(text) else b
        if rb - ra > max_length:  # a paragraph too long for a margin: no margin
            ra, rb = a, b
        out.append((ra, rb, a, b))
    return out


def read_contexts(texts: Iterable[str], batch_size: int = 32, nlp: Language | None = None) -> Iterator[list[Context]]:
    """The contexts of every number of each text, batched through ``nlp.pipe``, one list per text, in order.

    A text longer than ``nlp.max_length`` or ``PIECE_CHARS`` is read in pieces (see ``_pieces``); its contexts
    point into the whole text, and a number is read by the piece that keeps it.
    """
    return (list(contexts) for contexts in iter_contexts(texts, batch_size, nlp))


def iter_contexts(texts: Iterable[str], batch_size: int = 32, nlp: Language | None = None) -> Iterator[Iterator[Context]]:
    """:func:`read_contexts`, each text's contexts an iterator that reads its pieces as it goes, so that the
    contexts of one piece at a time are held, not those of a whole long text (a context and its ``Found`` are
    about 400 bytes: 200 MB for the 500,000 numbers of ``'减半'*500_000``). Each text's iterator is drained
    (what it has not yielded is read and dropped) before the next text's is given."""
    nlp = nlp or pipeline()
    limit = min(nlp.max_length, PIECE_CHARS)
    pending: list[tuple[str, list[tuple[int, int, int, int]]]] = []

    def flush() -> Iterator[Iterator[Context]]:
        parts = [(text[ra:rb], (ra, ka, kb)) for text, pieces in pending for ra, rb, ka, kb in pieces]
        docs = nlp.pipe((p for p, _ in parts), batch_size=batch_size)
        counts = [len(pieces) for _text, pieces in pending]
        pending.clear()
        k = 0

        def one_text(first: int, count: int) -> Iterator[Context]:
            for j in range(first, first + count):
                doc = next(docs)
                ra, ka, kb = parts[j][1]
                parts[j] = ("", parts[j][1])  # the piece's text is no longer needed
                yield from (_shift(c, ra) for c in contexts_of(doc) if ka <= c.found.start + ra < kb)

        for count in counts:
            contexts = one_text(k, count)
            yield contexts
            collections.deque(contexts, maxlen=0)  # what the caller did not read: drained, so the next text's pieces come next
            k += count

    for text in texts:
        pending.append((text, _pieces(text, limit) if len(text) > limit else [(0, len(text), 0, len(text))]))
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()
