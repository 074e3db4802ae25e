"""``/api/lookup``: where did this quote originate?"""

from __future__ import annotations

from apiflask import APIBlueprint

from attribution import queries
from attribution.api.schemas import LookupIn, LookupOut
from attribution.store.db import get_session

bp = APIBlueprint("lookup", __name__, tag="Lookup")


@bp.post("/lookup")
@bp.input(LookupIn, location="json", arg_name="data")
@bp.output(LookupOut)
def lookup(data: LookupIn) -> dict[str, list[queries.LookupHit]]:
    """Statements a full, partial or slightly altered quote belongs to, best first, each with
    its original speaker, first appearance and relays."""
    return {"results": queries.lookup_quote(get_session(), data.text, limit=data.limit)}
