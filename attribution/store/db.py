"""Engine and session handling: one engine per app, one ``Session`` per app context.

Follows flask-sqlalchemy-lite's shape without the dependency: the engine lives in
``app.extensions``, ``get_session()`` opens a session on first use in an app context and the
teardown closes it. Nothing here commits; :mod:`attribution.ingest` owns transactions.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import (
    ColumnElement,
    Engine,
    MetaData,
    any_,
    create_engine,
    event,
    insert,
    literal,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session

from attribution.nlp.models import batched

# Stable constraint names so Alembic can drop and alter them on SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every model; its metadata is what Alembic compares against."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_EXTENSION = "attribution.db"


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine for ``url``; SQLite connections get WAL and enforced foreign keys."""
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("sqlite"):
        # Flask serves requests from several threads; each checks out its own connection.
        kwargs["connect_args"] = {"check_same_thread": False}
    elif url.startswith("postgresql"):
        # Every query planned for its own parameters: psycopg prepares a query the fifth time
        # it runs, and PostgreSQL may then plan it once for any parameters. A look-up of an
        # article's index keys (``key = ANY(%s)``, one_of) then scanned the table comparing
        # each row with each of 2,000 keys in turn, where a plan made for the keys hashes
        # them: 0.7 s a query instead of 10 ms. (``plan_cache_mode=force_custom_plan``
        # instead cost the store 2 s more server time on PolNeAR dev.)
        kwargs["connect_args"] = {"prepare_threshold": None}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the API) proceed while an ingest writes; SQLite leaves foreign keys off
    # unless asked, and cascades rely on them.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


#: How long a SQLite connection waits for another writer before giving up. Writers queue for
#: the write lock (see lock_for_writing); eight writers storing big articles can queue ~10 s.
SQLITE_BUSY_TIMEOUT_MS = 60_000

#: How long a SQLite writer keeps asking for the write lock before its article fails.
SQLITE_WRITE_WAIT_SECONDS = 600

#: The PostgreSQL advisory lock that writers of articles queue on (any constant 64-bit key; this
#: one spells "attribut").
_WRITER_LOCK_KEY = 0x6174747269627574


def lock_for_writing(session: Session) -> None:
    """Make the session's transaction the only one storing an article until it ends.

    Statements and speakers are matched by similarity, not by a unique key, so two writers that
    each found no match for the same quote would each create one. Storing is a small part of an
    ingest (parsing, done before, is nearly all of it), so writers take turns here: on
    PostgreSQL an advisory lock held until commit or rollback, on SQLite an immediate
    transaction, which takes the database's write lock at once rather than at the first write.
    Call it first in the transaction: what the writer then reads is what it writes against.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITER_LOCK_KEY})
    elif dialect == "sqlite":
        connection = session.connection()
        # sqlite3 opens a transaction only at a first write, which takes the write lock: a
        # transaction already open holds it.
        if connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            return
        # SQLite's busy handler polls: a waiting writer is not queued, and with many writers
        # one can lose the lock to the others for longer than one busy timeout. Keep trying.
        gave_up_at = time.monotonic() + SQLITE_WRITE_WAIT_SECONDS
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                if "locked" not in str(exc.orig) or time.monotonic() > gave_up_at:
                    raise


def insert_rows(session: Session, table: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert rows that are never read back as objects (index keys), in bulk, in the session's
    transaction. On PostgreSQL by COPY: an executemany sends one statement a row, and an
    article's tens of thousands of index keys were a third of its store time there. On SQLite
    by the driver's own executemany: SQLAlchemy's bulk insert spent more time preparing the
    rows than SQLite took to store them. Elsewhere by SQLAlchemy's."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect not in ("postgresql", "sqlite"):
        session.execute(insert(table), rows)
        return
    columns = list(rows[0])
    raw = session.connection().connection.driver_connection
    assert raw is not None
    if dialect == "sqlite":
        raw.executemany(
            f"INSERT INTO {table.__tablename__} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [tuple(row[c] for c in columns) for row in rows])
        return
    with raw.cursor() as cursor, cursor.copy(
        f"COPY {table.__tablename__} ({', '.join(columns)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


#: Values one ``IN (...)`` list holds at most where lists are sent value by value (SQLite
#: allows 999 bound parameters a statement before 3.32).
IN_LIST_SIZE = 500


def one_of(session: Session, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN values``, for a list of any length. On PostgreSQL the values go as one
    array parameter (``column = ANY(%s)``): an ``IN`` list of 500 placeholders, each rendered
    with its cast by SQLAlchemy and parsed again by psycopg (which caches only short query
    texts), was a seventh of the store's own work there (bench/store_work.py). Elsewhere an
    ``IN`` list; take the values :func:`in_lists` at a time."""
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(values, ARRAY(column.type)))
    return column.in_(values)


def in_lists(session: Session, values: Iterable[Any]) -> Iterator[list[Any]]:
    """``values`` in lists that :func:`one_of` can send in one query each: all at once on
    PostgreSQL, :data:`IN_LIST_SIZE` at a time elsewhere."""
    values = list(values)
    size = len(values) if session.get_bind().dialect.name == "postgresql" else IN_LIST_SIZE
    yield from batched(values, max(size, 1))


def init_app(app: Flask) -> None:
    """Create the app's engine and close the context's session on teardown."""
    app.extensions[_EXTENSION] = make_engine(
        app.config["DATABASE_URL"], echo=app.config.get("DATABASE_ECHO", False)
    )
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    """The current app's engine."""
    engine: Engine = current_app.extensions[_EXTENSION]
    return engine


def get_session() -> Session:
    """The session of the current app context, opened on first use."""
    if "db_session" not in g:
        g.db_session = Session(get_engine(), expire_on_commit=False)
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None = None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()


# --- migrations ----------------------------------------------------------------------------------

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "migrations"


def schema_filter(dialect: str) -> Any:
    """Alembic's ``include_object`` for a database of ``dialect``: leaves out of autogenerate's
    comparison what the models create only on another database (``ddl_if(dialect=...)``, such
    as the statement text's trigram index, PostgreSQL only)."""

    def include(obj: Any, _name: Any, _type: str, _reflected: bool, _compare_to: Any) -> bool:
        only_on = getattr(getattr(obj, "_ddl_if", None), "dialect", None)
        return only_on is None or only_on == dialect

    return include


def alembic_config(url: str) -> Any:
    """An Alembic config for ``url`` using the project's ``migrations/``."""
    from alembic.config import Config

    config = Config(str(MIGRATIONS_DIR.parent / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation would read "%" in a password as a placeholder.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


@lru_cache(maxsize=1)
def migrations() -> Any:
    """The project's migrations (Alembic's script directory), read once a process."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(""))


def schema_problem(engine: Engine) -> str | None:
    """What keeps the database from being used as this version of the code expects: None
    when its schema is at the migrations' newest revision, else what it is instead ("has no
    tables yet", "is at revision X; this version needs Y")."""
    from alembic.runtime.migration import MigrationContext

    heads = set(migrations().get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if current == heads:
        return None
    if not current:
        return "has no tables yet"
    return (f"is at revision {', '.join(sorted(current))}; this version needs "
            f"{', '.join(sorted(heads))}")


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` up to ``revision``."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "-1") -> None:
    """Migrate the database at ``url`` down to ``revision`` (default: one step)."""
    from alembic import command

    command.downgrade(alembic_config(url), revision)
