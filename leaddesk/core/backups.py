"""Automatic backups (daily, before risky changes), their rotation and list, and restoring one.

Backups are SQLite online-backup copies (consistent while LeadDesk writes), verified after
writing, private (0600) and kept in ``<data folder>/backups`` as
``leaddesk-<UTC time>-<kind>.sqlite3``. Rotation keeps the newest backup of each of the last
7 days, 4 weeks and 12 months (and always the newest); older ones are removed.

Restoring replaces the live file only when nobody has it open, see :func:`restore`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from leaddesk.core import paths
from leaddesk.core.db import (
    Database,
    copy_sqlite,
    describe_operational_error,
    fsync_dir,
    fsync_file,
    integrity_check,
    make_engine,
    migrate,
    remove_stale_scratch,
    scratch_name,
)
from leaddesk.core.errors import DatabaseError, DatabaseInUseError
from leaddesk.core.text import Text

BACKUP_DIR_NAME = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
#: Copies of replaced databases (``.replaced-….bak``) kept beside the database after a restore.
KEEP_REPLACED = 5

_NAME = re.compile(r"leaddesk-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9_]+)\.sqlite3")
_BESIDE = re.compile(
    r"(?:.*\.(before|replaced)-(?:.*-)?(\d{8}T\d{6})(?:\.\d+)?(?:-\d+)?\.bak|leaddesk-backup-(\d{8}-\d{6})\.sqlite3)"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as listed for the user (newest first)."""

    path: Path
    taken_at: datetime  # UTC
    kind: str  # daily, migration, merge, restore, manual, before-…, replaced
    size: int


@dataclass(frozen=True)
class RestoreResult:
    target: Path
    kept: Path | None  # the replaced database, under a unique name beside it


def backup_dir(db_file: Path) -> Path:
    return db_file.parent / BACKUP_DIR_NAME


def _now() -> datetime:
    return datetime.now(UTC)


def create_backup(db: Database, kind: str = "manual", *, now: datetime | None = None) -> Path:
    """A verified online backup of ``db`` into its backups folder; rotation runs afterwards.

    Verification (SQLite's quick check of the copy, LeadDesk tables present) happens before
    the copy gets its final name, so a listed backup is a good one.
    """
    db_file = db.file
    if db_file is None:
        raise DatabaseError(Text("backup works only for a SQLite database file"))
    if db.read_only:
        raise DatabaseError(Text("the database is damaged; a backup of it would replace good backups"))
    folder = backup_dir(db_file)
    paths.make_private_dir(folder)
    remove_stale_scratch(folder)
    stamp = (now or _now()).astimezone(UTC)
    target = folder / f"leaddesk-{stamp:%Y%m%d-%H%M%S}-{kind}.sqlite3"
    n = 1
    while target.exists():  # two backups in one second keep both
        target = folder / f"leaddesk-{stamp:%Y%m%d-%H%M%S}-{n}-{kind}.sqlite3"
        n += 1
    part = scratch_name(target, "verify")
    try:
        copy_sqlite(db_file, part)
        problem = verify(part)
        if problem:
            raise DatabaseError(
                Text("the new backup failed its check ({problem}); nothing was kept", problem=problem)
            )
        os.replace(part, target)
        fsync_dir(folder)
    finally:
        part.unlink(missing_ok=True)
    rotate(folder, now=stamp)
    return target


def verify(file: Path) -> str:
    """What is wrong with a backup file ('' when it is a readable LeadDesk database)."""
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            return rows[0]
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "lead" not in names or "alembic_version" not in names:
            return "not a LeadDesk database"
        return ""
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def daily_backup_if_due(db: Database, *, now: datetime | None = None) -> Path | None:
    """The day's automatic backup if none was taken today (UTC day); None when not due.

    Meant for application start, off the GUI thread (about 1 s at 100,000 leads).
    """
    if db.file is None or db.read_only:
        return None
    stamp = (now or _now()).astimezone(UTC)
    for info in list_backups(db.file):
        if info.kind == "daily" and info.taken_at.date() == stamp.date():
            return None
    return create_backup(db, "daily", now=stamp)


