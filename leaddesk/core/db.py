"""Engine, sessions, migrations and the few SQLite-only features, kept behind small functions.

SQLite gets WAL, ``synchronous=FULL``, foreign keys and a busy timeout on every connection.
Opening a database upgrades it to the newest schema after copying the file aside, and
refuses a database written by a newer LeadDesk.

Transactions: Python's sqlite3 module would start a transaction only at the first
INSERT/UPDATE/DELETE and commit before DDL on its own, so a bulk write that first drops the
search triggers committed that drop at once, and a version read before the first UPDATE was
not protected. Here the driver's own transaction handling is switched off and LeadDesk emits
BEGIN itself (SQLAlchemy's documented pysqlite recipe): ``Database.transaction()`` starts
with ``BEGIN IMMEDIATE`` (the write lock is taken before the first statement, so whatever
it reads cannot change under it and everything, DDL included, commits or rolls back as one),
read sessions with a deferred ``BEGIN`` (a consistent snapshot, never blocking writers).

Durability: ``synchronous=FULL`` in WAL mode syncs the log at every commit, so a change the
UI confirmed survives a power cut; NORMAL synced only at checkpoints and could lose the last
commits. Measured cost: ``python -m benchmarks --only durability``.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ClauseElement, Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session

from leaddesk.core import paths
from leaddesk.core.changes import Changes, discard_notes, keep_committed, take_notes, to_payload
from leaddesk.core.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseError,
    NewerSchemaError,
)
from leaddesk.core.models import utcnow
from leaddesk.core.search import PART_FOLDS
from leaddesk.core.text import Text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


#: Log size at which it is copied back into the database (SQLite's default: 1,000 pages of 4 KiB).
CHECKPOINT_BYTES = 4 * 1024 * 1024
#: After a full checkpoint the next writer restarts the log and cuts the file to this size, so
#: the file growing past CHECKPOINT_BYTES again means that much new log.
WAL_KEEP_BYTES = CHECKPOINT_BYTES // 2


#: Bytes per database page for new files. 8 KiB rather than SQLite's 4 KiB: a 100,000-row
#: import writes half as many log frames (its commit takes 0.2 s rather than 0.4 s) and the
#: index B-trees are a level flatter.
PAGE_SIZE = 8192


#: Execution option that makes a connection's transaction start with BEGIN IMMEDIATE.
WRITE_OPTION = "leaddesk_write"
#: How a commit is synced: FULL syncs the write-ahead log at every commit (see the module doc).
SYNCHRONOUS = "FULL"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # LeadDesk emits BEGIN itself (_sqlite_begin): no implicit BEGIN, no implicit COMMIT before DDL.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Only a new, empty file takes it (before WAL mode is set); an existing one keeps its size.
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # No commit copies the log back itself; WalCheckpointer does it on its own thread.
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.execute(f"PRAGMA journal_size_limit={WAL_KEEP_BYTES}")
    cursor.close()


class WalCheckpointer:
    """Copies the write-ahead log back into the database file on a thread of its own, and pays
    the search indexes' merges a bulk write put off (:meth:`merge_fts`).

    With SQLite's automatic checkpoint the commit that pushes the log past 1,000 pages does
    the copying: a card move on the GUI thread could stall for tens of milliseconds, and an
    import of 100,000 leads spent ~0.6 s of its commit on it. Here a commit only wakes this
    thread, which waits until writes pause and runs a PASSIVE checkpoint: it copies what is
    committed, never blocks readers or writers, and is simply repeated if a writer kept
    adding. A commit is durable without it (WAL); SQLite also checkpoints when the last
    connection closes, so short CLI runs need no thread at all.

    A bulk write indexes its rows with FTS5's merging put off (:func:`fts_merges_deferred`).
    Left alone, that merging fell on the next ordinary writes: after an import of 100,000 leads
    the first edit of one lead took 0.1–0.6 s instead of 3 ms. Here it is done in small steps
    (each its own transaction, mostly 5–80 ms; ~1 s in all after 100,000 leads) while nobody else
    writes: a commit of someone else pauses it until the next quiet moment. (An edit right after
    the bulk write may still merge a little itself; migration speed_2 keeps that small.)
    """

    #: Quiet time before checkpointing, so a burst of commits is copied once.
    DEBOUNCE_S = 0.05
    #: FTS5 pages written per merge step: one short write transaction each.
    MERGE_PAGES = 200
    #: How long a merge step waits for the write lock before trying again at the next quiet moment.
    MERGE_BUSY_MS = 100

    def __init__(self, path: Path, threshold: int = CHECKPOINT_BYTES) -> None:
        self._path = path
        self._wal = Path(f"{path}-wal")
        self._threshold = threshold
        self._wake = threading.Event()
        self._stopping = False
        self._idle = threading.Event()
        self._idle.set()
        self._merge_due = False
        self._thread = threading.Thread(target=self._run, name="leaddesk-wal-checkpoint", daemon=True)
        self._thread.start()

    def poke(self, *_args: Any) -> None:
        """Called after commits (an engine event): cheap, never blocks the committing thread."""
        self._idle.clear()
        self._wake.set()

    def merge_fts(self) -> None:
        """A bulk write put off FTS5's merging (called after its commit): do it when writes pause."""
        self._merge_due = True
        self.poke()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until pending checkpoint and merge work is done (tests, and before copying the file)."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=30)

    def _due(self) -> bool:
        try:
            return self._wal.stat().st_size >= self._threshold
        except OSError:
            return False

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        retries = merge_tries = 0
        try:
            while True:
                self._wake.wait()
                while self._wake.wait(self.DEBOUNCE_S) and not self._stopping:
                    self._wake.clear()  # still committing: wait for a pause
                if self._stopping:
                    return
                if self._merge_due:
                    conn = conn or self._connect()
                    self._merge_due = not self._merge_steps(conn)
                    if self._merge_due and not self._wake.is_set():
                        # The write lock was taken (or the file is read-only): try again shortly,
                        # a few times; the merging then falls to the writes, as without this.
                        merge_tries += 1
                        self._merge_due = merge_tries < 8
                        self._wake.wait(0.2)
                        self._wake.set()
                        continue
                    merge_tries = 0
                if self._due():
                    conn = conn or self._connect()
                    busy, log, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    if (busy or done < log) and retries < 8:
                        # A reader still needs old pages: try again later, backing off.
                        retries += 1
                        self._wake.wait(min(0.05 * 2**retries, 2.0))
                        self._wake.set()
                        continue
                retries = 0
                if not self._wake.is_set():
                    self._idle.set()
        except sqlite3.Error:
            return  # the file went away (tests, restore): SQLite checkpoints at close anyway
        finally:
            self._idle.set()
            if conn is not None:
                conn.close()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, timeout=self.MERGE_BUSY_MS / 1000, isolation_level=None)
        # Its merge steps' commits do not copy the log back either (SQLite's default would, in the
        # first one after an import: ~125 ms of 100,000 leads' log, and the merging done that much later).
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute(f"PRAGMA journal_size_limit={WAL_KEEP_BYTES}")
        conn.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
        conn.execute("PRAGMA secure_delete=FAST")  # as every connection (_privacy_pragmas)
        return conn

    def _merge_steps(self, conn: sqlite3.Connection) -> bool:
        """Merge the search indexes' segments step by step; True when no merge work is left.

        Stops early (False) when another writer commits or holds the lock: its writes go first.
        FTS5's 'merge' did nothing when the database's change count rose by less than two.
        """
        pages = self.MERGE_PAGES
        for table in FTS_TABLES:
            while True:
                if self._wake.is_set() or self._stopping:
                    return False
                try:
                    conn.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError:  # another writer holds the lock
                    return False
                try:
                    before = conn.total_changes
                    conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('merge', ?)", (pages,))
                    conn.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    conn.execute("ROLLBACK")
                    if "no such table" in str(exc):
                        break  # a database from before the search indexes: nothing to merge
                    return False
                if conn.total_changes - before < 2:
                    break
        return True


#: How long a write begun on the thread that draws the window waits for another process's write
#: lock before it gives up with DatabaseBusyError: the window must not freeze for the full
#: BUSY_TIMEOUT_MS; the UI says so and retries on its write lane (``leaddesk.ui.ops``).
QUICK_BUSY_TIMEOUT_MS = 200
_quick_threads: set[int] = set()


def wait_briefly_on(thread: threading.Thread) -> None:
    """Writes begun on ``thread`` (the GUI thread) wait at most QUICK_BUSY_TIMEOUT_MS for the lock."""
    if thread.ident is not None:
        _quick_threads.add(thread.ident)


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for write transactions, a deferred BEGIN for reads (see the module doc)."""
    options = conn.get_execution_options()
    if options.get(WRITE_OPTION):
        if options.get("leaddesk_read_only"):
            raise DatabaseDamagedError(DAMAGED_MESSAGE)
        if threading.get_ident() not in _quick_threads:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        conn.exec_driver_sql(f"PRAGMA busy_timeout={QUICK_BUSY_TIMEOUT_MS}")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    else:
        conn.exec_driver_sql("BEGIN")


def _is_busy(orig: BaseException | None) -> bool:
    msg = str(orig or "")
    return isinstance(orig, sqlite3.OperationalError) and (
        "database is locked" in msg or "is locked" in msg or "database is busy" in msg
    )


def _sqlite_errors(context: Any) -> BaseException | None:
    """A busy database becomes DatabaseBusyError: no SQL, no parameters, one sentence."""
    orig = context.original_exception
    if _is_busy(orig):
        return DatabaseBusyError()
    if isinstance(orig, sqlite3.DatabaseError) and ("malformed" in str(orig) or "disk image" in str(orig)):
        return DatabaseDamagedError(DAMAGED_FOUND)
    return None


@contextmanager
def driver_errors(url: str = "database") -> Iterator[None]:
    """Errors of the DBAPI cursor used directly (bulk reads bypass SQLAlchemy) become the core's:
    busy, damaged, or a plain DatabaseError with the driver's first line — never SQL."""
    try:
        yield
    except sqlite3.Error as exc:
        if _is_busy(exc):
            raise DatabaseBusyError() from exc
        if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in str(exc) or "disk image" in str(exc)):
            raise DatabaseDamagedError(DAMAGED_FOUND) from exc
        raise DatabaseError(
            Text("database error in {file}: {detail}", file=url, detail=str(exc).splitlines()[0])
        ) from exc


