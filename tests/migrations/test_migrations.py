"""The first migration creates the whole schema, and upgrade → downgrade → upgrade runs
cleanly on SQLite and on PostgreSQL (TEST_POSTGRES_URL; skipped only when it is unset)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

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


def _migration(revision: str) -> ModuleType:
    """A migration module, by revision, as Alembic loads it."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    script = scripts.get_revision(revision)
    assert script is not None
    return script.module


def test_a_long_statement_stored_before_0008_is_found_by_a_few_of_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attribution import create_app, matching, queries
    from attribution.store.db import get_session

    hex_key = _migration("0008").index_key  # the keys' form until 0009
    long = " ".join((SAMPLES / "001-ap-copy.txt").read_text(encoding="utf-8").split()[:150])
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    db.upgrade(url, "0007")
    with monkeypatch.context() as before:  # the keys as stored when the bound was 60 words
        before.setattr(matching, "MAX_NGRAM_WORDS", 60)
        old_keys = {hex_key(k) for k in matching.index_keys(long)}
    every_key = {hex_key(k) for k in matching.index_keys(long)}
    assert old_keys < every_key  # what the old bound left out
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO statement (id, text, created_at) "
                                "VALUES (1, :t, '2016-01-01')"), {"t": long})
        connection.execute(text("INSERT INTO quote_key (key, statement_id) VALUES (:k, 1)"),
                           [{"k": k} for k in old_keys])
    db.upgrade(url, "0008")  # 0008 indexes the long statements in full
    with engine.connect() as connection:
        assert set(connection.scalars(text("SELECT key FROM quote_key"))) == every_key
    engine.dispose()
    db.upgrade(url)
    phrases = [" ".join(long.split()[i:i + 5]) for i in range(0, 145, 5)]
    with create_app({"DATABASE_URL": url}).app_context():
        assert all(queries.lookup_quote(get_session(), p) for p in phrases)


def _index_rows(url: str) -> dict[str, set[tuple[Any, int]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {table: {(key, owner_id) for key, owner_id in connection.execute(
                                text(f"SELECT key, {owner} FROM {table}"))}
                    for table, owner in (("quote_key", "statement_id"),
                                         ("article_key", "article_id"))}
    finally:
        engine.dispose()


def _index_keys_as_integers(url: str, seed_store: Callable[[str], None]) -> None:
    from attribution import create_app, queries
    from attribution.store.db import get_session

    migration = _migration("0009")
    seed_store(url)
    stored = _index_rows(url)
    assert all(stored.values())
    assert all(isinstance(key, int) for rows in stored.values() for key, _ in rows)
    # Down to 0008: the keys in their old form, written again from the texts they were made
    # of; each is the integer key's digest in full.
    db.downgrade(url, "0008")
    old = _index_rows(url)
    assert all(isinstance(key, str) and len(key) == 32 for rows in old.values()
               for key, _ in rows)
    converted = {t: {(migration.of_hex(k), i) for k, i in rows} for t, rows in old.items()}
    # Every row ingest wrote comes back. Ingest leaves out the keys of a quoted fragment it
    # joins to a statement that holds its words ("officials and scientists to learn …" in
    # "The report called on officials and scientists to learn …"); the migration cannot tell
    # those fragments from the wordings ingest did index, and writes every quote's keys to
    # its own statement: a lookup may find more, never less.
    for table, rows in stored.items():
        assert rows <= converted[table]
        assert {i for _, i in converted[table] - rows} <= {i for _, i in rows}
    # And up again: the rows converted in place; lookups find quotes.
    db.upgrade(url)
    assert _index_rows(url) == converted
    with create_app({"DATABASE_URL": url}).app_context():
        session = get_session()
        wording = session.scalars(text("SELECT text FROM quote WHERE kind = 'direct' "
                                       "ORDER BY id LIMIT 1")).one()
        assert queries.lookup_quote(session, wording)[0].matched_wording == wording


def test_index_keys_become_integers_and_back_on_sqlite(
    tmp_path: Path, seed_store: Callable[[str], None]
) -> None:
    _index_keys_as_integers(f"sqlite:///{tmp_path / 'keys.sqlite'}", seed_store)


@pytest.mark.postgres
def test_index_keys_become_integers_and_back_on_postgres(
    postgres_url: str, seed_store: Callable[[str], None]
) -> None:
    _index_keys_as_integers(postgres_url, seed_store)


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
