"""The import report's table: every error, warning and duplicate of a dry run, worst first.

A duplicate's row takes the person's choice for it (skip, update, merge, new) by key. Below
the table, the current row's whole message: the table cuts a long one at its edge.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.services.imports import (
    ImportPlan,
)
from leaddesk.core.text import Text
from leaddesk.ui.i18n import tr_core
from leaddesk.ui.imports.labels import action_labels, reason_labels, target_labels

_SEVERITY_ORDER = {"error": 0, "duplicate": 1, "warning": 2}
FILE, LINE, KIND, FIELD, MESSAGE, CHOICE = range(6)


class ProblemModel(QAbstractTableModel):
    """Errors, warnings and duplicates of a plan: file, line, kind, field, message, choice.

    For a duplicate the last column holds the person's choice for that row (skip, update,
    merge, import as new); empty means the import's choice below the table applies.
    """

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int, str, str, str, int]] = []
        self._plan: ImportPlan | None = None
        self._field_labels = target_labels()

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._plan = plan
        self._rows = _problem_rows(plan) if plan is not None else []
        self.endResetModel()

    def choices(self) -> dict[str, str]:
        """What the Choice column shows for each decision."""
        return {
            "skip": self.tr("Skip"),
            "update": self.tr("Update"),
            "merge": self.tr("Merge"),
            "new": self.tr("Import as new"),
        }

    def detail(self, row: int) -> str:
        """A row as the pane below the table shows it: file and line, kind, field, then the message."""
        if not 0 <= row < len(self._rows):
            return ""
        file_name, line, _kind, _field, message, _plan_row = self._rows[row]
        where = tr_core(Text("{file}, line {line}", file=file_name, line=line))
        kind, field = (self.data(self.index(row, column)) for column in (KIND, FIELD))
        return " · ".join(x for x in (where, kind, field) if x) + "\n" + message

    def kinds(self) -> list[str]:
        return [r[2] for r in self._rows]

    def file_name(self, row: int) -> str:
        """The file a report row is about ("" outside the table): Columns… opens that one."""
        return self._rows[row][0] if 0 <= row < len(self._rows) else ""

    def set_decision(self, row: int, decision: str | None) -> bool:
        """Choose what happens to the duplicate shown in ``row``; False if it is not a duplicate."""
        if self._plan is None or not 0 <= row < len(self._rows) or self._rows[row][5] < 0:
            return False
        planned = self._plan.rows[self._rows[row][5]]
        if planned.action != "duplicate":
            return False
        planned.decision = decision
        index = self.index(row, self.COLUMNS - 1)
        self.dataChanged.emit(index, index)
        return True

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            file_name, line, kind, field, message, plan_row = row
            if index.column() == CHOICE:
                decision = self._plan.rows[plan_row].decision if self._plan and plan_row >= 0 else None
                return self.choices().get(decision or "", "")
            kinds = {
                "error": self.tr("Error"),
                "warning": self.tr("Warning"),
                "duplicate": self.tr("Duplicate"),
            }
            # The translated name, not the key; none for a row as a whole (not "— do not import —").
            field_name = self._field_labels.get(field, field) if field else ""
            return (file_name, str(line), kinds.get(kind, kind), field_name, message)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return row[4]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5 and row[5] >= 0:
            return self.tr("Keys: S skip, U update, M merge, N import as new, Backspace: as chosen below")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("File"),
                self.tr("Line"),
                self.tr("Kind"),
                self.tr("Field"),
                self.tr("Message"),
                self.tr("Choice"),
            )[section]
        return None


def _problem_rows(plan: ImportPlan) -> list[tuple[str, int, str, str, str, int]]:
    rows = [(name, i.line, i.severity, i.field, tr_core(i.message), -1) for name, i in plan.file_issues]
    reasons = reason_labels()
    actions = action_labels()
    for n, row in enumerate(plan.rows):
        rows.extend((row.file_name, i.line, i.severity, i.field, tr_core(i.message), -1) for i in row.issues)
        if row.match is not None:
            if row.match.lead_id:
                reason = reasons.get(row.match.reason, row.match.reason)
                text = f"{actions['duplicate']}: {reason} – #{row.match.lead_id}"
            else:
                first = plan.rows[row.into_row or 0]
                text = f"{actions['in_file']}: {first.file_name}:{first.line}"
            rows.append((row.file_name, row.line, "duplicate", "", f"{text} {row.match.display}".strip(), n))
    rows.sort(key=lambda r: (_SEVERITY_ORDER.get(r[2], 3), r[0], r[1]))
    return rows


_DECISION_KEYS = {Qt.Key.Key_S: "skip", Qt.Key.Key_U: "update", Qt.Key.Key_M: "merge", Qt.Key.Key_N: "new"}


class ProblemView(QTableView):
    """The report table; S/U/M/N set the choice for the selected duplicate, Backspace clears it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        if isinstance(model, ProblemModel) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            key = Qt.Key(event.key())
            if key in _DECISION_KEYS or key == Qt.Key.Key_Backspace:
                for index in self.selectionModel().selectedRows():
                    model.set_decision(index.row(), _DECISION_KEYS.get(key))
                return
        super().keyPressEvent(event)


class ProblemPanel(QWidget):
    """The report table, its message column as wide as the window leaves, and below it the current
    row's whole message (selectable, for copying); the file column only for two or more files,
    the choice column only when there are duplicates to choose for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemModel(self)
        self.view = ProblemView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel()
        self.detail.setObjectName("problemDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_plan(self, plan: ImportPlan | None) -> None:
        """Show ``plan``'s problems, worst first (None: nothing, while a new check runs)."""
        self.model.set_plan(plan)
        self.view.setColumnHidden(FILE, plan is None or len(plan.files) < 2)
        self.view.setColumnHidden(CHOICE, plan is None or plan.duplicates == 0)
        for column in (FILE, LINE, KIND, FIELD):
            self.view.resizeColumnToContents(column)
        labels = [
            str(self.model.headerData(CHOICE, Qt.Orientation.Horizontal)),
            *self.model.choices().values(),
        ]
        self.view.setColumnWidth(CHOICE, max(map(self.fontMetrics().horizontalAdvance, labels)) + 24)
        if self.model.rowCount():
            # Current, not selected: the pane shows the worst problem, and Columns… still opens the
            # first file rather than this row's.
            first = self.model.index(0, MESSAGE)
            self.view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._current_changed(self.view.currentIndex())
        self.detail.setVisible(self.model.rowCount() > 0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.detail.setText(self.model.detail(current.row()) if current.isValid() else "")
