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
    models_, vectors = tagger.model_paths()
    assert models_ and tagger.available(), (models_, vectors)
    # Small enough to ship: tens of MB at most.
    assert sum(m.stat().st_size for m in models_) + vectors.stat().st_size < 40_000_000


def test_a_tagger_of_one_model_twice_tags_as_the_model_alone(parsed) -> None:
    # An ensemble averages its models' scores: the same model twice is the model, beliefs
    # and all (a sum instead of an average would make the CRF surer than it is).
    text = "Senator Smith said the bill would pass next week, officials said."
    [model, *_], vectors = tagger.model_paths()
    one, twice = tagger.load(model, vectors), tagger.load([model, model], vectors)
    assert len(one) == 1 and len(twice) == 2
    sentences = parsed(text)
    by_one = tagger.tag_many([(text, sentences, [])], one)[0]
    by_twice = tagger.tag_many([(text, sentences, [])], twice)[0]
    assert any(s.type == "CONTENT" for s in by_one)
    assert [s for s in by_twice if s.type != "BELIEF"] == [s for s in by_one if s.type != "BELIEF"]
    beliefs_one = [b for b in by_one if isinstance(b, tagger.TokenBelief)]
    beliefs_twice = [b for b in by_twice if isinstance(b, tagger.TokenBelief)]
    assert len(beliefs_one) == len(beliefs_twice) > 0
    for a, b in zip(beliefs_one, beliefs_twice, strict=True):
        assert (a.start, a.end) == (b.start, b.end)
        assert b.begins == pytest.approx(a.begins, abs=1e-5)
        assert b.ends == pytest.approx(a.ends, abs=1e-5)
        assert b.source == pytest.approx(a.source, abs=1e-5)


def test_the_tagger_marks_who_the_reporting_words_and_what_was_said(parsed) -> None:
    text = "Senator Smith said the bill would pass next week."
    spans = {(s.type, text[s.start:s.end]) for s in tagger.tag(text, parsed(text))
             if s.type in tagger.TYPES}
    assert spans == {("SOURCE", "Senator Smith"), ("CUE", "said"),
                     ("CONTENT", "the bill would pass next week")}


def test_the_tagger_says_how_likely_each_token_begins_or_ends_what_was_said(parsed) -> None:
    # Its CRF's marginal probabilities, over every tagging of the sentence: surest where its
    # best tagging puts the content's bounds and its source.
    text = "Senator Smith said the bill would pass next week."
    beliefs = {text[b.start:b.end]: b for b in tagger.tag(text, parsed(text))
               if isinstance(b, tagger.TokenBelief)}

    def belief(token: str, of: str) -> float:
        # a token none of the three is even a thousandth likely for is left out
        return getattr(beliefs[token], of) if token in beliefs else 0.0

    assert max(beliefs.values(), key=lambda b: b.begins) is beliefs["the"]
    assert max(beliefs.values(), key=lambda b: b.ends) is beliefs["week"]
    assert belief("Smith", "source") > 0.5 > belief("bill", "source")
    assert belief("bill", "inside") > 0.5 > belief("Smith", "inside")
    assert belief("said", "begins") < 0.5 and belief("said", "source") < 0.5
    for b in beliefs.values():
        assert all(0.0 <= p <= 1.0 + 1e-9 for p in (b.begins, b.ends, b.inside, b.source))


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


def _report_lines(seed: int, n: int) -> list[str]:
    """Texts of twenty long, odd reporting sentences each (odd activations for the tagger's
    8-bit layers, whose scale a batch's sentences share)."""
    import random

    rng = random.Random(seed)
    words = ("said told officials according reported Trump Clinton campaign senator the a of "
             "to in that he she they would could percent 1.6 billion Pyongyang KCNA "
             "statement").split()
    return [" ".join(" ".join(rng.choice(words) for _ in range(rng.randint(8, 60))).capitalize()
                     + "." for _ in range(20)) for _ in range(n)]


def test_an_articles_spans_do_not_depend_on_the_articles_tagged_beside_it() -> None:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    # Ingest tags an article in a batch of others, the API alone, training in batches of
    # 32: all must give it the same spans. (In 8 bits, tagged in one batch with the second of
    # these companions, the seed article's spans changed.)
    from pathlib import Path

    from attribution.nlp import focus

    seed = (Path(__file__).resolve().parents[2] / "samples"
            / "003-unattributed-rewrite.txt").read_text(encoding="utf-8")
    texts = [seed, *_report_lines(1, 2)]
    articles = [(text, sentences_of(p), []) for text, p in zip(
        texts, models.parse(texts, None, focus.sentences_to_parse), strict=True)]
    alone = tagger.tag_many(articles[:1])[0]
    assert alone
    for companion in articles[1:]:
        assert set(tagger.tag_many([articles[0], companion])[0]) == set(alone)
