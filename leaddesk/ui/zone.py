"""The user's time zone for everything the UI shows: one setting, read once per open database.

``leaddesk.core.services.tasks.user_timezone`` decides it (the setting, else the machine's
zone); the main window calls :func:`use_zone` with it, and every date shown on a card, in the
editor, a list or a dialog goes through :func:`to_local`, so all windows show the same day.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from leaddesk.core.tz import system_timezone

_zone_name = system_timezone()
_zone = ZoneInfo(_zone_name)


def use_zone(name: str) -> None:
    """Show every date in ``name`` from now on (the user's zone of the open database)."""
    global _zone_name, _zone
    _zone = ZoneInfo(name)
    _zone_name = name


def zone_name() -> str:
    return _zone_name


def to_local(moment: datetime) -> datetime:
    """``moment`` (aware, usually UTC) as the user's wall-clock time, zone attached."""
    return moment.astimezone(_zone)


def local_text(moment: datetime) -> str:
    """``moment`` as the user's wall-clock date and time in the locale's short format."""
    local = to_local(moment)
    wall = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))
    return QLocale().toString(wall, QLocale.FormatType.ShortFormat)
