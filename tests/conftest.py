"""Fixtures: a fresh app and database per test, and one seeded store per session.

``create_all`` builds throwaway test databases; the seeded store is built the way users build
theirs (``attribution db upgrade`` then ``attribution ingest samples/``), so the migration and
the CLI are exercised too. The samples are parsed by the real Stanza pipeline once per session.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from attribution import create_app
from attribution.cli import main
from attribution.store.db import Base, get_engine, migrations

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the Stanza and PostgreSQL tests must run: what they need missing fails the run
    instead of skipping part of the suite quietly."""
    if os.environ.get("CI") and not stanza_available():
        pytest.exit("CI: Stanza models not found (set STANZA_RESOURCES_DIR)", returncode=1)
    if os.environ.get("CI") and not os.environ.get("TEST_POSTGRES_URL"):
        pytest.exit("CI: TEST_POSTGRES_URL is not set; the PostgreSQL tests must run",
                    returncode=1)


def stanza_available() -> bool:
    from attribution.nlp import models

    return models.models_available()


@pytest.fixture(scope="session")
def stanza() -> None:
    """Skip a test that runs the real Stanza pipeline when its models are missing."""
    if not stanza_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """A fresh app on its own SQLite file, schema from the models."""
    # No time budget: what a test stores must not depend on how busy the machine is.
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite'}",
                      "ANALYSIS_TIME_BUDGET": None})
    with app.app_context():
        Base.metadata.create_all(get_engine())
        stamp_head(get_engine())
    yield app
    with app.app_context():
        get_engine().dispose()


def stamp_head(engine: Engine) -> None:
    """Mark a schema made from the models as the migrations' newest revision (what
    tests/migrations checks it is), as `attribution db upgrade` would have left it."""
    from alembic.runtime.migration import MigrationContext

    with engine.begin() as conn:
        MigrationContext.configure(conn).stamp(migrations(), "heads")


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def api_key(app: Flask) -> str:
    """A live API key on the app's database."""
    from attribution import keys
    from attribution.store.db import get_session

    with app.app_context():
        _, key = keys.create(get_session(), "tests")
    return key


@pytest.fixture
def writer(app: Flask, api_key: str) -> FlaskClient:
    """A test client whose every request carries a live API key."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {api_key}"
    return client


@pytest.fixture(scope="session")
def analysis_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One analysis cache for the session: each seeded store parses the samples once between
    them."""
    return tmp_path_factory.mktemp("analyses")


def seed(url: str, analysis_cache: Path) -> None:
    """Migrate the database at ``url`` and load samples/ through the command line."""
    runner = CliRunner()
    env = {"DATABASE_URL": url}
    result = runner.invoke(main, ["db", "upgrade"], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["ingest", "--analysis-cache", str(analysis_cache), str(SAMPLES)], env=env
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def seed_store(analysis_cache: Path) -> Callable[[str], None]:
    """Seed a database (by URL) as users do, sharing the session's analyses."""
    if not stanza_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    return lambda url: seed(url, analysis_cache)


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory: pytest.TempPathFactory, analysis_cache: Path) -> str:
    """A database migrated and loaded with samples/ through the command line, once."""
    if not stanza_available():
        pytest.skip("Stanza models not found (set STANZA_RESOURCES_DIR)")
    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'seeded.sqlite'}"
    seed(url, analysis_cache)
    return url


@pytest.fixture(scope="session")
def seeded_app(seeded_url: str) -> Flask:
    return create_app({"TESTING": True, "DATABASE_URL": seeded_url})


@pytest.fixture
def seeded(seeded_app: Flask) -> FlaskClient:
    """A test client on the seeded store (read it; don't write to it)."""
    return seeded_app.test_client()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A throwaway database on the TEST_POSTGRES_URL server, dropped afterwards."""
    import os
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        pytest.skip("TEST_POSTGRES_URL is not set")
    name = f"attribution_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_app(postgres_url: str) -> Iterator[Flask]:
    """A fresh app on a throwaway PostgreSQL database, schema from the models."""
    app = create_app({"TESTING": True, "DATABASE_URL": postgres_url, "ANALYSIS_TIME_BUDGET": None})
    with app.app_context():
        Base.metadata.create_all(get_engine())
    yield app
    with app.app_context():
        get_engine().dispose()
