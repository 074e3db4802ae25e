"""``/api/outlets``: who published what, crediting whom, reusing whose prose."""

from __future__ import annotations

from apiflask import APIBlueprint

from attribution import queries
from attribution.api.schemas import OutletOut, OutletPage, OutletQuery
from attribution.store.db import get_session

bp = APIBlueprint("outlets", __name__, tag="Outlets")


@bp.get("/outlets")
@bp.input(OutletQuery, location="query", arg_name="query")
@bp.output(OutletPage)
def list_outlets(query: OutletQuery) -> queries.Page[queries.OutletListing]:
    """Outlets by id, with how many of their articles are stored; filtered by name."""
    return queries.list_outlets(get_session(), q=query.q, page=query.page,
                                per_page=query.per_page)


@bp.get("/outlets/<int:outlet_id>")
@bp.output(OutletOut)
@bp.doc(responses=[404])
def get_outlet(outlet_id: int) -> queries.OutletDetail:
    """An outlet: its articles, statements it relayed, outlets it credits, articles whose
    prose it reused and who reused its prose."""
    return queries.get_outlet(get_session(), outlet_id)
