"""statement search by words: a trigram index on PostgreSQL

``GET /api/statements?q=`` finds statements holding the words anywhere (``ILIKE '%words%'``),
which without an index reads every statement: 50 ms at 10,000 quotes and growing with the
store (bench/lookup_scale.py). pg_trgm's GIN index answers it from the index. SQLite, the
embedded store, has no such index and keeps scanning; nothing changes there.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_statement_text_trgm", "statement", ["text"],
        postgresql_using="gin", postgresql_ops={"text": "gin_trgm_ops"},
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_statement_text_trgm", table_name="statement")
    # The extension stays: other objects of the database may use it.
