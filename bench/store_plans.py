"""The plans PostgreSQL chooses for the store's hot queries, on a real store.

    python bench/store_plans.py --database postgresql+psycopg://postgres@127.0.0.1/attribution_full

Runs ``EXPLAIN (ANALYZE, BUFFERS)`` on the queries ingest and lookup run for every quote or
article, with parameters taken from the store itself (a stored quote's wording, an article's
hash, a speaker's alias), and prints each plan. What to look for: index scans on
``quote_key``'s and ``article_key``'s primary keys (``key`` leads them), on
``speaker_alias.key``, on ``article.content_hash``; a sequential scan of a large table on any
of these is a missing or unused index. Run it after ``attribution ingest`` of a few hundred
articles (the planner's statistics are refreshed during a bulk load).
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import create_engine, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from attribution import matching
from attribution.store.statements import index_key
from attribution.store.tables import (
    Article,
    ArticleKey,
    Quote,
    QuoteKey,
    Speaker,
    SpeakerAlias,
)


def hot_queries(session: Session) -> dict[str, Any]:
    """The store's per-quote and per-article queries, with parameters from the store."""
    wording = session.scalars(
        select(Quote.text).where(Quote.kind == "direct")
        .order_by(func.length(Quote.text).desc()).offset(100).limit(1)
    ).one()
    keys = [index_key(k) for k in matching.index_keys(wording) if not k.startswith("w:")]
    article = session.scalars(select(Article).order_by(Article.id.desc()).limit(1)).one()
    article_keys = [index_key(k) for k in matching.article_keys(article.text)]
    alias = session.scalars(
        select(SpeakerAlias.key).where(SpeakerAlias.kind == "name").limit(1)
    ).one()
    hits = func.count().label("hits")
    return {
        # statements.candidate_statements: for every quote stored and every lookup
        "candidate statements (quote_key)": select(QuoteKey.statement_id, hits)
        .where(QuoteKey.key.in_(keys)).group_by(QuoteKey.statement_id)
        .order_by(hits.desc(), QuoteKey.statement_id).limit(20),
        # ingest.find_existing: for every article before it is parsed
        "article already stored?": select(Article.id).where(or_(
            Article.content_hash == article.content_hash,
            Article.url == (article.url or ""),
            Article.external_id == (article.external_id or ""),
        )).limit(1),
        # speakers.SpeakerResolver._find: for every named speaker
        "speaker by alias": select(Speaker.id).join(SpeakerAlias)
        .where(Speaker.article_id.is_(None), SpeakerAlias.kind == "name",
               SpeakerAlias.key == alias, Speaker.kind == "person")
        .order_by(Speaker.id).limit(1),
        # links.store_reuse: for every article
        "articles sharing prose (article_key)": select(ArticleKey.article_id, hits)
        .where(ArticleKey.key.in_(article_keys), ArticleKey.article_id != article.id)
        .group_by(ArticleKey.article_id).having(hits >= literal_column("3"))
        .order_by(hits.desc(), ArticleKey.article_id).limit(20),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL store's URL")
    args = parser.parse_args()
    engine = create_engine(args.database)
    if engine.dialect.name != "postgresql":
        parser.error("the plans shown are PostgreSQL's: give a postgresql+psycopg:// URL")
    with Session(engine) as session:
        sizes = {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                 for t in ("article", "quote", "quote_key", "article_key", "speaker_alias")}
        print("rows:", ", ".join(f"{t} {n:,}" for t, n in sizes.items()))
        for name, query in hot_queries(session).items():
            sql = query.compile(engine, compile_kwargs={"literal_binds": True})
            plan = session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}"))
            print(f"\n== {name}")
            print("\n".join(row[0] for row in plan))


if __name__ == "__main__":
    main()
