"""Which leads a report looks at: the filters, and the cohort of leads created in the period."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Connection

from leaddesk.core.reports.data import ReportData, jd_now, tag_ids
from leaddesk.core.reports.query import ReportQuery, bounds_jd

T = TypeVar("T")


@dataclass(frozen=True)
class Scope:
    query: ReportQuery
    #: [lo, hi): the period's UTC instants as Julian days; ``now`` likewise.
    lo: float
    hi: float
    now: float
    #: Row indices (into ReportData) of the leads the filters keep, whenever created; None: all.
    kept: frozenset[int] | None
    #: Row indices of the kept leads created in the period, in order of creation.
    cohort: tuple[int, ...]
    #: Without filters the cohort is the slice [first, stop) of the rows (sorted by creation).
    first: int
    stop: int

    def keeps(self, index: int) -> bool:
        return self.kept is None or index in self.kept

    def take(self, column: list[T]) -> list[T]:
        """The cohort's entries of a ReportData column (a slice when nothing is filtered)."""
        if self.kept is None:
            return column[self.first : self.stop]
        if not self.cohort:
            return []
        if len(self.cohort) == 1:
            return [column[self.cohort[0]]]
        return list(itemgetter(*self.cohort)(column))


def make_scope(conn: Connection, data: ReportData, query: ReportQuery) -> Scope:
    lo, hi = bounds_jd(query)
    now = jd_now(query.now)
    first, stop = bisect_left(data.created, lo), bisect_left(data.created, hi)
    if not (query.source or query.owner or query.tag.strip()):
        return Scope(query, lo, hi, now, None, tuple(range(first, stop)), first, stop)
    rows: Any = range(len(data))
    if query.source:
        rows = [i for i, s in enumerate(data.source) if s == query.source]
    if query.owner:
        own = data.owner
        rows = [i for i in rows if own[i] == query.owner]
    if query.tag.strip():
        tagged = tag_ids(conn, data, query.tag)
        ids = data.ids
        rows = [i for i in rows if ids[i] in tagged]
    kept = frozenset(rows)
    cohort = tuple(i for i in sorted(kept) if first <= i < stop)
    return Scope(query, lo, hi, now, kept, cohort, first, stop)
