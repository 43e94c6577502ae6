"""What every report reads, loaded once: one row of facts per lead, distilled from the stage history.

The reports ask many questions of the same few facts (when did a lead first reach MQL, SQL,
Won; was it lost and why; when did sales first answer). Reading them is the expensive part
(~1 s for 100,000 leads with 200,000 moves, mostly SQLite grouping the history); answering a
new period or filter from them is cheap. So the facts are read in a handful of grouped,
set-based queries into plain columns (:class:`ReportData`), and :class:`ReportSource` keeps
them: changing the period in the reports window does not read the history again, and after a
write it re-reads only the leads the write named (the :class:`~leaddesk.core.changes.Changes`
every committed transaction publishes) and splices them in, so a moved card costs
milliseconds, not a second.

SQL spelled for the engine by :class:`leaddesk.core.db.SqlFlavor`, as the scoring compiler's.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import col

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database, SqlFlavor, data_version, driver_rows, sql_flavor
from leaddesk.core.models import Lead, utcnow
from leaddesk.core.reports.query import to_jd
from leaddesk.core.services.activities import CALL, EMAIL, MEETING
from leaddesk.core.services.board import HOME_CURRENCY, currency_code
from leaddesk.core.services.query import tag_clause

#: Activities that count as sales answering an MQL (not marketing touches such as downloads).
SALES_KINDS: tuple[str, ...] = (CALL, EMAIL, MEETING)

#: Funnel rank of a stage; Lost stands apart (None).
RANK: dict[str | None, int] = {"lead": 0, "mql": 1, "sql": 2, "won": 3}

_STAGE_CODE = (
    "CASE {col} WHEN 'lead' THEN 0 WHEN 'mql' THEN 1 WHEN 'sql' THEN 2"
    " WHEN 'won' THEN 3 WHEN 'lost' THEN 4 END"
)


#: Every move: lead, stage index moved into, kind (see ``move_kind``), time, and the stored
#: reason where reports read it (why lost; the score that made an MQL). Codes are computed by
#: SQLite, which is much cheaper than a Python branch per move.
def _moves_sql(flavor: SqlFlavor) -> str:
    return f"""
SELECT lead_id, to_code,
  CASE WHEN from_code IS NULL THEN {0}
       WHEN to_code = 4 THEN {5}
       WHEN from_code = 4 THEN {4}
       WHEN to_code < from_code THEN {3}
       WHEN to_code > from_code + 1 THEN {2}
       ELSE {1} END,
  j, why, from_stage
FROM (SELECT lead_id, {_STAGE_CODE.format(col="to_stage")} AS to_code,
             {_STAGE_CODE.format(col="from_stage")} AS from_code, {flavor.julianday("at")} AS j,
             CASE WHEN to_stage = 'lost' THEN COALESCE(reason, '')
                  WHEN to_stage = 'mql' AND (reason LIKE 'Score %' OR reason LIKE 'Accepted score%')
                  THEN reason END AS why,
             from_stage
      FROM stagechange) AS m
WHERE to_code IS NOT NULL
"""


#: Live leads: not erased, not in the trash (the board does not show those either).
def _leads_sql(flavor: SqlFlavor) -> str:
    return f"""
SELECT l.id, {flavor.julianday("l.created_at")}, l.source, l.owner, l.value, l.currency, l.stage,
  COALESCE(s.score, 0)
FROM lead l LEFT JOIN leadscore s ON s.lead_id = l.id
WHERE l.erased = {flavor.false} AND l.deleted_at IS NULL
"""


#: First sales activity at or after the first arrival in MQL, per lead that ever reached MQL.
def _handover_sql(flavor: SqlFlavor) -> str:
    first = f"""(SELECT MIN(a.at) FROM activity a
             WHERE a.lead_id = h.lead_id AND a.kind IN ({", ".join(f"'{k}'" for k in SALES_KINDS)})
               AND a.at >= h.t)"""
    return f"""
SELECT h.lead_id,
  {flavor.julianday(first)}
FROM (SELECT lead_id, MIN(at) AS t FROM stagechange WHERE to_stage = 'mql' GROUP BY lead_id) AS h
"""


_SCORE_IN_REASON = re.compile(r"^(?:Score (-?\d+) reached|Accepted score suggestion \(score (-?\d+)\))")


def score_in_reason(reason: str) -> int | None:
    """The score a move's stored reason names ("Score 62 reached the MQL threshold (50)")."""
    m = _SCORE_IN_REASON.match(reason)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


