"""What the board reads: every column's ids in order, the ids a filter keeps, card rows, thresholds.

The board keeps one in-memory snapshot of (id, stage, position, value) for all leads — about
65 ms and a few MB for 100,000 leads through the covering index ``ix_lead_board`` — and narrows
it with id sets. A search keystroke then costs one FTS5 look-up (≈1 ms for "mül") plus a pass
over Python lists, instead of re-sorting the lead table per keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import select

from leaddesk.core.db import Database, driver_rows, fts_match_expression, is_sqlite
from leaddesk.core.models import Lead, ScoreSettings
from leaddesk.core.services.query import LeadFilter, rows_by_id, where_clauses
from leaddesk.core.stages import ALL_STAGES

#: Columns a board card shows (plus id); fetched lazily for the rows in view.
CARD_COLUMNS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "company",
    "score",
    "score_flag",
    "bant_confirmed",
    "has_qualification",
    "next_follow_up",
    "source",
    "value",
    "currency",
    "stage",
    "owner",
    "version",
)

DEFAULT_MQL_THRESHOLD = 50
DEFAULT_SQL_THRESHOLD = 80


@dataclass
class BoardSnapshot:
    """Board order per stage plus each lead's position and value (for sums and inserts)."""

    ids: dict[str, list[int]] = field(default_factory=dict)
    position: dict[int, float] = field(default_factory=dict)
    value: dict[int, float] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.position)


def load_board(db: Database) -> BoardSnapshot:
    """Every live lead's id, stage, position and value in board order (one covering-index scan).

    The rows go through the DBAPI cursor: SQLAlchemy's Row objects cost ~100 ms more for
    100,000 rows, and this runs before the first paint. The SQL is still SQLAlchemy's, compiled
    for the engine's dialect.
    """
    stmt = (
        select(Lead.id, Lead.stage, Lead.position, Lead.value)
        .where(Lead.erased.is_(False))
        .order_by(Lead.stage, Lead.position, Lead.id)
    )
    rows = _raw_rows(db, str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True})))
    snap = BoardSnapshot(ids={s.value: [] for s in ALL_STAGES})
    for stage, group in groupby(rows, key=itemgetter(1)):
        snap.ids[stage] = [r[0] for r in group]
    snap.position = {r[0]: r[2] for r in rows}
    snap.value = {r[0]: r[3] for r in rows}
    return snap


def _raw_rows(db: Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """All rows of ``sql`` through the DBAPI cursor (plain tuples, no Row objects)."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()
    finally:
        raw.close()


def matching_ids(db: Database, f: LeadFilter) -> set[int] | None:
    """Ids of leads the filter keeps, or None when it keeps everything (the stages part is ignored).

    A search alone asks the FTS index directly; other filters run one indexed ``SELECT id``.
    """
    f = replace(f, stages=())
    if f.is_empty:
        return None
    sqlite = is_sqlite(db.engine)
    if sqlite and f == LeadFilter(search=f.search, tz=f.tz):
        expression = fts_match_expression(f.search)
        if expression is None:
            return None
        # Driver cursor: "m" matches ~50,000 rows, which SQLAlchemy's rows would make 2x slower.
        return {
            row[0]
            for row in _raw_rows(db, "SELECT rowid FROM lead_fts WHERE lead_fts MATCH ?", (expression,))
        }
    clauses = where_clauses(f, sqlite=sqlite)
    if len(clauses) == 1:  # only "not erased": e.g. a search of punctuation
        return None
    stmt = select(Lead.id).where(*clauses)
    if not sqlite:
        with db.engine.connect() as conn:
            return set(conn.execute(stmt).scalars())
    # Driver cursor, as above: a score range can keep 40,000 leads (~90 ms less than Row objects).
    with db.engine.connect() as conn:
        return {row[0] for row in driver_rows(conn, stmt)}


def card_rows(db: Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The card columns of the given leads (missing ids are simply absent)."""
    return rows_by_id(db, ids, CARD_COLUMNS)


def score_thresholds(db: Database) -> tuple[int, int]:
    """(MQL, SQL) thresholds from ScoreSettings row 1; 50/80 when scoring was never configured."""
    with db.engine.connect() as conn:
        row = conn.execute(
            select(ScoreSettings.mql_threshold, ScoreSettings.sql_threshold).where(ScoreSettings.id == 1)
        ).first()
    if row is None:
        return DEFAULT_MQL_THRESHOLD, DEFAULT_SQL_THRESHOLD
    return int(row[0]), int(row[1])
