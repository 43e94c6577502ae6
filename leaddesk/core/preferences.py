"""Every team-wide setting of the Settings dialog, read and written in one place.

Settings that already had a home keep it (no second copy): the time zone is ``user.timezone``
(:mod:`leaddesk.core.services.tasks`), the handover threshold and the costs of sources are the
reports' keys (:mod:`leaddesk.core.reports.settings`). The rest are new ``AppSetting`` keys
below. :func:`write_preferences` validates everything first, then writes in ONE transaction
and notes ``settings=True``, so every open window follows the change signal.

The language is not here: it belongs to a person's machine, not to the shared database
(``leaddesk.ui.settings`` keeps it beside the window layout).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import select

from leaddesk.core.changes import note
from leaddesk.core.db import Database
from leaddesk.core.errors import ValidationError
from leaddesk.core.models import AppSetting
from leaddesk.core.reports.settings import (
    COSTS_KEY,
    DEFAULT_HANDOVER_DAYS,
    FAIRS_KEY,
    HANDOVER_KEY,
    MONDAY_TO_FRIDAY,
    WORKING_DAYS_KEY,
    working_days_of,
)
from leaddesk.core.stages import LOST_REASONS
from leaddesk.core.text import Text
from leaddesk.core.tz import TZ_SETTING, system_timezone, zone

CURRENCY_KEY = "app.currency"
FOLLOW_UP_DAYS_KEY = "followup.default_days"
SOURCES_KEY = "sources.extra"
TAGS_KEY = "tags.extra"
LOST_REASONS_KEY = "lost.extra_reasons"

DEFAULT_CURRENCY = "EUR"
DEFAULT_FOLLOW_UP_DAYS = 7
#: Monday = 0 … Sunday = 6.
DEFAULT_WORKING_DAYS: tuple[int, ...] = MONDAY_TO_FRIDAY


@dataclass(frozen=True)
class Fair:
    """A trade fair's dates (either may be unknown); its cost is the source's cost."""

    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Preferences:
    """The team's settings as plain values (what the Settings dialog edits)."""

    currency: str = DEFAULT_CURRENCY
    timezone: str = field(default_factory=system_timezone)
    follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS
    working_days: tuple[int, ...] = DEFAULT_WORKING_DAYS
    handover_days: int = DEFAULT_HANDOVER_DAYS
    #: Sources known before any lead has them (a fair next month), besides the leads' own.
    sources: tuple[str, ...] = ()
    #: Trade fairs by source name.
    fairs: dict[str, Fair] = field(default_factory=dict)
    #: What a source cost, in the home currency (the reports' cost per lead).
    costs: dict[str, float] = field(default_factory=dict)
    #: Tags offered in the filter and editor before any lead carries them.
    tags: tuple[str, ...] = ()
    #: The team's own lost reasons, offered after the built-in ones.
    lost_reasons: tuple[str, ...] = ()


_KEYS = {
    "currency": CURRENCY_KEY,
    "timezone": TZ_SETTING,
    "follow_up_days": FOLLOW_UP_DAYS_KEY,
    "working_days": WORKING_DAYS_KEY,
    "handover_days": HANDOVER_KEY,
    "sources": SOURCES_KEY,
    "fairs": FAIRS_KEY,
    "costs": COSTS_KEY,
    "tags": TAGS_KEY,
    "lost_reasons": LOST_REASONS_KEY,
}


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(v.strip() for v in value if isinstance(v, str) and v.strip()))


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _from_stored(raw: dict[str, Any]) -> Preferences:
    """Stored JSON values → Preferences; anything unreadable falls back to its default."""
    d = Preferences()
    currency = raw.get("currency")
    tz = raw.get("timezone")
    days = raw.get("follow_up_days")
    handover = raw.get("handover_days")
    fairs_raw = raw.get("fairs")
    costs_raw = raw.get("costs")
    fairs = {}
    if isinstance(fairs_raw, dict):
        for name, info in fairs_raw.items():
            if isinstance(info, dict):
                fairs[str(name)] = Fair(_day(info.get("start")), _day(info.get("end")))
    costs = {}
    if isinstance(costs_raw, dict):
        costs = {str(k): float(v) for k, v in costs_raw.items() if isinstance(v, int | float) and v >= 0}
    return Preferences(
        currency=currency if isinstance(currency, str) and len(currency) == 3 else d.currency,
        timezone=tz if isinstance(tz, str) and tz else d.timezone,
        follow_up_days=days if isinstance(days, int) and 0 <= days <= 365 else d.follow_up_days,
        working_days=working_days_of(raw.get("working_days")),
        handover_days=handover if isinstance(handover, int) and 0 <= handover <= 60 else d.handover_days,
        sources=_strings(raw.get("sources")),
        fairs=fairs,
        costs=costs,
        tags=_strings(raw.get("tags")),
        lost_reasons=_strings(raw.get("lost_reasons")),
    )


