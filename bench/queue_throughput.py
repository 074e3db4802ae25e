"""Ingest throughput through the queue: the same articles ingested by 1, then 2 workers.

For each worker count W the PostgreSQL store is emptied (migrated down to base and up again),
W ``attribution worker`` processes are started on a queue of their own, and once each has
loaded its models the articles are handed over as jobs (as ``attribution ingest --queue``
does). The clock runs from the first job handed over to the last job done, read from the jobs'
rows; parsing and storing are both in it, model loading is not. One torch thread per worker.

  python bench/queue_throughput.py \\
      --database postgresql+psycopg://postgres@127.0.0.1:5432/celery_bench \\
      --broker redis://127.0.0.1:6379/5 --articles 40 --workers 1 2

Prints a table (articles a minute, words a second, speed-up over one worker) and the load
average, since the figures mean little on a machine busy with something else.

With ``--analysis-cache DIR`` the workers read analyses from DIR (``--warm`` fills it first, in
this process): what is left is the store's own work, which is where more workers stop helping
(every article's store takes its turn under the writers' lock).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"


def read_articles(path: Path, n: int) -> list[tuple[str, Any]]:
    """The first ``n`` articles of a JSONL file, as ``ingest --queue`` reads them."""
    from attribution.inputs import read_paths

    items = [item for item in read_paths([path]) if item.article is not None][:n]
    return [(item.where, item.article) for item in items]


def start_workers(n: int, env: dict[str, str], logs: Path) -> list[tuple[Any, Path]]:
    workers = []
    for i in range(n):
        log = logs / f"worker-{i}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "attribution.cli", "worker", "--loglevel", "info"],
                env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        workers.append((process, log))
    return workers


def wait_until_loaded(workers: list[tuple[Any, Path]], timeout: float = 600) -> None:
    from attribution.tasks import MODELS_LOADED

    deadline = time.monotonic() + timeout
    while not all(MODELS_LOADED in log.read_text(errors="replace") for _, log in workers):
        for process, log in workers:
            if process.poll() is not None:
                raise SystemExit(f"a worker died:\n{log.read_text(errors='replace')[-3000:]}")
        if time.monotonic() > deadline:
            raise SystemExit("the workers did not load their models in time")
        time.sleep(0.5)


def pool_cpu_seconds(workers: list[tuple[Any, Path]]) -> float:
    """CPU seconds (user + system) the workers' pool processes have used so far (Linux)."""
    total = 0
    for process, _ in workers:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        for pid in children.read_text().split() if children.exists() else []:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def stop_workers(workers: list[tuple[Any, Path]]) -> None:
    for process, _ in workers:
        process.send_signal(signal.SIGTERM)
    for process, _ in workers:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def warm(cache: Path, articles: list[tuple[str, Any]]) -> None:
    """Analyse ``articles`` into ``cache`` (those not there yet)."""
    from attribution import ingest
    from attribution.nlp.cache import AnalysisCache

    list(AnalysisCache(cache).wrap(ingest.stanza_analyser)([a.text or "" for _, a in articles]))


def run(database: str, broker: str, articles: list[tuple[str, Any]], workers: int,
        job_size: int, logs: Path, cache: Path | None = None) -> dict[str, Any]:
    """Ingest ``articles`` into an empty store with ``workers`` workers; the figures."""
    from attribution import create_app, queries, tasks
    from attribution.nlp.models import batched
    from attribution.store import db
    from attribution.store.db import get_engine, get_session
    from attribution.store.tables import utcnow

    db.downgrade(database, "base")
    db.upgrade(database)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": database, "CELERY_BROKER_URL": broker,
           "CELERY_QUEUE": queue, "OMP_NUM_THREADS": "1"}
    env.pop("ATTRIBUTION_ANALYSIS_CACHE", None)
    if cache is not None:
        env["ATTRIBUTION_ANALYSIS_CACHE"] = str(cache)
    procs = start_workers(workers, env, logs)
    app = create_app({"DATABASE_URL": database, "CELERY_BROKER_URL": broker,
                      "CELERY_QUEUE": queue})
    try:
        wait_until_loaded(procs)
        with app.app_context():
            session = get_session()
            cpu_before = pool_cpu_seconds(procs)
            began = utcnow()
            ids = [tasks.hand_over(session, chunk, broker, queue).public_id
                   for chunk in batched(articles, job_size)]
            while True:
                session.rollback()
                jobs = queries.get_jobs(session, ids)
                if all(job.status in ("done", "failed") for job in jobs):
                    break
                time.sleep(0.25)
            ended = max(job.finished_at for job in jobs if job.finished_at is not None)
            wall = (ended - began).total_seconds()
            cpu = pool_cpu_seconds(procs) - cpu_before
            counts = {key: sum(getattr(job, key) for job in jobs)
                      for key in ("stored", "already_stored", "failed", "quotes")}
            get_session().close()
            get_engine().dispose()
    finally:
        stop_workers(procs)
    words = sum(len((article.text or "").split()) for _, article in articles)
    return {"workers": workers, "articles": len(articles), "words": words,
            "wall_s": round(wall, 1), "articles_per_min": round(len(articles) / wall * 60, 1),
            "words_per_s": round(words / wall),
            "worker_cpu_s_per_article": round(cpu / len(articles), 2), **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="PostgreSQL URL (emptied each run)")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--jsonl", type=Path, default=DEV)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--job-size", type=int, default=2,
                        help="Articles per job (small, so that every worker gets a share)")
    parser.add_argument("--analysis-cache", type=Path,
                        help="Workers read analyses from here: measures the store alone")
    parser.add_argument("--warm", action="store_true",
                        help="Fill --analysis-cache with the articles' analyses first")
    args = parser.parse_args()

    articles = read_articles(args.jsonl, args.articles)
    if args.warm and args.analysis_cache:
        warm(args.analysis_cache, articles)
    results = []
    with tempfile.TemporaryDirectory() as logs:
        for n in args.workers:
            load = os.getloadavg()[0]
            result = run(args.database, args.broker, articles, n, args.job_size, Path(logs),
                         args.analysis_cache)
            result["load_before"] = round(load, 2)
            results.append(result)
            print(json.dumps(result), file=sys.stderr)
    one = next((r for r in results if r["workers"] == 1), results[0])
    print(f"{'workers':>7} {'articles':>8} {'words':>7} {'wall s':>7} {'art/min':>8} "
          f"{'words/s':>8} {'speed-up':>8} {'cpu s/art':>9} {'quotes':>7} {'failed':>6} "
          f"{'load':>5}")
    for r in results:
        print(f"{r['workers']:>7} {r['articles']:>8} {r['words']:>7} {r['wall_s']:>7} "
              f"{r['articles_per_min']:>8} {r['words_per_s']:>8} "
              f"{r['articles_per_min'] / one['articles_per_min']:>8.2f} "
              f"{r['worker_cpu_s_per_article']:>9} {r['quotes']:>7} "
              f"{r['failed']:>6} {r['load_before']:>5}")


if __name__ == "__main__":
    main()
