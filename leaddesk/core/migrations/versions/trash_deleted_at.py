"""lead.deleted_at: the trash

Revision ID: trash_1
Revises: search_1
Create Date: 2026-12-04

A deleted lead goes to the trash (``erased`` with ``deleted_at`` set) and can be restored
until the trash is emptied, after 30 days or on request.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "trash_1"
down_revision = "search_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: re-creating ``lead`` would cascade-delete its score rows.
    op.add_column("lead", sa.Column("deleted_at", sa.DateTime(), nullable=True))
    op.create_index(op.f("ix_lead_deleted_at"), "lead", ["deleted_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_lead_deleted_at"), table_name="lead")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE lead DROP COLUMN deleted_at")  # SQLite 3.35+, in place
    else:
        op.drop_column("lead", "deleted_at")
