"""Who speaks after a quotation whose cue the parse left without a subject: the name between
the quotation and the cue, on parses written by hand as the parser reads such sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types

_FINITE = {"feats": "Mood=Ind|Tense=Past|VerbForm=Fin"}


def test_a_title_among_the_speakers_words_is_not_the_quotation_he_said(
        hand_parsed: HandParsed) -> None:
    # From PolNeAR train (Breitbart, 2016-07-21), as Stanza parses it: "said" has no subject,
    # the delegate hangs inside the quotation's clause, and a quoted name ("Ted Cruz") stands
    # between him and the cue. The quotation was credited to "campaign pins".
    text = ("“We’ve had more successful conventions than this one,” Texas delegate Bill "
            "Eastland, wearing a cowboy hat and “Ted Cruz” campaign pins, said.")
    rows: list[Row] = [
        ("“", "“", "PUNCT", 4, "punct"), ("We", "we", "PRON", 4, "nsubj"),
        ("’ve", "have", "AUX", 4, "aux"), ("had", "have", "VERB", 30, "ccomp"),
        ("more", "more", "ADV", 6, "advmod"), ("successful", "successful", "ADJ", 7, "amod"),
        ("conventions", "convention", "NOUN", 4, "obj"), ("than", "than", "ADP", 10, "case"),
        ("this", "this", "DET", 10, "det"), ("one", "one", "NOUN", 4, "obl"),
        (",", ",", "PUNCT", 4, "punct"), ("”", "”", "PUNCT", 14, "punct"),
        ("Texas", "Texas", "PROPN", 14, "compound", {"ner": "S-LOC"}),
        ("delegate", "delegate", "NOUN", 7, "nmod"),
        ("Bill", "Bill", "PROPN", 14, "appos", {"ner": "B-PERSON"}),
        ("Eastland", "Eastland", "PROPN", 15, "flat", {"ner": "E-PERSON"}),
        (",", ",", "PUNCT", 18, "punct"), ("wearing", "wear", "VERB", 4, "conj"),
        ("a", "a", "DET", 21, "det"), ("cowboy", "cowboy", "NOUN", 21, "compound"),
        ("hat", "hat", "NOUN", 18, "obj"), ("and", "and", "CCONJ", 28, "cc"),
        ("“", "“", "PUNCT", 24, "punct"), ("Ted", "Ted", "PROPN", 28, "compound"),
        ("Cruz", "Cruz", "PROPN", 24, "flat"), ("”", "”", "PUNCT", 25, "punct"),
        ("campaign", "campaign", "NOUN", 28, "compound"), ("pins", "pin", "NOUN", 21, "conj"),
        (",", ",", "PUNCT", 30, "punct"), ("said", "say", "VERB", 0, "root", _FINITE),
        (".", ".", "PUNCT", 30, "punct")]
    analysis = hand_parsed(text, rows, None)
    said = [(q.speaker.text if q.speaker else "", q.text) for q in analysis.quotes
            if q.text.startswith("“We’ve had")]
    assert said, analysis.quotes
    assert all(speaker == "Bill Eastland" for speaker, _ in said), said
