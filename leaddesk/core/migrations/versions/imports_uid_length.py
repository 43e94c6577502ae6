"""lead.uid up to 255 characters

Revision ID: imports_2
Revises: trash_1
Create Date: 2026-12-04

Address books write uids longer than a UUID ("urn:uuid:…" has 45 characters, Google and
Apple use longer ones). Imports replaced them by new ones, so a re-import or a database
merge no longer matched by uid. The column now takes 255 characters.

SQLite does not enforce a VARCHAR length, and rebuilding the lead table would drop its
search triggers and take seconds on 100,000 leads: only the declared type in the stored
table definition is changed (the documented ``writable_schema`` way for a change that leaves
the stored rows as they are). Other databases alter the column.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "imports_2"
down_revision = "trash_1"
branch_labels = None
depends_on = None


def _sqlite_declared_length(old: int, new: int) -> None:
    bind = op.get_bind()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar() or 0
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql(
            f"UPDATE sqlite_master SET sql = replace(sql, 'uid VARCHAR({old}) NOT NULL', 'uid VARCHAR({new}) NOT NULL')"
            " WHERE type = 'table' AND name = 'lead'"
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_declared_length(36, 255)
        return
    op.alter_column(
        "lead",
        "uid",
        existing_type=sqlmodel.sql.sqltypes.AutoString(length=36),
        type_=sqlmodel.sql.sqltypes.AutoString(length=255),
        existing_nullable=False,
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_declared_length(255, 36)
        return
    op.alter_column(
        "lead",
        "uid",
        existing_type=sqlmodel.sql.sqltypes.AutoString(length=255),
        type_=sa.String(length=36),
        existing_nullable=False,
    )
