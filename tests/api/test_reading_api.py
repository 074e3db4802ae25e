"""Reading endpoints: 404s as problem+json, pagination, filters, OpenAPI, pages for people."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from attribution import ingest
from attribution.inputs import ArticleInput
from attribution.nlp.types import Analysis, Attribution, ChainLink, Span
from attribution.nlp.types import SpeakerMention as Mention
from attribution.store.db import get_engine, get_session
from attribution.store.tables import Article, Outlet


@pytest.mark.parametrize(
    "path",
    ["/api/articles/99", "/api/statements/99", "/api/statements/99/relays", "/api/speakers/99",
     "/api/outlets/99", "/api/nothing-here", "/statements/99"],
)
def test_unknown_ids_are_404_problems(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 404


def test_invalid_query_is_422_problem(client: FlaskClient) -> None:
    for query in ({"page": 0}, {"per_page": 1000}, {"since": "soon"}, {"colour": "red"},
                  {"q": "most\x00serious"}, {"speaker": "KCNA\x00"}):
        response = client.get("/api/statements", query_string=query)
        assert response.status_code == 422, query
        assert response.content_type == "application/problem+json"


def test_lookup_needs_text(client: FlaskClient) -> None:
    for payload in ({}, {"text": ""}, {"text": "x", "speaker": "y"}, {"text": "most\x00"}):
        response = client.post("/api/lookup", json=payload)
        assert response.status_code == 422
        assert response.content_type == "application/problem+json"


def test_lookup_in_an_empty_store_finds_nothing(client: FlaskClient) -> None:
    response = client.post("/api/lookup", json={"text": "the most serious"})
    assert response.status_code == 200 and response.json == {"results": []}


def test_openapi_document_describes_the_api(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/statements",
                 "/api/statements/{statement_id}", "/api/statements/{statement_id}/relays",
                 "/api/lookup", "/api/speakers", "/api/speakers/{speaker_id}", "/api/outlets",
                 "/api/outlets/{outlet_id}"):
        assert path in spec["paths"], path
    assert "/" not in spec["paths"]


def test_openapi_document_describes_errors_as_the_problem_documents_sent(
    client: FlaskClient,
) -> None:
    spec = client.get("/api/openapi.json").json
    errors = [
        (path, status, response)
        for path, operations in spec["paths"].items()
        for operation in operations.values()
        for status, response in operation["responses"].items()
        if status[0] in "45"
    ]
    assert ("/api/articles/{article_id}", "404") in {(p, s) for p, s, _ in errors}
    for path, status, response in errors:
        assert list(response["content"]) == ["application/problem+json"], (path, status)
        ref = response["content"]["application/problem+json"]["schema"]["$ref"]
        schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
        # What the server really sends for this status carries every required field.
        assert {"type", "title", "status", "detail"} <= set(schema["required"]), (path, status)
    sent = client.get("/api/articles/99").json
    assert set(sent) >= {"type", "title", "status", "detail"}


@pytest.mark.stanza
def test_statement_pages_are_stable_and_complete(seeded: FlaskClient) -> None:
    everything = seeded.get("/api/statements", query_string={"per_page": 100}).json
    ids = [s["id"] for s in everything["items"]]
    assert ids == sorted(ids) and len(ids) == everything["total"]
    paged = []
    for page in range(1, everything["total"] // 5 + 2):
        paged += [s["id"] for s in seeded.get(
            "/api/statements", query_string={"per_page": 5, "page": page}).json["items"]]
    assert paged == ids


@pytest.mark.stanza
def test_statements_filter_by_speaker_outlet_and_date(seeded: FlaskClient) -> None:
    by_kcna = seeded.get("/api/statements", query_string={"speaker": "KCNA", "per_page": 100})
    texts = [s["text"] for s in by_kcna.json["items"]]
    assert any("brigandish" in t for t in texts)
    by_outlet = seeded.get("/api/statements",
                           query_string={"outlet": "The Independent", "per_page": 100}).json
    assert any("bitterly criticised" in s["text"] for s in by_outlet["items"])
    assert not any("brigandish" in s["text"] for s in by_outlet["items"])
    later = seeded.get("/api/statements", query_string={"since": "2024-01-01"}).json
    assert later["total"] == 0


@pytest.mark.stanza
def test_speaker_page_lists_aliases_and_statements(seeded: FlaskClient) -> None:
    speakers = seeded.get("/api/speakers", query_string={"per_page": 100}).json["items"]
    bureau = next(s for s in speakers if "Political Bureau" in s["name"])
    detail = seeded.get(f"/api/speakers/{bureau['id']}").json
    assert any("the most serious" in s["text"] for s in detail["statements"])


@pytest.mark.stanza
def test_lookup_page_answers_people(seeded: FlaskClient) -> None:
    page = seeded.get("/", query_string={"q": "most serious shortcoming"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "the most serious" in html and "Political Bureau" in html
    statement_id = seeded.post("/api/lookup", json={"text": "the most serious"}).json[
        "results"][0]["statement"]["id"]
    detail = seeded.get(f"/statements/{statement_id}").get_data(as_text=True)
    assert "PressTV" in detail and "uncredited" in detail


@pytest.mark.stanza
def test_since_keeps_statements_an_outlet_carried_after_another_first(seeded: FlaskClient) -> None:
    # PressTV carries statements the AP copy published first: a date filter on first
    # appearance must not narrow "carried by PressTV" to "first appeared in PressTV".
    def ids(**query: str) -> list[int]:
        page = seeded.get("/api/statements", query_string={"per_page": 100, **query}).json
        return [s["id"] for s in page["items"]]

    carried = ids(outlet="PressTV")
    assert carried
    assert ids(outlet="PressTV", since="2023-06-01") == carried
    assert ids(speaker="KCNA", outlet="PressTV", since="2023-06-01") == ids(
        speaker="KCNA", outlet="PressTV"
    )
    assert ids(outlet="PressTV", since="2023-06-20") == []


#: Queries one read may issue: a handful, however many rows it lists.
QUERY_BUDGET = 10


class QueryCounter:
    """Counts the SQL statements an app's engine runs while in use as a context manager."""

    def __init__(self, app: Flask) -> None:
        with app.app_context():
            self.engine = get_engine()
        self.count = 0

    def _seen(self, *_: object) -> None:
        self.count += 1

    def __enter__(self) -> QueryCounter:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


