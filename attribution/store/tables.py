"""The provenance store: typed SQLAlchemy 2.0 models.

Offsets (``start``/``end``) are character offsets into ``Article.text`` exactly as received.
Schema changes go through Alembic (``migrations/``); ``create_all`` is for tests only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    DDL,
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from attribution.store.db import Base

OUTLET_KINDS = ("wire", "state media", "newspaper", "broadcaster", "site")
QUOTE_KINDS = ("direct", "mixed", "indirect", "paraphrase")
LINK_KINDS = ("credit", "reuse")
#: How strongly an alias identifies its speaker. ``name``: a full name or an organisation's
#: proper name, which joins mentions across articles; ``surname``: a person's surname, shared
#: by every Clinton and never a join key; ``mention``: a form one article used (a title, a
#: description), which is evidence only.
ALIAS_KINDS = ("name", "surname", "mention")
#: Was the whole article analysed? ``partial``: its analysis stopped at the time budget.
#: ``analysis_note`` says what was left out or cut (sentences too long for the parser are
#: parsed in pieces: the article is still complete).
ANALYSIS_STATUSES = ("complete", "partial")
#: Where a job of the workers stands: ``queued`` (waiting for a worker), ``running``, ``done``
#: (every article stored, already stored or failed alone), ``failed`` (the job as a whole
#: stopped: the language models missing on the worker, the database gone).
JOB_STATUSES = ("queued", "running", "done", "failed")


# The trigram operators the statement search index uses (a trusted extension: the database's
# owner may create it). Migration 0006 creates it for migrated stores; this, for create_all.
event.listen(
    Base.metadata, "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"),
)


def utcnow() -> datetime:
    """Naive UTC now: every stored timestamp is naive UTC (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Outlet(Base):
    """Who publishes articles: a wire, state media, a newspaper, a broadcaster or a site."""

    __tablename__ = "outlet"
    __table_args__ = (
        CheckConstraint(
            "kind IS NULL OR kind IN ('wire', 'state media', 'newspaper', 'broadcaster', 'site')",
            name="kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    domain: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str | None] = mapped_column(String(20))
    # An outlet that is also quoted as a source (KCNA) is the same organisation as a Speaker.
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="SET NULL"), index=True
    )

    articles: Mapped[list[Article]] = relationship(back_populates="outlet")
    speaker: Mapped[Speaker | None] = relationship()


class Article(Base):
    """One article, its text exactly as received, and where and when it appeared."""

    __tablename__ = "article"
    # A feed's own id for the article names one article of that outlet.
    __table_args__ = (
        UniqueConstraint("outlet_id", "external_id"),
        CheckConstraint("analysis_status IN ('complete', 'partial')", name="analysis_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("outlet.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    # The id the article had in the feed or file it came from (a JSON line's "id").
    external_id: Mapped[str | None] = mapped_column(String(300), index=True)
    author: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    text: Mapped[str] = mapped_column(Text)
    # sha256 of the whitespace-normalised text: the same article re-sent is found, not re-stored.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    analysis_status: Mapped[str] = mapped_column(
        String(10), default="complete", server_default="complete"
    )
    analysis_note: Mapped[str | None] = mapped_column(Text)
    # Quotations that read as speech but that nothing in the article attributes:
    # [{"start", "end", "text"}, ...]. Shown to readers apart from the quotes; never statements.
    unattributed: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default=sql_text("'[]'")
    )

    outlet: Mapped[Outlet | None] = relationship(back_populates="articles")
    quotes: Mapped[list[Quote]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Quote.start"
    )


class Speaker(Base):
    """Who said something: a person or an organisation under one canonical name (KCNA =
    Korean Central News Agency).

    A speaker with an ``article_id`` is known only inside that article: a description ("a
    White House spokesman", "officials") or a surname the article never tied to a full name.
    Such a speaker never absorbs mentions from other articles; names do not identify it.
    """

    __tablename__ = "speaker"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str | None] = mapped_column(String(20))
    # use_alter: speaker -> article -> outlet -> speaker is a cycle of foreign keys.
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE", use_alter=True), index=True
    )

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", order_by="SpeakerAlias.alias"
    )


