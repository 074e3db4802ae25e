"""The real Stanza pipeline, run once per session over every text the NLP tests use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from attribution.nlp import Analysis, analyse_many, models

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

_cache: dict[str, Analysis] = {}


@pytest.fixture(scope="session")
def analyse() -> Callable[[str], Analysis]:
    """Analyse a text with the real pipeline (memoised: each text is parsed once)."""
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")

    def run(text: str) -> Analysis:
        if text not in _cache:
            # No time budget: what a test finds must not depend on how busy the machine is.
            _cache[text] = next(analyse_many([text], time_budget=None))
        return _cache[text]

    return run


@pytest.fixture(scope="session")
def samples(analyse: Callable[[str], Analysis]) -> dict[str, tuple[str, Analysis]]:
    """The four seed articles, parsed in one bulk call: name -> (text, analysis)."""
    paths = sorted(SAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for text, analysis in zip(texts, analyse_many(texts, time_budget=None), strict=True):
        _cache[text] = analysis
    return {p.name[:3]: (t, _cache[t]) for p, t in zip(paths, texts, strict=True)}
