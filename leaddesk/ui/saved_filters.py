"""Saved filters in a side list beside the board: save the current filter and search under a
name, apply one with a click (or Enter), rename, delete (asks).

The list lives in the database (``leaddesk.core.services.saved_filters``), so everyone on one
database shares it; writes go through the operations layer and every open window re-reads the
list when the change signal says ``settings``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError, ValidationError
from leaddesk.core.services.saved_filters import (
    SavedFilterView,
    delete_filter,
    list_saved_filters,
    rename_filter,
    save_filter,
)
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.zone import zone_name

if TYPE_CHECKING:
    from leaddesk.ui.filters import FilterBar
    from leaddesk.ui.main_window import MainWindow

translate = QCoreApplication.translate
IdRole = Qt.ItemDataRole.UserRole + 1
VISIBLE_KEY = "savedFilters/visible"


class SavedFilters(QWidget):
    """The list and its buttons; ``filters`` is the bar whose filter is saved and set."""

    def __init__(
        self, db: Database, filters: FilterBar, parent: QWidget | None = None, *, read_now: bool = True
    ) -> None:
        """``read_now=False``: the caller asks :meth:`reload` (the app's start: after the first paint)."""
        super().__init__(parent)
        self.db = db
        self.filters = filters
        self.ops = operations(db)
        self.saved: list[SavedFilterView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.list = QListWidget(self)
        self.list.setObjectName("savedFilterList")
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._apply_item)
        self.list.itemClicked.connect(self._apply_item)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.empty = QLabel(
            self.tr("No saved filters yet. Set a filter or search above the board, then Save current…"), self
        )
        self.empty.setWordWrap(True)
        self.empty.setObjectName("savedFiltersEmpty")
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.save_button = QPushButton(self.tr("Save current…"), self)
        self.save_button.setToolTip(self.tr("Keep the current filter and search under a name"))
        self.save_button.clicked.connect(lambda: self.save_current())
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.rename_button.clicked.connect(lambda: self.rename_current())
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.clicked.connect(lambda: self.delete_current())
        for button in (self.save_button, self.rename_button, self.delete_button):
            button.setMinimumWidth(0)  # one under the other: the list stays narrow beside the board
            layout.addWidget(button)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.ops.changed.connect(self._on_changes)
        if read_now:
            self.reload()

    # --- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the list on the read lane (a few rows, but never on the GUI thread's clock)."""
        db = self.db
        self.ops.read(lambda _op: list_saved_filters(db), done=self._show, owner=self)

    def _show(self, saved: list[SavedFilterView]) -> None:
        current = self.current_id()
        self.saved = saved
        self.list.clear()
        for view in saved:
            item = QListWidgetItem(view.name, self.list)
            item.setData(IdRole, view.id)
            item.setToolTip(view.name)
            if view.id == current:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not saved)
        self._update_buttons()

    def _on_changes(self, changes: Changes) -> None:
        if changes.settings:
            self.reload()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(IdRole) if item is not None else None
        return value if isinstance(value, int) else None

    def _by_id(self, filter_id: int | None) -> SavedFilterView | None:
        return next((v for v in self.saved if v.id == filter_id), None)

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # --- acting -------------------------------------------------------------------------------
    def _apply_item(self, item: QListWidgetItem) -> None:
        view = self._by_id(item.data(IdRole))
        if view is not None:
            self.apply(view)

    def apply(self, view: SavedFilterView) -> None:
        """Show the board as the saved filter says (the filter bar shows it too)."""
        self.filters.apply_filter(view.to_filter(tz=zone_name()))

    def apply_named(self, name: str) -> bool:
        view = next((v for v in self.saved if v.name.casefold() == name.casefold()), None)
        if view is not None:
            self.apply(view)
        return view is not None

    def save_current(self, name: str | None = None) -> Op | None:
        """Ask for a name (unless given) and keep the bar's current filter under it."""
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Save filter"), self.tr("Name of this filter:"), QLineEdit.EchoMode.Normal
            )
            if not ok:
                return None
        name = " ".join(name.split())
        if not name:
            return None
        replace = False
        if any(v.name.casefold() == name.casefold() for v in self.saved):
            if not ask_destructive(
                self,
                self.tr("Save filter"),
                self.tr("A saved filter named “%1” exists. Replace it with the current filter?").replace(
                    "%1", name
                ),
                self.tr("Replace filter"),
            ):
                return None
            replace = True
        f = self.filters.current_filter()
        db = self.db
        return self.ops.write(
            lambda _op: save_filter(db, name, f, replace=replace), failed=self._failed, owner=self
        )

    def rename_current(self, name: str | None = None) -> Op | None:
        view = self._by_id(self.current_id())
        if view is None:
            return None
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Rename filter"), self.tr("New name:"), QLineEdit.EchoMode.Normal, view.name
            )
            if not ok:
                return None
        db, filter_id, new = self.db, view.id, name
        return self.ops.write(lambda _op: rename_filter(db, filter_id, new), failed=self._failed, owner=self)

    def delete_current(self) -> Op | None:
        view = self._by_id(self.current_id())
        if view is None:
            return None
        if not ask_destructive(
            self,
            self.tr("Delete saved filter"),
            self.tr("Delete the saved filter “%1”? The leads it shows are not touched.").replace(
                "%1", view.name
            ),
            self.tr("Delete filter"),
        ):
            return None
        db, filter_id = self.db, view.id
        return self.ops.write(lambda _op: delete_filter(db, filter_id), failed=self._failed, owner=self)

    def _failed(self, exc: BaseException, trace: str) -> None:
        if isinstance(exc, ValidationError | LeadDeskError):
            message = error_text(exc)
        else:
            message = self.tr("The saved filters could not be changed.")
        window: Any = self.window()
        if hasattr(window, "show_error"):
            window.show_error(message)

    def _menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.tr("Apply"), lambda: self._apply_item(item))
        menu.addAction(self.rename_button.text(), lambda: self.rename_current())
        menu.addAction(self.delete_button.text(), lambda: self.delete_current())
        menu.popup(self.list.viewport().mapToGlobal(pos))


