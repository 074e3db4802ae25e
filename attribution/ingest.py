"""The write use case: ingest articles, one transaction per article.

This is the one module that commits. An article, its quotes, statements, speakers and links are
written together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from attribution import provenance
from attribution.inputs import ArticleInput, content_hash
from attribution.nlp.types import Analysis
from attribution.store import links, statements
from attribution.store.speakers import SpeakerResolver
from attribution.store.tables import Article, Quote


@dataclass
class IngestResult:
    """The stored article, and whether this call created it (False: it was already there)."""

    article: Article
    created: bool

Analyser = Callable[[list[str]], Iterable[Analysis]]


def _stanza_analyser(texts: list[str]) -> Iterator[Analysis]:
    from attribution.nlp import analyse_many

    return analyse_many(texts)


def find_existing(session: Session, data: ArticleInput) -> Article | None:
    """The stored article with the same URL or the same (whitespace-normalised) text."""
    assert data.text is not None
    conditions = [Article.content_hash == content_hash(data.text)]
    if data.url:
        conditions.append(Article.url == data.url)
    return session.scalars(select(Article).where(or_(*conditions)).limit(1)).first()


def ingest_article(
    session: Session, data: ArticleInput, analyser: Analyser | None = None
) -> IngestResult:
    """Ingest one article: analyse it, store it with its quotes and links, commit.

    Idempotent: an article already stored (same URL or text) is returned unchanged.
    """
    return next(ingest_many(session, [data], analyser))


def ingest_many(
    session: Session,
    items: Iterable[ArticleInput],
    analyser: Analyser | None = None,
    batch_size: int = 16,
) -> Iterator[IngestResult]:
    """Ingest articles in order, analysing new ones in batches; one transaction per article."""
    analyse = analyser or _stanza_analyser
    batch: list[ArticleInput] = []
    for data in items:
        batch.append(data)
        if len(batch) >= batch_size:
            yield from _ingest_batch(session, batch, analyse)
            batch = []
    if batch:
        yield from _ingest_batch(session, batch, analyse)


def _ingest_batch(
    session: Session, batch: list[ArticleInput], analyse: Analyser
) -> Iterator[IngestResult]:
    # Skip Stanza for articles already stored (store_analysed checks again inside its write).
    stored = {id(d): find_existing(session, d) for d in batch}
    fresh = [d for d in batch if stored[id(d)] is None]
    analyses = dict(zip(map(id, fresh), analyse([d.text or "" for d in fresh]), strict=True))
    for data in batch:
        existing = stored[id(data)]
        if existing is not None:
            yield IngestResult(existing, created=False)
        else:
            yield store_analysed(session, data, analyses[id(data)])


def store_analysed(session: Session, data: ArticleInput, analysis: Analysis) -> IngestResult:
    """Store an analysed article with its quotes, restatements and links in one transaction."""
    assert data.text is not None
    try:
        existing = find_existing(session, data)
        if existing is not None:
            return IngestResult(existing, created=False)
        outlet = None
        if data.outlet:
            outlet = links.outlet_named(session, data.outlet, data.outlet_kind)
            if data.outlet_domain and not outlet.domain:
                outlet.domain = data.outlet_domain
        article = Article(
            outlet=outlet,
            url=data.url,
            title=data.title,
            published_at=data.published_at,
            text=data.text,
            content_hash=content_hash(data.text),
        )
        session.add(article)
        session.flush()

        speakers = SpeakerResolver(session, analysis.entities)
        for occurrence in provenance.occurrences_in(article.text, analysis):
            statements.store_occurrence(session, article, occurrence, speakers)
        session.flush()
        # Statements this article introduced: it cannot be paraphrasing those.
        ids = {q.statement_id for q in article.quotes}
        elsewhere = set(session.scalars(
            select(Quote.statement_id).where(
                Quote.statement_id.in_(ids), Quote.article_id != article.id
            )
        ))
        introduced = ids - elsewhere
        statements.find_restatements(session, article, analysis, exclude=introduced)
        session.flush()
        credits = links.store_credits(session, article, analysis, speakers)
        # An occurrence is credited when its chain names a news relay or the article credits
        # some outlet; a restatement in an article that names no source stays uncredited.
        for quote in article.quotes:
            quote.credited = quote.credited or bool(credits)
        links.store_reuse(session, article)
        session.flush()
        for statement in {q.statement for q in article.quotes}:
            session.refresh(statement, ["quotes"])
            statements.refresh_statement(statement)
        session.commit()
    except IntegrityError:
        # Another writer stored the same article first: theirs stands.
        session.rollback()
        existing = find_existing(session, data)
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    except BaseException:
        session.rollback()
        raise
    return IngestResult(article, created=True)
