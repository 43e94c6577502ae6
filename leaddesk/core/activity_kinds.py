"""Kinds of activity and outcomes of a call: plain vocabulary beside ``stages``.

Scoring rules name activity kinds and the activity service stores them; both read them
here, so neither imports the other.
"""

from __future__ import annotations

from leaddesk.core.text import Text

CALL = "call"
EMAIL = "email"
MEETING = "meeting"
NOTE = "note"
DOWNLOAD = "download"
WEBINAR = "webinar"
BOOTH_VISIT = "booth_visit"
FORM_FILL = "form_fill"
QUOTE_REQUEST = "quote_request"

#: Activity kinds in the order the quick-add offers them (key → English label; the UI translates).
KIND_LABELS: dict[str, str] = {
    CALL: Text("Call"),
    EMAIL: Text("Email"),
    MEETING: Text("Meeting"),
    NOTE: Text("Note"),
    DOWNLOAD: Text("Download (content)"),  # unique first letters: the quick add picks kinds by letter
    WEBINAR: Text("Webinar"),
    BOOTH_VISIT: Text("Booth visit"),
    FORM_FILL: Text("Form fill"),
    QUOTE_REQUEST: Text("Quote request"),
}
KINDS: tuple[str, ...] = tuple(KIND_LABELS)

QUALIFIED = "qualified"
FOLLOW_UP = "follow_up"
DISQUALIFIED = "disqualified"
NOT_REACHED = "not_reached"

#: Outcomes of a call (key → English label).
CALL_OUTCOMES: dict[str, str] = {
    QUALIFIED: "Qualified",
    FOLLOW_UP: "Needs follow-up",
    DISQUALIFIED: "Disqualified",
    NOT_REACHED: "Not reached",
}
