"""Commits never copy the write-ahead log back themselves; a background thread does, after writes pause."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import insert

from leaddesk.core.db import CHECKPOINT_BYTES, PAGE_SIZE, Database, make_engine
from leaddesk.core.models import Lead


def _leads_in_main_file(path: Path, tmp_path: Path) -> int:
    """Leads in the database file alone, as if the log were lost: only checkpointed pages count."""
    copy = tmp_path / "main-file-only.sqlite3"
    shutil.copyfile(path, copy)
    with sqlite3.connect(copy) as conn:
        return int(conn.execute("SELECT count(*) FROM lead").fetchone()[0])


def _bulk_insert(db: Database, start: int, count: int) -> None:
    notes = "x" * 400  # wide rows: a few thousand make a log past the threshold
    lead = Lead(first_name="Ida", last_name="Roth", notes=notes).model_dump(exclude={"id", "uid"})
    with db.transaction() as session:
        session.execute(
            insert(Lead),
            [lead | {"uid": f"u-{i}", "position": float(i)} for i in range(start, start + count)],
        )


def test_a_large_commit_is_checkpointed_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "leaddesk.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    try:
        assert db.checkpointer is not None
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0  # no commit does it
        _bulk_insert(db, 0, 12_000)
        assert Path(f"{path}-wal").stat().st_size >= CHECKPOINT_BYTES
        assert db.checkpointer.wait_idle(30)
        assert _leads_in_main_file(path, tmp_path) == 12_000
        # A second burst after the log was restarted is copied back as well.
        _bulk_insert(db, 12_000, 12_000)
        assert db.checkpointer.wait_idle(30)
        assert _leads_in_main_file(path, tmp_path) == 24_000
    finally:
        db.close()


def test_small_commits_leave_the_log_alone_until_it_grows(tmp_path: Path) -> None:
    path = tmp_path / "leaddesk.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    try:
        assert db.checkpointer is not None
        with db.engine.connect() as conn:  # start from a fully copied log (the schema is in the file)
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        before = _leads_in_main_file(path, tmp_path)
        _bulk_insert(db, 0, 3)
        assert db.checkpointer.wait_idle(30)
        assert _leads_in_main_file(path, tmp_path) == before  # still only in the log: no fsync per click
    finally:
        db.close()
    # Closing the last connection checkpoints what is left (SQLite's own rule).
    assert _leads_in_main_file(path, tmp_path) == before + 3


def test_new_databases_use_large_pages_and_existing_ones_keep_theirs(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == PAGE_SIZE == 8192
    db.close()
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as raw:  # a file made before the setting, with SQLite's default
        raw.execute("PRAGMA page_size=4096")
        raw.execute("CREATE TABLE t (x)")
    engine = make_engine(f"sqlite:///{old}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 4096
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
