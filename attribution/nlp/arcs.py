"""The dependency parser's relations scored on the tree's arcs only.

Stanza's graph parser (``stanza.models.depparse.model.GraphParser``) scores every relation for
every pair of words of a batch, a tensor of sentences x words x words x relations, before it
knows the tree; then it decodes the tree from the arc scores and reads each word's relation at
its one head. By torch's profiler (15 PolNeAR dev articles) the pairwise relation scorer was
40 % of the parser's CPU time: a product of each word with the bilinear form (201 x 201 x 45
numbers), which any way of scoring needs, then one over all pairs of words, with copies of the
four-dimensional tensor, which only the tree's arcs need.

:func:`predict` decodes the tree first, from the arc scores as Stanza computes them, then
scores each word's relations at its head alone: each word's half of the bilinear form as
Stanza computes it, contracted with its head's half. Heads and relations are Stanza's to the
last bit (tests/nlp/test_stanza_paths.py; and word for word on 40 PolNeAR dev articles, 44,884
words). Where Stanza's own path is needed (a model with arc embeddings, the repair of head
constraints, training) it runs unchanged. :func:`install` puts :func:`predict` in Stanza's
place.

With the 8-bit models (``models.INT8_ENV``), :func:`to_int8` computes the words' product with
the bilinear form in 8-bit integers too, for the words that are dependents only: another parse,
like the rest of the 8-bit models (on 30 dev articles, no head and 24 of 29,523 relations
differ). The parser's own time, paired batch by batch against Stanza's on 30 dev articles:
0.91 in floating point, 0.67 with the 8-bit product.
"""

from __future__ import annotations

from typing import Any

#: Stanza's own ``GraphParser.predict``, kept by :func:`install` for the cases it still runs.
_stanza_predict: Any = None


def predict(self: Any, word: Any, word_mask: Any, wordchars: Any, wordchars_mask: Any,
            upos: Any, xpos: Any, ufeats: Any, pretrained: Any, lemma: Any, head: Any,
            deprel: Any, word_orig_idx: Any, sentlens: list[int], wordlens: Any, text: Any,
            resolve_head_constraints: bool = False) -> list[list[list[Any]]]:
    """``GraphParser.predict``: for each sentence of the batch, each word's ``[head, relation]``
    (sentences as sorted in the batch, ``sentlens`` counting the root)."""
    if resolve_head_constraints or self.training or self.args.get("use_arc_embedding"):
        return _stanza_predict(self, word, word_mask, wordchars, wordchars_mask, upos, xpos,
                               ufeats, pretrained, lemma, head, deprel, word_orig_idx,
                               sentlens, wordlens, text,
                               resolve_head_constraints=resolve_head_constraints)
    import torch

    with torch.no_grad():
        return _predict(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats,
                        pretrained, lemma, head, deprel, word_orig_idx, sentlens, wordlens,
                        text)


def _predict(self: Any, word: Any, word_mask: Any, wordchars: Any, wordchars_mask: Any,
             upos: Any, xpos: Any, ufeats: Any, pretrained: Any, lemma: Any, head: Any,
             deprel: Any, word_orig_idx: Any, sentlens: list[int], wordlens: Any, text: Any
             ) -> list[list[list[Any]]]:
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse import model as stanza_model

    lstm = self.embed(word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats,
                      pretrained, lemma, head, deprel, word_orig_idx, sentlens, wordlens, text)
    arcs = _arc_scores(self, lstm, word.size(1), head)
    log_probs = F.log_softmax(arcs, 2).cpu().numpy()
    heads = [stanza_model.chuliu_edmonds_one_root(log_probs[i][:n, :n])[1:]
             for i, n in enumerate(sentlens)]

    # Each word (not the root, row 0) with its head: the relation scorer's two halves.
    def index(values: list[int]) -> Any:
        return torch.tensor(values, dtype=torch.long, device=lstm.device)

    sentence = index([i for i, h in enumerate(heads) for _ in h])
    dependent = index([j for h in heads for j in range(1, len(h) + 1)])
    governor = index([int(x) for h in heads for x in h])
    scorer = self.deprel
    # W1 and W2 over the whole batch, as Stanza runs them: in 8 bits a layer scales by its
    # whole input, so the same rows alone would come out otherwise.
    left = _with_ones(scorer.hidden_func(scorer.W1(lstm)))
    right = _with_ones(scorer.hidden_func(scorer.W2(lstm)))[sentence, governor]
    bilinear = scorer.scorer.W_bilin
    in_8_bits = getattr(bilinear, _INT8_HALF, None)
    if in_8_bits is not None:
        words = left[sentence, dependent]
        half = in_8_bits(words).view(words.size(0), *bilinear.weight.shape[1:])
    else:  # Stanza's own product, for the whole batch: the same sums to the last bit
        half = torch.einsum("NLI,IJO->NLJO", left, bilinear.weight)[sentence, dependent]
    # The sum over J with each word's head's half: Stanza's second einsum, for that pair only.
    scores = torch.einsum("PJO,PJ->PO", half, right) + bilinear.bias
    labels = (scores.max(1)[1] + VOCAB_PREFIX_SIZE).cpu().tolist()

    vocab = self.vocab["deprel"]
    out: list[list[list[Any]]] = []
    at = 0
    for h in heads:
        relations = vocab.unmap(labels[at:at + len(h)])
        out.append([[int(x), r] for x, r in zip(h, relations, strict=True)])
        at += len(h)
    return out


