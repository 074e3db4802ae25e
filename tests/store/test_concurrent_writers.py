"""Eight writers store overlapping articles into one store at once: nothing is lost or stored
twice, and statements and speakers are not split between writers (bench/concurrent_writers.py
does the writing and the counting; here at a size CI affords, in its note at 8 x 500)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "concurrent_writers.py"
WRITERS = 8
ARTICLES = 6  # per writer: each seed is stored 12 times, by every writer at once


@pytest.fixture(scope="module")
def analyses(tmp_path_factory: pytest.TempPathFactory, stanza: None) -> Path:
    """One analysis cache for both stores: the seeds are parsed once."""
    return tmp_path_factory.mktemp("analyses")


def run_writers(url: str, analyses: Path) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--database", url, "--writers", str(WRITERS),
         "--articles", str(ARTICLES), "--analysis-cache", str(analyses)],
        capture_output=True, text=True, timeout=1800,
    )
    assert done.stdout, done.stderr
    report: dict[str, int] = json.loads(done.stdout.splitlines()[-1])
    return report


def assert_nothing_lost_or_split(report: dict[str, int]) -> None:
    assert report["sent"] == WRITERS * ARTICLES
    assert report["stored"] == report["sent"]
    assert report["lost"] == report["failed"] == report["writers_died"] == 0
    assert report["duplicate_articles"] == 0
    assert report["split_statements"] == 0
    assert report["split_speakers"] == 0
    assert report["missing_quotes"] == 0
    assert report["statements"] > 0  # there were shared statements to split


@pytest.mark.stanza
def test_concurrent_writers_on_sqlite_lose_and_split_nothing(
    tmp_path: Path, analyses: Path
) -> None:
    assert_nothing_lost_or_split(run_writers(f"sqlite:///{tmp_path / 'w.sqlite'}", analyses))


@pytest.mark.stanza
@pytest.mark.postgres
def test_concurrent_writers_on_postgres_lose_and_split_nothing(
    postgres_url: str, analyses: Path
) -> None:
    assert_nothing_lost_or_split(run_writers(postgres_url, analyses))
