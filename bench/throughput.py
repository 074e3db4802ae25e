"""Side by side, in one run on the same articles: the bare Stanza pipeline, ``extract``,
``ingest`` on SQLite and on PostgreSQL, and textacy's quotation extractor over spaCy's small
English model (the peer a newsroom could pick instead).

    make bench                                   # = python bench/throughput.py
    python bench/throughput.py --articles 84 --postgres postgresql+psycopg://postgres@127.0.0.1/postgres

Each system runs in a process of its own, one after another, with one torch thread (a worker
process per core is how the service runs): words/s, the ratio of its time to the bare
pipeline's, the CPU seconds of all its threads, and the process's peak memory (with its parsing
process's, for an ingest that parses ahead). Model loading is timed apart and left out of the
ratios. Prints a table, writes it as JSON and plots it as a PNG
(``--out``, default ``build/bench``). On a shared machine absolute seconds drift with the load;
the ratios, measured minutes apart in one run, are what to compare. The machine's speed can
also wander within a run (by a fifth, seen here): ``--rounds N`` runs every system N times,
round after round, and gives each system's median time and the ingest-to-extract ratio of each
round (the two measured minutes apart), whose median is the figure to quote.

Articles: the first ``--articles`` of PolNeAR dev (``../shared/eval/polnear/dev.jsonl``), or
``samples/`` when the evaluation data is absent. Words are whitespace-separated words of the
text, the same count for every system.

PostgreSQL: ``--postgres URL`` names a server database to connect through (default
``$BENCH_POSTGRES_URL``, else ``$TEST_POSTGRES_URL``); the bench creates its own database
``attribution_bench`` there, empties it and stores into it, and never touches the one named.
textacy needs the ``bench`` extra (``pip install -e '.[bench]'``) and spaCy's
``en_core_web_sm``, which is not on PyPI (``python -m spacy download en_core_web_sm`` where
GitHub is reachable); without them its row says why it was skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
BENCH_DATABASE = "attribution_bench"
#: What each engine parses once before it is timed (its first call sets up).
WARM_UP = "“We will look at it,” she said."
SYSTEMS = ("bare", "bare_tuned", "extract", "ingest_sqlite", "ingest_postgres",
           "ingest_sqlite_ahead", "ingest_postgres_ahead", "textacy")
INGESTS = ("ingest_sqlite", "ingest_postgres", "ingest_sqlite_ahead", "ingest_postgres_ahead")
LABELS = {
    "bare": "bare Stanza pipeline",
    "bare_tuned": "Stanza, the engine's batch sizes",
    "extract": "attribution extract",
    "ingest_sqlite": "attribution ingest (SQLite)",
    "ingest_postgres": "attribution ingest (PostgreSQL)",
    "ingest_sqlite_ahead": "ingest --parse-ahead (SQLite)",
    "ingest_postgres_ahead": "ingest --parse-ahead (PostgreSQL)",
    "textacy": "textacy over spaCy sm",
}


class Skipped(Exception):
    """A system that cannot run here; the message says why."""


def load_records(n: int) -> list[dict[str, Any]]:
    """The first ``n`` PolNeAR dev articles as ingest input records (samples/ without it)."""
    if DEV.exists():
        with DEV.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line, _ in zip(fh, range(n), strict=False)]
        return [{k: r[k] for k in ("id", "publisher", "date", "title", "text") if k in r}
                for r in rows]
    return [{"text": p.read_text(encoding="utf-8"), "title": p.stem}
            for p in sorted((ROOT / "samples").glob("*.txt"))][:n]


class Timed:
    """Wall and process CPU seconds (all threads) of a ``with`` block: ``seconds``, ``cpu_s``."""

    def __enter__(self) -> Timed:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = time.perf_counter() - self._wall
        self.cpu_s = time.process_time() - self._cpu


def empty_database(server: str, name: str) -> str:
    """The URL of database ``name`` on the PostgreSQL server ``server`` names, dropped (whoever
    is connected) and created anew: the bench's own, never the one named."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def one_thread() -> None:
    import torch

    torch.set_num_threads(1)


# -- the systems, each run in its own process ------------------------------------------------


def run_bare(records: list[dict[str, Any]], args: argparse.Namespace,
             **settings: Any) -> dict[str, Any]:
    """Stanza's pipeline with the six processors the engine uses, Stanza's own settings."""
    import stanza

    from attribution.nlp import models

    one_thread()
    t0 = time.perf_counter()
    nlp = stanza.Pipeline(models.LANG, dir=str(models.check_models()),
                          processors=models.PROCESSORS, download_method=None,
                          logging_level="WARN", use_gpu=False, **settings)
    nlp(WARM_UP)  # the first call sets up; the engine's is warm too
    loaded = time.perf_counter() - t0
    docs = [stanza.Document([], text=r["text"]) for r in records]
    with Timed() as timed:
        nlp.bulk_process(docs)
    return {"load_s": loaded, "seconds": timed.seconds, "cpu_s": timed.cpu_s,
            "output": f"{sum(len(d.sentences) for d in docs)} sentences"}


