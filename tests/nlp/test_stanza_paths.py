"""Where the engine replaces a step of Stanza's (attribution.nlp.arcs for the parser's relations,
attribution.nlp.mwt for multi-word tokens, attribution.nlp.lemmas for lemmas,
attribution.nlp.crf for the sequence taggers' decoding, attribution.nlp.loaders for building
their batches, attribution.nlp.windows for the tokenizer's windows over long paragraphs,
attribution.nlp.char_words for the character models), the analysis is the same as with
Stanza's own step, word for word, on a real article."""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import stanza as stanza_package
from stanza.models.common.char_model import CharacterModel
from stanza.models.depparse.model import GraphParser
from stanza.models.ner.trainer import Trainer
from stanza.pipeline.lemma_processor import LemmaProcessor
from stanza.pipeline.mwt_processor import MWTProcessor

from attribution.nlp import arcs, char_words, crf, lemmas, loaders, models, mwt, windows

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def text() -> str:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    # a seed article, with contractions and possessives for the multi-word tokens
    article = sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    return models.tokenizer_text(
        article + "\n\nThe senator's aides didn't say. \"We can't,\" the States' lawyers "
        "said; they won't, and it isn't theirs.")


def _run(processors: str, docs: list[Any]) -> list[Any]:
    return models.pipeline().bulk_process(docs, processors=processors)


def _with(monkeypatch: pytest.MonkeyPatch, owner: type, name: str, function: Any,
          run: Callable[[], list[Any]]) -> list[Any]:
    with monkeypatch.context() as m:
        m.setattr(owner, name, function)
        return run()


