"""Commits never copy the write-ahead log back themselves; a background thread does, after writes pause."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import insert

from leaddesk.core.db import CHECKPOINT_BYTES, FTS_TABLES, PAGE_SIZE, Database, WalCheckpointer, make_engine
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


def test_the_checkpoint_threads_own_commits_leave_the_log_alone(tmp_path: Path) -> None:
    """Its merge steps commit too: SQLite's own checkpoint must not run inside them (after an import
    of 100,000 leads the first step then took ~140 ms instead of ~25, copying the log)."""
    path = tmp_path / "leaddesk.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    assert db.checkpointer is not None
    db.checkpointer.stop()  # nothing copies the log back but what is tested here
    try:
        with db.engine.connect() as conn:  # start from a fully copied log (the schema is in the file)
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        _bulk_insert(db, 0, 30_000)
        assert Path(f"{path}-wal").stat().st_size > 1000 * PAGE_SIZE  # past SQLite's default threshold
        conn = WalCheckpointer._connect(db.checkpointer)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO lead_fts(lead_fts, rank) VALUES('merge', 200)")  # one merge step
            conn.execute("COMMIT")
        finally:
            conn.close()
        assert _leads_in_main_file(path, tmp_path) == 0
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


def _fragmented_indexes(path: Path) -> None:
    """Search indexes of many small segments, as a bulk write with FTS5's merging put off leaves them."""
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        for table in FTS_TABLES:
            conn.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(words, tokenize='trigram')")
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('automerge', 0)")
            for batch in range(24):  # one segment per transaction, none merged
                conn.execute("BEGIN")
                conn.executemany(
                    f"INSERT INTO {table}(words) VALUES (?)",
                    [(f"Lead {batch}-{i} Müller Maschinenbau Stuttgart",) for i in range(200)],
                )
                conn.execute("COMMIT")
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('automerge', 4)")


def _merge_work_left(path: Path, table: str) -> bool:
    """Whether FTS5 still had segments to merge (its 'merge' changed something)."""
    with sqlite3.connect(path, isolation_level=None) as conn:
        before = conn.total_changes
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('merge', 10000)")
        return conn.total_changes - before >= 2


def test_merges_a_bulk_write_put_off_are_done_in_the_background(tmp_path: Path) -> None:
    """After an import, the first edit of one lead took up to 0.6 s: FTS5 merged then what the
    import had put off. The checkpoint thread now does that merging, in short steps."""
    done, untouched = tmp_path / "done.sqlite3", tmp_path / "untouched.sqlite3"
    _fragmented_indexes(done)
    shutil.copyfile(done, untouched)
    shutil.copyfile(f"{done}-wal", f"{untouched}-wal")
    checkpointer = WalCheckpointer(done)
    try:
        checkpointer.merge_fts()
        assert checkpointer.wait_idle(30)
    finally:
        checkpointer.stop()
    for table in FTS_TABLES:
        assert _merge_work_left(untouched, table)  # the same indexes had merging to do
        assert not _merge_work_left(done, table)
    with sqlite3.connect(done) as conn:  # the same rows are found
        found = conn.execute("SELECT count(*) FROM lead_fts WHERE words MATCH '\"-17 Mül\"'").fetchone()
        assert found[0] == 24


@pytest.mark.sqlite_only  # PostgreSQL keeps its own indexes
def test_a_bulk_import_hands_its_put_off_merging_to_the_checkpoint_thread(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leaddesk.core.services import import_write
    from leaddesk.core.services.imports import apply_import, plan_import

    assert db.checkpointer is not None
    asked: list[bool] = []
    monkeypatch.setattr(db.checkpointer, "merge_fts", lambda: asked.append(True))
    data = b"Vorname;Nachname;Firma\nTom;Quast;Quast KG\n"
    apply_import(db, plan_import(db, [("messe.csv", data)]))
    assert asked == []  # a small import indexes row by row (triggers): nothing put off
    monkeypatch.setattr(import_write, "BULK_FTS", 0)  # the bulk path, as for large files
    apply_import(db, plan_import(db, [("messe2.csv", data.replace(b"Tom", b"Udo"))]))
    assert asked == [True]
