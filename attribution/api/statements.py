"""``/api/statements``: statements, their occurrences in time order, and their relay graph."""

from __future__ import annotations

from apiflask import APIBlueprint

from attribution import queries
from attribution.api.schemas import RelayGraph, StatementOut, StatementPage, StatementQuery
from attribution.store.db import get_session

bp = APIBlueprint("statements", __name__, tag="Statements")


@bp.get("/statements")
@bp.input(StatementQuery, location="query", arg_name="query")
@bp.output(StatementPage)
def list_statements(query: StatementQuery) -> queries.Page[queries.StatementListing]:
    """Statements, filtered by words, speaker (original or relay), outlet and first appearance
    date; paginated, ordered by id."""
    return queries.list_statements(
        get_session(),
        q=query.q,
        speaker=query.speaker,
        outlet=query.outlet,
        since=query.since,
        page=query.page,
        per_page=query.per_page,
    )


@bp.get("/statements/<int:statement_id>")
@bp.output(StatementOut)
@bp.doc(responses=[404])
def get_statement(statement_id: int) -> queries.StatementDetail:
    """Canonical text, original speaker, first appearance, and every occurrence in time order
    (outlet, article, wording, kind, chain, credits, diff against the earliest wording)."""
    return queries.statement_detail(get_session(), statement_id)


@bp.get("/statements/<int:statement_id>/relays")
@bp.output(RelayGraph)
@bp.doc(responses=[404])
def get_relays(statement_id: int) -> queries.RelayGraph:
    """The relay graph: speakers, outlets and articles, and the edges between them with the
    evidence for each (chain as written, credit lines, shared passages)."""
    return queries.statement_relays(get_session(), statement_id)
