"""The write use case: ingest articles, one transaction per article.

This is the one module that commits articles. An article, its quotes, statements, speakers and
links are written together or not at all. (:mod:`attribution.jobs`, the queue's write use case,
commits the rows of the jobs that hand articles to workers, and calls :func:`ingest_many`.)
"""

from __future__ import annotations

import functools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from attribution import provenance
from attribution.inputs import ArticleInput, content_hash
from attribution.nlp.cache import Analyser
from attribution.nlp.models import TIME_BUDGET_SECONDS, ModelsMissing, batched, keep_for_good
from attribution.nlp.types import Analysis
from attribution.store import db, links, statements
from attribution.store.speakers import SpeakerResolver
from attribution.store.tables import Article, Outlet, Quote


@dataclass
class Stored:
    """The stored article, and whether this call created it (False: it was already there)."""

    article: Article
    created: bool


@dataclass
class IngestResult:
    """What became of one input: the stored article and whether this call created it (False:
    it was already there), or why it failed (``error``; nothing of it was stored)."""

    article: Article | None
    created: bool
    error: str | None = None

    @property
    def quotes(self) -> int:
        """Quotes stored for the article by this call."""
        return len(self.article.quotes) if self.created and self.article is not None else 0


@functools.cache
def _keep_store_for_good() -> None:
    """Take what the store built for its first article out of the collector's sight, once a
    process (:func:`attribution.nlp.models.keep_for_good`).

    Storing the first article builds what the store keeps for the life of the process: the
    mappers' configuration, the compiled SQL of every statement it sends, the modules of the
    database driver and the matcher (about 100,000 objects). Left in sight, the collector
    walked them in each of its full collections while the next articles were analysed:
    3.4-3.7 s of about 33 CPU s for the 84 dev articles ingested in turn, against 1.5-1.9 s
    once they were frozen and 2.2 s in ``extract`` (bench/README.md, "Twelfth round"). What
    the first article leaves in reference cycles is kept: one article's rows and one batch's
    analyses, once. Called by :func:`store_analysed`, which every writer (bulk load, worker,
    API) stores through; cached, so it runs once.
    """
    keep_for_good()


#: Errors that stop a whole batch rather than one article: the language models are missing,
#: or the operator pressed Ctrl-C (the current article is rolled back; stored ones stay).
FATAL = (ModelsMissing, KeyboardInterrupt, SystemExit)


def stanza_analyser(
    texts: list[str], time_budget: float | None = TIME_BUDGET_SECONDS
) -> Iterator[Analysis]:
    """The real engine: Stanza parses, then the attribution rules; each article gets
    ``time_budget`` seconds of parsing and is stored as ``partial`` past it."""
    from attribution.nlp import analyse_many

    return analyse_many(texts, time_budget=time_budget)


def budgeted_analyser(time_budget: float | None) -> Analyser:
    """The real engine with a time budget per article other than the default."""
    return functools.partial(stanza_analyser, time_budget=time_budget)


def find_existing(session: Session, data: ArticleInput) -> Article | None:
    """The stored article with the same URL, the same feed id at the same outlet, or the same
    (whitespace-normalised) text."""
    assert data.text is not None
    conditions = [Article.content_hash == content_hash(data.text)]
    if data.url:
        conditions.append(Article.url == data.url)
    if data.id:
        outlet = select(Outlet.id).where(Outlet.name == data.outlet).scalar_subquery()
        conditions.append(
            (Article.external_id == data.id)
            & (Article.outlet_id == outlet if data.outlet else Article.outlet_id.is_(None))
        )
    return session.scalars(select(Article).where(or_(*conditions)).limit(1)).first()


def ingest_article(
    session: Session, data: ArticleInput, analyser: Analyser | None = None
) -> Stored:
    """Ingest one article: analyse it, store it with its quotes and links, commit.

    Idempotent: an article already stored (same URL, feed id or text) is returned unchanged.
    A failure is raised, with nothing stored.
    """
    analyse = analyser or stanza_analyser
    existing = find_existing(session, data)
    if existing is not None:
        return Stored(existing, created=False)
    return store_analysed(session, data, next(iter(analyse([data.text or ""]))))


def ingest_many(
    session: Session,
    items: Iterable[ArticleInput],
    analyser: Analyser | None = None,
    batch_size: int = 16,
    parse_ahead: bool | ParseAhead = False,
) -> Iterator[IngestResult]:
    """Ingest articles in order, analysing new ones in batches; one transaction per article.

    One result per item, in order. An article that fails (odd text the engine chokes on, a
    value the database refuses) is rolled back alone and reported in its result's ``error``;
    the others go on. Only :data:`FATAL` errors stop the batch.

    ``parse_ahead``: analyse in a process of its own, one batch ahead of the store, so that
    a bulk load takes the time of its parsing alone, not of its parsing and then its storing
    (see :class:`ParseAhead`); ``analyser`` must then be picklable. A :class:`ParseAhead`
    the caller entered is used as it is (and ``analyser`` ignored), to share its process
    between loads.
    """
    created = 0
    next_statistics = FIRST_STATISTICS_AT
    for result in _ingest_batches(session, items, analyser or stanza_analyser, batch_size,
                                  parse_ahead):
        created += result.created
        if created >= next_statistics:
            refresh_statistics(session)
            next_statistics *= 2
        yield result


