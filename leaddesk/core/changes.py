"""What a committed write changed: the one vocabulary every window refreshes from.

Services note what they change on the transaction's session (:func:`note`); when the
transaction commits, :class:`leaddesk.core.db.Database` turns the notes into one
:class:`Changes` value, hands it to its listeners (the UI's operations layer, a server's
notifier) and keeps it on the session for the service to return. Nothing is guessed
afterwards: a window that shows leads updates exactly the ids named here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: Where the notes of one transaction collect (``Session.info`` key).
_NOTES = "leaddesk_changes"
#: Where the committed result stays readable after the ``with`` block.
_RESULT = "leaddesk_committed_changes"

_ID_KINDS = ("created", "updated", "moved", "removed")
_FLAG_KINDS = ("all_leads", "tasks", "activities", "rules", "settings", "imports", "trash", "users")


@dataclass(frozen=True)
class Changes:
    """Lead ids by what happened to them, plus flags for the other things a view may show.

    ``created``: new on the board (also a lead restored from the trash); ``updated``: content
    changed (fields, score, BANT, follow-up); ``moved``: stage or position changed;
    ``removed``: gone from the board (trash, merged away, erased, an undone import).
    ``all_leads`` says that too many leads changed to name them (a rescore of all): reload.
    """

    created: frozenset[int] = frozenset()
    updated: frozenset[int] = frozenset()
    moved: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()
    all_leads: bool = False
    tasks: bool = False
    activities: bool = False
    rules: bool = False
    settings: bool = False
    imports: bool = False
    trash: bool = False
    #: The user list (team mode) changed: added, renamed, deactivated.
    users: bool = False

    def __or__(self, other: Changes) -> Changes:
        values: dict[str, Any] = {k: getattr(self, k) | getattr(other, k) for k in _ID_KINDS}
        values.update({k: getattr(self, k) or getattr(other, k) for k in _FLAG_KINDS})
        return Changes(**values)

    @property
    def lead_ids(self) -> frozenset[int]:
        """Every lead named, whatever happened to it."""
        return self.created | self.updated | self.moved | self.removed

    @property
    def touches_leads(self) -> bool:
        return self.all_leads or bool(self.lead_ids)

    @property
    def is_empty(self) -> bool:
        return not self.lead_ids and not any(getattr(self, k) for k in _FLAG_KINDS)

    def __bool__(self) -> bool:
        return not self.is_empty

    def summary(self) -> str:
        """A short, data-free description for logs ("created 3, moved 1, tasks")."""
        parts = [f"{k} {len(getattr(self, k))}" for k in _ID_KINDS if getattr(self, k)]
        parts += [k for k in _FLAG_KINDS if getattr(self, k)]
        return ", ".join(parts) or "nothing"


NO_CHANGES = Changes()


def note(
    session: Any,
    *,
    created: Iterable[int] = (),
    updated: Iterable[int] = (),
    moved: Iterable[int] = (),
    removed: Iterable[int] = (),
    **flags: bool,
) -> None:
    """Record on ``session`` (a Session or Connection with ``.info``) what this write changes."""
    unknown = set(flags) - set(_FLAG_KINDS)
    if unknown:
        raise TypeError(f"unknown change kinds: {sorted(unknown)}")
    notes: dict[str, Any] = session.info.setdefault(_NOTES, {k: set() for k in _ID_KINDS})
    for kind, ids in (("created", created), ("updated", updated), ("moved", moved), ("removed", removed)):
        notes[kind].update(int(i) for i in ids)
    for kind, value in flags.items():
        if value:
            notes[kind] = True


def take_notes(session: Any) -> Changes:
    """The notes of ``session`` as one :class:`Changes`, cleared (called once, at commit)."""
    notes = session.info.pop(_NOTES, None)
    if not notes:
        return NO_CHANGES
    removed = frozenset(notes["removed"])
    created = frozenset(notes["created"]) - removed
    # A lead created in this transaction is simply new; any edit or move of it is part of that.
    values: dict[str, Any] = {
        "created": created,
        "updated": frozenset(notes["updated"]) - created - removed,
        "moved": frozenset(notes["moved"]) - created - removed,
        "removed": removed,
    }
    values.update({k: bool(notes.get(k)) for k in _FLAG_KINDS})
    return Changes(**values)


def discard_notes(session: Any) -> None:
    """Forget the notes of a transaction that rolled back."""
    session.info.pop(_NOTES, None)


def committed(session: Any) -> Changes:
    """What the transaction of ``session`` committed (after its ``with db.transaction()`` block)."""
    result = session.info.get(_RESULT)
    return result if isinstance(result, Changes) else NO_CHANGES


def keep_committed(session: Any, changes: Changes) -> None:
    session.info[_RESULT] = changes


# --- Changes between processes (issue 16: colleagues see each other's work live) -------------------
# A committed write announces its Changes to the other LeadDesk processes on the same database
# (PostgreSQL's NOTIFY, see leaddesk.core.db.announce_changes) as a compact JSON text.

_SHORT = {"created": "c", "updated": "u", "moved": "m", "removed": "r"}


def to_payload(changes: Changes, origin: str, max_bytes: int) -> str:
    """``changes`` as compact JSON naming its sender ``origin``, at most ``max_bytes`` long.

    Too many ids to fit say "all leads changed" instead (the receiver reloads), so the
    announcement is never dropped for its size.
    """
    flags = [k for k in _FLAG_KINDS if getattr(changes, k)]
    body: dict[str, Any] = {"o": origin}
    for kind, short in _SHORT.items():
        ids = getattr(changes, kind)
        if ids:
            body[short] = sorted(ids)
    if flags:
        body["f"] = flags
    text = json.dumps(body, separators=(",", ":"))
    if len(text.encode()) <= max_bytes:
        return text
    flags = ["all_leads", *(f for f in flags if f != "all_leads")]
    return json.dumps({"o": origin, "f": flags}, separators=(",", ":"))


def from_payload(text: str) -> tuple[str, Changes]:
    """The sender and the Changes of :func:`to_payload`'s text.

    A text that cannot be read (another program on the channel, a newer LeadDesk) counts as
    "everything changed": a needless reload is better than a missed change.
    """
    try:
        body = json.loads(text)
        if not isinstance(body, dict):
            raise ValueError("not an object")
        values: dict[str, Any] = {
            kind: frozenset(int(i) for i in body.get(short, ())) for kind, short in _SHORT.items()
        }
        values.update({k: True for k in body.get("f", ()) if k in _FLAG_KINDS})
        return str(body.get("o", "")), Changes(**values)
    except (ValueError, TypeError):
        return "", EVERYTHING


#: What a receiver assumes when it may have missed announcements (a lost connection).
EVERYTHING = Changes(**dict.fromkeys(_FLAG_KINDS, True))  # type: ignore[arg-type]
