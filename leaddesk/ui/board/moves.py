"""The board's moves: a card to another stage or place (a drop, Ctrl+Left/Right, an accepted
score suggestion) or to the trash, each saved at once and pushed on the board's undo stack.

leaddesk/ui/board/board.py shows the cards and keeps its public move methods; they hand over to
:class:`BoardMoves`. With the moves live what they need of the undo stack: the position a drop
lands on (room made between two neighbours when there is none) and the lead version one undo
step hands on to the next.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoCommand

from leaddesk.core.errors import DatabaseBusyError, LeadDeskError
from leaddesk.core.services.board import make_room
from leaddesk.core.stages import SUGGESTION_ACCEPTED, Stage, is_backward, next_stage, previous_stage
from leaddesk.ui.board.commands import EditCommand, MoveCommand, TrashCommand
from leaddesk.ui.dialogs import ReasonDialog, ask_destructive
from leaddesk.ui.i18n import error_text

# The write services load with the first write, not with the board (the first paint needs none).
if TYPE_CHECKING:
    from leaddesk.core.services.leads import MoveResult
    from leaddesk.ui.board.board import Board


class BoardMoves(QObject):
    """What the user does to ``board``'s cards: move, accept a suggestion, delete; each undoable.

    A QObject child of the board for ``tr`` and so that it goes with the board.
    """

    def __init__(self, board: Board) -> None:
        super().__init__(board)
        self.board = board

    def move_selected(self, step: int) -> None:
        """Keyboard: the selected card one stage on (+1) or back (-1)."""
        current = self.board.current()
        if current is None:
            return
        stage, lead_id = current
        target = next_stage(Stage(stage)) if step > 0 else previous_stage(Stage(stage))
        if target is not None:
            self.request_move(lead_id, stage, target.value, -1)

    def move_selected_to_lost(self) -> None:
        current = self.board.current()
        if current is not None and current[0] != Stage.LOST:
            self.request_move(current[1], current[0], Stage.LOST.value, -1)

    def accept_suggestion(self, lead_id: int | None = None) -> None:
        """Move a card to the stage scoring marked it ready for (``score_flag``), as one undoable step.

        The one path for the card's pill, the menu, Ctrl+Shift+A and the editor's Score tab: the
        history records the accepted suggestion as the reason.
        """
        from leaddesk.ui.board.delegate import ready_for

        board = self.board
        current = board.current()
        if lead_id is None and current is not None:
            lead_id = current[1]
        if lead_id is None:
            return
        card = next((m.cached(lead_id) for m in board.models.values() if m.cached(lead_id)), None)
        if card is None:  # e.g. accepted in the editor of a lead scrolled out of view
            card = board._fetch_cards([lead_id]).get(lead_id)
        if card is None or not ready_for(card):
            return
        from leaddesk.core.services.rescoring import accept_suggestion

        try:
            result = accept_suggestion(board.db, lead_id, actor=board.actor, expected_version=card.version)
        except LeadDeskError as exc:
            board.report_error(error_text(exc))
            board.reload()
            return
        board.show_moved(result.lead)
        board.undo_stack.push(MoveCommand(board, result, SUGGESTION_ACCEPTED.format(score=card.score)))

    def delete_lead(self, lead_id: int | None = None) -> bool:
        """Move a card to the trash after asking (Del, the card menu, the editor); Ctrl+Z brings it back."""
        board = self.board
        if lead_id is None:
            current = board.current()
            if current is None:
                return False
            lead_id = current[1]
        card = next((m.cached(lead_id) for m in board.models.values() if m.cached(lead_id)), None)
        if card is None:
            card = board._fetch_cards([lead_id]).get(lead_id)
        from leaddesk.core.services.trash import TRASH_DAYS, delete_leads

        name = card.title if card is not None else str(lead_id)
        label = f"{name} ({card.company})" if card is not None and card.name and card.company else name
        if not ask_destructive(
            board.window(),
            self.tr("Delete lead"),
            self.tr(
                "Move %1 to the trash? You can restore it from File → Trash for %2 days, or undo with Ctrl+Z."
            )
            .replace("%1", label)
            .replace("%2", str(TRASH_DAYS)),
            self.tr("Move to trash"),
        ):
            return False
        try:
            deleted = delete_leads(board.db, [lead_id])
        except LeadDeskError as exc:
            board.report_error(error_text(exc))
            return False
        if deleted:
            board.undo_stack.push(TrashCommand(board, deleted, name))
        return bool(deleted)

    def request_move(self, lead_id: int, from_stage: str, to_stage: str, row: int) -> None:
        """A drop or a shortcut: save forward moves at once, ask for a reason otherwise.

        ``row`` is where the card lands in the target column's shown list (-1: at the end).
        """
        board = self.board
        if to_stage == Stage.LOST and not board.lost_visible:
            row = -1
        target = board.models[to_stage]
        if row < 0:
            row = target.rowCount()
        if from_stage == to_stage and board.sorting.is_sorted(to_stage):
            return  # a sorted column has no manual order to change
        if from_stage == to_stage:
            old = target.row_of(lead_id)
            if old < 0 or row in (old, old + 1):
                return
            if old < row:
                row -= 1
            self._save_move(lead_id, from_stage, to_stage, row, "")
            return
        if is_backward(Stage(from_stage), Stage(to_stage)):
            card = board.models[from_stage].cached(lead_id)
            name = card.title if card else str(lead_id)
            dialog = ReasonDialog(name, from_stage, to_stage, board)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(
                lambda: self._save_move(lead_id, from_stage, to_stage, row, dialog.reason())
            )
            dialog.finished.connect(lambda _r: setattr(board, "reason_dialog", None))
            board.reason_dialog = dialog
            dialog.open()
            return
        self._save_move(lead_id, from_stage, to_stage, row, "")

    def _save_move(self, lead_id: int, from_stage: str, to_stage: str, row: int, reason: str) -> None:
        from leaddesk.core.services.leads import move_stage

        board = self.board
        card = board.models[from_stage].cached(lead_id)

        def save(position: float | None) -> MoveResult:
            return move_stage(
                board.db,
                lead_id,
                to_stage,
                reason=reason,
                actor=board.actor,
                position=position,
                expected_version=card.version if card else None,
            )

        def saved(result: MoveResult) -> None:
            board.show_moved(result.lead)
            board.undo_stack.push(MoveCommand(board, result, reason))

        def refused(exc: BaseException, _trace: str = "") -> None:  # conflict, vanished lead …
            board.report_error(error_text(exc))
            board.reload()

        position: float | None = None
        try:
            # A sorted column shows no manual order: the card goes to the end of it (None).
            if not board.sorting.is_sorted(to_stage):
                position = self._position_for(lead_id, to_stage, row)
            result = save(position)
        except DatabaseBusyError:
            # Another LeadDesk process is writing: the window stays live, and the move is saved
            # on the write lane once the database is free (the status bar says it waits).
            board.ops.write_when_free(lambda: save(position), done=saved, failed=refused, owner=board)
            return
        except LeadDeskError as exc:
            refused(exc)
            return
        saved(result)

    def _position_for(self, lead_id: int, stage: str, row: int) -> float:
        """A position that puts the lead before the ``row``-th shown card (after the last if none)."""
        snapshot = self.board.snapshot
        pos = snapshot.position
        shown = self.board.models[stage].ids
        ids = snapshot.ids.get(stage, [])
        if snapshot.stage.get(lead_id) == stage:  # within its column: place it as if it were gone
            shown = [i for i in shown if i != lead_id]
            ids = [i for i in ids if i != lead_id]

        def base_index(i: int) -> int:
            return bisect.bisect_left(ids, (pos[i], i), key=lambda x: (pos[x], x))

        if row < len(shown):
            nxt = shown[row]
            j = base_index(nxt)
            if j > 0:
                return self._between(stage, ids[j - 1], nxt)
            return pos[nxt] - 1.0
        if shown:
            prv = shown[-1]
            j = base_index(prv)
            if j + 1 < len(ids):
                return self._between(stage, prv, ids[j + 1])
            return pos[prv] + 1.0
        return (pos[ids[-1]] + 1.0) if ids else 1.0

    def hand_over(self, command: MoveCommand | EditCommand, version: int, *, undone: bool) -> None:
        """An undo (redo) gave the lead a new version: the nearest earlier (later) command of the
        same lead is the one to run next on it, and finds this version — not the one it saved.
        Without this, moving a card twice and pressing Ctrl+Z twice reported a false conflict."""
        commands = self._commands()
        at = next((i for i, c in enumerate(commands) if c is command), None)
        if at is None:
            return
        for other in reversed(commands[:at]) if undone else commands[at + 1 :]:
            if isinstance(other, MoveCommand | EditCommand) and other.lead_id == command.lead_id:
                other.expect_version(version)
                return

    def _between(self, stage: str, above: int, below: int) -> float:
        """The middle of two neighbours' positions; first spread the cards there if there is none."""
        pos = self.board.snapshot.position
        middle = (pos[above] + pos[below]) / 2
        if pos[above] < middle < pos[below]:
            return middle
        room = make_room(self.board.db, stage, above)
        pos.update(room.moved)  # the order stays, so the column lists stay as they are
        for command in self._commands():
            if isinstance(command, MoveCommand):
                command.remap_positions(stage, room.remap)
        return (pos[above] + pos[below]) / 2

    def _commands(self) -> list[QUndoCommand]:
        """The undo stack's commands, oldest first (done ones, then those undone)."""
        stack = self.board.undo_stack
        return [stack.command(i) for i in range(stack.count())]
