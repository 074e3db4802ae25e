"""What wire feeds, scrapers and attackers send: each refused with a 4xx problem naming what is
wrong and nothing stored, or, where it is an article after all, stored exactly as sent with
every offset still indexing it. (Peak memory on the same inputs: bench/hostile_inputs.py.)"""

from __future__ import annotations

import os
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from test_articles_api import ARTICLE, assert_problem, stored

from attribution.store.db import get_session
from attribution.store.tables import Article, Outlet, Quote

REFUSED_ARTICLES = [
    pytest.param({"text": ""}, 422, ["text", "empty"], id="empty text"),
    pytest.param({"text": " \n\t\u00a0\u2003 "}, 422, ["empty"], id="whitespace-only text"),
    pytest.param({"text": "A\x00B said so."}, 422, ["text", "NUL"], id="NUL in text"),
    pytest.param({"text": ARTICLE, "title": "Bell\x07"}, 422, ["title", "U+0007"],
                 id="control character in title"),
    pytest.param({"text": ARTICLE, "outlet": "AP\x1b[31m"}, 422, ["outlet", "U+001B"],
                 id="terminal escape in outlet"),
    pytest.param({"text": ARTICLE, "author": "x\u0085y"}, 422, ["author", "U+0085"],
                 id="C1 control in author"),
    pytest.param({"text": 42}, 422, ["text"], id="number as text"),
    pytest.param({"text": ["a", "b"]}, 422, ["text"], id="list as text"),
    pytest.param({"text": ARTICLE, "published_at": True}, 422, ["published_at"],
                 id="boolean as date"),
    pytest.param({"text": ARTICLE, "published_at": 1466035200}, 422, ["published_at"],
                 id="date as a number"),
    pytest.param({"text": ARTICLE, "published_at": "yesterday"}, 422, ["published_at"],
                 id="date that is not a date"),
    pytest.param({"text": ARTICLE, "published_at": "2016-13-45"}, 422, ["published_at"],
                 id="month 13"),
    pytest.param({"text": ARTICLE, "published_at": "2999-01-01"}, 422,
                 ["published_at", "future"], id="date in the future"),
    pytest.param({"text": ARTICLE, "outlet_kind": "blog"}, 422, ["outlet_kind"],
                 id="unknown outlet kind"),
    pytest.param({"text": ARTICLE, "colour": "red"}, 422, ["colour"], id="unknown field"),
    pytest.param({"text": "x" * 1_000_001}, 422, ["text"], id="text over a million chars"),
]


@pytest.mark.parametrize(("payload", "status", "words"), REFUSED_ARTICLES)
def test_bad_article_is_refused_naming_the_field_and_nothing_is_stored(
    app: Flask, writer: FlaskClient, payload: dict[str, Any], status: int, words: list[str]
) -> None:
    assert_problem(writer.post("/api/articles", json=payload), status, *words)
    assert stored(app) == 0


@pytest.mark.parametrize(("body", "content_type", "status", "words"), [
    pytest.param(b"", "application/json", 400, ["JSON"], id="empty body"),
    pytest.param(os.urandom(4096), "application/json", 400, [], id="binary"),
    pytest.param('{"text": "caf\u00e9"}'.encode("latin-1"), "application/json", 400, ["UTF-8"],
                 id="invalid UTF-8"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "application/json", 400, ["deep"],
                 id="100,000 nested arrays"),
    pytest.param(b'{"text": ' + b'{"a": ' * 30 + b"1" + b"}" * 30 + b"}", "application/json",
                 400, ["deep"], id="30 nested objects"),
    pytest.param(b'{"text": "' + b"x" * (5 * 1024 * 1024) + b'"}', "application/json", 413, [],
                 id="5 MB body"),
    pytest.param(b'{"text": "a"}', "text/plain", 415, ["JSON"], id="not sent as JSON"),
])
def test_body_that_is_no_article_is_refused(
    app: Flask, writer: FlaskClient, body: bytes, content_type: str, status: int,
    words: list[str]
) -> None:
    response = writer.post("/api/articles", data=body, content_type=content_type)
    assert_problem(response, status, *words)
    assert stored(app) == 0


@pytest.mark.parametrize(("path", "status"), [
    ("/api/statements?per_page=1000000", 422),
    ("/api/statements?page=1000000000000", 422),
    ("/api/statements?page=-1", 422),
    ("/api/statements?since=0", 422),
    ("/api/statements?since=2016-02-30", 422),
    ("/api/articles?per_page=abc", 422),
    ("/api/articles/10130494544521195840167204953784320", 404),
    ("/api/statements/2147483648", 404),
    ("/api/speakers/-1", 404),
])
def test_huge_or_malformed_reads_are_refused(client: FlaskClient, path: str,
                                             status: int) -> None:
    assert_problem(client.get(path), status)


# Not a number of results at all: true, 2.5, "5" (a JSON body says its types; true is not 1).
@pytest.mark.parametrize("limit", [0, 51, 10**12, True, 2.5, "5"])
def test_lookup_limit_out_of_range_or_not_a_count_is_refused(
    client: FlaskClient, limit: object
) -> None:
    assert_problem(client.post("/api/lookup", json={"text": "most serious", "limit": limit}),
                   422, "limit")


