"""What describes a speaker is the speaker's, not what was said, even where the parse hangs the
speaker's name inside the quoted clause (parse written by hand as Stanza's parser read it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import HandParsed, Row  # the hand_parsed fixture's types


def test_the_description_after_a_speaker_s_name_is_not_quoted(hand_parsed: HandParsed) -> None:
    text = '"They\'d be wrong," Michael Briggs, a spokesman for Sanders, said.'
    rows: list[Row] = [
        ('"', '"', "PUNCT", 16, "punct"), ("They", "they", "PRON", 5, "nsubj"),
        ("'d", "would", "AUX", 5, "aux"), ("be", "be", "AUX", 5, "cop"),
        ("wrong", "wrong", "ADJ", 16, "ccomp"), (",", ",", "PUNCT", 8, "punct"),
        ('"', '"', "PUNCT", 8, "punct"),
        # the parser's mistake: the name is the subject of "wrong", not of "said"
        ("Michael", "Michael", "PROPN", 5, "nsubj", {"ner": "B-PERSON"}),
        ("Briggs", "Briggs", "PROPN", 8, "flat", {"ner": "E-PERSON"}),
        (",", ",", "PUNCT", 12, "punct"), ("a", "a", "DET", 12, "det"),
        ("spokesman", "spokesman", "NOUN", 8, "appos"), ("for", "for", "ADP", 14, "case"),
        ("Sanders", "Sanders", "PROPN", 12, "nmod", {"ner": "S-PERSON"}),
        (",", ",", "PUNCT", 8, "punct"),
        ("said", "say", "VERB", 0, "root", {"feats": "Mood=Ind|Tense=Past|VerbForm=Fin"}),
        (".", ".", "PUNCT", 16, "punct")]
    quotes = hand_parsed(text, rows, None).quotes
    assert [q.cue.text for q in quotes if q.cue] == ["said"]
    (quote,) = quotes
    assert quote.text.strip() == '"They\'d be wrong,"'
    assert quote.kind == "direct"
    assert quote.speaker is not None
    assert quote.speaker.text == "Michael Briggs, a spokesman for Sanders"
    assert quote.speaker.entity == "Michael Briggs"
