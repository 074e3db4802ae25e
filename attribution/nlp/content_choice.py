"""The learned choice of where a reported content begins and ends.

The rules (:mod:`speakers`) take a cue's content to be the clause the parse hangs under it, and
the parse's clause is often a little off from what a reader would call what was said: it runs
on into the reporter's own words ("…, he said, adding that …", "… because …"), stops short at
a colon, or starts a word early ("to") or late ("that he"). Of the 12,196 contents outside
quotation marks that the engine finds in PolNeAR train and matches to a gold one, the rules'
bounds are exactly right for 54 %; one of the readings below is right for 75 %.

This module offers, for one attribution in one sentence, every nearby reading of its bounds,
each an *option* described by named features:

* **ends**: the rules' end; the end just before each place the content can be cut (before a
  word that starts a new phrase of the parse, or after a comma, dash or semicolon), described
  by what the cut leaves out (its relation, first word, length, whether it holds another cue
  or a quotation, and what it hangs on: the cue, the source, another cue, another word outside
  the content, or a word kept); and the end pushed on to each later punctuation mark of the
  sentence, without crossing the cue or the speaker;
* **starts**: the rules' start, the first one or two words left out, the one or two words
  before taken in, or the start moved on to the marker of a clause in the content's first half
  ("making it clear to the judge *that* a sentence would …"), described by those words.

A conditional logit (one weight per feature, a softmax over one attribution's options) scores
them and the best are the content's bounds. A content is never cut inside a quotation, nor
before what its cue calls it ("described the deal *as a security threat*": PolNeAR's content
holds the "as" phrase), and the cue and speaker are never taken in. The weights are learned
from PolNeAR train by ``scripts/train_content_choice.py`` and ship in
``data/content_choice.json``; without that file the rules' bounds stand.

The features read the Universal Dependencies relations, universal part-of-speech tags and
lemmas, which every English Stanza model gives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from attribution.nlp import weights
from attribution.nlp.syntax import Word
from attribution.nlp.tagger import BELIEF_FLOOR, Beliefs

#: Parts of speech whose words are read by their lemma; others by the part of speech alone
#: (a cut before "because" says more than one before some noun).
_CLOSED = {"ADP", "SCONJ", "CCONJ", "PRON", "DET", "ADV", "PART", "AUX", "PUNCT", "NUM", "INTJ"}
#: At most this many words at the start are left out or taken in: PolNeAR's starts differ from
#: the rules' by one or two function words ("to", "that he", "about").
MAX_START_SHIFT = 2
#: Features also read beside how the attribution was found, its kind and the cue's side: a
#: content before its cue ("…, he said") ends otherwise than one after it.
_IN_CONTEXT = {"end=rules", "start=rules", "cut", "push", "push_to_sentence_end",
               "push_over_cue", "drop1", "drop2", "take1", "take2", "jump", "tagger_start",
               "tagger_end", "tagger_both"}
#: What a cut-out cue or speaker leaves at the edge of a piece of content.
_LOOSE = set(" \n\t,;")
_WORD = re.compile(r"\w")
#: Punctuation that ends a stretch of the sentence a content may run on to.
_STOPS = {",", ";", ":", "-", "--", "\u2013", "\u2014", "(", ")", ".", "!", "?"}


@dataclass
class Option:
    """One reading of a content's bounds: its fragments and what distinguishes it.

    The features come in parts (the start's, the end's, the tagger's agreement), which many
    readings share, so that a model scores each part once; the fragments are worked out when
    asked for, which only the chosen reading's are outside training."""

    start: int
    end: int
    parts: tuple[dict[str, float], ...]
    fragments: Callable[[int, int], list[tuple[int, int]]]
    score: float = 0.0

    @cached_property
    def content(self) -> list[tuple[int, int]]:
        return self.fragments(self.start, self.end)

    @cached_property
    def features(self) -> dict[str, float]:
        return {k: v for part in self.parts for k, v in part.items()}


def _word(w: Word) -> str:
    return w.lemma if w.upos in _CLOSED else w.upos


def _covers(frags: Sequence[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in frags)


def _top(words: Sequence[Word]) -> Word:
    """The first word of ``words`` whose head lies outside them (the phrase's top)."""
    ids = {id(w) for w in words}
    return next((w for w in words if w.head is None or id(w.head) not in ids), words[0])


def _clip(frags: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for s, e in frags:
        s2, e2 = max(s, start), min(e, end)
        if e2 > s2:
            out.append((s2, e2))
    return out


def _ends(end: int, words: Sequence[Word], sentence: Sequence[Word], cue_ids: Collection[int],
          blocked: Collection[int], quotes: Sequence[tuple[int, int]],
          own_cue: Collection[int] = ()) -> list[tuple[int, dict[str, float]]]:
    """Each end a content of ``words`` could have, with what tells it apart (``cue_ids``: the
    article's other cues; ``blocked``: this attribution's cue and source; ``own_cue``: its
    cue's words)."""
    out: list[tuple[int, dict[str, float]]] = [(end, {"end=rules": 1.0})]
    n = len(words)
    # Each word's head by position among ``words`` (-1: outside them), and what the words from
    # each position on hold, so that every cut is read in one pass.
    position = {id(w): i for i, w in enumerate(words)}
    head = [position.get(id(w.head), -1) if w.head is not None else -1 for w in words]
    real = [w.upos != "PUNCT" for w in words]
    words_from, cue_from, quote_from, verb_from = [0] * (n + 1), [False] * (n + 1), \
        [False] * (n + 1), [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        w = words[i]
        words_from[i] = words_from[i + 1] + real[i]
        cue_from[i] = cue_from[i + 1] or w.index in cue_ids
        quote_from[i] = quote_from[i + 1] or _covers(quotes, w.start)
        verb_from[i] = verb_from[i + 1] or w.upos == "VERB"
    last_kept = -1  # the last word (not punctuation) before the cut
    reach = -1  # the furthest head of a word before the cut
    for k in range(1, n):
        before = words[k - 1]
        if real[k - 1]:
            last_kept = k - 1
        reach = max(reach, head[k - 1])
        if last_kept < 0 or any(s <= before.start and words[k].start < e for s, e in quotes):
            continue  # nothing kept, or inside one quotation
        clean = reach < k  # no kept word hangs on a dropped one: the cut follows the parse
        if not clean and real[k - 1]:
            continue
        top_at = next((j for j in range(k, n) if head[j] < k), k)
        top = words[top_at]
        first = next((words[j] for j in range(k, n) if real[j]), words[k])
        # what the cut-out phrase hangs on: the cue itself ("defends his bona fides *in a
        # commercial*"), another word outside the content, or a word kept
        governor = top.head.index if top.head is not None else -1
        on = ("kept" if head[top_at] >= 0 else "cue" if governor in own_cue
              else "source" if governor in blocked else "other_cue" if governor in cue_ids
              else "outside")
        if on == "cue" and top.rel == "obl" and top.marked_by("as"):
            continue  # what it was called: "acknowledged … *as a significant shortcoming*"
        f = {
            "cut": 1.0,
            f"cut_rel={top.deprel}": 1.0,
            f"cut_first={_word(first)}": 1.0,
            f"cut_rel={top.deprel}&first={_word(first)}": 1.0,
            f"cut_after={'word' if real[k - 1] else before.text}": 1.0,
            "cut_log_words": math.log1p(words_from[k]),
            "cut_share": (n - k) / n,
            "cut_clean": 1.0 if clean else 0.0,
            "cut_holds_cue": 1.0 if cue_from[k] else 0.0,
            "cut_holds_quote": 1.0 if quote_from[k] else 0.0,
            "cut_verb": 1.0 if verb_from[k] else 0.0,
            f"cut_on={on}": 1.0,
        }
        out.append((words[last_kept].end, f))
    # pushed on to the next stops of the sentence, never over the cue or the speaker
    following = [w for w in sentence if w.id > words[-1].id]
    run: list[Word] = []
    over_cue = False
    for w in following:
        if w.index in blocked:
            if any(x.upos != "PUNCT" for x in run):
                break  # the content has gone on past words of its own: no further
            over_cue = True  # "The adjustment, they concluded, never happened"
            run = []
            continue
        if w.upos == "PUNCT" and w.text in _STOPS and run and run[-1].upos != "PUNCT":
            out.append((run[-1].end, _pushed(run, sentence, over_cue)))
        run.append(w)
    if run and run[-1].upos != "PUNCT":
        out.append((run[-1].end, _pushed(run, sentence, over_cue)))
    seen: dict[int, dict[str, float]] = {}
    for end, f in out:
        seen.setdefault(end, f)
    return list(seen.items())


def _pushed(run: Sequence[Word], sentence: Sequence[Word], over_cue: bool
            ) -> dict[str, float]:
    words = [w for w in run if w.upos != "PUNCT"]
    first = next((w for w in run if w.upos != "PUNCT"), run[0])
    last_word = next((w for w in reversed(sentence) if w.upos != "PUNCT"), sentence[-1])
    return {
        "push": 1.0,
        f"push_first={_word(first)}": 1.0,
        f"push_rel={_top(run).deprel}": 1.0,
        "push_log_words": math.log1p(len(words)),
        "push_to_sentence_end": 1.0 if run[-1] is last_word else 0.0,
        "push_over_cue": 1.0 if over_cue else 0.0,
    }


def _starts(start: int, words: Sequence[Word], sentence: Sequence[Word], blocked: Collection[int],
            quotes: Sequence[tuple[int, int]]) -> list[tuple[int, dict[str, float]]]:
    """Each start a content of ``words`` could have, with what tells it apart."""
    out: list[tuple[int, dict[str, float]]] = [(start, {"start=rules": 1.0})]
    for k in range(1, MAX_START_SHIFT + 1):
        if k >= len(words) or _covers(quotes, words[k - 1].start):
            break
        dropped = words[:k]
        f = {f"drop{k}": 1.0, f"drop_first={_word(dropped[0])}": 1.0,
             f"drop_last={_word(dropped[-1])}": 1.0, f"drop_rel={dropped[-1].deprel}": 1.0}
        out.append((words[k].start, f))
    half = len(words) // 2  # a clause that opens later is not what the cue reports
    for k in range(MAX_START_SHIFT + 1, half):
        w = words[k]
        if w.deprel == "mark" and not _covers(quotes, words[k - 1].start):
            out.append((w.start, {"jump": 1.0, f"jump_to={_word(w)}": 1.0,
                                  f"jump_over={_top(words[:k]).deprel}": 1.0,
                                  "jump_log_words": math.log1p(k)}))
            break
    earlier = [w for w in sentence if w.id < words[0].id]
    for k in range(1, MAX_START_SHIFT + 1):
        if k > len(earlier):
            break
        taken = earlier[-k:]
        if any(w.index in blocked or _covers(quotes, w.start) for w in taken):
            break
        if taken[0].upos == "PUNCT":
            continue
        f = {f"take{k}": 1.0, f"take_first={_word(taken[0])}": 1.0,
             f"take_last={_word(taken[-1])}": 1.0, f"take_rel={taken[-1].deprel}": 1.0}
        out.append((taken[0].start, f))
    return out


def _believed(beliefs: Beliefs, start: int, end: int) -> dict[str, float]:
    """A reading's features from the tagger's beliefs: the log of how likely it begins at
    ``start`` and ends at ``end`` (a linear score of logs is a product of the beliefs)."""
    return {"log_p_begin": math.log(max(beliefs.begins.get(start, 0.0), BELIEF_FLOOR)),
            "log_p_end": math.log(max(beliefs.ends.get(end, 0.0), BELIEF_FLOOR))}


def options(text: str, content: Sequence[tuple[int, int]], sentence: Sequence[Word],
            cue: Sequence[Word], source: Sequence[Word], other_cues: Collection[int],
            quotes: Sequence[tuple[int, int]], how: str, kind: str,
            tagged: Sequence[tuple[int, int]] = (), beliefs: Beliefs | None = None
            ) -> list[Option]:
    """Every reading of the bounds of ``content`` (within ``sentence`` of ``text``) for the cue
    ``cue``, the rules' first. ``other_cues`` are the word indices of the article's other cues;
    ``quotes`` its quotation marks' spans; ``tagged`` the span tagger's CONTENT spans in the
    sentence, ``beliefs`` how likely it finds a content to begin and end at each word (the
    sentence's :class:`tagger.Beliefs`; None where it did not read the sentence). A
    content that is not within one sentence has only its own reading."""
    if not content:
        return []
    words = [w for w in sentence if _covers(content, w.start) and w.upos != "PUNCT"]
    if not words or content[0][0] < sentence[0].start or content[-1][1] > sentence[-1].end:
        alone = ({"bias": 1.0, "end=rules": 1.0, "start=rules": 1.0},)
        return [Option(content[0][0], content[-1][1], alone, lambda _s, _e: list(content))]
    inside = [w for w in sentence if _covers(content, w.start)
              and words[0].id <= w.id <= words[-1].id]
    cue_and_source = [*cue, *source]
    blocked = {w.index for w in cue_and_source}
    cue_after = bool(cue) and cue[0].start >= content[-1][1]
    head = _top([w for w in inside if w.upos != "PUNCT"])
    context = [f"how={how}", f"kind={kind}", f"cue={'after' if cue_after else 'before'}",
               f"top={head.deprel}", f"cue_lemma={cue[-1].lemma if cue else 'none'}"]
    quotes = [(s, e) for s, e in quotes if s < sentence[-1].end and sentence[0].start < e]
    ends = _ends(content[-1][1], inside, sentence, set(other_cues) - {w.index for w in cue},
                 blocked, quotes, {w.index for w in cue})
    starts = _starts(content[0][0], inside, sentence, blocked, quotes)
    last_word = {end: _word_bounds(sentence, sentence[0].start, end)[1] for end, _ in ends}
    bounds_tagged = {_word_bounds(sentence, a, b) for a, b in tagged}
    tagged_starts = {lo for lo, _ in bounds_tagged}
    tagged_ends = {hi for _, hi in bounds_tagged}

    def conjoined(f: dict[str, float]) -> dict[str, float]:
        f = {k: v for k, v in f.items() if v}
        for k in [k for k in f if k in _IN_CONTEXT or k.startswith("cut_rel=")]:
            for c in context:
                f[f"{k}&{c}"] = 1.0
        return f

    # the features of a start and of an end are each the same in every pairing: built once
    starts = [(start, conjoined(f)) for start, f in starts]
    ends = [(end, conjoined(f)) for end, f in ends]
    agree = {k: [k, *(f"{k}&{c}" for c in context)]
             for k in ("tagger_start", "tagger_end", "tagger_both")}

    def fragments(start: int, end: int) -> list[tuple[int, int]]:
        frags = _clip(content, start, end)
        if start < content[0][0]:
            frags.insert(0, (start, content[0][0]))
        if end > content[-1][1]:
            frags.append((content[-1][1], end))
        return _without(text, frags, cue_and_source)

    bias = {"bias": 1.0}
    by_index = {w.index: w for w in sentence}
    out = []
    for start, sf in starts:
        lo = _word_bounds(sentence, start, sentence[-1].end)[0]
        for end, ef in ends:
            if end <= start:
                continue
            agreed: dict[str, float] = {}
            if beliefs is not None and lo >= 0 and last_word[end] >= 0:
                agreed.update(_believed(beliefs, by_index[lo].start,
                                        by_index[last_word[end]].end))
            if tagged:
                hi = last_word[end]
                for k, yes in (("tagger_start", lo in tagged_starts),
                               ("tagger_end", hi in tagged_ends),
                               ("tagger_both", (lo, hi) in bounds_tagged)):
                    if yes:
                        agreed.update(dict.fromkeys(agree[k], 1.0))
            out.append(Option(start, end, (bias, sf, ef, agreed), fragments))
    return out


def _without(text: str, frags: Sequence[tuple[int, int]], words: Sequence[Word]
             ) -> list[tuple[int, int]]:
    """``frags`` joined where they touch, without ``words`` (the cue and the speaker), each piece
    trimmed of the spaces and commas the words leave behind; pieces with no word go."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(frags):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    for w in words:
        if not any(s < w.end and w.start < e for s, e in merged):
            continue
        merged = [piece for s, e in merged for piece in ((s, min(e, w.start)), (max(s, w.end), e))
                  if piece[1] > piece[0]]
        merged = [(s, e) for s, e in (trim_piece(text, s, e) for s, e in merged)
                  if _WORD.search(text, s, e)]
    return merged


def trim_piece(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` without the spaces and commas a cut-out cue or speaker leaves at its
    edges."""
    while s < e and text[s] in _LOOSE:
        s += 1
    while e > s and text[e - 1] in _LOOSE:
        e -= 1
    return s, e


def _word_bounds(sentence: Sequence[Word], start: int, end: int) -> tuple[int, int]:
    """The first and last word (not punctuation) of ``[start, end)``, by index; -1 for none."""
    inside = [w.index for w in sentence if start <= w.start < end and w.upos != "PUNCT"]
    return (inside[0], inside[-1]) if inside else (-1, -1)


class ContentChoice(weights.Choice[Option]):
    """A conditional logit over a content's readings (the rules' reading, first, wins a tie)."""


def model_path() -> Path:
    return weights.data_file("content_choice.json")


@lru_cache(maxsize=1)
def shipped() -> ContentChoice | None:
    """The shipped weights, read once per process (None when the package holds none)."""
    data = weights.load(model_path())
    return None if data is None else ContentChoice(data["weights"])
