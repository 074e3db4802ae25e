"""POST /api/articles and the error contract: problem+json, nothing stored on bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from attribution.config import MAX_TEXT_CHARS
from attribution.nlp import models as nlp_models
from attribution.store.db import get_session
from attribution.store.tables import Article

ARTICLE = ("Officials vowed to launch again after the failure, which the Politburo called “the "
           "most serious shortcoming of the year,” KCNA said on Monday.")


def stored(app: Flask) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Article)) or 0


def assert_problem(response: Any, status: int, *words: str) -> None:
    assert response.status_code == status, response.json
    assert response.content_type == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"]
    for word in words:
        assert word in body["detail"], body


@pytest.mark.stanza
def test_posting_an_article_stores_it_once(app: Flask, writer: FlaskClient, stanza: None) -> None:
    payload = {"text": ARTICLE, "outlet": "Example Wire", "outlet_kind": "wire",
               "published_at": "2023-06-19T09:00:00Z", "url": "https://example.org/1"}
    first = writer.post("/api/articles", json=payload)
    assert first.status_code == 201
    assert first.headers["Location"] == f"/api/articles/{first.json['id']}"
    assert first.json["outlet"]["name"] == "Example Wire"
    assert first.json["published_at"] == "2023-06-19T09:00:00Z"
    assert any("the most serious" in q["text"] for q in first.json["quotes"])
    for quote in first.json["quotes"]:
        assert ARTICLE[quote["start"]:quote["end"]] == quote["text"]

    # The same text with other whitespace, under another URL: the stored article, unchanged.
    again = writer.post("/api/articles", json={**payload, "url": None,
                                               "text": ARTICLE.replace(" ", "  ")})
    assert again.status_code == 200
    assert again.json == first.json
    assert stored(app) == 1

    fetched = writer.get(f"/api/articles/{first.json['id']}")
    assert fetched.status_code == 200 and fetched.json == first.json


@pytest.mark.stanza
def test_quotation_nothing_attributes_is_kept_apart_from_the_quotes(
    app: Flask, writer: FlaskClient, stanza: None
) -> None:
    text = ("Signs went up along the highway overnight.\n\n"
            "“We will not be moved from this valley by anyone.”\n\n" + ARTICLE)
    posted = writer.post("/api/articles", json={"text": text, "outlet": "Example Wire"})
    assert posted.status_code == 201, posted.json
    [unattributed] = posted.json["unattributed"]
    assert unattributed["text"] == "“We will not be moved from this valley by anyone.”"
    assert text[unattributed["start"]:unattributed["end"]] == unattributed["text"]
    assert not any("this valley" in q["text"] for q in posted.json["quotes"])
    # Kept with the article, and it made no statement.
    fetched = writer.get(f"/api/articles/{posted.json['id']}")
    assert fetched.json["unattributed"] == posted.json["unattributed"]
    found = writer.post("/api/lookup", json={"text": "not be moved from this valley"})
    assert found.status_code == 200 and found.json["results"] == []


@pytest.mark.stanza
def test_posting_html_stores_its_main_text(app: Flask, writer: FlaskClient, stanza: None) -> None:
    html = (f"<html><head><title>Launch fails</title></head><body><nav>Home | World</nav>"
            f"<article><h1>Launch fails</h1><p>{ARTICLE}</p><p>{ARTICLE.upper()}</p></article>"
            f"</body></html>")
    response = writer.post("/api/articles", json={"html": html})
    assert response.status_code == 201, response.json
    assert "the most serious shortcoming" in response.json["text"]
    assert "Home | World" not in response.json["text"]


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"text": ""}, ["text"]),
        ({"text": "   \n "}, ["empty"]),
        ({"text": ARTICLE, "byline": "me"}, ["byline", "Extra inputs"]),
        ({"text": ARTICLE, "published_at": "last Monday"}, ["published_at"]),
        ({"text": ARTICLE, "published_at": "2023-02-30"}, ["published_at"]),
        ({"text": "x" * (MAX_TEXT_CHARS + 1)}, ["text", str(MAX_TEXT_CHARS)]),
        ({"text": ARTICLE, "outlet_kind": "blog"}, ["outlet_kind"]),
        ({"url": "https://example.org"}, ["text"]),
        ({"text": 42}, ["text"]),
        ({"text": "Officials said \x00 so."}, ["text", "NUL"]),
        ({"text": ARTICLE, "title": "Launch\x00"}, ["title", "NUL"]),
    ],
)
def test_bad_article_is_refused_and_nothing_stored(
    app: Flask, writer: FlaskClient, payload: dict[str, Any], words: list[str]
) -> None:
    response = writer.post("/api/articles", json=payload)
    assert_problem(response, 422, *words)
    assert response.json["errors"]
    assert stored(app) == 0


@pytest.mark.parametrize("path", ["/api/articles", "/api/lookup"])
def test_body_that_is_not_utf8_is_refused(app: Flask, writer: FlaskClient, path: str) -> None:
    body = '{"text": "caf\u00e9 said so"}'.encode("latin-1")
    response = writer.post(path, data=body, content_type="application/json")
    assert_problem(response, 400, "UTF-8")
    assert stored(app) == 0


@pytest.mark.parametrize("path", ["/api/articles", "/api/lookup"])
def test_body_that_is_not_json_is_refused_saying_so(
    app: Flask, writer: FlaskClient, path: str
) -> None:
    response = writer.post(path, data='{"text": "Officials said so.",',
                           content_type="application/json")
    assert_problem(response, 400, "not valid JSON", "line 1")
    assert stored(app) == 0


def test_form_body_is_refused_as_not_json(app: Flask, writer: FlaskClient) -> None:
    response = writer.post("/api/articles", data={"text": "Officials said so."})
    assert_problem(response, 415, "application/json")
    assert stored(app) == 0


def test_missing_language_models_are_a_503_problem(
    app: Flask, writer: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server started without STANZA_RESOURCES_DIR: no pipeline built yet, no models found.
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setattr(nlp_models, "_pipeline", None)
    response = writer.post("/api/articles", json={"text": ARTICLE})
    assert_problem(response, 503, "language models")
    assert str(tmp_path) not in response.json["detail"]
    assert stored(app) == 0


@pytest.mark.parametrize("revision", [None, "0001"])
def test_a_database_not_migrated_is_a_503_problem(tmp_path: Path, revision: str | None) -> None:
    # Served before `attribution db upgrade` (or after an upgrade of the code alone), every
    # request failed with a bare 500 and "no such table" in the log.
    from attribution import create_app
    from attribution.store import db

    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    if revision is not None:
        db.upgrade(url, revision)
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    client = app.test_client()
    for response in (client.get("/api/statements?q=launch"),
                     client.post("/api/lookup", json={"text": "we will launch again"})):
        assert_problem(response, 503, "attribution db upgrade")
    with app.app_context():
        db.get_engine().dispose()


def test_a_database_out_of_reach_is_a_503_problem(tmp_path: Path) -> None:
    # A file in a directory that is not there: the driver cannot even open it, as when a
    # PostgreSQL server is down. The client may try again; nothing was stored.
    from attribution import create_app

    app = create_app({"TESTING": True,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'gone' / 'x.sqlite'}"})
    client = app.test_client()
    for response in (client.get("/api/statements?q=launch"),
                     client.post("/api/lookup", json={"text": "we will launch again"})):
        assert_problem(response, 503, "cannot be reached", "try again")


def test_oversized_body_is_refused(app: Flask, writer: FlaskClient) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = writer.post("/api/articles", json={"text": "x" * 2000})
    assert_problem(response, 413)
    assert stored(app) == 0