def run_bare_tuned(records: list[dict[str, Any]], args: argparse.Namespace
                   ) -> dict[str, Any]:
    """The same pipeline with the batch sizes the engine gives Stanza: how much of the
    engine's difference to the bare pipeline is those settings alone."""
    from attribution.nlp import models

    return run_bare(records, args, pos_batch_size=models.POS_BATCH_SIZE,
                    depparse_batch_size=models.DEPPARSE_BATCH_SIZE,
                    ner_batch_size=models.NER_BATCH_SIZE)


def _warm_engine() -> float:
    """Load the Stanza pipeline and the span tagger once (the service does so per process)."""
    from attribution.nlp import analyse_many

    t0 = time.perf_counter()
    list(analyse_many([WARM_UP], time_budget=None))
    return time.perf_counter() - t0


def run_extract(records: list[dict[str, Any]], _: argparse.Namespace) -> dict[str, Any]:
    from attribution.nlp import analyse_many

    one_thread()
    loaded = _warm_engine()
    with Timed() as timed:
        analyses = list(analyse_many([r["text"] for r in records], time_budget=None))
    return {"load_s": loaded, "seconds": timed.seconds, "cpu_s": timed.cpu_s,
            "output": f"{sum(len(a.quotes) for a in analyses)} attributions"}


def _ingest(records: list[dict[str, Any]], url: str, ahead: bool = False) -> dict[str, Any]:
    """Ingest into a new store: the engine in this process, parsing and storing in turn; or
    (``ahead``) in a process of its own, a batch ahead of the store, as ``attribution
    ingest`` loads more than one batch. Its CPU seconds and peak memory are added to this
    process's, and its model loading is left out of the time as the engine's is."""
    from attribution import create_app
    from attribution import ingest as ingesting
    from attribution.inputs import ArticleInput
    from attribution.store import db
    from attribution.store.db import get_session

    one_thread()
    db.upgrade(url)
    inputs = [ArticleInput.model_validate(r) for r in records]
    app = create_app({"DATABASE_URL": url})
    analyser = ingesting.budgeted_analyser(None)
    with contextlib.ExitStack() as stack:
        if ahead:
            parser = stack.enter_context(ingesting.ParseAhead(analyser))
            t0 = time.perf_counter()
            parser.start([WARM_UP])()
            loaded = time.perf_counter() - t0
            cpu_before, _ = parser.usage()
        else:
            loaded = _warm_engine()
        with app.app_context(), Timed() as timed:
            quotes, failed = 0, []
            for result in ingesting.ingest_many(get_session(), inputs, analyser,
                                                parse_ahead=parser if ahead else False):
                quotes += result.quotes
                if result.error:
                    failed.append(result.error)
        figures = {"load_s": loaded, "seconds": timed.seconds, "cpu_s": timed.cpu_s,
                   "output": f"{quotes} quotes stored"}
        if ahead:
            cpu_after, peak = parser.usage()
            figures["cpu_s"] += cpu_after - cpu_before
            figures["child_peak_mb"] = peak
    if failed:
        raise RuntimeError(f"{len(failed)} articles not stored: {failed[0]}")
    return figures


