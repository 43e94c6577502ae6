"""The scoring rule editor: list, add, edit, enable/disable, reorder, settings, live preview, save.

``RuleEditor(db)`` is a non-modal dialog the main window opens from its menu. Edits
stay in the dialog until Save; the preview (hits of the selected rule, score
distribution, leads ready for MQL/SQL before → after) is recomputed off the GUI thread
shortly after each change. Save writes rules, settings and every lead's score in one
transaction in the background, with progress and Cancel (which leaves everything as
it was). ``rules_saved`` fires afterwards so the board can refresh its badges.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError, ValidationError
from leaddesk.core.models import utcnow
from leaddesk.core.scoring import (
    RescoreCancelled,
    RescoreReport,
    Rule,
    Settings,
    default_rules,
    load_rules,
    load_settings,
    rules_from_json,
    rules_to_json,
    save_and_rescore,
    validate_rule,
    validate_settings,
)
from leaddesk.core.scoring.preview import BUCKET_LABELS, Preview, preview
from leaddesk.core.scoring.rules import FIELDS, NO_VALUE_OPERATORS, OPERATORS, Kind
from leaddesk.ui.dialogs import save_question
from leaddesk.ui.i18n import error_text, rule_field_labels
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.scoring.labels import field_label, rule_name

Index = QModelIndex | QPersistentModelIndex
PREVIEW_DELAY_MS = 250


#: Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
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


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _number(text: str) -> float | int | str:
    """A number typed in the user's locale first ("1.500" is 1500 in German), else plainly
    ("1.5", or a decimal comma in the English UI); the raw text when it is none."""
    raw = text.strip()
    value, ok = QLocale().toDouble(raw)
    for candidate in [] if ok else [raw, raw.replace(",", ".")]:
        try:
            value, ok = float(candidate), True
            break
        except ValueError:
            continue
    if not ok or not math.isfinite(value):
        return raw
    return int(value) if value.is_integer() else value


class RuleForm(QWidget):
    """Edits one rule; ``edited`` carries loose data for ``validate_rule``."""

    edited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.name = QLineEdit()
        self.group = QComboBox()
        self.group.addItem(self.tr("Fit — who they are"), "fit")
        self.group.addItem(self.tr("Engagement — what they did"), "engagement")
        self.field = QComboBox()
        self.operator = QComboBox()
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("several values separated by commas"))
        self.low = QLineEdit()
        self.low.setPlaceholderText(self.tr("from"))
        self.high = QLineEdit()
        self.high.setPlaceholderText(self.tr("to"))
        range_row = QWidget()
        range_layout = QHBoxLayout(range_row)
        range_layout.setContentsMargins(0, 0, 0, 0)
        range_layout.addWidget(self.low)
        range_layout.addWidget(QLabel("–"))
        range_layout.addWidget(self.high)
        self.range_row = range_row
        self.min_count = QSpinBox()
        self.min_count.setRange(1, 1000)
        self.min_count.setSuffix(self.tr(" time(s) or more"))
        self.within = QSpinBox()
        self.within.setRange(0, 3650)
        self.within.setSpecialValueText(self.tr("any time"))
        self.within.setSuffix(self.tr(" days"))
        self.decay = QComboBox()
        self.decay.addItem(self.tr("never fades"), "none")
        self.decay.addItem(self.tr("fades linearly to 0 after"), "linear")
        self.decay.addItem(self.tr("halves every"), "half_life")
        self.decay_days = QSpinBox()
        self.decay_days.setRange(1, 3650)
        self.decay_days.setValue(90)
        self.decay_days.setSuffix(self.tr(" days"))
        decay_row = QWidget()
        decay_layout = QHBoxLayout(decay_row)
        decay_layout.setContentsMargins(0, 0, 0, 0)
        decay_layout.addWidget(self.decay, 1)
        decay_layout.addWidget(self.decay_days)
        self.decay_row = decay_row
        self.points = QSpinBox()
        self.points.setRange(-1000, 1000)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)

        self.form = QFormLayout(self)
        self.form.addRow(self.tr("&Name"), self.name)
        self.form.addRow(self.tr("&Group"), self.group)
        self.form.addRow(self.tr("&Looks at"), self.field)
        self.form.addRow(self.tr("&Condition"), self.operator)
        self.form.addRow(self.tr("&Value"), self.value)
        self.form.addRow(self.tr("Range"), self.range_row)
        self.form.addRow(self.tr("How often"), self.min_count)
        self.form.addRow(self.tr("Within the last"), self.within)
        self.form.addRow(self.tr("Fading"), self.decay_row)
        self.form.addRow(self.tr("&Points"), self.points)
        self.form.addRow(self.error)

        self.group.currentIndexChanged.connect(self._group_changed)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.operator.currentIndexChanged.connect(self._operator_changed)
        for line in (self.name, self.value, self.low, self.high):
            line.textEdited.connect(self._emit)
        for spin in (self.min_count, self.within, self.decay_days, self.points):
            spin.valueChanged.connect(self._emit)
        self.decay.currentIndexChanged.connect(self._emit)
        self._fill_fields("fit")
        self._operator_changed()

    # --- widget plumbing -------------------------------------------------------------------------
    def _fill_fields(self, group: str, keep: str | None = None) -> None:
        self.field.blockSignals(True)
        self.field.clear()
        specs = list(FIELDS.values())
        if group == "fit":
            specs = [s for s in specs if s.kind is not Kind.ACTIVITY]
        else:  # activities first: that is what engagement usually means
            specs = [s for s in specs if s.kind is Kind.ACTIVITY] + [
                s for s in specs if s.kind is not Kind.ACTIVITY
            ]
        for spec in specs:
            name = field_label(spec.name)
            label = self.tr("Activity: %1").replace("%1", name) if spec.kind is Kind.ACTIVITY else name
            self.field.addItem(label, spec.name)
        index = self.field.findData(keep) if keep else 0
        self.field.setCurrentIndex(max(index, 0))
        self.field.blockSignals(False)
        self._fill_operators()

    def _fill_operators(self, keep: str | None = None) -> None:
        spec = FIELDS.get(self.field.currentData() or "")
        current = keep or self.operator.currentData()
        self.operator.blockSignals(True)
        self.operator.clear()
        if spec is not None:
            for op, kinds in OPERATORS.items():
                if spec.kind in kinds:
                    self.operator.addItem(operator_label(op), op)
        index = self.operator.findData(current)
        self.operator.setCurrentIndex(max(index, 0))
        self.operator.blockSignals(False)
        self._update_visibility()

    def _update_visibility(self) -> None:
        op = self.operator.currentData() or ""
        activity = op == "happened"
        for widget, visible in (
            (self.value, op not in NO_VALUE_OPERATORS and op != "between"),
            (self.range_row, op == "between"),
            (self.min_count, activity),
            (self.within, activity),
            (self.decay_row, activity),
        ):
            self.form.setRowVisible(widget, visible)
        self.decay_days.setEnabled(self.decay.currentData() != "none")

    def _group_changed(self) -> None:
        if not self._loading:
            self._fill_fields(self.group.currentData(), keep=self.field.currentData())
            self._emit()

    def _field_changed(self) -> None:
        if not self._loading:
            self._fill_operators()
            self._emit()

    def _operator_changed(self) -> None:
        self._update_visibility()
        if not self._loading:
            self._emit()

    def _emit(self) -> None:
        self._update_visibility()
        if not self._loading:
            self.edited.emit(self.data())

    # --- values ------------------------------------------------------------------------------------
    def data(self) -> dict[str, Any]:
        """The form as loose rule data (``validate_rule`` decides what is wrong)."""
        spec = FIELDS.get(self.field.currentData() or "")
        op = self.operator.currentData() or ""
        data: dict[str, Any] = {
            "name": self.name.text().strip(),
            "group": self.group.currentData(),
            "field": self.field.currentData() or "",
            "operator": op,
            "points": self.points.value(),
        }
        if op == "between":
            low, high = self.low.text().strip(), self.high.text().strip()
            data["value"] = {"min": _number(low) if low else None, "max": _number(high) if high else None}
        elif op not in NO_VALUE_OPERATORS and spec is not None:
            text = self.value.text()
            parts = _split(text)
            numeric = spec.kind is Kind.NUMBER
            if op == "one_of" or (op in ("contains", "starts_with") and len(parts) > 1):
                data["value"] = [_number(p) if numeric else p for p in parts]
            else:
                data["value"] = _number(text) if numeric and text.strip() else text.strip()
        if op == "happened":
            data["min_count"] = self.min_count.value()
            data["within_days"] = self.within.value() or None
            data["decay_mode"] = self.decay.currentData()
            if data["decay_mode"] != "none":
                data["decay_days"] = self.decay_days.value()
        return data

    def load(self, rule: Rule | None) -> None:
        self._loading = True
        try:
            self.setEnabled(rule is not None)
            if rule is None:
                return
            self.name.setText(rule_name(rule.name))
            self.group.setCurrentIndex(self.group.findData(rule.group))
            self._fill_fields(rule.group, keep=rule.field)
            self._fill_operators(keep=rule.operator)
            self.value.setText(format_value(rule.value) if not isinstance(rule.value, dict) else "")
            if isinstance(rule.value, dict):
                self.low.setText(format_value(rule.value.get("min")))
                self.high.setText(format_value(rule.value.get("max")))
            else:
                self.low.clear()
                self.high.clear()
            self.min_count.setValue(rule.min_count)
            self.within.setValue(rule.within_days or 0)
            self.decay.setCurrentIndex(max(self.decay.findData(rule.decay_mode), 0))
            self.decay_days.setValue(rule.decay_days or 90)
            self.points.setValue(rule.points)
            self.error.clear()
            self._update_visibility()
        finally:
            self._loading = False

    def show_error(self, message: str) -> None:
        self.error.setText(message)


class SettingsForm(QWidget):
    """Thresholds, caps, bounds and the suggest/move mode."""

    edited = Signal()
    NONE = -1001  # spin box value shown as "none"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mql = self._spin(0, 10_000)
        self.sql = self._spin(0, 10_000)
        self.fit_cap = self._spin(self.NONE, 10_000, none=self.tr("no cap"))
        self.engagement_cap = self._spin(self.NONE, 10_000, none=self.tr("no cap"))
        self.total_min = self._spin(self.NONE, 10_000, none=self.tr("no limit"))
        self.total_max = self._spin(self.NONE, 10_000, none=self.tr("no limit"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Suggest: mark the card, one click moves it"), "suggest")
        self.mode.addItem(self.tr("Move: the lead moves forward by itself"), "move")
        self.mode.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("MQL threshold"), self.mql)
        form.addRow(self.tr("SQL threshold"), self.sql)
        form.addRow(self.tr("Fit cap"), self.fit_cap)
        form.addRow(self.tr("Engagement cap"), self.engagement_cap)
        form.addRow(self.tr("Lowest total"), self.total_min)
        form.addRow(self.tr("Highest total"), self.total_max)
        form.addRow(self.tr("When a threshold is crossed"), self.mode)
        form.addRow(self.error)
        # A long (e.g. German) label and combo: put the field under its label, not widen the editor.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    def _spin(self, low: int, high: int, none: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        if none:
            spin.setSpecialValueText(none)
        spin.valueChanged.connect(lambda _v: self.edited.emit())
        return spin

    def _get(self, spin: QSpinBox) -> int | None:
        return None if spin.value() == self.NONE else spin.value()

    def load(self, settings: Settings) -> None:
        for widget in (self.mql, self.sql, self.fit_cap, self.engagement_cap, self.total_min, self.total_max):
            widget.blockSignals(True)
        self.mql.setValue(settings.mql_threshold)
        self.sql.setValue(settings.sql_threshold)
        for spin, value in (
            (self.fit_cap, settings.fit_cap),
            (self.engagement_cap, settings.engagement_cap),
            (self.total_min, settings.total_min),
            (self.total_max, settings.total_max),
        ):
            spin.setValue(self.NONE if value is None else value)
            spin.blockSignals(False)
        self.mql.blockSignals(False)
        self.sql.blockSignals(False)
        self.mode.blockSignals(True)
        self.mode.setCurrentIndex(max(self.mode.findData(settings.mode), 0))
        self.mode.blockSignals(False)

    def settings(self) -> Settings:
        """Validated settings; ValidationError (also shown in the form) when they do not fit together."""
        data = {
            "mql_threshold": self.mql.value(),
            "sql_threshold": self.sql.value(),
            "fit_cap": self._get(self.fit_cap),
            "engagement_cap": self._get(self.engagement_cap),
            "total_min": self._get(self.total_min),
            "total_max": self._get(self.total_max),
            "mode": self.mode.currentData(),
        }
        try:
            result = validate_settings(data)
        except ValidationError as exc:
            self.error.setText(error_text(exc))
            raise
        self.error.clear()
        return result


class HistogramWidget(QWidget):
    """Score distribution before (grey) and after (blue) the edit, one pair of bars per bucket."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.before: tuple[int, ...] = ()
        self.after: tuple[int, ...] = ()
        self.setMinimumHeight(110)

    def sizeHint(self) -> QSize:
        return QSize(320, 130)

    def set_values(self, before: tuple[int, ...], after: tuple[int, ...]) -> None:
        self.before, self.after = before, after
        tips = [f"{label}: {b} → {a}" for label, b, a in zip(BUCKET_LABELS, before, after, strict=False)]
        self.setToolTip("\n".join(tips))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(4, 4, -4, -18)
        n = len(BUCKET_LABELS)
        top = max([1, *self.before, *self.after])
        slot = rect.width() / n
        bar = slot * 0.38
        palette = self.palette()
        for i in range(n):
            x = rect.left() + i * slot
            for j, (values, color) in enumerate(
                ((self.before, QColor("#9e9e9e")), (self.after, QColor("#1e63b5")))
            ):
                value = values[i] if i < len(values) else 0
                height = rect.height() * value / top
                painter.fillRect(QRectF(x + 2 + j * bar, rect.bottom() - height, bar, height), color)
            if i % 2 == 1:
                painter.setPen(palette.color(palette.ColorRole.WindowText))
                painter.drawText(
                    QRectF(x - slot / 2, rect.bottom() + 2, slot * 2, 14),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    BUCKET_LABELS[i].split("–")[0],
                )
        painter.end()


