"""The store on PostgreSQL: the same rules hold (statements, links, the recursive CTE over
article links, filters), read back through the API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from attribution import ingest as ingesting
from attribution.inputs import ArticleInput
from attribution.nlp.types import Analysis, Attribution, ChainLink, Span
from attribution.nlp.types import SpeakerMention as Mention
from attribution.store.db import get_session

pytestmark = pytest.mark.postgres

PROSE = ("The Politburo members set down unspecified tasks for strengthening solidarity with "
         "countries that share their views on regional security and trade, KCNA said. ")


def quoted(text: str, phrase: str) -> Attribution:
    start, at = text.index(phrase), text.index("KCNA")
    link = ChainLink("KCNA", "Korean Central News Agency", at, at + 4, "media")
    speaker = Mention(at, at + 4, "KCNA", "Korean Central News Agency", "media")
    return Attribution(start, start + len(phrase), phrase, "direct", speaker, None, [link])


def ingest(app: Flask, text: str, quotes: list[Attribution], **fields: str) -> int:
    analysis = Analysis(quotes, [], [Span.of(text, 0, len(text))])

    def analyser(texts: list[str]) -> Iterator[Analysis]:
        yield from (analysis for _ in texts)

    with app.app_context():
        result = ingesting.ingest_article(
            get_session(), ArticleInput(text=text, **fields), analyser
        )
        return result.article.id


def test_store_and_read_back_on_postgres(pg_app: Flask) -> None:
    first = PROSE + "KCNA said it “will not give up”. Experts doubted it."
    second = "Pyongyang was defiant. " + PROSE + "KCNA said it “will not give up.”"
    a = ingest(pg_app, first, [quoted(first, "“will not give up”")], outlet="Wire A",
               published_at="2023-06-19")
    b = ingest(pg_app, second, [quoted(second, "“will not give up.”")], outlet="Site B",
               published_at="2023-06-20T08:00:00+09:00")
    assert ingest(pg_app, second.replace(" ", "\n"), []) == b  # idempotent

    client = pg_app.test_client()
    article = client.get(f"/api/articles/{b}").json
    assert [(link["kind"], link["target_article_id"]) for link in article["links"]
            if link["kind"] == "reuse"] == [("reuse", a)]
    assert article["draws_on"] == [{"article_id": a, "depth": 1, "kind": "reuse"}]
    assert article["published_at"] == "2023-06-19T23:00:00Z"

    page = client.get("/api/statements", query_string={"q": "GIVE UP", "speaker": "KCNA",
                                                       "outlet": "Site B"}).json
    assert page["total"] == 1
    statement = client.get(f"/api/statements/{page['items'][0]['id']}").json
    assert [o["article"]["id"] for o in statement["occurrences"]] == [a, b]
    assert statement["first_appearance"]["id"] == a
    assert statement["speaker"]["name"] == "Korean Central News Agency"
    graph = client.get(f"/api/statements/{statement['id']}/relays").json
    assert {"reuses", "credits", "quoted_in"} <= {e["type"] for e in graph["edges"]}
    lookup = client.post("/api/lookup", json={"text": "will not give up"}).json
    assert lookup["results"][0]["statement"]["id"] == statement["id"]
