"""The learned confidence of an attribution: how likely PolNeAR's annotators would have marked it.

The rules and the tagger find more than the annotators mark (on train, 5,396 of the 21,587
attributions found match no gold one). Each attribution the engine assembles is described by
named features: how it was found, its kind, the cue word and how surely the lexicon takes it to
report, whether the span tagger agrees on its content, cue and speaker, who the speaker is, how
long the content and its quotations are, whether its quotations read as titles, and how the
parse links cue, content and speaker (the tagger pairs a content with the nearest cue it
tagged, which the parse may not link at all). Gradient-boosted trees over them, learned from
PolNeAR train by ``scripts/train_confidence.py`` (``data/confidence.json``), give the
attribution's ``confidence``; below the threshold learned with them (chosen by cross-validation
on train for end-to-end F1), the attribution is dropped, unless it relays or is relayed by a
sure one of an outlet, a government or an organisation with another speaker (a chain: KCNA's
of the Politburo's report), or its form names its speaker (a transcript label, a signature,
"according to X").
Without that file the rules' scores stand (:mod:`evidence`) and nothing is dropped.

Why trees: the evidence matters in combinations a sum of weights cannot hold (a tagger's
content with no parse link to its cue and no speaker), and the tagger's own attributions,
most of the right ones the confidence dropped, are where they matter. On each of train's five
folds, trees gave a better end-to-end F1 than the logistic regression the engine shipped
before (see ``scripts/train_confidence.py``). The trees are learned by scikit-learn and kept as
plain arrays; reading them needs nothing but this module.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from attribution.nlp import weights
from attribution.nlp.evidence import MIN_SPEECH_WORDS

#: Lengths are read up to this many words: past it, a longer content says nothing more.
WORDS_READ = 60


@dataclass(frozen=True)
class Evidence:
    """What is known of one attribution when its confidence is judged."""

    how: str  # the way it was found ("ccomp", "adjacent", "learned", ...)
    kind: str  # direct, mixed or indirect
    rule_score: float  # the rules' own score for the way it was found (evidence.py)
    cue_lemma: str | None
    cue_share: float  # the cue lexicon's share for the cue word (0 without a cue)
    content_words: int
    quoted_words: int
    speaker_kind: str | None  # "person", "organisation", ... ; None without a speaker
    speaker_pronoun: bool
    tagged_content: float  # share of the content's characters the tagger marks CONTENT
    tagged_cue: bool  # the tagger marks the cue a CUE
    tagged_source: bool  # the tagger marks the speaker a SOURCE
    nested: bool  # inside another attribution's content
    titles: bool  # every quotation in it is in title case: a show, a book ("“Cake Boss”")
    cue_pos: str | None  # the cue's part of speech (VERB, NOUN, ADJ, ...)
    cue_governs: bool  # the parse hangs the content under its cue (within two steps)
    cue_gap: int  # words between the cue and the content
    speaker_subject: bool  # the speaker is the cue's subject (or its passive agent)
    first_line: bool  # in the article's first line (a headline)
    sentences: int  # how many sentences the content runs over


def _gap_bucket(words: int) -> str:
    return "0" if words <= 0 else "1-3" if words <= 3 else "4-8" if words <= 8 else "9+"


def features(e: Evidence) -> dict[str, float]:
    """The evidence as named features (absent features are 0)."""
    words = min(e.content_words, WORDS_READ)
    f: dict[str, float] = {
        "bias": 1.0,
        f"how={e.how}": 1.0,
        f"kind={e.kind}": 1.0,
        f"how={e.how}&kind={e.kind}": 1.0,
        "rule_score": e.rule_score,
        "cue_share": e.cue_share,
        f"cue={e.cue_lemma}": 1.0 if e.cue_lemma else 0.0,
        "no_cue": 0.0 if e.cue_lemma else 1.0,
        "log_words": math.log1p(words),
        "short": 1.0 if e.content_words < MIN_SPEECH_WORDS else 0.0,
        "log_quoted_words": math.log1p(min(e.quoted_words, WORDS_READ)),
        "speaker": 1.0 if e.speaker_kind else 0.0,
        f"speaker_kind={e.speaker_kind}": 1.0 if e.speaker_kind else 0.0,
        "speaker_pronoun": 1.0 if e.speaker_pronoun else 0.0,
        "tagged_content": e.tagged_content,
        f"tagged_content&kind={e.kind}": e.tagged_content,
        "tagged_cue": 1.0 if e.tagged_cue else 0.0,
        "tagged_source": 1.0 if e.tagged_source else 0.0,
        "nested": 1.0 if e.nested else 0.0,
        f"titles&kind={e.kind}": 1.0 if e.titles else 0.0,
        # How the cue stands to its content, read apart for each way of finding (the tagger's
        # attributions pair a content with the nearest cue, whatever the parse says).
        f"how={e.how}&cue_pos={e.cue_pos}": 1.0 if e.cue_pos else 0.0,
        f"how={e.how}&cue_governs": 1.0 if e.cue_governs else 0.0,
        f"how={e.how}&cue_gap={_gap_bucket(e.cue_gap)}": 1.0 if e.cue_pos else 0.0,
        f"how={e.how}&speaker_subject": 1.0 if e.speaker_subject else 0.0,
        "first_line": 1.0 if e.first_line else 0.0,
        "several_sentences": 1.0 if e.sentences > 1 else 0.0,
    }
    return {k: v for k, v in f.items() if v}


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class Judge(Protocol):
    """What the engine asks of a confidence: how likely an attribution is, and the threshold
    below which it is dropped."""

    threshold: float

    def probability(self, e: Evidence) -> float: ...


class Confidence:
    """A logistic regression over :func:`features`, with the threshold below which an
    attribution is dropped: the model the trees replaced, kept for comparison
    (``train_confidence.py --model linear``) and for judges of known weights in tests."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def probability(self, e: Evidence) -> float:
        return _logistic(weights.score(self.weights, features(e)))


