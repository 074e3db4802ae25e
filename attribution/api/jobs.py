"""``/api/jobs``: the jobs that hand articles to the workers, read by the clients polling them."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint
from flask import Response, jsonify

from attribution import queries
from attribution.api.schemas import JobOut, dump
from attribution.store.db import get_session
from attribution.store.tables import Job

bp = APIBlueprint("jobs", __name__, tag="Jobs")

#: The 202 answer of an operation that queues its work, as the OpenAPI document describes it.
JOB_RESPONSE: dict[str, Any] = {
    "description": "Queued for the workers: poll the job at the address in Location",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobOut"}}},
    "headers": {"Location": {"description": "The job: /api/jobs/{id}",
                             "schema": {"type": "string"}}},
}


def job_accepted(job: Job) -> Response:
    """The 202 answer for a queued ``job``: the job, and where to poll it."""
    response = jsonify(dump(JobOut, job))
    response.status_code = 202
    response.headers["Location"] = f"/api/jobs/{job.public_id}"
    return response


@bp.get("/jobs/<job_id>")
@bp.output(JobOut)
@bp.doc(responses=[404])
def get_job(job_id: str) -> Job:
    """A job of the workers: where it stands, its counts, and what became of each article
    (the stored article's address, or why it failed)."""
    return queries.get_job(get_session(), job_id)
