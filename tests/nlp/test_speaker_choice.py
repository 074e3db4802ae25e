"""The learned choice of speaker among a cue's candidates, as shipped, on real parses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from attribution.nlp import Analysis, models, speaker_choice, speakers
from attribution.nlp.syntax import Sentence, sentences_of
from attribution.nlp.tagger import Beliefs


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


def _words(sentence: Sentence, text: str, phrase: str) -> list:
    start, end = _span(text, phrase)
    return [w for w in sentence.words if start <= w.start < end]


def _cut(sentence: Sentence, text: str, phrase: str) -> str:
    return " ".join(w.text for w in speakers.speaker_phrase(_words(sentence, text, phrase)))


def test_a_speaker_that_ran_on_into_its_verb_is_cut_to_who(parsed) -> None:
    # The span tagger marked "Mrs. Clinton shook her head" as the source of "No." in PolNeAR
    # train; a verb heads those words, and its subject is who spoke.
    text = "Mrs. Clinton shook her head and said, “No.”"
    [sentence] = parsed(text)
    assert _cut(sentence, text, "Mrs. Clinton shook her head") == "Mrs. Clinton"


def test_an_adverb_or_a_time_hung_on_the_cue_is_not_part_of_the_speaker(parsed) -> None:
    text = ("Law enforcement officials subsequently told reporters that the couple had "
            "communicated in private messages.")
    [sentence] = parsed(text)
    assert _cut(sentence, text, "Law enforcement officials subsequently") == (
        "Law enforcement officials")
    text = "Carly Fiorina said during the second debate that she had seen the video."
    [sentence] = parsed(text)
    during = next(w for w in sentence.words if w.text == "during")
    assert during.head is not None and during.head.head is not None
    assert during.head.head.text == "said"  # the time hangs on the cue, not on the name
    words = [w for w in sentence.words if w.text in {"Carly", "Fiorina"}] + [
        w for w in sentence.words if during.id <= w.id <= during.head.id]
    assert " ".join(w.text for w in speakers.speaker_phrase(words)) == "Carly Fiorina"


def _stays(parsed, text: str, phrase: str) -> bool:
    """Does the speaker ``phrase`` of ``text`` keep all its words?"""
    [sentence] = parsed(text)
    return _cut(sentence, text, phrase) == " ".join(w.text for w in _words(sentence, text, phrase))


def test_a_speakers_own_description_stays(parsed) -> None:
    assert _stays(parsed, "Mitt Romney, the 2012 Republican presidential nominee, tweeted that "
                  "the distinction was important.",
                  "Mitt Romney, the 2012 Republican presidential nominee,")
    assert _stays(parsed, "A spokesman for committee Democrats said the report was incomplete.",
                  "A spokesman for committee Democrats")
    assert _stays(parsed, "A letter to platform committee members calls for a change in the "
                  "platform.", "A letter to platform committee members")


def test_a_verb_inside_an_organisations_name_is_no_verb_it_did(parsed) -> None:
    # The parse makes "Rising" a verb with "America" its subject.
    assert _stays(parsed, "America Rising, a conservative political action committee, called "
                  "the former president a liability.",
                  "America Rising, a conservative political action committee,")


def test_the_choice_weighs_how_sure_the_tagger_is_that_a_word_names_a_source(parsed) -> None:
    # The tagger's belief (its CRF's marginal probability) that a candidate's head names a
    # source counts for it, as sure as the tagger is, where its best tagging marks no source.
    text = "Senator Smith told reporters on Tuesday that the governor had lied."
    [sentence] = parsed(text)
    cue = next(w for w in sentence.words if w.text == "told")
    content = [_span(text, "that the governor had lied")]
    choice = speaker_choice.shipped()
    assert choice is not None

    def score(head: str, sources: dict[int, float]) -> float:
        options = speaker_choice.candidates(cue, sentence.words, content, [], [], "ccomp", [],
                                            Beliefs(source=sources))
        choice.choose(options)
        return next(c.score for c in options if head in [w.text for w in c.words])

    smith = next(w for w in sentence.words if w.text == "Smith")
    sure = {w.start: 0.9 for w in sentence.words if w.text in ("Senator", "Smith")}
    unsure = {w.start: 0.1 for w in sentence.words if w.text in ("Senator", "Smith")}
    assert smith.start in sure
    assert score("Smith", sure) > score("Smith", unsure) > score("Smith", {})


def test_a_nested_cues_speaker_is_not_the_outer_cues(
    analyse: Callable[[str], Analysis],
) -> None:
    # The tagger is sure KCNA is a source (of "said"), and takes "The report called on …" for
    # what was said: the cue that heads what KCNA said is the report's, and its speaker is
    # still the report (the tagger's beliefs, about KCNA's attribution, are not read there).
    text = ("The report called on officials and scientists to learn the lesson of the failed "
            "launch, KCNA said.")
    inner = next(q for q in analyse(text).quotes if q.cue and q.cue.text.startswith("called"))
    assert inner.speaker is not None and inner.speaker.text == "The report"
