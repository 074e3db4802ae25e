"""Speakers in the store: who an article's speaker mentions are across articles.
Works inside the caller's session and never commits (``ingest`` does).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from attribution.nlp.types import Entity
from attribution.provenance import (
    KNOWN_AGENCIES,
    agency_named,
    alias_key,
    clean_name,
    is_proper_name,
)
from attribution.store.tables import Speaker, SpeakerAlias


class SpeakerResolver:
    """Maps an article's entities to stored speakers, creating them and their aliases as needed.

    The engine gives canonical in-article names; across articles, a stored alias with the same
    key (``KCNA``) joins them. Names that are not proper names only join within an article.
    """

    def __init__(self, session: Session, entities: Sequence[Entity] = ()) -> None:
        self.session = session
        self.entities = {e.name: e for e in entities}
        self._cache: dict[tuple[str, str | None], Speaker] = {}

    def resolve(self, name: str, kind: str | None = None, mention: str | None = None) -> Speaker:
        """The stored speaker for in-article entity ``name`` (as mentioned by ``mention``).

        A mention that names a known agency (``North Korea’s state-run KCNA news agency``) is
        that agency, whatever entity the article's analysis grouped it under.
        """
        cache_key = (name, mention)
        if cache_key in self._cache:
            return self._cache[cache_key]
        entity = self.entities.get(name)
        agency = (agency_named(mention) if mention else None) or agency_named(name)
        if agency is not None:
            names = [agency, *KNOWN_AGENCIES[agency][1]]
            if agency_named(name) == agency:
                names += [name, *(entity.aliases if entity else [])]
            if mention and agency_named(mention) == agency:
                names.append(mention)
            name, kind = agency, "media"
        else:
            # An alias naming an agency belongs to the agency, not to this entity.
            aliases = [a for a in (entity.aliases if entity else []) if not agency_named(a)]
            names = [name, *aliases]
            if kind is None and entity is not None:
                kind = entity.kind
        names = [clean_name(n) for n in names]
        name = clean_name(name)
        keys = {alias_key(n): n for n in names if n and (n == name or is_proper_name(n))}
        speaker = self.session.scalars(
            select(Speaker)
            .join(SpeakerAlias)
            .where(SpeakerAlias.key.in_(list(keys)))
            .order_by(Speaker.id)
            .limit(1)
        ).first()
        if speaker is None:
            speaker = Speaker(name=name, kind=kind)
            self.session.add(speaker)
        elif speaker.kind is None and kind:
            speaker.kind = kind
        known = {a.key for a in speaker.aliases}
        for key, alias in keys.items():
            if key not in known:
                speaker.aliases.append(SpeakerAlias(alias=alias, key=key))
        self.session.flush()
        self._cache[cache_key] = speaker
        return speaker
