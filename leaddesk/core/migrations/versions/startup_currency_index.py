"""partial index of the leads not in euros

Revision ID: startup_1
Revises: privacy_1
Create Date: 2026-12-04

The board's start reads the few leads whose currency is not the home currency (for sums per
currency). Without an index that is a scan of every wide lead row (~50 ms for 100,000 leads,
before the first paint); this partial index holds only those leads (usually none): ~0 ms.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "startup_1"
down_revision = "privacy_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No batch_alter_table on lead (re-creating it would cascade deletes); CREATE INDEX is plain.
    op.create_index(
        "ix_lead_currency_other",
        "lead",
        ["erased", "currency"],
        unique=False,
        sqlite_where=sa.text("currency != 'EUR'"),
        postgresql_where=sa.text("currency != 'EUR'"),
    )


def downgrade() -> None:
    op.drop_index("ix_lead_currency_other", table_name="lead")
