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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from attribution.nlp.gender import PRONOUNS, Gender, of_honorific, of_names
from attribution.nlp.quotes import ALL_MARKS
from attribution.nlp.syntax import Sentence, Word, glued, roots_of
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
# Nouns for people by their role: "the nominee said", "the spokeswoman told".
ROLE_NOUNS = {
    "president", "leader", "spokesman", "spokeswoman", "spokesperson", "senator", "governor",
    "minister", "secretary", "chairman", "director", "official", "candidate", "nominee",
    "lawmaker", "representative", "mayor", "ambassador", "adviser", "advisor", "aide",
    "analyst", "expert", "professor", "author", "attorney", "lawyer", "judge", "chief",
    "man", "woman", "voter", "resident", "source", "congressman", "congresswoman",
}
PRONOUNS_PERSON = {"he", "she", "him", "her", "i", "me"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS_PLURAL = {"they", "them", "we", "us"}
#: Pronouns that stand for no one named before them ("you" may: the one a quotation asks;
#: "one" may: "the convention, especially one that is nominating Hillary Clinton").
_NO_ONE_BEFORE = frozenset({
    "anyone", "anybody", "someone", "somebody", "everyone", "everybody", "nobody",
    "none", "each", "either", "neither", "another"})
# "state media" names the article's news agency where it has exactly one.
_STATE_MEDIA = re.compile(r"\bstate(?:-run)? (?:media|news|television|tv)\b", re.I)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
_LEADING_CLITIC = re.compile(r"['’]s\s+")
#: The line that ends an entry of a live blog ("The Latest: …", entries under a time, each
#: closed by "___."): each entry is written on its own, about whoever it is about.
_ENTRY_BREAK = re.compile(r"^_{3,}\.?[ \t]*$", re.M)
_SYNONYMS = {"politburo": "political bureau"}
_STOP_INITIAL = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "&", "’s", "'s"}
#: Lower-case particles inside people's names ("Bill de Blasio", "bin Salman").
NAME_PARTICLES = frozenset(
    "de del della da di la le van von der den du bin al el y".split())


#: Days, months and times of day: words the recogniser may run into a name ("Cruz Wednesday").
TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "morning", "afternoon", "evening", "night", "week", "month", "year",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})

_BODY = re.compile(r"\b(politburo|bureau|committee|party|agency|ministry|council|department|"
                   r"government|media|news|office|commission)\b", re.I)
#: A publication named "… Report" ("the Drudge Report", "The Cook Political Report", "the Hurun
#: Report"), which the recogniser often tags a person; by case, so that "the report" stays a
#: document.
_PUBLICATION = re.compile(r"\b[A-Z][\w.'’-]*\s+Report\b")
#: A party label ending a mention: "(D)", "(R-Fla.)", ", R-Mich." (most in parentheses never
#: reach the parse: :data:`models.PARTY_LABEL`).
_LABEL_AT_END = re.compile(r"(?:\s*\(\s*(?:D|R|I)(?:\s?[-\u2013\u2014]\s?[A-Z][A-Za-z.]*)?\s*\)?"
                           r"|,\s*(?:D|R|I)\s?[-\u2013\u2014]\s?[A-Z][A-Za-z.]*)[\s,.]*$")


def entity_kind(name: str, ner: str | None = None, head_end: int | None = None
                ) -> EntityKind | None:
    """Kind of entity a name denotes, from NER and the words in it. ``head_end``: where the
    phrase's head ends in ``name``, when known; a role after it is another's ("*some emails*
    between Clinton and President Obama" is no person, "former president Clinton" is one)."""
    publication = _PUBLICATION.search(name)
    # the tagger calls "Politburo" and "Drudge Report" persons
    if ner == "PERSON" and not _BODY.search(name) and not publication:
        return "person"
    if publication or _MEDIA.search(name) and not re.search(
            r"\bspy agency\b|\bintelligence\b", name, re.I):
        return "media"
    if _GOVERNMENT.search(name):
        return "government"
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    up_to_head = {w.lower() for w in re.findall(r"[A-Za-z]+", name[:head_end])}
    # A pronoun alone is a person; one before a noun says whose ("her menstrual cycle").
    if up_to_head & ROLE_NOUNS or len(words) == 1 and words & PRONOUNS_PERSON:
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
    plural: bool = False
    #: Offsets of pronouns read as this person beyond doubt (see _continues_topic).
    topic: list[int] = field(default_factory=list)
    #: The pronoun the article itself gives them, by a sure pronoun ("Aparna Mathur … she said").
    referred_as: Gender | None = None

    @property
    def gender(self) -> Gender | None:
        """The pronoun a person takes, from an honorific the article gave them ("Mrs.
        Clinton"), their given name, or a pronoun sure to stand for them; None for everyone
        else and when nothing says."""
        if self.kind != "person":
            return None
        return of_names(self.aliases | {self.name}) or self.referred_as


