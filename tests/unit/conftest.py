"""Parses written by hand: the parser's own reading of a sentence varies with its model; a test
on a hand-written parse says what the engine does with one reading, whatever model ships."""

from __future__ import annotations

from typing import Protocol

import pytest
from stanza.utils.conll import CoNLL

from attribution.nlp import Analysis
from attribution.nlp.confidence import Confidence
from attribution.nlp.extract import _Article
from attribution.nlp.lexicon import default_lexicon
from attribution.nlp.syntax import sentences_of
from attribution.nlp.tagger import TaggedSpan

Row = tuple[str, str, str, int, str]  # word, lemma, upos, head, deprel


class HandParsed(Protocol):
    def __call__(self, text: str, rows: list[Row], judge: Confidence | None,
                 tagged: list[TaggedSpan] | None = None) -> Analysis: ...


def extract_hand_parsed(text: str, rows: list[Row], judge: Confidence | None,
                        tagged: list[TaggedSpan] | None = None) -> Analysis:
    """The engine's analysis of ``text`` read as one sentence parsed as ``rows`` (each word
    found in the text after the one before), judged by ``judge`` (None keeps everything), with
    the span tagger's ``tagged`` spans (none unless given)."""
    lines, pos = [], 0
    for i, (word, lemma, upos, head, deprel) in enumerate(rows, 1):
        start = text.index(word, pos)
        pos = start + len(word)
        lines.append(f"{i}\t{word}\t{lemma}\t{upos}\t_\t_\t{head}\t{deprel}\t_\t"
                     f"start_char={start}|end_char={pos}")
    doc = CoNLL.conll2doc(input_str="\n".join(lines) + "\n\n")
    doc.text = text
    return _Article(text, sentences_of(doc), default_lexicon(), tagged, judge=judge).run()


@pytest.fixture
def hand_parsed() -> HandParsed:
    return extract_hand_parsed
