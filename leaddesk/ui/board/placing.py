"""How the board follows writes, whoever made them: each card a change names is placed where
the database now has it (inserted, moved between or within columns, repainted, or taken off),
and the column headers' counts and sums follow.

leaddesk/ui/board/board.py connects the operations layer's change signal and hands each change
to :class:`CardPlacing`. A few cards are placed one by one with single row inserts and removals,
so a drop repaints within a frame even with 100,000 leads; an import's worth is merged into the
columns it touches in one sorted pass; more than that reads the whole board again.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from leaddesk.core.changes import Changes
from leaddesk.core.services.board import (
    HOME_CURRENCY,
    board_rows,
    matching_ids,
    placed_cards,
    score_thresholds,
)
from leaddesk.core.stages import Stage
from leaddesk.ui.board.model import Card

if TYPE_CHECKING:
    from leaddesk.ui.board.board import Board

# Up to this many leads in one change are placed card by card (row inserts keep the selection).
PLACE_ONE_BY_ONE = 300
# More leads than this in one change: read the whole board again (cheaper than placing them).
RELOAD_OVER = 40_000

# A column's header totals: the number of cards shown, and their amounts per currency.
_Totals = tuple[int, dict[str, float]]


class CardPlacing:
    """Puts ``board``'s cards where the database has them and keeps its headers' totals."""

    def __init__(self, board: Board) -> None:
        self.board = board
        # Per column: the card count and per-currency sums last shown in its header, so a move
        # can adjust them by the moved card instead of summing 45,000 values again.
        self._totals: dict[str, _Totals] = {}

    def apply_changes(self, changes: Changes) -> None:
        """The one way the board learns of writes (the operations layer's change signal).

        Cards named by ``changes`` are placed where the database now has them: inserted,
        moved between or within columns, repainted, or removed. Too many to place one by one
        (a rescore of all, a large import) reads the board again.
        """
        board = self.board
        if changes.settings:
            board.delegate.mql_threshold, board.delegate.sql_threshold = score_thresholds(board.db)
        if changes.all_leads or len(changes.lead_ids) > RELOAD_OVER:
            board.reload()
            return
        if changes.lead_ids:
            self.place(changes.lead_ids)
        elif changes.settings:
            for column in board.columns.values():
                column.view.viewport().update()

    def place(self, ids: Iterable[int]) -> None:
        """Put each lead where the database has it now (or take it off the board) and repaint it."""
        board = self.board
        ids = set(ids)
        if len(ids) > PLACE_ONE_BY_ONE:
            self._place_many(ids)
            return
        rows, cards = placed_cards(board.db, ids)
        snap = board.snapshot
        if not board.filter.is_empty:
            board.matched = matching_ids(board.db, board.filter)
        board.sorting.refresh(ids)
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
            if board.matched is None or lead_id in board.matched:
                target = board.models[row.stage]
                target.keep_card(Card.of(cards[lead_id]))  # read with its place: none at the paint
                shown = target.ids
                key = board.sorting.key(row.stage) or self._key
                target.insert_id(bisect.bisect_left(shown, key(lead_id), key=key), lead_id)
                _shift(delta, row.stage, snap.currency.get(lead_id, HOME_CURRENCY), snap.value[lead_id], 1)
        self.update_totals(delta, delta)

    def _place_many(self, ids: set[int]) -> None:
        """``place`` for an import's worth of leads: the columns they touch are rebuilt in one
        sorted pass each (inserting 10,000 ids one by one into a 45,000-card column would move
        memory 10,000 times), and only those leads are read, never the whole table."""
        board = self.board
        rows = board_rows(board.db, ids)
        snap = board.snapshot
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
        for model in board.models.values():
            model.forget(list(ids & set(model.cached_ids())))
        board.matched = matching_ids(board.db, board.filter) if not board.filter.is_empty else None
        board.sorting.refresh(ids)
        for stage in touched:
            base = snap.ids[stage]
            matched = board.matched
            shown = list(base) if matched is None else [i for i in base if i in matched]
            board.models[stage].set_ids(board.sorting.order(stage, shown))
        self.update_totals(touched)

    def _key(self, lead_id: int) -> tuple[float, int]:
        return self.board.snapshot.position[lead_id], lead_id

    def _take_off(self, lead_id: int) -> str | None:
        """Remove a lead from the snapshot and its column (before placing it anew); returns the
        column it was shown in (None if it was not shown)."""
        board = self.board
        snap = board.snapshot
        stage = snap.stage.pop(lead_id, None)
        for model in board.models.values():
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
        shown = board.models[stage].remove_row_of(lead_id) >= 0
        snap.position.pop(lead_id, None)
        snap.value.pop(lead_id, None)
        snap.currency.pop(lead_id, None)
        return stage if shown else None

    def update_totals(
        self, stages: Iterable[str] | None = None, delta: Mapping[str, _Totals] | None = None
    ) -> None:
        """Count and sum the shown cards of ``stages`` (every column if None) and the totals.

        A card move touches two columns: only those are counted. With ``delta`` (per column, the
        cards just shown there minus those taken off, and their amounts per currency) a column
        whose last totals are known is adjusted rather than summed again (~0.5 ms for 45,000
        cards, of the 20 ms a drop may take); when its count does not come out as the cards
        shown, it is summed after all.
        """
        board = self.board
        for stage in board.columns if stages is None else stages:
            column = board.columns.get(stage)
            if column is None:
                continue
            ids = board.models[stage].ids
            known = self._totals.get(stage)
            change = delta.get(stage) if delta is not None else None
            if known is not None and change is not None and known[0] + change[0] == len(ids):
                sums = dict(known[1])
                for code, amount in change[1].items():
                    sums[code] = sums.get(code, 0.0) + amount
                # Another currency's last card gone: no "+ 0 CHF" (float residue of cents included).
                sums = {c: v for c, v in sums.items() if c == HOME_CURRENCY or abs(v) >= 0.005}
            else:
                sums = board.snapshot.sums(ids)
            self._totals[stage] = (len(ids), sums)
            column.header.set_totals(len(ids), sums)  # per currency, never mixed
        board.lost_strip.set_count(len(board.models[Stage.LOST].ids))
        board.counts_changed.emit(board.total, board.shown_count())


def _shift(delta: dict[str, _Totals], stage: str, currency: str, amount: float, cards: int) -> None:
    """Note in ``delta`` a card shown in ``stage`` (``cards`` 1) or taken off it (-1, negative amount)."""
    count, amounts = delta.get(stage, (0, {}))
    amounts[currency] = amounts.get(currency, 0.0) + amount
    delta[stage] = (count + cards, amounts)
