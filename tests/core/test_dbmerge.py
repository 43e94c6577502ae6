"""Merging a second LeadDesk database: uid matches, rule matches, conflicts, history; idempotent."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from leaddesk.cli import main
from leaddesk.core.db import KEEP_SAFETY_COPIES, Database, backup_sqlite, prune_safety_copies
from leaddesk.core.errors import DatabaseError
from leaddesk.core.models import Activity, Lead, Qualification, StageChange, utcnow
from leaddesk.core.services.dbmerge import merge_database
from leaddesk.core.services.leads import create_lead, get_lead, move_stage, update_lead
from leaddesk.core.services.merge import merge_leads

# The other laptop's database is made by copying the main database file (SQLite only).
pytestmark = pytest.mark.sqlite_only


def _counts(db: Any) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("lead", "stagechange", "activity", "task", "qualification", "fieldsource")
        }


@pytest.fixture
def fair(db: Any, tmp_path: Path) -> tuple[Any, Path, dict[str, int]]:
    """Main database plus a laptop copy taken before the fair and edited there."""
    a = create_lead(db, {"first_name": "Anna", "last_name": "Alt", "company": "Alt GmbH", "city": "Ulm"})[0]
    b = create_lead(db, {"first_name": "Bernd", "last_name": "Berg", "email": "bernd@berg.de"})[0]
    e = create_lead(db, {"first_name": "Erik", "last_name": "Ende", "company": "Ende AG"})[0]
    laptop_file = tmp_path / "laptop.sqlite3"
    backup_sqlite(db.engine, laptop_file)
    # Back at the office, someone edits Anna's phone; BANT known here only.
    update_lead(db, a.id, {"phone": "0731 123456"}, expected_version=a.version)
    with db.transaction() as s:
        s.add(Qualification(lead_id=a.id, budget_status="confirmed", budget_amount=1000.0))
    edit_at_the_fair(laptop_file, a.id, e.id)
    return db, laptop_file, {"a": a.id, "b": b.id, "e": e.id}


def edit_at_the_fair(laptop_file: Path, anna: int, erik: int) -> None:
    """The laptop's changes at the fair (also used by tests/core/test_dbmerge_server.py)."""
    laptop = Database.open(f"sqlite:///{laptop_file}")
    try:
        a2 = get_lead(laptop, anna)
        update_lead(laptop, anna, {"city": "Neu-Ulm", "title": "Einkauf"}, expected_version=a2.version)
        move_stage(laptop, anna, "mql", actor="Messe")
        with laptop.transaction() as s:
            s.add(Activity(lead_id=anna, kind="booth_visit", subject="Stand B12", at=utcnow()))
            s.add(Qualification(lead_id=anna, need_status="partial", need_pain="Ausfallzeiten"))
        create_lead(
            laptop, {"first_name": "Clara", "last_name": "Neu", "company": "Neu KG", "source": "Messe"}
        )
        create_lead(
            laptop,
            {"first_name": "Bernd", "last_name": "Berg", "email": "BERND@berg.de", "mobile": "0151 111222"},
        )
        create_lead(laptop, {"first_name": "Erika", "last_name": "Ende", "company": "Ende AG"})
        merge_leads(laptop, erik, 6)  # merged on the laptop: the erased row must not come back
    finally:
        laptop.close()


def test_merge_database_adds_merges_and_leaves(fair: Any) -> None:
    db, laptop_file, ids = fair
    before = _counts(db)
    dry = merge_database(db, laptop_file, dry_run=True)
    assert _counts(db) == before  # a dry run changes nothing
    report = merge_database(db, laptop_file)
    assert dry.summary().replace("leads to add", "leads added") == report.summary()
    assert [x.split(" (uid")[0] for x in report.added] == ["Clara Neu · Neu KG"]
    assert len(report.merged) == 4  # Anna, Bernd, Erik by uid; Bernd's second card by e-mail
    assert any("same email as lead" in m for m in report.merged)
    assert any("Erika Ende" in x for x in report.left)
    anna = get_lead(db, ids["a"])
    assert (anna.city, anna.title, anna.phone, anna.stage) == ("Neu-Ulm", "Einkauf", "+49731123456", "mql")
    assert "city: Ulm" in anna.notes  # the overwritten value is kept
    assert get_lead(db, ids["b"]).mobile == "+49151111222"
    with db.session() as s:
        acts = s.execute(select(Activity.subject).where(Activity.lead_id == ids["a"])).scalars().all()
        assert "Stand B12" in acts
        q = s.execute(select(Qualification).where(Qualification.lead_id == ids["a"])).scalar_one()
        assert (q.budget_status, q.need_status, q.need_pain) == ("confirmed", "partial", "Ausfallzeiten")
        assert q.version == 2  # a BANT form opened before the merge sees it changed
        moves = s.execute(select(StageChange.to_stage).where(StageChange.lead_id == ids["a"])).scalars().all()
        assert moves == ["lead", "mql"]
        assert s.execute(select(func.count()).select_from(Lead).where(Lead.erased.is_(False))).scalar() == 4
    # Merging the same file again adds and changes nothing.
    after = _counts(db)
    again = merge_database(db, laptop_file)
    assert _counts(db) == after and again.added == [] and sum(again.rows_added.values()) == 0


