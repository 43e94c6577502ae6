"""The lead editor the main window opens: one at a time, window-modal and non-blocking.

Its save creates or updates the lead and pushes the board's undo step; while it is open it
follows writes made elsewhere (another window, a colleague), and quitting closes it first.
The window (leaddesk/ui/main_window.py) keeps ``open_editor``, ``save_lead`` and ``editor``
as its own names for callers; the editor module and the write services load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from leaddesk.core.changes import Changes
from leaddesk.core.errors import LeadDeskError
from leaddesk.ui.board.commands import EditCommand
from leaddesk.ui.i18n import error_text

if TYPE_CHECKING:  # the editor and the write services load when first used, not before the first paint
    from leaddesk.core.services.leads import LeadView
    from leaddesk.ui.editor import LeadEditor
    from leaddesk.ui.main_window import MainWindow


class LeadEditors(QObject):
    """Opens, saves and closes the window's lead editor; ``editor`` is the one open, if any."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.editor: LeadEditor | None = None

    def open_current(self) -> None:
        """Lead → Open (Ctrl+O): the editor for the board's selected card."""
        current = self.window.board.current()
        if current is not None:
            self.open_editor(current[1])

    def open_editor(self, lead_id: int | None) -> LeadEditor | None:
        """Open the editor for a lead (None: a new one); returns it (window-modal, non-blocking)."""
        from leaddesk.core.services.leads import get_lead
        from leaddesk.ui.editor import LeadEditor

        w = self.window
        try:
            lead = get_lead(w.db, lead_id) if lead_id is not None else None
        except LeadDeskError as exc:
            w.show_error(error_text(exc))
            return None
        from leaddesk.core.people import default_owner

        try:  # a new lead is owned by who is working here (leaddesk/core/who.py)
            owner = default_owner(w.db) if lead_id is None else ""
        except LeadDeskError:
            owner = ""
        filters = w.filters
        editor = LeadEditor(
            lead,
            self.save_lead,
            sources=[filters.source.itemData(i) for i in range(1, filters.source.count())],
            owners=[  # deactivated users still filter their leads, but get no new ones
                o
                for o in (filters.owner.itemData(i) for i in range(1, filters.owner.count()))
                if o not in w.former_users
            ],
            owner=owner,
            parent=w,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accept_suggestion.connect(w.board.accept_suggestion)
        editor.delete_requested.connect(lambda lid: self._delete_from_editor(editor, lid))
        editor.finished.connect(lambda _r: self._editor_closed(editor))
        for hook in w.editor_hooks:
            hook(editor)
        self.editor = editor
        editor.open()
        return editor

    def _delete_from_editor(self, editor: LeadEditor, lead_id: int) -> None:
        """The editor's Delete: the board asks and deletes (undoable); the editor then closes."""
        if self.window.board.delete_lead(lead_id):
            editor.done(0)

    def _editor_closed(self, editor: LeadEditor) -> None:
        if getattr(editor, "reload_requested", False):
            self.window.board.reload()
        if self.editor is editor:
            self.editor = None

    def save_lead(self, lead_id: int | None, changes: dict[str, Any], version: int | None) -> LeadView:
        """The editor's save: create or update, record the undo step, update the board."""
        from leaddesk.core.services.leads import create_lead, get_lead, promotion_of, update_lead

        w = self.window
        board = w.board
        if lead_id is None:
            from leaddesk.ui.prefs import current as current_settings

            changes = {"currency": current_settings().currency, **changes}  # Settings → home currency
            view, _warnings = create_lead(w.db, changes, actor="")
            board.select_lead(view.id, view.stage)  # placed by the change signal already
        else:
            before_view = get_lead(w.db, lead_id)
            view, _warnings = update_lead(w.db, lead_id, changes, expected_version=version)
            before = {k: getattr(before_view, k) for k in changes}
            after = {k: getattr(view, k) for k in changes}
            promotion = promotion_of(w.db, before_view, view)
            board.undo_stack.push(EditCommand(board, view, before, after, promotion=promotion))
        w.lead_saved.emit(view)
        return view

    def follow_changes(self, changes: Changes) -> None:
        """A write anywhere: the open editor shows its lead as saved now, or that it is gone."""
        editor = self.editor
        if editor is not None and editor.lead is not None and editor.lead.id in changes.lead_ids:
            if editor.lead.id in changes.removed:
                editor.lead_removed()
            else:
                from leaddesk.core.services.leads import get_lead

                try:
                    editor.lead_updated(get_lead(self.window.db, editor.lead.id))
                except LeadDeskError:
                    editor.lead_removed()

    def may_close(self) -> bool:
        """Quitting closes the open editor; False while it stays open (it asks about unsaved changes)."""
        if self.editor is not None and self.editor.isVisible():
            self.editor.reject()
            if self.editor is not None and self.editor.isVisible():
                return False
        return True
