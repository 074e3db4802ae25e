"""The first migration creates the whole schema, and upgrade → downgrade → upgrade runs
cleanly on SQLite and on PostgreSQL (TEST_POSTGRES_URL; skipped only when it is unset)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from attribution.store import db
from attribution.store.db import Base

TABLES = {
    "outlet", "article", "speaker", "speaker_alias", "statement", "quote", "chain_link",
    "article_link", "quote_key", "article_key", "api_key", "job", "statement_word_pair",
}


def assert_round_trip(url: str) -> None:
    engine = create_engine(url)
    try:
        db.upgrade(url)
        assert set(inspect(engine).get_table_names()) >= TABLES
        db.downgrade(url, "base")
        assert not TABLES & set(inspect(engine).get_table_names())
        db.upgrade(url)
        assert set(inspect(engine).get_table_names()) >= TABLES
        with engine.connect() as connection:
            # The migrated schema is the models' schema: autogenerate finds nothing to do.
            context = MigrationContext.configure(connection, opts={
                "compare_type": True,
                "include_object": db.schema_filter(connection.dialect.name),
            })
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_migrations_round_trip_on_sqlite(tmp_path: Path) -> None:
    assert_round_trip(f"sqlite:///{tmp_path / 'migrated.sqlite'}")


@pytest.mark.postgres
def test_migrations_round_trip_on_postgres(postgres_url: str) -> None:
    assert_round_trip(postgres_url)


def test_a_store_from_before_the_word_search_index_can_be_searched_by_words(
    tmp_path: Path
) -> None:
    from attribution import create_app, queries
    from attribution.store.db import get_session

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    db.upgrade(url, "0006")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO statement (text, created_at) VALUES "
            "('we will build a great wall', '2016-01-01'), "
            "('a wall, we will build', '2016-01-01')"))
    engine.dispose()
    db.upgrade(url)  # 0007 indexes the statements already stored
    with create_app({"DATABASE_URL": url}).app_context():
        found = queries.list_statements(get_session(), q="Build a GREAT wall")
        assert [listing.statement.text for listing in found.items] == ["we will build a great wall"]


def test_db_commands_migrate_the_configured_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from attribution.cli import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"], env={"DATABASE_URL": url}).exit_code == 0
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) >= TABLES
    result = runner.invoke(main, ["db", "downgrade", "--revision", "base"],
                           env={"DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    assert not TABLES & set(inspect(engine).get_table_names())
    engine.dispose()


def test_sqlite_connections_use_wal(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'wal.sqlite'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