def list_backups(db_file: Path) -> list[BackupInfo]:
    """Every backup LeadDesk knows of for this database, newest first.

    The backups folder, plus copies beside the database: ``leaddesk backup`` files and the
    copies kept before a migration or merge and after a restore.
    """
    found: list[BackupInfo] = []
    folder = backup_dir(db_file)
    if folder.is_dir():
        for path in folder.iterdir():
            m = _NAME.fullmatch(path.name)
            if m and path.is_file():
                when = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
                found.append(BackupInfo(path, when, m.group(3), path.stat().st_size))
    if db_file.parent.is_dir():
        for path in db_file.parent.iterdir():
            m = _BESIDE.fullmatch(path.name)
            if not m or not path.is_file():
                continue
            if m.group(3):
                when, kind = datetime.strptime(m.group(3), "%Y%m%d-%H%M%S"), "manual"
            else:
                when = datetime.strptime(m.group(2), "%Y%m%dT%H%M%S")
                kind = (
                    "replaced"
                    if m.group(1) == "replaced"
                    else "before-" + path.name.split(".before-")[1].rsplit("-", 1)[0]
                )
            found.append(BackupInfo(path, when.replace(tzinfo=UTC), kind, path.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.path.stat().st_mtime_ns), reverse=True)
    return found


def rotation_keeps(times: Iterable[datetime]) -> set[datetime]:
    """Which backup times rotation keeps: the newest of each of the last 7 days, 4 ISO weeks, 12 months."""
    ordered = sorted(set(times), reverse=True)
    keep: set[datetime] = set(ordered[:1])
    for bucket, limit in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for t in ordered:
            key = bucket(t)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(t)
    return keep


