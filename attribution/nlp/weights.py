"""Learned linear models over named features, as the package ships them in ``data/``.

A model is one weight per feature name (and, for some, a setting such as a threshold), kept as
JSON with a note of how it was made; a feature the model never saw weighs nothing. Used by
:mod:`speaker_choice`, :mod:`content_choice` (both a :class:`Choice`) and :mod:`confidence`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar


def data_file(name: str) -> Path:
    """Where the package keeps the model file ``name``."""
    return Path(str(resources.files("attribution.nlp") / "data" / name))


def score(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The model's linear score of some features."""
    return sum(weights.get(k, 0.0) * v for k, v in features.items())


def load(path: Path) -> dict[str, Any] | None:
    """A model file's contents (``weights`` and its settings), or None when there is none."""
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def save(path: Path, weights: Mapping[str, float], about: Mapping[str, object],
         **settings: object) -> None:
    """Write a model: how it was made, its settings, then its weights by feature name."""
    path.write_text(json.dumps({"about": about, **settings,
                                "weights": dict(sorted(weights.items()))}, indent=1) + "\n",
                    encoding="utf-8")


class Option(Protocol):
    """What a :class:`Choice` picks among: features in parts (which options may share, so that
    each is scored once), and the score the choice gives it."""

    score: float

    @property
    def parts(self) -> Sequence[Mapping[str, float]]: ...


OptionT = TypeVar("OptionT", bound=Option)


class Choice(Generic[OptionT]):
    """A conditional logit over options: one learned weight per feature; the best-scoring
    option wins, the first of them on a tie."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    def choose(self, options: Sequence[OptionT]) -> OptionT | None:
        """The best-scoring option (None when there is none), each option's score set."""
        best: OptionT | None = None
        scored: dict[int, float] = {}  # by part, for parts several options share
        for o in options:
            o.score = 0.0
            for part in o.parts:
                if id(part) not in scored:
                    scored[id(part)] = score(self.weights, part)
                o.score += scored[id(part)]
            if best is None or o.score > best.score:
                best = o
        return best

    @staticmethod
    def share(best: Option, options: Sequence[Option]) -> float:
        """How much of the softmax over ``options`` (scored by :meth:`choose`) ``best`` holds:
        the logit's probability that it is the right one."""
        return 1.0 / sum(math.exp(max(-50.0, o.score - best.score)) for o in options)

    def save(self, path: Path, about: dict[str, object]) -> None:
        save(path, self.weights, about)
