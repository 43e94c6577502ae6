"""The main window: board as home, filter bar, menus and toolbar, status bar, remembered layout.

Features built elsewhere join through ``add_feature_action(menu, action)`` (quick entry,
import, rule editor, reports …) and ``card_menu_hooks`` (extra card context-menu entries);
``editor_hooks`` receive every LeadEditor so they can ``add_tab`` their widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QLocale, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaddesk import APP_NAME
from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.services.query import all_tags, distinct_values
from leaddesk.core.stages import Stage
from leaddesk.core.tz import user_timezone
from leaddesk.ui.board.board import Board
from leaddesk.ui.board.commands import EditCommand
from leaddesk.ui.board.delegate import ready_for
from leaddesk.ui.dialogs import ask_destructive
from leaddesk.ui.filters import FilterBar
from leaddesk.ui.first_run import FirstRunPage
from leaddesk.ui.i18n import error_text, resource_path, stage_label
from leaddesk.ui.later import Later
from leaddesk.ui.ops import Op, operations
from leaddesk.ui.prefs import settings_file
from leaddesk.ui.startup import load_board_for_window, take_hidden_later
from leaddesk.ui.zone import use_zone

if TYPE_CHECKING:  # the editor and the write services load when first used, not before the first paint
    from leaddesk.core.services.leads import LeadView
    from leaddesk.ui.editor import LeadEditor

# Bump when the toolbar/dock layout changes: older saved state is then ignored, not restored.
STATE_VERSION = 1
DEMO_LEADS = 2000


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
        self.editor: LeadEditor | None = None
        self.former_users: set[str] = set()  # deactivated users (team mode): not offered as owner
        # What the window does not show at start waits here until its first paint (leaddesk.ui.later).
        self.later = Later(self, deferring=take_hidden_later())

        self.board = Board(db, self)
        self.filters = FilterBar(self)
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
        self._job: Op | None = None
        self.cancel_button.clicked.connect(lambda: self._job.cancel() if self._job else None)

        self._build_actions()
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
        for column in self.board.columns.values():
            view = column.view
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._card_menu(v, pos))
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
        from leaddesk.core.backups import newest_good_backup

        banner = QWidget(self)
        banner.setObjectName("damageBanner")
        banner.setStyleSheet("#damageBanner { background: #fdecea; border-bottom: 1px solid #d0443e; }")
        row = QHBoxLayout(banner)
        text = QLabel(
            self.tr(
                "This database is damaged, so LeadDesk opened it read-only: you can look and export, "
                "but not change anything. Restore a backup to work on."
            ),
            banner,
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        good = newest_good_backup(self.db.file) if self.db.file is not None else None
        if good is not None:
            from leaddesk.ui.backups import BackupsDialog

            restore = QPushButton(self.tr("Restore the newest good backup…"), banner)

            def ask() -> None:
                dialog = BackupsDialog(self.db, self)
                for row_no, info in enumerate(dialog.backups):
                    if info.path == good:
                        dialog.table.selectRow(row_no)
                dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                if not dialog.restore_selected():
                    dialog.close()

            restore.clicked.connect(ask)
            row.addWidget(restore)
        return banner

    # --- actions and menus -------------------------------------------------------------------
    def _action(
        self, text: str, slot: Callable[..., Any], shortcut: QKeySequence | str | None = None, tip: str = ""
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
        self.act_lost = QAction(self.tr("Show &Lost column"), self)
        self.act_lost.setCheckable(True)
        self.act_lost.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.act_lost.toggled.connect(self.board.set_lost_visible)
        self.act_board = self._action(self.tr("&Board"), self.board.focus_board, "Ctrl+B")
        self.act_open = self._action(self.tr("&Open lead"), self._open_current, "Ctrl+O")
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

        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}
        file_menu = self.menus["file"] = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.act_new, self.act_import, self.act_demo, self.act_trash])
        self._file_tail = file_menu.addSeparator()  # features join the File menu above Quit
        file_menu.addAction(self.act_quit)
        edit_menu = self.menus["edit"] = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_find, self.act_clear])
        view_menu = self.menus["view"] = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.act_board, self.act_lost, self.filters.act_mine])
        lead_menu = self.menus["lead"] = bar.addMenu(self.tr("&Lead"))
        lead_menu.addActions([self.act_open, self.act_next, self.act_prev, self.act_to_lost, self.act_accept])
        lead_menu.addSeparator()
        lead_menu.addAction(self.act_delete)
        # Teammates' features (rule editor, reports, follow-up list …) go here via add_feature_action.
        self.menus["tools"] = bar.addMenu(self.tr("&Tools"))
        self.menus["tools"].menuAction().setVisible(False)
        help_menu = self.menus["help"] = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_about)

        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.act_new, self.act_import])
        self.toolbar.addSeparator()
        # The toolbar keeps short labels (the menu entries say what will be undone); tooltips tell.
        stack = self.board.undo_stack
        self.tool_undo = QAction(self.tr("Undo"), self)
        self.tool_undo.triggered.connect(stack.undo)
        self.tool_redo = QAction(self.tr("Redo"), self)
        self.tool_redo.triggered.connect(stack.redo)
        for tool, menu_action in ((self.tool_undo, self.act_undo), (self.tool_redo, self.act_redo)):
            self._mirror(tool, menu_action)
            menu_action.changed.connect(lambda t=tool, m=menu_action: self._mirror(t, m))
        self.toolbar.addActions([self.tool_undo, self.tool_redo])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_lost)
        self.addToolBar(self.toolbar)
        for action in (
            self.act_new,
            self.act_import,
            self.act_undo,
            self.act_redo,
            self.act_lost,
            self.act_find,
        ):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                action.setToolTip(f"{action.text().replace('&', '').rstrip('…')} ({keys})")

    @staticmethod
    def _mirror(tool: QAction, menu_action: QAction) -> None:
        """Toolbar undo/redo follow the menu's: enabled state, and "Undo Move X to MQL" as tooltip."""
        if not (shiboken6.isValid(tool) and shiboken6.isValid(menu_action)):
            return  # the window is being destroyed
        tool.setEnabled(menu_action.isEnabled())
        keys = menu_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tool.setToolTip(f"{menu_action.text().replace('&', '')} ({keys})")

    def add_feature_action(self, menu: str, action: QAction, *, toolbar: bool = False) -> None:
        """Hook for other features: put ``action`` in menu ``file|edit|view|lead|tools|help``."""
        target = self.menus[menu]
        if menu == "file":
            target.insertAction(self._file_tail, action)
        else:
            target.addAction(action)
        target.menuAction().setVisible(True)
        if toolbar:
            self.toolbar.addAction(action)

    def _card_menu(self, view: Any, pos: QPoint) -> None:
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.setCurrentIndex(index)
        model = view.column_model()
        lead_id = model.ids[index.row()]
        menu = QMenu(self)
        menu.addAction(self.act_open)
        if model.stage != Stage.LOST:
            menu.addAction(self.act_next)
        menu.addAction(self.act_prev)
        if model.stage != Stage.LOST:
            menu.addAction(self.act_to_lost)
        card = model.cached(lead_id)
        if card is not None and ready_for(card):
            accept = menu.addAction(self.tr("Accept: move to %1").replace("%1", stage_label(ready_for(card))))
            accept.triggered.connect(lambda: self.board.accept_suggestion(lead_id))
        for hook in self.card_menu_hooks:
            hook(menu, lead_id)
        menu.addSeparator()
        delete = menu.addAction(self.act_delete.text())
        delete.setShortcut(self.act_delete.shortcut())
        delete.triggered.connect(lambda: self.board.delete_lead(lead_id))
        menu.popup(view.viewport().mapToGlobal(pos))

    # --- pages and status --------------------------------------------------------------------
    def _show_page(self) -> None:
        empty = self.board.total == 0
        self.pages.setCurrentWidget(self.first_run if empty else self.pages.widget(1))
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
        editor = self.editor
        if editor is not None and editor.lead is not None and editor.lead.id in changes.lead_ids:
            if editor.lead.id in changes.removed:
                editor.lead_removed()
            else:
                from leaddesk.core.services.leads import get_lead

                try:
                    editor.lead_updated(get_lead(self.db, editor.lead.id))
                except LeadDeskError:
                    editor.lead_removed()

    def _who_changed(self, _name: str) -> None:
        """Someone chose who is working here (Settings, the start-up question): "My leads" follows."""
        if shiboken6.isValid(self):
            self.filters.who_changed()
            self._choices_timer.start()

    def _read_failed(self, exc: BaseException, trace: str) -> None:
        self.statusBar().showMessage(error_text(exc), 10_000)

    # --- editor ------------------------------------------------------------------------------
    def _open_current(self) -> None:
        current = self.board.current()
        if current is not None:
            self.open_editor(current[1])

    def open_editor(self, lead_id: int | None) -> LeadEditor | None:
        """Open the editor for a lead (None: a new one); returns it (window-modal, non-blocking)."""
        from leaddesk.core.services.leads import get_lead
        from leaddesk.ui.editor import LeadEditor

        try:
            lead = get_lead(self.db, lead_id) if lead_id is not None else None
        except LeadDeskError as exc:
            self.show_error(error_text(exc))
            return None
        from leaddesk.core.people import default_owner

        try:  # a new lead is owned by who is working here (leaddesk/core/who.py)
            owner = default_owner(self.db) if lead_id is None else ""
        except LeadDeskError:
            owner = ""
        editor = LeadEditor(
            lead,
            self.save_lead,
            sources=[self.filters.source.itemData(i) for i in range(1, self.filters.source.count())],
            owners=[  # deactivated users still filter their leads, but get no new ones
                o
                for o in (self.filters.owner.itemData(i) for i in range(1, self.filters.owner.count()))
                if o not in self.former_users
            ],
            owner=owner,
            parent=self,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accept_suggestion.connect(self.board.accept_suggestion)
        editor.delete_requested.connect(lambda lid: self._delete_from_editor(editor, lid))
        editor.finished.connect(lambda _r: self._editor_closed(editor))
        for hook in self.editor_hooks:
            hook(editor)
        self.editor = editor
        editor.open()
        return editor

    def _delete_from_editor(self, editor: LeadEditor, lead_id: int) -> None:
        """The editor's Delete: the board asks and deletes (undoable); the editor then closes."""
        if self.board.delete_lead(lead_id):
            editor.done(0)

    def _editor_closed(self, editor: LeadEditor) -> None:
        if getattr(editor, "reload_requested", False):
            self.board.reload()
        if self.editor is editor:
            self.editor = None

    def save_lead(self, lead_id: int | None, changes: dict[str, Any], version: int | None) -> LeadView:
        """The editor's save: create or update, record the undo step, update the board."""
        from leaddesk.core.services.leads import create_lead, get_lead, promotion_of, update_lead

        if lead_id is None:
            from leaddesk.ui.prefs import current as current_settings

            changes = {"currency": current_settings().currency, **changes}  # Settings → home currency
            view, _warnings = create_lead(self.db, changes, actor="")
            self.board.select_lead(view.id, view.stage)  # placed by the change signal already
        else:
            before_view = get_lead(self.db, lead_id)
            view, _warnings = update_lead(self.db, lead_id, changes, expected_version=version)
            before = {k: getattr(before_view, k) for k in changes}
            after = {k: getattr(view, k) for k in changes}
            promotion = promotion_of(self.db, before_view, view)
            self.board.undo_stack.push(EditCommand(self.board, view, before, after, promotion=promotion))
        self.lead_saved.emit(view)
        return view

    # --- long work on the write lane ---------------------------------------------------------
    def load_demo(self, leads: int = DEMO_LEADS) -> Op | None:
        """Add demo leads on the write lane with progress and cancel; the window stays live."""
        from leaddesk.core.demo import build_demo
        from leaddesk.core.errors import Cancelled

        if self.board.total and not ask_destructive(
            self,
            self.tr("Load demo data"),
            self.tr(
                "Add %1 made-up demo leads to your %2 leads? They are one import: File → Past imports can take them all back."  # noqa: E501
            )
            .replace("%1", QLocale().toString(leads))
            .replace("%2", QLocale().toString(self.board.total)),
            self.tr("Add demo leads"),
        ):
            return None

        # Progress lives in the status bar, not in a (modal) dialog: the window stays usable for
        # reading, and nothing modal has to be torn down when the job ends.
        self.progress_bar.setRange(0, leads)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("Adding demo leads… %p%"))
        self.progress_bar.show()
        self.cancel_button.show()
        db = self.db

        def work(op: Op) -> Any:
            return build_demo(db, leads=leads, seed=None, progress=op.report)

        def finish() -> None:
            self.progress_bar.hide()
            self.cancel_button.hide()
            self._job = None

        def done(_report: Any) -> None:
            finish()
            self.statusBar().showMessage(self.tr("Demo data added"), 5000)

        def failed(exc: BaseException, trace: str) -> None:
            finish()
            if isinstance(exc, Cancelled):
                self.statusBar().showMessage(self.tr("Demo data cancelled; nothing was added"), 5000)
            elif isinstance(exc, LeadDeskError):
                self.show_error(error_text(exc))
            else:
                QMessageBox.critical(self, APP_NAME, self.tr("Unexpected error:") + f"\n{exc}\n\n{trace}")

        job = self.ops.write(
            work, done=done, failed=failed, progress=lambda d, _t: self.progress_bar.setValue(d), owner=self
        )
        self._job = job
        return job

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
        self.act_lost.setChecked(s.value("board/show_lost", False, bool))

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
        if self.editor is not None and self.editor.isVisible():
            self.editor.reject()
            if self.editor is not None and self.editor.isVisible():
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
