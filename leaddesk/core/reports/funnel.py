"""The funnel in two modes, with the irregular moves counted openly rather than hidden.

Cohort: of the leads created in the period, how many reached each stage by today. A lead
that reached a later stage has passed the earlier ones, even where it skipped them (moved
straight from Lead to SQL): it is counted there and the skip is shown (``skipped``). A lead
that went back a stage keeps what it reached; a lost lead that was recycled counts once as
Lost and goes on as any other. Lost is compared with all leads of the cohort, not with a
previous stage.

Period: moves into each stage during the period, whoever's leads they were. Every move
counts, so a lead moved back and forward again counts twice; the moves that skipped a stage,
went backward or brought a lead back from Lost are counted beside.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import compress

from leaddesk.core.reports.data import BACKWARD, CREATED, RECYCLED, SKIPPING, ReportData
from leaddesk.core.reports.query import Mode
from leaddesk.core.reports.scope import Scope

STAGES: tuple[str, ...] = ("lead", "mql", "sql", "won", "lost")


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    count: int
    #: Percent of the previous stage (None for Lead, and for Lost, which has no previous stage).
    pct_of_previous: float | None
    pct_of_first: float | None
    #: Cohort: leads counted here that skipped this stage; period: moves in that skipped one before.
    skipped: int
    #: The leads behind ``count`` (what a click shows on the board).
    ids: tuple[int, ...]


@dataclass(frozen=True)
class Funnel:
    mode: Mode
    rows: tuple[FunnelRow, ...]
    #: Cohort: leads with at least one backward move; period: backward moves in the period.
    backward: int
    #: Cohort: leads brought back from Lost; period: moves out of Lost in the period.
    recycled: int
    #: Cohort: leads still open (Lead, MQL or SQL now); period: leads created in the period.
    open: int


def _pct(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def _rows(counts: list[int], skipped: list[int], ids: list[list[int]]) -> tuple[FunnelRow, ...]:
    first = counts[0]
    rows = []
    for k, stage in enumerate(STAGES):
        previous = None if k == 0 or stage == "lost" else _pct(counts[k], counts[k - 1])
        rows.append(FunnelRow(stage, counts[k], previous, _pct(counts[k], first), skipped[k], tuple(ids[k])))
    return tuple(rows)


def cohort_funnel(data: ReportData, scope: Scope) -> Funnel:
    take = scope.take
    ids = take(data.ids)
    flags = (take(data.is_mql), take(data.is_sql), take(data.is_won), take(data.ever_lost))
    members = [ids, *(list(compress(ids, f)) for f in flags)]
    skipped = [0, sum(take(data.skipped_mql)), sum(take(data.skipped_sql)), sum(take(data.skipped_won)), 0]
    counts = [len(m) for m in members]
    return Funnel(
        Mode.COHORT,
        _rows(counts, skipped, members),
        sum(take(data.went_back)),
        sum(take(data.recycled)),
        sum(take(data.is_open)),
    )


def period_funnel(data: ReportData, scope: Scope) -> Funnel:
    a, b = bisect_left(data.m_at, scope.lo), bisect_left(data.m_at, scope.hi)
    rows, to, kinds = data.m_index[a:b], data.m_to[a:b], data.m_kind[a:b]
    if scope.kept is not None:
        kept = scope.kept
        keep = [i in kept for i in rows]
        rows, to, kinds = list(compress(rows, keep)), list(compress(to, keep)), list(compress(kinds, keep))
    pairs = Counter(zip(to, kinds, strict=True))
    counts = [sum(n for (k, _kind), n in pairs.items() if k == stage) for stage in range(5)]
    skipped = [pairs.get((stage, SKIPPING), 0) for stage in range(5)]
    kind_total = Counter(kinds)
    members: list[set[int]] = [set(), set(), set(), set(), set()]
    ids = data.ids
    for i, k in zip(rows, to, strict=True):
        members[k].add(ids[i])
    return Funnel(
        Mode.PERIOD,
        _rows(counts, skipped, [sorted(m) for m in members]),
        kind_total.get(BACKWARD, 0),
        kind_total.get(RECYCLED, 0),
        kind_total.get(CREATED, 0),
    )


def funnel(data: ReportData, scope: Scope) -> Funnel:
    if scope.query.mode == Mode.PERIOD:
        return period_funnel(data, scope)
    return cohort_funnel(data, scope)
