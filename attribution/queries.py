"""The read use cases: lookup ranking, statements, speakers, outlets and articles.

Functions take the caller's ``Session`` and never write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from attribution import matching, provenance
from attribution.store import statements as stored_statements
from attribution.store.tables import (
    Article,
    ArticleLink,
    ChainLink,
    Outlet,
    Quote,
    Speaker,
    SpeakerAlias,
    Statement,
)


class NotFound(LookupError):
    """An id that names nothing stored."""

    def __init__(self, what: str, ident: int) -> None:
        super().__init__(f"no {what} with id {ident}")
        self.what = what
        self.ident = ident


# --- lookup ------------------------------------------------------------------------------------

#: Characters of article text either side of a quote that a looked-up quote may run into
#: (``most serious shortcoming`` spans the quote “the most serious” and the word after it).
CONTEXT_CHARS = 80


def lookup_quote(session: Session, text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Statements a full, partial or slightly altered quote belongs to, best first, each with
    its origin and relays."""
    scored: dict[int, tuple[float, str, str]] = {}
    carried: dict[int, int] = {}
    candidates = stored_statements.candidate_statements(session, text, limit=2 * limit + 10)
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


# --- reading -----------------------------------------------------------------------------------


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
    upstream = upstream_article_ids(session, article_id)
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
    by_statement = occurrences_of(session, statement_ids)
    credits = article_credits(
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
    quotes = occurrences(session, statement_id)
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
    for article_id, links in article_credits(session, article_ids).items():
        for link in links:
            if link.target_outlet is None:
                continue
            o = node("outlet", link.target_outlet.id, link.target_outlet.name,
                     kind=link.target_outlet.kind)
            edges.append({"source": f"article:{article_id}", "target": o, "type": "credits",
                          "evidence": {"items": link.evidence}})
    for link in links_among(session, article_ids):
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


# --- chains and links --------------------------------------------------------------------------


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
