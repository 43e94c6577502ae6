"""View → Reports (Ctrl+R): ``install(window)`` adds the menu entry to the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow
    from leaddesk.ui.reports.window import ReportsWindow


def show_leads(window: MainWindow, ids: frozenset[int], label: str, lost: bool) -> None:
    """The board shows exactly ``ids`` (a report's bar or row), the Lost column too if they were lost."""
    window.filters.set_selection(ids, label)
    if lost and not window.act_lost.isChecked():
        window.act_lost.setChecked(True)
    window.raise_()
    window.activateWindow()


def open_reports(window: MainWindow) -> ReportsWindow:
    """Show the reports window (one per main window), creating it on first use."""
    from leaddesk.ui.reports.window import ReportsWindow

    reports = getattr(window, "_reports_window", None)
    if reports is None or not shiboken6.isValid(reports):
        reports = ReportsWindow(window.db, window)
        reports.open_leads.connect(lambda ids, label, lost: show_leads(window, ids, label, lost))
        window._reports_window = reports  # type: ignore[attr-defined]
    reports.show()
    reports.raise_()
    reports.activateWindow()
    return reports


def install(window: MainWindow) -> QAction:
    """Add View → Reports (Ctrl+R) to ``window``."""
    action = QAction(QCoreApplication.translate("Reports", "&Reports…"), window)
    action.setObjectName("actionReports")
    action.setShortcut(QKeySequence("Ctrl+R"))
    action.triggered.connect(lambda: open_reports(window))
    window.add_feature_action("view", action)
    return action
