"""Viterbi decoding of a whole batch at once, for Stanza's sequence taggers (the entity
recogniser and our span tagger, both ``stanza.models.ner``).

Stanza decodes each sentence of a batch on its own (``stanza.models.common.crf.viterbi_decode``,
one numpy step a word): in a profile of ``attribution extract`` that was 12 % of the span
tagger's time and 13 % of the entity recogniser's. :func:`viterbi_batch` runs the same
recursion on all the batch's sentences together, in the same float32 arithmetic (a sum and a
maximum, element by element, ties to the first tag), so every tag is the same;
:func:`predict` is ``Trainer.predict`` with it, installed by :func:`install`; it also leaves
out the training loss (the CRF's log partition, a step per word) that Stanza's model computes
on the way to the scores and its predict throws away.
tests/unit/test_crf.py checks it against Stanza's decoder on random scores, ties included.

:func:`marginals_batch` gives, for the same scores, how likely each tag is at each word over
all the CRF's tag sequences (the forward-backward recursion): how sure the span tagger is that
a content begins or ends at a word, where its best sequence marks nothing there
(:func:`predict_averaged`, read by :mod:`tagger`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

#: Stanza's own ``Trainer.predict``, kept by :func:`install` (the tests compare with it).
_stanza_predict: Any = None


def viterbi_batch(scores: np.ndarray, lengths: list[int], transitions: np.ndarray
                  ) -> list[list[int]]:
    """The best tag sequence of each sentence: ``scores`` is batch x words x tags (a sentence's
    words first, then padding), ``transitions[i, j]`` the score of tag ``j`` after tag ``i``.
    What ``viterbi_decode(scores[b, :lengths[b]], transitions)`` returns for each ``b``."""
    batch, width, _ = scores.shape
    if batch == 0:
        return []
    lengths_ = np.asarray(lengths)
    trellis = scores[:, 0].copy()
    back = np.zeros(scores.shape, dtype=np.int64)
    for t in range(1, width):
        v = trellis[:, :, None] + transitions[None]
        going = (t < lengths_)[:, None]
        trellis = np.where(going, scores[:, t] + v.max(axis=1), trellis)
        back[:, t] = v.argmax(axis=1)
    tags = np.zeros((batch, width), dtype=np.int64)
    rows = np.arange(batch)
    last = np.maximum(lengths_ - 1, 0)
    tags[rows, last] = trellis.argmax(axis=1)
    for t in range(width - 1, 0, -1):
        inside = t < lengths_
        tags[inside, t - 1] = back[rows[inside], t, tags[inside, t]]
    return [tags[b, :n].tolist() for b, n in enumerate(lengths)]


def marginals_batch(scores: np.ndarray, lengths: list[int], transitions: np.ndarray
                    ) -> list[np.ndarray]:
    """Each sentence's tag probabilities, words x tags: the share of the CRF's probability
    (``exp`` of a sequence's emission and transition scores, normalised over every sequence
    of the sentence's length) held by the sequences with that tag at that word. Arguments as
    :func:`viterbi_batch`'s; computed in float64.

    The forward and backward sums are kept as probabilities, each step's scaled to sum to one
    (a step a matrix product, not a log-sum-exp over every pair of tags); a word's marginal is
    the product of the two, normalised, which the scales do not change. Where a scale underflows
    (scores thousands apart), the sentences are summed again in logs."""
    batch, width, _ = scores.shape
    if batch == 0:
        return []
    x = scores.astype(np.float64)
    trans = transitions.astype(np.float64)
    step = np.exp(trans - trans.max())
    emit = np.exp(x - x.max(axis=2, keepdims=True))
    going = np.arange(width)[None, :] < np.asarray(lengths)[:, None]  # batch x width
    with np.errstate(under="ignore", divide="ignore", invalid="ignore"):
        alpha = np.empty_like(x)
        alpha[:, 0] = emit[:, 0] / emit[:, 0].sum(axis=1, keepdims=True)
        for t in range(1, width):
            a = (alpha[:, t - 1] @ step) * emit[:, t]
            alpha[:, t] = a / a.sum(axis=1, keepdims=True)
        beta = np.ones_like(x)
        for t in range(width - 2, -1, -1):
            b = (emit[:, t + 1] * beta[:, t + 1]) @ step.T
            b = b / b.sum(axis=1, keepdims=True)
            beta[:, t] = np.where(going[:, t + 1, None], b, 1.0)
        both = alpha * beta
        both /= both.sum(axis=2, keepdims=True)
    out = []
    for b, n in enumerate(lengths):
        p = both[b, :n]
        out.append(p if np.isfinite(p).all() else _marginals_in_logs(x[b, :n], trans))
    return out


def _marginals_in_logs(x: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """:func:`marginals_batch` for one sentence (words x tags), summed in logs."""
    n = len(x)
    alpha = np.empty_like(x)
    alpha[0] = x[0]
    for t in range(1, n):
        alpha[t] = x[t] + np.logaddexp.reduce(alpha[t - 1][:, None] + trans, axis=0)
    beta = np.zeros_like(x)
    for t in range(n - 2, -1, -1):
        beta[t] = np.logaddexp.reduce(trans + (x[t + 1] + beta[t + 1])[None, :], axis=1)
    return np.exp(alpha + beta - np.logaddexp.reduce(alpha[-1]))


def _transitions_only(crit: Any) -> Any:
    """A ``CRFLoss.forward`` that returns what prediction uses of it: no loss, the
    transitions."""
    def forward(inputs: Any, masks: Any, tag_indices: Any) -> tuple[float, Any]:
        return 0.0, crit._transitions
    return forward


def predict(self: Any, batch: Any, unsort: bool = True) -> list[list[str]]:
    """``stanza.models.ner.trainer.Trainer.predict``: each sentence's tags, decoded together."""
    return predict_averaged([self], batch, unsort, False)[0]


def _scores(self: Any, batch: Any) -> tuple[list[np.ndarray], list[np.ndarray], list[int], Any]:
    """One tagger's emission scores (batch x words x tags) and transitions, for each of its tag
    sets, with the batch's sentence lengths and the order that unsorts it."""
    import torch
    from stanza.models.ner import trainer as ner_trainer

    device = next(self.model.parameters()).device
    (inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens,
     charoffsets) = ner_trainer.unpack_batch(batch, device)
    word, wordchars, wordchars_mask, chars, tags = inputs
    self.model.eval()
    crits = list(self.model.crits)
    for crit in crits:  # for this call only: training calls the same model for its loss
        crit.forward = _transitions_only(crit)
    try:
        with torch.no_grad():
            _, logits, trans = self.model(word, wordchars, wordchars_mask, tags, word_orig_idx,
                                          sentlens, wordlens, chars, charoffsets, charlens,
                                          char_orig_idx)
    finally:
        for crit in crits:
            crit.__dict__.pop("forward", None)
    return ([x.data.cpu().numpy() for x in logits], [y.data.cpu().numpy() for y in trans],
            sentlens, orig_idx)


def predict_averaged(trainers: Sequence[Any], batch: Any, unsort: bool = True,
                     marginals: bool = False) -> tuple[list[list[str]], list[np.ndarray]]:
    """:func:`predict` for taggers trained alike (one tag vocabulary, one word and character
    vocabulary: the batch is the first one's), whose emission scores and transitions are
    averaged before decoding (one tagger's are its own, exactly): an ensemble's tags, and
    with ``marginals`` each sentence's tag probabilities (words x the tag vocabulary,
    :func:`marginals_batch`) of its first tag set."""
    from stanza.models.common import utils
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.ner import trainer as ner_trainer

    logits_of, trans_of, lengths, orders = zip(*(_scores(t, batch) for t in trainers),
                                               strict=True)
    sentlens, orig_idx = lengths[0], orders[0]  # the same batch: the same for every tagger
    logits = [np.mean(tagset, axis=0) for tagset in zip(*logits_of, strict=True)]
    trans = [np.mean(tagset, axis=0) for tagset in zip(*trans_of, strict=True)]
    columns = [viterbi_batch(x, sentlens, y) for x, y in zip(logits, trans, strict=True)]
    beliefs = marginals_batch(logits[0], sentlens, trans[0]) if marginals else []
    first = trainers[0]
    predict_tagset = first.args["predict_tagset"]
    tag_seqs = []
    for i in range(len(sentlens)):
        ids = [[x if x >= VOCAB_PREFIX_SIZE else VOCAB_PREFIX_SIZE for x in column[i]]
               for column in columns]
        names = first.vocab["tag"].unmap(list(zip(*ids, strict=True)))
        names = [x[predict_tagset] if isinstance(x, list) else x for x in names]
        tag_seqs.append(ner_trainer.fix_singleton_tags(names))
    if unsort:
        tag_seqs = utils.unsort(tag_seqs, orig_idx)
        beliefs = utils.unsort(beliefs, orig_idx) if beliefs else beliefs
    return tag_seqs, beliefs


def install() -> None:
    """Use :func:`predict` for Stanza's sequence taggers. Idempotent."""
    global _stanza_predict
    from stanza.models.ner.trainer import Trainer

    from attribution.nlp.models import replace_step

    _stanza_predict = replace_step(Trainer, "predict", predict)
