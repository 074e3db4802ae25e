"""Provenance: statements, their origins and relays, and article-to-article links.

Everything here works inside a caller's session and never commits (services.py does). Matching
of wordings is :mod:`attribution.matching`'s job; this module decides what the matches mean:
which statement a quote belongs to, who said it first, which outlet relayed it crediting whom,
and which article reused which.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session, aliased, selectinload

from attribution import matching
from attribution.models import (
    Article,
    ArticleKey,
    ArticleLink,
    ChainLink,
    Outlet,
    Quote,
    QuoteKey,
    Speaker,
    SpeakerAlias,
    Statement,
)
from attribution.nlp.quotes import find_quotations
from attribution.nlp.types import Analysis, Attribution, Entity

#: Kinds of quote that carry the speaker's own words in quotation marks.
VERBATIM_KINDS = ("direct", "mixed")
#: How many candidate statements (or articles) the inverted index hands to verification.
CANDIDATE_LIMIT = 20
#: A reuse link needs shared passages (``matching.MIN_PASSAGE_WORDS`` words or longer) holding
#: this many words outside quotation marks: a shared quote alone is the statement travelling,
#: not one article copying another's prose. PressTV 000 keeps 8 of the AP copy's own words
#: around the quotes it shares with it ("for strengthening solidarity with countries that are").
REUSE_MIN_WORDS = 6
#: Two articles must share this many reuse keys before their texts are aligned.
REUSE_MIN_KEY_HITS = 2

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


def index_key(key: str) -> str:
    """Fixed-width form of a matching key for the index tables (keys may be long n-grams)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


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


def is_proper_name(name: str) -> bool:
    """True for names that identify one organisation or person anywhere (``KCNA``, ``Kim
    Jong Un``); ``state media`` or ``officials`` only mean something inside one article."""
    return any(ch.isupper() for ch in name)


# --- speakers ----------------------------------------------------------------------------------


class SpeakerResolver:
    """Maps an article's entities to stored speakers, creating them and their aliases as needed.

    The engine gives canonical in-article names; across articles, a stored alias with the same
    key (``KCNA``) joins them. Names that are not proper names only join within an article.
    """

    def __init__(self, session: Session, entities: Sequence[Entity] = ()) -> None:
        self.session = session
        self.entities = {e.name: e for e in entities}
        self._cache: dict[tuple[str, str | None], Speaker] = {}

    def resolve(self, name: str, kind: str | None = None, mention: str | None = None) -> Speaker:
        """The stored speaker for in-article entity ``name`` (as mentioned by ``mention``).

        A mention that names a known agency (``North Korea’s state-run KCNA news agency``) is
        that agency, whatever entity the article's analysis grouped it under.
        """
        cache_key = (name, mention)
        if cache_key in self._cache:
            return self._cache[cache_key]
        entity = self.entities.get(name)
        agency = (agency_named(mention) if mention else None) or agency_named(name)
        if agency is not None:
            names = [agency, *KNOWN_AGENCIES[agency][1]]
            if agency_named(name) == agency:
                names += [name, *(entity.aliases if entity else [])]
            if mention and agency_named(mention) == agency:
                names.append(mention)
            name, kind = agency, "media"
        else:
            # An alias naming an agency belongs to the agency, not to this entity.
            aliases = [a for a in (entity.aliases if entity else []) if not agency_named(a)]
            names = [name, *aliases]
            if kind is None and entity is not None:
                kind = entity.kind
        names = [clean_name(n) for n in names]
        name = clean_name(name)
        keys = {alias_key(n): n for n in names if n and (n == name or is_proper_name(n))}
        speaker = self.session.scalars(
            select(Speaker)
            .join(SpeakerAlias)
            .where(SpeakerAlias.key.in_(list(keys)))
            .order_by(Speaker.id)
            .limit(1)
        ).first()
        if speaker is None:
            speaker = Speaker(name=name, kind=kind)
            self.session.add(speaker)
        elif speaker.kind is None and kind:
            speaker.kind = kind
        known = {a.key for a in speaker.aliases}
        for key, alias in keys.items():
            if key not in known:
                speaker.aliases.append(SpeakerAlias(alias=alias, key=key))
        self.session.flush()
        self._cache[cache_key] = speaker
        return speaker


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


# --- statements ----------------------------------------------------------------------------------


@dataclass
class StatementMatch:
    """A stored statement a wording belongs to, and how (``matching.Comparison.relation``)."""

    statement: Statement
    relation: str
    score: float


