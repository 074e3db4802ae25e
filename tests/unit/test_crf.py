"""Viterbi decoding of a whole batch (attribution.nlp.crf) gives, sentence by sentence, the tags
Stanza's own decoder gives, ties included."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from stanza.models.common.crf import viterbi_decode

from attribution.nlp import crf


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=12), st.integers(1, 9),
       st.integers(0, 2**32 - 1), st.booleans())
def test_the_same_tags_as_stanza_sentence_by_sentence(lengths: list[int], tags: int,
                                                      seed: int, coarse: bool) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(len(lengths), max(lengths), tags)).astype(np.float32)
    transitions = rng.normal(size=(tags, tags)).astype(np.float32)
    if coarse:  # many equal sums: ties must go to the same tag
        scores, transitions = np.round(scores), np.round(transitions)
    expected = [[int(t) for t in viterbi_decode(scores[b, :n], transitions)[0]]
                for b, n in enumerate(lengths)]
    assert crf.viterbi_batch(scores, lengths, transitions) == expected


def test_a_clear_path_is_found_whatever_the_padding() -> None:
    # tag 1 then tag 0, strongly; the padding after the second sentence favours tag 2
    scores = np.full((2, 4, 3), -5.0, dtype=np.float32)
    scores[0, [0, 1, 2, 3], [1, 0, 1, 0]] = 5.0
    scores[1, [0, 1], [1, 0]] = 5.0
    scores[1, 2:, 2] = 50.0
    transitions = np.zeros((3, 3), dtype=np.float32)
    assert crf.viterbi_batch(scores, [4, 2], transitions) == [[1, 0, 1, 0], [1, 0]]
    assert crf.viterbi_batch(scores[:0], [], transitions) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=4), st.integers(1, 4),
       st.integers(0, 2**32 - 1))
def test_marginals_are_each_tags_share_of_every_sequence(lengths: list[int], tags: int,
                                                         seed: int) -> None:
    # every tag sequence of each sentence, scored and normalised by brute force
    rng = np.random.default_rng(seed)
    scores = rng.normal(scale=2.0, size=(len(lengths), max(lengths), tags)).astype(np.float32)
    transitions = rng.normal(scale=2.0, size=(tags, tags)).astype(np.float32)
    got = crf.marginals_batch(scores, lengths, transitions)
    for b, n in enumerate(lengths):
        expected = np.zeros((n, tags))
        for seq in itertools.product(range(tags), repeat=n):
            weight = np.exp(sum(float(scores[b, t, k]) for t, k in enumerate(seq))
                            + sum(float(transitions[i, j]) for i, j in itertools.pairwise(seq)))
            for t, k in enumerate(seq):
                expected[t, k] += weight
        expected /= expected.sum(axis=1, keepdims=True)
        np.testing.assert_allclose(got[b], expected, rtol=1e-6, atol=1e-9)


def test_the_best_sequence_is_the_likeliest_where_it_is_clear() -> None:
    scores = np.full((1, 3, 3), -5.0, dtype=np.float32)
    scores[0, [0, 1, 2], [2, 0, 1]] = 5.0
    [p] = crf.marginals_batch(scores, [3], np.zeros((3, 3), dtype=np.float32))
    assert p.argmax(axis=1).tolist() == crf.viterbi_batch(scores, [3], np.zeros((3, 3)))[0]
    assert p.max(axis=1).min() > 0.99


def test_marginals_hold_where_scores_are_thousands_apart() -> None:
    # a scale of the forward sums underflows: the sentence is summed again in logs
    scores = np.zeros((1, 4, 3), dtype=np.float32)
    scores[0, :, 0] = [0.0, 3000.0, -3000.0, 10.0]
    transitions = np.array([[0.0, -2000.0, 1.0], [5.0, 0.0, -1.0], [0.0, 2.0, -4000.0]],
                           dtype=np.float32)
    [p] = crf.marginals_batch(scores, [4], transitions)
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p, crf._marginals_in_logs(scores[0].astype(np.float64),
                                                         transitions.astype(np.float64)),
                               atol=1e-9)