class RuleEditor(QDialog):
    """The rule editor window. ``now`` may be injected (tests, simulated time)."""

    rules_saved = Signal(object)  # RescoreReport
    preview_updated = Signal(object)  # Preview
    save_failed = Signal(str)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, now: Callable[[], datetime] = utcnow
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scoring rules"))
        self.setModal(False)
        self.db = db
        self.now = now
        self.saved_settings = load_settings(db)
        self.model = RuleTableModel(load_rules(db), self)
        self.last_preview: Preview | None = None
        self._preview_task: Op | None = None
        self._preview_generation = 0
        self._save_task: Op | None = None

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 240)

        self.add_button = QPushButton(self.tr("&Add"))
        self.remove_button = QPushButton(self.tr("&Delete"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.defaults_button = QPushButton(self.tr("Default rules"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.defaults_button, self.import_button, self.export_button):
            buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.form = RuleForm()
        rule_box = QGroupBox(self.tr("Selected rule"))
        QVBoxLayout(rule_box).addWidget(self.form)
        self.settings_form = SettingsForm()
        self.settings_form.load(self.saved_settings)
        settings_box = QGroupBox(self.tr("Thresholds and limits"))
        QVBoxLayout(settings_box).addWidget(self.settings_form)

        self.hits_label = QLabel()
        self.ready_label = QLabel()
        self.mean_label = QLabel()
        self.histogram = HistogramWidget()
        self.preview_state = QLabel()
        self.preview_state.setStyleSheet("color: #666666")
        preview_box = QGroupBox(self.tr("Preview (before → after saving)"))
        preview_layout = QVBoxLayout(preview_box)
        for w in (self.hits_label, self.ready_label, self.mean_label, self.histogram, self.preview_state):
            preview_layout.addWidget(w)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(rule_box)
        right_layout.addWidget(settings_box)
        right_layout.addWidget(preview_box, 1)

        # The right side scrolls vertically so the editor fits a 1280×800 laptop screen.
        right_scroll = QScrollArea()
        right_scroll.setWidget(right)
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scrollbar = right_scroll.verticalScrollBar().sizeHint().width()
        right_scroll.setMinimumWidth(right.minimumSizeHint().width() + scrollbar)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel rescoring"))
        self.cancel_button.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.button_box)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1180, 720)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.start_preview)

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.rules_changed.connect(self.schedule_preview)
        self.form.edited.connect(self._form_edited)
        self.settings_form.edited.connect(self.schedule_preview)
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button.clicked.connect(self.remove_rule)
        self.up_button.clicked.connect(lambda: self.move_rule(-1))
        self.down_button.clicked.connect(lambda: self.move_rule(1))
        self.defaults_button.clicked.connect(lambda: self.model.set_rules(default_rules()))
        self.import_button.clicked.connect(self.import_rules)
        self.export_button.clicked.connect(self.export_rules)
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.close)
        self.cancel_button.clicked.connect(self.cancel_save)
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.add_rule),
            (QKeySequence.StandardKey.Delete, self.remove_rule),
            (QKeySequence("Ctrl+Up"), lambda: self.move_rule(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_rule(1)),
            (QKeySequence.StandardKey.Save, self.save),
        ):
            QShortcut(keys, self, activated=slot)
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.form.load(None)
        self._update_buttons()
        self._clean = self.candidate()  # what is stored: closing asks when the editor differs
        self._close_after_save = False
        self.close_question: QMessageBox | None = None
        self.schedule_preview()

    def has_unsaved(self) -> bool:
        """Rules or settings changed here and not saved (settings that do not parse count too)."""
        candidate = self.candidate()
        return candidate is None or candidate != self._clean

    # --- selection and editing ---------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.load(self.model.rule(current.row()) if current.isValid() else None)
        self._update_buttons()
        self.schedule_preview()

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    def _form_edited(self, data: dict[str, Any]) -> None:
        row = self.current_row()
        if row < 0:
            return
        data["enabled"] = self.model.rule(row).enabled
        try:
            rule = validate_rule(data)
        except ValidationError as exc:
            message = error_text(exc, rule_field_labels())
            self.form.show_error(message)
            self.model.set_error(row, message)
            return
        self.form.show_error("")
        self.model.replace_rule(row, rule)

    def add_rule(self) -> None:
        row = self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount()
        rule = validate_rule(
            {"name": self.tr("New rule"), "group": "fit", "field": "title", "operator": "contains",
             "value": "inhaber", "points": 5}
        )  # fmt: skip
        self.model.insert_rule(row, rule)
        self.select_row(row)
        self.form.name.setFocus()
        self.form.name.selectAll()

    def remove_rule(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.model.remove_rule(row)
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
        self._update_buttons()

    def move_rule(self, delta: int) -> None:
        row = self.current_row()
        if self.model.move_rule(row, delta):
            self.select_row(row + delta)

    # --- preview -----------------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        self.preview_state.setText(self.tr("Updating preview…"))
        self.preview_timer.start()

    def candidate(self) -> tuple[list[Rule], Settings] | None:
        try:
            settings = self.settings_form.settings()
        except ValidationError:
            return None
        return self.model.rules(), settings

    def start_preview(self) -> None:
        candidate = self.candidate()
        if candidate is None:
            self.preview_state.setText(self.tr("Fix the settings to see a preview."))
            return
        rules, settings = candidate
        row = self.current_row()
        focus = self.model.rule(row) if row >= 0 else None
        self._preview_generation += 1
        generation = self._preview_generation
        db, saved, now = self.db, self.saved_settings, self.now()

        def work(_report: Callable[[int, int], bool]) -> tuple[int, Preview]:
            return generation, preview(db, rules, settings, focus=focus, current_settings=saved, now=now)

        self._preview_task = operations(db).read(
            lambda op: work(op.report),
            done=self._preview_done,
            failed=lambda exc, _trace: self._preview_failed(exc),
            owner=self,
        )

    def _preview_done(self, result: tuple[int, Preview]) -> None:
        generation, p = result
        if generation != self._preview_generation:
            return  # a newer edit is being previewed; this result is stale
        self.last_preview = p
        locale = QLocale()
        if p.hits is None:
            self.hits_label.setText(self.tr("Select a rule to see how many leads it hits."))
        else:
            self.hits_label.setText(
                self.tr("The selected rule hits %1 of %2 leads.")
                .replace("%1", locale.toString(p.hits))
                .replace("%2", locale.toString(p.after.leads))
            )
        self.ready_label.setText(
            self.tr("Ready for MQL: %1 → %2    Ready for SQL: %3 → %4")
            .replace("%1", locale.toString(p.before.ready_mql))
            .replace("%2", locale.toString(p.after.ready_mql))
            .replace("%3", locale.toString(p.before.ready_sql))
            .replace("%4", locale.toString(p.after.ready_sql))
        )
        self.mean_label.setText(
            self.tr("Average score: %1 → %2")
            .replace("%1", locale.toString(p.before.mean, "f", 1))
            .replace("%2", locale.toString(p.after.mean, "f", 1))
        )
        self.histogram.set_values(p.before.buckets, p.after.buckets)
        self.preview_state.setText("")
        self.preview_updated.emit(p)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview_state.setText(self.tr("Preview failed: %1").replace("%1", error_text(exc)))

    # --- save --------------------------------------------------------------------------------------
    def save(self) -> None:
        if self._save_task is not None:
            return
        if self.model.has_errors():
            self.status.setText(self.tr("Some rules have problems (shown in red); fix them before saving."))
            self.save_failed.emit(self.status.text())
            return
        candidate = self.candidate()
        if candidate is None:
            self.status.setText(self.tr("The thresholds do not fit together; see the settings."))
            self.save_failed.emit(self.status.text())
            return
        rules, settings = candidate
        db, now = self.db, self.now()

        def work(report: Callable[[int, int], bool]) -> tuple[list[Rule], RescoreReport]:
            return save_and_rescore(db, rules, settings, now=now, progress=report)

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving and rescoring all leads…"))
        self._save_task = operations(db).write(
            lambda op: work(op.report),
            done=self._save_done,
            failed=lambda exc, _trace: self._save_error(exc),
            progress=self._save_progress,
            owner=self,
        )

    def _save_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish_save(self) -> None:
        self._save_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.save_button.setEnabled(True)

    def _save_done(self, result: tuple[list[Rule], RescoreReport]) -> None:
        saved, report = result
        self._finish_save()
        row = self.current_row()
        self.saved_settings = load_settings(self.db)
        self.model.set_rules(saved)
        self._clean = self.candidate()
        if 0 <= row < self.model.rowCount():
            self.select_row(row)
        locale = QLocale()
        self.status.setText(
            self.tr("Saved. %1 leads rescored, %2 changed, %3 moved forward.")
            .replace("%1", locale.toString(report.leads))
            .replace("%2", locale.toString(report.changed))
            .replace("%3", locale.toString(report.moved))
        )
        self.rules_saved.emit(report)
        if self._close_after_save:
            self.close()

    def _save_error(self, exc: BaseException) -> None:
        self._finish_save()
        self._close_after_save = False
        if isinstance(exc, RescoreCancelled):
            self.status.setText(self.tr("Cancelled: nothing was saved, all scores are as before."))
        elif isinstance(exc, LeadDeskError):
            self.status.setText(error_text(exc))
        else:
            self.status.setText(self.tr("Saving failed: %1").replace("%1", repr(exc)))
        self.save_failed.emit(self.status.text())

    def cancel_save(self) -> None:
        if self._save_task is not None:
            self._save_task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    # --- import/export -----------------------------------------------------------------------------
    def import_rules(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import scoring rules"), "", self.tr("JSON (*.json)")
        )
        if name:
            self.load_rules_file(Path(name))

    def load_rules_file(self, path: Path) -> bool:
        """Put a rules file's rules (and settings) into the editor; saved only on Save."""
        try:
            rules, settings = rules_from_json(path.read_text(encoding="utf-8"), source=path.name)
        except (OSError, LeadDeskError) as exc:
            self.status.setText(error_text(exc))
            return False
        self.model.set_rules(rules)
        if settings is not None:
            self.settings_form.load(settings)
        if rules:
            self.select_row(0)
        self.status.setText(
            self.tr("Imported %1 rules; press Save to use them.").replace("%1", str(len(rules)))
        )
        return True

    def export_rules(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export scoring rules"), "scoring-rules.json", self.tr("JSON (*.json)")
        )
        if not name:
            return
        candidate = self.candidate()
        settings = candidate[1] if candidate else None
        try:
            Path(name).write_text(rules_to_json(self.model.rules(), settings), encoding="utf-8")
        except OSError as exc:
            self.status.setText(error_text(exc))
            return
        self.status.setText(self.tr("Rules written to %1").replace("%1", name))

    # --- lifetime ----------------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and Close go through the same question as closing the window."""
        self.close()

    def closeEvent(self, event: Any) -> None:
        """Unsaved rules: Save / Discard / Cancel (Save is the default, as in the lead editor)."""
        if self._save_task is None and self.has_unsaved() and not self._close_after_save:
            event.ignore()
            box = self.close_question = save_question(
                self, self.tr("Unsaved rules"), self.tr("Save your changes to the scoring rules?")
            )
            box.finished.connect(lambda _r: self._answer_close(box))
            box.open()
            return
        # A save still running is cancelled (its transaction rolls back); its callbacks are
        # dropped with this window (``owner``), so nothing reports to a closed window.
        if self._save_task is not None and not self._close_after_save:
            self._save_task.cancel()
        self.preview_timer.stop()
        event.accept()
        QDialog.done(self, QDialog.DialogCode.Rejected)  # hides and says so, without reject() again

    def _answer_close(self, box: QMessageBox) -> None:
        self.close_question = None
        answer = box.standardButton(box.clickedButton())
        if answer == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self.save()
            if self._save_task is None:  # refused (errors shown): stay open
                self._close_after_save = False
        elif answer == QMessageBox.StandardButton.Discard:
            self._clean = self.candidate()
            self.close()
