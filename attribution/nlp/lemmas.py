"""Lemmas: the network decodes each word its dictionary lacks once, not once an occurrence.

Stanza's English lemmatizer looks a word up in its dictionary by its text and part of speech
(``ensemble_dict``, the published model's setting) and runs its sequence-to-sequence network
on every word it does not find, then keeps the network's answer. The network reads the word's
characters and part of speech alone, not the sentence around it, so a word it decoded once it
would decode the same way again; yet in news the words the dictionary lacks are mostly names,
said over and over: in 30 PolNeAR dev articles the network decoded 2,322 words, 1,341 distinct
(word, part of speech) pairs, "Trump" as a proper noun 212 times. :func:`process` decodes each
pair once, the first time the processor meets it, and keeps the answer for the next ones, in
an article and in the articles after it: the same lemmas (tests/nlp/test_stanza_paths.py compares
them with Stanza's own). The answers kept are at most :data:`KEPT`; past that they are
forgotten and decoded again, so a worker that reads for months does not grow with them.
:func:`install` puts it in Stanza's place.
"""

from __future__ import annotations

from typing import Any

#: Stanza's own ``LemmaProcessor.process``, kept by :func:`install` for the cases it still runs.
_stanza_process: Any = None

#: How many decoded (word, part of speech) pairs a processor keeps: some 150 bytes each.
KEPT = 50_000


def process(self: Any, document: Any) -> Any:
    """``LemmaProcessor.process``: the document with every word's lemma."""
    if (self.use_identity or self.config.get("dict_only")
            or not self.config.get("ensemble_dict")):
        return _stanza_process(self, document)
    import torch
    from stanza.models.common import doc
    from stanza.models.lemma.data import DataLoader
    from stanza.pipeline.lemma_processor import WORD_TAGS

    # The network's lemma by (word as written, universal part of speech), kept with the
    # processor whose network decoded it.
    decoded: dict[tuple[str, str], str] = self.__dict__.setdefault("_decoded_lemmas", {})
    if len(decoded) > KEPT:
        decoded.clear()
    # The document's words, not made into the network's input: only those it decodes are.
    batch = DataLoader(document, self.config["batch_size"], self.config, evaluation=True,
                       conll_only=True)
    word_tags = batch.doc.get(WORD_TAGS)
    pairs = [(w, pos) for w, pos in word_tags]
    known = self.trainer.skip_seq2seq(pairs)
    # The network decodes the first occurrence of each pair that neither the dictionary nor
    # this processor knows; every other word is skipped, as Stanza skips those its dictionary
    # knows. The loader keeps the words in order, so the answers come in the order of ``new``.
    # (What this call reads from ``decoded`` it reads once: another thread may clear it.)
    unknown = {p for p, in_dict in zip(pairs, known, strict=True) if not in_dict}
    answers = {p: lemma for p in unknown if (lemma := decoded.get(p)) is not None}
    new = [p for p in dict.fromkeys(pairs) if p in unknown and p not in answers]
    if new:
        waiting = set(new)
        skip = []
        for pair in pairs:
            skip.append(pair not in waiting)
            waiting.discard(pair)
        loader = DataLoader(document, self.config["batch_size"], self.config, vocab=self.vocab,
                            evaluation=True, skip=skip, expand_unk_vocab=True)
        preds: list[str] = []
        edits: list[Any] = []
        with torch.no_grad():
            for b in loader:
                ps, es = self.trainer.predict(b, self.config["beam_size"], loader.vocab)
                preds += ps
                if es is not None:
                    edits += es
        preds = self.trainer.postprocess([w for w, _ in new], preds, edits=edits)
        if self.store_results:
            self.trainer.train_dict([(w, pos, lemma) for (w, pos), lemma
                                     in zip(new, preds, strict=True)], update_word_dict=False)
        answers.update(zip(new, preds, strict=True))
        decoded.update(zip(new, preds, strict=True))
    lemmas = self.trainer.ensemble(word_tags, ["" if in_dict else answers[pair]
                                              for pair, in_dict in zip(pairs, known, strict=True)])
    if self.trainer.has_contextual_lemmatizers():
        lemmas = self.trainer.update_contextual_preds(batch.doc, lemmas)
    # an empty lemma becomes "_", as Stanza has it
    lemmas = [max([(len(x), x), (0, "_")])[1] for x in lemmas]
    batch.doc.set([doc.LEMMA], lemmas)
    return batch.doc


def install() -> None:
    """Use :func:`process` for Stanza's lemma processor. Idempotent."""
    global _stanza_process
    from stanza.pipeline.lemma_processor import LemmaProcessor

    from attribution.nlp.models import replace_step

    _stanza_process = replace_step(LemmaProcessor, "process", process)
