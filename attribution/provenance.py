"""Provenance rules: pure functions that decide what the evidence means.

No session and no database here (``store/`` applies these rules to stored rows, and
``ingest`` owns the transaction): which names identify someone across articles, which
attribution spans are a statement's own words, who is a statement's origin, which outlets an
article credits, and which of two articles is the one that reuses the other's prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from attribution.nlp.entities import BODY_WORDS, DESCRIPTOR_HEADS, NAME_PARTICLES, NAME_SUFFIXES
from attribution.nlp.quotes import find_quotations
from attribution.nlp.types import Analysis, Attribution, Span

if TYPE_CHECKING:  # rules read stored rows' attributes; they never query
    from attribution.store.tables import Article, Quote

#: Kinds of quote that carry the speaker's own words in quotation marks.
VERBATIM_KINDS = ("direct", "mixed")

#: A reuse link needs shared passages (``matching.MIN_PASSAGE_WORDS`` words or longer) holding
#: this many words outside quotation marks: a shared quote alone is the statement travelling,
#: not one article copying another's prose. PressTV 000 keeps 8 of the AP copy's own words
#: around the quotes it shares with it ("for strengthening solidarity with countries that are").
REUSE_MIN_WORDS = 6

#: Agencies that articles credit by name, with the kind of outlet each is and the names it goes
#: by. Credits to anything else come from the extraction engine's chains (entity kind "media").
KNOWN_AGENCIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Associated Press": ("wire", ("AP", "Associated Press", "The Associated Press")),
    "Reuters": ("wire", ("Reuters",)),
    "Agence France-Presse": ("wire", ("AFP", "Agence France-Presse")),
    "Yonhap": ("wire", ("Yonhap",)),
    "Korean Central News Agency": ("state media", ("KCNA", "Korean Central News Agency")),
    "Xinhua": ("state media", ("Xinhua",)),
    "TASS": ("state media", ("TASS",)),
}

_AGENCY_BY_ALIAS = {
    alias.casefold(): name for name, (_, aliases) in KNOWN_AGENCIES.items() for alias in aliases
}

# Acronyms match case-sensitively ("AP", not "ap"); names in any case.
_AGENCY_IN_TEXT = re.compile(
    "|".join(
        rf"(?<!\w){re.escape(alias) if len(alias) <= 5 else '(?i:' + re.escape(alias) + ')'}(?!\w)"
        for _, (_, aliases) in KNOWN_AGENCIES.items()
        for alias in sorted(aliases, key=len, reverse=True)
    )
)

# How an article credits an agency: "(AP)" datelines and "(Name/AP)" photo credits, "according
# to KCNA", or naming it next to a reporting verb ("KCNA reported Monday"; tried last). Merely
# naming an agency ("Reuters was expelled") credits nobody.
_CREDIT_LINE = re.compile(r"\((?:[^()\n]{0,120}/)?(AP|AFP|Reuters|KCNA|Yonhap|Xinhua|TASS)\)")

_ACCORDING_TO = re.compile(rf"(?i:according to)\s+(?:(?i:the)\s+)?({_AGENCY_IN_TEXT.pattern})")

_CREDIT_PATTERNS = [
    (_CREDIT_LINE, "credit line"),
    (_ACCORDING_TO, "according to"),
    (re.compile(f"({_AGENCY_IN_TEXT.pattern})"), "named"),
]

_REPORTING = re.compile(
    r"\b(?:said|says|say|reported|reports|reporting|told|tells|added|adds|cited|quoted|quoting|"
    r"announced|stated|carried|according)\b",
    re.I,
)

#: How near (in characters) a reporting verb must be for a named agency to be a credit.
REPORTING_WINDOW = 60


# --- names -------------------------------------------------------------------------------------


def alias_key(name: str) -> str:
    """Case-, apostrophe- and space-folded form of a name, for alias lookup."""
    folded = " ".join(name.replace("’", "'").casefold().split())
    return folded.removeprefix("the ")


def clean_name(name: str) -> str:
    """A mention as a name: no leading "the", no parenthetical acronym after it
    (``The Korean Central News Agency (KCNA`` → ``Korean Central News Agency``)."""
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", name.strip()) or name.strip()
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    return re.sub(r"^[\s,.;:•]+|[\s,.;:•]+$", "", name)


# --- who a name identifies across articles -----------------------------------------------------

#: Words a person's name has at most, particles, initials and a generational suffix aside
#: ("Martin Luther King Jr.", "Andrés Manuel López Obrador", "Mohammed bin Salman Al Saud").
MAX_NAME_WORDS = 4
# Titles and honorifics that stand before a person's name ("Sen. Ted Cruz", "former Secretary of
# State Hillary Clinton"): they say what someone is, not who.
_TITLE_WORDS = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor president pres vice former "
    "secretary state of gen general adm admiral lt col sgt judge justice mayor speaker "
    "chairman chairwoman chair leader minister prime prince princess king queen pope "
    "rev reverend sir lady lord attorney candidate nominee democratic republican presidential "
    "democrat gop ag "
    "u.s. us then-candidate then then-president first sheriff chief director ambassador "
    "commissioner councilman councilwoman congressman congresswoman assemblyman "
    "assemblywoman chancellor adviser advisor spokesman spokeswoman spokesperson "
    "whip house senate rival pastor rabbi imam wizard".split()
)
# Of those, the ones that are a role by themselves: a person's name may follow one anywhere in
# a capitalised run ("House Speaker Paul Ryan"); "of", "state" or "first" may stand inside a
# body's name ("Political Bureau of the Workers’ Party of Korea (WPK) Central Committee").
ROLE_TITLES = _TITLE_WORDS - frozenset(
    "of state former vice first then u.s. us democratic republican presidential democrat gop "
    "then-candidate then-president house senate rival".split()
)
# A word with a possessive "’s" ("Post's", "Carolina’s"), the owner its group.
_POSSESSIVE = re.compile(r"(.+)[’']s")
# Words whose "’s" is "is" or "has", not whose ("Here’s Clinton", "He’s Already Started").
_CONTRACTED = frozenset("he she it here there that what who where let".split())


def _whose(word: str) -> bool | None:
    """Whether ``word`` ends in a possessive "’s" ("NBC’s"): True; in "’s" for "is" or "has"
    ("Here’s"): False; in neither: None."""
    found = _POSSESSIVE.fullmatch(word)
    return None if found is None else found[1].casefold() not in _CONTRACTED


def _last_owner(words: Sequence[str]) -> int | None:
    """The index of the last word but the final one that is someone's possessive, if any."""
    return next((i for i in range(len(words) - 2, -1, -1) if _whose(words[i])), None)


# Particles that also open a given name ("Al Gore", "Van Jones", "Del Shannon"): first in a
# name and capitalised, they are the given name, not the start of the surname ("Le Pen", "De
# Blasio", "al Ashry").
_GIVEN_PARTICLES = frozenset("Al Van Del".split())
# Lower-case words that may stand inside a proper name ("Party of Korea", "bin Salman").
_NAME_PARTICLES = frozenset("of the and for on in at to".split()) | NAME_PARTICLES
# Words that make what follows them the object of a description: "supporters of X", "a lawsuit
# against X", "the mouth of X".
_ABOUT = frozenset("of for against to with by about from on at in toward towards".split())
# Words that open a clause saying something of someone, before a name in it.
_RELATIVE = frozenset("who whom whose which that".split())
# After a common noun, words that make it someone acting for the person named after them ("a
# spokesman for", "an adviser to"); "a study by", "a report from" name their source, and
# "secretary of state" is a title.
_ON_BEHALF = frozenset({"for", "to"})
# Names of a kind of body, not of one body: every "super PAC" of the 2016 campaign is not one
# speaker.
GENERIC_BODIES = frozenset({"pac", "super pac", "ngo"})
# An organisation named after a person or place and described by a common noun is still one
# organisation everywhere: the Clinton campaign, the Obama administration, the Trump camp.
# Last words of a body's name, never of a person's ("Donald J. Trump Foundation").
_NAMED_BODY = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,3}(campaign|administration|camp|foundation|transition team)$"
)


