"""Past imports with their counts; any of them can be undone later as a whole."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database, as_utc
from leaddesk.core.models import ImportBatch
from leaddesk.core.services.imports import UndoRefused, UndoResult, list_batches, undo_import
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.imports.jobs import BackgroundJob
from leaddesk.ui.zone import local_text, to_local


class BatchModel(QAbstractTableModel):
    """One row per import: when, files, new, updated, skipped, errors, undone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batches: list[ImportBatch] = []

    def set_batches(self, batches: list[ImportBatch]) -> None:
        self.beginResetModel()
        self.batches = batches
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.batches)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        b = self.batches[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and b.undone_at is not None:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and b.undone_at is not None:
            font = QApplication.font()
            font.setStrikeOut(True)
            return font if index.column() != 6 else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        started = as_utc(b.started_at)
        when = local_text(started) if started else ""
        undone = as_utc(b.undone_at)
        return (
            when,
            b.file_name,
            str(b.created_count),
            str(b.updated_count),
            str(b.skipped_count),
            str(b.error_count),
            local_text(undone) if undone else "",
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("When"),
                self.tr("Files"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Skipped"),
                self.tr("Errors"),
                self.tr("Undone"),
            )[section]
        return None


class ImportHistory(QDialog):
    """Lists imports; "Undo" takes the selected one back (refused if its leads were edited since)."""

    undone = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: BackgroundJob | None = None
        self.setWindowTitle(self.tr("Past imports"))
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        self.model = BatchModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch()
        self.undo_button = QPushButton(self.tr("&Undo import…"))
        self.undo_button.setAutoDefault(False)  # Enter in the list must not undo anything
        self.undo_button.clicked.connect(lambda: self.undo(force=False))
        self.force_button = QPushButton(self.tr("Undo, &keep edited leads"))
        self.force_button.setAutoDefault(False)
        self.force_button.clicked.connect(lambda: self.undo(force=True))
        self.force_button.hide()
        close = QPushButton(self.tr("&Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        for b in (self.undo_button, self.force_button, close):
            row.addWidget(b)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.reload()

    def reload(self) -> None:
        self.model.set_batches(list_batches(self.db))
        self.view.resizeColumnsToContents()
        if self.model.rowCount():
            self.view.selectRow(0)
        self._selected()

    def selected_batch(self) -> ImportBatch | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.batches[rows[0].row()] if rows else None

    def _selected(self, *_args: Any) -> None:
        batch = self.selected_batch()
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None)
        self.force_button.hide()

    def undo(self, *, force: bool) -> None:
        batch = self.selected_batch()
        if batch is None or batch.id is None:
            return
        batch_id = batch.id
        if not force and not confirm_undo_import(self, self.db, batch_id):
            return  # the forced undo comes after a confirmed one was refused
        self.undo_button.setEnabled(False)
        self.job = job = BackgroundJob(self.db, lambda _p: undo_import(self.db, batch_id, force=force), self)
        job.succeeded.connect(self._undone)
        job.failed.connect(lambda message: self._failed(message, job.error))
        job.start()

    def _undone(self, result: UndoResult) -> None:
        text = self.tr("Import %1 undone: leads removed: %2, restored: %3.")
        text = text.replace("%1", str(result.batch_id)).replace("%2", str(result.removed))
        self.status.setText(text.replace("%3", str(result.restored)))
        self.reload()
        self.undone.emit(result.batch_id)

    def _failed(self, message: str, error: BaseException | None = None) -> None:
        """Show why; offer the forced undo only for a refusal (by type: the text is translated)."""
        self.status.setText(message)
        self.undo_button.setEnabled(True)
        self.force_button.setVisible(isinstance(error, UndoRefused))


class UndoImportQuestion(QObject):
    """The question before an import is taken back (the import wizard and the history ask it)."""

    def ask(self, parent: QWidget | None, db: Database, batch_id: int) -> bool:
        """ "Remove 22 leads imported on 03.12.2026 from outlook.csv?" — Cancel is the default,
        so Enter never undoes an import."""
        batch = next((b for b in list_batches(db) if b.id == batch_id), None)
        if batch is None:
            return False
        started = as_utc(batch.started_at)
        day = ""
        if started:
            local = to_local(started)
            day = QLocale().toString(
                QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat
            )
        text = (
            self.tr("Remove %n lead(s) imported on %1 from %2?", "", batch.created_count)
            .replace("%1", day)
            .replace("%2", batch.file_name)
        )
        if batch.updated_count:
            text += " " + self.tr(
                "%n updated lead(s) get their earlier values back.", "", batch.updated_count
            )
        return ask_destructive(parent, self.tr("Undo import"), text, self.tr("Undo import"))


def confirm_undo_import(parent: QWidget | None, db: Database, batch_id: int) -> bool:
    """Ask before undoing import ``batch_id``; True when the person chose to undo it."""
    return UndoImportQuestion().ask(parent, db, batch_id)


def open_import_history(db: Database, parent: QWidget | None = None) -> ImportHistory:
    dialog = ImportHistory(db, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
    dialog.show()
    return dialog
