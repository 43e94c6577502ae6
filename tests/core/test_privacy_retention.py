"""Retention proposals over simulated dates, including §257 HGB's end-of-year rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from leaddesk.core.db import Database
from leaddesk.core.models import Lead, StageChange
from leaddesk.core.privacy.retention import (
    RetentionSettings,
    due_for_erasure,
    mark_proposed,
    monthly_proposal,
    months_before,
    save_settings,
    won_due_from,
)
from leaddesk.core.services.activities import add_activity
from leaddesk.core.services.leads import create_lead


def _lead(db: Database, name: str, stage: str, touched: datetime, *, consent: bool = True) -> int:
    data: dict[str, object] = {"last_name": name}
    if consent:
        data["consent_at"] = touched
    view, _ = create_lead(db, data, stage=stage)
    with db.transaction() as s:
        s.execute(update(Lead).where(Lead.id == view.id).values(created_at=touched))
        s.execute(update(StageChange).where(StageChange.lead_id == view.id).values(at=touched))
    return view.id


def _due(db: Database, when: datetime) -> dict[int, str]:
    return {d.lead_id: d.category for d in due_for_erasure(db, now=when)}


def test_lost_leads_after_24_months_without_activity(db: Database) -> None:
    lost = _lead(db, "Verloren", "lost", datetime(2024, 3, 15, tzinfo=UTC))
    assert _due(db, datetime(2026, 3, 14, tzinfo=UTC)) == {}
    assert _due(db, datetime(2026, 3, 16, tzinfo=UTC)) == {lost: "lost"}
    # A new activity starts the period again.
    add_activity(db, lost, "email", at=datetime(2025, 6, 1, tzinfo=UTC), subject="Nachfrage")
    assert _due(db, datetime(2026, 3, 16, tzinfo=UTC)) == {}
    assert _due(db, datetime(2027, 6, 2, tzinfo=UTC)) == {lost: "lost"}


def test_leads_without_consent_after_6_months_and_a_withdrawn_consent(db: Database) -> None:
    without = _lead(db, "Ohne", "lead", datetime(2026, 1, 31, tzinfo=UTC), consent=False)
    given = _lead(db, "Mit", "mql", datetime(2026, 1, 31, tzinfo=UTC))
    # 31 January + 6 months = 31 July; 30 July is still inside.
    assert _due(db, datetime(2026, 7, 30, tzinfo=UTC)) == {}
    assert _due(db, datetime(2026, 8, 1, tzinfo=UTC)) == {without: "no_consent"}
    with db.transaction() as s:
        s.execute(
            update(Lead).where(Lead.id == given).values(consent_withdrawn_at=datetime(2026, 2, 1, tzinfo=UTC))
        )
    assert _due(db, datetime(2026, 8, 1, tzinfo=UTC)) == {without: "no_consent", given: "no_consent"}


def test_won_customers_are_kept_to_the_end_of_the_year_plus_six_or_ten_years(db: Database) -> None:
    won = _lead(db, "Kunde", "won", datetime(2020, 3, 10, tzinfo=UTC), consent=False)
    december = _lead(db, "Dezember", "won", datetime(2020, 12, 31, 22, tzinfo=UTC), consent=False)
    assert won_due_from(datetime(2020, 3, 10, tzinfo=UTC), 6) == datetime(2027, 1, 1, tzinfo=UTC)
    # Six years after 10 March 2020 is not enough: the period runs from 31 December 2020.
    assert _due(db, datetime(2026, 3, 11, tzinfo=UTC)) == {}
    assert _due(db, datetime(2026, 12, 31, 23, tzinfo=UTC)) == {}
    assert _due(db, datetime(2027, 1, 1, 0, 1, tzinfo=UTC)) == {won: "won", december: "won"}
    save_settings(db, RetentionSettings(won_years=10))
    assert _due(db, datetime(2030, 12, 31, tzinfo=UTC)) == {}
    assert _due(db, datetime(2031, 1, 1, 1, tzinfo=UTC)) == {won: "won", december: "won"}
    due = due_for_erasure(db, now=datetime(2031, 1, 1, 1, tzinfo=UTC))
    assert due[0].due_since == datetime(2031, 1, 1, tzinfo=UTC)


def test_erased_and_trashed_leads_are_not_proposed_and_inactive_is_off_by_default(db: Database) -> None:
    from leaddesk.core.privacy.erase import erase_leads
    from leaddesk.core.services.trash import delete_leads

    gone = _lead(db, "Weg", "lost", datetime(2020, 1, 1, tzinfo=UTC))
    trashed = _lead(db, "Papierkorb", "lost", datetime(2020, 1, 1, tzinfo=UTC))
    active = _lead(db, "Offen", "sql", datetime(2020, 1, 1, tzinfo=UTC))
    erase_leads(db, [gone])
    delete_leads(db, [trashed])
    assert _due(db, datetime(2026, 12, 4, tzinfo=UTC)) == {}
    save_settings(db, RetentionSettings(inactive_months=12))
    assert _due(db, datetime(2026, 12, 4, tzinfo=UTC)) == {active: "inactive"}


def test_the_proposal_comes_once_a_month(db: Database) -> None:
    lost = _lead(db, "Verloren", "lost", datetime(2020, 1, 1, tzinfo=UTC))
    dec = datetime(2026, 12, 4, tzinfo=UTC)
    proposal = monthly_proposal(db, now=dec)
    assert proposal is not None and [d.lead_id for d in proposal] == [lost]
    mark_proposed(db, now=dec)
    assert monthly_proposal(db, now=datetime(2026, 12, 28, tzinfo=UTC)) is None
    assert monthly_proposal(db, now=datetime(2027, 1, 2, tzinfo=UTC)) is not None
    # Nothing was erased by proposing.
    with db.session() as s:
        lead = s.get(Lead, lost)
        assert lead is not None and not lead.erased and lead.last_name == "Verloren"


def test_months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month() -> None:
    assert months_before(datetime(2026, 8, 31, tzinfo=UTC), 6) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 3, 15, tzinfo=UTC), 24) == datetime(2024, 3, 15, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), -13) == datetime(2027, 2, 15, tzinfo=UTC)


@pytest.mark.sqlite_only  # backup files
def test_the_monthly_proposal_removes_copies_older_than_the_backup_window(db: Database) -> None:
    import os

    from leaddesk.core.db import safety_copy

    old, new = safety_copy(db.engine, "merge"), safety_copy(db.engine, "merge")
    assert old is not None and new is not None and old != new
    stamp = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    os.utime(old, (stamp, stamp))
    monthly_proposal(db, now=datetime(2026, 12, 4, tzinfo=UTC))  # default window: 180 days
    assert not old.exists() and new.exists()
