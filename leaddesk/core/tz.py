"""The user's time zone: the setting ``user.timezone``, else the machine's zone as an IANA name.

One answer for the core, the CLI and the UI: "today", "overdue" and every date shown are
counted in the user's zone, which is the machine's unless the settings name another. Kept
apart from the task services (which re-export it) so that reading the settings at start does
not import the scoring engine behind them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlmodel import Session

from leaddesk.core.db import Database
from leaddesk.core.errors import ValidationError
from leaddesk.core.models import AppSetting
from leaddesk.core.text import Text

#: The settings key of the user's zone.
TZ_SETTING = "user.timezone"

#: Used only when the machine names no zone that Python knows.
FALLBACK_TZ = "UTC"


def _known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def system_timezone() -> str:
    """``$TZ`` if it names a zone, else the zone ``/etc/localtime`` links to, else UTC."""
    env = os.environ.get("TZ", "").strip().lstrip(":")
    if env and _known(env):
        return env
    try:
        target = Path("/etc/localtime").resolve(strict=True)
    except OSError:
        target = None
    if target is not None and "zoneinfo" in target.parts:
        name = "/".join(target.parts[target.parts.index("zoneinfo") + 1 :])
        if _known(name):
            return name
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        name = ""
    return name if name and _known(name) else FALLBACK_TZ


def zone(tz: str) -> ZoneInfo:
    """The zone named ``tz``; ValidationError for an unknown name."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError({"tz": Text("unknown time zone {tz!r}", tz=tz)}) from None


# On the table's columns, not the ORM class's: the app's start reads it before its first paint,
# and an ORM statement there would set up every mapper first (~10 ms; issue 18).
_SETTING = AppSetting.__table__.c  # type: ignore[attr-defined]
_STORED = select(_SETTING.value).where(_SETTING.key == TZ_SETTING)


def user_timezone(db: Database) -> str:
    """The zone that decides where the user's day begins: the setting ``user.timezone``, else the
    machine's zone. Every date LeadDesk shows or compares (cards, follow-ups, calls, CLI) uses it."""
    with db.engine.connect() as conn:
        return _named(conn.execute(_STORED).scalar())


def user_timezone_in(session: Session) -> str:
    """:func:`user_timezone` inside the caller's session."""
    return _named(session.execute(_STORED).scalar())


def _named(stored: str | None) -> str:
    if stored is not None:
        name = json.loads(stored)
        if isinstance(name, str) and name:
            return name
    return system_timezone()
