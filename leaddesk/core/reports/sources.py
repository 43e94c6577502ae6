"""Sources and trade fairs over the cohort: leads, how far they got, won value, cost per lead.

A trade fair is a source: one whose name says so ("Messe", "Fair", "Expo" …), one whose
cost was entered, or one marked as a fair in Settings. Won value adds only values in the home
currency (amounts in different currencies are never added); ``other_currency`` says how many
won leads were left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from leaddesk.core.reports.data import ReportData
from leaddesk.core.reports.scope import Scope

_FAIR = re.compile(r"messe|fair|expo|trade ?show|kongress|congress|ausstellung|salon", re.IGNORECASE)


def looks_like_fair(source: str) -> bool:
    return bool(_FAIR.search(source))


@dataclass(frozen=True)
class SourceRow:
    source: str
    is_fair: bool
    leads: int
    mql: int
    sql: int
    won: int
    won_value: float
    #: Won / leads, in percent (None without leads).
    conversion: float | None
    cost: float | None
    cost_per_lead: float | None
    other_currency: int
    ids: tuple[int, ...]


def sources(
    data: ReportData, scope: Scope, costs: dict[str, float], fairs: frozenset[str] = frozenset()
) -> tuple[SourceRow, ...]:
    """One row per source; ``fairs`` are the sources the settings mark as trade fairs."""
    take = scope.take
    names = take(data.source)
    groups: dict[str, list[int]] = {}
    for k, name in enumerate(names):
        groups.setdefault(name, []).append(k)
    ids, is_mql, is_sql, is_won = take(data.ids), take(data.is_mql), take(data.is_sql), take(data.is_won)
    value, home = take(data.value), take(data.home)
    rows = []
    for name, members in groups.items():
        won = [k for k in members if is_won[k]]
        cost = costs.get(name) if name else None
        n = len(members)
        rows.append(
            SourceRow(
                source=name,
                is_fair=looks_like_fair(name) or cost is not None or name in fairs,
                leads=n,
                mql=sum(is_mql[k] for k in members),
                sql=sum(is_sql[k] for k in members),
                won=len(won),
                won_value=sum(value[k] for k in won),
                conversion=100.0 * len(won) / n if n else None,
                cost=cost,
                cost_per_lead=cost / n if cost is not None and n else None,
                other_currency=sum(1 for k in won if not home[k]),
                ids=tuple(ids[k] for k in members),
            )
        )
    rows.sort(key=lambda r: (-r.leads, r.source.casefold()))
    return tuple(rows)
