"""The trash: deleted leads leave every list, come back as they were, and go for good when emptied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import NotFoundError
from leaddesk.core.models import Activity, Lead, LeadScore, StageChange, Task
from leaddesk.core.services.activities import add_activity
from leaddesk.core.services.board import load_board
from leaddesk.core.services.leads import create_lead, get_lead, move_stage
from leaddesk.core.services.query import LeadFilter, list_leads
from leaddesk.core.services.tasks import create_task
from leaddesk.core.services.trash import (
    TRASH_DAYS,
    delete_leads,
    empty_expired,
    empty_trash,
    list_trash,
    restore_leads,
)

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _lead(db: Database, name: str, **fields: object) -> int:
    return create_lead(db, {"last_name": name, **fields})[0].id


def test_delete_takes_a_lead_off_every_list_and_restore_brings_it_back(db: Database) -> None:
    keep, gone = _lead(db, "Bleibt"), _lead(db, "Weg", company="Weg GmbH")
    move_stage(db, gone, "mql")
    heard: list[Changes] = []
    db.add_listener(heard.append)
    assert delete_leads(db, [gone], now=NOW) == [gone]
    assert heard[-1].removed == {gone} and heard[-1].trash
    assert gone not in load_board(db).position
    assert [v.id for v in list_leads(db, LeadFilter(search="Weg"))] == []
    with pytest.raises(NotFoundError):
        get_lead(db, gone)
    [trashed] = list_trash(db)
    assert (trashed.id, trashed.display_name, trashed.stage, trashed.deleted_at) == (gone, "Weg", "mql", NOW)
    assert delete_leads(db, [gone]) == []  # already there: nothing to do

    assert restore_leads(db, [gone]) == [gone]
    assert heard[-1].created == {gone}
    assert get_lead(db, gone).stage == "mql"  # back where it stood
    assert load_board(db).stage[gone] == "mql" and keep in load_board(db).position
    assert list_trash(db) == []


def test_unknown_ids_are_named(db: Database) -> None:
    with pytest.raises(NotFoundError, match="lead 999"):
        delete_leads(db, [999])


def test_emptying_the_trash_removes_the_lead_and_all_tied_to_it(db: Database) -> None:
    lead = _lead(db, "Alt", email="alt@example.org")
    add_activity(db, lead, "call", subject="Erstgespräch")
    create_task(db, lead, datetime(2026, 12, 10, tzinfo=UTC).date())
    other = _lead(db, "Neu")
    delete_leads(db, [lead], now=NOW - timedelta(days=TRASH_DAYS + 1))
    delete_leads(db, [other], now=NOW - timedelta(days=1))
    assert empty_expired(db, now=NOW) == 1  # only the one older than 30 days
    with db.session() as session:
        for table in (Lead, Activity, Task, StageChange, LeadScore):
            column = table.id if table is Lead else table.lead_id  # type: ignore[attr-defined]
            assert session.execute(select(func.count()).where(column == lead)).scalar() == 0, table
    assert [t.id for t in list_trash(db)] == [other]
    assert empty_trash(db) == 1 and list_trash(db) == []
