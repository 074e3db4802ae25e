"""A light, typed view of a Stanza parse: words with character offsets, heads and children.

Stanza's multi-word tokens (``don't`` → ``do`` + ``n't``) give their words the token's offsets, so
every word here has a span in the article text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class Word:
    index: int  # position in the document's word list
    sent: int  # sentence number
    id: int  # 1-based id within the sentence
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head_id: int
    deprel: str
    start: int
    end: int
    ner: str = "O"
    head: Word | None = None
    children: list[Word] = field(default_factory=list)

    @property
    def rel(self) -> str:
        """The universal relation, without its subtype (``nsubj:pass`` → ``nsubj``)."""
        return self.deprel.split(":")[0]

    def kids(self, *rels: str) -> list[Word]:
        """Children whose deprel (or its universal part) is one of ``rels``."""
        return [c for c in self.children if c.deprel in rels or c.rel in rels]

    def marked_by(self, *lemmas: str) -> bool:
        """Does one of ``lemmas`` mark this word's phrase as its preposition ("*as* a threat",
        "*by* officials", "said *of* the Clintons")?"""
        return any(k.lemma in lemmas for k in self.kids("case"))

    def subtree(self, exclude: Iterable[Word] = ()) -> list[Word]:
        """This word and its descendants, in sentence order, without the subtrees in ``exclude``."""
        skip = {id(w) for w in exclude}
        out: list[Word] = []
        stack = [self]
        while stack:
            w = stack.pop()
            if id(w) in skip:
                continue
            out.append(w)
            stack.extend(w.children)
        return sorted(out, key=lambda w: w.id)

    def ancestors(self) -> Iterator[Word]:
        w = self.head
        while w is not None:
            yield w
            w = w.head

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.text}/{self.lemma}/{self.upos}/{self.deprel}>"


@dataclass
class Sentence:
    index: int
    words: list[Word]
    start: int
    end: int

    @property
    def root(self) -> Word | None:
        return next((w for w in self.words if w.head is None), None)


#: The rules read the four CoNLL entity types (and dates). Stanza's published English NER is
#: trained on OntoNotes' eighteen; its types are read as the CoNLL type that covers them, so the
#: engine runs the same on the published models (``attribution models download``).
ONTONOTES_TO_CONLL = {
    "GPE": "LOC", "FAC": "LOC", "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC",
}


def _conll(tag: str) -> str:
    """A BIOES tag with its type read as a CoNLL type (``B-GPE`` → ``B-LOC``)."""
    prefix, _, label = tag.partition("-")
    return f"{prefix}-{ONTONOTES_TO_CONLL[label]}" if label in ONTONOTES_TO_CONLL else tag


def _ner_tags(sentence: Any) -> dict[int, str]:
    """Map each token's start offset to its BIOES NER tag, in CoNLL types."""
    tags: dict[int, str] = {}
    for tok in sentence.tokens:
        tags[tok.start_char] = _conll(getattr(tok, "ner", None) or "O")
    return tags


def sentences_of(doc: Any) -> list[Sentence]:
    """Convert a Stanza Document into our word graph."""
    out: list[Sentence] = []
    index = 0
    for s_i, sent in enumerate(doc.sentences):
        tags = _ner_tags(sent)
        words: list[Word] = []
        for tok in sent.tokens:
            for w in tok.words:
                start = w.start_char if w.start_char is not None else tok.start_char
                end = w.end_char if w.end_char is not None else tok.end_char
                words.append(
                    Word(
                        index=index,
                        sent=s_i,
                        id=w.id,
                        text=w.text,
                        lemma=(w.lemma or w.text).lower(),
                        upos=w.upos or "X",
                        xpos=w.xpos or "",
                        feats=w.feats or "",
                        head_id=w.head or 0,
                        deprel=w.deprel or "dep",
                        start=start,
                        end=end,
                        ner=tags.get(tok.start_char, "O"),
                    )
                )
                index += 1
        by_id = {w.id: w for w in words}
        for w in words:
            if w.head_id and w.head_id in by_id and w.head_id != w.id:
                w.head = by_id[w.head_id]
                w.head.children.append(w)
        for w in words:
            w.children.sort(key=lambda c: c.id)
        if words:
            out.append(Sentence(s_i, words, words[0].start, words[-1].end))
    return out


def span_of(words: Iterable[Word]) -> tuple[int, int] | None:
    """The character envelope of some words, or None if there are none."""
    ws = list(words)
    if not ws:
        return None
    return min(w.start for w in ws), max(w.end for w in ws)


def has_proper_noun(words: Iterable[Word]) -> bool:
    """Do the words name someone: a proper noun among them ("Smith", "North Korean
    authorities"; not "he", "a spokesman", "officials")?"""
    return any(w.upos == "PROPN" for w in words)


def glued(words: Sequence[Word], i: int) -> bool:
    """Is ``words[i]`` glued to the words on both sides, a hyphen inside a word ("his strict
    plant-based diet", "Anne-Marie") and no dash set apart?"""
    return 0 < i < len(words) - 1 and words[i - 1].end == words[i].start and \
        words[i].end == words[i + 1].start


def roots_of(words: Sequence[Word]) -> list[Word]:
    """The words of a phrase whose head lies outside it, in order (one for a well-parsed
    phrase; several where the parse broke it)."""
    inside = {id(w) for w in words}
    return [w for w in words if w.head is None or id(w.head) not in inside]


def phrase_head(words: Sequence[Word]) -> Word:
    """The word that heads a phrase (the first whose head lies outside it)."""
    return next(iter(roots_of(words)), words[0])
