"""data protection: erasure log, suppression list, audit log, consent wording and withdrawal

Revision ID: privacy_1
Revises: imports_2
Create Date: 2026-12-04

Erasing a person (Art. 17) leaves an anonymous skeleton and an entry in ``erasurelog``; the
person's e-mail, phone and name+company stay only as salted hashes in ``suppression``;
``auditentry`` records erasures, access exports, consent changes and restores.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "privacy_1"
down_revision = "imports_2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: re-creating ``lead`` would cascade-delete its score rows.
    op.add_column(
        "lead", sa.Column("consent_wording", sqlmodel.AutoString(), nullable=True, server_default="")
    )
    op.add_column("lead", sa.Column("consent_withdrawn_at", sa.DateTime(), nullable=True))
    op.add_column("lead", sa.Column("do_not_contact", sa.Boolean(), nullable=True, server_default="0"))
    op.create_table(
        "erasurelog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sqlmodel.AutoString(length=36), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_erasurelog_uid"), "erasurelog", ["uid"], unique=False)
    op.create_table(
        "suppression",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("what", sqlmodel.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.AutoString(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest", "kind"),
    )
    op.create_index(op.f("ix_suppression_digest"), "suppression", ["digest"], unique=False)
    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sqlmodel.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.AutoString(), nullable=False),
        sa.Column("subject", sqlmodel.AutoString(), nullable=False),
        sa.Column("detail", sqlmodel.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_auditentry_at"), "auditentry", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_auditentry_at"), table_name="auditentry")
    op.drop_table("auditentry")
    op.drop_index(op.f("ix_suppression_digest"), table_name="suppression")
    op.drop_table("suppression")
    op.drop_index(op.f("ix_erasurelog_uid"), table_name="erasurelog")
    op.drop_table("erasurelog")
    for column in ("do_not_contact", "consent_withdrawn_at", "consent_wording"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE lead DROP COLUMN {column}")  # SQLite 3.35+, in place
        else:
            op.drop_column("lead", column)