def install(window: MainWindow) -> QDockWidget:
    """A collapsible dock left of the board (hidden at first), toggled from View → Saved filters."""
    dock = QDockWidget(translate("SavedFilters", "Saved filters"), window)
    dock.setObjectName("savedFiltersDock")
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
    # Read after the board's first paint: the read lane's Python would share the GIL with the start.
    panel = SavedFilters(window.db, window.filters, dock, read_now=False)
    window.later.add(panel.reload)
    dock.setWidget(panel)
    # Narrow enough that board and list fit a 1024 px window; long names elide (tooltip has them).
    chars = panel.fontMetrics().averageCharWidth()
    dock.setMinimumWidth(chars * 16)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.resizeDocks([dock], [chars * 26], Qt.Orientation.Horizontal)
    # Shown or hidden as the person left it (kept beside the window layout; hidden at first).
    dock.setVisible(bool(window.settings().value(VISIBLE_KEY, False, bool)))

    def remember(visible: bool) -> None:
        if window.isVisible() and not window.isMinimized():  # not the hiding of a closing window
            window.settings().setValue(VISIBLE_KEY, visible)

    dock.visibilityChanged.connect(remember)
    toggle: QAction = dock.toggleViewAction()
    toggle.setText(translate("SavedFilters", "Saved &filters"))
    toggle.setShortcut(QKeySequence("Ctrl+Shift+S"))
    keys = toggle.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    toggle.setToolTip(translate("SavedFilters", "Show or hide the saved filters (%1)").replace("%1", keys))
    window.add_feature_action("view", toggle)
    save = QAction(translate("SavedFilters", "Save current &filter…"), window)

    def save_current() -> None:
        dock.show()
        panel.save_current()

    save.triggered.connect(save_current)
    window.add_feature_action("view", save)
    window.saved_filters = panel  # type: ignore[attr-defined]
    window.saved_filters_dock = dock  # type: ignore[attr-defined]
    return dock
