"""A role noun makes a speaker a person only where it heads the speaker's phrase or comes before
its head ("former president Clinton"), not where it names someone else after the head ("some
emails between Clinton and President Obama"); a person named after a role is who speaks, not
whoever the words before the role name ("Cruz spokeswoman Catherine Frazier"); a publication
named "… Report" is the media where the recogniser tags it a person ("the Drudge Report"), and
a report that is no name stays what it was: on parses written by hand."""

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


def test_the_person_named_after_a_role_is_who_speaks(hand_parsed: HandParsed) -> None:
    # As Stanza's parser and tagger read it: the mention is headed by its first word, and the
    # lowercase role is tagged a proper noun too. Cruz is not who spoke.
    text = "Cruz spokeswoman Catherine Frazier showed that she knew."
    subject: list[Row] = [
        ("Cruz", "Cruz", "PROPN", 5, "nsubj", {"ner": "S-PERSON"}),
        ("spokeswoman", "spokeswoman", "PROPN", 1, "flat"),
        ("Catherine", "Catherine", "PROPN", 1, "flat", {"ner": "B-PERSON"}),
        ("Frazier", "Frazier", "PROPN", 1, "flat", {"ner": "E-PERSON"})]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.text == "Cruz spokeswoman Catherine Frazier"
    assert (quote.speaker.entity, quote.speaker.entity_kind) == ("Catherine Frazier", "person")


def test_a_name_in_a_clause_about_another_is_not_who_speaks(hand_parsed: HandParsed) -> None:
    # "the billionaire Paul Allen" is the company's owner; the company speaks.
    text = "A company controlled by the billionaire Paul Allen showed that she knew."
    subject: list[Row] = [
        ("A", "a", "DET", 2, "det"), ("company", "company", "NOUN", 9, "nsubj"),
        ("controlled", "control", "VERB", 2, "acl"), ("by", "by", "ADP", 6, "case"),
        ("the", "the", "DET", 6, "det"),
        ("billionaire", "billionaire", "NOUN", 3, "obl:agent"),
        ("Paul", "Paul", "PROPN", 6, "appos", {"ner": "B-PERSON"}),
        ("Allen", "Allen", "PROPN", 7, "flat", {"ner": "E-PERSON"})]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.entity != "Paul Allen"


def test_the_name_of_a_firm_after_a_person_is_not_who_speaks(hand_parsed: HandParsed) -> None:
    # As Stanza's recogniser reads it, "Mayer Brown" is a person too.
    text = "Andrew J. Pincus of the law firm Mayer Brown showed that she knew."
    subject: list[Row] = [
        ("Andrew", "Andrew", "PROPN", 10, "nsubj", {"ner": "B-PERSON"}),
        ("J.", "J.", "PROPN", 1, "flat", {"ner": "I-PERSON"}),
        ("Pincus", "Pincus", "PROPN", 1, "flat", {"ner": "E-PERSON"}),
        ("of", "of", "ADP", 7, "case"), ("the", "the", "DET", 7, "det"),
        ("law", "law", "NOUN", 7, "compound"), ("firm", "firm", "NOUN", 1, "nmod"),
        ("Mayer", "Mayer", "PROPN", 7, "appos", {"ner": "B-PERSON"}),
        ("Brown", "Brown", "PROPN", 8, "flat", {"ner": "E-PERSON"})]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert quote.speaker.entity != "Mayer Brown"


def test_a_party_label_after_the_name_is_no_part_of_it(hand_parsed: HandParsed) -> None:
    # As Stanza's parser and tagger read it: the role a proper noun, the name its conjunct,
    # the label flat under the name.
    text = "A former U.S. congressman, Mark Siljander, R-Mich., showed that she knew."
    subject: list[Row] = [
        ("A", "a", "DET", 4, "det"), ("former", "former", "ADJ", 4, "amod"),
        ("U.S.", "U.S.", "PROPN", 4, "compound", {"ner": "S-LOC"}),
        ("congressman", "congressman", "PROPN", 13, "nsubj"), (",", ",", "PUNCT", 6, "punct"),
        ("Mark", "Mark", "PROPN", 4, "conj", {"ner": "B-PERSON"}),
        ("Siljander", "Siljander", "PROPN", 6, "flat", {"ner": "E-PERSON"}),
        (",", ",", "PUNCT", 9, "punct"), ("R", "R", "PROPN", 6, "flat"),
        ("-", "-", "PUNCT", 9, "punct"), ("Mich.", "Mich.", "PROPN", 6, "flat", {"ner": "S-LOC"}),
        (",", ",", "PUNCT", 6, "punct")]
    [quote] = hand_parsed(text, _showed(subject), None).quotes
    assert quote.speaker is not None
    assert (quote.speaker.entity, quote.speaker.entity_kind) == ("Mark Siljander", "person")


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


def test_the_first_word_of_a_report_alone_is_the_report(hand_parsed: HandParsed) -> None:
    # As Stanza's recogniser reads the Hurun Report's name and, after it, its first word alone:
    # as persons.
    text = "The Hurun Report counted them, Hurun said."
    rows: list[Row] = [
        ("The", "the", "DET", 3, "det"),
        ("Hurun", "Hurun", "PROPN", 3, "compound", {"ner": "B-PERSON"}),
        ("Report", "Report", "PROPN", 4, "nsubj", {"ner": "E-PERSON"}),
        ("counted", "count", "VERB", 8, "ccomp"), ("them", "they", "PRON", 4, "obj"),
        (",", ",", "PUNCT", 4, "punct"),
        ("Hurun", "Hurun", "PROPN", 8, "nsubj", {"ner": "S-PERSON"}),
        ("said", "say", "VERB", 0, "root"), (".", ".", "PUNCT", 8, "punct")]
    [quote] = hand_parsed(text, rows, None).quotes
    assert quote.speaker is not None and quote.speaker.text == "Hurun"
    assert (quote.speaker.entity, quote.speaker.entity_kind) == ("Hurun Report", "media")
