"""What a rule change would do, before it is saved: hits, score distribution, leads ready for MQL/SQL.

Read-only: the candidate rules are compiled into the same SQL as the bulk rescore and
only aggregated, so the preview shows exactly what saving would store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from leaddesk.core.db import Database, sql_flavor
from leaddesk.core.models import utcnow
from leaddesk.core.scoring.compile import build_query, run
from leaddesk.core.scoring.engine import flag_for
from leaddesk.core.scoring.rules import Rule
from leaddesk.core.scoring.store import Conn, Settings

#: Histogram buckets: below 0, 0–9, 10–19, …, 90–99, 100 and above.
BUCKET_LABELS: tuple[str, ...] = ("<0", *(f"{b}–{b + 9}" for b in range(0, 100, 10)), "≥100")


def bucket_of(score: int) -> int:
    if score < 0:
        return 0
    return min(score // 10 + 1, len(BUCKET_LABELS) - 1)


@dataclass(frozen=True)
class Distribution:
    buckets: tuple[int, ...]
    ready_mql: int
    ready_sql: int
    leads: int
    mean: float

    @classmethod
    def of(cls, counts: Iterable[tuple[str, int, int]], settings: Settings) -> Distribution:
        """From (stage, score, how many) rows; "ready" uses the suggest-mode flags."""
        buckets = [0] * len(BUCKET_LABELS)
        ready = {"mql": 0, "sql": 0}
        leads = 0
        total = 0
        for stage, score, n in counts:
            buckets[bucket_of(score)] += n
            flag = flag_for(stage, score, settings)
            if flag in ready:
                ready[flag] += n
            leads += n
            total += score * n
        return cls(tuple(buckets), ready["mql"], ready["sql"], leads, total / leads if leads else 0.0)


@dataclass(frozen=True)
class Preview:
    """``hits``: leads the focused rule gives points to now (None when no rule is focused)."""

    hits: int | None
    before: Distribution
    after: Distribution


def current_distribution(conn: Conn, settings: Settings) -> Distribution:
    rows = run(
        conn,
        "SELECT l.stage, COALESCE(s.score, 0) AS score, COUNT(*) FROM lead l "
        "LEFT JOIN leadscore s ON s.lead_id = l.id "
        f"WHERE l.erased = {sql_flavor(conn).false} GROUP BY l.stage, 2",
    )
    return Distribution.of(((r[0], int(r[1]), int(r[2])) for r in rows), settings)


def rule_hits(conn: Conn, rule: Rule, now: datetime) -> int:
    """How many leads ``rule`` gives points to (as if it were enabled)."""
    q = build_query([replace(rule, enabled=True)], now, flavor=sql_flavor(conn))
    return int(run(conn, f"{q.ctes} SELECT COUNT(*) FROM per WHERE r0 <> 0", q.params).scalar_one())


def preview_in(
    conn: Conn,
    rules: Sequence[Rule],
    settings: Settings,
    *,
    focus: Rule | None = None,
    current_settings: Settings | None = None,
    now: datetime | None = None,
) -> Preview:
    now = now or utcnow()
    q = build_query(list(rules), now, limits=settings.limits, flavor=sql_flavor(conn))
    rows = run(
        conn,
        f"{q.ctes} SELECT t.st, t.total, COUNT(*) FROM ({q.totals_select()}) AS t GROUP BY t.st, t.total",
        q.params,
    )
    after = Distribution.of(((r[0], int(r[1]), int(r[2])) for r in rows), settings)
    before = current_distribution(conn, current_settings or settings)
    hits = rule_hits(conn, focus, now) if focus is not None else None
    return Preview(hits, before, after)


def preview(
    db: Database,
    rules: Sequence[Rule],
    settings: Settings,
    *,
    focus: Rule | None = None,
    current_settings: Settings | None = None,
    now: datetime | None = None,
) -> Preview:
    """Compare the stored scores with what ``rules`` and ``settings`` would give (nothing is written)."""
    with db.engine.connect() as conn:
        return preview_in(conn, rules, settings, focus=focus, current_settings=current_settings, now=now)
