"""Statements in the store: finding the statement a wording belongs to, creating it, and
recomputing its origin. Works inside the caller's session and never commits (``ingest`` does).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.util import identity_key

from attribution import matching, provenance
from attribution.nlp.types import Analysis
from attribution.store.db import in_lists, insert_rows, one_of
from attribution.store.speakers import SpeakerResolver
from attribution.store.tables import (
    Article,
    ChainLink,
    Quote,
    QuoteKey,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementWordPair,
)

#: How many candidate statements (or articles) the inverted index hands to verification.
CANDIDATE_LIMIT = 20


def index_key(key: str) -> int:
    """Fixed-width form of a matching key for the index tables (keys may be long n-grams):
    the first eight bytes of its 16-byte BLAKE2b digest, as a signed 64-bit integer.

    Until migration 0009 the rows held the whole digest as 32 hexadecimal characters; eight
    bytes make the quote key table and its primary key about half as big (at a million
    quotes, 22.8 million rows), so that more of them stays in memory. Two keys of one
    statement sharing eight bytes would cost a candidate, never a wrong answer: verification
    decides."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@dataclass
class StatementMatch:
    """A stored statement a wording belongs to, and how (``matching.Comparison.relation``)."""

    statement: Statement
    relation: str
    score: float
    # Rests on fewer than matching.SHORT_MATCH_WORDS words on one side (see match_statements).
    short: bool = False


@lru_cache(maxsize=4096)
def _keys_of(text: str) -> tuple[frozenset[int], tuple[int, ...]]:
    """A text's index keys as stored (every key) and as searched (see below), in the index
    tables' fixed-width form. Memoised: an article's wordings are keyed when its index is read,
    when each is placed, and again when its statement is indexed."""
    all_keys = matching.index_keys(text)
    # Single content words ("w:" keys) have the longest posting lists; a text with any
    # n-gram or band key is found through those, so single words only serve 1-word queries.
    phrase_keys = {k for k in all_keys if not k.startswith("w:")}
    return (frozenset(index_key(k) for k in all_keys),
            tuple(index_key(k) for k in (phrase_keys or all_keys)))


def _stored_keys(text: str) -> frozenset[int]:
    """The index rows' keys of a text."""
    return _keys_of(text)[0]


def _search_keys(text: str) -> tuple[int, ...]:
    """The index keys a text is searched by."""
    return _keys_of(text)[1]


def candidate_statements(
    session: Session, text: str, limit: int = CANDIDATE_LIMIT, exclude: Iterable[int] = ()
) -> list[Statement]:
    """Statements sharing index keys with ``text``, most shared keys first.

    Reads only the ``quote_key`` rows of ``text``'s own keys (an index range per key), so the
    cost grows with the number of matches, not with the number of stored quotes.
    """
    keys = _search_keys(text)
    if not keys:
        return []
    hits = func.count().label("hits")
    query = (
        select(QuoteKey.statement_id, hits)
        .where(one_of(session, QuoteKey.key, keys))
        .group_by(QuoteKey.statement_id)
        .order_by(hits.desc(), QuoteKey.statement_id)
        .limit(limit)
    )
    excluded = set(exclude)
    ids = [sid for sid, _ in session.execute(query) if sid not in excluded]
    if not ids:
        return []
    found = {s.id: s for s in session.scalars(
        select(Statement).where(one_of(session, Statement.id, ids)))}
    return [found[i] for i in ids if i in found]


