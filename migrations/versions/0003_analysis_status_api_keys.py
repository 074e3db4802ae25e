"""articles say whether their analysis was complete; API keys for writers

An article whose analysis stopped at the time budget is stored with status ``partial``; a note
says what was left out or cut (sentences too long for the parser are parsed in pieces). Writes
to the API need a key; only its sha256 is stored.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "analysis_status", sa.String(length=10), nullable=False, server_default="complete"
        ))
        batch_op.add_column(sa.Column("analysis_note", sa.Text(), nullable=True))
        batch_op.create_check_constraint(
            "analysis_status", "analysis_status IN ('complete', 'partial')"
        )

    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_key_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_api_key_name")),
    )


def downgrade() -> None:
    op.drop_table("api_key")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_article_analysis_status"), type_="check")
        batch_op.drop_column("analysis_note")
        batch_op.drop_column("analysis_status")
