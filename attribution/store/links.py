"""Article links in the store: outlets an article credits, and articles whose prose it
reuses. Works inside the caller's session and never commits (``ingest`` does).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from attribution import matching, provenance
from attribution.nlp.types import Analysis
from attribution.store.db import insert_rows, one_of
from attribution.store.speakers import SpeakerResolver
from attribution.store.statements import CANDIDATE_LIMIT, index_key
from attribution.store.tables import Article, ArticleKey, ArticleLink, Outlet, Quote

#: Two articles must share this many reuse keys before their texts are aligned.
REUSE_MIN_KEY_HITS = 2


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
    for credit in provenance.find_credits(article.text, analysis):
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
                one_of(session, Quote.statement_id, [q.statement_id for q in article.quotes]),
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
        .where(one_of(session, ArticleKey.key, keys), ArticleKey.article_id != article.id)
        .group_by(ArticleKey.article_id)
        .having(hits >= REUSE_MIN_KEY_HITS)
        .order_by(hits.desc(), ArticleKey.article_id)
        .limit(CANDIDATE_LIMIT)
    ).all() if keys else []
    # in bulk, as statements' keys (statements.KeyIndex.write)
    insert_rows(session, ArticleKey, [{"key": k, "article_id": article.id} for k in sorted(keys)])

    links = []
    for other_id, _ in candidates:
        other = session.get(Article, other_id)
        if other is None:
            continue
        reuser, original = (
            (article, other) if provenance.reuses(article, other) else (other, article)
        )
        spans = provenance.quotation_spans(reuser.text)
        passages = matching.shared_passages(reuser.text, original.text)
        evidence = []
        total = 0
        for p in passages:
            words = provenance.words_outside(spans, p.a_start, p.a_end, reuser.text)
            if words == 0:
                continue
            total += words
            evidence.append({
                "text": reuser.text[p.a_start:p.a_end],
                "start": p.a_start, "end": p.a_end,
                "source_start": p.b_start, "source_end": p.b_end,
                "words": p.words, "words_outside_quotes": words,
            })
        if total >= provenance.REUSE_MIN_WORDS:
            link = ArticleLink(article=reuser, kind="reuse", target_article=original, words=total,
                               evidence=evidence)
            session.add(link)
            links.append(link)
    return links