def make_engine(url: str | URL, *, read_only: bool = False) -> Engine:
    """An engine with LeadDesk's connection settings (SQLite pragmas where it is SQLite).

    ``read_only`` (a damaged database): every connection is ``query_only`` and write
    transactions are refused with DatabaseDamagedError.
    """
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if url.database in (None, "", ":memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if read_only:
            event.listen(engine, "connect", _query_only)
            engine.update_execution_options(leaddesk_read_only=True)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", _sqlite_errors, retval=True)
        return engine
    # A server password comes from the URL, the system keyring (``leaddesk server password``)
    # or libpq's own ~/.pgpass; LeadDesk's settings never hold one.
    if url.get_backend_name() == "postgresql":
        url = server_url(url)  # plain postgresql:// through psycopg, the driver LeadDesk installs
    kwargs = {}
    if url.get_backend_name() == "postgresql":
        kwargs["connect_args"] = {"options": server_options(url)}
    engine = create_engine(with_stored_password(url), pool_pre_ping=True, **kwargs)
    if url.get_backend_name() == "postgresql":
        event.listen(engine, "begin", _server_begin)
        event.listen(engine, "rollback", _server_read_end)
        event.listen(engine, "handle_error", _server_errors, retval=True)
    return engine


def server_options(url: URL) -> str:
    """libpq ``options`` for LeadDesk's server connections: no JIT unless the URL's own options
    ask for it, and always the time zone UTC.

    LeadDesk stores UTC and binds UTC moments as text (:func:`sql_time`), which the server reads
    in its session time zone; with a server set to Europe/Berlin, "activities up to now" ended an
    hour early and decay ages were counted in local time (scores differed from SQLite's).

    JIT compilation pays off for queries that run for seconds; LeadDesk's run for milliseconds
    to a few hundred, and any over 100,000 leads is costed above ``jit_above_cost``: sorting the
    list by days in stage took 390 ms, 192 ms of it compiling (100,000 leads).
    """
    own = str(url.query.get("options", "")).strip()
    return " ".join(part for part in ("-c jit=off", own, "-c TimeZone=UTC") if part)


#: psycopg's ``TransactionStatus.INTRANS``: inside a transaction, no error.
_PG_IN_TRANSACTION = 2
#: Key of the server-wide advisory lock LeadDesk's write transactions take (``LDSK``).
WRITE_LOCK_KEY = 0x4C44534B


def _server_begin(conn: Connection) -> None:
    """PostgreSQL: a write transaction first takes LeadDesk's write lock, as SQLite's BEGIN IMMEDIATE.

    One LeadDesk writer at a time per database, readers never wait (MVCC): a version read inside
    a write cannot be overtaken (two saves of one lead: exactly one wins, the other gets
    ConflictError), as on SQLite. Waits as long as SQLite's busy timeout (shorter on the GUI
    thread), then DatabaseBusyError.
    """
    options = conn.get_execution_options()
    if not options.get(WRITE_OPTION):
        return
    wait = QUICK_BUSY_TIMEOUT_MS if threading.get_ident() in _quick_threads else BUSY_TIMEOUT_MS
    # One round trip (a statement list without parameters goes as one simple query): three cost
    # a one-lead edit ~0.2 ms of its few milliseconds.
    conn.exec_driver_sql(
        f"SET LOCAL lock_timeout = {int(wait)}; SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY}); "
        "SET LOCAL lock_timeout = 0"
    )


def _server_read_end(conn: Connection) -> None:
    """PostgreSQL: a read transaction that wrote nothing ends with COMMIT instead of ROLLBACK.

    The same for the server, but psycopg forgets every prepared statement of the connection on a
    ROLLBACK (and its counts of executions, so nothing is ever prepared again): each read of the
    board or of a lead threw away the plans of the scoring statements, and a one-lead rescore was
    planned afresh each time (~2 ms of a ~3 ms statement). A transaction that wrote anything (it
    has a transaction id) still rolls back.
    """
    if conn.get_execution_options().get(WRITE_OPTION) or conn.closed or conn.invalidated:
        return
    dbapi: Any = conn.connection.dbapi_connection
    try:
        if dbapi.info.transaction_status != _PG_IN_TRANSACTION:
            return
        if dbapi.execute("SELECT pg_current_xact_id_if_assigned() IS NULL").fetchone()[0]:
            dbapi.commit()
    except Exception:  # a broken connection: the ROLLBACK that follows reports it
        return


def _server_errors(context: Any) -> BaseException | None:
    """PostgreSQL's lock timeout (SQLSTATE 55P03) becomes DatabaseBusyError, as SQLite's busy."""
    orig = context.original_exception
    if getattr(orig, "sqlstate", None) == "55P03":
        return DatabaseBusyError()
    return None


def _query_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=1")


def write_engine(engine: Engine) -> Engine:
    """``engine`` whose transactions start with BEGIN IMMEDIATE (SQLite): for every write."""
    return engine.execution_options(**{WRITE_OPTION: True})


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_file(engine: Engine) -> Path | None:
    """The file behind a SQLite engine, or None (in-memory or another server)."""
    if not is_sqlite(engine):
        return None
    name = engine.url.database
    if not name or name == ":memory:":
        return None
    return Path(name)


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def include_in_autogenerate(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Keep the search index (made by raw SQL in migrations) out of model comparisons: FTS5's
    shadow tables on SQLite, the ``lead_search`` table and its indexes on PostgreSQL."""
    if type_ == "table" and name is not None and (name.startswith("lead_fts") or name == "lead_search"):
        return False
    return not (type_ in ("column", "index") and name in _PG_SEARCH_OBJECTS)


#: PostgreSQL's search columns and indexes: generated columns of ``lead`` (migration pg_1), since
#: pg_2 in the trigger-kept table ``lead_search`` (so that a move or an owner change writes no GIN entry).
_PG_SEARCH_OBJECTS = frozenset(
    {"search_vector", "ix_lead_search", "search_parts", "ix_lead_search_parts"}
    | {"search_phones", "ix_lead_search_phones"}
)


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    # ConfigParser interpolates "%": a path with non-ASCII letters is URL-escaped with it.
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(make_engine("sqlite://"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """A consistent copy of the live database (SQLite's online backup, safe under WAL)."""
    source = sqlite_file(engine)
    if source is None:
        raise DatabaseError(
            Text(
                "LeadDesk's backups copy a database file; a PostgreSQL server is backed up "
                "with the server's own tools (pg_dump)"
            )
        )
    return copy_sqlite(source, target)


def fsync_file(path: Path) -> None:
    """Push ``path``'s bytes to the disk (a backup or restore that returned is on the disk)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def scratch_name(target: Path, what: str) -> Path:
    """A unique file beside ``target`` for work in progress (never two processes on one name)."""
    return target.with_name(f"{target.name}.{what}-{os.getpid()}-{time.monotonic_ns()}")


_SCRATCH = re.compile(r".+\.(?:part|restoring|verify)-(\d+)-\d+(?:-wal|-shm|-journal)?")


def remove_stale_scratch(folder: Path) -> list[Path]:
    """Remove work files (:func:`scratch_name`) of processes that no longer run (killed mid-copy)."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        m = _SCRATCH.fullmatch(path.name)
        if m is None:
            continue
        pid = int(m.group(1))
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # still running: its file
        except ProcessLookupError:
            pass
        except OSError:
            continue  # another user's process: not ours to judge
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def copy_sqlite(source: Path, target: Path) -> Path:
    """Copy a SQLite file through SQLite's online backup, opening the source read-only.

    Safe while another process writes it (WAL), and never changes the source: also how a
    second database is read for merging. Written beside the target as a private (0600)
    file, synced, then renamed over it: a crash leaves the old target or the whole new one.
    """
    if not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True, mode=paths.PRIVATE_DIR_MODE)
    tmp = scratch_name(target, "part")
    paths.make_private_file(tmp)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # One self-contained file: opening it read-only later needs no -wal/-shm beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return target


#: Safety copies of one kind (before a database merge, say) kept beside the database; older
#: ones are removed once a newer change has succeeded, so a weekly fair merge of a 150 MB file
#: does not fill the disk.
KEEP_SAFETY_COPIES = 5


def safety_copy(engine: Engine, what: str) -> Path | None:
    """Copy the database file aside before a change no undo step can take back.

    Named ``<file>.before-<what>-<time>.bak`` beside it; None when the database is no file.
    """
    db_file = sqlite_file(engine)
    if db_file is None:
        return None
    now = utcnow()
    target = db_file.with_name(f"{db_file.name}.before-{what}-{now:%Y%m%dT%H%M%S}.bak")
    if target.exists():  # a second change within the same second
        target = db_file.with_name(f"{db_file.name}.before-{what}-{now:%Y%m%dT%H%M%S.%f}.bak")
    return backup_sqlite(engine, target)


def prune_safety_copies(copy: Path, keep: int = KEEP_SAFETY_COPIES) -> list[Path]:
    """Remove all but the newest ``keep`` safety copies of the same kind as ``copy``; returns them."""
    prefix = copy.name[: copy.name.rindex("-") + 1]
    pattern = re.compile(re.escape(prefix) + r"\d{8}T\d{6}(\.\d{6})?\.bak")
    same_kind = [p for p in copy.parent.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    same_kind.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    removed = same_kind[max(keep, 1) :]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


#: The newest migration's revision id. Lets an up-to-date database open without loading
#: Alembic and parsing every migration script (~100 ms of each start); a test keeps it equal
#: to the scripts' head.
SCHEMA_HEAD = "speed_2"


def _stored_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError:
            conn.rollback()
            return None


def migrate(engine: Engine, revision: str = "head") -> MigrationResult:
    """Bring the schema to ``revision``; copy an existing SQLite file aside before changing it."""
    if revision in ("head", SCHEMA_HEAD) and _stored_revision(engine) == SCHEMA_HEAD:
        return MigrationResult(SCHEMA_HEAD, SCHEMA_HEAD, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(engine)
    script = ScriptDirectory.from_config(cfg)
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise NewerSchemaError(
                Text(
                    "this database was written by a newer LeadDesk (schema {schema}); "
                    "please update LeadDesk to open it — the file was left untouched",
                    schema=current,
                )
            ) from None
    target = script.get_current_head() if revision == "head" else revision
    if current == target:
        return MigrationResult(current, target or "", None)
    backup = safety_copy(engine, current) if current is not None else None
    # One IMMEDIATE transaction: a migration that stops half-way leaves the old schema.
    with write_engine(engine).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return MigrationResult(current, target or "", backup)


#: The query planner's statistics (ANALYZE) are refreshed when the number of leads has moved
#: this far from the analysed count. Without them SQLite takes the board's index on ``erased``
#: for a look-up by e-mail or phone and reads every lead: a duplicate check on Enter in quick
#: entry took 88 ms at 100,000 leads instead of 13 ms.
STATS_DRIFT = 2.0
#: Below this many leads no statistics are needed (a full read costs well under a millisecond).
STATS_MIN_LEADS = 1000


class UseLock:
    """A folder ``flock``: shared while a LeadDesk process has it open, exclusive to restore.

    SQLite cannot tell whether another connection merely has a WAL database open (its
    locks are taken per transaction), so an open database holds a shared ``flock`` for its
    lifetime and restore asks for it exclusively. The lock is on the folder, not the
    database file: SQLite's POSIX ``fcntl`` locks on the file are dropped when *any* descriptor
    of the file is closed in the process, so a second descriptor on it must never be opened;
    a folder needs no extra lock file either and is not replaced by a restore. POSIX only;
    elsewhere restore relies on SQLite's own check (see :func:`leaddesk.core.backups.restore`).
    """

    def __init__(self, db_file: Path, *, exclusive: bool = False) -> None:
        self.path = db_file.parent
        self.exclusive = exclusive
        self._fd: int | None = None

    def acquire(self, timeout: float) -> bool:
        """Take the lock, waiting up to ``timeout`` seconds; False if another process holds it."""
        try:
            import fcntl
        except ImportError:
            return True
        mode = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + timeout
        fd = os.open(self.path, os.O_RDONLY)
        while True:
            try:
                fcntl.flock(fd, mode)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(0.02)
                continue
            self._fd = fd
            return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


#: What a damaged database's writes are refused with.
DAMAGED_MESSAGE = Text(
    "the database is damaged and was opened read-only; restore the newest good backup "
    "(leaddesk backup --list, then leaddesk restore)"
)


#: A read that ran into damage (found while working, not on opening).
DAMAGED_FOUND = Text(
    "the database is damaged (found while reading it); restore the newest good backup "
    "(leaddesk backup --list, then leaddesk restore)"
)


class Database:
    """An engine plus short-lived sessions. Never keep a session on a widget.

    ``busy_patience``: seconds a write transaction keeps retrying its BEGIN IMMEDIATE when
    another process holds the write lock past the busy timeout (0: give up after the busy
    timeout with DatabaseBusyError). The CLI's long commands set minutes and
    ``on_busy_wait`` to say once that they wait.

    ``damage``: what the quick check found on opening; non-empty means the database was
    opened read-only (every write raises DatabaseDamagedError).
    """

    def __init__(self, engine: Engine, *, damage: tuple[str, ...] = ()) -> None:
        self.engine = engine
        self._listeners: list[Callable[[Changes], None]] = []
        self._closing: list[Callable[[], None]] = []
        #: Names this open database in its change announcements, so it can ignore its own.
        self.origin = secrets.token_hex(6)
        self.writer = write_engine(engine)
        self.damage = damage
        self.busy_patience = 0.0
        self.use_lock: UseLock | None = None
        self.on_busy_wait: Callable[[], None] | None = None
        #: The statistics refresh after the latest bulk load (PostgreSQL), if one ran.
        self.analyzing: threading.Thread | None = None
        path = sqlite_file(engine) if is_sqlite(engine) else None
        self.checkpointer = WalCheckpointer(path) if path is not None and not damage else None
        if self.checkpointer is not None:
            event.listen(engine, "commit", self.checkpointer.poke)
            self.checkpointer.poke()  # a migration may have left a long log

    @property
    def read_only(self) -> bool:
        return bool(self.damage)

    def check_damage(self) -> tuple[str, ...]:
        """Run the quick check now (for an app that opened with ``check=False``, off its GUI thread).

        Damage found makes this database read-only from then on (writes raise DatabaseDamagedError).
        """
        problems = tuple(quick_check(self.engine))
        if problems:
            self.damage = problems
            self.engine.update_execution_options(leaddesk_read_only=True)
            self.writer = write_engine(self.engine)
        return problems

    @classmethod
    def open(cls, url: str | URL, *, upgrade: bool = True, check: bool = True) -> Database:
        """Open (and migrate) a database; a damaged SQLite file opens read-only (``damage``).

        ``check``: run SQLite's quick check first (~linear in the file size; 0.3 s at 100,000
        leads), so damage is found before anything writes into a broken file.
        """
        url = make_url(url)
        db_file = None
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            db_file = Path(url.database)
            paths.make_private_dir(db_file.parent)
            paths.make_private_file(db_file)
            for suffix in ("-wal", "-shm"):
                paths.repair_private(Path(f"{db_file}{suffix}"))
            remove_stale_scratch(db_file.parent)
        use_lock = None
        if db_file is not None:
            use_lock = UseLock(db_file)
            if not use_lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
                raise DatabaseBusyError(
                    Text("the database is being restored from a backup; try again in a moment")
                )
        try:
            db = cls._open_engine(url, db_file, upgrade=upgrade, check=check)
        except BaseException:
            if use_lock is not None:
                use_lock.release()
            raise
        db.use_lock = use_lock
        return db

    @classmethod
    def _open_engine(cls, url: URL, db_file: Path | None, *, upgrade: bool, check: bool) -> Database:
        engine = make_engine(url)
        damage: tuple[str, ...] = ()
        try:
            if db_file is not None and check and db_file.stat().st_size > 0:
                damage = tuple(quick_check(engine))
            if damage:
                engine.dispose()
                engine = make_engine(url, read_only=True)
            elif upgrade:
                migrate(engine)
        except DatabaseDamagedError as exc:  # found by the migration's first reads
            engine.dispose()
            return cls(make_engine(url, read_only=True), damage=(str(exc),))
        except DBAPIError as exc:
            engine.dispose()
            if db_file is not None and _is_damage(exc):
                return cls(make_engine(url, read_only=True), damage=(describe_operational_error(exc, url),))
            raise DatabaseError(describe_operational_error(exc, url)) from exc
        except Exception:
            engine.dispose()
            raise
        db = cls(engine, damage=damage)
        if not damage:
            db.refresh_stats()  # a database grown elsewhere (another LeadDesk, the CLI) or never analysed
        return db

    def refresh_stats(self) -> bool:
        """ANALYZE when the lead table grew or shrank a lot since the last time (~90 ms at 100,000).

        Called after bulk writes (import, demo data, database merge) and on opening; True if run.
        Skipped (False) when another process is writing: statistics can wait for the next time.
        """
        if not is_sqlite(self.engine) or self.read_only:
            return False
        with self.engine.connect() as conn:
            leads = int(conn.exec_driver_sql("SELECT count(*) FROM lead").scalar() or 0)
            has_stats = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
            ).scalar()
            # Each index's row starts with its number of entries: the largest is the table's
            # (a partial index, e.g. ix_lead_deleted_at, holds only some leads).
            stat = (
                conn.exec_driver_sql(
                    "SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'lead'"
                ).scalar()
                if has_stats
                else None
            )
        analysed = int(stat or 0)
        if analysed == 0 and leads < STATS_MIN_LEADS:
            return False
        if analysed and 1 / STATS_DRIFT <= max(leads, 1) / analysed <= STATS_DRIFT:
            return False
        try:
            with self.writer.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        except DatabaseBusyError:
            return False
        return True

    @classmethod
    def open_data_dir(
        cls, data_dir: str | Path | None = None, *, upgrade: bool = True, check: bool = True
    ) -> Database:
        return cls.open(paths.database_url(paths.data_dir(data_dir)), upgrade=upgrade, check=check)

    def on_close(self, fn: Callable[[], None]) -> None:
        """Call ``fn()`` first thing in :meth:`close` (a live-update thread stops before the engine goes)."""
        self._closing.append(fn)

    def close(self) -> None:
        for fn in self._closing:
            fn()
        self._closing.clear()
        if self.checkpointer is not None:
            self.checkpointer.stop()
        if self.analyzing is not None:
            self.analyzing.join(timeout=10)  # its connection goes back before the pool is disposed
        self.engine.dispose()
        if self.use_lock is not None:
            self.use_lock.release()

    def session(self) -> Session:
        """A session whose objects stay readable after commit (plain values for callers)."""
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls everything back on any error.

        On SQLite it begins with BEGIN IMMEDIATE before the first statement, so a version
        read inside it cannot be overtaken by another writer (two saves of one lead: one
        wins, the other gets ConflictError) and DDL inside it is part of it.

        What the work noted (:func:`leaddesk.core.changes.note`) is published once after the
        commit to every listener and stays readable as ``changes.committed(session)``; on
        PostgreSQL it is also announced to the other LeadDesk processes as part of the
        transaction (:func:`announce_changes`), so they hear of it exactly when it commits.
        """
        session, tx = self._begin_write()
        with session:
            try:
                with tx:
                    yield session
                    changes = take_notes(session)
                    if changes:
                        announce_changes(session, changes, self.origin)
                    bulk = take_bulk_tables(session.connection())
                    merges_put_off = session.info.pop(_FTS_MERGES_PUT_OFF, False)
            except DBAPIError as exc:  # disk full, read-only …: the core's error, no SQL in it
                discard_notes(session)
                raise DatabaseError(describe_operational_error(exc, str(self.file or "database"))) from exc
            except BaseException:
                discard_notes(session)
                raise
        if self.checkpointer is not None:
            if merges_put_off:
                self.checkpointer.merge_fts()
            self.checkpointer.poke()  # committed now (the engine's commit event fires just before)
        keep_committed(session, changes)
        if bulk and not is_sqlite(self.engine):
            self.analyzing = threading.Thread(
                target=analyze_tables, args=(self.engine, bulk), name="leaddesk-analyze", daemon=True
            )
            self.analyzing.start()
        if changes:
            self.publish(changes)

    def add_listener(self, listener: Callable[[Changes], None]) -> None:
        """Call ``listener(changes)`` after every commit that changed something (any thread)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[Changes], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def publish(self, changes: Changes) -> None:
        """Tell every listener; a failing listener is logged, never undoes the commit."""
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:
                logging.getLogger(__name__).exception("change listener failed")

    def _begin_write(self) -> tuple[Session, Any]:
        """A session in a started write transaction, waiting up to ``busy_patience`` for the lock."""
        deadline = time.monotonic() + self.busy_patience
        delay = 0.05
        told = False
        while True:
            session = Session(self.writer, expire_on_commit=False)
            try:
                tx = session.begin()
                # Emits BEGIN IMMEDIATE now, not at the first statement; forgets bulk loads of a
                # transaction that rolled back on this pooled connection.
                take_bulk_tables(session.connection())
                return session, tx
            except DatabaseBusyError:
                session.close()
                if time.monotonic() >= deadline:
                    raise
                if not told and self.on_busy_wait is not None:
                    self.on_busy_wait()
                told = True
                time.sleep(min(delay, max(deadline - time.monotonic(), 0)))
                delay = min(delay * 2, 1.0)
            except BaseException:
                session.close()
                raise

    @property
    def file(self) -> Path | None:
        return sqlite_file(self.engine)


# --- Live updates between processes (issue 16) ---------------------------------------------------
#: PostgreSQL channel on which committed writes announce their Changes (one per database).
CHANGE_CHANNEL = "leaddesk_changes"
#: PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
NOTIFY_MAX_BYTES = 7999


def announces_changes(engine: Engine) -> bool:
    """True where other processes hear of commits (PostgreSQL); SQLite has no such channel."""
    return not is_sqlite(engine)


def announce_changes(session: Session, changes: Changes, origin: str) -> None:
    """Inside a write transaction: tell the other processes what it changes (PostgreSQL only).

    NOTIFY is transactional: delivered when the transaction commits, never when it rolls back,
    and in commit order. The payload names ``origin`` so the sender can skip its own.
    """
    if is_sqlite(session.get_bind().engine):  # type: ignore[union-attr]
        return
    payload = to_payload(changes, origin, NOTIFY_MAX_BYTES)
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANGE_CHANNEL, "payload": payload}
    )


class ChannelLost(ConnectionError):
    """The change channel could not be opened or was lost (logged and retried, never shown)."""


class ChangeReceiver:
    """A dedicated PostgreSQL connection LISTENing on :data:`CHANGE_CHANNEL` (not from the pool).

    Used by one thread at a time (:mod:`leaddesk.core.live`). A lost connection raises
    ChannelLost from :meth:`receive`; the caller opens a new receiver.
    """

    def __init__(self, engine: Engine) -> None:
        if is_sqlite(engine):
            raise ValueError("SQLite announces no changes")
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        try:
            self._conn = engine.dialect.dbapi.connect(*cargs, **cparams)  # type: ignore[union-attr]
            self._conn.autocommit = True  # LISTEN takes effect now; notes arrive between statements
            self._conn.execute(f"LISTEN {CHANGE_CHANNEL}")
        except Exception as exc:
            raise ChannelLost(f"cannot listen for changes: {_first_line(exc)}") from exc

    def receive(self, timeout: float) -> list[str]:
        """Payloads that arrived, waiting up to ``timeout`` seconds for the first; [] if none."""
        try:
            got = [n.payload for n in self._conn.notifies(timeout=timeout, stop_after=1)]
            if got:  # whatever arrived with it or right after: one refresh for a burst
                got += [n.payload for n in self._conn.notifies(timeout=0)]
            return got
        except Exception as exc:
            raise ChannelLost(f"lost the change channel: {_first_line(exc)}") from exc

    def close(self) -> None:
        try:
            self._conn.close()
        except Exception:
            logging.getLogger(__name__).debug("closing the change channel failed", exc_info=True)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _is_damage(exc: DBAPIError) -> bool:
    """Damage inside a readable database (a file that is no database at all is refused instead)."""
    msg = str(exc.orig or "")
    return "malformed" in msg or "disk image" in msg


def quick_check(engine: Engine) -> list[str]:
    """SQLite's quick check (structure, not index contents): what is wrong, or nothing."""
    if not is_sqlite(engine):
        return []
    try:
        with engine.connect() as conn:
            rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except DatabaseDamagedError:  # the check itself ran into the damage
        return ["database disk image is malformed"]
    except DBAPIError as exc:
        if _is_damage(exc):
            return [_driver_message(exc)]
        raise
    return [] if rows == ["ok"] else rows


def _driver_message(exc: DBAPIError) -> str:
    """The driver's own sentence (never SQLAlchemy's text, which quotes the SQL and its parameters)."""
    if exc.orig is None:
        return type(exc).__name__
    return str(exc.orig).splitlines()[0][:200] if str(exc.orig) else type(exc.orig).__name__


def describe_operational_error(exc: DBAPIError, url: str | URL) -> str:
    """Turn SQLite's terse environment errors into a sentence a person can act on.

    Only the driver's own message is quoted, never SQLAlchemy's, which holds the SQL and
    its parameters (personal data).
    """
    msg = _driver_message(exc)
    parsed = make_url(url) if isinstance(url, URL) or "://" in url else None
    where = (parsed.database or str(parsed)) if parsed is not None else url
    if "locked" in msg:
        return Text(
            "the database {file} is in use by another program (locked); close it and try again", file=where
        )
    if "readonly" in msg or "read-only" in msg:
        return Text("the database {file} is read-only; check the file's permissions", file=where)
    if "disk is full" in msg or "full" in msg:
        return Text("the disk holding {file} is full", file=where)
    if "not a database" in msg or "malformed" in msg:
        return Text(
            "{file} is not a LeadDesk database or is damaged ({detail}); restore a backup",
            file=where,
            detail=msg,
        )
    if "unable to open" in msg:
        return Text(
            "cannot open the database {file}; check that the folder exists and is writable", file=where
        )
    return Text("database error in {file}: {detail}", file=where, detail=msg)


# --- SQLite-only features, each behind one function --------------------------------------------

FTS_COLUMNS = ("first_name", "last_name", "company", "email", "city", "notes")
#: The triggers keeping the search index in step with the lead table (made by the first migration).
FTS_TRIGGERS = ("lead_fts_ai", "lead_fts_ad", "lead_fts_au")


#: German spellings without umlauts, as typed on a foreign keyboard or read from an e-mail
#: address ("Mueller", "Weiss"), mapped to what the index holds ("muller", "weiß": it drops
#: accents, not the ß).
_UMLAUT_SPELLINGS = (("ae", "a"), ("oe", "o"), ("ue", "u"), ("ss", "ß"))


def fts_match_expression(query: str) -> str | None:
    """An FTS5 MATCH string for what a person typed: every word a prefix, all words required.

    A word of four or more letters written without umlauts also matches the umlaut spelling:
    "Mueller" finds "Müller", as the duplicate rules already treat them as one.
    """
    words = [w for w in "".join(c if c.isalnum() or c in "@._-+" else " " for c in query).split() if w]
    if not words:
        return None
    terms = []
    for word in words:
        spellings = [word]
        folded = word.casefold()
        for plain, umlaut in _UMLAUT_SPELLINGS:
            folded = folded.replace(plain, umlaut)
        if len(word) >= 4 and folded != word.casefold():
            spellings.append(folded)
        alternatives = " OR ".join('"' + w.replace('"', '""') + '"*' for w in spellings)
        terms.append(f"({alternatives})" if len(spellings) > 1 else alternatives)
    return " AND ".join(terms)


def rebuild_fts(session: Session) -> None:
    """Rebuild the search index from the lead table (after bulk writes that bypass triggers)."""
    session.execute(text("INSERT INTO lead_fts(lead_fts) VALUES('rebuild')"))
    _part_rebuild(session)


def fts_add_rows(
    session: Session,
    where: str,
    params: Mapping[str, object],
    *,
    parts: Sequence[tuple[Any, ...]] | None = None,
) -> None:
    """Index the leads matching ``where`` (SQL over ``lead``), which must not be indexed yet.

    After a bulk insert with the triggers suspended this costs only the new rows, where a
    rebuild re-reads every lead (for 88,000 new among 190,000 leads: ~0.5 s vs ~1.7 s).
    ``parts``: exactly those leads as (id, *values of PART_SOURCE_COLUMNS), from a caller that
    still holds the values it wrote: the word-part index then gets them folded in Python
    (:func:`part_entry`), not by its view in SQL (100,000 leads: ~0.25 s less).
    """
    if not is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        return
    cols = ", ".join(FTS_COLUMNS)
    with fts_merges_deferred(session):
        session.execute(
            text(f"INSERT INTO lead_fts(rowid, {cols}) SELECT id, {cols} FROM lead WHERE {where}"), params
        )
        _part_rows(session, "add", where, params, parts)


def fts_remove_rows(session: Session, where: str, params: Mapping[str, object]) -> None:
    """Take the leads matching ``where`` out of the index (before changing them with triggers off).

    Must run while the index still holds their current values: FTS5 'delete' needs them.
    """
    if not is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        return
    cols = ", ".join(FTS_COLUMNS)
    with fts_merges_deferred(session):
        session.execute(
            text(
                f"INSERT INTO lead_fts(lead_fts, rowid, {cols}) "
                f"SELECT 'delete', id, {cols} FROM lead WHERE {where}"
            ),
            params,
        )
        _part_rows(session, "remove", where, params)


#: The full-text indexes bulk paths write to (``lead_fts`` and its word-part twin).
FTS_TABLES = ("lead_fts", "lead_fts_part")
#: FTS5's own defaults for the settings a bulk write changes (used when the table's config names none).
_FTS_DEFAULTS = {"automerge": 4, "hashsize": 1024 * 1024}
#: The settings while a bulk path writes. 'automerge' 16 (FTS5's most): segments are merged only once
#: a level holds that many. 'hashsize' 32 MiB: the new rows' terms are gathered in memory in fewer,
#: larger batches (the word-part index of 100,000 new leads beside 100,000: 0.60 s at 1 MiB,
#: 0.50 s at 8, 0.44 s at 32, no less at 128; the memory only while the bulk write runs).
#: Measured on 100,000 leads, indexing 92,000 new ones: 3.0 s at the defaults, 1.3 s with
#: automerge 16, 1.1 s with both (hash at 8 MiB), where an earlier import had been undone (more
#: segments to merge into); ~2.0 s and ~1.3 s on a freshly built index. The defaults' extra time is
#: merging the new rows into the existing segments. That merging is put off, not saved: after the
#: commit WalCheckpointer does it in short steps while nobody writes (~0.3–1 s after 100,000 leads);
#: left to the next writes, an edit of one lead took up to 0.6 s. Dropping "automerge" here keeps
#: only the hash.
_FTS_BULK = {"automerge": 16, "hashsize": 32 * 1024 * 1024}
#: Set on a session whose transaction put FTS5's merging off (see WalCheckpointer).
_FTS_MERGES_PUT_OFF = "leaddesk_fts_merges_put_off"


@functools.cache
def _fts_knows(key: str) -> bool:
    """Whether this SQLite's FTS5 takes the setting ``key`` (asked once, on a scratch database)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        probe.execute("INSERT INTO t(t, rank) VALUES(?, ?)", (key, _FTS_DEFAULTS[key]))
        return True
    except sqlite3.Error:
        return False
    finally:
        probe.close()


@contextmanager
def fts_merges_deferred(session: Session) -> Iterator[None]:
    """FTS5 merges its segments less eagerly while a bulk path indexes many rows at once.

    The index holds the same rows either way (same search results); what changes is how much of
    FTS5's background merging this transaction pays: at the defaults the new rows are merged into
    the existing segments straight away, which cost more than indexing them. The settings are put
    back before the caller's transaction ends (a rollback restores them too), so later writes merge
    as before, a little at a time, and FTS5's 'crisismerge' still bounds the number of segments.
    """
    keys = [k for k in _FTS_BULK if _fts_knows(k)]
    # After the commit, Database.transaction has WalCheckpointer do the merging put off here.
    session.info[_FTS_MERGES_PUT_OFF] = True
    before: dict[tuple[str, str], int] = {}
    for table in FTS_TABLES:
        for key in keys:
            value = session.execute(text(f"SELECT v FROM {table}_config WHERE k = :k"), {"k": key}).scalar()
            before[table, key] = _FTS_DEFAULTS[key] if value is None else int(value)
            _fts_config(session, table, key, _FTS_BULK[key])
    yield  # no finally: after an error the caller's rollback takes the settings back with the rest
    for (table, key), value in before.items():
        _fts_config(session, table, key, value)


def _fts_config(session: Session, table: str, key: str, value: int) -> None:
    session.execute(
        text(f"INSERT INTO {table}({table}, rank) VALUES(:key, :value)"), {"key": key, "value": value}
    )


# --- Word-part and phone search (SQLite: FTS5 trigram index ``lead_fts_part``) -----------------
# The rules are stated in leaddesk/core/search.py; the index, its source view and its triggers
# are made by the migration "search_2". Everything SQLite-specific about them is in this block.

#: Triggers keeping ``lead_fts_part`` in step (before delete/update: the view still shows the
#: old values FTS5 needs to take a row out).
PART_TRIGGERS = ("lead_fts_part_ai", "lead_fts_part_bd", "lead_fts_part_bu", "lead_fts_part_au")
_PART_COLUMNS = "words, phones"
_PART_IDS = "SELECT rowid AS id FROM lead_fts_part WHERE lead_fts_part MATCH"


def _fts5_string(text_: str) -> str:
    return '"' + text_.replace('"', '""') + '"'


def _part_rebuild(session: Session) -> None:
    if is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        session.execute(text("INSERT INTO lead_fts_part(lead_fts_part) VALUES('rebuild')"))


def _part_rows(
    session: Session,
    action: str,
    where: str,
    params: Mapping[str, object],
    parts: Sequence[tuple[Any, ...]] | None = None,
) -> None:
    """Add or remove the leads matching ``where`` (SQL over ``lead``) in the word-part index.

    ``parts`` (adding only): those leads' values, folded here (see :func:`fts_add_rows`).
    """
    if parts is not None:
        entries = [(row[0], *part_entry(*row[1:])) for row in parts]
        # The driver's executemany: one prepared statement, the rows bound in C.
        session.connection().exec_driver_sql(
            f"INSERT INTO lead_fts_part(rowid, {_PART_COLUMNS}) VALUES (?, ?, ?)", entries
        )
        return
    head = (
        f"INSERT INTO lead_fts_part(rowid, {_PART_COLUMNS}) SELECT id, {_PART_COLUMNS}"
        if action == "add"
        else f"INSERT INTO lead_fts_part(lead_fts_part, rowid, {_PART_COLUMNS})"
        f" SELECT 'delete', id, {_PART_COLUMNS}"
    )
    session.execute(
        text(f"{head} FROM lead_fts_part_src WHERE id IN (SELECT id FROM lead WHERE {where})"), params
    )


#: What ``lead_fts_part_src`` reads of a lead, in :func:`part_entry`'s order.
PART_SOURCE_COLUMNS = ("first_name", "last_name", "company", "city", "phone", "mobile")
#: The view's fold: search.PART_FOLDS, and each letter's capital where it is one letter too.
_PART_PAIRS = (
    *PART_FOLDS,
    *((plain.upper(), folded) for plain, folded in PART_FOLDS if len(plain.upper()) == 1),
)
_PHONE_PUNCTUATION = str.maketrans("", "", "+ -/().")


def part_entry(first: str, last: str, company: str, city: str, phone: str, mobile: str) -> tuple[str, str]:
    """(words, phones): what the view ``lead_fts_part_src`` shows for a lead with these values.

    Its Python twin, for bulk paths that hold the values they wrote (see :func:`fts_add_rows`):
    FTS5 takes a row out of an external-content index only with the very values it went in
    with, so this must agree with the view to the character. A property test compares them,
    and the index's integrity check compares the index with the view. (The columns are NOT
    NULL, so the view's NULL cases never arise.)
    """
    words = f"{first} {last} {company} {city}"
    if not words.isascii():  # the view's chain replaces only letters outside ASCII
        # As the view, one letter after the other (no result holds a letter replaced later);
        # only those present: ~4x faster than str.translate on such short text.
        for plain, folded in _PART_PAIRS:
            if plain in words:
                words = words.replace(plain, folded)
    return words, f"{_part_digits(phone)} {_part_digits(mobile)}"


def _part_digits(phone: str) -> str:
    """The view's digits of one number: "+49..." loses its leading "+", anything else its punctuation."""
    if phone.isascii() and phone.replace("+", "").isdigit():  # only "+" and 0-9: the view's GLOB
        return phone.lstrip("+")
    # Anything else, "" and "+" alone too (there both of the view's ways give the same).
    return phone.translate(_PHONE_PUNCTUATION)


def search_ids_sql(
    query: str, *, name_prefix: str = "", flavor: SqlFlavor | None = None
) -> tuple[str, dict[str, str]] | None:
    """SQL (one column ``id``) for the ids of leads a search finds, or None for no words.

    Implements leaddesk/core/search.py. SQLite: per word the prefix index ``lead_fts`` OR (three
    or more characters) the trigram index ``lead_fts_part``; the words intersected; a phone
    query adds the leads whose phone digits contain its digits. A query without word parts or
    phone digits is the single MATCH of earlier versions. PostgreSQL: see
    :func:`_pg_search_sql`. Parameter names start with ``name_prefix``.
    """
    from leaddesk.core.search import part_spellings, phone_query_digits, query_words

    if flavor is not None and not flavor.is_sqlite:
        return _pg_search_sql(query, name_prefix)
    words = query_words(query)
    digits = phone_query_digits(query)
    if not words:
        return None
    params: dict[str, str] = {}
    parts = [part_spellings(w) for w in words]
    if not any(parts) and digits is None:
        params[f"{name_prefix}q"] = fts_match_expression(query) or ""
        return f"SELECT rowid AS id FROM lead_fts WHERE lead_fts MATCH :{name_prefix}q", params
    selects = []
    for i, (word, spellings) in enumerate(zip(words, parts, strict=True)):
        params[f"{name_prefix}w{i}"] = fts_match_expression(word) or ""
        one = f"SELECT rowid AS id FROM lead_fts WHERE lead_fts MATCH :{name_prefix}w{i}"
        if spellings:
            params[f"{name_prefix}p{i}"] = "words : (" + " OR ".join(_fts5_string(s) for s in spellings) + ")"
            one += f" UNION {_PART_IDS} :{name_prefix}p{i}"
        selects.append(one if len(words) == 1 else f"SELECT id FROM ({one})")
    sql = " INTERSECT ".join(selects)
    if digits is not None:
        params[f"{name_prefix}phone"] = "phones : " + _fts5_string(digits)
        sql += f" UNION {_PART_IDS} :{name_prefix}phone"
    return sql, params


def _like_part(part: str) -> str:
    """``%part%`` for LIKE (``_`` is a word character in queries; backslash is the escape)."""
    return "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _pg_search_sql(query: str, name_prefix: str = "") -> tuple[str, dict[str, str]] | None:
    """PostgreSQL's twin of the SQLite search (same rules, leaddesk/core/search.py).

    Per word: the prefix ``tsquery`` on ``search_vector`` OR (three or more characters) the
    folded word part inside ``search_parts``; every word required; a phone query OR its digits
    inside ``search_phones`` (the table ``lead_search``, migrations pg_1 and pg_2). The
    ``LIKE '%…%'`` tests are answered by ``pg_trgm`` GIN indexes. A word that yields no search
    term (only punctuation) is left out, as the whole-query ``tsquery`` always did.
    """
    from leaddesk.core.search import part_spellings, phone_query_digits, query_words

    words = query_words(query)
    if not words:
        return None
    params: dict[str, str] = {}
    required = []
    for i, word in enumerate(words):
        either = []
        tsquery = tsquery_expression(word)
        if tsquery is not None:
            params[f"{name_prefix}w{i}"] = tsquery
            either.append(f"search_vector @@ to_tsquery('simple', :{name_prefix}w{i})")
        for k, spelling in enumerate(part_spellings(word)):
            params[f"{name_prefix}p{i}_{k}"] = _like_part(spelling)
            either.append(f"search_parts LIKE :{name_prefix}p{i}_{k}")
        if either:
            required.append("(" + " OR ".join(either) + ")" if len(either) > 1 else either[0])
    digits = phone_query_digits(query)
    if digits is not None:
        params[f"{name_prefix}phone"] = _like_part(digits)
        phone = f"search_phones LIKE :{name_prefix}phone"
        where = f"({' AND '.join(required)}) OR {phone}" if required else phone
    elif required:
        where = " AND ".join(required)
    else:
        return None
    return f"SELECT lead_id AS id FROM lead_search WHERE {where}", params


#: Page cache for one bulk transaction. SQLite's default (2 MiB) thrashes once inserts into the
#: random-order indexes (uid, e-mail, phone) of 190,000 leads and their search index outgrow it.
#: Allocated only as pages are touched. Measured with 100,000 leads: inserting 88,000 more took
#: 3.1 s (2 MiB), 2.5 s (64 MiB), 1.8 s (256 MiB); the whole apply 6.2 s at 64 MiB, 5.6 s at 128/256.
BULK_CACHE_KIB = 131072
#: PostgreSQL: how large the GIN indexes' fast-update lists may grow in a bulk write (bulk_cache).
BULK_GIN_PENDING_KIB = 262144


def driver_sql(engine: Engine, stmt: ClauseElement) -> tuple[str, Any]:
    """``stmt`` as SQL text and parameters for the DBAPI cursor, which returns plain tuples."""
    compiled = stmt.compile(engine, compile_kwargs={"render_postcompile": True})
    assert isinstance(compiled, SQLCompiler)  # a statement, not DDL
    params: Any = compiled.params
    if compiled.positional:
        params = tuple(params[k] for k in compiled.positiontup or ())
    return str(compiled), params


def driver_rows(conn: Connection, stmt: ClauseElement) -> list[tuple[Any, ...]]:
    """All rows of ``stmt`` as plain tuples from the DBAPI cursor, in ``conn``'s transaction.

    For bulk reads of simple columns (text, numbers): no Row objects and no result
    processing, which for 100,000 rows is a third of the time of ``conn.execute(...).all()``.
    """
    sql, params = driver_sql(conn.engine, stmt)
    return _fetch_all(conn.connection.dbapi_connection, sql, params)


def _fetch_all(dbapi: Any, sql: str, params: Any) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` from a cursor of the DBAPI connection ``dbapi``, as plain tuples."""
    cursor = dbapi.cursor()
    try:
        with driver_errors():
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        cursor.close()


@contextmanager
def bulk_cache(session: Session | Connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """A larger page cache on the connection for the duration of a bulk write.

    Covers ``temp`` too, where bulk work keeps its scratch tables (the rescore's). Pages are
    only allocated when used; the previous sizes are restored afterwards, so pooled
    connections stay small.

    PostgreSQL (its own cache): no JIT compilation for the bulk statements, even where the URL
    turned it on (:func:`server_options`). A rescore chunk's estimated cost lies near
    ``jit_above_cost``; compiling its ~40 functions took ~55 ms of a ~350 ms statement and
    saved less. And the search indexes' fast-update lists may grow to BULK_GIN_PENDING: new
    leads' entries are appended there instead of being sorted into the index every 4 MB
    (writing the search rows of 20,000 leads: 920 -> 740 ms); the VACUUM after a bulk load
    (ANALYZE_AFTER_ROWS) sorts them in, in the background. Both restored afterwards
    (``SET LOCAL``: the transaction at most).
    """
    conn = session.connection() if isinstance(session, Session) else session
    if not is_sqlite(conn.engine):
        before = conn.exec_driver_sql(
            "SELECT current_setting('jit'), current_setting('gin_pending_list_limit'),"
            " set_config('jit', 'off', true), set_config('gin_pending_list_limit', %s, true)",
            (f"{BULK_GIN_PENDING_KIB}kB",),
        ).one()
        yield  # after an error the transaction ends, and SET LOCAL with it
        conn.exec_driver_sql(
            "SELECT set_config('jit', %s, true), set_config('gin_pending_list_limit', %s, true)",
            (before[0], before[1]),
        )
        return
    schemas = ("main", "temp")
    sizes = {s: int(conn.exec_driver_sql(f"PRAGMA {s}.cache_size").scalar() or -2000) for s in schemas}
    for schema in schemas:
        conn.exec_driver_sql(f"PRAGMA {schema}.cache_size=-{int(kib)}")
    try:
        yield
    finally:
        for schema, size in sizes.items():
            conn.exec_driver_sql(f"PRAGMA {schema}.cache_size={size}")


@contextmanager
def custom_plans(session: Session | Connection) -> Iterator[None]:
    """PostgreSQL plans the block's statements for the parameters at hand: none is prepared.

    psycopg prepares a statement run five times, and the server may then settle on a generic
    plan, which guesses a handful of rows for a rescore chunk's ``id BETWEEN :lo AND :hi``.
    The server's ``plan_cache_mode = force_custom_plan`` did the same, but also re-planned each
    foreign-key check and trigger query of the block per row (over an import, copying 20,000
    history rows took 390 ms instead of 140). Statements prepared before stay prepared.
    Nothing on SQLite.
    """
    conn = session.connection() if isinstance(session, Session) else session
    if is_sqlite(conn.engine):
        yield
        return
    dbapi: Any = conn.connection.dbapi_connection
    before = dbapi.prepare_threshold
    dbapi.prepare_threshold = None
    try:
        yield
    finally:
        dbapi.prepare_threshold = before


@contextmanager
def fts_triggers_suspended(session: Session, *, rebuild: bool = True) -> Iterator[None]:
    """Bulk writes without per-row index upkeep: drop the FTS triggers, then restore them and rebuild.

    Per-row triggers cost ~80 µs a lead; one rebuild of 100,000 leads takes under a second.
    The trigger definitions are read back from the database itself, so the migration stays
    their only source. Runs inside the caller's transaction: a rollback restores everything.
    With ``rebuild=False`` the caller indexes what it wrote itself (:func:`fts_add_rows`).
    """
    if not is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        yield
        return
    rows = session.execute(
        text(
            "SELECT name, sql FROM sqlite_master"
            " WHERE type = 'trigger' AND tbl_name = 'lead' AND name LIKE 'lead_fts%'"
        )
    ).all()
    for name, _sql in rows:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _name, sql in rows:
        session.execute(text(sql))
    if rebuild:
        rebuild_fts(session)


def integrity_check(engine: Engine) -> list[str]:
    """Problems found (empty when healthy): SQLite's own check, foreign keys and the search index."""
    problems: list[str] = []
    with engine.connect() as conn:
        if is_sqlite(engine):
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                problems.extend(f"integrity: {r}" for r in rows)
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(f"foreign key: table {row[0]} row {row[1]} points to missing {row[2]}")
            triggers = {
                r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            }
            for name in FTS_TRIGGERS + PART_TRIGGERS:
                if name not in triggers:
                    problems.append(f"search index: trigger {name} is missing (new leads are not found)")
            try:
                # rank=1: also compares the index with the lead table's current contents.
                conn.exec_driver_sql("INSERT INTO lead_fts(lead_fts, rank) VALUES('integrity-check', 1)")
                conn.exec_driver_sql(
                    "INSERT INTO lead_fts_part(lead_fts_part, rank) VALUES('integrity-check', 1)"
                )
            except DBAPIError as exc:
                problems.append(f"search index: {_driver_message(exc)}")
        lead_stages = conn.execute(text("SELECT DISTINCT stage FROM lead")).scalars().all()
        from leaddesk.core.stages import ALL_STAGES

        for stage in lead_stages:
            if stage not in {s.value for s in ALL_STAGES}:
                problems.append(f"lead table: unknown stage {stage!r}")
    return problems


def sql_time(value: datetime) -> str:
    """``value`` as SQLAlchemy stores a DateTime in SQLite, for statements sent to the driver.

    UTC without a zone and always six decimals ("2026-11-23 13:00:00.000000"): stored times are
    compared as text, so one written without its decimals would sort before its own equal.
    A naive ``value`` is taken as UTC already; an aware one is converted.
    """
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(sep=" ", timespec="microseconds")


def sql_literal(value: object) -> str:
    """``value`` written into SQL text, for the constant columns of a bulk insert.

    A bound parameter costs the driver a conversion per row; a column that is the same in
    100,000 rows is cheaper as a literal in the statement. Only values that read back exactly
    are taken (None, bool, int, finite float, text without NUL); anything else is a ValueError
    and should be bound instead.
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float) and math.isfinite(value):
        return repr(float(value))
    if isinstance(value, str) and "\0" not in value:
        return "'" + value.replace("'", "''") + "'"
    raise ValueError(f"no exact SQL literal for {value!r}")


def iso_utc(stored: str | datetime | None) -> str | None:
    """A stored UTC time, as the driver hands it back, in ISO 8601 with its offset: SQLite's text
    ("2026-11-23 09:00:00.123456") or PostgreSQL's time; None for none."""
    if not stored:
        return None
    if isinstance(stored, datetime):
        return as_utc(stored).isoformat()  # type: ignore[union-attr]
    return stored.replace(" ", "T", 1) + "+00:00"


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


# --- Data protection: making erased bytes unreadable (SQLite only) ------------------------------


def _privacy_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Every SQLite connection: deleted content zeroed on pages written anyway, and new files
    with incremental auto-vacuum, so an erasure can drop every free page without a full VACUUM."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    # This listener may run before the engine's own: the page size first, as a new file takes
    # only the first one it is given.
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
    # Only a new, empty file takes it; asked of an existing file it would wait for the write lock
    # (a connection opened while another process writes stalled for the busy timeout).
    if cursor.execute("PRAGMA page_count").fetchone()[0] == 0:
        cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")
    cursor.execute("PRAGMA secure_delete=FAST")
    cursor.close()


event.listen(Engine, "connect", _privacy_pragmas)


def secure_delete_on(session: Session) -> None:
    """Zero every deleted byte (also whole freed pages) for the rest of this connection's work."""
    if is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")


def fts_optimize(session: Session) -> None:
    """Merge the search index into one segment: terms of deleted rows leave the index pages.

    FTS5 only marks a delete in a new segment; the old segment keeps the words until merged.
    ~0.3 s for 100,000 leads.
    """
    if is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        session.execute(text("INSERT INTO lead_fts(lead_fts) VALUES('optimize')"))
        session.execute(text("INSERT INTO lead_fts_part(lead_fts_part) VALUES('optimize')"))


@dataclass(frozen=True)
class WipeResult:
    """What :func:`wipe_free_space` did: free pages dropped, a full VACUUM needed, log emptied."""

    free_pages: int
    vacuumed: bool
    log_truncated: bool


def wipe_free_space(engine: Engine) -> WipeResult:
    """After deleting personal data: no free page and no old log frame keeps the text.

    Incremental auto-vacuum drops every free page (the file shrinks); a file made before
    LeadDesk used it gets one full VACUUM, which also switches it over. Then the write-ahead
    log is copied back and truncated to zero bytes. Other databases: nothing to do.
    """
    if not is_sqlite(engine) or sqlite_file(engine) is None:
        return WipeResult(0, False, False)
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        conn.commit()
        free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
        vacuumed = False
        if free:
            if int(conn.execute("PRAGMA auto_vacuum").fetchone()[0]) == 2:
                conn.execute("PRAGMA incremental_vacuum").fetchall()
            else:
                conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
                conn.execute("VACUUM")
                vacuumed = True
        truncated = False
        for attempt in range(20):
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                truncated = True
                break
            threading.Event().wait(0.05 * (attempt + 1))  # a reader still in the log
        return WipeResult(free, vacuumed, truncated)
    finally:
        raw.close()


# --- SQL that differs between the engines (issue 16): one object per engine -----------------------
# Generated SQL (the scoring compiler, reports) asks the connection's flavour for the few pieces
# SQLite and PostgreSQL spell differently, so no other module branches on the engine.

#: Julian day number of 1970-01-01 00:00 UTC (what SQLite's ``julianday`` is based on).
_JULIAN_EPOCH = 2440587.5

_NAMED_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@dataclass(frozen=True)
class SqlFlavor:
    """The engine-specific spellings of generated SQL. ``SQLITE`` keeps LeadDesk's original SQL."""

    name: str
    #: Boolean literals (SQLite stores 0/1; PostgreSQL has a boolean type).
    false: str
    true: str
    #: Suffix that keeps a subquery from being flattened into the statement reading it.
    no_flatten: str
    #: Whether a bulk statement reads a per-lead aggregate faster from a scratch table keyed by lead
    #: id (SQLite: a rowid join) than from a subquery. PostgreSQL merge-joins the subquery; the
    #: scratch table cost it ~35 ms per 25,000 leads of a rescore just to write.
    scratch_aggregates: bool = True

    @property
    def is_sqlite(self) -> bool:
        return self.name == "sqlite"

    @property
    def null_time(self) -> str:
        """A NULL that PostgreSQL reads as a time (an untyped NULL column is text there)."""
        return "NULL" if self.is_sqlite else "CAST(NULL AS timestamp)"

    def julianday(self, expr: str) -> str:
        """A stored UTC time (column or text parameter) as a Julian day number."""
        if self.is_sqlite:
            return f"julianday({expr})"
        # date_part, not EXTRACT: float8 arithmetic, as SQLite's; EXTRACT's numeric made the rescore's
        # activity aggregate twice as slow (measured 88 → 44 ms for 25,000 leads).
        return f"(date_part('epoch', CAST({expr} AS timestamp)) / 86400.0 + {_JULIAN_EPOCH})"

    def julian_day_start(self, expr: str) -> str:
        """The Julian day number of midnight (UTC) of the day of ``expr``."""
        if self.is_sqlite:
            return f"julianday(date({expr}))"
        day = f"date_trunc('day', CAST({expr} AS timestamp))"
        return f"CAST(EXTRACT(EPOCH FROM {day}) / 86400.0 + {_JULIAN_EPOCH} AS float8)"

    def julian_to_time(self, expr: str) -> str:
        """A Julian day number back into a stored time (NULL stays NULL)."""
        if self.is_sqlite:
            return f"strftime('%Y-%m-%d %H:%M:%f', {expr}) || '000'"
        return f"CAST(to_timestamp(({expr} - {_JULIAN_EPOCH}) * 86400) AT TIME ZONE 'UTC' AS timestamp)"

    def least(self, *exprs: str) -> str:
        return f"{'MIN' if self.is_sqlite else 'LEAST'}({', '.join(exprs)})"

    def greatest(self, *exprs: str) -> str:
        return f"{'MAX' if self.is_sqlite else 'GREATEST'}({', '.join(exprs)})"

    def time_param(self, name: str) -> str:
        """The bound time ``:name`` (:func:`sql_time` text): compared as text on SQLite, where times
        are stored so; read as a time on PostgreSQL."""
        return f":{name}" if self.is_sqlite else f"CAST(:{name} AS timestamp)"

    def latest_when(self, cases: Sequence[tuple[str, str]]) -> str:
        """The latest of the times (SQL) whose condition holds, for each (condition, time) of
        ``cases``; when none holds, '' on SQLite (before every stored time), NULL on PostgreSQL
        (where ``GREATEST`` skips NULLs and a comparison with NULL keeps nothing)."""
        if self.is_sqlite:
            return "max(" + ", ".join(f"CASE WHEN {c} THEN {t} ELSE '' END" for c, t in cases) + ", '')"
        return self.greatest(*(f"CASE WHEN {c} THEN {t} END" for c, t in cases))

    def distinct(self, a: str, b: str) -> str:
        """``a`` differs from ``b``, NULL counting as a value."""
        return f"{a} IS NOT {b}" if self.is_sqlite else f"{a} IS DISTINCT FROM {b}"

    def bit(self, condition: str, position: int) -> str:
        """``1 << position`` where ``condition`` holds, else 0: one part of a 64-bit mask."""
        if self.is_sqlite:
            return f"(({condition}) << {position})"
        return f"(CAST(({condition}) AS integer)::bigint << {position})"

    def scratch_columns(self, names: Sequence[str], types: Mapping[str, str], default: str) -> str:
        """Column definitions of a scratch table: bare names on SQLite, which types values as they
        come; PostgreSQL needs a type for each (``types`` by name, else ``default``)."""
        if self.is_sqlite:
            return ", ".join(names)
        return ", ".join(f"{n} {types.get(n, default)}" for n in names)

    def power(self, base: str, exponent: str) -> str:
        return f"pow({base}, {exponent})" if self.is_sqlite else f"power({base}, {exponent})"

    def round_int(self, expr: str, *, negative: bool = False) -> str:
        """The float ``expr`` rounded half away from zero, as an integer; ``negative``: ``expr`` is < 0.

        SQLite's ROUND adds ±0.5 and cuts. PostgreSQL does the same in float8 (its ROUND of a
        float8 rounds half to even; on numeric it cost the rescore a conversion per decaying
        rule and lead). The caller knows the sign (a rule's points times a factor ≥ 0), so the
        expression is written once.
        """
        if self.is_sqlite:
            return f"CAST(ROUND({expr}) AS INTEGER)"
        return f"CAST(trunc({expr} {'-' if negative else '+'} 0.5) AS INTEGER)"

    def real(self, literal: str) -> str:
        """A decimal literal as a float (PostgreSQL reads ``1.0`` as numeric, SQLite as a double)."""
        return literal if self.is_sqlite else f"CAST({literal} AS float8)"

    def julian_bound(self, sqlite_expr: str, bound: str) -> str:
        """The Julian day of a moment known before the statement runs (``now``, today's midnight).

        SQLite evaluates ``sqlite_expr`` (``julianday(:now)``) once per statement. PostgreSQL
        would parse and convert the text on every row (a cast to timestamp is not constant to
        its planner), so it reads ``bound``: the parameter holding :func:`julian_day` of it.
        """
        return sqlite_expr if self.is_sqlite else f"CAST({bound} AS float8)"

    def trunc_int(self, expr: str) -> str:
        """Cut towards zero to an integer (PostgreSQL's CAST rounds instead)."""
        return f"CAST({expr} AS INTEGER)" if self.is_sqlite else f"CAST(trunc({expr}) AS INTEGER)"

    def position(self, haystack: str, needle: str) -> str:
        """1-based position of ``needle`` in ``haystack``, 0 when absent."""
        return f"instr({haystack}, {needle})" if self.is_sqlite else f"strpos({haystack}, {needle})"

    def like(self, expr: str, pattern: str) -> str:
        """``expr`` matches the lower-case LIKE ``pattern`` (ESCAPE '\\'), ignoring the case of A–Z.

        SQLite's LIKE folds A–Z only. On PostgreSQL ``lower()`` under the "C" collation does the
        same; ILIKE (or lower() under a language's collation) folds every letter of the pattern and
        the text on each test, which made the rescore's fit rules ~1.6x slower for ~30 tests a lead.
        """
        if self.is_sqlite:
            return f"{expr} LIKE {pattern} ESCAPE '\\'"
        return f"lower({expr} COLLATE \"C\") LIKE {pattern} ESCAPE '\\'"

    def like_any(self, expr: str, patterns: Sequence[str]) -> str:
        """``expr`` matches one of the ``patterns`` as in :meth:`like`.

        SQLite: an OR of LIKEs. PostgreSQL: one ``LIKE ANY (ARRAY[…])``, which folds ``expr`` once
        instead of once per pattern (backslash is its default LIKE escape).
        """
        if len(patterns) == 1:
            return self.like(expr, patterns[0])
        if self.is_sqlite:
            return "(" + " OR ".join(self.like(expr, p) for p in patterns) + ")"
        return f'lower({expr} COLLATE "C") LIKE ANY (ARRAY[{", ".join(patterns)}])'

    def nocase(self, expr: str) -> str:
        """``expr`` compared ignoring the case of A–Z (against lower-case values), as SQLite's NOCASE."""
        return f"{expr} COLLATE NOCASE" if self.is_sqlite else f'lower({expr} COLLATE "C")'

    def unindexed(self, expr: str) -> str:
        """``expr`` hidden from SQLite's index choice (a unary plus); PostgreSQL plans by cost."""
        return f"+{expr}" if self.is_sqlite else expr

    def temp_table(self, name: str) -> str:
        """The qualified name of a connection-private scratch table."""
        return f"temp.{name}" if self.is_sqlite else f"pg_temp.{name}"

    def in_ids_table(self, expr: str, table: str) -> str:
        """``expr`` is one of the ids in the one-column table ``table``."""
        return f"{expr} IN {table}" if self.is_sqlite else f"{expr} IN (SELECT id FROM {table})"


def julian_day(moment: datetime) -> float:
    """An aware moment as PostgreSQL's flavour computes its Julian day (:meth:`SqlFlavor.julianday`).

    The same float8 steps (whole microseconds / 10^6, / 86400, + epoch), so a bound value and a
    column converted in SQL subtract to the same ages.
    """
    delta = moment.astimezone(UTC).replace(tzinfo=None) - datetime(1970, 1, 1)
    micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    return micros / 1_000_000 / 86400.0 + _JULIAN_EPOCH


def driver_execute(conn: Connection, sql: str, params: Mapping[str, Any] | None = None) -> Any:
    """Run generated SQL with ``:name`` parameters straight through the driver (a CursorResult).

    SQLite takes the names as they are. PostgreSQL gets the statement with numbered ``$n``
    parameters through psycopg's ``RawCursor``: psycopg parses the placeholders of a statement
    longer than 4 kB or with over 50 parameters again on every execution (a one-lead rescore:
    6.7 kB, 128 parameters, ~0.2 ms each time); the numbering here is worked out once per text.
    """
    values = params or {}
    if sql_flavor(conn).is_sqlite:
        return conn.exec_driver_sql(sql, dict(values))
    numbered, names = _numbered(sql)
    dbapi: Any = conn.connection.dbapi_connection
    factory = dbapi.cursor_factory
    dbapi.cursor_factory = _raw_cursor()
    try:
        return conn.exec_driver_sql(numbered, tuple(values[name] for name in names))
    finally:
        dbapi.cursor_factory = factory


@functools.cache
def _raw_cursor() -> Any:
    from psycopg import RawCursor  # only a server needs the driver

    return RawCursor


@functools.lru_cache(maxsize=512)
def _numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """``sql`` with ``:name`` → ``$n`` (one number per name) and the names in number order."""
    names: dict[str, int] = {}

    def number(m: re.Match[str]) -> str:
        return f"${names.setdefault(m.group(1), len(names) + 1)}"

    return _NAMED_PARAM.sub(number, sql), tuple(names)


SQLITE = SqlFlavor("sqlite", false="0", true="1", no_flatten="LIMIT -1 OFFSET 0")
POSTGRESQL = SqlFlavor(
    "postgresql", false="false", true="true", no_flatten="OFFSET 0", scratch_aggregates=False
)


def sql_flavor(bind: Engine | Connection | Session | SqlFlavor) -> SqlFlavor:
    """The flavour of generated SQL for the engine behind ``bind``."""
    if isinstance(bind, SqlFlavor):
        return bind
    if isinstance(bind, Session):
        bind = bind.get_bind()  # type: ignore[assignment]
    engine = bind.engine if isinstance(bind, Connection) else bind
    return SQLITE if engine.dialect.name == "sqlite" else POSTGRESQL


# --- Search on both engines (issue 16) --------------------------------------------------------------
# SQLite: FTS5 (``lead_fts``). PostgreSQL: ``lead_search.search_vector`` (migrations pg_1, pg_2),
# the searchable columns folded as FTS5 folds them. Both get the same words: every word a prefix,
# all required, a word typed without umlauts also as its umlaut spelling.

_SEARCH_TOKEN = re.compile(r"[^\W_]+")
#: Letters unaccent() rewrites that have no decomposition in Unicode (NFKD keeps them).
_UNACCENT_EXTRA = str.maketrans(
    {"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}
    | {"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th"}
)


def search_fold(value: str) -> str:
    """Python twin of PostgreSQL's ``leaddesk_fold``: lower case, accents dropped, ß kept."""
    import unicodedata

    value = value.replace("ẞ", "ß").translate(_UNACCENT_EXTRA)
    decomposed = unicodedata.normalize("NFKD", value.replace("ß", "\x01"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.lower().replace("\x01", "ß")


def tsquery_expression(query: str) -> str | None:
    """The PostgreSQL ``tsquery`` (simple configuration) for what a person typed.

    The same words and spellings as :func:`fts_match_expression`; a word holding punctuation
    ("anna@example") is a phrase of its parts with the last a prefix, as in FTS5.
    """
    words = [w for w in "".join(c if c.isalnum() or c in "@._-+" else " " for c in query).split() if w]
    terms = []
    for word in words:
        spellings = [word]
        folded = word.casefold()
        for plain, umlaut in _UMLAUT_SPELLINGS:
            folded = folded.replace(plain, umlaut)
        if len(word) >= 4 and folded != word.casefold():
            spellings.append(folded)
        phrases = []
        for spelling in spellings:
            tokens = _SEARCH_TOKEN.findall(search_fold(spelling))
            if tokens:
                phrases.append(" <-> ".join([*tokens[:-1], tokens[-1] + ":*"]))
        if phrases:
            terms.append("(" + " | ".join(phrases) + ")" if len(phrases) > 1 else phrases[0])
    return " & ".join(terms) if terms else None


def search_ids(bind: Engine | Connection | Session | SqlFlavor, query: str) -> Any:
    """A SELECT of the ids (one integer column) of the leads matching ``query``; None for no words.

    The rules of leaddesk/core/search.py on either engine (:func:`search_ids_sql`). Erased and
    trashed leads are included: callers add their own filters.
    """
    from sqlalchemy import Integer, column

    found = search_ids_sql(query, name_prefix="fts_", flavor=sql_flavor(bind))
    if found is None:
        return None
    sql, params = found
    return text(sql).bindparams(**params).columns(column("id", Integer))


def raw_rows(
    engine: Engine, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
) -> list[tuple[Any, ...]]:
    """All rows of ``sql`` (in the driver's parameter style) through the DBAPI cursor: plain
    tuples, no Row objects, on a connection of its own."""
    raw = engine.raw_connection()
    try:
        return _fetch_all(raw, sql, params)
    finally:
        raw.close()


def search_id_set(engine: Engine, query: str) -> set[int] | None:
    """The ids of leads ``query`` finds (:func:`search_ids_sql`), or None for a query of no words.

    The board asks this on every keystroke, and one letter finds ~70,000 of 100,000 leads. So the
    rows come from the driver's cursor (SQLAlchemy's Row objects doubled the time) and the search
    index alone answers: erased leads keep no searchable text on either engine, and trashed ones
    are not in ``lead``. PostgreSQL reads the ids in binary, with ``$n`` parameters (``RawCursor``):
    for "a" 27 ms instead of the 61 ms of a join to ``lead`` read as text.
    """
    flavor = sql_flavor(engine)
    found = search_ids_sql(query, flavor=flavor)
    if found is None:
        return None
    sql, params = found
    if flavor.is_sqlite:
        return {row[0] for row in raw_rows(engine, sql, params)}
    raw = engine.raw_connection()
    try:
        with driver_errors():
            numbered, names = _numbered(sql)
            with _raw_cursor()(raw.driver_connection) as pg:
                pg.execute(numbered, tuple(params[name] for name in names), binary=True)
                return {row[0] for row in pg.fetchall()}
    finally:
        raw.close()


def word_block_ids(conn: Connection, words: dict[str, str], limit: int) -> list[int]:
    """Ids of leads with ``words[column]`` as a whole word of that column (a duplicate check's block).

    SQLite asks FTS5 per column; PostgreSQL asks the search vector for the word in any column
    (a wider block: the caller compares every candidate anyway).
    """
    if not words:
        return []
    if sql_flavor(conn).is_sqlite:
        terms = [f'{col}:"' + word.replace('"', "") + '"' for col, word in words.items()]
        rows = conn.execute(
            text("SELECT rowid FROM lead_fts WHERE lead_fts MATCH :q LIMIT :n"),
            {"q": " OR ".join(terms), "n": limit},
        )
        return [r[0] for r in rows]
    alternatives = []
    for word in words.values():
        tokens = _SEARCH_TOKEN.findall(search_fold(word))
        if tokens:
            alternatives.append(" <-> ".join(tokens))
    if not alternatives:
        return []
    rows = conn.execute(
        text("SELECT lead_id FROM lead_search WHERE search_vector @@ to_tsquery('simple', :q) LIMIT :n"),
        {"q": " | ".join(alternatives), "n": limit},
    )
    return [r[0] for r in rows]


def data_version(conn: Connection) -> int:
    """A number that changes when another connection committed (caches ask before re-reading).

    SQLite: ``PRAGMA data_version``. PostgreSQL: the next transaction id, which moves with every
    write anywhere on the server (a cache may re-read without need, never miss a change).
    """
    if sql_flavor(conn).is_sqlite:
        return int(conn.exec_driver_sql("PRAGMA data_version").scalar() or 0)
    xmax = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
    return int(conn.exec_driver_sql(xmax).scalar() or 0)


def compare_types(
    context: Any, inspected_column: Any, metadata_column: Any, inspected_type: Any, metadata_type: Any
) -> bool | None:
    """Alembic's type comparison that sees through LeadDesk's column types (``UTCDateTime`` is a
    DateTime, which PostgreSQL reflects as TIMESTAMP); None lets Alembic compare the rest."""
    from sqlalchemy import DateTime
    from sqlalchemy.types import TypeDecorator

    if isinstance(metadata_type, TypeDecorator) and isinstance(metadata_type.impl_instance, DateTime):
        return not isinstance(inspected_type, DateTime)
    return None


# --- Bulk statements sent straight to the driver (imports, demo data, board renumbering) ------------

_QMARK_OR_STRING = re.compile(r"'(?:[^']|'')*'|\?|%")


@functools.lru_cache(maxsize=256)
def _format_style(sql: str) -> str:
    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        return "%s" if token == "?" else "%%" if token == "%" else token

    return _QMARK_OR_STRING.sub(swap, sql)


def positional(bind: Engine | Connection | Session | SqlFlavor, sql: str) -> str:
    """``sql`` written with SQLite's ``?`` placeholders, in the driver's style (psycopg: ``%s``)."""
    return sql if sql_flavor(bind).is_sqlite else _format_style(sql)


def json_values(bind: Engine | Connection | Session | SqlFlavor) -> str:
    """A one-column subquery of the values of a JSON array bound to one ``?`` (a long IN list)."""
    if sql_flavor(bind).is_sqlite:
        return "(SELECT value FROM json_each(?))"
    return "(SELECT json_array_elements_text(CAST(? AS json)))"


def json_ids_sql(bind: Engine | Connection | Session | SqlFlavor, name: str) -> str:
    """A one-column subquery (SQL text) of the integers of a JSON array bound as ``:name``."""
    if sql_flavor(bind).is_sqlite:
        return f"(SELECT value FROM json_each(:{name}))"
    return f"(SELECT CAST(value AS integer) FROM json_array_elements_text(CAST(:{name} AS json)) AS value)"


def engine_literal(bind: Engine | Connection | Session | SqlFlavor, value: object) -> str:
    """:func:`sql_literal` for this engine (PostgreSQL's booleans are ``true``/``false``)."""
    if isinstance(value, bool) and not sql_flavor(bind).is_sqlite:
        return "true" if value else "false"
    return sql_literal(value)


def ids_written(conn: Connection, *tables: str) -> None:
    """After inserting rows with explicit ids: PostgreSQL's id sequences continue after them
    (SQLite takes max(id) + 1 by itself)."""
    if sql_flavor(conn).is_sqlite:
        return
    for table in tables:
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"GREATEST((SELECT MAX(id) FROM {table}), 1))"
        )


def in_id_list(bind: Engine | Connection | Session | SqlFlavor, column: Any, ids: Iterable[int]) -> Any:
    """``column IN ids``: one JSON parameter on SQLite, whose limit of 32,766 parameters a report's
    selection (say the 60,000 leads of a year) would exceed as a plain IN list; the values
    themselves on PostgreSQL."""
    from sqlalchemy import Integer
    from sqlalchemy import column as named

    chosen = sorted(ids)
    if not sql_flavor(bind).is_sqlite:
        return column.in_(chosen)
    each = text("SELECT value FROM json_each(:report_ids)").bindparams(report_ids=json.dumps(chosen))
    return column.in_(each.columns(named("value", Integer)))


def list_member(
    bind: Engine | Connection | Session | SqlFlavor, padded: Any, member: str, pretest: Any
) -> Any:
    """``member`` (case-folded) is one item of ``padded``: a stored comma list, lower-cased, with a
    comma on each side (tags).

    SQLite: ``pretest`` first, a LIKE on the stored column that keeps a few rows too many (its LIKE
    ignores A–Z case; it skips ~90 % of the rows, cheaper than ``lower()`` on each), then ``instr``.
    PostgreSQL, whose ``lower()`` folds every letter and whose LIKE heeds case: one LIKE on ``padded``.
    """
    from sqlalchemy import and_, func

    if sql_flavor(bind).is_sqlite:
        return and_(pretest, func.instr(padded, f",{member},") > 0)
    return padded.contains(f",{member},", autoescape=True)


def json_id_subquery(bind: Engine | Connection | Session | SqlFlavor, ids_json: str) -> Any:
    """A scalar subquery of the integers of a JSON array bound as one parameter (no IN-list limit)."""
    from sqlalchemy import Integer, cast, column, select

    if sql_flavor(bind).is_sqlite:
        each = text("json_each(:ids)").bindparams(ids=ids_json)
        return select(text("value")).select_from(each).scalar_subquery()
    each = text("json_array_elements_text(CAST(:ids AS json)) AS value").bindparams(ids=ids_json)
    return select(cast(column("value"), Integer)).select_from(each).scalar_subquery()


# --- A shared PostgreSQL server: set-up, checks, passwords, bulk copy (issue 16 parts 6–8) --------
# ``leaddesk server init/check/password`` and ``leaddesk migrate-to`` (leaddesk/cli_server.py) ask
# these functions; they alone know how PostgreSQL reports its problems.

#: The oldest PostgreSQL LeadDesk runs on (``server_version_num``).
PG_MIN_VERSION = 150000
#: Extensions the schema needs (migration pg_1): accent folding and trigram indexes.
PG_EXTENSIONS = ("unaccent", "pg_trgm")
#: The system keyring's service name for server passwords (``leaddesk server password``).
KEYRING_SERVICE = "LeadDesk"
#: Seconds a server check waits for the server to answer.
CONNECT_TIMEOUT_S = 10

_NO_DATABASE = re.compile(r'database "[^"]*" does not exist|Datenbank »[^«]*« existiert nicht')
_LOGIN_FAILED = re.compile(
    r"password authentication failed|no password supplied|role \"[^\"]*\" does not exist|pg_hba\.conf|"
    r"authentication failed|Passwort|Rolle »[^«]*« existiert nicht|Authentifizierung",
)


class ServerCheckError(DatabaseError):
    """A server LeadDesk cannot use (yet); ``problem`` names the class (see :class:`ServerCheck`)."""

    def __init__(self, check: ServerCheck) -> None:
        self.problem = check.problem
        self.check = check
        super().__init__(check.message)


@dataclass(frozen=True)
class ServerCheck:
    """What :func:`check_server` found. ``problem`` is "" when LeadDesk can use the database, else
    one of "unreachable", "login", "no_database", "too_old", "extension", "privileges" (may not
    create tables), "no_schema", "older_schema", "newer_schema"; ``message`` is the one line
    saying what to do."""

    problem: str
    message: str
    version: int = 0
    revision: str | None = None
    #: Needed extensions not installed in the database (init creates them when ``can_create``).
    missing: tuple[str, ...] = ()
    can_create: bool = False


def server_url(url: str | URL, *, password: str | None = None) -> URL:
    """``url`` as a PostgreSQL URL through psycopg, rebuilt with ``URL.create``.

    ``password`` replaces the URL's own (from the keyring); plain ``postgresql://`` gets psycopg,
    the driver LeadDesk installs.
    """
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        raise DatabaseError(
            Text("{url} is not a database address (postgresql://user@host/database)", url=str(url))
        ) from None
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseError(
            Text(
                "{url} is not a PostgreSQL address (postgresql://user@host/database)",
                url=parsed.render_as_string(hide_password=True),
            )
        )
    driver = parsed.drivername if "+" in parsed.drivername else "postgresql+psycopg"
    return URL.create(
        driver,
        username=parsed.username,
        password=password if password is not None else parsed.password,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )


def server_address(
    host: str, port: int | None, database: str, user: str, *, ssl: bool = True, password: str = ""
) -> URL:
    """The URL of a server database from the fields a person fills in (Settings → Database).

    Built with ``URL.create``: a password or name with ``@``, ``/`` or ``#`` stays itself. A host
    starting with "/" is a Unix socket folder (libpq's ``host``); ``ssl`` asks for an encrypted
    connection (``sslmode=require``, which libpq ignores on a local socket).
    """
    host = host.strip()
    query: dict[str, str] = {}
    if host.startswith("/"):
        query["host"], host = host, ""
    if ssl:
        query["sslmode"] = "require"
    return URL.create(
        "postgresql+psycopg",
        username=user.strip() or None,
        password=password or None,
        host=host or None,
        port=port or None,
        database=database.strip() or None,
        query=query,
    )


def server_label(url: URL) -> str:
    """``user@host:port/database`` for messages and the keyring (never the password)."""
    host = url.host or str(url.query.get("host") or "") or "localhost"
    user = url.username or os.environ.get("PGUSER") or _login_name()
    return f"{user}@{host}:{url.port or 5432}/{url.database or user}"


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return ""


def _keyring() -> Any | None:
    """The ``keyring`` package (optional extra ``leaddesk[keyring]``), imported only when asked."""
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def keyring_password(url: URL) -> str | None:
    """The password stored for ``url`` in the system keyring, or None (no keyring, nothing stored)."""
    ring = _keyring()
    if ring is None:
        return None
    try:
        found = ring.get_password(KEYRING_SERVICE, server_label(url))
    except Exception:  # no usable backend (a server without a desktop): libpq's .pgpass still works
        return None
    return str(found) if found else None


def store_password(url: str | URL, password: str) -> str:
    """Keep ``password`` for ``url`` in the system keyring (never in LeadDesk's settings); its label."""
    parsed = server_url(url, password="")
    ring = _keyring()
    if ring is None:
        raise DatabaseError(
            Text(
                "the system keyring is not available (pip install 'leaddesk[keyring]'); "
                "put the password into ~/.pgpass instead"
            )
        )
    label = server_label(parsed)
    try:
        ring.set_password(KEYRING_SERVICE, label, password)
    except Exception as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        message = Text("the system keyring refused the password: {detail}", detail=detail)
        raise DatabaseError(message) from None
    return label


def with_stored_password(url: URL) -> URL:
    """A PostgreSQL URL without a password gets the keyring's, if one is stored (else libpq's .pgpass)."""
    if url.get_backend_name() != "postgresql" or url.password is not None:
        return url
    password = keyring_password(url)
    return server_url(url, password=password) if password else url


def _server_probe_engine(url: URL) -> Engine:
    from sqlalchemy.pool import NullPool

    return create_engine(
        with_stored_password(url), poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}
    )


def _connect_failure(exc: DBAPIError, url: URL) -> ServerCheck:
    """Sort a failed connection into unreachable, login refused or database missing (libpq gives
    no SQLSTATE here: its English and German sentences are recognised)."""
    raw = _driver_message(exc)
    detail = raw.split("FATAL:", 1)[-1].strip() if "FATAL:" in raw else raw.rsplit("failed: ", 1)[-1]
    where = server_label(url)
    server = where.split("@", 1)[-1].rsplit("/", 1)[0]
    if _NO_DATABASE.search(raw):
        return ServerCheck(
            "no_database",
            Text(
                "the server {server} has no database {database}; create it first (README: "
                "An office server in ten minutes)",
                server=server,
                database=where.rsplit("/", 1)[-1],
            ),
        )
    if _LOGIN_FAILED.search(raw):
        return ServerCheck(
            "login",
            Text(
                "the server {server} refused the login of {user}: {detail} (check the password in "
                "~/.pgpass or store it with: leaddesk server password URL)",
                server=server,
                user=where.split("@", 1)[0],
                detail=detail,
            ),
        )
    return ServerCheck(
        "unreachable",
        Text(
            "cannot reach a PostgreSQL server at {server}: {detail} "
            "(is it running; are host and port right?)",
            server=server,
            detail=detail,
        ),
    )


def _version_text(version: int) -> str:
    return f"{version // 10000}.{version % 10000}"


def check_server(url: str | URL) -> ServerCheck:
    """Whether LeadDesk can use this PostgreSQL database, and if not the first thing that is wrong."""
    parsed = server_url(url)
    where = server_label(parsed)
    database = where.rsplit("/", 1)[-1]
    engine = _server_probe_engine(parsed)
    try:
        with engine.connect() as conn:
            version = int(conn.exec_driver_sql("SHOW server_version_num").scalar() or 0)
            if version < PG_MIN_VERSION:
                return ServerCheck(
                    "too_old",
                    Text(
                        "the server {server} runs PostgreSQL {version}; LeadDesk needs 15 or newer",
                        server=where.split("@", 1)[-1].rsplit("/", 1)[0],
                        version=_version_text(version),
                    ),
                    version=version,
                )
            missing, can_create, available = _extension_state(conn)
            revision = None
            if conn.exec_driver_sql("SELECT to_regclass('public.alembic_version')").scalar() is not None:
                revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            may_build = bool(conn.exec_driver_sql("SELECT has_schema_privilege('public', 'CREATE')").scalar())
            user = str(conn.exec_driver_sql("SELECT session_user").scalar())
    except DBAPIError as exc:
        return _connect_failure(exc, parsed)
    finally:
        engine.dispose()
    if missing and not (can_create and available):
        return ServerCheck(
            "extension",
            _extension_message(database, missing, available),
            version=version,
            revision=revision,
            missing=missing,
        )
    state = dict(version=version, revision=revision, missing=missing, can_create=can_create)
    if revision != SCHEMA_HEAD and not may_build and (revision is None or revision in _known_revisions()):
        # PostgreSQL 15+: only the database owner may create tables in schema public.
        return ServerCheck(
            "privileges",
            Text(
                "the role {user} may not create LeadDesk's tables in the database {database} "
                "(schema public belongs to the database's owner); an administrator must run: "
                'sudo -u postgres psql -c "ALTER DATABASE {database} OWNER TO {user};"',
                user=user,
                database=database,
            ),
            **state,  # type: ignore[arg-type]
        )
    if revision is None:
        return ServerCheck(
            "no_schema",
            Text(
                "the database {database} has no LeadDesk tables yet; run: leaddesk server init URL",
                database=database,
            ),
            **state,  # type: ignore[arg-type]
        )
    if revision != SCHEMA_HEAD:
        if revision not in _known_revisions():
            return ServerCheck(
                "newer_schema",
                Text(
                    "the database {database} was set up by a newer LeadDesk (schema {revision}); "
                    "update LeadDesk on this computer",
                    database=database,
                    revision=revision,
                ),
                **state,  # type: ignore[arg-type]
            )
        return ServerCheck(
            "older_schema",
            Text(
                "the database {database} has an older LeadDesk schema ({revision}, this LeadDesk: "
                "{head}); upgrade it with: leaddesk server init URL",
                database=database,
                revision=revision,
                head=SCHEMA_HEAD,
            ),
            **state,  # type: ignore[arg-type]
        )
    return ServerCheck(
        "",
        Text(
            "{where}: PostgreSQL {version}, LeadDesk schema {revision}: ready",
            where=where,
            version=_version_text(version),
            revision=revision,
        ),
        **state,  # type: ignore[arg-type]
    )


def _extension_state(conn: Connection) -> tuple[tuple[str, ...], bool, bool]:
    """(extensions missing in this database, may this role create them, does the server have them)."""
    installed = {r[0] for r in conn.exec_driver_sql("SELECT extname FROM pg_extension")}
    missing = tuple(e for e in PG_EXTENSIONS if e not in installed)
    if not missing:
        return missing, True, True
    rows = conn.exec_driver_sql(
        "SELECT v.name, bool_or(v.trusted) FROM pg_available_extension_versions v"
        " WHERE v.name IN ('unaccent', 'pg_trgm') GROUP BY v.name"
    ).all()
    trusted = {name: bool(t) for name, t in rows}
    available = all(e in trusted for e in missing)
    superuser = bool(
        conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar()
    )
    may_create = bool(
        conn.exec_driver_sql("SELECT has_database_privilege(current_database(), 'CREATE')").scalar()
    )
    can_create = superuser or (may_create and all(trusted.get(e, False) for e in missing))
    return missing, can_create, available


def _extension_message(database: str, missing: tuple[str, ...], available: bool) -> str:
    names = ", ".join(missing)
    if not available:
        return Text(
            "the server lacks these extensions: {names}; install PostgreSQL's contrib package on the "
            "server (Debian/Ubuntu: apt install postgresql-contrib), then run: leaddesk server init URL",
            names=names,
        )
    sql = " ".join(f"CREATE EXTENSION IF NOT EXISTS {name};" for name in missing)
    return Text(
        "the database {database} lacks these extensions, which this role may not create: {names}; "
        'an administrator must run: sudo -u postgres psql -d {database} -c "{sql}"',
        database=database,
        names=names,
        sql=sql,
    )


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(make_engine("sqlite://")))
    return {rev.revision for rev in script.walk_revisions()}


#: Problems ``server init`` cannot repair itself.
_INIT_STOPS = frozenset(
    {"unreachable", "login", "no_database", "too_old", "extension", "privileges", "newer_schema"}
)


def init_server(url: str | URL) -> tuple[ServerCheck, MigrationResult]:
    """Create or upgrade LeadDesk's schema on a PostgreSQL database (the migrations SQLite gets).

    The needed extensions are created first where this role may; otherwise ServerCheckError
    names the SQL an administrator must run. Returns the check before and what the migration did.
    """
    parsed = server_url(url)
    before = check_server(parsed)
    if before.problem in _INIT_STOPS:
        raise ServerCheckError(before)
    engine = make_engine(parsed)
    try:
        if before.missing:
            try:
                with engine.begin() as conn:
                    for name in before.missing:
                        conn.exec_driver_sql(f"CREATE EXTENSION IF NOT EXISTS {name}")
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient privilege
                    raise
                database = server_label(parsed).rsplit("/", 1)[-1]
                message = _extension_message(database, before.missing, True)
                raise ServerCheckError(ServerCheck("extension", message, missing=before.missing)) from None
        result = migrate(engine)
    finally:
        engine.dispose()
    return before, result


def stored_rows(
    conn: Connection, table: Any, columns: list[str], size: int
) -> Iterator[Sequence[tuple[Any, ...]]]:
    """The rows of a SQLite ``table`` as stored (times as text, booleans 0/1), in primary-key
    order, ``size`` at a time: straight from the driver, for :func:`copy_rows`."""
    if not sql_flavor(conn).is_sqlite:
        raise ValueError("stored rows are read from a SQLite database")
    quote = conn.dialect.identifier_preparer.quote
    keys = ", ".join(quote(c.name) for c in table.primary_key.columns)
    names = ", ".join(quote(name) for name in columns)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with driver_errors():
            cursor.execute(f"SELECT {names} FROM {quote(table.name)} ORDER BY {keys}")
            while chunk := cursor.fetchmany(size):
                yield chunk
    finally:
        cursor.close()


def copy_rows(conn: Connection, table: Any, columns: list[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows`` of ``columns`` as SQLite stores them (:func:`stored_rows`) into ``table``,
    ids included, in one go.

    PostgreSQL: ``COPY … FROM STDIN`` through psycopg, which reads SQLite's stored forms as its
    own text input (UTC times ``2026-11-23 09:00:00.000000``, booleans ``0``/``1``), so no value
    is converted in Python; SQLite: one ``executemany``.
    """
    if not rows:
        return
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    if sql_flavor(conn).is_sqlite:
        marks = ", ".join("?" for _ in columns)
        conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)  # type: ignore[arg-type]
        return
    _copy_in(conn, f"{quote(table.name)} ({names})", rows)


def _copy_in(conn: Connection, target: str, rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL: ``rows`` into ``target`` ("table (columns)") by ``COPY … FROM STDIN``."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {target} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    finally:
        cursor.close()


#: A bulk insert of this many rows into one table (:func:`insert_rows`: an import, the demo data,
#: merge-db) is followed by ``VACUUM (ANALYZE)`` of its tables on PostgreSQL, right after its
#: commit, instead of whenever autovacuum comes round (minutes later). Measured with 100,000
#: demo leads just loaded: without planner statistics a search keystroke's query took ~50 ms
#: (parallel sequential scans and a hash join) instead of ~15 ms; with statistics but the GIN
#: indexes' pending lists still full (fast-update: new entries wait there, unsorted, and every
#: search reads them all) the board's search took 26 ms a keystroke instead of 5. The VACUUM
#: also marks the pages all-visible for the board's index-only read. SQLite needs nothing.
ANALYZE_AFTER_ROWS = 2000
#: Rows that follow a lead's (the search row by trigger, the score row by the rescore after a
#: load) are analysed with it.
_ANALYZE_WITH = {"lead": ("lead_search", "leadscore")}
#: Key in the DBAPI connection's ``info``: the tables this transaction bulk-loaded.
_BULK_TABLES = "leaddesk_bulk_tables"


def take_bulk_tables(conn: Connection) -> set[str]:
    """The tables bulk-loaded in ``conn``'s transaction so far (forgotten as they are read)."""
    return set(conn.info.pop(_BULK_TABLES, ()))


def analyze_tables(engine: Engine, tables: Iterable[str]) -> None:
    """``VACUUM (ANALYZE)`` the given tables (and those kept with them) on PostgreSQL; nothing on
    SQLite (see ANALYZE_AFTER_ROWS).

    Runs on a background thread after the commit (:meth:`Database.transaction`), so nobody
    waits for it (~0.7 s for 100,000 leads, as long as ANALYZE alone took); it blocks no reads
    or writes. A role that does not own the tables gets a warning from the server and nothing
    happens; a failure is logged, never raised.
    """
    if is_sqlite(engine):
        return
    names = set(tables)
    for table in list(names):
        names.update(_ANALYZE_WITH.get(table, ()))
    quote = engine.dialect.identifier_preparer.quote
    try:
        # VACUUM runs outside a transaction only.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) " + ", ".join(quote(t) for t in sorted(names)))
    except Exception:
        logging.getLogger(__name__).info("tables after a bulk load not vacuumed", exc_info=True)


def insert_rows(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    constants: Mapping[str, Any] | None = None,
) -> None:
    """Insert ``rows`` (values of ``columns``, in that order) into ``table``, in ``conn``'s
    transaction; every row also gets ``constants`` (column → a value :func:`sql_literal` takes).

    SQLite: the driver's ``executemany`` of one INSERT with the constants written into it (the
    driver converts only what differs between rows). PostgreSQL: ``COPY … FROM STDIN`` with the
    constants repeated in each row; ``executemany`` ran one statement per row there (an import
    of 95,000 leads spent ~20 s in it; COPY ~9 s, most of it the lead's indexes).
    Values go to PostgreSQL as text input (a time as ``sql_time`` text is read as a time).
    """
    if not rows:
        return
    if len(rows) >= ANALYZE_AFTER_ROWS:
        conn.info.setdefault(_BULK_TABLES, set()).add(table)
    fixed = dict(constants or {})
    names = ", ".join([*columns, *fixed])
    if sql_flavor(conn).is_sqlite:
        values = ", ".join(["?"] * len(columns) + [engine_literal(conn, v) for v in fixed.values()])
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({values})", rows)
        finally:
            cursor.close()
        return
    tail = list(fixed.values())
    _copy_in(conn, f"{table} ({names})", ([*row, *tail] for row in rows) if tail else rows)


def after_bulk_copy(conn: Connection, tables: list[str]) -> None:
    """After rows were copied in with their ids: PostgreSQL's id sequences continue after the
    highest id (1 for an empty table) and the planner learns the new sizes (ANALYZE)."""
    if sql_flavor(conn).is_sqlite:
        return
    for table in tables:
        seq = conn.exec_driver_sql("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).scalar()
        if seq:
            quoted = conn.dialect.identifier_preparer.quote(table)
            conn.exec_driver_sql(
                f"SELECT setval(%s, COALESCE((SELECT MAX(id) FROM {quoted}), 0) + 1, false)", (seq,)
            )
    conn.exec_driver_sql("ANALYZE")
