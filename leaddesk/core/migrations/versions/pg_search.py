"""PostgreSQL: search with folded words (unaccent), trigram support, SQLite's ``instr``

Revision ID: pg_1
Revises: settings_1
Create Date: 2026-12-04

Team mode (issue 16). On SQLite nothing changes (FTS5 made in the first migration stays the
search index). On PostgreSQL the lead gets ``search_vector``: a stored generated ``tsvector``
of the searchable columns folded as FTS5's ``unicode61 remove_diacritics 2`` folds them (lower
case, accents dropped by ``unaccent``, but ß kept, punctuation separating words), with a GIN
index. :func:`leaddesk.core.db.search_ids` turns what a person types into the matching
``tsquery`` (every word a prefix, the same umlaut spellings as on SQLite).

Word parts and phone digits (the rules of leaddesk/core/search.py, which SQLite answers with the
FTS5 trigram index of "search_2"): ``search_parts``, a stored generated column of first name, last
name, company and city folded as ``leaddesk.core.search.fold_part`` folds (lower case, the table
below, a frozen copy of ``PART_FOLDS``, with upper-case letters too so a server with the C locale
folds them alike), and ``search_phones``, the digits of phone and mobile; both with ``pg_trgm``
GIN indexes, which answer ``LIKE '%part%'`` for parts of three or more characters.

``instr`` is defined so the few SQL expressions shared by both engines (the scoring fields) read
the same.
"""

from __future__ import annotations

from alembic import op

revision = "pg_1"
down_revision = "settings_1"
branch_labels = None
depends_on = None

#: The searchable columns, in FTS5's order.
COLUMNS = ("first_name", "last_name", "company", "email", "city", "notes")

# unaccent() is only STABLE (its dictionary could change); LeadDesk's folding pins the dictionary,
# which makes it safe for a generated column. ß is kept (unaccent would make it "ss"), as FTS5 does.
FOLD = r"""
CREATE OR REPLACE FUNCTION leaddesk_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT replace(lower(public.unaccent('public.unaccent'::regdictionary,
                 replace(replace(t, 'ß', chr(1)), 'ẞ', chr(1)))), chr(1), 'ß')
$$
"""

SEARCH_TEXT = r"""
CREATE OR REPLACE FUNCTION leaddesk_search_text(VARIADIC parts text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(leaddesk_fold(array_to_string(parts, ' ')), '[[:space:][:punct:]]+', ' ', 'g')
$$
"""

INSTR = """
CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT strpos(haystack, needle) $$
"""


#: ``leaddesk.core.search.PART_FOLDS``, frozen (a test keeps them equal).
_FOLDS = (
    ("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"),
    ("é", "e"), ("è", "e"), ("á", "a"), ("à", "a"), ("ó", "o"), ("ç", "c"),
)  # fmt: skip
PART_COLUMNS = ("first_name", "last_name", "company", "city")
#: What ``search_2`` strips from a phone number that is not plain E.164.
PHONE_PUNCTUATION = "+ -/()."


def _part_fold() -> str:
    pairs = []
    for plain, folded in _FOLDS:
        pairs.append((plain, folded))
        upper = plain.upper()
        if len(upper) == 1 and upper != plain:
            pairs.append((upper, folded))
    expr = "lower(t)"
    for plain, folded in pairs:
        expr = f"replace({expr}, '{plain}', '{folded}')"
    return f"""
CREATE OR REPLACE FUNCTION leaddesk_part_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT {expr} $$
"""


def _joined(columns: tuple[str, ...], each: str = "{c}") -> str:
    return " || ' ' || ".join(each.format(c=f"coalesce({c}, '')") for c in columns)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(FOLD)
    op.execute(SEARCH_TEXT)
    op.execute(INSTR)
    cols = ", ".join(COLUMNS)
    op.execute(
        "ALTER TABLE lead ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple'::regconfig, leaddesk_search_text({cols}))) STORED"
    )
    op.execute("CREATE INDEX ix_lead_search ON lead USING gin (search_vector)")
    op.execute(_part_fold())
    op.execute(
        "ALTER TABLE lead ADD COLUMN search_parts text GENERATED ALWAYS AS "
        f"(leaddesk_part_fold({_joined(PART_COLUMNS)})) STORED"
    )
    digits = "translate({c}, '" + PHONE_PUNCTUATION + "', '')"
    op.execute(
        "ALTER TABLE lead ADD COLUMN search_phones text GENERATED ALWAYS AS "
        f"({_joined(('phone', 'mobile'), digits)}) STORED"
    )
    op.execute("CREATE INDEX ix_lead_search_parts ON lead USING gin (search_parts gin_trgm_ops)")
    op.execute("CREATE INDEX ix_lead_search_phones ON lead USING gin (search_phones gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_lead_search_phones")
    op.execute("DROP INDEX IF EXISTS ix_lead_search_parts")
    op.execute("ALTER TABLE lead DROP COLUMN IF EXISTS search_phones")
    op.execute("ALTER TABLE lead DROP COLUMN IF EXISTS search_parts")
    op.execute("DROP FUNCTION IF EXISTS leaddesk_part_fold(text)")
    op.execute("DROP INDEX IF EXISTS ix_lead_search")
    op.execute("ALTER TABLE lead DROP COLUMN IF EXISTS search_vector")
    op.execute("DROP FUNCTION IF EXISTS leaddesk_search_text(text[])")
    op.execute("DROP FUNCTION IF EXISTS leaddesk_fold(text)")
    op.execute("DROP FUNCTION IF EXISTS instr(text, text)")
