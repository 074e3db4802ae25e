"""A bare surname the entity recogniser took for an organisation names the article's person who
bears it (``EntityTable._merge_surnames_taken_for_bodies``), on hand-written entity tags: which
mention the published or the shipped recogniser reads as a body varies with its model."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types


def said_of(name: str, tag: str, rally_for: list[Row]) -> list[Row]:
    """"<name> said the rally for <rally_for> was huge.", ``name`` tagged ``tag``;
    ``rally_for`` are rows 6 to 5 + len, whose first word hangs on "rally"."""
    last = 5 + len(rally_for)
    return [(name, name, "PROPN", 2, "nsubj", {"ner": tag}), ("said", "say", "VERB", 0, "root"),
            ("the", "the", "DET", 4, "det"), ("rally", "rally", "NOUN", last + 2, "nsubj"),
            ("for", "for", "ADP", 6, "case"), *rally_for,
            ("was", "be", "AUX", last + 2, "cop"), ("huge", "huge", "ADJ", 2, "ccomp"),
            (".", ".", "PUNCT", 2, "punct")]


DONALD_TRUMP: list[Row] = [("Donald", "Donald", "PROPN", 4, "nmod", {"ner": "B-PERSON"}),
                           ("Trump", "Trump", "PROPN", 6, "flat", {"ner": "E-PERSON"})]


def test_a_surname_tagged_as_a_body_is_the_one_person_who_bears_it(hand_parsed: HandParsed
                                                                     ) -> None:
    text = "Trump said the rally for Donald Trump was huge."
    analysis = hand_parsed(text, said_of("Trump", "S-ORG", DONALD_TRUMP), None)
    [quote] = analysis.quotes
    assert quote.speaker is not None and quote.speaker.text == "Trump"
    assert (quote.speaker.entity, quote.speaker.entity_kind) == ("Donald Trump", "person")
    assert [e.name for e in analysis.entities] == ["Donald Trump"]


def test_a_surname_two_people_bear_stays_apart_as_a_person(hand_parsed: HandParsed) -> None:
    text = "Trump said the rally for Donald Trump and Melania Trump was huge."
    rally_for = [*DONALD_TRUMP, ("and", "and", "CCONJ", 9, "cc"),
                 ("Melania", "Melania", "PROPN", 6, "conj", {"ner": "B-PERSON"}),
                 ("Trump", "Trump", "PROPN", 9, "flat", {"ner": "E-PERSON"})]
    analysis = hand_parsed(text, said_of("Trump", "S-ORG", rally_for), None)
    [quote] = analysis.quotes
    assert quote.speaker is not None
    assert (quote.speaker.entity, quote.speaker.entity_kind) == ("Trump", "person")
    assert {e.name for e in analysis.entities} == {"Trump", "Donald Trump", "Melania Trump"}


def test_an_acronym_tagged_as_a_body_stays_one_beside_a_person_named_with_it(
        hand_parsed: HandParsed) -> None:
    # The recogniser took the Swiss party's youth wing for a person.
    text = "SVP said the rally for Junge SVP was huge."
    rally_for: list[Row] = [("Junge", "Junge", "PROPN", 4, "nmod", {"ner": "B-PERSON"}),
                            ("SVP", "SVP", "PROPN", 6, "flat", {"ner": "E-PERSON"})]
    analysis = hand_parsed(text, said_of("SVP", "S-ORG", rally_for), None)
    [quote] = analysis.quotes
    assert quote.speaker is not None
    assert (quote.speaker.entity, quote.speaker.entity_kind) == ("SVP", "organisation")
