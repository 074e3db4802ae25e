"""One error processor: every error, everywhere, is an RFC 9457 ``application/problem+json``."""

from __future__ import annotations

import json
from typing import Any

from apiflask import APIFlask, HTTPError, abort
from flask import render_template, request
from sqlalchemy.exc import DBAPIError
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.routing import IntegerConverter, Map

from attribution.jobs import QueueUnavailable
from attribution.nlp.models import ModelsMissing
from attribution.queries import NotFound
from attribution.store.db import get_engine, get_session, schema_problem

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


def _wants_a_page() -> bool:
    """Whether the error answers a person's browser on a page (not the API): a browser asks
    for HTML first; tools and the API get problem+json."""
    if request.path == "/api" or request.path.startswith("/api/"):
        return False
    best = request.accept_mimetypes.best_match([PROBLEM_JSON, "application/json", "text/html"])
    return best == "text/html"


def problem(error: HTTPError) -> tuple[Any, int, dict[str, str]]:
    """The problem document for an error apiflask hands us (HTTP, validation or abort); on a
    page, a browser gets the same in words."""
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
    if _wants_a_page():
        headers["Content-Type"] = "text/html; charset=utf-8"
        return render_template("error.html", problem=body), error.status_code, headers
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
    if request.routing_exception is not None:  # no such route or method: say that instead
        return
    if not request.is_json:
        abort(415, "send the body as JSON (Content-Type: application/json)")
    try:
        body = request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        abort(400, "the request body is not UTF-8 text")
    try:
        too_deep = _depth(json.loads(body)) > MAX_JSON_DEPTH
    except json.JSONDecodeError as exc:
        abort(400, f"the request body is not valid JSON: {exc.msg} "
                   f"(line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        too_deep = True  # deeper than Python's parser goes
    if too_deep:
        abort(400, f"the request body nests arrays and objects more than {MAX_JSON_DEPTH} "
                   "deep; no request of this API needs that")


#: Deepest nesting of arrays and objects a request body may have. Ours need four at most (an
#: evaluation file's gold attributions); a deeply nested body only costs the server.
MAX_JSON_DEPTH = 20


def _depth(document: Any) -> int:
    """How deeply arrays and objects nest in ``document`` (counted without recursion)."""
    deepest = 0
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            stack.extend((item, depth + 1) for item in value)
    return deepest


#: Errors any operation can answer, whatever its own: the rate limit; and for a body, a body
#: that is not JSON (400), too large (413) or not sent as JSON (415).
_EVERY_OPERATION = {
    "429": "Too many requests: wait for Retry-After seconds",
    "503": "Service not ready: its database cannot be reached or is not set up for this "
           "version",
}
_WITH_A_BODY = {
    "400": "Body not UTF-8 or not valid JSON",
    "413": "Body too large",
    "415": "Body not sent as JSON",
}
#: Largest id a path accepts: the tables' keys are INTEGER, 32 bits on PostgreSQL. A larger
#: number is a 404 like any unknown id, not an overflow in the database.
MAX_ID = 2**31 - 1


def _complete_spec(spec: dict[Any, Any] | str) -> dict[Any, Any] | str:
    """Say in the OpenAPI document what every operation really answers: errors as
    problem+json, the errors any operation can give, and the range of ids in paths."""
    if isinstance(spec, str):  # a serialised document: nothing to rewrite
        return spec
    problem_ref = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/HTTPError"}}}
    for path in spec.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            common = dict(_EVERY_OPERATION)
            if method in ("post", "put", "patch"):
                common.update(_WITH_A_BODY)
                if "requestBody" in operation:
                    operation["requestBody"]["required"] = True
            for status, description in common.items():
                responses.setdefault(status, {"description": description,
                                              "content": dict(problem_ref)})
            for status, response in responses.items():
                content = response.get("content", {})
                # apiflask documents every error response as application/json; ours are
                # problem+json.
                if str(status)[0] in "45" and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"].update(minimum=0, maximum=MAX_ID)
    return spec


class IdConverter(IntegerConverter):
    """``<int:...>`` in this app's routes: an id the database can hold. A larger number is a
    404 like any unknown id, instead of an overflow in the database driver."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: APIFlask) -> None:
    """Route every error through :func:`problem`: unknown ids are 404, bodies that are not
    UTF-8 JSON 400 or 415, and missing Stanza models or an unmigrated database 503."""
    app.error_processor(problem)
    app.before_request(require_json_body)
    app.config["HTTP_ERROR_SCHEMA"] = PROBLEM_SCHEMA
    app.config["VALIDATION_ERROR_SCHEMA"] = PROBLEM_SCHEMA
    app.spec_processor(_complete_spec)

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> tuple[Any, int, dict[str, str]]:
        return problem(HTTPError(404, str(exc)))

    @app.errorhandler(QueueUnavailable)
    def queue_unavailable(exc: QueueUnavailable) -> tuple[Any, int, dict[str, str]]:
        app.logger.error("cannot queue articles: %s", exc)
        return problem(HTTPError(
            503, "the queue of the workers cannot be reached; nothing was queued (try again)"
        ))

    @app.errorhandler(DBAPIError)
    def database_error(exc: DBAPIError) -> tuple[Any, int, dict[str, str]]:
        # A database left unmigrated (or migrated for another version) fails in its first
        # query with the table's name in the driver's words: tell the operator what to run,
        # and the client only that the service is not ready. One that cannot be reached is
        # not ready either (try again). Any other database error is a 500 as before, its
        # traceback in the log.
        try:
            get_session().rollback()
            unready = schema_problem(get_engine())
        except DBAPIError as unreachable:
            app.logger.error("the database cannot be reached: %s", unreachable.orig)
            return problem(HTTPError(
                503, "the database cannot be reached; nothing was read or stored (try again)"))
        if unready is None:
            app.logger.exception("database error", exc_info=exc)
            return problem(HTTPError(500, HTTP_STATUS_CODES[500]))
        app.logger.error("the database %s: run `attribution db upgrade`", unready)
        return problem(HTTPError(
            503, "the database is not set up for this version of the service "
                 "(its operator can run `attribution db upgrade`)"
        ))

    @app.errorhandler(ModelsMissing)
    def models_missing(exc: ModelsMissing) -> tuple[Any, int, dict[str, str]]:
        # The operator's log names the directory; the client learns only that it is not them.
        app.logger.error("cannot analyse articles: %s", exc)
        return problem(HTTPError(
            503, "the language models are not installed on this server "
                 "(its operator can check with `attribution models check`)"
        ))
