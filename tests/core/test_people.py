"""Team mode's people: owners become users, renames reach every lead, history names who works."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from leaddesk.core import who
from leaddesk.core.db import make_engine, migrate
from leaddesk.core.errors import NotFoundError, ValidationError
from leaddesk.core.models import Lead
from leaddesk.core.people import (
    add_user,
    deactivate_user,
    default_owner,
    initials_of,
    list_users,
    rename_user,
    set_active,
    set_details,
)
from leaddesk.core.privacy.audit import entries
from leaddesk.core.privacy.consent import set_do_not_contact
from leaddesk.core.services.bulk import bulk_move, bulk_set_owner
from leaddesk.core.services.imports import apply_import, plan_import
from leaddesk.core.services.leads import create_lead, get_lead, move_stage, stage_history, update_lead


@pytest.fixture
def old_engine_url(db_engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """An empty database URL on this test's engine, for migrating step by step."""
    if db_engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.unique_name("people_migration")
    yield cluster.create_database(name)
    cluster.drop_database(name)


def test_upgrade_turns_every_owner_on_a_lead_into_a_user(old_engine_url: Any) -> None:
    engine = make_engine(old_engine_url)
    try:
        migrate(engine, "pg_1")
        with Session(engine) as session:
            for n, owner in enumerate(["Anna Berger", " anna  berger", "Tobias Klein", "", "Sabine Roth"]):
                session.add(Lead(last_name=f"L{n}", owner=owner))
            session.commit()
        migrate(engine)
        with engine.connect() as conn:
            query = 'SELECT name, initials, email, active FROM "user" ORDER BY name'
            rows = conn.exec_driver_sql(query).all()
            owners = sorted(conn.exec_driver_sql("SELECT owner FROM lead").scalars())
        assert [tuple(r) for r in rows] == [
            ("Anna Berger", "AB", "", True),
            ("Sabine Roth", "SR", "", True),
            ("Tobias Klein", "TK", "", True),
        ]
        assert owners == ["", " anna  berger", "Anna Berger", "Sabine Roth", "Tobias Klein"]  # untouched
    finally:
        engine.dispose()


def test_initials() -> None:
    assert initials_of("Anna Berger") == "AB"
    assert initials_of("Anna Maria von Berg") == "AB"
    assert initials_of("anna") == "AN"
    assert initials_of("Ölaf Ünal") == "ÖÜ"


def test_add_list_and_deactivate(db: Any) -> None:
    changes = add_user(db, "  Anna   Berger ", email="anna@example.com")
    assert changes.users and not changes.lead_ids
    add_user(db, "Tobias Klein", initials="tk")
    with pytest.raises(ValidationError) as err:
        add_user(db, "anna berger")
    assert "name" in err.value.errors
    with pytest.raises(ValidationError) as err:
        add_user(db, "Sabine", email="not an address")
    assert "email" in err.value.errors
    with pytest.raises(ValidationError):
        add_user(db, "   ")
    users = list_users(db)
    assert [(u.name, u.initials, u.email, u.active) for u in users] == [
        ("Anna Berger", "AB", "anna@example.com", True),
        ("Tobias Klein", "TK", "", True),
    ]
    assert deactivate_user(db, "tobias klein").users
    assert [u.name for u in list_users(db, include_inactive=False)] == ["Anna Berger"]
    assert not deactivate_user(db, "Tobias Klein")  # already inactive: nothing changed
    set_active(db, "Tobias Klein", True)
    assert set_details(db, "Tobias Klein", initials="TOK").users
    assert [u.initials for u in list_users(db)] == ["AB", "TOK"]
    with pytest.raises(NotFoundError):
        deactivate_user(db, "Nobody")


def test_rename_renames_the_owner_of_every_lead_in_one_transaction(db: Any) -> None:
    add_user(db, "Anna Berger")
    add_user(db, "Tobias Klein")
    mine = [create_lead(db, {"last_name": f"A{n}", "owner": "Anna Berger"})[0] for n in range(3)]
    typed, _ = create_lead(db, {"last_name": "Typed", "owner": "anna  berger"})
    other, _ = create_lead(db, {"last_name": "Other", "owner": "Tobias Klein"})

    changes = rename_user(db, "Anna Berger", "Anna Schmidt")

    assert changes.users
    assert changes.updated == {lead.id for lead in [*mine, typed]}
    for lead in [*mine, typed]:
        after = get_lead(db, lead.id)
        assert after.owner == "Anna Schmidt" and after.version == lead.version + 1
    assert get_lead(db, other.id).owner == "Tobias Klein"
    assert [(u.name, u.initials) for u in list_users(db)] == [("Anna Schmidt", "AS"), ("Tobias Klein", "TK")]
    # Another user's name is refused, and nothing at all is written then.
    with pytest.raises(ValidationError):
        rename_user(db, "Anna Schmidt", "tobias klein")
    assert get_lead(db, mine[0].id).owner == "Anna Schmidt"
    with pytest.raises(NotFoundError):
        rename_user(db, "Anna Berger", "X")
    assert not rename_user(db, "Anna Schmidt", "Anna  Schmidt")  # the same name: nothing to do


