"""Why a lead has its score: every rule that hit, its points, when they expire, every manual change.

Points per rule come from the same ``per`` query as the bulk rescore; only the sums,
caps and bounds are redone here in Python (``combine``), and tests keep them equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from leaddesk.core.db import Database, as_utc, sql_flavor
from leaddesk.core.errors import NotFoundError
from leaddesk.core.models import utcnow
from leaddesk.core.scoring.compile import build_query, combine, run, sql_time
from leaddesk.core.scoring.engine import Adjustment, adjustments, flag_for
from leaddesk.core.scoring.rules import Group, Rule
from leaddesk.core.scoring.store import Conn, Settings, get_rules_and_settings
from leaddesk.core.text import Text


@dataclass(frozen=True)
class Line:
    """One rule that hit: its points now and, for engagement, when they are gone."""

    rule_id: int | None
    name: str
    group: str
    points: int
    full_points: int
    expires_at: datetime | None = None
    last_activity: datetime | None = None


@dataclass(frozen=True)
class Explanation:
    lead_id: int
    lines: tuple[Line, ...]
    adjustments: tuple[Adjustment, ...]
    fit_raw: int
    fit: int
    engagement_raw: int
    engagement: int
    manual: int
    total: int
    flag: str
    settings: Settings

    def group_lines(self, group: str) -> list[Line]:
        return [line for line in self.lines if line.group == group]

    @property
    def fit_capped(self) -> bool:
        return self.fit != self.fit_raw

    @property
    def engagement_capped(self) -> bool:
        return self.engagement != self.engagement_raw


def _aware(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    result = as_utc(moment)
    assert result is not None
    return result


#: The lead's newest activities by kind and of every kind, each newest first (``_newest_activities``).
Newest = tuple[dict[str, list[datetime]], list[datetime]]


def _newest_activities(conn: Conn, lead_id: int, rules: list[Rule], now: datetime) -> Newest:
    """The lead's newest activities up to ``now`` by kind, newest first, as many as a rule counts.

    One statement for every rule that hit (a statement each cost a server round trip): a rule's
    newest matching activities are among its kind's newest ``min_count``, and "any" kind's among
    the union of every kind's.
    """
    if not rules:
        return {}, []
    rows: Any = run(
        conn,
        "SELECT kind, at FROM (SELECT kind, at, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY at DESC) AS n "
        "FROM activity WHERE lead_id = :lead AND at <= :now) AS a WHERE n <= :most ORDER BY at DESC",
        {"lead": lead_id, "now": sql_time(now), "most": max(r.min_count for r in rules)},
    ).all()
    by_kind: dict[str, list[datetime]] = {}
    every: list[datetime] = []
    for kind, at in rows:
        moment = _aware(at)  # text() queries hand back SQLite's stored text, not datetimes
        by_kind.setdefault(kind, []).append(moment)
        every.append(moment)
    return by_kind, every


def _expiry(newest: Newest, rule: Rule, now: datetime) -> tuple[datetime | None, datetime | None]:
    """When an engagement rule's points end (decay to zero or the window closing) and its last activity."""
    by_kind, every = newest
    parsed = every if rule.activity_kind == "any" else by_kind.get(rule.activity_kind, [])
    if rule.within_days is not None:
        cut = now - timedelta(days=rule.within_days)
        parsed = [at for at in parsed if at >= cut]
    parsed = parsed[: rule.min_count]
    if not parsed:
        return None, None
    last = parsed[0]
    ends: list[datetime] = []
    zero = rule.zero_after_days
    if zero is not None:
        ends.append(last + timedelta(days=zero))
    if rule.within_days is not None and len(parsed) >= rule.min_count:
        ends.append(parsed[-1] + timedelta(days=rule.within_days))
    return (min(ends) if ends else None), last


def explain_rows(
    conn: Conn,
    lead_ids: Iterable[int] | None,
    rules: list[Rule],
    settings: Settings,
    now: datetime,
    *,
    leads: dict[int, tuple[str, int]] | None = None,
) -> dict[int, tuple[dict[str, int], int, int, int, int, int]]:
    """Per lead: (points by rule column, fit_raw, fit, engagement_raw, engagement, total).

    ``lead_ids`` None means all leads: the agreement test compares this with the bulk path.
    ``leads``, when given, gets each live lead's (stage, manual points).
    """
    ids = None if lead_ids is None else list(lead_ids)
    params: dict[str, Any] = {}
    activity_filter = None
    if ids is None:
        where = None
    elif len(ids) == 1:  # one statement text for every lead: the driver reuses the prepared query
        where, activity_filter, params = "l.id = :lead_id", "lead_id = :lead_id", {"lead_id": ids[0]}
    else:
        where = f"l.id IN ({', '.join(str(int(i)) for i in ids)})"
    q = build_query(rules, now, where, activity_filter=activity_filter, flavor=sql_flavor(conn))
    out = {}
    for row in run(conn, f"{q.ctes} SELECT * FROM per", q.params | params).mappings():
        points = {c: int(row[c]) for c in q.rule_columns}
        fit_raw = sum(points[f"r{i}"] for i, r in enumerate(q.rules) if r.group == Group.FIT)
        eng_raw = sum(points[f"r{i}"] for i, r in enumerate(q.rules) if r.group == Group.ENGAGEMENT)
        fit, eng, total = combine(fit_raw, eng_raw, int(row["m"]), settings.limits)
        out[int(row["id"])] = (points, fit_raw, fit, eng_raw, eng, total)
        if leads is not None:
            leads[int(row["id"])] = (str(row["st"]), int(row["m"]))
    return out


def explain_in(conn: Conn, lead_id: int, now: datetime | None = None) -> Explanation:
    now = now or utcnow()
    rules, settings = get_rules_and_settings(conn)
    active = [r for r in rules if r.enabled]
    # The rules' query also reads the lead's stage and manual points (and finds no live lead).
    leads: dict[int, tuple[str, int]] = {}
    found = explain_rows(conn, [lead_id], rules, settings, now, leads=leads)
    if lead_id not in found:
        raise NotFoundError(Text("lead {id} does not exist", id=lead_id))
    points, fit_raw, fit, eng_raw, eng, total = found[lead_id]
    hits = [(rule, points[f"r{i}"]) for i, rule in enumerate(active) if points[f"r{i}"] != 0]
    newest = _newest_activities(conn, lead_id, [rule for rule, _ in hits if rule.is_activity], now)
    lines = []
    for rule, value in hits:
        expires = last = None
        if rule.is_activity:
            expires, last = _expiry(newest, rule, now)
        lines.append(Line(rule.id, rule.name, rule.group, value, rule.points, expires, last))
    return Explanation(
        lead_id=lead_id,
        lines=tuple(lines),
        adjustments=tuple(adjustments(conn, lead_id)),
        fit_raw=fit_raw,
        fit=fit,
        engagement_raw=eng_raw,
        engagement=eng,
        manual=leads[lead_id][1],
        total=total,
        flag=flag_for(leads[lead_id][0], total, settings),
        settings=settings,
    )


def explain(db: Database, lead_id: int, now: datetime | None = None) -> Explanation:
    """The breakdown the lead editor shows (read-only; the stored score is not touched)."""
    with db.engine.connect() as conn:
        return explain_in(conn, lead_id, now)