@pytest.mark.stanza
def test_reading_an_article_or_a_page_costs_a_few_queries_not_one_per_row(
    seeded_app: Flask, seeded: FlaskClient
) -> None:
    # Related rows are loaded with their parents: an article of 22 quotes or a page of 50
    # statements must not cost a query per quote or per statement (N+1).
    for path, query, rows in [
        *((f"/api/articles/{i}", {}, "quotes") for i in range(1, 5)),
        ("/api/statements", {"per_page": 100}, "items"),
    ]:
        with QueryCounter(seeded_app) as queries:
            body = seeded.get(path, query_string=query).json
        assert queries.count <= QUERY_BUDGET, (path, queries.count, len(body[rows]))
    assert len(seeded.get("/api/articles/2").json["quotes"]) > QUERY_BUDGET
    assert seeded.get("/api/statements").json["total"] > QUERY_BUDGET


@pytest.mark.stanza
def test_outlet_list_counts_each_outlets_stored_articles(seeded: FlaskClient) -> None:
    outlets = {o["name"]: o for o in seeded.get("/api/outlets").json["items"]}
    assert outlets["PressTV"]["articles"] == 1
    # Credited but never ingested: the agency is an outlet with no articles of its own.
    assert outlets["Korean Central News Agency"]["articles"] == 0
    one = seeded.get("/api/outlets", query_string={"per_page": 1, "page": 2}).json
    assert one["items"][0]["articles"] == outlets[one["items"][0]["name"]]["articles"]


