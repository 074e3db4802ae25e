"""Quote provenance: find attributions in news text and trace quotes to their sources.

``create_app`` builds the web app (JSON API under ``/api`` and a page for people at ``/``).
"""

from __future__ import annotations

import os
from typing import Any

from apiflask import APIFlask

__all__ = ["create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> APIFlask:
    """Build the app: defaults, then ``DATABASE_URL``/``FLASK_*`` env, then ``test_config``."""
    from attribution import config, pages
    from attribution.api import (
        access,
        articles,
        errors,
        jobs,
        lookup,
        outlets,
        speakers,
        statements,
    )
    from attribution.store import db

    app = APIFlask(
        __name__,
        title="attribution",
        version="0.1.0",
        spec_path="/api/openapi.json",
        docs_path="/api/docs",
        instance_relative_config=True,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep documents in reading order
    app.config.from_mapping(config.defaults(app.instance_path))
    app.config["INFO"] = {
        "description": "Where did this quote come from? Statements, their original speakers, "
        "and the outlets that relayed them."
    }
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)
    if app.config["DATABASE_URL"].startswith("sqlite:///") and ":memory:" not in app.config[
        "DATABASE_URL"
    ]:
        os.makedirs(app.instance_path, exist_ok=True)

    # Before any route is added: <int:...> in every route is a database id.
    app.url_map.converters["int"] = errors.IdConverter
    db.init_app(app)
    errors.init_app(app)
    access.init_app(app)
    for blueprint in (articles.bp, jobs.bp, statements.bp, lookup.bp, speakers.bp, outlets.bp):
        app.register_blueprint(blueprint, url_prefix="/api")
    app.register_blueprint(pages.bp)
    return app