def candidates_of_many(
    session: Session, texts: Sequence[str], limit: int = CANDIDATE_LIMIT,
    exclude: Iterable[int] = (),
) -> list[list[Statement]]:
    """:func:`candidate_statements` for many texts (an article's sentences) at once: one read
    of the index rows of all their keys and one of the statements, instead of two queries per
    text. Same candidates, in the same order, as one call per text."""
    keysets = [_search_keys(t) for t in texts]
    wanted = sorted({k for keys in keysets for k in keys})
    postings: dict[int, list[int]] = {}
    for keys_chunk in in_lists(session, wanted):
        for key, statement_id in session.execute(
            select(QuoteKey.key, QuoteKey.statement_id)
            .where(one_of(session, QuoteKey.key, keys_chunk))
        ):
            postings.setdefault(key, []).append(statement_id)
    excluded = set(exclude)
    ranked = [[i for i in matching.rank_candidates(keys, postings)[:limit] if i not in excluded]
              for keys in keysets]
    found: dict[int, Statement] = {}
    for chunk in in_lists(session, sorted({i for r in ranked for i in r})):
        found.update((st.id, st) for st in session.scalars(
            select(Statement).where(one_of(session, Statement.id, chunk))))
    return [[found[i] for i in r if i in found] for r in ranked]


