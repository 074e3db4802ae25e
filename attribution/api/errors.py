"""One error processor: every error, everywhere, is an RFC 9457 ``application/problem+json``."""

from __future__ import annotations

from typing import Any

from apiflask import APIFlask, HTTPError
from werkzeug.http import HTTP_STATUS_CODES

from attribution.services import NotFound

PROBLEM_JSON = "application/problem+json"


def problem(error: HTTPError) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The problem document for an error apiflask hands us (HTTP, validation or abort)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTP_STATUS_CODES.get(error.status_code, "Error"),
        "status": error.status_code,
        "detail": error.message,
    }
    if error.detail:
        # Validation errors: {"json": {"field": ["message", ...]}} — say which field and why.
        body["errors"] = error.detail
        body["detail"] = _summarise(error.detail) or error.message
    body.update(error.extra_data)
    headers = {str(k): str(v) for k, v in dict(error.headers or {}).items()}
    headers["Content-Type"] = PROBLEM_JSON
    return body, error.status_code, headers


def _summarise(detail: Any) -> str:
    messages = []
    if isinstance(detail, dict):
        for location, fields in detail.items():
            if isinstance(fields, dict):
                for field, errors in fields.items():
                    text = "; ".join(map(str, errors)) if isinstance(errors, list) else str(errors)
                    where = f"{location}.{field}" if field != "_schema" else location
                    messages.append(f"{where}: {text}")
    return "; ".join(messages)


def init_app(app: APIFlask) -> None:
    """Route every error through :func:`problem`, and unknown ids to 404."""
    app.error_processor(problem)

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> tuple[dict[str, Any], int, dict[str, str]]:
        return problem(HTTPError(404, str(exc)))
