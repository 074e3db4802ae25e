"""Pages for people: a lookup form at ``/`` and a page per statement."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from attribution import queries
from attribution.api.schemas import (
    MAX_LOOKUP_CHARS,
    LookupResult,
    StatementOut,
    StatementSummary,
    dump,
)
from attribution.store.db import get_session

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    """Paste a quote, see where it came from."""
    text = request.args.get("q", "").strip()[:MAX_LOOKUP_CHARS]
    hits = queries.lookup_quote(get_session(), text) if text else []
    recent = queries.list_statements(get_session(), per_page=20).items if not text else []
    # The templates read what the API sends, so a page and the JSON never disagree.
    return render_template(
        "index.html",
        text=text,
        results=[dump(LookupResult, hit) for hit in hits],
        recent=[dump(StatementSummary, s) for s in recent],
    )


@bp.get("/statements/<int:statement_id>")
def statement(statement_id: int) -> str:
    """One statement: who said it first, and every outlet that relayed it, in time order."""
    detail = queries.statement_detail(get_session(), statement_id)
    return render_template("statement.html", statement=dump(StatementOut, detail))
