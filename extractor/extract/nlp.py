"""The extraction as a spaCy pipeline: ``spacy.blank("zh")`` with the jieba segmenter and the taxonomies' words.

Components (each a pure ``match`` on the text and an annotation of the Doc, in the order they run):
``zhengce_groups`` and ``zhengce_benefits`` put taxonomy mentions into ``doc.spans["groups"]`` and
``doc.spans["benefits"]`` (the span's ``kb_id_`` is the canonical id); ``zhengce_quantities`` puts every number
expression into ``doc.spans["quantities"]`` (label = kind) and reads its context; the readings are in
``doc._.zhengce_contexts``. Nothing is downloaded: spaCy, jieba and the taxonomies ship with the install.
"""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .context import annotate
from .find import find_quantities
from .taxonomy import Taxonomy, benefits, groups

log = logging.getLogger(__name__)

if not Doc.has_extension("zhengce_contexts"):
    Doc.set_extension("zhengce_contexts", default=None)


def text_of(doc: Doc) -> str:
    """The Doc's text, computed once (``Doc.text`` joins every token each time it is read)."""
    text = doc.user_data.get("zhengce_text")
    if text is None:
        text = doc.user_data["zhengce_text"] = doc.text
    return text  # type: ignore[no-any-return]


def _spans(doc: Doc, hits: list[tuple[int, int, str]], key: str, label: str) -> None:
    spans = []
    for start, end, kb in hits:
        span = doc.char_span(start, end, label=label, kb_id=kb, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = SpanGroup(doc, name=key, spans=spans)


class TaxonomyMatcher:
    """Finds the synonyms of a taxonomy in the text (longest first) and stores them as a span group."""

    def __init__(self, taxonomy: Taxonomy, key: str, label: str) -> None:
        self.taxonomy, self.key, self.label = taxonomy, key, label

    def match(self, text: str) -> list[tuple[int, int, str]]:
        return list(self.taxonomy.find(text))

    def __call__(self, doc: Doc) -> Doc:
        _spans(doc, self.match(text_of(doc)), self.key, self.label)
        return doc


class QuantityReader:
    """Finds number expressions, reads their context, and stores them as the ``quantities`` span group."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = find_quantities(text)
        g = [(s.start_char, s.end_char, s.kb_id_) for s in doc.spans.get("groups", [])]
        b = [(s.start_char, s.end_char, s.kb_id_) for s in doc.spans.get("benefits", [])]
        contexts = annotate(text, found, g, b)
        spans: list[Span] = []
        for c in contexts:
            span = doc.char_span(c.found.start, c.found.end, label=c.found.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["quantities"] = SpanGroup(doc, name="quantities", spans=spans)
        doc._.zhengce_contexts = contexts
        return doc


@Language.factory("zhengce_groups")
def make_groups(nlp: Language, name: str) -> TaxonomyMatcher:
    return TaxonomyMatcher(groups(), "groups", "GROUP")


@Language.factory("zhengce_benefits")
def make_benefits(nlp: Language, name: str) -> TaxonomyMatcher:
    return TaxonomyMatcher(benefits(), "benefits", "BENEFIT")


@Language.factory("zhengce_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityReader:
    return QuantityReader()


class JiebaTokenizer:
    """spaCy's jieba segmenter without jieba's HMM guessing of unknown words: the domain words are in the
    dictionary, and without the HMM the cut is about twice as fast."""

    def __init__(self, nlp: Language) -> None:
        import jieba

        self.vocab = nlp.vocab
        self.cut = jieba.cut

    def __call__(self, text: str) -> Doc:
        from spacy.util import get_words_and_spaces

        words = [w for w in self.cut(text, HMM=False) if w]
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


@functools.cache
def pipeline() -> Language:
    """The extraction pipeline, built once: blank Chinese with jieba, the domain words, three components."""
    import jieba

    jieba.setLogLevel(60)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for taxonomy in (groups(), benefits()):
        for surface in taxonomy.by_surface:
            jieba.add_word(surface, freq=50_000)
    nlp.tokenizer = JiebaTokenizer(nlp)
    nlp.add_pipe("zhengce_groups")
    nlp.add_pipe("zhengce_benefits")
    nlp.add_pipe("zhengce_quantities")
    return nlp
