"""Background work for the scoring UI: one lane for writes, results delivered on the GUI thread.

Modelled on Anki's QueryOp/CollectionOp: the callable runs in a QThreadPool worker and
must not touch widgets; its result, error and progress arrive as queued signals. Writes
run on the app-wide write lane (``leaddesk.ui.writer.write_pool``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from leaddesk.ui.writer import write_pool

_read_lane: QThreadPool | None = None


def write_lane() -> QThreadPool:
    """Writes share the app's one write lane, so a rescore never races an import for the lock."""
    return write_pool()


def read_lane() -> QThreadPool:
    global _read_lane
    if _read_lane is None:
        _read_lane = QThreadPool()
        _read_lane.setMaxThreadCount(2)
    return _read_lane


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Runs ``fn(report)``; ``report(done, total)`` returns False once ``cancel()`` was called."""

    def __init__(self, fn: Callable[[Callable[[int, int], bool]], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it until finished/failed has been handled
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self._report)
        except Exception as exc:  # delivered to the GUI thread, shown there
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def start(task: Task, *, write: bool) -> Task:
    (write_lane() if write else read_lane()).start(task)
    return task


def wait_all(msecs: int = 30_000) -> None:
    """Let running tasks end (on quit, and between tests)."""
    for lane in (write_pool(), _read_lane):
        if lane is not None:
            lane.waitForDone(msecs)
