"""The parser's tree decoding with our cycle search (attribution.nlp.cycles) gives the trees
Stanza's own gives: the same heads for every word, ties included."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from types import ModuleType

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from stanza.models.common import chuliu_edmonds

from attribution.nlp import cycles


def _stanza_as_shipped() -> ModuleType:
    """A pristine copy of Stanza's decoder module, whatever a pipeline built earlier in the
    session installed in the imported one."""
    spec = importlib.util.find_spec("stanza.models.common.chuliu_edmonds")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STANZA = _stanza_as_shipped()


@st.composite
def head_graphs(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(1, 40))
    heads = draw(st.lists(st.integers(0, n - 1), min_size=n, max_size=n))
    heads[0] = 0
    return np.array(heads)


@settings(max_examples=300, deadline=None)
@given(head_graphs())
def test_the_same_cycles_in_the_same_order(tree: np.ndarray) -> None:
    expected = STANZA.tarjan(tree)
    found = cycles.tarjan(tree)
    assert [c.tolist() for c in found] == [c.tolist() for c in expected]


def test_a_cycle_is_found_and_a_tree_has_none() -> None:
    assert cycles.tarjan(np.array([0, 4, 4, 4, 0])) == []
    (cycle,) = cycles.tarjan(np.array([0, 3, 1, 2]))
    assert cycle.tolist() == [False, True, True, True]


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 45), st.integers(0, 2**32 - 1), st.booleans())
def test_the_same_tree_for_any_scores(n: int, seed: int, coarse: bool) -> None:
    scores = np.random.default_rng(seed).normal(size=(n, n)).astype(np.float32)
    if coarse:  # many equal scores: ties must break the same way
        scores = np.round(scores, 1)
    expected = decode(STANZA.chuliu_edmonds_one_root, scores)
    cycles.install()  # our cycle search and contraction inside Stanza's decoder
    assert decode(chuliu_edmonds.chuliu_edmonds_one_root, scores) == expected


def decode(decoder: Callable[[np.ndarray], np.ndarray], scores: np.ndarray
           ) -> list[int] | str:
    """Each word's head, or what went wrong (Stanza asserts one root, which its rescaling of
    the root arcs can miss when scores tie)."""
    try:
        return decoder(scores).tolist()  # type: ignore[no-any-return]
    except AssertionError as e:
        return f"AssertionError: {e}"


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 45), st.integers(0, 2**32 - 1), st.sampled_from([0.0, 2.0, 8.0]),
       st.booleans())
def test_a_parser_sure_of_its_tree_gets_it_at_once(n: int, seed: int, margin: float,
                                                 coarse: bool) -> None:
    """Scores that favour a tree (as a trained parser's do) by a margin: none (cycles, two
    roots), some, or enough that each word's best head makes the tree; with ties or without."""
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(n, n)).astype(np.float32)
    order = [int(w) for w in rng.permutation(np.arange(1, n))]
    planted = [0] * n
    planted[order[0]] = 0  # the root's word, then each word under one placed before it
    for i, word in enumerate(order[1:], start=1):
        planted[word] = order[int(rng.integers(0, i))]
    for word in range(1, n):
        scores[word, planted[word]] += margin
    if coarse:
        scores = np.round(scores, 1)
    expected = decode(STANZA.chuliu_edmonds_one_root, scores)
    found = decode(cycles.one_root_tree, scores)
    assert found == expected
    if margin > 6 and not coarse:  # normal noise never outweighs that margin here
        assert found == planted
