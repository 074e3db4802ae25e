"""Searching statements by their words (``GET /api/statements?q=``) on SQLite and PostgreSQL:
every statement holding the words whole and in order, in id order, counted exactly up to
``queries.SEARCH_COUNT_CAP`` and as "at least" past it; read through the word-pair index (two
words or more) or the trigram index (one word, PostgreSQL)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select, text

from attribution import queries
from attribution.store import statements
from attribution.store.db import get_session
from attribution.store.tables import Statement

HOLDING = [
    "There is a special place in hell for women who don't help each other",
    "a SPECIAL PLACE IN HELL, she said again",
    "Albright's line about a special place in hell drew boos",
    "we will keep a special place in hell for them",
    "special place in hell",
]
OTHERS = [
    "a special place in history for women",
    "the hell with it, a special occasion",
    "100% special, in place",
]


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest) -> Flask:
    app: Flask = request.getfixturevalue("app" if request.param == "sqlite" else "pg_app")
    with app.app_context():
        session = get_session()
        # Interleaved, so that id order is not insertion order of the matches alone.
        stored = [Statement(text=w) for pair in zip(HOLDING, OTHERS + ["", ""], strict=True)
                  for w in pair if w]
        session.add_all(stored)
        session.flush()
        statements.index_words(session, stored)  # as ingest does for every statement
        session.commit()
    return app


def search(app: Flask, words: str, page: int = 1, per_page: int = 20,
           newest_first: bool = False) -> queries.Page:
    with app.app_context():
        found = queries.list_statements(get_session(), q=words, page=page, per_page=per_page,
                                        newest_first=newest_first)
        return found.with_items([listing.statement.text for listing in found.items])


def test_a_search_finds_every_statement_holding_the_words_in_id_order(store: Flask) -> None:
    found = search(store, "special place in HELL")
    assert found.items == HOLDING
    assert (found.total, found.total_exact) == (5, True)
    assert search(store, "100%").items == ["100% special, in place"]  # % is itself
    assert search(store, "a special place in heaven").total == 0
    # Words are whole: this is not a search for characters inside words.
    assert search(store, "pecial place in hell").total == 0
    assert search(store, "hell").items == [HOLDING[0], HOLDING[1], OTHERS[1], *HOLDING[2:]]
    assert search(store, "hel").total == 0
    # A search with no word in it looks for its characters anywhere.
    assert search(store, "%").items == ["100% special, in place"]


def test_words_are_words_in_any_script(store: Flask) -> None:
    with store.app_context():
        session = get_session()
        stored = [Statement(text="Le président Macron a dit: «l’été sera chaud à Paris»"),
                  Statement(text="Μιλώντας στη Βουλή, ο πρωθυπουργός είπε ότι θα ψηφίσει")]
        session.add_all(stored)
        session.flush()
        statements.index_words(session, stored)
        session.commit()
    assert search(store, "l’ÉTÉ sera chaud").items == [stored[0].text]
    assert search(store, "πρωθυπουργός είπε").items == [stored[1].text]
    assert search(store, "été").items == [stored[0].text]
    assert search(store, "té sera").total == 0


def test_a_search_matching_more_than_it_counts_says_at_least(
    store: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "SEARCH_COUNT_CAP", 3)
    first = search(store, "special place in hell", per_page=2)
    assert (first.total, first.total_exact) == (3, False)
    assert first.items == HOLDING[:2]
    assert search(store, "special place in hell", per_page=2, newest_first=True).items == \
        HOLDING[:-3:-1]
    # Pages past the count still read on, in id order.
    assert search(store, "special place in hell", page=3, per_page=2).items == HOLDING[4:]
    assert search(store, "special place in history").total_exact


def test_a_word_matching_more_than_it_counts_pages_in_id_order(
    store: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Six statements hold "hell"; on PostgreSQL the trigram index finds more than the cap,
    # and the pages are then read walking the statements in id order.
    monkeypatch.setattr(queries, "SEARCH_COUNT_CAP", 3)
    holding = [HOLDING[0], HOLDING[1], OTHERS[1], *HOLDING[2:]]
    pages = [search(store, "HELL", page=page, per_page=2) for page in (1, 2, 3, 4)]
    assert [p.items for p in pages] == [holding[:2], holding[2:4], holding[4:], []]
    assert {(p.total, p.total_exact) for p in pages} == {(3, False)}


@pytest.mark.postgres
def test_on_postgresql_a_common_word_is_paged_walking_the_primary_key(pg_app: Flask) -> None:
    with pg_app.app_context():
        session = get_session()
        session.add_all(Statement(text=f"statement number {i} about taxes") for i in range(500))
        session.commit()
        session.execute(text("ANALYZE"))
        query = (select(Statement.id).order_by(Statement.id)
                 .where(queries._contains(Statement.text, "taxes"),
                        queries._holds_words(session, ["taxes"])).limit(20))
        sql = "EXPLAIN " + str(query.compile(session.get_bind(),
                                             compile_kwargs={"literal_binds": True}))
        def settings() -> list[str | None]:
            return [session.scalar(text(f"SHOW {name}")) for name in queries.IN_ID_ORDER]

        before = settings()
        with queries._planned(session, **queries.IN_ID_ORDER):
            plan = "\n".join(session.scalars(text(sql)))
        assert "Index Scan using pk_statement" in plan and "Sort" not in plan
        # Reset after: the transaction's other queries are planned freely.
        assert settings() == before != list(queries.IN_ID_ORDER.values())


@pytest.mark.postgres
def test_on_postgresql_the_search_reads_the_trigram_index(pg_app: Flask) -> None:
    with pg_app.app_context():
        session = get_session()
        session.add_all(Statement(text=f"statement number {i} about taxes") for i in range(200))
        session.commit()
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(session.scalars(text(
            "EXPLAIN SELECT id FROM statement WHERE text ILIKE '%special place%'")))
        assert "ix_statement_text_trgm" in plan


@pytest.mark.postgres
def test_on_postgresql_a_search_of_several_words_reads_the_word_pair_index(
    pg_app: Flask
) -> None:
    with pg_app.app_context():
        session = get_session()
        stored = [Statement(text=f"statement number {i} about the taxes") for i in range(300)]
        session.add_all(stored)
        session.flush()
        statements.index_words(session, stored)
        session.commit()
        session.execute(text("ANALYZE"))
        found = queries.list_statements(session, q="number 7 about THE")
        assert [x.statement.text for x in found.items] == ["statement number 7 about the taxes"]
        query = queries._holding_words(
            session, select(Statement.id).order_by(Statement.id).limit(20),
            ["about", "the", "taxes"])
        plan = "\n".join(session.scalars(text(
            "EXPLAIN " + str(query.compile(session.get_bind(),
                                           compile_kwargs={"literal_binds": True})))))
        assert "statement_word_pair" in plan and "ix_statement_text_trgm" not in plan
