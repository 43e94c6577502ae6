"""saved filters: named board filters shared by everyone using the database

Revision ID: settings_1
Revises: privacy_1
Create Date: 2026-12-04

A new table only; ``lead`` is not touched.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "settings_1"
down_revision = "search_2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "savedfilter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.AutoString(length=200), nullable=False),
        sa.Column("spec", sqlmodel.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("savedfilter")
