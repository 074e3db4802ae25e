"""Stanza's batch building without a Python step per row: the same tensors and orders.

Every Stanza model's loader pads its batches with ``stanza.models.common.data.get_long_tensor``,
which fills a tensor row by row with a ``torch.LongTensor`` made for each row: for the
character models a row is one word, thousands a batch. In a profile of ``attribution extract``
(30 dev articles, one torch thread) that was 4.9 % of the whole run; ``sort_all``, which orders
a batch's fields by length through tuples of every field, 1.7 %. :func:`get_long_tensor` fills
the padded tensor from one flat array, and :func:`sort_all` sorts the indices by (length,
index) and permutes each field: the same tensor, element for element, and the same order
(``sort_all``'s tuples never compare past the index, which is unique).
tests/unit/test_loaders.py checks both against Stanza's on random batches; shapes they do not
cover (nested rows, empty batches) go to Stanza's own. :func:`install` puts them in place of
Stanza's in the modules that imported them.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

#: Stanza's modules that import the two functions by name (their loaders and character model).
_USERS = (
    "stanza.models.common.data",
    "stanza.models.common.char_model",
    "stanza.models.pos.data",
    "stanza.models.ner.data",
    "stanza.models.ner.model",
    "stanza.models.depparse.data",
    "stanza.models.lemma.data",
    "stanza.models.mwt.data",
)

#: Stanza's own functions, kept by :func:`install` for the shapes they alone handle.
_stanza_get_long_tensor: Any = None
_stanza_sort_all: Any = None


def get_long_tensor(tokens_list: Any, batch_size: int, pad_id: int = 0) -> Any:
    """``stanza.models.common.data.get_long_tensor``: rows of ids as a batch_size x longest
    LongTensor, padded with ``pad_id``."""
    import torch

    if not tokens_list or not isinstance(tokens_list[0], list):
        return _stanza_get_long_tensor(tokens_list, batch_size, pad_id)
    lengths = [len(row) for row in tokens_list]
    total = sum(lengths)
    first = next((row[0] for row in tokens_list if row), None)
    if total == 0 or isinstance(first, list):  # nothing to index, or rows of rows
        return _stanza_get_long_tensor(tokens_list, batch_size, pad_id)
    try:
        flat = np.fromiter(itertools.chain.from_iterable(tokens_list), dtype=np.int64,
                           count=total)
    except (TypeError, ValueError):  # not ids: let Stanza say what it says
        return _stanza_get_long_tensor(tokens_list, batch_size, pad_id)
    width = max(lengths)
    out = np.full((batch_size, width), pad_id, dtype=np.int64)
    inside = np.arange(width) < np.asarray(lengths)[:, None]
    out[: len(tokens_list)][inside] = flat
    return torch.from_numpy(out)


def sort_all(batch: Any, lens: Any) -> tuple[Any, Any]:
    """``stanza.models.common.data.sort_all``: each field of ``batch`` ordered by descending
    length (ties: the later index first), and the original index of each position."""
    n = len(lens)
    fields = list(batch)
    if n == 0 or batch == [[]] or any(len(f) != n for f in fields):
        return _stanza_sort_all(batch, lens)
    keys = [int(x) for x in lens]  # ints, or 0-d tensors of counts (the POS loader's)
    order = sorted(range(n), key=lambda i: (keys[i], i), reverse=True)
    return [[f[i] for i in order] for f in fields], order


def install() -> None:
    """Use :func:`get_long_tensor` and :func:`sort_all` in Stanza's loaders. Idempotent."""
    global _stanza_get_long_tensor, _stanza_sort_all
    import importlib

    from stanza.models.common import data

    if data.get_long_tensor is not get_long_tensor:
        _stanza_get_long_tensor = data.get_long_tensor
        _stanza_sort_all = data.sort_all
    for name in _USERS:
        module = importlib.import_module(name)
        for attribute, ours in (("get_long_tensor", get_long_tensor), ("sort_all", sort_all)):
            if hasattr(module, attribute):
                setattr(module, attribute, ours)
