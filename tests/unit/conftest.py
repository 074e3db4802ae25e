"""Parses written by hand: the parser's own reading of a sentence varies with its model; a test
on a hand-written parse says what the engine does with one reading, whatever model ships."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pytest
from stanza.utils.conll import CoNLL

from attribution.nlp import Analysis
from attribution.nlp.confidence import Confidence
from attribution.nlp.extract import _Article
from attribution.nlp.lexicon import default_lexicon
from attribution.nlp.syntax import Sentence, Word, sentences_of
from attribution.nlp.tagger import TaggedSpan, TokenBelief

#: word, lemma, upos, head, deprel, and optionally more of what Stanza gives a word:
#: ``{"feats": "VerbForm=Fin", "ner": "B-PERSON"}``
Row = tuple[str, str, str, int, str] | tuple[str, str, str, int, str, dict[str, str]]


class HandParsed(Protocol):
    def __call__(self, text: str, rows: list[Row], judge: Confidence | None,
                 tagged: list[TaggedSpan] | None = None) -> Analysis: ...


def extract_hand_parsed(text: str, rows: list[Row], judge: Confidence | None,
                        tagged: list[TaggedSpan] | None = None) -> Analysis:
    """The engine's analysis of ``text`` read as one sentence parsed as ``rows`` (each word
    found in the text after the one before; features and entity tags where a row gives them),
    judged by ``judge`` (None keeps everything), with the span tagger's ``tagged`` spans (none
    unless given)."""
    lines, pos = [], 0
    for i, (word, lemma, upos, head, deprel, *more) in enumerate(rows, 1):
        start = text.index(word, pos)
        pos = start + len(word)
        extra = more[0] if more else {}
        ner = f"|ner={extra['ner']}" if "ner" in extra else ""
        lines.append(f"{i}\t{word}\t{lemma}\t{upos}\t_\t{extra.get('feats', '_')}\t{head}\t"
                     f"{deprel}\t_\tstart_char={start}|end_char={pos}{ner}")
    doc = CoNLL.conll2doc(input_str="\n".join(lines) + "\n\n")
    doc.text = text
    sentences = sentences_of(doc)
    return _Article(text, sentences, default_lexicon(), [*tagged, *_sure_beliefs(
        sentences, tagged)] if tagged else None, judge=judge).run()


def _sure_beliefs(sentences: list[Sentence], tagged: list[TaggedSpan]) -> list[TokenBelief]:
    """The beliefs of a tagger sure of ``tagged`` (the tagger lists its beliefs with its
    spans, and the learned choices read both)."""
    def share(w: Word, kind: str, at: Callable[[TaggedSpan, Word], bool]) -> float:
        return 0.99 if any(t.type == kind and at(t, w) for t in tagged) else 0.001

    return [TokenBelief(w.start, w.end, s.index,
                        share(w, "CONTENT", lambda t, w: t.start == w.start),
                        share(w, "CONTENT", lambda t, w: t.end == w.end),
                        share(w, "CONTENT", lambda t, w: t.start <= w.start < t.end),
                        share(w, "SOURCE", lambda t, w: t.start <= w.start < t.end))
            for s in sentences for w in s.words if any(t.sentence == s.index for t in tagged)]


@pytest.fixture
def hand_parsed() -> HandParsed:
    return extract_hand_parsed
