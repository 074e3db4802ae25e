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


@pytest.fixture(scope="session")
def engine() -> Callable[..., Analysis]:
    """The engine on the real parse of a one-sentence text and the shipped tagger's spans, with
    the learned parts given as keywords (``judge=None``: nothing dropped for doubt;
    ``bounds=None``: the rules' bounds); the others as shipped."""
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    from attribution.nlp.extract import _Article, tag_parsed
    from attribution.nlp.lexicon import default_lexicon
    from attribution.nlp.quotes import find_quotations
    from attribution.nlp.syntax import sentences_of

    def run(text: str, **parts: object) -> Analysis:
        sentences = sentences_of(models.parse([text], None)[0])
        tagged = tag_parsed([text], [sentences], [find_quotations(text)])[0]
        return _Article(text, sentences, default_lexicon(), tagged, **parts).run()  # type: ignore[arg-type]

    return run
