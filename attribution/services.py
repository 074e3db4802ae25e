"""Use cases: ingest articles, look up a quote, and the queries the API and pages answer.

This is the one module that commits. An article, its quotes and its links are written in one
transaction: all or nothing. Functions take the caller's ``Session``; results are plain dicts
ready for JSON, so the API layer only validates input and shapes responses.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, selectinload

from attribution import matching, provenance
from attribution.config import MAX_TEXT_CHARS
from attribution.models import (
    OUTLET_KINDS,
    Article,
    ArticleLink,
    ChainLink,
    Outlet,
    Quote,
    Speaker,
    SpeakerAlias,
    Statement,
)
from attribution.nlp.types import Analysis

OutletKind = Literal["wire", "state media", "newspaper", "broadcaster", "site"]
assert set(OutletKind.__args__) == set(OUTLET_KINDS)  # type: ignore[attr-defined]


class NotFound(LookupError):
    """An id that names nothing stored."""

    def __init__(self, what: str, ident: int) -> None:
        super().__init__(f"no {what} with id {ident}")
        self.what = what
        self.ident = ident


# --- input ---------------------------------------------------------------------------------------


def refuse_nul(value: Any) -> Any:
    """A field validator: text holding a NUL character is bad input (no article needs one, and
    PostgreSQL can neither store nor compare it)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("contains a NUL character (\\x00)")
    return value


class ArticleInput(BaseModel):
    """One article to ingest, from the API or a file. ``text`` is stored exactly as given;
    ``html`` instead of ``text`` has its main text and metadata extracted by trafilatura."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    text: str | None = Field(None, max_length=MAX_TEXT_CHARS, description="Article text.")
    html: str | None = Field(
        None, max_length=4 * MAX_TEXT_CHARS, description="Article HTML, instead of text."
    )
    url: str | None = Field(None, max_length=2048)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200, description="Publisher's name.")
    outlet_domain: str | None = Field(None, max_length=255)
    outlet_kind: OutletKind | None = None
    published_at: datetime | None = Field(
        None, description="ISO 8601 date or date-time; a date alone means midnight UTC."
    )

    _no_nul = field_validator("text", "html", "url", "title", "outlet", "outlet_domain")(
        refuse_nul
    )

    @field_validator("published_at")
    @classmethod
    def _to_naive_utc(cls, value: datetime | None) -> datetime | None:
        # Stored naive UTC everywhere: SQLite keeps no time zone.
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    @model_validator(mode="after")
    def _text_or_html(self) -> ArticleInput:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        if self.html is not None:
            self._from_html(self.html)
        if self.text is None or not self.text.strip():
            raise ValueError("the article text is empty")
        if len(self.text) > MAX_TEXT_CHARS:
            raise ValueError(f"the article text is longer than {MAX_TEXT_CHARS} characters")
        return self

    def _from_html(self, html: str) -> None:
        import trafilatura

        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        if document is None:
            raise ValueError("no article text found in the HTML")
        meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
        self.text = meta.get("text") or ""
        self.html = None
        self.title = self.title or meta.get("title")
        self.url = self.url or meta.get("url")
        self.outlet = self.outlet or meta.get("sitename")
        self.outlet_domain = self.outlet_domain or meta.get("hostname")
        if self.published_at is None and meta.get("date"):
            # A page's unparseable date is no reason to refuse its text.
            with contextlib.suppress(ValueError):
                self.published_at = datetime.fromisoformat(str(meta["date"]))


def normalised_text(text: str) -> str:
    """The text with every run of whitespace collapsed: what "the same text" means."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha256 of the whitespace-normalised text."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


