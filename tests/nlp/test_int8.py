"""The models (Stanza's and the span tagger) in 8-bit integers on the CPU (ATTRIBUTION_INT8):
on unless turned off, and never mixed up with floating-point analyses in the analysis cache."""

from __future__ import annotations

import pytest
import torch
from torch.ao.nn.quantized import dynamic as quantized

from attribution.nlp import arcs, cache, models, tagger


def test_the_taggers_parser_and_recogniser_run_in_8_bits_on_the_cpu() -> None:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    if not models.runs_int8():
        pytest.skip("ATTRIBUTION_INT8=0, or a GPU: the models stay in floating point")
    nlp = models.pipeline()
    for name in models.INT8_PROCESSORS:
        processor = nlp.processors[name]
        for trainer in getattr(processor, "trainers", None) or [processor._trainer]:
            layers = list(trainer.model.modules())
            assert any(isinstance(m, quantized.LSTM) for m in layers), name
            assert any(isinstance(m, quantized.Linear) for m in layers), name
            assert not any(type(m) is torch.nn.LSTM for m in layers), name
    # and the parser's relation scorer's product with each word
    bilinear = nlp.processors["depparse"]._trainer.model.deprel.scorer.W_bilin
    assert any(isinstance(m, quantized.Linear)
               for m in getattr(bilinear, arcs._INT8_HALF).modules())
    # the span tagger's models, which run after the pipeline
    if tagger.available():
        shipped = tagger._load()
        assert len(shipped) == len(tagger.MODEL_FILES)
        for member in shipped:
            layers = list(member.model.modules())
            assert any(isinstance(m, quantized.LSTM) for m in layers), "span tagger"
            assert not any(type(m) is torch.nn.LSTM for m in layers), "span tagger"
    # the tokenizer's sentence breaks stay those of Stanza's own model
    assert not any(isinstance(m, quantized.LSTM)
                   for m in nlp.processors["tokenize"]._trainer.model.modules())


@pytest.mark.parametrize("setting", ["0", "no", "false"])
def test_int8_is_on_unless_turned_off(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.delenv(models.INT8_ENV, raising=False)
    assert models.int8_wanted()
    monkeypatch.setenv(models.INT8_ENV, "1")
    assert models.int8_wanted()
    monkeypatch.setenv(models.INT8_ENV, setting)
    assert not models.int8_wanted()


def test_8_bit_and_floating_point_analyses_are_cached_apart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if models.use_gpu():
        pytest.skip("on a GPU the models stay in floating point whatever the setting")
    fingerprints = set()
    try:
        for setting in ("1", "0"):
            monkeypatch.setenv(models.INT8_ENV, setting)
            cache.engine_fingerprint.cache_clear()
            fingerprints.add(cache.engine_fingerprint())
    finally:
        monkeypatch.undo()
        cache.engine_fingerprint.cache_clear()
    assert len(fingerprints) == 2
