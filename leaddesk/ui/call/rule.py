"""Settings page for the qualification rule: which BANT sections must be confirmed for SQL.

Hook: the main window's settings (e.g. "Settings → Qualification rule…") opens
``QualificationRuleDialog(db, parent)`` with ``open()``; it saves on OK.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.errors import ValidationError
from leaddesk.core.services.qualification import SECTIONS, VerdictRule, get_rule, set_rule
from leaddesk.ui.i18n import error_text
from leaddesk.ui.labels import section_labels


class QualificationRuleDialog(QDialog):
    """Required sections, how many of the others, and whether a no-fit suggests Lost."""

    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Qualification rule"))
        rule = get_rule(db)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("A call suggests moving the lead to SQL when these sections are confirmed:"))
        )
        row = QHBoxLayout()
        self.required: dict[str, QCheckBox] = {}
        for section in SECTIONS:
            box = QCheckBox(section_labels()[section])
            box.setObjectName(f"required_{section}")
            box.setChecked(section in rule.required)
            box.toggled.connect(self._limit_others)
            self.required[section] = box
            row.addWidget(box)
        layout.addLayout(row)
        form = QFormLayout()
        self.min_others = QSpinBox()
        self.min_others.setObjectName("min_others")
        form.addRow(self.tr("…and at least this many &of the other sections"), self.min_others)
        layout.addLayout(form)
        self.no_fit = QCheckBox(self.tr("A section that does &not fit suggests Lost"))
        self.no_fit.setObjectName("no_fit_means_lost")
        self.no_fit.setChecked(rule.no_fit_means_lost)
        layout.addWidget(self.no_fit)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d0443e;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(lambda: self.show_rule(VerdictRule()))
        layout.addWidget(buttons)
        self.show_rule(rule)

    def show_rule(self, rule: VerdictRule) -> None:
        for section, box in self.required.items():
            box.setChecked(section in rule.required)
        self._limit_others()
        self.min_others.setValue(rule.min_others)
        self.no_fit.setChecked(rule.no_fit_means_lost)

    def _limit_others(self) -> None:
        self.min_others.setMaximum(len(SECTIONS) - len(self.rule_required()))

    def rule_required(self) -> tuple[str, ...]:
        return tuple(s for s, box in self.required.items() if box.isChecked())

    def rule(self) -> VerdictRule:
        return VerdictRule(self.rule_required(), self.min_others.value(), self.no_fit.isChecked())

    def save(self) -> None:
        try:
            rule = self.rule()
        except ValidationError as exc:
            self.error.setText(error_text(exc))
            return
        set_rule(self.db, rule)
        self.accept()