class KeyIndex:
    """The ``quote_key`` rows one article's quotes are placed by, read once and written once.

    Placing each quote with :func:`candidate_statements` and an insert of its keys cost two
    to four round trips a quote; on PostgreSQL over loopback that was most of the store work.
    An index made for the article reads the posting lists of all its wordings' search keys
    up front (a query per 500 keys), ranks candidates in memory with
    :func:`matching.rank_candidates` (the twin of the SQL query: same candidates, same order),
    keeps the lists in step as the article creates, extends and merges statements, and
    writes the new rows in one insert (:meth:`write`). It is only valid inside the article's
    write turn (``db.lock_for_writing``), which no other writer shares.
    """

    def __init__(self, session: Session, texts: Iterable[str] = ()) -> None:
        self.session = session
        self.postings: dict[int, list[int]] = {}
        # Rows this article adds, by statement (written by write()), and statements it
        # created: those have no rows in the database yet.
        self.pending: dict[int, set[int]] = {}
        self.created: set[int] = set()
        texts = list(texts)
        # New statements' ids: from a block of PostgreSQL's sequence, or counted on from
        # SQLite's largest (new_statement).
        self._dialect = session.get_bind().dialect.name
        self._block = max(len(texts), 1)
        self._reserved: list[int] = []
        self._next_id: int | None = None
        keysets = [_search_keys(t) for t in texts]
        self._read([k for keys in keysets for k in keys])
        # Statements held by id, for candidates(): every one the wordings rank as candidates
        # now, loaded in a few queries rather than one a wording, and those this article
        # creates, flushed or not. Held, because the session's identity map keeps an object
        # only while something else does.
        ranked = sorted({i for keys in keysets
                         for i in matching.rank_candidates(keys, self.postings)[:CANDIDATE_LIMIT]})
        self.held: dict[int, Statement] = {}
        for chunk in in_lists(self.session, ranked):
            self.held.update((st.id, st) for st in self.session.scalars(
                select(Statement).where(one_of(self.session, Statement.id, chunk))))

    def new_statement(self, text: str) -> Statement:
        """A statement of this article, with its id, whose row goes in with the article's
        other new statements at its next flush, not alone: a flush each was a fifth of the
        store's work on PostgreSQL and a twelfth on SQLite. On PostgreSQL the id comes from a
        block of the table's sequence reserved once an article. On SQLite it counts on from the
        largest id stored, read once an article, as SQLite itself numbers rows: the article's
        write turn (``db.lock_for_writing``) holds the database's write lock, and this is the
        one place statements are made. Elsewhere the row is flushed alone for its id."""
        statement = Statement(text=text)
        self.session.add(statement)
        if self._dialect == "postgresql":
            if not self._reserved:
                self._reserved = list(self.session.scalars(
                    sql_text("SELECT nextval(pg_get_serial_sequence('statement', 'id')) "
                             "FROM generate_series(1, :n)"), {"n": self._block}))
            statement.id = self._reserved.pop(0)
        elif self._dialect == "sqlite":
            if self._next_id is None:
                self._next_id = (self.session.scalar(select(func.max(Statement.id))) or 0) + 1
            statement.id, self._next_id = self._next_id, self._next_id + 1
        else:
            self.session.flush([statement])
        self.held[statement.id] = statement
        return statement

    def _read(self, keys: Iterable[int]) -> None:
        unknown = sorted(set(keys) - self.postings.keys())
        for key in unknown:
            self.postings[key] = []
        for chunk in in_lists(self.session, unknown):
            for key, statement_id in self.session.execute(
                select(QuoteKey.key, QuoteKey.statement_id)
                .where(one_of(self.session, QuoteKey.key, chunk))
            ):
                self.postings[key].append(statement_id)
        if unknown and self.pending:
            for statement_id, rows in self.pending.items():
                for key in rows.intersection(unknown):
                    self.postings[key].append(statement_id)

    def candidates(self, text: str, limit: int = CANDIDATE_LIMIT) -> list[Statement]:
        """:func:`candidate_statements`, from the article's posting lists."""
        keys = _search_keys(text)
        self._read(keys)
        ids = matching.rank_candidates(keys, self.postings)[:limit]
        # Statements already in the session are used as they are, unless expired (a new
        # article's write turn expires everything: another writer may have changed them).
        found: dict[int, Statement] = {}
        for i in ids:
            statement = self.held.get(i) or \
                self.session.identity_map.get(identity_key(Statement, i))
            if statement is not None and "text" not in inspect(statement).expired_attributes:
                found[i] = statement
        unloaded = [i for i in ids if i not in found]
        if unloaded:
            found.update((st.id, st) for st in self.session.scalars(
                select(Statement).where(one_of(self.session, Statement.id, unloaded))))
        return [found[i] for i in ids if i in found]

    def add(self, statement: Statement, text: str, new: bool = False) -> None:
        """Index ``text``'s keys for ``statement`` (skipping keys it already has), in the
        article's posting lists until :meth:`write` (``new``: the statement was created by
        this article, so has no rows stored yet)."""
        wanted = set(_stored_keys(text))
        if statement.id is None:
            self.session.flush([statement])
        if new:
            self.created.add(statement.id)
        have = set(self.pending.get(statement.id, ()))
        if statement.id not in self.created:
            have |= set(self.session.scalars(
                select(QuoteKey.key).where(
                    QuoteKey.statement_id == statement.id,
                    one_of(self.session, QuoteKey.key, wanted))
            ))
        missing = wanted - have
        if not missing:
            return
        self.pending.setdefault(statement.id, set()).update(missing)
        for key in missing:
            ids = self.postings.get(key)
            if ids is not None and statement.id not in ids:
                ids.append(statement.id)

    def forget(self, statement_ids: Iterable[int]) -> None:
        """Statements merged away: their rows go with them (the database's cascade)."""
        gone = set(statement_ids)
        for ids in self.postings.values():
            ids[:] = [i for i in ids if i not in gone]
        for statement_id in gone:
            self.pending.pop(statement_id, None)
            self.held.pop(statement_id, None)

    def write(self) -> None:
        """Insert the rows the article added, in one statement (a Core bulk insert: index rows
        are never read back as objects), once their statements are stored."""
        self.session.flush()
        rows = [{"key": key, "statement_id": statement_id}
                for statement_id, keys in sorted(self.pending.items()) for key in sorted(keys)]
        if rows:
            insert_rows(self.session, QuoteKey, rows)
        self.pending.clear()
        self.created.clear()


def is_verbatim(statement: Statement) -> bool:
    """Whether some article quotes the statement in quotation marks (its words, not a gist)."""
    return any(q.kind in provenance.VERBATIM_KINDS for q in statement.quotes)


