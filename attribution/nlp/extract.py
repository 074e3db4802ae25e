"""The extraction engine's entry points: parse in bulk with Stanza, then find attributions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from attribution.nlp import models
from attribution.nlp.types import Analysis


def analyse(text: str) -> Analysis:
    """Every attribution in one article."""
    return next(iter(analyse_many([text])))


def analyse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse many articles, parsing them with Stanza in batches of ``batch_size``."""
    for batch in models.batched(texts, batch_size):
        for text, doc in zip(batch, models.parse(batch), strict=True):
            yield analyse_parsed(text, doc)


def analyse_parsed(text: str, doc) -> Analysis:  # type: ignore[no-untyped-def]
    """Find attributions in ``text`` given its Stanza parse."""
    raise NotImplementedError  # filled in by the extraction work (issue 2)
