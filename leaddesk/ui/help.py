"""Help: every shortcut of the current window (F1, Ctrl+?), "Where is my data?", About.

The shortcut list is collected from the window itself (its QActions, including the menus'
and the features', plus what a window declares in ``known_shortcuts``), never kept by hand,
so a new action with a shortcut appears in it without anyone editing this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaddesk.ui.settings_base import data_folder, open_folder

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow

translate = QCoreApplication.translate

# Shortcuts that are not QActions (keys a view handles itself), by window class name:
# ``(keys, what)``. A window may also carry its own list as attribute ``known_shortcuts``.
KNOWN: dict[str, list[tuple[str, str]]] = {}


def _known_main() -> list[tuple[str, str]]:
    return [
        ("Return", translate("Help", "Open the selected lead")),
        ("Left, Right, Up, Down", translate("Help", "Move between cards and columns")),
        ("F1", translate("Help", "Show this list of shortcuts")),
    ]


def _menu_titles(window: QWidget) -> dict[int, str]:
    """Each action's menu ("File", "Lead" …) by ``id``, following sub-menus."""
    out: dict[int, str] = {}

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), title)  # type: ignore[arg-type]
            else:
                out.setdefault(id(action), title)

    bar = getattr(window, "menuBar", None)
    if callable(bar) and hasattr(window, "setMenuBar"):
        for action in bar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu, action.text().replace("&", ""))
    return out


def collect_shortcuts(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every enabled-or-not action of ``window`` with a shortcut."""
    menus = _menu_titles(window)
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    actions: list[QAction] = list(window.actions()) + window.findChildren(QAction)
    for action in actions:
        if not shiboken6.isValid(action) or action.isSeparator():
            continue
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
        if not keys or not text:
            continue
        shown = ", ".join(dict.fromkeys(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys))
        where = menus.get(id(action), "")
        rows.setdefault((text, shown), (where, text, shown))
    known = list(getattr(window, "known_shortcuts", [])) + KNOWN.get(type(window).__name__, [])
    if type(window).__name__ == "MainWindow":
        known += _known_main()
    for keys_text, what in known:
        shown = QKeySequence(keys_text).toString(QKeySequence.SequenceFormat.NativeText) or keys_text
        rows.setdefault((what, shown), ("", what, shown))
    order = {title: i for i, title in enumerate(dict.fromkeys(menus.values()))}
    return sorted(rows.values(), key=lambda r: (order.get(r[0], len(order)), r[1].casefold()))


class ShortcutsDialog(QDialog):
    """The list, with a filter box; Esc closes it."""

    def __init__(self, target: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent or target)
        self.setObjectName("shortcutsOverlay")
        title = target.windowTitle() or QApplication.applicationName()
        self.setWindowTitle(self.tr("Keyboard shortcuts – %1").replace("%1", title))
        layout = QVBoxLayout(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter shortcuts"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.rows = collect_shortcuts(target)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"), self.tr("Keys")])
        for where, what, keys in self.rows:
            self.model.appendRow([QStandardItem(where), QStandardItem(what), QStandardItem(keys)])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Shortcuts of the window you were in."), self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, min(metrics.height() * (len(self.rows) + 8), 640))

    def texts(self) -> list[str]:
        return [f"{what}\t{keys}" for _where, what, keys in self.rows]


def show_shortcuts(window: QWidget | None = None) -> ShortcutsDialog:
    """The shortcuts of ``window`` or of the active window."""
    target = window or QApplication.activeWindow()
    if isinstance(target, ShortcutsDialog):
        target.raise_()
        return target
    assert target is not None
    dialog = ShortcutsDialog(target)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def where_is_my_data(window: MainWindow) -> bool:
    """Open the data folder in the file manager and name it in the status bar."""
    folder = data_folder(window.db)
    window.statusBar().showMessage(translate("Help", "Your data is in %1").replace("%1", str(folder)), 10_000)
    return open_folder(folder)


def about_text(window: MainWindow) -> str:
    from leaddesk import __version__
    from leaddesk.core.appinfo import app_versions

    db = window.db
    where = str(db.file) if db.file is not None else db.engine.url.render_as_string(hide_password=True)
    lines = [
        translate("Help", "LeadDesk %1 — the offline lead desk.").replace("%1", __version__),
        "",
        translate("Help", "Database: %1").replace("%1", where),
    ]
    created = app_versions(db).get("created_with")
    if created:
        lines.append(translate("Help", "Created with LeadDesk %1").replace("%1", created))
    return "\n".join(lines)


def show_about(window: MainWindow) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information, translate("Help", "About LeadDesk"), about_text(window), parent=window
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def install(window: MainWindow) -> QAction:
    """Help → Keyboard shortcuts (F1, Ctrl+?) for whichever LeadDesk window is active; Where is my data?"""
    shortcuts = QAction(translate("Help", "&Keyboard shortcuts"), window)
    shortcuts.setShortcuts(
        [
            QKeySequence(QKeySequence.StandardKey.HelpContents),
            QKeySequence("Ctrl+?"),
            QKeySequence("Ctrl+Shift+?"),
        ]
    )
    shortcuts.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcuts.triggered.connect(lambda: show_shortcuts())
    window.add_feature_action("help", shortcuts)

    def in_editor(editor: QWidget) -> None:
        """The lead editor is window-modal, so the window's F1 does not reach it: it gets its own."""
        action = QAction(shortcuts.text(), editor)
        action.setShortcuts(shortcuts.shortcuts())
        action.triggered.connect(lambda: show_shortcuts(editor))
        editor.addAction(action)

    window.editor_hooks.append(in_editor)
    data = QAction(translate("Help", "&Where is my data?"), window)
    data.triggered.connect(lambda: where_is_my_data(window))
    window.add_feature_action("help", data)
    # About stays last in the Help menu.
    help_menu = window.menus["help"]
    help_menu.removeAction(window.act_about)
    help_menu.addSeparator()
    help_menu.addAction(window.act_about)
    return shortcuts
