"""Long import work off the UI thread: progress, cancel, results on the GUI thread.

A thin face of the operations layer (``leaddesk.ui.ops``) for the import dialogs: writes queue
on its one write lane, so two writes never race for SQLite. The core's ``progress(done,
total)`` callbacks return False after :meth:`BackgroundJob.cancel`, and the core then rolls
its transaction back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from leaddesk.core.db import Database
from leaddesk.core.errors import Cancelled, LeadDeskError
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import Op, operations


class BackgroundJob(QObject):
    """A dialog's long job on the operations layer, reported back on the GUI thread.

    Runs ``fn(progress)`` on the write lane (or the read lane with ``write=False``) of
    :mod:`leaddesk.ui.ops`. Signals: ``progressed(done, total)``, ``succeeded(result)``,
    ``failed(message)`` for expected errors (a person-readable message), ``cancelled()``.
    Unexpected exceptions are reported through ``failed`` too, prefixed so they read as a bug.
    ``error`` holds the exception behind the last ``failed``: decide on its type, never on the
    translated text.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        db: Database,
        fn: Callable[[Callable[[int, int], bool]], Any],
        parent: QObject | None = None,
        *,
        write: bool = True,
    ) -> None:
        super().__init__(parent)
        self._ops = operations(db)
        self._fn = fn
        self._write = write
        self._op: Op | None = None
        self.running = False
        self.error: BaseException | None = None

    def start(self) -> None:
        self.running = True
        self.error = None
        start = self._ops.write if self._write else self._ops.read
        self._op = start(
            lambda op: self._fn(op.report),
            done=self._done,
            failed=self._failed,
            progress=self.progressed.emit,
            owner=self,
        )

    def cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def _done(self, result: Any) -> None:
        self.running = False
        self.succeeded.emit(result)

    def _failed(self, exc: BaseException, trace: str) -> None:
        self.running = False
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
            return
        self.error = exc
        if isinstance(exc, LeadDeskError):
            self.failed.emit(error_text(exc))
        else:  # a bug: logged with its trace, shown without it
            logging.getLogger(__name__).error("background job failed: %s", trace)
            self.failed.emit(f"{type(exc).__name__}: {exc}")


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