class EntityTable:
    """The entities of one article and the resolution of speaker mentions to them."""

    def __init__(self, text: str, sentences: list[Sentence],
                 quoted: Sequence[tuple[int, int]] = ()):
        self.text = text
        self.sentences = sentences
        # Spans inside quotation marks: their subjects are what someone said, not the story's.
        self._quoted = list(quoted)
        self._quoted_at: dict[int, bool] = {}  # _is_quoted's answers, asked again and again
        self.entities: list[_Entity] = []
        self._by_alias: dict[str, _Entity] = {}
        # (offset, entity) of resolved speakers and clause subjects: the antecedents of pronouns.
        self._speakers: list[tuple[int, _Entity]] = []
        self._acronyms: dict[str, str] = {}
        self._bags: dict[tuple[str, int], frozenset[str]] = {}
        breaks = [m.end() for m in _ENTRY_BREAK.finditer(text)]
        # Where each entry of a live blog starts (nothing for an article of one piece).
        self._entry_starts = [0, *breaks] if len(breaks) >= 2 else []
        self._collect_ner()
        self._collect_acronyms()
        self._merge_same_names()
        self._merge_first_names()
        self._merge_surnames_taken_for_bodies()
        self._subjects = self._collect_subjects()
        self._subject_entities: dict[int, _Entity | None] = {}
        # Person pronouns that are main-clause subjects, and whom each surely stands for.
        self._pronoun_subjects = [w for sent in sentences for w in sent.words
                                  if w.deprel == "nsubj" and w.upos == "PRON"
                                  and _is_main_subject(w) and w.lemma.lower() in PRONOUNS]
        self._pronoun_entities: dict[int, _Entity | None] = {}

    # -- building ---------------------------------------------------------------------------

    def _add(self, name: str, kind: EntityKind | None, start: int, end: int) -> _Entity:
        key = _key(name)
        if kind == "person" and (ent := self._named_in_entry(name, start)) is not None:
            ent.mentions.append((start, end))  # the surname stays whoever it named before
            return ent
        ent = self._by_alias.get(key)
        # A surname after an honorific or a title ("Mr. Clinton", "President Clinton": the
        # entity recogniser leaves those out of the name) is weighed where it stands, and
        # leaves the bare surname to whom it named before: Bill and Hillary Clinton are both
        # "Clinton", told apart by what comes before.
        title = self._title_of(name, start) if kind == "person" else ""
        titled = len(_given(name)) == 1 and _tells_apart(title)
        if kind == "person" and (ent is None or titled):
            ent = self._same_person(name, title) or self._outlet_short_for(name, person=True)
            if ent is not None and len(_given(name)) > len(_given(ent.name)):
                ent.name = name  # keep the fullest name (titles aside) as canonical
        elif ent is None and kind == "media":
            ent = self._outlet_short_for(name)
        if ent is None:
            ent = _Entity(name=name, kind=kind)
            if kind == "person":
                ent.surname = _surname(name)
            self.entities.append(ent)
        ent.aliases.add(name)
        if not titled or key not in self._by_alias:
            self._by_alias[key] = ent
        ent.mentions.append((start, end))
        return ent

    def _title_of(self, name: str, start: int) -> str:
        """The title of a person's name at ``start``: its own words before the surname
        ("President" of "President Clinton"), else the words written before it, which the
        entity recogniser leaves out of the name ("Mr." before "Clinton")."""
        words = name.split()
        return " ".join(words[:-1]) if len(words) > 1 else _title_before(self.text, start)

    def _same_person(self, name: str, title: str) -> _Entity | None:
        """The person already seen that ``name`` is another form of: a surname alone
        ("Clinton" after "Hillary Clinton"), a name cut short ("Kim Jong" / "Kim Jong Un"), or
        the same first name and surname ("Hillary Rodham Clinton"). Different first names, or
        a generational suffix on one side only, are different people: Bill and Hillary
        Clinton, Donald Trump and Donald Trump Jr. A surname alone is told apart by its
        ``title`` ("Mr. Clinton", "President Clinton": see ``_title_of`` and ``_who_fits``)."""
        if not _is_titled_name(name):
            return None  # words about someone ("Hillary Clinton is the first woman ...")
        # A title says what someone is, not who: "President Clinton" is a surname here.
        tokens = _given(name) or name.lower().split()
        people = [e for e in self.entities if e.kind == "person"]
        if len(tokens) == 1:
            return self._likeliest(self._who_fits(title, self._bearers(name))) \
                or _first_name_bearer(name, people)
        suffix = _suffix(name)
        for e in people:
            other = e.name.lower().split()
            if _suffix(e.name) != suffix:
                continue
            if _prefix(tokens, other) or _tail(tokens, _given(e.name)):
                return e
            if e.surname == _surname(name) and (len(other) == 1 or other[0] == tokens[0]):
                return e
        return None

    def _outlet_short_for(self, name: str, person: bool = False) -> _Entity | None:
        """The one news outlet of the article that a one-word name ends: "the Post" after
        "The Washington Post", "the Times" after "The New York Times"; or, for a name the
        recogniser took for a ``person``, the one publication named "… Report" it opens:
        "Hurun" after "the Hurun Report"."""
        words = _canonical(name).lower().split()
        if len(words) != 1:
            return None
        outlets = [e for e in self.entities if e.kind == "media"
                   and len(full := _canonical(e.name).lower().split()) > 1
                   and (full[0] == words[0] and bool(_PUBLICATION.search(e.name)) if person
                        else full[-1] == words[0])]
        return outlets[0] if len(outlets) == 1 else None

    def _who_fits(self, title: str, people: list[_Entity]) -> list[_Entity]:
        """Of the ``people`` a surname could name, those the ``title`` written before it fits.
        "Mr. Clinton" is not Hillary Clinton, nor "Mrs. Clinton" Bill: an honorific right
        before the surname keeps the people known to take its pronoun, else those nothing
        tells of (none, when every bearer is known to take the other). "President Clinton"
        is the Clinton the article gives that title ("former President Bill Clinton"), if it
        gives it to any."""
        words = title.split()
        said = of_honorific(words[-1]) if words else None
        if said is not None:
            people = [e for e in people if e.gender == said] \
                or [e for e in people if e.gender is None]
        roles = _title_roles(title)
        titled = [e for e in people if roles & self._roles_of(e)]
        return titled or people

    def _bearers(self, name: str) -> list[_Entity]:
        """The people of the article whose surname is the one ``name`` ends with."""
        surname = _surname(name)
        return [e for e in self.entities if e.kind == "person" and e.surname == surname]

    @staticmethod
    def _likeliest(people: list[_Entity]) -> _Entity | None:
        """Of several people a bare surname could name, the one the article mentions most
        (news copy calls its main subject by surname and qualifies the others)."""
        return max(people, key=lambda e: len(e.mentions), default=None)

    def _named_in_entry(self, mention: str, start: int) -> _Entity | None:
        """In a live blog, a surname alone at ``start`` is the one person of that surname the
        same entry named in full before it ("Homeland Security Secretary Jeh Johnson says …
        Johnson said", in a blog whose other entries are about Gary Johnson); None where the
        article is one piece, the mention is more than a surname, or the entry names no one
        or several of that surname."""
        lo = self._entry_start(start)
        if lo is None or len(_given(mention)) != 1:
            return None
        named = [e for e in self._bearers(mention)
                 if any(lo <= s < start and len(_given(self.text[s:t])) > 1
                        for s, t in e.mentions)]
        return named[0] if len(named) == 1 else None

    def _entry_start(self, pos: int) -> int | None:
        """Where the live blog's entry holding ``pos`` starts; None in an article of one piece."""
        if not self._entry_starts:
            return None
        return self._entry_starts[bisect_right(self._entry_starts, pos) - 1]

    def _collect_ner(self) -> None:
        borne = self._hyphenated_surnames()
        for sent in self.sentences:
            spans: list[tuple[list[Word], str]] = []
            current: list[Word] = []
            label = ""
            for w in sent.words:
                tag = w.ner
                if tag.startswith(("B-", "S-")) or tag == "O":
                    if current:
                        spans.append((current, label))
                    current, label = ([w], tag[2:]) if tag != "O" else ([], "")
                    if tag.startswith("S-"):
                        spans.append((current, label))
                        current, label = [], ""
                elif tag.startswith(("I-", "E-")) and current:
                    current.append(w)
                    if tag.startswith("E-"):
                        spans.append((current, label))
                        current, label = [], ""
            if current:
                spans.append((current, label))
            # "Kim Jong" PERSON + "Un" ORG: a name the tagger split is one person, and so are
            # "Anne" + "-" + "Marie Slaughter" and "Ashley Nash" + "-" + "Hahn", split at the
            # hyphen the tokenizer cut: three words in all, or a surname alone that a person
            # named in full in the article bears ("Holtz-Eakin"; "Clinton-Kaine" is two
            # people).
            merged: list[tuple[list[Word], str]] = []
            for words, lab in spans:
                prev = merged[-1][0] if merged and merged[-1][1] == "PERSON" else None
                if prev and all(w.text[:1].isupper() for w in words) and len(words) <= 2:
                    if prev[-1].id + 1 == words[0].id:
                        merged[-1] = (prev + words, "PERSON")
                        continue
                    # the hyphen between, as the word list has it (ids count from 1)
                    if words[0].id == prev[-1].id + 2 and _hyphen_at(sent.words, prev[-1].id) \
                            and (len(prev) + len(words) == 3 or len(prev) == len(words) == 1
                                 and self.text[prev[0].start:words[0].end] in borne):
                        merged[-1] = (prev + [sent.words[prev[-1].id]] + words, "PERSON")
                        continue
                merged.append((words, lab))
            for words, lab in merged:
                self._ner_mention(words, lab)

    def _hyphenated_surnames(self) -> set[str]:
        """The surnames with a hyphen that follow a given name the recogniser tagged a person's
        somewhere in the article ("Douglas *Holtz-Eakin*")."""
        out = set()
        for sent in self.sentences:
            ws = sent.words
            for i in range(1, len(ws) - 2):
                if ws[i - 1].ner[2:] == ws[i].ner[2:] == "PERSON" \
                        and ws[i - 1].text[:1].isupper() and _hyphen_at(ws, i + 1):
                    out.add(self.text[ws[i].start:ws[i + 2].end])
        return out

    def _ner_mention(self, words: list[Word], label: str) -> None:
        if label not in {"PERSON", "ORG", "LOC", "MISC"}:
            return
        # "Clinton 's" (an unparsed sentence's words have no part of speech: by the text)
        while words and (words[-1].upos == "PART" or _CLITIC.fullmatch(words[-1].text)):
            words = words[:-1]
        if not words or all(w.upos in _NEVER_A_NAME for w in words):
            return  # "Here" of "Here's Clinton", which the recogniser may take for a person
        start, end = words[0].start, words[-1].end
        # A quote mark the tokenizer left on a name ("Donald Trump‘") is not part of it, nor
        # a possessive run into the person named next ("Commentary’s Noah Rothman" as "’s
        # Noah Rothman"; a body's name may go on so: "People's Daily").
        if clitic := _LEADING_CLITIC.match(self.text, start, end):
            if label == "PERSON":
                start = clitic.end()
        else:
            while start < end and self.text[start] in ALL_MARKS:
                start += 1
        while end > start and self.text[end - 1] in ALL_MARKS:
            end -= 1
        name = self.text[start:end]
        if not name or label in {"LOC", "MISC"}:
            return  # places and nationalities only matter as parts of speaker names
        if label == "PERSON" and len(words) > 1 and words[-1].text.lower() in BODY_WORDS | {
                "house"}:
            # "a Hillary Clinton White House", "the Bernie Sanders campaign": a body named
            # after a person, not a longer name of that person.
            label = "ORG"
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
            self._acronyms[acro.lower()] = name
            self._by_alias[_key(acro)] = ent
            if old is not None and old is not ent and old in self.entities:
                self._merge(ent, old)

    def _merge_same_names(self) -> None:
        """One entity for names that are the same words in another order, acronyms spelled
        out: "WPK Political Bureau" = "Political Bureau of the Workers’ Party of Korea"."""
        for ent in list(self.entities):
            if ent not in self.entities or ent.kind == "person":
                continue
            bag = self._bag(ent.name)
            if len(bag) < 3:
                continue
            for other in list(self.entities):
                if other is ent or other.kind == "person" or self._bag(other.name) != bag:
                    continue
                keep, drop = (ent, other) if len(ent.name) >= len(other.name) else (other, ent)
                self._merge(keep, drop)
                if drop is ent:
                    break

    def _merge(self, keep: _Entity, drop: _Entity) -> None:
        """Fold ``drop`` into ``keep``: one entity, all the names and mentions of both."""
        keep.aliases |= drop.aliases | {drop.name}
        keep.mentions.extend(drop.mentions)
        self.entities.remove(drop)
        for k, v in list(self._by_alias.items()):
            if v is drop:
                self._by_alias[k] = keep

    def _merge_first_names(self) -> None:
        """A person called by first name alone ("Bill", "Hillary") is the one person of the
        article who bears that first name in full ("Bill Clinton"), whichever came first. Two
        bearers ("Donald Trump" and "Donald Trump Jr."), or none ("Chelsea", a New York
        neighbourhood the tagger took for a person), leave the name alone."""
        people = [e for e in self.entities if e.kind == "person"]
        for lone in people:
            bearer = _first_name_bearer(lone.name, [e for e in people if e is not lone])
            if bearer is not None:
                self._merge(bearer, lone)

    def _merge_surnames_taken_for_bodies(self) -> None:
        """A bare surname that the recogniser took for an organisation where a person of the
        article bears it is that person: "Trump" tagged ORG (or MISC, then ORG) in one
        sentence and "Donald Trump" PERSON in another are one man, whom "he" can stand for.
        The first mention's label names the entity, so one "Trump" read as a body made every
        later "Trump" a body: in 165 of PolNeAR train's 840 articles ("Trump" in 120 of them,
        then "Clinton", "Sanders", "Obama", "Bloomberg"). With one bearer the two are merged;
        with several ("Donald Trump", "Melania Trump") the surname stays apart, as a person.
        An acronym ("SVP") or a day ("Wednesday") is never a surname."""
        for ent in [e for e in self.entities if e.kind == "organisation"]:
            if len(ent.name.split()) != 1 or ent.name.isupper() or ent.name.lower() in TIME_WORDS:
                continue
            bearers = [p for p in self._bearers(ent.name) if len(_given(p.name)) >= 2]
            if len(bearers) == 1:
                self._merge(bearers[0], ent)
            elif bearers:
                ent.kind, ent.surname = "person", _surname(ent.name)

    def _collect_subjects(self) -> list[tuple[int, Word, list[Word]]]:
        """Subjects of main clauses, in order: the entities an article is talking about."""
        out = []
        for sent in self.sentences:
            for w in sent.words:
                if w.deprel in ("nsubj", "nsubj:pass") and w.upos in {"NOUN", "PROPN"} and (
                    w.head is not None and w.head.deprel in ("root", "parataxis", "ccomp", "conj")
                ):
                    out.append((w.start, w, _np_words(w)))
        return out

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, words: list[Word]) -> tuple[str, EntityKind | None]:
        """Canonical name and kind for a speaker mention (the words as written)."""
        ent = self._resolve(words)
        if ent is None:
            return "", None
        self._speakers.append((words[0].start, ent))
        return ent.name, ent.kind

    def peek(self, words: list[Word]) -> str:
        """The canonical name a pronoun would resolve to now (nothing is recorded)."""
        head = _head(words)
        if head is None or head.upos != "PRON":
            return ""
        ent = self._antecedent(head.lemma, words[0].start)
        return ent.name if ent else ""

    def _resolve(self, words: list[Word]) -> _Entity | None:
        if not words or all(_CLITIC.fullmatch(w.text) for w in words):
            return None  # "'s" of "Mrs. Clinton's", "’m" of "I’m": no one
        start, end = words[0].start, words[-1].end
        mention = self.text[start:end]
        head = _head(words)
        low = mention.lower()
        ent: _Entity | None = None
        if head is not None and (modified := self._relative_of(head)) is not None:
            # a relative pronoun stands for the noun its clause modifies, as surely as that
            # noun names them ("Sanders, who had said he would debate, ...")
            np = _np_words(modified)
            ent = self._resolve(np)
            noun = _head(np)
            if ent is not None and ent.kind == "person" and noun is not None \
                    and noun.upos == "PROPN":
                ent.topic.append(start)
        elif head is not None and head.lemma.lower() in _NO_ONE_BEFORE:
            pass  # "anyone", "nobody", "none": said by whoever it says, not the one before
        elif head is not None and head.upos == "PRON" or low in PRONOUNS_PERSON | PRONOUNS_THING \
                | PRONOUNS_PLURAL:
            pronoun = low if head is None else head.lemma
            ent = self._antecedent(pronoun, start)
            if ent is not None and self._continues_topic(ent, pronoun, start):
                ent.topic.append(start)
                ent.referred_as = ent.referred_as or PRONOUNS.get(pronoun)
        elif (named := _name_after_role(words, self.text)) is not None:
            # "Cruz spokeswoman Catherine Frazier", "Marquette pollster Charles Franklin": the
            # person named after the role, whoever the words before it name
            s, e = named[0].start, named[-1].end
            ent = self._named(self.text[s:e], s, named) or self._add(
                _canonical(self.text[s:e]), "person", s, e)
        else:
            ent = self._named(mention, start, words)
            if ent is None and head is not None and head.upos == "NOUN" and head.ner == "O" \
                    and _definite(words):
                # a name in the description tells it apart, before its noun ("the Clinton
                # campaign") or after ("the Democratic chair of Palm Beach County")
                ent = self._description(head, start, owned=any(
                    w.upos == "PROPN" and w is not head for w in words))
            if ent is None and _STATE_MEDIA.search(mention):
                ent = self._the_news_agency()
        if ent is None and (person := _person_apart(mention, words)) is not None:
            # someone new, named apart from their description: by the name alone
            ent = self._add(person, "person", start, end)
        elif ent is None:
            kind = entity_kind(mention, head.ner[2:] if head and head.ner != "O" else None,
                               head.end - start if head is not None else None)
            ent = self._add(_canonical(mention), kind, start, end)
            ent.plural = head is not None and "Number=Plur" in head.feats
        else:
            ent.mentions.append((start, end))
            if not _definite(words) and head is not None and head.upos != "PRON":
                ent.aliases.add(mention)
        return ent

    def _relative_of(self, pronoun: Word) -> Word | None:
        """The noun a relative pronoun stands for: the head its clause modifies, or, where the
        parse took the clause for a coordinate one ("risky for Cruz, who pointedly refused"),
        the proper name right before ", who"."""
        if pronoun.lemma not in {"who", "which", "that"}:
            return None
        if pronoun.head is not None and pronoun.head.deprel == "acl:relcl":
            noun = pronoun.head.head
            return (_described_by(noun) or noun) if noun is not None else None
        words = self.sentences[pronoun.sent].words
        at = words.index(pronoun)
        if pronoun.lemma == "who" and at >= 2 and words[at - 1].text == "," \
                and words[at - 2].upos == "PROPN":
            return words[at - 2]
        return None

    def _named(self, mention: str, start: int, words: list[Word] | None = None) -> _Entity | None:
        key = _key(mention)
        if (ent := self._named_in_entry(mention, start)) is not None:
            return ent
        if len(_given(key)) == 1 and _is_titled_name(mention):
            # A surname, perhaps after a title ("Clinton", "Mr. Clinton"): the person the
            # recogniser's mention of it here went to (see _add); else, after an honorific or
            # a title, whom it fits.
            bearers = self._bearers(key)
            here = [e for e in bearers
                    if any(start <= s < start + len(mention) for s, _ in e.mentions)]
            if len(here) == 1:
                return here[0]
            title = mention.rsplit(maxsplit=1)[0] if len(mention.split()) > 1 else ""
            if bearers and _tells_apart(title):
                return self._likeliest(self._who_fits(title, bearers))
        if key in self._by_alias:
            return self._by_alias[key]
        core = key
        head_word: str | None = None
        if words:
            # "North Korea’s state-run KCNA news agency" is the agency, not North Korea.
            head = _head(words)
            poss = [w for c in (head.children if head else []) if c.deprel == "nmod:poss"
                    for w in c.subtree()]
            kept = [w for w in words if w not in poss]
            if kept and poss:
                core = _key(self.text[kept[0].start:kept[-1].end])
            # A description ("the Sanders campaign", "an adviser to Bill Clinton") is about
            # whoever its head word names; a title and a name ("Sen. Bernie Sanders",
            # "Secretary of State John Kerry") are one proper name, matched as a whole.
            if not _is_titled_name(mention) and head is not None \
                    and head.lemma.lower() not in DESCRIPTOR_HEADS:
                head_word = _key(head.text)
        # the names set apart from what describes their bearer (:func:`_apart`)
        apart = [_key(name) for _, name in _apart(mention)]
        best: _Entity | None = None
        best_len = 0
        for alias, ent in self._by_alias.items():
            if len(alias) > best_len and alias in core and _whole_word(alias).search(core):
                if ent.kind is None and len(alias) < 4:
                    continue
                if ent.kind == "person" and _suffix(core) != _suffix(ent.name):
                    continue  # "Donald Trump Jr." is not "Donald Trump"
                if head_word is not None and head_word not in alias.split() and not (
                        ent.kind == "person" and " " in alias
                        and any(_whole_word(alias).search(a) for a in apart)):
                    # A name inside a mention that is about someone else: "the Sanders
                    # campaign", "an adviser to Bill Clinton"; not a person's full name set
                    # apart by commas from what describes them ("Tad Devine, Sanders' senior
                    # media adviser", which the parse may head by "adviser").
                    continue
                if ent.kind == "person" and _other_first_name(core, alias, ent.name):
                    continue  # "Hillary Clinton" is not Bill, whose surname is "Clinton"
                best, best_len = ent, len(alias)
        if best is not None and best_len >= 3:
            return best
        # The same words in another order, acronyms spelled out: "WPK Political Bureau" is
        # "the Political Bureau of the Workers’ Party of Korea".
        bag = self._bag(mention)
        if len(bag) >= 2:
            for ent in self.entities:
                if ent.kind != "person" and any(self._bag(a) == bag for a in ent.aliases):
                    return ent
            # ... or a shorter form of a longer name ("WPK Political Bureau" for "the Political
            # Bureau of the WPK Central Committee"): the one closest in size.
            wider = [(len(self._bag(a)), ent) for ent in self.entities if ent.kind != "person"
                     for a in ent.aliases if bag < self._bag(a)]
            if len(bag) >= 3 and wider:
                return min(wider, key=lambda t: t[0])[1]
        # A person's surname alone.
        parts = mention.split()
        if len(parts) == 1:
            return self._likeliest(self._bearers(mention))
        return None

    def _the_news_agency(self) -> _Entity | None:
        """The article's news agency, if it has exactly one (preferring one whose acronym the
        article defines over names in photo credits)."""
        media = [e for e in self.entities if e.kind == "media" and _NEWS_AGENCY.search(
            " ".join(e.aliases))]
        if len(media) > 1:
            media = [e for e in media if any(a.isupper() and len(a) > 1 for a in e.aliases)]
        return media[0] if len(media) == 1 else None

    def _bag(self, name: str) -> frozenset[str]:
        """The words of a name as a set, acronyms spelled out (memoised: a name is bagged again
        for every mention compared with it)."""
        key = (name, len(self._acronyms))
        if key not in self._bags:
            self._bags[key] = self._bag_of(name)
        return self._bags[key]

    def _bag_of(self, name: str) -> frozenset[str]:
        out: set[str] = set()
        for tok in re.findall(r"[\w]+", name.replace("\u2019", "'").lower()):
            tok = tok.removesuffix("'s")
            if tok in _STOP_INITIAL or tok == "s":
                continue
            expanded = self._acronyms.get(tok) or _SYNONYMS.get(tok)
            if expanded:
                out |= self._bag(expanded) if expanded.lower() != tok else {tok}
            else:
                out.add(tok.rstrip("s") if len(tok) > 3 else tok)
        return frozenset(out)

    def _description(self, head: Word, start: int, owned: bool = False) -> _Entity | None:
        """``the agency`` / ``the report``: the latest earlier entity with that head noun.
        ``owned``: a name in the description tells it apart from others with that head ("the
        Clinton campaign" is not "the Sanders campaign", "the chair of Palm Beach County" not
        the chair of Jefferson County); only a role is looked up ("the Florida senator")."""
        noun = head.lemma
        plural = "Number=Plur" in head.feats
        if noun in ROLE_NOUNS and plural:
            return None  # "the GOP leaders", "the judges": several people, none named before
        if noun in ROLE_NOUNS:
            people = [(max(s for s, _ in e.mentions if s < start), e) for e in self.entities
                      if e.kind == "person" and any(s < start for s, _ in e.mentions)]
            lo = self._entry_start(start)
            if lo is not None:
                # A live blog's entry is about whom it names, not the entries before it.
                people = [(s, e) for s, e in people if s >= lo] or people
            # "the senator" after "Sen. Ted Cruz", when he is the one senator the article has
            # named: that person, beyond doubt.
            titled = [e for _, e in people
                      if _is_titled_name(e.name) and noun in self._roles_of(e)]
            if len(titled) == 1:
                titled[0].topic.append(start)
                return titled[0]
            # Otherwise, "the Korean leader": the person the article last named (a guess).
            if people:
                return max(people, key=lambda t: t[0])[1]
        if owned:
            return None
        # The noun must head the earlier name, not qualify another noun in it: "the campaign"
        # is neither "Trump campaign spokesman Jason Miller" nor "a document on the Trump
        # campaign's website".
        # Nor is a body a person whose description ends in one: "the drafting committee" is
        # not "Rep. Elijah Cummings (D-Md.), chair of the Platform Committee".
        headed = _headed_by(noun, plural)
        body = noun.lower() in BODY_WORDS
        for _, ent in reversed(self._speakers):
            if not (body and ent.kind == "person") and any(headed.search(a) for a in ent.aliases):
                return ent
        for ent in reversed(self.entities):
            if ent.mentions and ent.mentions[0][0] < start and headed.search(ent.name) \
                    and not (body and ent.kind == "person"):
                return ent
        # An earlier noun phrase with the same head ("a report to a … meeting"), and the same
        # number: "the Democratic chair of …" is not one of the "party chairs" before it.
        for sent in self.sentences:
            for w in sent.words:
                if w.start >= start:
                    break
                if w.lemma == noun and w.upos == "NOUN" and ("Number=Plur" in w.feats) == plural:
                    np = _np_words(w)
                    s, e = np[0].start, np[-1].end
                    return self._add(_canonical(self.text[s:e]), entity_kind(self.text[s:e]), s, e)
        return None

    def _continues_topic(self, ent: _Entity, pronoun: str, start: int) -> bool:
        """Whether ``ent``, the antecedent found for a person pronoun at ``start``, is beyond
        doubt: the named subject of the last main clause before it, in this sentence or the
        one before (quotations aside), with no other person the pronoun agrees with as the
        subject of any clause since ("Mr. Cruz has sharpened his language amid attacks from
        Senator Marco Rubio. He has coined …"; not "McLenney said Clinton doesn't show
        consistency. 'It's not …,' she said")."""
        said = PRONOUNS.get(pronoun)
        if said is None or ent.kind != "person":
            return False
        here = next((i for i, s in enumerate(self.sentences) if s.start <= start <= s.end), None)
        if here is None:
            return False
        subjects = [(off, w, np) for off, w, np in self._subjects
                    if off < start and not self._is_quoted(off)]
        main = [t for t in subjects if _is_main_subject(t[1])]
        if not main:
            return False
        off, word, np = main[-1]
        # A sure pronoun subject since carries the topic on ("Mr. Cruz has sharpened … He has
        # coined … He expressed …").
        carried = [w for w in self._pronoun_subjects if off < w.start < start
                   and not self._is_quoted(w.start) and PRONOUNS.get(w.lemma.lower()) == said]
        if carried and self._sure_pronoun(carried[-1]) is ent:
            off, word, np = carried[-1].start, carried[-1], [carried[-1]]
        # Sentences wholly inside quotation marks between them are what someone said.
        between = [s for s in self.sentences[word.sent + 1:here]
                   if not (s.words and self._is_quoted(s.words[0].start)
                           and self._is_quoted(s.words[-1].start))]
        if len(between) > 0 or (word.upos != "PRON" and self._subject_entity(off, np) is not ent):
            return False
        if self._surname_shared(np):
            return False  # "Clinton" when the article has two: which one is itself a guess
        for other_off, _, other_np in subjects:
            other = self._subject_entity(other_off, other_np) if other_off > off else None
            if other is not None and other is not ent and other.kind == "person" \
                    and other.gender in (None, said):
                return False
        return True

    def _sure_pronoun(self, word: Word) -> _Entity | None:
        """The person a main-clause pronoun subject stands for beyond doubt, if any."""
        if word.start not in self._pronoun_entities:
            ent = self._resolve([word])
            self._pronoun_entities[word.start] = \
                ent if ent is not None and word.start in ent.topic else None
        return self._pronoun_entities[word.start]

    def _agreeing_since(self, ent: _Entity, off: int, said: Gender | None, start: int
                        ) -> _Entity | None:
        """For a "he" or "she" whose latest candidate ``ent`` (a clause subject or speaker at
        ``off``) is a person of unknown sex: the person known to take that pronoun whom the
        article mentioned last since, in any role ("Bernie Sanders whipped Hillary Clinton …,
        but she still has", where nothing tells Kasich's sex); None if there is none."""
        if said is None or ent.kind != "person" or ent.gender is not None \
                or len(_given(ent.name)) > 1:
            return None
        latest = [(max(m), e) for e in self.entities if e.kind == "person"
                  and e.gender == said and e is not ent
                  and (m := [s for s, _ in e.mentions if off < s < start
                             and not self._is_quoted(s)])]
        return max(latest, key=lambda t: t[0])[1] if latest else None

    def _roles_of(self, ent: _Entity) -> set[str]:
        """The roles the article gives a person by name: the role nouns among the words of
        their names as written and of the title just before a mention ("Sen. Ted Cruz",
        "Michael Tanner, an analyst at …")."""
        titles = [*ent.aliases, *(_title_before(self.text, s) for s, _ in ent.mentions)]
        return set().union(*map(_title_roles, titles))

    def _surname_shared(self, np: list[Word]) -> bool:
        """Is ``np`` a bare surname that several people of the article bear?"""
        return len(np) == 1 and len(self._bearers(np[0].text)) > 1

    def _subject_entity(self, off: int, np: list[Word]) -> _Entity | None:
        if off not in self._subject_entities:
            self._subject_entities[off] = self._resolve(np)
        return self._subject_entities[off]

    def _is_quoted(self, offset: int) -> bool:
        if offset not in self._quoted_at:
            self._quoted_at[offset] = any(s <= offset < e for s, e in self._quoted)
        return self._quoted_at[offset]

    def _antecedent(self, pronoun: str, start: int) -> _Entity | None:
        """The latest compatible speaker or clause subject before a pronoun."""
        if pronoun in PRONOUNS_PERSON:
            kinds: set[EntityKind | None] = {"person"}
        elif pronoun in PRONOUNS_THING:
            kinds = {"media", "government", "organisation", None}
        else:
            kinds = {"government", "organisation", "person", None}
        cands: list[tuple[int, _Entity]] = [(o, e) for o, e in self._speakers if o < start]
        taken = {o for o, _ in cands}
        for off, _, np in self._subjects:
            if off < start and off not in taken:
                ent = self._subject_entity(off, np)
                if ent is not None:
                    cands.append((off, ent))
                    taken.add(off)
        # "she" is never Bill Clinton: drop people the article or their name says take the
        # other pronoun (people nothing is known of agree with either).
        said = PRONOUNS.get(pronoun)
        if said is not None:
            cands = [(o, e) for o, e in cands if e.gender in (None, said)]
        cands.sort(key=lambda oe: oe[0])
        plural = pronoun in PRONOUNS_PLURAL
        # Known kinds first, number agreement first: "they" after "officials", not "state media".
        for known, agree in ((True, True), (True, False), (False, True), (False, False)):
            for off, ent in reversed(cands):
                if ent.kind in kinds and (ent.kind is not None or not known) and (
                    not agree or ent.plural == plural or ent.kind == "person"
                ):
                    return self._agreeing_since(ent, off, said, start) or ent
        best: tuple[int, _Entity] | None = None
        for ent in self.entities:
            if ent.kind not in kinds or said is not None and ent.gender not in (None, said):
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
                gender=e.gender,
                topic=sorted(set(e.topic)),
            ))
        return out


