"""Once the models are loaded, the objects alive are taken out of the garbage collector's sight
(models.keep_for_good), and garbage is collected first, so nothing unreachable is kept."""

from __future__ import annotations

import gc
import weakref

from attribution.nlp import models


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_live_objects_frozen_and_garbage_freed_first() -> None:
    kept = [_Node()]
    dropped = _Node()
    gone = weakref.ref(dropped)
    del dropped
    try:
        models.keep_for_good()
        assert gone() is None  # collected, not frozen with the rest
        assert gc.get_freeze_count() > 0
        # out of the collector's generations: it walks them no more
        assert not any(o is kept for o in gc.get_objects())
    finally:
        gc.unfreeze()
