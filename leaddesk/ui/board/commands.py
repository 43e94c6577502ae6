"""Undo/redo of board moves and lead edits through a QUndoStack.

The first write happens before the command is pushed (so errors reach the caller as
exceptions, not inside ``push``); the command's first ``redo`` is then a no-op. An undo that
the core refuses (the lead changed since) marks the command obsolete and tells the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from leaddesk.core.errors import LeadDeskError
from leaddesk.ui.i18n import error_text, stage_label

# The services load with the first write, not with the board (the app's first paint needs none).
if TYPE_CHECKING:
    from leaddesk.core.services.leads import LeadView, MoveResult
    from leaddesk.ui.board.board import Board


class MoveCommand(QUndoCommand):
    """A saved stage move (or reorder); undo restores stage, position, lost reason and history."""

    def __init__(self, board: Board, result: MoveResult, reason: str) -> None:
        same = result.from_stage == result.to_stage
        text = (
            QCoreApplication.translate("Commands", "Reorder %1").replace("%1", result.lead.display_name)
            if same
            else QCoreApplication.translate("Commands", "Move %1 to %2")
            .replace("%1", result.lead.display_name)
            .replace("%2", stage_label(result.to_stage))
        )
        super().__init__(text)
        self._board = board
        self._result = result
        self._reason = reason
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        from leaddesk.core.services.leads import move_stage

        r = self._result
        self._guard(
            lambda: self._apply_redo(
                move_stage(
                    self._board.db,
                    r.lead.id,
                    r.to_stage,
                    reason=self._reason,
                    position=r.lead.position,
                    actor=self._board.actor,
                )
            )
        )

    def remap_positions(self, stage: str, remap: Callable[[float], float]) -> None:
        """The column ``stage`` was spread (``make_room``): keep this move's positions in step."""
        r = self._result
        lead = replace(r.lead, position=remap(r.lead.position)) if r.to_stage == stage else r.lead
        from_position = remap(r.from_position) if r.from_stage == stage else r.from_position
        self._result = replace(r, lead=lead, from_position=from_position)

    @property
    def lead_id(self) -> int:
        return self._result.lead.id

    def expect_version(self, version: int) -> None:
        """The lead's version this command's next undo will find (see ``Board.hand_over``)."""
        self._result = replace(self._result, lead=replace(self._result.lead, version=version))

    def _apply_redo(self, result: MoveResult) -> None:
        self._result = result  # the change signal has placed the card already
        self._board.show_moved(result.lead)
        self._board.hand_over(self, result.lead.version, undone=False)

    def undo(self) -> None:
        from leaddesk.core.services.leads import undo_move

        r = self._result
        self._guard(lambda: self._apply_undo(undo_move(self._board.db, r)))

    def _apply_undo(self, lead: LeadView) -> None:
        self._board.show_moved(lead)
        self._board.hand_over(self, lead.version, undone=True)

    def _guard(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except LeadDeskError as exc:
            self.setObsolete(True)
            self._board.report_error(error_text(exc))
            self._board.reload()


class EditCommand(QUndoCommand):
    """A saved edit of some fields; undo writes the old values back (refused if changed since)."""

    def __init__(
        self,
        board: Board,
        lead: LeadView,
        before: dict[str, Any],
        after: dict[str, Any],
        *,
        promotion: MoveResult | None = None,
    ) -> None:
        super().__init__(QCoreApplication.translate("Commands", "Edit %1").replace("%1", lead.display_name))
        self._board = board
        self._lead_id = lead.id
        self._version = lead.version
        self._before = before
        self._after = after
        # The move scoring made with this edit ("move" mode): undone with it, made again on redo.
        self._promotion = promotion
        self._skip_redo = True

    @property
    def lead_id(self) -> int:
        return self._lead_id

    def expect_version(self, version: int) -> None:
        """The lead's version this command's next undo or redo will find (see ``Board.hand_over``)."""
        self._version = version

    def _write(self, values: dict[str, Any], *, undone: bool) -> None:
        from leaddesk.core.services.leads import get_lead, promotion_of, undo_move, update_lead

        db = self._board.db
        try:
            version = self._version
            if undone and self._promotion is not None:
                promotion = replace(self._promotion, lead=replace(self._promotion.lead, version=version))
                version = undo_move(db, promotion).version
            before = get_lead(db, self._lead_id)
            view, _warnings = update_lead(db, self._lead_id, values, expected_version=version)
        except LeadDeskError as exc:
            self.setObsolete(True)
            self._board.report_error(error_text(exc))
            return
        if not undone and self._promotion is not None:
            self._promotion = promotion_of(db, before, view)  # the rules moved it again
        self._version = view.version
        self._board.hand_over(self, view.version, undone=undone)

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._write(self._after, undone=False)

    def undo(self) -> None:
        self._write(self._before, undone=True)


class TrashCommand(QUndoCommand):
    """Leads moved to the trash; undo brings them back where they stood, redo deletes again."""

    def __init__(self, board: Board, ids: list[int], label: str) -> None:
        super().__init__(QCoreApplication.translate("Commands", "Delete %1").replace("%1", label))
        self._board = board
        self._ids = ids
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        from leaddesk.core.services.trash import delete_leads

        self._guard(lambda: delete_leads(self._board.db, self._ids))

    def undo(self) -> None:
        from leaddesk.core.services.trash import restore_leads

        self._guard(lambda: restore_leads(self._board.db, self._ids))

    def _guard(self, fn: Callable[[], Any]) -> None:
        try:
            fn()  # the change signal puts the cards back on (or takes them off) the board
        except LeadDeskError as exc:
            self.setObsolete(True)
            self._board.report_error(error_text(exc))
