"""A cue set off by commas inside the sentence it reports ("At one point, she said, she was
…") reports the words before it too, on parses written by hand as the parser reads them:
with the fronted words hung on the cue, not on the reported clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types


def _parts(hand_parsed: HandParsed, text: str, rows: list[Row]) -> list[tuple[str, list[str]]]:
    quotes = hand_parsed(text, rows, None).quotes
    assert quotes, text  # something to check
    return [(q.cue.text if q.cue else "", [p.text for p in q.parts] or [q.text]) for q in quotes]


def test_the_words_before_an_aside_are_part_of_what_it_reports(
        hand_parsed: HandParsed) -> None:
    text = "At one point, she said, she was considering a run."
    rows: list[Row] = [
        ("At", "at", "ADP", 3, "case"), ("one", "one", "NUM", 3, "nummod"),
        ("point", "point", "NOUN", 6, "obl"), (",", ",", "PUNCT", 6, "punct"),
        ("she", "she", "PRON", 6, "nsubj"), ("said", "say", "VERB", 0, "root"),
        (",", ",", "PUNCT", 10, "punct"), ("she", "she", "PRON", 10, "nsubj"),
        ("was", "be", "AUX", 10, "aux"), ("considering", "consider", "VERB", 6, "ccomp"),
        ("a", "a", "DET", 12, "det"), ("run", "run", "NOUN", 10, "obj"),
        (".", ".", "PUNCT", 6, "punct")]
    assert _parts(hand_parsed, text, rows) == [
        ("said", ["At one point", "she was considering a run"])]


def test_a_sentence_quoted_after_the_aside_is_reported_without_the_words_before_it(
        hand_parsed: HandParsed) -> None:
    # A quotation that opens a sentence of its own: PolNeAR leaves out the reporter's
    # scene-setting before it ("When he first described the wall, he said, “We're …”").
    text = 'In December, he said, "We will build a wall."'
    rows: list[Row] = [
        ("In", "in", "ADP", 2, "case"), ("December", "December", "PROPN", 5, "obl"),
        (",", ",", "PUNCT", 5, "punct"), ("he", "he", "PRON", 5, "nsubj"),
        ("said", "say", "VERB", 0, "root"), (",", ",", "PUNCT", 10, "punct"),
        ('"', '"', "PUNCT", 10, "punct"), ("We", "we", "PRON", 10, "nsubj"),
        ("will", "will", "AUX", 10, "aux"), ("build", "build", "VERB", 5, "ccomp"),
        ("a", "a", "DET", 12, "det"), ("wall", "wall", "NOUN", 10, "obj"),
        (".", ".", "PUNCT", 5, "punct"), ('"', '"', "PUNCT", 5, "punct")]
    assert _parts(hand_parsed, text, rows) == [("said", ['"We will build a wall."'])]


def test_a_quotation_that_goes_on_with_the_words_before_the_aside_takes_them(
        hand_parsed: HandParsed) -> None:
    text = 'In cases of abortion, he said, "the woman is a victim."'
    rows: list[Row] = [
        ("In", "in", "ADP", 2, "case"), ("cases", "case", "NOUN", 7, "obl"),
        ("of", "of", "ADP", 4, "case"), ("abortion", "abortion", "NOUN", 2, "nmod"),
        (",", ",", "PUNCT", 7, "punct"), ("he", "he", "PRON", 7, "nsubj"),
        ("said", "say", "VERB", 0, "root"), (",", ",", "PUNCT", 14, "punct"),
        ('"', '"', "PUNCT", 14, "punct"), ("the", "the", "DET", 11, "det"),
        ("woman", "woman", "NOUN", 14, "nsubj"), ("is", "be", "AUX", 14, "cop"),
        ("a", "a", "DET", 14, "det"), ("victim", "victim", "NOUN", 7, "ccomp"),
        (".", ".", "PUNCT", 7, "punct"), ('"', '"', "PUNCT", 7, "punct")]
    assert _parts(hand_parsed, text, rows) == [
        ("said", ["In cases of abortion", '"the woman is a victim."'])]