def test_multi_word_tokens_as_stanza_expands_them(text: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    models.pipeline()  # installs ours
    assert mwt._stanza_process is not None

    def expanded() -> list[Any]:
        (doc,) = _run("tokenize,mwt", [stanza_package.Document([], text=text)])
        return [(t.text, [w.text for w in t.words]) for s in doc.sentences for t in s.tokens]

    ours = expanded()
    assert sum(len(words) > 1 for _, words in ours) >= 5  # there is something to compare
    assert _with(monkeypatch, MWTProcessor, "process", mwt._stanza_process, expanded) == ours


def test_lemmas_as_stanza_finds_them(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    processor = models.pipeline().processors["lemma"]  # installs ours
    assert lemmas._stanza_process is not None

    def lemmatized() -> list[Any]:
        (doc,) = _run("tokenize,mwt,pos,lemma", [stanza_package.Document([], text=text)])
        return [(w.text, w.upos, w.lemma) for s in doc.sentences for w in s.words]

    processor.__dict__.pop("_decoded_lemmas", None)
    ours = lemmatized()  # each word the dictionary lacks decoded once
    pairs = [(word, upos) for word, upos, _ in ours]
    unknown = [p for p, known in zip(pairs, processor.trainer.skip_seq2seq(pairs), strict=True)
               if not known]
    # there is something to compare: words for the network, some of them more than once
    assert len(unknown) > len(set(unknown)) >= 5
    assert set(processor._decoded_lemmas) == set(unknown)
    assert lemmatized() == ours  # the next article reads what the last one decoded
    assert _with(monkeypatch, LemmaProcessor, "process", lemmas._stanza_process,
                 lemmatized) == ours
    # Past KEPT answers the processor forgets them and decodes again, to the same lemmas.
    processor._decoded_lemmas[("Qwxz", "PROPN")] = "Qwxz"  # an answer kept from before
    monkeypatch.setattr(lemmas, "KEPT", 2)
    assert lemmatized() == ours
    assert set(processor._decoded_lemmas) == set(unknown)  # the old answer forgotten


def test_long_paragraphs_tokenized_as_stanza_tokenizes_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    from stanza.models.tokenization.trainer import Trainer as TokenizerTrainer

    models.pipeline()  # installs ours
    assert windows._stanza_predict is not None
    # The seed articles as one batch: each also as one long paragraph (its paragraphs joined
    # by single newlines, 2,200 to 4,200 characters: three to five windows), beside their
    # short paragraphs, which the windows after the first used to run again as padding.
    articles = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts = [models.tokenizer_text(a.replace("\n\n", "\n") + "\n\n" + a) for a in articles]
    assert max(len(a.replace("\n\n", "\n")) for a in articles) > 3000

    def tokenized() -> list[Any]:
        docs = _run("tokenize", [stanza_package.Document([], text=t) for t in texts])
        return [[(t.start_char, t.end_char) for t in s.tokens] for d in docs for s in d.sentences]

    assert TokenizerTrainer.predict is windows.predict
    ours = tokenized()
    assert len(ours) > 100
    assert _with(monkeypatch, TokenizerTrainer, "predict", windows._stanza_predict,
                 tokenized) == ours


def test_heads_relations_and_entities_as_stanzas_own(text: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = models.pipeline()
    assert arcs._stanza_predict is not None
    # the parser's relation scorer in floating point, as Stanza's own runs it (the 8-bit one
    # is another parse, like the rest of the 8-bit models: see test_int8.py)
    # (set and restored as arcs.to_int8 sets it: not as a registered submodule)
    bilinear = nlp.processors["depparse"]._trainer.model.deprel.scorer.W_bilin
    in_8_bits = getattr(bilinear, arcs._INT8_HALF, None)
    object.__setattr__(bilinear, arcs._INT8_HALF, None)
    try:
        (tagged,) = _run("tokenize,mwt,pos,lemma", [stanza_package.Document([], text=text)])

        def parsed() -> list[Any]:
            (doc,) = _run("depparse,ner", [copy.deepcopy(tagged)])
            return [(w.head, w.deprel) for s in doc.sentences for w in s.words] + [
                (e.text, e.type) for e in doc.ents]

        ours = parsed()
        assert len(ours) > 500 and any(r == "nsubj" for _, r in ours)

        def stanzas() -> list[Any]:
            return _with(monkeypatch, Trainer, "predict", crf._stanza_predict, parsed)

        assert _with(monkeypatch, GraphParser, "predict", arcs._stanza_predict, stanzas) == ours
    finally:
        object.__setattr__(bilinear, arcs._INT8_HALF, in_8_bits)


def _every_annotation(text: str) -> list[Any]:
    """Each word's tags, lemma, head and relation, and each entity, from the whole pipeline."""
    (doc,) = _run("tokenize,mwt,pos,lemma,depparse,ner", [stanza_package.Document([], text=text)])
    return [(w.text, w.upos, w.xpos, w.feats, w.lemma, w.head, w.deprel)
            for s in doc.sentences for w in s.words] + [(e.text, e.type) for e in doc.ents]


def test_every_annotation_as_with_stanzas_own_loaders(text: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    models.pipeline()  # installs ours
    assert loaders._stanza_get_long_tensor is not None

    def analysed() -> list[Any]:
        return _every_annotation(text)

    ours = analysed()
    assert len(ours) > 500 and any(w[6] == "nsubj" for w in ours)
    with monkeypatch.context() as m:
        for name in loaders._USERS:
            module = sys.modules[name]
            for function, stanzas in (("get_long_tensor", loaders._stanza_get_long_tensor),
                                      ("sort_all", loaders._stanza_sort_all)):
                if hasattr(module, function):
                    m.setattr(module, function, stanzas)
        assert analysed() == ours


def test_every_annotation_as_with_stanzas_own_character_model(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # in 8 bits, as the pipeline runs: each distinct word read once, the same analysis
    models.pipeline()  # installs ours
    assert CharacterModel.forward is char_words.forward

    def analysed() -> list[Any]:
        return _every_annotation(text)

    ours = analysed()
    assert len(ours) > 500 and any(w[6] == "nsubj" for w in ours)
    assert _with(monkeypatch, CharacterModel, "forward", char_words._stanza_forward,
                 analysed) == ours


def test_models_load_without_optimizers_and_training_keeps_its_own() -> None:
    """The loaded models carry no optimizer (only training reads one, and the first one of a
    process imports torch's compiler, seconds at every start); Stanza's training, run after
    in the same process, still builds its optimizers."""
    if not models.models_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    import torch
    from stanza.models.common import utils

    nlp = models.pipeline()
    assert nlp.processors["tokenize"].trainer.optimizer is None
    assert nlp.processors["lemma"].trainer.optimizer is None
    layer = torch.nn.Linear(2, 2)
    assert isinstance(utils.get_optimizer("adam", layer, 0.1), torch.optim.Adam)
    assert utils.get_split_optimizer("adam", layer, 0.1)