class SpeakerAlias(Base):
    """A name a speaker goes by, as evidence: ``key`` is its folded form, and several speakers
    may share one (every Clinton has the surname ``clinton``). ``kind`` says whether the key
    identifies the speaker across articles (see ``ALIAS_KINDS``)."""

    __tablename__ = "speaker_alias"
    __table_args__ = (
        UniqueConstraint("speaker_id", "key"),
        CheckConstraint("kind IN ('name', 'surname', 'mention')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speaker.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(8), default="name")

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class Statement(Base):
    """One original utterance, however many articles carry it and in whatever wording."""

    __tablename__ = "statement"
    # Words searched anywhere in a statement (``GET /api/statements?q=``, ``ILIKE '%words%'``):
    # on PostgreSQL a trigram index (pg_trgm) makes that an index read, flat from a thousand
    # statements to a million (bench/lookup_scale.py); SQLite, the embedded store, scans.
    __table_args__ = (
        Index(
            "ix_statement_text_trgm", "text",
            postgresql_using="gin", postgresql_ops={"text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The fullest wording seen: a fragment quoted later links here rather than replacing it.
    text: Mapped[str] = mapped_column(Text)
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="SET NULL"), index=True
    )
    first_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    speaker: Mapped[Speaker | None] = relationship()
    first_article: Mapped[Article | None] = relationship()
    quotes: Mapped[list[Quote]] = relationship(back_populates="statement")


class Quote(Base):
    """One occurrence of a statement in an article, as written there."""

    __tablename__ = "quote"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('direct', 'mixed', 'indirect', 'paraphrase')", name="kind"
        ),
        Index("ix_quote_article_id_start", "article_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statement.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(12))
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="SET NULL"), index=True
    )
    speaker_text: Mapped[str | None] = mapped_column(String(1000))
    speaker_start: Mapped[int | None]
    speaker_end: Mapped[int | None]
    cue_text: Mapped[str | None] = mapped_column(String(1000))
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    # Quoted fragments of a quote interrupted by its cue: [{"start", "end", "text"}, ...].
    parts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # True when the article names where it got the statement (a relay in the chain, or a credit).
    credited: Mapped[bool] = mapped_column(default=False)
    confidence: Mapped[float] = mapped_column(default=0.5)
    # How this wording relates to the statement's text: same, contains, contained_in, overlaps
    # (another excerpt of the same utterance), restates (a paraphrase).
    relation: Mapped[str] = mapped_column(String(16), default="same")
    match_score: Mapped[float] = mapped_column(default=1.0)

    article: Mapped[Article] = relationship(back_populates="quotes")
    statement: Mapped[Statement] = relationship(back_populates="quotes")
    speaker: Mapped[Speaker | None] = relationship()
    chain: Mapped[list[ChainLink]] = relationship(
        back_populates="quote", cascade="all, delete-orphan", order_by="ChainLink.position"
    )


class ChainLink(Base):
    """One source in a quote's chain as the article wrote it: position 0 is the original."""

    __tablename__ = "chain_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quote.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(1000))
    entity: Mapped[str] = mapped_column(String(300))
    entity_kind: Mapped[str | None] = mapped_column(String(20))
    start: Mapped[int]
    end: Mapped[int]
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="SET NULL"), index=True
    )

    quote: Mapped[Quote] = relationship(back_populates="chain")
    speaker: Mapped[Speaker | None] = relationship()


class ArticleLink(Base):
    """Article ``article`` credits an outlet (``credit``) or reuses another article's prose
    (``reuse``); ``evidence`` holds the credit as written or the shared passages."""

    __tablename__ = "article_link"
    __table_args__ = (CheckConstraint("kind IN ('credit', 'reuse')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))
    target_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    target_outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("outlet.id", ondelete="CASCADE"), index=True
    )
    # Shared words outside quotes (reuse), or 0 for a credit.
    words: Mapped[int] = mapped_column(default=0)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    article: Mapped[Article] = relationship(foreign_keys=[article_id])
    target_article: Mapped[Article | None] = relationship(foreign_keys=[target_article_id])
    target_outlet: Mapped[Outlet | None] = relationship()


class QuoteKey(Base):
    """Inverted index from match keys to statements: candidate search reads only the rows of
    the query's keys (the primary key leads with ``key``), never every stored quote."""

    __tablename__ = "quote_key"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statement.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StatementWordPair(Base):
    """The word search's index (``GET /api/statements?q=``): a row for each two neighbouring
    words of a statement (``matching.word_pair_keys``). A search of two words or more reads
    the rows of its own pairs only: a trigram index cannot, since trigrams stop at spaces,
    and "the to" is every statement holding "the" and "to" to it (187,823 of 600,369 at a
    million quotes, for 3,976 that hold them side by side). Rows of an earlier text of a
    statement stay when a fuller wording replaces it: the search checks the words in the text
    itself, so the index only needs to hold every pair of the current text."""

    __tablename__ = "statement_word_pair"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statement.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ArticleKey(Base):
    """Inverted index from text-reuse keys to articles, for finding articles that share prose."""

    __tablename__ = "article_key"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ApiKey(Base):
    """A key that lets a client write (ingest articles). Only the key's sha256 is stored: the
    key itself is shown once, when it is created. Keys are 256 random bits, so a fast hash
    is enough; a password hash would only slow every request."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The key's first characters, so that a person can tell keys apart in a list.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Job(Base):
    """Articles handed to the workers (``CELERY_BROKER_URL``), and what became of each.

    The articles themselves wait in ``payload``, not only in the broker's message, which
    carries the job's id alone: a message the broker loses or redelivers finds its articles
    here, and the row is cleared of them when the job ends. ``results`` holds one entry per
    article processed, in submission order: ``{"position", "where", "outcome", "article_id",
    "quotes", "error"}``, ``outcome`` one of ``stored``, ``already stored``, ``failed``.
    """

    __tablename__ = "job"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The id clients see: random, so that a job's articles are not found by counting.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted: Mapped[int] = mapped_column(default=0)
    stored: Mapped[int] = mapped_column(default=0)
    already_stored: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    quotes: Mapped[int] = mapped_column(default=0)
    # [{"where": "file.jsonl:3", "article": {ArticleInput fields}}, ...]; null once the job ends.
    payload: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Why the job as a whole failed (status ``failed``); an article's own failure is in results.
    error: Mapped[str | None] = mapped_column(Text)


#: Names the engine derives from text (a speaker, a chain link's entity, an outlet) are cut to
#: their column's length: a parse can take a whole clause for a name, and PostgreSQL refuses a
#: longer value (SQLite silently keeps it), which would lose the article.
_NAMES = ((Speaker, "name"), (ChainLink, "entity"), (Outlet, "name"))


def _fit(field: str, limit: int) -> Any:
    """A before-insert/update hook cutting ``field`` to ``limit`` characters."""

    def fit(_mapper: Any, _connection: Any, row: Any) -> None:
        value = getattr(row, field)
        if isinstance(value, str) and len(value) > limit:
            setattr(row, field, value[: limit - 1] + "…")

    return fit


for _model, _field in _NAMES:
    _hook = _fit(_field, _model.__table__.c[_field].type.length)  # type: ignore[attr-defined]
    event.listen(_model, "before_insert", _hook)
    event.listen(_model, "before_update", _hook)
