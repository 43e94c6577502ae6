"""What an MQL is worth: MQL→Won conversion × average won value, from the user's own data.

Cohort method: the leads created in the period that reached MQL (or passed it). Only those
whose outcome is known count for the rate — Won or Lost now — since an open MQL may still be
won: rate = won / (won + lost). The average is over the won ones' values in the home
currency. Fewer than ``MIN_OUTCOMES`` outcomes make the figure uncertain, and it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from leaddesk.core.reports.data import ReportData
from leaddesk.core.reports.scope import Scope

MIN_OUTCOMES = 30


@dataclass(frozen=True)
class MqlValue:
    #: "" for all sources together.
    source: str
    mqls: int
    outcomes: int
    won: int
    #: Percent (None without outcomes).
    conversion_rate: float | None
    average_won_value: float | None
    value: float | None
    uncertain: bool
    ids: tuple[int, ...]


def _value(source: str, ids: list[int], stage: list[str], value: list[float], home: list[bool]) -> MqlValue:
    """``ids`` … ``home``: the MQLs' columns."""
    won = [k for k, st in enumerate(stage) if st == "won"]
    lost = stage.count("lost")
    outcomes = len(won) + lost
    rate = 100.0 * len(won) / outcomes if outcomes else None
    values = [value[k] for k in won if home[k]]
    average = sum(values) / len(values) if values else None
    worth = rate / 100.0 * average if rate is not None and average is not None else None
    if rate == 0.0:
        worth = 0.0
    return MqlValue(
        source, len(ids), outcomes, len(won), rate, average, worth, outcomes < MIN_OUTCOMES, tuple(ids)
    )


def mql_value(data: ReportData, scope: Scope) -> tuple[MqlValue, tuple[MqlValue, ...]]:
    """Overall, and per source (sources with at least one MQL, most MQLs first)."""
    take = scope.take
    mask = take(data.is_mql)
    cols = [list(compress(take(c), mask)) for c in (data.ids, data.stage, data.value, data.home, data.source)]
    ids, stage, value, home, source = cols
    overall = _value("", ids, stage, value, home)
    groups: dict[str, list[int]] = {}
    for k, name in enumerate(source):
        groups.setdefault(name, []).append(k)
    per_source = [
        _value(
            name, [ids[k] for k in ks], [stage[k] for k in ks], [value[k] for k in ks], [home[k] for k in ks]
        )
        for name, ks in groups.items()
    ]
    per_source.sort(key=lambda v: (-v.mqls, v.source.casefold()))
    return overall, tuple(per_source)