def rotate(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Remove the backups of ``folder`` that rotation does not keep; returns them."""
    entries: list[tuple[datetime, Path]] = []
    for path in folder.iterdir():
        m = _NAME.fullmatch(path.name)
        if m and path.is_file():
            when = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            when = when.replace(microsecond=int(m.group(2) or 0))  # same second: distinct, later first
            entries.append((when, path))
    keep = rotation_keeps(t for t, _ in entries)
    removed = [p for t, p in entries if t not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good_backup(db_file: Path) -> Path | None:
    """The newest listed backup that passes :func:`verify` (offered when the database is damaged)."""
    for info in list_backups(db_file):
        if not verify(info.path):
            return info.path
    return None


# --- restore ----------------------------------------------------------------------------------


def restore(backup: Path, target: Path) -> RestoreResult:
    """Put ``backup`` in place of the database ``target``; refuses while it is open elsewhere.

    1. The backup is copied beside the target (SQLite backup API, so its own WAL is taken
       along), upgraded to this version's schema and checked on that copy: a bad file never
       replaces a good one.
    2. In use? Every LeadDesk process holds a shared lock on the database's folder while it
       has the database open (:class:`leaddesk.core.db.UseLock`); restore needs it
       exclusively. Other programs (the sqlite3 shell) are found by SQLite itself: leaving
       WAL mode (``PRAGMA journal_mode=DELETE``) is only allowed to the single connection
       of a database, and it first copies every committed change from the WAL into the
       file. Then ``BEGIN EXCLUSIVE`` (in rollback mode a real exclusive lock) keeps
       everyone out while the files change. We chose this over ``BEGIN EXCLUSIVE`` in WAL
       mode, which does not keep readers out, and over deleting the WAL, which loses the
       commits it holds.
    3. The old file is kept under a unique name (hard link, else a copy), the checked copy
       is synced and renamed over the target, and the folder is synced. A crash leaves
       either the old database or the new one, never a mix; leftovers are removed.
    """
    if not backup.is_file():
        raise DatabaseError(Text("{file}: no such backup file", file=str(backup)))
    paths.make_private_dir(target.parent)
    remove_stale_scratch(target.parent)
    scratch = scratch_name(target, "restoring")
    try:
        _prepare(backup, scratch)
        with use_lock_exclusive(target):
            kept = _swap(scratch, target)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    if kept is not None:
        _prune_replaced(target)
    return RestoreResult(target, kept)


def _prepare(backup: Path, scratch: Path) -> None:
    try:
        copy_sqlite(backup, scratch)
    except sqlite3.Error as exc:
        raise DatabaseError(
            Text(
                "{file} is not a LeadDesk database or is damaged ({detail})",
                file=str(backup),
                detail=str(exc),
            )
        ) from None
    engine = make_engine(paths.sqlite_url(scratch))
    try:
        with engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        if "lead" not in names or "alembic_version" not in names:
            raise DatabaseError(Text("{file} is not a LeadDesk database", file=str(backup)))
        migrate(engine)
        problems = integrity_check(engine)
        if problems:
            raise DatabaseError(Text("{file} is damaged: {problem}", file=str(backup), problem=problems[0]))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except DBAPIError as exc:
        raise DatabaseError(describe_operational_error(exc, str(backup))) from exc
    finally:
        engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    for pattern in ("*.before-*.bak",):  # the migration's safety copy of the scratch file
        for extra in scratch.parent.glob(scratch.name + pattern[1:]):
            extra.unlink(missing_ok=True)
    fsync_file(scratch)


def _in_use() -> DatabaseInUseError:
    return DatabaseInUseError(
        Text(
            "the database is open in LeadDesk or another program; close it and try again (nothing was changed)"  # noqa: E501
        )
    )


def _swap(scratch: Path, target: Path) -> Path | None:
    if not target.exists():
        for suffix in ("-wal", "-shm"):  # leftovers of a deleted database must not meet the new one
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(scratch, target)
        fsync_dir(target.parent)
        return None
    conn = sqlite3.connect(target, timeout=0.5, isolation_level=None)
    try:
        damaged = False
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise _in_use()
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _in_use() from None
            damaged = True
        except sqlite3.DatabaseError:  # "file is not a database": the damage being repaired
            damaged = True
        wal, shm = Path(f"{target}-wal"), Path(f"{target}-shm")
        if not damaged and wal.exists() and wal.stat().st_size > 0:
            raise _in_use()  # someone still has committed changes in the log
        kept = _keep(target)
        if damaged:  # keep its log with it (it may hold the last changes), out of the new one's way
            for part, suffix in ((wal, "-wal"), (shm, "-shm")):
                if part.exists():
                    os.replace(part, Path(f"{kept}{suffix}"))
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
        os.replace(scratch, target)
        fsync_dir(target.parent)
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    finally:
        conn.close()
    # Our connection to the old file (now the kept copy) is closed: its journal, if any, is gone.
    return kept


def _keep(target: Path) -> Path:
    """Keep the current database under a name no other restore can take (hard link or copy)."""
    stamp = f"{_now():%Y%m%dT%H%M%S}"
    n = 0
    while True:
        kept = target.with_name(f"{target.name}.replaced-{stamp}{f'-{n}' if n else ''}.bak")
        try:
            os.link(target, kept)
        except FileExistsError:
            n += 1
            continue
        except OSError:  # a file system without hard links (FAT): a copy, still under our lock
            if kept.exists():
                n += 1
                continue
            shutil.copyfile(target, kept)
            fsync_file(kept)
        paths.repair_private(kept)
        return kept


def _prune_replaced(target: Path) -> None:
    copies = sorted(
        (p for p in target.parent.glob(f"{target.name}.replaced-*.bak") if p.is_file()),
        key=lambda p: (p.stat().st_mtime_ns, p.name),
        reverse=True,
    )
    for old in copies[KEEP_REPLACED:]:
        old.unlink(missing_ok=True)


@contextlib.contextmanager
def use_lock_exclusive(target: Path):  # type: ignore[no-untyped-def]
    """Hold the database folder's use lock exclusively, or raise DatabaseInUseError (see :func:`restore`)."""
    from leaddesk.core.db import UseLock

    lock = UseLock(target, exclusive=True)
    if not lock.acquire(timeout=0):
        raise _in_use()
    try:
        yield
    finally:
        lock.release()
