"""A lead's whole BANT history, grouped by the call each change came from (newest first)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from leaddesk.core.services.qualification import HistoryEntry, history
from leaddesk.ui.call.dialogs import format_duration
from leaddesk.ui.call.form import target_text
from leaddesk.ui.labels import field_labels, outcome_labels, status_labels, yes_no_labels
from leaddesk.ui.zone import local_text

# Literal ``translate(context, text)`` calls below: pyside6-lupdate extracts only those.
translate = QCoreApplication.translate


def readable_value(field: str, value: str) -> str:
    """Status and yes/no keys as their labels, amounts in the locale's digits, target days as the
    form shows them (31.03.2027 in German); everything else as stored."""
    if field == "timing_target":
        return target_text(value) or "–"
    if field == "budget_amount" and value:
        try:
            return QLocale().toString(float(value), "f", 2).removesuffix(QLocale().decimalPoint() + "00")
        except ValueError:
            return value
    if field.endswith("_status"):
        return status_labels().get(value, value)
    if field in ("budget_approved", "authority_is_decision_maker"):
        return yes_no_labels().get(value, value)
    return value if value else "–"


def group_title(entry: HistoryEntry, locale: QLocale) -> str:
    when = local_text(entry.at)
    if entry.activity_id is None:
        text = translate("BantHistoryView", "Edited %1").replace("%1", when)
    else:
        call_at = entry.call_at or entry.at
        text = (
            translate("BantHistoryView", "Call %1 · %2 min · %3")
            .replace(
                "%1",
                local_text(call_at),
            )
            .replace("%2", format_duration(entry.call_duration_s or 0))
            .replace("%3", outcome_labels().get(entry.call_outcome, entry.call_outcome or "–"))
        )
    return f"{text} · {entry.who}" if entry.who else text


class BantHistoryView(QWidget):
    """Read-only tree: one node per call (or edit), its changed fields as children with before → after."""

    def __init__(self, db: Any, lead_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.lead_id = lead_id
        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setObjectName("bant_history")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.reload()

    def reload(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [
                translate("BantHistoryView", "Change"),
                translate("BantHistoryView", "Before"),
                translate("BantHistoryView", "After"),
            ]
        )
        locale = QLocale()
        entries = history(self.db, self.lead_id)
        labels = field_labels()
        groups = [
            list(rows)
            for _key, rows in groupby(
                entries, key=lambda e: (e.activity_id, e.at if e.activity_id is None else None)
            )
        ]
        for rows in reversed(groups):
            parent = QStandardItem(group_title(rows[0], locale))
            font = parent.font()
            font.setBold(True)
            parent.setFont(font)
            for entry in rows:
                parent.appendRow(
                    [
                        QStandardItem(labels.get(entry.field, entry.field)),
                        QStandardItem(readable_value(entry.field, entry.old_value)),
                        QStandardItem(readable_value(entry.field, entry.new_value)),
                    ]
                )
            self.model.appendRow([parent, QStandardItem(), QStandardItem()])
        self.view.expandAll()
        self.view.resizeColumnToContents(0)
