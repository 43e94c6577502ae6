"""Background work for the scoring UI: one lane for writes, results delivered on the GUI thread.

Modelled on Anki's QueryOp/CollectionOp: the callable runs in a QThreadPool worker and
must not touch widgets; its result, error and progress arrive as queued signals. The
lead may swap this for the app-wide task manager at merge; the interface is tiny.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

#: Database writes go through a single worker so two rescoring runs never interleave.
_write_lane: QThreadPool | None = None
_read_lane: QThreadPool | None = None


def write_lane() -> QThreadPool:
    global _write_lane
    if _write_lane is None:
        _write_lane = QThreadPool()
        _write_lane.setMaxThreadCount(1)
    return _write_lane


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
    for lane in (_write_lane, _read_lane):
        if lane is not None:
            lane.waitForDone(msecs)
