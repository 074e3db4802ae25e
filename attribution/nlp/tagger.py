"""The learned span tagger: who (SOURCE), the reporting words (CUE) and what was said (CONTENT),
tagged token by token.

It is Stanza's own sequence tagger (the BiLSTM-CRF behind its NER, ``stanza.models.ner``)
trained on PolNeAR train by ``scripts/train_span_tagger.py`` (the shipped models on four fifths
of train; the fifth they never saw measured them, see that script); the models and the word
vectors they were trained with ship in ``data/`` (the vectors are the offline 100-d set, so the
tagger runs the same whichever Stanza models parse: the published ones have other vectors). It
runs on the tokens Stanza already made, after the parse, so it needs nothing else from the
pipeline.

Two models trained alike but for their random seed (``MODEL_FILES``) tag as one: their emission
scores and transitions are averaged before the CRF decodes (:class:`Tagger`). One run of the
recipe lands where its random start and the order it read the sentences take it, and two runs
disagree on a few hundred spans of the fold they never saw; their average keeps what both
learned and less of what either learned by chance (bench/README.md, "Two span taggers of one
recipe").

The rules (quote marks, cues from the parse, chains, names) stay first; the extractor takes the
tagger's spans where the rules found nothing, and its sources are candidates for each cue's
speaker, which :mod:`speaker_choice` weighs (see ``extract._Article._learned``). Beside its
spans, the tagger says how likely a content is to begin and to end at each token and how
likely the token names a source (its CRF's marginal probabilities, :class:`TokenBelief`):
:mod:`content_choice` reads them for every reading of a content's bounds and
:mod:`speaker_choice` for every candidate speaker, also where the tagger's best tagging marks
nothing (cross-validated on train: bench/README.md, "The tagger's beliefs"). Not for a cue
that heads what another cue reports: the tagger marks one layer, so its beliefs there are
about the attribution that cue is a link of ("*The report called on* officials …, KCNA
said").
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from attribution.nlp.syntax import Sentence

TYPES = ("SOURCE", "CUE", "CONTENT")


@dataclass(frozen=True)
class TaggedSpan:
    """A run of tokens the tagger gave one type, as character offsets into the article."""

    type: str
    start: int
    end: int
    sentence: int


#: A token whose beliefs are all less likely than this gets none: the learned choices read a
#: missing one as this likely.
BELIEF_FLOOR = 1e-3


class TokenBelief(NamedTuple):
    """How likely, to the tagger's CRF, a CONTENT span begins (``begins``: tagged B- or S-) or
    ends (``ends``: E- or S-) at one token, how likely the token is part of a CONTENT
    (``inside``: any CONTENT tag) and of a SOURCE (``source``), over every tag sequence of its
    sentence. Listed with the spans (``type`` "BELIEF", which no span has); a tuple, as there
    are about as many as tokens."""

    start: int
    end: int
    sentence: int
    begins: float
    ends: float
    inside: float
    source: float
    type: str = "BELIEF"


@dataclass(frozen=True)
class Beliefs:
    """One sentence's :class:`TokenBelief` as the learned choices read them: by the offset
    where a token starts (``begins``, ``source``) or ends (``ends``). A token missing is below
    :data:`BELIEF_FLOOR`. (``inside``, which no choice gains by, is not kept.)"""

    begins: Mapping[int, float] = field(default_factory=dict)
    ends: Mapping[int, float] = field(default_factory=dict)
    source: Mapping[int, float] = field(default_factory=dict)

    @classmethod
    def of(cls, beliefs: Iterable[TokenBelief]) -> Beliefs:
        rows = list(beliefs)
        return cls({t.start: t.begins for t in rows}, {t.end: t.ends for t in rows},
                   {t.start: t.source for t in rows})


#: The shipped tagger's model files in ``data/`` (with several, an ensemble: see :func:`load`).
MODEL_FILES = ("span_tagger.pt", "span_tagger_b.pt")
VECTORS_FILE = "span_tagger_vectors.pt"


def model_paths() -> tuple[tuple[Path, ...], Path]:
    """The shipped tagger's models and the word vectors they were trained with."""
    data = resources.files("attribution.nlp") / "data"
    return (tuple(Path(str(data / name)) for name in MODEL_FILES),
            Path(str(data / VECTORS_FILE)))


def available() -> bool:
    """Does the package hold the tagger (a checkout without its model runs the rules alone)?"""
    models, vectors = model_paths()
    return all(m.exists() for m in models) and vectors.exists()


_lock = threading.Lock()
_shipped: Any = None


class Tagger(tuple[Any, ...]):
    """Taggers trained alike on one vocabulary (Stanza NER trainers), tagging as one: their
    emission scores and transitions are averaged before the CRF decodes (:func:`crf.
    predict_averaged`). One model is a tagger of one."""


