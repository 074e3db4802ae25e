"""The engine reads Stanza's published NER types (OntoNotes) as the CoNLL types its rules use."""

from __future__ import annotations

import pytest

from attribution.nlp import analyse_parsed
from attribution.nlp.syntax import sentences_of

stanza = pytest.importorskip("stanza")

TEXT = "Barack Obama said that South Korea would help."
# (text, upos, head, deprel, OntoNotes NER tag) as the published English models tag it.
WORDS = [
    ("Barack", "PROPN", 2, "compound", "B-PERSON"), ("Obama", "PROPN", 3, "nsubj", "E-PERSON"),
    ("said", "VERB", 0, "root", "O"), ("that", "SCONJ", 8, "mark", "O"),
    ("South", "PROPN", 6, "compound", "B-GPE"), ("Korea", "PROPN", 8, "nsubj", "E-GPE"),
    ("would", "AUX", 8, "aux", "O"), ("help", "VERB", 3, "ccomp", "O"),
    (".", "PUNCT", 3, "punct", "O"),
]


def published_parse() -> object:
    rows, at = [], 0
    for i, (text, upos, head, deprel, ner) in enumerate(WORDS, start=1):
        start = TEXT.index(text, at)
        at = start + len(text)
        rows.append({"id": i, "text": text, "lemma": text.lower(), "upos": upos, "head": head,
                     "deprel": deprel, "start_char": start, "end_char": at, "ner": ner})
    return stanza.Document([rows], text=TEXT)


def test_ontonotes_places_are_read_as_places() -> None:
    words = sentences_of(published_parse())[0].words
    assert [w.ner for w in words[4:6]] == ["B-LOC", "E-LOC"]
    assert [w.ner for w in words[:2]] == ["B-PERSON", "E-PERSON"]


def test_attributions_come_out_the_same_on_published_tags() -> None:
    analysis = analyse_parsed(TEXT, published_parse())
    [quote] = analysis.quotes
    assert quote.text.endswith("South Korea would help")
    assert quote.speaker is not None and quote.speaker.entity == "Barack Obama"
    assert quote.speaker.entity_kind == "person"