def statement_speakers(session: Session, statement_ids: Iterable[int]) -> dict[int, set[int]]:
    """Every speaker each statement is credited to in some article (quote speakers and every
    source of their chains), by statement id, in one query."""
    ids = list(set(statement_ids))
    out: dict[int, set[int]] = {i: set() for i in ids}
    if not ids:
        return out
    session.flush()  # the article's own quotes too (its placements run without autoflush)
    rows = session.execute(
        select(Quote.statement_id, Quote.speaker_id).where(one_of(session, Quote.statement_id, ids))
        .union_all(
            select(Quote.statement_id, ChainLink.speaker_id)
            .join(ChainLink, ChainLink.quote_id == Quote.id)
            .where(one_of(session, Quote.statement_id, ids))
        )
    )
    for statement_id, speaker_id in rows:
        if speaker_id is not None:
            out[statement_id].add(speaker_id)
    return out


def speakers_agree(session: Session, mine: list[Speaker], others: set[int]) -> bool:
    """Whether a short wording attributed to the speakers ``mine`` (its speaker and chain) is
    shown to be the statement others attribute to the speakers ``others``.

    A few words prove nothing by themselves: checked by hand on PolNeAR, three in five short
    quotes joined on their words alone were different people's stock phrases ("a million
    dollars", "deep and sincere", "no reasonable prosecutor"). So agreement must be shown: a
    shared speaker or relay (KCNA relaying the Politburo here, KCNA alone there), a surname
    that a person known only in one article shares with another, or, where no two people
    named in full disagree, a name that both sides' speakers carry ("North Korean officials"
    and "North Korea"). A wording nobody is credited with agrees with nothing.
    """
    mine_ids = {s.id for s in mine}
    if not mine_ids or not others:
        return False
    if mine_ids & others:
        return True
    rows = session.execute(
        select(Speaker.id, Speaker.article_id, Speaker.kind, Speaker.name, SpeakerAlias.key,
               SpeakerAlias.kind)
        .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
        .where(one_of(session, Speaker.id, mine_ids | others))
    ).all()
    people: set[int] = set()  # persons named in full: two of them never agree
    surnames: dict[int, set[str]] = {}
    names: dict[int, set[str]] = {}
    for sid, article_id, kind, name, key, alias_kind in rows:
        if kind == "person" and article_id is None:
            people.add(sid)
        if kind == "person" and alias_kind == "surname":
            surnames.setdefault(sid, set()).add(key)
        names.setdefault(sid, set()).update(_name_stems(name))
    if any(a in people and b in people for a in mine_ids for b in others):
        return False
    for a in mine_ids:
        for b in others:
            local = a not in people or b not in people
            if local and surnames.get(a, set()) & surnames.get(b, set()):
                return True
            if not (a in people or b in people) and names.get(a, set()) & names.get(b, set()):
                return True
    return False


def _name_stems(text: str) -> set[str]:
    """The capitalised words of a name, cut to five letters ("Korea", "Korean" -> "korea")."""
    return {w[:5].casefold() for w in re.findall(r"\b[A-Z][\w’'-]{3,}", text)}


def match_statement(
    session: Session, wording: str, verbatim: bool = True, speakers: Sequence[Speaker] = ()
) -> StatementMatch | None:
    """The stored statement ``wording`` (attributed to ``speakers``: its speaker and chain, if
    known) is an occurrence of, if any: the best of :func:`match_statements`."""
    return next(iter(match_statements(session, wording, verbatim, speakers)), None)


#: A short wording joins a statement only if some article carried the statement within this
#: many days of its own: the hand check found most remaining wrong short joins were one
#: person's recurring line ("radical Islamic terrorism" in December and again in June).
SHORT_MATCH_DAYS = 7


def statements_near(
    session: Session, statement_ids: list[int], published_at: datetime | None
) -> set[int]:
    """The statements some article carried within ``SHORT_MATCH_DAYS`` of ``published_at``
    (all of them when that date, or every date of a statement, is unknown)."""
    if published_at is None or not statement_ids:
        return set(statement_ids)
    dates: dict[int, list[datetime]] = {i: [] for i in statement_ids}
    for statement_id, when in session.execute(
        select(Quote.statement_id, Article.published_at)
        .join(Article, Article.id == Quote.article_id)
        .where(one_of(session, Quote.statement_id, statement_ids))
    ):
        if when is not None:
            dates[statement_id].append(when)
    window = timedelta(days=SHORT_MATCH_DAYS)
    return {i for i, when in dates.items()
            if not when or any(abs(w - published_at) <= window for w in when)}


