"""Keeps fading engagement scores current while the app runs: once at start, then daily.

The main window creates one ``DecayRefresher(db)`` (parented to the application so it
outlives windows), calls ``start()``, and refreshes its board on ``refreshed`` when
leads changed (the change signal tells every other view). The work is set-based SQL on the
write lane of ``leaddesk.ui.ops``, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from leaddesk.core.db import Database
from leaddesk.core.models import utcnow
from leaddesk.core.scoring import RescoreReport, refresh_decay
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import Op, operations

# How often to check whether the daily refresh is due (cheap: one settings read).
CHECK_INTERVAL_MS = 60 * 60 * 1000


class DecayRefresher(QObject):
    """Runs ``refresh_decay`` when due; ``refreshed`` carries the report when it ran."""

    refreshed = Signal(object)  # RescoreReport
    failed = Signal(str)

    def __init__(
        self, db: Database, parent: QObject | None = None, *, now: Callable[[], datetime] = utcnow
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.now = now
        self._task: Op | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Refresh now (app start) and check hourly whether a day has passed since the last run."""
        self.check(force=True)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._task is not None:
            self._task.cancel()

    def check(self, *, force: bool = False) -> None:
        """Refresh if a day has passed since the last run (``force``: regardless)."""
        if self._task is not None:
            return
        db, now = self.db, self.now()

        def work(report: Callable[[int, int], bool]) -> RescoreReport | None:
            return refresh_decay(db, now, force=force, progress=report)

        self._task = operations(db).write(
            lambda op: work(op.report),
            done=self._done,
            failed=lambda exc, _trace: self._failed(exc),
            owner=self,
        )

    def _done(self, report: RescoreReport | None) -> None:
        self._task = None
        if report is not None:
            self.refreshed.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.failed.emit(error_text(exc))
