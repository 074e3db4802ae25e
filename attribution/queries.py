"""The read use cases: lookup ranking, statements, speakers, outlets and articles.

Functions take the caller's ``Session`` and never write. They return stored rows, or small
dataclasses for what is computed from them (a lookup hit, an occurrence with its credits and
word diff, a page of rows, a relay graph); :mod:`attribution.api.schemas` turns either into JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session, aliased, defer, joinedload, selectinload

from attribution import matching, provenance
from attribution.store import statements as stored_statements
from attribution.store.db import one_of
from attribution.store.tables import (
    Article,
    ArticleLink,
    ChainLink,
    Job,
    Outlet,
    Quote,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementWordPair,
)

T = TypeVar("T")
U = TypeVar("U")


class NotFound(LookupError):
    """An id that names nothing stored."""

    def __init__(self, what: str, ident: int | str) -> None:
        super().__init__(f"no {what} with id {ident}")
        self.what = what
        self.ident = ident


# --- what the reads return ---------------------------------------------------------------------


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list ordered by id, and where it sits in the whole."""

    items: list[T]
    page: int
    per_page: int
    total: int
    # False when counting stopped at a cap (a word search matching very many statements):
    # ``total`` is then a lower bound.
    total_exact: bool = True

    @property
    def pages(self) -> int:
        return (self.total + self.per_page - 1) // self.per_page

    def with_items(self, items: list[U]) -> Page[U]:
        """The same page holding ``items`` (the rows dressed for a list) instead."""
        return Page(items=items, page=self.page, per_page=self.per_page, total=self.total,
                    total_exact=self.total_exact)


@dataclass(frozen=True)
class StatementListing:
    """A statement as a list shows it: with how many quotes carry it."""

    statement: Statement
    occurrence_count: int


@dataclass(frozen=True)
class OutletListing:
    """An outlet as a list shows it: with how many of its articles are stored."""

    outlet: Outlet
    articles: int


@dataclass(frozen=True)
class Occurrence:
    """One quote of a statement, whom its article credits, and how its wording differs from
    the statement's earliest quoted wording."""

    quote: Quote
    credits: list[ArticleLink]
    diff: list[matching.DiffOp]
    warnings: list[provenance.RelayWarning] = field(default_factory=list)

    @property
    def article(self) -> Article:
        return self.quote.article

    @property
    def outlet(self) -> Outlet | None:
        return self.quote.article.outlet


@dataclass(frozen=True)
class StatementDetail:
    """A statement with every occurrence, in time order."""

    statement: Statement
    occurrences: list[Occurrence]

    @property
    def occurrence_count(self) -> int:
        return len(self.occurrences)


@dataclass(frozen=True)
class LookupHit:
    """A statement a looked-up quote belongs to: how well and through which wording it
    matched, and the statement's relays."""

    score: float
    relation: str
    matched_wording: str
    statement: Statement
    relays: list[Occurrence]


@dataclass(frozen=True)
class Upstream:
    """An article another draws on, ``depth`` links away, through a link of ``kind``."""

    article_id: int
    depth: int
    kind: str


@dataclass(frozen=True)
class ArticleDetail:
    """An article with its links both ways and the articles it draws on transitively."""

    article: Article
    links: list[ArticleLink]
    linked_from: list[ArticleLink]
    draws_on: list[Upstream]


@dataclass(frozen=True)
class SharedAlias:
    """A name this speaker goes by that other speakers known across articles go by too (the
    surname every Clinton carries): ambiguity kept, not guessed."""

    alias: str
    speakers: list[Speaker]


@dataclass(frozen=True)
class SpeakerDetail:
    """A speaker with the statements it originated and those it relayed."""

    speaker: Speaker
    statements: list[Statement]
    relayed: list[Statement]
    shared_aliases: list[SharedAlias] = field(default_factory=list)


@dataclass(frozen=True)
class CreditedOutlet:
    """An outlet that an outlet's articles credit, and which of those articles do."""

    outlet: Outlet
    articles: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class OutletDetail:
    """An outlet, what it published and relayed, whom it credits, whose prose it reused and
    who reused its prose."""

    outlet: Outlet
    articles: list[Article]
    statements: list[Statement]
    credits: list[CreditedOutlet]
    reuses: list[ArticleLink]
    reused_by: list[ArticleLink]


NodeType = Literal["speaker", "outlet", "article"]


@dataclass(frozen=True)
class GraphNode:
    """A speaker, outlet or article in a relay graph; ``id`` is ``"<type>:<row id>"``."""

    id: str
    type: NodeType
    label: str
    original: bool = False  # the statement's original speaker
    published_at: datetime | None = None  # articles
    kind: str | None = None  # outlets


