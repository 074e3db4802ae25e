"""index keys as 64-bit integers: the candidate indexes at half the size

``quote_key.key`` and ``article_key.key`` held each key's 16-byte BLAKE2b digest as 32
hexadecimal characters; they now hold its first eight bytes as a signed 64-bit integer
(``statements.index_key``), as ``statement_word_pair`` already did. At a million quotes the
quote key table and its primary key went from 3.3 GB to about half, so that a lookup's index
reads stay in memory. The rows are converted in place: the new key is the old one's first 16
hexadecimal digits. Downgrading writes the keys in the old form again, from the texts they
were made of (each indexed statement's text and its quotes' wordings, each article's text):
also those of a quoted fragment that ingest joined to a statement holding its words without
indexing it, which only widens what a lookup may find.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from attribution import matching, provenance

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The index tables and the column their rows point with.
TABLES = {"quote_key": "statement_id", "article_key": "article_id"}
#: Statements or articles re-keyed per round when downgrading.
BATCH = 2000


def of_hex(digest: str) -> int:
    """The integer key of a key written as its hexadecimal digest."""
    return int.from_bytes(bytes.fromhex(digest[:16]), "big", signed=True)


def hex_key(key: str) -> str:
    """A key as the rows held it before this revision."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def _wording(text: str, parts: str | list[dict[str, str]] | None) -> str:
    """The wording a stored quote was indexed by (``provenance.wording``), from its row."""
    if isinstance(parts, str):
        parts = json.loads(parts)  # SQLite hands JSON back as text
    return provenance.wording(text, [p["text"] for p in parts or []])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN key TYPE bigint "
                       "USING ('x' || substr(key, 1, 16))::bit(64)::bigint")
        return
    # SQLite: each key as the decimal text of its integer first (the column's text affinity
    # keeps it so), which the table's rebuild with the new type then reads as a number.
    bind.connection.driver_connection.create_function("of_hex", 1, of_hex, deterministic=True)
    for table in TABLES:
        op.execute(f"UPDATE {table} SET key = of_hex(key)")
        with op.batch_alter_table(table) as batch:
            batch.alter_column("key", existing_type=sa.String(64), type_=sa.BigInteger(),
                               existing_nullable=False, autoincrement=False)


def downgrade() -> None:
    bind = op.get_bind()
    for table, owner in TABLES.items():
        had = [row[0] for row in bind.execute(sa.text(
            f"SELECT DISTINCT {owner} FROM {table} ORDER BY {owner}"))]
        op.execute(f"DELETE FROM {table}")
        if bind.dialect.name == "postgresql":
            op.execute(f"ALTER TABLE {table} ALTER COLUMN key TYPE varchar(64) USING key::text")
        else:
            with op.batch_alter_table(table) as batch:
                batch.alter_column("key", existing_type=sa.BigInteger(), type_=sa.String(64),
                                   existing_nullable=False)
        rows = sa.table(table, sa.column("key", sa.String()), sa.column(owner, sa.Integer()))
        for start in range(0, len(had), BATCH):
            ids = had[start : start + BATCH]
            keys_of: dict[int, set[str]] = {i: set() for i in ids}  # each owner's keys
            if table == "quote_key":
                statements = bind.execute(sa.text(
                    "SELECT id, text FROM statement WHERE id IN :ids"
                ).bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids})
                for owner_id, text in statements:
                    keys_of[owner_id].update(matching.index_keys(text))
                quotes = bind.execute(sa.text(
                    "SELECT statement_id, text, parts FROM quote WHERE statement_id IN :ids "
                    "AND kind != 'paraphrase'"  # restatements are never indexed
                ).bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids})
                for owner_id, text, parts in quotes:
                    keys_of[owner_id].update(matching.index_keys(_wording(text, parts)))
            else:
                found = bind.execute(sa.text("SELECT id, text FROM article WHERE id IN :ids")
                                     .bindparams(sa.bindparam("ids", expanding=True)),
                                     {"ids": ids})
                for owner_id, text in found:
                    keys_of[owner_id].update(matching.article_keys(text))
            values = [{"key": key, owner: owner_id} for owner_id, keys in keys_of.items()
                      for key in sorted({hex_key(k) for k in keys})]
            if values:
                bind.execute(rows.insert(), values)
