"""``/api/articles``: ingest one article, find articles by their feed id, read one back with its
quotes."""

from __future__ import annotations

from apiflask import APIBlueprint
from flask import current_app

from attribution import ingest, queries
from attribution.api.access import WRITE_SECURITY, requires_key
from attribution.api.schemas import ArticleInput, ArticleOut, ArticlePage, ArticleQuery
from attribution.store.db import get_session
from attribution.store.tables import Article

bp = APIBlueprint("articles", __name__, tag="Articles")


@bp.post("/articles")
@requires_key
@bp.input(ArticleInput, location="json", arg_name="data")
@bp.output(ArticleOut, status_code=201, description="Stored (200 when it was already stored)")
@bp.doc(security=WRITE_SECURITY, responses={
    200: "Already stored: the same URL or the same text",
    400: "Body not UTF-8 or not valid JSON",
    401: "No API key, or one this server does not know",
    413: "Body too large",
    415: "Body not sent as JSON",
    429: "Too many articles from this key: wait for Retry-After seconds",
    503: "Language models not installed on the server",
})
def create_article(data: ArticleInput) -> tuple[queries.ArticleDetail, int, dict[str, str]]:
    """Ingest one article: find its quotes, store them with their statements and links.

    Needs an API key (``Authorization: Bearer KEY`` or ``X-API-Key: KEY``).

    Text or HTML (main text and metadata extracted with trafilatura), up to
    ``MAX_TEXT_CHARS`` (1,000,000) characters. Idempotent: the same URL or the same text
    (whitespace aside) returns the stored article with status 200 and changes nothing.
    """
    session = get_session()
    analyser = ingest.budgeted_analyser(current_app.config["ANALYSIS_TIME_BUDGET"])
    result = ingest.ingest_article(session, data, analyser)
    body = queries.get_article(session, result.article.id)
    status = 201 if result.created else 200
    return body, status, {"Location": f"/api/articles/{result.article.id}"}


@bp.get("/articles")
@bp.input(ArticleQuery, location="query", arg_name="query")
@bp.output(ArticlePage)
def list_articles(query: ArticleQuery) -> queries.Page[Article]:
    """Articles by their feed id and outlet; paginated, ordered by id.

    ``external_id`` is the id the article had in the feed or file it came from (unique per
    outlet); ``outlet`` is an outlet id or name. Without filters, every stored article.
    """
    return queries.list_articles(
        get_session(),
        external_id=query.external_id,
        outlet=query.outlet,
        page=query.page,
        per_page=query.per_page,
    )


@bp.get("/articles/<int:article_id>")
@bp.output(ArticleOut)
@bp.doc(responses=[404])
def get_article(article_id: int) -> queries.ArticleDetail:
    """An article with its quotes, its links (credits, reuse) and the articles it draws on."""
    return queries.get_article(get_session(), article_id)
