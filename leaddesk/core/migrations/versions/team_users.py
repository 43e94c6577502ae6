"""team mode: the user list; every owner named on a lead becomes a user

Revision ID: team_1
Revises: pg_1
Create Date: 2026-12-05

Issue 16 part 5 ("People"). The owners so far were only the free text of ``lead.owner`` (the
Settings dialog listed its distinct values, nothing else stored them); each distinct name
(trimmed, the first spelling of names equal but for case) becomes an active user with initials
made from it. ``lead`` itself is not touched. Down drops the table; the owners stay on the leads.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "team_1"
down_revision = "pg_1"
branch_labels = None
depends_on = None


def _initials(name: str) -> str:
    """Frozen copy of ``leaddesk.core.people.initials_of``: "Anna Berger" → "AB", "anna" → "AN"."""
    words = name.split()
    letters = words[0][:1] + words[-1][:1] if len(words) > 1 else name[:2]
    return letters.upper()


def upgrade() -> None:
    users = op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.AutoString(length=200), nullable=False),
        sa.Column("initials", sqlmodel.AutoString(length=8), nullable=False),
        sa.Column("email", sqlmodel.AutoString(length=320), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    owners = op.get_bind().execute(sa.text("SELECT DISTINCT owner FROM lead WHERE owner <> ''")).scalars()
    names: dict[str, str] = {}
    for owner in sorted(" ".join(o.split())[:200] for o in owners):
        if owner:
            names.setdefault(owner.casefold(), owner)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {"name": n, "initials": _initials(n), "email": "", "active": True, "created_at": now}
        for n in sorted(names.values(), key=str.casefold)
    ]
    if rows:
        op.bulk_insert(users, rows)


def downgrade() -> None:
    op.drop_table("user")
