"""The fair laptop on an office server (issue 16 part 7): ``merge-db`` with a PostgreSQL target.

The office moved its SQLite file to the server (``migrate-to``), the laptop kept a copy taken
before; both were edited. Merging the laptop file into the server database must give the same
report and the same leads as merging it into the office's SQLite file: uid matches first, then
the duplicate rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from leaddesk.cli import main
from leaddesk.core import paths
from leaddesk.core.db import Database, backup_sqlite
from leaddesk.core.models import Qualification, StageChange
from leaddesk.core.services.dbcopy import move_to_server
from leaddesk.core.services.dbmerge import merge_database
from leaddesk.core.services.leads import create_lead, get_lead, update_lead
from leaddesk.core.services.query import LeadFilter, list_leads
from tests.core.test_dbmerge import edit_at_the_fair
from tests.pg_cluster import PgCluster

FIELDS = ("uid", "first_name", "last_name", "company", "email", "phone", "mobile", "city", "title")


def _before_the_fair(path: Path) -> dict[str, int]:
    db = Database.open(paths.sqlite_url(path))
    try:
        a = create_lead(db, {"first_name": "Anna", "last_name": "Alt", "company": "Alt GmbH", "city": "Ulm"})[
            0
        ]
        b = create_lead(db, {"first_name": "Bernd", "last_name": "Berg", "email": "bernd@berg.de"})[0]
        e = create_lead(db, {"first_name": "Erik", "last_name": "Ende", "company": "Ende AG"})[0]
    finally:
        db.close()
    return {"a": a.id, "b": b.id, "e": e.id}


def _at_the_office(db: Database, ids: dict[str, int]) -> None:
    a = get_lead(db, ids["a"])
    update_lead(db, a.id, {"phone": "0731 123456"}, expected_version=a.version)
    with db.transaction() as s:
        s.add(Qualification(lead_id=a.id, budget_status="confirmed", budget_amount=1000.0))


@pytest.fixture
def offices(pg_cluster: PgCluster, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """The same office twice, on a SQLite file and on the server, and the laptop file."""
    laptop_file = tmp_path / "laptop.sqlite3"
    ids = _before_the_fair(laptop_file)
    office_file = tmp_path / "office" / "leaddesk.sqlite3"
    office_file.parent.mkdir()
    source = Database.open(paths.sqlite_url(laptop_file))
    backup_sqlite(source.engine, office_file)
    source.close()
    name = pg_cluster.unique_name(request.node.name)
    url = pg_cluster.create_database(name)
    assert move_to_server(laptop_file, url).equal  # the office moved over to the server
    on_file = Database.open(paths.sqlite_url(office_file))
    on_server = Database.open(url)
    for office in (on_file, on_server):
        _at_the_office(office, ids)
    edit_at_the_fair(laptop_file, ids["a"], ids["e"])
    yield on_file, on_server, laptop_file, ids, url
    on_file.close()
    on_server.close()
    pg_cluster.drop_database(name)


def _outcomes(report: Any) -> list[tuple[Any, ...]]:
    """Per lead what the merge does; an added lead's new id left out (a dry run on PostgreSQL
    has used up sequence numbers, which are not rolled back)."""
    return [
        (o.outcome, o.name, o.uid, None if o.outcome == "added" else o.target_id, o.match,
         o.left_reason, o.filled, o.kept, o.stage, o.rows)
        for o in report.leads
    ]  # fmt: skip


def _leads(db: Database) -> list[dict[str, Any]]:
    return [{k: row[k] for k in (*FIELDS, "stage")} for row in list_leads(db, LeadFilter())]


def test_merge_into_the_server_matches_by_uid_then_rules_as_on_sqlite(offices: Any) -> None:
    on_file, on_server, laptop_file, ids, _url = offices
    dry = merge_database(on_server, laptop_file, dry_run=True)
    server = merge_database(on_server, laptop_file)
    local = merge_database(on_file, laptop_file)
    assert dry.summary().replace("leads to add", "leads added") == server.summary() == local.summary()
    assert server.lines() == local.lines()
    assert _outcomes(server) == _outcomes(local)
    assert server.safety_copy is None  # the server is backed up with pg_dump, not copied aside
    by_name = {o.name: o for o in server.leads}
    anna = by_name["Anna Alt · Alt GmbH"]
    assert (anna.outcome, anna.match, anna.target_id) == ("merged", "uid", ids["a"])
    bernd2 = [o for o in server.leads if o.name.startswith("Bernd") and o.match == "email"]
    assert len(bernd2) == 1 and "mobile" in bernd2[0].filled
    assert by_name["Erika Ende · Ende AG"].left_reason == "erased_there"
    assert _leads(on_server) == _leads(on_file)
    a = get_lead(on_server, ids["a"])
    assert (a.city, a.title, a.phone, a.stage) == ("Neu-Ulm", "Einkauf", "+49731123456", "mql")
    assert "city: Ulm" in a.notes
    with on_server.session() as s:
        q = s.execute(select(Qualification).where(Qualification.lead_id == ids["a"])).scalar_one()
        assert (q.budget_status, q.need_status, q.need_pain) == ("confirmed", "partial", "Ausfallzeiten")
        moves = s.execute(select(StageChange.to_stage).where(StageChange.lead_id == ids["a"])).scalars()
        assert list(moves) == ["lead", "mql"]
    # New leads on the server continue after the merged ones' ids; a second merge changes nothing.
    again = merge_database(on_server, laptop_file)
    assert again.added == [] and sum(again.rows_added.values()) == 0
    assert create_lead(on_server, {"first_name": "Danach", "last_name": "Neu"})[0].id == max(
        r["id"] for r in list_leads(on_server, LeadFilter(), columns=("id",))
    )


def test_cli_merge_db_into_the_server(offices: Any, tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    _on_file, _on_server, laptop_file, _ids, url = offices
    monkeypatch.setenv("LEADDESK_DATABASE_URL", url.render_as_string(hide_password=False))
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "merge-db", str(laptop_file)]) == 0
    out = capsys.readouterr().out
    assert "leads added: 1, merged: 4, left: 1" in out and "added: Clara Neu" in out
    assert "as it was before" not in out