# --- ingest --------------------------------------------------------------------------------------


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
            outlet = provenance.outlet_named(session, data.outlet, data.outlet_kind)
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

        speakers = provenance.SpeakerResolver(session, analysis.entities)
        for occurrence in provenance.occurrences_in(article.text, analysis):
            provenance.store_occurrence(session, article, occurrence, speakers)
        session.flush()
        # Statements this article introduced: it cannot be paraphrasing those.
        ids = {q.statement_id for q in article.quotes}
        elsewhere = set(session.scalars(
            select(Quote.statement_id).where(
                Quote.statement_id.in_(ids), Quote.article_id != article.id
            )
        ))
        introduced = ids - elsewhere
        provenance.find_restatements(session, article, analysis, exclude=introduced)
        session.flush()
        credits = provenance.store_credits(session, article, analysis, speakers)
        # An occurrence is credited when its chain names a news relay or the article credits
        # some outlet; a restatement in an article that names no source stays uncredited.
        for quote in article.quotes:
            quote.credited = quote.credited or bool(credits)
        provenance.store_reuse(session, article)
        session.flush()
        for statement in {q.statement for q in article.quotes}:
            session.refresh(statement, ["quotes"])
            provenance.refresh_statement(statement)
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


# --- lookup --------------------------------------------------------------------------------------

#: Characters of article text either side of a quote that a looked-up quote may run into
#: (``most serious shortcoming`` spans the quote “the most serious” and the word after it).
CONTEXT_CHARS = 80


def lookup_quote(session: Session, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Statements a full, partial or slightly altered quote belongs to, best first, each with
    its origin and relays."""
    scored: dict[int, tuple[float, str, str]] = {}
    carried: dict[int, int] = {}
    candidates = provenance.candidate_statements(session, text, limit=2 * limit + 10)
    # Every candidate's quotes (and their articles) in one go, not a query per candidate.
    quotes_of: dict[int, list[Quote]] = {}
    for quote in session.scalars(
        select(Quote)
        .where(Quote.statement_id.in_([s.id for s in candidates]))
        .options(selectinload(Quote.article))
        .order_by(Quote.id)
    ):
        quotes_of.setdefault(quote.statement_id, []).append(quote)
    for statement in candidates:
        quotes = quotes_of.get(statement.id, [])
        quoted = [q for q in quotes if q.kind != "paraphrase"]
        best: tuple[float, str, str] | None = None
        for wording in dict.fromkeys([statement.text, *(q.text for q in quoted)]):
            score = matching.lookup_score(text, wording)
            if score >= matching.LOOKUP_THRESHOLD and (best is None or score > best[0]):
                comparison = matching.compare(text, wording)
                best = (score, comparison.relation if comparison else "overlaps", wording)
        for quote in quoted if best is None else []:
            # The query may run past the quote marks into the article's words around them.
            body = quote.article.text
            context = body[max(0, quote.start - CONTEXT_CHARS) : quote.end + CONTEXT_CHARS]
            comparison = matching.compare(text, context)
            if comparison is not None and comparison.relation == "contained_in":
                best = (0.9 * comparison.score, "overlaps", quote.text)
                break
        if best is not None:
            scored[statement.id] = best
            carried[statement.id] = len({q.article_id for q in quotes})
    # Equal scores: the statement more outlets carry is the likelier source of the quote.
    ranked = sorted(
        scored.items(), key=lambda item: (-item[1][0], -carried[item[0]], item[0])
    )[:limit]
    details = statement_details(session, [statement_id for statement_id, _ in ranked])
    results = []
    for statement_id, (score, relation, wording) in ranked:
        detail = details[statement_id]
        results.append({
            "score": round(score, 3),
            "relation": relation,
            "matched_wording": wording,
            "statement": {k: detail[k] for k in ("id", "text", "speaker", "first_appearance")},
            "relays": detail["occurrences"],
        })
    return results


# --- reading: shapes -----------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value is not None else None


def outlet_ref(outlet: Outlet | None) -> dict[str, Any] | None:
    """An outlet as other objects refer to it."""
    if outlet is None:
        return None
    return {"id": outlet.id, "name": outlet.name, "kind": outlet.kind, "domain": outlet.domain}


def speaker_ref(speaker: Speaker | None) -> dict[str, Any] | None:
    """A speaker as other objects refer to it."""
    if speaker is None:
        return None
    return {"id": speaker.id, "name": speaker.name, "kind": speaker.kind}


def article_ref(article: Article) -> dict[str, Any]:
    """An article as other objects refer to it."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "published_at": _iso(article.published_at),
        "outlet": outlet_ref(article.outlet),
    }


