"""Look-ups by long lists of values (an article's index keys): the same rows on SQLite and on
PostgreSQL, however long the list, and planned for their own values on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from attribution.store.db import IN_LIST_SIZE, Base, in_lists, make_engine, one_of
from attribution.store.statements import index_key
from attribution.store.tables import QuoteKey, Statement


def _stored(url: str) -> Session:
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    session = Session(engine)
    session.add_all([Statement(id=i, text=f"statement {i}") for i in (1, 2, 3)])
    session.flush()
    session.add_all([QuoteKey(key=index_key(f"k{n}"), statement_id=1 + n % 3)
                     for n in range(3 * IN_LIST_SIZE)])
    session.commit()
    return session


def _found(session: Session, keys: list[str]) -> set[tuple[str, int]]:
    rows: set[tuple[str, int]] = set()
    for chunk in in_lists(session, keys):
        assert chunk, "no empty list is sent"
        rows.update((key, sid) for key, sid in session.execute(
            select(QuoteKey.key, QuoteKey.statement_id).where(one_of(session, QuoteKey.key, chunk))
        ).all())
    return rows


def _check(session: Session) -> None:
    # Longer than one IN list, with keys stored and keys not, and repeated: psycopg prepares
    # a query the fifth time it runs, and the answer must not change then.
    wanted = [index_key(f"k{n}") for n in range(0, 4 * IN_LIST_SIZE, 2)]
    expected = {(index_key(f"k{n}"), 1 + n % 3) for n in range(0, 3 * IN_LIST_SIZE, 2)}
    for _ in range(7):
        assert _found(session, wanted) == expected
    assert _found(session, []) == set()
    assert _found(session, [index_key("k1")]) == {(index_key("k1"), 2)}
    ids = session.scalars(select(Statement.id).where(one_of(session, Statement.id, {3, 1, 9})))
    assert sorted(ids) == [1, 3]


def test_long_lists_on_sqlite(tmp_path) -> None:
    session = _stored(f"sqlite:///{tmp_path / 'lists.sqlite'}")
    assert len(list(in_lists(session, range(2 * IN_LIST_SIZE + 1)))) == 3
    _check(session)


@pytest.mark.postgres
def test_long_lists_on_postgres(postgres_url: str) -> None:
    session = _stored(postgres_url)
    assert len(list(in_lists(session, range(2 * IN_LIST_SIZE + 1)))) == 1
    _check(session)
    # Planned for each list's values: a plan made once for any array compares every row
    # with every key in turn (0.7 s a look-up of an article's keys instead of 10 ms).
    assert session.connection().connection.driver_connection.prepare_threshold is None
    session.close()
    session.get_bind().dispose()
