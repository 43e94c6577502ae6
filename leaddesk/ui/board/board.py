"""The board: five stage columns over one in-memory snapshot, filters, moves and their undo.

The snapshot (``load_board``) holds every lead's id, stage, position, value and currency;
each column shows the ids a filter keeps, in board order. A move is saved through the core (one
transaction, ~1–5 ms) and then applied to the snapshot and both column models with single
row inserts/removals — no reload — so a drop repaints within a frame even with 100,000 leads.

The board is split along those lines: this module builds the columns, loads and filters them
and keeps the selection and the columns' order; the user's moves, deletes and their undo
bookkeeping are in leaddesk/ui/board/moves.py, and placing the cards a write names (and the
headers' totals) in leaddesk/ui/board/placing.py. Both are parts the board owns, not widgets.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database
from leaddesk.core.errors import LeadDeskError
from leaddesk.core.services.board import BoardSnapshot, card_rows, load_board, matching_ids, score_thresholds
from leaddesk.core.services.query import LeadFilter
from leaddesk.core.stages import ALL_STAGES, FUNNEL, Stage
from leaddesk.ui.board.column import BoardColumn, LostStrip
from leaddesk.ui.board.delegate import CardDelegate
from leaddesk.ui.board.model import Card, ColumnModel
from leaddesk.ui.board.moves import BoardMoves
from leaddesk.ui.board.placing import CardPlacing
from leaddesk.ui.board.sorting import MANUAL, ColumnSorting, mode_labels
from leaddesk.ui.dialogs import ReasonDialog
from leaddesk.ui.i18n import error_text
from leaddesk.ui.ops import operations

# The write services load with the first write, not with the board (the first paint needs none).
if TYPE_CHECKING:
    from leaddesk.core.services.leads import LeadView
    from leaddesk.ui.board.commands import EditCommand, MoveCommand


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
        self.moves = BoardMoves(self)
        self.placing = CardPlacing(self)
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
        self.placing.update_totals()

    @property
    def total(self) -> int:
        return self.snapshot.total

    def shown_count(self, stage: str | None = None) -> int:
        if stage is not None:
            return self.models[stage].rowCount()
        return sum(m.rowCount() for m in self.models.values())

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

    # --- moves: leaddesk/ui/board/moves.py ----------------------------------------------------
    def move_selected(self, step: int) -> None:
        """Keyboard: the selected card one stage on (+1) or back (-1)."""
        self.moves.move_selected(step)

    def move_selected_to_lost(self) -> None:
        self.moves.move_selected_to_lost()

    def accept_suggestion(self, lead_id: int | None = None) -> None:
        """The card (``None``: the selected one) to the stage scoring marked it ready for, undoable."""
        self.moves.accept_suggestion(lead_id)

    def delete_lead(self, lead_id: int | None = None) -> bool:
        """The card (``None``: the selected one) to the trash after asking; True if it went."""
        return self.moves.delete_lead(lead_id)

    def request_move(self, lead_id: int, from_stage: str, to_stage: str, row: int) -> None:
        """A drop or a shortcut; ``row`` is where the card lands in the target column (-1: at the end)."""
        self.moves.request_move(lead_id, from_stage, to_stage, row)

    def hand_over(self, command: MoveCommand | EditCommand, version: int, *, undone: bool) -> None:
        """An undo (redo) gave the lead a new version: the next command of that lead to run finds it."""
        self.moves.hand_over(command, version, undone=undone)

    def show_moved(self, lead: LeadView) -> None:
        """After the user's own move: select the card where it landed and say so."""
        if lead.stage != Stage.LOST or self.lost_visible:
            self.select_lead(lead.id, lead.stage)
        self.moved.emit(lead.id, lead.stage)

    def report_error(self, message: str) -> None:
        self.error.emit(message)

    # --- writes, whoever made them: leaddesk/ui/board/placing.py ------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """The one way the board learns of writes (the operations layer's change signal)."""
        self.placing.apply_changes(changes)

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