def match_statements(
    session: Session, wording: str, verbatim: bool = True, speakers: Sequence[Speaker] = (),
    published_at: datetime | None = None, index: KeyIndex | None = None,
) -> list[StatementMatch]:
    """Every stored statement ``wording`` is an occurrence of, best first.

    Verbatim wordings (in quotation marks) match the same statement, a fuller one, a fragment
    of one, or another excerpt of the same utterance. Reported speech only matches the same
    statement: a clause that happens to contain a quoted fragment (“this setback as one of the
    most serious …”) is the article's own words, found as a restatement instead. Short matches
    (``matching.SHORT_MATCH_WORDS``) need agreeing speakers and an article of the statement
    published within ``SHORT_MATCH_DAYS`` of ``published_at``, and a short fragment that
    several statements hold is a stock phrase, which joins none of them. Candidates come
    from ``index`` when given (an article's :class:`KeyIndex`), else from the database.
    """
    length = matching.word_count(wording)
    hits: list[StatementMatch] = []
    candidates = index.candidates(wording) if index else candidate_statements(session, wording)
    for statement in candidates:
        comparison = matching.compare(wording, statement.text)
        if comparison is None:
            continue
        if comparison.relation != "same" and not (verbatim and is_verbatim(statement)):
            continue
        short = min(length, matching.word_count(statement.text)) < matching.SHORT_MATCH_WORDS
        hits.append(StatementMatch(statement, comparison.relation, comparison.score, short))
    if not hits:
        return []
    short_ids = [m.statement.id for m in hits if m.short]
    said_by = statement_speakers(session, short_ids)
    near = statements_near(session, short_ids, published_at)
    agreed = [m for m in hits if not m.short or (
        m.statement.id in near and speakers_agree(session, list(speakers),
                                                  said_by[m.statement.id]))]
    inside = {m.statement.id for m in agreed if m.short and m.relation == "contained_in"}
    if len(inside) > 1:
        agreed = [m for m in agreed if m.statement.id not in inside]
    # A wording that is the statement, or holds or is held by it, beats another excerpt.
    return sorted(agreed, key=lambda m: (m.relation != "overlaps", m.score), reverse=True)


def merge_statements(
    session: Session, keep: Statement, others: Sequence[Statement], index: KeyIndex
) -> None:
    """Make ``others`` part of ``keep``: a wording just found holds or overlaps each of them,
    so they were excerpts of one utterance all along (“By the way, if she gets to pick her
    judges …” and “… abolish the Second Amendment”, both inside one longer quote). Their quotes
    and index keys move to ``keep``; ``keep``'s text becomes the fullest wording."""
    others = [s for s in others if s.id != keep.id]
    if not others:
        return
    ids = [s.id for s in others]
    session.flush()  # the article's own quotes of them too
    for quote in session.scalars(select(Quote).where(one_of(session, Quote.statement_id, ids))):
        quote.statement = keep
    for other in others:
        index.add(keep, other.text)
        if matching.word_count(other.text) > matching.word_count(keep.text):
            keep.text = other.text
    session.flush()
    for other in others:
        session.expire(other, ["quotes"])
        session.delete(other)
    session.flush()
    index.forget(ids)


