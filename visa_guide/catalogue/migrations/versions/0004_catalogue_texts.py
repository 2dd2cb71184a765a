"""catalogue_texts: the catalogue's text in its translated languages (catalogue/translations/<code>/).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("entry", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("catalogue_texts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_texts_language"), ["language"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("catalogue_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalogue_texts_language"))
    op.drop_table("catalogue_texts")