def _chain(quote: Quote) -> list[dict[str, Any]]:
    return [
        {
            "position": link.position,
            "text": link.text,
            "entity": link.entity,
            "entity_kind": link.entity_kind,
            "start": link.start,
            "end": link.end,
            "speaker": speaker_ref(link.speaker),
        }
        for link in quote.chain
    ]


def quote_dict(quote: Quote) -> dict[str, Any]:
    """One occurrence as stored: offsets, wording, kind, speaker mention, cue, chain."""
    return {
        "id": quote.id,
        "statement_id": quote.statement_id,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": (
            {
                "text": quote.speaker_text,
                "start": quote.speaker_start,
                "end": quote.speaker_end,
                "speaker": speaker_ref(quote.speaker),
            }
            if quote.speaker_text is not None
            else None
        ),
        "cue": (
            {"text": quote.cue_text, "start": quote.cue_start, "end": quote.cue_end}
            if quote.cue_text is not None
            else None
        ),
        "chain": _chain(quote),
        "parts": quote.parts or [],
        "credited": quote.credited,
        "relation": quote.relation,
        "match_score": round(quote.match_score, 3),
        "confidence": round(quote.confidence, 3),
    }


def link_dict(link: ArticleLink) -> dict[str, Any]:
    """An article-to-article (or article-to-outlet) link with its evidence."""
    return {
        "id": link.id,
        "kind": link.kind,
        "article_id": link.article_id,
        "target_article_id": link.target_article_id,
        "target_outlet": outlet_ref(link.target_outlet),
        "words": link.words,
        "evidence": link.evidence,
    }


# --- reading: articles ---------------------------------------------------------------------------


def get_article(session: Session, article_id: int) -> dict[str, Any]:
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
        .options(selectinload(ArticleLink.target_outlet))
        .order_by(ArticleLink.id)
    ).all()
    upstream = provenance.upstream_article_ids(session, article_id)
    return {
        **article_ref(article),
        "text": article.text,
        "content_hash": article.content_hash,
        "ingested_at": _iso(article.ingested_at),
        "quotes": [quote_dict(q) for q in article.quotes],
        "links": [link_dict(link) for link in links if link.article_id == article_id],
        "linked_from": [link_dict(link) for link in links if link.article_id != article_id],
        "draws_on": [
            {"article_id": a, "depth": depth, "kind": kind} for a, depth, kind in upstream
        ],
    }


# --- reading: statements -------------------------------------------------------------------------


def _page(
    session: Session, query: Select[Any], page: int, per_page: int
) -> tuple[list[Any], dict[str, Any]]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = list(session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    meta = {
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": (total + per_page - 1) // per_page,
    }
    return items, meta


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


def list_statements(
    session: Session,
    q: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    page: int = 1,
    per_page: int = 20,
) -> dict[str, Any]:
    """Statements filtered by words, speaker (original or relay), outlet carrying them, and first
    appearance date; ordered by id (stable across pages)."""
    query = select(Statement).order_by(Statement.id)
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Statement.text.ilike(f"%{escaped}%", escape="\\"))
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
    items, meta = _page(session, query, page, per_page)
    counts = _count_by(session, Quote.statement_id, [s.id for s in items])
    return {
        "items": [statement_summary(s, counts.get(s.id, 0)) for s in items],
        **meta,
    }


#: What :func:`statement_summary` reads, loaded with the statements rather than one by one.
SUMMARY_LOADS = (
    selectinload(Statement.speaker),
    selectinload(Statement.first_article).selectinload(Article.outlet),
)


