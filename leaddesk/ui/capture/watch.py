"""The quick entry's duplicate check while a card is typed, and the band that shows what it found.

Debounced (the check starts once typing pauses) and off the UI thread, so a slow look-up never
stalls typing; an answer for text typed over since is dropped. Enter checks again at once, on
the UI thread, so a card is never saved on a stale answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from leaddesk.core.db import Database
from leaddesk.core.dedupe import Match, find_matches
from leaddesk.ui.capture.card_form import IDENTITY_FIELDS
from leaddesk.ui.capture.jobs import CheckJob, CheckSignals
from leaddesk.ui.capture.panels import DuplicatePanel
from leaddesk.ui.ops import Operations

#: Pause in typing after which the check runs.
DUPLICATE_DELAY_MS = 150


class DuplicateWatch(QObject):
    """Checks the card ``card()`` returns — (id of the lead being corrected or 0, values) — and
    lists the leads it may repeat in ``panel``. Strong matches must be answered (merge, keep
    both) before the card is saved: :meth:`unresolved`."""

    def __init__(
        self,
        db: Database,
        ops: Operations,
        panel: DuplicatePanel,
        card: Callable[[], tuple[int, dict[str, str]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self._ops, self.panel, self._card = db, ops, panel, card
        self.matches: list[Match] = []
        self._checked: tuple[Any, ...] = ()
        self._acknowledged: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DUPLICATE_DELAY_MS)
        self._timer.timeout.connect(self._check_in_background)
        self._signals = CheckSignals(self)
        self._signals.done.connect(self._on_check_done)

    def schedule(self) -> None:
        """The card changed: check once typing pauses."""
        self._timer.start()

    def stale(self) -> bool:
        """True when what is shown is not the answer for the card as it is now."""
        return self._timer.isActive() or self._checked != _key(*self._card())

    def check_now(self) -> list[Match]:
        """Look for the card among existing leads now (UI thread) and show what was found."""
        self._timer.stop()
        editing, values = self._card()
        key = _key(editing, values)
        if not any(key[1:]):
            matches: list[Match] = []
        else:
            matches = find_matches(self.db, values, exclude_ids={editing} if editing else set(), limit=5)
        self._show(key, matches)
        return matches

    def unresolved(self) -> list[Match]:
        """Strong matches the person has not answered with Keep both."""
        return [m for m in self.matches if m.strong and m.lead_id not in self._acknowledged]

    def acknowledge(self) -> None:
        """Keep both: the matches shown are other people."""
        self._acknowledged.update(m.lead_id for m in self.matches)

    def selected(self) -> Match | None:
        """The match chosen in the band (the first when none is), None when the band is hidden."""
        if not self.matches or not self.panel.isVisible():
            return None
        row = self.panel.current_row()
        return self.matches[row] if row < len(self.matches) else self.matches[0]

    def reset(self) -> None:
        """A new card: nothing found, nothing answered, and the same card typed again is checked again."""
        self.matches = []
        self._checked = ()
        self._acknowledged = set()
        self.panel.hide()
        self._timer.stop()

    def _check_in_background(self) -> None:
        editing, values = self._card()
        key = _key(editing, values)
        if key == self._checked:
            return
        if not any(key[1:]):
            self._show(key, [])
            return
        job = CheckJob(self.db, key, values, self._signals)
        self._ops.read(lambda _op: job.run(), owner=self)

    def _on_check_done(self, key: tuple[Any, ...], matches: list[Match] | None) -> None:
        if matches is not None and key == _key(*self._card()):  # drop answers for text typed over since
            self._show(key, matches)

    def _show(self, key: tuple[Any, ...], matches: list[Match]) -> None:
        self._checked = key
        self.matches = matches
        self.panel.show_matches(matches, correcting=bool(key[0]))


def _key(editing: int, values: dict[str, str]) -> tuple[Any, ...]:
    """What a check's answer holds for: the lead being corrected (0: none) and the identity fields."""
    return (editing, *(values[k] for k in IDENTITY_FIELDS))
