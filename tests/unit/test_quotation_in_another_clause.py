"""A quotation the parse hangs in a clause with a subject of its own is not what a reporting verb
elsewhere in the sentence reports, on parses written by hand as the parser reads such
sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types


def _said(hand_parsed: HandParsed, text: str, rows: list[Row]
          ) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Each attribution as (speaker, cue, content), and the quotations nothing attributes."""
    analysis = hand_parsed(text, rows, None)
    return ([(q.speaker.text if q.speaker else "", q.cue.text if q.cue else "", q.text)
             for q in analysis.quotes], [u.text for u in analysis.unattributed])


def test_a_chant_in_the_crowds_clause_is_not_what_the_speaker_before_mentioned(
        hand_parsed: HandParsed) -> None:
    # From PolNeAR train (Breitbart, 2016-07-21), as Stanza parses it: the quotation hangs on
    # "reprised", whose subject is the crowd; "mentioned" is a cue of another clause.
    text = ('Boos rained down when Trump mentioned her, and the crowd reprised the chant '
            '"Lock her up! Lock her up!"')
    rows: list[Row] = [
        ("Boos", "boo", "NOUN", 2, "nsubj"), ("rained", "rain", "VERB", 0, "root"),
        ("down", "down", "ADP", 2, "compound:prt"), ("when", "when", "ADV", 6, "advmod"),
        ("Trump", "Trump", "PROPN", 6, "nsubj"), ("mentioned", "mention", "VERB", 2, "advcl"),
        ("her", "she", "PRON", 6, "obj"), (",", ",", "PUNCT", 12, "punct"),
        ("and", "and", "CCONJ", 12, "cc"), ("the", "the", "DET", 11, "det"),
        ("crowd", "crowd", "NOUN", 12, "nsubj"), ("reprised", "reprise", "VERB", 2, "conj"),
        ("the", "the", "DET", 14, "det"), ("chant", "chant", "NOUN", 12, "obj"),
        ('"', '"', "PUNCT", 16, "punct"), ("Lock", "lock", "VERB", 12, "xcomp"),
        ("her", "she", "PRON", 16, "obj"), ("up", "up", "ADP", 16, "compound:prt"),
        ("!", "!", "PUNCT", 16, "punct"), ("Lock", "lock", "VERB", 16, "conj"),
        ("her", "she", "PRON", 20, "obj"), ("up", "up", "ADP", 20, "compound:prt"),
        ("!", "!", "PUNCT", 20, "punct"), ('"', '"', "PUNCT", 16, "punct")]
    said, unattributed = _said(hand_parsed, text, rows)
    assert not any(cue == "mentioned" and "Lock her up" in content
                   for _, cue, content in said), said
    # still shown to a journalist: reported apart, as nothing here says who chanted it
    assert unattributed == ['"Lock her up! Lock her up!"']


def test_a_quotation_under_its_own_cue_stays_its_speakers(hand_parsed: HandParsed) -> None:
    # The same shape where the quotation's clause is the cue's own: "began to say" holds it
    # under "say", whose subject is the one of "began".
    text = 'When the crowd booed, Trump began to say "Let us defeat her."'
    rows: list[Row] = [
        ("When", "when", "ADV", 4, "advmod"), ("the", "the", "DET", 3, "det"),
        ("crowd", "crowd", "NOUN", 4, "nsubj"), ("booed", "boo", "VERB", 7, "advcl"),
        (",", ",", "PUNCT", 7, "punct"), ("Trump", "Trump", "PROPN", 7, "nsubj"),
        ("began", "begin", "VERB", 0, "root"), ("to", "to", "PART", 9, "mark"),
        ("say", "say", "VERB", 7, "xcomp"), ('"', '"', "PUNCT", 12, "punct"),
        ("Let", "let", "VERB", 9, "ccomp"), ("us", "we", "PRON", 12, "obj"),
        ("defeat", "defeat", "VERB", 11, "xcomp"), ("her", "she", "PRON", 13, "obj"),
        (".", ".", "PUNCT", 11, "punct"), ('"', '"', "PUNCT", 11, "punct")]
    said, _ = _said(hand_parsed, text, rows)
    assert ("Trump", "say", '"Let us defeat her."') in said, said
