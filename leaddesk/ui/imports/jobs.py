"""Long import work off the UI thread: one job at a time, progress, cancel, results on the GUI thread.

Database writes go through one single-thread pool, so two writes never race for SQLite
(see EXAMPLES.md §3). The core's ``progress(done, total)`` callbacks return False after
:meth:`BackgroundJob.cancel`, and the core then rolls its transaction back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from leaddesk.core.errors import Cancelled, LeadDeskError
from leaddesk.ui.i18n import error_text
from leaddesk.ui.writer import write_pool


class BackgroundJob(QObject):
    """Runs ``fn(progress)`` on the write lane and reports back on the GUI thread.

    Signals: ``progressed(done, total)``, ``succeeded(result)``, ``failed(message)`` for
    expected errors (a person-readable message), ``cancelled()``. Unexpected exceptions are
    reported through ``failed`` too, prefixed so they read as a bug. ``error`` holds the
    exception behind the last ``failed``: decide on its type, never on the translated text.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, fn: Callable[[Callable[[int, int], bool]], Any], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self.running = False
        self.error: BaseException | None = None

    def start(self) -> None:
        self.running = True
        self.error = None
        write_pool().start(_Runnable(self))

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def _run(self) -> None:
        try:
            result = self._fn(self._progress)
        except Cancelled:
            self.running = False
            self.cancelled.emit()
        except LeadDeskError as exc:
            self.running = False
            self.error = exc  # set before the emit: the slot runs later, on the GUI thread
            self.failed.emit(error_text(exc))
        except Exception as exc:  # a bug: still reach the one error handler, never kill the thread silently
            self.running = False
            self.error = exc
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.running = False
            self.succeeded.emit(result)


class _Runnable(QRunnable):
    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


class RunningPage(QWidget):
    """What a dialog shows while its job runs: what is happening, a progress bar, Cancel.

    Starts as a busy indicator; ``show_progress(done, total)`` (the core's progress values)
    turns it into a bar.
    """

    def __init__(self, on_cancel: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch()
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(on_cancel)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