@lru_cache(maxsize=1024)
def _headed_by(noun: str, plural: bool = False) -> re.Pattern[str]:
    """A pattern finding a name that ``noun`` heads ("the campaign": "the Sanders campaign,"
    but not "Trump campaign spokesman Jason Miller"), in the same number: a singular noun as
    itself ("the chair" is not "the Democratic chairs from …"), a plural in any form."""
    ending = r"\w*" if plural else r"(?:['\u2019]s)?(?!\w)"
    return re.compile(rf"\b{re.escape(noun)}{ending}(?=\s*$|\s*[,;:)]|\s+{_AFTER_HEAD})",
                      re.I)


@lru_cache(maxsize=4096)
def _whole_word(alias: str) -> re.Pattern[str]:
    """A pattern finding ``alias`` as whole words (compiled once per alias)."""
    return re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")


def _prefix(a: list[str], b: list[str]) -> bool:
    """One name is the other cut short ("Kim Jong" / "Kim Jong Un"), two words at least."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and long[:len(short)] == short


def _is_main_subject(w: Word) -> bool:
    """Is ``w`` the subject of a sentence's main clause?"""
    return w.head is not None and w.head.deprel == "root"


#: Abbreviated titles, by the role noun they stand for ("Sen. Ted Cruz" is a senator).
_TITLE_ROLES = {"sen": "senator", "rep": "representative", "gov": "governor",
                "pres": "president", "sec": "secretary", "amb": "ambassador",
                "atty": "attorney", "prof": "professor", "congressman": "congressman",
                "congresswoman": "congresswoman"}


