"""A name the tokenizer cut at its hyphen is one person's ("Anne-Marie Slaughter", which
Stanza's recogniser tags as "Anne" and "Marie Slaughter"; "Ashley Nash-Hahn"), and two surnames
joined by a hyphen stay two people ("the Clinton-Kaine campaign"): on parses written by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types


def _said_it_was_late(name: list[Row]) -> list[Row]:
    """``name``, four words (rows 1 to 4, its head row 1 hanging on "said" at 5), then "said it
    was late."."""
    return [*name, ("said", "say", "VERB", 0, "root"), ("it", "it", "PRON", 8, "nsubj"),
            ("was", "be", "AUX", 8, "cop"), ("late", "late", "ADJ", 5, "ccomp"),
            (".", ".", "PUNCT", 5, "punct")]


def test_a_hyphenated_given_name_is_one_name(hand_parsed: HandParsed) -> None:
    text = "Anne-Marie Slaughter said it was late."
    rows = _said_it_was_late([
        ("Anne", "Anne", "PROPN", 5, "nsubj", {"ner": "S-PERSON"}),
        ("-", "-", "PUNCT", 1, "punct"),
        ("Marie", "Marie", "PROPN", 1, "flat", {"ner": "B-PERSON"}),
        ("Slaughter", "Slaughter", "PROPN", 1, "flat", {"ner": "E-PERSON"})])
    analysis = hand_parsed(text, rows, None)
    [quote] = analysis.quotes
    assert quote.speaker is not None
    assert quote.speaker.entity == "Anne-Marie Slaughter"
    assert "Marie Slaughter" not in {e.name for e in analysis.entities}


def test_two_surnames_joined_by_a_hyphen_stay_two_people(hand_parsed: HandParsed) -> None:
    text = "The Clinton-Kaine campaign said it would win."
    rows: list[Row] = [
        ("The", "the", "DET", 5, "det"),
        ("Clinton", "Clinton", "PROPN", 5, "compound", {"ner": "S-PERSON"}),
        ("-", "-", "PUNCT", 4, "punct"),
        ("Kaine", "Kaine", "PROPN", 2, "flat", {"ner": "S-PERSON"}),
        ("campaign", "campaign", "NOUN", 6, "nsubj"), ("said", "say", "VERB", 0, "root"),
        ("it", "it", "PRON", 9, "nsubj"), ("would", "would", "AUX", 9, "aux"),
        ("win", "win", "VERB", 6, "ccomp"), (".", ".", "PUNCT", 6, "punct")]
    names = {e.name for e in hand_parsed(text, rows, None).entities}
    assert {"Clinton", "Kaine"} <= names
    assert "Clinton-Kaine" not in names


def test_a_hyphenated_surname_is_one_name(hand_parsed: HandParsed) -> None:
    text = "Ashley Nash-Hahn said it was late."
    rows = _said_it_was_late([
        ("Ashley", "Ashley", "PROPN", 5, "nsubj", {"ner": "B-PERSON"}),
        ("Nash", "Nash", "PROPN", 1, "flat", {"ner": "E-PERSON"}),
        ("-", "-", "PUNCT", 4, "punct"),
        ("Hahn", "Hahn", "PROPN", 1, "flat", {"ner": "S-PERSON"})])
    [quote] = hand_parsed(text, rows, None).quotes
    assert quote.speaker is not None
    assert quote.speaker.entity == "Ashley Nash-Hahn"


def test_a_hyphenated_surname_alone_is_the_person_named_in_full(
        hand_parsed: HandParsed) -> None:
    # The recogniser splits the surname alone at its hyphen, as two persons.
    text = "Holtz-Eakin said the rally for Douglas Holtz-Eakin was huge."
    rows: list[Row] = [
        ("Holtz", "Holtz", "PROPN", 4, "nsubj", {"ner": "S-PERSON"}),
        ("-", "-", "PUNCT", 3, "punct"),
        ("Eakin", "Eakin", "PROPN", 1, "flat", {"ner": "S-PERSON"}),
        ("said", "say", "VERB", 0, "root"), ("the", "the", "DET", 6, "det"),
        ("rally", "rally", "NOUN", 14, "nsubj"), ("for", "for", "ADP", 8, "case"),
        ("Douglas", "Douglas", "PROPN", 6, "nmod", {"ner": "B-PERSON"}),
        ("Holtz", "Holtz", "PROPN", 8, "flat", {"ner": "I-PERSON"}),
        ("-", "-", "PUNCT", 11, "punct", {"ner": "I-PERSON"}),
        ("Eakin", "Eakin", "PROPN", 8, "flat", {"ner": "E-PERSON"}),
        ("was", "be", "AUX", 14, "cop"), ("huge", "huge", "ADJ", 4, "ccomp"),
        (".", ".", "PUNCT", 4, "punct")]
    analysis = hand_parsed(text, rows, None)
    [quote] = analysis.quotes
    assert quote.speaker is not None and quote.speaker.text == "Holtz-Eakin"
    assert quote.speaker.entity == "Douglas Holtz-Eakin"
    assert [e.name for e in analysis.entities] == ["Douglas Holtz-Eakin"]
