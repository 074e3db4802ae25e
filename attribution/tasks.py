"""The queue: a Celery app built from the configuration, and the one task, which runs a job.

With ``CELERY_BROKER_URL`` set, the API and ``attribution ingest --queue`` store a job
(:mod:`attribution.jobs`) and enqueue its id; ``attribution worker`` processes take ids off
the queue and ingest the job's articles into the store named by ``DATABASE_URL``. Without a
broker nothing here is used: articles are ingested inline, as they always were.

Only the job's id travels through the broker; the articles wait on the job's row, so the
broker holds nothing that cannot be rebuilt, and no result backend is needed: what a client
polls is the row. A job is acknowledged only once it has run (``acks_late``) and a worker
takes one job at a time (prefetch 1), so the job of a worker that dies is delivered again and
no job waits behind a busy worker while another is idle; running a job twice stores nothing
twice (see :mod:`attribution.jobs`).

Each worker process loads the language models once, when it starts, and parses with one
torch thread: a worker is one core, and a newsroom scales by running more of them, on more
machines, against one broker and one database.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import worker_process_init
from flask import Flask
from kombu.exceptions import OperationalError
from sqlalchemy.orm import Session

from attribution import jobs
from attribution.inputs import ArticleInput
from attribution.store.tables import Job

log = logging.getLogger(__name__)

TASK_NAME = "attribution.run_job"

#: torch threads per worker process. One: workers are scaled by processes (one per core),
#: and intra-op threads in several workers on the same cores only contend with each other.
TORCH_THREADS = 1

#: Seconds a new pool process may take to load the models (about 10 s alone; a busy machine
#: stretches it) before the worker gives it up for dead.
MODELS_LOAD_SECONDS = 300.0

#: Most articles in one job. A job is one worker's work at a time and is delivered again
#: whole (less what it recorded) when its worker dies; small jobs spread a batch over all
#: workers and keep a redelivery cheap.
MAX_JOB_ARTICLES = 25

#: Seconds a job may stay unacknowledged before Redis hands it to another worker (the job of a
#: worker killed outright; a pool process that dies has its job handed on at once). It must
#: outlast the longest job, or a job still running is run twice at once (harmless to the
#: store, but it costs a worker): the largest job at the parse budget of 120 s an article is
#: 50 minutes.
VISIBILITY_TIMEOUT = 3600


@functools.cache
def celery_app(broker_url: str, queue: str) -> Celery:
    """The Celery app for ``broker_url``, sending to and consuming from ``queue``."""
    app = Celery("attribution", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_default_queue=queue,
        # Acknowledge a job once it has run, and also when the process running it dies (OOM,
        # a signal): the broker then delivers it again, to this worker or another.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # One job at a time per process: a job is minutes of parsing, and one prefetched
        # behind it would wait while another worker idles.
        worker_prefetch_multiplier=1,
        # The job's row is the result; nothing is kept in the broker.
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
        # A pool process loads the models before it says it is up. Celery's 4 s default killed
        # every replacement of a process that died, one after another, and its job waited.
        worker_proc_alive_timeout=MODELS_LOAD_SECONDS,
    )
    app.task(name=TASK_NAME)(run_job)
    return app


def hand_over(
    session: Session, items: Sequence[tuple[str, ArticleInput]], broker_url: str, queue: str
) -> Job:
    """Store a job for ``items`` (where each came from, the article) and enqueue it.

    Raises :class:`attribution.jobs.QueueUnavailable` when the broker cannot be reached; the
    job is then recorded as failed, with its articles kept.
    """
    if len(items) > MAX_JOB_ARTICLES:
        raise ValueError(f"a job holds at most {MAX_JOB_ARTICLES} articles")
    job = jobs.submit(session, items)
    enqueue(session, job, broker_url, queue)
    return job


def enqueue(session: Session, job: Job, broker_url: str, queue: str) -> None:
    """Tell the workers of ``job`` (again, for a job whose message was lost)."""
    try:
        celery_app(broker_url, queue).send_task(TASK_NAME, args=[job.public_id])
    except OperationalError as exc:
        jobs.fail(session, job, f"the queue could not be reached: {exc}")
        raise jobs.QueueUnavailable(str(exc)) from exc


@functools.cache
def _flask_app() -> Flask:
    """This worker process's app (configuration, database engine), built on its first job:
    after the fork, so that no process shares another's database connections."""
    from attribution import create_app

    return create_app()


def run_job(job_id: str) -> str:
    """The task: run the job ``job_id`` (its public id) and say how it ended."""
    from attribution import ingest
    from attribution.store.db import get_session

    app = _flask_app()
    with app.app_context():
        analyser = ingest.budgeted_analyser(app.config["ANALYSIS_TIME_BUDGET"])
        cache = os.environ.get("ATTRIBUTION_ANALYSIS_CACHE")
        if cache:
            # As for `attribution ingest`: a store rebuilt through the workers parses nothing
            # twice (entries are written atomically, so workers can share the directory).
            from attribution.nlp.cache import AnalysisCache

            analyser = AnalysisCache(Path(cache)).wrap(analyser)
        job = jobs.run(get_session(), job_id, analyser)
        if job is None:
            # Enqueued against another database (a worker pointed at the wrong store).
            log.warning("job %s is not in this worker's database", job_id)
            return "unknown"
        log.info("job %s %s: %d stored, %d already stored, %d failed", job_id, job.status,
                 job.stored, job.already_stored, job.failed)
        return job.status


@worker_process_init.connect
def load_models(**_: Any) -> None:
    """Load the language models as a worker process starts (once per process; never per
    job), by analysing a sentence, which loads Stanza, the span tagger and the lexicon."""
    import time

    import torch

    from attribution.nlp import analyse_many, models

    torch.set_num_threads(TORCH_THREADS)
    began = time.monotonic()
    try:
        list(analyse_many(["Officials said the plan would go ahead."]))
    except models.ModelsMissing as exc:
        # Jobs will fail with this message on their row, where the submitter sees it.
        log.error("cannot analyse articles: %s", exc)
        return
    log.info("%s: language models loaded in %.1f s", MODELS_LOADED, time.monotonic() - began)


#: What a worker process logs once its models are loaded (bench/queue_throughput.py waits
#: for it before it starts the clock).
MODELS_LOADED = "ready to parse"
