"""Duplicate finder (likely pairs among existing leads) and the side-by-side merge dialog.

The finder runs the bulk duplicate rules off the UI thread and lists pairs in a table model.
The merge dialog shows both leads field by field; the person picks each value with the
mouse or the keyboard (Left/Right on a row), chooses which lead to keep, and
``merge_leads`` folds the other one in — activities, history and BANT data of both stay.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.services.leads import LeadView, get_lead
from leaddesk.core.services.merge import (
    MERGE_FIELDS,
    DuplicatePair,
    MergeResult,
    find_duplicate_pairs,
    merge_leads,
)
from leaddesk.core.validation import format_phone
from leaddesk.ui.board.delegate import money
from leaddesk.ui.i18n import error_text, stage_label
from leaddesk.ui.imports.jobs import BackgroundJob
from leaddesk.ui.imports.labels import fact_labels, lead_field_labels, reason_labels
from leaddesk.ui.zone import local_text


class PairModel(QAbstractTableModel):
    """Likely duplicate pairs: lead A, lead B, why, how sure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pairs: list[DuplicatePair] = []

    def set_pairs(self, pairs: list[DuplicatePair]) -> None:
        self.beginResetModel()
        self.pairs = list(pairs)
        self.endResetModel()

    def drop_lead(self, lead_id: int) -> None:
        """Remove every pair that involves a lead that no longer exists (merged away)."""
        self.set_pairs([p for p in self.pairs if lead_id not in (p.a_id, p.b_id)])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        pair = self.pairs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"#{pair.a_id}  {pair.a_text}"
            if index.column() == 1:
                return f"#{pair.b_id}  {pair.b_text}"
            if index.column() == 2:
                return self.why(pair)
            return f"{pair.score:.0f}" + ("" if pair.sure else " ?")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3 and not pair.sure:
            return self.tr("Possible duplicate: check before merging")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 1):  # elided in the row
            return f"#{pair.a_id}  {pair.a_text}" if index.column() == 0 else f"#{pair.b_id}  {pair.b_text}"
        if role == Qt.ItemDataRole.UserRole:
            return (pair.a_id, pair.b_id)
        return None

    @staticmethod
    def why(pair: DuplicatePair) -> str:
        """ "same email, similar name, same company": every point both agree on (the core's facts)."""
        labels = fact_labels()
        facts = [labels[f] for f in pair.facts if f in labels]
        return ", ".join(facts) or reason_labels().get(pair.reason, pair.reason)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Lead A"), self.tr("Lead B"), self.tr("Why"), self.tr("Score"))[section]
        return None


