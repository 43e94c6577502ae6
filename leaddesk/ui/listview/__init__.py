"""The list view and the bulk actions, joined to the main window by :func:`install`.

View → Board (Ctrl+1) / List (Ctrl+2) switch a stack around the board; the filter bar above
it narrows both. Bulk actions reach the list's context menu, the board's card menu (when
several cards are selected), a multi-card drop, and Del in the list. The board's column
orders and the page shown are remembered in the window's settings.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QStackedWidget, QWidget

from leaddesk.core.lazy import lazy_exports
from leaddesk.core.stages import ALL_STAGES, Stage
from leaddesk.ui.board.delegate import ready_for

if TYPE_CHECKING:
    from leaddesk.ui.listview.bulk import BulkActions
    from leaddesk.ui.listview.view import LeadListView
    from leaddesk.ui.main_window import MainWindow

__all__ = ["LeadListView", "ListPage", "install"]

__getattr__ = lazy_exports(__name__, {"LeadListView": "view"})


class ListPage(QObject):
    """What :func:`install` added to a window: the stack, the list, the bulk actions and the switches.

    A QObject child of the window: its slots on the per-database operations' signals and on the
    application's focus signal are disconnected when the window goes (they outlive it).

    The list itself (:attr:`list`) is built when first asked for: at the app's start right after
    the board's first paint (``window.later``), or before it when the list was the page shown last.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        board = window.board
        settings = window.settings()
        self._list: LeadListView | None = None
        self._bulk: BulkActions | None = None
        # The stack takes the board's place under the filter bar.
        parent = board.parentWidget()
        layout = parent.layout() if parent is not None else None
        assert parent is not None and layout is not None  # the board sits in the window's layout
        self.stack = QStackedWidget(parent)
        layout.replaceWidget(board, self.stack)
        self.stack.addWidget(board)
        board.bulk_move_requested.connect(lambda ids, stage: self.bulk.move(list(ids), stage))
        board.sort_changed.connect(self._save_board_sort)
        window.card_menu_hooks.append(self._card_menu)

        self.act_show_board = QAction(self.tr("&Board"), window)
        self.act_show_board.setShortcut(QKeySequence("Ctrl+1"))
        self.act_show_list = QAction(self.tr("&List"), window)
        self.act_show_list.setShortcut(QKeySequence("Ctrl+2"))
        group = QActionGroup(window)
        for action in (self.act_show_board, self.act_show_list):
            action.setCheckable(True)
            group.addAction(action)
            window.addAction(action)
        self.act_show_board.setChecked(True)
        self.act_show_board.triggered.connect(lambda: self.show_list(False))
        self.act_show_list.triggered.connect(lambda: self.show_list(True))
        view_menu = window.menus["view"]
        pages = [self.act_show_board, self.act_show_list]
        if view_menu.actions():
            first = view_menu.actions()[0]
            view_menu.insertActions(first, pages)
            view_menu.insertSeparator(first)
        else:
            view_menu.addActions(pages)
            view_menu.addSeparator()
        self.act_select_all = QAction(self.tr("Select &all"), window)
        self.act_select_all.triggered.connect(self.select_all)
        window.menus["edit"].addAction(self.act_select_all)
        # Delete and Open act on the page shown (the list's selection, or the board's card).
        self._redirect(window.act_delete, self._delete)
        self._redirect(window.act_open, self._open)
        # Ctrl+B (from the search field, say) goes to the leads of the page shown.
        self._redirect(window.act_board, self._go_to_leads)
        for action in (window.act_delete, window.act_open):
            window.addAction(action)
        board.selection_changed.connect(self.update_actions)
        window.ops.changed.connect(self._ops_event)
        window.ops.busy_changed.connect(self._ops_event)
        # The board's "current card" follows the focused column too (a move focuses its target).
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._restore(settings)
        self.update_actions()
        window.later.add(lambda: self.list)

    @property
    def bulk(self) -> BulkActions:
        """The bulk actions, loaded with their services when first used (a menu, a multi-card drop)."""
        if self._bulk is None:
            from leaddesk.ui.listview.bulk import BulkActions

            self._bulk = BulkActions(self.window)
        return self._bulk

    @property
    def list(self) -> LeadListView:
        """The list page's table, built on first use (it reads its rows when first shown)."""
        if self._list is None:
            from leaddesk.ui.listview.view import LeadListView

            window = self.window
            view = self._list = LeadListView(window.db, window, settings=window.settings())
            self.stack.addWidget(view)
            view.lead_model.filter = window.filters.current_filter()
            window.filters.filter_changed.connect(view.set_filter)
            view.open_lead.connect(window.open_editor)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self.row_menu)
            view.selection_changed.connect(self.update_actions)
        return self._list

    def _ops_event(self, _what: object) -> None:
        self.update_actions()

    # --- pages -------------------------------------------------------------------------------
    @property
    def list_shown(self) -> bool:
        return self._list is not None and self.stack.currentWidget() is self._list

    def show_list(self, shown: bool = True) -> None:
        """Switch between board and list; the list reads its rows when first shown."""
        page: QWidget = self.list if shown else self.window.board
        self.stack.setCurrentWidget(page)
        (self.act_show_list if shown else self.act_show_board).setChecked(True)
        page.setFocus()
        if not shown:
            self.window.board.focus_board()
        store = self.window.settings()
        store.setValue("list/shown", shown)
        store.sync()
        self.update_actions()

    def select_all(self) -> None:
        if self.list_shown:
            self.list.selectAll()
        else:
            self.window.board.select_all()

    def selected_ids(self) -> builtins.list[int]:  # builtins: the property ``list`` hides the name
        return self.list.selected_ids() if self.list_shown else self.window.board.selected_ids()

    # --- menus ---------------------------------------------------------------------------------
    def row_menu(self, pos: QPoint) -> QMenu | None:
        """Right-click in the list: open the lead, then the bulk actions for the selection."""
        index = self.list.indexAt(pos)
        if not index.isValid():
            return None
        if not self.list.selectionModel().isRowSelected(index.row()):
            self.list.selectRow(index.row())
        menu = QMenu(self.list)
        menu.addAction(self.window.act_open)
        menu.addSeparator()
        self.bulk.fill_menu(menu, self.list.selected_ids)
        menu.popup(self.list.viewport().mapToGlobal(pos))
        return menu

    def _card_menu(self, menu: QMenu, lead_id: int) -> None:
        """Several cards selected: the card menu offers the bulk actions for all of them."""
        ids = self.window.board.selected_ids()
        if len(ids) < 2 or lead_id not in ids:
            return
        sub = menu.addMenu(self.tr("Selected leads (%1)").replace("%1", str(len(ids))))
        sub.setObjectName("bulkMenu")
        self.bulk.fill_menu(sub, lambda: ids)

    @staticmethod
    def _redirect(action: QAction, slot: object) -> None:
        action.triggered.disconnect()
        action.triggered.connect(lambda *_: slot())  # type: ignore[operator]

    def _go_to_leads(self) -> None:
        """The list's current row (else its first) or the board's card takes the keyboard focus."""
        if not self.list_shown:
            self.window.board.focus_board()
            return
        view = self.list
        view.setFocus()
        if view.current_id() is None and view.lead_model.rowCount():
            view.selectRow(max(0, view.currentIndex().row()))

    def _delete(self) -> None:
        if self.list_shown:
            self.bulk.delete(self.list.selected_ids())
            return
        ids = self.window.board.selected_ids()
        if len(ids) > 1:
            self.bulk.delete(ids)
        else:
            self.window.board.delete_lead()

    def _open(self) -> None:
        if self.list_shown:
            lead_id = self.list.current_id()
            if lead_id is not None:
                self.window.open_editor(lead_id)
            return
        current = self.window.board.current()
        if current is not None:
            self.window.open_editor(current[1])

    # --- what the selection allows ----------------------------------------------------------------
    def _focus_changed(self, _old: object, new: object) -> None:
        if shiboken6.isValid(self.window) and isinstance(new, QWidget) and new.window() is self.window:
            self.update_actions()

    def update_actions(self) -> None:
        """Board actions are enabled only when they would do something: "Move back" not on a Lead
        card, "Accept suggestion" only for a card that has one, "Start call" only with a lead chosen.
        """
        w = self.window
        board = w.board
        busy = w.ops.busy
        current = None if self.list_shown else board.current()
        stage = current[0] if current else None
        card = None
        if current is not None:
            card = board.models[current[0]].cached(current[1])
        w.act_prev.setEnabled(not busy and stage not in (None, Stage.LEAD.value))
        w.act_next.setEnabled(not busy and stage not in (None, Stage.WON.value, Stage.LOST.value))
        w.act_to_lost.setEnabled(not busy and stage not in (None, Stage.LOST.value))
        w.act_accept.setEnabled(card is not None and bool(ready_for(card)))
        chosen = self.list.current_id() is not None if self.list_shown else current is not None
        w.act_open.setEnabled(chosen)
        w.act_delete.setEnabled(chosen or bool(self.selected_ids()))
        features = getattr(w, "features", None)
        call = getattr(features, "act_call", None)
        if call is not None:
            editor = w.editor
            call.setEnabled(current is not None or (editor is not None and editor.isVisible()))

    # --- memory --------------------------------------------------------------------------------
    def _save_board_sort(self, stage: str, mode: str) -> None:
        store = self.window.settings()
        store.setValue(f"board/sort_{stage}", mode)
        store.sync()

    def _restore(self, settings: object) -> None:
        from PySide6.QtCore import QSettings

        assert isinstance(settings, QSettings)
        for stage in ALL_STAGES:
            mode = str(settings.value(f"board/sort_{stage.value}", "", str))
            if mode:
                self.window.board.set_column_sort(stage.value, mode)
        if settings.value("list/shown", False, bool):
            self.show_list(True)


def install(window: MainWindow) -> ListPage:
    """Add the list view, the Board/List switch and the bulk actions to ``window``."""
    page = ListPage(window)
    window.list_page = page  # type: ignore[attr-defined]
    return page
