"""The board: five stage columns over one in-memory snapshot, filters, moves and their undo.

The snapshot (``load_board``) holds every lead's id, stage, position, value and currency;
each column shows the ids a filter keeps, in board order. A move is saved through the core (one
transaction, ~1–5 ms) and then applied to the snapshot and both column models with single
row inserts/removals — no reload — so a drop repaints within a frame even with 100,000 leads.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import DatabaseBusyError, LeadDeskError
from leaddesk.core.services.board import (
    HOME_CURRENCY,
    BoardSnapshot,
    board_rows,
    card_rows,
    load_board,
    make_room,
    matching_ids,
    placed_cards,
    score_thresholds,
)
from leaddesk.core.services.query import LeadFilter
from leaddesk.core.stages import (
    ALL_STAGES,
    FUNNEL,
    SUGGESTION_ACCEPTED,
    Stage,
    is_backward,
    next_stage,
    previous_stage,
)
from leaddesk.ui.board.column import BoardColumn, LostStrip
from leaddesk.ui.board.commands import EditCommand, MoveCommand, TrashCommand
from leaddesk.ui.board.delegate import CardDelegate
from leaddesk.ui.board.model import Card, ColumnModel
from leaddesk.ui.board.sorting import MANUAL, ColumnSorting, mode_labels
from leaddesk.ui.dialogs import ReasonDialog, ask_destructive
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import operations

# The write services load with the first write, not with the board (the first paint needs none).
if TYPE_CHECKING:
    from leaddesk.core.services.leads import LeadView, MoveResult

# Up to this many leads in one change are placed card by card (row inserts keep the selection).
PLACE_ONE_BY_ONE = 300
# More leads than this in one change: read the whole board again (cheaper than placing them).
RELOAD_OVER = 40_000


class Board(QWidget):
    """Home screen widget. Signals tell the main window what to show; it owns the undo stack."""

    open_lead = Signal(int)
    counts_changed = Signal(int, int)  # all live leads, leads shown under the filter
    first_painted = Signal()
    error = Signal(str)
    moved = Signal(int, str)  # lead id, new stage (after save and repaint)
    lost_toggle_requested = Signal()  # the collapsed Lost strip was clicked
    selection_changed = Signal()  # the selected cards (any column) changed
    # Several cards dropped on another column: lead ids, target stage (one bulk move, one question).
    bulk_move_requested = Signal(object, str)
    # A column's order changed (stage, mode): the window remembers it.
    sort_changed = Signal(str, str)

    def __init__(self, db: Database, parent: QWidget | None = None, *, actor: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.undo_stack = QUndoStack(self)
        self.snapshot = BoardSnapshot(ids={s.value: [] for s in ALL_STAGES})
        self.filter = LeadFilter()
        self.matched: set[int] | None = None
        # Per column: the card count and per-currency sums last shown in its header, so a move
        # can adjust them by the moved card instead of summing 45,000 values again.
        self._totals: dict[str, _Totals] = {}
        self.reason_dialog: ReasonDialog | None = None
        self.delegate = CardDelegate(self)
        self.delegate.pill_clicked.connect(self.accept_suggestion)
        self.models: dict[str, ColumnModel] = {}
        self.sorting = ColumnSorting(db)
        self.columns: dict[str, BoardColumn] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        self._unpainted = set()
        for stage in ALL_STAGES:
            model = ColumnModel(stage.value, self._fetch_cards, self)
            model.move_requested.connect(self.request_move)
            column = BoardColumn(model, self.delegate, self)
            column.view.open_requested.connect(lambda row, m=model: self._open_row(m, row))
            column.view.neighbour_requested.connect(
                lambda step, s=stage.value: self._focus_neighbour(s, step)
            )
            column.view.first_painted.connect(lambda s=stage.value: self._column_painted(s))
            column.view.select_all_requested.connect(self.select_all)
            column.view.selectionModel().selectionChanged.connect(
                lambda *_a, s=stage.value: self._selection_changed(s)
            )
            # The current card is set after the selection: both tell what the actions may do.
            column.view.selectionModel().currentChanged.connect(lambda *_a: self.selection_changed.emit())
            model.bulk_move_requested.connect(self.bulk_move_requested)
            self._fill_sort_menu(column, stage.value)
            self.models[stage.value] = model
            self.columns[stage.value] = column
            layout.addWidget(column, 1)
            self._unpainted.add(stage.value)
        self.columns[Stage.LOST].hide()
        self._unpainted.discard(Stage.LOST)
        self.lost_strip = LostStrip(self)
        self.lost_strip.dropped.connect(
            lambda lead_id, stage: self.request_move(lead_id, stage, Stage.LOST.value, -1)
        )
        self.lost_strip.clicked.connect(self.lost_toggle_requested)
        layout.addWidget(self.lost_strip)
        self._selecting_all = False
        self.ops = operations(db)
        self.ops.changed.connect(self.apply_changes)
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)  # "overdue" follows the clock
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    # --- loading and filtering ---------------------------------------------------------------
    def reload(self) -> None:
        """Read the whole board again (start, after demo data or an import, after a refused undo)."""
        try:
            self.snapshot = load_board(self.db)
            self.delegate.mql_threshold, self.delegate.sql_threshold = score_thresholds(self.db)
        except LeadDeskError as exc:  # a damaged or locked database: say so, show what is known
            self.report_error(error_text(exc))
        for model in self.models.values():
            model.forget()
        self.sorting.forget()
        self.set_filter(self.filter)

    def set_filter(self, f: LeadFilter) -> None:
        """Show only what ``f`` keeps in every column (FTS for the search words)."""
        self.filter = f
        self.matched = matching_ids(self.db, f)
        matched = self.matched
        for stage, model in self.models.items():
            base = self.snapshot.ids.get(stage, [])
            shown = list(base) if matched is None else [i for i in base if i in matched]
            model.set_ids(self.sorting.order(stage, shown))
        self._update_totals()

    @property
    def total(self) -> int:
        return self.snapshot.total

    def shown_count(self, stage: str | None = None) -> int:
        if stage is not None:
            return self.models[stage].rowCount()
        return sum(m.rowCount() for m in self.models.values())

    def _update_totals(
        self, stages: Iterable[str] | None = None, delta: Mapping[str, _Totals] | None = None
    ) -> None:
        """Count and sum the shown cards of ``stages`` (every column if None) and the totals.

        A card move touches two columns: only those are counted. With ``delta`` (per column, the
        cards just shown there minus those taken off, and their amounts per currency) a column
        whose last totals are known is adjusted rather than summed again (~0.5 ms for 45,000
        cards, of the 20 ms a drop may take); when its count does not come out as the cards
        shown, it is summed after all.
        """
        for stage in self.columns if stages is None else stages:
            column = self.columns.get(stage)
            if column is None:
                continue
            ids = self.models[stage].ids
            known = self._totals.get(stage)
            change = delta.get(stage) if delta is not None else None
            if known is not None and change is not None and known[0] + change[0] == len(ids):
                sums = dict(known[1])
                for code, amount in change[1].items():
                    sums[code] = sums.get(code, 0.0) + amount
                # Another currency's last card gone: no "+ 0 CHF" (float residue of cents included).
                sums = {c: v for c, v in sums.items() if c == HOME_CURRENCY or abs(v) >= 0.005}
            else:
                sums = self.snapshot.sums(ids)
            self._totals[stage] = (len(ids), sums)
            column.header.set_totals(len(ids), sums)  # per currency, never mixed
        self.lost_strip.set_count(len(self.models[Stage.LOST].ids))
        self.counts_changed.emit(self.total, self.shown_count())

    def _fetch_cards(self, ids: list[int]) -> dict[int, Card]:
        return {i: Card.of(row) for i, row in card_rows(self.db, ids).items()}

    def set_lost_visible(self, visible: bool) -> None:
        self.columns[Stage.LOST].setVisible(visible)
        self.lost_strip.setVisible(not visible)

    @property
    def lost_visible(self) -> bool:
        return not self.columns[Stage.LOST].isHidden()

    # --- selection and keyboard ----------------------------------------------------------------
    def current(self) -> tuple[str, int] | None:
        """(stage, lead id) of the selected card in the focused (or last used) column."""
        for stage, column in self.columns.items():
            if column.isHidden():
                continue
            index = column.view.currentIndex()
            if column.view.hasFocus() and index.isValid():
                return stage, self.models[stage].ids[index.row()]
        for stage, column in self.columns.items():
            index = column.view.currentIndex()
            if not column.isHidden() and index.isValid() and column.view.selectionModel().isSelected(index):
                return stage, self.models[stage].ids[index.row()]
        return None

    def select_lead(self, lead_id: int, stage: str) -> None:
        row = self.models[stage].row_of(lead_id)
        if row >= 0:
            for other, column in self.columns.items():
                if other != stage:
                    column.view.clearSelection()
            self.columns[stage].view.select_row(row)

    def focus_board(self) -> None:
        for stage in FUNNEL:
            if self.models[stage].rowCount():
                view = self.columns[stage].view
                view.select_row(max(0, view.currentIndex().row()))
                return

    def _focus_neighbour(self, stage: str, step: int) -> None:
        order = [s.value for s in ALL_STAGES if not self.columns[s].isHidden()]
        i = order.index(stage) + step
        current_view = self.columns[stage].view
        row = current_view.currentIndex().row()
        if 0 <= i < len(order):
            current_view.clearSelection()
            self.columns[order[i]].view.select_row(max(row, 0))

    def selected_ids(self) -> list[int]:
        """Every selected card, column by column (board order), for the bulk actions."""
        out: list[int] = []
        for stage, column in self.columns.items():
            if column.isHidden():
                continue
            ids = self.models[stage].ids
            rows = sorted(i.row() for i in column.view.selectionModel().selectedRows())
            out.extend(ids[r] for r in rows if r < len(ids))
        return out

    def select_all(self) -> None:
        """Ctrl+A twice: every card of every shown column."""
        self._selecting_all = True
        try:
            for column in self.columns.values():
                if not column.isHidden():
                    column.view.selectAll()
        finally:
            self._selecting_all = False

    def _selection_changed(self, stage: str) -> None:
        """A plain click or arrow key in one column leaves no card selected in another: two cards
        never look selected at once unless Ctrl or Shift asked for it."""
        view = self.columns[stage].view
        modifiers = QApplication.keyboardModifiers()
        adding = modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        if view.selectionModel().hasSelection() and not adding and not self._selecting_all:
            for other, column in self.columns.items():
                if other != stage and column.view.selectionModel().hasSelection():
                    column.view.clearSelection()
        self.selection_changed.emit()

    # --- column order ----------------------------------------------------------------------------
    def _fill_sort_menu(self, column: BoardColumn, stage: str) -> None:
        header = column.header
        for mode, label in mode_labels().items():
            action = header.sort_menu.addAction(label)
            action.setCheckable(True)
            action.setData(mode)
            action.setChecked(mode == MANUAL)
            header.sort_group.addAction(action)
            action.triggered.connect(lambda _c=False, m=mode, s=stage: self.set_column_sort(s, m))
        header.sort_button.setToolTip(self.tr("Order of the cards: %1").replace("%1", mode_labels()[MANUAL]))

    def set_column_sort(self, stage: str, mode: str) -> None:
        """Order ``stage``'s cards by ``mode`` (``MANUAL``: the drag order), keeping the selection."""
        if mode not in mode_labels():
            mode = MANUAL
        self.sorting.modes[stage] = mode
        header = self.columns[stage].header
        for action in header.sort_group.actions():
            action.setChecked(action.data() == mode)
        header.sort_button.setToolTip(self.tr("Order of the cards: %1").replace("%1", mode_labels()[mode]))
        header.sort_button.setText("⇅" if mode == MANUAL else "⇅ " + mode_labels()[mode])
        model = self.models[stage]
        selected = set(self.selected_ids())
        base = self.snapshot.ids.get(stage, [])
        shown = list(base) if self.matched is None else [i for i in base if i in self.matched]
        model.set_ids(self.sorting.order(stage, shown))
        view = self.columns[stage].view
        for lead_id in selected:
            row = model.row_of(lead_id)
            if row >= 0:
                view.selectionModel().select(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )
        self.sort_changed.emit(stage, mode)

    def _open_row(self, model: ColumnModel, row: int) -> None:
        if 0 <= row < len(model.ids):
            self.open_lead.emit(model.ids[row])

    # --- moves --------------------------------------------------------------------------------
    def move_selected(self, step: int) -> None:
        """Keyboard: the selected card one stage on (+1) or back (-1)."""
        current = self.current()
        if current is None:
            return
        stage, lead_id = current
        target = next_stage(Stage(stage)) if step > 0 else previous_stage(Stage(stage))
        if target is not None:
            self.request_move(lead_id, stage, target.value, -1)

    def move_selected_to_lost(self) -> None:
        current = self.current()
        if current is not None and current[0] != Stage.LOST:
            self.request_move(current[1], current[0], Stage.LOST.value, -1)

    def accept_suggestion(self, lead_id: int | None = None) -> None:
        """Move a card to the stage scoring marked it ready for (``score_flag``), as one undoable step.

        The one path for the card's pill, the menu, Ctrl+Shift+A and the editor's Score tab: the
        history records the accepted suggestion as the reason.
        """
        from leaddesk.ui.board.delegate import ready_for

        current = self.current()
        if lead_id is None and current is not None:
            lead_id = current[1]
        if lead_id is None:
            return
        card = next((m.cached(lead_id) for m in self.models.values() if m.cached(lead_id)), None)
        if card is None:  # e.g. accepted in the editor of a lead scrolled out of view
            card = self._fetch_cards([lead_id]).get(lead_id)
        if card is None or not ready_for(card):
            return
        from leaddesk.core.services.rescoring import accept_suggestion

        try:
            result = accept_suggestion(self.db, lead_id, actor=self.actor, expected_version=card.version)
        except LeadDeskError as exc:
            self.report_error(error_text(exc))
            self.reload()
            return
        self.show_moved(result.lead)
        self.undo_stack.push(MoveCommand(self, result, SUGGESTION_ACCEPTED.format(score=card.score)))

    def delete_lead(self, lead_id: int | None = None) -> bool:
        """Move a card to the trash after asking (Del, the card menu, the editor); Ctrl+Z brings it back."""
        if lead_id is None:
            current = self.current()
            if current is None:
                return False
            lead_id = current[1]
        card = next((m.cached(lead_id) for m in self.models.values() if m.cached(lead_id)), None)
        if card is None:
            card = self._fetch_cards([lead_id]).get(lead_id)
        from leaddesk.core.services.trash import TRASH_DAYS, delete_leads

        name = card.title if card is not None else str(lead_id)
        label = f"{name} ({card.company})" if card is not None and card.name and card.company else name
        if not ask_destructive(
            self.window(),
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
            deleted = delete_leads(self.db, [lead_id])
        except LeadDeskError as exc:
            self.report_error(error_text(exc))
            return False
        if deleted:
            self.undo_stack.push(TrashCommand(self, deleted, name))
        return bool(deleted)

    def request_move(self, lead_id: int, from_stage: str, to_stage: str, row: int) -> None:
        """A drop or a shortcut: save forward moves at once, ask for a reason otherwise.

        ``row`` is where the card lands in the target column's shown list (-1: at the end).
        """
        if to_stage == Stage.LOST and not self.lost_visible:
            row = -1
        target = self.models[to_stage]
        if row < 0:
            row = target.rowCount()
        if from_stage == to_stage and self.sorting.is_sorted(to_stage):
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
            card = self.models[from_stage].cached(lead_id)
            name = card.title if card else str(lead_id)
            dialog = ReasonDialog(name, from_stage, to_stage, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(
                lambda: self._save_move(lead_id, from_stage, to_stage, row, dialog.reason())
            )
            dialog.finished.connect(lambda _r: setattr(self, "reason_dialog", None))
            self.reason_dialog = dialog
            dialog.open()
            return
        self._save_move(lead_id, from_stage, to_stage, row, "")

    def _save_move(self, lead_id: int, from_stage: str, to_stage: str, row: int, reason: str) -> None:
        from leaddesk.core.services.leads import move_stage

        card = self.models[from_stage].cached(lead_id)

        def save(position: float | None) -> MoveResult:
            return move_stage(
                self.db,
                lead_id,
                to_stage,
                reason=reason,
                actor=self.actor,
                position=position,
                expected_version=card.version if card else None,
            )

        def saved(result: MoveResult) -> None:
            self.show_moved(result.lead)
            self.undo_stack.push(MoveCommand(self, result, reason))

        def refused(exc: BaseException, _trace: str = "") -> None:  # conflict, vanished lead …
            self.report_error(error_text(exc))
            self.reload()

        position: float | None = None
        try:
            # A sorted column shows no manual order: the card goes to the end of it (None).
            if not self.sorting.is_sorted(to_stage):
                position = self._position_for(lead_id, to_stage, row)
            result = save(position)
        except DatabaseBusyError:
            # Another LeadDesk process is writing: the window stays live, and the move is saved
            # on the write lane once the database is free (the status bar says it waits).
            self.ops.write_when_free(lambda: save(position), done=saved, failed=refused, owner=self)
            return
        except LeadDeskError as exc:
            refused(exc)
            return
        saved(result)

    def _position_for(self, lead_id: int, stage: str, row: int) -> float:
        """A position that puts the lead before the ``row``-th shown card (after the last if none)."""
        pos = self.snapshot.position
        shown = self.models[stage].ids
        ids = self.snapshot.ids.get(stage, [])
        if self.snapshot.stage.get(lead_id) == stage:  # within its column: place it as if it were gone
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
        pos = self.snapshot.position
        middle = (pos[above] + pos[below]) / 2
        if pos[above] < middle < pos[below]:
            return middle
        room = make_room(self.db, stage, above)
        pos.update(room.moved)  # the order stays, so the column lists stay as they are
        for command in self._commands():
            if isinstance(command, MoveCommand):
                command.remap_positions(stage, room.remap)
        return (pos[above] + pos[below]) / 2

    def _commands(self) -> list[QUndoCommand]:
        """The undo stack's commands, oldest first (done ones, then those undone)."""
        return [self.undo_stack.command(i) for i in range(self.undo_stack.count())]

    def apply_changes(self, changes: Changes) -> None:
        """The one way the board learns of writes (the operations layer's change signal).

        Cards named by ``changes`` are placed where the database now has them: inserted,
        moved between or within columns, repainted, or removed. Too many to place one by one
        (a rescore of all, a large import) reads the board again.
        """
        if changes.settings:
            self.delegate.mql_threshold, self.delegate.sql_threshold = score_thresholds(self.db)
        if changes.all_leads or len(changes.lead_ids) > RELOAD_OVER:
            self.reload()
            return
        if changes.lead_ids:
            self.place(changes.lead_ids)
        elif changes.settings:
            for column in self.columns.values():
                column.view.viewport().update()

    def place(self, ids: Iterable[int]) -> None:
        """Put each lead where the database has it now (or take it off the board) and repaint it."""
        ids = set(ids)
        if len(ids) > PLACE_ONE_BY_ONE:
            self._place_many(ids)
            return
        rows, cards = placed_cards(self.db, ids)
        snap = self.snapshot
        if not self.filter.is_empty:
            self.matched = matching_ids(self.db, self.filter)
        self.sorting.refresh(ids)
        delta: dict[str, _Totals] = {}  # the columns whose shown cards change, and by how much
        for lead_id in ids:
            before = (snap.value.get(lead_id, 0.0), snap.currency.get(lead_id, HOME_CURRENCY))
            shown_in = self._take_off(lead_id)
            if shown_in is not None:
                _shift(delta, shown_in, before[1], -before[0], -1)
            row = rows.get(lead_id)
            if row is None:
                continue
            snap.position[lead_id] = row.position
            snap.stage[lead_id] = row.stage
            snap.set_value(lead_id, row.value, row.currency)
            base = snap.ids.setdefault(row.stage, [])
            base.insert(bisect.bisect_left(base, self._key(lead_id), key=self._key), lead_id)
            if self.matched is None or lead_id in self.matched:
                target = self.models[row.stage]
                target.keep_card(Card.of(cards[lead_id]))  # read with its place: none at the paint
                shown = target.ids
                key = self.sorting.key(row.stage) or self._key
                target.insert_id(bisect.bisect_left(shown, key(lead_id), key=key), lead_id)
                _shift(delta, row.stage, snap.currency.get(lead_id, HOME_CURRENCY), snap.value[lead_id], 1)
        self._update_totals(delta, delta)

    def _place_many(self, ids: set[int]) -> None:
        """``place`` for an import's worth of leads: the columns they touch are rebuilt in one
        sorted pass each (inserting 10,000 ids one by one into a 45,000-card column would move
        memory 10,000 times), and only those leads are read, never the whole table."""
        rows = board_rows(self.db, ids)
        snap = self.snapshot
        touched: set[str] = set()
        for lead_id in ids:
            stage = snap.stage.pop(lead_id, None)
            if stage is not None:
                touched.add(stage)
            snap.position.pop(lead_id, None)
            snap.value.pop(lead_id, None)
            snap.currency.pop(lead_id, None)
        for row in rows.values():
            snap.stage[row.id] = row.stage
            snap.position[row.id] = row.position
            snap.set_value(row.id, row.value, row.currency)
            touched.add(row.stage)
        for stage in touched:
            kept = [i for i in snap.ids.get(stage, []) if i not in ids]
            kept.extend(r.id for r in rows.values() if r.stage == stage)
            kept.sort(key=self._key)  # two sorted runs: Timsort merges them in one pass
            snap.ids[stage] = kept
        for model in self.models.values():
            model.forget(list(ids & set(model.cached_ids())))
        self.matched = matching_ids(self.db, self.filter) if not self.filter.is_empty else None
        self.sorting.refresh(ids)
        for stage in touched:
            base = snap.ids[stage]
            matched = self.matched
            shown = list(base) if matched is None else [i for i in base if i in matched]
            self.models[stage].set_ids(self.sorting.order(stage, shown))
        self._update_totals(touched)

    def _key(self, lead_id: int) -> tuple[float, int]:
        return self.snapshot.position[lead_id], lead_id

    def _take_off(self, lead_id: int) -> str | None:
        """Remove a lead from the snapshot and its column (before placing it anew); returns the
        column it was shown in (None if it was not shown)."""
        snap = self.snapshot
        stage = snap.stage.pop(lead_id, None)
        for model in self.models.values():
            model.forget_card(lead_id)
        if stage is None:
            return None
        base = snap.ids.get(stage, [])
        if lead_id in snap.position:
            j = bisect.bisect_left(base, self._key(lead_id), key=self._key)
            if j < len(base) and base[j] == lead_id:
                del base[j]
            elif lead_id in base:
                base.remove(lead_id)
        shown = self.models[stage].remove_row_of(lead_id) >= 0
        snap.position.pop(lead_id, None)
        snap.value.pop(lead_id, None)
        snap.currency.pop(lead_id, None)
        return stage if shown else None

    def show_moved(self, lead: LeadView) -> None:
        """After the user's own move: select the card where it landed and say so."""
        if lead.stage != Stage.LOST or self.lost_visible:
            self.select_lead(lead.id, lead.stage)
        self.moved.emit(lead.id, lead.stage)

    def report_error(self, message: str) -> None:
        self.error.emit(message)

    # --- painting -----------------------------------------------------------------------------
    def _column_painted(self, stage: str) -> None:
        self._unpainted.discard(stage)
        if not self._unpainted:
            self._unpainted = {"done"}
            self.first_painted.emit()

    def _tick(self) -> None:
        self.delegate.set_now(datetime.now(UTC))
        for column in self.columns.values():
            column.view.viewport().update()


def time_ms(fn: Callable[[], object]) -> float:
    """Wall time of ``fn`` in ms (benchmarks and the status bar's debug figures)."""
    timer = QElapsedTimer()
    timer.start()
    fn()
    return timer.nsecsElapsed() / 1e6


# A column's header totals: the number of cards shown, and their amounts per currency.
_Totals = tuple[int, dict[str, float]]


def _shift(delta: dict[str, _Totals], stage: str, currency: str, amount: float, cards: int) -> None:
    """Note in ``delta`` a card shown in ``stage`` (``cards`` 1) or taken off it (-1, negative amount)."""
    count, amounts = delta.get(stage, (0, {}))
    amounts[currency] = amounts.get(currency, 0.0) + amount
    delta[stage] = (count + cards, amounts)
