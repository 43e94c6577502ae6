"""The import report's table: every error, warning and duplicate of a dry run, worst first.

A duplicate's row takes the person's choice for it (skip, update, merge, new) by key.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QTableView,
    QWidget,
)

from leaddesk.core.services.imports import (
    ImportPlan,
)
from leaddesk.ui.i18n import tr_core
from leaddesk.ui.imports.labels import action_labels, reason_labels, target_labels

_SEVERITY_ORDER = {"error": 0, "duplicate": 1, "warning": 2}


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
            if index.column() == 5:
                decision = self._plan.rows[plan_row].decision if self._plan and plan_row >= 0 else None
                choices = {
                    "skip": self.tr("Skip"),
                    "update": self.tr("Update"),
                    "merge": self.tr("Merge"),
                    "new": self.tr("Import as new"),
                }
                return choices.get(decision or "", "")
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
