"""search by word part and phone digits; salutation and academic title fields

Revision ID: search_2
Revises: privacy_1
Create Date: 2026-12-04

``lead_fts_part`` is an FTS5 ``trigram`` index beside ``lead_fts``: one column ``words`` with the
folded first name, last name, company and city (umlauts and common accents dropped, ß → ss;
the table below is a copy of ``leaddesk.core.search.PART_FOLDS``, frozen here), one column
``phones`` with the digits of phone and mobile. Its external content is the view
``lead_fts_part_src``, so FTS5's own 'rebuild', 'delete' and integrity check work, and the
triggers read the view (the fold is written once). Names start with ``lead_fts`` so bulk paths
suspend these triggers with the others (``db.fts_triggers_suspended``).

``salutation`` (Anrede: "ms", "mr", "mx") and ``academic_title`` ("Dr.", "Prof. Dr.") become lead
fields; nullable with a server default like ``consent_wording`` (bulk inserts listing every
column write NULL, read as "").
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "search_2"
down_revision = "startup_1"
branch_labels = None
depends_on = None

_FOLDS = (
    ("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"),
    ("é", "e"), ("è", "e"), ("á", "a"), ("à", "a"), ("ó", "o"), ("ç", "c"),
)  # fmt: skip
_WORD_COLUMNS = ("first_name", "last_name", "company", "city")
_PHONE_PUNCTUATION = ("+", " ", "-", "/", "(", ")", ".")


def _fold_pairs() -> list[tuple[str, str]]:
    pairs = []
    for plain, folded in _FOLDS:
        pairs.append((plain, folded))
        upper = plain.upper()
        if len(upper) == 1 and upper != plain:
            pairs.append((upper, folded))
    return pairs


def _replace_chain(expr: str, pairs: list[tuple[str, str]]) -> str:
    for plain, folded in pairs:
        expr = f"replace({expr}, '{plain}', '{folded}')"
    return expr


#: Replacements per nesting level: SQLite's parser refuses ~40 nested calls in one expression.
_PER_LEVEL = 12


def _folded_source() -> str:
    """The view's FROM: ``w`` folded by nested sub-selects of a few replacements each.

    Each level refers to the one below once, so SQLite's flattening keeps the expression linear;
    text without non-ASCII letters (most rows) skips the whole chain (``CASE`` at the top).
    """
    pairs = _fold_pairs()
    words = " || ' ' || ".join(_WORD_COLUMNS)
    phones = f"{_digits('phone')} || ' ' || {_digits('mobile')}"
    src = f"SELECT id, ({words}) AS w0, ({words}) AS w, {phones} AS phones FROM lead"
    for start in range(0, len(pairs), _PER_LEVEL):
        chain = _replace_chain("w", pairs[start : start + _PER_LEVEL])
        src = f"SELECT id, w0, {chain} AS w, phones FROM ({src})"
    return f"SELECT id, CASE WHEN w0 GLOB '*[^ -~]*' THEN w ELSE w0 END AS w, phones FROM ({src})"


def _digits(col: str) -> str:
    """Digits of a phone column; stored numbers are E.164 ("+49711…"), only others take the chain."""
    chain = col
    for ch in _PHONE_PUNCTUATION:
        chain = f"replace({chain}, '{ch}', '')"
    return f"CASE WHEN {col} GLOB '*[^+0-9]*' THEN {chain} ELSE ltrim({col}, '+') END"


_VIEW = f"CREATE VIEW lead_fts_part_src AS SELECT id, w AS words, phones FROM ({_folded_source()})"
_TABLE = (
    "CREATE VIRTUAL TABLE lead_fts_part USING fts5(words, phones, content='lead_fts_part_src',"
    " content_rowid='id', tokenize='trigram', columnsize=0)"
)
_ADD = "INSERT INTO lead_fts_part(rowid, words, phones) SELECT id, words, phones FROM lead_fts_part_src"
_DROP = (
    "INSERT INTO lead_fts_part(lead_fts_part, rowid, words, phones)"
    " SELECT 'delete', id, words, phones FROM lead_fts_part_src"
)
_OF = ", ".join((*_WORD_COLUMNS, "phone", "mobile"))
# Measured on 100,000 demo leads: a rebuild of this index takes ~2x that of ``lead_fts`` (trigrams
# of ~45 characters a lead); e-mail addresses are left out (their parts are words of ``lead_fts``).
_TRIGGERS = (
    f"CREATE TRIGGER lead_fts_part_ai AFTER INSERT ON lead BEGIN {_ADD} WHERE id = new.id; END",
    f"CREATE TRIGGER lead_fts_part_bd BEFORE DELETE ON lead BEGIN {_DROP} WHERE id = old.id; END",
    f"CREATE TRIGGER lead_fts_part_bu BEFORE UPDATE OF {_OF} ON lead BEGIN {_DROP} WHERE id = old.id; END",
    f"CREATE TRIGGER lead_fts_part_au AFTER UPDATE OF {_OF} ON lead BEGIN {_ADD} WHERE id = new.id; END",
)


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: re-creating ``lead`` would cascade-delete its score rows.
    op.add_column("lead", sa.Column("salutation", sqlmodel.AutoString(), nullable=True, server_default=""))
    op.add_column(
        "lead", sa.Column("academic_title", sqlmodel.AutoString(), nullable=True, server_default="")
    )
    if op.get_bind().dialect.name != "sqlite":
        return  # the search indexes are SQLite's FTS5; see leaddesk/core/search.py for the rules
    op.execute(_VIEW)
    op.execute(_TABLE)
    for trigger in _TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO lead_fts_part(lead_fts_part) VALUES('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("lead_fts_part_au", "lead_fts_part_bu", "lead_fts_part_bd", "lead_fts_part_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS lead_fts_part")
        op.execute("DROP VIEW IF EXISTS lead_fts_part_src")
    op.execute("ALTER TABLE lead DROP COLUMN academic_title")
    op.execute("ALTER TABLE lead DROP COLUMN salutation")
