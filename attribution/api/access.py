"""Who may do what: API keys for writes, rate limits, CORS for reads, security headers.

Reads are open to anyone; a write (``POST /api/articles``) needs a live API key, sent as
``Authorization: Bearer KEY`` or ``X-API-Key: KEY``. Rate limits count reads per client
address and writes per key, in Redis when ``REDIS_URL`` is set (shared by every worker and
machine) and in memory otherwise. Browsers on other sites may read (CORS) but never write.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from apiflask import APIFlask, HTTPError
from flask import Response, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse

from attribution import keys
from attribution.store.db import get_session

F = TypeVar("F", bound=Callable[..., Any])

#: The OpenAPI security schemes a write accepts (either one).
SECURITY_SCHEMES = {
    "BearerKey": {"type": "http", "scheme": "bearer",
                  "description": "An API key from `attribution keys create NAME`."},
    "HeaderKey": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                  "description": "The same key, in a header of its own."},
}
WRITE_SECURITY: list[str | dict[str, list[Any]]] = list(SECURITY_SCHEMES)

_LIMITER = "attribution.limiter"


def _presented_key() -> str | None:
    auth = request.headers.get("Authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("X-API-Key", "").strip() or None


def _unauthorised(detail: str) -> HTTPError:
    return HTTPError(401, detail, headers={"WWW-Authenticate": 'Bearer realm="attribution"'})


def requires_key(view: F) -> F:
    """A write: refuse the request (401) unless it carries a live API key, and (429) once the
    key has written RATELIMIT_WRITES."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> Any:
        presented = _presented_key()
        if presented is None:
            raise _unauthorised(
                "writing needs an API key, sent as 'Authorization: Bearer KEY' or "
                "'X-API-Key: KEY' (the server's operator creates one with "
                "`attribution keys create NAME`)"
            )
        key = keys.verify(get_session(), presented)
        if key is None:
            raise _unauthorised("the API key is not one this server knows, or it was revoked")
        g.api_key = key
        _check_write_limit(key.id)
        return view(*args, **kwargs)

    return cast(F, checked)


def _check_write_limit(key_id: int) -> None:
    """Count a write against its key; refuse it (429) past RATELIMIT_WRITES."""
    limiter: Limiter = current_app.extensions[_LIMITER]
    if not limiter.enabled:  # RATELIMIT_ENABLED = False
        return
    limit = parse(current_app.config["RATELIMIT_WRITES"])
    scope = (current_app.config.get("RATELIMIT_KEY_PREFIX") or "", "writes", str(key_id))
    if not limiter.limiter.hit(limit, *scope):
        reset_at, _ = limiter.limiter.get_window_stats(limit, *scope)
        retry = max(1, math.ceil(reset_at - time.time()))
        raise HTTPError(
            429, f"this key may send {limit} articles; try again in {retry} s",
            headers={"Retry-After": str(retry)},
        )


#: Methods other sites' pages may use: reads, and the lookup, which reads by POST.
_READ_METHODS = ("GET", "HEAD")
_LOOKUP_METHODS = ("GET", "HEAD", "POST")


def _cors(response: Response) -> Response:
    # Other sites may read the API but not write: a preflight for a write gets no CORS headers,
    # so the browser refuses it.
    if not request.path.startswith("/api/"):
        return response
    allowed = _LOOKUP_METHODS if request.path == "/api/lookup" else _READ_METHODS
    if request.method == "OPTIONS":
        if request.headers.get("Access-Control-Request-Method") in allowed:
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Allow-Methods"] = ", ".join(allowed)
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
    elif request.method in allowed:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


#: The pages load only this server's own style sheet and scripts; nothing may frame them.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if not request.path.startswith("/api/docs"):  # the docs page loads Swagger UI's assets
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def init_app(app: APIFlask) -> None:
    """Rate limits, CORS and security headers for every response."""
    if app.config.get("SECURITY_SCHEMES") is None:
        app.config["SECURITY_SCHEMES"] = SECURITY_SCHEMES
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    # One limiter per app: it reads its limits from the app's config when it is created.
    app.extensions[_LIMITER] = Limiter(get_remote_address, app=app)
    app.after_request(_cors)
    app.after_request(_security_headers)
