"""Configuration defaults. ``create_app`` applies them, then environment overrides.

Order of precedence (last wins): these defaults, ``DATABASE_URL`` from the environment,
``FLASK_*`` variables (``app.config.from_prefixed_env()``), then ``test_config``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from attribution.nlp.models import TIME_BUDGET_SECONDS

#: Longest article text accepted, in characters (API and ``attribution ingest``). A long feature
#: runs to ~60k characters; a million leaves room without letting one request tie up Stanza.
MAX_TEXT_CHARS = 1_000_000

#: Largest request body the API reads, in bytes (JSON escaping can triple a text's size).
MAX_CONTENT_LENGTH = 4 * MAX_TEXT_CHARS


def defaults(instance_path: str) -> dict[str, Any]:
    """The configuration every app starts from."""
    sqlite_file = Path(instance_path) / "attribution.sqlite"
    return {
        # The embedded default: one SQLite file under instance/ (WAL is switched on per
        # connection in attribution.db). Production sets DATABASE_URL to PostgreSQL.
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{sqlite_file}",
        "DATABASE_ECHO": False,
        "MAX_CONTENT_LENGTH": MAX_CONTENT_LENGTH,
        # Seconds of parsing an article may take before the rest of it is skipped and it is
        # stored as "partial" (FLASK_ANALYSIS_TIME_BUDGET; see attribution.nlp.models).
        "ANALYSIS_TIME_BUDGET": TIME_BUDGET_SECONDS,
        # Rate limits (Flask-Limiter): reads per client address, writes per API key. Counted
        # in Redis when REDIS_URL is set, so every worker and machine shares one count;
        # in each process's memory otherwise (the embedded default).
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_DEFAULT": "600 per minute",
        # An article costs seconds of parsing: a minute's worth keeps one key from holding
        # every worker.
        "RATELIMIT_WRITES": "60 per minute",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Proxies in front of the app (a load balancer: 1) whose X-Forwarded-For to believe,
        # so that limits count clients, not the proxy. 0: none, the connection's address.
        "TRUSTED_PROXIES": 0,
        # Set: articles sent to POST /api/articles or `attribution ingest --queue` become jobs
        # that `attribution worker` processes run (the API answers 202 and a job to poll).
        # Unset, the embedded default: articles are ingested inline, with no broker.
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL") or None,
        # The queue jobs go to; an installation (or a test run) sharing a broker with another
        # keeps its jobs apart by naming its own.
        "CELERY_QUEUE": os.environ.get("CELERY_QUEUE") or "attribution",
    }
