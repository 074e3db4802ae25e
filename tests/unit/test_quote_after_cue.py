"""A quotation opened by a reporting verb and a comma or colon (`he said, adding: "…"`) is what
that verb reports, on parses written by hand as the parser reads such sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types


def _said(hand_parsed: HandParsed, text: str, rows: list[Row]) -> list[tuple[str, str, str]]:
    quotes = hand_parsed(text, rows, None).quotes
    assert quotes, text  # something to check
    return [(q.speaker.text if q.speaker else "", q.cue.text if q.cue else "", q.text)
            for q in quotes]


def test_a_verb_that_goes_on_after_the_cue_reports_the_quotation_after_it(
        hand_parsed: HandParsed) -> None:
    # The parser hangs "adding" and the second quotation's clause both on "said".
    text = '"We will win," he said, adding: "The polls are wrong."'
    rows: list[Row] = [
        ('"', '"', "PUNCT", 4, "punct"), ("We", "we", "PRON", 4, "nsubj"),
        ("will", "will", "AUX", 4, "aux"), ("win", "win", "VERB", 8, "ccomp"),
        (",", ",", "PUNCT", 4, "punct"), ('"', '"', "PUNCT", 4, "punct"),
        ("he", "he", "PRON", 8, "nsubj"), ("said", "say", "VERB", 0, "root"),
        (",", ",", "PUNCT", 10, "punct"), ("adding", "add", "VERB", 8, "ccomp"),
        (":", ":", "PUNCT", 16, "punct"), ('"', '"', "PUNCT", 16, "punct"),
        ("The", "the", "DET", 14, "det"), ("polls", "poll", "NOUN", 16, "nsubj"),
        ("are", "be", "AUX", 16, "cop"), ("wrong", "wrong", "ADJ", 8, "ccomp"),
        (".", ".", "PUNCT", 8, "punct"), ('"', '"', "PUNCT", 8, "punct")]
    assert _said(hand_parsed, text, rows) == [
        ("he", "said", '"We will win,"'), ("he", "adding", '"The polls are wrong."')]


def test_a_clause_the_parse_hung_the_quotation_on_is_not_what_was_said(
        hand_parsed: HandParsed) -> None:
    text = 'Asked about the debate, Clinton said, "I take responsibility."'
    rows: list[Row] = [
        ("Asked", "ask", "VERB", 0, "root"), ("about", "about", "ADP", 4, "case"),
        ("the", "the", "DET", 4, "det"), ("debate", "debate", "NOUN", 1, "obl"),
        (",", ",", "PUNCT", 7, "punct"), ("Clinton", "Clinton", "PROPN", 7, "nsubj"),
        ("said", "say", "VERB", 1, "parataxis"), (",", ",", "PUNCT", 7, "punct"),
        ('"', '"', "PUNCT", 11, "punct"), ("I", "I", "PRON", 11, "nsubj"),
        ("take", "take", "VERB", 1, "parataxis"),
        ("responsibility", "responsibility", "NOUN", 11, "obj"),
        (".", ".", "PUNCT", 1, "punct"), ('"', '"', "PUNCT", 1, "punct")]
    assert _said(hand_parsed, text, rows) == [
        ("Clinton", "said", '"I take responsibility."')]


def test_the_words_the_quoted_clause_starts_with_stay_in_it(hand_parsed: HandParsed) -> None:
    text = 'No name change, he said, "hides the truth."'
    rows: list[Row] = [
        ("No", "no", "DET", 3, "det"), ("name", "name", "NOUN", 3, "compound"),
        ("change", "change", "NOUN", 9, "nsubj"), (",", ",", "PUNCT", 6, "punct"),
        ("he", "he", "PRON", 6, "nsubj"), ("said", "say", "VERB", 9, "parataxis"),
        (",", ",", "PUNCT", 6, "punct"), ('"', '"', "PUNCT", 9, "punct"),
        ("hides", "hide", "VERB", 0, "root"), ("the", "the", "DET", 11, "det"),
        ("truth", "truth", "NOUN", 9, "obj"), (".", ".", "PUNCT", 9, "punct"),
        ('"', '"', "PUNCT", 9, "punct")]
    analysis = hand_parsed(text, rows, None)
    assert [[p.text for p in q.parts] for q in analysis.quotes] == [
        ["No name change", '"hides the truth."']]


def test_a_cue_that_quotes_twice_in_its_sentence_holds_both_quotations(
        hand_parsed: HandParsed) -> None:
    text = 'The crowd chanted "Send them home," and "Build the wall."'
    rows: list[Row] = [
        ("The", "the", "DET", 2, "det"), ("crowd", "crowd", "NOUN", 3, "nsubj"),
        ("chanted", "chant", "VERB", 0, "root"), ('"', '"', "PUNCT", 5, "punct"),
        ("Send", "send", "VERB", 3, "ccomp"), ("them", "they", "PRON", 5, "obj"),
        ("home", "home", "ADV", 5, "advmod"), (",", ",", "PUNCT", 5, "punct"),
        ('"', '"', "PUNCT", 5, "punct"), ("and", "and", "CCONJ", 12, "cc"),
        ('"', '"', "PUNCT", 12, "punct"), ("Build", "build", "VERB", 3, "parataxis"),
        ("the", "the", "DET", 14, "det"), ("wall", "wall", "NOUN", 12, "obj"),
        (".", ".", "PUNCT", 3, "punct"), ('"', '"', "PUNCT", 3, "punct")]
    analysis = hand_parsed(text, rows, None)
    assert [(q.speaker.text if q.speaker else "", [p.text for p in q.parts])
            for q in analysis.quotes] == [
        ("The crowd", ['"Send them home,"', '"Build the wall."'])]