# The capitalised words, "of" and role nouns right before a name: its title ("Secretary of
# State", "presidential candidate").
_TITLE_BEFORE = re.compile(
    rf"(?:\b(?:[A-Z][\w.-]*|of|{'|'.join(sorted(ROLE_NOUNS))})[ \t]+)*$")


def _title_roles(title: str) -> set[str]:
    """The role nouns among the words of a title or name ("former President", "Sen.")."""
    words = {w.strip(".,()").lower() for w in title.split()}
    return {_TITLE_ROLES.get(w, w) for w in words} & ROLE_NOUNS


def _tells_apart(title: str) -> bool:
    """Whether ``title`` (the words before a surname) holds an honorific or a role, which
    tell apart people who share the surname (see ``EntityTable._who_fits``)."""
    words = title.split()
    return bool(words) and (of_honorific(words[-1]) is not None or bool(_title_roles(title)))


def _title_before(text: str, start: int) -> str:
    """The title written right before a name at ``start`` ("Mrs.", "former President"), in
    the name's own sentence: "Mr. Sanders. But Mrs." before "Clinton" is "But Mrs."."""
    found = _TITLE_BEFORE.search(text, max(0, start - 60), start)
    kept: list[str] = []
    for word in reversed(found.group().split() if found else []):
        if word.endswith(".") and word.strip(".").lower() not in _HONORIFICS | _TITLE_ROLES.keys():
            break  # a sentence ends there
        kept.append(word)
    return " ".join(reversed(kept))


