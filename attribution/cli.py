"""The ``attribution`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import click

if TYPE_CHECKING:
    from flask import Flask
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    from attribution.api.schemas import ArticleRef, LookupOut
    from attribution.inputs import ArticleInput
    from attribution.nlp.types import Analysis


@click.group()
def main() -> None:
    """Quote provenance: find attributions in news text and trace quotes to their sources."""


# --- extraction ------------------------------------------------------------------------------


def _read_jsonl(handle: IO[str], name: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Yield (line number, record) or (line number, error message) for each non-blank line."""
    for lineno, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, f"{name}:{lineno}: not valid JSON ({exc.msg})"
            continue
        if not isinstance(record, dict):
            yield lineno, f"{name}:{lineno}: expected a JSON object"
        elif "id" not in record:
            yield lineno, f'{name}:{lineno}: missing "id"'
        elif not isinstance(record.get("text"), str):
            yield lineno, f'{name}:{lineno}: "text" must be a string'
        else:
            yield lineno, record


@main.command()
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"))
@click.option("--jsonl", "jsonl_in", type=click.File("r", encoding="utf-8"),
              help='Read articles as JSON lines with at least {"id", "text"}.')
@click.option("--out", "out", type=click.File("w", encoding="utf-8"), default="-",
              help="Where --jsonl output goes (default: stdout).")
@click.option("--batch-size", default=16, show_default=True,
              help="Articles per Stanza batch.")
@click.option("--entities", is_flag=True, help="Also print the article's canonical entities.")
def extract(file: IO[str] | None, jsonl_in: IO[str] | None, out: IO[str], batch_size: int,
            entities: bool) -> None:
    """Print every attribution in FILE (``-`` for stdin) as {"quotes": [...]}, and apart from
    them the quotations nothing attributes as {"unattributed": [...]}."""
    from attribution.nlp import analyse_many, models

    try:
        models.check_models()
    except models.ModelsMissing as exc:
        raise click.ClickException(str(exc)) from exc

    if (file is None) == (jsonl_in is None):
        raise click.UsageError("give either FILE (or - for stdin) or --jsonl IN.jsonl")

    if file is not None:
        try:
            text = file.read()
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"{file.name}: not UTF-8 text ({exc.reason})") from exc
        analysis = next(analyse_many([text]))
        payload = _extracted(analysis, entities)
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return

    assert jsonl_in is not None
    _extract_jsonl(jsonl_in, out, batch_size, entities)


def _extracted(analysis: Analysis, entities: bool) -> dict[str, Any]:
    """What ``extract`` prints for one article: its attributions, the quotations nothing
    attributes, and with ``entities`` the article's canonical entities."""
    full = analysis.to_dict()
    keys = ("quotes", "unattributed", "entities") if entities else ("quotes", "unattributed")
    return {key: full[key] for key in keys}


def _extract_jsonl(handle: IO[str], out: IO[str], batch_size: int, entities: bool) -> None:
    from tqdm import tqdm

    from attribution.nlp import analyse_many

    name = getattr(handle, "name", "<jsonl>")
    try:
        rows = list(_read_jsonl(handle, name))
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{name}: not UTF-8 text ({exc.reason})") from exc
    good = [rec for _, rec in rows if isinstance(rec, dict)]
    errors = [msg for _, msg in rows if isinstance(msg, str)]
    for msg in errors:
        click.echo(f"error: {msg}", err=True)

    bar = tqdm(total=len(good), unit="article", file=sys.stderr, disable=None)
    texts = (rec["text"] for rec in good)
    for rec, analysis in zip(good, analyse_many(texts, batch_size=batch_size), strict=True):
        line = {"id": rec["id"], **_extracted(analysis, entities)}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        bar.update(1)
    bar.close()
    if errors:
        raise click.ClickException(f"{len(errors)} bad input line(s) skipped; the rest written")


# --- models ----------------------------------------------------------------------------------


@main.group()
def models() -> None:
    """Stanza models: where they are, and fetching them."""


@models.command("check")
def models_check() -> None:
    """Say whether the Stanza models are in place."""
    from attribution.nlp import models as nlp_models

    try:
        directory = nlp_models.check_models()
    except nlp_models.ModelsMissing as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Stanza models found in {directory}")


