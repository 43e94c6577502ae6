"""one edit never pays for merging a bulk write's search index segments all at once

Revision ID: speed_2
Revises: speed_1
Create Date: 2026-12-06

SQLite's FTS5 merges a level of the index as soon as it holds 'crisismerge' segments (16), in the
write that adds the last one. A bulk write (an import, its undo) indexes its rows with the
merging put off (``fts_merges_deferred`` in leaddesk/core/db.py), so its segments were often
the 15 before an ordinary edit's one: right after importing 100,000 leads, editing one lead
took up to 0.9 s instead of 3 ms. At 64 such a merge waits for its level to fill much further;
the background thread merges the segments in short steps long before (``WalCheckpointer``),
and each write still merges a little as before ('automerge'). Measured right after imports and
undos of 100,000 leads: the slowest of 56 edits 915 ms before, 236 ms after (right after an
undo, waiting for a lock). PostgreSQL: nothing to do (its own indexes).
"""

from __future__ import annotations

from alembic import op

revision = "speed_2"
down_revision = "speed_1"
branch_labels = None
depends_on = None

#: The search indexes (leaddesk/core/db.py FTS_TABLES at this revision).
TABLES = ("lead_fts", "lead_fts_part")
CRISIS_MERGE = 64
#: FTS5's own default.
DEFAULT = 16


def _set(value: int) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        op.execute(f"INSERT INTO {table}({table}, rank) VALUES('crisismerge', {value})")


def upgrade() -> None:
    _set(CRISIS_MERGE)


def downgrade() -> None:
    _set(DEFAULT)
