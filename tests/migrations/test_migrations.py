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

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

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


def test_a_long_statement_stored_before_0008_is_found_by_a_few_of_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attribution import create_app, matching, queries
    from attribution.store.db import get_session
    from attribution.store.statements import index_key

    long = " ".join((SAMPLES / "001-ap-copy.txt").read_text(encoding="utf-8").split()[:150])
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    db.upgrade(url, "0007")
    with monkeypatch.context() as before:  # the keys as stored when the bound was 60 words
        before.setattr(matching, "MAX_NGRAM_WORDS", 60)
        old_keys = {index_key(k) for k in matching.index_keys(long)}
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO statement (id, text, created_at) "
                                "VALUES (1, :t, '2016-01-01')"), {"t": long})
        connection.execute(text("INSERT INTO quote_key (key, statement_id) VALUES (:k, 1)"),
                           [{"k": k} for k in old_keys])
    phrases = [" ".join(long.split()[i:i + 5]) for i in range(0, 145, 5)]
    with create_app({"DATABASE_URL": url}).app_context():
        missed = [p for p in phrases if not queries.lookup_quote(get_session(), p)]
    assert missed  # what the old bound lost
    db.upgrade(url)  # 0008 indexes the long statements in full
    with engine.connect() as connection:
        stored = set(connection.scalars(text("SELECT key FROM quote_key")))
    engine.dispose()
    assert stored == {index_key(k) for k in matching.index_keys(long)}
    with create_app({"DATABASE_URL": url}).app_context():
        assert all(queries.lookup_quote(get_session(), p) for p in missed)


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