@models.command("download")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Where to put them (default: STANZA_RESOURCES_DIR or ~/stanza_resources).")
def models_download(directory: Path | None) -> None:
    """Fetch Stanza's published English models from its model hub (needs the internet)."""
    from attribution.nlp import models as nlp_models

    target = nlp_models.download(directory)
    click.echo(f"Stanza models in {target}; set STANZA_RESOURCES_DIR={target}")


# --- store: database, ingest, serve ------------------------------------------------------------


@main.group()
def db() -> None:
    """The provenance database: migrations (DATABASE_URL, default instance/attribution.sqlite)."""


def _database_url() -> str:
    from attribution import create_app

    return str(create_app().config["DATABASE_URL"])


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision.")
def db_upgrade(revision: str) -> None:
    """Create or migrate the schema up to REVISION."""
    from attribution.store import db as store

    url = _database_url()
    store.upgrade(url, revision)
    click.echo(f"database at {_redact(url)} is at {revision}")


@db.command("downgrade")
@click.option("--revision", default="-1", show_default=True,
              help="Alembic revision (base: drop everything).")
def db_downgrade(revision: str) -> None:
    """Migrate the schema down (one step by default)."""
    from attribution.store import db as store

    url = _database_url()
    store.downgrade(url, revision)
    click.echo(f"database at {_redact(url)} downgraded to {revision}")


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _store_session() -> Session:
    """The app context's database session, once the database is known to be migrated."""
    from attribution.store.db import get_engine, get_session

    _check_schema(get_engine())
    return get_session()


def _check_schema(engine: Engine) -> None:
    """A clear error when the database is not migrated to this version: a store without
    tables (or at an older revision) would otherwise fail deep in its first query, with SQL
    in the message."""
    from attribution.store.db import schema_problem

    problem = schema_problem(engine)
    if problem is not None:
        raise click.ClickException(
            f"the database at {engine.url.render_as_string(hide_password=True)} {problem}: "
            "run `attribution db upgrade` first (with the same DATABASE_URL)")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--batch-size", default=16, show_default=True, help="Articles per Stanza batch.")
@click.option("--analysis-cache", type=click.Path(file_okay=False, path_type=Path),
              envvar="ATTRIBUTION_ANALYSIS_CACHE",
              help="Keep each article's analysis here (by text and engine version), so that a "
                   "rebuilt or second store parses nothing twice. Env: ATTRIBUTION_ANALYSIS_CACHE.")
@click.option("--parse-ahead/--parse-here", default=None,
              help="Parse in a process of its own, a batch ahead of the store, or parse and "
                   "store in turn in this one. Default: ahead when there is more than one "
                   "batch and more than one core.")
@click.option("--verbose", "-v", is_flag=True, help="Name every article as it is stored.")
@click.option("--queue", "queued", is_flag=True,
              help="Hand the articles to the workers (CELERY_BROKER_URL; see `attribution "
                   "worker`) as jobs instead of parsing them here, and print the jobs' ids.")
@click.option("--job-size", default=20, show_default=True, type=click.IntRange(1, 25),
              help="With --queue: articles per job (a job is one worker's work at a time).")
@click.option("--wait", is_flag=True,
              help="With --queue: follow the jobs until they end, then say what became of "
                   "the articles, as without --queue.")
