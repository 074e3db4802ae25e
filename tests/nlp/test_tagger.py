"""The learned span tagger as shipped, through the real Stanza pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from attribution.nlp import Analysis, models, tagger
from attribution.nlp.syntax import sentences_of


@pytest.fixture(scope="module")
def parsed() -> Callable[[str], list]:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    return lambda text: sentences_of(models.parse([text], None)[0])


def test_the_package_ships_the_tagger_and_its_vectors() -> None:
    model, vectors = tagger.model_paths()
    assert tagger.available(), (model, vectors)
    # Small enough to ship: tens of MB at most.
    assert model.stat().st_size + vectors.stat().st_size < 40_000_000


def test_the_tagger_marks_who_the_reporting_words_and_what_was_said(parsed) -> None:
    text = "Senator Smith said the bill would pass next week."
    spans = {(s.type, text[s.start:s.end]) for s in tagger.tag(text, parsed(text))}
    assert spans == {("SOURCE", "Senator Smith"), ("CUE", "said"),
                     ("CONTENT", "the bill would pass next week")}


def test_a_sentence_inside_a_quotation_is_not_tagged(parsed) -> None:
    text = "Senator Smith said the bill would pass next week."
    assert tagger.tag(text, parsed(text), [(0, len(text))]) == []


def test_the_tagger_finds_an_attribution_the_rules_miss(
    analyse: Callable[[str], Analysis], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Trump wants to build a wall on the southern border."
    [found] = analyse(text).quotes
    assert found.text == "to build a wall on the southern border"
    assert found.kind == "indirect"
    assert found.speaker is not None and found.speaker.text == "Trump"
    # The rules alone find nothing here ("want" is too weak a cue for them).
    monkeypatch.setattr(tagger, "available", lambda: False)
    from attribution.nlp import analyse_many

    assert next(analyse_many([text], time_budget=None)).quotes == []
