"""Order of the cards inside a board column: manual (drag order) or by score, value, last activity, follow-up.

Each sorted column orders its ids by a key read once for all leads (one pass through
``lead_table.column_keys``, ~100 ms for 100,000) and kept; a change naming a few leads reads
just their keys again, so a card still lands in its place with a single row insert. Manual
order is the board's own position order and needs no keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from leaddesk.core.db import Database
from leaddesk.core.services.lead_table import column_keys

MANUAL = "manual"
# Mode → (list column read, descending?): highest score and value, latest activity and
# earliest follow-up first.
MODES: dict[str, tuple[str, bool]] = {
    "score": ("score", True),
    "value": ("value", True),
    "last_activity": ("last_activity", True),
    "follow_up": ("next_follow_up", False),
}

SortKey = tuple[int, float, int]


def mode_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        MANUAL: translate("BoardSort", "Manual order"),
        "score": translate("BoardSort", "Score"),
        "value": translate("BoardSort", "Deal value"),
        "last_activity": translate("BoardSort", "Last activity"),
        "follow_up": translate("BoardSort", "Follow-up date"),
    }


def _number(value: Any) -> float | None:
    """A key as a number: moments (ISO text from SQLite, or datetimes) as timestamps."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp()
    try:
        return datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return None


class ColumnSorting:
    """Which columns are sorted how, and the keys their order needs."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.modes: dict[str, str] = {}
        self._keys: dict[str, dict[int, float | None]] = {}

    def mode(self, stage: str) -> str:
        return self.modes.get(stage, MANUAL)

    def is_sorted(self, stage: str) -> bool:
        return self.mode(stage) != MANUAL

    def forget(self) -> None:
        """Every key read again when next needed (after a reload)."""
        self._keys.clear()

    def _values(self, mode: str) -> dict[int, float | None]:
        values = self._keys.get(mode)
        if values is None:
            column = MODES[mode][0]
            values = self._keys[mode] = {i: _number(k) for i, k in column_keys(self.db, column)}
        return values

    def refresh(self, ids: Iterable[int]) -> None:
        """Read the keys of these leads again (they changed), for every mode in use."""
        wanted = list(ids)
        if not wanted:
            return
        for mode in set(self.modes.values()) - {MANUAL}:
            values = self._keys.get(mode)
            if values is None:
                continue
            fresh = dict(column_keys(self.db, MODES[mode][0], wanted))
            for lead_id in wanted:
                values[lead_id] = _number(fresh.get(lead_id))

    def key(self, stage: str) -> Callable[[int], SortKey] | None:
        """The key of ``stage``'s order (None: manual order), empty values last."""
        mode = self.mode(stage)
        if mode == MANUAL:
            return None
        values = self._values(mode)
        sign = -1.0 if MODES[mode][1] else 1.0

        def key(lead_id: int) -> SortKey:
            value = values.get(lead_id)
            return (1, 0.0, lead_id) if value is None else (0, sign * value, lead_id)

        return key

    def order(self, stage: str, ids: list[int]) -> list[int]:
        if not ids:
            return ids
        key = self.key(stage)
        if key is not None:
            ids.sort(key=key)
        return ids
