"""Concurrent writers: W processes each ingest N articles into one store at the same time, with
overlapping statements, speakers and outlets, then the store is checked for what was lost or
duplicated.

Every article is a real article (the seeds in samples/, plus any ``--jsonl`` files) with a line
of its own added at the end, so each writer stores different articles that carry the same
quotes by the same speakers from the same outlets as the other writers'. Writer w's i-th
article is base article (w + i) mod B, so all writers store the same statements at once.
Parsing is not what is measured: each base article is analysed once (through
``--analysis-cache``), and the writers replay that analysis for their copies.

Checks, printed as JSON (exit 1 when any is not zero):
  lost                 articles a writer sent that are not stored
  failed               articles a writer was told failed
  duplicate_articles   stored articles beyond one per sent article
  split_statements     quotes of one base article's quote that went to more than one statement
  split_speakers       the same, for speakers known across articles
  missing_quotes       copies holding fewer quotes than their base article's first copy

  python bench/concurrent_writers.py --database postgresql+psycopg://postgres@127.0.0.1/bench \\
      --writers 8 --articles 500 --analysis-cache /tmp/analyses
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import queue
import signal
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EDITION = "\n\nEdition {writer}-{index}."


def base_articles(jsonl: list[Path]) -> list[dict[str, Any]]:
    """The articles to copy: the seeds, then every line of ``jsonl``, as ArticleInput fields."""
    from attribution.inputs import read_paths

    items = list(read_paths([SAMPLES, *jsonl]))
    bad = [item for item in items if item.article is None]
    if bad:
        raise SystemExit(f"{bad[0].where}: {bad[0].error}")
    return [item.article.model_dump(exclude_none=True) for item in items if item.article]


def analyses_of(articles: list[dict[str, Any]], cache: Path | None) -> list[dict[str, Any]]:
    """Each base article's analysis, parsed once (or read from the cache)."""
    from attribution.nlp import analyse_many
    from attribution.nlp.cache import AnalysisCache

    analyse: Any = analyse_many
    if cache is not None:
        analyse = AnalysisCache(cache).wrap(analyse_many)
    return [a.to_dict(sentences=True) for a in analyse([a["text"] for a in articles])]


def copy_of(base: dict[str, Any], writer: int, index: int) -> dict[str, Any]:
    """Writer ``writer``'s ``index``-th article: ``base`` with its own last line and ids."""
    article = dict(base)
    suffix = f"{writer}-{index}"
    article["text"] = base["text"] + EDITION.format(writer=writer, index=index)
    article["id"] = f"{base.get('id') or 'seed'}-{suffix}"
    article.pop("url", None)
    return article


def plan(bases: int, writers: int, articles: int) -> list[list[tuple[int, int]]]:
    """For each writer, its articles as (base article, index) pairs."""
    return [[((w + i) % bases, i) for i in range(articles)] for w in range(writers)]


def write(url: str, writer: int, work: list[tuple[int, int]], bases: list[dict[str, Any]],
          analyses: list[dict[str, Any]], start: Any, out: Any) -> None:
    """One writer: ingest its articles through the real ingest path, replaying analyses."""
    from sqlalchemy.orm import Session

    from attribution import ingest
    from attribution.inputs import ArticleInput
    from attribution.nlp.types import Analysis
    from attribution.store.db import make_engine

    by_text = {}
    inputs = []
    for base, index in work:
        article = copy_of(bases[base], writer, index)
        by_text[article["text"]] = Analysis.from_dict(analyses[base])
        inputs.append(ArticleInput.model_validate(article))

    def replay(texts: list[str]) -> list[Analysis]:
        return [by_text[t] for t in texts]

    engine = make_engine(url)
    start.wait()
    failed = []
    with Session(engine, expire_on_commit=False) as session:
        for result in ingest.ingest_many(session, inputs, analyser=replay):
            if result.error:
                failed.append(result.error)
    engine.dispose()
    out.put((writer, failed))


