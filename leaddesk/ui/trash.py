"""File → Trash: the leads deleted in the last 30 days, to restore or to remove for good."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.services.trash import TRASH_DAYS, TrashedLead, empty_trash, list_trash, restore_leads
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.i18n import error_text, stage_label
from leaddesk.ui.ops import operations
from leaddesk.ui.zone import local_text

AnyIndex = QModelIndex | QPersistentModelIndex


class TrashModel(QAbstractTableModel):
    """Name, company, stage it had, when it was deleted."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TrashedLead] = []

    def set_rows(self, rows: list[TrashedLead]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Company"), self.tr("Stage"), self.tr("Deleted"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return row.name or row.company
        if col == 1:
            return row.company
        if col == 2:
            return stage_label(row.stage)
        return local_text(row.deleted_at)


class TrashDialog(QDialog):
    """Restore (Enter) or remove for good (asks first); follows every change to the trash."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Trash"))
        layout = QVBoxLayout(self)
        self.info = QLabel(
            self.tr("Deleted leads stay here for %1 days; then they are removed for good.").replace(
                "%1", str(TRASH_DAYS)
            )
        )
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.model = TrashModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(lambda _index: self.restore())
        layout.addWidget(self.view, 1)
        self.message = QLabel()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.clicked.connect(self.restore)
        self.empty_button = QPushButton(self.tr("&Empty trash…"))
        self.empty_button.setAutoDefault(False)
        self.empty_button.clicked.connect(self.empty)
        row.addWidget(self.restore_button)
        row.addWidget(self.empty_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        operations(db).changed.connect(self._on_changes)
        self.resize(640, 420)
        self.reload()

    def _on_changes(self, changes: Changes) -> None:
        if changes.trash or changes.removed or changes.created:
            self.reload()

    def reload(self) -> None:
        self.model.set_rows(list_trash(self.db))
        has_rows = bool(self.model.rows)
        self.restore_button.setEnabled(has_rows)
        self.empty_button.setEnabled(has_rows)
        if has_rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        if not has_rows:
            self.message.setText(self.tr("The trash is empty."))

    def selected(self) -> list[TrashedLead]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        return [self.model.rows[r] for r in sorted(rows) if r < len(self.model.rows)]

    def restore(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        try:
            restore_leads(self.db, [r.id for r in chosen])  # the change signal puts them on the board
        except LeadDeskError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText(self.tr("Restored: %1").replace("%1", ", ".join(r.display_name for r in chosen)))

    def empty(self) -> None:
        count = len(self.model.rows)
        if not count or not ask_destructive(
            self,
            self.tr("Empty trash"),
            self.tr("Remove %n lead(s) in the trash for good? This cannot be undone.", "", count),
            self.tr("Remove for good"),
        ):
            return
        try:
            removed = empty_trash(self.db, ids=[r.id for r in self.model.rows])
        except LeadDeskError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText(self.tr("%n lead(s) removed for good.", "", removed))
