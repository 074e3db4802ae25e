"""Which sentences can hold an attribution, known before anything but the tokenizer has run.

The dependency parser, with the tagger and lemmatizer it needs, is most of the engine's time;
sentences that cannot hold an attribution get only the entity recogniser (their names still
count for the article: "Donald Trump" there makes a later "Trump" him). A sentence can hold
one when it has

* a word the cue lexicon knows at all (a form, or a lemma under a plain English inflection:
  ``vows`` for ``vow``), ``according`` among them; or
* a quotation mark or a colon ("Trump: ...", "the statement read: ...");

and it is not wholly inside a quotation: news attributes nothing inside quoted words (PolNeAR
annotates nothing there, and the span tagger skips those sentences for the same reason).

Chosen on held-out PolNeAR train (tagger fold 0, 80 articles): this parses 0.83 of the words
with the same scores (end-to-end soft F1 61.84 with every sentence parsed, 61.88 with these);
asking more of the cue word (a share of 0.3, 0.4, 0.5 instead of the lexicon's floor) parsed
0.74, 0.71, 0.69 of the words and lost 0.4, 0.9, 1.4 points.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from attribution.nlp.lexicon import CORE_VERBS, MIN_SCORE, default_lexicon
from attribution.nlp.quotes import find_quotations

_MARKS = re.compile(r"[\"“”‘’«»„:]|''|``")
#: Plain English inflections read back to a lemma: (ending, what replaces it).
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                ("ed", "e"), ("es", ""), ("d", ""), ("s", ""))


@lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    lexicon = default_lexicon()
    forms = frozenset(f for f, p in lexicon.forms.items() if p >= MIN_SCORE)
    lemmas = frozenset(w for w, p in lexicon.lemmas.items() if p >= MIN_SCORE) | set(CORE_VERBS)
    return forms, lemmas


def is_cue_word(word: str) -> bool:
    """Could the lexicon take this word for a cue (by its form, or its lemma as guessed)?"""
    forms, lemmas = _cue_words()
    word = word.lower()
    if word in forms or word in lemmas:
        return True
    return any(
        len(word) > len(ending) + 2 and word.endswith(ending)
        and word[: -len(ending)] + replacement in lemmas
        for ending, replacement in _INFLECTIONS
    )


def sentences_to_parse(text: str, sentences: Sequence[Any]) -> list[bool]:
    """For each tokenized sentence (Stanza's, offsets into ``text``), whether it needs the full
    parse."""
    quotations = find_quotations(text)
    wanted = []
    for sentence in sentences:
        tokens = sentence.tokens
        start, end = tokens[0].start_char, tokens[-1].end_char
        inside = any(q.start <= start and end <= q.end for q in quotations)
        wanted.append(not inside and (
            bool(_MARKS.search(text, start, end))
            or any(is_cue_word(form) for form in _forms(tokens))))
    return wanted


def _forms(tokens: Sequence[Any]) -> Iterator[str]:
    """Each token's text, and those of a multi-word token's words too (``States'`` is
    ``States`` and ``'``)."""
    for token in tokens:
        yield token.text
        if len(token.words) > 1:
            yield from (w.text for w in token.words)
