"""The rule editor's list of rules (a table model), and each rule in words.

Used by the editor (leaddesk/ui/scoring/rule_editor.py) and wherever a rule is shown as one
line: "Job title contains inhaber, leiter".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QWidget,
)

from leaddesk.core.scoring import (
    Rule,
)
from leaddesk.ui.scoring.labels import field_label, rule_name

Index = QModelIndex | QPersistentModelIndex

# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def operator_label(op: str) -> str:
    """The operator in words; literal ``_t`` calls so ``pyside6-lupdate`` finds every string."""
    labels = {
        "equals": translate("RuleEditor", "is"),
        "not_equals": translate("RuleEditor", "is not"),
        "one_of": translate("RuleEditor", "is one of"),
        "contains": translate("RuleEditor", "contains"),
        "starts_with": translate("RuleEditor", "starts with"),
        "is_empty": translate("RuleEditor", "is empty"),
        "is_set": translate("RuleEditor", "is filled in"),
        "between": translate("RuleEditor", "is between"),
        "at_least": translate("RuleEditor", "is at least"),
        "at_most": translate("RuleEditor", "is at most"),
        "is_freemail": translate("RuleEditor", "is a free-mail address"),
        "happened": translate("RuleEditor", "happened"),
    }
    return labels.get(op, op)


def format_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        # No thousands separator: "10.000" in German would be read back as 10 by a plain parse.
        locale = QLocale()
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        return locale.toString(value)
    return "" if value is None else str(value)


def describe(rule: Rule) -> str:
    """One line a business owner can read: "Job title contains inhaber, leiter"."""
    label = field_label(rule.field)
    if rule.is_activity:
        text = label
        if rule.min_count > 1:
            text += " " + translate("RuleEditor", "≥%1×").replace("%1", str(rule.min_count))
        if rule.within_days:
            text += " " + translate("RuleEditor", "within %1 days").replace("%1", str(rule.within_days))
        if rule.decay_mode == "linear":
            text += ", " + translate("RuleEditor", "fades to 0 over %1 days").replace(
                "%1", str(rule.decay_days)
            )
        elif rule.decay_mode == "half_life":
            text += ", " + translate("RuleEditor", "halves every %1 days").replace("%1", str(rule.decay_days))
        return text
    if rule.operator == "between":
        low, high = rule.value["min"], rule.value["max"]
        if high is None:
            return f"{label} ≥ {format_value(low)}"
        if low is None:
            return f"{label} ≤ {format_value(high)}"
        return f"{label} {format_value(low)}–{format_value(high)}"
    return f"{label} {operator_label(rule.operator)} {format_value(rule.value)}".rstrip()


class RuleTableModel(QAbstractTableModel):
    """The rules being edited (validated ``Rule`` values) with a problem text per row."""

    rules_changed = Signal()
    COLUMNS = 4  # on, name, condition, points

    def __init__(self, rules: list[Rule], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules = list(rules)
        self._errors = [""] * len(rules)

    # --- editing API ---------------------------------------------------------------------------
    def rules(self) -> list[Rule]:
        return list(self._rules)

    def rule(self, row: int) -> Rule:
        return self._rules[row]

    def has_errors(self) -> bool:
        return any(self._errors)

    def set_rules(self, rules: list[Rule]) -> None:
        self.beginResetModel()
        self._rules = list(rules)
        self._errors = [""] * len(rules)
        self.endResetModel()
        self.rules_changed.emit()

    def replace_rule(self, row: int, rule: Rule) -> None:
        self._rules[row] = replace(rule, id=self._rules[row].id)
        self._errors[row] = ""
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))
        self.rules_changed.emit()

    def set_error(self, row: int, message: str) -> None:
        self._errors[row] = message
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def insert_rule(self, row: int, rule: Rule) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rules.insert(row, rule)
        self._errors.insert(row, "")
        self.endInsertRows()
        self.rules_changed.emit()

    def remove_rule(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rules[row]
        del self._errors[row]
        self.endRemoveRows()
        self.rules_changed.emit()

    def move_rule(self, row: int, delta: int) -> bool:
        target = row + delta
        if not (0 <= row < len(self._rules) and 0 <= target < len(self._rules)) or delta == 0:
            return False
        # Qt's destination index counts positions before the move.
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest)
        self._rules.insert(target, self._rules.pop(row))
        self._errors.insert(target, self._errors.pop(row))
        self.endMoveRows()
        self.rules_changed.emit()
        return True

    # --- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rules)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("On"), self.tr("Rule"), self.tr("Condition"), self.tr("Points"))[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        rule = self._rules[index.row()]
        error = self._errors[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 1:
                group = self.tr("Fit") if rule.group == "fit" else self.tr("Engagement")
                return f"{rule_name(rule.name)}  ·  {group}"
            if col == 2:
                return describe(rule)
            if col == 3:
                return f"{rule.points:+d}"
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return error or describe(rule)
        if role == Qt.ItemDataRole.ForegroundRole:
            if error:
                return QBrush(QColor("#b3261e"))
            if not rule.enabled:
                return QBrush(QColor("#888888"))
            if col == 3:
                return QBrush(QColor("#b3261e" if rule.points < 0 else "#1b6e3a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            row = index.row()
            self._rules[row] = replace(self._rules[row], enabled=checked)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))
            self.rules_changed.emit()
            return True
        return False
