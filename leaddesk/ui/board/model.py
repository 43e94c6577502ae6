"""One board column as an item model: it holds ids and fetches card rows only for rows in view.

A column of 45,000 leads costs a list of ints; cards are read in chunks (``card_rows``) the
first time a row is painted and kept in a bounded cache. Drag and drop carries lead ids as
JSON under ``MIME_TYPE``; a drop does not move rows itself but asks the board
(``move_requested``), which saves the move and then updates both columns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from leaddesk.core.db import as_utc

MIME_TYPE = "application/x-leaddesk-lead-ids"
LEAD_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
CARD_ROLE = int(Qt.ItemDataRole.UserRole) + 2

# Rows fetched around a cache miss: a screenful of cards and some. Each row is a random read of a
# wide lead row (~25 µs cold), so a search keystroke that shows new cards in four columns stays cheap.
CHUNK_BEFORE = 8
CHUNK_AFTER = 32
CACHE_LIMIT = 6000

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Card:
    """What a card paints: plain values, never an ORM row."""

    id: int
    name: str
    company: str
    score: int
    score_flag: str
    bant_confirmed: int
    has_qualification: bool
    next_follow_up: datetime | None
    source: str
    value: float
    currency: str
    stage: str
    owner: str
    version: int
    # The person asked not to be contacted (data protection): the card says so.
    do_not_contact: bool = False

    @property
    def title(self) -> str:
        return self.name or self.company

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Card:
        name = f"{row['first_name']} {row['last_name']}".strip()
        return cls(
            id=int(row["id"]),
            name=name,
            company=row["company"] or "",
            score=int(row["score"] or 0),
            score_flag=row["score_flag"] or "",
            bant_confirmed=int(row["bant_confirmed"] or 0),
            has_qualification=bool(row["has_qualification"]),
            next_follow_up=as_utc(row["next_follow_up"]),
            source=row["source"] or "",
            value=float(row["value"] or 0.0),
            currency=row["currency"] or "EUR",
            stage=row["stage"],
            owner=row["owner"] or "",
            version=int(row["version"]),
            do_not_contact=bool(row.get("do_not_contact")),
        )


Fetcher = Callable[[list[int]], Mapping[int, Card]]


class ColumnModel(QAbstractTableModel):
    """Ids of one stage in board order; one column; cards fetched lazily through ``fetch``."""

    # lead id, from stage, to stage, target row in this column's visible list
    move_requested = Signal(int, str, str, int)
    # Several cards dropped here from another column: ids, this stage (one bulk move).
    bulk_move_requested = Signal(object, str)

    def __init__(self, stage: str, fetch: Fetcher, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._fetch = fetch
        self._ids: list[int] = []
        self._cache: dict[int, Card] = {}

    # --- ids -------------------------------------------------------------------------------
    @property
    def ids(self) -> list[int]:
        return self._ids

    def set_ids(self, ids: list[int]) -> None:
        """Replace the column's content (a filter or a reload): one reset, not a row at a time."""
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()

    def insert_id(self, row: int, lead_id: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, lead_id)
        self.endInsertRows()

    def remove_row_of(self, lead_id: int, hint: int = -1) -> int:
        """Remove ``lead_id``; returns the row it had, or -1 if it was not shown."""
        row = hint if 0 <= hint < len(self._ids) and self._ids[hint] == lead_id else self.row_of(lead_id)
        if row < 0:
            return -1
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self.endRemoveRows()
        return row

    def row_of(self, lead_id: int) -> int:
        try:
            return self._ids.index(lead_id)
        except ValueError:
            return -1

    # --- cards -----------------------------------------------------------------------------
    def card_at(self, row: int) -> Card | None:
        lead_id = self._ids[row]
        card = self._cache.get(lead_id)
        if card is None:
            self._load_around(row)
            card = self._cache.get(lead_id)
        return card

    def cached(self, lead_id: int) -> Card | None:
        return self._cache.get(lead_id)

    def put_card(self, card: Card) -> None:
        """Store a fresh card (after a save) and repaint its row if shown."""
        self._cache[card.id] = card
        row = self.row_of(card.id) if card.stage == self.stage else -1
        if row >= 0:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [CARD_ROLE, int(Qt.ItemDataRole.DisplayRole)])

    def keep_card(self, card: Card) -> None:
        """Store a card read with others (its row is about to be inserted and painted)."""
        self._cache[card.id] = card

    def cached_ids(self) -> list[int]:
        return list(self._cache)

    def forget_card(self, lead_id: int) -> None:
        """Drop one cached card and repaint its row if shown (its content changed)."""
        if self._cache.pop(lead_id, None) is not None:
            row = self.row_of(lead_id)
            if row >= 0:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def forget(self, lead_ids: Sequence[int] | None = None) -> None:
        """Drop cached cards (all when ``lead_ids`` is None) so the next paint reads them again."""
        if lead_ids is None:
            self._cache.clear()
        else:
            for lead_id in lead_ids:
                self._cache.pop(lead_id, None)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, 0))

    def _load_around(self, row: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        chunk = self._ids[max(0, row - CHUNK_BEFORE) : row + CHUNK_AFTER]
        missing = [i for i in chunk if i not in self._cache]
        self._cache.update(self._fetch(missing))

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == LEAD_ID_ROLE:
            return self._ids[index.row()]
        if role == CARD_ROLE:
            return self.card_at(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            card = self.card_at(index.row())
            return "" if card is None else ", ".join(p for p in (card.name, card.company) if p)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({self._ids[i.row()] for i in indexes if i.isValid()}, key=self._ids.index)
        mime = QMimeData()
        mime.setData(MIME_TYPE, json.dumps({"stage": self.stage, "ids": ids}).encode())
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and action in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Ask the board to move the dropped lead(s) before ``row`` (or onto ``parent``'s row)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        payload = decode_mime(data)
        if payload is None:
            return False
        from_stage, ids = payload
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._ids)
        if len(ids) > 1 and from_stage != self.stage:
            self.bulk_move_requested.emit(ids, self.stage)
            return True
        for offset, lead_id in enumerate(ids):
            self.move_requested.emit(lead_id, from_stage, self.stage, row + offset)
        return bool(ids)

    def removeRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        """Views must not delete rows after a drag: the board moves them once the save succeeded."""
        return False


def decode_mime(data: QMimeData) -> tuple[str, list[int]] | None:
    """(from stage, ids) of a LeadDesk drag, or None for anything else."""
    try:
        payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        return str(payload["stage"]), [int(i) for i in payload["ids"]]
    except (ValueError, KeyError, TypeError):
        return None