def ingest(paths: tuple[Path, ...], batch_size: int, analysis_cache: Path | None,
           parse_ahead: bool | None, verbose: bool, queued: bool, job_size: int,
           wait: bool) -> None:
    """Store the articles in PATHS (.txt, .html, .json, .jsonl, or directories with a
    manifest.json) with their quotes, statements and links.

    Each article is stored whole or not at all. One that fails is reported with its file (and
    line) and the rest go on; the exit code is 1 when any failed. Articles already stored (same
    URL, feed id or text) are skipped before any parsing, so after an interruption (Ctrl-C) the
    same command resumes where it stopped.

    With --queue the articles are checked here and parsed and stored by the workers, in jobs
    of --job-size articles (--batch-size and --analysis-cache are then the workers' affair)."""
    from tqdm import tqdm

    from attribution import create_app, inputs
    from attribution import ingest as ingesting
    from attribution.nlp import models as nlp_models

    found = list(inputs.read_paths(paths))
    failures = [s.error for s in found if s.error]
    for message in failures:
        click.echo(f"error: {message}", err=True)
    good = [s for s in found if s.article is not None]
    app = create_app()
    if queued:
        _ingest_queued(app, [(s.where, s.article) for s in good if s.article is not None],
                       failures, job_size, wait)
        return
    analyser = ingesting.budgeted_analyser(app.config["ANALYSIS_TIME_BUDGET"])
    if analysis_cache is not None:
        from attribution.nlp.cache import AnalysisCache

        analyser = AnalysisCache(analysis_cache).wrap(analyser)
    created = existing = quotes = partial = 0
    interrupted = False
    with app.app_context():
        session = _store_session()
        bar = tqdm(total=len(good), unit="article", file=sys.stderr, disable=None,
                   dynamic_ncols=True)
        articles = (s.article for s in good if s.article is not None)
        if parse_ahead is None:
            parse_ahead = ingesting.parse_ahead_pays(len(good), batch_size)
        results = ingesting.ingest_many(session, articles, analyser, batch_size=batch_size,
                                        parse_ahead=parse_ahead)
        try:
            # The models load only when a batch holds an article not stored yet.
            for item, result in zip(good, results, strict=True):
                if result.error is not None or result.article is None:
                    failures.append(f"{item.where}: {result.error}")
                    bar.write(f"error: {failures[-1]}", file=sys.stderr)
                elif result.created:
                    created += 1
                    quotes += result.quotes
                    if result.article.analysis_status != "complete":
                        partial += 1
                        bar.write(f"note: {item.where}: stored, but "
                                  f"{result.article.analysis_note}", file=sys.stderr)
                else:
                    existing += 1
                if verbose and result.article is not None:
                    state = "stored" if result.created else "already stored"
                    bar.write(f"{item.where}: {state} as article {result.article.id}",
                              file=sys.stderr)
                bar.set_postfix(quotes=quotes, failed=len(failures), refresh=False)
                bar.update(1)
        except nlp_models.ModelsMissing as exc:
            raise click.ClickException(str(exc)) from exc
        except ingesting.ParserLost as exc:
            raise click.ClickException(f"{exc}; run the same command again to resume") from exc
        except KeyboardInterrupt:
            interrupted = True
        finally:
            bar.close()
    said_partial = f", {partial} of them partly analysed" if partial else ""
    click.echo(f"{created} stored ({quotes} quotes{said_partial}), {existing} already stored, "
               f"{len(failures)} failed")
    if interrupted:
        click.echo("interrupted: what was stored stays; run the same command again to resume",
                   err=True)
        sys.exit(130)
    if failures:
        raise click.ClickException(f"{len(failures)} input(s) not ingested; the rest stored")


def _ingest_queued(app: Flask, items: list[tuple[str, ArticleInput]], failures: list[str],
                   job_size: int, wait: bool) -> None:
    """``ingest --queue``: hand ``items`` to the workers as jobs; with ``wait``, follow them
    to their end and report as an inline ingest does."""
    from attribution import tasks
    from attribution.jobs import QueueUnavailable
    from attribution.nlp.models import batched

    broker = app.config["CELERY_BROKER_URL"]
    if not broker:
        raise click.ClickException("--queue needs a broker: set CELERY_BROKER_URL "
                                   "(e.g. redis://127.0.0.1:6379/0) and run `attribution worker`")
    job_ids: list[str] = []
    with app.app_context():
        session = _store_session()
        for chunk in batched(items, job_size):
            try:
                job = tasks.hand_over(session, chunk, broker, app.config["CELERY_QUEUE"])
            except QueueUnavailable as exc:
                raise click.ClickException(
                    f"the queue at {_redact(broker)} cannot be reached ({exc}); "
                    f"{len(job_ids)} job(s) were queued before") from exc
            job_ids.append(job.public_id)
            click.echo(f"queued job {job.public_id} ({len(chunk)} articles)")
        click.echo(f"{len(items)} articles queued in {len(job_ids)} job(s)")
        if wait:
            _follow_jobs(session, job_ids, len(items), failures)
    if failures:
        raise click.ClickException(f"{len(failures)} input(s) not ingested; the rest stored"
                                   if wait else f"{len(failures)} input(s) not queued")


