"""The tokenizer's windows over long paragraphs: only the paragraphs still being read.

Stanza's tokenizer reads a batch of paragraphs (32, longest first) with its character LSTMs.
A paragraph longer than its window (1,000 characters) is read a window at a time
(``stanza.models.tokenization.utils.predict``), and every window ran the whole batch: the
paragraphs already read went through the LSTMs again as rows of padding. News articles where
the text has no blank lines between paragraphs, or a long block quote, make such a batch: on
the 84 PolNeAR dev articles one paragraph of 7,119 characters and ten more over 1,000 made
the tokenizer's LSTMs read 620,000 characters for 408,000 (on a batch of 16 articles, as the
engine parses them, more).

:func:`predict` is the tokenizer trainer's ``predict`` without the rows that are padding from
their first character: a paragraph read to its end. Stanza's window loop reads nothing of
such a row (it advances it by 0 characters); the other rows keep the window's width and their
padding, so they are tokenized the same (tests/nlp/test_stanza_paths.py compares every token
and sentence break with Stanza's own on articles with long paragraphs). :func:`install` puts
it in Stanza's place.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: Stanza's own ``Trainer.predict`` of the tokenizer, kept by :func:`install` (the tests
#: compare with it).
_stanza_predict: Any = None

_PAD = "<PAD>"


def predict(self: Any, inputs: Any) -> np.ndarray:
    """``stanza.models.tokenization.trainer.Trainer.predict``: each character's scores, for
    the rows that hold characters; zeros for those that are only padding."""
    units, labels, features, text = inputs
    live = [j for j, chars in enumerate(text) if chars and chars[0] != _PAD]
    if not live or len(live) == len(text):
        return _stanza_predict(self, inputs)
    scores = _stanza_predict(self, (units[live], labels[live], features[live],
                                    [text[j] for j in live]))
    out = np.zeros((len(text), *scores.shape[1:]), dtype=scores.dtype)
    out[live] = scores
    return out


def install() -> None:
    """Use :func:`predict` for Stanza's tokenizer. Idempotent."""
    global _stanza_predict
    from stanza.models.tokenization.trainer import Trainer

    from attribution.nlp.models import replace_step

    _stanza_predict = replace_step(Trainer, "predict", predict)