def place_wording(
    session: Session, wording: str, verbatim: bool = True, speakers: Sequence[Speaker] = (),
    published_at: datetime | None = None, index: KeyIndex | None = None,
) -> StatementMatch:
    """Find or create the statement for a wording, keeping the fullest quoted text as canonical.

    A fragment (``“the most serious”``) joins the longer statement containing it; a longer
    wording of a stored fragment becomes that statement's text, and its keys are indexed too;
    a wording that holds or overlaps several statements merges them.
    A wording that cannot stand alone (``matching.can_stand_alone``: "to comment", a name)
    gets a statement of its own that is never indexed, so no other article ever joins it.
    Candidates are read from, and new keys kept in, ``index`` (an article's
    :class:`KeyIndex`), which its owner writes; without one, the wording gets an index of its
    own, written before this returns.
    """
    if index is None:
        index = KeyIndex(session, [wording])
        placed = place_wording(session, wording, verbatim, speakers, published_at, index)
        index.write()
        return placed
    alone = matching.can_stand_alone(wording, verbatim)
    hits = match_statements(session, wording, verbatim, speakers, published_at, index) \
        if alone else []
    if not hits:
        statement = index.new_statement(wording)
        if alone:
            index.add(statement, wording, new=True)
        return StatementMatch(statement, "same", 1.0)
    match = hits[0]
    if match.relation in ("contains", "overlaps"):
        if match.relation == "contains":
            match.statement.text = wording
        index.add(match.statement, wording)
    # The wording bridges other statements too: one utterance, excerpted differently. Only
    # matches of six words or more bridge; a short fragment bridges nothing.
    bridged = [m.statement for m in hits[1:] if verbatim and not m.short]
    merge_statements(session, match.statement, bridged, index)
    return match


def index_words(session: Session, statements: Iterable[Statement]) -> None:
    """Give each statement the word-search rows of its current text (``StatementWordPair``)
    that it lacks: a new statement all of them, one given a fuller wording the new pairs.
    One read and one insert for an article's statements."""
    wanted = {(key, st.id) for st in statements for key in matching.word_pair_keys_of(st.text)}
    if not wanted:
        return
    ids = sorted({sid for _, sid in wanted})
    have: set[tuple[int, int]] = set()
    for chunk in in_lists(session, ids):
        have.update(session.execute(
            select(StatementWordPair.key, StatementWordPair.statement_id)
            .where(one_of(session, StatementWordPair.statement_id, chunk))).all())
    missing = sorted(wanted - have)
    if missing:
        insert_rows(session, StatementWordPair,
                    [{"key": key, "statement_id": sid} for key, sid in missing])


def with_occurrences(session: Session, statement_ids: Iterable[int]) -> list[Statement]:
    """The statements, each with every quote of it (from any article) loaded afresh, with the
    quote's article, chain and speakers: what :func:`refresh_statement` reads. A few queries
    per hundreds of statements, where refreshing each statement cost one query per statement
    and one more per quote's article."""
    ids = sorted(statement_ids)
    out: list[Statement] = []
    for chunk in in_lists(session, ids):
        out.extend(session.scalars(
            select(Statement).where(one_of(session, Statement.id, chunk))
            .options(selectinload(Statement.quotes).options(
                selectinload(Quote.article),
                selectinload(Quote.speaker),
                selectinload(Quote.chain).selectinload(ChainLink.speaker)))
            .execution_options(populate_existing=True)
        ))
    return out


def refresh_statement(statement: Statement) -> None:
    """Recompute the statement's original speaker and first appearance from its occurrences."""
    quotes = list(statement.quotes)
    if not quotes:
        return
    quoted = [q for q in quotes if q.kind != "paraphrase"] or quotes
    ordered = sorted(quoted, key=lambda q: (provenance.published_order(q.article), q.start))
    statement.first_article = ordered[0].article
    best = max(ordered, key=provenance.chain_rank)  # max keeps the earliest among equal ranks
    if best.chain and best.chain[0].speaker is not None:
        statement.speaker = best.chain[0].speaker
    elif best.speaker is not None:
        statement.speaker = best.speaker


def refresh_new_statements(session: Session) -> list[Statement]:
    """Give the statements made in ``session`` and not yet stored their original speaker and
    first appearance from the quotes it holds of them, so that they go in whole: refreshed
    only once stored (:func:`with_occurrences`), each was inserted and then updated, a
    statement each (a tenth of the SQL time on PostgreSQL). Returns them: every quote they
    have is in the session (quotes of other articles join a statement only by a merge, which
    stores the statement first), so they need no refresh from the database."""
    new = [o for o in session.new if isinstance(o, Statement)]
    for statement in new:
        refresh_statement(statement)
    return new