#: Seconds between two looks at the jobs a command follows: a job is seconds of parsing per
#: article, and a look is one small query.
POLL_SECONDS = 1.0


def _follow_jobs(session: Session, job_ids: list[str], total: int, failures: list[str]) -> None:
    """Show the jobs' progress until every one has ended, then what became of the articles."""
    import time

    from tqdm import tqdm

    from attribution import queries

    bar = tqdm(total=total, unit="article", file=sys.stderr, disable=None, dynamic_ncols=True)
    try:
        while True:
            session.rollback()  # a fresh read of the rows each time
            found = queries.get_jobs(session, job_ids)
            processed = sum(len(job.results) for job in found)
            bar.update(processed - bar.n)
            bar.set_postfix(quotes=sum(job.quotes for job in found),
                            failed=sum(job.failed for job in found), refresh=False)
            if all(job.status in ("done", "failed") for job in found):
                break
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        bar.close()
        click.echo("stopped following: the jobs go on (GET /api/jobs/ID says how they stand)",
                   err=True)
        sys.exit(130)
    bar.close()
    for job in found:
        for entry in job.results:
            if entry["outcome"] == "failed":
                failures.append(f"{entry['where']}: {entry['error']}")
                click.echo(f"error: {failures[-1]}", err=True)
        if job.status == "failed":
            failures.append(f"job {job.public_id} failed: {job.error}")
            click.echo(f"error: {failures[-1]}", err=True)
    click.echo(f"{sum(j.stored for j in found)} stored ({sum(j.quotes for j in found)} quotes), "
               f"{sum(j.already_stored for j in found)} already stored, {len(failures)} failed")


@main.command()
@click.option("--concurrency", "-c", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes: each loads the language models once (~1 GB) and parses "
                   "on one core.")
@click.option("--pool", type=click.Choice(["prefork", "solo"]), default="prefork",
              show_default=True,
              help="prefork: jobs run in child processes, and a child that dies has its job "
                   "delivered again; solo: in this process.")
@click.option("--loglevel", default="info", show_default=True)
def worker(concurrency: int, pool: str, loglevel: str) -> None:
    """Run a worker: take jobs off the queue (CELERY_BROKER_URL, CELERY_QUEUE) and store their
    articles in the database (DATABASE_URL). Run more, here or on other machines, to ingest
    faster; each takes one job at a time."""
    import os

    from attribution import create_app, tasks
    from attribution.nlp import models as nlp_models
    from attribution.store import db as store_db

    config = create_app().config
    broker = config["CELERY_BROKER_URL"]
    if not broker:
        raise click.ClickException("set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) to "
                                   "run a worker")
    try:
        nlp_models.check_models()
    except nlp_models.ModelsMissing as exc:
        raise click.ClickException(str(exc)) from exc
    engine = store_db.make_engine(config["DATABASE_URL"])
    try:
        _check_schema(engine)
    finally:
        engine.dispose()  # the workers are forked: none may inherit this connection
    celery = tasks.celery_app(broker, config["CELERY_QUEUE"])
    celery.worker_main([
        "worker", f"--concurrency={concurrency}", f"--pool={pool}", f"--loglevel={loglevel}",
        # Workers need not know of each other: they share only the queue and the database.
        "--without-gossip", "--without-mingle",
        f"--hostname=attribution-{os.getpid()}@%h",
    ])


@main.group("jobs")
def jobs_group() -> None:
    """The jobs that hand articles to the workers."""


@jobs_group.command("show")
@click.argument("job_ids", nargs=-1, required=True)
def jobs_show(job_ids: tuple[str, ...]) -> None:
    """Print the jobs JOB_IDS as GET /api/jobs/{id} does, one JSON document a line."""
    from attribution import create_app, queries
    from attribution.api.schemas import JobOut, dump

    with create_app().app_context():
        found = queries.get_jobs(_store_session(), list(job_ids))
        for job in found:
            click.echo(json.dumps(dump(JobOut, job), ensure_ascii=False))
    if len(found) < len(set(job_ids)):
        raise click.ClickException("some of these jobs are not in the database")


