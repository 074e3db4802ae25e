"""speaker identity by evidence; articles keep their feed id and author

An alias is evidence, not a store-wide key: several speakers may share one (every Clinton has
the surname "clinton"), each alias says whether it identifies its speaker across articles, and
a speaker may be local to one article (descriptions, surnames the article never tied to a full
name). Articles keep the id their feed gave them, unique per outlet, and their author.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("author", sa.String(length=500), nullable=True))
        batch_op.create_index(batch_op.f("ix_article_external_id"), ["external_id"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_article_outlet_id"), ["outlet_id", "external_id"]
        )

    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_speaker_name"), type_="unique")
        batch_op.add_column(sa.Column("article_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_speaker_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_speaker_article_id"), ["article_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_speaker_article_id_article"),
            "article",
            ["article_id"],
            ["id"],
            ondelete="CASCADE",
            use_alter=True,
        )

    with op.batch_alter_table("speaker_alias", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_speaker_alias_key"), type_="unique")
        batch_op.add_column(
            sa.Column("kind", sa.String(length=8), nullable=False, server_default="name")
        )
        batch_op.create_index(batch_op.f("ix_speaker_alias_key"), ["key"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_speaker_alias_speaker_id"), ["speaker_id", "key"]
        )
        batch_op.create_check_constraint(
            "kind", "kind IN ('name', 'surname', 'mention')"
        )


def downgrade() -> None:
    # Going back to one speaker per alias key: drop aliases whose key another speaker already
    # holds, and local speakers' aliases, so the old unique key can be restored.
    op.execute(
        "DELETE FROM speaker_alias WHERE id NOT IN "
        "(SELECT MIN(id) FROM speaker_alias GROUP BY key)"
    )
    with op.batch_alter_table("speaker_alias", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_speaker_alias_kind"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_speaker_alias_speaker_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_speaker_alias_key"))
        batch_op.drop_column("kind")
        batch_op.create_unique_constraint(batch_op.f("uq_speaker_alias_key"), ["key"])

    # Speaker names were unique: number the duplicates.
    op.execute(
        "UPDATE speaker SET name = name || ' #' || CAST(id AS VARCHAR(20)) WHERE id NOT IN "
        "(SELECT MIN(id) FROM speaker GROUP BY name)"
    )
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_speaker_article_id_article"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_speaker_article_id"))
        batch_op.drop_index(batch_op.f("ix_speaker_name"))
        batch_op.drop_column("article_id")
        batch_op.create_unique_constraint(batch_op.f("uq_speaker_name"), ["name"])

    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_article_outlet_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_article_external_id"))
        batch_op.drop_column("author")
        batch_op.drop_column("external_id")