def _first_name_bearer(name: str, people: list[_Entity]) -> _Entity | None:
    """The one person among ``people`` whose first name ``name`` is, when it is a lone word
    that is nobody's surname; None otherwise."""
    words = name.lower().split()
    if len(words) != 1 or any(e.surname == words[0] for e in people):
        return None
    bearers = [e for e in people if len(given := _given(e.name)) >= 2 and given[0] == words[0]]
    return bearers[0] if len(bearers) == 1 else None


def _tail(a: list[str], b: list[str]) -> bool:
    """One name ends the other, two words at least: "de Blasio" of "Bill de Blasio"."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and len(long) > len(short) and long[-len(short):] == short


# Parts of speech no word of a name has: a mention made only of such words names no one.
_NEVER_A_NAME = frozenset({"ADV", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT"})
# A word that is only a clitic or a possessive ending ("'s", "’m", "n't", "'ll"), or punctuation.
_CLITIC = re.compile(r"[\W_]*(?:['’](?:s|m|d|ll|re|ve)|n['’]t)?[\W_]*", re.I)

#: Words that may follow the head noun of a name ("a report to the meeting", "the Bureau of
#: Labor Statistics").
_AFTER_HEAD = r"(?:of|to|in|on|at|for|from|by|with|that|which|who)\b"

#: Last words that make a name a body's ("Clinton Foundation", "Hillary Clinton Campaign").
BODY_WORDS = frozenset(
    "foundation institute committee association council party center centre university "
    "college campaign administration agency department group fund project coalition union "
    "corporation company inc corp".split()
)


#: Generational suffixes: they tell a son from his father (Donald Trump Jr.).
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


# Heads that describe the name before them rather than name something else: "the KCNA news
# agency" is KCNA, while "the Sanders campaign" is not Sanders.
DESCRIPTOR_HEADS = frozenset(
    "agency newspaper daily paper outlet network channel broadcaster website site service wire "
    "magazine station".split()
)


def _is_titled_name(mention: str) -> bool:
    """Whether ``mention`` is a proper name, perhaps after a title: every word capitalised but
    particles, once leading articles and lower-case titles ("the", "former") are set aside."""
    words = mention.replace("\u2019", "'").split()
    while words and words[0].lower().strip(".") in {"a", "an", "the"} | _HONORIFICS:
        words = words[1:]
    return bool(words) and all(
        w[:1].isupper() or w.lower() in _STOP_INITIAL | NAME_PARTICLES for w in words
    )


#: Words that join people in a mention ("Sens. Johnny Isakson of Georgia and John Boozman of
#: Arkansas, both …"); and those or words that open a clause of their own.
JOINED = re.compile(r"\b(?:and|or|with|both)\b|&", re.I)
_JOINED_OR_CLAUSE = re.compile(rf"{JOINED.pattern}|\b(?:who|whom|which|that|when|where)\b",
                               re.I)


def _apart(mention: str) -> list[tuple[int, str]]:
    """The comma-separated parts of ``mention`` that are a name alone, perhaps after a title,
    the other parts describing its bearer, each with where it starts in ``mention``: before
    them ("*Tad Devine*, Sanders' senior media adviser", "*Rep. Elijah Cummings (D-Md.)*, chair
    of the Platform Committee") or after them ("the chairman of the Joint Chiefs of Staff, *Gen.
    Joseph F. Dunford Jr.*", "Rubio's deputy campaign manager, *Rich Beeson*, who …"). Not a
    part that opens with a lower-case word other than a title ("…, including economist Paul
    Krugman", "Joy Alessi, 50, *of Houston*") or that lists several ("Gwen Ifill and Judy
    Woodruff, two PBS journalists"), nor one after words that list or hold a clause of their
    own ("Eisenhower and his future secretary of State, John Foster Dulles"; "Kagan — who was
    an architect of the surge when the precursor to the Islamic State, Al Qaeda in Iraq,
    …")."""
    parts = mention.split(",")
    if len(parts) < 2:
        return []
    out = []
    at = 0
    for i, part in enumerate(parts):
        name = _canonical(part.strip())
        first = name.split()[0] if name else ""
        if first and (first[:1].isupper() or first.lower().strip(".") in _HONORIFICS) \
                and _is_titled_name(name) and not JOINED.search(name) and (
                i == 0 or not _JOINED_OR_CLAUSE.search(",".join(parts[:i]))):
            out.append((at + part.index(name), name))
        at += len(part) + 1
    return out


def _person_apart(mention: str, words: Sequence[Word]) -> str | None:
    """The one name of two words or more set apart in ``mention`` (:func:`_apart`; ``words``
    are its words) that the recogniser tags a person's: "*Gene Sperling*, a longtime Democratic
    policy maker who …"."""
    start = words[0].start if words else 0
    found = [name for at, name in _apart(mention) if len(name.split()) > 1 and any(
        w.ner[2:] == "PERSON" and at <= w.start - start < at + len(name) for w in words)]
    return found[0] if len(found) == 1 else None


def _given(name: str) -> list[str]:
    """The words of a person's name that are not a title ("President", "Sen.")."""
    return [t for t in name.lower().split()
            if t.strip(".") not in ROLE_NOUNS | _HONORIFICS | _TITLE_GLUE]


# Words inside a title ("Secretary of State", "Speaker of the House"), never a person's name.
_TITLE_GLUE = frozenset({"of", "the", "state", "house", "u.s.", "us"})


def _other_first_name(mention: str, alias: str, name: str) -> bool:
    """Whether ``mention`` names a person by a first name other than that of ``name`` (the
    entity ``alias`` belongs to): "hillary clinton" against Bill Clinton's alias "clinton"."""
    words = mention.split()
    known = name.lower().split()
    if len(words) < 2 or len(known) < 2 or alias.split() == words \
            or alias.split()[0] == known[0]:
        return False  # the alias holds the first name itself ("Democrat Hillary Clinton")
    at = words.index(alias.split()[0]) if alias.split()[0] in words else -1
    if at <= 0:
        return False
    given = words[at - 1].strip(".")
    # "President Clinton", "Mr. Trump": a title is no first name.
    return given != known[0] and given not in ROLE_NOUNS | _HONORIFICS and len(given) > 1


_HONORIFICS = frozenset("mr mrs ms miss dr sen rep gov gen former then sir madam ag lt col "
                        "capt sgt prof rev adm amb atty".split())


def _suffix(name: str) -> str | None:
    """A generational suffix ending a name ("Jr." in "Donald Trump Jr."), folded."""
    last = name.lower().replace(",", " ").split()[-1].strip(".") if name.split() else ""
    return last if last in NAME_SUFFIXES else None


def _surname(name: str) -> str:
    """A person's surname, folded: the last word that is not a generational suffix."""
    words = [w.strip(".,") for w in name.lower().replace("’", "'").split()]
    words = [w for w in words if w and w not in NAME_SUFFIXES] or words or [""]
    return words[-1].removesuffix("'s")


def _canonical(mention: str) -> str:
    """A name as a canonical label: no leading article ("The Political Bureau …") and no party
    label after it ("Sen. Jason Holsman (D)")."""
    return _LABEL_AT_END.sub("", re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)).strip(" ,")


def _key(name: str) -> str:
    name = name.replace("\u2019", "'").lower()
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,.")


#: What the words before a role may be, besides "of": a description of one person ("the Wall
#: Street Journal's deputy editorial page editor Bret Stephens", "former secretary of state
#: Hillary Clinton"), not several ("Sen. Bernie Sanders and former Maryland governor Martin
#: O'Malley") nor a clause about another ("a company controlled by the billionaire Paul
#: Allen"). VERB: the parser reads some nouns of a title as verbs ("policy *planning*
#: director").
_BEFORE_ROLE = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "VERB", "X"})


