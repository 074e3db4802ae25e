"""Speakers in the store: who an article's speaker mentions are across articles.

An alias is evidence, not a global key. A mention joins a speaker of other articles only
through an identifying name (:func:`attribution.provenance.identify`): a person's full name, an
organisation's proper name, a known news agency. Everything else (a surname the article never
tied to a full name, "the senator", "a White House spokesman", "officials") becomes a speaker
local to its article, which no other article's mention can join. People and organisations are
never joined with each other. Works inside the caller's session and never commits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from attribution.nlp.entities import JOINED, PRONOUNS_PERSON, PRONOUNS_PLURAL, ROLE_NOUNS
from attribution.nlp.gender import PRONOUNS, of_name, of_names
from attribution.nlp.types import Entity
from attribution.provenance import (
    KNOWN_AGENCIES,
    ROLE_TITLES,
    Identity,
    agency_named,
    alias_key,
    clean_name,
    identify,
    is_proper_name,
    names_a_body,
    owned_person,
    quotation_spans,
    surname_alone,
)
from attribution.store.db import in_lists, one_of
from attribution.store.tables import Article, Speaker, SpeakerAlias

#: How far back (in characters: about two sentences of news copy) another person's mention
#: makes a pronoun or a description ambiguous (only people the pronoun agrees with count:
#: "she" is not made ambiguous by a man). The engine resolves pronouns without salience; on
#: the hand-labelled PolNeAR mentions (bench/speaker_identity.py) most of the speakers merged
#: wrongly across articles were such mentions next to another person's name.
AMBIGUITY_WINDOW = 300
#: Pronouns that stand for one person, relative pronouns included.
PERSON_PRONOUNS = frozenset(PRONOUNS_PERSON | {"who", "his", "hers", "whom"})
# A list or an apposition names several people or bodies.
_SEVERAL = re.compile(r",|;| and | & | or |\bwith\b", re.I)


def _titled_person(text: str) -> Identity | None:
    """The person ``text`` names in full right after a role or title ("House Speaker Paul
    Ryan", "Rep. Stephen Lynch"), or None: "Goldman Sachs" is a bank's name, "(WPK) Central
    Committee" the tail of a body's."""
    named = identify(text, "person")
    cleaned = clean_name(text)
    if named.key is None or not cleaned.endswith(named.name):
        return None  # a longer capitalised run after a role is a body's name (identify)
    before = cleaned[: -len(named.name)].split()
    role = bool(before) and before[-1].casefold().strip(".,") in ROLE_TITLES | ROLE_NOUNS
    return named if role else None


# Words that open a phrase around a name, never the name ("and his friend Donald Trump").
_NOT_NAME_START = frozenset("and or but of with his her their its a an".split())
# Words that never stand in a title before a name, whatever their case: a form holding one is
# a phrase about the person ("Some of Mrs. Clinton's", "Advisers to Mr. Rubio", a headline's
# "Hollywood Actor Who Endorsed Ted Cruz"). "of" may, after a title word ("Secretary of State
# Hillary Clinton").
_NOT_IN_A_TITLE = frozenset(
    "of to like on in at by for from with about against and or while that than as soon who "
    "which whose whom".split())
#: Words a form of a name has at most ("Presumptive Republican presidential nominee Donald
#: Trump" is six); a longer one is a clause the engine took for a speaker.
MAX_ALIAS_WORDS = 6


def _shortened_name(form: str, name: str) -> bool:
    """Is ``form`` the person's name ``name`` with words left out or a title put before it,
    their words in order and the last the same ("Suu Kyi" and "Aung San Suu Kyi", "Ki Hong"
    and "Justin Ki Hong", "Fr. Frank Pavone" and "Frank Pavone"), in two words or more? Such a
    form keys the person by another first word (:func:`identify` reads "Suu", "Fr."), and
    still names no one else: "Bill Clinton" is no form of "Hillary Clinton", nor "Donald
    Trump" of "Donald Trump Jr."."""
    a, b = ([w.casefold().strip(".,") for w in n.split()] for n in (form, name))
    if len(b) > max(len(a), 4):
        # an analysis's "name" that long is a headline the recogniser took for a person
        # ("Elizabeth Warren Hammers Wells Fargo"), not the full name of "Wells Fargo"
        return False
    short, long = sorted((a, b), key=len)
    if len(short) < 2 or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(w in rest for w in short)


def _names_the_speaker(form: str, identity: Identity) -> bool:
    """Is ``form`` a way of naming the speaker that a reader would look them up by: a title
    and the person's surname ("Mr. Trump", "Candidate Trump", not "Hillary Clinton's
    campaign"), or a short description of an organisation? Forms are kept as aliases."""
    words = form.split()
    if not words or len(words) > MAX_ALIAS_WORDS or "\n" in form or \
            words[0].casefold() in _NOT_NAME_START or re.search(r"\s[-–—]\s", form):
        return False  # nor a dateline run into a sentence ("ROME - Bernie Sanders")
    if identity.person:
        folded = [w.casefold() for w in words]
        if any(word in _NOT_IN_A_TITLE and not (
                word == "of" and before.strip(".") in ROLE_TITLES | ROLE_NOUNS)
               for before, word in zip(["", *folded], folded[:-1], strict=False)):
            return False  # "Advisers to Mr. Rubio", "candidates like Marco Rubio"
        if re.search(r"[’']s?$", words[-1]):
            return False  # "Witness Mr. Trump's": something of theirs, not a name for them
        theirs, said = of_names([identity.name]), of_names([form])
        if theirs is not None and said is not None and said != theirs:
            return False  # "Ms. Trump" is not Donald Trump
        surname = (identity.surname or "").split()
        return bool(surname) and [w.strip(".,").casefold() for w in words[-len(surname):]] \
            == surname
    # An organisation goes by descriptions too ("North Korea’s state-run KCNA news agency"),
    # but not with a parenthesis from a dateline ("WASHINGTON (Reuters)").
    return "(" not in form and ")" not in form


class SpeakerResolver:
    """Maps one article's entities to stored speakers, creating them and their aliases."""

    def __init__(
        self, session: Session, article: Article, entities: Sequence[Entity] = ()
    ) -> None:
        self.session = session
        self.article = article
        self.entities = {e.name: e for e in entities}
        self._cache: dict[tuple[str, str | None], Speaker] = {}
        # The words inside quotation marks: a person named there is spoken about, and is no
        # rival for the pronoun or role of the next attribution ("'They control Crooked
        # Hillary,' he said").
        self._quoted = quotation_spans(article.text or "")
        self._owned: dict[str, Identity | None] = {}
        # Cross-article speakers by the keys of their names (see _find): those stored, read
        # for every key the article's entities could be identified by in one query, and
        # those that took a name in this article, whose rows go in with the article's other
        # rows at its next flush. Looking each name up as it came, and flushing each new
        # speaker so that the next look-up found it, was a round trip or two a speaker.
        # What was read holds while the article's write turn (db.lock_for_writing) lasts.
        # Two maps, because a name taken here must be found before it is stored without
        # reading from the database whether some stored speaker holds it too.
        self._stored: dict[str, list[Speaker]] = {}
        self._named_here: dict[str, list[Speaker]] = {}
        self._load(self._keys_of_entities())

    def resolve(
        self, name: str, kind: str | None = None, mention: str | None = None,
        at: int | None = None,
    ) -> Speaker:
        """The stored speaker for in-article entity ``name`` (as mentioned by ``mention`` at
        offset ``at``).

        A mention that names a known agency (``North Korea’s state-run KCNA news agency``) is
        that agency, whatever entity the article's analysis grouped it under. A pronoun or a
        description ("she", "the senator") that another person mentioned just before could
        equally mean is a speaker of its own article: ambiguity is kept, not guessed.
        """
        named = self._person_named(name, kind, mention)
        if named is not None:
            # "House Speaker Paul Ryan" filed by the engine under the entity "House": the
            # mention names its person in full, and that person is the speaker.
            cache_key_person: tuple[str, str | None] = ("\0person", named.key)
            if cache_key_person not in self._cache:
                self._cache[cache_key_person] = self._global(named, "person", [named.name])
            return self._cache[cache_key_person]
        if mention is not None and at is not None and self._ambiguous(name, mention, at):
            # Local, but still one speaker per person the engine meant: "he" (Trump) and "he"
            # (Beebe) in one article stay two.
            cache_key: tuple[str, str | None] = (f"\0{name}", mention.casefold())
            if cache_key not in self._cache:
                self._cache[cache_key] = self._local(
                    Identity(clean_name(mention), None, True), "person", [mention]
                )
            return self._cache[cache_key]
        # One speaker per entity of the article, whatever words mention it ("Clinton", "Mrs.
        # Clinton"), unless the mention itself names an agency.
        cache_key = (name, self._agency_in(mention) if mention else None)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._resolve(name, kind, mention)
        return self._cache[cache_key]

    @cached_property
    def _people(self) -> set[str | None]:
        """The people the article's analysis found, by the keys of their names."""
        return {identify(n, "person").key for e in self.entities.values() if e.kind == "person"
                for n in (e.name, *e.aliases)} - {None}

    def _owned_person(self, text: str) -> Identity | None:
        """The person ``text`` names after whose they are (:func:`attribution.provenance.
        owned_person`: "Associated Press's Lisa Lerer", "Variety's Gordon Cox"), when the
        article's analysis found that person or their first name is a known given name:
        "Cleveland's Plain Dealer" and "Dan Loeb's Third Point" stay what they are."""
        if text not in self._owned:  # asked of one mention several times as it resolves
            owned = owned_person(text)
            trusted = owned is not None and (owned.key in self._people
                                             or of_name(owned.name) is not None)
            self._owned[text] = owned if trusted else None
        return self._owned[text]

    def _agency_in(self, text: str) -> str | None:
        """The known agency ``text`` names, unless it names a person of the agency."""
        return None if self._owned_person(text) is not None else agency_named(text)

    def _person_named(
        self, name: str, kind: str | None, mention: str | None
    ) -> Identity | None:
        """The person ``mention`` names in full when the article's analysis filed it under
        another entity: another person ("Hillary Clinton" filed under Bill Clinton), or, after
        a role, one that is no person ("House Speaker Paul Ryan" under the entity "House"),
        or after whose they are ("NBC’s Ali Vitali" under NBC); None otherwise."""
        entity = self.entities.get(name)
        if mention is None or _SEVERAL.search(mention) or self._agency_in(mention):
            return None
        owned = self._owned_person(mention)
        if owned is not None:
            # "NBC’s Ali Vitali" filed under the entity NBC: the reporter, not the network
            return owned if owned.key != identify(name, "person").key else None
        kind = kind or (entity.kind if entity else None)
        if kind == "person":
            # A full name identifies its person whatever the analysis guessed, unless it is
            # the analysis's name for them shortened or titled ("Suu Kyi" of Aung San Suu Kyi).
            own = identify(mention, "person")
            if own.key is not None and is_proper_name(clean_name(mention)) \
                    and own.key != identify(name, "person").key \
                    and not _shortened_name(own.name, name):
                return own
            return None
        if kind == "media":
            return None
        named = _titled_person(mention)
        if named is None or named.key == identify(name, "person").key:
            return None  # the entity's own name: resolved as the entity, with its aliases
        return named

    def _ambiguous(self, name: str, mention: str, at: int) -> bool:
        """Whether the article's resolution of ``mention`` to person ``name`` is a guess.

        It is for a plural pronoun ("they" is no one person); for a description without a role
        ("the lawsuit"); and for a pronoun or a role ("she", "the senator") when another person
        was named within ``AMBIGUITY_WINDOW`` characters before.
        """
        entity = self.entities.get(name)
        if entity is None or entity.kind != "person" or names_a_body(name):
            return False  # "Sanders’ campaign" tagged as a person is the campaign (_resolve)
        cleaned = clean_name(mention)
        # "Dean, a medical doctor,": a name and what the article says of them, which the
        # engine resolved by the name; unless what is said names others of that surname
        # ("Clinton, 35, the daughter of Bill and Hillary Clinton" is Chelsea), which keeps it
        # a guess ("Dean, …, poked at Trump's sniffing" names no other Dean).
        named_first, _, said_of = cleaned.partition(",")
        whole = identify(cleaned, "person") if said_of else None
        if whole is not None and whole.key is not None:
            # "Jeff Weaver, Sanders’ campaign manager": a full name says who, whatever is said
            # of them after it (provenance.identify drops that); a guess only if the engine
            # filed it under someone else, not under that name in full ("Suu Kyi, 70" under
            # Aung San Suu Kyi).
            return whole.key != identify(name, "person").key and not (
                _shortened_name(whole.name, name) and not JOINED.search(cleaned))
        surname = identify(named_first, "person").surname
        if said_of and is_proper_name(named_first.strip()) and \
                surname == identify(name, "person").surname \
                and not (surname and re.search(rf"\b{re.escape(surname)}\b", said_of.casefold())):
            cleaned = named_first.strip()
        words = cleaned.casefold().split()
        if words and words[0] in PRONOUNS_PLURAL:
            return True
        pronoun = bool(words) and words[0] in PERSON_PRONOUNS
        said = PRONOUNS.get(words[0]) if pronoun else None
        if said is not None and entity.gender not in (None, said):
            return True  # "she" filed under a man: the engine's guess went wrong
        if at in entity.topic:
            # the person the sentence before is about, and no one else it could be; or the one
            # person the article gave this role ("the senator" after "Sen. Ted Cruz")
            return False
        # Only people the pronoun could stand for compete with the entity: "she" next to
        # "Bill Clinton" can only be the woman the article was talking about.
        people = [e for e in self.entities.values() if e is not entity and e.kind == "person"
                  and (said is None or e.gender in (None, said))]
        if not pronoun and is_proper_name(cleaned):
            # A surname another person of the article bears is resolved by the engine to the
            # one the article mentions most, which news copy calls by surname alone: trusted.
            return False
        named = identify(cleaned, "person").key
        if not pronoun and named is not None and not _SEVERAL.search(cleaned):
            # A role before a full name ("former president Bill Clinton", "Presumptive
            # Democratic presidential nominee Hillary Clinton") names its person; one naming
            # someone other than the entity ("Clinton spokesman Jesse Ferguson") is a guess,
            # and so is an apposition naming several ("Clinton, 35, the daughter of ...").
            return named != identify(name, "person").key
        if not pronoun and not set(words) & ROLE_NOUNS:
            return True
        return any(
            at - AMBIGUITY_WINDOW <= m.start < at and not self._inside_quotation(m.start)
            for other in people for m in other.mentions
        )

    def _inside_quotation(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self._quoted)

    def _resolve(self, name: str, kind: str | None, mention: str | None) -> Speaker:
        entity = self.entities.get(name)
        if kind is None and entity is not None:
            kind = entity.kind
        by_mention = self._agency_in(mention) if mention else None
        by_name = self._agency_in(name)
        agency = by_mention or by_name
        if agency is not None:
            forms = [agency, *KNOWN_AGENCIES[agency][1]]
            if by_name == agency:
                forms += [name, *(entity.aliases if entity else [])]
            if mention and by_mention == agency:
                forms.append(mention)
            return self._global(Identity(agency, alias_key(agency), False), "media", forms)
        # An alias naming an agency belongs to the agency, not to this entity.
        forms = [name, *(a for a in (entity.aliases if entity else []) if not self._agency_in(a))]
        if kind in (None, "government", "other") and _titled_person(name) is not None:
            # "Rep. Stephen Lynch" with no kind from the tagger is a person, whether or not one
            # is stored yet: otherwise the first copy of an article made an organisation-like
            # speaker that later copies, once the person was stored, no longer found
            # (bench/concurrent_writers.py at 8 x 500).
            kind = "person"
        elif kind != "person" and self._owned_person(name) is not None:
            kind = "person"  # "Variety's Gordon Cox" tagged as an organisation is Gordon Cox
        if kind not in ("person", "media"):
            # The tagger's kinds slip ("Rep. Adam Schiff, the top Democrat on the House panel"
            # as government, "Trump" as an organisation): a full name with no kind or a
            # government's kind that is stored as a person is that person (an organisation
            # the tagger named stays one), and a lone surname of a person of this article is
            # that person.
            as_person = identify(name, "person")
            if kind in (None, "government", "other") and as_person.key is not None \
                    and (known := self._find(as_person)) is not None:
                return self._global(as_person, "person", forms, known)
            bearer = self._bearer_of(name)
            if bearer is not None:
                return self.resolve(bearer.name, "person", None)
        if kind == "person" and names_a_body(name):
            kind = "organisation"  # "Clinton Foundation" tagged as a person
        identity = identify(name, kind)
        if identity.key is None:
            return self._local(identity, kind, forms)
        return self._global(identity, kind, forms)

    def _bearer_of(self, name: str) -> Entity | None:
        """The one person of this article whose surname ``name`` is, alone or after a title,
        if any."""
        surname = surname_alone(name)
        if surname is None:
            return None
        people = [e for e in self.entities.values() if e.kind == "person" and e.name != name
                  and (full := identify(e.name, "person")).key is not None
                  and full.surname == surname]
        return people[0] if len(people) == 1 else None

    def _global(
        self, identity: Identity, kind: str | None, forms: list[str], known: Speaker | None = None
    ) -> Speaker:
        """The cross-article speaker ``identity`` names, created if new."""
        speaker = known or self._find(identity)
        if speaker is None:
            speaker = Speaker(name=identity.name, kind=kind)
            self.session.add(speaker)
        elif speaker.kind is None and kind:
            speaker.kind = kind
        self._add_aliases(speaker, identity, forms)
        return speaker

    def _find(self, identity: Identity) -> Speaker | None:
        """The cross-article speaker holding ``identity``'s key as a name, if any: the first
        stored, else the first this article named so."""
        assert identity.key is not None
        if identity.key not in self._stored:
            self._load([identity.key])
        holders = [*self._stored[identity.key], *self._named_here.get(identity.key, ())]
        # The oldest, as stored ids go; then those this article made, in the order it did.
        holders.sort(key=lambda s: (s.id is None, s.id or 0))
        # A person and an organisation never merge, whatever their names; a person's full
        # name stored with no kind (the tagger gave none) is that person ("Mark Cuban").
        return next((s for s in holders if (s.kind == "person") == identity.person
                     or (identity.person and s.kind is None)), None)

    def _keys_of_entities(self) -> set[str]:
        """The keys the article's entities can be identified by: each of their names and
        mentions, as a person and as what the analysis took them for (what resolve looks up,
        but for a few mentions that name an agency or a person filed under another entity)."""
        keys: set[str] = set()
        for entity in self.entities.values():
            forms = {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}
            for form in forms:
                for kind in {"person", entity.kind}:
                    key = identify(form, kind).key
                    if key is not None:
                        keys.add(key)
        return keys

    def _load(self, keys: Iterable[str]) -> None:
        """Read the stored cross-article speakers holding any of ``keys`` as a name, with
        their aliases, oldest first (a name two speakers hold is the first one's)."""
        keys = sorted(set(keys) - self._stored.keys())
        for key in keys:
            self._stored[key] = []
        for chunk in in_lists(self.session, keys):
            rows = self.session.execute(
                select(SpeakerAlias.key, Speaker)
                .join(SpeakerAlias.speaker)
                .where(
                    Speaker.article_id.is_(None),
                    SpeakerAlias.kind == "name",
                    one_of(self.session, SpeakerAlias.key, chunk),
                )
                .order_by(Speaker.id)
                .options(selectinload(Speaker.aliases))
            )
            for key, speaker in rows:
                if speaker not in self._stored[key]:
                    self._stored[key].append(speaker)

    def _local(self, identity: Identity, kind: str | None, forms: list[str]) -> Speaker:
        """A speaker known only in this article (its own speaker for each entity)."""
        speaker = Speaker(name=identity.name or clean_name(forms[0]), kind=kind,
                          article_id=self.article.id)
        self.session.add(speaker)
        self._add_aliases(speaker, identity, forms)
        return speaker

    def _add_aliases(self, speaker: Speaker, identity: Identity, forms: list[str]) -> None:
        """Record the forms this article used for the speaker, each with what it proves."""
        wanted: dict[str, tuple[str, str]] = {}
        if identity.key is not None:
            wanted[identity.key] = (identity.name, "name")
        for form in forms:
            cleaned = clean_name(form)
            # A list or an apposition the engine grouped under the speaker ("Hillary Clinton
            # and Bernie Sanders", "Clinton spokesman Jesse Ferguson") names others too.
            if not cleaned or _SEVERAL.search(cleaned):
                continue
            other = identify(cleaned, "person" if identity.person else speaker.kind)
            if identity.person and (
                (other.key is not None and other.key != identity.key)
                or (identity.surname and other.surname not in (None, identity.surname))
            ):
                continue  # another person's name or surname
            key = alias_key(cleaned)
            if other.key is not None and other.key == identity.key:
                kind = "name"  # another spelling of the same full name (Hillary Rodham Clinton)
            elif not identity.person and other.key is not None and speaker.article_id is None:
                kind = "name"  # an organisation's other proper name or acronym (FBI)
            else:
                kind = "mention"
            if speaker.article_id is None and not _names_the_speaker(cleaned, identity):
                continue  # "WASHINGTON (Reuters) - U.S. Democratic ...": not a name
            wanted.setdefault(key, (cleaned, kind))
            if other.surname:  # never another person's: those forms were skipped above
                wanted.setdefault(other.surname, (other.surname.title(), "surname"))
        if identity.surname:
            wanted.setdefault(identity.surname, (identity.surname.title(), "surname"))
        known = {a.key for a in speaker.aliases}
        for key, (alias, kind) in wanted.items():
            if key and key not in known:
                speaker.aliases.append(SpeakerAlias(alias=alias[:300], key=key[:300], kind=kind))
                if kind == "name" and speaker.article_id is None:
                    # Found by the article's next mention of them (_find) before it is stored.
                    self._named_here.setdefault(key[:300], []).append(speaker)
