"""The rule editor's two forms: one rule (field, operator, value, points, decay) and the settings.

Both hand out loose data the core validates (``validate_rule``, ``validate_settings``); the
editor (leaddesk/ui/scoring/rule_editor.py) shows what it says.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import (
    QLocale,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from leaddesk.core.errors import ValidationError
from leaddesk.core.scoring import (
    Rule,
    Settings,
    validate_settings,
)
from leaddesk.core.scoring.rules import FIELDS, NO_VALUE_OPERATORS, OPERATORS, Kind
from leaddesk.ui.i18n import error_text
from leaddesk.ui.scoring.labels import field_label, rule_name
from leaddesk.ui.scoring.rule_table import format_value, operator_label


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
        self.min_count.setSuffix(self.tr(" or more times"))
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
