"""File → Load demo data: made-up leads added on the write lane as one import, with progress.

Progress and Cancel live in the main window's status bar (its ``progress_bar`` and
``cancel_button``, see leaddesk/ui/main_window.py), not in a modal dialog: the window stays
usable for reading, and nothing modal has to be torn down when the job ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QMessageBox

from leaddesk import APP_NAME
from leaddesk.core.errors import LeadDeskError
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import Op

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow

# Leads File → Load demo data adds.
DEMO_LEADS = 2000


class DemoLoader(QObject):
    """Adds demo leads for ``window``; its status bar's Cancel stops the one being added."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._job: Op | None = None
        window.cancel_button.clicked.connect(self.cancel)

    def cancel(self) -> None:
        if self._job:
            self._job.cancel()

    def load(self, leads: int = DEMO_LEADS) -> Op | None:
        """Add ``leads`` demo leads (asked first when there are leads); None if not started."""
        from leaddesk.core.demo import build_demo
        from leaddesk.core.errors import Cancelled

        w = self.window
        if w.board.total and not ask_destructive(
            w,
            self.tr("Load demo data"),
            self.tr(
                "Add %1 made-up demo leads to your %2 leads? They are one import: File → Past imports can take them all back."  # noqa: E501
            )
            .replace("%1", QLocale().toString(leads))
            .replace("%2", QLocale().toString(w.board.total)),
            self.tr("Add demo leads"),
        ):
            return None

        w.progress_bar.setRange(0, leads)
        w.progress_bar.setValue(0)
        w.progress_bar.setFormat(self.tr("Adding demo leads… %p%"))
        w.progress_bar.show()
        w.cancel_button.show()
        db = w.db

        def work(op: Op) -> Any:
            return build_demo(db, leads=leads, seed=None, progress=op.report)

        def finish() -> None:
            w.progress_bar.hide()
            w.cancel_button.hide()
            self._job = None

        def done(_report: Any) -> None:
            finish()
            w.statusBar().showMessage(self.tr("Demo data added"), 5000)

        def failed(exc: BaseException, trace: str) -> None:
            finish()
            if isinstance(exc, Cancelled):
                w.statusBar().showMessage(self.tr("Demo data cancelled; nothing was added"), 5000)
            elif isinstance(exc, LeadDeskError):
                w.show_error(error_text(exc))
            else:
                QMessageBox.critical(w, APP_NAME, self.tr("Unexpected error:") + f"\n{exc}\n\n{trace}")

        job = w.ops.write(
            work, done=done, failed=failed, progress=lambda d, _t: w.progress_bar.setValue(d), owner=w
        )
        self._job = job
        return job
