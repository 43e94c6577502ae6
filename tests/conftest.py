"""Shared fixtures: every test gets its own data folder and a freshly migrated database.

Migrating costs ~100 ms, so the schema is built once per session into a template
file and copied for each test (as Anki's test helpers do).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Headless Qt and no real user folders, before anything imports Qt or platformdirs.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LEADDESK_DATABASE_URL", None)

# The private PostgreSQL cluster (issue 16): fixtures ``pg_cluster`` and ``pg_url``.
pytest_plugins = ["tests.pg_cluster"]


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("LEADDESK_DATA_DIR", str(home / "leaddesk"))
    # Who is working (leaddesk/core/who.py): nobody chosen, unless a test chooses.
    monkeypatch.delenv("LEADDESK_USER", raising=False)
    monkeypatch.delenv("LEADDESK_CONFIG_DIR", raising=False)
    from leaddesk.core import who

    monkeypatch.setattr(who, "_override", None)


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from leaddesk.core.db import Database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


#: Test folders whose database tests run on both engines (issue 16); the UI keeps SQLite.
BOTH_ENGINES = ("core", "cli")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Core and CLI tests that use the database fixtures run on SQLite and on PostgreSQL.

    A test or module marked ``sqlite_only`` (file copies, WAL, backups, crash safety of the
    file) keeps SQLite alone; ``LEADDESK_TEST_ENGINES=sqlite`` runs everything on SQLite only.
    """
    if "db_engine" not in metafunc.fixturenames:
        return
    parts = Path(str(metafunc.definition.path)).parts
    in_scope = "tests" in parts and parts[parts.index("tests") + 1] in BOTH_ENGINES
    wanted = os.environ.get("LEADDESK_TEST_ENGINES", "sqlite,postgresql").split(",")
    if in_scope and metafunc.definition.get_closest_marker("sqlite_only") is None:
        engines = [e for e in ("sqlite", "postgresql") if e in wanted]
        metafunc.parametrize("db_engine", engines, indirect=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: the engine the database fixtures give this test."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def _pg_template(pg_cluster: object) -> str:
    """A PostgreSQL database migrated once, copied (CREATE DATABASE … TEMPLATE) per test module."""
    from leaddesk.core.db import Database

    name = "leaddesk_template"
    db = Database.open(pg_cluster.create_database(name))  # type: ignore[attr-defined]
    db.close()
    return name


@pytest.fixture(scope="module")
def _pg_module_url(pg_cluster: object, _pg_template: str, request: pytest.FixtureRequest) -> object:
    """This module's PostgreSQL database (emptied before each test by ``_pg_fresh``)."""
    name = pg_cluster.unique_name(request.module.__name__.rsplit(".", 1)[-1])  # type: ignore[attr-defined]
    url = pg_cluster.create_database(name, template=_pg_template)  # type: ignore[attr-defined]
    yield url
    pg_cluster.drop_database(name)  # type: ignore[attr-defined]


def _pg_fresh(url: object) -> None:
    """Empty every LeadDesk table (ids restart at 1) and end connections a previous test left."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)  # type: ignore[call-overload]
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            tables = conn.execute(
                text(
                    "SELECT quote_ident(tablename) FROM pg_tables"
                    " WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                )
            ).scalars()
            names = ", ".join(tables)
            if names:
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture
def data_dir(
    tmp_path: Path, db_engine: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A data folder holding a migrated, empty LeadDesk database.

    On PostgreSQL the folder holds the attachments and settings while ``LEADDESK_DATABASE_URL``
    points at this module's (emptied) database, as in team mode.
    """
    from leaddesk.core.paths import DB_FILE_NAME

    folder = tmp_path / "data"
    folder.mkdir()
    if db_engine == "postgresql":
        url = request.getfixturevalue("_pg_module_url")
        _pg_fresh(url)
        monkeypatch.setenv("LEADDESK_DATABASE_URL", url.render_as_string(hide_password=False))
    else:
        shutil.copyfile(request.getfixturevalue("_template_db"), folder / DB_FILE_NAME)
    return folder


@pytest.fixture
def db(data_dir: Path) -> Iterator[object]:
    """An open ``leaddesk.core.db.Database`` on a fresh, empty database."""
    from leaddesk.core.db import Database

    database = Database.open_data_dir(data_dir)
    yield database
    database.close()
