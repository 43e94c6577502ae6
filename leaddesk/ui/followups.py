"""The "Due today / overdue" follow-up list, worked through with the keyboard, and the start notice.

Keys: Ctrl+D done, Ctrl+T move to the next working day, Ctrl+R reschedule to a chosen
day, Enter opens the lead (``open_lead_requested``), Ctrl+Z takes the last of these back
(repeatedly: done tasks reopen, moved ones go back to their day).
After each action the selection stays on the same row, i.e. moves to the next task.

Hooks: ``FollowUpList(db)`` as a dock or dialog of the main window (connect
``open_lead_requested(int)`` to the lead editor; the change signal keeps it and the board true);
``due_notice(db, parent, on_show)`` once at start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.changes import Changes
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.models import utcnow
from leaddesk.core.services.tasks import (
    DueState,
    DueTask,
    complete_task,
    due_counts,
    due_tasks,
    local_day,
    reopen_task,
    reschedule_task,
    start_of_day,
    user_timezone,
    zone,
)
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import operations

_Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOR = QColor("#c62828")
TaskIdRole = Qt.ItemDataRole.UserRole + 1
LeadIdRole = Qt.ItemDataRole.UserRole + 2


# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def next_working_day(day: date) -> date:
    """The next of the team's working days (Settings → Follow-ups; Monday to Friday by default)."""
    from leaddesk.ui.prefs import next_working_day as next_day

    return next_day(day)


