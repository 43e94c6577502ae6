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


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from leaddesk.core.db import Database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def data_dir(tmp_path: Path, _template_db: Path) -> Path:
    """A data folder holding a migrated, empty LeadDesk database."""
    from leaddesk.core.paths import DB_FILE_NAME

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(_template_db, folder / DB_FILE_NAME)
    return folder


@pytest.fixture
def db(data_dir: Path) -> Iterator[object]:
    """An open ``leaddesk.core.db.Database`` on a fresh, empty database."""
    from leaddesk.core.db import Database

    database = Database.open_data_dir(data_dir)
    yield database
    database.close()
