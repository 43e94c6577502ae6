"""The import wizard's column page: what each column of one CSV file holds, with examples.

Shows one file at a time (a combo switches between the import's CSV files) and says which
target each column was chosen for. Which choices are kept, and whether the files agree, is
the wizard's (leaddesk/ui/imports/wizard.py): it holds the choices of every file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.importers.csvfile import TARGETS, preview
from leaddesk.ui.imports.labels import target_labels


class MappingPage(QWidget):
    """Column → target for one CSV file: a combo per column, a preview of the first rows.

    ``file_chosen(name)``: the person picked another of the import's CSV files.
    """

    file_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        # With several CSV files each gets its own mapping; this chooses which one is shown.
        self.files = QComboBox()
        self.files.currentIndexChanged.connect(lambda i: self.file_chosen.emit(self.files.itemText(i)))
        self.files_label = QLabel(self.tr("&File:"))
        self.files_label.setBuddy(self.files)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files_label)
        files_row.addWidget(self.files, 1)
        layout.addLayout(files_row)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Import as"), self.tr("Examples")]
        )
        # The first two columns fit their header and content ("Spalte in der Datei" was cut to
        # "palte in der Date" at the default width); the examples take the rest.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)  # a bold header of the current column outgrew its size
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(self.tr("Preview of the first rows:")))
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.preview, 2)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("&Back"))
        buttons.addWidget(self.back_button)
        buttons.addStretch()
        self.remap_button = QPushButton(self.tr("&Check again"))
        self.remap_button.setDefault(True)
        buttons.addWidget(self.remap_button)
        layout.addLayout(buttons)

    def show_file(self, file_name: str, data: bytes, csv_files: list[str], chosen: Mapping[str, str]) -> None:
        """Show ``file_name`` (its bytes ``data``) with ``chosen`` targets per column header."""
        self.files.blockSignals(True)  # filling it is not the person switching files
        self.files.clear()
        self.files.addItems(csv_files)
        self.files.setCurrentIndex(max(0, self.files.findText(file_name)))
        self.files.blockSignals(False)
        self.files.setVisible(len(csv_files) > 1)
        self.files_label.setVisible(len(csv_files) > 1)
        headers, rows, encoding, delimiter = preview(data)
        self.title.setText(
            self.tr("Choose what each column of %1 holds (read as %2, separated by “%3”).")
            .replace("%1", file_name)
            .replace("%2", encoding)
            .replace("%3", "Tab" if delimiter == "\t" else delimiter)
        )
        labels = target_labels()
        self.table.setRowCount(len(headers))
        for r, header in enumerate(headers):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 0, item)
            combo = QComboBox()
            for key in ("", *TARGETS, "note:"):
                combo.addItem(labels.get(key, key), key)
            target = chosen.get(header, "")
            combo.setCurrentIndex(max(0, combo.findData("note:" if target.startswith("note:") else target)))
            self.table.setCellWidget(r, 1, combo)
            samples = [row[r] for row in rows if r < len(row) and row[r].strip()][:3]
            sample_item = QTableWidgetItem(" | ".join(s.replace("\n", " ") for s in samples))
            sample_item.setFlags(sample_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 2, sample_item)
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row[: len(headers)]):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()

    def focus_table(self) -> None:
        """The first column's target, unless the person is choosing a file."""
        if not self.files.hasFocus():
            self.table.setFocus()
            self.table.setCurrentCell(0, 1)

    def _combos(self) -> Iterator[tuple[str, QComboBox]]:
        """(column header, its target combo) per row of the table."""
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 1)
            header = self.table.item(r, 0)
            assert isinstance(combo, QComboBox) and header is not None
            yield header.text(), combo

    def set_target(self, header: str, target: str) -> None:
        """Choose the target of one column (keyboard users and tests use the combo the same way)."""
        for shown, combo in self._combos():
            if shown == header:
                combo.setCurrentIndex(combo.findData(target))

    def targets(self) -> dict[str, str]:
        """Each shown column's target (a column kept in the notes as ``note:<header>``)."""
        return {
            header: f"note:{header}" if combo.currentData() == "note:" else combo.currentData()
            for header, combo in self._combos()
        }
