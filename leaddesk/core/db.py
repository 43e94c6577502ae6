"""Engine, sessions, migrations and the few SQLite-only features, kept behind small functions.

SQLite gets WAL, ``synchronous=NORMAL``, foreign keys and a busy timeout on every
connection. Opening a database upgrades it to the newest schema after copying the
file aside, and refuses a database written by a newer LeadDesk.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Executable, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from leaddesk.core import paths
from leaddesk.core.changes import Changes, discard_notes, keep_committed, take_notes
from leaddesk.core.errors import DatabaseError, NewerSchemaError
from leaddesk.core.models import utcnow
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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Only a new, empty file takes it (before WAL mode is set); an existing one keeps its size.
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # No commit copies the log back itself; WalCheckpointer does it on its own thread.
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.execute(f"PRAGMA journal_size_limit={WAL_KEEP_BYTES}")
    cursor.close()


class WalCheckpointer:
    """Copies the write-ahead log back into the database file on a thread of its own.

    With SQLite's automatic checkpoint the commit that pushes the log past 1,000 pages does
    the copying: a card move on the GUI thread could stall for tens of milliseconds, and an
    import of 100,000 leads spent ~0.6 s of its commit on it. Here a commit only wakes this
    thread, which waits until writes pause and runs a PASSIVE checkpoint: it copies what is
    committed, never blocks readers or writers, and is simply repeated if a writer kept
    adding. A commit is durable without it (WAL); SQLite also checkpoints when the last
    connection closes, so short CLI runs need no thread at all.
    """

    #: Quiet time before checkpointing, so a burst of commits is copied once.
    DEBOUNCE_S = 0.05

    def __init__(self, path: Path, threshold: int = CHECKPOINT_BYTES) -> None:
        self._path = path
        self._wal = Path(f"{path}-wal")
        self._threshold = threshold
        self._wake = threading.Event()
        self._stopping = False
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._run, name="leaddesk-wal-checkpoint", daemon=True)
        self._thread.start()

    def poke(self, *_args: Any) -> None:
        """Called after commits (an engine event): cheap, never blocks the committing thread."""
        self._idle.clear()
        self._wake.set()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until pending checkpoint work is done (tests, and before copying the file)."""
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
        retries = 0
        try:
            while True:
                self._wake.wait()
                while self._wake.wait(self.DEBOUNCE_S) and not self._stopping:
                    self._wake.clear()  # still committing: wait for a pause
                if self._stopping:
                    return
                if self._due():
                    if conn is None:
                        conn = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_MS / 1000)
                        conn.execute(f"PRAGMA journal_size_limit={WAL_KEEP_BYTES}")
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


def make_engine(url: str) -> Engine:
    """An engine with LeadDesk's connection settings (SQLite pragmas where it is SQLite)."""
    if url.startswith("sqlite"):
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


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
    """Keep the FTS5 shadow tables (made by raw SQL in a migration) out of model comparisons."""
    return not (type_ == "table" and name is not None and name.startswith("lead_fts"))


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
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
        raise DatabaseError(Text("backup works only for a SQLite database file"))
    return copy_sqlite(source, target)


