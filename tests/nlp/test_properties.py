"""Properties that hold for any text a feed or a person sends: the engine never raises, every
offset it returns indexes the text as given, and the match keys are stable.

The texts are built from what trips quote finders and parsers: every kind of quote mark,
apostrophes, dashes, right-to-left and zero-width characters, emoji, blank lines and cue words.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.matching import normalise
from attribution.nlp import Analysis, models
from attribution.nlp.quotes import find_quotations

PIECES = st.sampled_from([
    '"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "''", "``", " ", " ",
    "\n", "\n\n", "\t", "\u200b", "\u200f", "\u202e", "\ufeff", "\u00a0", "\u2014", "\u2015",
    ",", ".", ":", "?", "(", ")", "said", "He", "she", "told reporters", "according to",
    "Donald Trump", "KCNA", "the report", "\u0645\u0631\u062d\u0628\u0627", "\U0001f600",
    "U.S.", "don't", "2.6million",
])
TEXTS = st.lists(PIECES | st.text(max_size=4), max_size=60).map(" ".join)


def _inside(text: str, start: int, end: int, said: str) -> None:
    assert 0 <= start <= end <= len(text)
    assert text[start:end] == said


@given(TEXTS)
@settings(max_examples=400, deadline=None)  # a busy CI machine is no failure
def test_quotation_spans_lie_inside_any_text(text: str) -> None:
    for quotation in find_quotations(text):
        assert 0 <= quotation.start <= quotation.end <= len(text)
        for start, end in quotation.parts:
            assert quotation.start <= start <= end <= quotation.end


@given(st.text(max_size=200) | TEXTS)
@settings(max_examples=400, deadline=None)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@pytest.fixture(scope="module")
def analyse_one(analyse: Callable[[str], Analysis]) -> Callable[[str], Analysis]:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    return analyse


@pytest.mark.stanza
@given(text=TEXTS)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_extraction_never_raises_and_every_offset_indexes_the_text(
    analyse_one: Callable[[str], Analysis], text: str
) -> None:
    analysis = analyse_one(text)
    for quote in analysis.quotes:
        _inside(text, quote.start, quote.end, quote.text)
        for span in [*quote.parts, *quote.quoted]:
            _inside(text, span.start, span.end, span.text)
            assert quote.start <= span.start <= span.end <= quote.end
        if quote.speaker is not None:
            _inside(text, quote.speaker.start, quote.speaker.end, quote.speaker.text)
        if quote.cue is not None:
            _inside(text, quote.cue.start, quote.cue.end, quote.cue.text)
        for link in quote.chain:
            _inside(text, link.start, link.end, link.text)
    for entity in analysis.entities:
        for mention in entity.mentions:
            _inside(text, mention.start, mention.end, mention.text)


@pytest.mark.stanza
def test_ten_thousand_quote_marks_are_parsed_in_pieces(
    analyse_one: Callable[[str], Analysis],
) -> None:
    # One 10 KB "sentence" of quote marks once took a process past 21 GB in the parser.
    text = 'He said "hello there" to them. ' + '"' * 10_000 + " And more."
    analysis = analyse_one(text)
    # (how many sentences the tokenizer makes of the marks is its own affair: the models read
    # a run of marks in pieces of models.MAX_WORD_CHARS)
    assert analysis.long_sentences_cut >= 1
    assert analysis.complete
    assert any(q.text == "hello there" or "hello there" in q.text for q in analysis.quotes)


@pytest.mark.stanza
def test_an_article_over_its_time_budget_says_where_analysis_stopped() -> None:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    from attribution.nlp import analyse_many

    paragraph = '"We will win," Smith said. The weather was fine and the crowd was large.\n\n'
    text = paragraph * 400  # ~6,000 words: three steps of the parser
    analysis = next(analyse_many([text], time_budget=0.0))
    assert not analysis.complete
    assert analysis.stopped_at is not None and 0 < analysis.stopped_at < len(text)
    assert text[analysis.stopped_at - 2: analysis.stopped_at] in ("\n\n", ". ", '" ')
    assert analysis.limits()
    whole = next(analyse_many([text[:2000]], time_budget=None))
    assert whole.complete and whole.limits() == []
