"""A quotation a colon opens, after a clause with no cue that names who speaks."""

from __future__ import annotations

import pytest

_QUOTE = "“Our new direction must rest on the new realities.”"


def _rows(subject: tuple[str, str, str]) -> list:
    word, upos, ner = subject
    return [("Here", "here", "ADV", 0, "root"), ("’s", "be", "AUX", 1, "cop"),
            (word, word, upos, 1, "nsubj", {"ner": ner}),
            ("in", "in", "ADP", 5, "case"), ("1992", "1992", "NUM", 1, "obl"),
            (":", ":", "PUNCT", 1, "punct"), ("“", "“", "PUNCT", 9, "punct"),
            ("Our", "we", "PRON", 9, "nmod:poss"), ("direction", "direction", "NOUN", 1,
                                                   "parataxis"),
            ("must", "must", "AUX", 11, "aux"), ("rest", "rest", "VERB", 9, "acl"),
            ("on", "on", "ADP", 15, "case"), ("the", "the", "DET", 15, "det"),
            ("new", "new", "ADJ", 15, "amod"), ("realities", "reality", "NOUN", 11, "obl"),
            (".", ".", "PUNCT", 11, "punct"), ("”", "”", "PUNCT", 11, "punct")]


def test_the_colon_is_the_cue_and_the_name_before_it_speaks(hand_parsed) -> None:
    text = f"Here’s Clinton in 1992: {_QUOTE}"
    [q] = hand_parsed(text, _rows(("Clinton", "PROPN", "S-PERSON")), None).quotes
    assert q.text == _QUOTE
    assert q.cue is not None and q.cue.text == ":"
    assert q.speaker is not None and q.speaker.text == "Clinton"


@pytest.mark.parametrize("subject", [("history", "NOUN", "O"), ("Monday", "PROPN", "S-DATE")])
def test_a_clause_naming_no_one_introduces_no_speaker(hand_parsed, subject) -> None:
    text = f"Here’s {subject[0]} in 1992: {_QUOTE}"
    assert not hand_parsed(text, _rows(subject), None).quotes