def copy_sqlite(source: Path, target: Path) -> Path:
    """Copy a SQLite file through SQLite's online backup, opening the source read-only.

    Safe while another process writes it (WAL), and never changes the source: also how a
    second database is read for merging.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    shutil.move(tmp, target)
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


def restore_sqlite(backup: Path, target: Path) -> Path | None:
    """Put a backup in place of ``target``; returns where the replaced database was kept.

    The backup is checked first (SQLite's integrity check, LeadDesk tables, a schema this
    version can open) on a scratch copy, so a bad file never replaces a good one.
    """
    if not backup.is_file():
        raise DatabaseError(Text("{file}: no such backup file", file=str(backup)))
    scratch = target.with_name(target.name + ".restoring")
    shutil.copyfile(backup, scratch)
    for suffix in ("-wal", "-shm"):
        Path(str(scratch) + suffix).unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{scratch}")
    try:
        with engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        if "lead" not in names or "alembic_version" not in names:
            raise DatabaseError(Text("{file} is not a LeadDesk database", file=str(backup)))
        migrate(engine)
        problems = integrity_check(engine)
        if problems:
            raise DatabaseError(Text("{file} is damaged: {problem}", file=str(backup), problem=problems[0]))
    except DBAPIError as exc:
        raise DatabaseError(describe_operational_error(exc, str(backup))) from exc
    finally:
        engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(str(scratch) + suffix).unlink(missing_ok=True)
    kept = None
    if target.exists():
        kept = target.with_name(f"{target.name}.replaced-{utcnow():%Y%m%dT%H%M%S}.bak")
        shutil.move(target, kept)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
    scratch.replace(target)
    return kept


#: The newest migration's revision id. Lets an up-to-date database open without loading
#: Alembic and parsing every migration script (~100 ms of each start); a test keeps it equal
#: to the scripts' head.
SCHEMA_HEAD = "privacy_1"


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
    with engine.begin() as conn:
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


class Database:
    """An engine plus short-lived sessions. Never keep a session on a widget."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._listeners: list[Callable[[Changes], None]] = []
        path = sqlite_file(engine) if is_sqlite(engine) else None
        self.checkpointer = WalCheckpointer(path) if path is not None else None
        if self.checkpointer is not None:
            event.listen(engine, "commit", self.checkpointer.poke)
            self.checkpointer.poke()  # a migration may have left a long log

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True) -> Database:
        db_path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(url)
        try:
            if upgrade:
                migrate(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise DatabaseError(describe_operational_error(exc, url)) from exc
        except Exception:
            engine.dispose()
            raise
        db = cls(engine)
        db.refresh_stats()  # a database grown elsewhere (another LeadDesk, the CLI) or never analysed
        return db

    def refresh_stats(self) -> bool:
        """ANALYZE when the lead table grew or shrank a lot since the last time (~90 ms at 100,000).

        Called after bulk writes (import, demo data, database merge) and on opening; True if run.
        """
        if not is_sqlite(self.engine):
            return False
        with self.engine.connect() as conn:
            leads = int(conn.exec_driver_sql("SELECT count(*) FROM lead").scalar() or 0)
            has_stats = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
            ).scalar()
            stat = (
                conn.exec_driver_sql("SELECT stat FROM sqlite_stat1 WHERE tbl = 'lead' LIMIT 1").scalar()
                if has_stats
                else None
            )
            analysed = int(str(stat).split()[0]) if stat else 0
            if analysed == 0 and leads < STATS_MIN_LEADS:
                return False
            if analysed and 1 / STATS_DRIFT <= max(leads, 1) / analysed <= STATS_DRIFT:
                return False
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        return True

    @classmethod
    def open_data_dir(cls, data_dir: str | Path | None = None, *, upgrade: bool = True) -> Database:
        return cls.open(paths.database_url(paths.data_dir(data_dir)), upgrade=upgrade)

    def close(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.engine.dispose()

    def session(self) -> Session:
        """A session whose objects stay readable after commit (plain values for callers)."""
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls everything back on any error.

        What the work noted (:func:`leaddesk.core.changes.note`) is published once after the
        commit to every listener and stays readable as ``changes.committed(session)``.
        """
        with self.session() as session:
            try:
                with session.begin():
                    yield session
                    changes = take_notes(session)
            except DBAPIError as exc:  # locked, disk full, damaged: the core's error, no SQL in it
                discard_notes(session)
                raise DatabaseError(describe_operational_error(exc, str(self.file or "database"))) from exc
            except BaseException:
                discard_notes(session)
                raise
        if self.checkpointer is not None:
            self.checkpointer.poke()  # committed now (the engine's commit event fires just before)
        keep_committed(session, changes)
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

    @property
    def file(self) -> Path | None:
        return sqlite_file(self.engine)


def describe_operational_error(exc: DBAPIError, url: str) -> str:
    """Turn SQLite's terse environment errors into a sentence a person can act on."""
    msg = str(exc.orig) if exc.orig is not None else str(exc)
    where = url.removeprefix("sqlite:///")
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


def fts_add_rows(session: Session, where: str, params: dict[str, object]) -> None:
    """Index the leads matching ``where`` (SQL over ``lead``), which must not be indexed yet.

    After a bulk insert with the triggers suspended this costs only the new rows, where a
    rebuild re-reads every lead (for 88,000 new among 190,000 leads: ~0.5 s vs ~1.7 s).
    """
    if not is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        return
    cols = ", ".join(FTS_COLUMNS)
    session.execute(
        text(f"INSERT INTO lead_fts(rowid, {cols}) SELECT id, {cols} FROM lead WHERE {where}"), params
    )


def fts_remove_rows(session: Session, where: str, params: dict[str, object]) -> None:
    """Take the leads matching ``where`` out of the index (before changing them with triggers off).

    Must run while the index still holds their current values: FTS5 'delete' needs them.
    """
    if not is_sqlite(session.get_bind()):  # type: ignore[arg-type]
        return
    cols = ", ".join(FTS_COLUMNS)
    session.execute(
        text(
            f"INSERT INTO lead_fts(lead_fts, rowid, {cols}) "
            f"SELECT 'delete', id, {cols} FROM lead WHERE {where}"
        ),
        params,
    )


#: Page cache for one bulk transaction. SQLite's default (2 MiB) thrashes once inserts into the
#: random-order indexes (uid, e-mail, phone) of 190,000 leads and their search index outgrow it.
#: Allocated only as pages are touched. Measured with 100,000 leads: inserting 88,000 more took
#: 3.1 s (2 MiB), 2.5 s (64 MiB), 1.8 s (256 MiB); the whole apply 6.2 s at 64 MiB, 5.6 s at 128/256.
BULK_CACHE_KIB = 131072


def driver_sql(engine: Engine, stmt: Executable) -> tuple[str, Any]:
    """``stmt`` as SQL text and parameters for the DBAPI cursor, which returns plain tuples."""
    compiled = stmt.compile(engine, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.params
    if compiled.positional:
        params = tuple(params[k] for k in compiled.positiontup or ())
    return str(compiled), params


def driver_rows(conn: Connection, stmt: Executable) -> list[tuple[Any, ...]]:
    """All rows of ``stmt`` as plain tuples from the DBAPI cursor, in ``conn``'s transaction.

    For bulk reads of simple columns (text, numbers): no Row objects and no result
    processing, which for 100,000 rows is a third of the time of ``conn.execute(...).all()``.
    """
    sql, params = driver_sql(conn.engine, stmt)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
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
    """
    if not is_sqlite(session.get_bind() if isinstance(session, Session) else session.engine):  # type: ignore[arg-type]
        yield
        return
    conn = session.connection() if isinstance(session, Session) else session
    schemas = ("main", "temp")
    before = {s: int(conn.exec_driver_sql(f"PRAGMA {s}.cache_size").scalar() or -2000) for s in schemas}
    for schema in schemas:
        conn.exec_driver_sql(f"PRAGMA {schema}.cache_size=-{int(kib)}")
    try:
        yield
    finally:
        for schema, size in before.items():
            conn.exec_driver_sql(f"PRAGMA {schema}.cache_size={size}")


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
            try:
                conn.exec_driver_sql("INSERT INTO lead_fts(lead_fts, rank) VALUES('integrity-check', 1)")
            except DBAPIError as exc:
                if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                    raise  # in use by another program: busy, not damaged
                problems.append(f"search index: {exc.orig}")
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
    cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")  # takes effect only on a file without tables
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
