"""The lead editor's score breakdown: every rule that hit, its points, expiry, and manual changes.

``ScoreExplainWidget(db, lead_id)`` is self-contained; the lead editor embeds it and
listens to ``score_changed`` (a manual change or an accepted suggestion) to refresh the
card. Explaining one lead takes a few milliseconds, so it runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.models import utcnow
from leaddesk.core.scoring import explain
from leaddesk.core.scoring.explain import Explanation
from leaddesk.core.services.rescoring import add_adjustment
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import follow_lead
from leaddesk.ui.scoring.labels import rule_name
from leaddesk.ui.zone import to_local

Index = QModelIndex | QPersistentModelIndex
_NEGATIVE = QColor("#b3261e")
_POSITIVE = QColor("#1b6e3a")


def format_moment(moment: datetime | None) -> str:
    """A date in the user's locale (local time zone)."""
    if moment is None:
        return ""
    local = to_local(moment)
    return QLocale().toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)


class BreakdownModel(QAbstractTableModel):
    """Rows: rules that hit, then manual adjustments. Plain values only (no ORM rows)."""

    COLUMNS = ("what", "points", "until", "detail")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int, str, str, str]] = []

    def set_explanation(self, e: Explanation | None) -> None:
        self.beginResetModel()
        self._rows = []
        if e is not None:
            groups = {"fit": self.tr("Fit"), "engagement": self.tr("Engagement")}
            for line in e.lines:
                detail = groups.get(line.group, line.group)
                if line.points != line.full_points:
                    detail += " · " + self.tr("faded from %1").replace("%1", str(line.full_points))
                self._rows.append(
                    (rule_name(line.name), line.points, format_moment(line.expires_at), detail, line.group)
                )
            for adj in e.adjustments:
                who = adj.who or self.tr("unknown")
                detail = self.tr("Manual · %1, %2").replace("%1", who).replace("%2", format_moment(adj.at))
                self._rows.append((adj.reason, adj.points, "", detail, "manual"))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Reason"), self.tr("Points"), self.tr("Counts until"), self.tr("Kind"))[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        name, points, until, detail, kind = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return name
            if col == 1:
                return f"{points:+d}"
            return until if col == 2 else detail
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(_NEGATIVE if points < 0 else _POSITIVE)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return kind
        return None


class ScoreExplainWidget(QWidget):
    """Why the lead has its score, plus "add/subtract points" with a mandatory reason."""

    score_changed = Signal(int)
    # Accepting the suggestion goes through the board (one undoable path): lead id.
    accept_requested = Signal(int)

    def __init__(
        self,
        db: Database,
        lead_id: int | None = None,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.now = now
        self.lead_id: int | None = None
        self.explanation: Explanation | None = None

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = QFont(self.summary.font())
        font.setBold(True)
        self.summary.setFont(font)
        self.suggestion = QLabel()
        self.accept_button = QPushButton(self.tr("Accept move"))
        self.accept_button.clicked.connect(self.accept_suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.accept_button)

        self.model = BreakdownModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self.points = QSpinBox()
        self.points.setRange(-1000, 1000)
        self.points.setValue(10)
        self.points.setToolTip(self.tr("Points to add (negative to subtract)"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (required), e.g. “Met the owner at the fair”"))
        self.add_button = QPushButton(self.tr("Adjust score"))
        self.add_button.setEnabled(False)
        self.reason.textChanged.connect(self._update_add_button)
        self.points.valueChanged.connect(self._update_add_button)
        self.reason.returnPressed.connect(self.add_adjustment)
        self.add_button.clicked.connect(self.add_adjustment)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.error.hide()
        adjust_row = QHBoxLayout()
        adjust_row.addWidget(QLabel(self.tr("Manual points:")))
        adjust_row.addWidget(self.points)
        adjust_row.addWidget(self.reason, 1)
        adjust_row.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(suggestion_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(adjust_row)
        saved_at_once = QLabel(
            self.tr("Points are saved as soon as you add them; the history keeps who and why.")
        )
        saved_at_once.setObjectName("savedAtOnce")
        saved_at_once.setEnabled(False)  # a quiet hint, not a control
        saved_at_once.setWordWrap(True)
        layout.addWidget(saved_at_once)
        layout.addWidget(self.error)
        # Scores change with edits, activities, BANT, rules and other windows' writes.
        follow_lead(self, db, lambda: self.lead_id, self.refresh, also=("rules", "settings"))
        if lead_id is not None:
            self.set_lead(lead_id)
        else:
            self.refresh()

    def set_lead(self, lead_id: int | None) -> None:
        self.lead_id = lead_id
        self.reason.clear()
        self.error.hide()
        self.refresh()

    def refresh(self) -> None:
        self.explanation = explain(self.db, self.lead_id, self.now()) if self.lead_id is not None else None
        e = self.explanation
        self.model.set_explanation(e)
        self.setEnabled(e is not None)
        if e is None:
            self.summary.setText(self.tr("No lead selected"))
            self.suggestion.hide()
            self.accept_button.hide()
            return
        parts = self.tr("Score %1 = fit %2 + engagement %3 + manual %4")
        text = (
            parts.replace("%1", str(e.total))
            .replace("%2", str(e.fit))
            .replace("%3", str(e.engagement))
            .replace("%4", f"{e.manual:+d}")
        )
        notes = []
        if e.fit_capped:
            notes.append(
                self.tr("fit capped at %1 (rules give %2)")
                .replace("%1", str(e.fit))
                .replace("%2", str(e.fit_raw))
            )
        if e.engagement_capped:
            notes.append(
                self.tr("engagement capped at %1 (rules give %2)")
                .replace("%1", str(e.engagement))
                .replace("%2", str(e.engagement_raw))
            )
        unbounded = e.fit + e.engagement + e.manual
        if unbounded != e.total:
            notes.append(
                self.tr("total kept within %1…%2")
                .replace("%1", str(e.settings.total_min))
                .replace("%2", str(e.settings.total_max))
            )
        self.summary.setText(text + ("\n" + "; ".join(notes) if notes else ""))
        labels = {
            "mql": self.tr("Ready for MQL (threshold %1)").replace("%1", str(e.settings.mql_threshold)),
            "sql": self.tr("Ready for SQL (threshold %1)").replace("%1", str(e.settings.sql_threshold)),
            "below_mql": self.tr("Score is below the MQL threshold (%1)").replace(
                "%1", str(e.settings.mql_threshold)
            ),
            "below_sql": self.tr("Score is below the SQL threshold (%1)").replace(
                "%1", str(e.settings.sql_threshold)
            ),
        }
        self.suggestion.setText(labels.get(e.flag, ""))
        self.suggestion.setVisible(bool(e.flag))
        self.accept_button.setVisible(e.flag in ("mql", "sql"))
        self._update_add_button()

    def _update_add_button(self) -> None:
        self.add_button.setEnabled(bool(self.reason.text().strip()) and self.points.value() != 0)

    def add_adjustment(self) -> None:
        if self.lead_id is None or not self.add_button.isEnabled():
            return
        try:
            add_adjustment(self.db, self.lead_id, self.points.value(), self.reason.text(), now=self.now())
        except LeadDeskError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.reason.clear()
        self.error.hide()
        self.refresh()
        self.score_changed.emit(self.lead_id)

    def accept_suggestion(self) -> None:
        """Ask the board to accept (one undoable path with the card's pill); the change signal refreshes."""
        if self.lead_id is not None:
            self.accept_requested.emit(self.lead_id)
