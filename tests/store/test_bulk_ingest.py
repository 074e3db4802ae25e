"""Bulk ingest: a batch goes on past a broken article, every article is all or nothing, an
interrupted run resumes, and the JSON lines `extract` reads are what `ingest` reads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import create_engine, func, select
from sqlalchemy import text as sql

from attribution import ingest as ingesting
from attribution.cli import main
from attribution.inputs import ArticleInput
from attribution.nlp.types import Analysis, Attribution, Span, SpeakerMention
from attribution.store import links
from attribution.store.db import get_session
from attribution.store.tables import Article, Quote, Statement

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def seed_lines() -> list[dict[str, Any]]:
    """The seed articles as JSON lines with their feed ids, outlets and dates."""
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    return [
        {"id": entry["file"].split("-")[0], "text": (SAMPLES / entry["file"]).read_text("utf-8"),
         "publisher": entry["outlet"], "date": entry["published_at"]}
        for entry in manifest
    ]


def migrated(tmp_path: Path) -> tuple[str, dict[str, str]]:
    url = f"sqlite:///{tmp_path / 'bulk.sqlite'}"
    env = {"DATABASE_URL": url}
    assert CliRunner().invoke(main, ["db", "upgrade"], env=env).exit_code == 0
    return url, env


def count(url: str, table: Any) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        n = connection.scalar(select(func.count()).select_from(table)) or 0
    engine.dispose()
    return n


@pytest.mark.stanza
def test_broken_articles_in_a_real_batch_leave_the_others_stored(
    tmp_path: Path, stanza: None
) -> None:
    url, env = migrated(tmp_path)
    good = seed_lines()
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([
        json.dumps(good[0]),
        '{"id": "x1", "text": "cut off in the middle',                        # line 2
        json.dumps(good[1]),
        json.dumps({"id": "x2", "text": "Officials said so.", "date": "someday"}),  # line 4
        json.dumps(good[2]),
        json.dumps({"id": "x3", "text": "   "}),                             # line 6
        json.dumps(good[3]),
    ]), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(batch)], env=env)
    assert result.exit_code == 1
    for line in (2, 4, 6):
        assert f"{batch}:{line}: " in result.output
    assert "4 stored" in result.output and "3 failed" in result.output
    assert count(url, Article.__table__) == 4
    # The feed's ids are kept.
    engine = create_engine(url)
    with engine.connect() as connection:
        ids = set(connection.scalars(select(Article.external_id)))
    engine.dispose()
    assert ids == {"000", "001", "002", "003"}


def fake_analysis(text: str) -> Analysis:
    """One direct quote per article: the first sentence in quotation marks."""
    start = text.index("“")
    end = text.index("”", start) + 1
    speaker_at = text.index("Officials")
    speaker = SpeakerMention(speaker_at, speaker_at + 9, "Officials", "officials", None)
    quote = Attribution(start, end, text[start:end], "direct", speaker, None)
    return Analysis([quote], [], [Span.of(text, 0, len(text))])


def analyser_failing_on(poison: str) -> ingesting.Analyser:
    def analyse(texts: list[str]) -> Iterator[Analysis]:
        for text in texts:
            if poison in text:
                raise ValueError("the engine choked")
            yield fake_analysis(text)

    return analyse


def articles(n: int) -> list[ArticleInput]:
    return [
        ArticleInput(text=f"Officials said “plan number {i} will go ahead next spring”.",
                     outlet="Wire", id=str(i))
        for i in range(n)
    ]


def test_an_article_the_engine_fails_on_is_reported_and_the_batch_goes_on(app: Flask) -> None:
    batch = articles(5)
    with app.app_context():
        session = get_session()
        results = list(ingesting.ingest_many(
            session, batch, analyser_failing_on("number 2"), batch_size=4
        ))
        assert [r.created for r in results] == [True, True, False, True, True]
        assert results[2].error is not None and "the engine choked" in results[2].error
        assert results[2].article is None
        stored = set(session.scalars(select(Article.external_id)))
        assert stored == {"0", "1", "3", "4"}


def test_an_article_stored_in_an_earlier_batch_is_not_parsed_again(app: Flask) -> None:
    # Each batch asks the store what it already has once the batches before it are in.
    first, second = articles(2)
    seen: list[str] = []
    engine = analyser_failing_on("-")

    def analyse(texts: list[str]) -> Iterator[Analysis]:
        seen.extend(texts)
        return engine(texts)

    with app.app_context():
        session = get_session()
        results = list(ingesting.ingest_many(
            session, [first, second, first, second], analyse, batch_size=1))
        assert [r.created for r in results] == [True, True, False, False]
        assert results[2].article is not None and results[2].article.id == results[0].article.id
        assert seen.count(first.text) == 1
        assert session.scalar(select(func.count()).select_from(Article)) == 2


def test_an_article_that_fails_to_store_leaves_nothing_behind(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = links.store_reuse

    def store_reuse(session: Any, article: Article) -> Any:
        if "number 1 " in article.text:
            raise RuntimeError("disk full")
        return real(session, article)

    monkeypatch.setattr(links, "store_reuse", store_reuse)
    with app.app_context():
        session = get_session()
        results = list(ingesting.ingest_many(session, articles(3), analyser_failing_on("-")))
        assert [r.error is None for r in results] == [True, False, True]
        assert "disk full" in (results[1].error or "")
        # Its quote and its statement went with it; the others are whole.
        texts = set(session.scalars(select(Statement.text)))
        assert not any("number 1 " in t for t in texts)
        assert session.scalar(select(func.count()).select_from(Quote)) == 2


def test_an_interrupted_ingest_resumes_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, env = migrated(tmp_path)
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(a.model_dump_json(exclude_none=True) for a in articles(6)))
    calls = {"n": 0}

    def interrupted(texts: list[str]) -> Iterator[Analysis]:
        for text in texts:
            calls["n"] += 1
            if calls["n"] == 4:
                raise KeyboardInterrupt
            yield fake_analysis(text)

    # The engine the CLI builds (with its time budget) is replaced, the rest is real.
    monkeypatch.setattr(ingesting, "budgeted_analyser", lambda _budget: interrupted)
    result = CliRunner().invoke(main, ["ingest", "--parse-here", "--batch-size", "1", str(batch)],
                                env=env)
    assert result.exit_code == 130
    assert "run the same command again to resume" in result.output
    assert count(url, Article.__table__) == 3

    monkeypatch.setattr(ingesting, "budgeted_analyser", lambda _budget: analyser_failing_on("-"))
    result = CliRunner().invoke(main, ["ingest", str(batch)], env=env)
    assert result.exit_code == 0, result.output
    assert "3 stored (3 quotes), 3 already stored, 0 failed" in result.output
    assert count(url, Article.__table__) == 6
    assert count(url, Quote.__table__) == 6


def test_the_same_feed_id_from_the_same_outlet_is_one_article(app: Flask) -> None:
    first = ArticleInput(text="Officials said “the bridge will reopen in May this year”.",
                         outlet="Wire", id="a-1")
    corrected = ArticleInput(text="Officials said “the bridge will reopen in June this year”.",
                             outlet="Wire", id="a-1")
    elsewhere = ArticleInput(text="Officials said “the bridge will reopen in June this year”!",
                             outlet="Other Wire", id="a-1")
    with app.app_context():
        session = get_session()
        analyse = analyser_failing_on("-")
        a = ingesting.ingest_article(session, first, analyse)
        b = ingesting.ingest_article(session, corrected, analyse)
        c = ingesting.ingest_article(session, elsewhere, analyse)
        assert a.created and not b.created and b.article.id == a.article.id
        assert c.created and c.article.external_id == "a-1"


def test_a_bulk_load_refreshes_the_planner_statistics(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingesting, "FIRST_STATISTICS_AT", 3)
    with app.app_context():
        session = get_session()
        list(ingesting.ingest_many(session, articles(2), analyser_failing_on("-")))
        has_stats = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
        assert session.scalar(sql(has_stats)) == 0
        list(ingesting.ingest_many(session, articles(5)[2:], analyser_failing_on("-")))
        assert session.scalar(sql(has_stats)) == 1
