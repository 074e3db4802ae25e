"""Multi-word tokens (``don't``, ``States'``): the dictionary first, the network for the rest.

Stanza's English MWT processor runs its sequence-to-sequence network on every token the
tokenizer marks as a possible multi-word token, and then, with ``ensemble_dict`` (the
published English model's setting), throws the network's answer away wherever its
dictionary knows the token. On PolNeAR dev the dictionary knows 964 of the 1,331 tokens
marked. :func:`process` asks the dictionary first and runs the network on the others only:
the same expansions (tests/nlp/test_stanza_paths.py compares them with Stanza's own), with
the network decoding about a quarter as many tokens (tokenizing with multi-word tokens took
0.90 of the time on 40 dev articles). :func:`install` puts it in Stanza's place.
"""

from __future__ import annotations

from typing import Any

#: Stanza's own ``MWTProcessor.process``, kept by :func:`install` for the cases it still runs.
_stanza_process: Any = None


def process(self: Any, document: Any) -> Any:
    """``MWTProcessor.process``: the document with its multi-word tokens expanded."""
    if self.config.get("dict_only") or not self.config.get("ensemble_dict"):
        return _stanza_process(self, document)
    import torch

    batch = self.build_batch(document)
    expansions = batch.doc.get_mwt_expansions(evaluation=True)
    known = [self.trainer.dict_expansion(e) for e in expansions]
    unknown = [i for i, k in enumerate(known) if k is None]
    predicted: list[Any] = []
    if unknown:
        # The same loader (and vocabulary, built from every marked token), over the unknown.
        batch.data = [batch.data[i] for i in unknown]
        batch.num_examples = len(batch.data)
        with torch.no_grad():
            for b in batch.to_loader():
                predicted += self.trainer.predict(b, never_decode_unk=True, vocab=batch.vocab)
    answers = iter(predicted)
    preds = [k if k is not None else next(answers) for k in known]
    batch.doc.set_mwt_expansions(preds, process_manual_expanded=False)
    return batch.doc


def install() -> None:
    """Use :func:`process` for Stanza's MWT processor. Idempotent."""
    global _stanza_process
    from stanza.pipeline.mwt_processor import MWTProcessor

    from attribution.nlp.models import replace_step

    _stanza_process = replace_step(MWTProcessor, "process", process)
