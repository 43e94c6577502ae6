"""Discovery calls (issue 5): the call screen, its dialogs and the recovery of unfinished calls.

Hook points for the main window / board / lead editor:

- ``start_call_action(widget, db, current_lead_id)`` — adds "Start discovery call"
  (Ctrl+Shift+D) to a board view or the lead editor; or call
  ``start_discovery_call(db, lead_id, parent)`` from a context menu. Both return/keep the shown
  ``CallWindow``; connect its ``lead_changed(int)`` signal to refresh the card.
- ``offer_pending_drafts(db, parent)`` — once at start, after the board is shown.
- ``BantHistoryView(db, lead_id)`` — the lead editor's "Qualification history" tab.
- ``QualificationPanel(db, lead_id)`` — the lead editor's "Qualification" tab (edit BANT
  between calls, history below).
- ``QualificationRuleDialog(db, parent)`` — settings: the rule that suggests SQL.
"""

from __future__ import annotations

from leaddesk.ui.call.history import BantHistoryView
from leaddesk.ui.call.panel import QualificationPanel
from leaddesk.ui.call.recovery import DraftRecoveryDialog, offer_pending_drafts, pending_drafts
from leaddesk.ui.call.rule import QualificationRuleDialog
from leaddesk.ui.call.window import CallWindow, start_call_action, start_discovery_call

__all__ = [
    "BantHistoryView",
    "CallWindow",
    "DraftRecoveryDialog",
    "QualificationPanel",
    "QualificationRuleDialog",
    "offer_pending_drafts",
    "pending_drafts",
    "start_call_action",
    "start_discovery_call",
]