TOPICS = [
    "the collapse of the northern grain harvest", "a fire at the Chongjin steel works",
    "delays on the Pyongyang metro extension", "empty shelves in provincial pharmacies",
    "a burst dam upstream of Sinuiju", "the shortage of coal for winter heating",
    "broken looms in the Kaesong textile mills", "unpaid wages at the fishing cooperatives",
    "the stalled housing project in Hamhung", "power cuts across the eastern ports",
    "rusting tractors on the state farms", "a failed vaccine campaign in the south",
]


def store_statements(app: Flask, topics: list[str]) -> None:
    for topic in topics:
        text = f"Officials said “{topic} was the most serious shortcoming of the year”, KCNA said."
        start = text.index("“")
        end = text.index("”") + 1
        at = text.rindex("KCNA")
        quote = Attribution(start, end, text[start:end], "direct",
                            Mention(at, at + 4, "KCNA", "Korean Central News Agency", "media"),
                            None, [ChainLink("KCNA", "Korean Central News Agency", at, at + 4,
                                             "media")])
        analysis = Analysis([quote], [], [Span.of(text, 0, len(text))])
        with app.app_context():
            ingest.ingest_article(get_session(), ArticleInput(text=text),
                                    lambda texts, a=analysis: iter([a for _ in texts]))


def test_lookup_costs_the_same_queries_for_many_matches_as_for_few(
    app: Flask, client: FlaskClient
) -> None:
    def lookup() -> tuple[int, int]:
        with QueryCounter(app) as queries:
            response = client.post("/api/lookup",
                                   json={"text": "the most serious shortcoming", "limit": 50})
        return len(response.json["results"]), queries.count

    store_statements(app, TOPICS[:2])
    few, few_cost = lookup()
    store_statements(app, TOPICS[2:])
    many, many_cost = lookup()
    assert (few, many) == (2, len(TOPICS))
    assert many_cost == few_cost


def test_articles_are_found_by_their_feed_id_within_an_outlet(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        session = get_session()
        wire, paper = Outlet(name="Example Wire"), Outlet(name="Daily Example")
        session.add_all([
            Article(outlet=wire, external_id="a-1", author="Jo Reporter", text="One.",
                    content_hash="1" * 64),
            Article(outlet=paper, external_id="a-1", text="Two.", content_hash="2" * 64),
            Article(outlet=wire, external_id="a-2", text="Three.", content_hash="3" * 64),
        ])
        session.commit()
        wire_id = wire.id

    def found(**query: str | int) -> dict[str, Any]:
        response = client.get("/api/articles", query_string=query)
        assert response.status_code == 200, response.json
        return response.json

    both = found(external_id="a-1")
    assert (both["total"], both["pages"]) == (2, 1)
    assert [(a["outlet"]["name"], a["author"]) for a in both["items"]] == [
        ("Example Wire", "Jo Reporter"), ("Daily Example", None)]
    assert {a["external_id"] for a in both["items"]} == {"a-1"}
    by_name = found(external_id="a-1", outlet="daily example")["items"]
    assert [a["outlet"]["name"] for a in by_name] == ["Daily Example"]
    assert found(external_id="a-1", outlet=str(wire_id))["items"] == both["items"][:1]
    second = found(external_id="a-1", per_page=1, page=2)
    assert (second["total"], second["pages"], second["items"]) == (2, 2, both["items"][1:])
    assert found(external_id="a-3")["items"] == []
    assert found(external_id="a-1", outlet="Nobody")["total"] == 0
    assert found()["total"] == 3
    detail = client.get(f"/api/articles/{both['items'][0]['id']}").json
    assert (detail["external_id"], detail["author"]) == ("a-1", "Jo Reporter")
    for bad in ({"per_page": 0}, {"external_id": "x" * 301}, {"external_id": "a\x00"},
                {"colour": "red"}):
        response = client.get("/api/articles", query_string=bad)
        assert response.status_code == 422, bad
        assert response.content_type == "application/problem+json"


def test_openapi_document_describes_the_article_search(client: FlaskClient) -> None:
    operation = client.get("/api/openapi.json").json["paths"]["/api/articles"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "external_id", "outlet", "page", "per_page"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ArticlePage")
