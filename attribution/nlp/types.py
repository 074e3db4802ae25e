"""What the extraction engine returns. Plain dataclasses: no Flask, no SQLAlchemy.

Every span is a pair of character offsets into the article text exactly as given, with
``text == article[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "mixed", "indirect"]
EntityKind = Literal["person", "organisation", "government", "media", "other"]
#: The pronoun a person takes: "m" he, "f" she (see :mod:`attribution.nlp.gender`).
Gender = Literal["m", "f"]
#: Decimal places an analysis records an attribution's confidence to.
CONFIDENCE_DIGITS = 3


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: str, start: int, end: int) -> Span:
        return cls(start, end, article[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(data["start"], data["end"], data["text"])


@dataclass(frozen=True)
class SpeakerMention:
    """A mention of who spoke, and the article-level entity it refers to (the store's
    ``Speaker`` is the cross-article person or organisation)."""

    start: int
    end: int
    text: str
    entity: str  # canonical in-article name ("Korean Central News Agency" for "it", "KCNA")
    entity_kind: EntityKind | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "entity": self.entity,
            "entity_kind": self.entity_kind,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpeakerMention:
        return cls(data["start"], data["end"], data["text"], data["entity"],
                   data.get("entity_kind"))


@dataclass(frozen=True)
class ChainLink:
    """One source in a chain: the original speaker first, then each relay."""

    text: str
    entity: str
    start: int
    end: int
    entity_kind: EntityKind | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "entity_kind": self.entity_kind,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChainLink:
        return cls(data["text"], data["entity"], data["start"], data["end"],
                   data.get("entity_kind"))


@dataclass
class Attribution:
    """One attribution: content, who said it (speaker), how (cue), through whom (chain)."""

    start: int
    end: int
    text: str
    kind: Kind
    speaker: SpeakerMention | None
    cue: Span | None
    chain: list[ChainLink] = field(default_factory=list)
    confidence: float = 0.5
    # A quote interrupted by its cue (“A,” he said. “B.”) is one statement: the envelope is
    # start/end, and ``parts`` are the quoted fragments.
    parts: list[Span] = field(default_factory=list)
    # The quotations inside the content, marks included (for a mixed quote, the speaker's own
    # words among the reporter's).
    quoted: list[Span] = field(default_factory=list)

    @property
    def recorded_confidence(self) -> float:
        """The confidence as the analysis records it (``to_dict``, the analysis cache, a job's
        result): what anything decided from an analysis must rank by, so that an analysis
        read back decides as the fresh one did."""
        return round(self.confidence, CONFIDENCE_DIGITS)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "chain": [link.to_dict() for link in self.chain],
            "confidence": self.recorded_confidence,
        }
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        if self.quoted:
            out["quoted"] = [q.to_dict() for q in self.quoted]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        """The inverse of :meth:`to_dict`."""
        return cls(
            start=data["start"],
            end=data["end"],
            text=data["text"],
            kind=data["kind"],
            speaker=SpeakerMention.from_dict(data["speaker"]) if data.get("speaker") else None,
            cue=Span.from_dict(data["cue"]) if data.get("cue") else None,
            chain=[ChainLink.from_dict(c) for c in data.get("chain", [])],
            confidence=data.get("confidence", 0.5),
            parts=[Span.from_dict(p) for p in data.get("parts", [])],
            quoted=[Span.from_dict(q) for q in data.get("quoted", [])],
        )


@dataclass
class Entity:
    """An in-article entity: its canonical name, kind and every name it goes by in the text."""

    name: str
    kind: EntityKind | None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    #: For a person, the pronoun the article (an honorific, a sure pronoun) or their given
    #: name says they take; else None.
    gender: Gender | None = None
    #: Offsets of the pronouns and roles read as this person beyond doubt: the person is the
    #: named subject of the main clause just before (or of a sure pronoun since), and no other
    #: person the pronoun agrees with is a subject since; or the article gave the role ("the
    #: senator") to this person alone. Others resolved to them are the engine's best guess.
    topic: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.gender is not None:
            out["gender"] = self.gender
        if self.topic:
            out["topic"] = list(self.topic)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(data["name"], data.get("kind"), list(data.get("aliases", [])),
                   [Span.from_dict(m) for m in data.get("mentions", [])], data.get("gender"),
                   list(data.get("topic", [])))


@dataclass
class Analysis:
    """Everything the engine found in one article."""

    quotes: list[Attribution]
    entities: list[Entity]
    # Sentence spans as Stanza split them (used to find uncredited restatements).
    sentences: list[Span] = field(default_factory=list)
    #: Quotations that read as speech (MIN_SPEECH_WORDS words or more) but that nothing in the
    #: article attributes: shown to a journalist apart from the attributions, never as one.
    unattributed: list[Span] = field(default_factory=list)
    #: Sentences too long for the parser that were cut into pieces (see nlp.models).
    long_sentences_cut: int = 0
    #: Offset where analysis stopped because the article's time budget ran out (the text from
    #: here on was not analysed); None when the whole article was.
    stopped_at: int | None = None

    @property
    def complete(self) -> bool:
        """Was the whole text analysed?"""
        return self.stopped_at is None

    def limits(self) -> list[str]:
        """What was left out or cut to keep memory and time bounded, in words."""
        said = []
        if self.long_sentences_cut:
            said.append(f"{self.long_sentences_cut} sentence(s) too long for the parser were "
                        "cut into pieces")
        if self.stopped_at is not None:
            said.append(f"the time budget ran out: the text from character {self.stopped_at} "
                        "on was not analysed")
        return said

    def to_dict(self, sentences: bool = False) -> dict[str, Any]:
        """Quotes and entities; with ``sentences``, everything :meth:`from_dict` needs."""
        out: dict[str, Any] = {
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "unattributed": [u.to_dict() for u in self.unattributed],
        }
        if self.long_sentences_cut:
            out["long_sentences_cut"] = self.long_sentences_cut
        if self.stopped_at is not None:
            out["stopped_at"] = self.stopped_at
        if sentences:
            out["sentences"] = [s.to_dict() for s in self.sentences]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """The inverse of ``to_dict(sentences=True)``."""
        return cls(
            quotes=[Attribution.from_dict(q) for q in data.get("quotes", [])],
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            sentences=[Span.from_dict(s) for s in data.get("sentences", [])],
            unattributed=[Span.from_dict(u) for u in data.get("unattributed", [])],
            long_sentences_cut=data.get("long_sentences_cut", 0),
            stopped_at=data.get("stopped_at"),
        )
