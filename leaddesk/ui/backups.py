"""File → Backups: the automatic and manual backups, a backup now, and a restore that restarts LeadDesk.

A restore needs the database closed (every open LeadDesk holds a lock on its folder, and
``leaddesk.core.backups.restore`` refuses while anyone has it open). So the app asks, closes
its window and database, restores, and starts again on the restored file; see
``leaddesk.ui.app.run`` for the part after the window closed.

A damaged database opens read-only; :class:`DamageBanner` says so above the main window's board
and offers the newest good backup through the same dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.backups import BackupInfo, create_backup, list_backups, newest_good_backup
from leaddesk.core.db import Database
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.zone import local_text

# Set on the QApplication when the person chose a backup to restore: ``app.run`` restores it
# once the window and the database are closed, then starts LeadDesk again.
RESTORE_PROPERTY = "leaddesk_restore_from"


def request_restore(window: QWidget, backup: Path) -> None:
    """Close the app so that ``backup`` can replace the database, then start again (see ``app.run``)."""
    app = QApplication.instance()
    if app is None:
        return
    app.setProperty(RESTORE_PROPERTY, str(backup))
    window.window().close()


def _when(info: BackupInfo) -> str:
    return local_text(info.taken_at)


class BackupsDialog(QDialog):
    """Lists backups newest first; Back up now; Restore… asks, names the backup and restarts."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Backups"))
        layout = QVBoxLayout(self)
        folder = db.file.parent / "backups" if db.file is not None else None
        self.info = QLabel(
            self.tr(
                "LeadDesk backs up your database once a day and before every upgrade, merge and restore, "
                "and keeps 7 daily, 4 weekly and 12 monthly copies in %1."
            ).replace("%1", str(folder or "—"))
        )
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Kind"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_button.setAutoDefault(False)  # Enter never restores
        self.restore_button.clicked.connect(self.restore_selected)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.backups: list[BackupInfo] = []
        self.resize(620, 420)
        self.reload()

    def _kind(self, kind: str) -> str:
        labels = {
            "daily": self.tr("daily"),
            "manual": self.tr("by hand"),
            "migration": self.tr("before an upgrade"),
            "merge": self.tr("before a merge"),
            "restore": self.tr("before a restore"),
            "replaced": self.tr("replaced by a restore"),
        }
        return labels.get(kind, labels["migration"] if kind.startswith("before") else kind)

    def reload(self) -> None:
        self.backups = list_backups(self.db.file) if self.db.file is not None else []
        self.table.setRowCount(len(self.backups))
        locale = QLocale()
        for row, info in enumerate(self.backups):
            when = local_text(info.taken_at)
            size = locale.formattedDataSize(info.size)
            for col, text in enumerate((when, self._kind(info.kind), size)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("No backup yet."))
        self.restore_button.setEnabled(bool(self.backups) and self.db.file is not None)

    def backup_now(self) -> Op:
        self.backup_button.setEnabled(False)
        self.message.setText(self.tr("Backing up…"))

        def done(path: Path) -> None:
            self.backup_button.setEnabled(True)
            self.message.setText(self.tr("Backed up to %1").replace("%1", path.name))
            self.reload()

        def failed(exc: BaseException, _trace: str) -> None:
            self.backup_button.setEnabled(True)
            self.message.setText(error_text(exc))

        return operations(self.db).write(
            lambda _op: create_backup(self.db, "manual"), done=done, failed=failed, owner=self
        )

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def restore_selected(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        when = local_text(info.taken_at)
        if not ask_destructive(
            self,
            self.tr("Restore backup"),
            self.tr(
                "Replace your database with the backup of %1? Changes made since then are no longer shown; "
                "your current database is kept beside it. LeadDesk closes and starts again."
            ).replace("%1", when),
            self.tr("Restore and restart"),
        ):
            return False
        request_restore(self.parentWidget() or self, info.path)
        return True


def open_backups(db: Database, parent: QWidget | None = None) -> BackupsDialog:
    dialog = BackupsDialog(db, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class DamageBanner(QWidget):
    """Above the board of a database opened read-only for damage: says so, offers the newest good backup."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("damageBanner")
        self.setStyleSheet("#damageBanner { background: #fdecea; border-bottom: 1px solid #d0443e; }")
        row = QHBoxLayout(self)
        text = QLabel(
            self.tr(
                "This database is damaged, so LeadDesk opened it read-only: you can look and export, "
                "but not change anything. Restore a backup to work on."
            ),
            self,
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        good = newest_good_backup(db.file) if db.file is not None else None
        if good is not None:
            restore = QPushButton(self.tr("Restore the newest good backup…"), self)
            restore.clicked.connect(lambda: self._restore(good))
            row.addWidget(restore)

    def _restore(self, good: Path) -> None:
        """The Backups window with ``good`` chosen, and its question to restore it and restart."""
        dialog = BackupsDialog(self.db, self.window())
        for row_no, info in enumerate(dialog.backups):
            if info.path == good:
                dialog.table.selectRow(row_no)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not dialog.restore_selected():
            dialog.close()


def restore_after_quit(app: Any, data_file: Path | None) -> str | None:
    """Run the restore chosen in :class:`BackupsDialog` once the database is closed; an error
    message for the person, or None when it worked (or none was chosen)."""
    from leaddesk.core.backups import restore
    from leaddesk.core.errors import LeadDeskError
    from leaddesk.core.privacy.erase import after_restore

    chosen = app.property(RESTORE_PROPERTY)
    if not chosen or data_file is None:
        return None
    app.setProperty(RESTORE_PROPERTY, None)
    try:
        restore(Path(str(chosen)), data_file)
        after_restore(data_file)  # nobody erased since the backup comes back
    except LeadDeskError as exc:
        return error_text(exc)
    return None
