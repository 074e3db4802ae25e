"""articles keep the quotations that nothing in them attributes

A quotation that reads as speech but has no speaker, cue or nearby attribution is still news
to a journalist ("who said this?"), so the article keeps it, apart from its quotes. Articles
stored before this revision have none recorded (an empty list), until they are ingested again.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "unattributed", sa.JSON(), nullable=False, server_default=sa.text("'[]'")
        ))


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("unattributed")
