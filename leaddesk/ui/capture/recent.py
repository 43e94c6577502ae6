"""The quick entry's list of cards saved in this session, newest first (a table model and its box)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from leaddesk.core.services.leads import LeadView
from leaddesk.core.validation import format_phone
from leaddesk.ui.zone import to_local

# Rows the list keeps; older cards drop off the bottom.
RECENT_LIMIT = 50


@dataclass(frozen=True)
class RecentEntry:
    lead: LeadView
    action: str  # "new", "merged", "edited"
    at: datetime


class RecentModel(QAbstractTableModel):
    """The cards captured in this session, newest first; plain values, no session objects."""

    LeadIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RecentEntry] = []

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Time"),
            self.tr("Name"),
            self.tr("Company"),
            self.tr("Email"),
            self.tr("Phone"),
            self.tr("Saved as"),
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if role == self.LeadIdRole:
            return entry.lead.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        lead = entry.lead
        column = index.column()
        if column == 0:
            local = to_local(entry.at)
            return QLocale().toString(
                QTime(local.hour, local.minute, local.second), QLocale.FormatType.ShortFormat
            )
        if column == 1:
            return lead.name
        if column == 2:
            return lead.company
        if column == 3:
            return lead.email
        if column == 4:
            return format_phone(lead.phone or lead.mobile)
        return {"new": self.tr("new lead"), "merged": self.tr("merged"), "edited": self.tr("corrected")}.get(
            entry.action, entry.action
        )

    def entry(self, row: int) -> RecentEntry:
        return self._rows[row]

    def put(self, entry: RecentEntry) -> None:
        """Add a saved card at the top. A correction refreshes its row in place; a card merged
        into a lead already listed moves that row to the top."""
        for row, old in enumerate(self._rows):
            if old.lead.id != entry.lead.id:
                continue
            if entry.action == "edited":
                self._rows[row] = RecentEntry(entry.lead, old.action, old.at)
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            break
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, entry)
        self.endInsertRows()
        if len(self._rows) > RECENT_LIMIT:
            self.beginRemoveRows(QModelIndex(), RECENT_LIMIT, len(self._rows) - 1)
            del self._rows[RECENT_LIMIT:]
            self.endRemoveRows()


class RecentCards(QGroupBox):
    """The box below the card: the session's cards; Enter (``view.activated``) corrects one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Last cards (select and press Enter to correct)"))
        layout = QVBoxLayout(self)
        self.model = RecentModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The time column is sized for the widest local time, not to its contents (which start empty).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        sample = QLocale().toString(QTime(23, 59), QLocale.FormatType.ShortFormat)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance(sample + "MM") + 12)
        layout.addWidget(self.view)
