"""``attribution ingest`` on bad input: each problem names its file (and line), nothing is
stored, and the command fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select

from attribution.cli import main
from attribution.config import MAX_TEXT_CHARS
from attribution.store.tables import Article, Quote


def run_ingest(tmp_path: Path, *paths: Path) -> tuple[int, str, int]:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"], env={"DATABASE_URL": url}).exit_code == 0
    result = runner.invoke(main, ["ingest", *map(str, paths)], env={"DATABASE_URL": url})
    engine = create_engine(url)
    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(Article.__table__)) or 0
    engine.dispose()
    return result.exit_code, result.output, stored


def test_bad_files_are_named_and_nothing_is_stored(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\u00e9 au lait".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    nul = tmp_path / "nul.txt"
    nul.write_text("Officials said \x00 so.")
    lines = tmp_path / "batch.jsonl"
    lines.write_text("\n".join([
        json.dumps({"text": "x", "writer": "me"}),
        "{not json",
        json.dumps({"text": "Officials said so.", "published_at": "someday"}),
    ]))
    code, output, stored = run_ingest(
        tmp_path, latin, empty, nul, lines, tmp_path / "missing.txt"
    )
    assert code != 0
    assert f"{latin}: not UTF-8" in output
    assert f"{empty}: " in output and "empty" in output
    assert f"{nul}: text: Value error, contains a NUL character" in output
    assert f"{lines}:1: writer: Extra inputs are not permitted" in output
    assert f"{lines}:2: not valid JSON" in output
    assert f"{lines}:3: published_at:" in output
    assert f"{tmp_path / 'missing.txt'}: no such file" in output
    assert stored == 0


def test_manifest_with_unknown_field_names_the_entry(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said so.")
    (tmp_path / "manifest.json").write_text(
        json.dumps([{"file": "a.txt", "outlet": None, "published_at": None, "byline": "x"}])
    )
    code, output, stored = run_ingest(tmp_path, tmp_path)
    assert code != 0
    assert f"{tmp_path / 'manifest.json'}[0]: byline: Extra inputs are not permitted" in output
    assert stored == 0


def test_text_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    long_file = tmp_path / "long.txt"
    long_file.write_text("Officials said so. " * (MAX_TEXT_CHARS // 19 + 1))
    code, output, stored = run_ingest(tmp_path, long_file)
    assert code != 0
    assert f"{long_file}: " in output and str(MAX_TEXT_CHARS) in output
    assert stored == 0


@pytest.mark.stanza
def test_jsonl_json_and_html_files_are_stored_once(tmp_path: Path, stanza: None) -> None:
    said = "Officials said the launch was “the most serious” failure, KCNA reported."
    lines = tmp_path / "batch.jsonl"
    lines.write_text("\n".join([
        json.dumps({"text": said, "outlet": "Wire A", "published_at": "2023-06-19"}),
        "",
        json.dumps({"text": "Rewritten: " + said, "url": "https://example.org/b"}),
    ]))
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Analysts said the test “changes little”.",
                               "outlet_kind": "site", "outlet": "Blog C"}))
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Launch</title></head><body><article><p>{said} "
                    f"Experts doubted it.</p><p>{said.upper()}</p></article></body></html>")
    code, output, stored = run_ingest(tmp_path, lines, one, page)
    assert code == 0, output
    assert "4 stored" in output
    assert stored == 4
    code, output, stored = run_ingest(tmp_path, lines, one, page)
    assert code == 0, output
    assert "0 stored (0 quotes), 4 already stored, 0 failed" in output
    assert stored == 4


def test_missing_models_are_named_and_nothing_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attribution.nlp import models as nlp_models

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setattr(nlp_models, "_pipeline", None)  # a fresh process: nothing loaded yet
    article = tmp_path / "a.txt"
    article.write_text("Officials said the launch failed.")
    code, output, stored = run_ingest(tmp_path, article)
    assert code == 1
    assert str(tmp_path / "nowhere") in output
    assert "attribution models download" in output
    assert stored == 0


@pytest.mark.parametrize("revision", [None, "0001"])
def test_a_database_not_migrated_is_named_with_the_fix(tmp_path: Path,
                                                       revision: str | None) -> None:
    # Ingesting (or looking up) before `attribution db upgrade` failed in the first query with
    # a traceback ending in "no such table: article".
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    runner = CliRunner()
    if revision is not None:
        upgraded = runner.invoke(main, ["db", "upgrade", "--revision", revision],
                                 env={"DATABASE_URL": url})
        assert upgraded.exit_code == 0
    text = tmp_path / "a.txt"
    text.write_text("Officials said so.")
    for command in (["ingest", str(text)], ["lookup", "said so"], ["keys", "list"]):
        result = runner.invoke(main, command, env={"DATABASE_URL": url})
        assert result.exit_code == 1, command
        assert "Traceback" not in result.output
        said = "has no tables yet" if revision is None else f"is at revision {revision};"
        assert f"the database at {url} {said}" in result.output, result.output
        assert "run `attribution db upgrade` first" in result.output


def test_an_export_ingested_into_a_new_store_gives_the_same_store(
        tmp_path: Path, stanza: None) -> None:
    said = "Officials said the launch was “the most serious” failure, KCNA reported."
    lines = tmp_path / "batch.jsonl"
    lines.write_text("\n".join(json.dumps(line) for line in [
        {"text": said, "outlet": "Wire A", "outlet_domain": "wire-a.example",
         "outlet_kind": "wire", "published_at": "2023-06-19T08:30:00+02:00",
         "id": "wire-a-1", "url": "https://wire-a.example/1", "title": "Launch",
         "author": "A. Reporter"},
        {"text": "Rewritten: " + said, "url": "https://example.org/b"},
    ]))
    runner = CliRunner()
    first, second = (f"sqlite:///{tmp_path / name}" for name in ("first.sqlite", "new.sqlite"))
    for url in (first, second):
        assert runner.invoke(main, ["db", "upgrade"], env={"DATABASE_URL": url}).exit_code == 0
    assert runner.invoke(main, ["ingest", str(lines)], env={"DATABASE_URL": first}).exit_code == 0
    exported = tmp_path / "export.jsonl"
    result = runner.invoke(main, ["export", "--out", str(exported)], env={"DATABASE_URL": first})
    assert result.exit_code == 0, result.output
    back = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert [line["text"] for line in back] == [said, "Rewritten: " + said]
    # what is known of the article goes with it; the date in UTC
    assert back[0] == {"id": "wire-a-1", "url": "https://wire-a.example/1", "title": "Launch",
                       "author": "A. Reporter", "outlet": "Wire A",
                       "outlet_domain": "wire-a.example", "outlet_kind": "wire",
                       "published_at": "2023-06-19T06:30:00+00:00", "text": said}
    result = runner.invoke(main, ["ingest", str(exported)], env={"DATABASE_URL": second})
    assert result.exit_code == 0 and "2 stored" in result.output, result.output

    def contents(url: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        engine = create_engine(url)
        with engine.connect() as connection:
            articles = connection.execute(select(
                Article.text, Article.url, Article.title, Article.author, Article.external_id,
                Article.published_at).order_by(Article.id)).all()
            quotes = connection.execute(select(
                Quote.text, Quote.kind, Quote.speaker_text).order_by(Quote.id)).all()
        engine.dispose()
        return [tuple(a) for a in articles], [tuple(q) for q in quotes]

    assert contents(second) == contents(first)
    assert contents(first)[1]  # there were quotes to compare