@dataclass(frozen=True)
class HopEvidence:
    """A relay as one article's chain wrote it."""

    article_id: int
    quote_id: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class QuoteEvidence:
    """The quote through which words reached an article."""

    quote_id: int
    kind: str
    text: str
    start: int
    end: int
    credited: bool


@dataclass(frozen=True)
class CreditEvidence:
    """A credit as written (credit lines, agencies named)."""

    items: list[dict[str, Any]]


@dataclass(frozen=True)
class ReuseEvidence:
    """Prose two articles share: how many words, and the passages."""

    words: int
    items: list[dict[str, Any]]


@dataclass(frozen=True)
class NoEvidence:
    """An edge that is a fact of the store (an article's outlet), not a finding."""


EdgeType = Literal["relayed_by", "quoted_in", "restated_in", "published_by", "credits", "reuses"]


@dataclass(frozen=True)
class GraphEdge:
    """A relay-graph edge between two node ids, with the evidence for it."""

    source: str
    target: str
    type: EdgeType
    evidence: HopEvidence | QuoteEvidence | CreditEvidence | ReuseEvidence | NoEvidence


@dataclass(frozen=True)
class RelayGraph:
    """Who relayed a statement to whom, where it appeared, and which carriers credit or
    reuse which."""

    statement: StatementListing
    nodes: list[GraphNode]
    edges: list[GraphEdge]


# --- lookup ------------------------------------------------------------------------------------

#: How directly a looked-up text is a statement, best first: the statement itself, a part of
#: it, a whole that holds it, an excerpt that overlaps it.
RELATION_RANK = {"same": 0, "contained_in": 1, "contains": 2, "overlaps": 3}

#: Characters of article text either side of a quote that a looked-up quote may run into
#: (``most serious shortcoming`` spans the quote “the most serious” and the word after it).
CONTEXT_CHARS = 80


def lookup_quote(session: Session, text: str, limit: int = 10) -> list[LookupHit]:
    """Statements a full, partial or slightly altered quote belongs to, best first, each with
    its origin and relays."""
    scored: dict[int, tuple[float, str, str]] = {}
    candidates = stored_statements.candidate_statements(session, text, limit=2 * limit + 10)
    # Every candidate's quotes in one go, as plain rows: only their wordings are compared here
    # (the hits' relays are read in full below).
    quotes_of: dict[int, list[Any]] = {}
    for row in session.execute(
        select(Quote.id, Quote.statement_id, Quote.article_id, Quote.kind, Quote.text)
        .where(Quote.statement_id.in_([s.id for s in candidates]))
        .order_by(Quote.id)
    ):
        quotes_of.setdefault(row.statement_id, []).append(row)
    unmatched: list[int] = []
    for statement in candidates:
        quotes = quotes_of.get(statement.id, [])
        quoted = [q for q in quotes if q.kind != "paraphrase"]
        best: tuple[float, str, str] | None = None
        for wording in dict.fromkeys([statement.text, *(q.text for q in quoted)]):
            score, relation = matching.lookup_match(text, wording)
            if score < matching.LOOKUP_THRESHOLD:
                continue
            if best is None or (score, -RELATION_RANK[relation]) > (best[0],
                                                                   -RELATION_RANK[best[1]]):
                best = (score, relation, wording)
        if best is not None:
            scored[statement.id] = best
        elif quoted:
            unmatched.append(statement.id)
    # The query may run past the quote marks into the article's words around them: for the
    # candidates none of whose wordings matched, each quote with its surroundings (cut out by
    # the database, in one query), in the same order.
    contexts = _quote_contexts(session, [q.id for sid in unmatched for q in quotes_of[sid]
                                         if q.kind != "paraphrase"])
    for statement_id in unmatched:
        for quote in quotes_of[statement_id]:
            context = contexts.get(quote.id)
            if context is None or not matching.could_be_inside(text, context):
                continue
            comparison = matching.compare(text, context)
            if comparison is not None and comparison.relation == "contained_in":
                scored[statement_id] = (0.9 * comparison.score, "overlaps", quote.text)
                break
    carried = {sid: len({q.article_id for q in quotes_of.get(sid, [])}) for sid in scored}
    # Equal scores: the statement that is the words looked up beats one they hold or overlap
    # (“radical Islamic terrorism” inside a whole quote); then the statement more outlets
    # carry is the likelier source of the quote.
    ranked = sorted(
        scored.items(),
        key=lambda item: (-item[1][0], RELATION_RANK[item[1][1]], -carried[item[0]], item[0]),
    )[:limit]
    details = statement_details(session, [statement_id for statement_id, _ in ranked])
    return [
        LookupHit(
            score=score,
            relation=relation,
            matched_wording=wording,
            statement=details[statement_id].statement,
            relays=details[statement_id].occurrences,
        )
        for statement_id, (score, relation, wording) in ranked
    ]


