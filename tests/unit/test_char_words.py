"""The character model reading each distinct word once a batch (attribution.nlp.char_words)
gives every word what Stanza's own forward gives it, packed or padded by sentence as Stanza
packs them, for the three shapes Stanza's taggers, parser and entity recogniser build."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from stanza.models.common.char_model import CharacterModel
from stanza.models.common.vocab import CharVocab
from torch.nn.utils.rnn import PackedSequence

from attribution.nlp import char_words, loaders

char_words.install()
loaders.install()
STANZA_FORWARD = char_words._stanza_forward

ALPHABET = "abcdefghijklmnopqrstuvwxyz"
VOCAB = CharVocab(data=[[[ALPHABET]]], lang="en")  # sentences of words of characters
#: Sentences of words from a small vocabulary, so that words repeat within a batch.
SENTENCES = st.lists(
    st.lists(st.text(ALPHABET[:4], min_size=1, max_size=7), min_size=1, max_size=12),
    min_size=1, max_size=8)


def _model(attention: bool, bidirectional: bool, pad: bool) -> CharacterModel:
    torch.manual_seed(0)
    args = {"char_emb_dim": 6, "char_hidden_dim": 5, "char_num_layers": 1, "dropout": 0.5,
            "char_rec_dropout": 0.0}
    model = CharacterModel(args, {"char": VOCAB}, pad=pad, bidirectional=bidirectional,
                           attention=attention)
    for parameter in model.parameters():  # the attention's weights start at zero in Stanza
        torch.nn.init.uniform_(parameter, -1.0, 1.0)
    return model.eval()


def _batch(sentences: list[list[str]]) -> tuple[Any, ...]:
    """The character model's inputs as Stanza's loaders build them: sentences longest first,
    each word's characters a row, rows ordered by length with their places in the batch."""
    sentences = sorted(sentences, key=len, reverse=True)
    words = [[VOCAB.unit2id(c) for c in w] for s in sentences for w in s]
    (rows,), order = loaders.sort_all([words], [len(w) for w in words])
    chars = loaders.get_long_tensor(rows, len(rows))
    return chars, chars.eq(0), order, [len(s) for s in sentences], [len(r) for r in rows]


def _vectors(result: Any) -> torch.Tensor:
    return result.data if isinstance(result, PackedSequence) else result


@pytest.mark.parametrize(("attention", "bidirectional", "pad"), [
    (True, False, False),   # the part-of-speech tagger's
    (True, False, True),    # the parser's (padded by sentence)
    (False, True, False),   # the entity recogniser's and the span tagger's
])
@settings(max_examples=60, deadline=None)
@given(sentences=SENTENCES)
def test_each_word_gets_what_stanza_gives_it(sentences: list[list[str]], attention: bool,
                                             bidirectional: bool, pad: bool) -> None:
    model = _model(attention, bidirectional, pad)
    batch = _batch(sentences)
    with torch.no_grad():
        ours = model(*batch)
        theirs = STANZA_FORWARD(model, *batch)
    assert type(ours) is type(theirs)
    if isinstance(ours, PackedSequence):
        assert torch.equal(ours.batch_sizes, theirs.batch_sizes)
    assert _vectors(ours).shape == _vectors(theirs).shape
    torch.testing.assert_close(_vectors(ours), _vectors(theirs), rtol=1e-5, atol=1e-6)


def test_a_word_said_again_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _model(attention=True, bidirectional=False, pad=False)
    read: list[int] = []
    lstm_forward = type(model.charlstm).forward

    def counting(self: Any, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(int(inputs.batch_sizes[0]))  # rows the LSTM reads
        return lstm_forward(self, inputs, *args, **kwargs)

    monkeypatch.setattr(type(model.charlstm), "forward", counting)
    sentences = [["the", "aide", "said", "the", "bid", "failed"], ["he", "said", "the", "aide"]]
    batch = _batch(sentences)
    with torch.no_grad():
        ours = model(*batch)
        theirs = STANZA_FORWARD(model, *batch)
    assert read == [6, 10]  # six distinct words; Stanza's own reads all ten
    torch.testing.assert_close(ours.data, theirs.data, rtol=1e-5, atol=1e-6)