def run_ingest_sqlite(records: list[dict[str, Any]], args: argparse.Namespace,
                      ahead: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return _ingest(records, f"sqlite:///{tmp}/bench.sqlite", ahead)


def run_ingest_postgres(records: list[dict[str, Any]], args: argparse.Namespace,
                        ahead: bool = False) -> dict[str, Any]:
    if not args.postgres:
        raise Skipped("no PostgreSQL named (--postgres, BENCH_POSTGRES_URL or TEST_POSTGRES_URL)")
    return _ingest(records, empty_database(args.postgres, BENCH_DATABASE), ahead)


def run_textacy(records: list[dict[str, Any]], _: argparse.Namespace) -> dict[str, Any]:
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise Skipped(f"textacy not installed ({exc.name}): pip install -e '.[bench]'") from exc
    t0 = time.perf_counter()
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError as exc:
        raise Skipped("spaCy's en_core_web_sm not installed (not on PyPI: "
                      "python -m spacy download en_core_web_sm)") from exc
    loaded = time.perf_counter() - t0
    with Timed() as timed:
        found = sum(len(list(direct_quotations(doc)))
                    for doc in nlp.pipe(r["text"] for r in records))
    return {"load_s": loaded, "seconds": timed.seconds, "cpu_s": timed.cpu_s,
            "output": f"{found} direct quotations"}


RUNNERS: dict[str, Callable[[list[dict[str, Any]], argparse.Namespace], dict[str, Any]]] = {
    "bare": run_bare, "bare_tuned": run_bare_tuned, "extract": run_extract,
    "ingest_sqlite": run_ingest_sqlite, "ingest_postgres": run_ingest_postgres,
    "ingest_sqlite_ahead": functools.partial(run_ingest_sqlite, ahead=True),
    "ingest_postgres_ahead": functools.partial(run_ingest_postgres, ahead=True),
    "textacy": run_textacy,
}


def run_stage(args: argparse.Namespace) -> None:
    """Child process: run one system and print its figures as one JSON line."""
    records = load_records(args.articles)
    try:
        result = RUNNERS[args.stage](records, args)
    except Skipped as why:
        result = {"skipped": str(why)}
    result["peak_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                         + result.pop("child_peak_mb", 0))
    print(json.dumps(result))


# -- the parent: run every system, then the table and the plot --------------------------------


def measure(system: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--stage", system, "--articles", str(args.articles)]
    if args.postgres:
        command += ["--postgres", args.postgres]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"skipped": f"failed: {done.stderr.strip().splitlines()[-1:]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def table(results: dict[str, dict[str, Any]], words: int, articles: int) -> str:
    bare = results.get("bare", {}).get("seconds")
    extract = results.get("extract", {}).get("seconds")
    lines = [f"{articles} articles, {words:,} words; one torch thread per process",
             f"{'system':34} {'seconds':>9} {'cpu s':>7} {'words/s':>9} {'x bare':>7} "
             f"{'peak MB':>8}  output",
             "-" * 100]
    for system in SYSTEMS:
        r = results.get(system)
        if r is None:
            continue
        if "skipped" in r:
            lines.append(f"{LABELS[system]:34} skipped: {r['skipped']}")
            continue
        ratio = f"{r['seconds'] / bare:7.2f}" if bare else f"{'':7}"
        lines.append(f"{LABELS[system]:34} {r['seconds']:9.1f} {r.get('cpu_s', 0):7.1f} "
                     f"{words / r['seconds']:9.0f} "
                     f"{ratio} {r['peak_mb']:8.0f}  {r['output']} (models {r['load_s']:.1f} s)")
    extract_cpu = results.get("extract", {}).get("cpu_s")
    for system in INGESTS:
        r = results.get(system, {})
        if extract and "seconds" in r:
            lines.append(f"{LABELS[system]} / extract: {r['seconds'] / extract:.2f} "
                         f"(store work {(r['cpu_s'] - extract_cpu) / articles:.3f} CPU s "
                         f"per article)")
            if len(r.get("rounds", [])) > 1:
                per_round = ", ".join(f"{x:.2f}" for x in r["rounds"])
                lines.append(f"  each round: {per_round}; median "
                             f"{statistics.median(r['rounds']):.2f}")
    return "\n".join(lines)


def summarise(runs: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Each system's run of median time (its other figures with it), and for the ingests the
    ratio to ``extract`` within each round."""
    results: dict[str, dict[str, Any]] = {}
    for system, rs in runs.items():
        timed = sorted((r for r in rs if "seconds" in r), key=lambda r: r["seconds"])
        results[system] = dict(timed[(len(timed) - 1) // 2]) if timed else rs[-1]
    for system in INGESTS:
        pairs = zip(runs.get(system, []), runs.get("extract", []), strict=False)
        results.get(system, {})["rounds"] = [
            r["seconds"] / e["seconds"] for r, e in pairs if "seconds" in r and "seconds" in e]
    return results


def plot(results: dict[str, dict[str, Any]], words: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ran = [s for s in SYSTEMS if "seconds" in results.get(s, {})]
    if not ran:
        return
    bare = results.get("bare", {}).get("seconds")
    fig, (speed, memory) = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
    names = [LABELS[s] for s in ran]
    rates = [words / results[s]["seconds"] for s in ran]
    speed.barh(names, rates, color="#4477aa")
    for y, s in enumerate(ran):
        label = f"{rates[y]:,.0f}"
        if bare:
            label += f"  ({results[s]['seconds'] / bare:.2f}x bare)"
        speed.text(rates[y], y, " " + label, va="center", fontsize=8)
    speed.set_xlabel("words per second (higher is better)")
    speed.set_xlim(0, max(rates) * 1.45)
    speed.invert_yaxis()
    memory.barh(names, [results[s]["peak_mb"] for s in ran], color="#cc6677")
    memory.set_xlabel("peak memory, MB (with the parsing process when parsing ahead)")
    fig.suptitle(f"Throughput on {words:,} words of news, one torch thread per process")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=84, help="PolNeAR dev articles (84: all)")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help=f"comma-separated, of {', '.join(SYSTEMS)}")
    ap.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL")
                    or os.environ.get("TEST_POSTGRES_URL"))
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run every system this many times, round after round (medians)")
    ap.add_argument("--stage", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        run_stage(args)
        return
    records = load_records(args.articles)
    words = sum(len(r["text"].split()) for r in records)
    runs: dict[str, list[dict[str, Any]]] = {}
    for round_ in range(1, args.rounds + 1):
        for system in args.systems.split(","):
            print(f"running {LABELS[system]} (round {round_} of {args.rounds}) ...",
                  file=sys.stderr, flush=True)
            runs.setdefault(system, []).append(measure(system, args))
    results = summarise(runs)
    report = table(results, words, len(records))
    print(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "throughput.json").write_text(json.dumps(
        {"articles": len(records), "words": words, "results": results, "runs": runs},
        indent=2))
    try:
        plot(results, words, args.out / "throughput.png")
        print(f"plot: {args.out / 'throughput.png'}")
    except ImportError:
        print("plot skipped: matplotlib not installed (pip install -e '.[bench]')")


if __name__ == "__main__":
    main()
