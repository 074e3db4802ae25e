"""One error processor: every error, everywhere, is an RFC 9457 ``application/problem+json``."""

from __future__ import annotations

import json
from typing import Any

from apiflask import APIFlask, HTTPError, abort
from flask import request
from werkzeug.http import HTTP_STATUS_CODES

from attribution.nlp.models import ModelsMissing
from attribution.queries import NotFound

PROBLEM_JSON = "application/problem+json"

#: The problem document as the OpenAPI document describes it (apiflask's default error schema
#: would describe a body this API never sends).
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What is wrong, in words."},
        "errors": {
            "type": "object",
            "description": "Invalid input: messages by location (json, query) and field.",
        },
    },
}


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


def require_json_body() -> None:
    """Refuse a POST body under ``/api`` that is not UTF-8 JSON, saying which it is not.

    Without this the JSON parser answers a bare "Bad Request" that names no cause.
    """
    if request.method != "POST" or not request.path.startswith("/api/"):
        return
    if not request.is_json:
        abort(415, "send the body as JSON (Content-Type: application/json)")
    try:
        body = request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        abort(400, "the request body is not UTF-8 text")
    try:
        json.loads(body)
    except json.JSONDecodeError as exc:
        abort(400, f"the request body is not valid JSON: {exc.msg} "
                   f"(line {exc.lineno}, column {exc.colno})")


def _errors_as_problem_json(spec: dict[Any, Any] | str) -> dict[Any, Any] | str:
    # apiflask documents every error response as application/json; ours are problem+json.
    if isinstance(spec, str):  # a serialised document: nothing to rewrite
        return spec
    for path in spec.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if str(status)[0] in "45" and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    return spec


def init_app(app: APIFlask) -> None:
    """Route every error through :func:`problem`: unknown ids are 404, bodies that are not
    UTF-8 JSON 400 or 415, and missing Stanza models 503."""
    app.error_processor(problem)
    app.before_request(require_json_body)
    app.config["HTTP_ERROR_SCHEMA"] = PROBLEM_SCHEMA
    app.config["VALIDATION_ERROR_SCHEMA"] = PROBLEM_SCHEMA
    app.spec_processor(_errors_as_problem_json)

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> tuple[dict[str, Any], int, dict[str, str]]:
        return problem(HTTPError(404, str(exc)))

    @app.errorhandler(ModelsMissing)
    def models_missing(exc: ModelsMissing) -> tuple[dict[str, Any], int, dict[str, str]]:
        # The operator's log names the directory; the client learns only that it is not them.
        app.logger.error("cannot analyse articles: %s", exc)
        return problem(HTTPError(
            503, "the language models are not installed on this server "
                 "(its operator can check with `attribution models check`)"
        ))
