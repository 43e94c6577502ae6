"""The operations layer: every write and every long read of the UI goes through here.

Modelled on Anki's CollectionOp / QueryOp. Two lanes, each a thread pool of its own:

- the **write lane**, one thread, so two write transactions never race for SQLite's lock
  (imports, merges, demo data, rescoring, undo of an import queue one after another);
- the **read lane**, separate threads, so a slow read (filter choices, a duplicate check,
  reading a card photo) never waits behind a long write.

A job gets an :class:`Op`: ``op.report(done, total)`` sends progress and returns False once
the user cancelled (the core's progress contract: it then rolls its transaction back).
Results, errors and progress arrive on the GUI thread through queued signals.

**One change signal.** Each :class:`Operations` (one per open database) listens to its
database's commits (:meth:`leaddesk.core.db.Database.add_listener`) and emits ``changed``
with the core's :class:`~leaddesk.core.changes.Changes` on the GUI thread, once per commit,
whoever wrote: a job on a lane, a short synchronous write through :meth:`Operations.run`, or
a service called directly. The board, the lead editor, the follow-up list, the status bar
and the filter choices subscribe to it; nobody reloads by guessing.

**Colleagues' writes.** On PostgreSQL (team mode) other LeadDesk processes announce their
commits; a thread of :class:`LiveFeed` listens (:class:`leaddesk.core.live.Listener`) and
publishes what they changed to the database's listeners, so it arrives as ``changed`` like
a local commit, within a second. SQLite has no announcements and no such thread.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database, announces_changes, wait_briefly_on
from leaddesk.core.errors import DatabaseBusyError
from leaddesk.core.live import Listener

log = logging.getLogger(__name__)
T = TypeVar("T")

_WRITE_POOL: QThreadPool | None = None
_READ_POOL: QThreadPool | None = None
# Reads run two at a time: a card photo being read must not hold up a duplicate check.
READ_THREADS = 2
# How long a write waiting for another LeadDesk process keeps trying before it gives up.
BUSY_PATIENCE_S = 120.0


def _pool(write: bool) -> QThreadPool:
    """The application's write lane (one thread) or read lane (its own threads)."""
    global _WRITE_POOL, _READ_POOL
    if write:
        if _WRITE_POOL is None:
            _WRITE_POOL = QThreadPool(QCoreApplication.instance())
            _WRITE_POOL.setMaxThreadCount(1)
        return _WRITE_POOL
    if _READ_POOL is None:
        _READ_POOL = QThreadPool(QCoreApplication.instance())
        _READ_POOL.setMaxThreadCount(READ_THREADS)
    return _READ_POOL


def write_lane() -> QThreadPool:
    return _pool(True)


def read_lane() -> QThreadPool:
    return _pool(False)


def wait_all(msecs: int = 30_000) -> bool:
    """Let queued jobs end (on quit, and between tests), so no thread outlives the window."""
    ok = True
    for pool in (_WRITE_POOL, _READ_POOL):
        if pool is not None:
            ok = pool.waitForDone(msecs) and ok
    return ok


