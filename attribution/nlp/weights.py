"""Learned linear models over named features, as the package ships them in ``data/``.

A model is one weight per feature name (and, for some, a setting such as a threshold), kept as
JSON with a note of how it was made; a feature the model never saw weighs nothing. Used by
:mod:`speaker_choice` and :mod:`confidence`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any


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
