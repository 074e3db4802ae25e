"""An ingest killed with SIGKILL mid-batch leaves no half-stored article, and running the same
batch again completes it with nothing stored twice: the store ends as an uninterrupted run's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select
from sqlalchemy import text as sql

from attribution.cli import main
from attribution.inputs import read_paths
from attribution.nlp.cache import AnalysisCache

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
COPIES = 4  # of each seed: 16 articles


def batch_with_cached_analyses(tmp_path: Path, analysis_cache: Path) -> Path:
    """A JSONL batch of seed copies (each with a line of its own), their analyses cached so
    that the run is all store work, which is where a kill can leave something half done."""
    from attribution import ingest

    cache = AnalysisCache(analysis_cache)
    seeds = [item.article for item in read_paths([SAMPLES]) if item.article is not None]
    analyses = list(cache.wrap(ingest.stanza_analyser)([s.text or "" for s in seeds]))
    lines = []
    for copy in range(COPIES):
        for number, (seed, analysis) in enumerate(zip(seeds, analyses, strict=True)):
            text = f"{seed.text}\n\nEdition {copy}."
            cache.put(text, analysis)
            lines.append(json.dumps({
                "id": f"{number}-{copy}", "text": text, "outlet": seed.outlet,
                "published_at": seed.published_at.isoformat() if seed.published_at else None,
            }))
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return batch


def ingest_command(batch: Path, analysis_cache: Path) -> list[str]:
    return [sys.executable, "-m", "attribution.cli", "ingest", "--analysis-cache",
            str(analysis_cache), str(batch)]


def snapshot(url: str) -> dict[str, Any]:
    """What a store holds, in terms that do not depend on row ids."""
    engine = create_engine(url)
    with engine.connect() as connection:
        counts = {
            table: connection.scalar(select(func.count()).select_from(sql(table)))
            for table in ("article", "quote", "statement", "speaker", "speaker_alias",
                          "chain_link", "article_link", "quote_key")
        }
        per_article = dict(connection.execute(sql(
            "SELECT a.external_id, COUNT(q.id) FROM article a "
            "LEFT JOIN quote q ON q.article_id = a.id AND q.kind <> 'paraphrase' "
            "GROUP BY a.external_id")).all())
        orphans = connection.scalar(sql(
            "SELECT COUNT(*) FROM statement s WHERE NOT EXISTS "
            "(SELECT 1 FROM quote q WHERE q.statement_id = s.id)"))
        duplicates = connection.scalar(sql(
            "SELECT COUNT(*) - COUNT(DISTINCT external_id) FROM article"))
    engine.dispose()
    return {"counts": counts, "per_article": per_article, "orphan_statements": orphans,
            "duplicate_articles": duplicates}


def migrate(url: str) -> dict[str, str]:
    env = {"DATABASE_URL": url}
    assert CliRunner().invoke(main, ["db", "upgrade"], env=env).exit_code == 0
    return {**os.environ, **env}


def articles_in(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        n = connection.scalar(select(func.count()).select_from(sql("article"))) or 0
    engine.dispose()
    return n


def assert_kill_leaves_nothing_half_stored(
    reference_url: str, crash_url: str, batch: Path, analysis_cache: Path
) -> None:
    command = ingest_command(batch, analysis_cache)
    done = subprocess.run(command, env=migrate(reference_url), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    reference = snapshot(reference_url)
    assert reference["counts"]["article"] == 4 * COPIES

    env = migrate(crash_url)
    victim = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while articles_in(crash_url) < 3:
        assert victim.poll() is None, "the batch ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait()

    killed = snapshot(crash_url)
    stored = killed["per_article"]
    assert 3 <= len(stored) < 4 * COPIES
    # Every article there is whole: as many quotes as the uninterrupted run gave it.
    assert stored == {k: reference["per_article"][k] for k in stored}
    assert killed["orphan_statements"] == 0

    rerun = subprocess.run(command, env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(stored)} already stored" in rerun.stdout
    resumed = snapshot(crash_url)
    assert resumed["duplicate_articles"] == 0
    assert resumed == reference


@pytest.mark.stanza
def test_sigkill_mid_batch_on_sqlite_leaves_nothing_half_stored(
    tmp_path: Path, analysis_cache: Path, stanza: None
) -> None:
    batch = batch_with_cached_analyses(tmp_path, analysis_cache)
    assert_kill_leaves_nothing_half_stored(
        f"sqlite:///{tmp_path / 'reference.sqlite'}", f"sqlite:///{tmp_path / 'crash.sqlite'}",
        batch, analysis_cache,
    )


@pytest.mark.stanza
@pytest.mark.postgres
def test_sigkill_mid_batch_on_postgres_leaves_nothing_half_stored(
    tmp_path: Path, analysis_cache: Path, postgres_url: str, stanza: None
) -> None:
    batch = batch_with_cached_analyses(tmp_path, analysis_cache)
    assert_kill_leaves_nothing_half_stored(
        f"sqlite:///{tmp_path / 'reference.sqlite'}", postgres_url, batch, analysis_cache,
    )
