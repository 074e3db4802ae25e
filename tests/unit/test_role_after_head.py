"""A role noun makes a speaker a person only where it heads the speaker's phrase or comes before
its head ("former president Clinton"), not where it names someone else after the head ("some
emails between Clinton and President Obama"): on parses written by hand."""

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


def test_emails_that_name_a_president_are_no_person(hand_parsed: HandParsed) -> None:
    text = "Some emails between Clinton and President Obama showed that she knew."
    subject: list[Row] = [
        ("Some", "some", "DET", 2, "det"), ("emails", "email", "NOUN", 8, "nsubj"),
        ("between", "between", "ADP", 4, "case"),
        ("Clinton", "Clinton", "PROPN", 2, "nmod", {"ner": "S-PERSON"}),
        ("and", "and", "CCONJ", 7, "cc"), ("President", "President", "PROPN", 7, "compound"),
        ("Obama", "Obama", "PROPN", 4, "conj", {"ner": "S-PERSON"})]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.text == "Some emails between Clinton and President Obama"
    assert quote.speaker.entity_kind is None


def test_a_role_before_the_head_still_makes_a_person(hand_parsed: HandParsed) -> None:
    # No entity tag: the role alone says a person speaks.
    text = "The former president showed that she knew."
    subject: list[Row] = [
        ("The", "the", "DET", 3, "det"), ("former", "former", "ADJ", 3, "amod"),
        ("president", "president", "NOUN", 4, "nsubj")]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.entity_kind == "person"