def load(model: str | Path | Sequence[str | Path], vectors: Path) -> Tagger:
    """A tagger of one model or several, with the word vectors they were trained with (Stanza
    NER trainers), in 8-bit integers where the pipeline's models are (``models.runs_int8``)."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner.trainer import Trainer

    from attribution.nlp.models import (
        install_steps,
        runs_int8,
        to_int8,
        use_gpu,
        without_optimizers,
    )

    install_steps()  # its batches built and decoded as the entity recogniser's are
    device = "cuda" if use_gpu() else "cpu"  # where the Stanza pipeline runs too
    pretrain = Pretrain(str(vectors))
    trainers = []
    for path in [model] if isinstance(model, str | Path) else model:
        with without_optimizers():
            trainer = Trainer(model_file=str(path), pretrain=pretrain, device=device)
        trainer.model.eval()
        if runs_int8():
            to_int8(trainer.model)
        trainers.append(trainer)
    if not trainers:
        raise ValueError("a tagger needs at least one model")
    first = trainers[0]
    for other in trainers[1:]:  # one batch feeds them all, one tag list reads their scores
        for name in ("word", "char", "tag"):
            if first.vocab[name].state_dict() != other.vocab[name].state_dict():
                raise ValueError(f"the tagger's models differ in their {name} vocabulary")
    return Tagger(trainers)


def _load() -> Tagger:
    """The shipped tagger, loaded once per process (never at import time)."""
    global _shipped
    with _lock:
        if _shipped is None:
            # Not frozen out of the collector's walks as the pipeline's models are: it adds a
            # few hundred objects to their 350,000, and it loads in the middle of an analysis,
            # whose objects a freeze would keep for good.
            _shipped = load(*model_paths())
        return _shipped


def tokens_of(sentence: Sentence, text: str) -> list[tuple[int, int, str]]:
    """The sentence's tokens as Stanza made them, with their text: words that share a span
    (the parts of a multi-word token, ``don't``) are one token."""
    out: list[tuple[int, int, str]] = []
    for w in sentence.words:
        if out and (out[-1][0], out[-1][1]) == (w.start, w.end):
            continue
        out.append((w.start, w.end, text[w.start:w.end]))
    return out


def predict(trainer: Tagger, sentences: list[list[str]]) -> list[list[str]]:
    """BIOES tags for sentences given as their tokens' texts, in the order given. Sentences of
    like length are batched together: less padding for the LSTMs."""
    return _predict(trainer, sentences, False)[0]


def _predict(trainer: Tagger, sentences: list[list[str]], marginals: bool
             ) -> tuple[list[list[str]], list[Any]]:
    """:func:`predict`'s tags and, with ``marginals``, each sentence's tag probabilities
    (tokens x the tag vocabulary: :func:`crf.marginals_batch`)."""
    import torch
    from stanza.models.ner.data import DataLoader

    from attribution.nlp import crf

    if not sentences:
        return [], []
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    first = trainer[0]
    batch = DataLoader(_Tokens([sentences[i] for i in order]), first.args["batch_size"],
                       first.args, vocab=first.vocab,
                       evaluation=True, preprocess_tags=False, bert_tokenizer=None)
    predicted: list[list[str]] = []
    beliefs: list[Any] = []
    with torch.no_grad():
        for b in batch:
            tags, probs = crf.predict_averaged(trainer, b, True, marginals)
            predicted += tags
            beliefs += probs
    out: list[list[str]] = [[] for _ in sentences]
    out_beliefs: list[Any] = [None] * len(sentences) if marginals else []
    for k, i in enumerate(order):
        out[i] = predicted[k]
        if marginals:
            out_beliefs[i] = beliefs[k]
    return out, out_beliefs


def _columns(trainer: Tagger) -> tuple[list[int], list[int], list[int], list[int]]:
    """The tag vocabulary's columns where a CONTENT span begins (B-, S-), where one ends (E-,
    S-), all of CONTENT's and all of SOURCE's."""
    vocab = trainer[0].vocab["tag"]
    names = [n[0] if n else "" for n in vocab.unmap([(i,) for i in range(vocab.lens()[0])])]
    return ([i for i, n in enumerate(names) if n in ("B-CONTENT", "S-CONTENT")],
            [i for i, n in enumerate(names) if n in ("E-CONTENT", "S-CONTENT")],
            [i for i, n in enumerate(names) if n.endswith("-CONTENT")],
            [i for i, n in enumerate(names) if n.endswith("-SOURCE")])


class _Tokens:
    """Untagged sentences as Stanza's NER data loader reads a document: each token's text,
    with no tag (what ``Document.get([TEXT, NER, MULTI_NER], as_sentences=True,
    from_token=True)`` gives for a document built from the texts alone, without building one:
    a sixth of the tagger's time went into that)."""

    def __init__(self, sentences: list[list[str]]) -> None:
        self.sentences = sentences

    def get(self, fields: Sequence[str], as_sentences: bool = False, from_token: bool = False
            ) -> list[list[list[Any]]]:
        assert as_sentences and from_token, "the loader reads tokens by sentence"
        empty = [None] * (len(fields) - 1)
        return [[[t, *empty] for t in sentence] for sentence in self.sentences]


def tag(text: str, sentences: list[Sentence], quoted: Sequence[tuple[int, int]] = ()
        ) -> list[TaggedSpan | TokenBelief]:
    """Every SOURCE, CUE and CONTENT span the tagger finds in one article, sentence by
    sentence (see :func:`tag_many`)."""
    return tag_many([(text, sentences, quoted)])[0]


def tag_many(articles: Sequence[tuple[str, list[Sentence], Sequence[tuple[int, int]]]],
             trainer: Tagger | None = None) -> list[list[TaggedSpan | TokenBelief]]:
    """The tagger's spans and its beliefs (:class:`TokenBelief`) for several articles (text,
    sentences, quoted spans), by the shipped tagger or by ``trainer`` (from :func:`load`: a
    training script tags each fold of train with the tagger that never saw it). In floating
    point its batches group sentences of like length from all of them; in 8 bits each article
    is tagged on its own, because a batch's sentences share one quantization scale: tagged
    beside others, an article's spans would depend on its neighbours (on the 84 dev articles,
    30 tagged in batches of 16 articles had other spans than tagged alone), and the spans the
    learned parts are trained on would not be those an article gets when analysed alone. That
    costs the tagger about a tenth of its time. Sentences wholly inside a quoted span are not
    tagged: news attributes nothing inside a quotation (PolNeAR annotates nothing there), and
    about a sixth of news sentences are quoted."""
    # Per article, its sentences to tag: (article, sentence, tokens); the article's index
    # goes with each, as the sentences of all articles are one group in floating point.
    todo: list[list[tuple[int, int, list[tuple[int, int, str]]]]] = [[] for _ in articles]
    for a, (text, sentences, quoted) in enumerate(articles):
        for i, sentence in enumerate(sentences):
            if not any(w.upos in ("VERB", "AUX") for w in sentence.words):
                continue  # headlines, captions, datelines: nothing reports there
            tokens = tokens_of(sentence, text)
            if tokens and not any(lo <= tokens[0][0] and tokens[-1][1] <= hi
                                  for lo, hi in quoted):
                todo[a].append((a, i, tokens))
    from attribution.nlp.models import runs_int8

    groups = todo if runs_int8() else [[item for group in todo for item in group]]
    out: list[list[TaggedSpan | TokenBelief]] = [[] for _ in articles]
    columns = None
    for group in groups:
        if not group:
            continue
        trainer = trainer or _load()
        columns = columns or _columns(trainer)
        predicted, probs = _predict(trainer, [[t for _, _, t in tokens] for _, _, tokens in group],
                                    True)
        for (a, i, tokens), tags, p in zip(group, predicted, probs, strict=True):
            out[a] += _spans(tokens, tags, i)
            out[a] += _beliefs(tokens, *(p[:, c].sum(axis=1) for c in columns), sentence=i)
    return out


def _beliefs(tokens: list[tuple[int, int, str]], *beliefs: Any, sentence: int
             ) -> list[TokenBelief]:
    """The tokens' beliefs (begins, ends, inside, source), but for those where all are below
    :data:`BELIEF_FLOOR`."""
    return [TokenBelief(start, end, sentence, float(b), float(e), float(i), float(src))
            for (start, end, _), b, e, i, src in zip(tokens, *beliefs, strict=True)
            if max(b, e, i, src) >= BELIEF_FLOOR]


def _spans(tokens: list[tuple[int, int, str]], tags: list[str], sentence: int
           ) -> list[TaggedSpan]:
    """BIOES tags as spans (a stray I-/E- without its B- starts a span of its own)."""
    out: list[TaggedSpan] = []
    current: tuple[str, int, int] | None = None
    for (start, end, _), t in zip(tokens, tags, strict=True):
        prefix, _, label = t.partition("-")
        if prefix in ("B", "S") or (prefix in ("I", "E") and (
                current is None or current[0] != label)):
            if current is not None:
                out.append(TaggedSpan(current[0], current[1], current[2], sentence))
            current = (label, start, end)
        elif prefix in ("I", "E") and current is not None:
            current = (label, current[1], end)
        else:  # O
            if current is not None:
                out.append(TaggedSpan(current[0], current[1], current[2], sentence))
            current = None
            continue
        if prefix in ("E", "S"):
            out.append(TaggedSpan(current[0], current[1], current[2], sentence))
            current = None
    if current is not None:
        out.append(TaggedSpan(current[0], current[1], current[2], sentence))
    return [s for s in out if s.type in TYPES]
