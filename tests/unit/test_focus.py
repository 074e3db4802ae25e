"""Which sentences get the full parse (attribution.nlp.focus): every one that can hold an
attribution, and none wholly inside a quotation."""

from __future__ import annotations

import re
from typing import Any

from attribution.nlp.focus import is_cue_word, sentences_to_parse


def _tokenized(text: str) -> list[list[dict[str, Any]]]:
    """The text as Stanza's tokenizer gives it: sentences of token dicts with offsets (split
    here at full stops outside quotation marks, which is all these texts need)."""
    sentences: list[list[dict[str, Any]]] = [[]]
    for m in re.finditer(r"[\w’']+|[^\w\s]", text):
        sentences[-1].append({"text": m.group(), "start_char": m.start(), "end_char": m.end()})
        ends = m.group() in ".?" or (m.group() == "”" and text[m.start() - 1] == ".")
        if ends and text[m.end():m.end() + 1] in ("", " "):
            sentences.append([])
    return [s for s in sentences if s]


def test_cue_words_in_any_inflection() -> None:
    assert all(is_cue_word(w) for w in ("said", "says", "According", "vows", "denied", "tweeting"))
    assert not any(is_cue_word(w) for w in ("the", "Ohio", "tomorrow", "campaign"))


def test_only_sentences_that_can_hold_an_attribution() -> None:
    text = ("Donald Trump visited Ohio on Monday. The rally was in Toledo. "
            "Trump said the polls were rigged. According to aides, he slept well. "
            "His message: more jobs. Polls close at eight.")
    sentences = _tokenized(text)
    wanted = dict(zip((text[s[0]["start_char"]:s[-1]["end_char"]] for s in sentences),
                      sentences_to_parse(text, sentences), strict=True))
    assert wanted == {
        "Donald Trump visited Ohio on Monday.": False,
        "The rally was in Toledo.": False,
        "Trump said the polls were rigged.": True,  # a cue
        "According to aides, he slept well.": True,
        "His message: more jobs.": True,  # a colon
        "Polls close at eight.": False,
    }


def test_sentences_inside_a_quotation_are_left_alone() -> None:
    text = ("The mayor arrived at noon. “We said it. We meant it.” "
            "“We will do it,” the mayor said.")
    sentences = _tokenized(text)
    assert [text[s[0]["start_char"]:s[-1]["end_char"]] for s in sentences] == [
        "The mayor arrived at noon.", "“We said it.", "We meant it.”",
        "“We will do it,” the mayor said."]
    # The first quotation's two sentences are quoted words, even the one that says "said";
    # the second quotation's sentence holds its cue too.
    assert sentences_to_parse(text, sentences) == [False, False, False, True]
