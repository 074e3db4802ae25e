"""Sentences too long for the parser are cut at token boundaries, with ids Stanza accepts; runs
of characters too long for the models' words are read in pieces."""

from __future__ import annotations

import stanza
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution.nlp import models


def _sentence(words: int, mwt_at: int | None = None) -> list[dict[str, object]]:
    tokens: list[dict[str, object]] = []
    i = 1
    while i <= words:
        if i == mwt_at:
            tokens.append({"id": (i, i + 1), "text": "don't", "start_char": i, "end_char": i + 1})
            tokens.append({"id": i, "text": "do"})
            tokens.append({"id": i + 1, "text": "n't"})
            i += 2
            continue
        tokens.append({"id": i, "text": "w", "start_char": i, "end_char": i + 1})
        i += 1
    return tokens


def _word_ids(sentence: list[dict[str, object]]) -> list[object]:
    return [t["id"] for t in sentence if isinstance(t["id"], int)]


def test_a_sentence_within_the_limit_is_left_alone() -> None:
    sentence = _sentence(models.MAX_SENTENCE_WORDS)
    assert models._cut_long_sentences([sentence]) == ([sentence], 0)


def test_a_long_sentence_is_cut_into_pieces_numbered_from_one() -> None:
    limit = models.MAX_SENTENCE_WORDS
    pieces, cut = models._cut_long_sentences([_sentence(2 * limit + 5)])
    assert cut == 1
    assert [len(_word_ids(p)) for p in pieces] == [limit, limit, 5]
    for piece in pieces:
        assert _word_ids(piece) == list(range(1, len(_word_ids(piece)) + 1))
    assert sum(len(p) for p in pieces) == 2 * limit + 5  # no token lost


def test_a_cut_never_falls_inside_a_multi_word_token() -> None:
    limit = models.MAX_SENTENCE_WORDS
    pieces, _ = models._cut_long_sentences([_sentence(limit + 10, mwt_at=limit)])
    first, second = pieces
    # "do" is the limit-th word and "n't" the next: the token "don't" stays whole in one piece.
    assert [t["text"] for t in first[-3:]] == ["don't", "do", "n't"]
    assert first[-3]["id"] == (limit, limit + 1)
    assert second[0]["text"] == "w" and _word_ids(second)[0] == 1


def test_steps_hold_whole_sentences() -> None:
    parsed = stanza.Document([_sentence(30) for _ in range(10)]).sentences
    steps = models._steps([(s, i % 2 == 0) for i, s in enumerate(parsed)], 100)
    assert [len(step) for step in steps] == [4, 4, 2]
    assert [flag for step in steps for _, flag in step] == [i % 2 == 0 for i in range(10)]
    assert [s for step in steps for s, _ in step] == parsed  # in order, none lost


def test_steps_count_a_multi_word_token_with_its_words() -> None:
    # A 29-word sentence with "don't" holds 30 CoNLL-U lines, as a 30-word one does.
    plain = stanza.Document([_sentence(30) for _ in range(4)]).sentences
    contracted = stanza.Document([_sentence(29, mwt_at=5) for _ in range(4)]).sentences
    assert [len(step) for step in models._steps([(s, True) for s in plain], 90)] == \
        [len(step) for step in models._steps([(s, True) for s in contracted], 90)] == [3, 1]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 1_000), st.sampled_from(["x", "\"", "é", "ab1"]))
def test_a_long_run_is_read_in_pieces_and_every_offset_kept(length: int, unit: str) -> None:
    run = (unit * length)[:length]
    text = f"He said {run} today."
    seen = models.tokenizer_text(text)
    assert len(seen) == len(text)  # Stanza's offsets index the original
    assert max(len(w) for w in seen.split()) <= models.MAX_WORD_CHARS
    # only spaces are put in, and only inside the run, one for each MAX_WORD_CHARS characters
    changed = [i for i, (a, b) in enumerate(zip(text, seen, strict=True)) if a != b]
    assert all(seen[i] == " " and 8 <= i < 8 + length for i in changed)
    assert len(changed) == length // (models.MAX_WORD_CHARS + 1)


def test_words_of_news_are_read_whole() -> None:
    url = "https://www.washingtonpost.com/politics/" + "a-long-slug-" * 4 + "2016/08/10"
    assert len(url) > 80
    text = f"Read it at {url} and see."
    assert models.tokenizer_text(text) == text
