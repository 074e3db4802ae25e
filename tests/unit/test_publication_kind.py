"""A publication named "… Report" is the media, not a person, where the recogniser tags it as one
("the Drudge Report"), and a report that is no name stays what it was: on parses written by
hand, as Stanza's recogniser reads them in PolNeAR's articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types


def _showed(subject: list[Row]) -> list[Row]:
    """``subject`` (rows 1 to n, its head hanging on the verb at n + 1), then "showed that she
    knew."."""
    n = len(subject)
    return [*subject, ("showed", "show", "VERB", 0, "root"),
            ("that", "that", "SCONJ", n + 4, "mark"), ("she", "she", "PRON", n + 4, "nsubj"),
            ("knew", "know", "VERB", n + 1, "ccomp"), (".", ".", "PUNCT", n + 1, "punct")]


def test_a_report_tagged_a_person_is_the_media(hand_parsed: HandParsed) -> None:
    text = "The Drudge Report showed that she knew."
    subject: list[Row] = [
        ("The", "the", "DET", 3, "det"),
        ("Drudge", "Drudge", "PROPN", 3, "compound", {"ner": "B-PERSON"}),
        ("Report", "Report", "PROPN", 4, "nsubj", {"ner": "E-PERSON"})]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.text == "The Drudge Report"
    assert quote.speaker.entity_kind == "media"


def test_a_named_person_is_still_a_person(hand_parsed: HandParsed) -> None:
    text = "Matt Drudge showed that she knew."
    subject: list[Row] = [
        ("Matt", "Matt", "PROPN", 2, "compound", {"ner": "B-PERSON"}),
        ("Drudge", "Drudge", "PROPN", 3, "nsubj", {"ner": "E-PERSON"})]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.entity_kind == "person"


def test_the_report_is_no_publication(hand_parsed: HandParsed) -> None:
    text = "The report showed that she knew."
    subject: list[Row] = [
        ("The", "the", "DET", 2, "det"), ("report", "report", "NOUN", 3, "nsubj")]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.entity_kind is None
