"""statement search by words: an index of neighbouring word pairs

``GET /api/statements?q=`` now matches whole words in order. A search of two words or more
reads ``statement_word_pair``, a row per two neighbouring words of each statement
(``matching.word_pair_keys``), instead of the trigram index, whose trigrams stop at spaces:
at a million quotes "the to" made it recheck 187,823 statements for 3,976 matches. The rows
of the statements already stored are written here.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from attribution import matching

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Statements read and indexed per round.
BATCH = 5000


def upgrade() -> None:
    op.create_table(
        "statement_word_pair",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["statement_id"], ["statement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "statement_id"),
    )
    op.create_index("ix_statement_word_pair_statement_id", "statement_word_pair",
                    ["statement_id"])
    bind = op.get_bind()
    pairs = sa.table("statement_word_pair", sa.column("key", sa.BigInteger()),
                     sa.column("statement_id", sa.Integer()))
    last = 0
    while True:
        rows = bind.execute(sa.text(
            "SELECT id, text FROM statement WHERE id > :last ORDER BY id LIMIT :n"
        ), {"last": last, "n": BATCH}).all()
        if not rows:
            break
        values = [{"key": key, "statement_id": sid} for sid, text in rows
                  for key in matching.word_pair_keys_of(text)]
        if values:
            bind.execute(pairs.insert(), values)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_statement_word_pair_statement_id", table_name="statement_word_pair")
    op.drop_table("statement_word_pair")
