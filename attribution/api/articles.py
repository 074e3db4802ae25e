"""``/api/articles``: ingest one article (inline, or as a job for the workers when a broker is
configured), find articles by their feed id, read one back with its quotes."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, current_app

from attribution import ingest, queries
from attribution.api.access import WRITE_SECURITY, requires_key
from attribution.api.jobs import JOB_RESPONSE, job_accepted
from attribution.api.schemas import ArticleInput, ArticleOut, ArticlePage, ArticleQuery
from attribution.store.db import get_session
from attribution.store.tables import Article

bp = APIBlueprint("articles", __name__, tag="Articles")

_POST_RESPONSES: dict[int | str, Any] = {
    200: "Already stored: the same URL or the same text",
    202: JOB_RESPONSE,
    400: "Body not UTF-8 or not valid JSON",
    401: "No API key, or one this server does not know",
    413: "Body too large",
    415: "Body not sent as JSON",
    429: "Too many articles from this key: wait for Retry-After seconds",
    503: "Language models not installed on the server, or its queue unreachable",
}


@bp.post("/articles")
@requires_key
@bp.input(ArticleInput, location="json", arg_name="data")
@bp.output(ArticleOut, status_code=201, description="Stored (200 when it was already stored)")
@bp.doc(security=WRITE_SECURITY, responses=_POST_RESPONSES)
def create_article(
    data: ArticleInput,
) -> tuple[queries.ArticleDetail, int, dict[str, str]] | Response:
    """Ingest one article: find its quotes, store them with their statements and links.

    Needs an API key (``Authorization: Bearer KEY`` or ``X-API-Key: KEY``).

    Text or HTML (main text and metadata extracted with trafilatura), up to
    ``MAX_TEXT_CHARS`` (1,000,000) characters. Idempotent: the same URL or the same text
    (whitespace aside) returns the stored article with status 200 and changes nothing.

    On a server that hands extraction to workers, the article is checked as above, then
    queued: the answer is 202 with a job, at the address in ``Location``, to poll until its
    ``status`` is ``done`` (its ``articles[0].article`` is then the stored article).
    """
    session = get_session()
    if current_app.config["CELERY_BROKER_URL"]:
        from attribution import tasks

        job = tasks.hand_over(session, [("request body", data)],
                              current_app.config["CELERY_BROKER_URL"],
                              current_app.config["CELERY_QUEUE"])
        return job_accepted(job)
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
