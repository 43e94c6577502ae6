"""An office PostgreSQL server (issue 16 parts 6–8): server init/check/password and migrate-to.

Runs on the private cluster of tests/pg_cluster.py (LEADDESK_REQUIRE_PG=1 makes it required).
"""

from __future__ import annotations

import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from leaddesk.cli import main
from leaddesk.cli_server import EXIT_CODES, EXIT_MISMATCH
from leaddesk.core import paths
from leaddesk.core.db import SCHEMA_HEAD, Database, check_server, init_server, server_url
from leaddesk.core.demo import build_demo
from leaddesk.core.services import dbcopy
from leaddesk.core.services.dbcopy import lead_desk_tables, move_to_server, table_digest
from leaddesk.core.services.query import LeadFilter, list_leads
from tests.pg_cluster import PgCluster


def _url_text(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _sql(url: URL, statement: str) -> Any:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite LeadDesk database with 300 demo leads, scored, plus an attachment and a setting."""
    path = tmp_path_factory.mktemp("laptop") / "leaddesk.sqlite3"
    db = Database.open(paths.sqlite_url(path))
    try:
        build_demo(db, leads=300, seed=7)
        from leaddesk.core.models import AppSetting, Attachment

        with db.transaction() as session:
            session.add(
                Attachment(lead_id=1, file_name="card.png", mime="image/png", data=bytes(range(256)) * 3)
            )
            session.add(AppSetting(key="zz.ümlaut", value='"Größe"'))
            session.add(AppSetting(key="Zeta", value="1"))
    finally:
        db.close()
    return path


@pytest.fixture
def empty_pg(pg_cluster: PgCluster, request: pytest.FixtureRequest) -> Any:
    name = pg_cluster.unique_name(request.node.name)
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


def test_migrate_to_copies_every_table_and_the_app_reads_the_same(
    demo_file: Path, empty_pg: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["migrate-to", _url_text(empty_pg), "--from", str(demo_file)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "counts and checksums agree" in out
    assert "DIFFERENT" not in out
    # The printed table lists every model table with equal counts.
    names = {line.split()[0] for line in out.splitlines() if line.endswith(" ok")}
    assert {t.name for t in lead_desk_tables()} <= names
    source = Database.open(paths.sqlite_url(demo_file))
    target = Database.open(empty_pg)
    try:
        with source.engine.connect() as a, target.engine.connect() as b:
            for table in lead_desk_tables():
                assert table_digest(a, table) == table_digest(b, table), table.name
            assert b.execute(text("SELECT count(*) FROM lead")).scalar() == 300
        everyone = LeadFilter()
        assert list_leads(source, everyone) == list_leads(target, everyone)
        for query in ("GmbH", "mueller", "ber", "Messe"):
            f = LeadFilter(search=query)
            assert [r["uid"] for r in list_leads(source, f)] == [r["uid"] for r in list_leads(target, f)], (
                query
            )
        # New rows continue after the copied ids (the sequences were moved on).
        from leaddesk.core.services.leads import create_lead

        created = create_lead(target, {"first_name": "Neu", "last_name": "Nach", "company": "Umzug AG"})[0]
        assert created.id == 301
    finally:
        source.close()
        target.close()


def test_migrate_to_refuses_a_database_holding_data(demo_file: Path, empty_pg: URL, capsys: Any) -> None:
    init_server(empty_pg)
    _sql(empty_pg, "INSERT INTO appsetting (key, value) VALUES ('x', '1')")
    code = main(["migrate-to", _url_text(empty_pg), "--from", str(demo_file)])
    err = capsys.readouterr().err
    assert code == 1
    assert "already holds LeadDesk data (tables: appsetting)" in err
    assert "nothing was copied" in err
    assert _sql(empty_pg, "SELECT count(*) FROM lead") == [(0,)]


def test_migrate_to_shows_progress_and_a_mismatch_exits_non_zero(
    demo_file: Path, empty_pg: URL, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbcopy, "CHUNK_ROWS", 100)
    real = dbcopy.table_digest
    calls: list[str] = []

    def one_side_differs(conn: Any, table: Any) -> tuple[int, str]:
        rows, digest = real(conn, table)
        calls.append(table.name)
        if table.name == "task" and conn.dialect.name == "postgresql":
            return rows, "0" * 64
        return rows, digest

    monkeypatch.setattr(dbcopy, "table_digest", one_side_differs)
    code = main(["migrate-to", _url_text(empty_pg), "--from", str(demo_file)])
    captured = capsys.readouterr()
    assert code == EXIT_MISMATCH
    assert "copying lead: 100/300" in captured.err and "copying lead: 300/300" in captured.err
    assert "differs from the source in: task" in captured.out
    assert next(line for line in captured.out.splitlines() if "DIFFERENT" in line).startswith("task")


def test_init_creates_then_reports_up_to_date(empty_pg: URL, capsys: Any) -> None:
    assert check_server(empty_pg).problem == "no_schema"
    assert main(["server", "check", _url_text(empty_pg)]) == EXIT_CODES["no_schema"]
    assert "has no LeadDesk tables yet; run: leaddesk server init URL" in capsys.readouterr().err
    assert main(["server", "init", _url_text(empty_pg)]) == 0
    out = capsys.readouterr().out
    assert f"LeadDesk schema created ({SCHEMA_HEAD}); created the extensions unaccent, pg_trgm" in out
    assert out.count("\n") == 1
    assert main(["server", "init", _url_text(empty_pg)]) == 0
    assert f"already up to date ({SCHEMA_HEAD})" in capsys.readouterr().out
    assert main(["server", "check", _url_text(empty_pg)]) == 0
    assert f"LeadDesk schema {SCHEMA_HEAD}: ready" in capsys.readouterr().out
    # A plain postgresql:// address (no driver named) opens through psycopg.
    Database.open(empty_pg.set(drivername="postgresql")).close()


def test_check_names_older_and_newer_schemas(empty_pg: URL, capsys: Any) -> None:
    init_server(empty_pg)
    _sql(empty_pg, "UPDATE alembic_version SET version_num = 'settings_1'")
    assert main(["server", "check", _url_text(empty_pg)]) == EXIT_CODES["older_schema"]
    assert "older LeadDesk schema (settings_1" in capsys.readouterr().err
    _sql(empty_pg, "UPDATE alembic_version SET version_num = 'from_the_future'")
    assert main(["server", "check", _url_text(empty_pg)]) == EXIT_CODES["newer_schema"]
    assert "set up by a newer LeadDesk (schema from_the_future)" in capsys.readouterr().err
    assert main(["server", "init", _url_text(empty_pg)]) == EXIT_CODES["newer_schema"]
    assert _sql(empty_pg, "SELECT version_num FROM alembic_version") == [("from_the_future",)]


def test_init_upgrades_an_older_schema(pg_cluster: PgCluster, empty_pg: URL, capsys: Any) -> None:
    from leaddesk.core.db import make_engine, migrate

    engine = make_engine(server_url(empty_pg))
    try:
        migrate(engine, "settings_1")
    finally:
        engine.dispose()
    assert main(["server", "init", _url_text(empty_pg)]) == 0
    assert f"upgraded from settings_1 to {SCHEMA_HEAD}" in capsys.readouterr().out


@pytest.fixture(scope="module")
def password_role(pg_cluster: PgCluster) -> str:
    """A role that must give a password over the cluster's socket (scram), owning nothing."""
    pg_cluster.admin("DROP ROLE IF EXISTS ld_pw")
    pg_cluster.admin("CREATE ROLE ld_pw LOGIN PASSWORD 'richtig'")
    hba = pg_cluster.data / "pg_hba.conf"
    before = hba.read_text()
    hba.write_text("local all ld_pw scram-sha-256\n" + before)
    pg_cluster.admin("SELECT pg_reload_conf()")
    time.sleep(0.2)
    yield "ld_pw"
    hba.write_text(before)
    pg_cluster.admin("SELECT pg_reload_conf()")


def _as(url: URL, **changes: Any) -> URL:
    return url.set(**changes)


def test_check_says_what_is_wrong_in_one_line(
    pg_cluster: PgCluster, empty_pg: URL, password_role: str, tmp_path: Path, capsys: Any
) -> None:
    cases = {
        "login": _as(empty_pg, username=password_role, password="falsch"),
        "no_database": _as(empty_pg, database="gibt_es_nicht"),
        "unreachable": _as(empty_pg, query={"host": str(pg_cluster.socket_dir), "port": "5999"}),
    }
    expected = {
        "login": 'refused the login of ld_pw: password authentication failed for user "ld_pw"',
        "no_database": "has no database gibt_es_nicht; create it first",
        "unreachable": "cannot reach a PostgreSQL server at",
    }
    for problem, url in cases.items():
        code = main(["server", "check", _url_text(url)])
        err = capsys.readouterr().err
        assert code == EXIT_CODES[problem], (problem, err)
        assert expected[problem] in err, err
        assert err.count("\n") == 1 and "falsch" not in err
    # A TCP port nobody listens on.
    tcp = URL.create("postgresql+psycopg", username="x", host="127.0.0.1", port=1, database="x")
    assert main(["server", "check", _url_text(tcp)]) == EXIT_CODES["unreachable"]
    assert "127.0.0.1:1: Connection refused" in capsys.readouterr().err
    # No password at all: the same class, pointing to ~/.pgpass and the keyring.
    assert main(["server", "check", _url_text(_as(empty_pg, username=password_role))]) == EXIT_CODES["login"]
    assert "no password supplied" in capsys.readouterr().err


def test_pgpass_and_keyring_passwords(
    pg_cluster: PgCluster, empty_pg: URL, password_role: str, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    pg_cluster.admin(f'GRANT ALL ON DATABASE "{empty_pg.database}" TO ld_pw')
    url = _as(empty_pg, username=password_role)
    pgpass = Path.home() / ".pgpass"
    pgpass.write_text(f"*:*:*:{password_role}:richtig\n")
    pgpass.chmod(0o600)
    # PostgreSQL 15: rights on the database are not enough to create tables in schema public.
    assert main(["server", "check", _url_text(url)]) == EXIT_CODES["privileges"]
    err = capsys.readouterr().err
    assert f'psql -c "ALTER DATABASE {empty_pg.database} OWNER TO ld_pw;"' in err
    assert main(["server", "init", _url_text(url)]) == EXIT_CODES["privileges"]
    capsys.readouterr()
    pg_cluster.admin(f'ALTER DATABASE "{empty_pg.database}" OWNER TO ld_pw')
    # libpq's own ~/.pgpass (HOME is the test's).
    assert check_server(url).problem == "no_schema"
    pgpass.unlink()
    assert check_server(url).problem == "login"
    # The system keyring (an optional extra): stored by `server password`, found when connecting.
    store: dict[tuple[str, str], str] = {}
    fake = types.SimpleNamespace(
        get_password=lambda service, key: store.get((service, key)),
        set_password=lambda service, key, value: store.__setitem__((service, key), value),
    )
    monkeypatch.setitem(sys.modules, "keyring", fake)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(readline=lambda: "richtig\n"))
    assert main(["server", "password", "--stdin", _url_text(url)]) == 0
    out = capsys.readouterr().out
    assert "is in the system keyring" in out and "richtig" not in out
    assert list(store.values()) == ["richtig"]
    assert check_server(url).problem == "no_schema"
    assert "richtig" not in _url_text(url)
    # The app's own engine finds it too (LeadDesk's settings hold no password).
    init_server(url)
    Database.open(url).close()


def test_store_password_without_keyring_says_to_use_pgpass(monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # import fails
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(readline=lambda: "geheim\n"))
    assert main(["server", "password", "--stdin", "postgresql://anna@server/leaddesk"]) == 1
    assert "keyring is not available" in capsys.readouterr().err


def test_missing_extensions_name_the_sql_for_the_administrator(
    pg_cluster: PgCluster, empty_pg: URL, capsys: Any
) -> None:
    pg_cluster.admin("DROP ROLE IF EXISTS ld_clerk")
    pg_cluster.admin("CREATE ROLE ld_clerk LOGIN")
    pg_cluster.admin(f'REVOKE CREATE ON DATABASE "{empty_pg.database}" FROM PUBLIC')
    url = _as(empty_pg, username="ld_clerk")
    assert main(["server", "check", _url_text(url)]) == EXIT_CODES["extension"]
    err = capsys.readouterr().err
    assert "lacks these extensions, which this role may not create: unaccent, pg_trgm" in err
    assert (
        f'sudo -u postgres psql -d {empty_pg.database} -c "CREATE EXTENSION IF NOT EXISTS unaccent; '
        'CREATE EXTENSION IF NOT EXISTS pg_trgm;"' in err
    )
    assert main(["server", "init", _url_text(url)]) == EXIT_CODES["extension"]
    capsys.readouterr()


def test_a_too_old_server_is_named(empty_pg: URL, monkeypatch: Any) -> None:
    from leaddesk.core import db as dbmod

    monkeypatch.setattr(dbmod, "PG_MIN_VERSION", 10**7)
    found = check_server(empty_pg)
    assert found.problem == "too_old"
    assert "LeadDesk needs 15 or newer" in found.message
    assert EXIT_CODES["too_old"] not in (0, 1, 2)
    assert len(set(EXIT_CODES.values())) == len(EXIT_CODES)


def test_move_to_server_refuses_a_sqlite_target(demo_file: Path) -> None:
    from leaddesk.core.errors import DatabaseError

    with pytest.raises(DatabaseError, match="is not a PostgreSQL address"):
        move_to_server(demo_file, "sqlite:///elsewhere.sqlite3")


def test_the_readme_team_roles_share_one_database(pg_cluster: PgCluster, capsys: Any) -> None:
    """README's recipe: a role per person in a team role that owns the database and its tables."""
    name = pg_cluster.unique_name("team")
    for statement in (
        "DROP ROLE IF EXISTS ld_anna",
        "DROP ROLE IF EXISTS ld_ben",
        "DROP ROLE IF EXISTS ld_team",
        "CREATE ROLE ld_team NOLOGIN",
        "CREATE ROLE ld_anna LOGIN PASSWORD 'a' IN ROLE ld_team",
        "CREATE ROLE ld_ben LOGIN PASSWORD 'b' IN ROLE ld_team",
        "ALTER ROLE ld_anna SET role = 'ld_team'",
        "ALTER ROLE ld_ben SET role = 'ld_team'",
        f'CREATE DATABASE "{name}" OWNER ld_team',
    ):
        pg_cluster.admin(statement)
    try:
        anna = pg_cluster.url(name).set(username="ld_anna")
        ben = pg_cluster.url(name).set(username="ld_ben")
        assert main(["server", "init", _url_text(anna)]) == 0
        assert "created the extensions unaccent, pg_trgm" in capsys.readouterr().out
        assert _sql(ben, "SELECT tableowner FROM pg_tables WHERE tablename = 'lead'") == [("ld_team",)]
        assert main(["server", "check", _url_text(ben)]) == 0
        assert "ld_ben@" in capsys.readouterr().out
        from leaddesk.core.services.leads import create_lead

        db = Database.open(ben)
        try:
            assert create_lead(db, {"first_name": "Ben", "company": "Team GmbH"})[0].id == 1
        finally:
            db.close()
    finally:
        pg_cluster.drop_database(name)
        for role in ("ld_anna", "ld_ben", "ld_team"):
            pg_cluster.admin(f"DROP ROLE IF EXISTS {role}")
