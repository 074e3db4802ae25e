"""The reporting-cue lexicon: how likely a word is to introduce an attribution.

Learned from PolNeAR train by ``scripts/learn_cues.py`` (see :func:`learn`): for each word form
seen in an annotated cue, the share of its occurrences in train that annotators marked as a cue
(``noted`` 0.94, ``said`` 0.92, ``showed`` 0.59 …), smoothed towards zero for rare forms, and the
same counts pooled by lemma (``vow`` 0.81) so that an inflection train never showed is found
through Stanza's lemma. Counting needs no parse of train, so the lexicon is rebuilt in seconds.
Stored in ``data/cues.json`` and loaded once per process. The extractor still asks for a verbal
part of speech and a structure (a complement, a quote) before it takes a word as a cue.

A form is also counted where "to" follows it (``pledged to``), for the cues whose infinitive is
the content: "pledged" is in a cue for 0.29 of its uses in train, "pledged to" for about half
(22 of 42), and the share of all uses kept such cues out of the rules: "… who has repeatedly
pledged to ban all Muslims …" (HuffPost's editor's note) rested on the span tagger alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

# Lemmas that are reporting verbs in any dictionary; they cover forms train never showed.
CORE_VERBS = (
    "say tell report add write ask note announce suggest tweet describe argue call explain "
    "believe accuse acknowledge criticize criticise declare urge cite recall conclude claim "
    "respond reply agree propose state warn promise insist reveal predict pledge vow question "
    "dismiss blame deny admit confirm emphasize emphasise stress complain estimate testify "
    "indicate contend maintain assert allege concede observe mention remark boast charge "
    "caution recommend quote label condemn praise threaten demand decline refuse lament "
    "announce hint disclose inform notify remind assure speculate wonder continue"
).split()
CORE_SCORE = 0.5
# A word whose learned share is below this is never taken as a cue.
MIN_SCORE = 0.15
_FORM = re.compile(r"[A-Za-z]+")
_BEFORE_TO = re.compile(r"\b([A-Za-z]+)\s+to\b")


@dataclass(frozen=True)
class Lexicon:
    forms: dict[str, float]
    lemmas: dict[str, float]
    #: each form's share where "to" follows it (``pledged to``)
    before_to: dict[str, float] = field(default_factory=dict)

    def score(self, form: str, lemma: str) -> float:
        """How likely the word is a cue: its own form's share where train saw that form,
        else its lemma's (Stanza's lemma: "vows" scores as "vow" when train only had "vowed"),
        else a core reporting lemma's default."""
        p = self.forms.get(form.lower())
        if p is None:
            p = self.lemmas.get(lemma)
        if p is None:
            p = CORE_SCORE if lemma in _CORE else 0.0
        return p if p >= MIN_SCORE else 0.0

    def score_before_to(self, form: str, lemma: str) -> float:
        """How likely the word is a cue where "to" and its infinitive follow it: the share
        of the form before "to" where train saw it so, else :meth:`score`."""
        p = self.before_to.get(form.lower())
        if p is None:
            return self.score(form, lemma)
        return p if p >= MIN_SCORE else 0.0


_CORE = frozenset(CORE_VERBS)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped with the package (learned from PolNeAR train)."""
    data = json.loads(resources.files("attribution.nlp").joinpath("data/cues.json").read_text())
    return Lexicon(forms={k: float(v) for k, v in data["forms"].items()},
                   lemmas={k: float(v) for k, v in data["lemmas"].items()},
                   before_to={k: float(v) for k, v in data.get("before_to", {}).items()})


def learn(articles: Iterable[dict[str, Any]], prior: float = 3.0) -> dict[str, Any]:
    """Learn cue shares by word form from gold articles (PolNeAR JSON records).

    share = (occurrences inside a gold cue span) / (occurrences in the text + ``prior``); forms
    of fewer than three letters, or seen in a cue fewer than twice, are left out. The same for
    each form where "to" follows it (``before_to``).
    """
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    to_hits: Counter[str] = Counter()
    to_seen: Counter[str] = Counter()
    for article in articles:
        text = article["text"]
        seen.update(m.group(0).lower() for m in _FORM.finditer(text))
        cues = [(part["start"], part["end"]) for att in article["attributions"]
                if att.get("cue") for part in att["cue"].get("parts") or [att["cue"]]]
        for s, e in cues:
            hits.update(m.group(0).lower() for m in _FORM.finditer(text[s:e]))
        for m in _BEFORE_TO.finditer(text):
            form = m.group(1).lower()
            to_seen[form] += 1
            to_hits[form] += any(s <= m.start(1) < e for s, e in cues)
    forms = {
        form: round(n / (seen[form] + prior), 4)
        for form, n in hits.items()
        if n >= 2 and len(form) >= 3
    }
    # The same counts pooled by lemma, so an inflection train never showed still scores.
    lemma_hits: Counter[str] = Counter()
    lemma_seen: Counter[str] = Counter()
    for form, n in hits.items():
        lemma = verb_lemma(form, seen)
        lemma_hits[lemma] += n
    for form, n in seen.items():
        if form in hits:
            lemma_seen[verb_lemma(form, seen)] += n
    lemmas = {
        lemma: round(n / (lemma_seen[lemma] + prior), 4)
        for lemma, n in lemma_hits.items()
        if n >= 2 and len(lemma) >= 3
    }
    before_to = {
        form: round(n / (to_seen[form] + prior), 4)
        for form, n in to_hits.items()
        if n >= 2 and len(form) >= 3
    }
    return {
        "source": "PolNeAR train: share of each word form's (and lemma's) occurrences inside "
                  "annotated cues, and of each form's before \"to\"",
        "forms": dict(sorted(forms.items(), key=lambda kv: -kv[1])),
        "lemmas": dict(sorted(lemmas.items(), key=lambda kv: -kv[1])),
        "before_to": dict(sorted(before_to.items(), key=lambda kv: -kv[1])),
    }


_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
    "thought": "think", "knew": "know", "known": "know", "saw": "see", "seen": "see",
    "found": "find", "felt": "feel", "spoke": "speak", "spoken": "speak", "took": "take",
    "taken": "take", "made": "make", "gave": "give", "given": "give", "held": "hold",
    "brought": "bring", "sought": "seek", "understood": "understand", "heard": "hear",
    "meant": "mean", "led": "lead", "kept": "keep", "left": "leave", "met": "meet",
    "went": "go", "gone": "go", "got": "get", "began": "begin", "begun": "begin",
    "chose": "choose", "chosen": "choose", "forgot": "forget", "forgotten": "forget",
}


def verb_lemma(form: str, vocabulary: Counter[str] | dict[str, int]) -> str:
    """The base form of an English verb form, by rule: the candidate the corpus also uses as a
    word (noting → note, urged → urge, vowed → vow, cited → cite, cries → cry)."""
    if form in _IRREGULAR:
        return _IRREGULAR[form]
    candidates: list[str] = []
    for suffix in ("ing", "ed", "es", "s"):
        if form.endswith(suffix) and len(form) - len(suffix) >= 2:
            stem = form[: -len(suffix)]
            if suffix in ("ed", "es") and stem.endswith("i"):
                candidates.append(stem[:-1] + "y")
            candidates += [stem + "e", stem]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "planned" -> "plan"
            break
    for cand in candidates:
        if vocabulary.get(cand, 0) > 0:
            return cand
    return form