@dataclass(frozen=True)
class Identity:
    """What a name says about who it is, beyond the article that uses it.

    ``key`` joins mentions across articles (a full name, an organisation's proper name); None
    means the name identifies no one outside its article (a bare surname, a title, a
    description, a pronoun). ``surname`` is a person's surname: evidence, never a key.
    """

    name: str
    key: str | None
    person: bool
    surname: str | None = None


def _name_words(name: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w.'’-]*", name)


def is_proper_name(name: str) -> bool:
    """True for names that identify one organisation or person anywhere (``KCNA``, ``Kim
    Jong Un``, ``Political Bureau of the Workers’ Party of Korea``): every word capitalised,
    bar particles. ``state media``, ``officials`` or ``a White House spokesman`` describe
    someone and only mean something inside one article."""
    words = _name_words(name)
    return bool(words) and all(
        w[0].isupper() or w.casefold() in _NAME_PARTICLES for w in words
    ) and words[0][0].isupper()


# Words that end a person's name when they follow it: what comes after says where the person
# is from or when they spoke ("Ted Cruz of Texas", "Lee Wang of The Intercept", "Obama on
# Friday"). After a title they are part of the title ("Secretary of State Hillary Clinton").
_AFTER_A_NAME = frozenset("of on in at from for".split())


def _without_what_follows(words: list[str]) -> list[str] | None:
    """A person's name as written, without what follows the name ("Ted Cruz of Texas" is Ted
    Cruz: before, each such form became a person of its own, "Ted Texas" across articles);
    None for several people ("Xi and Putin")."""
    for i, word in enumerate(words):
        low = word.casefold()
        if low in ("and", "&") and i > 0:
            return None
        if low in _AFTER_A_NAME and i > 0 and words[i - 1][:1].isupper() \
                and words[i - 1].casefold().strip(".") not in _TITLE_WORDS:
            return words[:i]
    return words


def names_a_body(name: str) -> bool:
    """Whether ``name`` is a body's proper name by its last word ("Clinton Foundation",
    "Hillary Clinton Campaign"), whatever kind the tagger gave it."""
    words = clean_name(name).split()
    return bool(_NAMED_BODY.match(" ".join(words))) or len(words) >= 2 \
        and is_proper_name(" ".join(words)) and words[-1].casefold().strip(".,") in BODY_WORDS


def _name_among_commas(name: str) -> str | None:
    """The part of ``name`` that names the person when commas divide it, or None for several
    people or none.

    * A name in full before the comma, and what the article says of them after it ("Huma
      Abedin, vice chairwoman for Clinton’s campaign"; "Senator Joe Donnelly, Democrat of
      Indiana"; "Jeff Weaver, Sanders’ campaign manager"): the name. Each such form was a
      speaker of its own article, never the person known across articles.
    * Another name after the comma ("Hillary Clinton, Bernie Sanders and Martin O’Malley";
      "Felicia Wong, president of ..., and Stan Greenberg"): None, no one person.
    * Otherwise the part between commas that names someone in full ("... who has not backed
      Mr. Trump, Susana Martinez"; "former U.S. congressman, Mark Siljander, R-Mich"), else
      the first part if it is a name ("Dean, a medical doctor"), else the last; a dateline
      ("NEW YORK, Nov. 19 (UPI)") is no part of it, and a dateline alone ("TRENTON, N.J.")
      names no one: None.
    """
    head, comma, said = name.partition(", ")
    if not comma:
        return name
    if said and not head.isupper() and identify(head, "person").key is not None:
        # Another name opens with two capitalised words ("Bernie Sanders and ..."), what is
        # said of someone does not ("a Clinton supporter", "Democrat of Indiana", "R-Wis.").
        another = re.match(r"[A-Z][\w.-]*[^\W\d_’']\s+[A-Z]", said)
        several = re.search(r"\b(?:and|&) [A-Z][\w’'.-]* [A-Z]", said)
        return None if another or several else head
    parts = [part for part in name.split(", ") if not part.isupper()]
    if not parts:
        return None  # a dateline, all capitals ("TRENTON, N.J."): no one's name
    named = [part for part in parts if identify(part, "person").key is not None]
    if named:
        return named[-1]
    return parts[0] if is_proper_name(parts[0]) else parts[-1]


def identify(name: str, kind: str | None) -> Identity:
    """Who ``name`` (an article's canonical name for an entity of ``kind``) is across articles.

    A person is identified by first name and surname (middle names and initials aside, a
    generational suffix kept): ``Hillary Rodham Clinton`` = ``Hillary Clinton`` ≠ ``Bill
    Clinton``, and ``Donald Trump Jr.`` ≠ ``Donald Trump``. A surname alone, or a title with a
    surname (``President Obama``), identifies no one outside its article: the article must say
    which Obama. An organisation is identified by its proper name. Descriptions and pronouns
    never identify anyone across articles.
    """
    cleaned = re.sub(r"[’']s$", "", clean_name(name)).strip()
    if alias_key(cleaned) in GENERIC_BODIES:
        return Identity(cleaned, None, kind == "person")
    if kind == "person":
        head = _name_among_commas(cleaned)
        words = None if head is None else _without_what_follows(head.split())
        if words is None:
            return Identity(cleaned, None, True)  # "Xi and Putin", "Both Cruz and Fiorina"
        if words and words[-1].casefold().strip(".,") in BODY_WORDS:
            # "Donald J. Trump Foundation" is no person (the store files such a "person" as
            # the body it names: names_a_body).
            return Identity(cleaned, None, True)
        # "White House spokesman Josh Earnest": the name is the capitalised run at the end.
        for i in range(len(words) - 1, -1, -1):
            if not (words[i][:1].isupper() or words[i].casefold() in _NAME_PARTICLES):
                prefix, words = words[: i + 1], words[i + 1 :]
                # "supporters of Hillary Clinton", "a lawsuit against Hillary Clinton", "a
                # spokesman for Democratic presidential candidate Hillary Clinton": a
                # description of something or someone about the person, not the person; "a
                # woman who has accused former President Bill Clinton": of someone the clause
                # is about.
                if prefix[-1].casefold() in _ABOUT or (
                        words and words[0].casefold() in _ABOUT) or any(
                        w.casefold() in _RELATIVE or w.casefold() in _ON_BEHALF and j > 0
                        and prefix[j - 1][:1].islower() for j, w in enumerate(prefix)):
                    return Identity(cleaned, None, True)
                break
        # "North Carolina’s Ada Fisher", "New Republic’s Jeet Heer": the name follows whose.
        if (owner := _last_owner(words)) is not None:
            words = words[owner + 1 :]
        # The name follows the last title of the run: "House Speaker Paul Ryan", "Senate
        # Majority Leader Mitch McConnell" (a title word ending the run, a generational suffix
        # aside, is part of the name: "Martin Luther King", "Martin Luther King Jr.").
        titles = [i for i, w in enumerate(words) if w.casefold().strip(".") in ROLE_TITLES]
        last_name_word = len(words) - 1
        if last_name_word > 0 and words[-1].casefold().strip(".") in NAME_SUFFIXES:
            last_name_word -= 1
        if titles and titles[-1] < last_name_word:
            words = words[titles[-1] + 1 :]
        if words and _whose(words[0]) is False:
            cleaned = cleaned.removeprefix(words[0]).strip()
            words = words[1:]  # a headline's "Here's Clinton": "here is", not whose
        while words and words[0].casefold().strip(".") in _TITLE_WORDS:
            words = words[1:]
        # A surname may open with a lower-case particle: "de Blasio said".
        lead = next((i for i, w in enumerate(words) if w.casefold() not in NAME_PARTICLES), 0)
        if not words or not is_proper_name(" ".join(words[lead:])):
            return Identity(cleaned, None, True)
        suffix = words[-1].casefold().strip(".") if len(words) > 1 else ""
        core = words[:-1] if suffix in NAME_SUFFIXES else words
        suffix = suffix if suffix in NAME_SUFFIXES else ""
        # Initials ("J.", "H.W.") are dropped with the middle names.
        core = [w for w in core if not re.fullmatch(r"(?:\w\.)+", w)] or core
        # The particles before the last word are the surname's ("Marine Le Pen", "Bill de
        # Blasio", "Ursula von der Leyen"): "Le Pen" alone is a surname, not a first name and
        # a surname, and Marine and Jean-Marie Le Pen share it. A first word that is also a
        # given name ("Al Franken", "Van Jones") stays the given name.
        first_of_surname = len(core) - 1
        while first_of_surname > 0 and core[first_of_surname - 1].casefold() in NAME_PARTICLES \
                and (first_of_surname > 1 or core[0] not in _GIVEN_PARTICLES):
            first_of_surname -= 1
        surname = alias_key(" ".join(core[first_of_surname:]))
        if first_of_surname == 0:
            return Identity(cleaned, None, True, surname)
        if sum(w.casefold() not in NAME_PARTICLES for w in core) > MAX_NAME_WORDS:
            # a headline's capitalised run ("Ted Cruz Apologizes To Ben Carson") or a
            # description ("Ku Klux Klan Grand Wizard David Duke"): no first name and surname
            # to key it by ("ted carson", "ku duke")
            return Identity(cleaned, None, True, surname)
        key = " ".join(filter(None, [alias_key(core[0]), surname, suffix]))
        return Identity(" ".join(words), key, True, surname)
    if _NAMED_BODY.match(cleaned):
        # "Sanders’ campaign", "Clinton's campaign": the Sanders campaign, the Clinton campaign.
        return Identity(cleaned, alias_key(re.sub(r"[’']s?(?=\s)", "", cleaned)), False)
    # One capitalised word ("Trump" tagged as an organisation, "Congress") is too often a
    # surname or a shorthand to identify a body; an acronym (FBI) or a longer name does.
    words = _name_words(cleaned)
    acronym = len(words) == 1 and sum(ch.isupper() for ch in words[0]) >= 2
    if is_proper_name(cleaned) and (len(words) >= 2 or acronym):
        return Identity(cleaned, alias_key(cleaned), False)
    return Identity(cleaned, None, False)


def surname_alone(name: str) -> str | None:
    """The surname ``name`` is, alone or after titles ("Obama", "Pres. Obama", "Le Pen"), else
    None: a full name, or a longer run, names more than a surname."""
    named = identify(name, "person")
    if named.key is not None or named.surname is None:
        return None
    words = [w for w in clean_name(name).split() if w.casefold().strip(".") not in _TITLE_WORDS]
    return named.surname if len(words) == len(named.surname.split()) else None


def owned_person(name: str) -> Identity | None:
    """The person ``name`` names in full after whose they are: a body's or a place's possessive
    ("Associated Press's Lisa Lerer", "Variety's Gordon Cox", "NBC’s Ali Vitali"), else None.
    Such a mention is that person (a reporter, a member), never the body, though the engine
    filed it under the body or it names a known agency; before, "Associated Press's Lisa
    Lerer" became an alias of the AP and "Variety's Gordon Cox" an organisation."""
    cleaned = clean_name(name)
    if "," in cleaned:
        return None  # "Sam Jacobs, Time’s Assistant Managing Editor": a name, and their role
    words = cleaned.split()
    owner = _last_owner(words)
    if owner is None or not is_proper_name(" ".join(words[: owner + 1])):
        return None
    rest = " ".join(words[owner + 1 :])
    if not is_proper_name(rest):
        return None  # "North Korea’s state-run KCNA news agency": the agency
    person = identify(rest, "person")
    return person if person.key is not None and rest.endswith(person.name) else None


def agency_named(text: str) -> str | None:
    """The known agency ``text`` names first, as a whole word (``KCNA news agency``: KCNA)."""
    m = _AGENCY_IN_TEXT.search(text)
    return _AGENCY_BY_ALIAS[m.group(0).casefold()] if m else None


def is_name(entity: str) -> bool:
    """Whether ``entity`` names someone (``Political Bureau of the Workers’ Party of Korea``,
    ``KCNA``) rather than describes them (``North Korean officials``, ``a report to ...``):
    its first and last words are capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", entity) if w.casefold() != "the"]
    return bool(words) and words[0][0].isupper() and words[-1][0].isupper()


def is_media(entity: str, entity_kind: str | None) -> bool:
    """Whether a chain link names a news organisation (something an article can credit)."""
    return entity_kind == "media" or entity.casefold() in _AGENCY_BY_ALIAS or any(
        alias_key(entity) == alias_key(name) for name in KNOWN_AGENCIES
    )


# --- statements --------------------------------------------------------------------------------


def chain_rank(quote: Quote) -> tuple[int, int, int, int]:
    """How much a quote's chain tells about where a statement began (higher is better).

    Each chain's innermost link is the deepest source that article named. A source that is not
    a news relay beats one that is (KCNA passes on what the Politburo said); a speaker known
    across articles beats one known only in its article (Hillary Clinton over an unresolved
    "she"); a named source beats a description (``North Korean officials``); then the longer
    chain.
    """
    if not quote.chain:
        return (0, 0, 0, 0)
    first = quote.chain[0]
    named = int(is_name(first.entity))
    not_media = int(not is_media(first.entity, first.entity_kind))
    identified = int(first.speaker is not None and first.speaker.article_id is None)
    return (not_media, identified, named, len(quote.chain))


def published_order(article: Article) -> tuple[int, datetime, int]:
    """Sort key: earliest publication first; undated articles last, in ingest order."""
    when = article.published_at
    return (0, when, article.id) if when is not None else (1, datetime.max, article.id or 0)


def wording(text: str, parts: Sequence[str]) -> str:
    """The words a quote is stored and indexed by: its parts joined where its cue interrupts
    it (“A,” he said, “B.” is “A,” “B.”), else its text."""
    return " ".join(parts) if parts else text


@dataclass(frozen=True)
class QuoteSpan:
    """What the store keeps of one attribution: the span that is the statement's wording.

    A mixed quote's own words are only its quoted fragments (the rest is the outlet's
    paraphrase), so each fragment is a span; a direct quote is one span (its
    ``parts`` joined when the cue interrupts it); an indirect quote is its reported clause,
    its parts joined likewise ("Even then, | he said, | he's learned enough …").
    """

    start: int
    end: int
    text: str
    wording: str
    attribution: Attribution
    # The fragments of a direct or indirect quote interrupted by its cue; a mixed quote's
    # fragment is a span of its own and has none.
    parts: tuple[Span, ...] = ()


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Every quotation's spans in a stored text, marks included (the engine's own finder:
    apostrophes, nesting and multi-paragraph quotes handled)."""
    return [part for q in find_quotations(text) for part in q.parts]