class Op(QObject):
    """One job on a lane: what the running function sees, and what the GUI connects to.

    Signals (on the GUI thread): ``progressed(done, total)``, ``succeeded(result)``,
    ``failed(exception, trace)``; ``finished()`` after either. A cancelled job fails with the
    core's ``Cancelled`` (or the service's own subclass of it).
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object, str)
    finished = Signal()

    def __init__(self, write: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.write = write
        self._cancel = threading.Event()
        self.running = True

    def report(self, done: int, total: int) -> bool:
        """Progress from the worker thread; False once the user cancelled."""
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Op], Any], op: Op) -> None:
        super().__init__()
        self._fn = fn
        self._op = op

    def run(self) -> None:
        try:
            result = self._fn(self._op)
        except BaseException as exc:  # every failure reaches the GUI, never kills the worker silently
            self._op.failed.emit(exc, traceback.format_exc())
        else:
            self._op.succeeded.emit(result)


class Operations(QObject):
    """The operations of one open database: its lanes' jobs and its change signal."""

    # The core's ``Changes`` of one commit, on the GUI thread.
    changed = Signal(object)
    # True while a write job is queued or running (the board is then read-only).
    busy_changed = Signal(bool)
    # True while a write waits for another LeadDesk process (the status bar says so).
    waiting = Signal(bool)
    _committed = Signal(object)  # from any thread; re-emitted as ``changed`` on the GUI thread

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent or QCoreApplication.instance())
        self.db = db
        self._writes = 0
        self._ops: set[Op] = set()
        self._committed.connect(self._deliver)
        db.add_listener(self._committed.emit)
        # A write on the GUI thread gives up quickly when another process holds the lock
        # (DatabaseBusyError) instead of freezing the window; ``write_when_free`` waits instead.
        wait_briefly_on(threading.current_thread())
        self.live = LiveFeed(db) if announces_changes(db.engine) else None
        db.on_close(self.close)

    def close(self) -> None:
        """Stop listening (the database is being closed)."""
        self.db.remove_listener(self._committed.emit)
        if self.live is not None:
            self.live.stop()
            self.live = None

    @Slot(object)
    def _deliver(self, changes: Changes) -> None:
        log.debug("changed: %s", changes.summary())
        self.changed.emit(changes)

    @property
    def busy(self) -> bool:
        return self._writes > 0

    # --- running work ------------------------------------------------------------------------
    def write(
        self,
        fn: Callable[[Op], T],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException, str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        owner: QObject | None = None,
    ) -> Op:
        """Run ``fn(op)`` on the write lane; ``done(result)`` / ``failed(exc, trace)`` on the GUI thread.

        With an ``owner`` (the window asking), the callbacks are dropped once it is deleted: a
        window closed while its job ran is not called back.
        """
        return self._start(fn, True, done, failed, progress, owner)

    def read(
        self,
        fn: Callable[[Op], T],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException, str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
        owner: QObject | None = None,
    ) -> Op:
        """Run ``fn(op)`` on the read lane (it must not write); ``owner`` as for :meth:`write`."""
        return self._start(fn, False, done, failed, progress, owner)

    def write_when_free(
        self,
        fn: Callable[[], T],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException, str], None] | None = None,
        owner: QObject | None = None,
        patience_s: float = BUSY_PATIENCE_S,
    ) -> Op:
        """``fn()`` on the write lane, tried again while another process holds the database
        (after a write on the GUI thread gave up quickly); ``waiting`` tells the status bar until it
        is saved. Gives up (``failed``) after ``patience_s``."""

        def attempt(op: Op) -> T:
            deadline = time.monotonic() + patience_s
            delay = 0.1
            while True:
                try:
                    return fn()
                except DatabaseBusyError:
                    if time.monotonic() >= deadline or op.cancelled:
                        raise
                    self.waiting.emit(True)
                    time.sleep(delay)
                    delay = min(delay * 2, 2.0)

        def finish(result: T) -> None:
            self.waiting.emit(False)
            if done is not None:
                done(result)

        def fail(exc: BaseException, trace: str) -> None:
            self.waiting.emit(False)
            if failed is not None:
                failed(exc, trace)

        self.waiting.emit(True)  # called after a quick attempt found the database busy
        return self.write(attempt, done=finish, failed=fail, owner=owner)

    def _start(
        self,
        fn: Callable[[Op], Any],
        write: bool,
        done: Callable[[Any], None] | None,
        failed: Callable[[BaseException, str], None] | None,
        progress: Callable[[int, int], None] | None,
        owner: QObject | None,
    ) -> Op:
        op = Op(write, self)  # lives in the GUI thread: its signals arrive queued there

        def alive() -> bool:
            return owner is None or shiboken6.isValid(owner)

        self._ops.add(op)
        if progress is not None:
            op.progressed.connect(lambda done_, total: progress(done_, total) if alive() else None)

        def on_done(result: Any) -> None:
            self._finish(op)
            if done is not None and alive():
                done(result)
            op.finished.emit()

        def on_failed(exc: BaseException, trace: str) -> None:
            self._finish(op)
            if failed is not None and alive():
                failed(exc, trace)
            else:
                log.error("operation failed: %s", trace)
            op.finished.emit()

        op.succeeded.connect(on_done)
        op.failed.connect(on_failed)
        if write:
            self._writes += 1
            if self._writes == 1:
                self.busy_changed.emit(True)
        _pool(write).start(_Runnable(fn, op))
        return op

    def _finish(self, op: Op) -> None:
        op.running = False
        self._ops.discard(op)
        if op.write:
            self._writes -= 1
            if self._writes == 0:
                self.busy_changed.emit(False)
        op.deleteLater()

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until queued jobs are done (on quit, so no thread outlives the window)."""
        return wait_all(msecs)


class LiveFeed:
    """A thread that hears other processes' commits and publishes them to ``db``'s listeners.

    Publishing (rather than emitting a signal here) reaches every listener of the database:
    the :class:`Operations` (its ``changed`` on the GUI thread) and the reports' source, which
    then splices the named leads instead of reading everything again.
    """

    # How often the thread looks up from waiting to see whether it should stop.
    WAKE_S = 0.25

    def __init__(self, db: Database) -> None:
        self.db = db
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="leaddesk-live", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """Block until the thread listens (tests; the window does not need to wait)."""
        return self._ready.wait(timeout)

    def _run(self) -> None:
        listener = Listener(self.db)
        self._ready.set()
        try:
            while not self._stop.is_set():
                changes = listener.wait(self.WAKE_S)
                if changes and not self._stop.is_set():
                    log.debug("changed elsewhere: %s", changes.summary())
                    self.db.publish(changes)
        except Exception:  # a bug, not a lost connection (the listener reconnects by itself)
            log.exception("live updates stopped; colleagues' changes show after a reload")
        finally:
            listener.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def operations(db: Database) -> Operations:
    """The one :class:`Operations` of ``db`` (made on first use, kept on the database)."""
    ops = getattr(db, "_leaddesk_operations", None)
    if ops is None:
        ops = Operations(db)
        db._leaddesk_operations = ops  # type: ignore[attr-defined]
    return ops


class _Follower(QObject):
    """A child of the following widget: Qt drops the connection when the widget goes."""

    def __init__(
        self,
        parent: QObject,
        lead_id: Callable[[], int | None],
        slot: Callable[[], None],
        flags: tuple[str, ...],
    ) -> None:
        super().__init__(parent)
        self._lead_id = lead_id
        self._slot = slot
        self._flags = flags

    @Slot(object)
    def changed(self, changes: Changes) -> None:
        lead_id = self._lead_id()
        named = lead_id is not None and lead_id in changes.lead_ids
        if named or changes.all_leads or any(getattr(changes, flag) for flag in self._flags):
            self._slot()


def follow_lead(
    widget: QObject,
    db: Database,
    lead_id: Callable[[], int | None],
    slot: Callable[[], None],
    *,
    also: tuple[str, ...] = (),
) -> None:
    """Call ``slot()`` after every commit that names the lead ``lead_id()`` shows (or sets a flag
    in ``also``, e.g. ``("tasks",)``) — how a lead's tabs stay true whoever wrote."""
    follower = _Follower(widget, lead_id, slot, also)
    operations(db).changed.connect(follower.changed)