@dataclass(frozen=True)
class Tree:
    """One regression tree as parallel arrays by node (node 0 the root): a node with a feature
    sends a value at most its threshold left and a larger one right; a leaf (feature -1) holds
    the tree's contribution to the log-odds."""

    feature: Sequence[int]
    threshold: Sequence[float]
    left: Sequence[int]
    right: Sequence[int]
    value: Sequence[float]

    def leaf_value(self, x: Sequence[float]) -> float:
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        i = 0
        while (f := feature[i]) >= 0:
            i = left[i] if x[f] <= threshold[i] else right[i]
        return self.value[i]


class BoostedConfidence:
    """Gradient-boosted trees over :func:`features` (an absent feature reads 0): the log-odds
    are a baseline plus each tree's leaf; with the threshold below which an attribution is
    dropped."""

    def __init__(self, names: Sequence[str], baseline: float, trees: Sequence[Tree],
                 threshold: float) -> None:
        self.names = list(names)
        self.index = {n: i for i, n in enumerate(self.names)}
        self.baseline = baseline
        self.trees = list(trees)
        self.threshold = threshold

    def with_threshold(self, threshold: float) -> BoostedConfidence:
        """The same trees, dropping below another threshold."""
        return BoostedConfidence(self.names, self.baseline, self.trees, threshold)

    def vector(self, f: Mapping[str, float]) -> list[float]:
        x = [0.0] * len(self.names)
        for k, v in f.items():
            i = self.index.get(k)
            if i is not None:
                x[i] = v
        return x

    def probability(self, e: Evidence) -> float:
        x = self.vector(features(e))
        return _logistic(self.baseline + sum(t.leaf_value(x) for t in self.trees))

    def to_dict(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "baseline": self.baseline, "features": self.names,
                "trees": [{"feature": list(t.feature), "threshold": list(t.threshold),
                           "left": list(t.left), "right": list(t.right),
                           "value": list(t.value)} for t in self.trees]}

    def save(self, path: Path, about: Mapping[str, object]) -> None:
        """Write the model as JSON (a tree a line), with a note of how it was made."""
        body = self.to_dict()
        trees = body.pop("trees")
        head = json.dumps({"about": about, **body}, indent=1)
        path.write_text(head[:-2] + ',\n "trees": [\n  '
                        + ",\n  ".join(json.dumps(t) for t in trees) + "\n ]\n}\n",
                        encoding="utf-8")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BoostedConfidence:
        trees = [Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]),
                      tuple(t["right"]), tuple(t["value"])) for t in data["trees"]]
        return cls(data["features"], data["baseline"], trees, data["threshold"])


def model_path() -> Path:
    return weights.data_file("confidence.json")


@lru_cache(maxsize=1)
def shipped() -> BoostedConfidence | None:
    """The shipped model, read once per process (None when the package holds none)."""
    data = weights.load(model_path())
    return None if data is None else BoostedConfidence.from_dict(data)
