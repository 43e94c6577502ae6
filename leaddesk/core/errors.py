"""Errors the core raises on purpose; each carries a message a person understands."""

from __future__ import annotations

from leaddesk.core.text import Text

#: Reasons the UI reacts to specifically; compare with ``==`` (a ``Text`` equals its English string),
#: never search the (possibly translated) text shown.
NEEDS_NAME_OR_COMPANY = Text("a lead needs a name or a company")


class LeadDeskError(Exception):
    """Base for expected, user-facing failures (shown as a message, never as a traceback)."""


class ValidationError(LeadDeskError):
    """Input refused. ``errors`` maps a field name to the reason, so a form can mark the field."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in self.errors.items()))


class ConflictError(LeadDeskError):
    """The record changed since it was read (optimistic concurrency); nothing was written."""

    def __init__(self, what: str, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(
            Text(
                "{what} was changed elsewhere (you edited version {expected}, "
                "it is now at version {actual}); nothing was saved",
                what=what,
                expected=expected,
                actual=actual,
            )
        )


class NotFoundError(LeadDeskError):
    """A record that should exist does not."""


class DatabaseError(LeadDeskError):
    """The database cannot be used: locked, read-only, corrupt, or made by a newer LeadDesk."""


class DatabaseBusyError(DatabaseError):
    """Another process holds the write lock longer than we were willing to wait; nothing was written.

    The message never carries SQL or data: it is shown as is in message boxes and on stderr.
    """

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or BUSY_MESSAGE)


#: What a user reads when another LeadDesk (or any program) keeps the database busy.
BUSY_MESSAGE = Text("Another LeadDesk process is writing to the database; please wait a moment and try again")


class DatabaseInUseError(DatabaseError):
    """An operation that needs the database to itself (restore) found it open elsewhere; nothing changed."""


class DatabaseDamagedError(DatabaseError):
    """The database is damaged: it was opened read-only, writes are refused until a backup is restored."""


class NewerSchemaError(DatabaseError):
    """The database was written by a newer LeadDesk; it is left untouched (asked to update instead)."""


class Cancelled(LeadDeskError):
    """The user cancelled a long operation; its transaction was rolled back."""