def store_quote(
    session: Session,
    article: Article,
    span: provenance.QuoteSpan,
    speakers: SpeakerResolver,
    index: KeyIndex | None = None,
) -> Quote:
    """Store one quoted span as a quote of its (found or new) statement (placed through the
    article's ``index``, if given: see :class:`KeyIndex`)."""
    attribution = span.attribution
    mention = attribution.speaker
    # Resolve every speaker before building the quote: resolving queries (and so autoflushes),
    # and a half-built quote must not be flushed.
    speaker = (
        speakers.resolve(mention.entity, mention.entity_kind, mention.text, mention.start)
        if mention else None
    )
    chain = [
        ChainLink(
            position=position,
            text=link.text,
            entity=link.entity,
            entity_kind=link.entity_kind,
            start=link.start,
            end=link.end,
            speaker=speakers.resolve(link.entity, link.entity_kind, link.text, link.start),
        )
        for position, link in enumerate(attribution.chain)
    ]
    said_by = [s for s in [speaker, *(link.speaker for link in chain)] if s is not None]
    match = place_wording(
        session, span.wording, attribution.kind in provenance.VERBATIM_KINDS, said_by,
        article.published_at, index,
    )
    quote = Quote(
        article=article,
        statement=match.statement,
        start=span.start,
        end=span.end,
        text=span.text,
        kind=attribution.kind,
        speaker=speaker,
        speaker_text=mention.text if mention else None,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        cue_text=attribution.cue.text if attribution.cue else None,
        cue_start=attribution.cue.start if attribution.cue else None,
        cue_end=attribution.cue.end if attribution.cue else None,
        parts=[p.to_dict() for p in span.parts],
        # As the analysis records it: a fresh article, one read from the analysis cache and
        # one a worker parsed store the same value.
        confidence=attribution.recorded_confidence,
        relation=match.relation,
        match_score=match.score,
        credited=any(provenance.is_media(c.entity, c.entity_kind) for c in attribution.chain),
        chain=chain,
    )
    # SQLAlchemy 2 no longer cascades along backrefs: add the quote itself.
    session.add(quote)
    return quote


#: Characters either side of a quote that count as the context it was said in.
CONTEXT_CHARS = 400


def quoted_contexts(session: Session, statement_ids: list[int]) -> dict[int, str | None]:
    """The text around each statement's earliest verbatim quote (None: no verbatim quote)."""
    out: dict[int, str | None] = dict.fromkeys(statement_ids)
    if not statement_ids:
        return out
    rows = session.execute(
        select(Quote.statement_id, Quote.start, Quote.end, Article.text)
        .join(Article, Article.id == Quote.article_id)
        .where(one_of(session, Quote.statement_id, statement_ids),
               Quote.kind.in_(provenance.VERBATIM_KINDS))
        .order_by(Quote.id.desc())
    )
    for statement_id, start, end, text in rows:
        out[statement_id] = text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS]
    return out


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
    quoted = provenance.quotation_spans(article.text)
    unquoted = [sentence for sentence in analysis.sentences
                if not any(sentence.start < e and s < sentence.end for s, e in quoted)]
    found = candidates_of_many(session, [sentence.text for sentence in unquoted],
                               exclude=exclude)
    contexts = quoted_contexts(session, sorted({c.id for cs in found for c in cs}))
    for sentence, candidates in zip(unquoted, found, strict=True):
        for statement in candidates:
            context = contexts[statement.id]
            if context is None:
                # Only words someone was quoted saying travel as a statement; reported speech
                # is already the reporter's gist ("the former secretary of state", a clause the
                # engine took for content, "restated" in 73 PolNeAR articles).
                continue
            # A short statement ("the most serious") is common English: the sentence must
            # also name something its quote's own paragraph names.
            score = matching.restatement_score(sentence.text, statement.text, context)
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
