"""The span tagger's BIOES tags read as character spans (no model needed)."""

from __future__ import annotations

from attribution.nlp.tagger import TaggedSpan, _spans

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