def quote_spans(text: str, analysis: Analysis) -> list[QuoteSpan]:
    """The spans to store for an analysed article, one quote each.

    Overlapping attributions of the same words (the engine reports a quote once per reporting
    clause around it) become one span, the one with the longest chain, then the surest (as
    recorded: an analysis read back from the cache stores as the fresh one did), then the
    first; an indirect attribution lying inside quotation marks is the quote's own content,
    not a new statement.
    """
    found: dict[tuple[int, int], QuoteSpan] = {}

    def rank(occ: QuoteSpan) -> tuple[int, float]:
        return len(occ.attribution.chain), occ.attribution.recorded_confidence

    def add(occ: QuoteSpan) -> None:
        seen = found.get((occ.start, occ.end))
        if seen is None or rank(occ) > rank(seen):
            found[(occ.start, occ.end)] = occ

    def whole(a: Attribution) -> QuoteSpan:
        return QuoteSpan(a.start, a.end, a.text, wording(a.text, [p.text for p in a.parts]), a,
                         tuple(a.parts))

    for a in analysis.quotes:
        if a.kind == "direct":
            add(whole(a))
        elif a.kind == "mixed":
            spans = [(q.start, q.end) for q in a.quoted] or [(a.start, a.end)]
            for s, e in spans:
                add(QuoteSpan(s, e, text[s:e], text[s:e], a))
    quoted = list(found)
    for a in analysis.quotes:
        if a.kind == "indirect" and not any(s <= a.start and a.end <= e for s, e in quoted):
            add(whole(a))
    return sorted(found.values(), key=lambda o: (o.start, o.end))


