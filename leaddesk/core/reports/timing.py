"""How long leads take: time in each stage, lead velocity, and how long MQLs wait for sales.

Time in a stage is measured from a lead's first arrival in it to its first arrival in a later
stage or in Lost, over the cohort; leads that have not left the stage yet are not counted
(their time is not known yet) and are reported as ``still_in``. Velocity is created → first Won.

Handover looks at the MQLs reached in the period (first arrival in MQL): the hours until the
first sales activity (call, e-mail or meeting) at or after that moment, and how many waited
longer than the threshold of working days (the team's working days from the settings, Monday
to Friday by default, in the user's zone; public holidays are not known) — answered late, or
still waiting today.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from itertools import compress
from zoneinfo import ZoneInfo

from leaddesk.core.reports.data import ReportData
from leaddesk.core.reports.query import UNIX_EPOCH_JD, from_jd
from leaddesk.core.reports.scope import Scope
from leaddesk.core.reports.settings import MONDAY_TO_FRIDAY

TIMED_STAGES: tuple[str, ...] = ("lead", "mql", "sql")


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Linear interpolation between closest ranks (as numpy's default): p in [0, 1]."""
    if not sorted_values:
        return None
    pos = p * (len(sorted_values) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


@dataclass(frozen=True)
class StageTime:
    stage: str
    median_days: float | None
    p75_days: float | None
    #: Leads the figures rest on (they left the stage), and leads still in it.
    leads: int
    still_in: int
    #: The leads measured (what clicking the row shows).
    ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Timing:
    stages: tuple[StageTime, ...]
    velocity_median_days: float | None
    velocity_p75_days: float | None
    velocity_leads: int


def time_in_stage(data: ReportData, scope: Scope) -> Timing:
    take = scope.take
    ids = take(data.ids)
    rows = []
    for name, durations, still in (
        ("lead", data.d_lead, data.still_lead),
        ("mql", data.d_mql, data.still_mql),
        ("sql", data.d_sql, data.still_sql),
    ):
        measured = take(durations)
        values = sorted(d for d in measured if d is not None)
        rows.append(
            StageTime(
                name,
                percentile(values, 0.5),
                percentile(values, 0.75),
                len(values),
                sum(take(still)),
                tuple(compress(ids, [d is not None for d in measured])),
            )
        )
    velocity = sorted(v for v in take(data.velocity) if v is not None)
    return Timing(tuple(rows), percentile(velocity, 0.5), percentile(velocity, 0.75), len(velocity))


@dataclass(frozen=True)
class Handover:
    threshold_days: int
    #: MQLs reached in the period, and those sales answered.
    mqls: int
    answered: int
    median_hours: float | None
    p75_hours: float | None
    #: Answered after the threshold, or still unanswered beyond it today.
    waiting_over_threshold: int
    still_waiting: int
    #: Leads behind ``waiting_over_threshold``.
    over_ids: tuple[int, ...]


class _LocalClock:
    """UTC Julian day → local seconds since the epoch, with the zone's offset cached per hour."""

    def __init__(self, tz: str) -> None:
        self.zone = ZoneInfo(tz)
        self._offset = lru_cache(maxsize=65536)(self._offset_of_hour)

    def _offset_of_hour(self, hour: int) -> float:
        moment = from_jd(UNIX_EPOCH_JD + hour / 24.0)
        return (moment.astimezone(self.zone).utcoffset() or timedelta(0)).total_seconds()

    def local_seconds(self, jd: float) -> float:
        seconds = (jd - UNIX_EPOCH_JD) * 86400.0
        return seconds + self._offset(int(seconds // 3600))


def add_working_days(local_seconds: float, days: int, working: Collection[int] = MONDAY_TO_FRIDAY) -> float:
    """The local moment ``days`` of the team's working days later (weekdays, Monday = 0; Monday
    to Friday unless told); from a day off, counting starts at the next working day's 0:00."""
    work = frozenset(working) or MONDAY_TO_FRIDAY
    day, into_day = divmod(local_seconds, 86400.0)
    weekday = (int(day) + 3) % 7  # 1 January 1970 was a Thursday; Monday = 0
    if weekday not in work:
        while weekday not in work:
            day += 1
            weekday = (weekday + 1) % 7
        into_day = 0.0
    weeks, rest = divmod(days, len(work))
    day += weeks * 7
    while rest:
        day += 1
        weekday = (weekday + 1) % 7
        rest -= weekday in work
    return day * 86400.0 + into_day


def deadlines(
    data: ReportData, tz: str, days: int, working: tuple[int, ...] = MONDAY_TO_FRIDAY
) -> dict[int, tuple[float, bool]]:
    """Per row that reached MQL: its local deadline and whether sales answered after it (cached;
    rows a splice changed are worked out again here, see ``ReportData.deadline_todo``)."""
    if data.deadline_todo:
        for (zone_name, n, week), cached in data._deadlines.items():
            clock = _LocalClock(zone_name)
            for i in data.deadline_todo:
                _deadline(data, clock, n, week, i, cached)
        data.deadline_todo.clear()
    key = (tz, days, working)
    if key not in data._deadlines:
        clock = _LocalClock(tz)
        out: dict[int, tuple[float, bool]] = {}
        for i in data.mql_rows:
            _deadline(data, clock, days, working, i, out)
        data._deadlines[key] = out
    return data._deadlines[key]


def _deadline(
    data: ReportData,
    clock: _LocalClock,
    days: int,
    working: tuple[int, ...],
    i: int,
    out: dict[int, tuple[float, bool]],
) -> None:
    """Row ``i``'s entry in ``out``: its handover deadline, and whether sales answered after it."""
    t = data.t_mql[i]
    if t is None:
        out.pop(i, None)
        return
    due = add_working_days(clock.local_seconds(t), days, working)
    f = data.first_sales[i]
    out[i] = (due, f is not None and clock.local_seconds(f) > due)


def handover(
    data: ReportData, scope: Scope, threshold_days: int, working: tuple[int, ...] = MONDAY_TO_FRIDAY
) -> Handover:
    due = deadlines(data, scope.query.tz, threshold_days, working)
    a, b = bisect_left(data.mql_times, scope.lo), bisect_left(data.mql_times, scope.hi)
    rows = data.mql_rows[a:b]
    if scope.kept is not None:
        rows = [i for i in rows if i in scope.kept]
    now_local = _LocalClock(scope.query.tz).local_seconds(scope.now)
    t_mql, first, ids = data.t_mql, data.first_sales, data.ids
    hours: list[float] = []
    over: list[int] = []
    still = 0
    for i in rows:
        f = first[i]
        deadline, late = due[i]
        if f is None:
            still += 1
            if now_local > deadline:
                over.append(ids[i])
            continue
        hours.append((f - t_mql[i]) * 24.0)  # type: ignore[operator]
        if late:
            over.append(ids[i])
    hours.sort()
    over.sort()
    return Handover(
        threshold_days,
        len(rows),
        len(hours),
        percentile(hours, 0.5),
        percentile(hours, 0.75),
        len(over),
        still,
        tuple(over),
    )
