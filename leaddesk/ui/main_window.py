"""The main window: board as home, filter bar, menus and toolbar, status bar, remembered layout.

Features built elsewhere join through ``add_feature_action(menu, action)`` (quick entry,
import, rule editor, reports …) and ``card_menu_hooks`` (extra card context-menu entries);
``editor_hooks`` receive every LeadEditor so they can ``add_tab`` their widget.

The window makes its actions and keeps its pages, status bar and layout; its parts live in
leaddesk/ui/window/: the menu bar, toolbar and card menu (menus.py), the lead editor it opens
(editors.py) and the demo data it loads (demo.py). The damaged-database banner is
leaddesk/ui/backups.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QLocale, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk import APP_NAME
from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.services.query import all_tags, distinct_values
from leaddesk.core.tz import user_timezone
from leaddesk.ui.board.board import Board
from leaddesk.ui.filters import FilterBar
from leaddesk.ui.first_run import FirstRunPage
from leaddesk.ui.i18n import error_text, resource_path
from leaddesk.ui.later import Later
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.prefs import settings_file
from leaddesk.ui.startup import load_board_for_window, take_hidden_later
from leaddesk.ui.window.demo import DEMO_LEADS, DemoLoader
from leaddesk.ui.window.editors import LeadEditors
from leaddesk.ui.window.menus import WindowMenus
from leaddesk.ui.zone import use_zone

if TYPE_CHECKING:  # the editor and the write services load when first used, not before the first paint
    from leaddesk.core.services.leads import LeadView
    from leaddesk.ui.editor import LeadEditor

# Bump when the toolbar/dock layout changes: older saved state is then ignored, not restored.
STATE_VERSION = 1


def app_icon() -> QIcon:
    return QIcon(str(resource_path("leaddesk.svg")))


class MainWindow(QMainWindow):
    """Home screen. ``db`` stays open for the window's life; the caller closes it."""

    lead_saved = Signal(object)  # LeadView

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        # Every write and long read goes through the operations layer; its change signal keeps
        # the board, the counts, the filter choices and an open editor true.
        self.ops = operations(db)
        use_zone(user_timezone(db))  # every date shown in the user's zone (settings, else the machine's)
        self.card_menu_hooks: list[Callable[[QMenu, int], None]] = []
        self.editor_hooks: list[Callable[[LeadEditor], None]] = []
        self.former_users: set[str] = set()  # deactivated users (team mode): not offered as owner
        # What the window does not show at start waits here until its first paint (leaddesk.ui.later).
        self.later = Later(self, deferring=take_hidden_later())

        self.board = Board(db, self)
        self.filters = FilterBar(self)
        self.editors = LeadEditors(self)  # the lead editor (leaddesk/ui/window/editors.py)
        self.first_run = FirstRunPage(self)
        board_page = QWidget(self)
        bl = QVBoxLayout(board_page)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.setSpacing(0)
        self.damage_banner = self._damage_banner()
        if self.damage_banner is not None:
            bl.addWidget(self.damage_banner)
        bl.addWidget(self.filters)
        bl.addWidget(self.board, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.first_run)
        self.pages.addWidget(board_page)
        self.setCentralWidget(self.pages)
        self.status_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(260)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        for widget in (self.progress_bar, self.cancel_button, self.status_label):
            self.statusBar().addPermanentWidget(widget)
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.demo = DemoLoader(self)  # File → Load demo data (leaddesk/ui/window/demo.py)

        self._build_actions()
        # Menu bar, toolbar and card menu (leaddesk/ui/window/menus.py), by the names callers use.
        self.window_menus = WindowMenus(self)
        self.menus, self.toolbar = self.window_menus.menus, self.window_menus.toolbar
        self.tool_undo, self.tool_redo = self.window_menus.tool_undo, self.window_menus.tool_redo
        self.filters.filter_changed.connect(self.board.set_filter)
        from leaddesk.ui.working import who_notifier

        who_notifier().changed.connect(self._who_changed)
        self.board.counts_changed.connect(self._show_counts)
        self.board.open_lead.connect(self.open_editor)
        self.board.error.connect(self.show_error)
        self.board.lost_toggle_requested.connect(self.act_lost.toggle)
        self.first_run.demo_requested.connect(self.load_demo)
        self.first_run.import_requested.connect(self.import_contacts)
        self.first_run.new_lead_requested.connect(lambda: self.open_editor(None))
        self.ops.busy_changed.connect(self._busy)
        self.ops.changed.connect(self._on_changes)
        self.ops.waiting.connect(self._waiting)
        self._choices_timer = QTimer(self)
        self._choices_timer.setSingleShot(True)
        self._choices_timer.setInterval(250)  # a burst of saves re-reads the choices once
        self._choices_timer.timeout.connect(self.refresh_choices)
        from leaddesk.ui.listview import install as install_list_view

        install_list_view(self)  # View → List (Ctrl+2), bulk actions, board column order
        self.resize(1280, 800)
        self.restore_layout()
        load_board_for_window(self.board)  # the app's start: a screenful first (leaddesk.ui.startup)
        self._show_page()
        # Filter choices are not needed for the first paint; read them right after it.
        self.board.first_painted.connect(lambda: QTimer.singleShot(0, self.refresh_choices))
        if self.board.total == 0:
            QTimer.singleShot(0, self.refresh_choices)
        if self.board.total:
            self.later.run_after(self.board.first_painted)
        else:  # the first-run page: nothing large to paint first
            self.later.run_soon()

    def _damage_banner(self) -> QWidget | None:
        """A damaged database opened read-only: say so above the board and offer the newest good backup."""
        if not getattr(self.db, "damage", ()):
            return None
        from leaddesk.ui.backups import DamageBanner

        return DamageBanner(self.db, self)

    # --- actions: offered in menus, toolbar and card menu by leaddesk/ui/window/menus.py ------
    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda *_: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_new = self._action(
            self.tr("&New lead…"), lambda: self.open_editor(None), QKeySequence.StandardKey.New
        )
        self.act_import = self._action(self.tr("&Import contacts…"), self.import_contacts, "Ctrl+I")
        self.act_demo = self._action(self.tr("Load &demo data"), self.load_demo)
        self.act_quit = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_undo = self.board.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.board.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        self.act_find = self._action(
            self.tr("&Search"), self.filters.focus_search, QKeySequence.StandardKey.Find
        )
        self.act_clear = self._action(self.tr("&Clear filters"), self.filters.clear, "Ctrl+Shift+F")
        self.act_lost = QAction(self.tr("Show L&ost column"), self)
        self.act_lost.setCheckable(True)
        self.act_lost.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.act_lost.toggled.connect(self.board.set_lost_visible)
        self.act_board = self._action(self.tr("&Go to the leads"), self.board.focus_board, "Ctrl+B")
        self.act_open = self._action(self.tr("&Open lead"), self.editors.open_current, "Ctrl+O")
        self.act_next = self._action(
            self.tr("Move to &next stage"), lambda: self.board.move_selected(1), "Ctrl+Right"
        )
        self.act_prev = self._action(
            self.tr("Move &back a stage…"), lambda: self.board.move_selected(-1), "Ctrl+Left"
        )
        self.act_to_lost = self._action(self.tr("Mark as &lost…"), self.board.move_selected_to_lost, "Ctrl+L")
        self.act_accept = self._action(
            self.tr("&Accept score suggestion"), self.board.accept_suggestion, "Ctrl+Shift+A"
        )
        self.act_delete = self._action(
            self.tr("&Delete lead…"), self.board.delete_lead, QKeySequence.StandardKey.Delete
        )
        self.act_trash = self._action(self.tr("&Trash…"), self.open_trash)
        self.act_about = self._action(self.tr("&About LeadDesk"), self._about)

    def add_feature_action(self, menu: str, action: QAction, *, toolbar: bool = False) -> None:
        """Hook for other features: put ``action`` in menu ``file|edit|view|lead|tools|help``."""
        self.window_menus.add_feature_action(menu, action, toolbar=toolbar)

    # --- pages and status --------------------------------------------------------------------
    def _show_page(self) -> None:
        empty = self.board.total == 0
        board_page = self.pages.widget(1)
        assert board_page is not None  # the first-run page and the board's page
        self.pages.setCurrentWidget(self.first_run if empty else board_page)
        for action in (
            self.act_next,
            self.act_prev,
            self.act_to_lost,
            self.act_open,
            self.act_find,
            self.act_delete,
            self.act_accept,
        ):
            action.setEnabled(not empty)

    def _show_counts(self, total: int, shown: int) -> None:
        if (total == 0) != (self.pages.currentWidget() is self.first_run):
            self._show_page()
        loc = QLocale()
        # Plural forms through the catalogue ("1 lead", "2 leads"); %Ln groups digits as the locale does.
        if shown == total:
            text = self.tr("%Ln lead(s)", "", total)
        else:
            text = self.tr("%1 of %Ln lead(s) shown", "", total).replace("%1", loc.toString(shown))
        self.status_label.setText(text)

    def _waiting(self, waiting: bool) -> None:
        """A write waits for another LeadDesk process (``Operations.write_when_free``)."""
        if waiting:
            self.statusBar().showMessage(
                self.tr("Another LeadDesk process is writing; your change is saved as soon as it is done …")
            )
        else:
            self.statusBar().clearMessage()

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)
        if getattr(self, "damage_banner", None) is not None:
            return  # the banner above the board already says what is wrong and what to do
        QMessageBox.warning(self, APP_NAME, message)

    def refresh_choices(self) -> None:
        """Filter choices (sources, tags, owners) after start and after writes that add some.

        Read on the read lane: collecting the tags scans every lead (~250 ms with 100,000),
        which must not freeze the window right after its first paint.
        """
        db = self.db

        def read(_op: Op) -> tuple[list[str], list[str], list[str], set[str]]:
            from leaddesk.core.people import list_users

            users = list_users(db)
            owners = distinct_values(db, "owner")
            known = {o.casefold() for o in owners}  # the team's users are offered before they own a lead
            owners += [u.name for u in users if u.active and u.name.casefold() not in known]
            former = {u.name for u in users if not u.active}
            return distinct_values(db, "source"), all_tags(db), sorted(owners, key=str.casefold), former

        def done(choices: tuple[list[str], list[str], list[str], set[str]]) -> None:
            # Settings may name sources and tags before any lead carries them (a fair next month).
            from leaddesk.ui.prefs import current as current_settings

            sources, tags, owners, self.former_users = choices
            extra = current_settings()
            sources = sorted({*sources, *extra.sources, *extra.fairs}, key=str.casefold)
            known = {t.casefold() for t in tags}
            tags = sorted([*tags, *(t for t in extra.tags if t.casefold() not in known)], key=str.casefold)
            self.filters.set_choices(sources, tags, owners)

        self.ops.read(read, done=done, failed=self._read_failed, owner=self)

    def _on_changes(self, changes: Changes) -> None:
        """Whatever window wrote: the page, the filter choices and an open editor follow."""
        self._show_page()
        if changes.created or changes.updated or changes.all_leads or changes.settings or changes.users:
            self._choices_timer.start()
        self.editors.follow_changes(changes)

    def _who_changed(self, _name: str) -> None:
        """Someone chose who is working here (Settings, the start-up question): "My leads" follows."""
        if shiboken6.isValid(self):
            self.filters.who_changed()
            self._choices_timer.start()

    def _read_failed(self, exc: BaseException, trace: str) -> None:
        self.statusBar().showMessage(error_text(exc), 10_000)

    # --- editor: leaddesk/ui/window/editors.py ----------------------------------------------
    @property
    def editor(self) -> LeadEditor | None:
        """The lead editor open now, if any."""
        return self.editors.editor

    def open_editor(self, lead_id: int | None) -> LeadEditor | None:
        """Open the editor for a lead (None: a new one); returns it (window-modal, non-blocking)."""
        return self.editors.open_editor(lead_id)

    def save_lead(self, lead_id: int | None, changes: dict[str, Any], version: int | None) -> LeadView:
        """The editor's save: create or update, record the undo step, update the board."""
        return self.editors.save_lead(lead_id, changes, version)

    # --- long work on the write lane ---------------------------------------------------------
    def load_demo(self, leads: int = DEMO_LEADS) -> Op | None:
        """Add demo leads on the write lane with progress and cancel; the window stays live."""
        return self.demo.load(leads)

    def _busy(self, busy: bool) -> None:
        """While a long write runs, the board is read-only: no second writer waits on the lock."""
        for action in (
            self.act_new,
            self.act_import,
            self.act_demo,
            self.act_next,
            self.act_prev,
            self.act_to_lost,
        ):
            action.setEnabled(not busy)
        self.board.setEnabled(not busy)
        self.first_run.setEnabled(not busy)

    def import_contacts(self) -> None:
        """The import wizard, once the features are installed (``leaddesk.ui.features``)."""
        features = getattr(self, "features", None)
        if features is not None:
            features.open_import()

    def open_trash(self) -> QWidget:
        """File → Trash: restore deleted leads or remove them for good (one window at a time)."""
        from leaddesk.ui.trash import TrashDialog

        dialog = getattr(self, "_trash", None)
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = self._trash = TrashDialog(self.db, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        return dialog

    def _about(self) -> None:
        """Version and the database in use (``leaddesk.ui.help``)."""
        from leaddesk.ui.help import show_about

        show_about(self)

    # --- layout memory -----------------------------------------------------------------------
    def settings(self) -> QSettings:
        path = settings_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(path), QSettings.Format.IniFormat)

    def restore_layout(self) -> None:
        """Geometry and toolbar state from the last run, only if saved by this layout version."""
        s = self.settings()
        if s.value("window/version", 0, int) != STATE_VERSION:
            return
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state, STATE_VERSION)
        self.act_lost.setChecked(bool(s.value("board/show_lost", False, bool)))

    def save_layout(self) -> None:
        s = self.settings()
        s.setValue("window/version", STATE_VERSION)
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(STATE_VERSION))
        s.setValue("board/show_lost", self.act_lost.isChecked())
        s.sync()

    def _tool_windows_may_close(self) -> bool:
        """Ask every open tool window with a ``maybe_close(then)`` (quick entry …) before quitting.

        One holding unsaved input asks its own question and returns False; once it is answered it
        calls ``then`` (our ``close``), so quitting carries on without the main window knowing it.
        """
        for widget in QApplication.topLevelWidgets():
            maybe_close = getattr(widget, "maybe_close", None)
            if widget is self or not widget.isVisible() or not callable(maybe_close):
                continue
            if not maybe_close(self.close):
                return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editors.may_close():
            event.ignore()
            return
        if not self._tool_windows_may_close():
            event.ignore()
            return
        # A write that finished but whose result is not yet delivered counts as busy: a moment's
        # wait tells it from one that is really still writing, which is worth a question.
        if self.ops.busy and not self.ops.wait_idle(300):
            answer = QMessageBox.question(
                self, APP_NAME, self.tr("LeadDesk is still writing. Wait for it to finish and quit?")
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.ops.wait_idle()
        self.save_layout()
        event.accept()