def check(
    url: str, work: list[list[tuple[int, int]]], bases: list[dict[str, Any]]
) -> dict[str, int]:
    """What was lost or duplicated, read back from the store. Paraphrases are left out: whether
    a sentence restates a statement depends on what was stored before it, by design."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from attribution import matching
    from attribution.store.db import make_engine
    from attribution.store.tables import Article, Quote, QuoteKey, Speaker

    sent = {copy_of(bases[b], w, i)["id"]: b for w, items in enumerate(work) for b, i in items}
    engine = make_engine(url)
    with Session(engine) as session:
        stored = session.execute(select(Article.id, Article.external_id)).all()
        quotes = session.execute(
            select(Article.external_id, Quote.start, Quote.text, Quote.statement_id, Speaker.id,
                   Speaker.article_id)
            .join(Quote, Quote.article_id == Article.id)
            .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
            .where(Quote.kind != "paraphrase")
        ).all()
        # A wording that cannot stand alone (a name, "to comment") gets a statement of its own in
        # each article, never indexed, by design: only indexed statements are shared. A short
        # one joins another article's statement only when their speakers agree, and local
        # speakers never do: only quotes of SHORT_MATCH_WORDS or more must always be shared.
        shared = set(session.scalars(select(QuoteKey.statement_id).distinct()))
    engine.dispose()
    statements: dict[tuple[int, int], set[int]] = defaultdict(set)
    speakers: dict[tuple[int, int], set[int]] = defaultdict(set)
    per_copy: dict[str, int] = defaultdict(int)
    for external_id, start, wording, statement_id, speaker_id, local_to in quotes:
        base = sent.get(external_id)
        if base is None:
            continue
        per_copy[external_id] += 1
        if statement_id in shared and matching.word_count(wording) >= matching.SHORT_MATCH_WORDS:
            statements[(base, start)].add(statement_id)
        if speaker_id is not None and local_to is None:
            speakers[(base, start)].add(speaker_id)
    first_copy = {}
    for external_id, base in sent.items():
        first_copy.setdefault(base, per_copy[external_id])
    stored_ids = [external_id for _, external_id in stored]
    return {
        "sent": len(sent),
        "stored": sum(1 for e in stored_ids if e in sent),
        "lost": len(set(sent) - set(stored_ids)),
        "duplicate_articles": len(stored_ids) - len(set(stored_ids)),
        "split_statements": sum(len(s) - 1 for s in statements.values()),
        "split_speakers": sum(len(s) - 1 for s in speakers.values()),
        "missing_quotes": sum(
            1 for external_id, base in sent.items() if per_copy[external_id] < first_copy[base]
        ),
        "quotes": len(quotes),
        "statements": len(set().union(*statements.values())) if statements else 0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--database", required=True, help="an empty database's URL (it is migrated)")
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--articles", type=int, default=500, help="articles per writer")
    ap.add_argument("--jsonl", type=Path, nargs="*", default=[], help="more base articles")
    ap.add_argument("--analysis-cache", type=Path, help="reuse analyses of the base articles")
    args = ap.parse_args(argv)

    from attribution.store import db

    bases = base_articles(args.jsonl)
    analyses = analyses_of(bases, args.analysis_cache)
    db.upgrade(args.database)
    work = plan(len(bases), args.writers, args.articles)

    context = multiprocessing.get_context("spawn")  # writers share no connection or lock
    start, out = context.Event(), context.Queue()
    writers = [
        context.Process(target=write, args=(args.database, w, items, bases, analyses, start, out))
        for w, items in enumerate(work)
    ]
    # Stopped (Ctrl-C, kill), the bench takes its writers with it rather than leave them
    # writing on.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        for process in writers:
            process.start()
        time.sleep(1.0)  # let every writer import and connect, then start them together
        began = time.perf_counter()
        start.set()
        results = []
        while len(results) < len(writers):
            try:
                results.append(out.get(timeout=1.0))
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in writers):
                    break  # a writer died: report what it left
        for process in writers:
            process.join(timeout=60)
        took = time.perf_counter() - began
    finally:
        for process in writers:
            if process.is_alive():
                process.terminate()

    report = check(args.database, work, bases)
    report["failed"] = sum(len(failed) for _, failed in results)
    report["writers"] = args.writers
    report["seconds"] = round(took, 1)
    report["articles_per_s"] = round(report["stored"] / took, 1) if took else 0.0
    report["writers_died"] = sum(1 for p in writers if p.exitcode != 0)
    out_report: dict[str, Any] = dict(report)
    errors = [e for _, failed in results for e in failed][:5]
    if errors:
        out_report["first_errors"] = errors
    print(json.dumps(out_report))
    bad = ("lost", "failed", "duplicate_articles", "split_statements", "split_speakers",
           "missing_quotes", "writers_died")
    return 1 if any(report[k] for k in bad) else 0


if __name__ == "__main__":
    sys.exit(main())
