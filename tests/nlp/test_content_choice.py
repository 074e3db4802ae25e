"""The learned choice of a reported content's bounds: the readings it weighs, and what it moves."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from attribution.nlp import Analysis, content_choice, models, tagger
from attribution.nlp.content_choice import ContentChoice
from attribution.nlp.extract import _Article
from attribution.nlp.lexicon import default_lexicon
from attribution.nlp.syntax import Sentence, sentences_of


@pytest.fixture(scope="module")
def parsed() -> Callable[[str], list[Sentence]]:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    return lambda text: sentences_of(models.parse([text], None)[0])


@pytest.fixture(scope="module")
def extract(parsed) -> Callable[[str, ContentChoice | None], Analysis]:
    """The engine on a real parse, its bounds chosen by the given model (None: the rules'),
    nothing dropped for doubt."""
    def run(text: str, bounds: ContentChoice | None) -> Analysis:
        return _Article(text, parsed(text), default_lexicon(), judge=None, bounds=bounds).run()

    return run


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _readings(text: str, options: list[content_choice.Option]) -> dict[str, dict[str, float]]:
    return {" | ".join(text[s:e] for s, e in o.content): o.features for o in options}


@pytest.fixture(scope="module")
def read(parsed) -> Callable[..., list[content_choice.Option]]:
    """The readings of ``content`` in a one-sentence ``text`` whose cue and speaker are the
    words given (quotations: the spans of the ``quoted`` strings)."""
    def run(text: str, cue: str, speaker: str, content: str, how: str, kind: str,
            quoted: tuple[str, ...] = ()) -> list[content_choice.Option]:
        [sentence] = parsed(text)
        return content_choice.options(
            text, [_span(text, content)], sentence.words,
            [w for w in sentence.words if w.text == cue],
            [w for w in sentence.words if w.text == speaker], set(),
            [_span(text, q) for q in quoted], how, kind)

    return run


def test_the_package_ships_the_learned_bounds() -> None:
    choice = content_choice.shipped()
    assert choice is not None, content_choice.model_path()
    families = {k.split("=")[0].split("&")[0] for k in choice.weights}
    assert {"cut_rel", "cut_first", "push_first", "drop_first", "take_first", "tagger_both"} \
        <= families


def test_the_readings_are_the_rules_bounds_then_cuts_pushes_and_shifted_starts(read) -> None:
    text = ("Smith told reporters that the plan would fail because nobody funded it, while "
            "others disagreed, on Monday.")
    content = [_span(text, "that the plan would fail because nobody funded it")]
    options = read(text, "told", "Smith", "that the plan would fail because nobody funded it",
                   "ccomp", "indirect")
    # The rules' reading comes first and is the content as it was.
    assert options[0].content == content
    assert {"start=rules", "end=rules"} <= set(options[0].features)
    readings = _readings(text, options)
    # Its end pushed on to each later stop of the sentence, each push described.
    pushed = readings["that the plan would fail because nobody funded it, while others disagreed"]
    assert pushed["push"] == 1.0 and pushed["push_first=while"] == 1.0
    assert ("that the plan would fail because nobody funded it, while others disagreed, on Monday"
            in readings)
    # The start moved by a word or two either way: "that" left out, "reporters" taken in.
    assert readings["the plan would fail because nobody funded it"]["drop_first=that"] == 1.0
    assert readings["reporters that the plan would fail because nobody funded it"]["take1"] == 1.0
    # Cuts: the content stops before a phrase of its own, never inside one ("that the plan").
    cut = readings["that the plan would fail"]
    assert cut["cut"] == 1.0 and cut["cut_first=because"] == 1.0 and cut["cut_verb"] == 1.0
    assert "that the plan" not in readings
    # Never the cue, nor the speaker.
    assert not any("told" in r or "Smith" in r for r in readings)


def test_each_reading_weighs_how_sure_the_tagger_is_of_its_bounds(parsed) -> None:
    # The tagger's beliefs that a content begins and ends at a word (its CRF's marginal
    # probabilities) are read at each reading's first and last word: a model that trusts them
    # picks the reading they favour, not the rules'.
    text = "Smith said the plan would fail, while others disagreed."
    [sentence] = parsed(text)
    words = {w.text: w for w in sentence.words}
    beliefs = tagger.Beliefs({words["the"].start: 0.8, words["plan"].start: 0.3},
                             {words["fail"].end: 0.9, words["disagreed"].end: 0.05})
    options = content_choice.options(
        text, [_span(text, "the plan would fail, while others disagreed")], sentence.words,
        [words["said"]], [words["Smith"]], set(), [], "ccomp", "indirect", (), beliefs)
    readings = _readings(text, options)
    assert readings["the plan would fail"]["log_p_begin"] == pytest.approx(math.log(0.8))
    assert readings["the plan would fail"]["log_p_end"] == pytest.approx(math.log(0.9))
    assert readings["plan would fail"]["log_p_begin"] == pytest.approx(math.log(0.3))
    assert readings["the plan would fail, while others disagreed"]["log_p_end"] == \
        pytest.approx(math.log(0.05))
    # a bound the tagger does not believe in even a thousandth is read as that likely
    assert readings["would fail"]["log_p_begin"] == pytest.approx(math.log(tagger.BELIEF_FLOOR))
    trusting = ContentChoice({"log_p_begin": 1.0, "log_p_end": 1.0})
    best = trusting.choose(options)
    assert best is not None and best is not options[0]
    assert [text[s:e] for s, e in best.content] == ["the plan would fail"]


def test_a_cut_says_what_the_phrase_it_leaves_out_hangs_on(read) -> None:
    text = "Kasich defended his record on Monday in a commercial on Iowa television."
    content = "his record on Monday in a commercial on Iowa television"
    readings = _readings(text, read(text, "defended", "Kasich", content, "obj", "indirect"))
    # "in a commercial ..." tells where Kasich defended it, not what: it hangs on the cue
    where = readings["his record on Monday"]
    assert where["cut_on=cue"] == 1.0
    # a phrase of the content's own words ("on Iowa television", of the commercial)
    assert readings["his record on Monday in a commercial"]["cut_on=kept"] == 1.0


def test_a_content_goes_on_over_its_cue_in_fragments(read) -> None:
    text = "The presumed adjustment, they concluded, never happened."
    readings = _readings(text, read(text, "concluded", "they", "The presumed adjustment",
                                    "inverted", "indirect"))
    over = readings["The presumed adjustment | never happened"]  # "they concluded" left out
    assert over["push_over_cue"] == 1.0


def test_what_the_cue_calls_it_is_never_cut_off(read) -> None:
    # PolNeAR's content of "described X as Y" holds "as Y": the predicate is what was said
    text = "The senator described the deal as a security threat to Europe on Monday."
    readings = _readings(text, read(text, "described", "senator",
                                    "the deal as a security threat to Europe", "obj", "indirect"))
    assert "the deal as a security threat to Europe" in readings  # the rules' reading
    assert "the deal as a security threat" in readings  # cut inside the predicate: a reading
    assert "the deal" not in readings  # but never without it


def test_a_quotation_is_never_cut(read) -> None:
    text = "Smith said the plan would bring “a disaster for the city and its people” on Monday."
    readings = _readings(text, read(
        text, "said", "Smith", "the plan would bring “a disaster for the city and its people”",
        "ccomp", "mixed", quoted=("“a disaster for the city and its people”",)))
    assert "the plan would bring" in readings  # a cut before the quotation is a reading
    for r in readings:
        assert "“" not in r or "people”" in r, r  # but none ends inside it


def test_the_engine_moves_a_reported_contents_bounds_as_the_weights_say(extract) -> None:
    text = "Smith said the plan would fail, while others disagreed."
    [rules] = extract(text, None).quotes
    assert rules.text == "the plan would fail, while others disagreed"
    # A model that cuts before "while" wherever it can.
    [cut] = extract(text, ContentChoice({"cut_first=while": 5.0})).quotes
    assert cut.text == "the plan would fail"
    assert cut.speaker is not None and cut.speaker.text == "Smith"
    # With no weights every reading ties and the rules' bounds stand.
    [tie] = extract(text, ContentChoice({})).quotes
    assert tie.text == rules.text


def test_a_direct_quotes_bounds_are_its_quote_marks_whatever_the_weights(extract) -> None:
    text = "“The plan will fail because nobody funded it,” Smith said."
    cutting = ContentChoice({"cut": 50.0, "drop1": 50.0, "push": 50.0})
    [found] = extract(text, cutting).quotes
    assert found.kind == "direct"
    assert found.text == "“The plan will fail because nobody funded it,”"
