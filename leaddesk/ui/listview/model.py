"""The list view's model: every lead's id in the chosen order, rows read in windows as they are painted.

Holding 100,000 ids costs a list of ints; the rows on screen are read by id in windows of
:data:`WINDOW` (one ``SELECT … WHERE id IN …``) and kept in a bounded cache. Sorting reads the
ids in the new order (``sorted_ids``; on the read lane for a long list, so the window never
freezes) and keeps the selection through ``layoutChanged``. A change naming a few leads
repaints just their rows; one that may change which leads are shown or their order re-reads
the ids, again keeping the selection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from leaddesk.core.changes import Changes
from leaddesk.core.db import Database, as_utc
from leaddesk.core.services.lead_table import (
    MOMENT_COLUMNS,
    NUMBER_COLUMNS,
    TABLE_COLUMNS,
    sorted_ids,
    table_rows,
)
from leaddesk.core.services.query import LeadFilter
from leaddesk.ui.board.delegate import money
from leaddesk.ui.i18n import field_label, lost_reason_labels, stage_label
from leaddesk.ui.zone import local_text

log = logging.getLogger(__name__)

LEAD_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
# The raw value of a cell (sorting in tests, copying).
VALUE_ROLE = int(Qt.ItemDataRole.UserRole) + 2

# Rows read around a cache miss: two screens and some, one query.
WINDOW_BEFORE = 60
WINDOW_AFTER = 200
CACHE_LIMIT = 5000
# Up to this many leads in an ``updated`` change are compared in place; more re-read the ids.
PATCH_LIMIT = 500
# Lists longer than this are sorted on the read lane (a sort of 100,000 leads reads for ~100–250
# ms); shorter ones at once, so a click never shows a frame of the old order for nothing.
SORT_IN_BACKGROUND = 5000

AnyIndex = QModelIndex | QPersistentModelIndex


def column_label(name: str) -> str:
    """The header of a list column, translated."""
    translate = QCoreApplication.translate
    own = {
        "score": translate("LeadList", "Score"),
        "fit_score": translate("LeadList", "Fit points"),
        "engagement_score": translate("LeadList", "Engagement points"),
        "manual_score": translate("LeadList", "Manual points"),
        "bant_confirmed": translate("LeadList", "BANT confirmed"),
        "last_activity": translate("LeadList", "Last activity"),
        "days_in_stage": translate("LeadList", "Days in stage"),
        "created_at": translate("LeadList", "Created"),
        "updated_at": translate("LeadList", "Changed"),
        "id": translate("LeadList", "No."),
    }
    return own.get(name) or field_label(name)


class LeadTableModel(QAbstractTableModel):
    """All leads the filter keeps, one row each, every column of ``TABLE_COLUMNS``."""

    # A sort has been applied (a long list's, read on the read lane, arrives later than the click).
    sorted = Signal()
    # True while a background sort reads the new order, False once it is shown or given up.
    sort_pending = Signal(bool)

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.columns: tuple[str, ...] = TABLE_COLUMNS
        self.filter = LeadFilter()
        self.sort_column = "last_name"
        self.descending = False
        self._ids: list[int] = []
        self._rows: dict[int, int] | None = None  # id → row, built when first needed
        self._cache: dict[int, dict[str, Any]] = {}
        # Columns read for each row: the visible ones (the view says which); all until told.
        self.fetched: tuple[str, ...] = TABLE_COLUMNS
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.loaded = False
        # The (column, descending) the ids are in; changes keep it true (see ``apply_changes``).
        self._order: tuple[str, bool] | None = None
        # Bumped by every read of the ids: a background sort older than the last read is dropped.
        self._generation = 0
        # The order a background sort is reading (``sortByColumn`` asks twice; read it once).
        self._pending: tuple[str, bool] | None = None
        self._reasons = lost_reason_labels()

    # --- ids --------------------------------------------------------------------------------
    @property
    def ids(self) -> list[int]:
        return self._ids

    def row_of(self, lead_id: int) -> int:
        if self._rows is None:
            self._rows = {lead_id: row for row, lead_id in enumerate(self._ids)}
        return self._rows.get(lead_id, -1)

    def load(self) -> None:
        """Read the ids again under the filter and sort (a reset: for the first load)."""
        self.beginResetModel()
        self._generation += 1
        self._settle_pending()
        self._ids = sorted_ids(self.db, self.filter, self.sort_column, descending=self.descending)
        self._order = (self.sort_column, self.descending)
        self._rows = None
        self._cache.clear()
        self.loaded = True
        self.endResetModel()

    def relayout(self, *, forget: Iterable[int] = ()) -> None:
        """Read the ids again and move the rows there, keeping selection and current row by id."""
        self._generation += 1
        self._settle_pending()
        order = (self.sort_column, self.descending)
        self._apply_ids(sorted_ids(self.db, self.filter, order[0], descending=order[1]), order, forget)

    def _settle_pending(self) -> None:
        """The background sort is no longer awaited: it arrived, failed or was overtaken by a read."""
        if self._pending is not None:
            self._pending = None
            self.sort_pending.emit(False)

    def _apply_ids(self, new_ids: list[int], order: tuple[str, bool], forget: Iterable[int] = ()) -> None:
        """Show ``new_ids`` (in ``order``) as one layout change; persistent indexes follow their lead."""
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        persistent = self.persistentIndexList()
        self._order = order
        self._ids = new_ids
        self._rows = None
        for lead_id in forget:
            self._cache.pop(lead_id, None)
        old_rows = [
            (index, old_ids[index.row()] if 0 <= index.row() < len(old_ids) else None) for index in persistent
        ]
        self.changePersistentIndexList(
            persistent,
            [
                self.index(row, index.column())
                if (row := self.row_of(lead_id) if lead_id is not None else -1) >= 0
                else QModelIndex()
                for index, lead_id in old_rows
            ],
        )
        self.layoutChanged.emit()

    def set_filter(self, f: LeadFilter) -> None:
        self.filter = f
        if self.loaded:
            self.load()

    def set_fetched(self, columns: Iterable[str]) -> None:
        """Read only these columns from now on (the visible ones): narrower windows, faster scrolls."""
        wanted = tuple(c for c in TABLE_COLUMNS if c in set(columns))
        if set(wanted) - set(self.fetched):
            self._cache.clear()
        self.fetched = wanted or ("last_name",)

    # --- changes ------------------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """Follow a committed write: repaint the rows named, or re-read the ids when rows come or go."""
        if not self.loaded or not changes.touches_leads:
            return
        if changes.all_leads or changes.created or changes.moved or len(changes.updated) > PATCH_LIMIT:
            self._cache.clear()
            self.relayout()
            return
        if changes.removed and not changes.updated:
            self._remove(changes.removed)
            return
        named = changes.updated | changes.removed
        old = {i: self._cache.get(i) for i in named}
        fresh = table_rows(self.db, [i for i in named if self.row_of(i) >= 0], self.fetched)
        sort_key = "stage_since" if self.sort_column == "days_in_stage" else self.sort_column
        order_may_change = (
            not self.filter.is_empty
            or changes.removed
            or any(
                old[i] is None
                or sort_key not in (old[i] or {})
                or (old[i] or {}).get(sort_key) != row.get(sort_key)
                for i, row in fresh.items()
            )
        )
        if order_may_change:
            self.relayout(forget=named)
            return
        for lead_id, row in fresh.items():
            self._cache[lead_id] = row
            r = self.row_of(lead_id)
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.columns) - 1))

    def _remove(self, ids: Iterable[int]) -> None:
        """Take rows out one contiguous run at a time (selection and scroll stay put)."""
        rows = sorted((found for i in ids if (found := self.row_of(i)) >= 0), reverse=True)
        for lead_id in ids:
            self._cache.pop(lead_id, None)
        if len(rows) > PATCH_LIMIT:
            self.relayout()
            return
        run_end: int | None = None
        run_start: int | None = None
        for r in [*rows, None]:
            if run_start is not None and (r is None or r != run_start - 1):
                assert run_end is not None  # set with run_start
                self.beginRemoveRows(QModelIndex(), run_start, run_end)
                del self._ids[run_start : run_end + 1]
                self.endRemoveRows()
                run_start = run_end = None
            if r is None:
                break
            if run_start is None:
                run_start = run_end = r
            else:
                run_start = r
        self._rows = None

    # --- rows -----------------------------------------------------------------------------------
    def row_values(self, row: int) -> dict[str, Any] | None:
        lead_id = self._ids[row]
        values = self._cache.get(lead_id)
        if values is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            window = self._ids[max(0, row - WINDOW_BEFORE) : row + WINDOW_AFTER]
            missing = [i for i in window if i not in self._cache]
            self._cache.update(table_rows(self.db, missing, self.fetched))
            values = self._cache.get(lead_id)
        return values

    def value(self, row: int, column: str) -> Any:
        values = self.row_values(row)
        if values is None:
            return None
        if column == "days_in_stage":
            since = as_utc(values.get("stage_since"))
            return None if since is None else max(0, (self.now() - since).days)
        return values.get(column)

    def text(self, column: str, value: Any, values: dict[str, Any]) -> str:
        """A cell as the user reads it: dates in their zone, money in their locale, stages translated."""
        if value is None or value == "":
            return ""
        loc = QLocale()
        if column in MOMENT_COLUMNS:
            moment = as_utc(value) if isinstance(value, datetime) else None
            return local_text(moment) if moment is not None else str(value)
        if column == "stage":
            return stage_label(str(value))
        if column == "value":
            return money(float(value), values.get("currency") or "EUR", loc)
        if column == "lost_reason":
            key, _sep, details = str(value).partition(": ")
            label = self._reasons.get(key)
            return f"{label}: {details}" if label and details else (label or str(value))
        if column == "score_flag":
            return {"mql": stage_label("mql"), "sql": stage_label("sql")}.get(str(value), "")
        if isinstance(value, bool):
            return "✓" if value else ""
        if column in NUMBER_COLUMNS and isinstance(value, int | float):
            return loc.toString(int(value)) if float(value).is_integer() else loc.toString(float(value))
        if column == "notes":
            return " ".join(str(value).split())
        return str(value)

    # --- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        row, column = index.row(), self.columns[index.column()]
        if role == LEAD_ID_ROLE:
            return self._ids[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column not in ("notes", "tags", "lost_reason"):
                return None
            values = self.row_values(row)
            if values is None:
                return ""
            return self.text(column, self.value(row, column), values)
        if role == VALUE_ROLE:
            return self.value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in NUMBER_COLUMNS or column == "days_in_stage":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_label(self.columns[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column in SQL; the selection stays on the same leads."""
        if not 0 <= column < len(self.columns):
            return
        self.sort_column = self.columns[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        # Already in this order (``QTableView.sortByColumn`` asks twice): a second read of
        # 100,000 keys would double the wait for nothing.
        wanted = (self.sort_column, self.descending)
        if not self.loaded or wanted in (self._order, self._pending):
            return
        if len(self._ids) <= SORT_IN_BACKGROUND:
            self.relayout()
            self.sorted.emit()
            return
        # A long list: read the new order on the read lane, so the window keeps painting; a
        # change or another sort that reads the ids meanwhile makes this result stale.
        self._generation += 1
        self._pending = wanted
        generation, db, f = self._generation, self.db, self.filter

        def read(_op: object) -> list[int]:
            return sorted_ids(db, f, wanted[0], descending=wanted[1])

        def done(ids: list[int]) -> None:
            if generation == self._generation:
                self._apply_ids(ids, wanted)
                self._settle_pending()
                self.sorted.emit()

        def failed(exc: BaseException, _trace: str) -> None:
            if generation == self._generation:
                self._settle_pending()
            log.warning("sorting the list by %s failed: %s", wanted[0], type(exc).__name__)

        from leaddesk.ui.ops import operations

        self.sort_pending.emit(True)
        operations(self.db).read(read, done=done, failed=failed, owner=self)