class DuplicateFinder(QDialog):
    """Lists likely duplicates; Enter (or "Merge…") opens the side-by-side merge for the selected pair."""

    merged = Signal(int, int)  # kept id, merged-away id

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: BackgroundJob | None = None
        self.merge_dialog: MergeDialog | None = None
        self.setWindowTitle(self.tr("Find duplicates"))
        self.resize(1000, 560)
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Looking for duplicates…"))
        layout.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        layout.addWidget(self.progress)
        self.model = PairModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Both leads share the width (elided, full text in the tooltip); why and score fit their text.
        # resizeColumnsToContents made lead A as wide as its e-mail and pushed B and "Why" out of sight.
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setWordWrap(False)
        self.view.doubleClicked.connect(lambda _index: self.open_merge())
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.possible_box = QCheckBox(self.tr("Also show &possible duplicates"))
        self.possible_box.setChecked(True)
        self.possible_box.toggled.connect(self.refresh)
        row.addWidget(self.possible_box)
        row.addStretch()
        self.merge_button = QPushButton(self.tr("&Merge…"))
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.open_merge)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.reject)
        row.addWidget(self.merge_button)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def refresh(self, *_args: Any) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
        include = self.possible_box.isChecked()
        self.progress.show()
        self.status.setText(self.tr("Looking for duplicates…"))
        self.job = job = BackgroundJob(
            self.db,
            lambda progress: find_duplicate_pairs(self.db, include_possible=include, progress=progress),
            self,
            write=False,
        )

        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

        job.progressed.connect(progressed)
        job.succeeded.connect(self._found)
        job.failed.connect(self.status.setText)
        job.start()

    def _found(self, pairs: list[DuplicatePair]) -> None:
        self.progress.hide()
        self.model.set_pairs(pairs)
        self.status.setText(self.tr("%n likely duplicate pair(s)", "", len(pairs)))
        self.merge_button.setEnabled(bool(pairs))
        if pairs:
            self.view.selectRow(0)
            self.view.setFocus()

    def selected_pair(self) -> tuple[int, int] | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        value = self.model.data(rows[0], Qt.ItemDataRole.UserRole)
        return value if isinstance(value, tuple) else None

    def open_merge(self) -> MergeDialog | None:
        pair = self.selected_pair()
        if pair is None:
            return None
        try:
            dialog = MergeDialog(self.db, pair[0], pair[1], self)
        except LeadDeskError as exc:
            self.status.setText(error_text(exc))
            self.model.set_pairs([p for p in self.model.pairs if (p.a_id, p.b_id) != pair])
            return None
        dialog.merged.connect(self._merged)
        self.merge_dialog = dialog
        dialog.show()
        return dialog

    def _merged(self, keep_id: int, other_id: int) -> None:
        self.model.drop_lead(other_id)
        self.status.setText(
            self.tr("Merged #%1 into #%2.").replace("%1", str(other_id)).replace("%2", str(keep_id))
        )
        self.merged.emit(keep_id, other_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.hasFocus():
            self.open_merge()
            return
        super().keyPressEvent(event)


class MergeDialog(QDialog):
    """Both leads side by side; each row's radio buttons pick the value to keep."""

    merged = Signal(int, int)

    def __init__(self, db: Database, a_id: int, b_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.a: LeadView = get_lead(db, a_id)
        self.b: LeadView = get_lead(db, b_id)
        self.result_: MergeResult | None = None
        self.setWindowTitle(self.tr("Merge duplicates"))
        self.resize(960, 640)
        layout = QVBoxLayout(self)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("Keep:")))
        self.keep_a = QRadioButton(
            self.tr("Lead &A (#%1, %2)").replace("%1", str(a_id)).replace("%2", stage_label(self.a.stage))
        )
        self.keep_b = QRadioButton(
            self.tr("Lead &B (#%1, %2)").replace("%1", str(b_id)).replace("%2", stage_label(self.b.stage))
        )
        self.keep_a.setChecked(_rank(self.a) >= _rank(self.b))
        self.keep_b.setChecked(not self.keep_a.isChecked())
        keep_row.addWidget(self.keep_a)
        keep_row.addWidget(self.keep_b)
        keep_row.addStretch()
        layout.addLayout(keep_row)
        labels = lead_field_labels()
        self.fields = [
            f for f in MERGE_FIELDS if f not in ("notes", "tags") and (_text(self.a, f) or _text(self.b, f))
        ]
        self.table = QTableWidget(len(self.fields), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Lead A"), self.tr("Lead B")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.installEventFilter(self)
        self._choice: dict[str, str] = {}
        for r, field in enumerate(self.fields):
            name = QTableWidgetItem(labels.get(field, field))
            self.table.setItem(r, 0, name)
            cells = [name]
            for c, lead in ((1, self.a), (2, self.b)):
                item = QTableWidgetItem(_text(lead, field))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                self.table.setItem(r, c, item)
                cells.append(item)
            a, b = _text(self.a, field), _text(self.b, field)
            self.choose(field, "a" if a else "b")
            if a and b and a != b:  # a real decision: make the row stand out
                font = name.font()
                font.setBold(True)
                name.setFont(font)
                for cell in cells:
                    cell.setBackground(self.palette().alternateBase())
        self.table.itemChanged.connect(self._item_changed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        note = QLabel(
            self.tr(
                "Notes and tags of both are combined. Values not chosen are kept in the notes. Activities, "
                "tasks and BANT answers of both stay with the kept lead; the other lead's stage history "
                "stays with its archived record."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.merge_button = QPushButton(self.tr("&Merge"))
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        if self.fields:
            self.table.selectRow(0)
        self.table.setFocus()

    def choose(self, field: str, side: str) -> None:
        """Pick lead A's ("a") or B's ("b") value for ``field``."""
        if field not in self.fields:
            return
        r = self.fields.index(field)
        self._choice[field] = side
        self.table.blockSignals(True)
        for c, this in ((1, "a"), (2, "b")):
            cell = self.table.item(r, c)
            assert cell is not None  # every row has its three cells
            cell.setCheckState(Qt.CheckState.Checked if side == this else Qt.CheckState.Unchecked)
        self.table.blockSignals(False)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() in (1, 2):
            self.choose(self.fields[item.row()], "a" if item.column() == 1 else "b")

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            row = self.table.currentRow()
            if 0 <= row < len(self.fields) and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.choose(self.fields[row], "a" if event.key() == Qt.Key.Key_Left else "b")
                return True
        return super().eventFilter(watched, event)

    def field_choices(self) -> tuple[int, int, dict[str, str]]:
        """(keep id, other id, field → "keep"/"other") as ``merge_leads`` wants them."""
        keep_a = self.keep_a.isChecked()
        keep, other = (self.a.id, self.b.id) if keep_a else (self.b.id, self.a.id)
        mine = "a" if keep_a else "b"
        return keep, other, {f: ("keep" if side == mine else "other") for f, side in self._choice.items()}

    def accept(self) -> None:
        keep, other, choices = self.field_choices()
        versions = (self.a.version, self.b.version) if keep == self.a.id else (self.b.version, self.a.version)
        try:
            self.result_ = merge_leads(self.db, keep, other, choices, expected_versions=versions)
        except LeadDeskError as exc:
            self.error_label.setText(error_text(exc))
            return
        self.merged.emit(keep, other)
        super().accept()


def _text(lead: LeadView, field: str) -> str:
    """A field as the rest of LeadDesk shows it: money and moments in the user's locale, phones spaced."""
    value = getattr(lead, field)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_text(value)
    if hasattr(value, "isoformat"):
        return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)
    if isinstance(value, float):
        return "" if value == 0 else money_text(value, lead.currency or "EUR")
    if field in ("phone", "mobile"):
        return format_phone(str(value))
    return str(value)


def money_text(value: float, currency: str) -> str:
    """The board's money format (whole amounts), with the cents when there are any (82.500,50 €)."""
    if value == int(value):
        return money(value, currency)
    symbol = "€" if currency in ("", "EUR") else currency
    return QLocale().toCurrencyString(value, symbol, 2)


def _rank(lead: LeadView) -> tuple[int, int]:
    """Keep by default the lead further in the funnel, then the one with more filled fields."""
    order = {"lead": 0, "mql": 1, "sql": 2, "won": 3, "lost": 0}
    return order.get(lead.stage, 0), sum(1 for f in MERGE_FIELDS if _text(lead, f))


def open_duplicate_finder(db: Database, parent: QWidget | None = None) -> DuplicateFinder:
    """Show the finder non-modally and return it (the main window connects ``merged``)."""
    finder = DuplicateFinder(db, parent)
    finder.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
    finder.show()
    return finder
