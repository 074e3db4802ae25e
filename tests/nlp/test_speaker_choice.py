"""The learned choice of speaker among a cue's candidates, as shipped, on real parses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from attribution.nlp import Analysis, models, speaker_choice
from attribution.nlp.syntax import Sentence, sentences_of


@pytest.fixture(scope="module")
def parsed() -> Callable[[str], list[Sentence]]:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    return lambda text: sentences_of(models.parse([text], None)[0])


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_the_package_ships_the_learned_choice() -> None:
    choice = speaker_choice.shipped()
    assert choice is not None, speaker_choice.model_path()
    # Weights say what they weigh: every feature family the candidates are described by.
    families = {k.split("=")[0].split("&")[0] for k in choice.weights}
    assert {"path", "deprel", "upos", "entity", "side", "by"} <= families


def test_candidates_are_the_noun_phrases_outside_the_content_and_other_quotes(parsed) -> None:
    text = ("Senator Smith told reporters on Tuesday that the governor had lied about "
            "the “rigged” vote, as Jones “insisted.”")
    [sentence] = parsed(text)
    cue = next(w for w in sentence.words if w.text == "told")
    content = [_span(text, "the governor had lied about the “rigged” vote")]
    quotes = [_span(text, "“rigged”"), _span(text, "“insisted.”")]
    options = speaker_choice.candidates(cue, sentence.words, content, [], [], "ccomp", quotes)
    said = {" ".join(w.text for w in c.words) for c in options}
    # The parse makes "Senator" and "Smith" two subjects of "told": the name is offered whole.
    assert {"Senator Smith", "reporters"} <= said
    words = {w.text for c in options for w in c.words}
    # Nothing of the content, of another quotation, nor a date.
    assert not {"governor", "vote", "rigged", "insisted", "Tuesday"} & words
    smith = next(c for c in options if " ".join(w.text for w in c.words) == "Senator Smith")
    assert smith.features["path=nsubj^"] == 1.0 and smith.features["side=before"] == 1.0
    # Candidates come nearest the cue first, and "no one" last.
    distances = [abs(c.head.id - cue.id) for c in options if c.words]
    assert distances == sorted(distances)
    assert not options[-1].words and options[-1].features["none"] == 1.0


def test_the_choice_takes_the_cues_subject_over_a_nearer_description(
    analyse: Callable[[str], Analysis],
) -> None:
    text = ("Mitch McConnell, the Senate majority leader, told reporters on Tuesday that the "
            "bill would pass.")
    [found] = [q for q in analyse(text).quotes if "the bill would pass" in q.text]
    assert found.speaker is not None
    assert found.speaker.text.startswith("Mitch McConnell")


def test_the_choice_takes_the_speaker_of_an_inverted_cue_not_the_quotes_subject(
    analyse: Callable[[str], Analysis],
) -> None:
    text = "“The senator has betrayed his voters,” the governor’s spokeswoman, Ana Ruiz, said."
    [found] = analyse(text).quotes
    assert found.speaker is not None
    assert "senator" not in found.speaker.text and "voters" not in found.speaker.text
    assert "Ana Ruiz" in found.speaker.text or "spokeswoman" in found.speaker.text
