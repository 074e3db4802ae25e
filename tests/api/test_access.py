"""Who may write: API keys (created, listed and revoked from the command line, stored hashed),
rate limits per key and per client, CORS for reads only, and the pages' security headers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from test_articles_api import assert_problem, stored

from attribution import create_app
from attribution.cli import main
from attribution.store.db import Base, get_engine, get_session
from attribution.store.tables import ApiKey

# Enough to pass the key check and fail validation: shows the key was accepted without
# running the language models.
NOT_AN_ARTICLE = {"text": ""}


def test_writing_without_a_key_is_refused_and_stores_nothing(
    app: Flask, client: FlaskClient
) -> None:
    response = client.post("/api/articles", json={"text": "Officials said “we will win.”"})
    assert_problem(response, 401, "API key", "attribution keys create")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert stored(app) == 0


@pytest.mark.parametrize("header", [
    "Bearer attr_not-a-key-this-server-made",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "Bearer " + "attr_" + "x" * 5000,
])
def test_a_key_this_server_does_not_know_is_refused(
    app: Flask, client: FlaskClient, api_key: str, header: str
) -> None:
    response = client.post("/api/articles", json=NOT_AN_ARTICLE,
                           headers={"Authorization": header})
    assert_problem(response, 401)


@pytest.mark.parametrize("how", ["bearer", "header"])
def test_a_live_key_is_accepted_as_bearer_or_x_api_key(
    client: FlaskClient, api_key: str, how: str
) -> None:
    headers = ({"Authorization": f"Bearer {api_key}"} if how == "bearer"
               else {"X-API-Key": api_key})
    response = client.post("/api/articles", json=NOT_AN_ARTICLE, headers=headers)
    assert_problem(response, 422, "empty")  # past the key check, refused as an article


def test_reads_need_no_key(client: FlaskClient) -> None:
    assert client.get("/api/statements").status_code == 200
    assert client.post("/api/lookup", json={"text": "most serious"}).status_code == 200


def test_keys_are_created_listed_and_revoked_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.sqlite'}"
    env = {"DATABASE_URL": url}
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"], env=env).exit_code == 0

    created = runner.invoke(main, ["keys", "create", "wire desk"], env=env)
    assert created.exit_code == 0, created.output
    key = created.output.split()[-1]  # the last word, for scripts
    assert key.startswith("attr_") and len(key) > 40
    again = runner.invoke(main, ["keys", "create", "wire desk"], env=env)
    assert again.exit_code != 0 and "exists" in again.output

    listed = runner.invoke(main, ["keys", "list"], env=env)
    assert "wire desk" in listed.output and "live" in listed.output
    assert key not in listed.output  # shown once, at creation

    app = create_app({"TESTING": True, "DATABASE_URL": url})
    with app.app_context():
        row = get_session().scalars(select(ApiKey)).one()
        assert key not in (row.key_hash, row.prefix, row.name)  # stored as a hash
    client = app.test_client()
    auth = {"Authorization": f"Bearer {key}"}
    assert client.post("/api/articles", json=NOT_AN_ARTICLE, headers=auth).status_code == 422

    revoked = runner.invoke(main, ["keys", "revoke", "wire desk"], env=env)
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    assert_problem(client.post("/api/articles", json=NOT_AN_ARTICLE, headers=auth), 401,
                   "revoked")
    assert "revoked" in runner.invoke(main, ["keys", "list"], env=env).output
    missing = runner.invoke(main, ["keys", "revoke", "nobody"], env=env)
    assert missing.exit_code != 0 and "no key named" in missing.output
    with app.app_context():
        get_engine().dispose()


def limited_app(tmp_path: Path, **config: Any) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'rl.sqlite'}",
                      "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex, **config})
    with app.app_context():
        Base.metadata.create_all(get_engine())
    yield app
    with app.app_context():
        get_engine().dispose()


def new_key(app: Flask, name: str) -> str:
    from attribution import keys

    with app.app_context():
        return keys.create(get_session(), name)[1]


def test_writes_are_limited_per_key(tmp_path: Path) -> None:
    for app in limited_app(tmp_path, RATELIMIT_WRITES="2 per minute"):
        client = app.test_client()
        first, second = new_key(app, "first"), new_key(app, "second")
        for _ in range(2):
            response = client.post("/api/articles", json=NOT_AN_ARTICLE,
                                   headers={"X-API-Key": first})
            assert response.status_code == 422
        limited = client.post("/api/articles", json=NOT_AN_ARTICLE,
                              headers={"X-API-Key": first})
        assert_problem(limited, 429)
        assert int(limited.headers["Retry-After"]) > 0
        # Another key has its own count.
        other = client.post("/api/articles", json=NOT_AN_ARTICLE, headers={"X-API-Key": second})
        assert other.status_code == 422


def test_reads_are_limited_per_client(tmp_path: Path) -> None:
    for app in limited_app(tmp_path, RATELIMIT_DEFAULT="3 per minute"):
        client = app.test_client()
        for _ in range(3):
            assert client.get("/api/outlets").status_code == 200
        assert_problem(client.get("/api/outlets"), 429)


def test_behind_a_trusted_proxy_limits_count_each_client(tmp_path: Path) -> None:
    for app in limited_app(tmp_path, RATELIMIT_DEFAULT="2 per minute", TRUSTED_PROXIES=1):
        client = app.test_client()
        first = {"X-Forwarded-For": "203.0.113.7"}
        second = {"X-Forwarded-For": "198.51.100.9"}
        assert [client.get("/api/outlets", headers=first).status_code for _ in range(3)] == [
            200, 200, 429]
        assert client.get("/api/outlets", headers=second).status_code == 200


def redis_url() -> str:
    import redis

    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):  # .ci/run starts Redis: there, this test must run
            raise
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return url


def test_workers_share_one_count_in_redis(tmp_path: Path) -> None:
    # Two apps stand for two worker processes: with Redis as storage, one limit spans both.
    config = {"RATELIMIT_STORAGE_URI": redis_url(), "RATELIMIT_DEFAULT": "4 per minute",
              "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex}
    one = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite'}",
                      **config})
    two = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite'}",
                      **config})
    with one.app_context():
        Base.metadata.create_all(get_engine())
    clients = [one.test_client(), two.test_client()]
    statuses = [clients[i % 2].get("/api/outlets").status_code for i in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_other_sites_may_read_but_not_write(client: FlaskClient) -> None:
    origin = {"Origin": "https://example.org"}
    read = client.get("/api/statements", headers=origin)
    assert read.headers["Access-Control-Allow-Origin"] == "*"
    lookup = client.options("/api/lookup", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert lookup.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in lookup.headers["Access-Control-Allow-Methods"]
    write = client.options("/api/articles", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Authorization, Content-Type"})
    assert "Access-Control-Allow-Origin" not in write.headers
    assert "Authorization" not in write.headers.get("Access-Control-Allow-Headers", "")


def test_pages_carry_a_content_security_policy(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Frame-Options"] == "DENY"


def test_openapi_says_which_operations_need_a_key(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    schemes = spec["components"]["securitySchemes"]
    assert schemes["BearerKey"]["scheme"] == "bearer"
    assert schemes["HeaderKey"]["name"] == "X-API-Key"
    post = spec["paths"]["/api/articles"]["post"]
    assert {name for requirement in post["security"] for name in requirement} == {
        "BearerKey", "HeaderKey"}
    assert "401" in post["responses"] and "429" in post["responses"]
    assert "security" not in spec["paths"]["/api/statements"]["get"]
