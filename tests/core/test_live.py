"""Live updates between processes (issue 16): a commit on PostgreSQL is announced with its Changes.

The announcing tests need PostgreSQL (NOTIFY); on SQLite the listener is inactive and nothing
is announced, which is checked too. "Another process" is a second :class:`Database` on the same
database (its own connections and origin) or, for the race, a real child process.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from leaddesk.core.changes import EVERYTHING, Changes, from_payload, note, to_payload
from leaddesk.core.db import NOTIFY_MAX_BYTES, Database
from leaddesk.core.live import Listener
from leaddesk.core.services.leads import create_lead, get_lead, move_stage, update_lead
from tests import live_child


@pytest.fixture
def pg_db(db: Database, db_engine: str) -> Database:
    if db_engine != "postgresql":
        pytest.skip("announcements are PostgreSQL's (NOTIFY); SQLite is checked separately")
    return db


@pytest.fixture
def other(pg_db: Database) -> Iterator[Database]:
    """The same database opened again, as a colleague's LeadDesk would."""
    colleague = Database.open(pg_db.engine.url.render_as_string(hide_password=False))
    yield colleague
    colleague.close()


@pytest.fixture
def listener(pg_db: Database) -> Iterator[Listener]:
    heard = Listener(pg_db)
    yield heard
    heard.close()


def test_payload_round_trip_and_overflow() -> None:
    changes = Changes(created=frozenset({1, 2}), moved=frozenset({7}), tasks=True)
    text = to_payload(changes, "me", NOTIFY_MAX_BYTES)
    assert from_payload(text) == ("me", changes)
    many = Changes(updated=frozenset(range(1, 5000)), removed=frozenset({9}), rules=True)
    text = to_payload(many, "me", NOTIFY_MAX_BYTES)
    assert len(text.encode()) <= NOTIFY_MAX_BYTES
    assert from_payload(text) == ("me", Changes(all_leads=True, rules=True))
    assert from_payload("not json") == ("", EVERYTHING)  # unreadable: reload everything


def test_a_colleagues_writes_arrive_with_their_ids(listener: Listener, other: Database) -> None:
    lead, _ = create_lead(other, {"last_name": "Kern", "company": "Kern AG"})
    assert listener.wait(1.0) == Changes(created=frozenset({lead.id}))
    update_lead(other, lead.id, {"city": "Ulm"}, expected_version=lead.version)
    assert listener.wait(1.0).updated == {lead.id}
    move_stage(other, lead.id, "mql", expected_version=get_lead(other, lead.id).version)
    heard = listener.wait(1.0)
    assert lead.id in heard.moved and not heard.created and not heard.removed
    assert listener.wait(0.2) == Changes()  # nothing more was said


def test_a_burst_arrives_as_one_changes(listener: Listener, other: Database) -> None:
    ids = [create_lead(other, {"last_name": f"Burst {n}"})[0].id for n in range(3)]
    heard = Changes()
    while heard.created != set(ids):
        more = listener.wait(1.0)
        assert more, "an announcement did not arrive"
        heard = heard | more


def test_too_many_ids_say_all_leads(listener: Listener, other: Database) -> None:
    with other.transaction() as session:
        note(session, updated=range(1, 3000), tasks=True)  # ~15 KB of ids: over NOTIFY's limit
    assert listener.wait(1.0) == Changes(all_leads=True, tasks=True)


def test_own_writes_and_rolled_back_ones_are_not_heard(
    pg_db: Database, listener: Listener, other: Database
) -> None:
    create_lead(pg_db, {"last_name": "Selbst"})  # this process: its own listeners had it
    with pytest.raises(RuntimeError), other.transaction() as session:
        note(session, created=[999])
        raise RuntimeError("rolled back")
    assert listener.wait(0.5) == Changes()
    lead, _ = create_lead(other, {"last_name": "Fremd"})
    assert listener.wait(1.0) == Changes(created=frozenset({lead.id}))


def test_a_lost_channel_reconnects_and_says_everything_changed(
    pg_db: Database, listener: Listener, other: Database
) -> None:
    from sqlalchemy import text

    with other.engine.begin() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'"
                " AND datname = current_database()"
            )
        )
    heard = Changes()
    for _ in range(10):  # notices the loss, waits RETRY_MIN_S, reconnects
        heard = listener.wait(0.5)
        if heard:
            break
    assert heard == EVERYTHING
    lead, _ = create_lead(other, {"last_name": "Danach"})
    assert listener.wait(1.0) == Changes(created=frozenset({lead.id}))


def test_sqlite_announces_nothing(db: Database, db_engine: str) -> None:
    if db_engine != "sqlite":
        pytest.skip("the SQLite half")
    listener = Listener(db)
    assert not listener.active
    create_lead(db, {"last_name": "Datei"})
    assert listener.wait(0.0) == Changes()
    listener.close()


def test_two_processes_saving_one_version_one_conflict_no_lost_update(db: Database) -> None:
    """Both engines: the version check and the write are one transaction behind the write lock."""
    lead, _ = create_lead(db, {"last_name": "Race", "company": "Start"})
    url = db.engine.url.render_as_string(hide_password=False)
    racers = {
        name: live_child.start(url, "edit", lead.id, "company", name, str(lead.version))
        for name in ("Alpha", "Beta")
    }
    live_child.go(*racers.values())  # both at once, with the same version
    outcomes = {name: live_child.outcome(proc) for name, proc in racers.items()}
    assert sorted(o["outcome"] for o in outcomes.values()) == ["conflict", "won"], outcomes
    winner = next(name for name, o in outcomes.items() if o["outcome"] == "won")
    stored = get_lead(db, lead.id)
    assert stored.company == winner and stored.version == lead.version + 1  # the loser wrote nothing
    assert all(o["version"] == stored.version for o in outcomes.values())  # the loser was told it


def test_reports_splice_what_a_colleague_changed(
    pg_db: Database, listener: Listener, other: Database
) -> None:
    """Heard Changes published to the database's listeners (as the UI's live feed does) let the
    reports read only the named leads again instead of everything."""
    from leaddesk.core.reports.data import ReportSource

    create_lead(pg_db, {"last_name": "Bericht", "value": 100})
    source = ReportSource(pg_db)
    try:
        source.data()
        assert source.last_path == "read"
        lead, _ = create_lead(other, {"last_name": "Neu", "value": 250})
        pg_db.publish(listener.wait(1.0))
        after = source.data()
        assert source.last_path == "spliced"
        assert lead.id in after.ids
    finally:
        source.close()