@jobs_group.command("requeue")
@click.argument("job_ids", nargs=-1, required=True)
def jobs_requeue(job_ids: tuple[str, ...]) -> None:
    """Send the jobs JOB_IDS to the workers again: a job the broker lost (still queued long
    after it was submitted) or one that failed as a whole. A job already done is left alone;
    running a job twice stores nothing twice."""
    from attribution import create_app, jobs, queries, tasks

    app = create_app()
    broker = app.config["CELERY_BROKER_URL"]
    if not broker:
        raise click.ClickException("set CELERY_BROKER_URL to the workers' broker")
    with app.app_context():
        session = _store_session()
        for job in queries.get_jobs(session, list(job_ids)):
            if not jobs.reopen(session, job):
                click.echo(f"job {job.public_id} is done: left alone")
                continue
            try:
                tasks.enqueue(session, job, broker, app.config["CELERY_QUEUE"])
            except jobs.QueueUnavailable as exc:
                raise click.ClickException(f"the queue cannot be reached: {exc}") from exc
            click.echo(f"job {job.public_id} queued again")


@main.command()
@click.argument("text")
@click.option("--limit", default=5, show_default=True, help="Statements to show, best first.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the JSON document POST /api/lookup returns for TEXT and --limit.")
def lookup(text: str, limit: int, as_json: bool) -> None:
    """Say where the quote TEXT (full, partial or slightly altered) came from: for each stored
    statement it belongs to, who said it first, where and when it first appeared, and every
    relay. Exits 1 when nothing stored matches."""
    from flask import Response
    from pydantic import ValidationError

    from attribution import create_app, inputs, queries
    from attribution.api.schemas import LookupIn, LookupOut

    try:
        # The API's own limits (length, --limit range) hold here too.
        request = LookupIn(text=text, limit=limit)
    except ValidationError as exc:
        raise click.UsageError(inputs.describe(exc)) from exc
    app = create_app()
    with app.app_context():
        hits = queries.lookup_quote(_store_session(), request.text, limit=request.limit)
        found = LookupOut.model_validate({"results": hits})
        if as_json:
            # Serialised as apiflask serialises a response and encoded by the app's own JSON
            # provider: the very bytes POST /api/lookup sends.
            body = app.json.response(found.model_dump(mode="json", by_alias=True))
            click.echo(cast(Response, body).get_data(as_text=True), nl=False)
    if not as_json:
        _print_lookup(found, text)
    if not found.results:
        sys.exit(1)


@main.command()
@click.option("--out", type=click.File("w", encoding="utf-8"), default="-",
              help="Where the JSON lines go (default: stdout).")
def export(out: IO[str]) -> None:
    """Write every stored article as JSON lines that `attribution ingest` reads back: its text,
    outlet, date, URL, title, author and feed id, oldest stored first.

    To rebuild a store under a newer version's rules (who is who, what is one statement), or
    to move from the embedded SQLite to PostgreSQL, export it and ingest the file into a new
    database; with --analysis-cache, nothing parsed before is parsed again."""
    from attribution import create_app, queries

    app = create_app()
    with app.app_context():
        for line in queries.exported_articles(_store_session()):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _print_lookup(found: LookupOut, text: str) -> None:
    """A lookup's results for people: each statement, its origin, then one relay a line."""
    if not found.results:
        click.echo(f"No stored statement matches “{text}”.")
        return
    for rank, result in enumerate(found.results, 1):
        statement = result.statement
        speaker = statement.speaker.name if statement.speaker else "unknown"
        if statement.speaker and statement.speaker.article_id is not None:
            # A pronoun or description the article never tied to a name ("he", "officials").
            speaker += (f" (so article {statement.speaker.article_id} calls them; "
                        "not identified by name)")
        # The statement's text carries its own quotation marks when it was quoted.
        click.echo(f"{rank}. {statement.text}  ({result.relation}, score {result.score:.2f})")
        click.echo(f"   said first by: {speaker}")
        click.echo(f"   first appeared: {_where(statement.first_appearance)}")
        click.echo(f"   relays ({len(result.relays)}):")
        for relay in result.relays:
            outlet = relay.outlet.name if relay.outlet else "unnamed outlet"
            credit = "credited" if relay.credited else "uncredited"
            click.echo(f"     {outlet} · {_when(relay.article)} · {relay.kind} · {relay.text} · "
                       f"{credit}")
        if rank < len(found.results):
            click.echo()


