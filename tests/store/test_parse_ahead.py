"""Parsing ahead (``ingest --parse-ahead``): a bulk load parses in a process of its own, a
batch ahead of the store, and stores exactly what parsing in turn stores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import func, select
from test_bulk_ingest import SAMPLES, articles, count, fake_analysis, migrated

from attribution import create_app
from attribution import ingest as ingesting
from attribution.cli import main
from attribution.inputs import ArticleInput
from attribution.nlp.types import Analysis
from attribution.store.db import Base, get_engine, get_session
from attribution.store.tables import Article, Quote, Statement


@dataclass(frozen=True)
class Engine:
    """A stand-in for the engine that another process can run: one quote an article; it
    fails on texts holding ``poison``, kills its process on ``fatal``, and notes the process
    it ran in, in ``log``."""

    log: Path
    poison: str = "\0"
    fatal: str = "\0"

    def __call__(self, texts: list[str]) -> Iterator[Analysis]:
        with self.log.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        for text in texts:
            if self.fatal in text:
                os._exit(3)  # as the kernel's out-of-memory killer would
            if self.poison in text:
                raise ValueError("the engine choked")
            yield fake_analysis(text)


def _load(app: Flask, items: list[ArticleInput], engine: Engine, ahead: bool
          ) -> list[tuple[bool, str | None, str | None]]:
    with app.app_context():
        results = list(ingesting.ingest_many(get_session(), items, engine, batch_size=2,
                                             parse_ahead=ahead))
        return [(r.created, r.article.external_id if r.article else None, r.error)
                for r in results]


def _stored(app: Flask) -> tuple[list[str | None], list[str]]:
    with app.app_context():
        session = get_session()
        return (sorted(session.scalars(select(Article.external_id))),
                sorted(session.scalars(select(Statement.text))))


def test_parsing_ahead_stores_what_parsing_in_turn_stores(app: Flask, tmp_path: Path) -> None:
    items = articles(7)
    items.insert(5, items[1])  # an article again, in a later batch
    here_log, ahead_log = tmp_path / "here.log", tmp_path / "ahead.log"
    here = _load(app, items, Engine(here_log, poison="number 3 "), ahead=False)

    other = create_app({"TESTING": True, "ANALYSIS_TIME_BUDGET": None,
                        "DATABASE_URL": f"sqlite:///{tmp_path / 'ahead.sqlite'}"})
    with other.app_context():
        Base.metadata.create_all(get_engine())
    ahead = _load(other, items, Engine(ahead_log, poison="number 3 "), ahead=True)

    assert ahead == here
    assert [created for created, _, _ in ahead] == [True, True, True, False, True, False,
                                                     True, True]
    assert "the engine choked" in (ahead[3][2] or "")
    assert _stored(other) == _stored(app)
    assert len(_stored(other)[0]) == 6
    # The batches were parsed in another process than the one that stored them.
    parsed_in = set(ahead_log.read_text().split())
    assert parsed_in and str(os.getpid()) not in parsed_in
    assert set(here_log.read_text().split()) == {str(os.getpid())}


def test_a_parsing_process_that_dies_stops_the_load_and_keeps_what_was_stored(
    app: Flask, tmp_path: Path
) -> None:
    items = articles(8)
    engine = Engine(tmp_path / "parse.log", fatal="number 5 ")
    with app.app_context(), pytest.raises(ingesting.ParserLost, match="stopped unexpectedly"):
        for _ in ingesting.ingest_many(get_session(), items, engine, batch_size=2,
                                       parse_ahead=True):
            pass
    # The batches before the one it died on are stored, whole; nothing after.
    assert _stored(app)[0] == ["0", "1", "2", "3"]
    with app.app_context():
        assert get_session().scalar(select(func.count()).select_from(Quote)) == 4


@pytest.mark.stanza
def test_ingest_parses_ahead_from_the_analysis_cache(
    tmp_path: Path, analysis_cache: Path, stanza: None
) -> None:
    # The command line's engine and its cache go to the parsing process as they are.
    stored = {}
    for mode in ("--parse-here", "--parse-ahead"):
        (tmp_path / mode).mkdir()
        url, env = migrated(tmp_path / mode)
        result = CliRunner().invoke(main, ["ingest", mode, "--batch-size", "1",
                                           "--analysis-cache", str(analysis_cache),
                                           str(SAMPLES)], env=env)
        assert result.exit_code == 0, result.output
        assert "4 stored" in result.output
        stored[mode] = (count(url, Article.__table__), count(url, Quote.__table__))
    assert stored["--parse-ahead"] == stored["--parse-here"]
    assert stored["--parse-here"][1] > 0
