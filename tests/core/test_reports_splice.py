"""The kept report facts follow the changes: after each write the spliced copy equals a full read.

A user keeps the reports window open (or opens it again) while working on the board; the source
re-reads only the leads each change names. These tests do real writes through the services and
compare every column with what a fresh read of the whole history gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from leaddesk.core.models import StageChange
from leaddesk.core.reports import Mode, ReportQuery, compute
from leaddesk.core.reports.data import PER_LEAD, PER_MOVE, ReportData, ReportSource, load
from leaddesk.core.services.activities import CALL, add_activity
from leaddesk.core.services.leads import create_lead, move_stage, undo_move, update_lead
from leaddesk.core.services.trash import delete_leads, restore_leads

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
#: Every report over all the leads (a wide period), handover at a fixed "now".
WIDE = ReportQuery(start=NOW.date() - timedelta(days=400), end=NOW.date() + timedelta(days=400), now=NOW)


def _moves(data: ReportData) -> list[tuple[int, int, int, float]]:
    return sorted(zip((data.ids[i] for i in data.m_index), data.m_to, data.m_kind, data.m_at, strict=True))


def assert_same(kept: ReportData, fresh: ReportData) -> None:
    for name in PER_LEAD:
        assert getattr(kept, name) == getattr(fresh, name), name
    assert _moves(kept) == _moves(fresh)
    assert sorted((kept.ids[m.index], m.from_stage, m.reason, m.at) for m in kept.lost_moves) == sorted(
        (fresh.ids[m.index], m.from_stage, m.reason, m.at) for m in fresh.lost_moves
    )
    assert [kept.ids[i] for i in kept.mql_rows] == [fresh.ids[i] for i in fresh.mql_rows]
    assert kept.mql_times == fresh.mql_times
    assert kept.index_of == fresh.index_of


def test_every_list_of_the_facts_is_either_per_lead_or_per_move() -> None:
    lists = {name for name, value in vars(ReportData(loaded_at=NOW)).items() if isinstance(value, list)}
    assert lists == set(PER_LEAD) | set(PER_MOVE)


@pytest.fixture
def source(db):
    for k in range(6):
        create_lead(db, {"last_name": f"Lead {k}", "company": "ACME", "source": "Website", "value": 100 * k})
    source = ReportSource(db)
    data = source.data()
    with source.connection() as conn:
        compute(conn, data, WIDE)  # fills the caches a splice must keep right
    assert source.last_path == "read"
    yield source
    source.close()


def _lead_ids(db) -> list[int]:
    with db.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT id FROM lead ORDER BY id")]


def _check(db, source: ReportSource, path: str) -> None:
    kept = source.data()
    assert source.last_path == path
    with db.engine.connect() as conn:
        fresh = load(conn)
    assert_same(kept, fresh)
    with source.connection() as conn:
        for query in (WIDE, replace(WIDE, mode=Mode.PERIOD)):
            a = compute(conn, kept, query)
            b = compute(conn, fresh, query)
            assert replace(a, timings_ms={}) == replace(b, timings_ms={})


WRITES: dict[str, Callable[..., object]] = {
    "a move forward": lambda db, ids: move_stage(db, ids[0], "mql"),
    "a skipping move": lambda db, ids: move_stage(db, ids[1], "sql"),
    "lost with a reason": lambda db, ids: move_stage(db, ids[2], "lost", reason="no_budget"),
    "a new lead": lambda db, ids: create_lead(db, {"last_name": "New", "source": "Fair", "value": 900}),
    "a field edit": lambda db, ids: update_lead(db, ids[3], {"source": "Referral"}, expected_version=None),
    "a sales call": lambda db, ids: add_activity(db, ids[0], CALL, at=NOW),
}


@pytest.fixture
def in_place(monkeypatch):
    """The usual writes splice moves in O(changed): the whole-list path must not run."""

    def refuse(*_args: object) -> None:
        raise AssertionError("all moves were rebuilt")

    monkeypatch.setattr(ReportData, "_replace_moves", refuse)


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_is_spliced_in_and_equals_a_full_read(db, source, in_place, write) -> None:
    WRITES[write](db, _lead_ids(db))
    _check(db, source, "spliced")


def test_a_series_of_writes_and_an_undone_move_stay_equal_to_a_full_read(db, source, in_place) -> None:
    ids = _lead_ids(db)
    first = move_stage(db, ids[0], "mql")
    move_stage(db, ids[0], "sql")
    _check(db, source, "spliced")
    second = move_stage(db, ids[4], "won")
    undo_move(db, second)
    _check(db, source, "spliced")
    move_stage(db, ids[0], "lead", reason="not ready")  # backward
    move_stage(db, ids[2], "lost", reason="no_response")
    move_stage(db, ids[2], "lead", reason="recycled")
    create_lead(db, {"last_name": "Late", "company": "Late GmbH"})
    _check(db, source, "spliced")
    assert first.lead.id == ids[0]


def test_a_lead_gone_to_the_trash_is_read_in_full_and_comes_back(db, source) -> None:
    ids = _lead_ids(db)
    move_stage(db, ids[1], "mql")
    source.data()
    delete_leads(db, [ids[1]])
    _check(db, source, "read")
    assert ids[1] not in source.data().index_of
    restore_leads(db, [ids[1]])
    _check(db, source, "read")  # back in its old place by creation: only a full read renumbers
    assert ids[1] in source.data().index_of


def test_nothing_named_and_nothing_committed_keeps_the_facts(db, source) -> None:
    kept = source.data()
    assert source.data() is kept and source.last_path == "kept"


def test_a_commit_no_change_named_another_program_say_reads_everything(db, source) -> None:
    with db.engine.begin() as conn:  # bypasses the services: no Changes are published
        conn.exec_driver_sql("UPDATE lead SET source = 'Elsewhere' WHERE id = (SELECT min(id) FROM lead)")
    _check(db, source, "read")


def test_an_old_move_rewritten_is_spliced_the_slow_way_and_still_equal(db, source) -> None:
    from leaddesk.core.changes import note

    ids = _lead_ids(db)
    move_stage(db, ids[0], "mql")
    move_stage(db, ids[0], "sql")
    source.data()
    with db.transaction() as session:  # the first move happened a day earlier (a merge might do this)
        change = session.execute(
            select(StageChange).where(StageChange.lead_id == ids[0], StageChange.to_stage == "mql")
        ).scalar_one()
        change.at = change.at - timedelta(days=1)
        note(session, updated=[ids[0]])
    _check(db, source, "spliced")


def test_undo_then_another_move_between_two_reads(db, source, in_place) -> None:
    ids = _lead_ids(db)
    move_stage(db, ids[5], "mql")
    source.data()
    undo_move(db, move_stage(db, ids[5], "sql"))
    move_stage(db, ids[5], "lost", reason="no_budget")
    _check(db, source, "spliced")


def test_a_move_undone_and_made_again_is_spliced_in_place(db, source, in_place) -> None:
    ids = _lead_ids(db)
    first = move_stage(db, ids[3], "mql")
    _check(db, source, "spliced")
    undo_move(db, first)
    move_stage(db, ids[3], "sql")  # the newest move is taken back and another one made
    _check(db, source, "spliced")