def _when(article: ArticleRef | None) -> str:
    if article is None or article.published_at is None:
        return "date unknown"
    at = article.published_at
    # A date given without a time is stored as midnight: show the date alone.
    return f"{at:%Y-%m-%d}" if at.time() == time() else f"{at:%Y-%m-%d %H:%M} UTC"


def _where(article: ArticleRef | None) -> str:
    if article is None:
        return "unknown"
    outlet = article.outlet.name if article.outlet else "an unnamed outlet"
    title = f" “{article.title}”" if article.title else ""
    return f"{outlet}{title} (article {article.id}), {_when(article)}"


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True,
              help="Worker processes (each loads the language models once, ~1 GB).")
@click.option("--threads", default=4, show_default=True,
              help="Threads per worker: reads go on while a thread analyses an article.")
@click.option("--timeout", default=300, show_default=True,
              help="Seconds before a stuck worker is restarted (an article's analysis stops at "
                   "its own budget, 120 s, well before).")
@click.option("--dev", is_flag=True,
              help="Flask's development server instead (one process; not for a network).")
@click.option("--debug", is_flag=True, help="With --dev: reload on code changes, tracebacks.")
def serve(host: str, port: int, workers: int, threads: int, timeout: int, dev: bool,
          debug: bool) -> None:
    """Serve the JSON API (/api, OpenAPI at /api/openapi.json) and the pages (/).

    A production WSGI server (gunicorn) by default. Reading is open to all; writing needs an
    API key (see `attribution keys create`).
    """
    from attribution import create_app

    app = create_app()
    with app.app_context():
        from attribution import keys
        from attribution.store.db import get_engine, get_session

        if not any(k.revoked_at is None for k in keys.list_keys(_store_session())):
            click.echo("No API key yet: reads are open, writes need one. Create one with\n"
                       "  attribution keys create NAME\n"
                       "and send it as 'Authorization: Bearer KEY'.", err=True)
        get_session().close()
        get_engine().dispose()  # workers are forked: none may inherit this connection
    if dev or debug:
        app.run(host=host, port=port, debug=debug, threaded=True)
        return
    from attribution.server import serve_wsgi

    serve_wsgi(app, host=host, port=port, workers=workers, threads=threads, timeout=timeout)


# --- API keys ----------------------------------------------------------------------------------


@main.group("keys")
def keys_group() -> None:
    """API keys: writing through the API (POST /api/articles) needs one."""


@keys_group.command("create")
@click.argument("name")
def keys_create(name: str) -> None:
    """Create a key for NAME (who or what uses it). The key is the last word printed: it is
    shown once and stored only as a hash."""
    from attribution import create_app, keys

    with create_app().app_context():
        try:
            row, key = keys.create(_store_session(), name)
        except keys.KeyProblem as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"created key {row.name!r}; send it as 'Authorization: Bearer KEY'. "
               f"It is not shown again: {key}")


@keys_group.command("revoke")
@click.argument("name")
def keys_revoke(name: str) -> None:
    """Revoke the key named NAME: it stops working at once."""
    from attribution import create_app, keys

    with create_app().app_context():
        try:
            row = keys.revoke(_store_session(), name)
        except keys.KeyProblem as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"revoked key {row.name!r} ({row.prefix}…)")


@keys_group.command("list")
def keys_list() -> None:
    """Every key: name, first characters, created, revoked."""
    from attribution import create_app, keys

    with create_app().app_context():
        rows = keys.list_keys(_store_session())
        if not rows:
            click.echo("no keys (create one with `attribution keys create NAME`)")
        for row in rows:
            state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "live"
            click.echo(f"{row.name}\t{row.prefix}…\tcreated {row.created_at:%Y-%m-%d %H:%M}"
                       f"\t{state}")


if __name__ == "__main__":  # pragma: no cover
    main()
