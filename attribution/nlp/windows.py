"""The tokenizer's windows over long paragraphs: only the paragraphs still being read.

Stanza's tokenizer reads a batch of paragraphs (32, longest first) with its character LSTMs.
A paragraph longer than its window (1,000 characters) is read a window at a time, and every
window ran the whole batch: the paragraphs already read went through the LSTMs again as
rows of padding. News articles where the text has no blank lines between paragraphs, or a
long block quote, make such a batch: on the 84 PolNeAR dev articles one paragraph of 7,119
characters and ten more over 1,000 made the tokenizer's LSTMs read 620,000 characters for
408,000 (on a batch of 16 articles, as the engine parses them, more).

:func:`predict` is Stanza's ``stanza.models.tokenization.utils.predict`` (Stanza 1.x, Apache
2.0) with one change: each window after the first runs the paragraphs not yet read to their
end, not the batch. The window's width is the longest of those paragraphs' next stretch,
as before (a paragraph read to its end had a stretch of 0), so each paragraph is read with
the same padding as before and tokenized the same (tests/nlp/test_stanza_paths.py compares
every token and sentence break with Stanza's own on an article with a long paragraph).
:func:`install` puts it in Stanza's place.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: Stanza's own ``predict``, kept by :func:`install` (the tests compare with it).
_stanza_predict: Any = None


def predict(trainer: Any, data_generator: Any, batch_size: int, max_seqlen: int,
            use_regex_tokens: bool, num_workers: int) -> tuple[list[Any], list[Any]]:
    """Each paragraph's predicted break classes, and its characters, in the data's order."""
    from stanza.models.tokenization.data import SortedDataset
    from stanza.models.tokenization.utils import update_pred_regex
    from torch.utils.data import DataLoader

    all_preds: list[Any] = []
    all_raw: list[Any] = []
    sorted_data = SortedDataset(data_generator)
    dataloader = DataLoader(sorted_data, batch_size=batch_size, collate_fn=sorted_data.collate,
                            num_workers=num_workers)
    for batch_idx, batch in enumerate(dataloader):
        num_sentences = len(batch[3])
        width = len(batch[3][0])  # sorted longest first
        for paragraph in batch[3]:
            all_raw.append(list(paragraph))
        if width <= max_seqlen:
            pred = np.argmax(trainer.predict(batch), axis=2)
        else:
            pred = _windowed(trainer, data_generator, batch, max_seqlen)
        for par_idx in range(num_sentences):
            offset = batch_idx * batch_size + par_idx
            raw = all_raw[offset]
            par_len = raw.index("<PAD>")
            raw = raw[:par_len]
            all_raw[offset] = raw
            if pred[par_idx][par_len - 1] < 2:
                pred[par_idx][par_len - 1] = 2
            elif pred[par_idx][par_len - 1] > 2:
                pred[par_idx][par_len - 1] = 4
            if use_regex_tokens:
                all_preds.append(update_pred_regex(raw, pred[par_idx][:par_len]))
            else:
                all_preds.append(pred[par_idx][:par_len])
    return sorted_data.unsort(all_preds), sorted_data.unsort(all_raw)


def _windowed(trainer: Any, data_generator: Any, batch: Any, max_seqlen: int) -> list[Any]:
    """A batch with a paragraph longer than ``max_seqlen``, a window at a time; a window
    ends at its last sentence break, and the next begins there."""
    num_sentences = len(batch[3])
    idx = [0] * num_sentences
    para_lengths = [x.index("<PAD>") for x in batch[3]]
    pred: list[list[Any]] = [[] for _ in range(num_sentences)]
    while True:
        ens = [min(n - i, max_seqlen) for i, n in zip(idx, para_lengths, strict=True)]
        en = max(ens)
        # the one change from Stanza: paragraphs read to their end (a stretch of 0) stay out
        live = [j for j in range(num_sentences) if ens[j] > 0]
        rows = live if len(live) < num_sentences else slice(None)
        window = (batch[0][rows, :en], batch[1][rows, :en], batch[2][rows, :en],
                  [batch[3][j][:en] for j in live])
        pred_live = np.argmax(trainer.predict(window), axis=2)
        adv = [0] * num_sentences
        for row, j in enumerate(live):
            sentbreaks = np.where((pred_live[row] == 2) + (pred_live[row] == 4))[0]
            if len(sentbreaks) <= 0 or idx[j] >= para_lengths[j] - max_seqlen:
                advance = ens[j]
            else:
                advance = int(np.max(sentbreaks)) + 1
            pred[j].append(pred_live[row, :advance])
            idx[j] += advance
            adv[j] = advance
        if all(i >= n for i, n in zip(idx, para_lengths, strict=True)):
            break
        # the rows read to their end advance by 0 and stay padding
        batch = data_generator.advance_old_batch(adv, batch)
    return [np.concatenate(p, 0) for p in pred]


def install() -> None:
    """Use :func:`predict` for Stanza's tokenizer. Idempotent."""
    global _stanza_predict
    from stanza.models.tokenization import utils

    if utils.predict is not predict:
        _stanza_predict = utils.predict
        utils.predict = predict
