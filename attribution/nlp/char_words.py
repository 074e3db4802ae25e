"""Each distinct word's characters read once a batch, not once per occurrence.

Stanza's part-of-speech tagger, parser and entity recogniser (and the span tagger, which is
its entity recogniser's network) each describe every word by a character model: an LSTM over
the word's own characters, read apart from the words around it
(``stanza.models.common.char_model.CharacterModel``). A batch holds its words many times over
("the", "said", commas), and the model read each occurrence again. In a profile of
``attribution extract`` (84 dev articles, one torch thread) the character models were an
eighth of the whole run.

:func:`forward` reads each distinct row of characters once, with Stanza's own forward, and
hands every occurrence its word's result. The numbers are Stanza's up to the rounding of a
float (a product over fewer rows may round its last bit otherwise: at most 1.2e-7 apart on
dev's batches, with the 8-bit models too), and the analysis is the same:
tests/unit/test_char_words.py compares the vectors with Stanza's on random batches,
tests/nlp/test_stanza_paths.py the whole analysis of a seed article, and ``attribution
extract`` wrote the same bytes either way on train's folds 0 and 1 (336 articles). On the 84
dev articles, with the batch sizes ``models`` sets, the character models read 89,692
distinct rows instead of 210,106, in 1.29 CPU s instead of 2.05 (of a 19 s parse;
bench/README.md, "Seventeenth round"). Training (which drops characters at random per
occurrence) and the character language models of the published models (which read a whole
sentence) are left to Stanza. :func:`install` puts it in Stanza's place.
"""

from __future__ import annotations

from typing import Any

#: Stanza's own ``CharacterModel.forward``, kept by :func:`install`; it reads the distinct words.
_stanza_forward: Any = None


def forward(self: Any, chars: Any, chars_mask: Any, word_orig_idx: list[int],
            sentlens: list[int], wordlens: list[int]) -> Any:
    """``CharacterModel.forward``: one vector per word, packed (or padded) by sentence.

    ``chars`` holds one row of character ids per word, the rows ordered by length (longest
    first, ``wordlens``); ``word_orig_idx`` gives each row's place in the batch's words, which
    ``sentlens`` splits into sentences."""
    import numpy as np
    import torch
    from stanza.models.common.utils import tensor_unsort
    from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

    n = chars.size(0)
    if self.training or n < 2:
        return _stanza_forward(self, chars, chars_mask, word_orig_idx, sentlens, wordlens)
    # Each row as one value of its bytes (numpy's unique on those is a tenth of torch's on rows).
    rows = np.ascontiguousarray(chars.cpu().numpy())
    keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
    _, first, occurrence = np.unique(keys, return_index=True, return_inverse=True)
    if len(first) == n:
        return _stanza_forward(self, chars, chars_mask, word_orig_idx, sentlens, wordlens)
    # The distinct rows in the order they first come, so longest first as the rows come, as
    # packing wants them; each row's distinct row numbered in that order.
    order = np.argsort(first)
    number = np.empty_like(order)
    number[order] = np.arange(len(order))
    picked = torch.as_tensor(first[order], device=chars.device)
    lengths = np.asarray(wordlens)[first[order]].tolist()
    # Stanza's forward over the distinct rows, as one sentence in that order.
    read = _stanza_forward(self, chars[picked], chars_mask[picked], list(range(len(order))),
                           [len(order)], lengths)
    per_distinct = (read[0] if self.pad else read.data).reshape(len(order), -1)
    each = torch.as_tensor(number[occurrence.reshape(-1)], device=chars.device)
    res = tensor_unsort(per_distinct[each], word_orig_idx)
    res = pack_sequence(res.split(sentlens))
    if self.pad:
        res = pad_packed_sequence(res, batch_first=True)[0]
    return res


def install() -> None:
    """Use :func:`forward` for Stanza's character model. Idempotent."""
    global _stanza_forward
    from stanza.models.common.char_model import CharacterModel

    from attribution.nlp.models import replace_step

    _stanza_forward = replace_step(CharacterModel, "forward", forward)
