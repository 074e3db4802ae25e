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


def test_a_possessive_the_recogniser_ran_into_a_name_is_no_part_of_it(
        hand_parsed: HandParsed) -> None:
    # The entity recogniser's mention began at the clitic: "’s Noah Rothman".
    text = "Commentary’s Noah Rothman wrote that the plan had failed."
    rows: list[Row] = [
        ("Commentary", "Commentary", "PROPN", 4, "nmod:poss", {"ner": "S-ORG"}),
        ("’s", "’s", "PART", 1, "case", {"ner": "B-PERSON"}),
        ("Noah", "Noah", "PROPN", 5, "nsubj", {"ner": "I-PERSON"}),
        ("Rothman", "Rothman", "PROPN", 3, "flat", {"ner": "E-PERSON"}),
        ("wrote", "write", "VERB", 0, "root", {"feats": "Mood=Ind|Tense=Past|VerbForm=Fin"}),
        ("that", "that", "SCONJ", 10, "mark"), ("the", "the", "DET", 8, "det"),
        ("plan", "plan", "NOUN", 10, "nsubj"), ("had", "have", "AUX", 10, "aux"),
        ("failed", "fail", "VERB", 5, "ccomp"), (".", ".", "PUNCT", 5, "punct")]
    analysis = hand_parsed(text, rows, None)
    assert [q.speaker.entity for q in analysis.quotes if q.speaker] == ["Noah Rothman"]
    assert "Noah Rothman" in [e.name for e in analysis.entities]


def test_a_person_named_before_a_description_is_that_person(hand_parsed: HandParsed) -> None:
    # As Stanza read it: "adviser" is the subject of "engaged", so the speaker's phrase has two
    # heads, and the description's ("adviser", after a comma the phrase's words leave out) was
    # taken for the whole: the speaker became someone new, named by the whole phrase, and
    # "media" made them an outlet.
    text = ("Tad Devine, Sanders' senior media adviser, said Republicans are engaged in "
            "mischief.")
    rows: list[Row] = [
        ("Tad", "Tad", "PROPN", 10, "nsubj", {"ner": "B-PERSON"}),
        ("Devine", "Devine", "PROPN", 1, "flat", {"ner": "E-PERSON"}),
        (",", ",", "PUNCT", 4, "punct"),
        ("Sanders", "Sanders", "PROPN", 8, "compound", {"ner": "B-PERSON"}),
        ("'", "'", "PUNCT", 4, "punct", {"ner": "E-PERSON"}),
        ("senior", "senior", "ADJ", 8, "amod"), ("media", "media", "NOUN", 8, "compound"),
        ("adviser", "adviser", "NOUN", 13, "nsubj"), (",", ",", "PUNCT", 2, "punct"),
        ("said", "say", "VERB", 0, "root", {"feats": "Mood=Ind|Tense=Past|VerbForm=Fin"}),
        ("Republicans", "Republicans", "NOUN", 13, "nsubj", {"ner": "S-MISC"}),
        ("are", "be", "AUX", 13, "cop"), ("engaged", "engaged", "ADJ", 10, "ccomp"),
        ("in", "in", "ADP", 15, "case"), ("mischief", "mischief", "NOUN", 13, "obl"),
        (".", ".", "PUNCT", 10, "punct")]
    (quote,) = hand_parsed(text, rows, None).quotes
    assert quote.speaker is not None
    assert quote.speaker.text == "Tad Devine, Sanders' senior media adviser"
    assert (quote.speaker.entity, quote.speaker.entity_kind) == ("Tad Devine", "person")
