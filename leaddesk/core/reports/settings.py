"""The reports' own settings, kept in ``AppSetting`` (key → JSON): the handover threshold and fair costs."""

from __future__ import annotations

import json
import math

from sqlalchemy import Connection, select
from sqlmodel import col

from leaddesk.core.changes import note
from leaddesk.core.db import Database
from leaddesk.core.errors import ValidationError
from leaddesk.core.models import AppSetting
from leaddesk.core.text import Text

HANDOVER_KEY = "reports.handover_working_days"
COSTS_KEY = "reports.source_costs"
#: Trade fairs by source name with their dates (edited in Settings → Sources and trade fairs).
FAIRS_KEY = "sources.fairs"
#: An MQL should hear from sales within two working days.
DEFAULT_HANDOVER_DAYS = 2
#: The team's working days (Settings → Follow-ups), Monday = 0 … Sunday = 6.
WORKING_DAYS_KEY = "app.working_days"
MONDAY_TO_FRIDAY: tuple[int, ...] = (0, 1, 2, 3, 4)


def _read(conn: Connection, key: str) -> object:
    row = conn.execute(select(col(AppSetting.value)).where(col(AppSetting.key) == key)).first()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


def handover_days_in(conn: Connection) -> int:
    value = _read(conn, HANDOVER_KEY)
    return value if isinstance(value, int) and 0 <= value <= 60 else DEFAULT_HANDOVER_DAYS


def working_days_of(value: object) -> tuple[int, ...]:
    """The stored working days (a JSON list of weekdays) as a sorted tuple; Monday to Friday
    when none is stored or none is readable (the settings and the reports read it alike)."""
    if not isinstance(value, list):
        return MONDAY_TO_FRIDAY
    return tuple(sorted({d for d in value if isinstance(d, int) and 0 <= d <= 6})) or MONDAY_TO_FRIDAY


def working_days_in(conn: Connection) -> tuple[int, ...]:
    """The weekdays the team works, which the handover deadline counts (Monday to Friday by default)."""
    return working_days_of(_read(conn, WORKING_DAYS_KEY))


def handover_days(db: Database) -> int:
    """Working days an MQL may wait for the first sales activity (default 2)."""
    with db.engine.connect() as conn:
        return handover_days_in(conn)


def set_handover_days(db: Database, days: int) -> None:
    if not isinstance(days, int) or not 0 <= days <= 60:
        raise ValidationError({"handover_days": Text("enter between 0 and 60 working days")})
    with db.transaction() as session:
        session.merge(AppSetting(key=HANDOVER_KEY, value=json.dumps(days)))
        note(session, settings=True)


def source_costs_in(conn: Connection) -> dict[str, float]:
    value = _read(conn, COSTS_KEY)
    if not isinstance(value, dict):
        return {}
    return {str(k): float(v) for k, v in value.items() if isinstance(v, int | float) and v >= 0}


def fair_names_in(conn: Connection) -> frozenset[str]:
    """Sources marked as trade fairs in the settings."""
    value = _read(conn, FAIRS_KEY)
    return frozenset(str(k) for k in value) if isinstance(value, dict) else frozenset()


def source_costs(db: Database) -> dict[str, float]:
    """What a source cost (a trade fair's stand, travel …), in the home currency, by source name."""
    with db.engine.connect() as conn:
        return source_costs_in(conn)


def set_source_cost(db: Database, source: str, cost: float | None) -> None:
    """Enter (or with None remove) what ``source`` cost, so reports show its cost per lead."""
    if not source:
        raise ValidationError({"source": Text("choose a source")})
    if cost is not None and (not math.isfinite(cost) or cost < 0):
        raise ValidationError({"cost": Text("a cost is a positive amount")})
    with db.transaction() as session:
        row = session.get(AppSetting, COSTS_KEY)
        costs = json.loads(row.value) if row is not None else {}
        if not isinstance(costs, dict):
            costs = {}
        if cost is None:
            costs.pop(source, None)
        else:
            costs[source] = cost
        session.merge(AppSetting(key=COSTS_KEY, value=json.dumps(costs, ensure_ascii=False, sort_keys=True)))
        note(session, settings=True)
