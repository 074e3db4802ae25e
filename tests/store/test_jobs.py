"""A job of the workers, run in this process with a stand-in engine: each article's outcome is
recorded in order, one that fails fails alone, a job delivered again resumes without storing
anything twice, and a job that ended is left alone. (The real worker, broker and engine:
tests/api/test_queued_ingest.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from attribution import ingest, jobs
from attribution.inputs import ArticleInput
from attribution.nlp import models
from attribution.nlp.types import Analysis, Attribution, Span
from attribution.store.db import get_session
from attribution.store.tables import Article, Job


def quoting_engine(poison: str = "\0") -> ingest.Analyser:
    """Stands in for Stanza: one direct quote per article (its first “…”); chokes on
    ``poison``."""

    def analyse(texts: list[str]) -> Iterator[Analysis]:
        for text in texts:
            if poison in text:
                raise ValueError("the engine choked")
            start = text.index("“")
            end = text.index("”", start) + 1
            quote = Attribution(start, end, text[start:end], "direct", None, None)
            yield Analysis([quote], [], [Span.of(text, 0, len(text))])

    return analyse


def articles(n: int) -> list[tuple[str, ArticleInput]]:
    return [
        (f"feed.jsonl:{i + 1}",
         ArticleInput(text=f"Officials said “plan number {i} will go ahead next spring”.",
                      outlet="Wire", id=str(i)))
        for i in range(n)
    ]


def test_a_job_records_each_article_and_one_that_fails_fails_alone(app: Flask) -> None:
    with app.app_context():
        session = get_session()
        job = jobs.submit(session, articles(3))
        assert job.status == "queued" and job.submitted == 3 and len(job.public_id) == 32

        jobs.run(session, job.public_id, quoting_engine(poison="number 1 "))

        session.expire_all()
        job = session.get_one(Job, job.id)
        assert job.status == "done" and job.finished_at is not None
        assert (job.stored, job.already_stored, job.failed, job.quotes) == (2, 0, 1, 2)
        assert [e["outcome"] for e in job.results] == ["stored", "failed", "stored"]
        failed = job.results[1]
        assert failed["position"] == 1 and failed["where"] == "feed.jsonl:2"
        assert "the engine choked" in failed["error"] and failed["article_id"] is None
        stored = set(session.scalars(select(Article.external_id)))
        assert stored == {"0", "2"}
        # The inputs are not kept once the job has ended.
        assert job.payload is None


def test_a_job_delivered_again_resumes_and_stores_nothing_twice(app: Flask) -> None:
    with app.app_context():
        session = get_session()
        job = jobs.submit(session, articles(4))
        # A first run dies after two articles: both stored, the first one's outcome recorded.
        first_two = [article for _, article in articles(2)]
        list(ingest.ingest_many(session, first_two, quoting_engine()))
        jobs._record(job, 0, "feed.jsonl:1", jobs.STORED, article_id=1, quotes=1)
        job.status = "running"
        session.commit()

        jobs.run(session, job.public_id, quoting_engine())

        session.expire_all()
        job = session.get_one(Job, job.id)
        assert job.status == "done"
        assert [e["position"] for e in job.results] == [0, 1, 2, 3]
        assert [e["outcome"] for e in job.results] == [
            "stored", "already stored", "stored", "stored"
        ]
        assert session.scalar(select(func.count()).select_from(Article)) == 4


def test_a_job_that_ended_is_not_run_again(app: Flask) -> None:
    with app.app_context():
        session = get_session()
        job = jobs.submit(session, articles(1))
        jobs.run(session, job.public_id, quoting_engine())
        finished_at = job.finished_at
        jobs.run(session, job.public_id, quoting_engine(poison="Officials"))
        session.expire_all()
        job = session.get_one(Job, job.id)
        assert job.finished_at == finished_at and job.stored == 1 and job.failed == 0


def test_a_job_is_read_through_the_api(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        session = get_session()
        job = jobs.submit(session, articles(2))
        jobs.run(session, job.public_id, quoting_engine(poison="number 0 "))
        job_id = job.public_id
    response = client.get(f"/api/jobs/{job_id}")
    assert response.status_code == 200
    body = response.json
    assert body["id"] == job_id and body["status"] == "done"
    assert body["counts"] == {"submitted": 2, "stored": 1, "already_stored": 0, "failed": 1,
                              "quotes": 1}
    failed, stored = body["articles"]
    assert failed["outcome"] == "failed" and failed["article"] is None
    assert "the engine choked" in failed["error"]
    assert stored["article"] == f"/api/articles/{stored['article_id']}"
    assert client.get(stored["article"]).status_code == 200


def test_an_unknown_job_is_a_404_problem(client: FlaskClient) -> None:
    for job_id in ("0" * 32, "not-a-job", "x" * 500):
        response = client.get(f"/api/jobs/{job_id}")
        assert response.status_code == 404
        assert response.content_type == "application/problem+json"
        assert "no job" in response.json["detail"]


def test_a_job_stopped_by_missing_models_fails_and_keeps_its_articles_to_send_again(
    app: Flask,
) -> None:
    def no_models(texts: list[str]) -> Iterator[Analysis]:
        raise models.ModelsMissing("no Stanza models in /nowhere")

    with app.app_context():
        session = get_session()
        job = jobs.submit(session, articles(2))
        with pytest.raises(models.ModelsMissing):
            jobs.run(session, job.public_id, no_models)
        session.expire_all()
        job = session.get_one(Job, job.id)
        assert job.status == "failed" and "/nowhere" in (job.error or "")
        assert job.payload is not None and len(job.payload) == 2

        assert jobs.reopen(session, job) and job.status == "queued" and job.error is None
        jobs.run(session, job.public_id, quoting_engine())
        assert job.status == "done" and job.stored == 2
        assert not jobs.reopen(session, job)  # done: nothing left to send