def _ingest_batches(
    session: Session, items: Iterable[ArticleInput], analyse: Analyser, batch_size: int,
    parse_ahead: bool | ParseAhead,
) -> Iterator[IngestResult]:
    parsing: AbstractContextManager[_ParseHere] = (
        nullcontext(parse_ahead) if isinstance(parse_ahead, ParseAhead)
        else ParseAhead(analyse) if parse_ahead else _ParseHere(analyse))
    with parsing as parser:
        started: deque[_Batch] = deque()
        for batch in batched(items, batch_size):
            started.append(_start_batch(session, batch, parser))
            if len(started) > parser.ahead:
                yield from _finish_batch(session, started.popleft())
        while started:
            yield from _finish_batch(session, started.popleft())


class _ParseHere:
    """Analyses a batch when its results are asked for, in this process."""

    ahead = 0

    def __init__(self, analyse: Analyser) -> None:
        self.analyse = analyse

    def __enter__(self) -> _ParseHere:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        return None

    def start(self, texts: list[str]) -> Callable[[], list[Analysis | str]]:
        return functools.partial(_analyse_each, texts, self.analyse)


class ParseAhead(_ParseHere):
    """Analyses batches in a process of its own while this one stores the batch before.

    Parsing is one job for the CPU and storing another: run one after the other, a bulk
    load's store work (placing quotes, matching statements, writing index rows; about 0.3 s
    an article on PostgreSQL, ``bench/store_work.py``) adds to its parse time; run side by
    side on two cores, the load takes as long as the slower of the two. The process loads
    the models once and parses with all cores but the one the store works on (unless
    ``ATTRIBUTION_TORCH_THREADS`` says otherwise); this one never loads them. Batches
    still go into the store in order, each article in its own transaction. A batch is
    checked against the store before the one ahead of it is stored, so an article repeated
    in the next batch is parsed twice (and stored once).
    """

    ahead = 1

    def __enter__(self) -> ParseAhead:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn: a forked copy of this process would share its database connections
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"),
            initializer=_parse_ahead_process)
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        # On an error or Ctrl-C, the batch being parsed is not waited for.
        self._pool.shutdown(wait=exc_type is None, cancel_futures=True)

    def start(self, texts: list[str]) -> Callable[[], list[Analysis | str]]:
        try:
            future = self._pool.submit(_analyse_each, texts, self.analyse)
        except BrokenProcessPool as exc:
            raise ParserLost(PARSER_LOST) from exc

        def analyses() -> list[Analysis | str]:
            try:
                return future.result()
            except BrokenProcessPool as exc:
                raise ParserLost(PARSER_LOST) from exc

        return analyses

    def usage(self) -> tuple[float, float]:
        """The parsing process's CPU seconds so far and its peak memory in MB (for
        benchmarks: the process is this one's child, unseen by its own counters)."""
        return self._pool.submit(_process_usage).result()


PARSER_LOST = ("the parsing process stopped unexpectedly (out of memory?); "
               "the articles stored before it stay")


def _process_usage() -> tuple[float, float]:
    import resource

    return time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ParserLost(RuntimeError):
    """The :class:`ParseAhead` process died (killed for memory, say): no batch after the
    ones stored can be analysed."""


def parse_ahead_pays(articles: int, batch_size: int) -> bool:
    """Whether a load of ``articles`` gains from :class:`ParseAhead`: with more than one
    batch (the first is parsed with nothing to store beside it) and more than one core."""
    return articles > batch_size and _cores() > 1


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _parse_ahead_process() -> None:
    """Set up a :class:`ParseAhead` process: torch gets every core but one."""
    from attribution.nlp.models import TORCH_THREADS_ENV

    os.environ.setdefault(TORCH_THREADS_ENV, str(max(1, _cores() - 1)))


#: A bulk load refreshes the database's planner statistics after this many new articles, then
#: each time their number doubles. The candidate look-ups are planned from table statistics; a
#: store that grows from empty under a bulk load outruns autovacuum, or has none (it is off on
#: this project's CI server), and the plans decay: ingesting PolNeAR into PostgreSQL slowed to
#: 10 articles a minute at 700 articles, and ran at 117 a minute right after one ANALYZE.
FIRST_STATISTICS_AT = 50


def refresh_statistics(session: Session) -> None:
    """Have the database re-read its tables' statistics (PostgreSQL's and SQLite's ANALYZE).

    ANALYZE writes (SQLite's statistics live in a table), so it takes its turn with the
    writers; and statistics only speed things up, so a failure here stops no batch: with 8
    writers on SQLite, an ANALYZE outside the turn waited past the busy timeout and took its
    writer down with 60 articles unstored.
    """
    if session.get_bind().dialect.name not in ("postgresql", "sqlite"):
        return
    try:
        db.lock_for_writing(session)
        session.execute(sql("ANALYZE"))
        session.commit()
    except OperationalError:
        session.rollback()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip().rstrip(":")[:500]


