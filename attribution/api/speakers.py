"""``/api/speakers``: who said things, under which names."""

from __future__ import annotations

from apiflask import APIBlueprint

from attribution import queries
from attribution.api.schemas import SpeakerOut, SpeakerPage, SpeakerQuery
from attribution.store.db import get_session
from attribution.store.tables import Speaker

bp = APIBlueprint("speakers", __name__, tag="Speakers")


@bp.get("/speakers")
@bp.input(SpeakerQuery, location="query", arg_name="query")
@bp.output(SpeakerPage)
def list_speakers(query: SpeakerQuery) -> queries.Page[Speaker]:
    """Speakers with their aliases, by id; filtered by words of a name or alias."""
    return queries.list_speakers(get_session(), q=query.q, across_articles=query.across_articles,
                                 page=query.page, per_page=query.per_page)


@bp.get("/speakers/<int:speaker_id>")
@bp.output(SpeakerOut)
@bp.doc(responses=[404])
def get_speaker(speaker_id: int) -> queries.SpeakerDetail:
    """A speaker, its aliases, the statements it originated and those it relayed."""
    return queries.get_speaker(get_session(), speaker_id)