# --- credits and reuse -------------------------------------------------------------------------


@dataclass
class Credit:
    """An outlet an article names as its source, with the words that say so."""

    outlet: str
    kind: str | None
    evidence: list[dict[str, Any]] = field(default_factory=list)


#: An outlet's name is this many words at most ("Korean Central News Agency of DPR Korea").
MAX_CREDIT_NAME_WORDS = 8


#: A list or an apposition: several names, or a name and what is said of it.
_SEVERAL_NAMES = re.compile(r",|;| and | & ")
#: Words for a kind of outlet, capitalised at the head of a sentence or a headline ("Newspaper
#: says …"), which name no outlet.
_GENERIC_OUTLETS = DESCRIPTOR_HEADS | frozenset("radio tv television media press".split())


def find_credits(text: str, analysis: Analysis) -> list[Credit]:
    """Outlets the article credits: ``(AP)`` credit lines, ``according to KCNA``, agency names,
    and every news organisation the engine put in a quote's chain."""
    credits: dict[str, Credit] = {}

    def add(name: str, kind: str | None, evidence: dict[str, Any]) -> None:
        credit = credits.setdefault(name, Credit(name, kind))
        credit.evidence.append(evidence)

    for pattern, how in _CREDIT_PATTERNS:
        for m in pattern.finditer(text):
            agency = _AGENCY_BY_ALIAS.get(m.group(1).casefold())
            if agency is None:
                continue
            window = text[max(0, m.start() - REPORTING_WINDOW) : m.end() + REPORTING_WINDOW]
            if how == "named" and not _REPORTING.search(window):
                continue
            seen = credits.get(agency)
            # The broad "named" pattern would re-find what a narrower one already found.
            if seen and any(e["start"] <= m.start(1) < e["end"] for e in seen.evidence):
                continue
            add(agency, KNOWN_AGENCIES[agency][0],
                {"how": how, "text": m.group(0), "start": m.start(), "end": m.end()})
    for quote in analysis.quotes:
        for link in quote.chain:
            # Only a named organisation can be credited: not "state media", nor a stray
            # caption the analysis took for one ("South Korea Koreas Tensions\nA TV screen").
            if not is_media(link.entity, link.entity_kind) or not is_name(link.entity):
                continue
            if "\n" in link.entity or len(link.entity.split()) > MAX_CREDIT_NAME_WORDS:
                continue  # a clause about an outlet ("Early results of exit polls conducted
                # by Edison Research for The Associated Press and ..."), not its name
            outlet = clean_name(link.entity)
            if _SEVERAL_NAMES.search(outlet) or not is_proper_name(outlet) \
                    or outlet.casefold() in _GENERIC_OUTLETS:
                continue  # "NBC News and The Wall Street Journal", "Carter’s press secretary,
                # Peter Cook", "Media titan Rupert Murdoch": not one outlet's name
            name = _AGENCY_BY_ALIAS.get(outlet.casefold(), outlet)
            kind = KNOWN_AGENCIES[name][0] if name in KNOWN_AGENCIES else None
            add(name, kind, {"how": "chain", "text": link.text, "start": link.start,
                             "end": link.end, "quote": quote.text})
    return list(credits.values())