def test_sql_in_every_query_string_is_only_text(client: FlaskClient) -> None:
    attack = "x' OR '1'='1'; DROP TABLE article; --"
    for path, params in (
        ("/api/statements", {"q": attack, "speaker": attack, "outlet": attack}),
        ("/api/articles", {"external_id": attack, "outlet": attack}),
    ):
        response = client.get(path, query_string=params)
        assert response.status_code == 200
        assert response.json["items"] == []
    assert client.post("/api/lookup", json={"text": attack}).status_code == 200
    assert client.get("/api/articles").status_code == 200  # the table is still there


# --- odd text that is still an article: stored exactly, offsets intact ------------------------


def assert_stored_exactly(app: Flask, response: Any, text: str) -> dict[str, Any]:
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    body: dict[str, Any] = response.json
    assert body["text"] == text
    with app.app_context():
        session = get_session()
        article = session.get(Article, body["id"])
        assert article is not None and article.text == text
        for quote in session.scalars(select(Quote).where(Quote.article_id == article.id)):
            assert text[quote.start:quote.end] == quote.text
    return body


@pytest.mark.stanza
@pytest.mark.parametrize("text", [
    pytest.param('He said "we will not "back down, and left." Then "nothing.', id="unbalanced"),
    pytest.param("“We will win,” she said. «Non», ‘he replied\". „Nie“ — said Kowalski.",
                 id="mismatched marks"),
    pytest.param("\u202eEvil\u202c said “we will\u200b win\u200d today,” \u200freporters "
                 "were told.\ufeff Officials said the \u2066test\u2069 failed.",
                 id="right-to-left and zero-width"),
    pytest.param('He said "hello there" to them. ' + '"' * 10_000 + " And more.",
                 id="10,000 quote marks"),
    pytest.param('The senator said "the code was ' + "x" * 20_000 + '" and left.',
                 id="a 20,000-character word"),
])
def test_odd_text_is_stored_exactly_with_offsets_that_index_it(
    app: Flask, writer: FlaskClient, text: str, stanza: None
) -> None:
    assert_stored_exactly(app, writer.post("/api/articles", json={"text": text}), text)


@pytest.mark.stanza
def test_a_ten_thousand_mark_sentence_is_parsed_in_pieces_and_said_so(
    app: Flask, writer: FlaskClient, stanza: None
) -> None:
    text = 'Officials said "we will win" on Monday. ' + '"' * 10_000
    body = assert_stored_exactly(app, writer.post("/api/articles", json={"text": text}), text)
    assert body["analysis_status"] == "complete"
    assert "too long for the parser" in body["analysis_note"]


@pytest.mark.stanza
def test_an_article_past_its_time_budget_is_stored_as_partial(
    tmp_path: Any, stanza: None
) -> None:
    from attribution import create_app, keys
    from attribution.store.db import Base, get_engine

    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite'}",
                      "ANALYSIS_TIME_BUDGET": 0.0})
    with app.app_context():
        Base.metadata.create_all(get_engine())
        _, key = keys.create(get_session(), "budget")
    paragraph = '"We will win," Smith said. The crowd was large and the weather fine.\n\n'
    text = paragraph * 300  # ~4,500 words: more than one step of the parser
    response = app.test_client().post("/api/articles", json={"text": text},
                                      headers={"X-API-Key": key})
    body = assert_stored_exactly(app, response, text)
    assert body["analysis_status"] == "partial"
    assert "time budget" in body["analysis_note"]
    assert body["quotes"] and all(q["start"] < len(text) // 2 for q in body["quotes"])
    with app.app_context():
        get_engine().dispose()


@pytest.mark.stanza
def test_sql_and_html_in_every_field_are_stored_as_text_and_escaped_on_pages(
    app: Flask, writer: FlaskClient, stanza: None
) -> None:
    script = "<script>alert('x')</script>"
    sql = "'; DROP TABLE article; --"
    text = (f"Officials said “we will never stop the launches {script}” on Monday, {sql}, "
            "according to KCNA.")
    payload = {"text": text, "title": script + sql, "author": script, "outlet": script + sql,
               "url": f"https://example.org/{sql}", "id": script}
    body = assert_stored_exactly(app, writer.post("/api/articles", json=payload), text)
    assert body["title"] == script + sql and body["outlet"]["name"] == script + sql
    with app.app_context():
        names = list(get_session().scalars(select(Outlet.name)))
        assert names.count(script + sql) == 1  # stored once, as a name like any other
    statement_id = body["quotes"][0]["statement_id"]
    outlet_id = body["outlet"]["id"]
    relays = writer.get(f"/api/statements/{statement_id}").json["occurrences"]
    speaker_ids = {c["speaker"]["id"] for r in relays for c in r["chain"] if c["speaker"]}
    assert speaker_ids
    pages = [f"/statements/{statement_id}", "/?q=we+will+never+stop+the+launches",
             f"/?q={script}", f"/statements?q={script}", "/statements", f"/outlets/{outlet_id}",
             f"/outlets?q={script}", f"/speakers?all=1&q={script}",
             *(f"/speakers/{i}" for i in speaker_ids)]
    for page in pages:
        html = writer.get(page).get_data(as_text=True)
        assert "<script>" not in html, page
        assert "&lt;script&gt;" in html, page
    csv = writer.get(f"/statements/{statement_id}.csv").get_data(as_text=True)
    assert script in csv  # CSV is data, not markup: the words as they were said
