"""What the span tagger adds where no rule reads a cue, on a parse written by hand and spans
given as the tagger marks them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attribution.nlp.tagger import TaggedSpan

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types

TEXT = "The governor vetoed the bill."
ROWS: list[Row] = [
    ("The", "the", "DET", 2, "det"), ("governor", "governor", "NOUN", 3, "nsubj"),
    ("vetoed", "veto", "VERB", 0, "root"), ("the", "the", "DET", 5, "det"),
    ("bill", "bill", "NOUN", 3, "obj"), (".", ".", "PUNCT", 3, "punct")]


def test_a_short_object_of_a_cue_no_rule_reads_is_reported(hand_parsed: HandParsed) -> None:
    # PolNeAR reports what "vetoed", "supporting", "would ever admit" take, however short.
    tagged = [TaggedSpan("SOURCE", 0, 12, 0), TaggedSpan("CUE", 13, 19, 0),
              TaggedSpan("CONTENT", 20, 28, 0)]
    quotes = hand_parsed(TEXT, ROWS, None, tagged).quotes
    assert [(q.speaker.text if q.speaker else "", q.cue.text if q.cue else "", q.text)
            for q in quotes] == [("The governor", "vetoed", "the bill")]


def test_a_content_with_no_cue_beside_it_is_not_an_attribution(
        hand_parsed: HandParsed) -> None:
    tagged = [TaggedSpan("SOURCE", 0, 12, 0), TaggedSpan("CONTENT", 20, 28, 0)]
    assert hand_parsed(TEXT, ROWS, None, tagged).quotes == []


def test_a_tagged_content_ends_at_the_line_of_its_cue(hand_parsed: HandParsed) -> None:
    # A headline and the deck under it are one sentence to the parser, and the tagger's
    # content runs on into the deck; PolNeAR's contents never cross a line.
    text = "Governor vetoed the bill;\nLawmakers vow a fight"
    rows: list[Row] = [
        ("Governor", "governor", "NOUN", 2, "nsubj"), ("vetoed", "veto", "VERB", 0, "root"),
        ("the", "the", "DET", 4, "det"), ("bill", "bill", "NOUN", 2, "obj"),
        (";", ";", "PUNCT", 7, "punct"), ("Lawmakers", "lawmaker", "NOUN", 7, "nsubj"),
        ("vow", "vow", "VERB", 2, "parataxis"), ("a", "a", "DET", 9, "det"),
        ("fight", "fight", "NOUN", 7, "obj")]
    tagged = [TaggedSpan("SOURCE", 0, 8, 0), TaggedSpan("CUE", 9, 15, 0),
              TaggedSpan("CONTENT", 16, len(text), 0)]
    quotes = hand_parsed(text, rows, None, tagged).quotes
    assert [q.cue.text for q in quotes if q.cue] == ["vetoed"]
    assert quotes[0].text.rstrip(";") == "the bill"


def test_a_tagged_cue_of_markup_is_no_cue(hand_parsed: HandParsed) -> None:
    # An embedded tweet's markup left in the text: the tagger took its "<" for a cue (four
    # attributions of nothing in train's HuffPost). Only a colon or a dash cues with no word.
    text = '<tweet author="JebBush">We pray for them'
    rows: list[Row] = [
        ("<", "<", "PUNCT", 2, "punct"), ("tweet", "tweet", "NOUN", 10, "nsubj"),
        ("author", "author", "NOUN", 2, "compound"), ("=", "=", "SYM", 6, "punct"),
        ('"', '"', "PUNCT", 6, "punct"), ("JebBush", "JebBush", "PROPN", 2, "appos"),
        ('"', '"', "PUNCT", 6, "punct"), (">", ">", "PUNCT", 6, "punct"),
        ("We", "we", "PRON", 10, "nsubj"), ("pray", "pray", "VERB", 0, "root"),
        ("for", "for", "ADP", 12, "case"), ("them", "they", "PRON", 10, "obl")]
    tagged = [TaggedSpan("CUE", 0, 1, 0), TaggedSpan("CONTENT", 1, len(text), 0)]
    assert hand_parsed(text, rows, None, tagged).quotes == []