class FollowUpModel(QAbstractTableModel):
    """Columns: due, lead, company, task. Overdue rows are red and bold."""

    def __init__(self, tz: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.rows: list[DueTask] = []
        self.locale = QLocale()
        self.headers = (
            translate("FollowUpList", "Due"),
            translate("FollowUpList", "Lead"),
            translate("FollowUpList", "Company"),
            translate("FollowUpList", "Task"),
        )

    def set_rows(self, rows: list[DueTask]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def due_text(self, row: DueTask) -> str:
        task = row.task
        if row.state is DueState.TODAY:
            prefix = translate("FollowUpList", "Today")
        else:
            day = local_day(task.due_at, self.tz)
            prefix = self.locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
        if task.all_day:
            return prefix
        local = task.due_at.astimezone(zone(self.tz))
        return f"{prefix} {local.hour:02d}:{local.minute:02d}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.due_text(row), row.lead_name, row.company, row.task.title)[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.state is DueState.OVERDUE:
            return QBrush(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.FontRole and row.state is DueState.OVERDUE and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.task.notes or row.task.title
        if role == TaskIdRole:
            return row.task.id
        if role == LeadIdRole:
            return row.task.lead_id
        return None


class RescheduleDialog(QDialog):
    """Pick a new due day with the keyboard (arrows move the day, Enter accepts)."""

    def __init__(self, current: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reschedule follow-up"))
        layout = QVBoxLayout(self)
        self.calendar = QCalendarWidget()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.activated.connect(self.accept)
        layout.addWidget(self.calendar)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def day(self) -> date:
        q = self.calendar.selectedDate()
        return date(q.year(), q.month(), q.day())


class FollowUpList(QWidget):
    """Due today / overdue, to work through one by one."""

    open_lead_requested = Signal(int)
    tasks_changed = Signal()

    def __init__(
        self,
        db: Any,
        parent: QWidget | None = None,
        *,
        tz: str | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.tz = tz or user_timezone(db)
        self.clock = clock
        # How to take back each action of this list, newest last (Ctrl+Z).
        self.undo_steps: list[Callable[[], object]] = []
        self.reschedule_dialog: RescheduleDialog | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("followups_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.model = FollowUpModel(self.tz, self)
        self.view = QTableView()
        self.view.setObjectName("followups")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        # Due and lead fit their text; the company gets a share and elides (its tooltip is the
        # task's note); the task takes the rest, so "Angebot nachfassen" is not cut to "Angebot …".
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTabKeyNavigation(False)
        self.view.activated.connect(self._open)
        layout.addWidget(self.view, 1)

        # Two rows of two: narrow enough to dock beside the board at 1280 px.
        buttons = QGridLayout()
        self.done_button = QPushButton(self.tr("&Done (Ctrl+D)"))
        self.tomorrow_button = QPushButton(self.tr("Next &working day (Ctrl+T)"))
        self.reschedule_button = QPushButton(self.tr("&Reschedule… (Ctrl+R)"))
        self.open_button = QPushButton(self.tr("&Open lead (Enter)"))
        for i, button in enumerate(
            (self.done_button, self.tomorrow_button, self.reschedule_button, self.open_button)
        ):
            buttons.addWidget(button, i // 2, i % 2)
        layout.addLayout(buttons)
        # A window of its own (not only a dock): Close and Esc put it away.
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        self.close_button = QPushButton(self.tr("&Close (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)
        self.done_button.clicked.connect(self.mark_done)
        self.tomorrow_button.clicked.connect(self.to_next_working_day)
        self.reschedule_button.clicked.connect(self.reschedule)
        self.open_button.clicked.connect(lambda: self._open(self.view.currentIndex()))
        for keys, slot in (
            ("Ctrl+D", self.mark_done),
            ("Ctrl+T", self.to_next_working_day),
            ("Ctrl+R", self.reschedule),
            ("Ctrl+Z", self.undo_done),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        # At local midnight "today" becomes "overdue" and tomorrow's tasks arrive: refresh then.
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(lambda: self.reload(keep_row=self.view.currentIndex().row()))
        operations(db).changed.connect(self._on_changes)
        self.reload()

    def _on_changes(self, changes: Changes) -> None:
        """Tasks set elsewhere (a call, the editor, an import) or leads gone: the list follows."""
        shown = {row.task.lead_id for row in self.model.rows}
        if changes.tasks or changes.all_leads or shown & (changes.removed | changes.updated):
            self.reload(keep_row=max(0, self.view.currentIndex().row()))

    def _arm_midnight(self) -> None:
        now = self.clock()
        tomorrow = start_of_day(local_day(now, self.tz) + timedelta(days=1), self.tz)
        self._midnight.start(int((tomorrow - now).total_seconds() * 1000) + 1000)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the list (a window of its own), as Close does."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _fit_columns(self) -> None:
        """The company column: its text up to a quarter of the table, so the task keeps the most room."""
        cap = max(self.width() // 4, self.view.fontMetrics().averageCharWidth() * 12)
        self.view.setColumnWidth(2, min(self.view.sizeHintForColumn(2), cap))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def reload(self, keep_row: int = 0) -> None:
        self.model.set_rows(due_tasks(self.db, now=self.clock(), tz=self.tz))
        self._fit_columns()
        overdue = sum(1 for r in self.model.rows if r.state is DueState.OVERDUE)
        count = len(self.model.rows)
        self.title.setText(
            self.tr("Due today / overdue: %1 (%2 overdue)")
            .replace("%1", str(count))
            .replace("%2", str(overdue))
            if count
            else self.tr("No follow-ups due. Well done.")
        )
        if count:
            self.view.setCurrentIndex(self.model.index(min(keep_row, count - 1), 0))
        for button in (self.done_button, self.tomorrow_button, self.reschedule_button, self.open_button):
            button.setEnabled(bool(count))
        self._arm_midnight()

    def current(self) -> tuple[int, DueTask] | None:
        row = self.view.currentIndex().row()
        if 0 <= row < len(self.model.rows):
            return row, self.model.rows[row]
        return None

    def mark_done(self) -> None:
        selected = self.current()
        if selected is None:
            return
        row, item = selected
        task_id = item.task.id
        if self._act(lambda: complete_task(self.db, task_id, now=self.clock())):
            self.undo_steps.append(lambda: reopen_task(self.db, task_id))
        self._changed(row)

    def undo_done(self) -> None:
        """Ctrl+Z: take back the last action of this list (done, next working day, reschedule)."""
        if not self.undo_steps:
            return
        self._act(self.undo_steps.pop())
        self._changed(self.view.currentIndex().row())

    def to_next_working_day(self) -> None:
        selected = self.current()
        if selected is None:
            return
        row, item = selected
        self._move(item, next_working_day(local_day(self.clock(), self.tz)))
        self._changed(row)

    def reschedule(self) -> RescheduleDialog | None:
        selected = self.current()
        if selected is None:
            return None
        row, item = selected
        dialog = RescheduleDialog(next_working_day(local_day(self.clock(), self.tz)), self)
        self.reschedule_dialog = dialog

        def apply() -> None:
            self._move(item, dialog.day())
            self._changed(row)

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    def _move(self, item: DueTask, day: date) -> None:
        task = item.task
        if self._act(lambda: reschedule_task(self.db, task.id, day, tz=self.tz)):
            self.undo_steps.append(
                lambda: reschedule_task(self.db, task.id, task.due_at, all_day=task.all_day, tz=self.tz)
            )

    def _act(self, action: Callable[[], object]) -> bool:
        """Run one write; a task or lead gone meanwhile (merged, erased) is said, not raised."""
        try:
            action()
        except LeadDeskError as exc:
            QMessageBox.warning(self, self.tr("Follow-ups"), error_text(exc))
            return False
        return True

    def _changed(self, row: int) -> None:
        self.reload(keep_row=max(0, row))
        self.tasks_changed.emit()
        self.view.setFocus()

    def _open(self, index: QModelIndex) -> None:
        lead_id = index.data(LeadIdRole) if index.isValid() else None
        if isinstance(lead_id, int):
            self.open_lead_requested.emit(lead_id)


def due_notice_text(db: Any, *, now: datetime | None = None, tz: str | None = None) -> str:
    """ "3 follow-ups due today, 2 overdue." — empty when nothing is due."""
    overdue, today = due_counts(db, now=now, tz=tz)
    if not overdue and not today:
        return ""
    return (
        translate("FollowUpList", "Follow-ups due today: %1 · overdue: %2")
        .replace("%1", str(today))
        .replace("%2", str(overdue))
    )


def due_notice(
    db: Any,
    parent: QWidget | None = None,
    on_show: Callable[[], None] | None = None,
    *,
    now: datetime | None = None,
    tz: str | None = None,
) -> QMessageBox | None:
    """At start: a non-blocking note of how many follow-ups are due, with "Show list" (None if none)."""
    text = due_notice_text(db, now=now, tz=tz)
    if not text:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("FollowUpList", "Follow-ups"),
        text,
        QMessageBox.StandardButton.Close,
        parent,
    )
    show = box.addButton(translate("FollowUpList", "&Show list"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(show)
    if on_show is not None:
        show.clicked.connect(on_show)
    box.open()
    return box
