"""Export dialog: CSV (Excel-safe), vCard 4.0/3.0 or JSON, of all leads or the board's current filter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.exporters import export_leads
from leaddesk.core.services.query import LeadFilter
from leaddesk.ui.imports.jobs import BackgroundJob

_SUFFIX = {"xlsx": ".xlsx", "excel": ".csv", "csv": ".csv", "vcf4": ".vcf", "vcf3": ".vcf", "json": ".json"}


class ExportDialog(QDialog):
    """Choose format, scope and file; the export runs off the UI thread and can be cancelled."""

    def __init__(
        self, db: Database, lead_filter: LeadFilter | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.lead_filter = lead_filter
        self.job: BackgroundJob | None = None
        self.count: int | None = None
        self.setWindowTitle(self.tr("Export leads"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("CSV for Excel (German columns, semicolons)"), "excel")
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        self.format_combo.addItem(self.tr("CSV (UTF-8, comma, LeadDesk columns)"), "csv")
        self.format_combo.addItem(self.tr("vCard 4.0"), "vcf4")
        self.format_combo.addItem(self.tr("vCard 3.0 (older address books)"), "vcf3")
        self.format_combo.addItem(self.tr("JSON"), "json")
        self.format_combo.currentIndexChanged.connect(self._fix_suffix)
        form.addRow(self.tr("&Format:"), self.format_combo)
        self.all_radio = QRadioButton(self.tr("&All leads"))
        self.filter_radio = QRadioButton(self.tr("Leads of the current &filter"))
        has_filter = lead_filter is not None and not lead_filter.is_empty
        self.filter_radio.setEnabled(has_filter)
        (self.filter_radio if has_filter else self.all_radio).setChecked(True)
        scope = QHBoxLayout()
        scope.addWidget(self.all_radio)
        scope.addWidget(self.filter_radio)
        form.addRow(self.tr("Leads:"), scope)
        self.path_edit = QLineEdit(str(Path.home() / "leads.csv"))
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self._choose)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit)
        path_row.addWidget(browse)
        file_label = QLabel(self.tr("F&ile:"))
        file_label.setBuddy(self.path_edit)  # a row label without a buddy shows the "&" as text
        form.addRow(file_label, path_row)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.export_button = QPushButton(self.tr("&Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def _fix_suffix(self, *_args: Any) -> None:
        path = Path(self.path_edit.text())
        self.path_edit.setText(str(path.with_suffix(_SUFFIX[self.format_combo.currentData()])))

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text())
        if name:
            self.path_edit.setText(name)

    def start(self) -> None:
        fmt = self.format_combo.currentData()
        target = self.path_edit.text().strip()
        if not target:
            self.status.setText(self.tr("Choose a file to write."))
            return
        f = self.lead_filter if self.filter_radio.isChecked() else None
        version = "3.0" if fmt == "vcf3" else "4.0"
        kind = "vcf" if fmt.startswith("vcf") else fmt
        self.job = job = BackgroundJob(
            self.db,
            lambda progress: export_leads(
                self.db, target, kind, lead_filter=f, vcard_version=version, progress=progress
            ),
            self,
            write=False,
        )

        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

        job.progressed.connect(progressed)
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(lambda: self._failed(self.tr("Cancelled; no file was written.")))
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        job.start()

    def _done(self, count: int) -> None:
        self.count = count
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(
            self.tr("%n lead(s) exported to %1.", "", count).replace("%1", self.path_edit.text())
        )
        self.cancel_button.setText(self.tr("&Close"))

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(message)

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            return
        self.reject()


def open_export_dialog(
    db: Database, lead_filter: LeadFilter | None = None, parent: QWidget | None = None
) -> ExportDialog:
    dialog = ExportDialog(db, lead_filter, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
    dialog.show()
    return dialog
