"""API keys: who may write.

A key is shown once, when it is created, and only its sha256 is stored; a key is looked up by
that hash and compared in constant time. Like :mod:`attribution.ingest` for articles, this
module commits its own one-row writes (creating and revoking a key).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from attribution.inputs import refuse_control
from attribution.store.tables import ApiKey, utcnow

#: Every key starts so, which tells a key from other secrets in a config file or a leak scan.
KEY_PREFIX = "attr_"
#: Random bytes in a key: 256 bits, beyond guessing, so a fast hash stores it safely.
KEY_BYTES = 32
#: Characters of a key kept in the clear to tell keys apart in a list (the prefix + 6).
SHOWN_CHARS = len(KEY_PREFIX) + 6
#: Longest key accepted in a request: anything longer is not one of ours, unhashed.
MAX_KEY_CHARS = 100


class KeyProblem(ValueError):
    """A key cannot be created or revoked as asked (the message says why)."""


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create(session: Session, name: str) -> tuple[ApiKey, str]:
    """A new key named ``name`` (who or what uses it); returns the row and the key itself,
    which is not stored and cannot be shown again."""
    name = name.strip()
    if not name or len(name) > 100:
        raise KeyProblem("a key's name is 1 to 100 characters")
    try:
        refuse_control(name)
    except ValueError as exc:
        raise KeyProblem(f"the name {exc}") from exc
    key = KEY_PREFIX + secrets.token_urlsafe(KEY_BYTES)
    row = ApiKey(name=name, key_hash=hash_key(key), prefix=key[:SHOWN_CHARS])
    session.add(row)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise KeyProblem(f"a key named {name!r} exists already") from exc
    return row, key


def revoke(session: Session, name: str) -> ApiKey:
    """Revoke the key named ``name``; it stops working at once."""
    row = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if row is None:
        raise KeyProblem(f"no key named {name!r}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.commit()
    return row


def list_keys(session: Session) -> list[ApiKey]:
    """Every key, oldest first, revoked ones included."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def verify(session: Session, presented: str) -> ApiKey | None:
    """The live key ``presented`` is, or None."""
    if not presented.startswith(KEY_PREFIX) or len(presented) > MAX_KEY_CHARS:
        return None
    digest = hash_key(presented)
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
    if row is None or row.revoked_at is not None:
        return None
    # The look-up went by hash; compare in constant time all the same, so that how long the
    # answer takes never depends on how much of a key was right.
    return row if hmac.compare_digest(row.key_hash, digest) else None
