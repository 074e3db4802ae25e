"""Pages for people: look a quote up, see how a statement travelled, browse speakers, outlets
and statements. They work without JavaScript.

The pages read exactly what the JSON API sends (``api.schemas.dump`` over the same
``queries``), so a page and the API never disagree; what is drawn is placed by
``pages.timeline``, and a statement's relays can be taken away as CSV (``pages.export``).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request, url_for

from attribution import queries
from attribution.api.schemas import (
    MAX_LOOKUP_CHARS,
    MAX_PAGE,
    LookupResult,
    OutletBrief,
    OutletOut,
    RelayGraph,
    SpeakerBrief,
    SpeakerOut,
    StatementOut,
    StatementSummary,
    dump,
)
from attribution.pages import export, timeline
from attribution.store.db import get_session

bp = Blueprint("pages", __name__)

#: Items on one page of a list.
PER_PAGE = 25
#: How many matching statements a lookup shows.
LOOKUP_LIMIT = 10
#: Characters of a search box's words that are used (the API allows as many).
MAX_SEARCH_CHARS = 200


def _search() -> str:
    return request.args.get("q", "").strip()[:MAX_SEARCH_CHARS]


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return min(max(int(raw), 1), MAX_PAGE) if raw.isdigit() else 1


def _listing(found: queries.Page[Any], schema: Any) -> dict[str, Any]:
    return {"items": [dump(schema, item) for item in found.items], "page": found.page,
            "pages": found.pages, "total": found.total}


def _with_statements(
    template: str, speaker: int | None = None, outlet: int | None = None, **context: Any
) -> str:
    """A speaker's or an outlet's page: its details, and one page of the statements it said,
    relayed or carried."""
    found = queries.list_statements(
        get_session(), speaker=str(speaker) if speaker is not None else None,
        outlet=str(outlet) if outlet is not None else None, page=_page_number(),
        per_page=PER_PAGE,
    )
    return render_template(template, listing=_listing(found, StatementSummary), **context)


@bp.get("/")
def index() -> str:
    """Paste a quote, see where it came from."""
    text = request.args.get("q", "").strip()[:MAX_LOOKUP_CHARS]
    session = get_session()
    hits = queries.lookup_quote(session, text, limit=LOOKUP_LIMIT) if text else []
    recent = [] if text else queries.list_statements(session, per_page=10, newest_first=True).items
    return render_template(
        "index.html",
        text=text,
        results=[dump(LookupResult, hit) for hit in hits],
        recent=[dump(StatementSummary, s) for s in recent],
    )


@bp.get("/statements")
def statements() -> str:
    """Statements, the latest stored first, searchable by their words."""
    q = _search()
    found = queries.list_statements(get_session(), q=q or None, page=_page_number(),
                                    per_page=PER_PAGE, newest_first=True)
    return render_template("statements.html", q=q, listing=_listing(found, StatementSummary))


def _statement(statement_id: int) -> dict[str, Any]:
    return dump(StatementOut, queries.statement_detail(get_session(), statement_id))


@bp.get("/statements/<int:statement_id>")
def statement(statement_id: int) -> str:
    """One statement: who said it first, how it travelled (drawn), and every relay in time
    order with its wording, what changed, whom it credits, and what looks doubtful."""
    detail = _statement(statement_id)
    graph = dump(RelayGraph, queries.statement_relays(get_session(), statement_id))
    return render_template(
        "statement.html",
        statement=detail,
        timeline=timeline.layout(graph, detail["occurrences"]),
        permalink=url_for("pages.statement", statement_id=statement_id, _external=True),
    )


@bp.get("/statements/<int:statement_id>.csv")
def statement_csv(statement_id: int) -> Response:
    """A statement's relays as CSV, one row per relay, for a story's notes."""
    body = export.relays_csv(_statement(statement_id))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="statement-{statement_id}.csv"'})


@bp.get("/speakers")
def speakers() -> str:
    """Speakers by name, searchable; those known only inside one article on request."""
    q = _search()
    everyone = request.args.get("all") == "1"
    found = queries.list_speakers(get_session(), q=q or None, across_articles=not everyone,
                                  by_name=True, page=_page_number(), per_page=PER_PAGE)
    return render_template("speakers.html", q=q, everyone=everyone,
                           listing=_listing(found, SpeakerBrief))


@bp.get("/speakers/<int:speaker_id>")
def speaker(speaker_id: int) -> str:
    """A speaker: names and shared names, and the statements they said or relayed."""
    detail = queries.get_speaker(get_session(), speaker_id, with_statements=False)
    return _with_statements("speaker.html", speaker=speaker_id,
                            detail=dump(SpeakerOut, detail))


@bp.get("/outlets")
def outlets() -> str:
    """Outlets by name, searchable."""
    q = _search()
    found = queries.list_outlets(get_session(), q=q or None, by_name=True, page=_page_number(),
                                 per_page=PER_PAGE)
    return render_template("outlets.html", q=q, listing=_listing(found, OutletBrief))


@bp.get("/outlets/<int:outlet_id>")
def outlet(outlet_id: int) -> str:
    """An outlet: what it relays, whom it credits, whose prose it reuses and who reuses its."""
    detail = queries.get_outlet(get_session(), outlet_id, with_statements=False)
    return _with_statements("outlet.html", outlet=outlet_id, detail=dump(OutletOut, detail))
