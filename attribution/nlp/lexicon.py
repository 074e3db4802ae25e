"""The reporting-cue lexicon: how likely a lemma is to introduce an attribution.

Learned from PolNeAR train (``attribution nlp-learn-cues``, see :func:`learn`): for every verb
lemma, the share of its occurrences (with a clausal dependent or next to a quote) that annotators
marked as a cue, smoothed towards zero for rare lemmas. Stored in ``data/cues.json`` and loaded
once per process.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from attribution.nlp.syntax import Sentence

# Lemmas that are reporting verbs in any dictionary; they seed the lexicon where train is silent.
CORE_VERBS = (
    "say tell report add write ask note announce suggest tweet describe argue call explain "
    "believe accuse acknowledge criticize criticise declare urge cite recall conclude claim "
    "respond reply agree propose state warn promise insist reveal predict pledge vow question "
    "dismiss blame deny admit confirm emphasize emphasise stress complain estimate testify "
    "indicate contend maintain assert allege concede observe mention remark boast charge "
    "caution recommend quote label condemn praise threaten demand decline refuse lament "
    "announce hint disclose inform notify remind assure speculate wonder"
).split()
# Used where the learned share is below this: the verb is never taken as a cue.
MIN_SCORE = 0.12


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, float]

    def verb_score(self, lemma: str) -> float:
        p = self.verbs.get(lemma, 0.0)
        return p if p >= MIN_SCORE else 0.0


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped with the package (learned from PolNeAR train)."""
    data = json.loads(resources.files("attribution.nlp").joinpath("data/cues.json").read_text())
    verbs = {k: float(v) for k, v in data["verbs"].items()}
    for lemma in CORE_VERBS:
        verbs.setdefault(lemma, 0.5)
    return Lexicon(verbs=verbs)


def learn(
    articles: Iterable[tuple[dict[str, Any], list[Sentence]]], prior: float = 3.0
) -> dict[str, Any]:
    """Learn cue shares from gold articles (PolNeAR JSON) and their parses.

    A verb occurrence counts as a cue when a gold cue span covers it. The share is smoothed:
    ``cues / (seen + prior)`` so a lemma seen once is not trusted fully.
    """
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for article, sentences in articles:
        cue_spans = [
            (p["start"], p["end"])
            for att in article["attributions"]
            if att.get("cue")
            for p in (att["cue"].get("parts") or [att["cue"]])
        ]
        for sent in sentences:
            for w in sent.words:
                if w.upos not in {"VERB", "AUX"}:
                    continue
                seen[w.lemma] += 1
                if any(s <= w.start and w.end <= e for s, e in cue_spans):
                    cued[w.lemma] += 1
    verbs = {
        lemma: round(cued[lemma] / (n + prior), 4)
        for lemma, n in seen.items()
        if cued[lemma] >= 2
    }
    return {
        "source": "PolNeAR train (share of verb occurrences annotated as attribution cues)",
        "verbs": dict(sorted(verbs.items(), key=lambda kv: -kv[1])),
    }