def read_preferences(db: Database) -> Preferences:
    """All settings at once (one small query)."""
    keys = {v: k for k, v in _KEYS.items()}
    raw: dict[str, Any] = {}
    with db.engine.connect() as conn:
        for key, value in conn.execute(
            select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_(list(keys)))  # type: ignore[attr-defined,call-overload]
        ):
            try:
                raw[keys[key]] = json.loads(value)
            except ValueError:
                continue
    return _from_stored(raw)


def _to_stored(name: str, value: Any) -> Any:
    if name == "fairs":
        return {
            k: {"start": f.start.isoformat() if f.start else "", "end": f.end.isoformat() if f.end else ""}
            for k, f in sorted(value.items())
        }
    if name in ("working_days", "sources", "tags", "lost_reasons"):
        return list(value)
    if name == "costs":
        return dict(sorted(value.items()))
    return value


def _validate(p: Preferences) -> None:
    errors: dict[str, str] = {}
    if len(p.currency) != 3 or not p.currency.isalpha() or not p.currency.isupper():
        errors["currency"] = Text("a currency is a three-letter code such as EUR")
    try:
        zone(p.timezone)
    except ValidationError as exc:
        errors.update(exc.errors)
    if not 0 <= p.follow_up_days <= 365:
        errors["follow_up_days"] = Text("enter between 0 and 365 days")
    if not p.working_days or any(not 0 <= d <= 6 for d in p.working_days):
        errors["working_days"] = Text("choose at least one working day")
    if not 0 <= p.handover_days <= 60:
        errors["handover_days"] = Text("enter between 0 and 60 working days")
    for name, fair in p.fairs.items():
        if fair.start and fair.end and fair.end < fair.start:
            errors["fairs"] = Text("the fair {name!r} ends before it starts", name=name)
    for cost in p.costs.values():
        if not math.isfinite(cost) or cost < 0:
            errors["costs"] = Text("a cost is a positive amount")
    builtin = {k.casefold() for k in LOST_REASONS} | {v.casefold() for v in LOST_REASONS.values()}
    for reason in p.lost_reasons:
        if reason.casefold() in builtin:
            errors["lost_reasons"] = Text("{reason!r} is a built-in reason already", reason=reason)
    if errors:
        raise ValidationError(errors)


def write_preferences(db: Database, **changes: Any) -> Preferences:
    """Change some settings (``currency="CHF"``, ``working_days=(0, 1, 2, 3)``) in one transaction.

    Everything is validated before anything is written; the result is what is now stored.
    """
    names = {f.name for f in fields(Preferences)}
    unknown = set(changes) - names
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    current = read_preferences(db)
    values = {f.name: getattr(current, f.name) for f in fields(Preferences)}
    values.update(changes)
    values["currency"] = str(values["currency"]).strip().upper()
    values["working_days"] = tuple(sorted(set(values["working_days"])))
    values["sources"] = tuple(dict.fromkeys(s.strip() for s in values["sources"] if s.strip()))
    values["tags"] = tuple(dict.fromkeys(s.strip() for s in values["tags"] if s.strip()))
    values["lost_reasons"] = tuple(dict.fromkeys(s.strip() for s in values["lost_reasons"] if s.strip()))
    after = Preferences(**values)
    _validate(after)
    with db.transaction() as session:
        for name in changes:
            session.merge(
                AppSetting(
                    key=_KEYS[name],
                    value=json.dumps(_to_stored(name, getattr(after, name)), ensure_ascii=False),
                )
            )
        note(session, settings=True)
    return read_preferences(db)
