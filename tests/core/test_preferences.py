"""The team's settings: one place to read and write, the old homes kept, every write noted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from leaddesk.core.errors import ValidationError
from leaddesk.core.preferences import Fair, Preferences, read_preferences, write_preferences
from leaddesk.core.reports.settings import handover_days, set_handover_days, source_costs
from leaddesk.core.services.tasks import user_timezone
from leaddesk.core.tz import system_timezone


def test_defaults_on_a_new_database(db: Any) -> None:
    p = read_preferences(db)
    assert p == Preferences(timezone=system_timezone())
    assert p.working_days == (0, 1, 2, 3, 4) and p.follow_up_days == 7 and p.handover_days == 2


def test_round_trip_and_the_existing_homes(db: Any) -> None:
    fair = Fair(date(2026, 3, 10), date(2026, 3, 13))
    after = write_preferences(
        db,
        currency="chf",
        timezone="Europe/Zurich",
        follow_up_days=3,
        working_days=(3, 0, 1, 2, 1),
        handover_days=4,
        sources=("Messe Stuttgart 2026", " ", "Messe Stuttgart 2026"),
        fairs={"Messe Stuttgart 2026": fair},
        costs={"Messe Stuttgart 2026": 12500.0},
        tags=("Premium",),
        lost_reasons=("Zu weit weg",),
    )
    assert after == read_preferences(db)
    assert after.currency == "CHF" and after.working_days == (0, 1, 2, 3)
    assert after.sources == ("Messe Stuttgart 2026",) and after.fairs == {"Messe Stuttgart 2026": fair}
    # no second copies: the reports and the follow-ups read the same values
    assert user_timezone(db) == "Europe/Zurich"
    assert handover_days(db) == 4
    assert source_costs(db) == {"Messe Stuttgart 2026": 12500.0}
    set_handover_days(db, 6)
    assert read_preferences(db).handover_days == 6


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"currency": "Euro"}, "currency"),
        ({"timezone": "Mars/Olympus"}, "tz"),
        ({"working_days": ()}, "working_days"),
        ({"follow_up_days": 400}, "follow_up_days"),
        ({"handover_days": -1}, "handover_days"),
        ({"fairs": {"X": Fair(date(2026, 3, 2), date(2026, 3, 1))}}, "fairs"),
        ({"costs": {"X": -5.0}}, "costs"),
        ({"lost_reasons": ("No budget",)}, "lost_reasons"),
    ],
)
def test_refused_values_change_nothing(db: Any, change: dict[str, Any], field: str) -> None:
    write_preferences(db, tags=("before",))
    with pytest.raises(ValidationError) as caught:
        write_preferences(db, tags=("after",), **change)
    assert field in caught.value.errors
    assert read_preferences(db).tags == ("before",)  # validated before anything was written


def test_every_settings_write_is_noted(db: Any) -> None:
    from leaddesk.core.reports.settings import set_source_cost
    from leaddesk.core.services.tasks import set_user_timezone

    seen: list[Any] = []
    db.add_listener(seen.append)
    try:
        write_preferences(db, currency="USD")
        set_handover_days(db, 3)
        set_source_cost(db, "Messe", 100.0)
        set_user_timezone(db, "Europe/Berlin")
    finally:
        db.remove_listener(seen.append)
    assert len(seen) == 4 and all(c.settings and not c.touches_leads for c in seen)


def test_unknown_setting_is_a_programming_error(db: Any) -> None:
    with pytest.raises(TypeError):
        write_preferences(db, colour="blue")


def test_a_source_marked_as_fair_in_settings_is_a_fair_in_reports(db: Any) -> None:
    from datetime import UTC, datetime

    from leaddesk.core.reports.query import ReportQuery
    from leaddesk.core.reports.report import compute_report
    from leaddesk.core.services.leads import create_lead

    create_lead(db, {"last_name": "A", "source": "Stuttgart 2026"})
    now = datetime.now(UTC)
    query = ReportQuery(start=now.date().replace(day=1), end=now.date(), tz="UTC", now=now)
    rows = {r.source: r for r in compute_report(db, query).sources}
    assert not rows["Stuttgart 2026"].is_fair  # the name does not say so
    write_preferences(db, fairs={"Stuttgart 2026": Fair(date(2026, 3, 10), date(2026, 3, 13))})
    rows = {r.source: r for r in compute_report(db, query).sources}
    assert rows["Stuttgart 2026"].is_fair
