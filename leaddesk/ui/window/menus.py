"""Where the main window's actions are offered: the menu bar, the toolbar and the card context menu.

The window (leaddesk/ui/main_window.py) makes its actions (``act_*``, each bound to what it
does, with its shortcut); this puts them in menus, on the toolbar with tooltips that name the
keys, and on a card's right-click menu. Features built elsewhere join through
:meth:`WindowMenus.add_feature_action` (the window's ``add_feature_action``) and the window's
``card_menu_hooks``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from leaddesk.core.stages import Stage
from leaddesk.ui.board.delegate import ready_for
from leaddesk.ui.i18n import stage_label

if TYPE_CHECKING:
    from leaddesk.ui.main_window import MainWindow


class WindowMenus(QObject):
    """The menu bar (``menus`` by key: file, edit, view, lead, tools, help) and the toolbar.

    A QObject child of the window: it goes with the window, and its strings have a context of
    their own for ``tr``.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        self.toolbar = QToolBar(self.tr("Main toolbar"), window)
        self.tool_undo = QAction(self.tr("Undo"), window)
        self.tool_redo = QAction(self.tr("Redo"), window)
        self._build_toolbar()
        for column in window.board.columns.values():
            view = column.view
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self.card_menu(v, pos))

    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = self.menus["file"] = bar.addMenu(self.tr("&File"))
        file_menu.addActions([w.act_new, w.act_import, w.act_demo, w.act_trash])
        self._file_tail = file_menu.addSeparator()  # features join the File menu above Quit
        file_menu.addAction(w.act_quit)
        edit_menu = self.menus["edit"] = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([w.act_undo, w.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([w.act_find, w.act_clear])
        view_menu = self.menus["view"] = bar.addMenu(self.tr("&View"))
        view_menu.addActions([w.act_board, w.act_lost, w.filters.act_mine])
        lead_menu = self.menus["lead"] = bar.addMenu(self.tr("&Lead"))
        lead_menu.addActions([w.act_open, w.act_next, w.act_prev, w.act_to_lost, w.act_accept])
        lead_menu.addSeparator()
        lead_menu.addAction(w.act_delete)
        # Teammates' features (rule editor, reports, follow-up list …) go here via add_feature_action.
        self.menus["tools"] = bar.addMenu(self.tr("&Tools"))
        self.menus["tools"].menuAction().setVisible(False)
        help_menu = self.menus["help"] = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(w.act_about)

    def _build_toolbar(self) -> None:
        w = self.window
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([w.act_new, w.act_import])
        self.toolbar.addSeparator()
        # The toolbar keeps short labels (the menu entries say what will be undone); tooltips tell.
        stack = w.board.undo_stack
        self.tool_undo.triggered.connect(stack.undo)
        self.tool_redo.triggered.connect(stack.redo)
        for tool, menu_action in ((self.tool_undo, w.act_undo), (self.tool_redo, w.act_redo)):
            _mirror(tool, menu_action)
            menu_action.changed.connect(lambda t=tool, m=menu_action: _mirror(t, m))
        self.toolbar.addActions([self.tool_undo, self.tool_redo])
        self.toolbar.addSeparator()
        self.toolbar.addAction(w.act_lost)
        w.addToolBar(self.toolbar)
        for action in (w.act_new, w.act_import, w.act_undo, w.act_redo, w.act_lost, w.act_find):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                action.setToolTip(f"{action.text().replace('&', '').rstrip('…')} ({keys})")

    def add_feature_action(self, menu: str, action: QAction, *, toolbar: bool = False) -> None:
        """Put ``action`` in menu ``file|edit|view|lead|tools|help`` (File: above Quit)."""
        target = self.menus[menu]
        if menu == "file":
            target.insertAction(self._file_tail, action)
        else:
            target.addAction(action)
        target.menuAction().setVisible(True)
        if toolbar:
            self.toolbar.addAction(action)

    def card_menu(self, view: Any, pos: QPoint) -> None:
        """A card's right-click menu: the Lead menu's moves, an accept, the hooks' entries, Delete."""
        index = view.indexAt(pos)
        if not index.isValid():
            return
        w = self.window
        view.setCurrentIndex(index)
        model = view.column_model()
        lead_id = model.ids[index.row()]
        menu = QMenu(w)
        menu.addAction(w.act_open)
        if model.stage != Stage.LOST:
            menu.addAction(w.act_next)
        menu.addAction(w.act_prev)
        if model.stage != Stage.LOST:
            menu.addAction(w.act_to_lost)
        card = model.cached(lead_id)
        if card is not None and ready_for(card):
            accept = menu.addAction(self.tr("Accept: move to %1").replace("%1", stage_label(ready_for(card))))
            accept.triggered.connect(lambda: w.board.accept_suggestion(lead_id))
        for hook in w.card_menu_hooks:
            hook(menu, lead_id)
        menu.addSeparator()
        delete = menu.addAction(w.act_delete.text())
        delete.setShortcut(w.act_delete.shortcut())
        delete.triggered.connect(lambda: w.board.delete_lead(lead_id))
        menu.popup(view.viewport().mapToGlobal(pos))


def _mirror(tool: QAction, menu_action: QAction) -> None:
    """Toolbar undo/redo follow the menu's: enabled state, and "Undo Move X to MQL" as tooltip."""
    if not (shiboken6.isValid(tool) and shiboken6.isValid(menu_action)):
        return  # the window is being destroyed
    tool.setEnabled(menu_action.isEnabled())
    keys = menu_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    tool.setToolTip(f"{menu_action.text().replace('&', '')} ({keys})")