def _name_after_role(words: list[Word], text: str) -> list[Word] | None:
    """The person's name that ends a mention after a role ("Cruz *spokeswoman* Catherine
    Frazier", "Marquette *pollster* Charles Franklin", "*neurosurgeon* Ben Carson"): two proper
    nouns or more, tagged a person, after a lowercase noun; None for any other mention, and
    where the words before the role describe someone else or several people: a word outside
    :data:`_BEFORE_ROLE`, a plural noun ("three constitutional *scholars* -- Mr. Tribe"), or a
    person's name before "of" ("Andrew J. Pincus *of* the law firm Mayer Brown"). A party label
    after the name is left out ("a former U.S. congressman, Mark Siljander, R-Mich."). The
    parse often heads such a mention by its first word, another's name."""
    if words and (label := _LABEL_AT_END.search(text, words[0].start, words[-1].end)):
        words = [w for w in words if w.end <= label.start()]
    while words and words[-1].upos == "PUNCT":
        words = words[:-1]
    # the name: proper nouns from the end, a hyphen inside a word among them ("Anne-Marie")
    at = len(words)
    while at > 0 and (words[at - 1].upos == "PROPN" and words[at - 1].text[:1].isupper()
                      or _hyphen_at(words, at - 1)):
        at -= 1
    name = [w for w in words[at:] if w.upos != "PUNCT"]
    rest = [w for w in words[:at] if w.upos != "PUNCT"]  # "manager, Armstrong Williams"
    if len(name) < 2 or not rest:
        return None
    # the role by its form: the tagger often calls a lowercase role in a name a proper noun
    role, before = rest[-1], rest[:-1]
    if role.upos not in {"NOUN", "PROPN"} or not (role.text.isalpha() and role.text.islower()):
        return None
    if any(w.upos not in _BEFORE_ROLE and not (w.upos == "ADP" and w.lemma == "of")
           for w in before):
        return None
    if any(w.upos == "NOUN" and "Number=Plur" in w.feats and (w is role or w.deprel != "compound")
           for w in [*before, role]):
        return None  # several people, not "chief human *resources* executive Laszlo Bock"
    of = next((i for i, w in enumerate(before) if w.upos == "ADP"), None)
    if of is not None and any(w.ner[2:] == "PERSON" for w in before[:of]):
        return None
    return name if any(w.ner[2:] == "PERSON" for w in name) else None