def _quote_contexts(session: Session, quote_ids: list[int]) -> dict[int, str]:
    """Each quote with up to ``CONTEXT_CHARS`` characters of its article either side, by quote
    id: ``text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS]``, cut by the database so
    that whole articles are not read."""
    if not quote_ids:
        return {}
    low = case((Quote.start > CONTEXT_CHARS, Quote.start - CONTEXT_CHARS), else_=0)
    context = func.substr(Article.text, low + 1, Quote.end + CONTEXT_CHARS - low)
    rows = session.execute(
        select(Quote.id, context).join(Article, Article.id == Quote.article_id)
        .where(Quote.id.in_(quote_ids))
    )
    return {quote_id: text for quote_id, text in rows}


# --- reading -----------------------------------------------------------------------------------


def get_article(session: Session, article_id: int) -> ArticleDetail:
    """An article with its text, quotes, links, and the articles it draws on (transitively)."""
    # Loaded up front: a query per quote for its speakers would grow with the article.
    quotes = selectinload(Article.quotes)
    article = session.get(
        Article,
        article_id,
        options=[
            selectinload(Article.outlet),
            quotes.selectinload(Quote.speaker),
            quotes.selectinload(Quote.chain).selectinload(ChainLink.speaker),
        ],
    )
    if article is None:
        raise NotFound("article", article_id)
    links = session.scalars(
        select(ArticleLink)
        .where(
            or_(ArticleLink.article_id == article_id, ArticleLink.target_article_id == article_id)
        )
        .options(*LINK_LOADS)
        .order_by(ArticleLink.id)
    ).all()
    return ArticleDetail(
        article=article,
        links=[link for link in links if link.article_id == article_id],
        linked_from=[link for link in links if link.article_id != article_id],
        draws_on=upstream_articles(session, article_id),
    )


