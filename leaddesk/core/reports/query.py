"""What a report is asked for: a period of local days, a mode, filters, and the user's time zone.

Periods are whole local days in the user's zone, so "November" ends at midnight in Berlin and
not at midnight UTC: a lead created at 00:30 on 1 December in Berlin (23:30 UTC on 30 November)
belongs to December. Stored times are UTC; :func:`bounds_jd` turns the local days into the UTC
instants the data is compared with (as Julian day numbers, which SQLite's ``julianday`` gives).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from leaddesk.core.errors import ValidationError
from leaddesk.core.text import Text
from leaddesk.core.tz import zone

#: Julian day number of the Unix epoch (1970-01-01 00:00 UTC).
UNIX_EPOCH_JD = 2440587.5


class Mode(StrEnum):
    #: Of the leads created in the period: how far did they get (by today)?
    COHORT = "cohort"
    #: What moved during the period: moves into each stage, whoever made them.
    PERIOD = "period"


class Preset(StrEnum):
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_QUARTER = "this_quarter"
    LAST_12_MONTHS = "last_12_months"
    CUSTOM = "custom"


@dataclass(frozen=True)
class ReportQuery:
    """Local days ``start``..``end`` (both included) in zone ``tz``; empty filters mean "any"."""

    start: date
    end: date
    mode: Mode = Mode.COHORT
    tz: str = "Europe/Berlin"
    source: str = ""
    tag: str = ""
    owner: str = ""
    #: "Today" for open leads and waiting MQLs; None means the moment of computing.
    now: datetime | None = None
    #: Working days an MQL may wait for sales; None reads the setting (default 2).
    handover_days: int | None = None
    #: The weekdays that count as working days (Monday = 0); None reads the setting (Mon–Fri).
    working_days: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError({"period": Text("the period ends before it starts")})
        zone(self.tz)
        Mode(self.mode)


def to_jd(moment: datetime) -> float:
    """An aware moment as a Julian day number (UTC based, as SQLite's ``julianday``)."""
    return moment.timestamp() / 86400.0 + UNIX_EPOCH_JD


def from_jd(jd: float) -> datetime:
    return datetime.fromtimestamp((jd - UNIX_EPOCH_JD) * 86400.0, UTC)


def local_midnight(day: date, tz: str) -> datetime:
    """The first instant of ``day`` in ``tz`` (aware)."""
    return datetime.combine(day, time(0), tzinfo=zone(tz))


def bounds_jd(query: ReportQuery) -> tuple[float, float]:
    """[first instant of ``start``, first instant after ``end``) in the user's zone, as Julian days."""
    return (
        to_jd(local_midnight(query.start, query.tz)),
        to_jd(local_midnight(query.end + timedelta(days=1), query.tz)),
    )


def preset_period(preset: Preset, today: date) -> tuple[date, date]:
    """The days a named period covers, seen from the local ``today``."""
    if preset is Preset.THIS_MONTH:
        return today.replace(day=1), today
    if preset is Preset.LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset is Preset.THIS_QUARTER:
        first_month = 3 * ((today.month - 1) // 3) + 1
        return date(today.year, first_month, 1), today
    if preset is Preset.LAST_12_MONTHS:
        first = date(today.year, 1, 1) if today.month == 12 else date(today.year - 1, today.month + 1, 1)
        return first, today
    raise ValueError("a custom period has no preset days")