def statement_summary(statement: Statement, occurrences: int | None = None) -> dict[str, Any]:
    """A statement's text, original speaker and first appearance."""
    out = {
        "id": statement.id,
        "text": statement.text,
        "speaker": speaker_ref(statement.speaker),
        "first_appearance": (
            article_ref(statement.first_article) if statement.first_article else None
        ),
    }
    if occurrences is not None:
        out["occurrence_count"] = occurrences
    return out


def _get_statement(session: Session, statement_id: int) -> Statement:
    statement = session.get(Statement, statement_id)
    if statement is None:
        raise NotFound("statement", statement_id)
    return statement


def statement_detail(session: Session, statement_id: int) -> dict[str, Any]:
    """A statement with every occurrence in time order: outlet, article, wording, kind, chain,
    whom it credits, and a word-level diff against the earliest wording."""
    details = statement_details(session, [statement_id])
    if statement_id not in details:
        raise NotFound("statement", statement_id)
    return details[statement_id]


def statement_details(session: Session, statement_ids: list[int]) -> dict[int, dict[str, Any]]:
    """:func:`statement_detail` of many statements (those stored), by id, in a few queries
    whatever their number."""
    statements = session.scalars(
        select(Statement).where(Statement.id.in_(statement_ids)).options(*SUMMARY_LOADS)
    ).all()
    by_statement = provenance.occurrences_of(session, statement_ids)
    credits = provenance.article_credits(
        session, [q.article_id for quotes in by_statement.values() for q in quotes]
    )
    details = {}
    for statement in statements:
        quotes = by_statement.get(statement.id, [])
        quoted = [q for q in quotes if q.kind != "paraphrase"]
        earliest = quoted[0].text if quoted else statement.text
        occurrences = [
            {
                **quote_dict(quote),
                "article": article_ref(quote.article),
                "outlet": outlet_ref(quote.article.outlet),
                "credits": [
                    {"outlet": outlet_ref(link.target_outlet), "evidence": link.evidence}
                    for link in credits.get(quote.article_id, [])
                ],
                "diff": [op.to_dict() for op in matching.word_diff(earliest, quote.text)],
            }
            for quote in quotes
        ]
        details[statement.id] = {
            **statement_summary(statement, len(quotes)),
            "occurrences": occurrences,
        }
    return details


def statement_relays(session: Session, statement_id: int) -> dict[str, Any]:
    """The relay graph of a statement: speakers, outlets and articles as nodes; who relayed
    whom (from the chains as written), where it appeared, who published it, and which
    carrying article credits or reuses which, as edges with their evidence."""
    statement = _get_statement(session, statement_id)
    quotes = provenance.occurrences(session, statement_id)
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []

    def node(type_: str, ident: int, label: str, **extra: Any) -> str:
        key = f"{type_}:{ident}"
        nodes.setdefault(key, {"id": key, "type": type_, "label": label, **extra})
        return key

    if statement.speaker is not None:
        node("speaker", statement.speaker.id, statement.speaker.name, original=True)
    for quote in quotes:
        article = quote.article
        a = node("article", article.id, article.title or f"article {article.id}",
                 published_at=_iso(article.published_at))
        if article.outlet is not None:
            o = node("outlet", article.outlet.id, article.outlet.name, kind=article.outlet.kind)
            edges.append({"source": a, "target": o, "type": "published_by", "evidence": {}})
        previous: str | None = None
        for hop in quote.chain:
            if hop.speaker is None:
                continue
            s = node("speaker", hop.speaker.id, hop.speaker.name)
            if previous is not None and previous != s:
                edges.append({
                    "source": previous, "target": s, "type": "relayed_by",
                    "evidence": {"article_id": article.id, "quote_id": quote.id,
                                 "text": hop.text, "start": hop.start, "end": hop.end},
                })
            previous = s
        if previous is None and quote.speaker is not None:
            previous = node("speaker", quote.speaker.id, quote.speaker.name)
        if previous is None and statement.speaker is not None:
            # An unattributed restatement: the words trace back to the original speaker.
            previous = f"speaker:{statement.speaker.id}"
        if previous is None:
            continue
        edges.append({
            "source": previous, "target": a,
            "type": "restated_in" if quote.kind == "paraphrase" else "quoted_in",
            "evidence": {"quote_id": quote.id, "kind": quote.kind, "text": quote.text,
                         "start": quote.start, "end": quote.end, "credited": quote.credited},
        })
    article_ids = {q.article_id for q in quotes}
    for article_id, links in provenance.article_credits(session, article_ids).items():
        for link in links:
            if link.target_outlet is None:
                continue
            o = node("outlet", link.target_outlet.id, link.target_outlet.name,
                     kind=link.target_outlet.kind)
            edges.append({"source": f"article:{article_id}", "target": o, "type": "credits",
                          "evidence": {"items": link.evidence}})
    for link in provenance.links_among(session, article_ids):
        if link.kind == "reuse":
            edges.append({
                "source": f"article:{link.article_id}",
                "target": f"article:{link.target_article_id}",
                "type": "reuses",
                "evidence": {"words": link.words, "items": link.evidence},
            })
    return {
        "statement": statement_summary(statement, len(quotes)),
        "nodes": list(nodes.values()),
        "edges": edges,
    }


