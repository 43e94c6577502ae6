"""One lane for database writes off the GUI thread (Anki's TaskManager, EXAMPLES.md §3).

A ``QThreadPool`` with one thread runs jobs in order, so two writes never race for SQLite's
lock; results and errors come back on the GUI thread through queued signals. Short writes
(a stage move commits in ~1–5 ms, measured in benchmarks/bench_board.py) stay synchronous;
long ones (demo data, later imports and rescoring) go here with progress and cancel.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

_WRITE_POOL: QThreadPool | None = None


def write_pool() -> QThreadPool:
    """The application's one lane for database writes, shared by every feature.

    Imports, merges, demo data, rescoring and decay refresh queue here one after another: two
    long write transactions on separate threads would make the second wait on SQLite's lock
    and fail after the busy timeout (5 s) with "database is locked".
    """
    global _WRITE_POOL
    if _WRITE_POOL is None:
        _WRITE_POOL = QThreadPool(QCoreApplication.instance())
        _WRITE_POOL.setMaxThreadCount(1)
    return _WRITE_POOL


class Job:
    """What a running job sees: ``report(done, total)`` for progress, ``cancelled`` to stop early."""

    def __init__(self, signals: _JobSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> bool:
        """Send progress to the GUI; returns False once the user cancelled (core's progress contract)."""
        self._signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Job], Any], job: Job, signals: _JobSignals) -> None:
        super().__init__()
        self._fn = fn
        self._job = job
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn(self._job)
        except BaseException as exc:  # every failure must reach the GUI, never kill the worker silently
            self._signals.failed.emit(exc, traceback.format_exc())
        else:
            self._signals.finished.emit(result)


class WriteLane(QObject):
    """Runs write jobs one after another on a single worker thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = write_pool()
        self._running = 0
        self._keep: set[_JobSignals] = set()

    @property
    def busy(self) -> bool:
        return self._running > 0

    def submit(
        self,
        fn: Callable[[Job], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        """Queue ``fn(job)``; ``on_done(result)`` or ``on_error(exc, trace)`` run on the GUI thread."""
        signals = _JobSignals()  # lives in the GUI thread, so its signals arrive queued there
        job = Job(signals)
        self._keep.add(signals)

        def done(result: Any) -> None:
            self._finish(signals)
            on_done(result)

        def failed(exc: BaseException, trace: str) -> None:
            self._finish(signals)
            on_error(exc, trace)

        signals.finished.connect(done)
        signals.failed.connect(failed)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Runnable(fn, job, signals))
        return job

    def _finish(self, signals: _JobSignals) -> None:
        self._keep.discard(signals)
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)

    @Slot()
    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until queued jobs are done (on quit, so no thread outlives the window)."""
        return self._pool.waitForDone(msecs)