def _hyphen_at(words: Sequence[Word], i: int) -> bool:
    """Is ``words[i]`` a hyphen inside a word ("Anne", "-", "Marie")?"""
    return 0 < i < len(words) and words[i].text in {"-", "\u2010"} and glued(words, i)


def _head(words: list[Word]) -> Word | None:
    """The word of ``words`` that heads the others. Where the parse broke a noun phrase into
    several ("nominee" and "Donald Trump", "Sanders" and "campaign" as two subjects), the
    last, as English noun phrases end in their head; "nominee Donald Trump" read as a title
    with the name in apposition is headed by the name."""
    if not words:
        return None
    ids = {id(w) for w in words}
    roots = roots_of(words)
    if not roots:
        return words[0]
    head = roots[0]
    between = [w for w in words if roots[0].id <= w.id < roots[-1].id]
    if len(roots) > 1 and roots[-1].upos in {"NOUN", "PROPN"} \
            and between[-1].upos in {"NOUN", "PROPN", "PUNCT", "PART"} and not any(
            w.text in {",", ";"} or w.upos == "CCONJ" for w in between):
        head = roots[-1]  # not "… on Saturday": a phrase of its own after the name
    if head.upos == "NOUN":
        name = next((c for c in head.children if c.deprel == "appos" and c.upos == "PROPN"
                     and c.id == head.id + 1 and id(c) in ids), None)
        return name or head
    return head