# --- reading: speakers and outlets ---------------------------------------------------------------


def list_speakers(session: Session, page: int = 1, per_page: int = 20) -> dict[str, Any]:
    """Speakers by id, with their aliases."""
    query = select(Speaker).order_by(Speaker.id).options(selectinload(Speaker.aliases))
    items, meta = _page(session, query, page, per_page)
    return {"items": [_speaker_brief(s) for s in items], **meta}


def _speaker_brief(speaker: Speaker) -> dict[str, Any]:
    return {**(speaker_ref(speaker) or {}), "aliases": [a.alias for a in speaker.aliases]}


def get_speaker(session: Session, speaker_id: int) -> dict[str, Any]:
    """A speaker, its aliases, the statements it originated and those it relayed."""
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFound("speaker", speaker_id)
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
    return {
        **_speaker_brief(speaker),
        "statements": [statement_summary(s) for s in said],
        "relayed": [statement_summary(s) for s in relayed],
    }


def list_outlets(session: Session, page: int = 1, per_page: int = 20) -> dict[str, Any]:
    """Outlets by id, with how many articles of theirs are stored."""
    query = select(Outlet).order_by(Outlet.id)
    items, meta = _page(session, query, page, per_page)
    counts = _count_by(session, Article.outlet_id, [o.id for o in items])
    return {
        "items": [{**(outlet_ref(o) or {}), "articles": counts.get(o.id, 0)} for o in items],
        **meta,
    }


def get_outlet(session: Session, outlet_id: int) -> dict[str, Any]:
    """An outlet: its articles, the statements it relayed, the outlets it credits, the
    articles whose prose it reused, and who reused its prose."""
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
    ).all()
    links = session.scalars(
        select(ArticleLink)
        .where(ArticleLink.article_id.in_(ids))
        .options(selectinload(ArticleLink.target_outlet))
        .order_by(ArticleLink.id)
    ).all()
    reused_by = session.scalars(
        select(ArticleLink)
        .where(ArticleLink.target_article_id.in_(ids), ArticleLink.kind == "reuse")
        .options(selectinload(ArticleLink.target_outlet))
        .order_by(ArticleLink.id)
    ).all()
    credited: dict[int, dict[str, Any]] = {}
    for link in links:
        if link.kind == "credit" and link.target_outlet is not None:
            entry = credited.setdefault(
                link.target_outlet.id, {"outlet": outlet_ref(link.target_outlet), "articles": []}
            )
            entry["articles"].append(link.article_id)
    return {
        **(outlet_ref(outlet) or {}),
        "articles": [article_ref(a) for a in articles],
        "statements": [statement_summary(s) for s in statements],
        "credits": list(credited.values()),
        "reuses": [link_dict(link) for link in links if link.kind == "reuse"],
        "reused_by": [link_dict(link) for link in reused_by],
    }
