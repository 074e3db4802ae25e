"""Jobs: articles handed to the workers, and what became of each one.

The write use case of the queue. Next to :mod:`attribution.ingest`, which stores the articles
(one transaction per article, committed there), this is the one other module that commits
here: its own writes to a ``job`` row (submitting it, starting it, each article's outcome, its
end). It knows nothing of Celery; :mod:`attribution.tasks` enqueues job ids and runs them.

A job can be run more than once (the broker redelivers the job of a worker that died): a run
skips the articles a previous run recorded, and :func:`attribution.ingest.ingest_many` skips
articles already stored, so nothing is stored twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from attribution import ingest
from attribution.inputs import ArticleInput, describe
from attribution.nlp.cache import Analyser
from attribution.store.tables import Job, utcnow


class QueueUnavailable(RuntimeError):
    """The broker could not be reached: the job was recorded as failed, and not enqueued."""


#: Outcomes of one article of a job, as :attr:`Job.results` records them.
STORED, ALREADY_STORED, FAILED = "stored", "already stored", "failed"


def submit(session: Session, items: Sequence[tuple[str, ArticleInput]]) -> Job:
    """Store a queued job for ``items`` (where each article came from, the article) and
    commit, so that the job exists before any worker can be told of it."""
    job = Job(
        public_id=uuid.uuid4().hex,
        status="queued",
        submitted=len(items),
        payload=[
            {"where": where, "article": article.model_dump(mode="json", exclude_none=True)}
            for where, article in items
        ],
        results=[],
    )
    session.add(job)
    session.commit()
    return job


def find(session: Session, public_id: str) -> Job | None:
    """The job with this public id, if any."""
    return session.scalars(select(Job).where(Job.public_id == public_id)).first()


def fail(session: Session, job: Job, error: str) -> None:
    """End ``job`` as failed as a whole, saying why. Its articles stay on the row, so that it
    can be sent again once the cause is mended."""
    job.status = "failed"
    job.error = error[:2000]
    job.finished_at = utcnow()
    session.commit()


def reopen(session: Session, job: Job) -> bool:
    """Make ``job`` ready to be sent to the workers again, if it still holds articles to
    ingest: one queued or running whose message the broker lost, or one that failed as a whole
    (its articles are kept). Returns False for a job that is done."""
    if job.status == "done" or job.payload is None:
        return False
    if job.status == "failed":
        job.status, job.error, job.finished_at = "queued", None, None
        session.commit()
    return True


def run(
    session: Session, public_id: str, analyser: Analyser | None = None, batch_size: int = 16
) -> Job | None:
    """Ingest the articles of the job ``public_id`` and record what became of each.

    Each article is stored in its own transaction; one that fails (an input this version
    refuses, text the engine chokes on, a value the database refuses) is recorded with its
    position and reason, and the others go on. A job already ended is left as it is. Errors
    that stop a whole batch (:data:`attribution.ingest.FATAL`: the models missing) end the job
    as ``failed``, except an interruption (the worker shutting down), which leaves it
    ``running`` for the broker to deliver again.
    """
    job = find(session, public_id)
    if job is None or job.status in ("done", "failed"):
        return job
    job.status = "running"
    job.started_at = job.started_at or utcnow()
    session.commit()

    recorded = {entry["position"] for entry in job.results}
    pending: list[tuple[int, str, ArticleInput]] = []
    for position, item in enumerate(job.payload or []):
        if position in recorded:
            continue
        try:
            pending.append((position, item["where"], ArticleInput.model_validate(item["article"])))
        except ValidationError as exc:
            # Written by another version, or by hand: this article fails, not the job.
            _record(job, position, item["where"], FAILED, error=f"invalid: {describe(exc)}")
            session.commit()

    try:
        results = ingest.ingest_many(
            session, (article for _, _, article in pending), analyser, batch_size=batch_size
        )
        for (position, where, _), result in zip(pending, results, strict=True):
            if result.error is not None or result.article is None:
                _record(job, position, where, FAILED, error=result.error)
            else:
                _record(job, position, where, STORED if result.created else ALREADY_STORED,
                        article_id=result.article.id, quotes=result.quotes)
            session.commit()
    except (KeyboardInterrupt, SystemExit):
        session.rollback()
        raise
    except Exception as exc:
        session.rollback()
        fail(session, job, f"{type(exc).__name__}: {exc}")
        raise

    job.results = sorted(job.results, key=lambda entry: entry["position"])
    job.status = "done"
    job.finished_at = utcnow()
    job.payload = None  # stored now, or failed with its reason: the inputs are not kept twice
    session.commit()
    return job


def _record(job: Job, position: int, where: str, outcome: str, *, article_id: int | None = None,
            quotes: int = 0, error: str | None = None) -> None:
    entry: dict[str, Any] = {"position": position, "where": where, "outcome": outcome,
                             "article_id": article_id, "quotes": quotes, "error": error}
    # A new list: the JSON column notices assignment, not changes inside it.
    job.results = [*job.results, entry]
    if outcome == STORED:
        job.stored += 1
        job.quotes += quotes
    elif outcome == ALREADY_STORED:
        job.already_stored += 1
    else:
        job.failed += 1
