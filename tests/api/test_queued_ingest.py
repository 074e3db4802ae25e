"""Scaling out: with a broker configured, articles are ingested by a real worker process
(``attribution worker``: Celery on Redis, the store on PostgreSQL, the real Stanza models).

The API answers 202 with a job to poll, the worker stores the article, and the article and its
quotes are read back through the API; a batch with a broken article stores the others and the
job names the one that failed; ``attribution ingest --queue --wait`` does the same from files.
Each run uses a queue of its own, so runs sharing the Redis server never take each other's jobs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from attribution import create_app, keys, tasks
from attribution.cli import main
from attribution.inputs import ArticleInput
from attribution.store import db
from attribution.store.db import get_engine, get_session
from attribution.store.tables import Job

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
#: The worker loads the models (~10 s alone, longer on a busy machine), then parses seeds.
JOB_TIMEOUT_SECONDS = 180

pytestmark = [pytest.mark.stanza, pytest.mark.postgres]


def seeds() -> list[dict[str, Any]]:
    """The seed articles as the API takes them."""
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    return [
        {"id": entry["file"].split("-")[0], "text": (SAMPLES / entry["file"]).read_text("utf-8"),
         "outlet": entry["outlet"], "published_at": entry["published_at"]}
        for entry in manifest
    ]


def redis_url() -> str:
    """The Redis server for the test, or a skip (a failure in CI, which starts one)."""
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI: Redis at {url} is not answering ({exc})")
        pytest.skip(f"Redis at {url} is not answering")
    return url


@pytest.fixture(scope="module")
def store_url() -> Iterator[str]:
    """A PostgreSQL database migrated as users migrate theirs, for the module."""
    base = os.environ.get("TEST_POSTGRES_URL")
    if not base:
        pytest.skip("TEST_POSTGRES_URL is not set")
    name = f"attribution_queue_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        db.upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def queue_env(store_url: str, stanza: None) -> dict[str, str]:
    """What the worker, the API and the CLI share: the store, the broker, a queue of our own."""
    return {"DATABASE_URL": store_url, "CELERY_BROKER_URL": redis_url(),
            "CELERY_QUEUE": f"attribution-test-{uuid.uuid4().hex[:12]}"}


@pytest.fixture(scope="module")
def worker(queue_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[subprocess.Popen[bytes]]:
    """A real worker process, as an operator starts one, stopped when the module ends."""
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {**os.environ, **queue_env, "OMP_NUM_THREADS": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "attribution.cli", "worker", "--loglevel", "info"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown: the job in hand ends first
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the worker and its pool, started here
            process.wait()
        import redis

        queue = queue_env["CELERY_QUEUE"]  # the queue and kombu's records of it
        redis.Redis.from_url(queue_env["CELERY_BROKER_URL"]).delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        if process.returncode not in (0, -signal.SIGTERM):
            print(log.read_text(errors="replace")[-5000:])


@pytest.fixture(scope="module")
def queued_app(queue_env: dict[str, str]) -> Iterator[Flask]:
    app = create_app({"TESTING": True, **queue_env})
    yield app
    with app.app_context():
        get_engine().dispose()


@pytest.fixture
def queued_writer(queued_app: Flask) -> FlaskClient:
    with queued_app.app_context():
        _, key = keys.create(get_session(), f"queue-{uuid.uuid4().hex[:8]}")
    client = queued_app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def finished(client: FlaskClient, location: str, worker: subprocess.Popen[bytes]
             ) -> dict[str, Any]:
    """The job at ``location`` once it has ended, polled as a client would."""
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    while True:
        response = client.get(location)
        assert response.status_code == 200, response.json
        if response.json["status"] in ("done", "failed"):
            return dict(response.json)
        assert worker.poll() is None, "the worker died"
        assert time.monotonic() < deadline, f"job still {response.json['status']}"
        time.sleep(0.5)


def test_posted_article_is_stored_by_a_worker_and_read_back(
    queued_writer: FlaskClient, queued_app: Flask, worker: subprocess.Popen[bytes]
) -> None:
    article = seeds()[0]
    posted = queued_writer.post("/api/articles", json=article)
    assert posted.status_code == 202, posted.json
    job_id = posted.json["id"]
    assert posted.headers["Location"] == f"/api/jobs/{job_id}"
    assert posted.json["status"] == "queued" and posted.json["counts"]["submitted"] == 1

    job = finished(queued_writer, posted.headers["Location"], worker)
    assert job["status"] == "done", job
    assert job["counts"]["stored"] == 1 and job["counts"]["failed"] == 0
    [outcome] = job["articles"]
    assert outcome["outcome"] == "stored" and outcome["quotes"] == job["counts"]["quotes"] > 0

    stored = queued_writer.get(outcome["article"])
    assert stored.status_code == 200
    assert stored.json["text"] == article["text"]
    assert stored.json["outlet"]["name"] == article["outlet"]
    assert len(stored.json["quotes"]) == outcome["quotes"]
    for quote in stored.json["quotes"]:
        assert article["text"][quote["start"]:quote["end"]] == quote["text"]
    found = queued_writer.post("/api/lookup", json={"text": "most serious shortcoming"})
    assert found.status_code == 200 and found.json["results"]

    # Sent again: a job that finds it stored, and stores nothing twice.
    again = queued_writer.post("/api/articles", json=article)
    assert again.status_code == 202
    repeat = finished(queued_writer, again.headers["Location"], worker)
    assert repeat["counts"]["already_stored"] == 1
    assert repeat["articles"][0]["article_id"] == outcome["article_id"]
    # The job no longer holds the article's text.
    with queued_app.app_context():
        payloads = get_session().scalars(select(Job.payload).where(Job.status == "done"))
        assert all(payload is None for payload in payloads)


def test_a_broken_article_fails_alone_and_the_job_names_it(
    queued_writer: FlaskClient, queued_app: Flask, queue_env: dict[str, str],
    worker: subprocess.Popen[bytes]
) -> None:
    good = [ArticleInput.model_validate(seed) for seed in seeds()[1:3]]
    # What the submitter's checks refuse, on a job's row as another version could have put it:
    # the worker checks again, and only this article fails.
    broken = ArticleInput.model_construct(text="   ", id="broken")
    items = [("batch.jsonl:1", good[0]), ("batch.jsonl:2", broken), ("batch.jsonl:3", good[1])]
    with queued_app.app_context():
        job = tasks.hand_over(get_session(), items, queue_env["CELERY_BROKER_URL"],
                              queue_env["CELERY_QUEUE"])

    result = finished(queued_writer, f"/api/jobs/{job.public_id}", worker)
    assert result["status"] == "done", result
    assert result["counts"] == {**result["counts"], "submitted": 3, "stored": 2, "failed": 1}
    first, failed, third = result["articles"]
    assert failed["position"] == 1 and failed["where"] == "batch.jsonl:2"
    assert failed["outcome"] == "failed" and "empty" in failed["error"]
    for outcome, article in ((first, good[0]), (third, good[1])):
        assert outcome["outcome"] == "stored"
        stored = queued_writer.get(outcome["article"]).json
        assert stored["text"] == article.text and stored["external_id"] == article.id


def test_ingest_queue_wait_reports_as_an_inline_ingest_does(
    queue_env: dict[str, str], worker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([
        json.dumps(seeds()[3]),
        json.dumps({"id": "x1", "text": "Officials said so.", "date": "someday"}),  # line 2
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["ingest", "--queue", "--wait", "--job-size", "1", str(batch)], env=queue_env
    )
    assert result.exit_code == 1, result.output
    assert "queued job " in result.output
    assert f"{batch}:2: " in result.output  # refused here, never queued
    assert "1 stored (" in result.output and "0 already stored, 1 failed" in result.output


def edition(seed: dict[str, Any], label: str) -> dict[str, Any]:
    """A seed as another edition: a line of its own, its own feed id; not stored yet."""
    return {**seed, "id": f"{seed['id']}-{label}", "text": f"{seed['text']}\n\nEdition {label}."}


def pool_children(worker: subprocess.Popen[bytes]) -> list[int]:
    """The worker's pool processes (Linux: the kernel's list of its children)."""
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    if not children.exists():
        pytest.skip("cannot list a process's children here")
    return [int(pid) for pid in children.read_text().split()]


def test_the_job_of_a_killed_worker_process_is_delivered_again_and_completed(
    queued_writer: FlaskClient, queued_app: Flask, queue_env: dict[str, str],
    worker: subprocess.Popen[bytes]
) -> None:
    items = [(f"editions.jsonl:{i + 1}", ArticleInput.model_validate(edition(seed, "killed")))
             for i, seed in enumerate(seeds()[:2])]
    with queued_app.app_context():
        job = tasks.hand_over(get_session(), items, queue_env["CELERY_BROKER_URL"],
                              queue_env["CELERY_QUEUE"])
    location = f"/api/jobs/{job.public_id}"
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    while queued_writer.get(location).json["status"] == "queued":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    for pid in pool_children(worker):  # the process running the job, as the OOM killer would
        os.kill(pid, signal.SIGKILL)

    result = finished(queued_writer, location, worker)
    assert result["status"] == "done", result
    assert [entry["position"] for entry in result["articles"]] == [0, 1]
    assert result["counts"]["failed"] == 0
    assert result["counts"]["stored"] + result["counts"]["already_stored"] == 2
    stored = [queued_writer.get("/api/articles", query_string={"external_id": item.id}).json
              for _, item in items]
    assert [page["total"] for page in stored] == [1, 1]


def test_a_job_whose_message_was_lost_is_sent_again_from_its_row(
    queued_writer: FlaskClient, queued_app: Flask, queue_env: dict[str, str],
    worker: subprocess.Popen[bytes]
) -> None:
    from attribution import jobs

    article = ArticleInput.model_validate(edition(seeds()[2], "lost"))
    with queued_app.app_context():
        # Stored, never enqueued: as if the broker had lost its message.
        job_id = jobs.submit(get_session(), [("feed.jsonl:1", article)]).public_id
    requeued = CliRunner().invoke(main, ["jobs", "requeue", job_id], env=queue_env)
    assert requeued.exit_code == 0, requeued.output
    assert f"job {job_id} queued again" in requeued.output

    result = finished(queued_writer, f"/api/jobs/{job_id}", worker)
    assert result["status"] == "done" and result["counts"]["stored"] == 1, result
    again = CliRunner().invoke(main, ["jobs", "requeue", job_id], env=queue_env)
    assert f"job {job_id} is done: left alone" in again.output
