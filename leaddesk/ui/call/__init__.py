"""Discovery calls (issue 5): the call screen, its dialogs and the recovery of unfinished calls.

Hook points for the main window / board / lead editor:

- ``start_discovery_call(db, lead_id, parent)`` — "Start discovery call" on a card or in the
  editor (suggested shortcut Ctrl+Shift+D); returns the shown ``CallWindow``. Connect its
  ``lead_changed(int)`` signal to refresh the card.
- ``offer_pending_drafts(db, parent)`` — once at start, after the board is shown.
- ``BantHistoryView(db, lead_id)`` — the lead editor's "Qualification history" tab.
"""

from __future__ import annotations

from leaddesk.ui.call.history import BantHistoryView
from leaddesk.ui.call.recovery import DraftRecoveryDialog, offer_pending_drafts, pending_drafts
from leaddesk.ui.call.window import CallWindow, start_discovery_call

__all__ = [
    "BantHistoryView",
    "CallWindow",
    "DraftRecoveryDialog",
    "offer_pending_drafts",
    "pending_drafts",
    "start_discovery_call",
]
