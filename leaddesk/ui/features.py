"""Joins the features built beside the board to the main window: menus, editor tabs, card menu, start.

The main window knows nothing of scoring, calls, imports or quick entry; each is hooked in
here through the window's ``add_feature_action``, ``editor_hooks`` and ``card_menu_hooks``.
One place to read how the product fits together, and one place to change it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from leaddesk.core.errors import LeadDeskError
from leaddesk.ui.i18n import error_text

translate = QCoreApplication.translate  # literal calls below, so pyside6-lupdate finds every string

if TYPE_CHECKING:
    from leaddesk.ui.editor import LeadEditor
    from leaddesk.ui.main_window import MainWindow


class Features:
    """Owns the feature windows the main window opened, so none is garbage-collected while shown."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.db = window.db
        self._open: dict[str, QWidget] = {}
        self._build_actions()
        # Menu entries nobody sees at start wait for the first paint (``window.later``); the
        # hooks join after them, in the order the editor's tabs and the card menu always had.
        later = getattr(window, "later", None)
        if later is not None:
            later.add(self._build_hidden)
        else:
            self._build_hidden()

    def _build_hidden(self) -> None:
        """Data protection, Settings and Help: menu entries, their hooks and shortcuts (Ctrl+, F1)."""
        from leaddesk.ui import help as help_menu
        from leaddesk.ui import settings_dialog
        from leaddesk.ui.privacy import install as install_privacy

        w = self.window
        self.privacy = install_privacy(w)
        self.act_settings = settings_dialog.install(w)
        self.act_shortcuts = help_menu.install(w)
        w.editor_hooks.append(self._extend_editor)
        w.card_menu_hooks.append(self._extend_card_menu)

    # --- menus ---------------------------------------------------------------------------------
    def _action(self, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        w = self.window
        self.act_quick_entry = self._action(
            translate("Features", "&Quick entry (trade fair)…"), self.open_quick_entry, "Ctrl+Shift+N"
        )
        self.act_export = self._action(translate("Features", "&Export…"), self.open_export, "Ctrl+E")
        self.act_history = self._action(translate("Features", "Past &imports…"), self.open_import_history)
        self.act_backups = self._action(translate("Features", "&Backups…"), self.open_backups)
        self.act_merge_db = self._action(
            translate("Features", "&Merge another LeadDesk database…"), self.open_merge_database
        )
        self.act_follow_ups = self._action(
            translate("Features", "&Follow-ups due…"), self.show_follow_ups, "Ctrl+Shift+U"
        )
        self.act_duplicates = self._action(translate("Features", "Find &duplicates…"), self.open_duplicates)
        self.act_rules = self._action(translate("Features", "&Scoring rules…"), self.open_rule_editor)
        self.act_qualification = self._action(
            translate("Features", "&Qualification rule…"), self.open_qualification_rule
        )
        self.act_call = self._action(
            translate("Features", "Start &discovery call"), self._call_current, "Ctrl+Shift+D"
        )
        w.add_feature_action("file", self.act_quick_entry, toolbar=True)
        w.add_feature_action("file", self.act_export)
        w.add_feature_action("file", self.act_history)
        w.add_feature_action("file", self.act_merge_db)
        w.add_feature_action("file", self.act_backups)
        w.add_feature_action("lead", self.act_call)
        w.add_feature_action("tools", self.act_follow_ups, toolbar=True)
        w.add_feature_action("tools", self.act_duplicates)
        w.add_feature_action("tools", self.act_rules)
        w.add_feature_action("tools", self.act_qualification)
        from leaddesk.ui.reports import install as install_reports

        self.act_reports = install_reports(w)
        # Saved filters and the "today" banner (issue 17), shown at start: each its own module.
        from leaddesk.ui import saved_filters, today

        self.saved_filters = saved_filters.install(w)
        self.today = today.install(w, self.act_follow_ups, self.show_follow_ups)

    def _show(self, key: str, factory: Any) -> QWidget:
        """One window per feature: a second click brings the open one to the front."""
        widget = self._open.get(key)
        if widget is not None:
            try:
                widget.show()
                widget.raise_()
                widget.activateWindow()
                return widget
            except RuntimeError:  # deleted on close
                self._open.pop(key, None)
        widget = factory()
        widget.destroyed.connect(lambda *_: self._open.pop(key, None))
        self._open[key] = widget
        return widget

    # --- feature windows -----------------------------------------------------------------------
    def open_quick_entry(self) -> QWidget:
        from leaddesk.ui.quick_entry import open_quick_entry

        def make() -> QWidget:
            window = open_quick_entry(self.db, self.window, open_lead=self.window.open_editor)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            return window

        return self._show("quick_entry", make)

    def open_import(self, files: list[str] | None = None) -> QWidget:
        from leaddesk.ui.imports.wizard import open_import_wizard

        return open_import_wizard(self.db, self.window, files)

    def open_import_history(self) -> QWidget:
        from leaddesk.ui.imports.history import open_import_history

        return self._show("import_history", lambda: open_import_history(self.db, self.window))

    def open_export(self) -> QWidget:
        from leaddesk.ui.imports.export import open_export_dialog

        return open_export_dialog(self.db, self.window.board.filter, self.window)

    def open_merge_database(self, path: str | None = None) -> QWidget | None:
        """Ask for the other laptop's database file, then show its dry-run report (window-modal)."""
        from leaddesk.ui.imports import dbmerge

        path = path or dbmerge.choose_database_file(self.window)
        if not path:
            return None
        return dbmerge.open_merge_dialog(self.db, path, self.window)

    def open_backups(self) -> QWidget:
        from leaddesk.ui.backups import open_backups

        return self._show("backups", lambda: open_backups(self.db, self.window))

    def open_duplicates(self) -> QWidget:
        from leaddesk.ui.imports.duplicates import open_duplicate_finder

        return self._show("duplicates", lambda: open_duplicate_finder(self.db, self.window))

    def open_rule_editor(self) -> QWidget:
        from leaddesk.ui.scoring.rule_editor import RuleEditor

        def make() -> QWidget:
            editor = RuleEditor(self.db, self.window)
            editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            editor.show()
            return editor

        return self._show("rules", make)

    def _open_from(self, follow_ups: Any, lead_id: int) -> None:
        """Open a lead from the follow-up list; closing it goes back to the list, not the board,
        so the next Enter opens the next follow-up (keyboard work through the list)."""
        editor = self.window.open_editor(lead_id)
        if editor is None:
            return

        def back() -> None:
            if shiboken6.isValid(follow_ups) and follow_ups.isVisible():
                follow_ups.raise_()
                follow_ups.activateWindow()
                follow_ups.view.setFocus()

        editor.finished.connect(lambda _result: QTimer.singleShot(0, back))

    def open_qualification_rule(self) -> QWidget:
        from leaddesk.ui.call.rule import QualificationRuleDialog

        dialog = QualificationRuleDialog(self.db, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_follow_ups(self) -> QWidget:
        """The "due today / overdue" list in a window of its own, to be worked through beside the board.

        A window rather than a dock: at 1280 px the four board columns leave no room for it.
        """
        from leaddesk.ui.followups import FollowUpList

        def make() -> QWidget:
            follow_ups = FollowUpList(self.db, self.window)
            follow_ups.setWindowFlag(Qt.WindowType.Window)
            follow_ups.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            follow_ups.setWindowTitle(translate("Features", "Follow-ups due"))
            follow_ups.open_lead_requested.connect(lambda lead_id: self._open_from(follow_ups, lead_id))
            follow_ups.resize(900, 560)  # the task column needs the room (issue 17)
            follow_ups.show()
            return follow_ups

        widget = self._show("follow_ups", make)
        widget.setFocus()
        return widget

    def start_call(self, lead_id: int) -> QWidget | None:
        from leaddesk.ui.call.window import start_discovery_call

        try:
            window = start_discovery_call(self.db, lead_id)
        except LeadDeskError as exc:
            self.window.show_error(error_text(exc))
            return None
        self._watch_call(window)
        return window

    def _watch_call(self, window: Any) -> None:
        """A call window (new or resumed): its writes reach every view through the change signal."""
        key = f"call-{id(window)}"
        self._open[key] = window
        window.destroyed.connect(lambda *_: self._open.pop(key, None))

    def _call_current(self) -> None:
        editor = self.window.editor
        if editor is not None and editor.isVisible() and editor.lead is not None:
            self.start_call(editor.lead.id)
            return
        current = self.window.board.current()
        if current is not None:
            self.start_call(current[1])

    # --- hooks ---------------------------------------------------------------------------------
    def _extend_editor(self, editor: LeadEditor) -> None:
        """A saved lead's editor gains its score, activities and BANT; a new one has none yet."""
        if editor.lead is None:
            return
        from leaddesk.ui.activities import ActivityTimeline
        from leaddesk.ui.call.panel import QualificationPanel
        from leaddesk.ui.scoring.explain import ScoreExplainWidget
        from leaddesk.ui.stage_history import StageHistoryView

        lead_id = editor.lead.id
        editor.add_tab(ActivityTimeline(self.db, lead_id, editor), translate("Features", "Activities"))
        editor.add_tab(QualificationPanel(self.db, lead_id, editor), translate("Features", "BANT"))
        explain = ScoreExplainWidget(self.db, lead_id, editor)
        explain.accept_requested.connect(self.window.board.accept_suggestion)  # one undoable path
        editor.add_tab(explain, translate("Features", "Score"))
        editor.add_tab(StageHistoryView(self.db, lead_id, editor), translate("Features", "History"))
        call = QAction(translate("Features", "Start &discovery call"), editor)
        call.setShortcut(QKeySequence("Ctrl+Shift+D"))
        call.triggered.connect(lambda: self.start_call(lead_id))
        editor.addAction(call)

    def _extend_card_menu(self, menu: QMenu, lead_id: int) -> None:
        menu.addSeparator()
        action = menu.addAction(translate("Features", "Start &discovery call"))
        action.triggered.connect(lambda: self.start_call(lead_id))

    # --- at start ------------------------------------------------------------------------------
    def after_start(self) -> None:
        """Once the window is up: offer unfinished calls, say what is due, keep fading scores fresh."""
        from leaddesk.ui.call.recovery import offer_pending_drafts
        from leaddesk.ui.scoring.decay import DecayRefresher

        if not self.db.read_only:  # the day's backup, off the GUI thread (~1 s at 100,000 leads)
            from leaddesk.core.backups import daily_backup_if_due

            self.window.ops.write(lambda _op: daily_backup_if_due(self.db), owner=self.window)
        self.decay = DecayRefresher(self.db, self.window)
        self.decay.start()
        recovery = offer_pending_drafts(self.db, self.window)
        if recovery is not None:
            recovery.call_resumed.connect(self._watch_call)
        self.today.refresh()  # a badge and a calm banner, no message box to click away
        from leaddesk.ui.people import ask_who_if_needed

        ask_who_if_needed(self.window)  # team mode: once, when 2+ users and nobody chosen here


def install(window: MainWindow) -> Features:
    """Hook every feature into ``window``; the start-up offers run right after the first paint."""
    features = Features(window)
    window.features = features  # type: ignore[attr-defined]
    # After the board's first paint (not before it: the follow-up count and the decay refresh
    # cost ~0.5 s at 100,000 leads); right away on the first-run page, which paints no board.
    if window.board.total:
        window.board.first_painted.connect(lambda: QTimer.singleShot(0, features.after_start))
    else:
        QTimer.singleShot(0, features.after_start)
    return features
