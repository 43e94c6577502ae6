"""PostgreSQL: room on leadscore's pages for in-place score updates; the search text without SQL-function calls

Revision ID: pg_2
Revises: team_1
Create Date: 2026-12-05

Team mode (issue 16), speed; nothing changes on SQLite and no value changes anywhere.

``leadscore`` gets fillfactor 50 (rewritten once, in id order, to have it): a rescore rewrites
every row, and with a full page PostgreSQL writes each new row version elsewhere and adds a
primary-key entry for it; with room on the page the update stays on the page (HOT) and the
index is not touched. Measured for 25,000 rows: 115 → 62 ms; the table grows from ~0.7 to
~1.4 MB per 100,000 leads.

``leaddesk_search_text`` (the input of ``lead.search_vector``, migration pg_1) becomes PL/pgSQL
with ``leaddesk_fold`` written out in it, the same expression. As an SQL function PostgreSQL
cannot inline it (it calls ``unaccent``, which is only STABLE), so each lead written ran it
through the SQL-function executor: 15 µs a lead, 1.4 s of an import of 95,000 leads; PL/pgSQL
evaluates the expression as a cached simple expression, 7 µs. The stored column is not
recomputed (the results are the same); ``leaddesk_fold`` stays for the search queries.
"""

from __future__ import annotations

from alembic import op

revision = "pg_2"
down_revision = "team_1"
branch_labels = None
depends_on = None

LEADSCORE_FILLFACTOR = 50

SEARCH_TEXT_PLPGSQL = r"""
CREATE OR REPLACE FUNCTION leaddesk_search_text(VARIADIC parts text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN regexp_replace(
    replace(lower(public.unaccent('public.unaccent'::regdictionary,
            replace(replace(array_to_string(parts, ' '), 'ß', chr(1)), 'ẞ', chr(1)))), chr(1), 'ß'),
    '[[:space:][:punct:]]+', ' ', 'g');
END
$$
"""

#: pg_1's definition, for downgrade.
SEARCH_TEXT_SQL = r"""
CREATE OR REPLACE FUNCTION leaddesk_search_text(VARIADIC parts text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(leaddesk_fold(array_to_string(parts, ' ')), '[[:space:][:punct:]]+', ' ', 'g')
$$
"""


def _rewrite_leadscore() -> None:
    """Rewrite leadscore so its existing pages get the new fill factor (CLUSTER works in a
    transaction, VACUUM FULL does not); the table is not left marked as clustered."""
    op.execute("CLUSTER leadscore USING leadscore_pkey")
    op.execute("ALTER TABLE leadscore SET WITHOUT CLUSTER")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE leadscore SET (fillfactor = {LEADSCORE_FILLFACTOR})")
    _rewrite_leadscore()
    op.execute(SEARCH_TEXT_PLPGSQL)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(SEARCH_TEXT_SQL)
    op.execute("ALTER TABLE leadscore RESET (fillfactor)")
    _rewrite_leadscore()