def _definite(words: list[Word]) -> bool:
    return bool(words) and words[0].lemma in {"the", "this", "that", "these", "those"}


def _described_by(noun: Word) -> Word | None:
    """The subject a predicate noun describes, for a relative clause on that noun: in "Trump
    is a serial liar, racist and birther who has pledged …" the one who pledged is Trump.
    None unless the noun is a common noun, it (or the first of the predicates it is coordinated
    with) has a copula, and the predicate has a name for its subject. On PolNeAR train that
    makes 17 relative pronouns their subject's, all rightly ("Freddy was a disappointment
    who…", "Angela …, an attorney who…", HuffPost's note on Trump in 13 articles); with common
    nouns for subjects it made 12, half of them wrongly ("the side … is thinkers who")."""
    first = noun
    # Up the coordination ("…, racist, misogynist and"), and through a coordinated adjective
    # the parse hung on a noun before it ("rampant xenophobe, racist": amod of "xenophobe").
    while first.head is not None and first.head.upos in ("NOUN", "PROPN", "ADJ") and (
            first.deprel == "conj" or (first.deprel == "amod" and first is not noun)):
        first = first.head
    if noun.upos != "NOUN" or not any(c.deprel == "cop" for c in first.children):
        return None
    # The predicate's own subject, or the subject it shares with a predicate before it
    # ("Trump incites violence and is a … birther who …").
    holders = [first] + ([first.head] if first.deprel == "conj" and first.head else [])
    return next((c for h in holders for c in h.children
                 if c.deprel == "nsubj" and c.upos == "PROPN"), None)


#: Dependents of a noun that are not part of its phrase: its preposition and conjunction
#: ("and birther" of "a racist, misogynist and birther"), and where the noun is a predicate,
#: its copula and subject ("it was Mr. Trump who …").
_NOT_THE_PHRASE = frozenset({"case", "cc", "cop", "nsubj", "expl"})


def _np_words(noun: Word) -> list[Word]:
    """A noun phrase without its clauses, what _NOT_THE_PHRASE leaves out, and punctuation."""
    clauses = [w for w in noun.subtree() if w.deprel in ("acl:relcl", "acl") and w is not noun]
    ws = noun.subtree(exclude=clauses + [c for c in noun.children
                                         if c.deprel in _NOT_THE_PHRASE])
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