def list_articles(
    session: Session,
    external_id: str | None = None,
    outlet: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> Page[Article]:
    """Articles by id, filtered by the feed's own id for them and by outlet (id or name)."""
    query = select(Article).order_by(Article.id).options(selectinload(Article.outlet))
    if external_id is not None:
        query = query.where(Article.external_id == external_id)
    if outlet:
        query = query.where(Article.outlet_id.in_(_outlet_ids(session, outlet)))
    return _page(session, query, page, per_page)


def exported_articles(session: Session, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Every stored article as a line ``attribution ingest`` reads back, oldest stored first:
    its text and what is known of it (feed id, URL, title, author, outlet, date in UTC). What
    the store derived from it (quotes, speakers, statements, links) is left out: ingesting the
    lines derives it again, under the rules of the version that reads them. Read ``batch``
    articles at a time, so a store of any size streams."""
    query = (select(Article).order_by(Article.id).options(joinedload(Article.outlet))
             .execution_options(yield_per=batch))
    for article in session.scalars(query):
        outlet = article.outlet
        line = {
            "id": article.external_id, "url": article.url, "title": article.title,
            "author": article.author,
            "outlet": outlet.name if outlet else None,
            "outlet_domain": outlet.domain if outlet else None,
            "outlet_kind": outlet.kind if outlet else None,
            "published_at": article.published_at.replace(tzinfo=UTC).isoformat()
            if article.published_at else None,
            "text": article.text,
        }
        yield {key: value for key, value in line.items() if value is not None}


def get_job(session: Session, job_id: str) -> Job:
    """A job of the workers: where it stands, and what became of each of its articles."""
    # Job ids are 32 hex digits: anything else names no job, and is not worth a query.
    if not _JOB_ID.fullmatch(job_id):
        raise NotFound("job", job_id[:64])
    job = session.scalars(select(Job).where(Job.public_id == job_id)).first()
    if job is None:
        raise NotFound("job", job_id)
    return job


_JOB_ID = re.compile(r"[0-9a-f]{32}")


def get_jobs(session: Session, job_ids: list[str]) -> list[Job]:
    """The jobs with these ids (those stored), in the order given."""
    found = {job.public_id: job
             for job in session.scalars(select(Job).where(Job.public_id.in_(job_ids)))}
    return [found[job_id] for job_id in job_ids if job_id in found]


def _page(
    session: Session, query: Select[T], page: int, per_page: int, count_cap: int | None = None,
    known_total: int | None = None,
) -> Page[T]:
    """One page of ``query``, with the number of rows it has (counted up to ``count_cap``,
    unless ``known_total`` says it already)."""
    total = known_total
    if total is None:
        counted = query.order_by(None)
        if count_cap is not None:
            counted = counted.limit(count_cap + 1)
        total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    items = list(session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    if count_cap is not None and total > count_cap:
        return Page(items=items, page=page, per_page=per_page, total=count_cap, total_exact=False)
    return Page(items=items, page=page, per_page=per_page, total=total)


#: A word search (``list_statements(q=...)``) counts its matches up to this many; past it the
#: total is a lower bound. Counting every statement holding "that the" in a million-statement
#: store costs more than the page itself (bench/lookup_scale.py).
SEARCH_COUNT_CAP = 1000


#: Planner settings for a page of statements read in id order, each checked as it is read:
#: the primary key walked, neither the whole table nor an index's every match read and sorted,
#: and in one process (starting workers costs more than a page).
IN_ID_ORDER = {"enable_bitmapscan": "off", "enable_seqscan": "off", "enable_sort": "off",
               "max_parallel_workers_per_gather": "0"}


#: Word pairs a search joins at most: the pairs of its longest words, the rarest as a rule;
#: the words themselves are then checked in each statement's text.
SEARCH_PAIRS = 3


def _holds_words(session: Session, words: list[str]) -> Any:
    """The statement's text holds ``words`` (``matching.search_words``) as whole words, in
    this order, with only spaces or punctuation between them (any case)."""
    if session.get_bind().dialect.name == "postgresql":
        # On the text as an expression (``text || ''``), which no index holds: pg_trgm
        # answers regular expressions too, and PostgreSQL, guessing the pairs common, read
        # the trigram index for "for it" (146,020 rows rechecked for 646) instead of the
        # pairs' 646 rows (bench/lookup_scale.py, a million quotes).
        return Statement.text.concat("").op("~*")(r"\m" + r"\W+".join(words) + r"\M")
    # SQLite's REGEXP is Python's re (registered by SQLAlchemy), which takes no flags
    # argument there: case is ignored inline.
    return Statement.text.regexp_match(r"(?i)\b" + r"\W+".join(words) + r"\b")


def _search_pairs(words: list[str]) -> list[int]:
    """The keys of the word pairs a search of ``words`` (two or more) reads: those of its
    longest words, at most ``SEARCH_PAIRS``."""
    lengths = {key: len(a) + len(b) for key, a, b in zip(
        matching.word_pair_keys(words), words, words[1:], strict=False)}
    return sorted(lengths, key=lambda key: -lengths[key])[:SEARCH_PAIRS]


def _pair_candidates(words: list[str]) -> tuple[Select[int], Any]:
    """The ids of the statements holding every pair a search of ``words`` (two or more) reads,
    from the word pair index alone, and the id column to order and page them by."""
    keys = _search_pairs(words)
    first = aliased(StatementWordPair)
    candidates = select(first.statement_id).where(first.key == keys[0])
    for key in keys[1:]:
        pair = aliased(StatementWordPair)
        candidates = candidates.join(
            pair, and_(pair.statement_id == first.statement_id, pair.key == key))
    return candidates, first.statement_id


def _holding_words(session: Session, query: Select[T], words: list[str]) -> Select[T]:
    """``query`` narrowed to statements holding ``words`` (two or more), through the word
    pair index; for what :func:`_statements_with_words` does not answer (pages past the count
    cap, or other filters on more matches than the cap)."""
    candidates, _ = _pair_candidates(words)
    return query.where(Statement.id.in_(candidates), _holds_words(session, words))


#: Candidates a word search reads from the pair index, and checks in their text, a round.
SEARCH_CHUNK = 2000


def _statements_with_words(
    session: Session, words: list[str], limit: int, newest_first: bool = False
) -> list[int]:
    """Ids of the first ``limit`` statements holding ``words`` (two or more), in id order
    (newest first if asked).

    Candidates are the statements holding each of the search's pairs, read from the pair
    index alone in id order, a chunk at a time; each chunk's texts are then checked for the
    words. The database never decides the order of the two: its guess of how many rows a
    regular expression keeps is a constant, and trusting it, PostgreSQL read the statement
    table end to end for "that the" (285 ms at a million quotes) or the trigram index for
    "for it" (146,020 rows rechecked for 646). Here a page or a capped count costs about as
    many index rows as it needs, whether the pairs are rare or common.
    """
    candidates, statement_id = _pair_candidates(words)
    order = statement_id.desc() if newest_first else statement_id
    found: list[int] = []
    after: int | None = None
    # Most candidates hold the words (a pair's two words are next to each other), so the
    # first chunk is only as big as what is asked for: a capped count of "to the" reads
    # 1,001 texts, not 2,000.
    size = min(limit, SEARCH_CHUNK)
    while len(found) < limit:
        chunk = candidates
        if after is not None:
            chunk = chunk.where(statement_id < after if newest_first else statement_id > after)
        ids = list(session.scalars(chunk.order_by(order).limit(size)))
        if not ids:
            break
        holding = set(session.scalars(select(Statement.id).where(
            one_of(session, Statement.id, ids), _holds_words(session, words))))
        found.extend(i for i in ids if i in holding)
        if len(ids) < size:
            break
        after, size = ids[-1], SEARCH_CHUNK
    return found[:limit]


def _statements_holding(
    session: Session, words: str, limit: int, also: Iterable[Any] = ()
) -> list[int] | None:
    """Ids of up to ``limit`` statements holding ``words`` (one word, or text with no word in
    it) and meeting the conditions ``also``, read from the trigram index (PostgreSQL; None
    elsewhere, and for fewer than three characters, which hold no trigram). Searches of two
    words or more read the word pair index instead (:func:`_statements_with_words`):
    trigrams stop at spaces, so "the to" made this index recheck every statement holding
    "the" and "to".

    PostgreSQL guesses how many rows a trigram match finds, often wrongly: guessing many, it
    walks the whole table in id order to fill a page of 20 that a few index entries would
    have given (200 ms at 100,000 quotes for "that Mrs. Clinton's"). Here the index is used
    whatever the guess (giving it a time budget and walking the table after it was slower at
    a million quotes: most searches ran out of it, and walking for a rare match reads the
    whole table).
    """
    if session.get_bind().dialect.name != "postgresql" or len(words.strip()) < 3:
        return None
    with _planned(session, enable_seqscan="off", enable_indexscan="off"):
        return list(session.scalars(
            select(Statement.id).where(_contains(Statement.text, words), *also).limit(limit)))


@contextmanager
def _planned(session: Session, **settings: str) -> Iterator[None]:
    """The queries inside planned with PostgreSQL's planner ``settings``
    (``enable_seqscan="off"``), reset after; elsewhere, as they are."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    for name, value in settings.items():
        session.execute(sql_text(f"SET LOCAL {name} = {value}"))
    yield
    # For the transaction's later queries. After an error inside there are none: the
    # transaction is rolled back, and SET LOCAL with it.
    for name in settings:
        session.execute(sql_text(f"RESET {name}"))


def _count_by(session: Session, column: Any, ids: list[int]) -> dict[int, int]:
    """How many rows hold each of ``ids`` in ``column`` (one grouped query for a page)."""
    rows = session.execute(
        select(column, func.count()).where(column.in_(ids)).group_by(column)
    ).all()
    return {key: n for key, n in rows}


def _speaker_ids(session: Session, speaker: str) -> list[int]:
    if speaker.isdigit():
        return [int(speaker)]
    key = provenance.alias_key(speaker)
    return list(
        session.scalars(
            select(SpeakerAlias.speaker_id).where(SpeakerAlias.key == key).union(
                select(Speaker.id).where(func.lower(Speaker.name) == speaker.casefold())
            )
        )
    )


def _outlet_ids(session: Session, outlet: str) -> list[int]:
    if outlet.isdigit():
        return [int(outlet)]
    return list(session.scalars(select(Outlet.id).where(func.lower(Outlet.name) == outlet.lower())))


def _contains(column: Any, words: str) -> Any:
    """``column`` holds ``words`` (any case; ``%`` and ``_`` are themselves)."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


#: What a link reads (both articles with their outlets, and the outlet credited): each is one
#: row per link, joined in the link's own query rather than read by another.
LINK_LOADS = (
    joinedload(ArticleLink.target_outlet),
    joinedload(ArticleLink.article).joinedload(Article.outlet),
    joinedload(ArticleLink.target_article).joinedload(Article.outlet),
)

#: An article as a reference to it (``ArticleRef``): its outlet, and not its text, which
#: is most of its row (read when touched, as everywhere else).
ARTICLE_REF_LOAD = (defer(Article.text), defer(Article.unattributed),
                    joinedload(Article.outlet))

#: What a statement summary reads, loaded with the statements rather than one by one.
SUMMARY_LOADS = (
    joinedload(Statement.speaker),
    joinedload(Statement.first_article).options(*ARTICLE_REF_LOAD),
)


def list_statements(
    session: Session,
    q: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    page: int = 1,
    per_page: int = 20,
    newest_first: bool = False,
) -> Page[StatementListing]:
    """Statements filtered by words, speaker (original or relay), outlet carrying them, and first
    appearance date; ordered by id (stable across pages), the latest stored first if
    ``newest_first``."""
    query = select(Statement).order_by(Statement.id.desc() if newest_first else Statement.id)
    count_cap = None
    known_total = None
    planned: dict[str, str] = {}
    words = matching.search_words(q or "")
    alone = not (speaker or outlet or since)  # the words are the only filter
    if len(words) >= 2:
        holding = _statements_with_words(session, words, SEARCH_COUNT_CAP + 1, newest_first)
        if len(holding) <= SEARCH_COUNT_CAP or (alone and page * per_page <= SEARCH_COUNT_CAP):
            # Every match, or the first pages of more than the cap: a page of these ids.
            query = query.where(one_of(session, Statement.id, holding[:SEARCH_COUNT_CAP]))
            if len(holding) > SEARCH_COUNT_CAP:
                known_total = len(holding)
        else:
            # Past the pages those hold, or more than the cap to filter further.
            query = _holding_words(session, query, words)
        count_cap = SEARCH_COUNT_CAP
    elif q:
        # One word, read from the trigram index where there is one; no word at all ("…",
        # "%"): those characters anywhere.
        whole = [_holds_words(session, words)] if words else []
        looked_for = words[0] if words else q
        matched = _statements_holding(session, looked_for, SEARCH_COUNT_CAP + 1, whole)
        if matched is not None and len(matched) <= SEARCH_COUNT_CAP:
            query = query.where(one_of(session, Statement.id, matched))
        else:
            query = query.where(_contains(Statement.text, looked_for), *whole)
            count_cap = SEARCH_COUNT_CAP
            if matched is not None and alone:
                # The index already found more than the cap: counting them again is waste,
                # and so common a word fills a page within a few hundred statements read in
                # id order (a million quotes: "Trump" 0.8 ms), where PostgreSQL, guessing a
                # handful of matches, read them all from the index to sort them (74,984 rows
                # rechecked for "Trump", 470-740 ms a search).
                known_total = len(matched)
                planned = IN_ID_ORDER
    if speaker:
        ids = _speaker_ids(session, speaker)
        relayed = exists().where(
            Quote.statement_id == Statement.id,
            ChainLink.quote_id == Quote.id,
            ChainLink.speaker_id.in_(ids),
        )
        query = query.where(or_(Statement.speaker_id.in_(ids), relayed))
    if outlet:
        ids = _outlet_ids(session, outlet)
        query = query.where(
            exists().where(
                Quote.statement_id == Statement.id,
                Article.id == Quote.article_id,
                Article.outlet_id.in_(ids),
            )
        )
    if since:
        # Aliased: the outlet filter's subquery correlates on Article, and must still mean the
        # article carrying each quote, not the statement's first appearance.
        first = aliased(Article)
        query = query.join(first, first.id == Statement.first_article_id).where(
            first.published_at >= datetime.combine(since, datetime.min.time())
        )
    query = query.options(*SUMMARY_LOADS)
    with _planned(session, **planned):
        found = _page(session, query, page, per_page, count_cap, known_total)
    counts = _count_by(session, Quote.statement_id, [s.id for s in found.items])
    return found.with_items([StatementListing(s, counts.get(s.id, 0)) for s in found.items])


def _get_statement(session: Session, statement_id: int) -> Statement:
    statement = session.get(Statement, statement_id, options=SUMMARY_LOADS)
    if statement is None:
        raise NotFound("statement", statement_id)
    return statement


def statement_detail(session: Session, statement_id: int) -> StatementDetail:
    """A statement with every occurrence in time order: outlet, article, wording, kind, chain,
    whom it credits, and a word-level diff against the earliest wording."""
    details = statement_details(session, [statement_id])
    if statement_id not in details:
        raise NotFound("statement", statement_id)
    return details[statement_id]


def statement_details(session: Session, statement_ids: list[int]) -> dict[int, StatementDetail]:
    """:func:`statement_detail` of many statements (those stored), by id, in a few queries
    whatever their number."""
    statements = session.scalars(
        select(Statement).where(Statement.id.in_(statement_ids)).options(*SUMMARY_LOADS)
    ).all()
    by_statement = occurrences_of(session, statement_ids)
    carriers = {q.article_id: q.article for quotes in by_statement.values() for q in quotes}
    credits = article_credits(session, carriers)
    copies: list[tuple[int, int]] = [  # (reuser, reused) among the articles read here
        (link.article_id, link.target_article_id) for link in links_among(session, carriers)
        if link.kind == "reuse" and link.target_article_id is not None
    ]
    details = {}
    for statement in statements:
        quotes = by_statement.get(statement.id, [])
        quoted = [q for q in quotes if q.kind != "paraphrase"]
        earliest = quoted[0].text if quoted else statement.text
        mine = {q.article_id for q in quotes}
        copied = {a: [carriers[b] for x, b in copies if x == a and b in mine] for a in mine}
        details[statement.id] = StatementDetail(
            statement=statement,
            occurrences=[
                Occurrence(
                    quote=quote,
                    credits=credits.get(quote.article_id, []),
                    diff=matching.word_diff(earliest, quote.text),
                    warnings=provenance.relay_warnings(
                        quote,
                        copied.get(quote.article_id, []),
                        {c.target_outlet_id for c in credits.get(quote.article_id, [])
                         if c.target_outlet_id is not None},
                    ),
                )
                for quote in quotes
            ],
        )
    return details


def statement_relays(session: Session, statement_id: int) -> RelayGraph:
    """The relay graph of a statement: speakers, outlets and articles as nodes; who relayed
    whom (from the chains as written), where it appeared, who published it, and which
    carrying article credits or reuses which, as edges with their evidence."""
    statement = _get_statement(session, statement_id)
    quotes = occurrences(session, statement_id)
    nodes: dict[str, GraphNode] = {}
    edges: list[GraphEdge] = []

    def node(found: GraphNode) -> str:
        return nodes.setdefault(found.id, found).id

    def speaker_node(speaker: Speaker, original: bool = False) -> str:
        return node(GraphNode(f"speaker:{speaker.id}", "speaker", speaker.name, original))

    def outlet_node(outlet: Outlet) -> str:
        return node(GraphNode(f"outlet:{outlet.id}", "outlet", outlet.name, kind=outlet.kind))

    if statement.speaker is not None:
        speaker_node(statement.speaker, original=True)
    for quote in quotes:
        article = quote.article
        a = node(GraphNode(f"article:{article.id}", "article",
                           article.title or f"article {article.id}",
                           published_at=article.published_at))
        if article.outlet is not None:
            edges.append(GraphEdge(a, outlet_node(article.outlet), "published_by", NoEvidence()))
        previous: str | None = None
        for hop in quote.chain:
            if hop.speaker is None:
                continue
            s = speaker_node(hop.speaker)
            if previous is not None and previous != s:
                evidence = HopEvidence(article.id, quote.id, hop.text, hop.start, hop.end)
                edges.append(GraphEdge(previous, s, "relayed_by", evidence))
            previous = s
        if previous is None and quote.speaker is not None:
            previous = speaker_node(quote.speaker)
        if previous is None and statement.speaker is not None:
            # An unattributed restatement: the words trace back to the original speaker.
            previous = f"speaker:{statement.speaker.id}"
        if previous is None:
            continue
        edges.append(GraphEdge(
            previous, a, "restated_in" if quote.kind == "paraphrase" else "quoted_in",
            QuoteEvidence(quote.id, quote.kind, quote.text, quote.start, quote.end,
                          quote.credited),
        ))
    article_ids = {q.article_id for q in quotes}
    for article_id, links in article_credits(session, article_ids).items():
        for link in links:
            if link.target_outlet is None:
                continue
            edges.append(GraphEdge(f"article:{article_id}", outlet_node(link.target_outlet),
                                   "credits", CreditEvidence(link.evidence)))
    for link in links_among(session, article_ids):
        if link.kind == "reuse":
            edges.append(GraphEdge(
                f"article:{link.article_id}", f"article:{link.target_article_id}", "reuses",
                ReuseEvidence(link.words, link.evidence),
            ))
    return RelayGraph(StatementListing(statement, len(quotes)), list(nodes.values()), edges)


def list_speakers(
    session: Session,
    q: str | None = None,
    across_articles: bool = False,
    by_name: bool = False,
    page: int = 1,
    per_page: int = 20,
) -> Page[Speaker]:
    """Speakers with their aliases, by id (or by name): those whose name or an alias holds
    ``q``; only those known across articles if ``across_articles`` (not a "she" or "a
    spokesman" known only in its own article)."""
    query = select(Speaker).options(selectinload(Speaker.aliases))
    if q:
        query = query.where(or_(
            _contains(Speaker.name, q),
            exists().where(SpeakerAlias.speaker_id == Speaker.id,
                           _contains(SpeakerAlias.alias, q)),
        ))
    if across_articles:
        query = query.where(Speaker.article_id.is_(None))
    order = (func.lower(Speaker.name), Speaker.id) if by_name else (Speaker.id,)
    return _page(session, query.order_by(*order), page, per_page)


#: Other speakers a shared alias lists at most.
SHARED_ALIAS_SPEAKERS = 20


def shared_aliases(session: Session, speaker: Speaker) -> list[SharedAlias]:
    """The speaker's aliases that other speakers known across articles carry too."""
    keys = {alias.key: alias.alias for alias in speaker.aliases}
    others: dict[str, list[Speaker]] = {}
    for key, other in session.execute(
        select(SpeakerAlias.key, Speaker)
        .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
        .where(SpeakerAlias.key.in_(list(keys)), Speaker.id != speaker.id,
               Speaker.article_id.is_(None))
        .order_by(Speaker.name, Speaker.id)
    ).all():
        if len(others.setdefault(key, [])) < SHARED_ALIAS_SPEAKERS:
            others[key].append(other)
    return [SharedAlias(keys[key], found) for key, found in others.items()]


def get_speaker(session: Session, speaker_id: int, with_statements: bool = True) -> SpeakerDetail:
    """A speaker, its aliases (and which other speakers share them), the statements it
    originated and those it relayed (not read if ``with_statements`` is false: a page lists
    them a page at a time)."""
    speaker = session.get(Speaker, speaker_id, options=[selectinload(Speaker.aliases)])
    if speaker is None:
        raise NotFound("speaker", speaker_id)
    shared = shared_aliases(session, speaker)
    if not with_statements:
        return SpeakerDetail(speaker, [], [], shared)
    said = session.scalars(
        select(Statement)
        .where(Statement.speaker_id == speaker_id)
        .options(*SUMMARY_LOADS)
        .order_by(Statement.id)
    ).all()
    relayed = session.scalars(
        select(Statement)
        .where(
            exists().where(
                Quote.statement_id == Statement.id,
                ChainLink.quote_id == Quote.id,
                ChainLink.speaker_id == speaker_id,
                ChainLink.position > 0,
            )
        )
        .options(*SUMMARY_LOADS)
        .order_by(Statement.id)
    ).all()
    return SpeakerDetail(speaker, list(said), list(relayed), shared)


def list_outlets(
    session: Session, q: str | None = None, by_name: bool = False, page: int = 1,
    per_page: int = 20,
) -> Page[OutletListing]:
    """Outlets by id (or by name) whose name holds ``q``, with how many articles of theirs
    are stored."""
    query = select(Outlet)
    if q:
        query = query.where(_contains(Outlet.name, q))
    order = (func.lower(Outlet.name), Outlet.id) if by_name else (Outlet.id,)
    found = _page(session, query.order_by(*order), page, per_page)
    counts = _count_by(session, Article.outlet_id, [o.id for o in found.items])
    return found.with_items([OutletListing(o, counts.get(o.id, 0)) for o in found.items])


def get_outlet(session: Session, outlet_id: int, with_statements: bool = True) -> OutletDetail:
    """An outlet: its articles, the statements it relayed (unless ``with_statements`` is
    false), the outlets it credits, the articles whose prose it reused, and who reused its
    prose."""
    outlet = session.get(Outlet, outlet_id)
    if outlet is None:
        raise NotFound("outlet", outlet_id)
    articles = session.scalars(
        select(Article).where(Article.outlet_id == outlet_id).order_by(Article.published_at,
                                                                       Article.id)
    ).all()
    ids = [a.id for a in articles]
    statements = session.scalars(
        select(Statement)
        .where(exists().where(Quote.statement_id == Statement.id, Quote.article_id.in_(ids)))
        .options(*SUMMARY_LOADS)
        .order_by(Statement.id)
    ).all() if with_statements else []
    links = session.scalars(
        select(ArticleLink)
        .where(ArticleLink.article_id.in_(ids))
        .options(*LINK_LOADS)
        .order_by(ArticleLink.id)
    ).all()
    reused_by = session.scalars(
        select(ArticleLink)
        .where(ArticleLink.target_article_id.in_(ids), ArticleLink.kind == "reuse")
        .options(*LINK_LOADS)
        .order_by(ArticleLink.id)
    ).all()
    credited: dict[int, CreditedOutlet] = {}
    for link in links:
        if link.kind == "credit" and link.target_outlet is not None:
            entry = credited.setdefault(link.target_outlet.id, CreditedOutlet(link.target_outlet))
            entry.articles.append(link.article_id)
    return OutletDetail(
        outlet=outlet,
        articles=list(articles),
        statements=list(statements),
        credits=list(credited.values()),
        reuses=[link for link in links if link.kind == "reuse"],
        reused_by=list(reused_by),
    )


# --- chains and links --------------------------------------------------------------------------


def upstream_articles(session: Session, article_id: int) -> list[Upstream]:
    """Every article ``article_id`` draws on, directly or through others, nearest first: a
    recursive CTE over ``article_link``."""
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
    return [Upstream(int(a), int(d), str(k)) for a, d, k in rows]


def occurrences(session: Session, statement_id: int) -> list[Quote]:
    """A statement's quotes in time order (earliest publication first, undated last)."""
    return occurrences_of(session, [statement_id]).get(statement_id, [])


def occurrences_of(session: Session, statement_ids: Iterable[int]) -> dict[int, list[Quote]]:
    """Each statement's quotes in time order, by statement id, read in one go."""
    quotes = session.scalars(
        select(Quote)
        .where(Quote.statement_id.in_(list(set(statement_ids))))
        .options(
            joinedload(Quote.article).options(*ARTICLE_REF_LOAD),
            selectinload(Quote.chain).joinedload(ChainLink.speaker),
            joinedload(Quote.speaker),
        )
    ).all()
    out: dict[int, list[Quote]] = {}
    for quote in sorted(quotes, key=lambda q: (provenance.published_order(q.article), q.start)):
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
        .options(joinedload(ArticleLink.target_outlet))
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
