"""The list view: one sortable table of every lead the board's filter keeps.

A ``QTableView`` over :class:`LeadTableModel` with fixed row heights (Qt then never asks
Python for 100,000 row heights), extended selection for the bulk actions, and a header whose
context menu chooses the columns. The layout (visible columns, order, widths, sort) is kept
in the window's QSettings. The model is read the first time the list is shown, so the board's
start costs nothing; while hidden the list only notes that its filter changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.services.lead_table import DEFAULT_COLUMNS, TABLE_COLUMNS
from leaddesk.core.services.query import LeadFilter
from leaddesk.ui.listview.model import LEAD_ID_ROLE, LeadTableModel, column_label
from leaddesk.ui.ops import operations

# Bump when ``TABLE_COLUMNS`` changes order or length: an older saved header is then ignored.
LAYOUT_VERSION = 1


class LeadListView(QTableView):
    """All leads as rows; Enter or a double-click opens one, the header's menu picks columns."""

    open_lead = Signal(int)
    first_painted = Signal()
    counts_changed = Signal(int)  # rows shown
    selection_changed = Signal()

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leadList")
        self.db = db
        self.store = settings
        self.lead_model = LeadTableModel(db, self)
        self.setModel(self.lead_model)
        # While a long list's new order is read on the read lane, the old rows are not painted
        # again: every repaint asks ``data`` a few thousand times, and each call waits for
        # Python's lock the reading thread holds (a sort then took ~40 % longer).
        self.lead_model.sort_pending.connect(lambda on: self.viewport().setUpdatesEnabled(not on))
        self._dirty = True
        self._painted = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setMinimumSectionSize(1)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)  # no empty strip at the right of a wide window
        header.setSortIndicatorShown(True)
        header.setDefaultSectionSize(self.fontMetrics().averageCharWidth() * 16)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.column_menu)
        self.setAccessibleName(self.tr("Lead list"))
        self._apply_default_layout()
        self.restore_layout()
        # Qt asks the model to sort on a header click or ``sortByColumn`` (the latter asks twice;
        # the model reads the order once). The model is not read yet, so the sort this call asks
        # for costs nothing.
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.sectionMoved.connect(lambda *_: self.save_layout())
        header.sectionResized.connect(lambda *_: self._save_soon())
        self.doubleClicked.connect(self._open_index)
        self.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.ops = operations(db)
        self.ops.changed.connect(self.apply_changes)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_layout)

    # --- data -----------------------------------------------------------------------------------
    def set_filter(self, f: LeadFilter) -> None:
        """The board's filter changed: follow it now if shown, else when shown next."""
        self.lead_model.filter = f
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def reload(self) -> None:
        self._dirty = False
        self.lead_model.set_fetched(self.visible_columns())
        self.lead_model.load()
        self.counts_changed.emit(self.lead_model.rowCount())

    def apply_changes(self, changes: Changes) -> None:
        if not self.lead_model.loaded:
            return
        if not self.isVisible():
            self._dirty = True
            return
        self.lead_model.apply_changes(changes)
        self.counts_changed.emit(self.lead_model.rowCount())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted and self.lead_model.loaded:
            self._painted = True
            self.first_painted.emit()

    # --- selection ------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        """The selected leads, in the list's order."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        ids = self.lead_model.ids
        return [ids[r] for r in rows if r < len(ids)]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return (
            self.lead_model.ids[index.row()]
            if index.isValid() and self.selectionModel().isSelected(index)
            else None
        )

    def select_ids(self, ids: list[int]) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        last = self.lead_model.columnCount() - 1
        for lead_id in ids:
            row = self.lead_model.row_of(lead_id)
            if row >= 0:
                selection.select(self.lead_model.index(row, 0), self.lead_model.index(row, last))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if ids and (row := self.lead_model.row_of(ids[0])) >= 0:
            self.selectionModel().setCurrentIndex(
                self.lead_model.index(row, self.horizontalHeader().logicalIndex(0)),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_lead.emit(int(index.data(LEAD_ID_ROLE)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.currentIndex().isValid():
                self._open_index(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    # --- columns --------------------------------------------------------------------------------
    def visible_columns(self) -> list[str]:
        """The shown columns in their on-screen order."""
        header = self.horizontalHeader()
        logical = [header.logicalIndex(v) for v in range(header.count())]
        return [TABLE_COLUMNS[i] for i in logical if not header.isSectionHidden(i)]

    def set_column_visible(self, name: str, visible: bool) -> None:
        section = TABLE_COLUMNS.index(name)
        header = self.horizontalHeader()
        if not visible and header.count() - header.hiddenSectionCount() <= 1:
            return  # the last column stays
        header.setSectionHidden(section, not visible)
        self.lead_model.set_fetched(self.visible_columns())
        self.viewport().update()
        self.save_layout()

    def column_menu(self, pos: QPoint) -> QMenu:
        """Every column with a check mark; a click shows or hides it."""
        menu = QMenu(self)
        menu.setObjectName("columnChooser")
        header = self.horizontalHeader()
        for section, name in enumerate(TABLE_COLUMNS):
            action = menu.addAction(column_label(name))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.setData(name)
            action.toggled.connect(lambda on, n=name: self.set_column_visible(n, on))
        menu.addSeparator()
        reset = menu.addAction(self.tr("Default columns"))
        reset.triggered.connect(self.reset_columns)
        menu.popup(header.mapToGlobal(pos))
        return menu

    def reset_columns(self) -> None:
        self._apply_default_layout()
        self.lead_model.set_fetched(self.visible_columns())
        self.save_layout()

    def _apply_default_layout(self) -> None:
        header = self.horizontalHeader()
        for section, name in enumerate(TABLE_COLUMNS):
            header.setSectionHidden(section, name not in DEFAULT_COLUMNS)
        for visual, name in enumerate(DEFAULT_COLUMNS):
            header.moveSection(header.visualIndex(TABLE_COLUMNS.index(name)), visual)
        char = self.fontMetrics().averageCharWidth()
        for section, name in enumerate(TABLE_COLUMNS):
            widths = {"stage": 10, "score": 8, "value": 12, "owner": 12, "source": 14, "company": 24}
            width = widths.get(name, 16)
            # Never narrower than the column's own (translated) title plus its sort arrow.
            title = str(self.lead_model.headerData(section, Qt.Orientation.Horizontal))
            needed = header.fontMetrics().horizontalAdvance(title) + 2 * char + 24
            header.resizeSection(section, max(char * width + 16, needed))
        header.setSortIndicator(TABLE_COLUMNS.index("stage"), Qt.SortOrder.AscendingOrder)
        self.lead_model.sort_column, self.lead_model.descending = "stage", False

    def _sort_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        self.save_layout()  # the view itself has asked the model to sort

    # --- layout memory ----------------------------------------------------------------------------
    def _save_soon(self) -> None:
        self._save_timer.start()

    def save_layout(self) -> None:
        if self.store is None:
            return
        self.store.setValue("list/version", LAYOUT_VERSION)
        self.store.setValue("list/header", self.horizontalHeader().saveState())
        self.store.sync()

    def restore_layout(self) -> None:
        if self.store is None or self.store.value("list/version", 0, int) != LAYOUT_VERSION:
            return
        state = self.store.value("list/header")
        header = self.horizontalHeader()
        if isinstance(state, QByteArray) and header.restoreState(state):
            section = header.sortIndicatorSection()
            if 0 <= section < len(TABLE_COLUMNS):
                self.lead_model.sort_column = TABLE_COLUMNS[section]
                self.lead_model.descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def window_settings(self) -> Any:
        return self.store