def _arc_scores(self: Any, lstm: Any, width: int, head: Any) -> Any:
    """``GraphParser.forward_scores``'s arc scores (with its linearization and distance terms
    and the diagonal masked), without the relation scores."""
    import torch
    import torch.nn.functional as F

    scores = self.unlabeled(self.drop(lstm), self.drop(lstm)).squeeze(3)
    if self.args["linearization"] or self.args["distance"]:
        batch, device = lstm.size(0), lstm.device
        offset = (torch.arange(width, device=device).view(1, 1, -1).expand(batch, -1, -1)
                  - torch.arange(width, device=device).view(1, -1, 1).expand(batch, -1, -1))
    if self.args["linearization"]:
        lin = self.linearization(self.drop(lstm), self.drop(lstm)).squeeze(3)
        scores += F.logsigmoid(lin * torch.sign(offset).float())
    if self.args["distance"]:
        dist = self.distance(self.drop(lstm), self.drop(lstm)).squeeze(3)
        predicted = 1 + F.softplus(dist)
        scores += -torch.log((torch.abs(offset).float() - predicted) ** 2 / 2 + 1)
    diagonal = torch.eye(head.size(-1) + 1, dtype=torch.bool, device=lstm.device).unsqueeze(0)
    scores.masked_fill_(diagonal, -float("inf"))
    return scores


def _with_ones(x: Any) -> Any:
    """The vector with a 1 appended, as Stanza's ``PairwiseBiaffineScorer`` extends its
    inputs (the bilinear form's linear terms and bias)."""
    import torch

    return torch.cat([x, x.new_ones(*x.size()[:-1], 1)], x.dim() - 1)


#: The attribute of a relation scorer's bilinear form that holds its 8-bit first half.
_INT8_HALF = "_attribution_int8_half"


def to_int8(parser: Any) -> None:
    """Give the graph parser's relation scorer its first half, each word's product with the
    bilinear form (the parser's costliest step once the pairs are gone), in 8-bit integers:
    torch's dynamic quantization of that product as a linear layer, as ``models`` quantizes
    the parser's other layers. Half its time; another parse (see ``models.INT8_ENV``)."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    scorer = getattr(parser, "deprel", None)
    if scorer is None or getattr(parser, "args", {}).get("use_arc_embedding"):
        return
    bilinear = scorer.scorer.W_bilin
    first, second, relations = bilinear.weight.shape
    product = torch.nn.Linear(first, second * relations, bias=False)
    with torch.no_grad():
        product.weight.copy_(bilinear.weight.reshape(first, second * relations).T)
    product = quantize_dynamic(torch.nn.Sequential(product), {torch.nn.Linear},
                               dtype=torch.qint8)
    object.__setattr__(bilinear, _INT8_HALF, product)  # not a submodule: not in its state


def install() -> None:
    """Use :func:`predict` for Stanza's graph parser. Idempotent."""
    global _stanza_predict
    from stanza.models.depparse import model

    from attribution.nlp.models import replace_step

    _stanza_predict = replace_step(model.GraphParser, "predict", predict)
