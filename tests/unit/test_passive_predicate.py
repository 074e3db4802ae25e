"""A passive cue reports its subject and what it was called ("The launch has been acknowledged
by officials *as a setback*"), and an object cue its object and what it was called, not a
clause a comma sets off after that ("…, leading them to try again"), wherever the parser hangs
the clause: on the cue, or on the predicate's noun (as the 8-bit parser does in one batch and
not in another). Parses written by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types

TEXT = "The launch has been acknowledged by officials as a setback, leading them to try again."


def _rows(leading_on: int, leading_rel: str) -> list[Row]:
    return [
        ("The", "the", "DET", 2, "det"), ("launch", "launch", "NOUN", 5, "nsubj:pass"),
        ("has", "have", "AUX", 5, "aux"), ("been", "be", "AUX", 5, "aux:pass"),
        ("acknowledged", "acknowledge", "VERB", 0, "root", {"feats": "Voice=Pass"}),
        ("by", "by", "ADP", 7, "case"), ("officials", "official", "NOUN", 5, "obl:agent"),
        ("as", "as", "ADP", 10, "case"), ("a", "a", "DET", 10, "det"),
        ("setback", "setback", "NOUN", 5, "obl"), (",", ",", "PUNCT", 12, "punct"),
        ("leading", "lead", "VERB", leading_on, leading_rel), ("them", "they", "PRON", 12, "obj"),
        ("to", "to", "PART", 15, "mark"), ("try", "try", "VERB", 12, "xcomp"),
        ("again", "again", "ADV", 15, "advmod"), (".", ".", "PUNCT", 5, "punct")]


@pytest.mark.parametrize(("leading_on", "leading_rel"), [
    (10, "acl"),  # hung on "setback": the predicate's subtree holds it
    (5, "advcl"),  # hung on the cue
])
def test_what_followed_is_not_part_of_what_was_acknowledged(
        hand_parsed: HandParsed, leading_on: int, leading_rel: str) -> None:
    quotes = hand_parsed(TEXT, _rows(leading_on, leading_rel), None).quotes
    [q] = [q for q in quotes if q.cue is not None and "acknowledged" in q.cue.text]
    assert [p.text for p in q.parts] == ["The launch", "as a setback"]
    assert q.speaker is not None and q.speaker.text == "officials"


def test_what_followed_is_not_part_of_what_they_were_described_as(
        hand_parsed: HandParsed) -> None:
    text = "Officials described the launch as a setback, leading them to try again."
    rows: list[Row] = [
        ("Officials", "official", "NOUN", 2, "nsubj"),
        ("described", "describe", "VERB", 0, "root"),
        ("the", "the", "DET", 4, "det"), ("launch", "launch", "NOUN", 2, "obj"),
        ("as", "as", "ADP", 7, "case"), ("a", "a", "DET", 7, "det"),
        ("setback", "setback", "NOUN", 2, "obl"), (",", ",", "PUNCT", 9, "punct"),
        ("leading", "lead", "VERB", 7, "acl"), ("them", "they", "PRON", 9, "obj"),
        ("to", "to", "PART", 12, "mark"), ("try", "try", "VERB", 9, "xcomp"),
        ("again", "again", "ADV", 12, "advmod"), (".", ".", "PUNCT", 2, "punct")]
    [q] = [q for q in hand_parsed(text, rows, None).quotes
           if q.cue is not None and q.cue.text == "described"]
    assert q.text == "the launch as a setback"
    assert q.speaker is not None and q.speaker.text == "Officials"