def test_rename_keeps_initials_someone_chose(db: Any) -> None:
    add_user(db, "Anna Berger", initials="ANNA")
    rename_user(db, "Anna Berger", "Anna Schmidt")
    assert [u.initials for u in list_users(db)] == ["ANNA"]


def test_who_precedence_file_env_as_and_login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(who.getpass, "getuser", lambda: "jdoe")
    assert who.chosen() is None and who.current() == "jdoe"
    who.choose("  Anna   Berger ")
    assert json.loads(who.who_file().read_text(encoding="utf-8")) == {"user": "Anna Berger"}
    assert who.who_file().parent == Path(who.paths.config_dir())
    assert who.stored() == who.current() == "Anna Berger"
    monkeypatch.setenv("LEADDESK_USER", "Tobias Klein")
    assert who.current() == "Tobias Klein"  # the environment beats the machine's choice
    who.use("Sabine Roth")
    assert who.current() == "Sabine Roth"  # --as beats both
    who.use(None)
    monkeypatch.delenv("LEADDESK_USER")
    assert who.current() == "Anna Berger"
    who.choose(None)
    assert not who.who_file().exists() and who.current() == "jdoe"
    who.who_file().write_text("not json", encoding="utf-8")
    assert who.stored() is None and who.current() == "jdoe"  # a damaged file is no choice
    monkeypatch.setenv("LEADDESK_CONFIG_DIR", str(tmp_path / "elsewhere"))
    who.choose("Mehmet Kaya")
    assert (tmp_path / "elsewhere" / "who.json").exists()


def test_history_and_audit_entries_name_who_is_working(db: Any) -> None:
    who.choose("Anna Berger")
    lead, _ = create_lead(db, {"last_name": "Müller"})
    move_stage(db, lead.id, "mql")
    bulk_move(db, [lead.id], "sql")
    move_stage(db, lead.id, "won", actor="Tobias Klein")  # a caller naming someone wins
    history = stage_history(db, lead.id)
    assert [(m.to_stage, m.actor) for m in history] == [
        ("lead", "Anna Berger"),
        ("mql", "Anna Berger"),
        ("sql", "Anna Berger"),
        ("won", "Tobias Klein"),
    ]
    set_do_not_contact(db, lead.id, True)
    assert [e.actor for e in entries(db, kind="consent")] == ["Anna Berger"]
    plan = plan_import(db, [("messe.csv", b"Nachname;Firma\nKessler;Kessler AG\n")])
    assert apply_import(db, plan).created == 1
    new_id = lead.id + 1  # the next lead
    assert [(m.actor, m.actor_kind) for m in stage_history(db, new_id)] == [("Anna Berger", "import")]


def test_default_owner(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(who.getpass, "getuser", lambda: "anna")
    assert default_owner(db) == ""  # a login name nobody added is no owner
    add_user(db, "Anna")
    assert default_owner(db) == "Anna"
    deactivate_user(db, "Anna")
    assert default_owner(db) == ""
    who.choose("Tobias Klein")
    assert default_owner(db) == "Tobias Klein"


def test_created_at_is_utc(db: Any) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    add_user(db, "Anna")
    assert list_users(db)[0].created_at >= before


def test_an_owner_typed_on_a_lead_becomes_a_user_in_the_same_transaction(db: Any) -> None:
    add_user(db, "Anna Berger")
    heard: list[Any] = []
    db.add_listener(heard.append)
    lead, _ = create_lead(db, {"last_name": "Kessler", "owner": "  jonas   weber "})
    assert heard[-1].users and lead.id in heard[-1].created
    # Spelled by the user list from now on; an existing user in other case or spacing is reused.
    assert lead.owner == "jonas weber"
    other, _ = create_lead(db, {"last_name": "Lang", "owner": "ANNA berger"})
    assert other.owner == "Anna Berger"
    assert [(u.name, u.initials) for u in list_users(db)] == [("Anna Berger", "AB"), ("jonas weber", "JW")]
    updated, _ = update_lead(db, other.id, {"owner": "Tobias Klein"}, expected_version=other.version)
    assert updated.owner == "Tobias Klein" and "Tobias Klein" in [u.name for u in list_users(db)]
    # A name no user could have stays the lead's text only (a comma would split the owner lists).
    odd, _ = create_lead(db, {"last_name": "Odd", "owner": "Berger, Anna"})
    assert odd.owner == "Berger, Anna"
    assert "Berger, Anna" not in [u.name for u in list_users(db)]


def test_bulk_owner_and_an_imported_owner_column_add_users(db: Any) -> None:
    leads = [create_lead(db, {"last_name": f"L{n}"})[0] for n in range(3)]
    result = bulk_set_owner(db, [lead.id for lead in leads], "Mara Roth")
    assert len(result.ids) == 3 and "Mara Roth" in [u.name for u in list_users(db)]
    csv = "Nachname;Besitzer\nKlein;Paul Frei\nGroß;paul frei\nBauer;Mara Roth\n".encode()
    plan = plan_import(db, [("team.csv", csv)], mapping={"Nachname": "last_name", "Besitzer": "owner"})
    apply_import(db, plan)
    owners = {get_lead(db, i).owner for i in range(4, 7)}
    assert owners == {"Paul Frei", "Mara Roth"}
    assert [u.name for u in list_users(db)] == ["Mara Roth", "Paul Frei"]
