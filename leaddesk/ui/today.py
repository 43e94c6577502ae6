"""What is due today, without a modal: a count badge on the toolbar's follow-up button and a
calm banner under the toolbar ("Follow-ups due today: 5 · overdue: 2", Show, ×).

Replaces the message box that every start used to open. The counts are read on the read lane
(~0.5 s at 100,000 leads) after the first paint and again whenever a write touches tasks or
leads (the operations layer's change signal, in bursts read once). The × hides the banner for
this session; the badge stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.ui.ops import Op, operations

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow

translate = QCoreApplication.translate


class TodayBanner(QFrame):
    """The banner; ``show_requested`` is the Show button (opens the follow-up list)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayBanner")
        self.setStyleSheet(
            "#todayBanner { background: palette(alternate-base); border-bottom: 1px solid palette(mid); }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        self.text = QLabel(self)
        self.text.setObjectName("todayText")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.show_button = QPushButton(self.tr("Show"), self)
        self.show_button.setToolTip(self.tr("Open the list of follow-ups due"))
        row.addWidget(self.show_button)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this note until LeadDesk starts again"))
        self.close_button.setAccessibleName(self.tr("Hide"))
        row.addWidget(self.close_button)
        self.dismissed = False
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()

    def set_counts(self, overdue: int, today: int) -> None:
        if not overdue and not today:
            self.hide()
            return
        self.text.setText(
            self.tr("Follow-ups due today: %1 · overdue: %2")
            .replace("%1", str(today))
            .replace("%2", str(overdue))
        )
        self.setVisible(not self.dismissed)


class CountBadge(QLabel):
    """A small red count at the right edge of a tool button (hidden at zero)."""

    def __init__(self, button: QToolButton) -> None:
        super().__init__(button)
        self.setObjectName("countBadge")
        self.setStyleSheet(
            "#countBadge { background: #c62828; color: white; border-radius: 8px;"
            " padding: 0px 5px; font-weight: bold; }"
        )
        self.button = button
        button.installEventFilter(self)
        self.hide()

    def set_count(self, n: int) -> None:
        self.setText(str(n) if n < 1000 else "999+")
        self.adjustSize()
        self.setVisible(n > 0)
        # Room for the badge right of the (centred) label, so on both sides: the toolbar lays
        # the button out by its minimum width.
        self.button.setMinimumWidth(0)
        extra = 2 * (self.width() + 4) if n > 0 else 0
        self.button.setMinimumWidth(self.button.sizeHint().width() + extra)
        self._place()

    def _place(self) -> None:
        self.move(self.button.width() - self.width() - 3, max((self.button.height() - self.height()) // 2, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False


class Today(QObject):
    """Keeps banner and badge current for one window."""

    def __init__(
        self,
        db: Database,
        banner: TodayBanner,
        badge: CountBadge | None,
        action: QAction | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.banner = banner
        self.badge = badge
        self.action = action
        self.counts: tuple[int, int] | None = None
        self.ops = operations(db)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)  # a burst of writes re-counts once
        self._timer.timeout.connect(self.refresh)
        self.ops.changed.connect(self._on_changes)

    def refresh(self) -> Op:
        from leaddesk.core.services.tasks import due_counts  # after the first paint (issue 18)

        db = self.db
        return self.ops.read(lambda _op: due_counts(db), done=self.show_counts, owner=self)

    def show_counts(self, counts: tuple[int, int]) -> None:
        overdue, today = counts
        self.counts = counts
        self.banner.set_counts(overdue, today)
        if self.badge is not None:
            self.badge.set_count(overdue + today)
        if self.action is not None:
            tip = translate("TodayBanner", "Follow-ups due today: %1 · overdue: %2")
            self.action.setStatusTip(tip.replace("%1", str(today)).replace("%2", str(overdue)))

    def _on_changes(self, changes: Changes) -> None:
        if changes.tasks or changes.touches_leads or changes.settings:
            self._timer.start()


def install(window: MainWindow, action: QAction | None, on_show: Callable[[], object]) -> Today:
    """Put the banner above the filter bar and the badge on ``action``'s toolbar button."""
    banner = TodayBanner(window)
    board_page = window.pages.widget(1)
    layout = board_page.layout() if board_page is not None else None
    at = 1 if getattr(window, "damage_banner", None) is not None else 0
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(at, banner)
    banner.show_button.clicked.connect(lambda: on_show())
    badge = None
    button = window.toolbar.widgetForAction(action) if action is not None else None
    if isinstance(button, QToolButton):
        badge = CountBadge(button)
    today = Today(window.db, banner, badge, action, window)
    window.today = today  # type: ignore[attr-defined]
    return today
