"""every n-gram of a statement of up to 200 words in the candidate index

``matching.MAX_NGRAM_WORDS`` went from 60 to 200 words: a statement of 61 to 200 words (a long
quote from a speech) now has a key for every 3-gram and 2-gram, so that a lookup of a few of
its words finds it, where winnowing kept only about a third of them. The statements already
stored get the rows they lack here; new ones get them as they are stored. Downgrading leaves
the rows: an extra key adds a candidate that verification weighs, and loses nothing.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from attribution import matching

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Statements read per round.
BATCH = 5000
#: The bound before this revision: statements up to it were indexed in full already.
OLD_MAX_NGRAM_WORDS = 60


def index_key(key: str) -> str:
    """A key as the index rows held it at this revision (0009 made it an integer)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    keys = sa.table("quote_key", sa.column("key", sa.String()),
                    sa.column("statement_id", sa.Integer()))
    last = 0
    while True:
        rows = bind.execute(sa.text(
            "SELECT id, text FROM statement WHERE id > :last ORDER BY id LIMIT :n"
        ), {"last": last, "n": BATCH}).all()
        if not rows:
            break
        last = rows[-1][0]
        long = {sid: text for sid, text in rows
                if OLD_MAX_NGRAM_WORDS < matching.word_count(text) <= matching.MAX_NGRAM_WORDS}
        if not long:
            continue
        have = set(bind.execute(
            sa.select(keys.c.key, keys.c.statement_id)
            .where(keys.c.statement_id.in_(sorted(long)))
        ).all())
        # Only statements with rows were indexed (one that cannot stand alone never is).
        indexed = {sid for _, sid in have}
        missing = sorted({(index_key(k), sid) for sid, text in long.items() if sid in indexed
                          for k in matching.index_keys(text)} - have)
        if missing:
            bind.execute(keys.insert(), [{"key": k, "statement_id": sid}
                                         for k, sid in missing])


def downgrade() -> None:
    pass