def words_outside(spans: Sequence[tuple[int, int]], start: int, end: int, text: str) -> int:
    """Words of ``text[start:end]`` that fall outside every span in ``spans``."""
    count = 0
    for m in re.finditer(r"\w+", text[start:end]):
        pos = start + m.start()
        if not any(s <= pos < e for s, e in spans):
            count += 1
    return count


def reuses(new: Article, old: Article) -> bool:
    """Whether ``new`` (being ingested) is the reuser of stored ``old``: it is unless ``old``
    was provably published after it."""
    if new.published_at is None or old.published_at is None:
        return True
    return new.published_at >= old.published_at


# --- relays a journalist should look at twice ---------------------------------------------------

WarningCode = Literal["uncredited_copy", "unquoted_paraphrase", "no_speaker"]


@dataclass(frozen=True)
class RelayWarning:
    """Why one relay of a statement deserves a second look, said in words a reader can act on."""

    code: WarningCode
    message: str


def relay_warnings(
    quote: Quote, copied: Sequence[Article], credited_outlet_ids: set[int]
) -> list[RelayWarning]:
    """What is doubtful about ``quote`` as a relay: its article reuses the prose of
    ``copied`` (other articles carrying the statement) without crediting their outlets, it
    restates the words without quotation marks, or it names nobody as their speaker. An
    outlet reusing its own earlier article (an update, a second edition) copies no one."""
    warnings = []
    own = quote.article.outlet_id
    for source in copied:
        if source.outlet_id is not None and source.outlet_id in credited_outlet_ids | {own}:
            continue
        whose = source.outlet.name if source.outlet is not None else "an unnamed outlet"
        when = f" of {source.published_at:%Y-%m-%d}" if source.published_at else ""
        warnings.append(RelayWarning(
            "uncredited_copy",
            f"reuses the prose of {whose}'s article{when} (#{source.id}) without crediting it",
        ))
    if quote.kind == "paraphrase":
        warnings.append(RelayWarning(
            "unquoted_paraphrase",
            "restates the statement in its own words, without quotation marks"
            + ("" if credited_outlet_ids else ", and its article credits no source"),
        ))
    elif quote.speaker is None and not quote.chain:
        warnings.append(RelayWarning("no_speaker", "names no one as the speaker of these words"))
    return warnings
