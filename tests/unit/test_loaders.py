"""Stanza's batches built without a step per row (attribution.nlp.loaders) are the batches
Stanza's own functions build: the same padded tensor, the same order of every field."""

from __future__ import annotations

import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from stanza.models.common import data as stanza_data

from attribution.nlp import loaders

loaders.install()
STANZA_GET_LONG_TENSOR = loaders._stanza_get_long_tensor
STANZA_SORT_ALL = loaders._stanza_sort_all

ROWS = st.lists(st.lists(st.integers(0, 10**6), max_size=25), min_size=1, max_size=40)


def test_install_puts_ours_where_stanzas_loaders_look() -> None:
    from stanza.models.common import char_model
    from stanza.models.ner import data as ner_data
    from stanza.models.pos import data as pos_data

    assert STANZA_GET_LONG_TENSOR is not loaders.get_long_tensor
    assert ner_data.get_long_tensor is loaders.get_long_tensor
    assert char_model.get_long_tensor is loaders.get_long_tensor
    assert pos_data.sort_all is loaders.sort_all
    assert stanza_data.sort_all is loaders.sort_all


@settings(max_examples=300, deadline=None)
@given(ROWS, st.integers(0, 5), st.integers(0, 3))
def test_rows_padded_as_stanza_pads_them(rows: list[list[int]], extra: int, pad: int) -> None:
    if not any(rows):  # Stanza fails on a batch with nothing in it; so must we
        return
    ours = loaders.get_long_tensor(rows, len(rows) + extra, pad_id=pad)
    theirs = STANZA_GET_LONG_TENSOR(rows, len(rows) + extra, pad_id=pad)
    assert ours.dtype == theirs.dtype == torch.int64
    assert ours.shape == theirs.shape
    assert torch.equal(ours, theirs)


def test_rows_of_rows_are_left_to_stanza() -> None:
    # the entity recogniser's tags: a list of tag columns for each word
    rows = [[[1, 2], [3, 4], [5, 6]], [[7, 8]]]
    assert torch.equal(loaders.get_long_tensor(rows, 3), STANZA_GET_LONG_TENSOR(rows, 3))
    assert loaders.get_long_tensor(rows, 3).shape == (3, 3, 2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=60), st.booleans())
def test_fields_ordered_as_stanza_orders_them(lens: list[int], as_tensors: bool) -> None:
    # many equal lengths: ties must fall the same way
    fields = [[f"w{i}" for i in range(len(lens))], [[i] * n for i, n in enumerate(lens)]]
    keys = [torch.tensor(n) for n in lens] if as_tensors else lens  # the POS loader's counts
    ours, order = loaders.sort_all(fields, keys)
    theirs, their_order = STANZA_SORT_ALL(fields, keys)
    assert order == their_order
    assert ours == theirs
    assert sorted(order) == list(range(len(lens)))
