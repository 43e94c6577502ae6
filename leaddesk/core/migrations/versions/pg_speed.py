"""PostgreSQL: the search columns in their own table; room on leadscore's pages; the search text without SQL-function calls

Revision ID: pg_2
Revises: team_1
Create Date: 2026-12-05

Team mode (issue 16), speed; nothing changes on SQLite and no value changes anywhere.

``lead_search`` (one row per lead) takes over ``search_vector``, ``search_parts`` and
``search_phones`` (the same values, migration pg_1) with their three GIN indexes, kept up to date
by triggers on ``lead``. As generated columns of ``lead`` they made every write of a lead that
PostgreSQL cannot do in place (any change of an indexed column: stage, position, owner, …) add
~80 GIN entries for the row's new version, whether a searchable word changed or not: renaming a
user on 20,000 leads took 2.6 s, 1.1 s of it in the GIN indexes; a bulk move of 10,000, 0.5 s
of 1.1 s. Now only a change of a searchable column (first and last name, company, e-mail, city,
notes, phone, mobile) writes the search row. New and removed leads are handled per statement
(transition tables: one set-based write for an import's COPY of 5,000 leads).

``leadscore`` gets fillfactor 50 (rewritten once, in id order, to have it): a rescore rewrites
every row, and with a full page PostgreSQL writes each new row version elsewhere and adds a
primary-key entry for it; with room on the page the update stays on the page (HOT) and the
index is not touched. Measured for 25,000 rows: 115 → 62 ms; ~0.7 → ~1.4 MB per 100,000 leads.

``leaddesk_search_text`` becomes PL/pgSQL with ``leaddesk_fold`` written out in it, the same
expression. As an SQL function PostgreSQL cannot inline it (it calls ``unaccent``, which is only
STABLE), so each lead written ran it through the SQL-function executor: 15 µs a lead; PL/pgSQL
evaluates it as a cached simple expression, 7 µs. ``leaddesk_fold`` stays for the search queries.
"""

from __future__ import annotations

from alembic import op

from leaddesk.core.migrations.versions.pg_search import COLUMNS, PART_COLUMNS, PHONE_PUNCTUATION, _joined

revision = "pg_2"
down_revision = "team_1"
branch_labels = None
depends_on = None

LEADSCORE_FILLFACTOR = 50
SEARCH_COLUMNS = ("search_vector", "search_parts", "search_phones")
#: Name → (index method and column): pg_1's indexes, moved with their columns.
SEARCH_INDEXES = {
    "ix_lead_search": "gin (search_vector)",
    "ix_lead_search_parts": "gin (search_parts gin_trgm_ops)",
    "ix_lead_search_phones": "gin (search_phones gin_trgm_ops)",
}
#: The lead's columns the search values are made of.
SOURCE_COLUMNS = ("first_name", "last_name", "company", "email", "city", "notes", "phone", "mobile")


def _values(row: str = "") -> tuple[str, str, str]:
    """pg_1's three generated expressions over the lead ``row`` (an alias, NEW, or "" for the
    columns themselves)."""
    prefix = f"{row}." if row else ""
    cols = ", ".join(f"{prefix}{c}" for c in COLUMNS)
    vector = f"to_tsvector('simple'::regconfig, leaddesk_search_text({cols}))"
    parts = f"leaddesk_part_fold({_joined(tuple(prefix + c for c in PART_COLUMNS))})"
    digits = "translate({c}, '" + PHONE_PUNCTUATION + "', '')"
    phones = _joined((f"{prefix}phone", f"{prefix}mobile"), digits)
    return vector, parts, phones


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


def _triggers() -> list[str]:
    vector, parts, phones = _values("n")
    new_vector, new_parts, new_phones = _values("NEW")
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in SOURCE_COLUMNS)
    return [
        f"""CREATE FUNCTION leaddesk_search_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_search (lead_id, {", ".join(SEARCH_COLUMNS)})
  SELECT n.id, {vector}, {parts}, {phones} FROM added n;
  RETURN NULL;
END $$""",
        f"""CREATE FUNCTION leaddesk_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lead_search SET search_vector = {new_vector}, search_parts = {new_parts},
         search_phones = {new_phones}
   WHERE lead_id = NEW.id;
  RETURN NULL;
END $$""",
        """CREATE FUNCTION leaddesk_search_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_search s USING removed o WHERE s.lead_id = o.id;
  RETURN NULL;
END $$""",
        """CREATE FUNCTION leaddesk_search_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_search;  -- not TRUNCATE: the statement may be truncating both tables
  RETURN NULL;
END $$""",
        "CREATE TRIGGER lead_search_ai AFTER INSERT ON lead REFERENCING NEW TABLE AS added "
        "FOR EACH STATEMENT EXECUTE FUNCTION leaddesk_search_added()",
        f"CREATE TRIGGER lead_search_au AFTER UPDATE OF {', '.join(SOURCE_COLUMNS)} ON lead "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION leaddesk_search_changed()",
        "CREATE TRIGGER lead_search_ad AFTER DELETE ON lead REFERENCING OLD TABLE AS removed "
        "FOR EACH STATEMENT EXECUTE FUNCTION leaddesk_search_removed()",
        "CREATE TRIGGER lead_search_at AFTER TRUNCATE ON lead "
        "FOR EACH STATEMENT EXECUTE FUNCTION leaddesk_search_emptied()",
    ]


_TRIGGERS = ("lead_search_ai", "lead_search_au", "lead_search_ad", "lead_search_at")
_FUNCTIONS = (
    "leaddesk_search_added", "leaddesk_search_changed", "leaddesk_search_removed", "leaddesk_search_emptied"
)  # fmt: skip


def _rewrite_leadscore() -> None:
    """Rewrite leadscore so its existing pages get the new fill factor (CLUSTER works in a
    transaction, VACUUM FULL does not); the table is not left marked as clustered."""
    op.execute("CLUSTER leadscore USING leadscore_pkey")
    op.execute("ALTER TABLE leadscore SET WITHOUT CLUSTER")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(SEARCH_TEXT_PLPGSQL)
    op.execute(
        "CREATE TABLE lead_search (lead_id integer PRIMARY KEY, search_vector tsvector NOT NULL, "
        "search_parts text NOT NULL, search_phones text NOT NULL)"
    )
    op.execute(f"INSERT INTO lead_search SELECT id, {', '.join(SEARCH_COLUMNS)} FROM lead")
    for name in SEARCH_INDEXES:
        op.execute(f"DROP INDEX {name}")
    for column in SEARCH_COLUMNS:
        op.execute(f"ALTER TABLE lead DROP COLUMN {column}")
    for name, how in SEARCH_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON lead_search USING {how}")
    for statement in _triggers():
        op.execute(statement)
    op.execute(f"ALTER TABLE leadscore SET (fillfactor = {LEADSCORE_FILLFACTOR})")
    _rewrite_leadscore()


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE leadscore RESET (fillfactor)")
    _rewrite_leadscore()
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON lead")
    for name in _FUNCTIONS:
        op.execute(f"DROP FUNCTION {name}()")
    op.execute("DROP TABLE lead_search")
    op.execute(SEARCH_TEXT_SQL)
    vector, parts, phones = _values()
    for column, expr in zip(SEARCH_COLUMNS, (vector, parts, phones), strict=True):
        kind = "tsvector" if column == "search_vector" else "text"
        op.execute(f"ALTER TABLE lead ADD COLUMN {column} {kind} GENERATED ALWAYS AS ({expr}) STORED")
    for name, how in SEARCH_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON lead USING {how}")
