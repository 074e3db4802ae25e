"""A name the engine took from a whole clause still stores, on every database."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select
from test_ingest import attr, ingest

from attribution.store.db import get_session
from attribution.store.tables import ChainLink, Quote


@pytest.mark.parametrize("store", ["app", "pg_app"])  # PostgreSQL enforces column lengths
def test_a_speaker_named_by_a_long_clause_is_stored_with_a_name_cut_to_fit(
    store: str, request: pytest.FixtureRequest
) -> None:
    app: Flask = request.getfixturevalue(store)
    clause = "A " + " ".join(["very long clause about who said something"] * 12)  # ~500 chars
    text = f"{clause} said “the plan will not work this year at all”."
    result = ingest(app, text, [attr(text, "“the plan will not work this year at all”",
                                     chain=[(clause, clause, "organisation")])])
    with app.app_context():
        quote = get_session().scalars(
            select(Quote).where(Quote.article_id == result.article.id)).one()
        assert quote.speaker is not None
        assert len(quote.speaker.name) <= 300 and quote.speaker.name.endswith("…")
        assert quote.speaker_text == clause  # the words as written stay whole
        link = get_session().scalars(
            select(ChainLink).where(ChainLink.quote_id == quote.id)).one()
        assert len(link.entity) <= 300
