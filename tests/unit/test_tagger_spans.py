"""The span tagger's BIOES tags read as character spans, and its beliefs as how likely a
whole span is (no model needed)."""

from __future__ import annotations

import pytest

from attribution.nlp.tagger import Beliefs, TaggedSpan, TokenBelief, _spans

TOKENS = [(0, 6, "Senator"), (7, 12, "Smith"), (13, 17, "said"), (18, 21, "the"),
          (22, 26, "bill"), (27, 32, "would"), (33, 37, "pass"), (37, 38, ".")]


def test_bioes_tags_become_one_span_per_run() -> None:
    tags = ["B-SOURCE", "E-SOURCE", "S-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT",
            "E-CONTENT", "O"]
    assert _spans(TOKENS, tags, 3) == [
        TaggedSpan("SOURCE", 0, 12, 3), TaggedSpan("CUE", 13, 17, 3),
        TaggedSpan("CONTENT", 18, 37, 3),
    ]


def test_a_run_cut_short_or_begun_without_its_b_still_counts() -> None:
    # The CRF can end a sentence inside a span, or open one with I-.
    tags = ["O", "I-SOURCE", "S-CUE", "B-CONTENT", "I-CONTENT", "O", "I-CONTENT", "I-CONTENT"]
    assert _spans(TOKENS, tags, 0) == [
        TaggedSpan("SOURCE", 7, 12, 0), TaggedSpan("CUE", 13, 17, 0),
        TaggedSpan("CONTENT", 18, 26, 0), TaggedSpan("CONTENT", 33, 38, 0),
    ]


def test_a_change_of_type_starts_a_new_span() -> None:
    tags = ["B-SOURCE", "I-CUE", "O", "O", "O", "O", "O", "O"]
    assert _spans(TOKENS, tags, 0) == [TaggedSpan("SOURCE", 0, 6, 0), TaggedSpan("CUE", 7, 12, 0)]


def _row(k: int, begins: float = 0.0, alone: float = 0.0, goes_on: float = 0.0,
         closes: float = 0.0) -> TokenBelief:
    start, end, _ = TOKENS[k]
    return TokenBelief(start, end, 0, begins, 0.0, 0.5, 0.0, k, alone, (goes_on, goes_on / 2),
                       (closes, closes / 2))


def test_a_span_is_as_likely_as_its_beginning_and_each_step_on_to_its_end() -> None:
    # "the" begins a span (B-) 0.6 of the time and is one alone (S-) 0.1; "bill" goes on
    # after a B- 0.9 of the time, and "would" after an I- 0.4 (half its 0.8 after a B-)
    rows = [_row(3, begins=0.7, alone=0.1), _row(4, goes_on=0.9, closes=0.1),
            _row(5, goes_on=0.8, closes=0.2), _row(6, closes=0.6)]
    beliefs = Beliefs.of(reversed(rows))  # in any order
    assert beliefs.chunk(18, 21) == pytest.approx(0.1)  # "the" alone
    assert beliefs.chunk(18, 26) == pytest.approx(0.6 * 0.1)  # "the bill": E- after B-
    assert beliefs.chunk(18, 32) == pytest.approx(0.6 * 0.9 * 0.1)  # E- after I-: 0.2 / 2
    assert beliefs.chunk(18, 37) == pytest.approx(0.6 * 0.9 * 0.4 * 0.3)
    assert beliefs.chunk(22, 18) == 0.0 and beliefs.chunk(18, 38) == 0.0  # no such span


def test_a_span_over_a_token_the_tagger_left_out_is_below_the_floor() -> None:
    # "bill" held no belief worth listing: no span runs through it
    beliefs = Beliefs.of([_row(3, begins=0.7), _row(5, goes_on=0.8), _row(6, closes=0.6)])
    assert beliefs.chunk(18, 37) == 0.0
    assert beliefs.chunk(27, 37) == 0.0  # nothing begins at "would"
