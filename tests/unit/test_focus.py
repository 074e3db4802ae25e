"""Which sentences get the full parse (attribution.nlp.focus): every one that can hold an
attribution, and none wholly inside a quotation."""

from __future__ import annotations

import re
from typing import Any

import stanza

from attribution.nlp.focus import is_cue_word, sentences_to_parse


def _tokenized(text: str) -> list[Any]:
    """The text as Stanza's tokenizer gives it: sentences of tokens with offsets (split here at
    full stops outside quotation marks, which is all these texts need)."""
    sentences: list[list[dict[str, Any]]] = [[]]
    for m in re.finditer(r"[\w’']+|[^\w\s]", text):
        sentences[-1].append({"id": len(sentences[-1]) + 1, "text": m.group(),
                              "start_char": m.start(), "end_char": m.end()})
        ends = m.group() in ".?" or (m.group() == "”" and text[m.start() - 1] == ".")
        if ends and text[m.end():m.end() + 1] in ("", " "):
            sentences.append([])
    return list(stanza.Document([s for s in sentences if s], text=text).sentences)


def _text(text: str, sentence: Any) -> str:
    return text[sentence.tokens[0].start_char:sentence.tokens[-1].end_char]


def test_cue_words_in_any_inflection() -> None:
    assert all(is_cue_word(w) for w in ("said", "says", "According", "vows", "denied", "tweeting"))
    assert not any(is_cue_word(w) for w in ("the", "Ohio", "tomorrow", "campaign"))


def test_only_sentences_that_can_hold_an_attribution() -> None:
    text = ("Donald Trump visited Ohio on Monday. The rally was in Toledo. "
            "Trump said the polls were rigged. According to aides, he slept well. "
            "His message: more jobs. Polls close at eight.")
    sentences = _tokenized(text)
    wanted = dict(zip((_text(text, s) for s in sentences),
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
    assert [_text(text, s) for s in sentences] == [
        "The mayor arrived at noon.", "“We said it.", "We meant it.”",
        "“We will do it,” the mayor said."]
    # The first quotation's two sentences are quoted words, even the one that says "said";
    # the second quotation's sentence holds its cue too.
    assert sentences_to_parse(text, sentences) == [False, False, False, True]


def test_the_words_of_a_multi_word_token_count() -> None:
    # "States'" is one token of two words, "States" and "'"; "States" is a form of "state",
    # which the lexicon knows as a cue, and no token of the sentence is one.
    text = "For Mr. Obama, it was the United States' moment."
    tokens: list[dict[str, Any]] = []
    at, ident = 0, 1
    for form in ("For", "Mr.", "Obama", ",", "it", "was", "the", "United", "States'",
                 "moment", "."):
        at = text.index(form, at)
        span = {"start_char": at, "end_char": at + len(form)}
        if form == "States'":
            tokens += [{"id": (ident, ident + 1), "text": form, **span},
                       {"id": ident, "text": "States"}, {"id": ident + 1, "text": "'"}]
            ident += 2
        else:
            tokens.append({"id": ident, "text": form, **span})
            ident += 1
        at += len(form)
    sentence = stanza.Document([tokens], text=text).sentences[0]
    assert [w.text for t in sentence.tokens if len(t.words) > 1 for w in t.words] == [
        "States", "'"]
    assert not any(is_cue_word(t.text) for t in sentence.tokens)
    assert sentences_to_parse(text, [sentence]) == [True]
