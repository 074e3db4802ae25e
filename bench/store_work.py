"""The store's own work: PolNeAR dev ingested from analyses made beforehand, so that only the
store runs (placing quotes, speakers, restatements, links, index rows).

    python bench/store_work.py --store sqlite --analysis-cache build/analysis-cache
    python bench/store_work.py --store postgresql --rounds 3 --profile 30

Each round stores the articles into a new, empty database (SQLite in a temporary directory;
on PostgreSQL a database ``attribution_store_work`` created on the server ``--postgres`` names,
default ``$BENCH_POSTGRES_URL`` or ``$TEST_POSTGRES_URL``) and prints wall and process CPU
seconds around ``ingest_many``. Analyses missing from ``--analysis-cache`` are made first
(Stanza, with the models STANZA_RESOURCES_DIR names) and kept there, outside the timing.
``--profile N`` prints the N costliest calls of the last round (cProfile, which about doubles
the time); ``--statements N`` the N kinds of SQL statement that took longest in the last round,
each with how often it was sent and how many rows it carried (what goes through SQLAlchemy: the
index rows' COPY and the sqlite3 driver's executemany go around it). Compare code versions by
alternating runs: the machine's speed wanders.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from throughput import ROOT, Timed, empty_database, load_records

DATABASE = "attribution_store_work"


def fresh_database(store: str, server: str | None, scratch: Path) -> str:
    """The URL of a new, empty, migrated database."""
    from attribution.store import db

    if store == "sqlite":
        url = f"sqlite:///{scratch / f'store-{time.monotonic_ns()}.sqlite'}"
    elif not server:
        raise SystemExit("--postgres URL (or BENCH_POSTGRES_URL / TEST_POSTGRES_URL) needed")
    else:
        url = empty_database(server, DATABASE)
    db.upgrade(url)
    return url


@dataclass
class Sent:
    """One kind of SQL statement: how many times it was sent, the seconds it took, the rows it
    carried."""

    times: int = 0
    seconds: float = 0.0
    rows: int = 0


@contextlib.contextmanager
def statements_sent(engine: Any) -> Iterator[dict[str, Sent]]:
    """What was sent on ``engine``, by kind of SQL statement (its first 110 characters)."""
    from sqlalchemy import event

    sent: dict[str, Sent] = defaultdict(Sent)

    def before(conn: Any, *_: Any) -> None:
        conn.info["sent_at"] = time.perf_counter()

    def after(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        kind = sent[re.sub(r"\s+", " ", statement)[:110]]
        kind.times += 1
        kind.seconds += time.perf_counter() - conn.info.pop("sent_at")
        kind.rows += max(cursor.rowcount, 0)  # rows written, or read where the driver knows

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def print_statements(sent: dict[str, Sent], top: int) -> None:
    print(f"{sum(k.times for k in sent.values())} statements sent, "
          f"{sum(k.seconds for k in sent.values()):.2f} s")
    print(f"{'sent':>6} {'seconds':>8} {'rows':>7}  statement")
    for statement, k in sorted(sent.items(), key=lambda kv: -kv[1].seconds)[:top]:
        print(f"{k.times:6d} {k.seconds:8.2f} {k.rows:7d}  {statement}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL")
                    or os.environ.get("TEST_POSTGRES_URL"))
    ap.add_argument("--analysis-cache", type=Path, default=ROOT / "build" / "analysis-cache")
    ap.add_argument("--articles", type=int, default=84, help="PolNeAR dev articles (84: all)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    ap.add_argument("--statements", type=int, default=0, metavar="N")
    args = ap.parse_args()

    from attribution import create_app
    from attribution import ingest as ingesting
    from attribution.inputs import ArticleInput
    from attribution.nlp.cache import AnalysisCache
    from attribution.store.db import get_session

    inputs = [ArticleInput.model_validate(r) for r in load_records(args.articles)]
    cache = AnalysisCache(args.analysis_cache)
    made = list(cache.wrap(ingesting.budgeted_analyser(None))([i.text or "" for i in inputs]))
    analyses = {i.text: a for i, a in zip(inputs, made, strict=True)}

    def replay(texts: list[str]) -> list:
        return [analyses[t] for t in texts]

    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(1, args.rounds + 1):
            app = create_app({"DATABASE_URL": fresh_database(args.store, args.postgres,
                                                             Path(scratch))})
            last = round_ == args.rounds
            profile = cProfile.Profile() if args.profile and last else None
            with app.app_context():
                counting = statements_sent(get_session().get_bind()) \
                    if args.statements and last else contextlib.nullcontext()
                with counting as sent, Timed() as timed:
                    if profile:
                        profile.enable()
                    results = list(ingesting.ingest_many(get_session(), inputs, replay))
                    if profile:
                        profile.disable()
                quotes = sum(r.quotes for r in results)
            wall, cpu = timed.seconds, timed.cpu_s
            failed = [r.error for r in results if r.error]
            print(f"round {round_}: {args.store}, {len(inputs)} articles, "
                  f"{quotes} quotes, {len(failed)} failed: "
                  f"wall {wall:.2f} s, cpu {cpu:.2f} s, {wall / len(inputs):.3f} s an article",
                  flush=True)
            if profile:
                pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
            if sent is not None:
                print_statements(sent, args.statements)


if __name__ == "__main__":
    main()