@dataclass(frozen=True)
class LostMove:
    index: int  # the lead's row in ReportData
    from_stage: str
    reason: str
    at: float  # Julian day


#: Move kinds (``ReportData.m_kind``).
CREATED, FORWARD, SKIPPING, BACKWARD, RECYCLED, TO_LOST = range(6)
STAGE_INDEX: dict[str, int] = {"lead": 0, "mql": 1, "sql": 2, "won": 3, "lost": 4}


def move_kind(from_stage: str | None, to_stage: str) -> int:
    """The kind of a move, as ``MOVES_SQL`` computes it in SQLite (a test keeps the two alike)."""
    if from_stage is None:
        return CREATED
    if to_stage == "lost":
        return TO_LOST
    if from_stage == "lost":
        return RECYCLED
    step = RANK[to_stage] - RANK.get(from_stage, 0)
    if step < 0:
        return BACKWARD
    return SKIPPING if step > 1 else FORWARD


@dataclass
class ReportData:
    """Column lists, one entry per live lead in order of creation; times are Julian days (UTC).

    Everything a report needs per lead is derived here once, so a report over a period is a
    slice (leads are sorted by creation) and a few C-level passes (``sum``, ``compress``).
    """

    loaded_at: datetime
    #: ``time.perf_counter()`` when reading finished (tells a caller whether it read just now).
    loaded_at_counter: float = 0.0
    ids: list[int] = field(default_factory=list)
    created: list[float] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    owner: list[str] = field(default_factory=list)
    #: Value in the home currency (0 for other currencies, which are never added to it).
    value: list[float] = field(default_factory=list)
    home: list[bool] = field(default_factory=list)
    stage: list[str] = field(default_factory=list)
    score: list[int] = field(default_factory=list)
    #: First arrival in each stage (None: never moved into it).
    t_mql: list[float | None] = field(default_factory=list)
    t_sql: list[float | None] = field(default_factory=list)
    t_won: list[float | None] = field(default_factory=list)
    t_lost: list[float | None] = field(default_factory=list)
    #: Highest funnel rank ever reached (0 lead … 3 won); an earlier stage counts as passed.
    reach: list[int] = field(default_factory=list)
    is_mql: list[bool] = field(default_factory=list)
    is_sql: list[bool] = field(default_factory=list)
    is_won: list[bool] = field(default_factory=list)
    ever_lost: list[bool] = field(default_factory=list)
    skipped_mql: list[bool] = field(default_factory=list)
    skipped_sql: list[bool] = field(default_factory=list)
    skipped_won: list[bool] = field(default_factory=list)
    went_back: list[bool] = field(default_factory=list)
    recycled: list[bool] = field(default_factory=list)
    is_open: list[bool] = field(default_factory=list)
    #: Days from first arrival in the stage to first arrival in a later one or Lost (None: not left).
    d_lead: list[float | None] = field(default_factory=list)
    d_mql: list[float | None] = field(default_factory=list)
    d_sql: list[float | None] = field(default_factory=list)
    #: Still in the stage now without a measured stay there.
    still_lead: list[bool] = field(default_factory=list)
    still_mql: list[bool] = field(default_factory=list)
    still_sql: list[bool] = field(default_factory=list)
    velocity: list[float | None] = field(default_factory=list)
    #: First sales activity at or after the first arrival in MQL.
    first_sales: list[float | None] = field(default_factory=list)
    #: Score named by the move into MQL, where the history recorded it.
    mql_score: list[int | None] = field(default_factory=list)
    #: Moves recorded for the lead, and a sum over their times and stages in time order
    #: (``_move_key``): what splicing compares to tell a grown history from a rewritten one.
    n_moves: list[int] = field(default_factory=list)
    moves_key: list[float] = field(default_factory=list)
    #: Bit i set: enabled scoring rule i gives the lead points now (Won and Lost leads only).
    rule_bits: list[int] = field(default_factory=list)
    rule_names: tuple[str, ...] = ()
    lost_moves: list[LostMove] = field(default_factory=list)
    #: Every move in time order: the lead's row, the stage moved into (STAGE_INDEX), kind, time.
    m_index: list[int] = field(default_factory=list)
    m_to: list[int] = field(default_factory=list)
    m_kind: list[int] = field(default_factory=list)
    m_at: list[float] = field(default_factory=list)
    #: Rows of the leads that reached MQL by moving into it, in order of that first arrival.
    mql_rows: list[int] = field(default_factory=list)
    mql_times: list[float] = field(default_factory=list)
    index_of: dict[int, int] = field(default_factory=dict)
    home_currency: str = HOME_CURRENCY
    #: The ids a partial read (``load(..., ids=…)``) asked for; None for a full read.
    asked_for: frozenset[int] | None = None
    #: Lead ids per tag (folded), filled on demand.
    _tags: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)
    #: Handover per (zone, days allowed, weekdays worked): row → (local deadline, answered after
    #: it), filled on demand.
    _deadlines: dict[tuple[str, int, tuple[int, ...]], dict[int, tuple[float, bool]]] = field(
        default_factory=dict, repr=False
    )
    #: Rows spliced since the handover deadlines were cached: worked out again on the next use.
    deadline_todo: set[int] = field(default_factory=set, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def splice(self, part: ReportData) -> bool:
        """Put the freshly read facts of a few leads (``load(..., ids=…)``) in place of their old ones.

        New leads join at the end (they were created last); a changed one keeps its row. Returns
        False, changing nothing, when that is not possible — a lead gone from ``part`` (deleted,
        erased, merged away), a creation time that moved, a new lead older than the newest kept,
        other scoring rules — and the caller reads everything again.
        """
        if part.rule_names != self.rule_names:
            return False
        rows: list[int] = []
        appended = 0
        last = (self.created[-1], self.ids[-1]) if self.ids else None
        for j, lead_id in enumerate(part.ids):
            row = self.index_of.get(lead_id)
            if row is None:
                if last is not None and (part.created[j], lead_id) < last:
                    return False
                row = len(self.ids) + appended
                appended += 1
            elif part.created[j] != self.created[row]:
                return False
            rows.append(row)
        # Leads asked for but not read back are gone: only a full read renumbers the rows.
        if part.asked_for is not None and not (part.asked_for & self.index_of.keys()) <= set(part.ids):
            return False
        n_before = len(self.ids)
        old = {r: (self.n_moves[r], self.moves_key[r], self.t_mql[r]) for r in rows if r < n_before}
        for name in PER_LEAD:
            column, fresh = getattr(self, name), getattr(part, name)
            for j, row in enumerate(rows):
                if row < len(column):
                    column[row] = fresh[j]
                else:
                    column.append(fresh[j])
        for j in range(len(part.ids) - appended, len(part.ids)):
            self.index_of[part.ids[j]] = rows[j]
        if not self._splice_moves(part, rows, old):
            self._replace_moves(part, rows)
        for row in rows:
            before = old[row][2] if row in old else None
            if before != self.t_mql[row]:
                self._reorder_mql(row, before, self.t_mql[row])
        self._tags.clear()
        self.deadline_todo.update(rows)
        self.loaded_at = part.loaded_at
        self.loaded_at_counter = part.loaded_at_counter
        return True

    def _splice_moves(self, part: ReportData, rows: list[int], old: dict[int, tuple[int, Any, Any]]) -> bool:
        """The usual case in O(changed): a lead's history changed only at its newest end — moves
        added (a move), taken back (an undo), or both (an undo, then another move). False when
        it changed otherwise; nothing is touched then."""
        mine: list[list[tuple[int, int, float]]] = [[] for _ in rows]
        for j, to, kind, at in zip(part.m_index, part.m_to, part.m_kind, part.m_at, strict=True):
            mine[j].append((to, kind, at))
        # The newest few moves of each changed lead, by position, from one scan from the end.
        newest: dict[int, list[int]] = {row: [] for row in rows if row in old and old[row][0]}
        wanted = {row: min(old[row][0], TAIL) for row in newest}
        for pos in range(len(self.m_index) - 1, -1, -1):
            if not wanted:
                break
            row = self.m_index[pos]
            if row in wanted:
                newest[row].append(pos)
                wanted[row] -= 1
                if not wanted[row]:
                    del wanted[row]
        added: list[tuple[int, int, int, float]] = []
        positions: list[int] = []
        for j, row in enumerate(rows):
            moves = mine[j]
            if row not in old:
                added += [(row, *m) for m in moves]
                continue
            count, key, _t = old[row]
            tail = newest.get(row, [])
            for keep in range(min(len(moves), count), count - len(tail) - 1, -1):
                taken = tail[: count - keep]
                taken_key = sum(_move_key(self.m_to[p], self.m_at[p]) for p in taken)
                if abs(_key_of(moves[:keep]) + taken_key - key) <= 1e-6:
                    positions += taken
                    added += [(row, *m) for m in moves[keep:]]
                    break
            else:
                return False
        gone = {(self.m_index[p], self.m_at[p]) for p in positions if self.m_to[p] == 4}
        for pos in sorted(positions, reverse=True):
            columns: tuple[list[Any], ...] = (self.m_index, self.m_to, self.m_kind, self.m_at)
            for column in columns:
                del column[pos]
        if gone:
            self.lost_moves = [m for m in self.lost_moves if (m.index, m.at) not in gone]
        lost = {(rows[m.index], m.at): m for m in part.lost_moves}
        for row, to, kind, at in sorted(added, key=itemgetter(3)):
            pos = len(self.m_at) if not self.m_at or at >= self.m_at[-1] else bisect_right(self.m_at, at)
            self.m_index.insert(pos, row)
            self.m_to.insert(pos, to)
            self.m_kind.insert(pos, kind)
            self.m_at.insert(pos, at)
            if to == 4 and (row, at) in lost:
                m = lost[(row, at)]
                where = bisect_right(self.lost_moves, at, key=attrgetter("at"))
                self.lost_moves.insert(where, LostMove(row, m.from_stage, m.reason, at))
        return True

    def _replace_moves(self, part: ReportData, rows: list[int]) -> None:
        """Any change of the leads' histories, in O(all moves): drop their old moves, add the new."""
        touched = set(rows)
        keep = [i not in touched for i in self.m_index]
        old: tuple[list[Any], ...] = (self.m_index, self.m_to, self.m_kind, self.m_at)
        columns = [list(compress(c, keep)) for c in old]
        new = list(zip([rows[j] for j in part.m_index], part.m_to, part.m_kind, part.m_at, strict=True))
        merged = sorted([*zip(*columns, strict=True), *new], key=itemgetter(3))
        columns = [list(c) for c in zip(*merged, strict=True)] if merged else [[], [], [], []]
        self.m_index, self.m_to, self.m_kind, self.m_at = columns
        self.lost_moves = sorted(
            [m for m in self.lost_moves if m.index not in touched]
            + [LostMove(rows[m.index], m.from_stage, m.reason, m.at) for m in part.lost_moves],
            key=attrgetter("at"),
        )

    def _reorder_mql(self, row: int, before: float | None, after: float | None) -> None:
        """Keep ``mql_times``/``mql_rows`` sorted by (time, row) as a full read would."""
        if before is not None:
            pos = bisect_left(self.mql_times, before)
            while self.mql_rows[pos] != row:
                pos += 1
            del self.mql_times[pos], self.mql_rows[pos]
        if after is not None:
            pos = bisect_left(self.mql_times, after)
            while pos < len(self.mql_times) and self.mql_times[pos] == after and self.mql_rows[pos] < row:
                pos += 1
            self.mql_times.insert(pos, after)
            self.mql_rows.insert(pos, row)


def _move_key(stage: int, at: float) -> float:
    """One move's share of ``ReportData.moves_key``: its time plus its stage, kept apart."""
    return at + 1000.0 * stage


def _key_of(moves: list[tuple[int, int, float]]) -> float:
    """``moves_key`` of (stage, kind, time) moves in time order, added up as :func:`load` does."""
    key = 0.0
    for to, _kind, at in moves:
        key += _move_key(to, at)
    return key


#: How many of a lead's newest moves a splice may take back (an undo takes back one).
TAIL = 4

#: The columns with one entry per lead (in the order of ``ids``), which :meth:`ReportData.splice`
#: replaces row by row; every other list is per move or derived from these.
PER_LEAD: tuple[str, ...] = (
    "ids", "created", "source", "owner", "value", "home", "stage", "score",
    "t_mql", "t_sql", "t_won", "t_lost", "reach", "is_mql", "is_sql", "is_won", "ever_lost",
    "skipped_mql", "skipped_sql", "skipped_won", "went_back", "recycled", "is_open",
    "d_lead", "d_mql", "d_sql", "still_lead", "still_mql", "still_sql", "velocity",
    "first_sales", "mql_score", "rule_bits", "n_moves", "moves_key",
)  # fmt: skip
#: Lists that are not per lead: moves in time order, and the MQL arrivals derived from ``t_mql``.
PER_MOVE: tuple[str, ...] = ("m_index", "m_to", "m_kind", "m_at", "lost_moves", "mql_rows", "mql_times")


def _rule_bits(conn: Connection, now: datetime, only: str = "") -> tuple[tuple[str, ...], dict[int, int]]:
    """Which enabled rule gives which Won or Lost lead points now, as one bit mask per lead."""
    from leaddesk.core.scoring.compile import build_query, run
    from leaddesk.core.scoring.store import get_rules

    rules = [r for r in get_rules(conn) if r.enabled][:62]
    if not rules:
        return (), {}
    flavor = sql_flavor(conn)
    q = build_query(rules, now, "l.stage IN ('won', 'lost')" + only.replace("{id}", "l.id"), flavor=flavor)
    mask = " | ".join(flavor.bit(f"r{i} <> 0", i) for i in range(len(q.rules)))
    rows: list[tuple[Any, ...]] = [
        tuple(r) for r in run(conn, f"{q.ctes} SELECT id, {mask} FROM per", q.params)
    ]
    return tuple(r.name for r in q.rules), {int(r[0]): int(r[1]) for r in rows}


def _fetch(conn: Connection, sql: str) -> list[tuple[Any, ...]]:
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _only(ids: Collection[int] | None) -> str:
    """An ``AND {id} IN (…)`` restriction to ``ids`` (integers, so inlining them is safe)."""
    if ids is None:
        return ""
    return " AND {id} IN (" + (",".join(str(int(i)) for i in ids) or "NULL") + ")"


def load(conn: Connection, now: datetime | None = None, ids: Collection[int] | None = None) -> ReportData:
    """Read the facts of every live lead (or of ``ids`` only, to splice into a kept copy):
    three plain reads and one grouped one, no per-lead look-ups."""
    flavor = sql_flavor(conn)
    now = now or utcnow()
    only = _only(ids)
    leads = _fetch(conn, _leads_sql(flavor) + only.replace("{id}", "l.id"))
    leads.sort(key=itemgetter(1, 0))  # in order of creation (sorting here is cheaper than in SQLite)
    n = len(leads)
    data = ReportData(loaded_at=now, asked_for=None if ids is None else frozenset(ids))
    if leads:
        ids, created, source, owner, value, currency, stage, score = (
            list(c) for c in zip(*leads, strict=True)
        )
    else:
        ids, created, source, owner, value, currency, stage, score = [], [], [], [], [], [], [], []
    del leads
    data.ids, data.created, data.stage, data.score = ids, created, stage, score
    data.source = [s or "" for s in source]
    data.owner = [o or "" for o in owner]
    data.home = [c == HOME_CURRENCY or currency_code(c) == HOME_CURRENCY for c in currency]
    data.value = [float(v or 0.0) if h else 0.0 for v, h in zip(value, data.home, strict=True)]
    index_of = data.index_of = {lead_id: k for k, lead_id in enumerate(ids)}

    moves = _fetch(conn, _moves_sql(flavor) + only.replace("{id}", "lead_id"))
    moves.sort(key=itemgetter(3))  # in time order
    if (
        ids is not None
        or conn.exec_driver_sql(
            f"SELECT EXISTS (SELECT 1 FROM lead WHERE erased = {flavor.true} OR deleted_at IS NOT NULL)"
        ).scalar()
    ):
        moves = [m for m in moves if m[0] in index_of]  # not an erased or deleted lead's
    if moves:
        lead_col, to_col, kind_col, at_col, why_col, from_col = zip(*moves, strict=True)
    else:
        lead_col = to_col = kind_col = at_col = why_col = from_col = ()
    del moves
    data.m_index = m_index = [index_of[lead_id] for lead_id in lead_col]
    data.m_to, data.m_kind, data.m_at = list(to_col), list(kind_col), list(at_col)
    n_moves = data.n_moves = [0] * n
    moves_key = data.moves_key = [0.0] * n
    for i, k, at in zip(m_index, data.m_to, data.m_at, strict=True):
        n_moves[i] += 1
        moves_key[i] += _move_key(k, at)
    # First arrival in each stage; leaving Lead, MQL and SQL (first arrival in a later stage or
    # Lost after the first arrival there). One pass in time order.
    t_mql: list[float | None] = [None] * n
    t_sql: list[float | None] = [None] * n
    t_won: list[float | None] = [None] * n
    t_lost: list[float | None] = [None] * n
    left_lead: list[float | None] = [None] * n
    left_mql: list[float | None] = [None] * n
    left_sql: list[float | None] = [None] * n
    for i, k, at in zip(m_index, data.m_to, data.m_at, strict=True):
        if k == 0:
            continue
        if left_lead[i] is None:
            left_lead[i] = at
        if k == 1:
            if t_mql[i] is None:
                t_mql[i] = at
            continue
        if left_mql[i] is None and t_mql[i] is not None:
            left_mql[i] = at
        if k == 2:
            if t_sql[i] is None:
                t_sql[i] = at
            continue
        if left_sql[i] is None and t_sql[i] is not None:
            left_sql[i] = at
        if k == 3:
            if t_won[i] is None:
                t_won[i] = at
        elif t_lost[i] is None:
            t_lost[i] = at
    mql_score: list[int | None] = [None] * n
    with_reason = [x is not None for x in why_col]  # losses, and moves into MQL naming a score
    for i, k, at, why, from_stage in zip(
        compress(m_index, with_reason),
        compress(to_col, with_reason),
        compress(at_col, with_reason),
        compress(why_col, with_reason),
        compress(from_col, with_reason),
        strict=True,
    ):
        if k == 4:
            data.lost_moves.append(LostMove(i, from_stage or "", why, at))
        elif at == t_mql[i]:
            mql_score[i] = score_in_reason(why)
    back = [False] * n
    recycled = [False] * n
    for i, kind in zip(m_index, data.m_kind, strict=True):
        if kind == BACKWARD:
            back[i] = True
        elif kind == RECYCLED:
            recycled[i] = True
    data.t_mql, data.t_sql, data.t_won, data.t_lost = t_mql, t_sql, t_won, t_lost
    data.went_back, data.recycled, data.mql_score = back, recycled, mql_score
    created = data.created
    # A lead may sit in a stage no move recorded (history from before LeadDesk): count that too.
    data.reach = reach = [
        max(3 if w is not None else 2 if s is not None else 1 if m is not None else 0, RANK.get(st, 0))
        for m, s, w, st in zip(t_mql, t_sql, t_won, stage, strict=True)
    ]
    data.is_mql = [r >= 1 for r in reach]
    data.is_sql = [r >= 2 for r in reach]
    data.is_won = [r >= 3 for r in reach]
    data.ever_lost = [lo is not None or st == "lost" for lo, st in zip(t_lost, stage, strict=True)]
    data.skipped_mql = [r >= 1 and m is None for r, m in zip(reach, t_mql, strict=True)]
    data.skipped_sql = [r >= 2 and s is None for r, s in zip(reach, t_sql, strict=True)]
    data.skipped_won = [r >= 3 and w is None for r, w in zip(reach, t_won, strict=True)]
    data.is_open = [st in ("lead", "mql", "sql") for st in stage]
    data.d_lead = [None if x is None else x - c for x, c in zip(left_lead, created, strict=True)]
    data.d_mql = [None if x is None else x - m for x, m in zip(left_mql, t_mql, strict=True)]  # type: ignore[operator]
    data.d_sql = [None if x is None else x - s for x, s in zip(left_sql, t_sql, strict=True)]  # type: ignore[operator]
    data.still_lead = [x is None and st == "lead" for x, st in zip(left_lead, stage, strict=True)]
    data.still_mql = [
        m is not None and x is None and st == "mql" for m, x, st in zip(t_mql, left_mql, stage, strict=True)
    ]
    data.still_sql = [
        s is not None and x is None and st == "sql" for s, x, st in zip(t_sql, left_sql, stage, strict=True)
    ]
    data.velocity = [None if w is None else w - c for w, c in zip(t_won, created, strict=True)]
    handover_sql = _handover_sql(flavor) + (" WHERE" + only[4:].replace("{id}", "h.lead_id") if only else "")
    handover = {lead_id: t for lead_id, t in _fetch(conn, handover_sql) if t is not None}
    data.first_sales = [handover.get(lead_id) for lead_id in data.ids]
    order = sorted((t, i) for i, t in enumerate(t_mql) if t is not None)
    data.mql_times = [t for t, _i in order]
    data.mql_rows = [i for _t, i in order]
    data.rule_names, bits = _rule_bits(conn, now, only)
    data.rule_bits = [bits.get(lead_id, 0) for lead_id in data.ids]
    data.loaded_at_counter = time.perf_counter()
    return data


def tag_ids(conn: Connection, data: ReportData, tag: str) -> frozenset[int]:
    """Ids of the leads carrying ``tag`` (folded as the board's tag filter), cached in ``data``."""
    key = tag.strip().casefold()
    if key not in data._tags:
        carrying = tag_clause(tag, flavor=sql_flavor(conn))
        stmt = select(col(Lead.id)).where(col(Lead.erased).is_(False), carrying)
        data._tags[key] = frozenset(r[0] for r in driver_rows(conn, stmt))
    return data._tags[key]


#: Up to this many named leads a change is spliced in; more are read again as a whole.
SPLICE_LIMIT = 2000


class ReportSource:
    """Keeps :class:`ReportData` current; one worker thread at a time.

    It listens to the database's committed :class:`Changes`: when the next report is asked
    for, the leads they name are read again and spliced in (:meth:`ReportData.splice`).
    Holds one connection of its own: SQLite's ``PRAGMA data_version`` on it changes exactly
    when another connection committed, so "is my copy still current?" costs microseconds, and
    a commit no change named (another program on the same file) makes it read everything.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: Connection | None = None
        self._version: int | None = None
        self._data: ReportData | None = None
        self._lock = threading.RLock()  # data() may be asked inside connection()
        self._pending: Changes | None = None
        self._pending_lock = threading.Lock()
        #: How the last :meth:`data` got its facts: "kept", "spliced" or "read".
        self.last_path = ""
        db.add_listener(self._heard)

    def _heard(self, changes: Changes) -> None:
        """Called by the database after each commit, in the writing thread."""
        with self._pending_lock:
            self._pending = changes if self._pending is None else self._pending | changes

    def _take_pending(self) -> Changes | None:
        with self._pending_lock:
            pending, self._pending = self._pending, None
        return pending

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        with self._lock:
            if self._conn is None:
                self._conn = self.db.engine.connect()
            try:
                yield self._conn
            finally:
                self._conn.rollback()  # no read transaction left open between reports

    def data(self, now: datetime | None = None) -> ReportData:
        """The facts: kept, spliced for the leads the latest changes named, or read again."""
        with self.connection() as conn:
            version = data_version(conn)
            if self._data is not None and version == self._version:
                self._take_pending()  # already part of what was read
                self.last_path = "kept"
                return self._data
            pending = self._take_pending()
            if self._data is not None and pending is not None and self._splice(conn, pending, now):
                self.last_path = "spliced"
            else:
                self._data = load(conn, now)
                self.last_path = "read"
            self._version = version
            return self._data

    def _splice(self, conn: Connection, changes: Changes, now: datetime | None) -> bool:
        """Read the leads ``changes`` named and splice them in; False when a full read is due."""
        assert self._data is not None
        if changes.all_leads or changes.rules or len(changes.lead_ids) > SPLICE_LIMIT:
            return False
        if not changes.lead_ids:
            # Nothing a report shows (a task, a setting), unless activities changed unnamed.
            return not changes.activities
        return self._data.splice(load(conn, now, ids=changes.lead_ids))

    def invalidate(self) -> None:
        self._data = None

    def close(self) -> None:
        self.db.remove_listener(self._heard)
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            # data_version counts per connection: a new one cannot tell what changed meanwhile.
            self._data = None
            self._version = None


def jd_now(now: datetime | None) -> float:
    return to_jd(now or utcnow())
