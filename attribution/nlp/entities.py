"""In-article canonical names: who is who within one article.

* ``The Korean Central News Agency (KCNA)`` defines an acronym: later ``KCNA`` is the same entity;
* ``Kim Jong Un`` … ``Kim``: a later surname alone is the earlier full name;
* ``state media``, ``the agency``, ``North Korea’s state-run KCNA news agency``: descriptions that
  name (or are the only candidate for) an entity already in the article;
* ``it``, ``he``, ``the report``: pronouns and definite descriptions resolve to the right earlier
  mention, preferring recent speakers (the entity the article is currently quoting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from attribution.nlp.syntax import Sentence, Word
from attribution.nlp.types import Entity, EntityKind, Span

_MEDIA = re.compile(
    r"\b(news|agency|press|times|post|journal|tv|television|radio|broadcast\w*|media|newspaper|"
    r"gazette|tribune|herald|kcna|reuters|ap|afp|yonhap|cnn|bbc|nbc|abc|cbs|fox|msnbc|npr|"
    r"wire|magazine|daily)\b",
    re.I,
)
_NEWS_AGENCY = re.compile(r"\bnews agency\b|\bstate[- ]run\b.*\bagency\b|\bkcna\b|\bstate media\b",
                          re.I)
_GOVERNMENT = re.compile(
    r"\b(government|ministry|minister|committee|bureau|politburo|party|chiefs of staff|"
    r"department|administration|congress|senate|council|agency|military|army|navy|police|"
    r"court|white house|pentagon|authorities|regime|officials?|parliament|cabinet|embassy|"
    r"commission|office|state department|fbi|cia|nsa|spy)\b",
    re.I,
)
_PERSON_NOUNS = {
    "president", "leader", "spokesman", "spokeswoman", "spokesperson", "senator", "governor",
    "minister", "secretary", "chairman", "director", "official", "candidate", "nominee",
    "lawmaker", "representative", "mayor", "ambassador", "adviser", "advisor", "aide",
    "analyst", "expert", "professor", "author", "attorney", "lawyer", "judge", "chief",
    "man", "woman", "voter", "resident", "source", "congressman", "congresswoman",
}
PRONOUNS_PERSON = {"he", "she", "him", "her", "i", "me"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS_PLURAL = {"they", "them", "we", "us"}
# "state media" names the article's news agency where it has exactly one.
_STATE_MEDIA = re.compile(r"\bstate(?:-run)? (?:media|news|television|tv)\b", re.I)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_STOP_INITIAL = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "&", "’s", "'s"}


def entity_kind(name: str, ner: str | None = None) -> EntityKind | None:
    """Kind of entity a name denotes, from NER and the words in it."""
    if ner == "PERSON":
        return "person"
    if _MEDIA.search(name) and not re.search(r"\bspy agency\b|\bintelligence\b", name, re.I):
        return "media"
    if _GOVERNMENT.search(name):
        return "government"
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    if words & _PERSON_NOUNS or words & PRONOUNS_PERSON:
        return "person"
    if ner == "ORG":
        return "organisation"
    if ner == "LOC":
        return "government"
    return None


@dataclass
class _Entity:
    name: str
    kind: EntityKind | None
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    surname: str | None = None


class EntityTable:
    """The entities of one article and the resolution of speaker mentions to them."""

    def __init__(self, text: str, sentences: list[Sentence]):
        self.text = text
        self.sentences = sentences
        self.entities: list[_Entity] = []
        self._by_alias: dict[str, _Entity] = {}
        self._speakers: list[tuple[int, _Entity]] = []  # (offset, entity) of resolved speakers
        self._collect_ner()
        self._collect_acronyms()

    # -- building ---------------------------------------------------------------------------

    def _add(self, name: str, kind: EntityKind | None, start: int, end: int) -> _Entity:
        key = _key(name)
        ent = self._by_alias.get(key)
        if ent is None and kind == "person":
            surname = name.split()[-1].lower()
            ent = next((e for e in self.entities if e.kind == "person" and e.surname == surname),
                       None)
            if ent is not None and len(name) > len(ent.name):
                ent.name = name  # keep the fullest form as canonical
        if ent is None:
            ent = _Entity(name=name, kind=kind)
            if kind == "person":
                ent.surname = name.split()[-1].lower()
            self.entities.append(ent)
        ent.aliases.add(name)
        self._by_alias[key] = ent
        ent.mentions.append((start, end))
        return ent

    def _collect_ner(self) -> None:
        for sent in self.sentences:
            current: list[Word] = []
            label = ""
            for w in sent.words:
                tag = w.ner
                if tag.startswith(("B-", "S-")) or tag == "O":
                    if current:
                        self._ner_mention(current, label)
                    current, label = ([w], tag[2:]) if tag != "O" else ([], "")
                    if tag.startswith("S-"):
                        self._ner_mention(current, label)
                        current, label = [], ""
                elif tag.startswith(("I-", "E-")) and current:
                    current.append(w)
                    if tag.startswith("E-"):
                        self._ner_mention(current, label)
                        current, label = [], ""
            if current:
                self._ner_mention(current, label)

    def _ner_mention(self, words: list[Word], label: str) -> None:
        if label not in {"PERSON", "ORG", "LOC", "MISC"}:
            return
        while words and words[-1].upos == "PART":  # "Clinton 's"
            words = words[:-1]
        if not words:
            return
        start, end = words[0].start, words[-1].end
        name = self.text[start:end]
        if label in {"LOC", "MISC"}:
            return  # places and nationalities only matter as parts of speaker names
        self._add(name, entity_kind(name, label), start, end)

    def _collect_acronyms(self) -> None:
        for m in _ACRONYM.finditer(self.text):
            acro = m.group(1)
            long_form = _long_form(self.text, m.start(), acro)
            if not long_form:
                continue
            ls, le = long_form
            name = self.text[ls:le]
            old = self._by_alias.get(_key(acro))
            ent = self._by_alias.get(_key(name)) or self._add(name, entity_kind(name, "ORG"),
                                                              ls, le)
            ent.name = name
            ent.aliases.add(acro)
            self._by_alias[_key(acro)] = ent
            if old is not None and old is not ent and old in self.entities:
                ent.mentions.extend(old.mentions)
                ent.aliases |= old.aliases
                self.entities.remove(old)
                for k, v in list(self._by_alias.items()):
                    if v is old:
                        self._by_alias[k] = ent

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, words: list[Word]) -> tuple[str, EntityKind | None]:
        """Canonical name and kind for a speaker mention (the words as written)."""
        if not words:
            return "", None
        start, end = words[0].start, words[-1].end
        mention = self.text[start:end]
        head = _head(words)
        low = mention.lower()
        ent: _Entity | None = None
        if head is not None and head.upos == "PRON" or low in PRONOUNS_PERSON | PRONOUNS_THING \
                | PRONOUNS_PLURAL:
            ent = self._antecedent(low if head is None else head.lemma, start)
        else:
            ent = self._named(mention, start)
            if ent is None and head is not None and _definite(words):
                ent = self._description(head, start)
            if ent is None and _STATE_MEDIA.search(mention):
                media = [e for e in self.entities if e.kind == "media" and _NEWS_AGENCY.search(
                    " ".join(e.aliases))]
                if len(media) == 1:
                    ent = media[0]
        if ent is None:
            kind = entity_kind(mention, head.ner[2:] if head and head.ner != "O" else None)
            ent = self._add(mention, kind, start, end)
        else:
            ent.mentions.append((start, end))
            if not _definite(words) and head is not None and head.upos != "PRON":
                ent.aliases.add(mention)
        self._speakers.append((start, ent))
        return ent.name, ent.kind

    def _named(self, mention: str, start: int) -> _Entity | None:
        key = _key(mention)
        if key in self._by_alias:
            return self._by_alias[key]
        # Longest known alias inside the mention: "North Korea’s state-run KCNA news agency".
        best: _Entity | None = None
        best_len = 0
        for alias, ent in self._by_alias.items():
            if len(alias) > best_len and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", key):
                if ent.kind is None and len(alias) < 4:
                    continue
                best, best_len = ent, len(alias)
        if best is not None and best_len >= 3:
            return best
        # A person's surname alone.
        words = mention.split()
        if len(words) == 1:
            return next((e for e in self.entities if e.kind == "person"
                         and e.surname == words[0].lower()), None)
        return None

    def _description(self, head: Word, start: int) -> _Entity | None:
        """``the agency`` / ``the report``: the latest earlier entity with that head noun."""
        noun = head.lemma
        for _, ent in reversed(self._speakers):
            if re.search(rf"\b{re.escape(noun)}", " ".join(ent.aliases), re.I):
                return ent
        for ent in reversed(self.entities):
            if ent.mentions and ent.mentions[0][0] < start and re.search(
                rf"\b{re.escape(noun)}", ent.name, re.I
            ):
                return ent
        # An earlier noun phrase with the same head ("a report to a … meeting").
        for sent in self.sentences:
            for w in sent.words:
                if w.start >= start:
                    break
                if w.lemma == noun and w.upos == "NOUN":
                    np = _np_words(w)
                    s, e = np[0].start, np[-1].end
                    return self._add(self.text[s:e], entity_kind(self.text[s:e]), s, e)
        return None

    def _antecedent(self, pronoun: str, start: int) -> _Entity | None:
        if pronoun in PRONOUNS_PERSON:
            kinds: set[EntityKind | None] = {"person"}
        elif pronoun in PRONOUNS_THING:
            kinds = {"media", "government", "organisation", None}
        else:
            kinds = {"government", "organisation", "media", "person", None}
        for off, ent in reversed(self._speakers):
            if off < start and ent.kind in kinds:
                return ent
        best: tuple[int, _Entity] | None = None
        for ent in self.entities:
            if ent.kind not in kinds:
                continue
            earlier = [s for s, _ in ent.mentions if s < start]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), ent)
        return best[1] if best else None

    def public(self) -> list[Entity]:
        """The table as result types."""
        out = []
        for e in self.entities:
            mentions = sorted(set(e.mentions))
            out.append(Entity(
                name=e.name, kind=e.kind,
                aliases=sorted(a for a in e.aliases if a != e.name),
                mentions=[Span.of(self.text, s, t) for s, t in mentions],
            ))
        return out


def _key(name: str) -> str:
    name = name.replace("\u2019", "'").lower()
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,.")


def _head(words: list[Word]) -> Word | None:
    ids = {id(w) for w in words}
    for w in words:
        if w.head is None or id(w.head) not in ids:
            return w
    return words[0] if words else None


def _definite(words: list[Word]) -> bool:
    return bool(words) and words[0].lemma in {"the", "this", "that", "these", "those"}


def _np_words(noun: Word) -> list[Word]:
    """A noun phrase without relative clauses and trailing punctuation."""
    ws = noun.subtree(exclude=[c for c in noun.children if c.deprel in ("acl:relcl", "acl")])
    ws = [w for w in ws if w.upos != "PUNCT"] or [noun]
    return ws


def _long_form(text: str, paren: int, acro: str) -> tuple[int, int] | None:
    """The words before ``(ACRO)`` whose initials spell it."""
    before = text[max(0, paren - 200):paren]
    offset = paren - len(before)
    tokens = list(re.finditer(r"[\w’'\-]+", before))
    letters = acro.upper()
    i = len(letters) - 1
    j = len(tokens) - 1
    first = None
    while j >= 0 and i >= 0:
        word = tokens[j].group(0)
        if word.lower() in _STOP_INITIAL:
            j -= 1
            continue
        if word[0].upper() == letters[i]:
            first = tokens[j]
            i -= 1
            j -= 1
        else:
            return None
    if i >= 0 or first is None:
        return None
    end = offset + tokens[-1].end()
    return offset + first.start(), end