def candidate_statements(
    session: Session, text: str, limit: int = CANDIDATE_LIMIT, exclude: Iterable[int] = ()
) -> list[Statement]:
    """Statements sharing index keys with ``text``, most shared keys first.

    Reads only the ``quote_key`` rows of ``text``'s own keys (an index range per key), so the
    cost grows with the number of matches, not with the number of stored quotes.
    """
    all_keys = matching.index_keys(text)
    # Single content words ("w:" keys) have the longest posting lists; a text with any
    # n-gram or band key is found through those, so single words only serve 1-word queries.
    phrase_keys = {k for k in all_keys if not k.startswith("w:")}
    keys = [index_key(k) for k in (phrase_keys or all_keys)]
    if not keys:
        return []
    hits = func.count().label("hits")
    query = (
        select(QuoteKey.statement_id, hits)
        .where(QuoteKey.key.in_(keys))
        .group_by(QuoteKey.statement_id)
        .order_by(hits.desc(), QuoteKey.statement_id)
        .limit(limit)
    )
    excluded = set(exclude)
    ids = [sid for sid, _ in session.execute(query) if sid not in excluded]
    if not ids:
        return []
    found = {s.id: s for s in session.scalars(select(Statement).where(Statement.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def is_verbatim(statement: Statement) -> bool:
    """Whether some article quotes the statement in quotation marks (its words, not a gist)."""
    return any(q.kind in VERBATIM_KINDS for q in statement.quotes)


def match_statement(
    session: Session, wording: str, verbatim: bool = True
) -> StatementMatch | None:
    """The stored statement ``wording`` is an occurrence of, if any.

    Verbatim wordings (in quotation marks) match the same statement, a fuller one, or a
    fragment of one. Reported speech only matches the same statement: a clause that happens to
    contain a quoted fragment (“this setback as one of the most serious …”) is the article's own
    words, found as a restatement instead.
    """
    best: StatementMatch | None = None
    for statement in candidate_statements(session, wording):
        comparison = matching.compare(wording, statement.text)
        if comparison is None:
            continue
        if comparison.relation != "same" and not (verbatim and is_verbatim(statement)):
            continue
        if best is None or comparison.score > best.score:
            best = StatementMatch(statement, comparison.relation, comparison.score)
    return best


def add_index_keys(session: Session, statement: Statement, text: str) -> None:
    """Index ``text``'s keys for ``statement`` (skipping keys it already has)."""
    wanted = {index_key(k) for k in matching.index_keys(text)}
    if statement.id is None:
        session.flush()
    have = set(
        session.scalars(
            select(QuoteKey.key).where(
                QuoteKey.statement_id == statement.id, QuoteKey.key.in_(list(wanted))
            )
        )
    )
    session.add_all(QuoteKey(key=k, statement_id=statement.id) for k in wanted - have)


def place_wording(session: Session, wording: str, verbatim: bool = True) -> StatementMatch:
    """Find or create the statement for a wording, keeping the fullest quoted text as canonical.

    A fragment (``“the most serious”``) joins the longer statement containing it; a longer
    wording of a stored fragment becomes that statement's text, and its keys are indexed too.
    """
    match = match_statement(session, wording, verbatim)
    if match is None:
        statement = Statement(text=wording)
        session.add(statement)
        session.flush()
        add_index_keys(session, statement, wording)
        return StatementMatch(statement, "same", 1.0)
    if match.relation == "contains":
        match.statement.text = wording
        add_index_keys(session, match.statement, wording)
    return match


def chain_rank(quote: Quote) -> tuple[int, int, int]:
    """How much a quote's chain tells about where a statement began (higher is better).

    Each chain's innermost link is the deepest source that article named. A source that is not
    a news relay beats one that is (KCNA passes on what the Politburo said); a named source
    beats a description (``North Korean officials``); then the longer chain.
    """
    if not quote.chain:
        return (0, 0, 0)
    first = quote.chain[0]
    named = int(is_name(first.entity))
    not_media = int(not is_media(first.entity, first.entity_kind))
    return (not_media, named, len(quote.chain))


def published_order(article: Article) -> tuple[int, datetime, int]:
    """Sort key: earliest publication first; undated articles last, in ingest order."""
    when = article.published_at
    return (0, when, article.id) if when is not None else (1, datetime.max, article.id or 0)


def refresh_statement(statement: Statement) -> None:
    """Recompute the statement's original speaker and first appearance from its occurrences."""
    quotes = list(statement.quotes)
    if not quotes:
        return
    quoted = [q for q in quotes if q.kind != "paraphrase"] or quotes
    ordered = sorted(quoted, key=lambda q: (published_order(q.article), q.start))
    statement.first_article = ordered[0].article
    best = max(ordered, key=chain_rank)  # max keeps the earliest among equal ranks
    if best.chain and best.chain[0].speaker is not None:
        statement.speaker = best.chain[0].speaker
    elif best.speaker is not None:
        statement.speaker = best.speaker


@dataclass(frozen=True)
class Occurrence:
    """What the store keeps of one attribution: the span that is the statement's wording.

    A mixed quote's own words are only its quoted fragments (the rest is the outlet's
    paraphrase), so each fragment is an occurrence; a direct quote is one occurrence (its
    ``parts`` joined when the cue interrupts it); an indirect quote is its reported clause.
    """

    start: int
    end: int
    text: str
    wording: str
    attribution: Attribution


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Every quotation's spans in a stored text, marks included (the engine's own finder:
    apostrophes, nesting and multi-paragraph quotes handled)."""
    return [part for q in find_quotations(text) for part in q.parts]


def occurrences_in(text: str, analysis: Analysis) -> list[Occurrence]:
    """The occurrences to store for an analysed article, one per span.

    Overlapping attributions of the same words (the engine reports a quote once per reporting
    clause around it) become one occurrence, the one with the longest chain; an indirect
    attribution lying inside quotation marks is the quote's own content, not a new statement.
    """
    found: dict[tuple[int, int], Occurrence] = {}

    def add(occ: Occurrence) -> None:
        seen = found.get((occ.start, occ.end))
        rank = (len(occ.attribution.chain), occ.attribution.confidence)
        if seen is None or rank > (len(seen.attribution.chain), seen.attribution.confidence):
            found[(occ.start, occ.end)] = occ

    for a in analysis.quotes:
        if a.kind == "direct":
            wording = " ".join(p.text for p in a.parts) if a.parts else a.text
            add(Occurrence(a.start, a.end, a.text, wording, a))
        elif a.kind == "mixed":
            spans = [(q.start, q.end) for q in a.quoted] or [(a.start, a.end)]
            for s, e in spans:
                add(Occurrence(s, e, text[s:e], text[s:e], a))
    quoted = list(found)
    for a in analysis.quotes:
        if a.kind == "indirect" and not any(s <= a.start and a.end <= e for s, e in quoted):
            add(Occurrence(a.start, a.end, a.text, a.text, a))
    return sorted(found.values(), key=lambda o: (o.start, o.end))


def store_occurrence(
    session: Session,
    article: Article,
    occurrence: Occurrence,
    speakers: SpeakerResolver,
) -> Quote:
    """Store one occurrence as a quote of its (found or new) statement."""
    attribution = occurrence.attribution
    match = place_wording(
        session, occurrence.wording, verbatim=attribution.kind in VERBATIM_KINDS
    )
    mention = attribution.speaker
    # Resolve every speaker before building the quote: resolving queries (and so autoflushes),
    # and a half-built quote must not be flushed.
    speaker = (
        speakers.resolve(mention.entity, mention.entity_kind, mention.text) if mention else None
    )
    chain = [
        ChainLink(
            position=position,
            text=link.text,
            entity=link.entity,
            entity_kind=link.entity_kind,
            start=link.start,
            end=link.end,
            speaker=speakers.resolve(link.entity, link.entity_kind, link.text),
        )
        for position, link in enumerate(attribution.chain)
    ]
    quote = Quote(
        article=article,
        statement=match.statement,
        start=occurrence.start,
        end=occurrence.end,
        text=occurrence.text,
        kind=attribution.kind,
        speaker=speaker,
        speaker_text=mention.text if mention else None,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        cue_text=attribution.cue.text if attribution.cue else None,
        cue_start=attribution.cue.start if attribution.cue else None,
        cue_end=attribution.cue.end if attribution.cue else None,
        parts=[p.to_dict() for p in attribution.parts],
        confidence=attribution.confidence,
        relation=match.relation,
        match_score=match.score,
        credited=any(is_media(c.entity, c.entity_kind) for c in attribution.chain),
        chain=chain,
    )
    # SQLAlchemy 2 no longer cascades along backrefs: add the quote itself.
    session.add(quote)
    return quote


def find_restatements(
    session: Session, article: Article, analysis: Analysis, exclude: set[int]
) -> list[Quote]:
    """Sentences without quotes that restate a stored statement, as ``paraphrase`` quotes.

    ``exclude`` holds statements this article itself introduced: an article does not
    paraphrase itself. One paraphrase per statement per article (the closest sentence).
    """
    # Sentences holding quotation marks are quotes, stored as such; reported speech without
    # marks ("the regime has acknowledged ...") may well restate a statement.
    best: dict[int, tuple[float, dict[str, Any]]] = {}
    quoted = quotation_spans(article.text)
    for sentence in analysis.sentences:
        if any(sentence.start < e and s < sentence.end for s, e in quoted):
            continue
        for statement in candidate_statements(session, sentence.text, exclude=exclude):
            score = matching.restatement_score(sentence.text, statement.text)
            if score < matching.RESTATEMENT_THRESHOLD:
                continue
            if statement.id in best and best[statement.id][0] >= score:
                continue
            best[statement.id] = (
                score,
                dict(
                    statement=statement,
                    start=sentence.start,
                    end=sentence.end,
                    text=sentence.text,
                    kind="paraphrase",
                    relation="restates",
                    match_score=score,
                    confidence=score,
                    parts=[],
                ),
            )
    # Built only now: a pending quote would be flushed by the candidate queries above.
    quotes = [Quote(article=article, **fields) for _, fields in best.values()]
    session.add_all(quotes)
    return quotes


# --- article links -------------------------------------------------------------------------------


@dataclass
class Credit:
    """An outlet an article names as its source, with the words that say so."""

    outlet: str
    kind: str | None
    evidence: list[dict[str, Any]] = field(default_factory=list)


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
            if "\n" in link.entity:
                continue
            name = _AGENCY_BY_ALIAS.get(link.entity.casefold(), link.entity)
            kind = KNOWN_AGENCIES[name][0] if name in KNOWN_AGENCIES else None
            add(name, kind, {"how": "chain", "text": link.text, "start": link.start,
                             "end": link.end, "quote": quote.text})
    return list(credits.values())


def outlet_named(session: Session, name: str, kind: str | None = None) -> Outlet:
    """The stored outlet called ``name``, created if new."""
    outlet = session.scalars(select(Outlet).where(Outlet.name == name)).first()
    if outlet is None:
        outlet = Outlet(name=name, kind=kind)
        session.add(outlet)
        session.flush()
    elif outlet.kind is None and kind:
        outlet.kind = kind
    return outlet


def store_credits(
    session: Session, article: Article, analysis: Analysis, speakers: SpeakerResolver
) -> list[ArticleLink]:
    """One ``credit`` link per outlet the article names as a source (never its own outlet)."""
    links = []
    for credit in find_credits(article.text, analysis):
        outlet = outlet_named(session, credit.outlet, credit.kind)
        if outlet.speaker is None:
            outlet.speaker = speakers.resolve(credit.outlet, "media")
        if article.outlet is not None and outlet.id == article.outlet.id:
            continue
        # Point at the credited outlet's earliest article this one shares a statement with.
        target = session.scalars(
            select(Article)
            .join(Quote, Quote.article_id == Article.id)
            .where(
                Article.outlet_id == outlet.id,
                Quote.statement_id.in_([q.statement_id for q in article.quotes]),
            )
            .order_by(Article.published_at, Article.id)
            .limit(1)
        ).first()
        link = ArticleLink(
            article=article, kind="credit", target_outlet=outlet, target_article=target,
            evidence=credit.evidence,
        )
        session.add(link)
        links.append(link)
    return links


def _outside(spans: Sequence[tuple[int, int]], start: int, end: int, text: str) -> int:
    """Words of ``text[start:end]`` that fall outside every span in ``spans``."""
    count = 0
    for m in re.finditer(r"\w+", text[start:end]):
        pos = start + m.start()
        if not any(s <= pos < e for s, e in spans):
            count += 1
    return count


def store_reuse(session: Session, article: Article) -> list[ArticleLink]:
    """Link ``article`` and stored articles that share prose beyond quotes.

    Candidates come from the ``article_key`` index; each is aligned with
    ``matching.shared_passages``. The later-published article is the one that reuses (for
    equal or unknown dates, the one ingested later). Indexes ``article``'s keys too.
    """
    keys = {index_key(k) for k in matching.article_keys(article.text)}
    hits = func.count().label("hits")
    candidates = session.execute(
        select(ArticleKey.article_id, hits)
        .where(ArticleKey.key.in_(list(keys)), ArticleKey.article_id != article.id)
        .group_by(ArticleKey.article_id)
        .having(hits >= REUSE_MIN_KEY_HITS)
        .order_by(hits.desc(), ArticleKey.article_id)
        .limit(CANDIDATE_LIMIT)
    ).all() if keys else []
    session.add_all(ArticleKey(key=k, article_id=article.id) for k in keys)

    links = []
    for other_id, _ in candidates:
        other = session.get(Article, other_id)
        if other is None:
            continue
        reuser, source = (article, other) if _reuses(article, other) else (other, article)
        spans = quotation_spans(reuser.text)
        passages = matching.shared_passages(reuser.text, source.text)
        evidence = []
        total = 0
        for p in passages:
            words = _outside(spans, p.a_start, p.a_end, reuser.text)
            if words == 0:
                continue
            total += words
            evidence.append({
                "text": reuser.text[p.a_start:p.a_end],
                "start": p.a_start, "end": p.a_end,
                "source_start": p.b_start, "source_end": p.b_end,
                "words": p.words, "words_outside_quotes": words,
            })
        if total >= REUSE_MIN_WORDS:
            link = ArticleLink(article=reuser, kind="reuse", target_article=source, words=total,
                               evidence=evidence)
            session.add(link)
            links.append(link)
    return links


def _reuses(new: Article, old: Article) -> bool:
    """Whether ``new`` (being ingested) is the reuser of stored ``old``: it is unless ``old``
    was provably published after it."""
    if new.published_at is None or old.published_at is None:
        return True
    return new.published_at >= old.published_at


# --- reading -------------------------------------------------------------------------------------


def upstream_article_ids(session: Session, article_id: int) -> list[tuple[int, int, str]]:
    """Every article ``article_id`` draws on, directly or through others, as
    ``(article_id, depth, kind)``: a recursive CTE over ``article_link``."""
    link = aliased(ArticleLink)
    base = select(
        ArticleLink.target_article_id.label("article_id"),
        literal(1).label("depth"),
        ArticleLink.kind.label("kind"),
    ).where(ArticleLink.article_id == article_id, ArticleLink.target_article_id.is_not(None))
    cte = base.cte("upstream", recursive=True)
    cte = cte.union(
        select(link.target_article_id, cte.c.depth + 1, link.kind)
        .join(cte, link.article_id == cte.c.article_id)
        .where(link.target_article_id.is_not(None), cte.c.depth < 10)
    )
    rows = session.execute(
        select(cte.c.article_id, func.min(cte.c.depth), func.min(cte.c.kind))
        .where(cte.c.article_id != article_id)
        .group_by(cte.c.article_id)
        .order_by(func.min(cte.c.depth), cte.c.article_id)
    ).all()
    return [(int(a), int(d), str(k)) for a, d, k in rows]


def occurrences(session: Session, statement_id: int) -> list[Quote]:
    """A statement's quotes in time order (earliest publication first, undated last)."""
    return occurrences_of(session, [statement_id]).get(statement_id, [])


def occurrences_of(session: Session, statement_ids: Iterable[int]) -> dict[int, list[Quote]]:
    """Each statement's quotes in time order, by statement id, read in one go."""
    quotes = session.scalars(
        select(Quote)
        .where(Quote.statement_id.in_(list(set(statement_ids))))
        .options(
            selectinload(Quote.article).selectinload(Article.outlet),
            selectinload(Quote.chain).selectinload(ChainLink.speaker),
            selectinload(Quote.speaker),
        )
    ).all()
    out: dict[int, list[Quote]] = {}
    for quote in sorted(quotes, key=lambda q: (published_order(q.article), q.start)):
        out.setdefault(quote.statement_id, []).append(quote)
    return out


def article_credits(session: Session, article_ids: Iterable[int]) -> dict[int, list[ArticleLink]]:
    """Credit links of each article, by article id."""
    out: dict[int, list[ArticleLink]] = {}
    ids = list(set(article_ids))
    if not ids:
        return out
    for link in session.scalars(
        select(ArticleLink)
        .where(ArticleLink.article_id.in_(ids), ArticleLink.kind == "credit")
        .options(selectinload(ArticleLink.target_outlet))
        .order_by(ArticleLink.id)
    ):
        out.setdefault(link.article_id, []).append(link)
    return out


def links_among(session: Session, article_ids: Iterable[int]) -> list[ArticleLink]:
    """Article links whose both ends are in ``article_ids`` (reuse between carriers)."""
    ids = list(set(article_ids))
    return list(
        session.scalars(
            select(ArticleLink)
            .where(ArticleLink.article_id.in_(ids), ArticleLink.target_article_id.in_(ids))
            .order_by(ArticleLink.id)
        )
    )
