"""Follow-up due logic across midnight, time zones and DST, and the tasks' bookkeeping on the lead."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from leaddesk.core.db import Database
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.services.leads import create_lead, get_lead, update_lead
from leaddesk.core.services.tasks import (
    DueState,
    classify_due,
    complete_task,
    create_task,
    due_counts,
    due_tasks,
    follow_up_states,
    list_tasks,
    local_day,
    reopen_task,
    reschedule_task,
    set_user_timezone,
    start_of_day,
    user_timezone,
)

BERLIN = "Europe/Berlin"
NY = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "day", "tz", "expected"),
    [
        # 23:30 in Berlin on 23 Nov: a task for the 24th is not yet due …
        (utc(2026, 11, 23, 22, 30), date(2026, 11, 24), BERLIN, DueState.LATER),
        # … at 00:30 Berlin (still the 23rd in UTC) it is due today.
        (utc(2026, 11, 23, 23, 30), date(2026, 11, 24), BERLIN, DueState.TODAY),
        # And the 23rd's task became overdue at local midnight, not at UTC midnight.
        (utc(2026, 11, 23, 23, 30), date(2026, 11, 23), BERLIN, DueState.OVERDUE),
        (utc(2026, 11, 23, 22, 59), date(2026, 11, 23), BERLIN, DueState.TODAY),
        # New York is behind: at 02:00 UTC on the 24th it is still the 23rd there.
        (utc(2026, 11, 24, 2, 0), date(2026, 11, 23), NY, DueState.TODAY),
        (utc(2026, 11, 24, 2, 0), date(2026, 11, 24), NY, DueState.LATER),
        (utc(2026, 11, 24, 5, 0), date(2026, 11, 23), NY, DueState.OVERDUE),
        # DST starts in Berlin on 29 Mar 2026 (the day has 23 hours): 23:30 local is 21:30 UTC.
        (utc(2026, 3, 29, 21, 30), date(2026, 3, 29), BERLIN, DueState.TODAY),
        (utc(2026, 3, 29, 22, 0), date(2026, 3, 29), BERLIN, DueState.OVERDUE),
        # DST ends on 25 Oct 2026 (25 hours): 00:30 local on the 26th is 23:30 UTC on the 25th.
        (utc(2026, 10, 25, 22, 30), date(2026, 10, 25), BERLIN, DueState.TODAY),
        (utc(2026, 10, 25, 23, 30), date(2026, 10, 25), BERLIN, DueState.OVERDUE),
    ],
)
def test_all_day_tasks_follow_the_users_calendar(
    now: datetime, day: date, tz: str, expected: DueState
) -> None:
    assert classify_due(start_of_day(day, tz), True, now, tz) is expected


def test_timed_task_is_overdue_once_its_moment_passed() -> None:
    due = utc(2026, 11, 23, 14, 0)  # 15:00 Berlin
    assert classify_due(due, False, utc(2026, 11, 23, 13, 59), BERLIN) is DueState.TODAY
    assert classify_due(due, False, utc(2026, 11, 23, 14, 0), BERLIN) is DueState.OVERDUE
    assert classify_due(due, False, utc(2026, 11, 22, 23, 30), BERLIN) is DueState.TODAY  # 00:30 on the 23rd
    assert classify_due(due, False, utc(2026, 11, 22, 22, 30), BERLIN) is DueState.LATER  # 23:30 on the 22nd


def test_start_of_day_is_local_midnight_in_utc() -> None:
    assert start_of_day(date(2026, 11, 24), BERLIN) == utc(2026, 11, 23, 23, 0)
    assert start_of_day(date(2026, 7, 1), BERLIN) == utc(2026, 6, 30, 22, 0)
    with pytest.raises(ValidationError):
        start_of_day(date(2026, 7, 1), "Mars/Olympus")


def _lead(db: Database, name: str = "Müller") -> int:
    return create_lead(db, {"last_name": name, "company": "Bäckerei GmbH"})[0].id


def test_next_follow_up_tracks_the_earliest_open_task(db: Database) -> None:
    lead = _lead(db)
    late = create_task(db, lead, date(2026, 12, 10), tz=BERLIN)
    early = create_task(db, lead, utc(2026, 12, 1, 9, 0), all_day=False, title="Call back")
    assert get_lead(db, lead).next_follow_up == utc(2026, 12, 1, 9, 0)
    complete_task(db, early.id)
    assert get_lead(db, lead).next_follow_up == start_of_day(date(2026, 12, 10), BERLIN)
    reopen_task(db, early.id)
    assert get_lead(db, lead).next_follow_up == utc(2026, 12, 1, 9, 0)
    reschedule_task(db, early.id, date(2026, 12, 20), tz=BERLIN)
    assert get_lead(db, lead).next_follow_up == late.due_at
    complete_task(db, early.id)
    complete_task(db, late.id)
    assert get_lead(db, lead).next_follow_up is None
    assert [t.done for t in list_tasks(db, lead)] == [True, True]
    assert list_tasks(db, lead, include_done=False) == []


def test_due_list_counts_and_board_states(db: Database) -> None:
    a, b, c = _lead(db, "A"), _lead(db, "B"), _lead(db, "C")
    now = utc(2026, 11, 23, 23, 30)  # 00:30 on the 24th in Berlin
    overdue = create_task(db, a, date(2026, 11, 23), tz=BERLIN, title="Send offer")
    today = create_task(db, b, date(2026, 11, 24), tz=BERLIN)
    create_task(db, c, date(2026, 11, 25), tz=BERLIN)
    timed_today = create_task(db, a, utc(2026, 11, 24, 15, 0), all_day=False)
    rows = due_tasks(db, now=now, tz=BERLIN)
    assert [r.task.id for r in rows] == [overdue.id, today.id, timed_today.id]
    assert [r.state for r in rows] == [DueState.OVERDUE, DueState.TODAY, DueState.TODAY]
    assert rows[0].lead_name == "A" and rows[0].company == "Bäckerei GmbH"
    assert due_counts(db, now=now, tz=BERLIN) == (1, 2)
    # Seen from New York (18:30 on the 23rd) the timed task at 10:00 NY on the 24th is not due yet.
    assert timed_today.id not in [r.task.id for r in due_tasks(db, now=now, tz=NY)]
    assert follow_up_states(db, [a, b, c], now=now, tz=BERLIN) == {a: DueState.OVERDUE, b: DueState.TODAY}
    complete_task(db, overdue.id)
    assert follow_up_states(db, [a, b, c], now=now, tz=BERLIN) == {a: DueState.TODAY, b: DueState.TODAY}


def test_task_validation(db: Database) -> None:
    lead = _lead(db)
    with pytest.raises(ValidationError):
        create_task(db, lead, date(2026, 12, 1), title="  ")
    with pytest.raises(ValidationError):
        create_task(db, lead, datetime(2026, 12, 1, 9, 0), all_day=False)  # naive
    with pytest.raises(ValidationError):
        create_task(db, lead, date(2026, 12, 1), all_day=False)
    with pytest.raises(NotFoundError):
        create_task(db, 9999, date(2026, 12, 1))
    with pytest.raises(NotFoundError):
        complete_task(db, 9999)


def test_user_timezone_setting(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert user_timezone(db) == "Asia/Tokyo"  # unset: the machine's zone
    monkeypatch.setenv("TZ", BERLIN)
    assert user_timezone(db) == BERLIN
    set_user_timezone(db, NY)
    assert user_timezone(db) == NY
    with pytest.raises(ValidationError):
        set_user_timezone(db, "Nowhere/Land")
    now = datetime.now(UTC)
    lead = _lead(db)
    create_task(db, lead, now - timedelta(days=2), tz=NY)
    assert due_counts(db, now=now) == (1, 0)


def test_follow_up_set_on_the_lead_is_a_task_the_list_shows(db: Database) -> None:
    """The editor's "next follow-up" goes through tasks: it reaches the due list, moves the
    earliest open task when changed, and clearing it closes that task."""
    lead = create_lead(db, {"last_name": "Kraus", "next_follow_up": utc(2026, 11, 23, 8)})[0]
    (task,) = list_tasks(db, lead.id)
    assert (task.title, task.all_day, task.done) == ("Follow up", True, False)
    assert local_day(task.due_at, "Europe/Berlin") == date(2026, 11, 23)
    assert get_lead(db, lead.id).next_follow_up == task.due_at
    now = utc(2026, 11, 24, 10)
    assert [d.task.id for d in due_tasks(db, now=now, tz="Europe/Berlin")] == [task.id]  # overdue
    later = create_task(db, lead.id, date(2026, 12, 20))
    view, _ = update_lead(db, lead.id, {"next_follow_up": utc(2026, 12, 7, 8)}, expected_version=lead.version)
    moved = {t.id: t for t in list_tasks(db, lead.id)}
    assert local_day(moved[task.id].due_at, "Europe/Berlin") == date(2026, 12, 7)  # the same task, moved
    assert view.next_follow_up == moved[task.id].due_at == get_lead(db, lead.id).next_follow_up
    complete_task(db, later.id)  # closing another task leaves the one set in the editor
    assert get_lead(db, lead.id).next_follow_up == moved[task.id].due_at
    view, _ = update_lead(db, lead.id, {"next_follow_up": None}, expected_version=view.version)
    assert view.next_follow_up is None and all(t.done for t in list_tasks(db, lead.id))


def test_a_follow_up_column_of_an_import_becomes_tasks_and_goes_with_undo(db: Database) -> None:
    from leaddesk.core.services.imports import apply_import, plan_import, undo_import

    data = "Nachname;Nächster Kontakt\nRoth;2026-12-01T10:00:00+01:00\nWeiß;\n".encode("cp1252")
    plan = plan_import(db, [("messe.csv", data)], mapping={"Nächster Kontakt": "next_follow_up"})
    result = apply_import(db, plan)
    roth, weiss = get_lead(db, 1), get_lead(db, 2)
    (task,) = list_tasks(db, roth.id)
    assert task.due_at == roth.next_follow_up == utc(2026, 12, 1, 9) and not task.all_day
    assert list_tasks(db, weiss.id) == [] and weiss.next_follow_up is None
    assert [d.task.id for d in due_tasks(db, now=utc(2026, 12, 1, 12), tz="Europe/Berlin")] == [task.id]
    undo_import(db, result.batch_id)
    assert due_tasks(db, now=utc(2026, 12, 1, 12), tz="Europe/Berlin") == []
