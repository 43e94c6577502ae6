"""A lead's activity timeline for the lead editor: a list (model/view + delegate) and a quick-add bar.

Quick add takes a few keystrokes: Ctrl+L focuses the kind (type its first letter), Tab,
type what happened, Enter. Calls and meetings get a duration, calls an outcome. Enter
or a double-click on a row opens it for correction.

Hook: ``ActivityTimeline(db, lead_id)`` as a tab of the lead editor; connect
``activity_added(int)`` / ``activity_changed(int)`` to refresh the lead's card and score.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core import who
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.services.activities import (
    CALL,
    MEETING,
    ActivityView,
    add_activity,
    list_activities,
    update_activity,
)
from leaddesk.ui.i18n import error_text
from leaddesk.ui.labels import kind_labels, outcome_labels
from leaddesk.ui.ops import follow_lead

ActivityRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    return kind_labels().get(kind, kind)


def outcome_label(outcome: str) -> str:
    return outcome_labels().get(outcome, outcome)


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def headline(activity: ActivityView, locale: QLocale) -> str:
    """First line of a row: kind · when · who."""
    when = locale.toString(_qdatetime(activity.at).toLocalTime(), QLocale.FormatType.ShortFormat)
    parts = [kind_label(activity.kind), when]
    if activity.who:
        parts.append(activity.who)
    return " · ".join(parts)


def detail(activity: ActivityView) -> str:
    """Second line: duration and outcome for calls, then subject and notes."""
    parts = []
    if activity.duration_s is not None:
        minutes, seconds = divmod(activity.duration_s, 60)
        parts.append(translate("ActivityTimeline", "%1 min").replace("%1", f"{minutes}:{seconds:02d}"))
    if activity.outcome:
        parts.append(outcome_label(activity.outcome))
    text = " — ".join(p for p in (activity.subject, activity.notes.replace("\n", " ")) if p)
    if text:
        parts.append(text)
    return " · ".join(parts)


class ActivityModel(QAbstractListModel):
    """The timeline's rows (newest first) as plain ``ActivityView`` values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ActivityView] = []
        self.locale = QLocale()

    def set_rows(self, rows: list[ActivityView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        activity = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return headline(activity, self.locale)
        if role == Qt.ItemDataRole.ToolTipRole:
            return activity.notes or activity.subject or headline(activity, self.locale)
        if role == ActivityRole:
            return activity
        return None


class ActivityDelegate(QStyledItemDelegate):
    """Two lines per activity: bold headline, then details elided to the width."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.lineSpacing() * 2 + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        activity = index.data(ActivityRole)
        if not isinstance(activity, ActivityView):
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.highlightedText().color() if selected else palette.text().color()
        rect: QRect = option.rect.adjusted(8, 5, -8, -5)
        bold = QFont(option.font)
        bold.setBold(True)
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        painter.setPen(text_color)
        painter.setFont(bold)
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(str(index.data()), Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.setFont(option.font)
        if not selected:
            painter.setPen(palette.placeholderText().color())
        painter.drawText(
            QRect(rect.left(), rect.top() + line, rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(detail(activity), Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


def _kind_combo() -> QComboBox:
    combo = QComboBox()
    for key, label in kind_labels().items():
        combo.addItem(label, key)
    return combo


def _outcome_combo() -> QComboBox:
    """Outcomes of a call, "–" (none yet) first and chosen: a new call is not "Qualified" by default."""
    combo = QComboBox()
    combo.addItem("–", "")
    for key, label in outcome_labels().items():
        combo.addItem(label, key)
    return combo


class ActivityEditDialog(QDialog):
    """Correct one activity (kind, time, notes, duration, outcome)."""

    def __init__(self, activity: ActivityView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit activity"))
        form = QFormLayout(self)
        self.kind = _kind_combo()
        self.kind.setCurrentIndex(self.kind.findData(activity.kind))
        self.when = QDateTimeEdit(_qdatetime(activity.at).toLocalTime())
        self.when.setCalendarPopup(True)
        self.notes = QPlainTextEdit(activity.notes)
        self.notes.setTabChangesFocus(True)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setValue(round((activity.duration_s or 0) / 60))
        self.outcome = _outcome_combo()
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(activity.outcome)))
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&When"), self.when)
        form.addRow(self.tr("&Notes"), self.notes)
        form.addRow(self.tr("&Duration"), self.duration)
        form.addRow(self.tr("&Outcome"), self.outcome)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> dict[str, Any]:
        kind = str(self.kind.currentData())
        minutes = self.duration.value()
        return {
            "kind": kind,
            "at": datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC),
            "notes": self.notes.toPlainText(),
            "duration_s": minutes * 60 if kind in (CALL, MEETING) and minutes else None,
            "outcome": str(self.outcome.currentData()) if kind == CALL else "",
        }


class ActivityTimeline(QWidget):
    """Timeline + quick add for one lead. Writes go through ``leaddesk.core.services.activities``."""

    activity_added = Signal(int)
    activity_changed = Signal(int)

    def __init__(
        self, db: Any, lead_id: int, parent: QWidget | None = None, *, who: str | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.lead_id = lead_id
        self.who = who if who is not None else current_user()
        self.edit_dialog: ActivityEditDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        bar = QHBoxLayout()
        self.kind = _kind_combo()
        self.kind.setObjectName("quick_kind")
        self.kind.setToolTip(self.tr("Kind of activity (Ctrl+L; type its first letter)"))
        self.text = QLineEdit()
        self.text.setObjectName("quick_text")
        self.text.setPlaceholderText(self.tr("What happened? Enter adds it"))
        self.when = QDateTimeEdit()
        self.when.setObjectName("quick_when")
        self.when.setCalendarPopup(True)
        self.when.setToolTip(self.tr("When it happened"))
        self.duration = QSpinBox()
        self.duration.setObjectName("quick_duration")
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self.outcome = _outcome_combo()
        self.outcome.setObjectName("quick_outcome")
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.setObjectName("quick_add")
        # Row one is all a quick note needs; row two holds when, and for calls the duration and outcome.
        bar.addWidget(self.kind)
        bar.addWidget(self.text, 1)
        bar.addWidget(self.add_button)
        details = QHBoxLayout()
        when_label = QLabel(self.tr("&When"))
        when_label.setBuddy(self.when)
        details.addWidget(when_label)
        for widget in (self.when, self.duration, self.outcome):
            details.addWidget(widget)
        details.addStretch(1)
        layout.addLayout(bar)
        layout.addLayout(details)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d0443e;")
        self.error.hide()
        layout.addWidget(self.error)

        self.model = ActivityModel(self)
        self.view = QListView()
        self.view.setObjectName("timeline")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ActivityDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.view, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.text.returnPressed.connect(self.add_from_bar)
        self.add_button.clicked.connect(self.add_from_bar)
        self.view.activated.connect(self.edit)
        shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.kind.setFocus(Qt.FocusReason.ShortcutFocusReason))
        saved_at_once = QLabel(self.tr("Activities are saved as soon as you add them."))
        saved_at_once.setObjectName("savedAtOnce")
        saved_at_once.setEnabled(False)  # a quiet hint, not a control
        layout.addWidget(saved_at_once)
        self._kind_changed()
        self._reset_when()
        follow_lead(self, db, lambda: self.lead_id, self.reload)
        self.reload()

    def _reset_when(self) -> None:
        """Show "now"; left untouched, an activity is logged at the moment it is added, not when shown."""
        self._when_shown = QDateTime.currentDateTime()
        self.when.setDateTime(self._when_shown)

    def reload(self) -> None:
        self.model.set_rows(list_activities(self.db, self.lead_id))

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.duration.setVisible(kind in (CALL, MEETING))
        self.outcome.setVisible(kind == CALL)

    def add_from_bar(self) -> ActivityView | None:
        kind = str(self.kind.currentData())
        text = self.text.text().strip()
        minutes = self.duration.value()
        try:
            activity = add_activity(
                self.db,
                self.lead_id,
                kind,
                at=None
                if self.when.dateTime() == self._when_shown
                else datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC),
                who=self.who,
                notes=text,
                duration_s=minutes * 60 if kind in (CALL, MEETING) and minutes else None,
                outcome=str(self.outcome.currentData()) if kind == CALL else "",
            )
        except LeadDeskError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return None
        self.error.hide()
        self.text.clear()
        self.duration.setValue(0)
        self.outcome.setCurrentIndex(0)  # the next call's outcome is not this one's
        self._reset_when()
        self.reload()
        self.activity_added.emit(self.lead_id)
        return activity

    def edit(self, index: QModelIndex) -> ActivityEditDialog | None:
        activity = index.data(ActivityRole)
        if not isinstance(activity, ActivityView):
            return None
        dialog = ActivityEditDialog(activity, self)
        self.edit_dialog = dialog

        def save() -> None:
            try:
                update_activity(self.db, activity.id, dialog.changes())
            except LeadDeskError as exc:
                QMessageBox.warning(self, self.tr("Activity not saved"), error_text(exc))
                return
            self.reload()
            self.activity_changed.emit(self.lead_id)

        dialog.accepted.connect(save)
        dialog.open()
        return dialog


def current_user() -> str:
    """Who is logged as the author of activities and BANT changes (see ``leaddesk.core.who``)."""
    return who.current()
