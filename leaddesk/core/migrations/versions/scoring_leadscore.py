"""computed scores in their own narrow table ``leadscore``

Revision ID: scoring_2
Revises: board_1
Create Date: 2026-11-23

Rescoring all leads rewrote every page of the wide lead table (~26 MB for 100,000 leads,
written to the WAL and checkpointed back) to change five small numbers per row. In their
own table the same rescore writes ~3 MB. A lead's score row is written by its first rescore
(every insert path rescores) and removed with the lead by the foreign key. Deliberately no
trigger on lead: a trigger makes SQLite keep a statement journal for every single-row insert
(~30 µs a lead with lead's nine indexes: +3.3 s for 100,000 demo leads). The score has no index of its own: maintaining
it cost a rescore ~70 ms, and a score-range filter scans the narrow table in a few ms. ``manual_score`` (a sum of hand-made
adjustments, rarely written) stays on the lead.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "scoring_2"
down_revision = "board_1"
branch_labels = None
depends_on = None

MOVED = ("fit_score", "engagement_score", "score", "score_flag", "score_expires_at")


def upgrade() -> None:
    op.create_table(
        "leadscore",
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("fit_score", sa.Integer(), nullable=False),
        sa.Column("engagement_score", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("score_flag", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("score_expires_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("lead_id"),
    )
    op.execute(f"INSERT INTO leadscore (lead_id, {', '.join(MOVED)}) SELECT id, {', '.join(MOVED)} FROM lead")
    op.drop_index("ix_lead_score", table_name="lead")
    # Plain ALTER TABLE (SQLite ≥ 3.35): a batch rebuild of lead would drop its FTS triggers.
    for column in MOVED:
        op.execute(f"ALTER TABLE lead DROP COLUMN {column}")


def downgrade() -> None:
    for column in ("fit_score", "engagement_score", "score"):
        op.execute(f"ALTER TABLE lead ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    op.execute("ALTER TABLE lead ADD COLUMN score_flag VARCHAR NOT NULL DEFAULT ''")
    # DATETIME is SQLite's spelling; PostgreSQL calls it TIMESTAMP.
    stamp = "DATETIME" if op.get_bind().dialect.name == "sqlite" else "TIMESTAMP"
    op.execute(f"ALTER TABLE lead ADD COLUMN score_expires_at {stamp}")
    op.execute(
        f"UPDATE lead SET ({', '.join(MOVED)}) = "
        f"(SELECT {', '.join(MOVED)} FROM leadscore s WHERE s.lead_id = lead.id)"
    )
    op.create_index("ix_lead_score", "lead", ["score"], unique=False)
    op.drop_table("leadscore")