def _analyse_each(texts: list[str], analyse: Analyser) -> list[Analysis | str]:
    """Analyses of ``texts`` in one batch; if the batch fails, one by one, so that the text
    the engine chokes on is the only one that fails (its place holds what went wrong)."""
    try:
        return list(analyse(texts))
    except FATAL:
        raise
    except Exception as exc:
        if len(texts) == 1:
            return [_describe(exc)]
    return [result for text in texts for result in _analyse_each([text], analyse)]


@dataclass
class _Batch:
    """A batch of inputs: those already stored, and the analyses of the others (to come)."""

    items: list[ArticleInput]
    stored: dict[int, Article | None]
    fresh: list[ArticleInput]  # not stored yet: analysed
    analyses: Callable[[], list[Analysis | str]]


def _start_batch(session: Session, batch: list[ArticleInput], parser: _ParseHere) -> _Batch:
    # Skip the engine for articles already stored (store_analysed checks again in its write).
    stored = {id(d): find_existing(session, d) for d in batch}
    fresh = [d for d in batch if stored[id(d)] is None]
    texts = [d.text or "" for d in fresh]
    return _Batch(batch, stored, fresh, parser.start(texts) if texts else list)


def _finish_batch(session: Session, batch: _Batch) -> Iterator[IngestResult]:
    analyses = dict(zip(map(id, batch.fresh), batch.analyses(), strict=True))
    for data in batch.items:
        existing = batch.stored[id(data)]
        if existing is not None:
            yield IngestResult(existing, created=False)
            continue
        analysis = analyses[id(data)]
        if isinstance(analysis, str):
            yield IngestResult(None, created=False, error=f"analysis failed: {analysis}")
            continue
        try:
            stored_now = store_analysed(session, data, analysis)
            yield IngestResult(stored_now.article, stored_now.created)
        except FATAL:
            raise
        except Exception as exc:
            # store_analysed rolled its transaction back: nothing of this article remains.
            yield IngestResult(None, created=False, error=f"not stored: {_describe(exc)}")


def store_analysed(session: Session, data: ArticleInput, analysis: Analysis) -> Stored:
    """Store an analysed article with its quotes, restatements and links in one transaction."""
    assert data.text is not None
    try:
        db.lock_for_writing(session)
        # Speakers and statements this session loaded for earlier articles may have changed
        # since (another writer added an alias or a wording): read them again.
        session.expire_all()
        existing = find_existing(session, data)
        if existing is not None:
            return Stored(existing, created=False)
        outlet = None
        if data.outlet:
            outlet = links.outlet_named(session, data.outlet, data.outlet_kind)
            if data.outlet_domain and not outlet.domain:
                outlet.domain = data.outlet_domain
        article = Article(
            outlet=outlet,
            url=data.url,
            external_id=data.id,
            author=data.author,
            title=data.title,
            published_at=data.published_at,
            text=data.text,
            content_hash=content_hash(data.text),
            analysis_status="complete" if analysis.complete else "partial",
            analysis_note="; ".join(analysis.limits()) or None,
            unattributed=[u.to_dict() for u in analysis.unattributed],
        )
        session.add(article)
        session.flush()

        speakers = SpeakerResolver(session, article, analysis.entities)
        spans = provenance.quote_spans(article.text, analysis)
        index = statements.KeyIndex(session, [span.wording for span in spans])
        # The quotes and chain links wait in the session and go in together (a round trip
        # each was most of the store's work on PostgreSQL); what placing reads of them
        # flushes first (statements.statement_speakers, merge_statements).
        with session.no_autoflush:
            for span in spans:
                statements.store_quote(session, article, span, speakers, index)
            whole = statements.refresh_new_statements(session)
        session.flush()
        index.write()
        # Statements this article introduced: it cannot be paraphrasing those.
        ids = {q.statement_id for q in article.quotes}
        elsewhere = set(session.scalars(
            select(Quote.statement_id).where(
                db.one_of(session, Quote.statement_id, ids), Quote.article_id != article.id
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
        # Statements that other articles quote too are read again with all their quotes, and
        # their original speaker and first appearance decided afresh; those this article made
        # were decided whole before they went in.
        quoted = {q.statement_id for q in article.quotes}
        made_here = [s for s in whole if s.id in quoted]
        shared = statements.with_occurrences(session, quoted - {s.id for s in made_here})
        for statement in shared:
            statements.refresh_statement(statement)
        statements.index_words(session, [*made_here, *shared])
        session.commit()
        _keep_store_for_good()
    except IntegrityError:
        # Another writer stored the same article first: theirs stands.
        session.rollback()
        existing = find_existing(session, data)
        if existing is None:
            raise
        return Stored(existing, created=False)
    except BaseException:
        session.rollback()
        raise
    return Stored(article, created=True)