def test_merge_database_refuses_other_files(db: Any, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseError, match="not a LeadDesk database"):
        merge_database(db, junk)


def test_cli_merge_db(fair: Any, data_dir: Path, capsys: Any) -> None:
    _db, laptop_file, _ids = fair
    assert main(["--data-dir", str(data_dir), "merge-db", str(laptop_file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "leads to add: 1, merged: 4, left: 1" in out and "added: Clara Neu" in out
    assert "as it was before" not in out and not list(data_dir.glob("*.before-merge-*"))
    assert main(["--data-dir", str(data_dir), "merge-db", str(laptop_file)]) == 0
    out = capsys.readouterr().out
    (copy,) = data_dir.glob("leaddesk.sqlite3.before-merge-*.bak")
    assert f"your database as it was before: {copy}" in out


def _leads_in(path: Path) -> int:
    copy = Database.open(f"sqlite:///{path}")
    try:
        return _counts(copy)["lead"]
    finally:
        copy.close()


def test_a_real_merge_keeps_a_copy_and_only_the_newest_few(fair: Any) -> None:
    """Each merge copies the database aside first; older copies of merges go, others stay."""
    db, laptop_file, _ids = fair
    before = _counts(db)["lead"]
    first = merge_database(db, laptop_file).safety_copy
    assert first is not None and first.name.startswith("leaddesk.sqlite3.before-merge-")
    assert _leads_in(first) == before < _counts(db)["lead"]  # the database as it was
    upgrade = first.parent / "leaddesk.sqlite3.before-0001-20250101T000000.bak"  # another kind
    upgrade.write_bytes(b"")
    copies = [first, *(merge_database(db, laptop_file).safety_copy for _ in range(KEEP_SAFETY_COPIES))]
    assert len(set(copies)) == KEEP_SAFETY_COPIES + 1
    assert sorted(first.parent.glob("*.before-merge-*")) == sorted(copies[1:])  # type: ignore[type-var]
    assert upgrade.exists()


def test_prune_safety_copies_keeps_the_newest_of_one_kind(tmp_path: Path) -> None:
    names = [f"leaddesk.sqlite3.before-merge-2026120{d}T100000.bak" for d in range(1, 8)]
    for age, name in enumerate(reversed(names)):  # the later the day, the newer the file
        path = tmp_path / name
        path.write_bytes(b"x")
        os.utime(path, ns=(10**18 - age * 10**9, 10**18 - age * 10**9))
    other = [
        tmp_path / "leaddesk.sqlite3.before-search_1-20260101T000000.bak",  # an upgrade's copy
        tmp_path / "leaddesk.sqlite3.before-merge-notes.txt",
        tmp_path / "other.sqlite3.before-merge-20260101T000000.bak",  # another database's copy
    ]
    for path in other:
        path.write_bytes(b"y")
    removed = prune_safety_copies(tmp_path / names[-1], keep=3)
    assert sorted(p.name for p in removed) == names[:4]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[4:], *(p.name for p in other)])


def test_a_failed_merge_leaves_no_copy_and_prunes_nothing(fair: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    db, laptop_file, _ids = fair
    folder = db.file.parent
    old = [folder / f"leaddesk.sqlite3.before-merge-2026110{d}T100000.bak" for d in range(1, 8)]
    for path in old:
        path.write_bytes(b"x")

    def broken(*_args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("leaddesk.core.services.dbmerge.rescore_in", broken)
    with pytest.raises(RuntimeError):
        merge_database(db, laptop_file)
    assert sorted(folder.glob("*.before-merge-*")) == old


def test_report_says_per_lead_what_changes(fair: Any) -> None:
    db, laptop_file, ids = fair
    report = merge_database(db, laptop_file, dry_run=True)
    by_name = {o.name: o for o in report.leads}
    anna = by_name["Anna Alt · Alt GmbH"]
    assert (anna.outcome, anna.match, anna.target_id) == ("merged", "uid", ids["a"])
    assert set(anna.filled) == {"city", "title", "bant"} and anna.kept == ["city"]
    assert anna.stage == ("lead", "mql") and anna.rows == {"activity": 1, "stagechange": 1}
    assert by_name["Clara Neu · Neu KG"].outcome == "added"
    bernd2 = [o for o in report.leads if o.name.startswith("Bernd") and o.match == "email"]
    assert len(bernd2) == 1 and "mobile" in bernd2[0].filled
    erika = by_name["Erika Ende · Ende AG"]
    assert (erika.outcome, erika.left_reason) == ("left", "erased_there")
    assert [o.outcome for o in report.leads].count("merged") == len(report.merged)


def test_refusals_name_the_file_and_the_reason(db: Any, tmp_path: Path) -> None:
    import sqlite3

    from leaddesk.core.services.dbmerge import OtherDatabaseError

    other_app = tmp_path / "kalender.sqlite3"
    with sqlite3.connect(other_app) as conn:
        conn.execute("CREATE TABLE termin (id INTEGER PRIMARY KEY)")
    conn.close()
    newer = tmp_path / "neuer.sqlite3"
    backup_sqlite(db.engine, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    cases = {
        tmp_path / "fehlt.sqlite3": "missing",
        db.file: "same",
        other_app: "not_leaddesk",
        newer: "newer",
    }
    for path, reason in cases.items():
        with pytest.raises(OtherDatabaseError) as caught:
            merge_database(db, path, dry_run=True)
        assert caught.value.reason == reason and str(path) in str(caught.value)


def test_bant_notes_merged_once_and_a_second_merge_changes_nothing(db: Any, tmp_path: Path) -> None:
    lead = create_lead(db, {"first_name": "Nina", "last_name": "Nord"})[0]
    with db.transaction() as s:
        s.add(Qualification(lead_id=lead.id, budget_notes="Budget im Q3"))
    laptop_file = tmp_path / "laptop.sqlite3"
    backup_sqlite(db.engine, laptop_file)
    laptop = Database.open(f"sqlite:///{laptop_file}")
    with laptop.transaction() as s:
        q = s.execute(select(Qualification).where(Qualification.lead_id == lead.id)).scalar_one()
        q.budget_notes, q.need_status = "Freigabe durch GF", "confirmed"
    laptop.close()
    first = merge_database(db, laptop_file)
    assert first.leads[0].filled == ["bant"] and first.leads[0].changes
    with db.session() as s:
        notes = s.execute(select(Qualification.budget_notes)).scalar_one()
    assert notes == "Budget im Q3\nFreigabe durch GF"
    again = merge_database(db, laptop_file)
    with db.session() as s:
        assert s.execute(select(Qualification.budget_notes)).scalar_one() == notes
    assert again.conflicts == [] and not again.leads[0].changes


def test_values_that_differ_only_in_case_or_spacing_are_not_conflicts(db: Any, tmp_path: Path) -> None:
    """BERND@berg.de on the laptop is the same address: nothing to note, the office value stays."""
    lead = create_lead(db, {"first_name": "Bernd", "last_name": "Berg", "email": "bernd@berg.de"})[0]
    laptop_file = tmp_path / "laptop.sqlite3"
    backup_sqlite(db.engine, laptop_file)
    laptop = Database.open(f"sqlite:///{laptop_file}")
    update_lead(laptop, lead.id, {"email": "BERND@berg.de", "city": "Köln"}, expected_version=lead.version)
    laptop.close()
    report = merge_database(db, laptop_file)
    merged = get_lead(db, lead.id)
    assert merged.email == "bernd@berg.de" and merged.city == "Köln"
    assert report.conflicts == [] and "Abweichend" not in merged.notes and "Vorheriger" not in merged.notes


def test_the_laptops_users_and_owners_become_users_here(db: Any, tmp_path: Path) -> None:
    from leaddesk.core.people import add_user, list_users

    add_user(db, "Anna Berger")
    laptop_file = tmp_path / "laptop.sqlite3"
    backup_sqlite(db.engine, laptop_file)
    laptop = Database.open(f"sqlite:///{laptop_file}")
    add_user(laptop, "Messe Team", initials="MT", email="messe@example.com")
    create_lead(laptop, {"last_name": "Neu", "owner": "anna berger"})
    create_lead(laptop, {"last_name": "Fair", "owner": "Messe Team"})
    laptop.close()

    report = merge_database(db, laptop_file)

    assert report.users_added == ["Messe Team"]
    assert "user added: Messe Team" in report.lines()
    users = {u.name: (u.initials, u.email) for u in list_users(db)}
    assert users == {"Anna Berger": ("AB", ""), "Messe Team": ("MT", "messe@example.com")}
    with db.session() as s:
        rows = s.execute(select(Lead.last_name, Lead.owner).where(Lead.last_name.in_(["Neu", "Fair"])))
        owners = {name: owner for name, owner in rows}
    assert owners == {"Neu": "Anna Berger", "Fair": "Messe Team"}
