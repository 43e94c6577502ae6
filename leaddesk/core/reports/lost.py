"""Why leads were lost, and from which stage: counts and value per reason.

Every move into Lost counts with its own reason (a lead lost, recycled and lost again counts
twice). Cohort mode: the losses of the leads created in the period, whenever they happened;
period mode: the losses during the period. Value adds the home currency only.
"""

from __future__ import annotations

from dataclasses import dataclass

from leaddesk.core.reports.data import ReportData
from leaddesk.core.reports.query import Mode
from leaddesk.core.reports.scope import Scope


@dataclass(frozen=True)
class LostRow:
    #: As stored: a key of ``LOST_REASONS`` ("no_budget") or a person's own words.
    reason: str
    from_stage: str
    count: int
    value: float
    ids: tuple[int, ...]


def lost_reasons(data: ReportData, scope: Scope) -> tuple[LostRow, ...]:
    cohort = None
    if scope.query.mode != Mode.PERIOD:
        cohort = range(scope.first, scope.stop) if scope.kept is None else frozenset(scope.cohort)
    groups: dict[tuple[str, str], list[int]] = {}
    for move in data.lost_moves:
        if cohort is not None:
            if move.index not in cohort:
                continue
        elif not (scope.lo <= move.at < scope.hi and scope.keeps(move.index)):
            continue
        groups.setdefault((move.reason, move.from_stage), []).append(move.index)
    value, ids = data.value, data.ids
    rows = [
        LostRow(
            reason,
            from_stage,
            len(members),
            sum(value[i] for i in members),
            tuple(sorted({ids[i] for i in members})),
        )
        for (reason, from_stage), members in groups.items()
    ]
    rows.sort(key=lambda r: (-r.count, r.reason, r.from_stage))
    return tuple(rows)
