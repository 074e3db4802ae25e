"""The learned choice of speaker among the candidates for a cue.

The rules (:mod:`speakers`) propose one speaker for a cue, the span tagger (:mod:`tagger`)
marks the sources it sees in the cue's sentence, and the parse offers every noun phrase there.
Each of these is a *candidate*, described by a few dozen named features: who proposed it, its
dependency path to the cue, the preposition marking it ("said *of* X"), which side of the cue it
lies on and how far, whether it is a name, a person, a pronoun, a role ("spokesman"), and how
the attribution was found. A conditional logit (one weight per feature, a softmax over one
cue's candidates) scores them, and the best is the speaker. The weights are learned from
PolNeAR train by ``scripts/train_speaker_choice.py`` and ship in ``data/speaker_choice.json``;
without that file the rules' choice stands (with the tagger's lone source for a quotation).

Candidates are the same whichever Stanza models parse: the features read the Universal
Dependencies relations, the universal part-of-speech tags and the CoNLL entity types
(:data:`syntax.ONTONOTES_TO_CONLL`), which every English model has.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from attribution.nlp import weights
from attribution.nlp.entities import ROLE_NOUNS
from attribution.nlp.speakers import REPORTING_NOUNS, SUBJECT_RELS
from attribution.nlp.syntax import Word, has_proper_noun, phrase_head
from attribution.nlp.tagger import BELIEF_FLOOR, Beliefs

#: Relations whose dependants are not part of a speaker's name ("Clinton, who …" is Clinton;
#: "Kimball, director of X" is scored by its head either way).
_NOT_IN_NAME = {"acl", "acl:relcl", "appos", "conj", "cc", "parataxis", "ccomp", "advcl",
                "punct", "dep", "list", "orphan", "reparandum", "vocative", "discourse"}
#: Relations whose word is part of another word's name, never a phrase's head of its own.
_INSIDE_NAME = {"compound", "flat", "flat:name", "fixed", "goeswith", "det", "case", "amod",
                "nummod", "punct", "cc", "mark", "cop", "aux", "aux:pass"}
_PERSONAL = {"he", "she", "they", "i", "we", "you"}
#: Pronouns that never name who spoke (relative ones are resolved by the rules).
_NOT_A_SPEAKER = {"it", "that", "this", "which", "what", "there", "who", "whom"}
_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "morning", "afternoon", "evening", "night", "week", "month", "year",
}
#: The path between a candidate and its cue is read at most this many steps long: longer
#: paths are rare, and each has a weight of "long" instead.
_PATH_STEPS = 3
#: A cue's sentence offers at most this many parse candidates, nearest first: more are
#: almost never the speaker and only cost time.
MAX_PARSE_CANDIDATES = 12


@dataclass
class Candidate:
    """One reading of who speaks for a cue (no words: no one is named)."""

    words: list[Word]
    head: Word
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def parts(self) -> tuple[dict[str, float]]:
        return (self.features,)


def _path(a: Word, b: Word) -> str:
    """The dependency path from ``a`` up to the words' lowest common ancestor and down to
    ``b``: ``nsubj^`` (a is b's subject), ``nsubj^xcomp^`` (the subject ``b`` inherits),
    ``obj^vccomp`` and so on; ``long`` past :data:`_PATH_STEPS` steps."""
    up = [a, *a.ancestors()]
    up_ids = {id(w): i for i, w in enumerate(up)}
    down: list[Word] = []
    w: Word | None = b
    while w is not None and id(w) not in up_ids:
        down.append(w)
        w = w.head
    if w is None:
        return "none"
    i = up_ids[id(w)]
    if i + len(down) > _PATH_STEPS:
        return "long"
    rising = "".join(x.deprel + "^" for x in up[:i])
    falling = "".join("v" + x.deprel for x in reversed(down))
    return rising + falling or "self"


def _entity(w: Word) -> str:
    """The word's CoNLL entity type, or "none"."""
    kind = w.ner[2:] if w.ner != "O" else ""
    return kind if kind in {"PER", "PERSON", "ORG", "LOC", "MISC"} else "none"


def _features(c: Candidate, cue: Word, how: str, proposed: set[str], n_tagged: int,
              nearest: int, quotes: Sequence[tuple[int, int]]) -> dict[str, float]:
    h = c.head
    before = h.id < cue.id
    distance = abs(h.id - cue.id)
    path = _path(h, cue)
    ent = _entity(h)
    ent = "PER" if ent == "PERSON" else ent
    quoted = any(s <= h.start < e for s, e in quotes)
    marker = h.kids("case")
    case = marker[0].text.lower() if marker else "none"
    f: dict[str, float] = {
        "bias": 1.0,
        f"path={path}": 1.0,
        f"deprel={h.deprel}": 1.0,
        f"upos={h.upos}": 1.0,
        f"entity={ent}": 1.0,
        f"side={'before' if before else 'after'}": 1.0,
        f"side={'before' if before else 'after'}&how={how}": 1.0,
        "log_distance": math.log1p(distance),
        "nearest": 1.0 if nearest == 0 else 0.0,
        "rank": math.log1p(nearest),
        "log_words": math.log1p(len(c.words)),
        "personal_pronoun": 1.0 if h.lemma in _PERSONAL else 0.0,
        "role_noun": 1.0 if h.lemma in ROLE_NOUNS else 0.0,
        "reporting_noun": 1.0 if h.lemma in REPORTING_NOUNS else 0.0,
        "quoted": 1.0 if quoted else 0.0,
        "subject_of_cue": 1.0 if h.head is cue and h.deprel in SUBJECT_RELS else 0.0,
        "has_proper_name": 1.0 if has_proper_noun(c.words) else 0.0,
        "cue_has_subject": 1.0 if cue.kids(*SUBJECT_RELS) else 0.0,
        f"path={path}&upos={h.upos}": 1.0,
        f"deprel={h.deprel}&side={'before' if before else 'after'}": 1.0,
        f"entity={ent}&path={path}": 1.0,
        # who the cue's word makes its subject or object the speaker of: "X told Y" and "X
        # asked Y" name X; "Y was quoted" names Y
        f"cue={cue.lemma.lower()}&path={path}": 1.0,
        # the preposition that marks the candidate: "said *of* the Clintons" names whom it is
        # said about, "was said *by* X" who said it, "told *to* Y" whom to
        f"case={case}": 1.0,
        f"cue={cue.lemma.lower()}&case={case}": 1.0,
    }
    for who in sorted(proposed):
        f[f"by={who}"] = 1.0
        f[f"by={who}&how={how}"] = 1.0
        f[f"by={who}&path={path}"] = 1.0
    if "tagger" in proposed:
        f["by=tagger&alone"] = 1.0 if n_tagged == 1 else 0.0
    if proposed == {"parse"}:
        f["by=parse_only"] = 1.0
    return {k: v for k, v in f.items() if v}


def _dated(w: Word) -> bool:
    return w.ner[2:] in {"DATE", "TIME"} or w.deprel.endswith(":tmod") or w.lemma in _TIME_WORDS


def _phrase(head: Word, content: Sequence[tuple[int, int]]) -> list[Word]:
    """A parse candidate's words: the head's subtree without clauses, appositions, conjuncts,
    dates ("the board of elections on Monday") and anything inside the content, cut to the run
    of words around the head."""
    skip = [c for c in head.children if c.deprel in _NOT_IN_NAME or (
        c.id > head.id and any(_dated(x) for x in c.subtree()))]
    words = [w for w in head.subtree(exclude=skip)
             if not any(s <= w.start < e for s, e in content)]
    run = [head]
    by_id = {w.id: w for w in words}
    i = head.id - 1
    while i in by_id:
        run.insert(0, by_id[i])
        i -= 1
    i = head.id + 1
    while i in by_id:
        run.append(by_id[i])
        i += 1
    while run and run[0] is not head and run[0].upos in {"PUNCT", "CCONJ", "ADP"}:
        run.pop(0)
    while run and run[-1] is not head and run[-1].upos in {"PUNCT", "CCONJ", "ADP"}:
        run.pop()
    return run


def _whole_name(words: list[Word], sentence: Sequence[Word],
                content: Sequence[tuple[int, int]]) -> list[Word]:
    """A name the parse broke ("Senator" and "Smith" as two subjects) made whole: the proper
    nouns right before a candidate's first word and right after its last join it, when the
    candidate ends in a proper noun."""
    if not words or words[-1].upos != "PROPN":
        return words
    by_id = {w.id: w for w in sentence}

    def joins(w: Word | None, neighbour: Word) -> bool:
        return w is not None and w.upos == "PROPN" and not any(
            s <= w.start < e for s, e in content) and (
            max(w.start, neighbour.start) - min(w.end, neighbour.end) <= 1)

    out = list(words)
    while joins(by_id.get(out[-1].id + 1), out[-1]):
        out.append(by_id[out[-1].id + 1])
    while joins(by_id.get(out[0].id - 1), out[0]):
        out.insert(0, by_id[out[0].id - 1])
    return out


def _could_speak(w: Word) -> bool:
    if w.upos not in {"PROPN", "NOUN", "PRON"} or w.deprel in _INSIDE_NAME:
        return False
    if w.ner[2:] in {"DATE", "TIME"} or w.deprel == "nmod:tmod":
        return False
    return not (w.upos == "PRON" and ("Poss=Yes" in w.feats or w.lemma in _NOT_A_SPEAKER))


def candidates(cue: Word, sentence: Sequence[Word], content: Sequence[tuple[int, int]],
               rules: Sequence[Word], tagged: Sequence[Sequence[Word]], how: str,
               quotes: Sequence[tuple[int, int]], beliefs: Beliefs | None = None
               ) -> list[Candidate]:
    """Every reading of who speaks for ``cue``: the rules' speaker, the tagger's sources and the
    noun phrases of the cue's sentence outside the content and outside quotations the cue is
    not in, each with its features. Readings that share a head word are one candidate (the
    rules' or the tagger's words kept). ``beliefs``: the span tagger's in the cue's sentence,
    of which each candidate's head reads how likely it names a SOURCE (None where it did not
    read the sentence, or where its beliefs are another cue's: see ``extract``)."""
    own_quote = [(s, e) for s, e in quotes if s <= cue.start < e]
    foreign = [(s, e) for s, e in quotes if (s, e) not in own_quote]
    by_head: dict[int, tuple[Candidate, set[str]]] = {}

    def offer(words: list[Word], who: str) -> None:
        if not words:
            return
        h = phrase_head(words)
        if h.index in by_head:
            by_head[h.index][1].add(who)
            return
        by_head[h.index] = (Candidate(list(words), h), {who})

    offer(_whole_name(list(rules), sentence, content), "rules")
    for t in tagged:
        offer(_whole_name(list(t), sentence, content), "tagger")
    parse = [w for w in sentence if _could_speak(w) and w is not cue
             and not any(s <= w.start < e for s, e in content)
             and not any(s <= w.start < e for s, e in foreign)]
    parse.sort(key=lambda w: abs(w.id - cue.id))
    for w in parse[:MAX_PARSE_CANDIDATES]:
        offer(_whole_name(_phrase(w, content), sentence, content), "parse")
    out = []
    order = sorted(by_head.values(), key=lambda cw: abs(cw[0].head.id - cue.id))
    n_tagged = len(tagged)
    for nearest, (c, who) in enumerate(order):
        c.features = _features(c, cue, how, who, n_tagged, nearest, foreign)
        if beliefs is not None:
            p = max(beliefs.source.get(c.head.start, 0.0), BELIEF_FLOOR)
            c.features["log_p_source"] = math.log(p)
        out.append(c)
    # No one: PolNeAR leaves some sources unsaid ("It was a mistake, it was said"), and a
    # speaker named where there is none is an error the end-to-end score counts.
    silent = {"none": 1.0, f"none&how={how}": 1.0, "none&rules_silent": float(not rules),
              "none&tagger_silent": float(not tagged), "none&no_candidate": float(not out),
              **_unsaid(cue)}
    out.append(Candidate([], cue, {k: v for k, v in silent.items() if v}))
    return out


def _unsaid(cue: Word) -> dict[str, float]:
    """What of the cue itself tells that no one is named: its word ("seems", "reportedly":
    the writer's own inference or hearsay, which PolNeAR leaves without a source), its part of
    speech ("allegations that ..."), and a cue in the passive or with no subject, whose
    subject, if any, is who was spoken to ("Blumenthal was asked, ...", "when asked about
    ...")."""
    passive = bool(cue.kids("nsubj:pass", "aux:pass")) or (
        "VerbForm=Part" in cue.feats and not cue.kids("nsubj", "aux"))
    return {f"none&cue={cue.lemma.lower()}": 1.0, f"none&cue_upos={cue.upos}": 1.0,
            "none&cue_passive": float(passive),
            "none&cue_subjectless": float(not cue.kids(*SUBJECT_RELS))}


class SpeakerChoice(weights.Choice[Candidate]):
    """A conditional logit over a cue's candidates."""


def model_path() -> Path:
    return weights.data_file("speaker_choice.json")


@lru_cache(maxsize=1)
def shipped() -> SpeakerChoice | None:
    """The shipped weights, read once per process (None when the package holds none)."""
    data = weights.load(model_path())
    return None if data is None else SpeakerChoice(data["weights"])
